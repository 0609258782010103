"""The common ``awslint`` command lines, parsed without argparse.

pre-commit runs ``awslint --quiet FILE ...`` on every commit; importing argparse and building the
parser (a formatter and gettext look-ups per option) is ~5 ms of that start-up. A command line
made only of paths and plain on/off switches is parsed here into the same values argparse gives;
anything else (an option with a value, ``--help``, ``--``, a path starting with ``-``, an
abbreviation, paths on both sides of a switch, which argparse rejects) returns None and goes to
argparse as before. The defaults are defined once, here, and handed to the real parser;
``tests/test_quickargs.py`` checks both give equal namespaces.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, Optional, Sequence, cast

if TYPE_CHECKING:
    from argparse import Namespace

# store_true switches of ``awslint check`` (cli.build_parser): flag -> destination.
SWITCHES = {
    "-q": "quiet",
    "--quiet": "quiet",
    "--no-color": "no_color",
    "--exit-zero": "exit_zero",
    "--statistics": "statistics",
    "--env": "env",
    "-V": "version",
    "--version": "version",
    "--show-fixes": "show_fixes",
}

# Every destination of ``awslint check`` with its default: the one table, also given to argparse
# (cli.main.build_parser calls ``set_defaults(**check_defaults())``); lists are copied per parse.
DEFAULTS: dict[str, Any] = {
    "paths": [],
    "format": None,
    "output": None,
    "config": None,
    "select": [],
    "ignore": [],
    "fail_on": None,
    "exit_zero": False,
    "rules": [],
    "env": False,
    "statistics": False,
    "quiet": False,
    "no_color": False,
    "version": False,
    "fix": False,
    "unsafe_fixes": False,
    "diff": False,
    "color": None,
    "show_fixes": False,
    "baseline": None,
    "write_baseline": None,
    "list_files": False,
    "stdin_filename": None,
    "extend_select": [],
}


def check_defaults() -> dict[str, Any]:
    """A fresh copy of DEFAULTS (no list shared between two parses)."""
    return {name: list(value) if isinstance(value, list) else value for name, value in DEFAULTS.items()}


def quick_check_options(args: Sequence[str]) -> Optional[Namespace]:
    """The options argparse would give for ``args``, or None when argparse must decide."""
    values = check_defaults()
    paths: list[str] = values["paths"]
    run_ended = False  # argparse takes the paths as one run: "a --quiet b" is an error there
    for arg in args:
        if arg.startswith("-"):
            name = SWITCHES.get(arg)
            if name is None:
                return None
            values[name] = True
            run_ended = bool(paths)
        elif run_ended:
            return None
        else:
            paths.append(arg)
    return cast("Namespace", SimpleNamespace(**values))  # read by attribute only, as a Namespace
