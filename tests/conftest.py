"""Shared fixtures: the built-in rule set (loaded once) and helpers to lint text or files.

Shared constants and helpers live in the ``support`` package.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Iterator, Optional

import pytest
from awslint.cli.main import main
from awslint.run.lint import lint_text
from awslint.engine.ruleset import RuleSet, load_rules
from support.credential_layouts import Env
from support.offline_botocore import isolate_botocore



@pytest.fixture(scope="session")
def ruleset() -> RuleSet:
    return load_rules()


@pytest.fixture
def lint(ruleset: RuleSet):
    """lint(config=..., credentials=..., select=[...]) -> findings (all rules by default)."""

    def run(config: Optional[str] = None, credentials: Optional[str] = None, select: Optional[list[str]] = None):
        rules = [r for r in ruleset.rules if select is None or r.code in select or r.name in select]
        return lint_text(ruleset, rules, config=config, credentials=credentials)

    return run


class Result:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def __repr__(self) -> str:
        return f"Result(code={self.code}, out={self.out!r}, err={self.err!r})"


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """cli(*args) runs awslint in-process with a clean environment and a fake HOME."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for var in ("AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "NO_COLOR", "AWSLINT_DEBUG", "XDG_CONFIG_HOME"):
        monkeypatch.delenv(var, raising=False)

    def run(*args: str) -> Result:
        out, err = io.StringIO(), io.StringIO()
        code = main(list(args), stdout=out, stderr=err)
        return Result(code, out.getvalue(), err.getvalue())

    return run


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Env]:
    """No AWS/boto env vars, IMDS off, HOME = tmp_path, every socket connection refused."""
    guard = isolate_botocore(monkeypatch, tmp_path)
    yield Env(tmp_path, monkeypatch, guard)
    guard.check()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--newest-botocore", action="store_true",
        help="also compare rules/data with the newest botocore on the package index (needs the network)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "newest_botocore: compares with the newest botocore; runs only with --newest-botocore")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--newest-botocore"):
        return
    skip = pytest.mark.skip(reason="compares with the newest botocore: run with --newest-botocore")
    for item in items:
        if "newest_botocore" in item.keywords:
            item.add_marker(skip)
