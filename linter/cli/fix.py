"""The ``--fix`` / ``--diff`` / ``--unsafe-fixes`` part of ``awslint check`` (ruff's conventions).

* ``--fix`` applies the safe fixes (``--unsafe-fixes`` adds the unsafe ones), writes the files,
  re-lints them from disk and reports what remains, with ``Fixed N problems.``
* ``--diff`` prints a unified diff of what ``--fix`` would change and writes nothing; exit 1
  when there is a change, else 0.
* Without ``--unsafe-fixes`` the summary says how many unsafe fixes are hidden.
"""

from __future__ import annotations

from awslint.standins.records import dataclass
from typing import TYPE_CHECKING, Any, Callable, Mapping, Optional, TextIO

from awslint.findings import Finding

if TYPE_CHECKING:  # annotations only: a plain (non-quiet) run imports this module, not argparse
    import argparse


@dataclass
class FixOutcome:
    fixed: int  # problems fixed in files that were written
    failed: int  # files that could not be written


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def hidden_unsafe(findings: list[Finding], unsafe: bool) -> int:
    """Findings whose only fix is unsafe and not enabled."""
    if unsafe:
        return 0
    return sum(1 for f in findings if f.fix is not None and f.fix.get("applicability") == "unsafe")


def _hidden_line(count: int) -> str:
    noun = "hidden fix" if count == 1 else "hidden fixes"
    return f"{count} {noun} can be enabled with the `--unsafe-fixes` option."


def fix_hints(findings: list[Finding], outcome: Optional[FixOutcome], options: argparse.Namespace) -> str:
    """Lines after the text summary: what was fixed, what could be, what is hidden."""
    lines = []
    if outcome is not None:
        lines.append(f"Fixed {_plural(outcome.fixed, 'problem')}.")
    else:
        fixable = sum(
            1 for f in findings if f.fix is not None and (f.fix.get("applicability") == "safe" or options.unsafe_fixes)
        )
        if fixable:
            lines.append(f"[*] {fixable} fixable with the `--fix` option.")
    hidden = hidden_unsafe(findings, options.unsafe_fixes)
    if hidden:
        lines.append(_hidden_line(hidden))
    return "".join(line + "\n" for line in lines)


def fix_command(
    options: argparse.Namespace,
    groups: list[Any],
    err: TextIO,
    environ: Optional[Mapping[str, str]] = None,
) -> FixOutcome:
    """Fix in memory, then write the changed files; the caller re-lints from disk. ``groups``:
    ``groups.Group``s (layouts with their rule set and rules). A file read from standard input is
    not written: its fixed contents replace ``ref.data``, for the caller to print."""
    from awslint.run.apply_fixes import fix_layouts, write_changes

    runs = [
        run
        for group in groups
        for run in fix_layouts(group.layouts, group.ruleset, group.rules, unsafe=options.unsafe_fixes, err=err, environ=environ)
    ]
    from_stdin = 0
    for run in runs:
        for state in [s for s in run.files if s.ref.data is not None]:
            run.files.remove(state)
            state.ref.data = state.data()
            from_stdin += state.fixed
    fixed, failed = write_changes(runs, err)
    return FixOutcome(fixed + from_stdin, failed)


def fixed_line(outcome: FixOutcome) -> str:
    return f"Fixed {_plural(outcome.fixed, 'problem')}.\n"


def diff_command(
    options: argparse.Namespace,
    groups: list[Any],
    out: TextIO,
    err: TextIO,
    write: Callable[[Optional[str], str, TextIO], Any],
    environ: Optional[Mapping[str, str]] = None,
) -> int:
    """Print what --fix would change; write nothing. Exit 1 when there is a change."""
    from awslint.run.apply_fixes import fix_layouts, format_diff

    runs = [
        run
        for group in groups
        for run in fix_layouts(group.layouts, group.ruleset, group.rules, unsafe=options.unsafe_fixes, err=err, environ=environ)
    ]
    write(options.output[0] if options.output else None, format_diff(runs), out)
    changed = any(run.changed for run in runs)
    if not options.quiet:
        fixed = sum(run.fixed for run in runs)
        err.write(f"Would fix {_plural(fixed, 'problem')}.\n")
        hidden = hidden_unsafe([f for run in runs for f in run.findings], options.unsafe_fixes)
        if hidden:
            err.write(_hidden_line(hidden) + "\n")
    return 1 if changed else 0
