"""The README's sample sessions are what awslint prints, so they cannot go stale.

Every ```` ```console ```` block of README.md is a session: ``$ COMMAND`` lines and the output that
follows each. The test replays them in order (a later command may read a file an earlier one
wrote) in a workspace holding a fresh clone's examples/ (credentials file mode 0644, tracked by
git, as after ``git clone``), on a terminal 100 columns wide without colour, and compares the
output (standard output, then standard error) with the README text. ``awslint`` and ``cat``
commands are understood. To refresh the README after a deliberate change, run
``python tests/test_readme.py`` and paste what it prints.
"""

from __future__ import annotations

import io
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(r"^```console\n(.*?)^```$", re.MULTILINE | re.DOTALL)
ENV = {"COLUMNS": "100", "NO_COLOR": "1"}


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def sessions(text: str) -> list[list[tuple[str, str]]]:
    """Each console block as (command, expected output) pairs."""
    result = []
    for body in BLOCK.findall(text):
        pairs: list[tuple[str, str]] = []
        for line in body.splitlines(keepends=True):
            if line.startswith("$ "):
                pairs.append((line[2:].strip(), ""))
            elif pairs:
                pairs[-1] = (pairs[-1][0], pairs[-1][1] + line)
        result.append(pairs)
    return result


def make_workspace(folder: Path) -> Path:
    shutil.copytree(ROOT / "examples", folder / "examples")
    os.chmod(folder / "examples" / "risky" / "credentials", 0o644)
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    subprocess.run(["git", "-C", str(folder), "add", "examples"], check=True)
    return folder


def run_command(command: str) -> str:
    """What the command prints (in the current folder)."""
    from awslint.cli.main import main

    words = shlex.split(command)
    if words[0] == "cat":
        return "".join(Path(word).read_text() for word in words[1:])
    assert words[0] == "awslint", f"README session runs {words[0]!r}; only awslint and cat are replayed"
    out, err = _Terminal(), io.StringIO()
    main(words[1:], stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def _replay(workspace: Path) -> list[tuple[str, str, str]]:
    done = []
    for session in sessions(README.read_text()):
        for command, expected in session:
            done.append((command, expected, run_command(command)))
    return done


@pytest.mark.skipif(shutil.which("git") is None, reason="the examples are read as a git checkout")
def test_readme_console_sessions_are_what_awslint_prints(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("AWSLINT_NO_CACHE", "1")
    monkeypatch.chdir(make_workspace(tmp_path / "clone"))
    replayed = _replay(tmp_path)
    assert len(replayed) >= 5  # the quick start, outputs, baseline sessions
    for command, expected, actual in replayed:
        assert actual == expected, f"README sample of `{command}` is stale; run python tests/test_readme.py"


if __name__ == "__main__":  # print the sessions as awslint prints them now
    import tempfile

    os.environ.update(ENV)
    os.environ.pop("FORCE_COLOR", None)
    with tempfile.TemporaryDirectory() as scratch:
        os.chdir(make_workspace(Path(scratch) / "clone"))
        for session in sessions(README.read_text()):
            sys.stdout.write("```console\n")
            for command, _ in session:
                sys.stdout.write(f"$ {command}\n{run_command(command)}")
            sys.stdout.write("```\n\n")
