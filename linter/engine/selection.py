"""Rule selection: ``--select`` / ``--ignore`` by code, code prefix or name."""

from __future__ import annotations

from typing import Any, Iterable

from awslint.distance import suggest
from awslint.errors import UsageError
from awslint.engine.ruleset import Rule


def select_rules(rules: list[Rule], select: Iterable[str], ignore: Iterable[str]) -> list[Rule]:
    """Ruff-style selection by code, code prefix (``AWS2``) or rule name."""

    def matcher(token: str, option: str) -> Any:
        token = token.strip()
        upper = token.upper()
        if upper == "ALL":
            return lambda rule: True
        if any(r.code.startswith(upper) for r in rules) or any(r.name == token for r in rules):
            return lambda rule: rule.code.startswith(upper) or rule.name == token
        names = [r.code for r in rules] + [r.name for r in rules]
        raise UsageError(f"{option}: no rule matches '{token}'{suggest(token, names)}")

    selected = [matcher(t, "--select") for t in select if t.strip()]
    ignored = [matcher(t, "--ignore") for t in ignore if t.strip()]
    return [
        rule
        for rule in rules
        if (not selected or any(m(rule) for m in selected)) and not any(m(rule) for m in ignored)
    ]
