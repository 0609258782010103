"""A single JSON object: ``version``, ``findings`` and ``summary`` (see interfaces.md)."""

from __future__ import annotations

import json

from awslint import __version__
from awslint.findings import Finding


def format_json(findings: list[Finding], files: int) -> str:
    document = {
        "version": __version__,
        "findings": [f.as_dict() for f in findings],
        "summary": {
            "files": files,
            "errors": sum(1 for f in findings if f.severity == "error"),
            "warnings": sum(1 for f in findings if f.severity == "warning"),
            "info": sum(1 for f in findings if f.severity == "info"),
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
