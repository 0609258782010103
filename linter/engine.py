"""Runs rules against one view: evaluates ``when`` trees on subjects, fills messages."""

from __future__ import annotations

import re
from typing import Any, Iterable, Mapping, Optional, Sequence

from awslint.errors import UsageError
from awslint.facts import FactBuilder, Location, Subject
from awslint.findings import CREDENTIAL_KEYS, Finding, Redactor, mask
from awslint.model import View
from awslint.ruleset import OPTIONAL_RE, PLACEHOLDER_RE, Condition, Rule, RuleSet, suggest


def _as_text(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ", ".join(_as_text(v) for v in value) or "(none)"
    return str(value)


def _same(value: Any, expected: Any) -> bool:
    if value == expected:
        return True
    # A file value is always text; let `equals: 3` or `equals: true` match "3" / "true".
    return isinstance(value, str) and not isinstance(expected, str) and expected is not None and value == _as_text(expected)


def _number(value: Any) -> Optional[float]:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


class Evaluator:
    def __init__(self, data: dict[str, list[Any]]) -> None:
        self.data = data

    def value(self, condition: Condition, subject: Subject) -> Any:
        if condition.subject == "fact":
            return subject.facts.get(condition.name)
        setting = subject.keys(condition.name)
        return None if setting is None else setting.text

    def __call__(self, condition: Condition, subject: Subject) -> bool:
        op = condition.op
        if op == "all":
            return all(self(child, subject) for child in condition.children)
        if op == "any":
            return any(self(child, subject) for child in condition.children)
        if op == "not":
            return not self(condition.children[0], subject)
        value = self.value(condition, subject)
        arg = condition.argument
        if op == "present":
            return (value is not None) == arg
        if op == "absent":
            return (value is None) == arg
        if op == "equals":
            return _same(value, arg)
        if op == "not_equals":
            return not _same(value, arg)
        if op in ("in", "not_in"):
            items = self.data.get(condition.data, []) if condition.data else arg
            found = value is not None and any(_same(value, item) for item in items)
            return found if op == "in" else not found
        if op == "contains":
            if isinstance(value, (list, tuple)):
                return any(_same(item, arg) for item in value)
            return isinstance(value, str) and _as_text(arg) in value
        if op in ("matches", "not_matches"):
            assert condition.pattern is not None
            found = value is not None and condition.pattern.search(_as_text(value)) is not None
            return found if op == "matches" else not found
        number = _number(value)
        if number is None:
            return False
        return {"lt": number < arg, "le": number <= arg, "gt": number > arg, "ge": number >= arg}[op]


def _has_value(value: Any) -> bool:
    return value is not None and value is not False and value != "" and value != [] and value != ()


# One pass over both forms, so text coming from a file is never scanned for placeholders again.
_RENDER_RE = re.compile(f"{OPTIONAL_RE.pattern}|{PLACEHOLDER_RE.pattern}")


def render(message: str, subject: Subject) -> str:
    """Fill ``{placeholders}`` and ``{?NAME:optional text}``; credential values are masked."""

    def lookup(name: str) -> Any:
        if name in ("profile", "section", "key"):
            return getattr(subject, name)
        if name == "path":
            return subject.location.file.path
        if name.startswith("keys."):
            key = name[5:]
            setting = subject.keys(key)
            if setting is None:
                return None
            return mask(setting.text) if key in CREDENTIAL_KEYS else setting.text
        return subject.facts.get(name)

    def fill(match: Any) -> str:
        optional, inner, name = match.group(1), match.group(2), match.group(3)
        if optional is not None:
            if not _has_value(lookup(optional)):
                return ""
            return PLACEHOLDER_RE.sub(lambda m: _as_text(lookup(m.group(1))), inner)
        return _as_text(lookup(name))

    return _RENDER_RE.sub(fill, message)


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


def run_rules(
    ruleset: RuleSet, rules: list[Rule], view: View, environ: Optional[Mapping[str, str]] = None
) -> list[Finding]:
    """Every finding of ``rules`` on ``view`` whose location is in a reported file.

    ``environ`` is the process environment when it is taken into account (``--env``)."""
    builder = FactBuilder(view, ruleset.data, environ)
    evaluate = Evaluator(ruleset.data)
    redact = Redactor(secret_values(view) + env_secret_values(environ))
    subjects: dict[str, list[Subject]] = {}
    findings: list[Finding] = []
    for rule in rules:
        if rule.scope not in subjects:
            subjects[rule.scope] = builder.subjects(rule.scope)
        for whole in subjects[rule.scope]:
            for check in rule.checks:
                for subject in _occurrences(whole, check.at):
                    if not evaluate(check.when, subject):
                        continue
                    location: Location = (subject.locate(check.at) if check.at else None) or subject.location
                    if not location.file.source.reported:
                        continue
                    planned = plan_finding_fix(check.fix or rule.fix, subject, location, evaluate, redact, view)
                    findings.append(
                        Finding(
                            code=rule.code,
                            name=rule.name,
                            severity=check.severity or rule.severity,
                            path=location.file.path,
                            line=location.line,
                            column=location.column,
                            end_line=location.end_line,
                            end_column=location.end_column,
                            message=redact(render(check.message, subject)),
                            profile=_redact_optional(redact, subject.profile),
                            section=_redact_optional(redact, location.section or subject.section),
                            key=_redact_optional(redact, subject.key or _key_of(check.at)),
                            tags=list(rule.tags),
                            fix=None if planned is None else planned.describe(),
                            planned=planned,
                        )
                    )
    return findings


def _occurrences(subject: Subject, at: Optional[str]) -> Sequence[Subject]:
    """The subject, or one copy per occurrence of a location that occurs several times."""
    return (subject.variants.get(at) or (subject,)) if at else (subject,)


def plan_finding_fix(spec: Any, subject: Subject, location: Location, evaluate: Evaluator, redact: Redactor, view: View) -> Any:
    """The rule's fix made concrete for this finding (fixes.PlannedFix), or None."""
    if spec is None:
        return None
    from awslint.fixes import plan_fix

    return plan_fix(spec, subject, location, evaluate, redact, view)


def _redact_optional(redact: Redactor, text: Optional[str]) -> Optional[str]:
    return None if text is None else redact(text)


def _key_of(at: Optional[str]) -> Optional[str]:
    """The key a profile-scope location names (``key:login_session@config`` → login_session)."""
    if at is None or ":" not in at:
        return None
    return at.split(":", 1)[1].split("@", 1)[0]


def env_secret_values(environ: Optional[Mapping[str, str]]) -> list[str]:
    """The secret values of the environment (keys, tokens), for the Redactor."""
    from awslint.resolve import ENV_SECRET_VARIABLES

    if environ is None:
        return []
    return [environ[name] for name in ENV_SECRET_VARIABLES if environ.get(name)]


def secret_values(view: View) -> list[str]:
    """Every credential value written in the view's files (for the Redactor)."""
    values = []
    for parsed in view.files:
        for section in parsed.sections:
            for option in section.options:
                if option.name in CREDENTIAL_KEYS:
                    values.append(option.value)
    return values
