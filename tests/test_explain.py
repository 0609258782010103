"""``awslint explain``: the four real stories, the JSON contract, --env, bad input, no secrets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from awslint.engine.ruleset import load_rules
from support.fakes import KEY_ID, SECRET, TEMP_KEY_ID, TEMP_SECRET, TOKEN, write_layout

KEYS = f"aws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n"
ENV_KEY_ID = "AKIAQ3EGRDK7VNOC5XMB"
ENV_SECRET = "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"
SPEC_FIELDS = {"profile", "method", "source", "region", "candidates", "shadowed", "error", "by_tool"}


def explain_json(cli, *args: str) -> dict:
    result = cli("explain", "--format", "json", *args)
    assert result.code == 0, result
    return {p["profile"]: p for p in json.loads(result.out)["profiles"]}


def block_of(text: str, profile: str) -> str:
    """The text block of one profile."""
    for block in text.split("\n\n"):
        if block.startswith(f"profile '{profile}'"):
            return block
    raise AssertionError(f"no block for {profile!r} in:\n{text}")


# -- the four stories ----------------------------------------------------------------------------


def test_story_cli_works_sdk_gets_403(cli, tmp_path: Path) -> None:
    """(a) SSO settings and old static keys in one profile: CLI uses SSO, JS v3 / Go v2 the keys."""
    folder = write_layout(
        tmp_path / "aws",
        config="[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\n"
        "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n",
        credentials=f"[dev]\n{KEYS}",
    )
    result = cli("explain", "dev", str(folder))
    assert result.code == 0, result
    lines = block_of(result.out, "dev").splitlines()
    assert lines[1].startswith("  uses      sso: IAM Identity Center (SSO) (sso_account_id, ") and lines[1].endswith("config:3)")
    assert f"  shadowed  shared-credentials-file (aws_access_key_id, {folder}/credentials:2)" in lines
    assert "  tools     botocore/CLI v1, CLI v2: sso" in lines
    assert "            JS SDK v3, JS SDK v2, Go SDK v2: shared-credentials-file" in lines
    data = explain_json(cli, "dev", str(folder))["dev"]
    assert data["by_tool"] == {"botocore": "sso", "cli-v2": "sso", "js-v3": "shared-credentials-file",
                               "js-v2": "shared-credentials-file", "go-v2": "shared-credentials-file"}


def test_story_role_assumed_with_other_credentials_in_node(cli, tmp_path: Path) -> None:
    """A source profile with SSO in the config file and keys in the credentials file: botocore
    assumes the role with SSO, the JS SDK v3 with the keys. by_tool alone agrees (assume-role):
    the tools line, a note and the JSON ``tools`` detail say which credentials sign."""
    folder = write_layout(
        tmp_path,
        config="[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/dev\nsource_profile = base\n"
        "[profile base]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = R\n"
        "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n",
        credentials=f"[base]\n{KEYS}region = eu-west-1\n",
    )
    lines = block_of(cli("explain", "dev", str(folder)).out, "dev").splitlines()
    assert "  tools     botocore/CLI v1, CLI v2: assume-role (with sso of 'base')" in lines
    assert "            JS SDK v3: assume-role (with shared-credentials-file of 'base')" in lines
    assert any(line.startswith("  note      JS SDK v3 assumes the role with other credentials") for line in lines)
    document = json.loads(cli("explain", "-f", "json", "dev", str(folder)).out)
    assert document["basis"]["js-v3"].startswith("run: ") and document["basis"]["go-v2"].startswith("source: ")
    (data,) = document["profiles"]
    assert data["by_tool"]["js-v3"] == data["by_tool"]["botocore"] == "assume-role"
    assert data["source"] == {"profile": "base", "method": "sso"}
    assert data["tools"]["js-v3"]["source"] == {"profile": "base", "method": "shared-credentials-file"}
    assert data["tools"]["js-v3"]["basis"].startswith("run: @aws-sdk/credential-providers")


def test_story_aws_login_seems_ignored(cli, tmp_path: Path) -> None:
    """(b) login_session in config, old keys in credentials: the keys win, login is shadowed."""
    folder = write_layout(
        tmp_path / "aws",
        config="[default]\nlogin_session = arn:aws:iam::123456789012:user/dana\nregion = eu-west-1\n",
        credentials=f"[default]\n{KEYS}",
    )
    result = cli("explain", str(folder))
    lines = block_of(result.out, "default").splitlines()
    assert lines[1] == (
        f"  uses      shared-credentials-file: static keys from the credentials file "
        f"(aws_access_key_id, {folder}/credentials:2; key AKIA…2EPF)"
    )
    assert f"  shadowed  login (login_session, {folder}/config:2)" in lines
    assert any(line.startswith("  note      the aws login session") and "is never used" in line for line in lines)
    data = explain_json(cli, str(folder))["default"]
    assert data["method"] == "shared-credentials-file"
    assert data["shadowed"] == [{"method": "login", "path": f"{folder}/config", "line": 2}]


def test_story_mfa_user_gets_access_denied(cli, tmp_path: Path) -> None:
    """(c) mfa_serial on a plain key profile: the keys are used directly, with no MFA."""
    folder = write_layout(
        tmp_path / "aws",
        credentials=f"[dana]\n{KEYS}mfa_serial = arn:aws:iam::123456789012:mfa/dana\n",
    )
    lines = block_of(cli("explain", "dana", str(folder)).out, "dana").splitlines()
    assert lines[1].startswith("  uses      shared-credentials-file: static keys from the credentials file")
    note = next(line for line in lines if line.startswith("  note      mfa_serial"))
    assert f"mfa_serial ({folder}/credentials:4) has no effect: no role is assumed, the static keys are used directly" in note
    assert "AccessDenied" in note


@pytest.mark.parametrize("variant", ["legacy-role", "pasted-token"])
def test_story_global_sts_token_in_opt_in_region(cli, tmp_path: Path, variant: str) -> None:
    """(d) ap-east-1 with a role through a legacy-STS source, or with a pasted session token."""
    if variant == "legacy-role":
        folder = write_layout(
            tmp_path / "aws",
            config="[profile hk]\nregion = ap-east-1\nrole_arn = arn:aws:iam::123456789012:role/Ops\n"
            "source_profile = base\nsts_regional_endpoints = legacy\n",
            credentials=f"[base]\n{KEYS}",
        )
    else:
        folder = write_layout(
            tmp_path / "aws",
            config="[profile hk]\nregion = ap-east-1\n",
            credentials=f"[hk]\naws_access_key_id = {TEMP_KEY_ID}\naws_secret_access_key = {TEMP_SECRET}\n"
            f"aws_session_token = {TOKEN}\n",
        )
    result = cli("explain", "hk", str(folder))
    lines = block_of(result.out, "hk").splitlines()
    assert f"  region    ap-east-1 ({folder}/config:2)" in lines
    notes = [line for line in lines if line.startswith("  note")]
    if variant == "legacy-role":
        assert "  chain     hk: assume-role (role_arn, " + f"{folder}/config:3)" in lines
        assert any(line.strip().startswith("└─ base: shared-credentials-file") for line in lines)
        assert any("botocore calls STS at https://sts.ap-east-1.amazonaws.com" in n for n in notes)
        assert any(f"sts_regional_endpoints = legacy ({folder}/config:5)" in n and "AuthFailure" in n for n in notes)
    else:
        assert any("opt-in region and the profile uses a pasted session token" in n and f"{folder}/credentials:4" in n
                   for n in notes)
    assert TOKEN not in result.out and TEMP_SECRET not in result.out


# -- JSON contract -------------------------------------------------------------------------------


def test_json_matches_the_interface_example(cli, tmp_path: Path) -> None:
    """The example of interfaces.md: a role whose source has keys, and its own shadowed keys."""
    folder = write_layout(
        tmp_path / "aws",
        config="[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/dev\nsource_profile = base\nregion = eu-west-1\n",
        credentials=f"[base]\n{KEYS}\n[dev]\n{KEYS}",
    )
    document = json.loads(cli("explain", "-f", "json", str(folder)).out)
    assert set(document) == {"version", "basis", "profiles"}  # basis: added (round 2)
    dev = {p["profile"]: p for p in document["profiles"]}["dev"]
    assert SPEC_FIELDS <= set(dev)
    assert {k: dev[k] for k in SPEC_FIELDS} == {
        "profile": "dev",
        "method": "assume-role",
        "source": {"profile": "base", "method": "shared-credentials-file"},
        "region": "eu-west-1",
        "candidates": ["assume-role", "shared-credentials-file"],
        "shadowed": [{"method": "shared-credentials-file", "path": f"{folder}/credentials", "line": 6}],
        "error": None,
        # JS SDK v2 without AWS_SDK_LOAD_CONFIG reads only the credentials file: dev's own keys.
        "by_tool": {"botocore": "assume-role", "cli-v2": "assume-role", "js-v3": "assume-role",
                    "js-v2": "shared-credentials-file", "go-v2": "assume-role"},
    }


def test_errors_name_botocore_exceptions(cli, tmp_path: Path) -> None:
    folder = write_layout(
        tmp_path / "aws",
        config="[profile loop]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = loop2\n"
        "[profile loop2]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = loop\n"
        "[profile both]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = loop\ncredential_source = Environment\n"
        "[profile sso]\nsso_account_id = 123456789012\n"
        "[profile partial]\naws_access_key_id = " + KEY_ID + "\n",
    )
    data = explain_json(cli, str(folder))
    kinds = {name: (p["method"], p["error"]["type"] if p["error"] else None) for name, p in data.items()}
    assert kinds == {
        "loop": ("assume-role", "InfiniteLoopConfigError"),
        "loop2": ("assume-role", "InfiniteLoopConfigError"),
        "both": ("assume-role", "InvalidConfigError"),
        "sso": ("sso", "InvalidConfigError"),
        "partial": ("config-file", "PartialCredentialsError"),
    }
    assert "sso_role_name, sso_start_url, sso_region" in data["sso"]["error"]["message"]


# -- bad input -----------------------------------------------------------------------------------


def test_unknown_profile_is_exit_2_with_nearest_name(cli, tmp_path: Path) -> None:
    folder = write_layout(tmp_path / "aws", config="[profile prod]\nregion = eu-west-1\n[profile dev]\nregion = eu-west-1\n")
    result = cli("explain", "prdo", str(folder))
    assert result.code == 2 and result.out == ""
    assert result.err.startswith("awslint: error: no profile 'prdo' in ")
    assert "(did you mean 'prod'?)" in result.err and "(profiles: dev, prod)" in result.err
    assert result.err.count("\n") == 1


def test_unreadable_layout_is_config_parse_error_for_every_profile(cli, tmp_path: Path) -> None:
    folder = write_layout(
        tmp_path / "aws",
        config=f"[profile a]\n{KEYS}[profile b]\nregion = us-east-1\n[profile a]\nregion = eu-west-1\n",
    )
    data = explain_json(cli, str(folder))
    assert set(data) == {"a", "b"}
    for profile in data.values():
        assert profile["error"]["type"] == "ConfigParseError"
        assert f"{folder}/config:6" in profile["error"]["message"]
        assert profile["method"] is None
    text = cli("explain", str(folder)).out
    assert "  error     ConfigParseError: botocore cannot read" in block_of(text, "b")


def test_profile_option_and_path_detection(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A first argument that exists on disk is a PATH; --profile forces a name; no PATH uses
    AWS_CONFIG_FILE exactly as the lint command does."""
    folder = write_layout(tmp_path / "aws", config="[profile aws]\nregion = eu-west-1\n[profile x]\nregion = us-east-1\n")
    monkeypatch.chdir(tmp_path)
    assert set(explain_json(cli, "aws")) == {"aws", "x"}  # 'aws' is the folder
    assert set(explain_json(cli, "--profile", "aws", "aws")) == {"aws"}
    monkeypatch.setenv("AWS_CONFIG_FILE", str(folder / "config"))
    assert set(explain_json(cli, "x")) == {"x"}


# -- the environment -----------------------------------------------------------------------------


def env_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", ENV_KEY_ID)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", ENV_SECRET)
    monkeypatch.setenv("AWS_SESSION_TOKEN", TOKEN)


def test_environment_ignored_without_env(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_layout(tmp_path / "aws", credentials=f"[dev]\n{KEYS}")
    env_keys(monkeypatch)
    monkeypatch.setenv("AWS_PROFILE", "nope")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "sa-east-1")
    data = explain_json(cli, str(folder))
    assert list(data) == ["dev"]
    assert (data["dev"]["method"], data["dev"]["region"], data["dev"]["error"]) == ("shared-credentials-file", None, None)


def test_env_keys_win_over_aws_profile(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_layout(tmp_path / "aws", config="[profile dev]\nregion = eu-west-1\n", credentials=f"[dev]\n{KEYS}")
    env_keys(monkeypatch)
    monkeypatch.setenv("AWS_PROFILE", "dev")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "sa-east-1")
    monkeypatch.setenv("AWS_REGION", "ap-south-1")
    result = cli("explain", "--env", "-f", "json", str(folder))
    document = json.loads(result.out)
    dev = document["profiles"][0]
    assert (dev["profile"], dev["method"], dev["with_explicit_profile"]) == ("dev", "env", "shared-credentials-file")
    assert dev["selected_by"] == ["botocore", "cli-v2", "js-v3", "js-v2", "go-v2"]
    # JS SDK v2 takes the environment's keys even when AWS_PROFILE is set (v3 skips them).
    assert dev["by_tool"] == {"botocore": "env", "cli-v2": "env", "js-v3": "shared-credentials-file", "js-v2": "env", "go-v2": "env"}
    assert dev["region"] == "sa-east-1"
    assert dev["region_by_tool"] == {"botocore": "sa-east-1", "cli-v2": "ap-south-1", "js-v3": "ap-south-1",
                                     "js-v2": "ap-south-1", "go-v2": "ap-south-1"}
    assert document["environment"]["access_key_id"] == "AKIA…5XMB"
    text = cli("explain", "--env", str(folder)).out
    assert "  --profile shared-credentials-file (with an explicit --profile dev)" in text
    for secret in (ENV_KEY_ID, ENV_SECRET, TOKEN, KEY_ID, SECRET):
        assert secret not in text and secret not in result.out


def test_env_profile_variables_per_tool(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """botocore reads AWS_DEFAULT_PROFILE first, CLI v2 AWS_PROFILE first; a missing selected
    profile is explained as ProfileNotFound."""
    folder = write_layout(tmp_path / "aws", config="[profile a]\nregion = eu-west-1\n[profile b]\nregion = us-east-1\n")
    monkeypatch.setenv("AWS_PROFILE", "a")
    monkeypatch.setenv("AWS_DEFAULT_PROFILE", "b")
    document = json.loads(cli("explain", "--env", "-f", "json", str(folder)).out)
    assert document["environment"]["profile"] == {"botocore": "b", "cli-v2": "a", "js-v3": "a", "js-v2": "a", "go-v2": "a"}
    selected = {p["profile"]: p["selected_by"] for p in document["profiles"]}
    assert selected == {"b": ["botocore"], "a": ["cli-v2", "js-v3", "js-v2", "go-v2"]}
    assert document["profiles"][0]["profile"] == "b"  # botocore's choice first
    monkeypatch.setenv("AWS_DEFAULT_PROFILE", "gone")
    first = json.loads(cli("explain", "--env", "-f", "json", str(folder)).out)["profiles"][0]
    assert (first["profile"], first["exists"], first["error"]["type"]) == ("gone", False, "ProfileNotFound")


def test_lint_env_rules_fire_only_with_env(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = write_layout(
        tmp_path / "aws",
        config="[profile prod]\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = base\n",
        credentials=f"[base]\n{KEYS}",
    )
    env_keys(monkeypatch)
    monkeypatch.setenv("AWS_PROFILE", "prod")
    monkeypatch.setenv("AWS_DEFAULT_PROFILE", "base")
    without = cli("--select", "AWS4", str(folder))
    assert without.code == 0 and "AWS40" not in without.out
    with_env = cli("--env", "--select", "AWS4", "-f", "json", str(folder))
    codes = sorted(f["code"] for f in json.loads(with_env.out)["findings"])
    assert codes == ["AWS402", "AWS403", "AWS404"]
    assert with_env.code == 1
    for secret in (ENV_KEY_ID, ENV_SECRET, TOKEN):
        assert secret not in with_env.out


def test_env_secret_values_are_redacted(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A secret that is not shaped like one (short, odd) is still masked when it shows up."""
    folder = write_layout(tmp_path / "aws", config="[profile prod]\nregion = eu-west-1\n")
    odd_secret = "hunter2-is-my-password"
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", odd_secret)
    monkeypatch.setenv("AWS_PROFILE", odd_secret)  # pasted into the wrong variable
    lint = cli("--env", "--select", "AWS403", str(folder))
    assert "AWS403" in lint.out and odd_secret not in lint.out
    explain = cli("explain", "--env", str(folder))
    assert explain.code == 0 and odd_secret not in explain.out


# -- example env: validation ----------------------------------------------------------------------


PACK = """\
rules:
  - code: ORG401
    name: org-env
    severity: warning
    scope: environment
    summary: x
    when: {fact: env_keys, equals: true}
    message: "keys {env_key_id}"
    examples:
      fail:
        - config: "[default]\\n"
          env: ENV
"""


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ("[AWS_PROFILE]", "'env' must be"),
        ("{aws_profile: x}", "is not an environment variable name"),
        ("{AWS_PROFILE: [x]}", "the value of AWS_PROFILE must be text"),
    ],
)
def test_example_env_is_validated(tmp_path: Path, env: str, message: str) -> None:
    from awslint.errors import UsageError

    path = tmp_path / "pack.yaml"
    path.write_text(PACK.replace("ENV", env))
    with pytest.raises(UsageError) as error:
        load_rules([str(path)], include_builtin=False)
    assert message in str(error.value) and str(path) in str(error.value)


def test_example_env_reaches_the_rule(tmp_path: Path) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text(PACK.replace("ENV", "{AWS_ACCESS_KEY_ID: AKIAQ3EGRDK7VNOC5XMB, AWS_MAX_ATTEMPTS: 3}"))
    rule = load_rules([str(path)], include_builtin=False).rules[0]
    assert rule.fail_examples[0].env == {"AWS_ACCESS_KEY_ID": "AKIAQ3EGRDK7VNOC5XMB", "AWS_MAX_ATTEMPTS": "3"}


def test_explain_output_goes_through_the_safe_writer(cli, tmp_path: Path) -> None:
    """-o never overwrites a file being explained, and never writes through a symbolic link."""
    folder = write_layout(tmp_path / "aws", "[profile dev]\nregion = eu-west-1\n")
    before = (folder / "config").read_bytes()
    result = cli("explain", str(folder), "-o", str(folder / "config"))
    assert result.code == 2 and "is one of the files being linted" in result.err
    assert (folder / "config").read_bytes() == before
    target = tmp_path / "report.txt"
    target.write_text("old\n")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    result = cli("explain", str(folder), "-o", str(link))
    assert result.code == 2 and "is a symbolic link" in result.err
    assert link.is_symlink() and target.read_text() == "old\n"


def test_js_fall_through_after_a_failing_role_is_noted_not_guessed(cli, tmp_path: Path) -> None:
    """A role whose credential_source needs the environment, beside a credential_process:
    without --env awslint cannot know whether the variables exist. botocore would raise without
    them, the JS SDK v3 moves on to the process: explain names both outcomes and says why."""
    folder = write_layout(tmp_path / "aws", config="[profile r]\nrole_arn = arn:aws:iam::123456789012:role/r\n"
                          "credential_source = Environment\ncredential_process = /usr/local/bin/creds\n")
    (data,) = explain_json(cli, str(folder)).values()
    js = data["tools"]["js-v3"]
    assert (js["method"], js["source"]) == ("assume-role", {"profile": None, "method": "env"})
    assert js["otherwise"]["method"] == "custom-process"
    assert any("works only if the environment provides keys" in n and "custom-process" in n
               and "a static tool cannot know which" in n for n in data["notes"])


def test_a_layout_the_js_sdk_crashes_on_is_that_tools_failure(cli, tmp_path: Path) -> None:
    """sso_session naming a missing section: the JS SDK v3 throws a TypeError (seen running it).
    explain answers (exit 0) and reports it as the JS SDK's failure; botocore's own error stays."""
    folder = write_layout(tmp_path / "aws", config="[profile s]\nsso_session = gone\nsso_account_id = 1\nsso_role_name = r\n")
    result = cli("explain", "-f", "json", str(folder))
    assert result.code == 0 and not result.err
    (data,) = json.loads(result.out)["profiles"]
    assert data["error"]["type"] == "InvalidConfigError"
    assert data["by_tool"]["js-v3"] == "sso" and data["tools"]["js-v3"]["error"].startswith("TypeError: ")
    assert any(n.startswith("JS SDK v3 fails: TypeError") for n in data["notes"])
