"""Compiled ``when`` trees (``compile_condition``) decide exactly as the interpreted ``Evaluator`` does.

Checked on every check of every loaded rule (rules added later are covered automatically),
against the subjects of every rule example plus a few synthetic operator cases.
"""

from __future__ import annotations

import functools
from typing import Any

import pytest
from support.hardening import FUZZ
from hypothesis import given, settings
from hypothesis import strategies as st
from support.engine_reference import RULESET, example_views, reference_findings
from support.fuzz_strategies import aws_file
from support.condition_oracle import Evaluator
from awslint.engine.conditions import compile_condition
from awslint.facts.builder import FactBuilder
from awslint.facts.subjects import Location, Subject
from awslint.aws.model import build_view
from awslint.syntax.parse import parse
from awslint.engine.ruleset import Condition, RuleSet
from awslint.engine.run import run_rules
from awslint.report import suppressions
from awslint.files.source import CONFIG, CREDENTIALS, source_from_text





@functools.cache
def _suppression_subjects() -> list[list[Subject]]:
    """Each example's subjects of scope suppression, as a lint makes them: by the suppression
    scanner, once the other rules' findings are known."""
    plain = [rule for rule in RULESET.rules if rule.scope != "suppression"]
    result = []
    for view, environ in example_views(RULESET):
        findings = run_rules(RULESET, plain, view, environ)
        result.append(suppressions.apply(RULESET, RULESET.rules, view, findings, lambda extra, view=view, environ=environ: run_rules(RULESET, extra, view, environ)))
    return result


def _scope_subjects(scope: str) -> list[list[Subject]]:
    if scope == "suppression":
        return _suppression_subjects()
    return [FactBuilder(view, RULESET.data, environ).subjects(scope) for view, environ in example_views(RULESET)]


@pytest.mark.parametrize("rule", RULESET.rules, ids=[r.code for r in RULESET.rules])
def test_compiled_checks_and_fix_conditions_equal_the_evaluator_on_every_example(rule: Any) -> None:
    evaluate = Evaluator(RULESET.data)
    compared = 0
    for subjects in _scope_subjects(rule.scope):
        for check in rule.checks:
            fix = check.fix or rule.fix
            for when in [check.when] + ([fix.when] if fix is not None and fix.when is not None else []):
                test = compile_condition(when, RULESET.data)
                for subject in subjects:
                    assert test(subject) == evaluate(when, subject), (rule.code, subject.facts)
                    compared += 1
    assert compared, f"no {rule.scope} subjects in any example"


def _subject(facts: dict[str, Any]) -> Subject:
    return Subject("profile", facts, Location(None, 1, 1, 1, 1))  # type: ignore[arg-type]


LEAVES = [
    Condition("equals", subject="fact", name="x", argument=3),
    Condition("equals", subject="fact", name="x", argument=True),
    Condition("not_equals", subject="fact", name="x", argument="a"),
    Condition("in", subject="fact", name="x", argument=["a", 3, True, None]),
    Condition("not_in", subject="fact", name="x", argument=["a", 3]),
    Condition("in", subject="fact", name="x", data="d"),
    Condition("contains", subject="fact", name="x", argument="a"),
    Condition("present", subject="fact", name="x", argument=True),
    Condition("absent", subject="fact", name="x", argument=True),
    Condition("present", subject="fact", name="x", argument=False),
    Condition("lt", subject="fact", name="x", argument=3),
    Condition("ge", subject="fact", name="x", argument=3),
]
VALUES = [None, "a", "b", "3", 3, 3.0, True, False, "true", ["a", "b"], ("c",), "xa", "2", 2, "nan"]


@pytest.mark.parametrize("leaf", LEAVES, ids=[f"{c.op}-{c.argument or c.data}" for c in LEAVES])
def test_compiled_operators_equal_the_evaluator(leaf: Condition) -> None:
    data = {"d": ["a", 3, "b"]}
    evaluate = Evaluator(data)
    for tree in (leaf, Condition("not", [leaf]), Condition("all", [leaf, leaf]), Condition("any", [leaf])):
        test = compile_condition(tree, data)
        for value in VALUES:
            subject = _subject({"x": value})
            assert test(subject) == evaluate(tree, subject), (tree.op, leaf.op, value)




def _indexed_findings(ruleset: RuleSet, view: Any, environ: Any = None) -> list[tuple[Any, ...]]:
    return sorted((f.code, f.path, f.line, f.column) for f in run_rules(ruleset, ruleset.rules, view, environ))


@pytest.mark.slow
def test_indexed_run_finds_what_plain_evaluation_finds() -> None:
    """The subject index only skips subjects that cannot match: same findings, every example."""
    views = example_views(RULESET)
    assert views
    for view, environ in views:
        expected = [item[:4] for item in reference_findings(RULESET, view, environ)]
        assert _indexed_findings(RULESET, view, environ) == expected


@pytest.mark.slow
@settings(FUZZ, max_examples=40)
@given(config=aws_file(), credentials=st.none() | aws_file())
def test_indexed_run_equals_plain_evaluation_on_generated_files(config: bytes, credentials: Any) -> None:
    from awslint.files.source import decode

    files = [
        None if data is None else parse(source_from_text(decode(data)[0], role, role))
        for data, role in ((config, CONFIG), (credentials, CREDENTIALS))
    ]
    view = build_view(files[0], files[1])
    assert _indexed_findings(RULESET, view) == [item[:4] for item in reference_findings(RULESET, view)]
