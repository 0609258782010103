"""Compiled ``when`` trees (``compile_condition``) decide exactly as the ``Evaluator`` does.

Checked on every check of every loaded rule (rules added later are covered automatically),
against the subjects of every rule example plus a few synthetic operator cases.
"""

from __future__ import annotations

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
from awslint.files.source import CONFIG, CREDENTIALS, source_from_text





@pytest.mark.parametrize("rule", RULESET.rules, ids=[r.code for r in RULESET.rules])
def test_compiled_checks_equal_the_evaluator_on_every_example(rule: Any) -> None:
    evaluate = Evaluator(RULESET.data)
    compared = 0
    for view, environ in example_views(RULESET):
        subjects = FactBuilder(view, RULESET.data, environ).subjects(rule.scope)
        for check in rule.checks:
            test = compile_condition(check.when, RULESET.data)
            for subject in subjects:
                assert test(subject) == evaluate(check.when, subject), (rule.code, subject.facts)
                compared += 1
    if compared == 0:
        # e.g. the suppression scope, whose subjects come from the suppression pass, not FactBuilder
        pytest.skip(f"no {rule.scope} subjects from FactBuilder in any example")


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
    from awslint.engine.run import run_rules

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
