"""Issue 18: the pitfalls of 2025–26 (AWS115, AWS116, AWS306, AWS307, AWS405–AWS407 and the
amended AWS110, AWS113, AWS304): what they report, the near misses they must not report, the
`explain` notes computed by the same model, the AWS306 fix, and bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

import botocore.session
import pytest
from awslint.aws.process_recursion import export_target
from awslint.aws.toolsupport import go_v2_refusal
from support.fakes import KEY_ID, SECRET, write_layout
from support.offline_botocore import isolate_botocore

NEW = ["AWS110", "AWS113", "AWS115", "AWS116", "AWS304", "AWS306", "AWS307", "AWS405", "AWS406", "AWS407"]
KEYS = f"aws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n"
SSO = (
    "sso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\n"
)
SSO_SESSION = "[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = eu-west-1\n"


def codes(lint: Any, config: Optional[str], credentials: Optional[str] = None, select: Optional[list[str]] = None) -> list[str]:
    return sorted(f.code for f in lint(config=config, credentials=credentials, select=select or NEW))


def found(lint: Any, code: str, config: Optional[str], credentials: Optional[str] = None) -> list[Any]:
    return lint(config=config, credentials=credentials, select=[code])


# -- near misses: nothing from the new rules --------------------------------------------------------

NEAR_MISSES = {
    "aws-vault-exports-its-own-profile": "[profile jon]\ncredential_process = aws-vault export --format=json jon\nregion = eu-west-1\n",
    "granted-names-its-own-profile": (
        "[profile acme]\ncredential_process = granted credential-process --profile acme\nregion = eu-west-1\n"
    ),
    "export-credentials-of-an-sso-profile": (
        f"[profile dev]\n{SSO}region = eu-west-1\n"
        "[profile dev-process]\ncredential_process = aws configure export-credentials --profile dev --format process\n"
        "region = eu-west-1\n" + SSO_SESSION
    ),
    "export-credentials-of-a-keys-profile": (
        "[profile keys]\nregion = eu-west-1\n"
        "[profile keys-process]\ncredential_process = aws configure export-credentials --profile keys\nregion = eu-west-1\n"
    ),
    "aws-endpoint": "[profile fips]\nregion = us-east-1\nendpoint_url = https://s3-fips.us-east-1.amazonaws.com\n",
    "non-aws-endpoint-with-both-checksum-settings": (
        "[profile minio]\nregion = us-east-1\nendpoint_url = https://minio.example.com\n"
        "request_checksum_calculation = when_required\nresponse_checksum_validation = when_required\n"
    ),
    "absolute-paths": (
        "[profile ci]\nrole_arn = arn:aws:iam::111122223333:role/ci\n"
        "web_identity_token_file = /var/run/secrets/eks.amazonaws.com/serviceaccount/token\nregion = eu-west-1\n"
        "[profile win]\nrole_arn = arn:aws:iam::111122223333:role/ci\nweb_identity_token_file = C:\\tokens\\ci.jwt\n"
        "region = eu-west-1\n"
    ),
    "plain-role-with-one-source": (
        "[profile base]\nregion = eu-west-1\n"
        "[profile app]\nrole_arn = arn:aws:iam::111122223333:role/App\nsource_profile = base\nregion = eu-west-1\n"
        "[profile ec2]\nrole_arn = arn:aws:iam::111122223333:role/Ec2\ncredential_source = Ec2InstanceMetadata\n"
        "region = eu-west-1\n"
    ),
}


@pytest.mark.parametrize("name", sorted(NEAR_MISSES))
def test_near_misses_are_clean(lint: Any, name: str) -> None:
    credentials = f"[keys]\n{KEYS}[base]\n{KEYS}"
    findings = lint(config=NEAR_MISSES[name], credentials=credentials, select=NEW)
    assert [f"{f.code} {f.message}" for f in findings] == []


# -- AWS116 -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "target"),
    [
        ("aws configure export-credentials", "default"),
        ("aws configure export-credentials --profile dev --format process", "dev"),
        ("aws configure export-credentials --profile=dev", "dev"),
        ("'/usr/local/bin/aws' configure export-credentials --profile 'my dev'", "my dev"),
        ('"C:\\Program Files\\Amazon\\AWSCLIV2\\aws.exe" configure export-credentials --profile dev', "dev"),
        ("aws --profile a configure export-credentials --profile b", "b"),  # argparse: the last one wins
        ("aws-vault export --format=json dev", None),
        ("granted credential-process --profile dev", None),
        ("aws configure export-credentials --profile", None),  # "expected one argument": fails, no loop
        ("aws configure export-credentials --profile 'dev", None),  # botocore cannot split it (AWS401)
        ("aws configure export-credentials --profile {{ .profile }}", None),  # a template, not final
        ("aws sts get-caller-identity", None),
        ("", None),
    ],
)
def test_export_target_reads_the_command_as_the_cli_does(command: str, target: Optional[str]) -> None:
    assert export_target(command) == target


def test_recursion_through_a_role_chain_is_found(lint: Any) -> None:
    config = (
        "[profile p]\ncredential_process = aws configure export-credentials --profile admin\n"
        "[profile admin]\nrole_arn = arn:aws:iam::111122223333:role/Admin\nsource_profile = p\n"
    )
    findings = found(lint, "AWS116", config)
    assert len(findings) == 1 and "p -> admin -> p" in findings[0].message


def test_a_cycle_is_reported_once(lint: Any) -> None:
    config = "".join(
        f"[profile p{i}]\ncredential_process = aws configure export-credentials --profile p{(i + 1) % 3}\n" for i in range(3)
    )
    findings = found(lint, "AWS116", config)
    assert len(findings) == 1 and "p0 -> p1 -> p2 -> p0" in findings[0].message


def test_default_without_profile_recurses_and_another_profile_without_it_is_a_warning(lint: Any) -> None:
    assert [f.severity for f in found(lint, "AWS116", "[default]\ncredential_process = aws configure export-credentials\n")] == ["error"]
    # Without --profile the CLI exports what AWS_PROFILE selects: this profile itself when a program
    # selects it that way. A warning, not an error: selected with --profile it exports default.
    config = f"[default]\n{SSO}[profile bridge]\ncredential_process = aws configure export-credentials\n" + SSO_SESSION
    findings = found(lint, "AWS116", config)
    assert [f.severity for f in findings] == ["warning"] and "AWS_PROFILE=bridge" in findings[0].message
    explicit = f"[default]\n{SSO}[profile bridge]\ncredential_process = aws configure export-credentials --profile default\n"
    assert found(lint, "AWS116", explicit + SSO_SESSION) == []


def test_a_process_that_never_runs_is_not_recursion(lint: Any) -> None:
    # botocore uses SSO first: the credential_process of this profile is never run.
    config = f"[profile dev]\n{SSO}credential_process = aws configure export-credentials --profile dev\n" + SSO_SESSION
    assert found(lint, "AWS116", config) == []


def test_a_missing_target_is_an_error_naming_it(lint: Any) -> None:
    findings = found(lint, "AWS116", "[profile dev]\ncredential_process = aws configure export-credentials --profile dve\n")
    assert len(findings) == 1 and findings[0].severity == "error" and "'dve'" in findings[0].message


# -- AWS405 and the amended AWS110: one Go model -----------------------------------------------------


@pytest.mark.parametrize(
    ("config", "kind", "key", "botocore_fails"),
    [
        ("role_arn = r\nsource_profile = b\ncredential_process = /bin/c\n", "several-types", None, False),
        ("role_arn = r\nsource_profile = b\ncredential_source = Environment\n", "several-types", None, True),
        ("role_arn = r\nweb_identity_token_file = /t\ncredential_source = Environment\n", "several-types", None, False),
        ("source_profile = b\n", "requires-arn", "source_profile", False),
        ("credential_source = Environment\ncredential_process = /bin/c\n", "requires-arn", "credential_source", False),
        ("web_identity_token_file = /t\n", "requires-arn", "web_identity_token_file", True),
        ("role_arn = r\nsource_profile = b\n", None, None, False),
        ("role_arn = r\nsource_profile = b\ncredential_process =\n", None, None, False),  # Go skips empty values
        ("credential_process = /bin/c\n", None, None, False),
    ],
)
def test_go_v2_refusal_follows_shared_config_go(config: str, kind: Optional[str], key: Optional[str], botocore_fails: bool) -> None:
    from awslint.run.lint import parse
    from awslint.aws.model import build_view
    from awslint.files.source import source_from_text

    view = build_view(parse(source_from_text(f"[profile p]\n{config}", "config")), parse(source_from_text("", "credentials")))
    refusal = go_v2_refusal(view.profiles["p"])
    assert (refusal.kind, refusal.key, refusal.botocore_fails) == (kind, key, botocore_fails) if refusal else kind is None


def test_source_profile_without_role_arn_is_reported_once_and_names_go(lint: Any) -> None:
    findings = lint(config="[profile dev]\nsource_profile = base\n[profile base]\nregion = eu-west-1\n", credentials=f"[base]\n{KEYS}", select=NEW)
    assert [f.code for f in findings] == ["AWS110"]
    assert "CredentialRequiresARNError" in findings[0].message


def test_web_identity_without_role_arn_matches_botocore(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lint: Any) -> None:
    config = "[profile ci]\nweb_identity_token_file = /var/run/token\n"
    guard = isolate_botocore(monkeypatch, tmp_path)
    (tmp_path / "config").write_text(config)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    with pytest.raises(botocore.exceptions.InvalidConfigError):
        botocore.session.Session(profile="ci").get_credentials()
    guard.check()
    findings = found(lint, "AWS405", config)
    assert len(findings) == 1 and findings[0].severity == "warning" and "unless the environment sets AWS_ROLE_ARN" in findings[0].message


def test_web_identity_without_role_arn_works_in_botocore_with_aws_role_arn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Why AWS405 says "unless": botocore reads role_arn from AWS_ROLE_ARN for a profile it picks
    itself (not one named explicitly), as on EKS with IRSA."""
    guard = isolate_botocore(monkeypatch, tmp_path)
    (tmp_path / "config").write_text("[default]\nweb_identity_token_file = /var/run/token\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/ci")
    credentials = botocore.session.Session().get_credentials()
    assert credentials is not None and credentials.method == "assume-role-with-web-identity"
    guard.check()


# -- AWS113 (Rust), AWS115, AWS406, AWS407 -----------------------------------------------------------


def test_sso_keys_equal_to_the_session_are_a_rust_warning(lint: Any) -> None:
    config = f"[profile dev]\n{SSO}sso_start_url = https://example.awsapps.com/start\n" + SSO_SESSION
    findings = found(lint, "AWS113", config)
    assert len(findings) == 1 and findings[0].severity == "warning" and "Rust SDK" in findings[0].message
    different = f"[profile dev]\n{SSO}sso_start_url = https://other.awsapps.com/start\n" + SSO_SESSION
    assert [f.severity for f in found(lint, "AWS113", different)] == ["error"]  # botocore's error, once


def test_login_source_and_login_portability(lint: Any) -> None:
    config = (
        "[profile me]\nlogin_session = arn:aws:iam::111122223333:user/dana\n"
        "[profile admin]\nrole_arn = arn:aws:iam::111122223333:role/Admin\nsource_profile = me\n"
    )
    by_code = {f.code: f for f in lint(config=config, select=NEW)}
    assert set(by_code) == {"AWS115", "AWS406"}
    assert "aws configure export-credentials --profile me --format process" in by_code["AWS115"].message
    assert "sets no region" in by_code["AWS406"].message
    # A login profile that also has keys or a process is not "login only".
    mixed = "[profile me]\nlogin_session = arn:aws:iam::111122223333:user/dana\ncredential_process = /bin/c\nregion = eu-west-1\n"
    assert found(lint, "AWS406", mixed) == []


def test_mfa_on_a_source_profile_is_not_aws407(lint: Any) -> None:
    config = "[profile admin]\nrole_arn = arn:aws:iam::111122223333:role/Admin\nsource_profile = me\n"
    credentials = f"[me]\n{KEYS}mfa_serial = arn:aws:iam::111122223333:mfa/me\n"
    assert found(lint, "AWS407", config, credentials) == []


# -- AWS304: aws_account_id, against botocore --------------------------------------------------------


@pytest.mark.parametrize("account", ["1234", "1234 5678", "123456789012"])
def test_aws_account_id_matches_botocore_endpoints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lint: Any, account: str) -> None:
    credentials = f"[default]\n{KEYS}aws_account_id = {account}\n"
    guard = isolate_botocore(monkeypatch, tmp_path)
    (tmp_path / "config").write_text("[default]\nregion = us-east-1\n")
    (tmp_path / "credentials").write_text(credentials)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))
    client = botocore.session.Session().create_client("dynamodb")
    sent: list[str] = []

    class Stop(Exception):
        pass

    def stop(request: Any, **_: Any) -> None:
        sent.append(request.url)
        raise Stop

    client.meta.events.register("before-send", stop)
    try:
        client.list_tables()
    except Stop:
        pass
    except botocore.exceptions.EndpointResolutionError:
        sent.append("(invalid)")
    guard.check()
    good = sent == [f"https://{account}.ddb.us-east-1.amazonaws.com/"] and len(account) == 12
    findings = found(lint, "AWS304", None, credentials)
    assert bool(findings) == (not good)


# -- AWS306 and its fix ---------------------------------------------------------------------------------


def test_checksum_settings_in_a_services_block_are_called_ignored(lint: Any) -> None:
    config = (
        "[profile ceph]\nservices = ceph\n[services ceph]\ns3 =\n  endpoint_url = https://ceph.example.com\n"
        "  request_checksum_calculation = when_required\n  response_checksum_validation = when_required\n"
    )
    findings = found(lint, "AWS306", config)
    assert len(findings) == 1 and "ignores them" in findings[0].message


def test_a_services_s3_endpoint_in_aws_beats_a_foreign_profile_endpoint(lint: Any) -> None:
    config = (
        "[profile p]\nendpoint_url = https://proxy.example.com\nservices = s\n"
        "[services s]\ns3 =\n  endpoint_url = https://s3.eu-west-1.amazonaws.com\n"
    )
    assert found(lint, "AWS306", config) == []


def test_ignore_configured_endpoint_urls_turns_aws306_off(lint: Any) -> None:
    config = "[profile p]\nendpoint_url = https://minio.example.com\nignore_configured_endpoint_urls = true\n"
    assert found(lint, "AWS306", config) == []


def test_aws306_fix_adds_both_settings_once(cli: Any, tmp_path: Path) -> None:
    folder = write_layout(tmp_path / "aws", config="[profile minio]\nendpoint_url = https://minio.example.com\n[profile other]\nregion = eu-west-1")
    cli(str(folder), "--select", "AWS306", "--fix")
    assert "request_checksum" not in (folder / "config").read_text()  # unsafe: not without --unsafe-fixes
    cli(str(folder), "--select", "AWS306", "--fix", "--unsafe-fixes")
    assert (folder / "config").read_text() == (
        "[profile minio]\nendpoint_url = https://minio.example.com\n"
        "request_checksum_calculation = when_required\nresponse_checksum_validation = when_required\n"
        "[profile other]\nregion = eu-west-1"
    )
    assert "AWS306" not in cli(str(folder), "--select", "AWS306").out


def test_aws306_fix_sets_a_wrong_value_and_adds_the_missing_one(cli: Any, tmp_path: Path) -> None:
    folder = write_layout(
        tmp_path / "aws",
        config="[profile m]\nendpoint_url = http://127.0.0.1:9000\nrequest_checksum_calculation = when_supported\n",
    )
    cli(str(folder), "--select", "AWS306", "--fix", "--unsafe-fixes")
    assert (folder / "config").read_text() == (
        "[profile m]\nendpoint_url = http://127.0.0.1:9000\nrequest_checksum_calculation = when_required\n"
        "response_checksum_validation = when_required\n"
    )


def test_aws306_fix_is_not_offered_when_the_credentials_file_wins(cli: Any, tmp_path: Path) -> None:
    config = "[profile m]\nendpoint_url = https://minio.example.com\n"
    folder = write_layout(tmp_path / "aws", config=config, credentials="[m]\nrequest_checksum_calculation = when_supported\n")
    cli(str(folder), "--select", "AWS306", "--fix", "--unsafe-fixes")
    assert (folder / "config").read_text() == config
    assert (folder / "credentials").read_text() == "[m]\nrequest_checksum_calculation = when_supported\n"


# -- AWS307 -------------------------------------------------------------------------------------------


def test_ca_bundle_outside_profiles_and_empty_values_are_not_judged(lint: Any) -> None:
    assert found(lint, "AWS307", "[plugins]\nca_bundle = ~/x\n[profile p]\nca_bundle =\nweb_identity_token_file =\n") == []


def test_templated_paths_are_left_alone_but_variables_are_not(lint: Any) -> None:
    assert found(lint, "AWS307", "[profile p]\nweb_identity_token_file = {{ .token_path }}\n") == []
    assert len(found(lint, "AWS307", "[profile p]\nweb_identity_token_file = ${TOKEN_DIR}/t\n")) == 1


# -- explain: the same model as the rules ---------------------------------------------------------------

EXPLAIN_CONFIG = (
    "[profile me]\nlogin_session = arn:aws:iam::111122223333:user/dana\n"
    "[profile via-login]\nrole_arn = arn:aws:iam::111122223333:role/A\nsource_profile = me\n"
    "[profile deploy]\nrole_arn = arn:aws:iam::111122223333:role/D\nsource_profile = base\ncredential_process = /bin/c\n"
    "[profile admin]\nrole_arn = arn:aws:iam::111122223333:role/Admin\nsource_profile = base\n"
    "mfa_serial = arn:aws:iam::111122223333:mfa/me\n"
    "[profile plain]\nrole_arn = arn:aws:iam::111122223333:role/P\nsource_profile = base\n"
)


def test_explain_shows_the_per_tool_notes(cli: Any, tmp_path: Path, lint: Any) -> None:
    folder = write_layout(tmp_path / "aws", config=EXPLAIN_CONFIG, credentials=f"[base]\n{KEYS}")
    result = cli("explain", "--format", "json", str(folder))
    notes = {p["profile"]: p["notes"] for p in json.loads(result.out)["profiles"]}
    assert any(n.startswith("Go SDK v2 refuses this profile: source_profile, credential_process") for n in notes["deploy"])
    assert any("aws login session only" in n and "--profile me --format process" in n for n in notes["me"])
    assert any("source profile 'me' has only an aws login session" in n for n in notes["via-login"])
    assert any("MFA token provider" in n for n in notes["admin"])
    assert not any("Go SDK v2" in n or "MFA token" in n or "aws login" in n for n in notes["plain"])
    # The rules say the same of the same profiles.
    reported = {(f.code, f.profile) for f in lint(config=EXPLAIN_CONFIG, credentials=f"[base]\n{KEYS}", select=NEW)}
    assert {("AWS405", "deploy"), ("AWS406", "me"), ("AWS115", "me"), ("AWS407", "admin")} <= reported
    text = cli("explain", "deploy", str(folder)).out
    assert "note      Go SDK v2 refuses this profile" in text


# -- bad input ----------------------------------------------------------------------------------------

ODD = ["", " ", "'", '"', "\\", "x" * 100_000, "é€😀", "{{ x }}", "${X}", "%X%", "~", "--profile", "a\u200bb", "\t"]


@pytest.mark.parametrize("value", ODD, ids=range(len(ODD)))
def test_odd_values_never_crash_the_new_rules(lint: Any, value: str) -> None:
    config = (
        f"[default]\ncredential_process = aws configure export-credentials --profile {value}\n"
        f"[profile p]\ncredential_process = {value}\nca_bundle = {value}\nweb_identity_token_file = {value}\n"
        f"endpoint_url = {value}\nrequest_checksum_calculation = {value}\nsource_profile = {value}\n"
        f"login_session = {value}\nmfa_serial = {value}\nrole_arn = {value}\nsso_session = {value}\n"
        f"sso_start_url = {value}\nservices = {value}\n"
        f"[profile q]\ncredential_process = \"aws\" configure export-credentials '--profile={value}'\n"
        f"endpoint_url = https://{value}/\n"
    )
    findings = lint(config=config, credentials=f"[p]\naws_account_id = {value}\n", select=NEW)
    for finding in findings:
        shown = finding.message.replace(value, "").replace(value.lower(), "")
        assert finding.message and len(finding.message) < 2000 and "{" not in shown, finding.message


def test_add_setting_is_a_profile_edit_that_never_writes_a_credential(tmp_path: Path) -> None:
    from awslint.errors import UsageError
    from awslint.engine.ruleset import load_rules

    def pack(scope: str, key: str) -> Path:
        path = tmp_path / f"{scope}-{key}.yaml"
        path.write_text(
            "rules:\n  - code: ORG001\n    name: org-rule\n    severity: info\n"
            f"    scope: {scope}\n    summary: s\n    when: {{fact: name, present: true}}\n    message: m\n"
            "    fix:\n      safety: unsafe\n      description: d\n"
            f"      edits: [{{op: add-setting, key: {key}, value: x}}]\n"
        )
        return path

    with pytest.raises(UsageError, match="not available in scope 'option'"):
        load_rules([str(pack("option", "region"))], include_builtin=False)
    with pytest.raises(UsageError, match="credential"):
        load_rules([str(pack("profile", "aws_secret_access_key"))], include_builtin=False)
    assert load_rules([str(pack("profile", "region"))], include_builtin=False).rules
