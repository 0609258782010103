"""The fact registry: every fact a subject carries is declared, every declared fact is computed,
and the declarations order and guard the providers."""

from __future__ import annotations

from typing import Any, Iterator

import pytest
from awslint.aws.model import build_view
from awslint.engine.ruleset import load_rules
from awslint.facts.builder import FactBuilder
from awslint.facts.catalog import FACTS
from awslint.facts.registry import Fact, providers, provides, withdraw
from awslint.files.source import CONFIG, source_from_text
from awslint.run.lint import lint_text, view_of_text
from awslint.syntax.parse import parse

RULESET = load_rules()
BUILT = ("file", "parse_issue", "section", "option", "profile", "environment")


def _example_facts() -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(example id, scope, facts) of every subject of every rule example."""
    for rule in RULESET.rules:
        for kind, examples in (("fail", rule.fail_examples), ("pass", rule.pass_examples)):
            for index, example in enumerate(examples):
                builder = FactBuilder(view_of_text(example.config, example.credentials, example.files), RULESET.data, example.env)
                where = f"{rule.code}-{kind}-{index}"
                for scope in BUILT:
                    for subject in builder.subjects(scope):
                        for variant in [subject, *(v for vs in subject.variants.values() for v in vs)]:
                            yield where, scope, variant.facts


@pytest.fixture(scope="module")
def carried() -> list[tuple[str, str, dict[str, Any]]]:
    return list(_example_facts())


def test_every_fact_a_subject_carries_is_declared(carried) -> None:
    for where, scope, facts in carried:
        assert set(facts) <= set(FACTS[scope]), (where, scope, sorted(set(facts) - set(FACTS[scope])))


def test_every_declared_fact_is_computed_on_the_rule_examples(carried) -> None:
    seen: dict[str, set[str]] = {scope: set() for scope in BUILT}
    for _, scope, facts in carried:
        seen[scope].update(facts)
    for scope in BUILT:
        assert seen[scope] == set(FACTS[scope]), (scope, sorted(set(FACTS[scope]) - seen[scope]))


def test_every_suppression_fact_is_declared_and_computed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The suppression subjects exist only inside a lint (after the other rules ran)."""
    from awslint.report import suppressions

    made: list[dict[str, Any]] = []
    compute = suppressions.suppression_facts

    def recording(*args: Any) -> dict[str, Any]:
        made.append(compute(*args))
        return made[-1]

    monkeypatch.setattr(suppressions, "suppression_facts", recording)
    for rule in RULESET.rules:
        if rule.scope == "suppression":
            for example in rule.fail_examples + rule.pass_examples:
                lint_text(RULESET, [rule], config=example.config, credentials=example.credentials)
    assert made
    assert set().union(*made) == set(FACTS["suppression"])
    assert all(set(facts) == set(FACTS["suppression"]) for facts in made)


def test_a_fact_declared_twice_in_a_scope_is_refused() -> None:
    with pytest.raises(ValueError, match="fact profile.region is declared twice"):
        provides("profile", Fact("region", "again", public=True))(lambda builder, block, facts: None)
    assert [f.name for p in providers("profile") for f in p.facts].count("region") == 1


def test_a_fact_is_public_shape_value_or_else_secret() -> None:
    assert [Fact("a", "", public=True).secrecy, Fact("a", "", shape=True).secrecy, Fact("a", "", value=True).secrecy] == [
        "public", "shape", "value",
    ]
    assert Fact("a", "").secrecy == "secret"
    with pytest.raises(ValueError):
        Fact("a", "", public=True, value=True)


def test_providers_run_after_the_providers_of_the_facts_they_need() -> None:
    def late(builder: Any, block: Any, facts: dict[str, Any]) -> None:
        facts["late_fact"] = facts["early_fact"] + 1

    def early(builder: Any, block: Any, facts: dict[str, Any]) -> None:
        facts["early_fact"] = 1

    provides("profile", Fact("late_fact", "reads early_fact", public=True), needs=("early_fact",))(late)
    provides("profile", Fact("early_fact", "one", public=True))(early)
    try:
        functions = [p.function for p in providers("profile")]
        assert functions.index(early) < functions.index(late)
        assert functions[0] is FactBuilder.profile_facts  # the subject's own facts first
        view = build_view(parse(source_from_text("[default]\nregion = eu-west-1\n", CONFIG, CONFIG)), None)
        facts = FactBuilder(view, RULESET.data).profile_facts(view.profiles["default"])
        assert (facts["early_fact"], facts["late_fact"], facts["region"]) == (1, 2, "eu-west-1")
    finally:
        withdraw(late)
        withdraw(early)
    assert "late_fact" not in FACTS["profile"]


def test_a_provider_needing_an_undeclared_fact_is_refused() -> None:
    def orphan(builder: Any, block: Any, facts: dict[str, Any]) -> None:
        facts["orphan_fact"] = facts["no_such_fact"]

    provides("profile", Fact("orphan_fact", "reads nothing declared", public=True), needs=("no_such_fact",))(orphan)
    try:
        with pytest.raises(ValueError, match="needs undeclared profile facts: no_such_fact"):
            providers("profile")
    finally:
        withdraw(orphan)


def test_fact_providers_keep_per_view_state_through_per_view_not_the_builder_s_fields() -> None:
    """A provider's cache lives in ``builder.per_view``; one kept in ``builder.__dict__`` or read
    from a private field of the builder is state nobody can see from the builder's class."""
    import ast
    from pathlib import Path

    import awslint.facts

    offenders = []
    for path in sorted(Path(awslint.facts.__file__).parent.glob("*.py")):
        if path.name == "builder.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "builder"
                and (node.attr == "__dict__" or node.attr.startswith("_"))
            ):
                offenders.append(f"{path.name}:{node.lineno}: builder.{node.attr}")
    assert offenders == []
