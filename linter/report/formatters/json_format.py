"""A single JSON object: ``version``, ``findings`` and ``summary`` (documented in README.md, "Usage";
fields are only ever added).

Inline-suppressed findings are listed too, each with ``"suppressed": {"reason", "directive",
"line"}``; the summary counts only the others (plus ``suppressed`` when there are any).
Findings covered by ``--baseline`` are marked the same way, with ``"directive": "baseline"`` (and
``"baseline": FILE``); the summary then adds ``baselined`` (also counted in ``suppressed``) and
``stale_baseline_entries`` when entries matched nothing."""

from __future__ import annotations

import json

from awslint import __version__
from awslint.findings import Finding


def format_json(findings: list[Finding], files: int, stale: int = 0) -> str:
    active = [f for f in findings if f.suppressed is None]
    summary = {
        "files": files,
        "errors": sum(1 for f in active if f.severity == "error"),
        "warnings": sum(1 for f in active if f.severity == "warning"),
        "info": sum(1 for f in active if f.severity == "info"),
    }
    if len(active) != len(findings):
        summary["suppressed"] = len(findings) - len(active)
    baselined = sum(1 for f in findings if f.suppressed is not None and f.suppressed.get("directive") == "baseline")
    if baselined:
        summary["baselined"] = baselined
    if stale:
        summary["stale_baseline_entries"] = stale
    document = {"version": __version__, "findings": [f.as_dict() for f in findings], "summary": summary}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
