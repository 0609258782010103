"""GitHub workflow-command annotations, and several reports in one run."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from support.fakes import KEY_ID, SECRET, write_layout
from support.sarif_check import validate_sarif

CONFIG = "[default]\nregion = us-east-1 # main, prod: yes\n"
CREDENTIALS = f"[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n"
COMMAND = re.compile(r"^::(error|warning|notice) (?P<props>[^:]*)::(?P<message>.*)$")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    write_layout(root / "dots" / "aws", CONFIG, CREDENTIALS)
    monkeypatch.chdir(root / "dots")
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    return root


def parse(line: str) -> tuple[str, dict[str, str], str]:
    match = COMMAND.match(line)
    assert match, line
    props = dict(item.split("=", 1) for item in match.group("props").split(","))
    return match.group(1), props, match.group("message")


def test_annotations_name_file_position_and_title(cli, repo: Path) -> None:
    result = cli("aws", "--format", "github")
    assert result.code == 1
    lines = result.out.splitlines()
    json_findings = json.loads(cli("aws", "-f", "json").out)["findings"]
    assert len(lines) == len(json_findings)
    level, props, message = parse(lines[0])
    assert level == "error"
    # Relative to the repository root, not to the working directory.
    assert props["file"] == "dots/aws/config"
    assert (props["line"], props["col"], props["endLine"]) == ("2", "20", "2")
    assert props["title"] == "awslint AWS006 (inline-comment-in-value)"
    # ':' and ',' inside the message are fine (only properties escape them).
    assert "'# main, prod: yes'" in message
    assert SECRET not in result.out and KEY_ID not in result.out
    levels = {parse(line)[0] for line in lines}
    assert levels <= {"error", "warning", "notice"}


def test_github_workspace_is_the_root(cli, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_WORKSPACE", str(repo / "dots"))
    _, props, _ = parse(cli("aws", "--format", "github").out.splitlines()[0])
    assert props["file"] == "aws/config"


def test_escaping() -> None:
    from awslint.report.formatters.github import escape_data, escape_property

    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"


def test_escaped_properties_and_multiline_ranges() -> None:
    from awslint.findings import Finding
    from awslint.report.formatters.github import format_github

    odd = Finding("AWS001", "syntax-error", "info", "we,ird:name%\n", 3, 2, 5, 4, "two\nlines 50%")
    line = format_github([odd], cwd="/nonexistent-folder")
    # A newline in a path is escaped as in every format (redaction.shown); the command syntax's
    # own characters are then %-escaped, as is a raw newline in a message given directly.
    assert line == "::notice file=we%2Cird%3Aname%25\\n,line=3,endLine=5,title=awslint AWS001 (syntax-error)::two%0Alines 50%25\n"


def test_text_and_sarif_in_one_run(cli, repo: Path) -> None:
    result = cli("aws", "-f", "text", "-f", "sarif:report.sarif")
    assert result.code == 1
    assert "AWS006 [error]" in result.out and result.out.rstrip().splitlines()[-1].startswith("Found ")
    validate_sarif((repo / "dots" / "report.sarif").read_text())
    # The same with -o pairs in order; '-' is standard output.
    second = cli("aws", "--format", "text", "--format", "sarif", "-o", "-", "-o", "again.sarif")
    assert second.out == result.out
    assert json.loads((repo / "dots" / "again.sarif").read_text())["runs"][0]["results"]


def test_three_reports(cli, repo: Path) -> None:
    (repo / "dots" / "out").mkdir()
    result = cli("aws", "-f", "github", "-f", "json:out/r.json", "-f", "sarif:out/r.sarif")
    assert result.code == 1
    assert result.out.startswith("::error ")
    assert json.loads((repo / "dots" / "out" / "r.json").read_text())["findings"]
    validate_sarif((repo / "dots" / "out" / "r.sarif").read_text())


def test_single_format_and_output_still_work(cli, repo: Path) -> None:
    result = cli("aws", "-f", "json", "-o", "report.json")
    assert result.code == 1 and result.out == ""
    assert json.loads((repo / "dots" / "report.json").read_text())["summary"]["errors"] >= 1
    result = cli("aws", "-o", "report.txt")
    assert (repo / "dots" / "report.txt").read_text().splitlines()[-1].startswith("Found ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-f", "text", "-f", "json"], "2 reports (text, json) would go to standard output"),
        (["-f", "text", "-f", "json", "-o", "a.json"], "1 --output for 2 --format without a path"),
        (["-f", "sarif:", "-o", "x"], "no path after ':'"),
        (["-f", "sariff"], "unknown format 'sariff' (did you mean 'sarif'?)"),
        (["-f", "json:same", "-f", "sarif:same"], "two reports would be written to the same file"),
    ],
)
def test_ambiguous_outputs_are_usage_errors(cli, repo: Path, args: list[str], message: str) -> None:
    result = cli("aws", *args)
    assert result.code == 2
    assert result.err.startswith("awslint: error: ") and message in result.err
    assert result.out == ""


def test_unwritable_output_leaves_nothing_behind(cli, repo: Path) -> None:
    (repo / "dots" / "a-file").write_text("")
    before = sorted(p.name for p in (repo / "dots").iterdir())
    result = cli("aws", "-f", "json:new/ok.json", "-f", "sarif:a-file/r.sarif", "-f", "text")
    assert result.code == 2
    assert result.err.startswith("awslint: error: --output a-file/r.sarif: cannot create the folder")
    assert result.out == ""  # not even the text report
    assert sorted(p.name for p in (repo / "dots").iterdir()) == before  # no new/ok.json, no temp files


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_read_only_folder_is_an_error(cli, repo: Path) -> None:
    locked = repo / "dots" / "locked"
    locked.mkdir()
    os.chmod(locked, 0o500)
    try:
        result = cli("aws", "-f", "sarif", "-o", "locked/r.sarif")
    finally:
        os.chmod(locked, 0o700)
    assert result.code == 2 and "cannot write" in result.err
    assert list(locked.iterdir()) == []


def test_output_to_a_folder_is_an_error(cli, repo: Path) -> None:
    (repo / "dots" / "dir").mkdir()
    result = cli("aws", "-o", "dir")
    assert result.code == 2 and result.err == "awslint: error: --output dir: is a directory\n"


def test_github_format_escapes_control_characters(cli, tmp_path: Path) -> None:
    folder = write_layout(tmp_path / "aws", config="[profile ev\x1b[31mil\x07]\nregion = us-east-1\nregoin = x\n")
    result = cli(str(folder), "-f", "github")
    assert result.code == 1, result
    assert result.out.startswith("::")
    assert "\x1b" not in result.out and "\x07" not in result.out
    assert "ev\\x1b[31mil\\x07" in result.out
    # Each annotation is one line.
    assert all(line.startswith("::") for line in result.out.splitlines())
