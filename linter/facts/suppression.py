"""Facts of the ``suppression`` scope: one subject per problem with an inline suppression comment.

``report.suppressions`` finds the problems once every other rule has run (whether a
suppression is *unused* depends on their findings) and makes the subjects from these facts.
"""

from __future__ import annotations

from typing import Any, Optional

from awslint.facts.registry import Fact, provides


@provides(
    "suppression",
    Fact("problem", "`unused`, `unknown-rule`, `trailing` or `malformed`", public=True),
    Fact("file_role", "`config` or `credentials`", public=True),
    Fact("directive", "`disable-next-line`, `disable-section` or `disable-file`, or null", public=True),
    Fact("rules", "the rule codes or names the directive lists, or null", public=True),
    Fact("reason", "the text after `--`, or null", public=True),
    Fact("unknown", "the names no loaded rule has (unknown-rule)", public=True),
    Fact("suggestion", "a did-you-mean hint for the first unknown name, or empty", public=True),
    Fact("unused", "the names that suppressed nothing (unused)", public=True),
    Fact("all_unused", "true when no name of the directive suppressed anything", public=True),
    Fact("where", "`value` or `section header`: what the trailing comment follows", public=True),
    Fact("comment", "the trailing suppression text (trailing)", public=True),
    Fact("detail", "what is wrong with a malformed directive", public=True),
    subject=True,
)
def suppression_facts(kind: str, file_role: str, directive: Optional[Any], found: dict[str, Any]) -> dict[str, Any]:
    """The facts of one problem: its ``kind``, the directive on its line (a
    ``report.suppressions.Suppression``, or None) and what the check ``found``."""
    facts: dict[str, Any] = {
        "problem": kind,
        "file_role": file_role,
        "directive": directive.directive if directive else None,
        "rules": ", ".join(directive.names) if directive else None,
        "reason": directive.reason if directive else None,
        "unknown": None,
        "suggestion": None,
        "unused": None,
        "all_unused": None,
        "where": None,
        "comment": None,
        "detail": None,
    }
    facts.update(found)
    return facts
