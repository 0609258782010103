"""AWS007-AWS013 and AWS101-AWS114: exact locations and messages of the tricky variants, and
differential checks against botocore (run offline: IMDS off, every socket refused)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Optional

import botocore.exceptions
import botocore.session
import pytest
from support.offline_botocore import isolate_botocore
from awslint.run.lint import lint_text
from awslint.aws.model import build_view
from awslint.syntax.parse import parse
from awslint.facts.references import References, classify_config_header
from awslint.aws.settings_catalog import SettingsCatalog
from awslint.files.source import source_from_text
from support.fakes import KEY_ID, SECRET

KEYS = f"aws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n"
ROLE = "role_arn = arn:aws:iam::111122223333:role/R\n"


def where(findings) -> list[tuple]:
    return [(f.code, f.path, f.line, f.column, f.severity) for f in findings]


# -- botocore, isolated ----------------------------------------------------------------------


@pytest.fixture
def boto(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """write(config=, credentials=) points botocore at fresh files; no env, no network."""
    guard = isolate_botocore(monkeypatch, tmp_path)

    def write(config: str = "", credentials: str = "") -> None:
        (tmp_path / "config").write_text(config)
        (tmp_path / "credentials").write_text(credentials)
        monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
        monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))

    yield write
    guard.check()


def full_config() -> dict:
    return botocore.session.Session().full_config


def credential_error(profile: str) -> Optional[str]:
    try:
        botocore.session.Session(profile=profile).get_credentials()
    except botocore.exceptions.BotoCoreError as exc:
        return type(exc).__name__
    return None


# -- AWS013: every header case against botocore's profile map ---------------------------------

HEADERS = [
    "profile dev", "profile  two", "profile bar ", "profile\ttab", 'profile "foo bar"', "profile 'q'",
    "profile a b", "profile", "profilefoo", 'profile "unterminated', "profiles x", "profile-y z",
    "profile a\\b", 'profile "x"y', "Profile Upper", " profile lead", " default ", "Default", "default",
    "sso-session s1", "sso-sessions other", "sso-session", "services svc", "services", "foo", "plugins",
    "preview", "DEFAULT",
]


@pytest.mark.parametrize("header", HEADERS)
def test_aws013_header_mapping_matches_botocore(boto, lint, header: str) -> None:
    config = f"[{header}]\nregion = eu-west-1\n[profile anchor]\nregion = us-east-1\n"
    boto(config)
    loaded = full_config()
    info = classify_config_header(header)
    tables = {"profile": "profiles", "sso-session": "sso_sessions", "services": "services"}
    if info.kind in tables:
        assert info.mapped_name in loaded[tables[info.kind]]
    elif info.kind in ("other", "ignored", "plugins", "preview"):
        assert header in loaded  # a top-level section nothing reads as a profile
    elif info.kind == "dropped":
        names = set(loaded["profiles"]) | set(loaded["sso_sessions"]) | set(loaded["services"]) | set(loaded)
        assert names == {"anchor", "profiles", "sso_sessions", "services"}
    else:
        assert info.kind == "defaults" and loaded["profiles"]["anchor"]["region"] == "us-east-1"
    # AWS013 fires exactly when botocore drops the header or maps it to something else than
    # what a reader of the file sees.
    reported = [f for f in lint(config=config, select=["AWS013"]) if f.line == 1]
    surprising = info.problem is not None
    assert bool(reported) == surprising, (header, info, [f.message for f in reported])


def test_aws013_messages_per_variant(lint) -> None:
    def message(header: str) -> str:
        (finding,) = lint(config=f"[{header}]\nregion = eu-west-1\n", select=["AWS013"])
        return finding.message

    assert "silently drops [profile a b]" in message("profile a b")
    assert "did you mean [profile a-b]?" in message("profile a b")
    assert "did you mean [profile foo]?" in message("profilefoo")
    assert "did you mean" not in message("profile")
    assert "reads [profiles x] as [profile x]" in message("profiles x")
    assert message("Profile x").endswith("Write [profile x].")
    assert message(" default ").endswith("Write [default].")
    assert "as the profile 'ab'" in message("profile a\\b")


# -- AWS009: what botocore really swallows -----------------------------------------------------


def test_aws009_indented_header_really_disappears_in_botocore(boto, lint) -> None:
    config = "[default]\nregion = us-east-1\n  [profile prod]\noutput = json\n"
    boto(config)
    loaded = full_config()["profiles"]
    assert "prod" not in loaded and loaded["default"]["region"] == "us-east-1\n[profile prod]"
    assert loaded["default"]["output"] == "json"  # the keys below join [default]
    findings = lint(config=config, select=["AWS009"])
    assert where(findings) == [("AWS009", "config", 3, 3, "error")]
    assert findings[0].message.startswith("The indented header '[profile prod]' on line 3")


def test_aws009_indented_key_really_joins_the_value_in_botocore(boto, lint) -> None:
    credentials = f"[default]\naws_access_key_id = {KEY_ID}\n    aws_secret_access_key = {SECRET}\n"
    boto(credentials=credentials)
    profile = full_config()["profiles"]["default"]
    assert "aws_secret_access_key" not in profile
    assert credential_error("default") == "PartialCredentialsError"
    findings = lint(credentials=credentials, select=["AWS009"])
    assert where(findings) == [("AWS009", "credentials", 3, 5, "error")]
    assert SECRET not in findings[0].message and KEY_ID not in findings[0].message
    assert "'aws_secret_access_key' on line 3" in findings[0].message


def test_aws009_after_blank_line_and_empty_value(boto, lint) -> None:
    # An empty value plus indented lines is parsed as a nested block by botocore: region
    # becomes a dict and the indented output never becomes a setting.
    config = "[profile dev]\nregion =\n\n  output = json\n"
    boto(config)
    assert full_config()["profiles"]["dev"]["region"] == {"output": "json"}
    assert where(lint(config=config, select=["AWS009"])) == [("AWS009", "config", 4, 3, "error")]


def test_aws009_not_for_real_nested_blocks_or_continued_commands(lint) -> None:
    config = (
        "[default]\ns3 =\n  addressing_style = path\ncredential_process = /bin/tool\n  --region eu-west-1\n"
        "[services x]\nsts =\n  endpoint_url = https://sts.eu-west-1.amazonaws.com\n"
    )
    assert lint(config=config, select=["AWS009"]) == []


# -- AWS001: [DEFAULT] with a bad nested block (item: botocore loads the file) -----------------


def test_default_only_bad_nested_block_is_not_fatal(boto, lint) -> None:
    config = "[DEFAULT]\ns3 =\n  addressing_style: path\n"
    boto(config)
    assert full_config()["profiles"] == {}
    assert lint(config=config, select=["AWS001"]) == []
    inherited = config + "[profile x]\nregion = us-east-1\n"
    boto(inherited)
    with pytest.raises(botocore.exceptions.ConfigParseError):
        full_config()
    assert where(lint(config=inherited, select=["AWS001"])) == [("AWS001", "config", 3, 3, "error")]


# -- AWS007, AWS008, AWS010, AWS011 ------------------------------------------------------------


def test_aws007_colon_is_accepted_by_botocore(boto, lint) -> None:
    config = "[profile dev]\nregion: eu-west-1\n"
    boto(config)
    assert full_config()["profiles"]["dev"]["region"] == "eu-west-1"
    assert where(lint(config=config, select=["AWS007"])) == [("AWS007", "config", 2, 1, "warning")]


def test_aws008_botocore_keeps_quotes_and_secret_is_not_shown(boto, lint) -> None:
    config = '[profile dev]\nregion = "eu-west-1"\n'
    boto(config)
    assert full_config()["profiles"]["dev"]["region"] == '"eu-west-1"'
    (finding,) = lint(config=config, select=["AWS008"])
    assert 'reads "eu-west-1" with the quotes' in finding.message
    (secret,) = lint(credentials=f'[x]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = "{SECRET}"\n', select=["AWS008"])
    assert SECRET not in secret.message and "part of the credential" in secret.message


def test_aws010_names_the_key_as_written(lint) -> None:
    (finding,) = lint(config="[default]\nReGion = eu-west-1\n", select=["AWS010"])
    assert finding.message.startswith("Key 'ReGion' in [default]") and "Write 'region'" in finding.message


def test_aws011_variants_and_locations(lint) -> None:
    config = (
        "[profile dev]\n"
        "regoin = eu-west-1\n"  # 2: typo with a suggestion
        "zzzzzz = 1\n"  # 3: no suggestion
        "aws_security_token = x\n"  # 4: legacy alias, info
        "disable_s3_express_session_auth = true\n"  # 5: dead name
        "s3 =\n"
        "  Addressing_Style = path\n"  # 7: nested keys are case-sensitive
        "  max_concurrent_requests = 10\n"
        "granted_sso_role_name = x\n"  # tool keys are fine
    )
    findings = lint(config=config, select=["AWS011"])
    assert where(findings) == [
        ("AWS011", "config", 2, 1, "warning"),
        ("AWS011", "config", 3, 1, "warning"),
        ("AWS011", "config", 4, 1, "info"),
        ("AWS011", "config", 5, 1, "warning"),
        ("AWS011", "config", 7, 3, "warning"),
    ]
    assert "(did you mean 'region'?)" in findings[0].message
    assert "did you mean" not in findings[1].message and "has no effect." in findings[1].message
    assert "legacy alias of aws_session_token" in findings[2].message
    assert "Rename it to s3_disable_express_session_auth" in findings[3].message
    assert "'Addressing_Style' (did you mean 'addressing_style'?)" in findings[4].message


def test_aws011_allowed_keys_from_data(ruleset) -> None:
    from awslint.engine.ruleset import RuleSet

    rule = [r for r in ruleset.rules if r.code == "AWS011"]
    config = "[profile dev]\nteam_owner = platform\n"
    assert len(lint_text(ruleset, rule, config=config)) == 1
    extended = RuleSet(ruleset.rules, {**ruleset.data, "allowed_keys": ["Team_Owner"]})
    assert lint_text(extended, rule, config=config) == []


# -- AWS101-AWS104 -------------------------------------------------------------------------------


def test_aws101_botocore_ignores_unprefixed_section(boto, lint) -> None:
    config = "[dev]\nregion = eu-west-1\n"
    boto(config)
    with pytest.raises(botocore.exceptions.ProfileNotFound):
        botocore.session.Session(profile="dev").get_scoped_config()
    assert where(lint(config=config, select=["AWS101"])) == [("AWS101", "config", 1, 1, "error")]


def test_aws102_and_aws104_do_not_double_report(lint) -> None:
    findings = lint(credentials="[profile dev]\naws_access_key_id = test\naws_secret_access_key = test\n", select=["AWS102", "AWS104"])
    assert [f.code for f in findings] == ["AWS102"]
    spaced = lint(credentials="[ default ]\naws_access_key_id = test\naws_secret_access_key = test\n", select=["AWS013", "AWS104"])
    assert [f.code for f in spaced] == ["AWS013"]


def test_aws103_points_at_the_section_botocore_drops(boto, lint) -> None:
    config = "[default]\nregion = us-east-1\n[profile default]\noutput = json\n"
    boto(config)
    assert full_config()["profiles"]["default"] == {"output": "json"}
    findings = lint(config=config, select=["AWS103"])
    assert where(findings) == [("AWS103", "config", 1, 1, "warning")]
    assert "header at line 3" in findings[0].message


# -- AWS105-AWS114 against botocore's credential errors -----------------------------------------

ERRORS = [
    ("AWS105", f"[profile app]\n{ROLE}source_profile = bsae\n[profile base]\n{KEYS}", "app", "InvalidConfigError"),
    ("AWS106", f"[profile a]\n{ROLE}source_profile = b\n[profile b]\n{ROLE}source_profile = a\n", "a", "InfiniteLoopConfigError"),
    ("AWS106", f"[profile s]\n{ROLE}source_profile = s\n", "s", "InfiniteLoopConfigError"),
    ("AWS107", f"[profile app]\n{ROLE}", "app", "PartialCredentialsError"),
    ("AWS108", f"[profile app]\n{ROLE}source_profile = base\ncredential_source = Environment\n[profile base]\n{KEYS}", "app", "InvalidConfigError"),
    ("AWS109", f"[profile app]\n{ROLE}credential_source = environment\n", "app", "InvalidConfigError"),
    ("AWS110", f"[profile app]\n{ROLE}source_profile = base\n[profile base]\nregion = eu-west-1\n", "app", "InvalidConfigError"),
    ("AWS111", "[profile d]\nsso_session = nope\nsso_account_id = 111122223333\nsso_role_name = R\n", "d", "InvalidConfigError"),
    ("AWS112", "[profile d]\nsso_start_url = https://x.awsapps.com/start\nsso_account_id = 111122223333\nsso_role_name = R\n", "d", "InvalidConfigError"),
    (
        "AWS113",
        (
            "[profile d]\nsso_session = s\nsso_region = us-east-1\nsso_account_id = 111122223333\nsso_role_name = R\n"
            "[sso-session s]\nsso_start_url = https://x.awsapps.com/start\nsso_region = eu-west-1\n"
        ),
        "d",
        "InvalidConfigError",
    ),
]


@pytest.mark.parametrize(("code", "config", "profile", "error"), ERRORS, ids=[f"{e[0]}-{i}" for i, e in enumerate(ERRORS)])
def test_error_rules_agree_with_botocore(boto, lint, code: str, config: str, profile: str, error: str) -> None:
    boto(config)
    assert credential_error(profile) == error
    assert [f for f in lint(config=config, select=[code]) if f.severity == "error"], code


def test_aws114_services_missing_or_empty_fails_client_creation(boto, lint) -> None:
    for config in ("[profile l]\nservices = nope\n", "[profile l]\nservices = e\n[services e]\n"):
        boto(config)
        with pytest.raises(botocore.exceptions.InvalidConfigError):
            botocore.session.Session(profile="l").create_client("s3", region_name="us-east-1")
        assert where(lint(config=config, select=["AWS114"])) == [("AWS114", "config", 2, 12, "error")]


def test_aws106_each_loop_once_with_its_profiles(lint) -> None:
    config = (
        f"[profile tail]\n{ROLE}source_profile = b\n"
        f"[profile b]\n{ROLE}source_profile = c\n"
        f"[profile c]\n{ROLE}source_profile = b\n"
        f"[profile x]\n{ROLE}source_profile = y\n"
        f"[profile y]\n{ROLE}source_profile = x\n"
    )
    findings = lint(config=config, select=["AWS106"])
    assert [(f.profile, f.line) for f in findings] == [("b", 6), ("x", 12)]
    assert "b -> c -> b" in findings[0].message and "x -> y -> x" in findings[1].message


def test_aws106_static_member_still_loops_for_botocore(boto, lint) -> None:
    # botocore fails for 'a' although it holds keys (its chain comes back to it); 'b' stops at a's keys.
    config = f"[profile a]\n{ROLE}source_profile = b\n{KEYS}[profile b]\n{ROLE}source_profile = a\n"
    boto(config)
    assert credential_error("a") == "InfiniteLoopConfigError"
    assert credential_error("b") is None
    assert len(lint(config=config, select=["AWS106"])) == 1


def test_aws106_loop_through_a_keyed_profile_reported_once_at_its_first_profile(boto, lint) -> None:
    # Only 'b' (the profile with keys) fails in botocore; the loop is still reported once, at 'a'.
    config = (
        f"[profile a]\n{ROLE}source_profile = b\n"
        f"[profile b]\n{ROLE}source_profile = c\n{KEYS}"
        f"[profile c]\n{ROLE}source_profile = a\n"
    )
    boto(config)
    assert [credential_error(p) for p in "abc"] == [None, "InfiniteLoopConfigError", None]
    findings = lint(config=config, select=["AWS106"])
    assert [f.profile for f in findings] == ["a"]
    assert "a -> b -> c -> a" in findings[0].message


def test_aws106_silent_when_two_profiles_of_the_loop_hold_keys(boto, lint) -> None:
    # Every walk stops at the first profile with keys after its start: botocore raises no loop.
    config = (
        f"[profile a]\n{ROLE}source_profile = b\n{KEYS}"
        f"[profile b]\n{ROLE}source_profile = c\n"
        f"[profile c]\n{ROLE}source_profile = a\n{KEYS}"
    )
    boto(config)
    assert [credential_error(p) for p in "abc"] == [None, None, None]
    assert lint(config=config, select=["AWS106"]) == []


def test_cycle_detection_is_linear() -> None:
    count = 20000
    config = "".join(f"[profile p{i}]\n{ROLE}source_profile = p{(i + 1) % count}\n" for i in range(count))
    view = build_view(parse(source_from_text(config, "config")), None)
    started = time.perf_counter()
    refs = References(view, SettingsCatalog({}))
    assert time.perf_counter() - started < 5
    assert list(refs.cycles) == ["p0"] and len(refs.cycles["p0"]) == count


def test_aws110_warning_for_source_profile_without_role(lint) -> None:
    findings = lint(config="[profile d]\nsource_profile = base\n[profile base]\n" + KEYS, select=["AWS110"])
    assert where(findings) == [("AWS110", "config", 2, 1, "warning")]


def test_aws112_incomplete_session_reported_on_the_session(lint) -> None:
    config = (
        "[profile d]\nsso_session = s\nsso_account_id = 111122223333\nsso_role_name = R\n"
        "[sso-session s]\nsso_start_url = https://x.awsapps.com/start\n"
    )
    findings = lint(config=config, select=["AWS112"])
    assert where(findings) == [("AWS112", "config", 5, 1, "error")]
    assert "[sso-session s] lacks sso_region" in findings[0].message


def test_suggestions_for_profiles_sessions_and_services(lint) -> None:
    config = (
        f"[profile app]\n{ROLE}source_profile = bsae\nsso_session = crop\nservices = locl\n"
        f"[profile base]\n{KEYS}[sso-session corp]\nsso_start_url = https://x.awsapps.com/start\nsso_region = eu-west-1\n"
        "[services local]\ns3 =\n  endpoint_url = http://localhost:4566\n"
    )
    messages = {f.code: f.message for f in lint(config=config, select=["AWS105", "AWS111", "AWS114"])}
    assert "(did you mean 'base'?)" in messages["AWS105"]
    assert "(did you mean 'corp'?)" in messages["AWS111"]
    assert "(did you mean 'local'?)" in messages["AWS114"]


# -- odd values never crash ------------------------------------------------------------------------

ODD = [
    "",
    "[default]\nregion =\n",
    "[default]\n" + "k" * 5000 + " = " + "v" * 100000 + "\n",
    "[profile \u00e9t\u00e9]\nregion = \u00fcs-east-1\nsource_profile = \u00e9t\u00e9\nrole_arn = x\n",
    "[profile x]\ncredential_process = a\n  b\n\n  [profile y]\n  c = d\nsso_session =\n  x = y\n",
    "[profile x]\nservices =\n  a = b\nsource_profile =\nrole_arn =\ncredential_source =\n",
    "[profile \"]\n[profile '']\n[profile \"\"]\nregion = 1\n[sso-session \"\"]\n[services \"\"]\n",
    "[DEFAULT]\nrole_arn = r\nsource_profile = DEFAULT\n[profile a]\n",
    "[profile x]\n" + "".join(f"k{i} = v\n" for i in range(3000)),
    "[profile x]\nregion = \x00\x07\u200b\nsso_session = \u00a0\n",
    # issue 18: export-credentials commands with odd quoting, names and templates
    "[default]\ncredential_process = aws configure export-credentials --profile\n"
    "[profile \u00e9]\ncredential_process = \"aws\" configure export-credentials '--profile=\u00e9'\n"
    "[profile t]\ncredential_process = aws configure export-credentials --profile {{ .name }}\n"
    "[profile u]\ncredential_process = aws configure export-credentials --profile 'u\n"
    "[profile v]\ncredential_process = aws configure export-credentials --profile " + "v" * 100000 + "\n"
    "[profile w]\nlogin_session =\nsso_session = s\nsso_start_url =\n[profile z]\nrole_arn = r\nsource_profile = w\n",
]


@pytest.mark.parametrize("config", ODD, ids=[f"odd-{i}" for i in range(len(ODD))])
def test_rules_never_crash_on_odd_values(ruleset, config: str) -> None:
    codes = {f"AWS0{i:02d}" for i in range(7, 14)} | {f"AWS1{i:02d}" for i in range(1, 17)}
    rules = [r for r in ruleset.rules if r.code in codes]
    findings = lint_text(ruleset, rules, config=config, credentials=config)
    for finding in findings:
        assert finding.message and "{" not in finding.message.replace("{}", "")


def test_value_starting_with_a_comment_character(lint) -> None:
    (finding,) = lint(config="[default]\noutput = # json\n", select=["AWS006"])
    assert (finding.line, finding.column) == (2, 10)


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
