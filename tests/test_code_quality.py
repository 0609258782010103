"""The lint and type bar of the project holds in CI: ruff and mypy (pinned in constraints/test.txt)."""

from __future__ import annotations

import ast
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


def _imported_modules(path: Path) -> set[str]:
    """Top-level names of every module ``path`` imports, function-level imports included."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_no_test_module_imports_another() -> None:
    """Shared helpers live in tests/support/: a test module imported elsewhere runs its tests twice
    and ties modules together by accident."""
    tests = ROOT / "tests"
    test_modules = {p.stem for p in tests.glob("test_*.py")}
    assert len(test_modules) > 50  # the glob found the suite
    importers = sorted(tests.glob("test_*.py")) + [tests / "conftest.py"] + sorted((tests / "support").rglob("*.py"))
    offenders = {
        str(path.relative_to(ROOT)): sorted(_imported_modules(path) & test_modules) for path in importers
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_no_test_module_is_named_after_a_review() -> None:
    """Tests are grouped by the behaviour they hold, not by the review that found it."""
    assert sorted(p.name for p in (ROOT / "tests").rglob("test_*.py") if "review" in p.name) == []
