"""How ``awslint check`` shows its findings to a person: text form, colour, fixes, statistics.

* ``--format text`` is the full multi-line form on a terminal and the one-line ``concise`` form
  anywhere else (pipes, files, CI logs, pre-commit), so scripts keep one line per finding;
  ``--format full`` / ``--format concise`` choose explicitly.
* Colour (text forms on standard output only, never in a file): ``--color always|never`` wins
  (``--no-color`` is ``never``); with ``auto`` (the default) a non-empty ``NO_COLOR`` turns it
  off, else a non-empty ``FORCE_COLOR`` (other than ``0`` or ``false``) turns it on, else
  colour is used only on a terminal.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional, TextIO

from awslint import __version__

TEXT_FORMATS = ("text", "full", "concise")


def use_color(choice: Optional[str], no_color: bool, environ: Mapping[str, str], stream: Any, to_file: bool) -> bool:
    if to_file:
        return False
    if no_color or choice == "never":
        return False
    if choice == "always":
        return True
    if environ.get("NO_COLOR", ""):
        return False
    force = environ.get("FORCE_COLOR", "")
    if force and force.lower() not in ("0", "false"):
        return True
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):
        return False


def text_form(fmt: str, stream: Any, to_file: bool) -> str:
    """``full`` or ``concise`` for one of the text formats."""
    if fmt != "text":
        return fmt
    if to_file:
        return "concise"
    isatty = getattr(stream, "isatty", None)
    try:
        return "full" if isatty and isatty() else "concise"
    except (OSError, ValueError):
        return "concise"


def render_text(
    options: Any, fmt: str, to_file: bool, result: Any, out: TextIO, environ: Mapping[str, str], baselined: int = 0
) -> str:
    """A text report (full, concise or statistics) for the active findings."""
    from awslint.report.formatters import text

    findings = result.active
    unsafe = bool(getattr(options, "unsafe_fixes", False))
    quiet = options.quiet
    if options.statistics:
        return text.format_statistics(findings, result.files, quiet=quiet, unsafe=unsafe, baselined=baselined)
    color = use_color(getattr(options, "color", None), options.no_color, environ, out, to_file)
    if text_form(fmt, out, to_file) == "full":
        width = text.terminal_width(environ)
        return text.format_full(
            findings, result.files, color=color, quiet=quiet, width=width, unsafe=unsafe, baselined=baselined
        )
    return text.format_text(findings, result.files, color=color, quiet=quiet, baselined=baselined)


def json_statistics(result: Any, unsafe: bool, baselined: int = 0) -> str:
    """``--statistics --format json``: findings per rule, as ruff prints them, in awslint's object."""
    import json

    from awslint.report.formatters.text import statistics

    active = result.active
    summary: dict[str, Any] = {
        "files": result.files,
        "errors": sum(1 for f in active if f.severity == "error"),
        "warnings": sum(1 for f in active if f.severity == "warning"),
        "info": sum(1 for f in active if f.severity == "info"),
    }
    if baselined:
        summary["baselined"] = baselined
    document = {"version": __version__, "statistics": statistics(active, unsafe), "summary": summary}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def with_notes(report: str, notes: str) -> str:
    """``notes`` inserted before the last line of a text report (the summary stays last)."""
    if not notes:
        return report
    head, _, summary = report.rstrip("\n").rpartition("\n")
    return (head + "\n" if head else "") + notes + summary + "\n"
