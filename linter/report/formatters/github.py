"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per finding.

``::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=TITLE::MESSAGE``. Paths are
relative to the repository root (``GITHUB_WORKSPACE`` in Actions), which is what annotations
resolve against. GitHub shows at most ten annotations of each level per step: use SARIF for
the full record.
"""

from __future__ import annotations

import os
from typing import Mapping, Optional

from awslint.findings import Finding
from awslint.redaction import shown_path
from awslint.report.formatters.locations import relative_to_root, source_root

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """The message part: ``%``, CR and LF are the command syntax's own characters."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value: also ``:`` (ends the properties) and ``,`` (separates them)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(
    findings: list[Finding], cwd: Optional[str] = None, environ: Optional[Mapping[str, str]] = None
) -> str:
    cwd = cwd or os.getcwd()
    listed = [f for f in findings if f.suppressed is None]
    root = source_root(sorted({f.raw_path or f.path for f in listed}), cwd, environ)
    lines = []
    for f in sorted(listed, key=Finding.sort_key):
        # The file is found by the path as given; what is shown is escaped and masked.
        relative = relative_to_root(f.raw_path or f.path, root, cwd)
        path = shown_path(relative) if relative is not None else f.path
        props = [("file", path), ("line", str(f.line))]
        end_line = max(f.end_line, f.line)
        # Columns only for one-line ranges (GitHub ignores them otherwise).
        if end_line == f.line:
            props += [("col", str(f.column)), ("endLine", str(end_line)), ("endColumn", str(max(f.end_column, f.column)))]
        else:
            props.append(("endLine", str(end_line)))
        props.append(("title", f"awslint {f.code} ({f.name})"))
        # Control characters were escaped once for every format (redaction.for_output).
        rendered = ",".join(f"{key}={escape_property(value)}" for key, value in props)
        lines.append(f"::{LEVELS[f.severity]} {rendered}::{escape_data(f.message)}")
    return "".join(line + "\n" for line in lines)
