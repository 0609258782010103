"""Runs rules against one view: evaluates ``when`` trees on subjects, fills messages."""

from __future__ import annotations

from collections import Counter
from itertools import repeat
from typing import Any, Callable, Iterable, Mapping, Optional, Sequence

from awslint.distance import suggest
from awslint.errors import UsageError
from awslint.facts.catalog import MEMBER_FACTS
from awslint.facts.builder import OptionGroup, builder_for
from awslint.facts.subjects import Location, Subject
from awslint.findings import Finding
from awslint.redaction import Redactor, is_secret_key, looks_like_credential
from awslint.aws.model import View
from awslint.engine.render import render_message
from awslint.engine.ruleset import Condition, Rule, RuleSet


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
        _refuse_secret_value_test(condition)
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
            return isinstance(value, str) and _readable(value) is not None and _as_text(arg) in value
        if op in ("matches", "not_matches"):
            assert condition.pattern is not None
            text = None if value is None else _readable(_as_text(value))
            found = text is not None and condition.pattern.search(text) is not None
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
    _refuse_secret_value_test(condition)
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
            return isinstance(found, str) and text in found and _readable(found) is not None

        return contains
    if op in ("matches", "not_matches"):
        assert condition.pattern is not None
        search = condition.pattern.search
        negate = op == "not_matches"

        def matches(subject: Subject) -> bool:
            found = value(subject)
            text = None if found is None else _readable(_as_text(found))
            return (text is not None and search(text) is not None) != negate

        return matches
    compare = {
        "lt": lambda n: n < arg, "le": lambda n: n <= arg, "gt": lambda n: n > arg, "ge": lambda n: n >= arg,
    }[op]

    def number_test(subject: Subject) -> bool:
        number = _number(value(subject))
        return number is not None and compare(number)

    return number_test


def _readable(text: str) -> Optional[str]:
    """``text``, or None when it is shaped like key material: a pattern or substring test could
    read such a value out piece by piece (a secret pasted under ``region`` or into a profile
    name), so to ``matches``, ``not_matches`` and ``contains`` it is a missing value."""
    return None if looks_like_credential(text) else text


def _refuse_secret_value_test(condition: Condition) -> None:
    """The engine's own guard of the secret boundary, behind the rule loader's: a condition
    built some other way (a cached or programmatic rule) still cannot read a secret key's value."""
    if condition.subject == "key" and condition.op not in ("present", "absent") and is_secret_key(condition.name):
        raise UsageError(f"'{condition.op}' may not test the value of '{condition.name}': it holds a secret")


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
    Scope by scope (profiles a batch at a time), so only one scope's subjects are alive at a
    time; within a scope each rule visits only the subjects its narrowest necessary test admits
    (see ``_SubjectIndex``), in subject order, and options once per group of equal facts.
    """
    builder = builder_for(view, ruleset.data, environ)
    evaluate = Evaluator(ruleset.data)  # for fixes' own conditions (fixes.plan_fix)
    redact = Redactor(secret_values(view) + env_secret_values(environ))
    findings: list[Finding] = []
    by_scope: dict[str, list[Rule]] = {}
    for rule in rules:
        by_scope.setdefault(rule.scope, []).append(rule)
    for scope, rules_of_scope in by_scope.items():
        scope_rules = [
            (rule, [(check, compile_condition(check.when, ruleset.data), _reads_member_facts(check.when)) for check in rule.checks])
            for rule in rules_of_scope
        ]
        # Options come in groups of equal facts (a large config repeats the same key and value
        # in every profile): a check is evaluated once per group, then reported per member.
        if scope == "option":
            groups = builder.option_groups()
            _run_scope(findings, scope_rules, [group.subject for group in groups], groups, ruleset, view, redact, evaluate)
            continue
        # Profiles a batch at a time: each has ~60 facts, and a batch's are dropped once judged.
        chunks = builder.iter_subjects(scope) if scope == "profile" else iter((builder.subjects(scope),))
        for subjects in chunks:
            _run_scope(findings, scope_rules, subjects, None, ruleset, view, redact, evaluate)
    return findings


def _run_scope(
    findings: list[Finding],
    scope_rules: list[tuple[Rule, list[tuple[Any, Test, bool]]]],
    subjects: list[Subject],
    groups: Optional[list[OptionGroup]],
    ruleset: RuleSet,
    view: View,
    redact: Redactor,
    evaluate: Evaluator,
) -> None:
    """Every rule of one scope on ``subjects`` (``groups``: the option group of each subject).

    Each test comes with whether it reads a fact that differs between the members of a group."""
    index = _SubjectIndex(subjects, ruleset.data, grouped=groups is not None)
    for rule, tests in scope_rules:
        for position in index.candidates([check.when for check in rule.checks]):
            subject = subjects[position]
            if groups is None or groups[position].size == 1:
                for check, test, _ in tests:
                    for occurrence in _occurrences(subject, check.at):
                        if test(occurrence):
                            _report(findings, rule, check, occurrence, redact, evaluate, view)
                continue
            # Grouped options never have variants (those are multi-line, each its own group).
            passing = [(check, test, own) for check, test, own in tests if own or test(subject)]
            for member in groups[position].members() if passing else ():
                for check, test, own in passing:
                    if not own or test(member):
                        _report(findings, rule, check, member, redact, evaluate, view)


def _reads_member_facts(condition: Condition) -> bool:
    """Whether a tree reads an option fact that differs between members of a group (``section``)."""
    if condition.op in ("all", "any", "not"):
        return any(_reads_member_facts(child) for child in condition.children)
    return condition.subject == "fact" and condition.name in MEMBER_FACTS


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
            message=redact(render_message(check.message, subject)),
            profile=_redact_optional(redact, subject.profile),
            section=_redact_optional(redact, location.section or subject.section),
            key=_redact_optional(redact, subject.key or _key_of(check.at)),
            tags=list(rule.tags),
            fix=None if planned is None else planned.describe(),
            planned=planned,
        )
    )


_PRESENT = object()  # guard: the fact or key has a value


def _value_of(kind: str, name: str) -> Callable[[Subject], Any]:
    if kind == "fact":
        return lambda subject: subject.facts.get(name)

    def key_value(subject: Subject) -> Any:
        setting = subject.keys(name)
        return None if setting is None else setting.text

    return key_value


class _SubjectIndex:
    """Which subjects a ``when`` tree can possibly match, from its necessary conditions.

    Every leaf of a top-level ``all`` (or a lone leaf) must hold for the tree to hold, so only
    the subjects passing one such leaf need the whole tree. For each check the narrowest leaf is
    used: ``equals``/``in``/``present`` leaves from values grouped once per fact or key name
    (shared by every rule), any other leaf from one pass of that leaf alone. The exact test
    still runs on every candidate, so the index only skips work, never decides.
    """

    def __init__(self, subjects: list[Subject], data: dict[str, list[Any]], grouped: bool = False) -> None:
        self.subjects = subjects
        self.data = data
        self.grouped = grouped  # each subject stands for an OptionGroup
        self._columns: dict[tuple[str, str], list[Any]] = {}
        self._facts: Optional[list[dict[str, Any]]] = None
        self._counts: dict[tuple[str, str], Counter[Any]] = {}
        self._passes: dict[tuple[Any, ...], list[int]] = {}
        # A subject with variants is judged on each variant's facts: never skip it on its own.
        self._with_variants = [position for position, subject in enumerate(subjects) if subject.variants]
        self._small = max(8, len(subjects) // 16)  # a leaf admitting this few is narrow enough

    def _column(self, kind: str, name: str) -> list[Any]:
        """Every subject's value of one fact or key, in subject order (read once per name)."""
        slot = (kind, name)
        values = self._columns.get(slot)
        if values is None:
            if kind == "fact":
                if self._facts is None:
                    self._facts = [subject.facts for subject in self.subjects]
                values = list(map(dict.get, self._facts, repeat(name)))  # C loop: no frame per subject
            else:
                value_of = _value_of(kind, name)
                values = [value_of(subject) for subject in self.subjects]
            self._columns[slot] = values
        return values

    def _grouped(self, leaf: Condition, admitted: Any) -> tuple[int, Callable[[], list[int]]]:
        """How many subjects an equals/in/present leaf admits, and how to list them."""
        values = self._column(leaf.subject, leaf.name)
        slot = (leaf.subject, leaf.name)
        counts = self._counts.get(slot)
        if counts is None:
            try:
                counts = Counter(values)
            except TypeError:  # list facts: count the hashable values only
                counts = Counter(v for v in values if v is None or not isinstance(v, (list, tuple, dict, set)))
            self._counts[slot] = counts
        if admitted is _PRESENT:
            return len(values) - counts.get(None, 0), lambda: [p for p, v in enumerate(values) if v is not None]
        wanted = {value for value in admitted if value in counts}

        def positions() -> list[int]:
            found = []
            for position, value in enumerate(values):
                if value is not None:
                    try:
                        if value in wanted:
                            found.append(position)
                    except TypeError:  # a list fact: never equal to a scalar argument
                        pass
            return found

        count = sum(counts[value] for value in wanted)
        return count, (positions if count else list)

    def _passing(self, leaf: Condition) -> list[int]:
        """Positions of the subjects that pass ``leaf`` alone (one pass, cached per leaf)."""
        slot = (leaf.subject, leaf.name, leaf.op, repr(leaf.argument), leaf.data)
        found = self._passes.get(slot)
        if found is None:
            test = compile_condition(leaf, self.data)
            subjects = self.subjects
            if leaf.op == "contains" and _as_text(leaf.argument):  # only a non-empty list or text can hold it
                values = self._column(leaf.subject, leaf.name)
                found = [p for p, v in enumerate(values) if v and test(subjects[p])]
            else:
                found = [p for p, subject in enumerate(subjects) if test(subject)]
            self._passes[slot] = found
        return found

    def _positions(self, condition: Condition) -> Optional[list[int]]:
        """Sorted positions of the subjects that can match, or None for "all of them"."""
        # A leaf on a member fact says nothing about a group from its first member alone.
        leaves = [leaf for leaf in _necessary_leaves(condition) if not _reads_member_facts(leaf) or not self.grouped]
        best: Optional[tuple[int, Callable[[], list[int]]]] = None
        others = []
        for leaf in leaves:
            admitted = _admitted(leaf, self.data)
            if admitted is None:
                others.append(leaf)
                continue
            sized = self._grouped(leaf, admitted)
            if best is None or sized[0] < best[0]:
                best = sized
            if best[0] <= self._small:
                return best[1]()
        for leaf in others:
            positions = self._passing(leaf)
            if best is None or len(positions) < best[0]:
                best = (len(positions), lambda positions=positions: positions)
            if best[0] <= self._small:
                break
        return None if best is None else best[1]()

    def candidates(self, conditions: list[Condition]) -> Iterable[int]:
        """Positions (in subject order) of the subjects any of ``conditions`` can match."""
        merged: set[int] = set()
        for condition in conditions:
            positions = self._positions(condition)
            if positions is None:
                return range(len(self.subjects))
            merged.update(positions)
        merged.update(self._with_variants)
        return sorted(merged)


def _necessary_leaves(condition: Condition) -> list[Condition]:
    """The leaves every match must pass: a lone leaf, or the leaves of (nested) top-level ``all``."""
    if condition.op == "all":
        return [leaf for child in condition.children for leaf in _necessary_leaves(child)]
    if condition.op in ("any", "not"):
        return []
    return [condition]


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
    from awslint.fix.plan import plan_fix

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
    from awslint.aws.resolve import ENV_SECRET_VARIABLES

    return [environ[name] for name in ENV_SECRET_VARIABLES if environ.get(name)]


def secret_values(view: View) -> list[str]:
    """Every credential value written in the view's files (for the Redactor)."""
    values = []
    for parsed in view.files:
        for section in parsed.sections:
            for option in section.options:
                if is_secret_key(option.name):
                    values.append(option.value)
    return values
