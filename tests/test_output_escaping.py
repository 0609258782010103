"""Nothing raw reaches a terminal or a report (issue 13, part 6; reproductions 8, 9 and 11).

Control characters (C0, C1 such as U+009B, a one-character CSI), bidirectional controls and the
undecodable bytes of a path come from files, values and folder names the repository chose. Every
format shows them escaped (``\\x1b``, ``\\u202e``, ``\\xff``); a key id used as a folder name is
masked like anywhere else.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from support.fakes import KEY_ID, write_layout

# Characters that must never appear raw in any output.
RAW = ["\x1b", "\x07", "\x9b", "\u202e", "\u2066", "\x00", "\r"]
FORMATS = ["text", "json", "sarif", "github"]

HOSTILE_CONFIG = (
    "[profile ev\x1b]0;owned\x07il\u202e]\n"
    "region = us-east-1\n"
    "regoin = x\x9b2J\u2066\n"
    "output: json\x1b[2K\n"
)


def assert_clean(text: str) -> None:
    for char in RAW:
        assert char not in text, f"raw {char!r} in output: {text!r}"


def _report(cli, tmp_path: Path, fmt: str, folder: Path) -> str:
    report = tmp_path / f"report.{fmt}"
    result = cli(str(folder), "-f", f"{fmt}:{report}")
    assert result.code == 1, result
    assert_clean(result.out + result.err)
    text = report.read_text(encoding="utf-8")
    if fmt in ("json", "sarif"):
        json.loads(text)  # still valid JSON
    return text


@pytest.mark.parametrize("fmt", FORMATS)
def test_control_and_bidi_characters_from_file_lines_are_escaped(cli, tmp_path: Path, fmt: str) -> None:
    folder = write_layout(tmp_path / "aws", config=HOSTILE_CONFIG)
    text = _report(cli, tmp_path, fmt, folder)
    assert_clean(text)
    assert "\\x1b]0;owned\\x07il\\u202e" in text.replace("\\\\", "\\")


@pytest.mark.parametrize("fmt", FORMATS)
def test_control_and_bidi_characters_in_paths_are_escaped(cli, tmp_path: Path, fmt: str) -> None:
    folder = write_layout(tmp_path / "ev\x1b[31mil\u202eaws\x9b", config="[profile a]\nregoin = x\n")
    text = _report(cli, tmp_path, fmt, folder)
    assert_clean(text)
    if fmt != "sarif":  # SARIF shows the path as a percent-encoded URI
        assert "ev\\x1b[31mil\\u202eaws\\x9b" in text.replace("\\\\", "\\")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_path_that_is_not_utf8_is_reported_in_every_format(cli, tmp_path: Path, fmt: str) -> None:
    """Reproduction 9: SARIF crashed ("internal error", no report at all) on such a path."""
    folder = Path(os.fsdecode(os.fsencode(str(tmp_path)) + b"/bad\xff\xfename"))
    write_layout(folder, config="[profile a]\nregoin = x\n")
    text = _report(cli, tmp_path, fmt, folder)
    assert "\udcff" not in text
    if fmt == "sarif":
        uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in json.loads(text)["runs"][0]["results"]]
        assert uris and all("bad%FF%FEname" in uri for uri in uris)
    else:
        assert "bad\\xff\\xfename" in text.replace("\\\\", "\\")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_key_id_used_as_a_folder_name_is_masked(cli, tmp_path: Path, fmt: str) -> None:
    """Reproduction 11: the path field printed the key id whole."""
    folder = write_layout(tmp_path / KEY_ID, config="[profile a]\nregoin = x\n")
    text = _report(cli, tmp_path, fmt, folder)
    assert KEY_ID not in text  # nowhere, SARIF's artifact URIs and base folders included
    if fmt == "sarif":
        log = json.loads(text)["runs"][0]
        notes = [n["message"]["text"] for n in log["invocations"][0]["toolExecutionNotifications"]]
        assert any("shaped like key material and is masked" in n for n in notes)
    else:
        assert "AKIA…2EPF" in text


def test_diff_escapes_control_characters_of_the_changed_lines(cli, tmp_path: Path) -> None:
    """Reproduction 8: --diff printed ESC sequences (window title, screen clear) raw."""
    folder = write_layout(tmp_path / "aws\x1b]0;t\x07", config="[default]\noutput: json\x1b[2J\x9b1K\u202e\n")
    result = cli(str(folder), "--diff")
    assert result.code == 1, result
    assert "+output = json\\x1b[2J\\x9b1K\\u202e" in result.out
    assert "aws\\x1b]0;t\\x07/config" in result.out
    assert_clean(result.out + result.err)


def test_statistics_and_error_messages_are_escaped(cli, tmp_path: Path) -> None:
    folder = write_layout(tmp_path / "aws\u202e", config=HOSTILE_CONFIG)
    result = cli(str(folder), "--statistics")
    assert result.code == 1 and "AWS011" in result.out
    assert_clean(result.out + result.err)
    missing = cli(str(tmp_path / "no\x1b[2Jsuch\u202e"))
    assert missing.code == 2
    assert "no\\x1b[2Jsuch\\u202e" in missing.err
    assert_clean(missing.err)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_explain_escapes_profile_names(cli, tmp_path: Path, fmt: str) -> None:
    folder = write_layout(tmp_path / "aws", config="[profile ev\x1b[2Jil\u202e]\nregion = eu-west-1\n")
    result = cli("explain", str(folder), "--format", fmt)
    assert result.code == 0, result
    assert_clean(result.out + result.err)
    if fmt == "json":
        json.loads(result.out)
    assert "ev\\x1b[2Jil\\u202e" in result.out.replace("\\\\", "\\")


@pytest.mark.parametrize(
    ("field", "value"),
    [("summary", "red \\e[31m"), ("message", "x \\u202e y"), ("help", "a \\x9b b"), ("tags", "[\\x07]")],
)
def test_a_rule_pack_with_control_characters_in_its_text_is_refused(tmp_path: Path, field: str, value: str) -> None:
    from awslint.errors import UsageError
    from awslint.engine.ruleset import load_rules

    fields = {"summary": '"ok"', "message": '"ok"', "help": '"ok"', "tags": "[a]"}
    fields[field] = f'"{value}"' if field != "tags" else '["\\x07"]'
    path = tmp_path / "pack.yaml"
    path.write_text(
        "rules:\n  - code: ORG001\n    name: x\n    severity: info\n    scope: profile\n"
        f"    summary: {fields['summary']}\n    tags: {fields['tags']}\n    help: {fields['help']}\n"
        f"    when: {{fact: static_keys, equals: true}}\n    message: {fields['message']}\n"
    )
    with pytest.raises(UsageError, match=r"control or bidirectional character U\+"):
        load_rules([str(path)], include_builtin=False)


def test_clean_ascii_text_takes_the_fast_path() -> None:
    """Escaping costs nothing on the usual text: the same object comes back, unscanned."""
    from awslint.redaction import printable

    text = "Profile 'dev' in [profile dev] sets region = eu-west-1, which is fine (AWS301)."
    assert printable(text) is text
    assert printable("héllo") == "héllo"  # printable non-ASCII stays as written


def test_escapes_are_unambiguous_and_cover_every_dangerous_class() -> None:
    from awslint.redaction import printable

    assert printable("\x1b\x9b\x7f\t\n") == "\\x1b\\x9b\\x7f\\t\\n"
    assert printable("\u202a\u202e\u2066\u2069\u200e\u200f\u061c\u2028") == (
        "\\u202a\\u202e\\u2066\\u2069\\u200e\\u200f\\u061c\\u2028"
    )
    assert printable("a\udcffb") == "a\\xffb"  # the byte of a surrogate-escaped path


def test_ordinary_long_paths_are_not_taken_for_secrets(cli, tmp_path: Path) -> None:
    """Masking looks at each folder name: a long run of letters, digits and slashes over several
    folders is a path, not a secret key."""
    deep = "work2024/repo1/repo1/abc2/def2/ghi2/jkl2/mno2"
    folder = write_layout(tmp_path / deep, config="[profile a]\nregoin = x\n")
    result = cli(str(folder))
    assert f"{deep}/config:2:1:" in result.out, result


def test_a_baseline_of_hostile_paths_is_written_escaped_and_still_matches(cli, tmp_path: Path, monkeypatch) -> None:
    """The baseline file is a report too: no raw control character, and a path that is not
    UTF-8 can be written (it is keyed the same way when read back)."""
    monkeypatch.chdir(tmp_path)
    folder = Path(os.fsdecode(os.fsencode(str(tmp_path)) + b"/bad\xff\x1b[2Jname"))
    write_layout(folder, config="[profile a]\nregoin = x\n")
    baseline = tmp_path / "baseline.json"
    written = cli(str(folder), "--write-baseline", str(baseline))
    assert written.code == 0, written
    text = baseline.read_text(encoding="utf-8")
    assert_clean(text) and "\udcff" not in text
    assert "bad\\xff\\x1b[2Jname" in json.loads(text)["entries"][0]["path"]
    again = cli(str(folder), "--baseline", str(baseline))
    assert again.code == 0, again
