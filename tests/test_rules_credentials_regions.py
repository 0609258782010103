"""Credential, region, value and portability rules (AWS202–AWS216, AWS302–AWS305, AWS401):
exact messages and locations of the tricky variants, false-positive guards, bad input, file
permissions and git on real files, and differential checks against botocore (offline)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Optional

import botocore.exceptions
import botocore.session
import pytest
from support.offline_botocore import isolate_botocore
from awslint.facts import credentials as credentials_facts
from awslint.files import filemeta
from awslint.files.templates import templated
from awslint.findings import Finding
from awslint.run.lint import lint_text
from awslint.aws.regions import Regions
from awslint.engine.ruleset import RuleSet, load_rules
from support.fakes import KEY_ID, SECRET, TEMP_KEY_ID, TEMP_SECRET, TOKEN, write_layout

KEYS = f"aws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n"
CATALOGUE = [
    "AWS202", "AWS204", "AWS205", "AWS206", "AWS207", "AWS208", "AWS209", "AWS210", "AWS211",
    "AWS212", "AWS214", "AWS215", "AWS216", "AWS302", "AWS303", "AWS304", "AWS305", "AWS401",
]
ROOT = Path(__file__).parent.parent


def run(lint: Any, config: Optional[str] = None, credentials: Optional[str] = None, codes: Optional[list[str]] = None) -> list[Finding]:
    return lint(config=config, credentials=credentials, select=codes or CATALOGUE)


def where(findings: list[Finding]) -> list[tuple[str, str, int, int]]:
    return [(f.code, f.path, f.line, f.column) for f in findings]


# --- exact messages and locations ---------------------------------------------------------


def test_partial_credentials_are_judged_per_file(lint: Any) -> None:
    # Key id in config, secret in credentials: botocore's providers each see half a pair.
    findings = run(lint, f"[profile w]\naws_access_key_id = {KEY_ID}\n", f"[w]\naws_secret_access_key = {SECRET}\n", ["AWS206"])
    assert where(findings) == [("AWS206", "config", 2, 1), ("AWS206", "credentials", 2, 1)]
    assert "Partial credentials found in config-file" in findings[0].message
    assert "silently skips these keys" in findings[1].message


def test_token_without_keys_points_at_the_token(lint: Any) -> None:
    findings = run(lint, credentials=f"[t]\naws_session_token = {TOKEN}\n", codes=["AWS206"])
    assert where(findings) == [("AWS206", "credentials", 2, 1)]
    assert findings[0].message.startswith("Profile 't' has a session token in the credentials file")


def test_malformed_key_material_never_prints_the_value(lint: Any) -> None:
    bad_secret = SECRET[:-1] + "%"
    findings = run(lint, credentials=f"[w]\naws_access_key_id = AROAUJZDEGXDNCF32EPF\naws_secret_access_key = {bad_secret}\n", codes=["AWS207"])
    assert [(f.line, f.column, f.end_column) for f in findings] == [(2, 21, 41), (3, 25, 65)]
    assert "an IAM role's unique ID" in findings[0].message
    for finding in findings:
        assert "AROAUJZDEGXDNCF32EPF" not in finding.message
        assert bad_secret not in finding.message and SECRET[:20] not in finding.message


def test_session_token_mismatch_uses_the_token_of_the_keys_file(lint: Any) -> None:
    # The token sits in the config file, the ASIA keys in the credentials file: botocore reads
    # the token from the credentials file only, so the keys go without one.
    config = f"[profile s]\naws_session_token = {TOKEN}\n"
    credentials = f"[s]\naws_access_key_id = {TEMP_KEY_ID}\naws_secret_access_key = {TEMP_SECRET}\n"
    findings = run(lint, config, credentials, ["AWS208"])
    assert where(findings) == [("AWS208", "credentials", 2, 1)]
    assert "ASIA…JHTL without a session token" in findings[0].message


@pytest.mark.parametrize(
    ("value", "status", "severity", "hint"),
    [
        ("us-east1", "unknown", "error", "(did you mean 'us-east-1'?)"),
        ("US-EAST-1", "unknown", "error", "(did you mean 'us-east-1'?)"),
        ("eu-west", "unknown", "error", "(did you mean 'eu-west-1'?)"),
        ("eu-wets-1", "unknown", "error", "(did you mean 'eu-west-1'?)"),
        ("ap-southeast-8", "pattern", "info", "newer than that list"),
        ("us-east-1a", "availability-zone", "warning", "(the region is 'us-east-1')"),
        ("us-west-2-lax-1a", "availability-zone", "warning", "(the region is 'us-west-2')"),
        ("aws-global", "global", "warning", "pseudo-region"),
        ("narnia", "unknown", "error", "is not a region code:"),
    ],
)
def test_region_variants(lint: Any, value: str, status: str, severity: str, hint: str) -> None:
    findings = run(lint, f"[profile r]\nregion = {value}\n", codes=["AWS303"])
    assert [(f.severity, f.line, f.column) for f in findings] == [(severity, 2, 10)]
    assert hint in findings[0].message
    assert f"'{value}'" in findings[0].message


@pytest.mark.parametrize("value", ["eu-west-1", "us-gov-east-1", "cn-north-1", "eusc-de-east-1", "us-isof-south-1", "me-west-1"])
def test_known_regions_pass(lint: Any, value: str) -> None:
    assert run(lint, f"[profile r]\nregion = {value}\n", codes=["AWS303"]) == []


@pytest.mark.parametrize("value", ['"eu-west-1"', "eu-west-1 # prod", "eu-west-1 ; prod"])
def test_region_that_is_valid_without_quotes_or_comment_is_left_to_the_syntax_rules(lint: Any, value: str) -> None:
    assert run(lint, f"[profile r]\nregion = {value}\n", codes=["AWS303"]) == []


def test_setting_value_with_inline_comment_is_left_to_aws006(lint: Any) -> None:
    assert run(lint, "[profile r]\noutput = json # c\nretry_mode = 'standard'\n", codes=["AWS304"]) == []


def test_setting_values_outside_profiles_are_not_judged(lint: Any) -> None:
    assert run(lint, "[sso-session x]\noutput = JSON\n[preview]\nretry_mode = x\n", codes=["AWS304"]) == []


def test_setting_value_in_credentials_file_is_judged(lint: Any) -> None:
    findings = run(lint, credentials="[p]\nmax_attempts = many\n", codes=["AWS304"])
    assert where(findings) == [("AWS304", "credentials", 2, 16)]
    assert "not a whole number of at least 1" in findings[0].message


def test_long_bad_value_is_cut_in_the_message(lint: Any) -> None:
    findings = run(lint, f"[profile r]\nretry_mode = {'x' * 5000}\n", codes=["AWS304"])
    assert len(findings) == 1 and len(findings[0].message) < 400


def test_arn_partition_mismatch_and_sso_region(lint: Any) -> None:
    config = "[profile c]\nregion = cn-north-1\nrole_arn = arn:aws:iam::111122223333:role/A\nsource_profile = c\n" + KEYS
    findings = run(lint, config, codes=["AWS215"])
    assert where(findings) == [("AWS215", "config", 3, 12)]
    assert "partition 'aws' but the region cn-north-1 is in partition 'aws-cn'" in findings[0].message


def test_insecure_endpoint_in_services_section(lint: Any) -> None:
    config = "[profile p]\nservices = s\n[services s]\ns3 =\n  endpoint_url = http://minio.internal:9000\n"
    findings = run(lint, config, f"[p]\n{KEYS}", ["AWS305"])
    assert len(findings) == 1 and "plain HTTP to http://minio.internal:9000" in findings[0].message


def test_endpoint_on_a_role_whose_chain_ends_in_placeholder_keys_is_fine(lint: Any) -> None:
    config = "[profile r]\nrole_arn = arn:aws:iam::000000000000:role/x\nsource_profile = ls\nendpoint_url = http://localhost:4566\n"
    assert run(lint, config, "[ls]\naws_access_key_id = test\naws_secret_access_key = test\n", ["AWS305"]) == []


@pytest.mark.parametrize(
    ("command", "variant"),
    [
        ("/opt/creds && echo", "'&&'"),
        ("/opt/creds > /tmp/log", "redirection"),
        ("/opt/creds `whoami`", "backticks"),
        ('/opt/creds "$HOME/x"', "a $VARIABLE"),
        ("/opt/creds; echo", "';'"),
    ],
)
def test_credential_process_shell_features(lint: Any, command: str, variant: str) -> None:
    findings = run(lint, f"[profile p]\ncredential_process = {command}\n", codes=["AWS401"])
    assert len(findings) == 1 and f"uses {variant}:" in findings[0].message


@pytest.mark.parametrize(
    "command",
    [
        "/opt/creds --query 'a|b;c>d'",
        "aws-vault exec p --json",
        r"C:\tools\creds.exe --profile p",
        "/opt/creds '~/quoted'",
        "/opt/creds --price $",
    ],
)
def test_credential_process_without_portability_problems(lint: Any, command: str) -> None:
    assert run(lint, f"[profile p]\ncredential_process = {command}\n", codes=["AWS401"]) == []


# --- expiry and "now" ---------------------------------------------------------------------


def _token_profile(marker: str) -> str:
    return f"[t]\naws_access_key_id = {TEMP_KEY_ID}\naws_secret_access_key = {TEMP_SECRET}\naws_session_token = {TOKEN}\n{marker}\n"


@pytest.mark.parametrize(
    "marker",
    [
        "x_security_token_expires = 2030-06-01T12:00:00Z",
        "aws_expiration = 2030-06-01T14:00:00+02:00",
        "aws_credential_expiration = 2030-06-01 12:00:00",
        "expiration = 1906545600",
        "aws_session_expiration = 2030-06-01T12:00:00.123456789Z",
    ],
)
def test_expiry_is_compared_with_an_injectable_now(lint: Any, monkeypatch: pytest.MonkeyPatch, marker: str) -> None:
    before = datetime(2030, 6, 1, 11, 0, tzinfo=timezone.utc)
    after = datetime(2030, 6, 1, 13, 0, tzinfo=timezone.utc)
    monkeypatch.setattr(credentials_facts, "utcnow", lambda: before)
    assert run(lint, credentials=_token_profile(marker), codes=["AWS210"]) == []
    monkeypatch.setattr(credentials_facts, "utcnow", lambda: after)
    findings = run(lint, credentials=_token_profile(marker), codes=["AWS210"])
    assert [(f.severity, f.line) for f in findings] == [("warning", 4)]
    assert "expired at 2030-06-01 12:00 UTC" in findings[0].message


def test_placeholder_session_credentials_are_not_stale(lint: Any) -> None:
    text = "[ls]\naws_access_key_id = test\naws_secret_access_key = test\naws_session_token = test\n"
    assert run(lint, credentials=text, codes=["AWS210", "AWS208"]) == []


# --- false-positive guards ----------------------------------------------------------------

CLEAN_LAYOUTS = {
    "localstack": (
        "[profile localstack]\nregion = us-east-1\nendpoint_url = http://localhost:4566\noutput = json\n",
        "[localstack]\naws_access_key_id = test\naws_secret_access_key = test\n",
    ),
    "localstack-in-config": (
        (
            "[profile ls]\nregion = us-east-1\nendpoint_url = http://localhost.localstack.cloud:4566\n"
            "aws_access_key_id = test\naws_secret_access_key = test\n"
        ),
        None,
    ),
    "templated-chezmoi": (
        "[profile dev]\nregion = {{ .region }}\nrole_arn = {{ .role_arn }}\nsource_profile = base\nmfa_serial = {{ .mfa }}\n",
        "[base]\naws_access_key_id = {{ .key_id }}\naws_secret_access_key = {{ .secret }}\n",
    ),
    "aws-vault": (
        (
            "[profile jon]\nregion = eu-west-1\nmfa_serial = arn:aws:iam::111122223333:mfa/jon\n"
            "credential_process = aws-vault exec jon --json\n"
            "[profile admin]\nsource_profile = jon\nrole_arn = arn:aws:iam::111122223333:role/Admin\n"
            "mfa_serial = arn:aws:iam::111122223333:mfa/jon\n"
        ),
        None,
    ),
    "sso-only": (
        (
            "[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\nregion = eu-central-2\n"
            "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n"
            "sso_registration_scopes = sso:account:access\n"
        ),
        None,
    ),
    "web-identity-ci": (
        (
            "[profile ci]\nrole_arn = arn:aws:iam::111122223333:role/CI\n"
            "web_identity_token_file = /var/run/secrets/eks.amazonaws.com/serviceaccount/token\n"
            "role_session_name = ci\nregion = us-west-2\nduration_seconds = 3600\n"
        ),
        None,
    ),
    "aws-login": ("[default]\nlogin_session = arn:aws:iam::111122223333:user/dana\nregion = eu-west-1\n", None),
    "s3-block": ("[default]\nregion = eu-west-1\ns3 =\n  addressing_style = virtual\n  max_concurrent_requests = 20\n", None),
}


@pytest.mark.parametrize("name", sorted(CLEAN_LAYOUTS))
def test_clean_layouts_report_nothing_above_info(lint: Any, name: str) -> None:
    config, credentials = CLEAN_LAYOUTS[name]
    findings = run(lint, config, credentials)
    assert [f for f in findings if f.severity != "info"] == []


# --- bad input ----------------------------------------------------------------------------

ODD_VALUES = ["", " ", "x" * 100_000, "é€😀", "a\u200bb", "\t", "'", '"', "=", "#", "[x]", "\\", "-1", "9" * 400, "NaN", "1e9"]
KEYS_TO_TRY = [
    "region", "sso_region", "aws_access_key_id", "aws_secret_access_key", "aws_session_token", "role_arn",
    "mfa_serial", "credential_process", "duration_seconds", "max_attempts", "output", "use_fips_endpoint",
    "endpoint_url", "x_security_token_expires", "sts_regional_endpoints", "source_profile",
    # read by the rules of issue 18
    "ca_bundle", "web_identity_token_file", "aws_account_id", "login_session", "request_checksum_calculation",
    "credential_source",
]
# The rules of issue 18 that read those values (besides AWS304 above).
FIELD_2026 = ["AWS115", "AWS116", "AWS306", "AWS307", "AWS405", "AWS406", "AWS407"]


@pytest.mark.parametrize("value", ODD_VALUES, ids=range(len(ODD_VALUES)))
def test_odd_values_never_crash(ruleset: RuleSet, value: str) -> None:
    config = "[profile p]\n" + "".join(f"{key} = {value}\n" for key in KEYS_TO_TRY) + "[sso-session s]\nsso_region = " + value + "\n"
    credentials = "[p]\n" + "".join(f"{key} = {value}\n" for key in KEYS_TO_TRY[:6])
    findings = lint_text(ruleset, [r for r in ruleset.rules if r.code in CATALOGUE + FIELD_2026], config=config, credentials=credentials)
    for finding in findings:
        assert len(finding.message) < 2000


def test_continuation_lines_in_values(lint: Any) -> None:
    config = "[profile p]\nregion = eu-west-1\n  us-east-1\ncredential_process = /opt/a\n  --flag\n"
    findings = run(lint, config)
    codes = sorted(f.code for f in findings)
    assert "AWS303" in codes  # "eu-west-1\nus-east-1" is no region


def test_uninterpretable_values_are_findings(lint: Any) -> None:
    config = "[profile p]\nregion = ???\nduration_seconds = soon\nuse_dualstack_endpoint = maybe\ncredential_process = 'oops\n"
    codes = sorted(f.code for f in run(lint, config))
    assert codes == ["AWS303", "AWS304", "AWS304", "AWS401"]


# --- file permissions and git on real files -----------------------------------------------

needs_posix = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


@needs_posix
def test_permissions_of_real_files(cli: Any, tmp_path: Path) -> None:
    folder = write_layout(tmp_path / "aws", "[default]\nregion = eu-west-1\n", f"[w]\n{KEYS}")
    os.chmod(folder, 0o700)
    assert json.loads(cli(str(folder), "--select", "AWS212", "-f", "json").out)["findings"] == []
    os.chmod(folder / "credentials", 0o644)
    os.chmod(folder / "config", 0o644)  # no secrets: no finding
    os.chmod(folder, 0o777)
    findings = json.loads(cli(str(folder), "--select", "AWS212", "-f", "json").out)["findings"]
    assert [(Path(f["path"]).name, f["line"]) for f in findings] == [("credentials", 3), ("credentials", 3)]
    assert "has mode 0644" in findings[0]["message"]
    assert f"its folder {folder} has mode 0777" in findings[1]["message"]
    os.chmod(folder, 0o700)


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=dict(os.environ, GIT_CONFIG_NOSYSTEM="1"))


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Path]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "dotfiles"
    root.mkdir()
    _git("init", "-q", cwd=root)
    _git("config", "user.email", "t@example.com", cwd=root)
    _git("config", "user.name", "t", cwd=root)
    yield root


def _git_findings(cli: Any, *paths: Path) -> list[tuple[str, str]]:
    result = cli(*map(str, paths), "--select", "AWS216", "-f", "json")
    assert result.err == ""
    return sorted((f["path"].split("dotfiles/")[1], f["message"].split(" holds")[1][:40]) for f in json.loads(result.out)["findings"])


def test_git_tracked_staged_untracked_and_ignored(cli: Any, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("tracked", "untracked", "ignored", "placeholder"):
        creds = "[ls]\naws_access_key_id = test\naws_secret_access_key = test\n" if name == "placeholder" else f"[w]\n{KEYS}"
        write_layout(repo / name, "[default]\nregion = eu-west-1\n", creds)
    (repo / ".gitignore").write_text("ignored/\n")
    _git("add", "tracked", "placeholder", ".gitignore", cwd=repo)
    calls: list[list[str]] = []
    real_run = subprocess.run

    def counting_run(command: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(list(command))
        return real_run(command, *args, **kwargs)

    monkeypatch.setattr(subprocess, "run", counting_run)
    paths = [repo / n for n in ("tracked", "untracked", "ignored", "placeholder")]
    # Added but never committed (what pre-commit sees): nothing is in the history yet.
    assert _git_findings(cli, *paths) == [
        ("tracked/credentials", " a secret and is about to be committed ("),
        ("untracked/credentials", " a secret and lies inside a git work tre"),
    ]
    # ls-files, ls-tree for what the index holds, and (ls-tree failing: no HEAD yet) rev-parse to
    # tell an unborn HEAD from an unreadable one: per repository and run, not per file.
    assert [next(a for a in c if a in ("ls-files", "ls-tree", "rev-parse")) for c in calls] == ["ls-files", "ls-tree", "rev-parse"]
    _git("commit", "-q", "-m", "keys", cwd=repo)
    calls.clear()
    assert _git_findings(cli, *paths) == [
        ("tracked/credentials", " a secret and git tracks it: every push "),
        ("untracked/credentials", " a secret and lies inside a git work tre"),
    ]
    assert [next(a for a in c if a in ("ls-files", "ls-tree", "rev-parse")) for c in calls] == ["ls-files", "ls-tree"]


def test_git_missing_or_not_a_work_tree_is_silent(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_layout(tmp_path / "aws", None, f"[w]\n{KEYS}")
    assert json.loads(cli(str(folder), "--select", "AWS216", "-f", "json").out)["findings"] == []
    (tmp_path / ".git").mkdir()  # looks like a work tree, but git refuses it
    result = cli(str(folder), "--select", "AWS216", "-f", "json")
    assert (json.loads(result.out)["findings"], result.err) == ([], "")
    monkeypatch.setenv("PATH", "")
    result = cli(str(folder), "--select", "AWS216", "-f", "json")
    assert (json.loads(result.out)["findings"], result.err) == ([], "")


def test_git_timeout_means_unknown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    target = tmp_path / "credentials"
    target.write_text("x")

    def slow(*args: Any, **kwargs: Any) -> Any:
        raise subprocess.TimeoutExpired(args[0], kwargs.get("timeout", 0))

    monkeypatch.setattr(subprocess, "run", slow)
    assert filemeta.GitProbe([str(target)]).status(str(target)) is None


# --- documentation ------------------------------------------------------------------------


def test_rules_command_lists_every_rule_and_prints_help(cli: Any, ruleset: RuleSet) -> None:
    listing = cli("rules").out
    for rule in ruleset.rules:
        assert f"{rule.code} " in listing and rule.name in listing
    for code in CATALOGUE:
        text = cli("rules", code).out
        assert text.startswith(f"{code} ") and "**What**" in text and "**Fix**" in text
    markdown = cli("rules", "AWS303", "--format", "markdown").out
    assert markdown.startswith("## AWS303 invalid-region")


def test_every_variant_message_is_distinct(ruleset: RuleSet) -> None:
    for rule in ruleset.rules:
        if rule.code in CATALOGUE:
            messages = [check.message for check in rule.checks]
            assert len(set(messages)) == len(messages), rule.code


# --- differential checks against botocore (offline) ---------------------------------------


@pytest.fixture
def botocore_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """No AWS env vars, IMDS off, HOME = tmp_path, sockets refused."""
    guard = isolate_botocore(monkeypatch, tmp_path)
    yield tmp_path
    guard.check()


def _session(folder: Path, config: str, credentials: str, monkeypatch: pytest.MonkeyPatch, profile: str) -> Any:
    (folder / "config").write_text(config)
    (folder / "credentials").write_text(credentials)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(folder / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(folder / "credentials"))
    return botocore.session.Session(profile=profile)


@pytest.mark.parametrize(
    ("config", "credentials", "partial"),
    [
        ("", f"[p]\naws_access_key_id = {KEY_ID}\n", True),
        ("", f"[p]\naws_secret_access_key = {SECRET}\n", False),
        ("[profile p]\n", f"[p]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n", False),
        (f"[profile p]\naws_access_key_id = {KEY_ID}\n", f"[p]\naws_secret_access_key = {SECRET}\n", True),
        ("", f"[p]\naws_access_key_id =\naws_secret_access_key = {SECRET}\n", False),
    ],
)
def test_partial_credentials_match_botocore(
    botocore_env: Path, monkeypatch: pytest.MonkeyPatch, lint: Any, config: str, credentials: str, partial: bool
) -> None:
    session = _session(botocore_env, config, credentials, monkeypatch, "p")
    try:
        session.get_credentials()
        raised = False
    except botocore.exceptions.PartialCredentialsError:
        raised = True
    assert raised == partial
    messages = [f.message for f in run(lint, config, credentials, ["AWS206"])]
    assert any("Partial credentials found" in m for m in messages) == partial


@pytest.mark.parametrize(
    ("credentials", "token_used"),
    [
        (f"[p]\naws_access_key_id = {TEMP_KEY_ID}\naws_secret_access_key = {TEMP_SECRET}\n", False),
        (f"[p]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\naws_session_token = {TOKEN}\n", True),
    ],
)
def test_session_token_mismatch_matches_botocore(
    botocore_env: Path, monkeypatch: pytest.MonkeyPatch, lint: Any, credentials: str, token_used: bool
) -> None:
    credentials_object = _session(botocore_env, "", credentials, monkeypatch, "p").get_credentials()
    assert (credentials_object.token is not None) == token_used
    assert len(run(lint, None, credentials, ["AWS208"])) == 1


VALUE_CASES = [
    ("retry_mode", "exponential"), ("retry_mode", "Standard"), ("retry_mode", "adaptive"),
    ("max_attempts", "0"), ("max_attempts", "abc"), ("max_attempts", "3"),
    ("sts_regional_endpoints", "Regional"), ("sts_regional_endpoints", "legacy"),
    ("defaults_mode", "fast"), ("defaults_mode", "Standard"), ("defaults_mode", "in-region"),
    ("request_checksum_calculation", "always"), ("request_checksum_calculation", "WHEN_REQUIRED"),
    ("response_checksum_validation", "never"), ("account_id_endpoint_mode", "x"), ("account_id_endpoint_mode", "REQUIRED"),
    ("s3_us_east_1_regional_endpoint", "Regional"), ("request_min_compression_size_bytes", "99999999"),
    ("request_min_compression_size_bytes", "abc"), ("request_min_compression_size_bytes", "100"),
    ("s3_disable_express_session_auth", "yes"), ("s3_disable_express_session_auth", "TRUE"),
    ("ec2_metadata_service_endpoint_mode", "foo"), ("ec2_metadata_service_endpoint_mode", "ipv6"),
    ("metadata_service_timeout", "abc"), ("metadata_service_num_attempts", "x"),
    ("s3", "\n  addressing_style = host"), ("s3", "\n  addressing_style = Path"), ("s3", "\n  addressing_style = path"),
]


@pytest.mark.parametrize(("key", "value"), VALUE_CASES)
def test_setting_values_match_botocore_client_creation(
    botocore_env: Path, monkeypatch: pytest.MonkeyPatch, lint: Any, key: str, value: str
) -> None:
    """AWS304 reports a value whose effect says botocore raises exactly when botocore raises."""
    config = f"[default]\nregion = us-east-1\n{key} = {value}\n"
    session = _session(botocore_env, config, f"[default]\n{KEYS}", monkeypatch, "default")
    try:
        session.create_client("s3")
        raised = False
    except (botocore.exceptions.BotoCoreError, ValueError):
        raised = True
    findings = run(lint, config, None, ["AWS304"])
    assert bool(findings) == raised, [f.message for f in findings]
    if findings:
        assert "raises" in findings[0].message


@pytest.mark.parametrize("value", ["yes", "1", "on", "True", "false", "TRUE"])
def test_booleans_match_botocore_ensure_boolean(lint: Any, value: str) -> None:
    from botocore.utils import ensure_boolean

    findings = run(lint, f"[default]\nuse_fips_endpoint = {value}\n", None, ["AWS304"])
    # botocore reads only 'true' (any case) as true; anything but true/false is silently false.
    assert bool(findings) == (value.lower() not in ("true", "false"))
    assert ensure_boolean(value) == (value.lower() == "true")


@pytest.mark.parametrize(("value", "sent"), [("abc", None), ("1h", None), ("3600", 3600), ("43200", 43200)])
def test_duration_seconds_matches_botocore(botocore_env: Path, monkeypatch: pytest.MonkeyPatch, lint: Any, value: str, sent: Optional[int]) -> None:
    config = f"[profile r]\nrole_arn = arn:aws:iam::111122223333:role/R\nsource_profile = b\nduration_seconds = {value}\n"
    session = _session(botocore_env, config, f"[b]\n{KEYS}", monkeypatch, "r")
    provider = session.get_component("credential_provider").get_provider("assume-role")
    provider._loaded_config = provider._load_config()  # what load() does first
    role_config = provider._get_role_config("r")  # botocore's own parsing of the profile
    assert role_config.get("duration_seconds") == sent
    findings = run(lint, config, None, ["AWS304"])
    if sent is None:
        assert len(findings) == 1 and "drops it without a word" in findings[0].message
    else:
        assert findings == []


def test_region_data_matches_botocore_partitions() -> None:
    import botocore.loaders

    partitions = botocore.loaders.create_loader().load_data("partitions")["partitions"]
    data = load_rules().data
    regions = Regions(data)
    botocore_regions = {r for p in partitions for r in p["regions"] if not r.endswith("-global")}
    assert botocore_regions <= set(data["regions"]), "refresh rules/data/regions.yaml from botocore partitions.json"
    for partition in partitions:
        for region in partition["regions"]:
            assert regions.partition_of(region) == partition["id"], region
        ours = next(e for e in data["region_partitions"] if e["partition"] == partition["id"])
        assert ours["pattern"] == partition["regionRegex"]
    assert set(data["opt_in_regions"]) <= set(data["regions"])


@pytest.mark.slow
def test_huge_values_with_template_marks_stay_linear(lint: Any) -> None:
    import time

    value = "{{" * 200_000 + "${" * 200_000
    start = time.perf_counter()
    run(lint, f"[profile p]\nregion = {value}\ncredential_process = {value}\n", f"[p]\naws_secret_access_key = {value}\n")
    assert time.perf_counter() - start < 10


def test_templated_detection() -> None:
    assert templated("{{ .aws.key }}") and templated("${AWS_KEY}")
    assert templated("{% raw %}x{% endraw %}")
    assert not templated("{{ unclosed") and not templated("$HOME") and not templated(None)


def test_no_catalogue_message_prints_a_secret(lint: Any) -> None:
    config = (
        f"[profile c]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\naws_session_token = {TOKEN}\n"
        f"region = {SECRET}\noutput = {TOKEN}\nmfa_serial = {SECRET}\nrole_arn = {TOKEN}\nsource_profile = c\n"
        f"credential_process = /opt/x {SECRET} | tee\nendpoint_url = http://{KEY_ID}.example.com\n"
    )
    credentials = f"[c]\naws_access_key_id = {TEMP_KEY_ID}\naws_secret_access_key = {SECRET}%\nx_security_token_expires = {SECRET}\n"
    findings = run(lint, config, credentials)
    assert len({f.code for f in findings}) >= 8
    for finding in findings:
        text = json.dumps(finding.as_dict())
        for secret in (SECRET, TOKEN, KEY_ID, TEMP_KEY_ID, SECRET[:20]):
            assert secret not in text, (finding.code, finding.message)


@pytest.mark.parametrize(
    ("files", "error"),
    [
        ("{credentials: {mode: 'rw'}}", "'mode' must be octal digits"),
        ("{credentials: {git: maybe}}", "'git' must be tracked, staged, untracked or ignored"),
        ("{secrets: {mode: '600'}}", "unknown key 'secrets'"),
    ],
)
def test_example_files_are_validated(tmp_path: Path, files: str, error: str) -> None:
    from awslint.errors import UsageError

    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "rules:\n  - code: ORG001\n    name: org-rule\n    severity: info\n    scope: file\n    summary: s\n"
        "    when: {fact: holds_secrets, equals: true}\n    message: m\n    examples:\n      fail:\n"
        f"        - credentials: '[x]'\n          files: {files}\n"
    )
    with pytest.raises(UsageError, match=error):
        load_rules([str(pack)], include_builtin=False)


def test_real_secret_starting_with_my_is_not_a_placeholder(lint) -> None:
    secret = "My" + SECRET[2:]
    assert lint(credentials=f"[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {secret}\n", select=["AWS201"])
    assert not lint(credentials="[default]\naws_access_key_id = your-access-key-id\naws_secret_access_key = your_secret_key\n", select=["AWS201"])
