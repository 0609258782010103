"""The plain, unindexed rule evaluation the compiled and grouped engine must equal, and the views of
every rule example to compare them on."""

from __future__ import annotations

from typing import Any

from support.condition_oracle import Evaluator
from awslint.facts.builder import FactBuilder
from awslint.engine.ruleset import RuleSet, load_rules
from awslint.run.lint import view_of_text


RULESET = load_rules()


def example_views(ruleset: RuleSet) -> list[tuple[Any, Any]]:
    """(view, environment) for every rule example, built as ``lint_text`` builds them."""
    return [
        (view_of_text(example.config, example.credentials, example.files), example.env)
        for rule in ruleset.rules
        for example in rule.fail_examples + rule.pass_examples
    ]


def reference_findings(ruleset: RuleSet, view: Any, environ: Any = None) -> list[tuple[Any, ...]]:
    """The plain evaluation: every check of every rule on every subject, with the Evaluator."""
    builder = FactBuilder(view, ruleset.data, environ)
    evaluate = Evaluator(ruleset.data)
    found = []
    for rule in ruleset.rules:
        for subject in builder.subjects(rule.scope):
            for check in rule.checks:
                # A location that occurs several times (each swallowed line) is one subject each.
                for one in (subject.variants.get(check.at) or [subject]) if check.at else [subject]:
                    if evaluate(check.when, one):
                        location = (one.locate(check.at) if check.at else None) or one.location
                        if location.file.source.reported:
                            found.append((rule.code, location.file.path, location.line, location.column, check.message))
    return sorted(found)
