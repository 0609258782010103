"""Nothing a user passes in may crash awslint, leak a secret or change a file.

Every run must end with exit 0/1 and findings with line numbers (a malformed file is the
user's problem, reported as findings), or exit 2 with one ``awslint: error:`` line; never a
traceback. Time is not measured beyond a generous guard against hangs.

The bad-input catalogue (issue 7), and where each entry is tested:

* binary data, NUL bytes: ``test_random_binary_data``, ``test_all_byte_values``, ``test_nul_byte_in_a_value``
* UTF-16 with and without BOM, Latin-1, a UTF-8 BOM: ``test_utf16_file``, ``test_utf16_without_bom``,
  ``test_latin1_file``, ``test_utf8_bom_is_aws004_and_the_rest_is_still_linted``
* a 5 MB line: ``test_five_megabyte_single_line_value``, ``test_five_megabyte_file_that_is_one_line``
* 60,000 sections, 5,000 nested keys: ``test_sixty_thousand_sections``, ``test_five_thousand_nested_keys``
* CR-only and mixed endings: ``test_cr_only_line_endings``, ``test_mixed_crlf_and_lf``,
  ``test_every_line_ending_mixed_in_one_file``
* a FIFO where a file is expected: ``test_fifo_where_a_file_is_expected`` here, and the FIFO tests in
  ``test_discovery.py`` (folder entries, siblings, AWS_SHARED_CREDENTIALS_FILE)
* a folder where a file is expected: ``test_folder_where_a_file_is_expected``,
  ``test_folder_named_config_inside_a_layout``, ``test_folder_in_aws_config_file``
* a symlink loop: ``test_symlink_loop_path`` and ``test_symlink_loop_named_credentials_in_a_folder``
  in ``test_discovery.py``
* an unreadable file: ``test_unreadable_file_is_an_error`` in ``test_cli.py`` (skipped as root) and
  ``test_file_that_fails_to_read_even_for_root`` here
* lint never writes: ``test_lint_never_writes_its_inputs`` (every output the CLI offers)
"""

from __future__ import annotations

import json
import os
import random
import threading
from pathlib import Path
from typing import Any

import pytest
from conftest import KEY_ID, SECRET, TEMP_KEY_ID, TEMP_SECRET, TOKEN
from hardening_support import explain_argvs, lint_argvs

GUARD_SECONDS = 60
SECRETS = (KEY_ID, SECRET, TEMP_KEY_ID, TEMP_SECRET, TOKEN)


def run_guarded(cli: Any, *args: str) -> Any:
    """``cli(*args)`` in a thread; fail if it takes longer than the guard."""
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["result"] = cli(*args)
        except BaseException as exc:  # noqa: BLE001 - re-raised below
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(GUARD_SECONDS)
    assert not thread.is_alive(), f"awslint {args} did not finish within {GUARD_SECONDS} s"
    if "error" in box:
        raise box["error"]
    return box["result"]


def assert_contract(result: Any) -> None:
    """Exit 0/1, or exit 2 with a single ``awslint: error:`` line; never a traceback."""
    assert "Traceback" not in result.out + result.err
    assert "internal error" not in result.err, result.err
    if result.code == 2:
        lines = result.err.splitlines()
        assert len(lines) == 1 and lines[0].startswith("awslint: error: "), result.err
    else:
        assert result.code in (0, 1), result


def lint_bytes(
    cli: Any, tmp_path: Path, data: bytes, name: str = "config", *args: str
) -> tuple[Any, list[dict[str, Any]]]:
    """Write ``data`` to a file of its own folder, lint it as JSON; a file must be linted (0/1)."""
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    result = run_guarded(cli, str(path), "--format", "json", *args)
    assert_contract(result)
    assert result.code in (0, 1), result
    findings = json.loads(result.out)["findings"]
    for finding in findings:
        assert finding["path"] == str(path)
        assert finding["line"] >= 1 and finding["column"] >= 1
    assert result.code == (1 if findings else 0)
    return result, findings


def where(findings: list[dict[str, Any]], code: str | None = None) -> list[tuple[str, int, int]]:
    return [(f["code"], f["line"], f["column"]) for f in findings if code is None or f["code"] == code]


# --- encodings -----------------------------------------------------------------------------


def test_utf8_bom_is_aws004_and_the_rest_is_still_linted(cli: Any, tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf[default]\nregion = us-east-1\n\n[profile prod]\nregion = us-east-1 # prod\n"
    _, findings = lint_bytes(cli, tmp_path, data)
    assert where(findings) == [("AWS004", 1, 1), ("AWS006", 5, 20)]
    assert findings[0]["severity"] == "error"


@pytest.mark.parametrize(
    ("data", "line", "column"),
    [
        pytest.param(b"[default]\nregion = us-east-1\noutput = caf\xe9\n", 3, 13, id="lf"),
        pytest.param(b"[default]\r\nregion = us-east-1\r\noutput = caf\xe9\r\n", 3, 13, id="crlf"),
        pytest.param(b"[caf\xe9]\nregion = us-east-1\n", 1, 5, id="in-header"),
    ],
)
def test_invalid_utf8_is_aws005_error_at_the_byte(
    cli: Any, tmp_path: Path, data: bytes, line: int, column: int
) -> None:
    _, findings = lint_bytes(cli, tmp_path, data)
    aws005 = [f for f in findings if f["code"] == "AWS005"]
    assert [(f["line"], f["column"], f["severity"]) for f in aws005] == [(line, column, "error")]
    assert "0xe9" in aws005[0]["message"]


def test_utf16_file(cli: Any, tmp_path: Path) -> None:
    data = "[default]\nregion = us-east-1\n".encode("utf-16")
    _, findings = lint_bytes(cli, tmp_path, data)
    assert ("AWS005", 1, 1) in where(findings)
    assert [f["severity"] for f in findings if where([f]) == [("AWS005", 1, 1)]] == ["error"]


def test_utf16_without_bom(cli: Any, tmp_path: Path) -> None:
    """UTF-16-LE without a BOM is valid UTF-8 full of NULs: each NUL line is flagged, and the lone
    NUL after the last newline is a line botocore refuses (AWS001)."""
    data = "[default]\nregion = us-east-1\n".encode("utf-16-le")
    _, findings = lint_bytes(cli, tmp_path, data)
    assert where(findings) == [("AWS005", 1, 2), ("AWS005", 2, 1), ("AWS001", 3, 1), ("AWS005", 3, 1)]
    assert [f["severity"] for f in findings if f["code"] == "AWS001"] == ["error"]


def test_latin1_file(cli: Any, tmp_path: Path) -> None:
    """A Latin-1 file: the first non-UTF-8 byte is reported where it is, the rest still linted."""
    data = "[profile café]\nregion = us-east-1 # c\noutput = \u00e9t\u00e9\n".encode("latin-1")
    _, findings = lint_bytes(cli, tmp_path, data)
    assert ("AWS005", 1, 13) in where(findings)
    assert ("AWS006", 2, 20) in where(findings)


def test_random_binary_data(cli: Any, tmp_path: Path) -> None:
    data = random.Random(1234).randbytes(32 * 1024) + b"\x00\x00\n\x00[default]\x00\n"
    _, findings = lint_bytes(cli, tmp_path, data)
    assert findings
    assert any(f["code"] == "AWS005" and f["severity"] == "error" for f in findings)


def test_all_byte_values(cli: Any, tmp_path: Path) -> None:
    data = b"[default]\nregion = " + bytes(range(256)) + b"\n"
    _, findings = lint_bytes(cli, tmp_path, data)
    assert any(f["code"] == "AWS005" for f in findings)


def test_nul_byte_in_a_value(cli: Any, tmp_path: Path) -> None:
    _, findings = lint_bytes(cli, tmp_path, b"[default]\nregion = us-\x00east-1\noutput = json\n")
    # The NUL byte is reported, and the value is no region code (AWS303 suggests the nearest).
    assert where(findings) == [("AWS303", 2, 10), ("AWS005", 2, 13)]
    assert "(did you mean 'us-east-1'?)" in findings[0]["message"]


# --- line endings and sizes ----------------------------------------------------------------


def test_cr_only_line_endings(cli: Any, tmp_path: Path) -> None:
    data = b"[default]\rregion = us-east-1 # c\r\r[default]\routput = json\r"
    _, findings = lint_bytes(cli, tmp_path, data)
    assert where(findings) == [("AWS006", 2, 20), ("AWS002", 4, 1)]


def test_mixed_crlf_and_lf(cli: Any, tmp_path: Path) -> None:
    data = b"[default]\r\nregion = us-east-1 # c\n[default]\r\noutput = json\n"
    _, findings = lint_bytes(cli, tmp_path, data)
    assert where(findings) == [("AWS006", 2, 20), ("AWS002", 3, 1)]


def test_every_line_ending_mixed_in_one_file(cli: Any, tmp_path: Path) -> None:
    data = b"[default]\rregion = us-east-1 # a\r\n[profile x]\noutput = json # b\r\r\n[default]\r"
    _, findings = lint_bytes(cli, tmp_path, data)
    assert where(findings) == [("AWS006", 2, 20), ("AWS006", 4, 15), ("AWS002", 6, 1)]


def test_five_megabyte_single_line_value(cli: Any, tmp_path: Path) -> None:
    size = 5 * 1024 * 1024
    data = b"[default]\nregion = " + b"a" * size + b" # c\n"
    _, findings = lint_bytes(cli, tmp_path, data)
    assert where(findings) == [("AWS303", 2, 10), ("AWS006", 2, size + 11)]
    assert len(findings[0]["message"]) < 500  # the value is cut, not printed whole


def test_five_megabyte_file_that_is_one_line(cli: Any, tmp_path: Path) -> None:
    data = b"x" * (5 * 1024 * 1024)
    _, findings = lint_bytes(cli, tmp_path, data)
    assert where(findings) == [("AWS001", 1, 1)]


def test_sixty_thousand_sections(cli: Any, tmp_path: Path) -> None:
    count = 60_000
    body = "".join(f"[profile p{i}]\n" for i in range(count))
    data = (body + "region = us-east-1 # c\n[profile p0]\n").encode()
    _, findings = lint_bytes(cli, tmp_path, data)
    assert where(findings) == [("AWS006", count + 1, 20), ("AWS002", count + 2, 1)]
    assert "line 1" in findings[1]["message"]


def test_five_thousand_nested_keys(cli: Any, tmp_path: Path) -> None:
    count = 5_000
    nested = "".join(f"  key{i} = value{i}\n" for i in range(count))
    data = f"[default]\ns3 =\n{nested}  no_equals_sign\nregion = us-east-1 # c\n".encode()
    _, findings = lint_bytes(cli, tmp_path, data)
    # AWS011: none of the key0..key4999 names is an s3 setting (one finding, at the first).
    assert where(findings) == [("AWS011", 3, 3), ("AWS001", count + 3, 3), ("AWS006", count + 4, 20)]
    assert "and 4995 more" in findings[0]["message"]


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"# only comments\n; and more\n\n   # indented\n", id="comments"),
        pytest.param(b"\n\n\n", id="blank-lines"),
        pytest.param(b"\xef\xbb\xbf", id="bom-only"),
    ],
)
def test_files_with_nothing_in_them(cli: Any, tmp_path: Path, data: bytes) -> None:
    _, findings = lint_bytes(cli, tmp_path, data)
    expected = [("AWS004", 1, 1)] if data.startswith(b"\xef\xbb\xbf") else []
    assert where(findings) == expected


# --- syntax errors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "region = us-east-1\n[default]\noutput = json # c\n",
            [("AWS001", 1, 1), ("AWS006", 3, 15)],
            id="key-before-section",
        ),
        pytest.param(
            "[default]\nregion = us-east-1\n[profile dev\noutput = json # c\n",
            [("AWS001", 3, 1), ("AWS006", 4, 15)],
            id="header-without-bracket",
        ),
        pytest.param(
            "[default]\noutput\nregion = us-east-1 # c\n",
            [("AWS001", 2, 1), ("AWS006", 3, 20)],
            id="bare-key",
        ),
        pytest.param(
            "[default]\n= json\nregion = us-east-1 # c\n",
            [("AWS001", 2, 1), ("AWS006", 3, 20)],
            id="value-without-key",
        ),
        pytest.param(
            "region = us-east-1\n[default]\noutput\n= json\n[profile dev\nregion = eu-west-1 # dev\n"
            "[profile ok]\nregion = us-east-1 # ok\n",
            [
                ("AWS001", 1, 1),
                ("AWS001", 3, 1),
                ("AWS001", 4, 1),
                ("AWS001", 5, 1),
                ("AWS006", 6, 20),
                ("AWS006", 8, 20),
            ],
            id="all-at-once",
        ),
    ],
)
def test_syntax_errors_are_aws001_and_linting_goes_on(
    cli: Any, tmp_path: Path, text: str, expected: list[tuple[str, int, int]]
) -> None:
    _, findings = lint_bytes(cli, tmp_path, text.encode())
    assert where(findings) == expected
    assert all(f["severity"] == "error" for f in findings)


def test_duplicate_section_names_the_first_line(cli: Any, tmp_path: Path) -> None:
    text = "[default]\nregion = us-east-1\n\n[profile a]\nregion = eu-west-1\n[default]\noutput = json\n"
    _, findings = lint_bytes(cli, tmp_path, text.encode())
    assert where(findings) == [("AWS002", 6, 1)]
    assert "line 1" in findings[0]["message"]
    assert findings[0]["section"] == "default"


def test_duplicate_key_with_different_case(cli: Any, tmp_path: Path) -> None:
    text = "[profile b]\nregion = us-east-1\noutput = json\nRegion = eu-west-1\n"
    _, findings = lint_bytes(cli, tmp_path, text.encode())
    assert where(findings) == [("AWS003", 4, 1), ("AWS010", 4, 1)]
    assert "line 2" in findings[0]["message"]
    assert findings[0]["profile"] == "b"


# --- secrets never printed -----------------------------------------------------------------

KEYS = f"aws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n"
TEMP_KEYS = f"aws_access_key_id = {TEMP_KEY_ID}\naws_secret_access_key = {TEMP_SECRET}\naws_session_token = {TOKEN}\n"

SECRET_CASES: dict[str, tuple[bytes | None, bytes | None]] = {
    # name: (config bytes, credentials bytes)
    "well-formed": (
        b"[default]\nlogin_session = arn:aws:iam::111122223333:user/d\n",
        f"[default]\n{KEYS}[tmp]\n{TEMP_KEYS}".encode(),
    ),
    "secret-alone-on-a-line": (None, f"[default]\naws_access_key_id = {KEY_ID}\n{SECRET}\n{TOKEN}\n".encode()),
    "secret-before-any-section": (None, f"{SECRET}\n{KEY_ID}\n[default]\n{KEYS}".encode()),
    "secret-as-continuation": (None, f"[default]\naws_access_key_id = {KEY_ID}\n  {SECRET}\n  {TOKEN}\n".encode()),
    "secret-without-delimiter": (
        None,
        f"[default]\naws_access_key_id {KEY_ID}\naws_secret_access_key {SECRET}\n".encode(),
    ),
    "inline-comment": (
        None,
        f"[default]\naws_access_key_id = {KEY_ID} # old\naws_secret_access_key = {SECRET} # rotated\n"
        f"aws_session_token = {TOKEN} ; expires\n".encode(),
    ),
    "inline-comment-in-config": (
        f"[default]\naws_access_key_id = {TEMP_KEY_ID} # c\naws_secret_access_key = {TEMP_SECRET} # c\n"
        f"aws_session_token = {TOKEN} # c\nregion = ap-east-1\n".encode(),
        None,
    ),
    "misspelt-key-with-comment": (
        None,
        f"[default]\naws_secret_key = {SECRET} # c\naws_sesion_token = {TOKEN} # c\naws_acces_key_id = {KEY_ID} # c\n".encode(),
    ),
    "secret-in-inline-comment-of-another-key": (
        f"[default]\nregion = us-east-1 # old secret={SECRET}\noutput = json # key={KEY_ID}\n"
        f"cli_pager = less # aws_session_token={TOKEN}\n".encode(),
        None,
    ),
    "duplicate-keys": (
        None,
        f"[default]\n{KEYS}aws_secret_access_key = {TEMP_SECRET}\naws_access_key_id = {TEMP_KEY_ID}\n"
        f"aws_session_token = {TOKEN}\nAWS_SESSION_TOKEN = {TOKEN}\n".encode(),
    ),
    "secret-in-section-header": (
        None,
        f"[{SECRET}]\nregion = us-east-1 # c\n[{SECRET}]\n[profile {KEY_ID}]\nregion = x # c\n"
        f"[{TOKEN}]\nregion = y # c\n".encode(),
    ),
    "secret-in-config-header": (f"[profile {SECRET}]\nregion = us-east-1 # c\n[{TEMP_SECRET}\n".encode(), None),
    "bom": (None, b"\xef\xbb\xbf" + f"[default]\n{KEYS}aws_session_token = {TOKEN}\n".encode()),
    "invalid-utf8-next-to-secret": (
        None,
        f"[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}".encode() + b"\xe9\n",
    ),
    "non-ascii-in-secret": (
        None,
        f"[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\u00a0\n".encode(),
    ),
}


def assert_no_secret(text: str, where_: str) -> None:
    """No secret, token or full key id, in any letter case (key names are lower-cased)."""
    lowered = text.lower()
    for secret in SECRETS:
        at = lowered.find(secret.lower())
        if at >= 0:
            line_start = text.rfind("\n", 0, at) + 1
            line_end = text.find("\n", at)
            line = text[line_start : line_end if line_end >= 0 else None]
            pytest.fail(f"{secret[:4]}… appears in {where_}: {line.strip()[:300]}")


def layout_for(tmp_path: Path, case: str) -> Path:
    config, credentials = SECRET_CASES[case]
    folder = tmp_path / "aws"
    folder.mkdir()
    if config is not None:
        (folder / "config").write_bytes(config)
    if credentials is not None:
        (folder / "credentials").write_bytes(credentials)
    return folder


@pytest.mark.parametrize("case", list(SECRET_CASES))
@pytest.mark.parametrize(
    "options",
    [
        pytest.param(("--no-color",), id="text"),
        pytest.param(("--format", "json"), id="json"),
        pytest.param(("--statistics",), id="statistics"),
    ],
)
def test_no_secret_in_output(cli: Any, tmp_path: Path, case: str, options: tuple[str, ...]) -> None:
    folder = layout_for(tmp_path, case)
    result = run_guarded(cli, str(folder), *options)
    assert_contract(result)
    assert result.code == 1, result
    assert_no_secret(result.out, "stdout")
    assert_no_secret(result.err, "stderr")


@pytest.mark.parametrize("case", list(SECRET_CASES))
def test_no_secret_in_output_file(cli: Any, tmp_path: Path, case: str) -> None:
    folder = layout_for(tmp_path, case)
    report = tmp_path / "report.txt"
    for options in (("--format", "json"), ("--format", "text")):
        result = run_guarded(cli, str(folder), *options, "--output", str(report))
        assert_contract(result)
        assert result.code == 1, result
        assert_no_secret(result.out + result.err, "stdout/stderr")
        assert_no_secret(report.read_text(encoding="utf-8"), f"--output file ({options[1]})")


@pytest.mark.parametrize("case", list(SECRET_CASES))
def test_no_secret_on_error_paths(cli: Any, tmp_path: Path, case: str) -> None:
    """Runs that end with exit 2: the report cannot be written, a second PATH is missing."""
    folder = layout_for(tmp_path, case)
    (tmp_path / "a-file").write_text("")
    unwritable = str(tmp_path / "a-file" / "dir" / "report.txt")  # no folder can be made under a file
    for options in (
        ("--output", unwritable),
        ("--format", "json", "--output", unwritable),
        (str(tmp_path / "missing"),),
    ):
        result = run_guarded(cli, str(folder), *options)
        assert_contract(result)
        assert result.code == 2, result
        assert_no_secret(result.out + result.err, f"error path {options}")


def test_masked_key_id_may_appear(cli: Any, tmp_path: Path) -> None:
    """The masked form is how a user recognises the key: it is shown, the full id is not."""
    folder = tmp_path / "aws"
    folder.mkdir()
    (folder / "credentials").write_text(f"[default]\n{KEYS}")
    result = run_guarded(cli, str(folder))
    assert result.code == 1
    assert f"{KEY_ID[:4]}…{KEY_ID[-4:]}" in result.out
    assert_no_secret(result.out + result.err, "stdout")


# --- lint never writes ---------------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file's bytes, mode and modification time, by name."""
    state = {}
    for path in sorted(folder.iterdir()):
        st = os.stat(path)
        state[path.name] = (path.read_bytes(), st.st_mode, st.st_mtime_ns)
    return state


def test_lint_never_writes_its_inputs(cli: Any, tmp_path: Path) -> None:
    folder = tmp_path / "aws"
    folder.mkdir()
    files = {
        "config": (b"\xef\xbb\xbf[default]\r\nregion = us-east-1 # c\r\nregion = eu-west-1\n[default]\n", 0o644),
        "credentials": (f"[default]\n{KEYS}[tmp]\n{TEMP_KEYS}\n{SECRET}\n".encode() + b"\xe9\n", 0o600),
        "config.tmpl": (b"[profile x]\nregion = {{ .region }} # t\n", 0o400),
        "credentials.tmpl": (b"[x]\r= value\r", 0o640),
    }
    for name, (data, mode) in files.items():
        (folder / name).write_bytes(data)
        os.chmod(folder / name, mode)
    before = snapshot(folder)
    runs = lint_argvs([str(folder)]) + lint_argvs([str(folder / "credentials"), str(folder / "config")])
    runs += lint_argvs([str(folder / "config.tmpl")]) + explain_argvs([str(folder)])
    assert len(runs) >= 9  # text, json, statistics for three PATH sets at least
    for args in runs:
        result = run_guarded(cli, *args)
        assert_contract(result)
        if args[0] != "explain" and "--diff" not in args:  # --diff: 1 only when a fix would change a file
            assert result.code == 1, (args, result)
    after = snapshot(folder)
    assert after.keys() == before.keys()  # nothing created (no backups, no temp files)
    for name in before:
        assert after[name] == before[name], f"{name} changed"


# --- paths that cannot be linted -----------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_where_a_file_is_expected(cli: Any, tmp_path: Path) -> None:
    """Never opened for reading (that would block): skipped with one warning, exit 0."""
    fifo = tmp_path / "config"
    os.mkfifo(fifo)
    result = run_guarded(cli, str(fifo))
    assert_contract(result)
    assert result.code == 0
    assert result.err == f"awslint: warning: {fifo}: not a regular file, skipped\n"


def test_folder_where_a_file_is_expected(cli: Any, tmp_path: Path) -> None:
    """A folder PATH without AWS files: one warning, nothing linted, exit 0."""
    folder = tmp_path / "config"
    (folder / "sub").mkdir(parents=True)
    result = run_guarded(cli, str(folder), "--format", "json")
    assert_contract(result)
    assert result.code == 0
    assert json.loads(result.out)["findings"] == []
    assert result.err.startswith(f"awslint: warning: {folder}: ")


def test_folder_named_config_inside_a_layout(cli: Any, tmp_path: Path) -> None:
    """``aws/config`` is a folder: the credentials file is still linted, the folder is not read."""
    layout = tmp_path / "aws"
    (layout / "config").mkdir(parents=True)
    (layout / "credentials").write_text(f"[default]\n{KEYS}")
    result = run_guarded(cli, str(layout), "--format", "json")
    assert_contract(result)
    assert result.code == 1
    paths = {f["path"] for f in json.loads(result.out)["findings"]}
    assert paths == {str(layout / "credentials")}


def test_folder_in_aws_config_file(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cfgdir"
    folder.mkdir()
    monkeypatch.setenv("AWS_CONFIG_FILE", str(folder))
    result = run_guarded(cli)
    assert_contract(result)
    assert result.code == 0
    assert f"awslint: warning: {folder}: not a regular file, skipped" in result.err


@pytest.mark.skipif(not os.path.exists("/proc/self/mem"), reason="needs Linux /proc")
def test_file_that_fails_to_read_even_for_root(cli: Any) -> None:
    """``/proc/self/mem`` opens but read() fails with EIO (for root too): exit 2, one line."""
    result = run_guarded(cli, "/proc/self/mem")
    assert_contract(result)
    assert result.code == 2
    assert result.err == "awslint: error: /proc/self/mem: cannot read: Input/output error\n"



def test_file_over_the_size_limit_is_refused_in_one_line(cli: Any, tmp_path: Path) -> None:
    """A (sparse) 70 MB file: refused without reading it, exit 2, one error line."""
    path = tmp_path / "config"
    with open(path, "wb") as handle:
        handle.truncate(70 * 1024 * 1024)
    result = run_guarded(cli, str(path))
    assert_contract(result)
    assert result.code == 2
    assert result.err.startswith(f"awslint: error: {path}: ")


@pytest.mark.parametrize("name", ["two\nlines", "carriage\rreturn"])
def test_missing_path_with_a_line_break_in_its_name_is_one_error_line(cli: Any, tmp_path: Path, name: str) -> None:
    result = run_guarded(cli, str(tmp_path / name))
    assert result.code == 2
    assert_contract(result)
    assert result.err.count("\n") == 1 and "\r" not in result.err, repr(result.err)
