"""The validated ``fix:`` block of a rule (``FixSpec``, ``EditSpec``), apart from ``fixes``.

The cached rule set (rulecache.py) holds these objects, so unpickling it imports their module:
keeping them here means a plain lint run does not import ``awslint.fixes`` (the planner) unless
a finding actually has a fix to plan. ``awslint.fixes`` re-exports both names.
"""

from __future__ import annotations

from typing import Any

from awslint.records import dataclass


@dataclass
class EditSpec:
    op: str
    params: dict[str, Any]
    line: int


@dataclass
class FixSpec:
    """A validated ``fix:`` block."""

    safety: str
    description: str
    edits: list[EditSpec]
    when: Any = None  # a ruleset.Condition, or None
    line: int = 0
