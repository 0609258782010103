"""--write-baseline / --baseline: adopting awslint on a repository with old findings."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from support.fakes import KEY_ID, SECRET

from awslint.report import baseline
from awslint.findings import Finding

CONFIG = """\
[default]
region = us-east-1

[profile reporting]
region = us-east-1 # reporting account

[profile ops]
region = eu-west-1
"""
CREDENTIALS = f"""\
[default]
aws_access_key_id = {KEY_ID}
aws_secret_access_key = {SECRET}
"""


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository (``.git`` at its root) holding ``home/.aws``; the working directory is its root."""
    root = tmp_path / "repo"
    aws = root / "home" / ".aws"
    aws.mkdir(parents=True)
    (root / ".git").mkdir()  # a work tree root, as far as the baseline is concerned
    (aws / "config").write_text(CONFIG)
    (aws / "credentials").write_text(CREDENTIALS)
    os.chmod(aws / "credentials", 0o600)
    monkeypatch.chdir(root)
    return root


def _write(cli, *args: str) -> tuple[object, str]:
    result = cli("--write-baseline", "awslint-baseline.json", "home/.aws", *args)
    return result, Path("awslint-baseline.json").read_text()


def test_write_then_check_is_clean_and_counts_the_baselined(cli, repo: Path) -> None:
    written, text = _write(cli)
    assert written.code == 0 and written.out == ""
    assert written.err == "Wrote 3 baseline entries (3 findings) to awslint-baseline.json.\n"
    result = cli("--baseline", "awslint-baseline.json", "home/.aws")
    assert result.code == 0, result.out
    assert result.out == "Found 0 problems (0 errors, 0 warnings, 0 info) in 2 files; 3 baselined.\n"


def test_baseline_file_is_sorted_stable_json_without_lines_or_secrets(cli, repo: Path) -> None:
    _, text = _write(cli)
    document = json.loads(text)
    assert set(document) == {"version", "entries"} and document["version"] == 1
    lines = text.splitlines()
    assert lines[0] == "{" and lines[1] == '  "version": 1,' and lines[2] == '  "entries": ['
    entry_lines = [line for line in lines if line.startswith("    {")]
    assert len(entry_lines) == len(document["entries"]) == 3  # one entry per line
    assert entry_lines[0] == (
        '    {"code": "AWS006", "path": "home/.aws/config", "section": "profile reporting", '
        '"profile": "reporting", "key": "region"},'
    )
    keys = [(e["path"], e.get("section") or "", e.get("profile") or "", e.get("key") or "", e["code"]) for e in document["entries"]]
    assert keys == sorted(keys)
    assert all(set(e) <= {"code", "path", "section", "profile", "key", "count"} for e in document["entries"])
    assert SECRET not in text and KEY_ID not in text and "line" not in text
    assert _write(cli)[1] == text  # writing again changes nothing


def test_lines_added_elsewhere_and_moved_blocks_do_not_churn(cli, repo: Path) -> None:
    _, before = _write(cli)
    config = repo / "home" / ".aws" / "config"
    # New clean profiles above everything and the reporting block moved to the end.
    config.write_text(
        "[profile new]\nregion = eu-central-1\n\n"
        "[default]\nregion = us-east-1\n\n[profile ops]\nregion = eu-west-1\n\n"
        "[profile reporting]\nregion = us-east-1 # reporting account\n"
    )
    result = cli("--baseline", "awslint-baseline.json", "home/.aws")
    assert result.code == 0 and result.out.startswith("Found 0 problems"), result.out
    assert "no longer match" not in result.out
    assert _write(cli)[1] == before


def test_a_new_problem_is_the_only_one_reported(cli, repo: Path) -> None:
    _write(cli)
    config = repo / "home" / ".aws" / "config"
    config.write_text(CONFIG + "\n[profile audit]\nregion = eu-west-1 # audit\n")
    result = cli("--baseline", "awslint-baseline.json", "--format", "concise", "home/.aws")
    assert result.code == 1
    lines = result.out.splitlines()
    assert len(lines) == 3, result.out  # the finding, the fix hint, the summary
    assert lines[0].startswith("home/.aws/config:11:20: AWS006 [error] botocore keeps '# audit'")
    assert lines[-1] == "Found 1 problem (1 error, 0 warnings, 0 info) in 2 files; 3 baselined."


def test_the_same_key_twice_is_one_entry_counted_twice(tmp_path: Path) -> None:
    def finding(line: int) -> Finding:
        return Finding("AWS006", "inline-comment-in-value", "error", "aws/config", line, 20, line, 30, "m",
                       profile="dev", section="profile dev", key="region")

    text = baseline.render([finding(3), finding(9)], str(tmp_path / "b.json"), cwd=str(tmp_path))
    assert json.loads(text)["entries"] == [
        {"code": "AWS006", "path": "aws/config", "section": "profile dev", "profile": "dev", "key": "region", "count": 2}
    ]
    entries = baseline.parse(text, "b.json", ["AWS006"])
    findings = [finding(3), finding(9), finding(15)]
    outcome = baseline.apply(findings, entries, str(tmp_path / "b.json"), ["aws/config"], ["AWS006"], cwd=str(tmp_path))
    assert outcome.baselined == 2 and outcome.stale == 0
    assert [f.suppressed is None for f in findings] == [False, False, True]  # the third is new


def test_stale_entries_are_reported_in_the_summary(cli, repo: Path) -> None:
    _write(cli)
    config = repo / "home" / ".aws" / "config"
    config.write_text(CONFIG.replace(" # reporting account", ""))
    result = cli("--baseline", "awslint-baseline.json", "home/.aws")
    assert result.code == 0
    assert result.out.splitlines() == [
        "1 baseline entry no longer matches; run --write-baseline to prune.",
        "Found 0 problems (0 errors, 0 warnings, 0 info) in 2 files; 2 baselined.",
    ]
    document = json.loads(cli("--baseline", "awslint-baseline.json", "-f", "json", "home/.aws").out)
    assert document["summary"]["stale_baseline_entries"] == 1


def test_entries_for_files_or_rules_not_in_this_run_are_not_stale(cli, repo: Path) -> None:
    _write(cli)
    only_config = cli("--baseline", "awslint-baseline.json", "home/.aws/config")
    assert "no longer match" not in only_config.out, only_config.out
    selected = cli("--baseline", "awslint-baseline.json", "--select", "AWS006", "home/.aws")
    assert selected.code == 0 and "no longer match" not in selected.out


def test_json_marks_baselined_findings_like_suppressed_ones(cli, repo: Path) -> None:
    _write(cli)
    document = json.loads(cli("--baseline", "awslint-baseline.json", "-f", "json", "home/.aws").out)
    assert len(document["findings"]) == 3
    for finding in document["findings"]:
        assert finding["suppressed"] == {"reason": None, "directive": "baseline", "line": None, "baseline": "awslint-baseline.json"}
    assert document["summary"] == {"files": 2, "errors": 0, "warnings": 0, "info": 0, "suppressed": 3, "baselined": 3}
    sarif = json.loads(cli("--baseline", "awslint-baseline.json", "-f", "sarif", "home/.aws").out)
    assert sarif["runs"][0]["results"] == []


def test_paths_are_relative_to_the_repository_root_wherever_awslint_runs(cli, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, from_root = _write(cli)
    monkeypatch.chdir(repo / "home")
    cli("--write-baseline", "../awslint-baseline.json", ".aws")
    assert (repo / "awslint-baseline.json").read_text() == from_root
    assert cli("--baseline", "../awslint-baseline.json", ".aws").code == 0


def test_without_git_paths_are_relative_to_the_baseline_folder(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    aws = tmp_path / "plain" / "aws"
    aws.mkdir(parents=True)
    (aws / "config").write_text(CONFIG)
    monkeypatch.chdir(tmp_path)
    cli("--write-baseline", "plain/b.json", "plain/aws")
    entries = json.loads((tmp_path / "plain" / "b.json").read_text())["entries"]
    assert {e["path"] for e in entries} == {"aws/config"}


def test_a_profile_named_like_a_key_id_is_stored_masked(cli, repo: Path) -> None:
    config = repo / "home" / ".aws" / "config"
    config.write_text(f"[profile {KEY_ID}]\nregion = us-east-1 # x\n")
    _, text = _write(cli)
    assert KEY_ID not in text and "AKIA…2EPF" in text
    assert cli("--baseline", "awslint-baseline.json", "home/.aws").code == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{\n  \"version\": 1,\n  \"entries\": [\n}\n", "b.json:4: not valid JSON: Expecting value"),
        ("", "b.json:1: not valid JSON: Expecting value"),
        ("[]\n", "b.json:1: a baseline is a JSON object"),
        ('{\n  "version": 1,\n  "entires": []\n}\n', "b.json:3: unknown field 'entires' (did you mean 'entries'?)"),
        ('{\n  "entries": []\n}\n', "b.json:1: the baseline has no 'version'"),
        ('{\n  "version": 7,\n  "entries": []\n}\n', "b.json:2: unsupported baseline version 7"),
        (
            '{\n  "version": 1,\n  "entries": [\n    {"code": "AWS201", "path": "c"},\n    {"code": "AWS201", "path": "c", "sectoin": "x"}\n  ]\n}\n',
            "b.json:5: unknown field 'sectoin' (did you mean 'section'?)",
        ),
        (
            '{\n  "version": 1,\n  "entries": [\n    {"code": "AWS2O1", "path": "c"}\n  ]\n}\n',
            "b.json:4: no rule 'AWS2O1' (did you mean 'AWS201'?)",
        ),
        ('{\n  "version": 1,\n  "entries": [\n    {"code": "AWS201"}\n  ]\n}\n', "b.json:4: an entry needs 'path'"),
        ('{\n  "version": 1,\n  "entries": [\n    {"code": "AWS201", "path": "c", "count": 0}\n  ]\n}\n', "b.json:4: 'count' must be"),
        ('{\n  "version": 1,\n  "version": 1,\n  "entries": []\n}\n', "b.json:3: duplicate field 'version'"),
        ("[" * 100000, "b.json:1: nested too deeply"),
        ('{"version": 1, "entries": [' + '{"a": ' * 100000, "b.json:1: nested too deeply"),
    ],
)
def test_a_malformed_baseline_is_one_error_line_with_its_line(cli, repo: Path, content: str, message: str) -> None:
    Path("b.json").write_text(content)
    result = cli("--baseline", "b.json", "home/.aws")
    assert result.code == 2 and result.out == ""
    assert result.err.startswith(f"awslint: error: {message}"), result.err
    assert result.err.count("\n") == 1


def test_missing_baseline_says_how_to_create_it(cli, repo: Path) -> None:
    result = cli("--baseline", "nope.json", "home/.aws")
    assert result.code == 2
    assert result.err == "awslint: error: --baseline nope.json: no such file (create it with --write-baseline nope.json)\n"


def test_write_baseline_never_overwrites_a_linted_file(cli, repo: Path) -> None:
    before = (repo / "home" / ".aws" / "config").read_text()
    result = cli("--write-baseline", "home/.aws/config", "home/.aws")
    assert result.code == 2
    assert result.err == "awslint: error: --write-baseline home/.aws/config: is one of the files being linted; write the report elsewhere\n"
    assert (repo / "home" / ".aws" / "config").read_text() == before


def test_write_baseline_to_standard_output(cli, repo: Path) -> None:
    result = cli("--write-baseline", "-", "home/.aws")
    assert result.code == 0 and json.loads(result.out)["version"] == 1
    assert result.err.endswith("to standard output.\n")


def test_baseline_and_write_baseline_together_are_refused(cli, repo: Path) -> None:
    result = cli("--baseline", "a.json", "--write-baseline", "a.json", "home/.aws")
    assert result.code == 2 and "give one" in result.err


def test_round_trip_in_a_real_git_repository(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The root is the work tree git reports (a real ``git init``), not just any ``.git``."""
    root = tmp_path / "dotfiles"
    aws = root / "aws"
    aws.mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (aws / "config").write_text(CONFIG)
    monkeypatch.chdir(aws)
    assert cli("--write-baseline", "../.awslint-baseline.json", ".").code == 0
    entries = json.loads((root / ".awslint-baseline.json").read_text())["entries"]
    assert {e["path"] for e in entries} == {"aws/config"}
    assert cli("--baseline", "../.awslint-baseline.json", ".").code == 0


# --- files outside the root (review: a committed baseline could silence ~/.aws) ---------------


@pytest.fixture
def elsewhere(tmp_path: Path) -> Path:
    """A folder outside the repository with one finding: AWS006 on [default] region."""
    aws = tmp_path / "elsewhere" / ".aws"
    aws.mkdir(parents=True)
    (aws / "config").write_text("[default]\nregion = us-east-1 # main\n")
    return aws


def test_entries_for_files_outside_the_root_are_ignored_with_one_warning(cli, repo: Path, elsewhere: Path) -> None:
    _, text = _write(cli)
    entry = {"code": "AWS006", "section": "default", "profile": "default", "key": "region"}
    lines = [json.dumps(e) for e in json.loads(text)["entries"]] + [  # 3 in the repository: lines 4-6
        json.dumps({**entry, "path": str(elsewhere / "config")}),  # line 7
        json.dumps({**entry, "path": "../elsewhere/.aws/config"}),
        json.dumps({**entry, "path": "home/../../elsewhere/.aws/config"}),
    ]
    Path("b.json").write_text('{\n"version": 1,\n"entries": [\n' + ",\n".join(lines) + "\n]\n}\n")
    result = cli("--baseline", "b.json", "home/.aws", str(elsewhere), "-f", "json")
    assert result.code == 1, result
    reported = [(f["path"], f["code"]) for f in json.loads(result.out)["findings"] if "suppressed" not in f]
    assert reported == [(f"{elsewhere}/config", "AWS006")]  # the in-repository entries still hold
    assert result.err == (
        "awslint: warning: b.json:7: 3 entries name files outside the repository "
        "(an absolute path, or one leading out with '..'): ignored; a baseline covers only files beneath its root\n"
    )


@pytest.mark.parametrize(
    ("path", "outside"),
    [("/etc/x", True), ("..", True), ("../x", True), ("a/../../x", True), ("a/../x", False), ("..x/config", False), ("home/.aws/config", False)],
)
def test_which_entry_paths_lead_out_of_the_root(path: str, outside: bool) -> None:
    text = json.dumps({"version": 1, "entries": [{"code": "AWS006", "path": path}]})
    warnings: list[str] = []
    entries = baseline.parse(text, "b.json", ["AWS006"], warnings)
    assert (entries == {}) is outside
    assert bool(warnings) is outside


def test_write_baseline_leaves_out_files_outside_the_root_and_says_so(cli, repo: Path, elsewhere: Path, tmp_path: Path) -> None:
    result = cli("--write-baseline", "b.json", "home/.aws", str(elsewhere))
    assert result.code == 0, result
    text = Path("b.json").read_text()
    assert str(tmp_path) not in text and "elsewhere" not in text
    assert {e["path"] for e in json.loads(text)["entries"]} == {"home/.aws/config", "home/.aws/credentials"}
    assert result.err == (
        f"awslint: warning: 1 finding on files outside the repository ({repo}) left out of b.json: "
        "a baseline covers only files beneath its root\n"
        "Wrote 3 baseline entries (3 findings) to b.json.\n"
    )
    # The finding left out is still reported against the written baseline.
    again = cli("--baseline", "b.json", "home/.aws", str(elsewhere), "-f", "json")
    assert [f["path"] for f in json.loads(again.out)["findings"] if "suppressed" not in f] == [f"{elsewhere}/config"]
