"""The causes of wrong findings the real-world corpus revealed, each on minimal layouts.

Templates, ciphertext and non-INI files, repositories that keep only the config file, helpers
that keep keys in a keychain, and the wrong claims (see tests/realworld/ for the real files).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from support.fakes import KEY_ID, SECRET, write_layout

ROLE_FROM_BASE = "[profile app]\nrole_arn = arn:aws:iam::123456789012:role/App\nsource_profile = base\n"


def findings(cli: Any, *paths: Path, extra: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    result = cli(*map(str, paths), "-f", "json", *extra)
    assert result.code in (0, 1), result.err
    return json.loads(result.out)["findings"]


def codes(found: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return sorted((f["code"], f["severity"]) for f in found)


def git_repo(root: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    return root


# -- ciphertext and files that are not INI --------------------------------------------------

CIPHERTEXTS = {
    "ansible-vault": "$ANSIBLE_VAULT;1.1;AES256\n" + "3634623865323961\n" * 12,
    "age": "age-encryption.org/v1\n-> X25519 abcdefghijklmnop\nqrstuvwxyz0123456789\n--- ABCDEF\n\x01\x02binary\n",
    "armored age": "-----BEGIN AGE ENCRYPTED FILE-----\nYWdlLWVuY3J5cHRpb24ub3JnL3Yx\n-----END AGE ENCRYPTED FILE-----\n",
    "git-crypt": "\x00GITCRYPT\x00\x8f\x12 binary payload\n\x00\x01",
    "PGP": "-----BEGIN PGP MESSAGE-----\n\nhQEMA5vK1example\n=abcd\n-----END PGP MESSAGE-----\n",
    "transcrypt": "U2FsdGVkX1+example0123456789abcdef\nmoreBase64Here==\n",
    "sops": "[default]\naws_access_key_id = ENC[AES256_GCM,data:abc=,iv:def=,tag:ghi=,type:str]\n"
    "aws_secret_access_key = ENC[AES256_GCM,data:jkl=,iv:mno=,tag:pqr=,type:str]\n"
    "[sops]\nsops_version = 3.8.1\nsops_mac = ENC[AES256_GCM,data:x,iv:y,tag:z,type:str]\n",
}


@pytest.mark.parametrize("tool", sorted(CIPHERTEXTS))
def test_encrypted_file_gets_one_info_note_and_is_not_linted(cli: Any, tmp_path: Path, tool: str) -> None:
    folder = tmp_path / ".aws"
    folder.mkdir()
    (folder / "credentials").write_bytes(CIPHERTEXTS[tool].encode("utf-8", "surrogateescape"))
    found = findings(cli, folder)
    assert codes(found) == [("AWS014", "info")]
    assert found[0]["line"] == 1 and "encrypted" in found[0]["message"]
    assert "ENC[" not in found[0]["message"] and "3634" not in found[0]["message"]  # nothing of the content is shown


def test_a_sops_mark_in_a_comment_does_not_hide_a_plaintext_credentials_file(cli: Any, tmp_path: Path) -> None:
    """Only sops's own output (encrypted values plus its metadata) is skipped as ciphertext."""
    folder = write_layout(
        tmp_path / ".aws", None,
        f"# old = ENC[AES256_GCM,data:abc,iv:def,tag:ghi,type:str]\n[default]\naws_access_key_id = {KEY_ID}\n"
        f"aws_secret_access_key = {SECRET}\n",
    )
    found = {code for code, _ in codes(findings(cli, folder))}
    assert "AWS014" not in found and {"AWS201", "AWS202"} <= found


def test_text_without_any_header_is_one_syntax_error_not_one_per_line(cli: Any, tmp_path: Path) -> None:
    folder = write_layout(tmp_path / ".aws", None, f"aws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\nregion = x\n")
    found = findings(cli, folder)
    assert codes(found) == [("AWS001", "error")]
    assert "no [section] header" in found[0]["message"] and SECRET not in found[0]["message"]


def test_binary_file_is_one_finding_for_the_file(cli: Any, tmp_path: Path) -> None:
    folder = tmp_path / ".aws"
    folder.mkdir()
    (folder / "config").write_bytes(bytes(range(256)) * 8)
    found = findings(cli, folder)
    assert [f["code"] for f in found if f["code"] == "AWS001"] == ["AWS001"]
    assert len(found) <= 2  # the file's verdict, and the first encoding problem that explains it


def test_one_stray_line_before_the_first_header_is_still_reported_at_its_line(cli: Any, tmp_path: Path) -> None:
    folder = write_layout(tmp_path / ".aws", "region = us-east-1\n[default]\noutput = json\n")
    assert [(f["code"], f["line"]) for f in findings(cli, folder)] == [("AWS001", 1)]


# -- a repository that keeps only the config file ---------------------------------------------


def test_missing_source_profile_in_config_only_repository_is_info_once_per_name(cli: Any, tmp_path: Path) -> None:
    repo = git_repo(tmp_path / "dotfiles")
    roles = "".join(f"[profile r{i}]\nrole_arn = arn:aws:iam::123456789012:role/R{i}\nsource_profile = base\n" for i in range(30))
    folder = write_layout(repo / ".aws", roles)
    found = findings(cli, folder)
    assert codes(found) == [("AWS105", "info")]
    assert "30 profiles name it" in found[0]["message"] and "cannot tell" in found[0]["message"]


def test_missing_source_profile_on_a_real_aws_folder_stays_an_error(cli: Any, tmp_path: Path) -> None:
    folder = write_layout(tmp_path / "home" / ".aws", ROLE_FROM_BASE)  # no git work tree around it
    assert codes(findings(cli, folder)) == [("AWS105", "error")]


def test_missing_source_profile_stays_an_error_when_the_repository_holds_both_files(cli: Any, tmp_path: Path) -> None:
    repo = git_repo(tmp_path / "dotfiles")
    folder = write_layout(repo / ".aws", ROLE_FROM_BASE, "[other]\naws_access_key_id = test\naws_secret_access_key = test\n")
    assert ("AWS105", "error") in codes(findings(cli, folder))


def test_source_without_credentials_in_config_only_repository_is_info(cli: Any, tmp_path: Path) -> None:
    repo = git_repo(tmp_path / "dotfiles")
    folder = write_layout(repo / ".aws", ROLE_FROM_BASE + "[profile base]\nregion = eu-west-1\n")
    assert codes(findings(cli, folder)) == [("AWS110", "info")]
    plain = write_layout(tmp_path / "home" / ".aws", ROLE_FROM_BASE + "[profile base]\nregion = eu-west-1\n")
    assert codes(findings(cli, plain)) == [("AWS110", "error")]


def test_encrypted_credentials_file_makes_its_profiles_unknown(cli: Any, tmp_path: Path) -> None:
    folder = write_layout(tmp_path / "home" / ".aws", ROLE_FROM_BASE + "[profile base]\nregion = eu-west-1\n")
    (folder / "credentials").write_text(CIPHERTEXTS["ansible-vault"])
    assert codes(findings(cli, folder)) == [("AWS014", "info"), ("AWS110", "info")]


def test_chezmoi_source_folder_counts_as_a_repository_without_git(cli: Any, tmp_path: Path) -> None:
    folder = write_layout(tmp_path / "private_dot_aws", ROLE_FROM_BASE + "[profile base]\nregion = eu-west-1\n")
    assert codes(findings(cli, folder)) == [("AWS110", "info")]


# -- helpers that keep keys outside the files -------------------------------------------------

HELPER_LAYOUTS = {
    "aws-vault key": ("aws-vault", "[profile base]\nmfa_serial = arn:aws:iam::123456789012:mfa/me\n[profile app]\n"
                      "include_profile = base\nrole_arn = arn:aws:iam::123456789012:role/App\nsource_profile = base\n"),
    "aws-vault process": ("aws-vault", "[profile home]\ncredential_process = aws-vault exec home --json\n"
                          "[profile base]\nregion = eu-west-1\n" + ROLE_FROM_BASE),
    "granted process": ("granted", "[profile base]\nregion = eu-west-1\n" + ROLE_FROM_BASE
                        + "[profile sso]\ncredential_process = granted credential-process --profile sso\n"),
    "aws-okta section": ("aws-okta", "[okta]\naws_saml_url = home/amazon_aws/0oa1/272\n[profile base]\nregion = eu-west-1\n" + ROLE_FROM_BASE),
    "comment": ("aws-vault", "# credential_process = aws-vault exec base --json\n[profile base]\nregion = eu-west-1\n" + ROLE_FROM_BASE),
}


@pytest.mark.parametrize("layout", sorted(HELPER_LAYOUTS))
def test_keychain_helper_layout_says_the_helper_can_use_the_profile(cli: Any, tmp_path: Path, layout: str) -> None:
    helper, config = HELPER_LAYOUTS[layout]
    folder = write_layout(tmp_path / "home" / ".aws", config)  # a real ~/.aws: not a repository
    found = [f for f in findings(cli, folder) if f["code"] in ("AWS107", "AWS110")]
    assert [(f["code"], f["severity"]) for f in found] == [("AWS110", "info")]
    assert f"set up for {helper}" in found[0]["message"]


def test_role_without_source_in_aws_okta_layout_is_info(cli: Any, tmp_path: Path) -> None:
    folder = write_layout(tmp_path / "home" / ".aws", "[okta]\naws_saml_url = x\n[profile ro]\nrole_arn = arn:aws:iam::123456789012:role/RO\n")
    assert codes(findings(cli, folder)) == [("AWS107", "info")]
    bare = write_layout(tmp_path / "other" / ".aws", "[profile ro]\nrole_arn = arn:aws:iam::123456789012:role/RO\n")
    assert codes(findings(cli, bare)) == [("AWS107", "error")]


# -- wrong claims -----------------------------------------------------------------------------


def test_self_sourced_role_reads_its_own_incomplete_keys(lint: Any) -> None:
    credentials = f"[me]\naws_access_key_id = {KEY_ID}\nrole_arn = arn:aws:iam::123456789012:role/X\nsource_profile = me\n"
    found = [f for f in lint(credentials=credentials) if f.code == "AWS206"]
    assert [f.severity for f in found] == ["error"]
    assert "never reads" not in found[0].message


def test_empty_session_token_is_no_token(lint: Any) -> None:
    found = lint(credentials=f"[a]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\naws_session_token =\n")
    assert not {f.code for f in found} & {"AWS207", "AWS208", "AWS210", "AWS206"}


def test_lone_sso_region_outside_an_sso_profile_is_not_legacy_sso(lint: Any) -> None:
    assert [f.code for f in lint(config="[profile g]\nsso_region = us-east-1\nregion = us-east-1\n") if f.code == "AWS113"] == []
    legacy = "[profile s]\nsso_start_url = https://x.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = R\n"
    assert [f.code for f in lint(config=legacy)] == ["AWS113"]


def test_value_wrapped_onto_the_next_line_is_not_a_colon_separator(lint: Any) -> None:
    config = "[profile dev]\nrole_arn =\narn:aws:iam::123456789012:role/Admin\ncredential_source = Ec2InstanceMetadata\n"
    found = [f for f in lint(config=config) if f.code in ("AWS007", "AWS011")]
    assert [f.code for f in found] == ["AWS007"]
    assert "wrapped onto the next line" in found[0].message and found[0].fix is None
    assert [f.fix is not None for f in lint(config="[profile dev]\nregion: eu-west-1\n") if f.code == "AWS007"] == [True]


def test_quotes_on_a_key_nothing_reads_are_not_reported(lint: Any) -> None:
    found = lint(config='[profile a]\nmfa_token_provider = "gopass otp"\nregion = "eu-west-1"\n')
    assert sorted((f.code, f.key) for f in found if f.code in ("AWS008", "AWS011")) == [("AWS008", "region"), ("AWS011", "mfa_token_provider")]


def test_file_modes_in_a_git_work_tree_and_chezmoi_sources_are_not_judged(cli: Any, tmp_path: Path) -> None:
    keys = f"[work]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n"
    repo = git_repo(tmp_path / "dotfiles")
    in_git = write_layout(repo / "aws", None, keys)
    (in_git / "credentials").chmod(0o644)
    chezmoi = tmp_path / "src" / "private_dot_aws"
    chezmoi.mkdir(parents=True)
    (chezmoi / "private_credentials").write_text(keys)
    (chezmoi / "private_credentials").chmod(0o644)
    home = write_layout(tmp_path / "home" / ".aws", None, keys)
    (home / "credentials").chmod(0o644)
    assert [f for f in findings(cli, in_git, chezmoi) if f["code"] == "AWS212"] == []
    assert [f["code"] for f in findings(cli, home) if f["code"] == "AWS212"] == ["AWS212"]


@pytest.mark.parametrize("value", ["{key_id}", "<YOUR_KEY>", "${AWS_ACCESS_KEY_ID}", "%AWS_ACCESS_KEY_ID%", "REPLACE_ME", "changeme"])
def test_placeholders_are_aws209_info_not_malformed_keys(lint: Any, value: str) -> None:
    found = lint(credentials=f"[a]\naws_access_key_id = {value}\naws_secret_access_key = {value}\n")
    assert [(f.code, f.severity) for f in found] == [("AWS209", "info")]


@pytest.mark.parametrize("host", ["localhost.localstack.cloud", "s3.localhost.localstack.cloud", "api.localtest.me", "lvh.me", "app.localhost"])
def test_loopback_names_are_local_endpoints(lint: Any, host: str) -> None:
    config = f"[profile ls]\nendpoint_url = http://{host}:4566\n"
    credentials = f"[ls]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n"
    messages = [f.message for f in lint(config=config, credentials=credentials, select=["AWS305"])]
    assert not any("plain HTTP" in m for m in messages)
    remote = lint(config=config.replace(host, "ls.example.com"), credentials=credentials, select=["AWS305"])
    assert any("plain HTTP" in f.message for f in remote)


def test_placeholder_region_is_info(lint: Any) -> None:
    for value in ("REGION", "<region>", "YOUR_REGION"):
        found = lint(config=f"[profile p]\nregion = {value}\n", select=["AWS303"])
        assert [(f.code, f.severity) for f in found] == [("AWS303", "info")], value
    assert [f.severity for f in lint(config="[profile p]\nregion = ddd\n", select=["AWS303"])] == ["error"]


# -- templates --------------------------------------------------------------------------------


def test_template_profile_name_is_not_judged(cli: Any, tmp_path: Path) -> None:
    folder = tmp_path / "dot_aws"
    folder.mkdir()
    (folder / "config.tmpl").write_text("{{ range .profiles }}\n[profile {{ .name }}]\nregion = {{ .region }}\n{{ end }}\n")
    assert findings(cli, folder) == []


def test_template_comment_over_several_lines_and_keys_in_two_branches(cli: Any, tmp_path: Path) -> None:
    folder = tmp_path / "dot_aws"
    folder.mkdir()
    (folder / "config.tmpl").write_text(
        "[default]\n{{/*\nWhy both: see chezmoi#463.\n*/}}\n{{- if .work }}\nregion = us-east-1\n{{- else }}\n"
        "region = eu-west-1\n{{- end }}\n[profile a]\nregion = us-east-1\nregion = eu-west-1\n"
    )
    found = findings(cli, folder)
    assert [(f["code"], f["line"]) for f in found] == [("AWS003", 12)]  # only the real duplicate
