"""``PATH:LINE:COL: CODE [severity] MESSAGE (rule-name)``, then a one-line summary."""

from __future__ import annotations

from awslint.findings import Finding

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _RESET = "\033[1m", "\033[0m"


def summary_line(findings: list[Finding], files: int) -> str:
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    noun = "problem" if len(findings) == 1 else "problems"
    file_noun = "file" if files == 1 else "files"
    return (
        f"Found {len(findings)} {noun} ({counts['error']} errors, {counts['warning']} warnings, "
        f"{counts['info']} info) in {files} {file_noun}."
    )


def format_text(findings: list[Finding], files: int, *, color: bool = False, quiet: bool = False) -> str:
    lines = []
    for f in findings:
        severity = f"[{f.severity}]"
        code = f.code
        if color:
            severity = f"{_COLORS[f.severity]}{severity}{_RESET}"
            code = f"{_BOLD}{code}{_RESET}"
        # Text fields were made safe once for every format (findings.for_output).
        lines.append(f"{f.path}:{f.line}:{f.column}: {code} {severity} {f.message} ({f.name})")
    if not quiet:
        lines.append(summary_line(findings, files))
    return "\n".join(lines) + ("\n" if lines else "")
