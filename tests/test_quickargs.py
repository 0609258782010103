"""quickargs (the argparse-free fast path for common command lines) agrees with the real parser."""

from __future__ import annotations

import argparse
import itertools

import pytest

from awslint.cli.main import build_parser
from awslint.errors import UsageError
from awslint.standins.quickargs import DEFAULTS, SWITCHES, quick_check_options


def _argparse(args: list[str]) -> object:
    try:
        return vars(build_parser("check").parse_args(args))
    except UsageError as exc:
        return f"error: {exc}"
    except SystemExit as exc:
        return f"exit: {exc.code}"


def test_every_option_of_the_parser_has_its_default_here() -> None:
    """Guards drift: an option added to build_parser must be added to DEFAULTS."""
    parser = build_parser("check")
    actions = {a.dest: a for a in parser._actions if not isinstance(a, argparse._HelpAction)}
    assert set(actions) == set(DEFAULTS)
    parsed = vars(parser.parse_args([]))
    assert parsed == DEFAULTS
    for flag, dest in SWITCHES.items():
        action = actions[dest]
        assert flag in action.option_strings and isinstance(action, argparse._StoreTrueAction)


def test_the_parser_takes_its_defaults_from_the_one_table(monkeypatch: pytest.MonkeyPatch) -> None:
    from awslint.standins import quickargs

    monkeypatch.setitem(quickargs.DEFAULTS, "fail_on", "error")
    monkeypatch.setitem(quickargs.DEFAULTS, "select", ["AWS2"])
    parsed = build_parser("check").parse_args(["--select", "AWS3"])
    assert parsed.fail_on == "error" and parsed.select == ["AWS2", "AWS3"]
    assert quickargs.DEFAULTS["select"] == ["AWS2"]  # a parse never changes the table


WORDS = ["a", "dir/config", "", "-q", "--quiet", "--env", "--exit-zero", "--statistics", "--no-color", "--", "-",
         "--qui", "--format", "json", "-fjson", "--fix", "--help", "-x", "check", "-qq"]


@pytest.mark.parametrize("length", [0, 1, 2, 3])
def test_same_namespace_as_argparse_or_none(length: int) -> None:
    for args in itertools.product(WORDS, repeat=length):
        fast = quick_check_options(list(args))
        if fast is None:
            continue  # argparse decides, as before
        assert vars(fast) == _argparse(list(args)), args


def test_the_pre_commit_command_line_takes_the_fast_path() -> None:
    fast = quick_check_options(["--quiet", "home/.aws/config", "home/.aws/credentials"])
    assert fast is not None and fast.quiet and fast.paths == ["home/.aws/config", "home/.aws/credentials"]
    assert quick_check_options(["--format", "json", "x"]) is None
    first, second = quick_check_options(["a"]), quick_check_options(["b"])
    assert first is not None and second is not None and first.select is not second.select  # no shared lists
