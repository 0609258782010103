"""The finding record every rule produces and every format reports.

Making its text safe to show (escaping, masking secrets) is ``awslint.redaction``.
"""

from __future__ import annotations

from awslint.standins.records import dataclass, field
from typing import Any, Optional

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


@dataclass
class Finding:
    code: str
    name: str
    severity: str
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    profile: Optional[str] = None
    section: Optional[str] = None
    key: Optional[str] = None
    fix: Optional[dict[str, Any]] = None
    tags: list[str] = field(default_factory=list)
    #: fixes.PlannedFix: the concrete edits behind ``fix`` (never serialised)
    planned: Any = field(default=None, repr=False, compare=False)
    #: Set when an inline suppression covers the finding: ``{"reason", "line", "directive"}``.
    #: Suppressed findings are kept for JSON but left out of text, SARIF and the exit code.
    suppressed: Optional[dict[str, Any]] = None
    #: The path as given, when ``path`` is the escaped and masked one shown (see ``for_output``).
    raw_path: Optional[str] = field(default=None, repr=False, compare=False)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "profile": self.profile,
            "section": self.section,
            "key": self.key,
            "message": self.message,
            "fix": self.fix,
            **({"suppressed": self.suppressed} if self.suppressed is not None else {}),
        }
