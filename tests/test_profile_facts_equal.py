"""Section and profile facts equal the golden ones computed before they were optimised.

The golden file (``tests/data/facts_golden.json.gz``, built by ``tests/support/facts_golden.py``
from the code at commit dab4716) holds 1,100+ layouts with their texts and every section and
profile subject's facts and location. A faster fact builder must reproduce them exactly: fact names,
values, types, subject order and locations (the order of the fact names, a dict's key order, is not
compared).
"""

from __future__ import annotations

import gzip
import json
from typing import Any

import awslint.facts.credentials as credentials_facts
import pytest
from support.facts_golden import GOLDEN, NOW, compute

REGENERATE = "if the change is intended, regenerate with `python tests/support/facts_golden.py`"


@pytest.fixture(scope="module")
def golden() -> dict[str, Any]:
    return json.loads(gzip.decompress(GOLDEN.read_bytes()))


def _differences(case_id: str, expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    problems = []
    for scope in ("section", "profile"):
        want, got = expected[scope], actual[scope]
        if [s["where"] for s in want] != [s["where"] for s in got]:
            problems.append(f"{case_id}: {scope} subjects differ: {[s['where'] for s in want]} != {[s['where'] for s in got]}")
            continue
        for w, g in zip(want, got):
            label = f"{case_id}: {scope} {w['where'][0]} [{w['where'][7]}] (line {w['where'][1]})"
            # Fact names as a set: a dict's key order is not part of a subject's facts.
            missing, extra = sorted(set(w["facts"]) - set(g["facts"])), sorted(set(g["facts"]) - set(w["facts"]))
            if missing or extra:
                problems.append(f"{label}: fact names differ: missing {missing}, not in golden {extra}")
            for name in w["facts"]:
                if name in g["facts"] and w["facts"][name] != g["facts"][name]:
                    problems.append(f"{label}: fact {name!r} is {g['facts'][name]!r}, golden {w['facts'][name]!r}")
    return problems


def test_golden_covers_many_profiles(golden: dict[str, Any]) -> None:
    profiles = [s for case in golden.values() for s in case["profile"]]
    assert len(golden) > 1000 and len(profiles) > 3000
    # Every profile fact takes more than one value somewhere: the layouts exercise each of them.
    for name in profiles[0]["facts"]:
        values = {json.dumps(s["facts"][name]) for s in profiles}
        assert len(values) > 1, f"profile fact {name!r} is always {values}"


@pytest.mark.parametrize("order", [("section", "profile"), ("profile", "section")])
def test_section_and_profile_facts_equal_golden(golden: dict[str, Any], ruleset, monkeypatch, order) -> None:
    """Both scope orders: neither scope may depend on what the other computed (caches, memos)."""
    monkeypatch.setattr(credentials_facts, "utcnow", lambda: NOW)  # token_expired as when recorded
    problems: list[str] = []
    for case_id, case in golden.items():
        problems += _differences(case_id, case, compute(case["config"], case["credentials"], ruleset.data, order, case_id))
    assert not problems, f"{len(problems)} differences ({REGENERATE}):\n" + "\n".join(problems[:40])
