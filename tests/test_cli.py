"""The command line contract: formats, selection, exit codes, errors, rules listing."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from support.fakes import KEY_ID, SECRET, write_layout

RISKY_CONFIG = """\
[default]
login_session = arn:aws:iam::111122223333:user/dana
region = us-east-1 # main
"""
RISKY_CREDENTIALS = f"""\
[default]
aws_access_key_id = {KEY_ID}
aws_secret_access_key = {SECRET}
"""


@pytest.fixture
def risky(tmp_path: Path) -> Path:
    return write_layout(tmp_path / "aws", RISKY_CONFIG, RISKY_CREDENTIALS)


def test_text_output_format_and_summary(cli, risky: Path) -> None:
    result = cli(str(risky))
    assert result.code == 1
    lines = result.out.splitlines()
    assert lines[0] == (
        f"{risky}/config:3:20: AWS006 [error] botocore keeps '# main' as part of the value of 'region' in [default]: "
        "the AWS CLI and boto3 read 'us-east-1 # main' while other SDKs strip the comment. "
        "Move the comment to its own line above. (inline-comment-in-value)"
    )
    assert any(line.startswith(f"{risky}/credentials:2:1: AWS201 [warning] ") for line in lines)
    assert any(line.startswith(f"{risky}/credentials:2:1: AWS203 [error] ") for line in lines)
    assert "\033[" not in result.out  # not a terminal: no colour


def test_summary_counts_match(cli, risky: Path) -> None:
    summary = cli(str(risky)).out.splitlines()[-1]
    assert summary == "Found 4 problems (2 errors, 2 warnings, 0 info) in 2 files."


def test_json_output_matches_contract(cli, risky: Path) -> None:
    result = cli(str(risky), "--format", "json")
    assert result.code == 1
    document = json.loads(result.out)
    assert document["version"]
    assert document["summary"] == {"files": 2, "errors": 2, "warnings": 2, "info": 0}
    required = {"code", "name", "severity", "path", "line", "column", "profile", "section", "message"}
    for finding in document["findings"]:
        assert required <= set(finding)
        assert finding["severity"] in ("error", "warning", "info")
        assert finding["line"] >= 1 and finding["column"] >= 1
    by_code = {f["code"]: f for f in document["findings"]}
    assert by_code["AWS201"]["path"] == f"{risky}/credentials"
    assert by_code["AWS201"]["profile"] == "default"
    assert by_code["AWS201"]["section"] == "default"
    assert by_code["AWS201"]["key"] == "aws_access_key_id"
    assert by_code["AWS006"]["key"] == "region"
    assert by_code["AWS006"]["fix"]["applicability"] == "safe"  # the fix is described (test_fix_cli.py)
    assert by_code["AWS201"]["fix"] is None


def test_clean_layout_exits_zero(cli, tmp_path: Path) -> None:
    folder = write_layout(tmp_path / "aws", "[default]\nregion = eu-west-1\n")
    result = cli(str(folder))
    assert result.code == 0
    assert result.out == "Found 0 problems (0 errors, 0 warnings, 0 info) in 1 file.\n"


def test_quiet_is_silent_when_clean(cli, tmp_path: Path) -> None:
    folder = write_layout(tmp_path / "aws", "[default]\nregion = eu-west-1\n")
    result = cli(str(folder), "--quiet")
    assert (result.code, result.out, result.err) == (0, "", "")


def test_quiet_prints_findings_without_summary(cli, risky: Path) -> None:
    result = cli(str(risky), "-q")
    assert result.code == 1
    assert len(result.out.splitlines()) == 4
    assert "Found" not in result.out


@pytest.mark.parametrize(
    ("args", "codes"),
    [
        (["--select", "AWS2"], {"AWS201", "AWS202", "AWS203"}),
        (["--select", "AWS006,default-profile-static-keys"], {"AWS006", "AWS201"}),
        (["--ignore", "AWS2"], {"AWS006"}),
        (["--select", "AWS2", "--ignore", "login-shadowed-by-static-keys"], {"AWS201", "AWS202"}),
        (["--select", "aws201"], {"AWS201"}),
        (["--select", "ALL", "--ignore", "AWS0"], {"AWS201", "AWS202", "AWS203"}),
    ],
)
def test_select_and_ignore(cli, risky: Path, args: list[str], codes: set[str]) -> None:
    document = json.loads(cli(str(risky), "-f", "json", *args).out)
    assert {f["code"] for f in document["findings"]} == codes


def test_unknown_select_is_an_error_with_suggestion(cli, risky: Path) -> None:
    result = cli(str(risky), "--select", "AWS2O1")
    assert result.code == 2
    assert result.err == "awslint: error: --select: no rule matches 'AWS2O1' (did you mean 'AWS201'?)\n"


@pytest.mark.parametrize(("fail_on", "code"), [("error", 1), ("warning", 1), ("info", 1)])
def test_fail_on_with_errors(cli, risky: Path, fail_on: str, code: int) -> None:
    assert cli(str(risky), "--fail-on", fail_on).code == code


def test_fail_on_error_ignores_warnings(cli, risky: Path) -> None:
    # Only warnings left (AWS201): below --fail-on error.
    assert cli(str(risky), "--select", "AWS201", "--fail-on", "error").code == 0
    assert cli(str(risky), "--select", "AWS201").code == 1


def test_exit_zero(cli, risky: Path) -> None:
    result = cli(str(risky), "--exit-zero")
    assert result.code == 0
    assert "AWS203" in result.out


def test_output_file(cli, risky: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    result = cli(str(risky), "-f", "json", "-o", str(target))
    assert result.code == 1 and result.out == ""
    assert json.loads(target.read_text())["summary"]["errors"] == 2


def test_output_file_not_writable(cli, risky: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    result = cli(str(risky), "-o", str(blocker / "sub" / "out.txt"))  # a folder cannot be made under a file
    assert result.code == 2
    assert result.err.startswith("awslint: error: --output ")
    assert result.err.count("\n") == 1
    assert blocker.read_text() == ""


def test_output_creates_the_missing_folder(cli, risky: Path, tmp_path: Path) -> None:
    report = tmp_path / "out" / "nested" / "report.json"
    result = cli(str(risky), "-f", f"json:{report}")
    assert result.code == 1 and result.out == ""
    assert json.loads(report.read_text())["summary"]["errors"] == 2


def test_statistics(cli, risky: Path) -> None:
    result = cli(str(risky), "--statistics")
    assert result.out.splitlines()[:4] == [
        "    1  AWS006  inline-comment-in-value",
        "    1  AWS201  default-profile-static-keys",
        "    1  AWS202  long-term-key-on-disk",
        "    1  AWS203  login-shadowed-by-static-keys",
    ]


def test_color_only_on_a_terminal_and_never_with_no_color(cli, risky: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from awslint.cli.main import main

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    out = Tty()
    main([str(risky)], stdout=out, stderr=io.StringIO())
    assert "\033[31merror\033[0m" in out.getvalue()  # the full form on a terminal
    for args, env in ((["--no-color"], None), ([], "1")):
        if env:
            monkeypatch.setenv("NO_COLOR", env)
        out = Tty()
        main([str(risky), *args], stdout=out, stderr=io.StringIO())
        assert "\033[" not in out.getvalue()


def test_explicit_check_subcommand(cli, risky: Path) -> None:
    assert cli("check", str(risky)).out == cli(str(risky)).out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["/nonexistent/aws"], "awslint: error: /nonexistent/aws: no such file or directory\n"),
        (["--format", "xml", "."], None),
        (["--fail-on", "fatal", "."], None),
        (["--no-such-option"], None),
        (["--rules", "/nonexistent.yaml", "."], "awslint: error: --rules /nonexistent.yaml: no such file or directory\n"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(cli, args: list[str], message) -> None:
    result = cli(*args)
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith("awslint: error: ")
    assert result.err.count("\n") == 1
    if message:
        assert result.err == message


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_an_error(cli, tmp_path: Path) -> None:
    folder = write_layout(tmp_path / "aws", "[default]\nregion = eu-west-1\n")
    os.chmod(folder / "config", 0)
    result = cli(str(folder / "config"))
    assert result.code == 2
    assert result.err.startswith("awslint: error: ") and "cannot read" in result.err


def test_internal_error_has_no_traceback_unless_debug(cli, risky: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import awslint.run.lint

    def boom(*args, **kwargs):
        raise RuntimeError(f"boom {SECRET}")

    monkeypatch.setattr(awslint.run.lint, "lint_layouts", boom)
    result = cli(str(risky))
    assert result.code == 2
    assert result.err == "awslint: error: internal error (RuntimeError); run with AWSLINT_DEBUG=1 for details\n"
    monkeypatch.setenv("AWSLINT_DEBUG", "1")
    with pytest.raises(RuntimeError):
        cli(str(risky))


def test_version(cli) -> None:
    from awslint import __version__

    result = cli("--version")
    assert result.code == 0
    assert result.out == f"awslint {__version__}\n"


def test_rules_lists_every_rule(cli, ruleset) -> None:
    result = cli("rules")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split() == ["CODE", "NAME", "SEVERITY", "SUMMARY"]
    for rule in ruleset.rules:
        assert any(line.split()[:3] == [rule.code, rule.name, rule.severity] for line in lines[1:]), rule.code


@pytest.mark.parametrize("which", ["AWS203", "aws203", "login-shadowed-by-static-keys"])
def test_rules_shows_one_rules_help(cli, which: str) -> None:
    result = cli("rules", which)
    assert result.code == 0
    assert result.out.startswith("AWS203 login-shadowed-by-static-keys [error]\n")
    assert "**Fix**" in result.out


def test_rules_unknown_rule_suggests(cli) -> None:
    result = cli("rules", "AWS2013")
    assert result.code == 2
    assert "did you mean" in result.err


def test_rules_json(cli) -> None:
    document = json.loads(cli("rules", "-f", "json").out)
    assert {"code", "name", "severity", "summary", "help"} <= set(document[0])


def test_a_secret_typed_as_path_is_masked_in_the_error(cli) -> None:
    from support.fakes import SECRET

    result = cli(SECRET)
    assert result.code == 2
    assert SECRET not in result.err
    assert result.err == "awslint: error: ****: no such file or directory\n"


def _module_run(*args: str, home: Path) -> Any:
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS")}
    env["HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "awslint", *args], capture_output=True, text=True, env=env, timeout=120)


def test_the_command_exits_hard_with_every_byte_written_and_the_right_code(risky: Path, tmp_path: Path) -> None:
    """``python -m awslint`` (and the console script) end with ``cli.run``'s hard exit: the
    report still arrives whole through a pipe, and the exit code is main()'s."""
    many = tmp_path / "many"
    profiles = "".join(f"[profile p{i}]\nregion = us-east-1 # main\nwrong_key = 1\n" for i in range(400))
    write_layout(many, profiles, None)
    result = _module_run(str(many), "--format", "json", home=tmp_path)
    assert result.returncode == 1, result.stderr
    assert len(json.loads(result.stdout)["findings"]) >= 800  # the whole JSON document, parsed
    assert _module_run(str(risky), "--quiet", "--select", "AWS9", home=tmp_path).returncode == 0
    missing = _module_run(str(tmp_path / "nope"), home=tmp_path)
    assert missing.returncode == 2
    assert missing.stderr.startswith("awslint: error:")


def test_the_console_script_is_the_hard_exit_entry_point() -> None:
    text = (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text()
    assert 'awslint = "awslint.cli.main:run"' in text


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_report_that_cannot_be_written_is_an_error_not_a_crash(risky: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS")}
    env["HOME"] = str(tmp_path)
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "awslint", str(risky), "--format", "json"],
            stdout=full, stderr=subprocess.PIPE, text=True, env=env, timeout=120,
        )
    assert result.returncode == 2
    assert result.stderr == "awslint: error: cannot write the report to standard output: No space left on device\n"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["--version"], ["rules"], ["rules", "AWS101"]])
def test_other_commands_to_a_full_disk_say_so(args: list[str], tmp_path: Path) -> None:
    """Commands that write without the report writer (rules, --version) fail cleanly too, with
    or without Python's output buffering (the final flush in cli.run, or the write in main)."""
    import subprocess
    import sys

    for unbuffered in ("", "1"):
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS") and k != "PYTHONUNBUFFERED"}
        env["HOME"] = str(tmp_path)
        if unbuffered:
            env["PYTHONUNBUFFERED"] = unbuffered
        with open("/dev/full", "w") as full:
            result = subprocess.run([sys.executable, "-m", "awslint", *args], stdout=full, stderr=subprocess.PIPE,
                                    text=True, env=env, timeout=120)
        assert result.returncode == 2, (args, unbuffered, result.stderr)
        assert result.stderr.startswith("awslint: error:") and "No space left on device" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr


def test_a_closed_standard_output_is_an_error_not_a_traceback(risky: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS")}
    env["HOME"] = str(tmp_path)
    for args in (["rules"], [str(risky)]):
        # Started with descriptor 1 closed (`awslint … >&-`): Python has no sys.stdout at all.
        result = subprocess.run([sys.executable, "-m", "awslint", *args], stderr=subprocess.PIPE, text=True, env=env,
                                timeout=120, preexec_fn=lambda: os.close(1))
        assert result.returncode == 2, (args, result.stderr)
        assert result.stderr == "awslint: error: standard output is closed\n"
        # Closed after start-up (sys.stdout exists, its descriptor does not).
        result = subprocess.run(
            [sys.executable, "-c", "import os, runpy, sys; os.close(1); sys.argv = ['awslint', *sys.argv[1:]]; "
             "runpy.run_module('awslint', run_name='__main__')", *args],
            stderr=subprocess.PIPE, text=True, env=env, timeout=120,
        )
        assert result.returncode == 2, (args, result.stderr)
        assert result.stderr.startswith("awslint: error:") and "Traceback" not in result.stderr, result.stderr
