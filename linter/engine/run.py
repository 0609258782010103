"""Runs rules against one view: compiles their conditions, visits the subjects each can match,
and reports findings (message filled, fix planned)."""

from __future__ import annotations

from typing import Any, Callable, Mapping, Optional, Sequence

from awslint.facts.builder import OptionGroup, builder_for
from awslint.facts.subjects import Location, Subject
from awslint.findings import Finding
from awslint.redaction import Redactor
from awslint.aws.model import View
from awslint.engine.conditions import Compiled, Test, compile_condition
from awslint.engine.render import render_message
from awslint.engine.fixspec import FixSpec
from awslint.engine.index import SubjectIndex
from awslint.engine.ruleset import Check, Rule, RuleSet
from awslint.engine.secrets import env_secret_values, secret_values

#: Makes a rule's fix concrete for one finding whose fix ``when`` held (fix.plan.plan_fix):
#: (spec, subject, location, redact, view) -> PlannedFix or None. Passed in, so that the
#: engine never imports the fix planner.
Planner = Callable[[FixSpec, Subject, Location, Redactor, View], Any]


class _Fix:
    """A check's fix (its own, else the rule's) with its compiled ``when``."""

    __slots__ = ("spec", "when")

    def __init__(self, spec: FixSpec, data: dict[str, list[Any]]) -> None:
        self.spec = spec
        self.when: Optional[Test] = None if spec.when is None else compile_condition(spec.when, data).test


# (check, its compiled test, whether it reads member facts, its fix or None)
_CheckTests = list[tuple[Check, Test, bool, Optional[_Fix]]]


def run_rules(
    ruleset: RuleSet,
    rules: list[Rule],
    view: View,
    environ: Optional[Mapping[str, str]] = None,
    plan: Optional[Planner] = None,
    subjects: Optional[Mapping[str, list[Subject]]] = None,
) -> list[Finding]:
    """Every finding of ``rules`` on ``view`` whose location is in a reported file.

    ``environ`` is the process environment when it is taken into account (``--env``); ``plan``
    plans fixes (None: findings carry none); ``subjects`` gives the subjects of scopes that a
    later stage builds (``suppression``), instead of the fact builder's.
    Scope by scope (profiles a batch at a time), so only one scope's subjects are alive at a
    time; within a scope each rule visits only the subjects its narrowest necessary test admits
    (see ``SubjectIndex``), in subject order, and options once per group of equal facts.
    """
    builder = builder_for(view, ruleset.data, environ)
    redact = Redactor(secret_values(view) + env_secret_values(environ))
    findings: list[Finding] = []
    by_scope: dict[str, list[Rule]] = {}
    for rule in rules:
        by_scope.setdefault(rule.scope, []).append(rule)
    report = _Reporter(findings, redact, view, plan)
    for scope, rules_of_scope in by_scope.items():
        scope_rules = [_compile_rule(rule, ruleset.data) for rule in rules_of_scope]
        if subjects is not None and scope in subjects:
            _run_scope(report, scope_rules, subjects[scope], None)
            continue
        # Options come in groups of equal facts (a large config repeats the same key and value
        # in every profile): a check is evaluated once per group, then reported per member.
        if scope == "option":
            groups = builder.option_groups()
            _run_scope(report, scope_rules, [group.subject for group in groups], groups)
            continue
        # Profiles a batch at a time: each has ~60 facts, and a batch's are dropped once judged.
        chunks = builder.iter_subjects(scope) if scope == "profile" else iter((builder.subjects(scope),))
        for batch in chunks:
            _run_scope(report, scope_rules, batch, None)
    return findings


def _compile_rule(rule: Rule, data: dict[str, list[Any]]) -> tuple[Rule, list[Compiled], _CheckTests]:
    compiled = [compile_condition(check.when, data) for check in rule.checks]
    tests: _CheckTests = []
    for check, condition in zip(rule.checks, compiled):
        spec = check.fix or rule.fix
        tests.append((check, condition.test, condition.reads_member_facts, None if spec is None else _Fix(spec, data)))
    return rule, compiled, tests


def _run_scope(
    report: "_Reporter",
    scope_rules: list[tuple[Rule, list[Compiled], _CheckTests]],
    subjects: list[Subject],
    groups: Optional[list[OptionGroup]],
) -> None:
    """Every rule of one scope on ``subjects`` (``groups``: the option group of each subject).

    Each test comes with whether it reads a fact that differs between the members of a group."""
    index = SubjectIndex(subjects, grouped=groups is not None)
    for rule, compiled, tests in scope_rules:
        for position in index.candidates(compiled):
            subject = subjects[position]
            if groups is None or groups[position].size == 1:
                for check, test, _, fix in tests:
                    for occurrence in _occurrences(subject, check.at):
                        if test(occurrence):
                            report(rule, check, fix, occurrence)
                continue
            # Grouped options never have variants (those are multi-line, each its own group).
            passing = [(check, test, own, fix) for check, test, own, fix in tests if own or test(subject)]
            for member in groups[position].members() if passing else ():
                for check, test, own, fix in passing:
                    if not own or test(member):
                        report(rule, check, fix, member)


def _occurrences(subject: Subject, at: Optional[str]) -> Sequence[Subject]:
    """The subject, or one copy per occurrence of a location that occurs several times (each
    swallowed line of an option: ``Subject.variants``)."""
    return (subject.variants.get(at) or (subject,)) if at else (subject,)


class _Reporter:
    """Turns a passing check on a subject into a finding: located, redacted, fix planned."""

    def __init__(self, findings: list[Finding], redact: Redactor, view: View, plan: Optional[Planner]) -> None:
        self.findings = findings
        self.redact = redact
        self.view = view
        self.plan = plan

    def __call__(self, rule: Rule, check: Check, fix: Optional[_Fix], subject: Subject) -> None:
        location: Location = (subject.locate(check.at) if check.at else None) or subject.location
        if not location.file.source.reported:
            return
        redact = self.redact
        planned = None
        if fix is not None and self.plan is not None and (fix.when is None or fix.when(subject)):
            planned = self.plan(fix.spec, subject, location, redact, self.view)
        self.findings.append(
            Finding(
                code=rule.code,
                name=rule.name,
                severity=check.severity or rule.severity,
                path=location.file.path,
                line=location.line,
                column=location.column,
                end_line=location.end_line,
                end_column=location.end_column,
                message=redact(render_message(check.message, subject, redact)),
                profile=_redact_optional(redact, subject.profile),
                section=_redact_optional(redact, location.section or subject.section),
                key=_redact_optional(redact, subject.key or _key_of(check.at)),
                tags=list(rule.tags),
                fix=None if planned is None else planned.describe(),
                planned=planned,
            )
        )


def _redact_optional(redact: Redactor, text: Optional[str]) -> Optional[str]:
    return None if text is None else redact(text)


def _key_of(at: Optional[str]) -> Optional[str]:
    """The key a profile-scope location names (``key:login_session@config`` → login_session)."""
    if at is None or ":" not in at:
        return None
    return at.split(":", 1)[1].split("@", 1)[0]
