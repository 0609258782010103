"""Shared by the fuzz, secret-safety and bad-input tests: run the real CLI entry point with a
hang guard, check the output contract, and discover every output the CLI offers.

Outputs are discovered from the argument parser, so formats, subcommands (``explain``) and
flags (``--diff``) that other parts of awslint add later are exercised without editing the
tests.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator, Optional

from awslint.cli import main as cli
from hypothesis import HealthCheck, settings

#: Each CLI run must end within this many seconds (a generous hang guard, not a timing test).
HANG_SECONDS = 20

#: Deterministic, database-free hypothesis settings for CI; the example budgets are per test.
FUZZ = settings(
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=False,
    suppress_health_check=list(HealthCheck),
)


class Hang(BaseException):
    """Raised by the alarm; a BaseException so awslint's own ``except Exception`` cannot hide it."""


@dataclass
class Run:
    argv: list[str]
    code: int
    out: str
    err: str
    seconds: float


@contextmanager
def hang_guard(seconds: int, what: str) -> Iterator[None]:
    """Fail (instead of hanging the suite) when the body takes longer than ``seconds``."""
    usable = hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()
    if not usable:  # pragma: no cover - Windows or a worker thread: check afterwards instead
        start = time.monotonic()
        yield
        assert time.monotonic() - start < seconds, f"{what} took longer than {seconds} s"
        return

    def expire(signum: int, frame: object) -> None:
        raise Hang(f"{what} did not finish within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def run(*argv: str) -> Run:
    """``awslint.cli.main(argv, stdout, stderr)`` in-process, guarded against hangs."""
    out, err = io.StringIO(), io.StringIO()
    start = time.monotonic()
    with hang_guard(HANG_SECONDS, f"awslint {' '.join(argv)[:200]}"):
        code = cli.main(list(argv), stdout=out, stderr=err)
    return Run(list(argv), code, out.getvalue(), err.getvalue(), time.monotonic() - start)


def assert_contract(result: Run) -> None:
    """Exit 0/1 (no ``awslint: error:`` line), or exit 2 with exactly one
    ``awslint: error:`` line; never a traceback or an internal error."""
    context = f"argv={result.argv!r} code={result.code} err={result.err[:500]!r}"
    assert "Traceback (most recent call last)" not in result.out + result.err, context
    assert "internal error" not in result.err, context
    lines = result.err.splitlines()
    if result.code == 2:
        assert len(lines) == 1 and lines[0].startswith("awslint: error: "), context
        return
    assert result.code in (0, 1), context
    # Warnings and notes (``--diff``: "Would fix N problems.") may go to stderr; errors may not.
    assert not any(line.startswith("awslint: error:") for line in lines), context


def _option(parser: argparse.ArgumentParser, flag: str) -> Optional[argparse.Action]:
    return next((a for a in parser._actions if flag in a.option_strings), None)


def formats(command: str = "check") -> list[str]:
    """Every ``--format`` the command offers (text, json, and whatever was added since)."""
    action = _option(cli.build_parser(command), "--format")
    if action is None:
        return []
    if action.choices:
        return list(action.choices)
    # A repeatable ``--format FORMAT[:PATH]`` validates its names itself (awslint.report.outputs).
    try:
        from awslint.report import outputs
    except ImportError:  # pragma: no cover - before multiple outputs existed
        return ["text", "json"]
    return list(outputs.FORMATS)


def subcommands() -> tuple[str, ...]:
    return tuple(getattr(cli, "SUBCOMMANDS", ("check", "rules")))


def has_flag(flag: str, command: str = "check") -> bool:
    return _option(cli.build_parser(command), flag) is not None


def lint_argvs(paths: list[str]) -> list[list[str]]:
    """Every read-only way to run the linter on ``paths``: each format, statistics, --diff."""
    argvs = [[*paths, "--format", fmt, "--no-color"] for fmt in formats()]
    argvs.append([*paths, "--statistics"])
    if has_flag("--diff"):
        argvs.append([*paths, "--diff"])
    return argvs


def explain_argvs(paths: list[str]) -> list[list[str]]:
    """``awslint explain`` in every format, once it exists."""
    if "explain" not in subcommands():
        return []
    return [["explain", *paths, "--format", fmt] for fmt in formats("explain")] or [["explain", *paths]]


def check_json(result: Run) -> None:
    """A JSON report must parse (it is a contract for scripts)."""
    if result.code in (0, 1) and "--format" in result.argv:
        fmt = result.argv[result.argv.index("--format") + 1]
        if fmt in ("json", "sarif"):
            json.loads(result.out)


@contextmanager
def isolated(home: str) -> Iterator[None]:
    """A fake HOME and no AWS_* variables, so a run reads only the PATHs it is given."""
    import pytest

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", home)
        for name in list(os.environ):
            if name.startswith("AWS") or name == "NO_COLOR":
                patch.delenv(name)
        yield
