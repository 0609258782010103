"""Text a person reads: the full form on terminals, concise elsewhere, colour switches, small conventions."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Optional

import pytest
from support.fakes import KEY_ID, SECRET, write_layout

from awslint import __version__
from awslint.cli.main import main
from awslint.report.formatters.text import split_message, summary_line
from awslint.standins.quickargs import quick_check_options

CONFIG = """\
[default]
region = us-east-1 # main

[profile hk]
region = ap-east-1
sts_regional_endpoints = legacy
"""
CREDENTIALS = f"""\
[default]
aws_access_key_id = {KEY_ID}
aws_secret_access_key = {SECRET}
"""


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def layout(tmp_path: Path) -> Path:
    folder = write_layout(tmp_path / "aws", CONFIG, CREDENTIALS)
    (folder / "credentials").chmod(0o600)
    return folder


@pytest.fixture(autouse=True)
def _plain_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)


def _run(*args: str, tty: bool = False) -> tuple[int, str, str]:
    out = Tty() if tty else io.StringIO()
    err = io.StringIO()
    code = main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_terminal_gets_the_full_form_wrapped_to_its_width(layout: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "72")
    monkeypatch.setenv("NO_COLOR", "1")
    code, out, _ = _run(str(layout), tty=True)
    assert code == 1
    blocks = out.split("\n\n")
    first = blocks[0].splitlines()
    # Severity and code first, the first clause, the location, the rest indented.
    assert first[0] == "error AWS006 [*] botocore keeps '# main' as part of the value of"
    assert first[1] == "    'region' in [default]"
    assert first[2] == f"  --> {layout}/config:2:20 (inline-comment-in-value)"
    assert first[3].startswith("    the AWS CLI and boto3 read 'us-east-1 # main'")
    assert first[-2] == "    fix: Move '# main' to its own line above 'region', leaving"
    assert first[-1] == "      'region = us-east-1'."  # a short quoted value is never split
    for line in out.splitlines():
        if "-->" not in line:  # the location is never broken (it is copied into editors)
            assert len(line) <= 72, line
    assert out.splitlines()[-1] == "Found 5 problems (1 error, 3 warnings, 1 info) in 2 files."
    assert SECRET not in out and KEY_ID not in out


def test_pipes_and_files_keep_one_line_per_finding(layout: Path, tmp_path: Path) -> None:
    _, piped, _ = _run(str(layout))
    _, concise, _ = _run(str(layout), "--format", "concise", "--color", "never", tty=True)
    assert piped == concise
    assert piped.splitlines()[0].startswith(f"{layout}/config:2:20: AWS006 [error] botocore keeps")
    report = tmp_path / "report.txt"
    _run(str(layout), "-o", str(report), "--color", "always", tty=True)
    assert report.read_text() == piped  # a file is not a terminal either


def test_format_full_can_be_asked_for_in_a_log(layout: Path) -> None:
    _, out, _ = _run(str(layout), "--format", "full")
    assert out.startswith("error AWS006 [*] botocore keeps")
    assert "\033[" not in out


@pytest.mark.parametrize(
    ("args", "env", "tty", "colored"),
    [
        ((), {}, True, True),
        ((), {}, False, False),
        ((), {"NO_COLOR": "1"}, True, False),
        ((), {"NO_COLOR": ""}, True, True),  # NO_COLOR counts only when non-empty
        ((), {"FORCE_COLOR": "1"}, False, True),
        ((), {"FORCE_COLOR": "0"}, False, False),
        ((), {"FORCE_COLOR": ""}, False, False),
        (("--color", "always"), {}, False, True),
        (("--color", "always"), {"NO_COLOR": "1"}, False, True),  # the command line wins
        (("--color", "never"), {"FORCE_COLOR": "1"}, True, False),
        (("--color", "auto"), {}, True, True),
        (("--no-color",), {"FORCE_COLOR": "1"}, True, False),
    ],
)
def test_color_switches(layout: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], env: dict[str, str], tty: bool, colored: bool) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    _, out, _ = _run(str(layout), *args, tty=tty)
    assert ("\033[" in out) is colored


def test_reports_in_files_are_never_colored(layout: Path, tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    _run(str(layout), "--color", "always", "-o", str(report))
    assert "\033[" not in report.read_text()


def test_bad_color_value_is_a_usage_error(layout: Path) -> None:
    code, out, err = _run(str(layout), "--color", "sometimes")
    assert code == 2 and err.startswith("awslint: error: argument --color: invalid choice")


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_short_version_flag(flag: str) -> None:
    assert _run(flag) == (0, f"awslint {__version__}\n", "")
    assert quick_check_options([flag]) is not None  # no argparse for it


def test_mistyped_subcommand_gets_a_did_you_mean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = _run("chek")
    assert code == 2 and out == ""
    assert err == "awslint: error: 'chek' is neither a command nor a file or folder (did you mean 'check'?)\n"
    assert "did you mean 'explain'" in _run("explian")[2]
    # A file of that name is linted as always.
    (tmp_path / "chek").write_text("[default]\nregion = us-east-1\n")
    assert _run("chek")[0] == 0


def test_show_fixes_lists_what_fix_would_apply(layout: Path) -> None:
    code, out, _ = _run(str(layout), "--show-fixes")
    lines = out.splitlines()
    start = lines.index("3 fixes would be applied with --fix:")
    assert lines[start + 1] == f"  {layout}/config:2:20: AWS006 Move '# main' to its own line above 'region', leaving 'region = us-east-1'."
    assert lines[start + 2].startswith(f"  {layout}/config:5:1: AWS301 ")
    assert lines[-1].startswith("Found 5 problems")  # the summary stays last


def test_statistics_with_json(layout: Path) -> None:
    code, out, _ = _run(str(layout), "--statistics", "--format", "json")
    assert code == 1
    document = json.loads(out)
    assert document["version"] == __version__
    rows = {row["code"]: row for row in document["statistics"]}
    assert rows["AWS006"] == {"code": "AWS006", "name": "inline-comment-in-value", "count": 1, "fixable": 1}
    assert rows["AWS201"]["fixable"] == 0
    assert document["summary"] == {"files": 2, "errors": 1, "warnings": 3, "info": 1}
    assert "findings" not in document


@pytest.mark.parametrize(
    ("severities", "files", "expected"),
    [
        (["warning"], 1, "Found 1 problem (0 errors, 1 warning, 0 info) in 1 file."),
        (["error", "error", "info"], 2, "Found 3 problems (2 errors, 0 warnings, 1 info) in 2 files."),
        ([], 0, "Found 0 problems (0 errors, 0 warnings, 0 info) in 0 files."),
    ],
)
def test_summary_grammar(severities: list[str], files: int, expected: str) -> None:
    from awslint.findings import Finding

    findings = [Finding("AWS001", "x", s, "p", 1, 1, 1, 1, "m") for s in severities]
    assert summary_line(findings, files) == expected


@pytest.mark.parametrize(
    ("message", "head", "rest"),
    [
        ("Profile 'a.b: c' is odd: really. Fix it.", "Profile 'a.b: c' is odd", "really. Fix it."),
        ("One sentence only", "One sentence only", ""),
        ("Set it, e.g. to x. Then go.", "Set it, e.g. to x.", "Then go."),
        ("Value 'x. y' is bad.", "Value 'x. y' is bad.", ""),
    ],
)
def test_first_sentence_split_never_cuts_a_quote(message: str, head: str, rest: Optional[str]) -> None:
    assert split_message(message) == (head, rest)


def test_report_survives_an_ascii_only_terminal(tmp_path: Path) -> None:
    folder = write_layout(tmp_path / "aws", None, f"[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n")
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    completed = subprocess.run([sys.executable, "-m", "awslint", str(folder)], capture_output=True, text=True, env=env, timeout=60)
    assert completed.returncode == 1, completed.stderr
    assert "AKIA\\u20262EPF" in completed.stdout
