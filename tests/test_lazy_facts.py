"""Lazy facts (``linter/lazyfacts.py``) equal the eager ones on every rule example.

For each scope, the subjects are built twice: once eagerly (every provider run at construction,
``lazyfacts.EAGER``) and once lazily, reading every fact of ``FACTS[scope]`` one by one in an
order that differs per subject (reversed, then shuffled), so a provider that depends on another
or on read order shows up as a difference. Locations (``at:``) are compared too.
"""

from __future__ import annotations

import random
from typing import Any

import pytest
from test_engine_compiled import RULESET, _views

from awslint import lazyfacts
from awslint.facts import FACTS, SCOPES, FactBuilder
from awslint.lazyfacts import LazyFacts

VIEWS = _views(RULESET)
LOCATION_NAMES = sorted({c.at for r in RULESET.rules for c in r.checks if c.at})


def _build(scope: str, view: Any, environ: Any, eager: bool) -> list[Any]:
    old = lazyfacts.EAGER
    lazyfacts.EAGER = eager
    try:
        return FactBuilder(view, RULESET.data, environ).subjects(scope)
    finally:
        lazyfacts.EAGER = old


@pytest.mark.parametrize("scope", [s for s in SCOPES if s != "suppression"])
def test_lazy_facts_equal_eager_facts_on_every_example(scope: str) -> None:
    rng = random.Random(7)
    compared = 0
    for view, environ in VIEWS:
        eager = _build(scope, view, environ, eager=True)
        lazy = _build(scope, view, environ, eager=False)
        assert len(eager) == len(lazy)
        for number, (want, got) in enumerate(zip(eager, lazy)):
            names = list(FACTS[scope])
            if number % 2:
                rng.shuffle(names)
            else:
                names.reverse()
            for name in names:  # read one by one before anything computes them all
                assert got.facts.get(name) == want.facts.get(name), (scope, name)
            assert dict(got.facts) == dict(want.facts), scope  # every key, no extra or missing one
            for where in LOCATION_NAMES:
                assert got.locate(where) == want.locate(where), (scope, where)
            compared += 1
    if compared == 0:
        pytest.skip(f"no {scope} subjects in any example")


def test_a_provider_runs_only_when_one_of_its_facts_is_read() -> None:
    runs: list[str] = []

    def provider(name: str, values: dict[str, Any]) -> Any:
        def run() -> dict[str, Any]:
            runs.append(name)
            return values

        return run

    facts = LazyFacts({"a": 1}, [("test:b", provider("b", {"b": 2})), ("test:c", provider("c", {"c": 3, "a": 9}))])
    assert facts.get("a") == 1 and runs == []
    assert facts.get("b") == 2 and runs == ["b"]  # kinds not learnt yet run in order until one gives it
    assert facts.get("c") == 3 and runs == ["b", "c"]
    assert facts["a"] == 1  # a provider never overwrites a fact already set
    assert facts.get("zzz") is None and "zzz" not in facts
    again = LazyFacts({}, [("test:b", provider("b2", {"b": 5})), ("test:c", provider("c2", {"c": 6}))])
    assert again.get("c") == 6 and runs[-1] == "c2" and "b2" not in runs  # learnt: only c's provider runs
    assert dict(again) == {"b": 5, "c": 6}
