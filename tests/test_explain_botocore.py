"""explain agrees with botocore where the profile is named explicitly (env web identity ignored) and
where botocore cannot decode the file (its own ConfigParseError is reported)."""

from __future__ import annotations

import json

import botocore.exceptions
import botocore.session
import pytest
from support.credential_layouts import Layout
from support.credential_layouts import write_layout as write_for_botocore

SSO = (
    "sso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n"
    "sso_account_id = 123456789012\nsso_role_name = R\n"
)


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
