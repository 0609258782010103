"""What rules are evaluated against: a ``Subject`` (one file, parse issue, section, option,
profile, environment or suppression) and the ``Location`` a finding points at.

Data only: the fact builder (``facts.builder``) makes subjects, and the engine reads them.
"""

from __future__ import annotations

from typing import Any, Callable, Optional

from awslint.aws.model import Setting
from awslint.syntax.parse import SLOTS, ParsedFile
from awslint.standins.records import dataclass, field


@dataclass(**SLOTS)
class Location:
    """A place in a file, 1-based."""

    file: ParsedFile
    line: int
    column: int
    end_line: int
    end_column: int
    section: Optional[str] = None


@dataclass(**SLOTS)
class Subject:
    """One thing a rule is evaluated against: a file, issue, section, option or profile."""

    scope: str
    facts: dict[str, Any]
    location: Location
    keys: Callable[[str], Optional[Setting]] = lambda _key: None
    locate: Callable[[str], Optional[Location]] = lambda _where: None
    profile: Optional[str] = None
    section: Optional[str] = None
    key: Optional[str] = None
    node: Any = None  # the OptionNode / SectionNode / ParseIssue / Block itself (for fixes)
    # For a check whose `at` names a location that occurs several times (every swallowed line):
    # one subject per occurrence, each with its own facts and location.
    variants: dict[str, list[Subject]] = field(default_factory=dict)
