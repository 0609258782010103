"""Keys that look like secrets in the credentials file: AWS211 never tells them to move to the config
file (nor does a custom rule's move-to-config fix move them), and AWS011 names the key meant."""

from __future__ import annotations

import pytest
from support.fakes import KEY_ID, SECRET, write_layout


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
