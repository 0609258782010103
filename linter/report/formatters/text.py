"""Text reports: the one-line ``concise`` form and the ``full`` form a person reads at a terminal.

concise (``--format concise``; ``--format text`` when standard output is not a terminal, so
pipes, CI logs and pre-commit keep the one-line contract)::

    PATH:LINE:COL: CODE [severity] MESSAGE (rule-name)

full (``--format full``; ``--format text`` on a terminal), like ruff's full format and
cfn-lint: severity and code first, the first sentence of the message, the location, then the
rest of the message and the fix indented beneath, wrapped to the terminal width::

    error AWS006 [*] botocore keeps '# main' as part of the value of 'region' in [default]
      --> aws/config:3:20 (inline-comment-in-value)
        the AWS CLI and boto3 read 'us-east-1 # main' while other SDKs strip the comment. Move
        the comment to its own line above.
        fix: Move '# main' to its own line above 'region', leaving 'region = us-east-1'.

``[*]`` marks a fix that ``--fix`` applies (an unsafe one only with ``--unsafe-fixes``). No
source line is quoted: the line may hold a secret. Both forms keep the findings in file and
line order (as ruff does); the summary counts the severities.
"""

from __future__ import annotations

import os
import re
import sys
from typing import Any, Optional

from awslint.findings import Finding
from awslint.redaction import printable

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"
INDENT = "    "
# Short quoted values and [section] names are kept on one line when wrapping ("[profile\n dev]"
# reads badly): their spaces are swapped for a placeholder textwrap does not break at.
_UNBREAKABLE = re.compile(r"'[^'\n]{1,40}'|\[[^\]\n]{1,40}\]")
_GLUE = "\x00"


def plural(count: int, word: str) -> str:
    """``1 warning``, ``2 warnings``; ``info`` has no plural."""
    if count == 1 or word == "info":
        return f"{count} {word}"
    if word.endswith("y"):
        return f"{count} {word[:-1]}ies"
    return f"{count} {word}{'es' if word.endswith(('s', 'x')) else 's'}"


def summary_line(findings: list[Finding], files: int, baselined: int = 0) -> str:
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    parts = ", ".join(plural(counts[s], s) for s in ("error", "warning", "info"))
    tail = f"; {baselined} baselined" if baselined else ""
    return f"Found {plural(len(findings), 'problem')} ({parts}) in {plural(files, 'file')}{tail}."


def fix_applies(finding: Finding, unsafe: bool) -> bool:
    """Whether ``--fix`` (with ``unsafe``: ``--unsafe-fixes``) would apply the finding's fix."""
    fix = finding.fix
    return fix is not None and (fix.get("applicability") == "safe" or unsafe)


def format_text(
    findings: list[Finding], files: int, *, color: bool = False, quiet: bool = False, baselined: int = 0
) -> str:
    """The concise form: one line per finding, then the summary."""
    lines = []
    for f in findings:
        severity = f"[{f.severity}]"
        code = f.code
        if color:
            severity = f"{_COLORS[f.severity]}{severity}{_RESET}"
            code = f"{_BOLD}{code}{_RESET}"
        lines.append(f"{printable(f.path)}:{f.line}:{f.column}: {code} {severity} {printable(f.message)} ({f.name})")
    if not quiet:
        lines.append(summary_line(findings, files, baselined))
    return "\n".join(lines) + ("\n" if lines else "")


def split_message(message: str) -> tuple[str, str]:
    """The first sentence (or clause before ``: ``) and the rest; quoted text ('…') is never cut."""
    quoted = False
    for index, char in enumerate(message):
        if char == "'":
            before = message[index - 1] if index else " "
            after = message[index + 1] if index + 1 < len(message) else " "
            if not quoted and (before in " ([{=,/" or index == 0):
                quoted = True
            elif quoted and after in " .,:;)]}":
                quoted = False
            continue
        if quoted or char not in ".:" or index < 12:
            continue
        if index + 1 < len(message) and message[index + 1] == " ":
            word = message[:index].rsplit(" ", 1)[-1].lower()
            if char == "." and word in ("e.g", "i.e", "etc", "vs"):
                continue
            head = message[: index + 1] if char == "." else message[:index]
            return head, message[index + 2 :].strip()
    return message, ""


def terminal_width(environ: Optional[Any] = None) -> int:
    """As ``shutil.get_terminal_size().columns``: ``COLUMNS``, else the terminal, else 80."""
    env = os.environ if environ is None else environ
    try:
        columns = int(env.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def _wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    import textwrap

    glued = _UNBREAKABLE.sub(lambda m: m.group(0).replace(" ", _GLUE), text)
    lines = textwrap.wrap(glued, width, initial_indent=first, subsequent_indent=rest,
                          break_long_words=False, break_on_hyphens=False)
    return [line.replace(_GLUE, " ") for line in lines]


def format_full(
    findings: list[Finding],
    files: int,
    *,
    color: bool = False,
    quiet: bool = False,
    width: int = 80,
    unsafe: bool = False,
    baselined: int = 0,
) -> str:
    """The full form: one block per finding, a blank line between, then the summary."""
    width = max(width, 40)
    blocks = []
    for f in findings:
        head, rest = split_message(printable(f.message))
        marker = " [*]" if fix_applies(f, unsafe) else ""
        severity, code, dim, reset = f.severity, f.code, "", ""
        if color:
            severity = f"{_BOLD}{_COLORS[f.severity]}{severity}{_RESET}"
            code = f"{_BOLD}{code}{_RESET}"
            dim, reset = _DIM, _RESET
        lead = f"{f.severity} {f.code}{marker} "
        first = _wrap(head, width - len(lead)) or [""]
        lines = [f"{severity} {code}{marker} {first[0]}"]
        if len(first) > 1:
            lines += _wrap(" ".join(first[1:]), width, INDENT, INDENT)
        lines.append(f"  {dim}-->{reset} {printable(f.path)}:{f.line}:{f.column} {dim}({f.name}){reset}")
        if rest:
            lines += _wrap(rest, width, INDENT, INDENT)
        if f.fix is not None:
            label = "fix" if f.fix.get("applicability") == "safe" else "unsafe fix" + ("" if unsafe else " (--unsafe-fixes)")
            lines += _wrap(f"{label}: {printable(str(f.fix.get('description') or ''))}", width, INDENT, INDENT + "  ")
        blocks.append("\n".join(lines))
    text = "\n\n".join(blocks)
    if blocks:
        text += "\n\n" if not quiet else "\n"
    if not quiet:
        text += summary_line(findings, files, baselined) + "\n"
    return text


def format_fixes(findings: list[Finding], unsafe: bool) -> str:
    """``--show-fixes``: the fixes ``--fix`` would apply, one per line, before the summary."""
    lines = [
        f"  {printable(f.path)}:{f.line}:{f.column}: {f.code} {printable(str((f.fix or {}).get('description') or ''))}"
        for f in findings
        if fix_applies(f, unsafe)
    ]
    if not lines:
        return "No fixes available.\n"
    title = f"{plural(len(lines), 'fix')} would be applied with --fix{' --unsafe-fixes' if unsafe else ''}:"
    return title + "\n" + "\n".join(lines) + "\n"


def statistics(findings: list[Finding], unsafe: bool) -> list[dict[str, Any]]:
    """Findings per rule, most frequent first (as ruff's ``--statistics``)."""
    rows: dict[str, dict[str, Any]] = {}
    for f in findings:
        row = rows.setdefault(f.code, {"code": f.code, "name": f.name, "count": 0, "fixable": 0})
        row["count"] += 1
        row["fixable"] += fix_applies(f, unsafe)
    return sorted(rows.values(), key=lambda r: (-r["count"], r["code"]))


def format_statistics(findings: list[Finding], files: int, *, quiet: bool, unsafe: bool, baselined: int = 0) -> str:
    lines = [f"{row['count']:5d}  {row['code']}  {row['name']}" for row in statistics(findings, unsafe)]
    if not quiet:
        lines.append(summary_line(findings, files, baselined))
    return "\n".join(lines) + ("\n" if lines else "")
