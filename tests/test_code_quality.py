"""The lint and type bar of the project holds in CI: ruff and mypy (pinned in constraints/test.txt)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _tool(name: str) -> str:
    found = shutil.which(name, path=os.path.dirname(sys.executable)) or shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (it comes with the test extra)")
    return found


def test_ruff_finds_nothing() -> None:
    tool = _tool("ruff")
    done = subprocess.run(
        [tool, "check", "--no-cache", "linter", "tests", "benchmarks", "scripts"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_finds_nothing(tmp_path: Path) -> None:
    # The source folder is `linter/` but its modules import each other as `awslint.*`: check it
    # under that name through a link, so mypy sees the package as users import it.
    tool = _tool("mypy")
    (tmp_path / "awslint").symlink_to(ROOT / "linter", target_is_directory=True)
    done = subprocess.run(
        [tool, "--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", str(tmp_path / "cache"), "-p", "awslint"],
        cwd=tmp_path, capture_output=True, text=True, timeout=600, env={**os.environ, "MYPYPATH": str(tmp_path)},
    )
    assert done.returncode == 0, done.stdout + done.stderr
