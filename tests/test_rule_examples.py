"""Every rule's own YAML examples: each 'fail' example is reported, each 'pass' one is not."""

from __future__ import annotations

import pytest
from awslint.run.lint import lint_text
from awslint.engine.ruleset import Example, Rule, load_rules

RULES = load_rules().rules
CASES = [
    pytest.param(rule, kind, example, id=f"{rule.code}-{kind}-{index}")
    for rule in RULES
    for kind, examples in (("fail", rule.fail_examples), ("pass", rule.pass_examples))
    for index, example in enumerate(examples)
]


def test_every_rule_has_failing_and_passing_examples() -> None:
    for rule in RULES:
        assert rule.fail_examples, f"{rule.code} has no failing example"
        assert rule.pass_examples, f"{rule.code} has no passing example"
        assert rule.help.strip(), f"{rule.code} has no help text"


@pytest.mark.parametrize(("rule", "kind", "example"), CASES)
def test_rule_example(ruleset, rule: Rule, kind: str, example: Example) -> None:
    findings = lint_text(
        ruleset, [rule], config=example.config, credentials=example.credentials, files=example.files, environ=example.env
    )
    if kind == "pass":
        assert findings == [], f"{rule.code} pass example (line {example.line}) reported: {[f.message for f in findings]}"
    elif example.count is not None:
        assert len(findings) == example.count
    else:
        assert findings, f"{rule.code} fail example (line {example.line}) reported nothing"
