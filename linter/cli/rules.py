"""``awslint rules``: the rule list and one rule's help, as text or JSON."""

from __future__ import annotations

import json
import textwrap
from typing import Any

from awslint.engine.ruleset import Rule


def format_rule_list(rules: list[Rule]) -> str:
    width = max((len(r.name) for r in rules), default=4)
    lines = [f"{'CODE':<8} {'NAME':<{width}} {'SEVERITY':<8} SUMMARY"]
    lines += [f"{r.code:<8} {r.name:<{width}} {r.severity:<8} {r.summary}" for r in rules]
    return "\n".join(lines) + "\n"


def fix_of(rule: Rule) -> Any:
    """The rule's fix (or its first check's), or None when it has none."""
    return rule.fix or next((check.fix for check in rule.checks if check.fix is not None), None)


def format_rule_help(rule: Rule) -> str:
    lines = [f"{rule.code} {rule.name} [{rule.severity}]", "", rule.summary, ""]
    if rule.tags:
        lines += [f"Tags: {', '.join(rule.tags)}", ""]
    if rule.help:
        lines += [textwrap.dedent(rule.help).strip(), ""]
    fix = fix_of(rule)
    if fix is not None:
        lines += [f"Fix ({fix.safety}, with --fix{' --unsafe-fixes' if fix.safety == 'unsafe' else ''}): {fix.description}", ""]
    if rule.help_uri:
        lines += [f"More: {rule.help_uri}", ""]
    from awslint.redaction import printable

    lines.append(f"Defined in {printable(rule.origin)}")  # a pack's path is text from outside
    return "\n".join(lines) + "\n"


def rules_json(rules: list[Rule]) -> str:
    return json.dumps(
        [
            {
                "code": r.code,
                "name": r.name,
                "severity": r.severity,
                "scope": r.scope,
                "tags": r.tags,
                "summary": r.summary,
                "help": r.help,
                "fix": None if fix_of(r) is None else fix_of(r).safety,
            }
            for r in rules
        ],
        indent=2,
    ) + "\n"
