"""Regressions from review round A: secret leaks (key ids glued to words, URL passwords), report
files written over devices, symlinks and inputs, control characters in GitHub annotations, and
chezmoi source names."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from awslint.findings import Redactor, mask_url_userinfo
from conftest import KEY_ID, SECRET, write_layout

ALL_OUTPUTS = (
    ("-f", "text"), ("-f", "json"), ("-f", "sarif"), ("-f", "github"),
    ("explain",), ("explain", "-f", "json"),
)


def _outputs(cli, folder: Path) -> list[str]:
    texts = []
    for args in ALL_OUTPUTS:
        if args[0] == "explain":
            result = cli(args[0], *args[1:], str(folder))
            assert result.code in (0, 1), result
        else:
            result = cli(str(folder), *args)
            assert result.code == 1, result
        texts.append(result.out + result.err)
    return texts


# -- 1: key ids glued to word characters ------------------------------------------------------


def test_key_id_in_a_profile_name_with_a_suffix_is_masked_everywhere(cli, tmp_path: Path) -> None:
    # `\b` does not separate the key id from `_old`, so the whole id used to be printed as the
    # profile name and in the did-you-mean of the source_profile typo.
    folder = write_layout(
        tmp_path / "aws",
        config=f"[profile x]\nrole_arn = arn:aws:iam::111122223333:role/x\nsource_profile = {KEY_ID}_ol\n",
        credentials=f"[{KEY_ID}_old]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n",
    )
    texts = _outputs(cli, folder)
    for text in texts:
        assert KEY_ID not in text and KEY_ID.lower() not in text.lower()
        assert SECRET not in text
    assert "did you mean 'AKIA…2EPF_old'" in texts[0]


@pytest.mark.parametrize(
    "text, expected",
    [
        (f"{KEY_ID}_old", "AKIA…2EPF_old"),
        (f"x{KEY_ID}old", "xAKIA…2EPFold"),
        (f"{KEY_ID.lower()}_old", "akia…2epf_old"),
        (f"'{KEY_ID.lower()}'", "'akia…2epf'"),
        # Lower-case words are not key ids unless they stand alone.
        ("asiapacificproduction", "asiapacificproduction"),
        (f"p{SECRET}q", "p****q"),
        (f"x_{SECRET}", "x_****"),
    ],
)
def test_redactor_masks_glued_key_material(text: str, expected: str) -> None:
    assert Redactor([KEY_ID, SECRET])(text) == expected


def test_known_lower_case_key_id_glued_to_a_word_is_masked() -> None:
    # A lower-case key id is matched by shape only when it stands alone: the value list covers it.
    assert Redactor([KEY_ID.lower()])(f"x{KEY_ID.lower()}y") == "xakia…2epfy"


# -- 2: passwords in endpoint URLs ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("http://admin:Pa55w0rdSecret3@10.0.0.5:9000", "http://admin:****@10.0.0.5:9000"),
        ("to 'https://user:p@ss/w@sts.amazonaws.com/x'.", "to 'https://user:****@sts.amazonaws.com/x'."),
        ("_http://u:pw@h and HTTPS://v:pw2@g", "_http://u:****@h and HTTPS://v:****@g"),
        ("https://user@host/a@b mailto:x@y http://h:80/", "https://user@host/a@b mailto:x@y http://h:80/"),
    ],
)
def test_url_passwords_are_masked(text: str, expected: str) -> None:
    assert mask_url_userinfo(text) == expected
    assert Redactor()(text) == expected


def test_endpoint_url_password_is_not_printed(cli, tmp_path: Path) -> None:
    folder = write_layout(
        tmp_path / "aws",
        config="[profile p]\ncredential_process = /bin/true\nendpoint_url = http://admin:Pa55w0rdSecret3@10.0.0.5:9000\n",
    )
    texts = _outputs(cli, folder)
    for text in texts:
        assert "Pa55w0rdSecret3" not in text
    assert "http://admin:****@10.0.0.5:9000" in texts[0] and "AWS305" in texts[0]


def test_sts_service_endpoint_password_is_not_printed(cli, tmp_path: Path) -> None:
    folder = write_layout(
        tmp_path / "aws",
        config=(
            "[profile g]\nregion = af-south-1\nrole_arn = arn:aws:iam::111122223333:role/Ops\nsource_profile = base\n"
            "services = g\n\n[services g]\nsts =\n  endpoint_url = https://user:pw0rdSecret@sts.amazonaws.com\n"
        ),
        credentials=f"[base]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n",
    )
    texts = _outputs(cli, folder)
    for text in texts:
        assert "pw0rdSecret" not in text
    assert "AWS301" in texts[0] and "https://user:****@sts.amazonaws.com" in texts[0]
    assert "https://user:****@sts.amazonaws.com" in texts[4]  # explain names the endpoint


def test_diff_masks_url_passwords(cli, tmp_path: Path) -> None:
    folder = write_layout(
        tmp_path / "aws",
        config="[profile p]\ncredential_process = /bin/true\nendpoint_url = http://admin:Pa55w0rdSecret3@10.0.0.5:9000\n"
        "REGION = us-east-1\n",
    )
    before = (folder / "config").read_bytes()
    result = cli(str(folder), "--diff")
    assert result.code == 1, result
    assert "Pa55w0rdSecret3" not in result.out + result.err
    assert " endpoint_url = http://admin:****@10.0.0.5:9000\n" in result.out
    assert (folder / "config").read_bytes() == before


def test_json_findings_hold_no_url_password(cli, tmp_path: Path) -> None:
    folder = write_layout(
        tmp_path / "aws",
        config="[profile p]\ncredential_process = /bin/true\nendpoint_url = http://admin:Pa55w0rdSecret3@10.0.0.5:9000\n",
    )
    findings = json.loads(cli(str(folder), "-f", "json").out)["findings"]
    assert any(f["code"] == "AWS305" for f in findings)
    assert "Pa55w0rdSecret3" not in json.dumps(findings)


# -- 3: report destinations that are not plain files -------------------------------------------

# (Both checksum settings: AWS306 would otherwise come first in the report.)
P305 = (
    "[profile p]\ncredential_process = /bin/true\nendpoint_url = http://10.0.0.5:9000\n"
    "request_checksum_calculation = when_required\nresponse_checksum_validation = when_required\n"
)


def test_output_to_dev_null_keeps_the_device(cli, tmp_path: Path) -> None:
    import stat

    folder = write_layout(tmp_path / "aws", config=P305)
    before = os.stat("/dev/null")
    result = cli(str(folder), "-f", "json", "-o", "/dev/null")
    assert result.code == 1, result
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


def test_output_to_a_fifo_writes_into_it(cli, tmp_path: Path) -> None:
    import stat
    import threading

    folder = write_layout(tmp_path / "aws", config=P305)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    received: list[str] = []
    # A daemon: if awslint never opens the FIFO the reader stays blocked, and must not hang pytest.
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()), daemon=True)
    reader.start()
    result = cli(str(folder), "-f", "json", "-o", str(fifo))
    reader.join(timeout=10)
    assert result.code == 1, result
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert json.loads(received[0])["findings"][0]["code"] == "AWS305"


@pytest.mark.parametrize("target_exists", [True, False])
def test_output_through_a_symlink_writes_its_target(cli, tmp_path: Path, target_exists: bool) -> None:
    folder = write_layout(tmp_path / "aws", config=P305)
    target = tmp_path / "reports" / "real.json"
    target.parent.mkdir()
    if target_exists:
        target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    result = cli(str(folder), "-f", f"json:{link}")
    assert result.code == 1, result
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert json.loads(target.read_text())["findings"][0]["code"] == "AWS305"
    assert sorted(p.name for p in target.parent.iterdir()) == ["real.json"]  # no temporary file left


def test_dev_stdout_is_written_in_place(cli, tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    # Replacing /dev/stdout by rename would turn the device link into a plain file (as root).
    folder = write_layout(tmp_path / "aws", config=P305)
    was_link = os.path.islink("/dev/stdout")
    result = cli(str(folder), "-f", "json:/dev/stdout")
    assert result.code == 1, result
    assert os.path.islink("/dev/stdout") == was_link
    assert json.loads(capfd.readouterr().out)["findings"][0]["code"] == "AWS305"


@pytest.mark.parametrize("how", ["same", "symlink", "hardlink", "format-path"])
def test_output_onto_a_linted_file_is_refused(cli, tmp_path: Path, how: str) -> None:
    folder = write_layout(
        tmp_path / "aws", config=P305, credentials=f"[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n"
    )
    config, credentials = folder / "config", folder / "credentials"
    before = {p: p.read_bytes() for p in (config, credentials)}
    destination = credentials
    if how == "symlink":
        destination = tmp_path / "link"
        destination.symlink_to(config)
    elif how == "hardlink":
        destination = tmp_path / "hard"
        os.link(credentials, destination)
    args = ["-f", f"json:{destination}"] if how == "format-path" else ["-f", "json", "-o", str(destination)]
    result = cli(str(folder), *args)
    assert result.code == 2, result
    assert result.err.startswith("awslint: error: --output ") and "files being linted" in result.err
    assert result.out == ""
    assert {p: p.read_bytes() for p in (config, credentials)} == before
    assert sorted(p.name for p in folder.iterdir()) == ["config", "credentials"]


def test_output_onto_a_single_linted_file_is_refused(cli, tmp_path: Path) -> None:
    folder = write_layout(tmp_path / "aws", config=P305)
    config = folder / "config"
    result = cli(str(config), "-o", str(config))
    assert result.code == 2 and "files being linted" in result.err, result
    assert config.read_text() == P305


# -- 4: control characters in GitHub annotations ----------------------------------------------


def test_github_format_escapes_control_characters(cli, tmp_path: Path) -> None:
    folder = write_layout(tmp_path / "aws", config="[profile ev\x1b[31mil\x07]\nregion = us-east-1\nregoin = x\n")
    result = cli(str(folder), "-f", "github")
    assert result.code == 1, result
    assert result.out.startswith("::")
    assert "\x1b" not in result.out and "\x07" not in result.out
    assert "ev\\x1b[31mil\\x07" in result.out
    # Each annotation is one line.
    assert all(line.startswith("::") for line in result.out.splitlines())


# -- 5: chezmoi names ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "base"),
    [
        ("private_credentials", "credentials"), ("create_private_credentials.tmpl", "credentials"),
        ("readonly_empty_executable_config", "config"), ("literal_config", "config"),
        ("private_literal_credentials", "credentials"), ("literal_private_config", "private_config"),
        # Not plain files: a modify script, a link target, a run script, a removal, ciphertext.
        ("modify_credentials", "modify_credentials"), ("symlink_config", "symlink_config"),
        ("run_config", "run_config"), ("remove_credentials", "remove_credentials"),
        ("encrypted_private_credentials", "encrypted_private_credentials"),
        ("private_modify_credentials", "modify_credentials"),
    ],
)
def test_chezmoi_base_names(name: str, base: str) -> None:
    from awslint.discovery import base_name

    assert base_name(name) == base


def test_chezmoi_folder_skips_scripts_links_and_ciphertext(cli, tmp_path: Path) -> None:
    folder = tmp_path / "dotfiles" / "private_dot_aws"
    folder.mkdir(parents=True)
    (folder / "create_config").write_text("[profile a]\nregoin = us-east-1\n")
    (folder / "private_credentials").write_text(f"[a]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n")
    # Each of these would give findings (or garbage) if read as an AWS file.
    (folder / "modify_config").write_text("#!/bin/sh\nsed s/a/b/\n")
    (folder / "symlink_credentials").write_text("../secrets/credentials\n")
    (folder / "run_once_config").write_text("#!/bin/sh\necho hi\n")
    (folder / "remove_credentials").write_text("")
    (folder / "encrypted_private_credentials").write_text("-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n")
    result = cli(str(folder), "-f", "json")
    assert result.code == 1, result
    paths = {Path(f["path"]).name for f in json.loads(result.out)["findings"]}
    assert paths == {"create_config", "private_credentials"}
    assert json.loads(result.out)["summary"]["files"] == 2
