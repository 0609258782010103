"""Runs rules against one view: evaluates ``when`` trees on subjects, fills messages."""

from __future__ import annotations

import re
from typing import Any, Callable, Iterable, Mapping, Optional, Sequence

from awslint.errors import UsageError
from awslint.facts import FactBuilder, Location, Subject
from awslint.findings import CREDENTIAL_KEYS, Finding, Redactor, mask, mask_url_userinfo
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


Test = Callable[[Subject], bool]


def compile_condition(condition: Condition, data: dict[str, list[Any]]) -> Test:
    """The ``when`` tree as nested closures: what ``Evaluator`` does, decided once per rule.

    Operators, data lists (turned into sets) and fact names are resolved here instead of
    for every subject; the result must equal ``Evaluator(data)(condition, subject)``.
    """
    op = condition.op
    if op in ("all", "any", "not"):
        tests = [compile_condition(child, data) for child in condition.children]
        if op == "not":
            inner = tests[0]
            return lambda subject: not inner(subject)
        if op == "all":
            return lambda subject: all(test(subject) for test in tests)
        return lambda subject: any(test(subject) for test in tests)
    name = condition.name
    value: Callable[[Subject], Any]
    if condition.subject == "fact":
        value = lambda subject: subject.facts.get(name)  # noqa: E731
    else:

        def value(subject: Subject) -> Any:
            setting = subject.keys(name)
            return None if setting is None else setting.text

    arg = condition.argument
    if op in ("present", "absent"):
        want = bool(arg) if op == "present" else not arg
        return lambda subject: (value(subject) is not None) == want
    if op in ("equals", "not_equals"):
        negate = op == "not_equals"
        return lambda subject: _same(value(subject), arg) != negate
    if op in ("in", "not_in"):
        member = _membership(data.get(condition.data, []) if condition.data else arg)
        negate = op == "not_in"
        return lambda subject: member(value(subject)) != negate
    if op == "contains":
        text = _as_text(arg)

        def contains(subject: Subject) -> bool:
            found = value(subject)
            if isinstance(found, (list, tuple)):
                return any(_same(item, arg) for item in found)
            return isinstance(found, str) and text in found

        return contains
    if op in ("matches", "not_matches"):
        assert condition.pattern is not None
        search = condition.pattern.search
        negate = op == "not_matches"

        def matches(subject: Subject) -> bool:
            found = value(subject)
            return (found is not None and search(_as_text(found)) is not None) != negate

        return matches
    compare = {
        "lt": lambda n: n < arg, "le": lambda n: n <= arg, "gt": lambda n: n > arg, "ge": lambda n: n >= arg,
    }[op]

    def number_test(subject: Subject) -> bool:
        number = _number(value(subject))
        return number is not None and compare(number)

    return number_test


def _membership(items: Any) -> Callable[[Any], bool]:
    """``any(_same(value, item) for item in items)`` with a set for the (usual) string case."""
    items = list(items or [])
    texts: set[str] = set()
    others: list[Any] = []
    for item in items:
        if isinstance(item, str):
            texts.add(item)
        else:
            others.append(item)
            if item is not None:
                texts.add(_as_text(item))  # `_same` lets "3" match 3 and "true" match True

    def member(value: Any) -> bool:
        if value is None:
            return False
        if isinstance(value, str):
            return value in texts
        return any(value == item for item in others)

    return member


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
        value = subject.facts.get(name)
        # Any URL fact (sts_endpoint, endpoint_url, ...) loses its userinfo password here.
        return mask_url_userinfo(value) if isinstance(value, str) and "://" in value else value

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

    ``environ`` is the process environment when it is taken into account (``--env``).
    Scope by scope, so only one scope's subjects are alive at a time; within a scope each rule
    visits only the subjects its guard admits (see ``_SubjectIndex``), in subject order.
    """
    builder = FactBuilder(view, ruleset.data, environ)
    evaluate = Evaluator(ruleset.data)  # for fixes' own conditions (fixes.plan_fix)
    redact = Redactor(secret_values(view) + env_secret_values(environ))
    findings: list[Finding] = []
    by_scope: dict[str, list[Rule]] = {}
    for rule in rules:
        by_scope.setdefault(rule.scope, []).append(rule)
    for scope, scope_rules in by_scope.items():
        subjects = builder.subjects(scope)
        index = _SubjectIndex(subjects, [check.when for rule in scope_rules for check in rule.checks], ruleset.data)
        for rule in scope_rules:
            tests = [(check, compile_condition(check.when, ruleset.data)) for check in rule.checks]
            for subject in index.candidates([check.when for check in rule.checks], ruleset.data):
                for check, test in tests:
                    for occurrence in _occurrences(subject, check.at):
                        if test(occurrence):
                            _report(findings, rule, check, occurrence, redact, evaluate, view)
    return findings


def _occurrences(subject: Subject, at: Optional[str]) -> Sequence[Subject]:
    """The subject, or one copy per occurrence of a location that occurs several times (each
    swallowed line of an option: ``Subject.variants``)."""
    return (subject.variants.get(at) or (subject,)) if at else (subject,)


def _report(
    findings: list[Finding], rule: Rule, check: Any, subject: Subject, redact: Redactor, evaluate: Evaluator, view: View
) -> None:
    location: Location = (subject.locate(check.at) if check.at else None) or subject.location
    if not location.file.source.reported:
        return
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


_PRESENT = object()  # guard: the fact or key has a value


class _SubjectIndex:
    """Which subjects a ``when`` tree can possibly match, from one necessary condition.

    A top-level ``equals``/``in``/``present: true`` test (alone or inside a top-level ``all``)
    must hold for the tree to hold, so only subjects whose value is among the admitted values
    need evaluating. Values are grouped once per fact or key name; the exact test still runs on
    every candidate, so the index only skips work, never decides. Rules whose trees have no
    such test visit every subject.
    """

    def __init__(self, subjects: list[Subject], conditions: list[Condition], data: dict[str, list[Any]]) -> None:
        self.subjects = subjects
        self._groups: dict[tuple[str, str], tuple[dict[Any, list[int]], list[int]]] = {}
        # Grouping costs one pass over the subjects, about what evaluating one tree on all of
        # them costs: worth it only for a guard that several trees share (such as `name`).
        uses: dict[tuple[str, str], int] = {}
        for condition in conditions:
            guard = _guard(condition, data)
            if guard is not None:
                slot = (guard[0].subject, guard[0].name)
                uses[slot] = uses.get(slot, 0) + 1
        self._shared = {slot for slot, count in uses.items() if count >= 2}
        # A subject with variants is judged on each variant's facts: never skip it on its own.
        self._with_variants = [position for position, subject in enumerate(subjects) if subject.variants]

    def _group(self, kind: str, name: str) -> tuple[dict[Any, list[int]], list[int]]:
        slot = (kind, name)
        if slot not in self._groups:
            by_value: dict[Any, list[int]] = {}
            present: list[int] = []
            for position, subject in enumerate(self.subjects):
                if kind == "fact":
                    value = subject.facts.get(name)
                else:
                    setting = subject.keys(name)
                    value = None if setting is None else setting.text
                if value is None:
                    continue
                present.append(position)
                try:
                    by_value.setdefault(value, []).append(position)
                except TypeError:  # a list fact: never equal to a scalar argument
                    pass
            self._groups[slot] = (by_value, present)
        return self._groups[slot]

    def _positions(self, condition: Condition, data: dict[str, list[Any]]) -> Optional[list[int]]:
        """Sorted positions of the subjects that can match, or None for "all of them"."""
        guard = _guard(condition, data)
        if guard is None or (guard[0].subject, guard[0].name) not in self._shared:
            return None
        leaf, admitted = guard
        by_value, present = self._group(leaf.subject, leaf.name)
        if admitted is _PRESENT:
            return present
        return sorted({p for value in admitted for p in by_value.get(value, ())})

    def candidates(self, conditions: list[Condition], data: dict[str, list[Any]]) -> Iterable[Subject]:
        merged: set[int] = set()
        for condition in conditions:
            positions = self._positions(condition, data)
            if positions is None:
                return self.subjects
            merged.update(positions)
        merged.update(self._with_variants)
        return [self.subjects[p] for p in sorted(merged)]


def _guard(condition: Condition, data: dict[str, list[Any]]) -> Optional[tuple[Condition, Any]]:
    """The leaf whose test every match must pass, and the values it admits (or None).

    A value test (usually narrow, such as a key name) is preferred to a presence test."""
    leaves = [(leaf, _admitted(leaf, data)) for leaf in (condition.children if condition.op == "all" else [condition])]
    guard = next((pair for pair in leaves if pair[1] is not None and pair[1] is not _PRESENT), None)
    return guard or next((pair for pair in leaves if pair[1] is _PRESENT), None)


def _admitted(leaf: Condition, data: dict[str, list[Any]]) -> Any:
    """The values that can satisfy ``leaf`` (``_PRESENT`` for any value), or None if unknown."""
    if leaf.op == "present" and leaf.argument is True:
        return _PRESENT
    if leaf.op == "equals":
        if leaf.argument is None:
            return None  # equals null matches absent values
        items = [leaf.argument]
    elif leaf.op == "in":
        items = [item for item in (data.get(leaf.data, []) if leaf.data else leaf.argument or []) if item is not None]
    else:
        return None
    values: set[Any] = set()
    for item in items:
        if not isinstance(item, (str, int, float, bool)):
            return None
        values.add(item)
        if not isinstance(item, str):
            values.add(_as_text(item))  # `_same` lets "3" match 3 and "true" match True
    return values


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
    if environ is None:
        return []
    from awslint.resolve import ENV_SECRET_VARIABLES

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
