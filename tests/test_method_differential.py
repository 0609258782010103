"""Differential test: awslint's ``method`` fact against botocore's credential chain, offline.

Each layout below is written to ``tmp_path``. For every profile botocore lists in
``Session().available_profiles``:

* botocore: ``botocore.session.Session(profile=NAME).get_credentials()`` in an isolated
  environment (no AWS env vars, IMDS disabled, ``HOME`` = ``tmp_path``, sockets refused).
  Assume-role, web identity and SSO return deferred credentials, so no STS/SSO call is made;
  ``credential_process`` runs a local fake script.
* awslint: ``FactBuilder(load_view(...), data).profile_facts(block)``.

Comparison (botocore ``credentials.py``: ``create_credential_resolver`` and its providers):

* botocore succeeds → awslint's ``method`` equals ``credentials.method`` (None if no credentials);
* ``InfiniteLoopConfigError`` → awslint's ``chain_error`` starts with ``loop``;
* ``InvalidConfigError`` for a missing ``source_profile`` → ``chain_error`` mentions
  ``does not exist``;
* any botocore error → awslint's ``method`` is the provider botocore *selected* before failing
  (the first provider of its chain whose ``load()`` returned credentials or raised). awslint
  does not predict validation errors, it reports which provider botocore will use; e.g.
  ``credential_source = Environment`` without env keys is ``assume-role`` (C19c).

A second test pins botocore's own outcome per profile to the layout's ``expect`` table, so a
layout that stops exercising what its note says is noticed (that failure is about the corpus or
botocore, not awslint).
"""

from __future__ import annotations

import re

import botocore.credentials
import botocore.exceptions
import botocore.session
import pytest
from awslint.facts.builder import FactBuilder
from awslint.aws.model import load_view
from awslint.engine.ruleset import RuleSet

from support.credential_layouts import (
    AR, CFG, ENV, KEYS, LAYOUTS, LOGIN, PROC, SCF, SSO, WI, Env, Layout, botocore_outcome, botocore_profiles,
    disagreement, ids, write_layout,
)


@pytest.mark.parametrize("layout", LAYOUTS, ids=ids(LAYOUTS))
def test_awslint_method_matches_botocore(layout: Layout, env: Env, ruleset: RuleSet) -> None:
    """For every profile botocore lists, awslint's method/chain_error agree with botocore."""
    config, credentials = write_layout(layout, env)
    profiles = botocore_profiles()
    view = load_view(config, credentials)
    assert view.botocore_error is None, f"[{layout.id}] awslint predicts {view.botocore_error}"
    assert sorted(view.profiles) == sorted(profiles), f"[{layout.id}] profile names differ"
    builder = FactBuilder(view, ruleset.data)
    problems = []
    for profile in profiles:
        outcome = botocore_outcome(profile)
        problem = disagreement(profile, outcome, builder.profile_facts(view.profiles[profile]))
        if problem is not None:
            problems.append(problem)
    if problems:
        pytest.fail(f"[{layout.id}] {layout.note}\n" + "\n".join(problems), pytrace=False)


@pytest.mark.parametrize("layout", LAYOUTS, ids=ids(LAYOUTS))
def test_botocore_matches_expectation(layout: Layout, env: Env) -> None:
    """botocore itself gives the outcome the layout documents (its note), with deferral."""
    write_layout(layout, env)
    profiles = botocore_profiles()
    assert sorted(profiles) == sorted(layout.expect), f"[{layout.id}] botocore lists {profiles}"
    actual = {profile: botocore_outcome(profile) for profile in profiles}
    labels = {profile: outcome.label for profile, outcome in actual.items()}
    assert labels == layout.expect, f"[{layout.id}] {layout.note}: {actual}"
    for profile, outcome in actual.items():
        if outcome.method in (AR, WI, SSO):
            # Deferred: nothing was fetched; the STS/SSO call would happen on first use.
            assert outcome.credentials_type == "DeferredRefreshableCredentials", (profile, outcome)
    assert not env.guard.attempts


def test_layouts_are_well_formed() -> None:
    """At least 30 layouts with unique kebab-case ids; every expectation uses a known notation."""
    names = ids(LAYOUTS)
    assert len(names) >= 30
    assert len(set(names)) == len(names)
    known = {ENV, AR, WI, SSO, SCF, LOGIN, PROC, CFG, None}
    for layout in LAYOUTS:
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", layout.id), layout.id
        assert layout.expect, layout.id
        for value in layout.expect.values():
            assert value in known or (value or "").startswith("!"), (layout.id, value)


def test_socket_guard_catches_a_real_sts_call(env: Env) -> None:
    """The guard is effective: using deferred assume-role credentials does try to reach STS."""
    env.monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")
    layout = next(layout for layout in LAYOUTS if layout.id == "c03-role-beats-keys-source-in-config")
    write_layout(layout, env)
    credentials = botocore.session.Session(profile="app").get_credentials()
    assert credentials is not None and credentials.method == AR
    assert not env.guard.attempts, "get_credentials() must not touch the network"
    with pytest.raises(Exception):  # noqa: B017 - whatever botocore wraps the refused socket in
        credentials.get_frozen_credentials()
    assert env.guard.attempts, "the STS call should have been stopped by the socket guard"
    env.guard.attempts.clear()


def test_unparsable_layout_is_a_config_parse_error(env: Env) -> None:
    """A duplicate section: botocore raises ConfigParseError, awslint says so in botocore_error."""
    layout = Layout(
        "duplicate-section", "P01: the same section twice in one file",
        f"[profile a]\n{KEYS}[profile a]\nregion = us-east-1\n",
        None,
        {},
    )
    config, credentials = write_layout(layout, env)
    with pytest.raises(botocore.exceptions.ConfigParseError):
        _ = botocore.session.Session().available_profiles
    with pytest.raises(botocore.exceptions.ConfigParseError):
        botocore.session.Session(profile="a").get_credentials()
    assert load_view(config, credentials).botocore_error == "ConfigParseError"
