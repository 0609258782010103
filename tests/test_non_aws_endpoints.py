"""Regression tests for the rule-correctness review (batch b), each checked against botocore."""

from __future__ import annotations

import json
import os

import botocore
import botocore.exceptions
import botocore.session
import pytest
from awslint.endpoints import endpoint_host, is_aws_host
from support.fakes import KEY_ID, SECRET, write_layout

R2_KEY = "7f3e9a1c5b2d4e6f8a0b1c2d3e4f5a6b"  # 32 hex characters: R2's key id shape
R2_SECRET = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809"


# -- 2: S3-compatible stores ---------------------------------------------------------------


def test_aws_dns_suffixes_match_botocore_partitions(ruleset) -> None:
    with open(os.path.join(os.path.dirname(botocore.__file__), "data", "partitions.json")) as handle:
        partitions = json.load(handle)["partitions"]
    suffixes = {
        p["outputs"][k] for p in partitions for k in ("dnsSuffix", "dualStackDnsSuffix") if p["outputs"].get(k)
    }
    assert suffixes <= set(ruleset.data["aws_dns_suffixes"])


@pytest.mark.parametrize(
    ("url", "aws"),
    [
        ("https://s3.eu-west-1.amazonaws.com", True),
        ("https://sts.cn-north-1.amazonaws.com.cn", True),
        ("https://ec2.us-east-1.api.aws", True),
        ("https://bucket.vpce-1a2b3c4d.s3.us-east-1.vpce.amazonaws.com/", True),
        ("https://abc.r2.cloudflarestorage.com", False),
        ("http://localhost:4566", False),
        ("http://127.0.0.1:9000", False),
        ("https://evilamazonaws.com", False),
    ],
)
def test_aws_hosts(ruleset, url: str, aws: bool) -> None:
    host = endpoint_host(url)
    assert host is not None and is_aws_host(host, ruleset.data["aws_dns_suffixes"]) is aws


R2_CONFIG = "[profile r2]\nregion = auto\nendpoint_url = https://0a1b2c3d.r2.cloudflarestorage.com\n"
R2_CREDENTIALS = f"[r2]\naws_access_key_id = {R2_KEY}\naws_secret_access_key = {R2_SECRET}\n"


def test_r2_profile_has_no_key_shape_or_region_errors(lint) -> None:
    found = lint(config=R2_CONFIG, credentials=R2_CREDENTIALS)
    assert [f for f in found if f.severity != "info"] == []
    region = [f for f in found if f.code == "AWS303"]
    assert len(region) == 1 and "outside AWS" in region[0].message


def test_services_block_endpoint_counts(lint) -> None:
    config = "[profile m]\nregion = nyc3\nservices = m\n[services m]\ns3 =\n  endpoint_url = http://localhost:9000\n"
    credentials = f"[m]\naws_access_key_id = {R2_KEY}\naws_secret_access_key = {R2_SECRET}\n"
    assert [f for f in lint(config=config, credentials=credentials) if f.severity != "info"] == []


def test_aws_endpoints_are_still_checked(lint) -> None:
    # An AWS endpoint (or none) keeps the AWS formats: the same keys and region are errors.
    for endpoint in ("", "endpoint_url = https://s3.eu-west-1.amazonaws.com\n"):
        found = lint(config="[profile r2]\nregion = auto\n" + endpoint, credentials=R2_CREDENTIALS)
        assert {"AWS207", "AWS303"} <= {f.code for f in found if f.severity == "error"}, endpoint


def test_non_aws_endpoint_still_needs_a_host_label_region_and_clean_values(lint) -> None:
    """botocore.utils.validate_region_name refuses a non-host-label region for any endpoint."""
    from botocore.exceptions import InvalidRegionError
    from botocore.utils import validate_region_name

    with pytest.raises(InvalidRegionError):
        validate_region_name("us_east_1")
    config = "[profile r2]\nregion = us_east_1\nendpoint_url = http://localhost:9000\n"
    credentials = f'[r2]\naws_access_key_id = {R2_KEY}\naws_secret_access_key = "{R2_SECRET}"\n'
    found = lint(config=config, credentials=credentials)
    assert [f.severity for f in found if f.code == "AWS303"] == ["error"]
    assert any(f.code == "AWS207" and "quotes" in f.message for f in found)


def test_real_aws_keys_to_a_foreign_endpoint_still_warn(lint) -> None:
    config = "[profile x]\nregion = auto\nendpoint_url = https://0a1b2c3d.r2.cloudflarestorage.com\n"
    found = lint(config=config, credentials=f"[x]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n")
    assert "AWS305" in {f.code for f in found}


def test_minio_defaults_are_placeholders(lint) -> None:
    found = lint(credentials="[minio]\naws_access_key_id = minioadmin\naws_secret_access_key = minioadmin\n")
    assert "AWS209" in {f.code for f in found}
    assert not {"AWS207", "AWS201", "AWS202"} & {f.code for f in found}


# -- 3: AWS211 never sends a secret-looking key to the config file ---------------------------

SECRET_LIKE_LINES = [
    f"aws_secret_acess_key = {SECRET}",
    "aws_sesion_token = short",
    "secret = hunter2",
    "password = hunter2",
    f"notes = {KEY_ID}",
]


@pytest.mark.parametrize("line", SECRET_LIKE_LINES)
def test_secret_like_key_in_credentials_is_not_told_to_move(lint, line: str) -> None:
    credentials = f"[dev]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n{line}\n"
    found = lint(config="[profile dev]\noutput = json\n", credentials=credentials)
    assert not [f for f in found if f.code == "AWS211"], line
    assert all("config file" not in f.message or f.code != "AWS211" for f in found)


def test_misspelt_secret_keys_get_the_right_name_from_aws011(lint) -> None:
    credentials = f"[dev]\naws_access_key_id = {KEY_ID}\naws_secret_acess_key = {SECRET}\naws_sesion_token = x\n"
    messages = [f.message for f in lint(credentials=credentials, select=["AWS011"])]
    assert any("did you mean 'aws_secret_access_key'" in m for m in messages)
    assert any("did you mean 'aws_session_token'" in m for m in messages)


def test_move_to_config_refuses_secret_like_keys_even_from_a_custom_rule(cli, tmp_path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "rules:\n  - code: ORG001\n    name: org-rule\n    severity: warning\n    scope: option\n"
        "    summary: test rule\n    when: {fact: file_role, equals: credentials}\n    message: m\n"
        "    fix:\n      safety: unsafe\n      description: d\n      edits: [{op: move-to-config}]\n"
    )
    credentials = "[dev]\npassword = hunter2\naws_sesion_token = short\nregion = eu-west-1\n"
    folder = write_layout(tmp_path / "aws", config="[profile dev]\noutput = json\n", credentials=credentials)
    cli(str(folder), "--rules", str(pack), "--select", "ORG001", "--fix", "--unsafe-fixes")
    assert (folder / "credentials").read_text() == "[dev]\npassword = hunter2\naws_sesion_token = short\n"
    assert (folder / "config").read_text() == "[profile dev]\noutput = json\nregion = eu-west-1\n"


# -- 4: AWS009 reports every swallowed line ---------------------------------------------------


def test_every_swallowed_line_is_reported_at_its_line(lint) -> None:
    import configparser

    text = "[default]\nregion = us-east-1\n  output = json\n [profile dev]\n  cli_pager = less\nsso_region = x\n"
    parser = configparser.RawConfigParser(strict=False)
    parser.read_string(text)  # the stdlib parser botocore uses: all three lines join region's value
    assert parser.get("default", "region").count("\n") == 3
    found = lint(config=text, select=["AWS009"])
    assert [(f.line, f.column) for f in found] == [(3, 3), (4, 2), (5, 3)]
    assert "output" in found[0].message and "[profile dev]" in found[1].message and "cli_pager" in found[2].message
    assert all(f.fix is not None for f in found)


def test_one_swallowed_line_still_one_finding(lint) -> None:
    found = lint(config="[default]\nregion = us-east-1\n  output = json\n", select=["AWS009"])
    assert [f.line for f in found] == [3]


# -- 5, 6: AWS206 / AWS205 follow botocore's provider order -----------------------------------

from support.credential_layouts import PROCESS, Layout, botocore_outcome  # noqa: E402
from support.credential_layouts import write_layout as write_for_botocore  # noqa: E402

ROLE = "role_arn = arn:aws:iam::123456789012:role/app\n"
SSO = (
    "sso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n"
    "sso_account_id = 123456789012\nsso_role_name = R\n"
)

# (config, credentials, botocore's outcome for profile `p`, AWS206 severities)
PARTIAL_CASES = [
    # The process comes before config-file keys: botocore never sees the partial pair.
    (f"[profile p]\naws_access_key_id = {KEY_ID}\n{PROCESS}", None, "custom-process", ["warning"]),
    # Config-file keys reached: PartialCredentialsError.
    (f"[profile p]\naws_access_key_id = {KEY_ID}\nregion = eu-west-1\n", None, "!PartialCredentialsError", ["error"]),
    # Credentials-file keys after SSO: SSO wins (deferred, no call made).
    (f"[profile p]\n{SSO}", f"[p]\naws_access_key_id = {KEY_ID}\n", "sso", ["warning"]),
    # Credentials-file keys before the process: reached, error.
    (f"[profile p]\n{PROCESS}", f"[p]\naws_access_key_id = {KEY_ID}\n", "!PartialCredentialsError", ["error"]),
]


@pytest.mark.parametrize(("config", "credentials", "outcome", "severities"), PARTIAL_CASES)
def test_partial_keys_error_only_when_botocore_reaches_them(
    env, lint, config: str, credentials: str, outcome: str, severities: list
) -> None:
    write_for_botocore(Layout("partial", "", config, credentials, {}), env)
    assert botocore_outcome("p").label == outcome
    found = lint(config=config.replace("@PROCESS@", "/bin/true"), credentials=credentials, select=["AWS206"])
    assert [f.severity for f in found] == severities
    if severities == ["warning"]:
        assert "never reads these keys" in found[0].message and "stop with" not in found[0].message


def test_self_sourced_role_with_static_keys_is_not_a_conflict(env, lint) -> None:
    """Documented pattern: the profile's own keys are the source of its role (botocore allows the
    self-reference only with static keys, and uses assume-role)."""
    config = f"[profile p]\n{ROLE}source_profile = p\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n"
    write_for_botocore(Layout("self", "", config, None, {}), env)
    assert botocore_outcome("p").label == "assume-role"
    assert lint(config=config, select=["AWS205"]) == []
    # Another source next to the self-sourced role still conflicts.
    found = lint(config=config + "credential_process = /bin/true\n", select=["AWS205"])
    assert len(found) == 1 and "uses assume-role" in found[0].message


# -- 7: explain -p NAME is an explicit profile: botocore ignores env web identity ------------------


def test_explain_explicit_profile_ignores_env_web_identity(env, cli) -> None:
    config = f"[profile dev]\n{SSO}"
    config_path, _ = write_for_botocore(Layout("sso", "", config, None, {}), env)
    token = env.tmp_path / "web-token"
    token.write_text("eyJhbGciOi.fake.token")
    env.monkeypatch.setenv("AWS_ROLE_ARN", "arn:aws:iam::123456789012:role/ci")
    env.monkeypatch.setenv("AWS_WEB_IDENTITY_TOKEN_FILE", str(token))
    explicit = botocore.session.Session(profile="dev").get_credentials().method
    env.monkeypatch.setenv("AWS_PROFILE", "dev")
    by_env = botocore.session.Session().get_credentials().method
    assert (explicit, by_env) == ("sso", "assume-role-with-web-identity")
    env.monkeypatch.delenv("AWS_PROFILE")

    result = cli("explain", "--env", "-p", "dev", "--format", "json", str(config_path))
    profiles = json.loads(result.out)["profiles"]
    assert [p["method"] for p in profiles] == [explicit], result.out
    env.monkeypatch.setenv("AWS_PROFILE", "dev")
    result = cli("explain", "--env", "-p", "dev", "--format", "json", str(config_path))
    (profile,) = json.loads(result.out)["profiles"]
    assert (profile["method"], profile["with_explicit_profile"]) == (by_env, explicit)
    text = cli("explain", "--env", str(config_path)).out
    assert "--profile sso (with an explicit --profile dev)" in text


# -- 8: explain on a file botocore cannot decode ------------------------------------------------

UNDECODABLE = {
    "binary": bytes(range(128, 256)) * 2,
    "utf-16": "[default]\nregion = eu-west-1\n".encode("utf-16"),
    "bad-byte": b"[default]\nregion = eu-west-1\nx = \xff\n",
}


@pytest.mark.parametrize("kind", sorted(UNDECODABLE))
def test_explain_undecodable_file_gives_botocores_error(cli, tmp_path, kind: str) -> None:
    folder = tmp_path / "aws"
    folder.mkdir()
    (folder / "config").write_bytes(UNDECODABLE[kind])
    session = botocore.session.Session()
    session.set_config_variable("config_file", str(folder / "config"))
    with pytest.raises(botocore.exceptions.ConfigParseError) as raised:
        session.full_config  # noqa: B018  (botocore's own verdict)
    assert isinstance(raised.value.kwargs["error"], UnicodeDecodeError)
    result = cli("explain", str(folder))
    assert result.code == 0 and "Traceback" not in result.err
    assert "no profiles" not in result.out and "ConfigParseError" in result.out and "UnicodeDecodeError" in result.out
    named = cli("explain", "-p", "dev", "--format", "json", str(folder))
    assert named.code == 0, named.err
    (profile,) = json.loads(named.out)["profiles"]
    assert (profile["profile"], profile["error"]["type"]) == ("dev", "ConfigParseError")
