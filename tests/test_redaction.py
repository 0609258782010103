"""Secrets stay masked in every output: key ids glued to words or used as names, secrets swapped
into the key id, passwords in endpoint URLs, key shapes in paths."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from awslint.redaction import Redactor, mask_url_userinfo
from support.fakes import KEY_ID, SECRET, write_layout

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


def test_key_id_written_as_a_key_name_is_masked(cli, tmp_path: Path) -> None:
    folder = write_layout(tmp_path / "aws", None, f"[default]\n{KEY_ID} = {SECRET}  # old\n{KEY_ID} = x\n")
    for fmt in ("text", "json"):
        result = cli(str(folder), "-f", fmt)
        assert result.code == 1
        assert KEY_ID.lower() not in result.out.lower() and SECRET not in result.out
    findings = json.loads(cli(str(folder), "-f", "json").out)["findings"]
    assert {f["key"] for f in findings} == {"akia…2epf"}


def test_swapped_key_and_secret_show_no_part_of_the_secret(lint) -> None:
    (finding,) = lint(credentials=f"[default]\naws_access_key_id = {SECRET}\naws_secret_access_key = {KEY_ID}\n", select=["AWS201"])
    assert SECRET[:4] not in finding.message and SECRET[-4:] not in finding.message
    assert "static key ****" in finding.message


def test_warnings_mask_key_shapes_in_paths_too(cli, tmp_path: Path) -> None:
    folder = tmp_path / KEY_ID
    folder.mkdir()
    result = cli(str(folder))
    assert result.code == 0
    assert KEY_ID not in result.err
    assert result.err == f"awslint: warning: {tmp_path}/AKIA…2EPF: no AWS config or credentials file in this folder or below it (looked for config and credentials in .aws, aws and dot_aws folders)\n"
