"""Every path a user's file drives stays linear in its size.

No timed assertions: each test counts the operations that used to blow up (edit distances,
chain hops, shlex calls), or checks a fast path against the slow exact one (hypothesis).
"""

from __future__ import annotations

import re
from typing import Optional

import pytest

from hypothesis import example, given, settings
from hypothesis import strategies as st

from awslint.aws.chains import CHAIN_CAP
from awslint.facts.builder import FactBuilder
from awslint.redaction import mask_url_userinfo
from awslint.run.lint import parse
from awslint.aws.model import assumes_role, has_static_keys
from support.chain_oracle import resolve_chain
from awslint.aws.model import build_view
from awslint.facts.references import References
from awslint.aws.settings_catalog import SettingsCatalog
from awslint.files.source import source_from_text
from support.fakes import KEY_ID, SECRET

KEYS = f"aws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n"


def _view(config: str, credentials: str = ""):
    return build_view(parse(source_from_text(config, "config")), parse(source_from_text(credentials, "credentials")))


# -- source_profile chains ---------------------------------------------------------------------

NAMES = ["a", "b", "c", "d", "e"]
profile_strategy = st.fixed_dictionaries({
    "role": st.booleans(),
    "web": st.integers(0, 5).map(lambda n: n == 0),
    "static": st.booleans(),
    "source": st.one_of(st.none(), st.sampled_from(NAMES + ["missing"])),
    "credential_source": st.integers(0, 3).map(lambda n: n == 0),
    "mfa": st.integers(0, 3).map(lambda n: n == 0),
    "legacy": st.integers(0, 3).map(lambda n: n == 0),
})


def _config(profiles: dict[str, dict]) -> str:
    out = []
    for name, p in profiles.items():
        out.append(f"[profile {name}]\n")
        if p["role"]:
            out.append(f"role_arn = arn:aws:iam::123456789012:role/{name}\n")
        if p["web"]:
            out.append("web_identity_token_file = /t\n")
        if p["static"]:
            out.append(KEYS)
        if p["source"] is not None:
            out.append(f"source_profile = {p['source']}\n")
        if p["credential_source"]:
            out.append("credential_source = Environment\n")
        if p["mfa"]:
            out.append("mfa_serial = arn:aws:iam::123456789012:mfa/u\n")
        if p["legacy"]:
            out.append("sts_regional_endpoints = legacy\n")
    return "".join(out)


@settings(max_examples=300, deadline=None)
@given(st.fixed_dictionaries({n: profile_strategy for n in NAMES}))
def test_chain_index_equals_resolve_chain(ruleset, profiles) -> None:
    """The all-at-once chain facts equal the per-profile walk (itself checked against botocore)."""
    view = _view(_config(profiles))
    builder = FactBuilder(view, ruleset.data)
    for name, block in view.profiles.items():
        chain = resolve_chain(view, block)
        facts = builder.profile_facts(block)
        assert facts["source_chain"] == chain.profiles
        assert facts["source_chain_text"] == " -> ".join([name] + chain.profiles)
        assert (facts["chain_end"], facts["chain_end_method"], facts["chain_error"]) == (chain.end, chain.end_method, chain.error)
        blocks = [block] + [view.profiles[n] for n in chain.profiles]
        # botocore uses the mfa_serial of every role it assumes: the profile's own and those of
        # sources that assume a role (no static keys); a source whose keys are used assumes nothing.
        assert facts["chain_mfa"] == ("mfa_serial" in block.settings or any(
            "mfa_serial" in b.settings and assumes_role(b) and not has_static_keys(b) for b in blocks[1:]))
        assert facts["chain_sts_legacy"] == any(b.value("sts_regional_endpoints") == "legacy" for b in blocks)


def _plain(**overrides) -> dict:
    return {"role": False, "web": False, "static": False, "source": None, "credential_source": False,
            "mfa": False, "legacy": False, **overrides}


KEYED_LOOP = {  # a -> b -> a, both with keys: every walk stops at the other's keys
    "a": _plain(role=True, static=True, source="b"), "b": _plain(role=True, static=True, source="a"),
    "c": _plain(), "d": _plain(), "e": _plain(),
}


@settings(max_examples=300, deadline=None)
@given(st.fixed_dictionaries({n: profile_strategy for n in NAMES}))
@example(KEYED_LOOP)
def test_reported_loops_are_the_loops_the_walk_fails_on(profiles) -> None:
    """AWS106's loops (chains.ChainGraph) against the per-profile walk: every profile whose own
    walk comes back to it is on a reported loop, and every reported loop fails for one of its
    profiles (a loop through two profiles with keys fails for none: no finding)."""
    view = _view(_config(profiles))
    loops = References(view, SettingsCatalog({})).cycles
    failing = set()
    for name, block in view.profiles.items():
        chain = resolve_chain(view, block)
        if chain.error is not None and chain.error.startswith("loop: ") and chain.profiles[-1] == name:
            failing.add(name)
    on_loops = [member for loop in loops.values() for member in loop]
    assert len(on_loops) == len(set(on_loops))  # each loop once
    assert failing <= set(on_loops)
    order = list(view.profiles)
    for first, loop in loops.items():
        assert loop[0] == first == min(loop, key=order.index)
        assert [view.profiles[m].value("source_profile") for m in loop] == loop[1:] + loop[:1]
        assert failing & set(loop)


def _deep_chain(depth: int, loop: bool = False) -> str:
    """p0 -> p1 -> ... -> p{depth}; the last has keys, or points back into the chain."""
    out = []
    for i in range(depth):
        out.append(f"[profile p{i}]\nrole_arn = arn:aws:iam::123456789012:role/r{i}\nsource_profile = p{i + 1}\n")
    if loop:
        out.append(f"[profile p{depth}]\nrole_arn = arn:aws:iam::123456789012:role/x\nsource_profile = p{depth // 2}\n")
    else:
        out.append(f"[profile p{depth}]\n{KEYS}")
    return "".join(out)


def _count_value_calls(monkeypatch) -> list[int]:
    """Counts Block.value calls: every chain hop reads source_profile through it."""
    from awslint.aws.model import Block

    calls = [0]
    original = Block.value

    def counting(self, key):
        calls[0] += 1
        return original(self, key)

    monkeypatch.setattr(Block, "value", counting)
    return calls


def _chain_work(ruleset, monkeypatch, depth: int, loop: bool) -> int:
    view = _view(_deep_chain(depth, loop))
    builder = FactBuilder(view, ruleset.data)
    calls = _count_value_calls(monkeypatch)
    facts = [builder.profile_facts(b) for b in view.profiles.values()]
    monkeypatch.undo()
    assert all(len(f["source_chain"]) <= CHAIN_CAP for f in facts)
    return calls[0]


def test_chain_facts_are_linear_in_depth(ruleset, monkeypatch) -> None:
    for loop in (False, True):
        small, large = (_chain_work(ruleset, monkeypatch, n, loop) for n in (200, 800))
        assert large <= 5 * small, (loop, small, large)  # quadratic would be 16x


def test_deep_chain_facts_are_capped_and_exact(ruleset) -> None:
    view = _view(_deep_chain(100))
    builder = FactBuilder(view, ruleset.data)
    top = builder.profile_facts(view.profiles["p0"])
    assert top["chain_end"] == "p100" and top["chain_error"] is None
    assert top["source_chain"] == [f"p{i}" for i in range(1, CHAIN_CAP + 1)]
    assert top["source_chain_text"].endswith(f"p{CHAIN_CAP - 2} -> … ({101 - CHAIN_CAP} more) -> p100")
    looped = _view(_deep_chain(100, loop=True))
    facts = FactBuilder(looped, ruleset.data).profile_facts(looped.profiles["p0"])
    assert facts["chain_error"].startswith("loop: p0 -> p1 -> ") and facts["chain_error"].endswith("more) -> p50")


# -- did-you-mean -------------------------------------------------------------------------------

word_strategy = st.text(alphabet="abcdeAB-_1", min_size=0, max_size=12)


@settings(max_examples=500, deadline=None)
@given(word_strategy, st.lists(word_strategy, max_size=25))
def test_name_index_equals_nearest(word, candidates) -> None:
    """The indexed lookup gives exactly the brute-force answer (while within budget)."""
    from awslint.distance import NameIndex, nearest

    index = NameIndex(candidates)
    assert index.nearest(word) == nearest(word, candidates)
    assert index.nearest(word) == nearest(word, candidates)  # memoised answer, same


def _count_distances(monkeypatch) -> list[int]:
    """Counts every edit-distance table computed, however it is reached."""
    from awslint import distance

    calls = [0]
    for name in ("edit_distance", "_bounded_distance"):
        original = getattr(distance, name)

        def counting(*args, _original=original):
            calls[0] += 1
            return _original(*args)

        monkeypatch.setattr(distance, name, counting)
    return calls


def _broken_references(count: int, far: bool) -> str:
    """``count`` role profiles whose source_profile names a missing profile.

    Near: each missing name is one edit from an existing one (the usual typo). Far: nothing is
    near, so every existing name of a compatible length has to be looked at.
    """
    out = []
    for i in range(count):
        target = f"zz{i * 7919 % 99991:05d}qq" if far else f"q{i:05d}"
        out.append(f"[profile p{i:05d}]\nrole_arn = arn:aws:iam::123456789012:role/r\nsource_profile = {target}\n"
                   f"sso_session = s{i:05d}x\nservices = v{i:05d}x\n[sso-session s{i:05d}]\nsso_region = us-east-1\n"
                   f"[services v{i:05d}]\n")
    return "".join(out)


def _suggestion_work(ruleset, monkeypatch, count: int, far: bool) -> tuple[int, int]:
    view = _view(_broken_references(count, far))
    builder = FactBuilder(view, ruleset.data)
    calls = _count_distances(monkeypatch)
    facts = [builder.profile_facts(b) for b in view.profiles.values()]
    monkeypatch.undo()
    return calls[0], sum(f["source_profile_suggestion"] is not None for f in facts)


def test_suggestions_for_many_broken_references_are_linear(ruleset, monkeypatch) -> None:
    small, hinted_small = _suggestion_work(ruleset, monkeypatch, 300, far=False)
    large, hinted_large = _suggestion_work(ruleset, monkeypatch, 1200, far=False)
    assert (hinted_small, hinted_large) == (300, 1200)  # every typo still gets its hint
    assert large <= 6 * small, (small, large)  # quadratic would be 16x


def test_far_broken_references_spend_a_bounded_budget(ruleset, monkeypatch) -> None:
    from awslint.distance import NameIndex

    view = _view(_broken_references(1500, far=True))
    builder = FactBuilder(view, ruleset.data)
    for block in view.profiles.values():
        builder.profile_facts(block)
    indexes = builder.references._name_indexes
    assert indexes and all(i.cells <= NameIndex.BUDGET + 10_000 for i in indexes.values())


def test_colliding_names_spend_a_bounded_budget() -> None:
    """Thousands of names one edit from the same word (any Unicode letter appended)."""
    from awslint.distance import NameIndex

    index = NameIndex([f"ab{chr(0x4E00 + i)}" for i in range(5000)], budget=50_000)
    for i in range(5000):
        index.nearest(f"ab{chr(0x9000 + i)}x")
    assert index.cells <= 50_000 + 100


# -- explain on deep chains ---------------------------------------------------------------------

def _outcome(result) -> tuple:
    hops = [(h.profile, h.method, h.key_id, h.credential_source) for h in result.chain]
    error = None if result.error is None else (result.error.kind, result.error.message)
    return result.method, error, hops, list(result.notes)


@settings(max_examples=300, deadline=None)
@given(st.fixed_dictionaries({n: profile_strategy for n in NAMES}))
def test_explain_reuses_tails_exactly(profiles) -> None:
    """Explaining every profile with one Resolver (tails shared) equals a fresh Resolver each."""
    from awslint.aws.resolve import Resolver

    view = _view(_config(profiles))
    shared = {r.profile: _outcome(r) for r in Resolver(view).explain()}
    for name in view.profiles:
        assert shared[name] == _outcome(Resolver(view).resolve(name)), name


def test_explain_deep_chain_is_iterative_and_linear(cli, tmp_path, monkeypatch) -> None:
    """1500 deep: no RecursionError; hops walked and output grow linearly with depth."""
    from support.fakes import write_layout

    from awslint.aws.resolve import Resolver

    walked = [0]
    original = Resolver._role_hop

    def counting(self, *args):
        walked[0] += 1
        return original(self, *args)

    monkeypatch.setattr(Resolver, "_role_hop", counting)
    sizes = {}
    for depth in (300, 1500):
        walked[0] = 0
        folder = write_layout(tmp_path / str(depth), config=_deep_chain(depth))
        text = cli("explain", str(folder))
        assert text.code == 0 and "internal error" not in text.err, text.err
        assert f"└─ … {depth - 21} more" in text.out and f"p{depth}: config-file" in text.out
        sizes[depth] = (walked[0], len(text.out))
        data = __import__("json").loads(cli("explain", "-f", "json", str(folder)).out)
        top = next(p for p in data["profiles"] if p["profile"] == "p0")
        assert top["chain_length"] == depth + 1 and len(top["chain"]) == 22 and top["chain"][-1]["profile"] == f"p{depth}"
    (walk_small, out_small), (walk_large, out_large) = sizes[300], sizes[1500]
    assert walk_large <= 6 * walk_small, sizes  # 5x the depth: 5x the hops (quadratic: 25x)
    assert out_large <= 6 * out_small, sizes  # quadratic would be 25x


# -- shlex ------------------------------------------------------------------------------------



@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(list("ab -'\"\\\t\n\r\u00a0$~/") + ["profile ", "sso-session "]), max_size=20).map("".join))
def test_shell_split_equals_shlex(text) -> None:
    """The linear split gives shlex.split's words, and fails exactly when shlex fails."""
    import shlex

    from awslint.aws.model import shlex_split
    from awslint.standins.shsplit import split

    for fast in (split, shlex_split):
        try:
            expected = shlex.split(text)
        except ValueError as error:
            try:
                fast(text)
            except ValueError as mine:
                assert str(mine) == str(error)
            else:
                raise AssertionError(f"{fast.__name__}({text!r}) should fail like shlex: {error}")
        else:
            assert fast(text) == expected


def test_long_header_and_process_never_reach_shlex(monkeypatch) -> None:
    """A 1 MB header or credential_process word is split once, in linear time: shlex never runs."""
    import shlex

    from awslint.facts.process_and_path_values import process_problem
    from awslint.facts.references import classify_config_header

    def refuse(*args, **kwargs):
        raise AssertionError("shlex.split is quadratic on one long word")

    monkeypatch.setattr(shlex, "split", refuse)
    long_name = "x" * 1_000_000
    view = _view(f"[profile {long_name}]\nregion = us-east-1\n[profile 'a{long_name}\n")
    assert long_name in view.profiles
    assert classify_config_header(f"profile {long_name}").mapped_name == long_name
    assert classify_config_header(f"profile 'a{long_name}").problem == "unterminated"
    assert process_problem("./" + "y" * 400_000) == ("relative", "./" + "y" * 400_000)
    assert process_problem('"/opt/bin/' + "z" * 400_000 + '" --json') == (None, None)


# --- URL passwords are masked by a scan (a backtracking regex was quadratic) ----------------

_OLD_URL_USERINFO = re.compile(r"(?i)([a-z][a-z0-9+.-]*://[^\s/@:'\"<>]*):([^\s'\"<>]*)@")


@settings(max_examples=2000, deadline=None, derandomize=True, database=None)
@given(st.text(alphabet="ab1+.-:/@ '\"<>_xh\n", max_size=24))
def test_url_userinfo_scan_equals_the_pattern(text: str) -> None:
    expected = _OLD_URL_USERINFO.sub(lambda m: f"{m.group(1)}:****@", text)
    assert mask_url_userinfo(text) == expected


def test_url_userinfo_scan_on_long_values() -> None:
    """Runs of scheme characters, many '://' and no '@': the old pattern took minutes here."""
    text = "x" * 200_000 + "://" * 50_000 + "1a" * 100_000 + " http://u:secretpw@h"
    masked = mask_url_userinfo(text)
    assert masked.endswith(" http://u:****@h") and len(masked) == len(text) - len("secretpw") + 4


def _explain_peak(config: str) -> int:
    """Peak memory (tracemalloc) of resolving every profile of one config."""
    import tracemalloc

    from awslint.aws.resolve import Resolver

    view = _view(config)
    tracemalloc.start()
    try:
        results = Resolver(view).explain()
        assert len(results) == len(view.profiles)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_explain_keeps_a_bounded_part_of_each_chain() -> None:
    """Each resolution keeps the first hops and the last of its chain, and the whole length:
    memory grows with the depth, not with its square (every profile's full chain was kept)."""
    from awslint.aws.resolve import CHAIN_KEPT, Resolver

    results = {r.profile: r for r in Resolver(_view(_deep_chain(200))).explain()}
    top = results["p0"]
    assert top.chain_length == 201 and len(top.chain) == CHAIN_KEPT + 1
    assert [h.profile for h in top.chain[:3]] == ["p0", "p1", "p2"] and top.chain[-1].profile == "p200"
    assert results["p190"].chain_length == 11 and len(results["p190"].chain) == 11  # short: all of it
    small, large = _explain_peak(_deep_chain(300)), _explain_peak(_deep_chain(1500))
    assert large <= 7 * small, (small, large)  # 5x the depth; the square would be 25x


@pytest.mark.parametrize(("sources", "last"), [
    (30, "… and 10 more source profiles of the chain with mfa_serial"),
    (21, "… and 1 more source profile of the chain with mfa_serial"),
    (20, None),
])
def test_notes_on_a_chain_are_capped_per_kind(sources: int, last: Optional[str]) -> None:
    """A role whose sources all assume roles with mfa_serial gets a prompt note for each of the
    first 20 (botocore prompts for every one) and one that counts the rest."""
    from awslint.aws.resolve import NOTES_PER_KIND, Resolver

    parts = ["[profile top]\nrole_arn = arn:aws:iam::123456789012:role/t\nsource_profile = s0\n"]
    for i in range(sources):
        parts.append(
            f"[profile s{i}]\nrole_arn = arn:aws:iam::123456789012:role/r{i}\nsource_profile = s{i + 1}\n"
            "mfa_serial = arn:aws:iam::123456789012:mfa/me\n"
        )
    parts.append(f"[profile s{sources}]\n{KEYS}")
    result = Resolver(_view("".join(parts))).resolve("top")
    prompts = [n for n in result.notes if n.startswith("MFA: botocore also prompts")]
    assert len(prompts) == NOTES_PER_KIND
    assert "role of source profile 's0'" in prompts[0]
    counting = [n for n in result.notes if n.startswith("… and")]
    assert counting == ([] if last is None else [last])


def test_legacy_notes_on_a_chain_are_capped(ruleset) -> None:
    """An opt-in-region role whose 25 sources set sts_regional_endpoints = legacy: 20 notes, then
    one that counts the other 5 (every profile of a deep chain listing them all is quadratic)."""
    from awslint.aws.resolve import NOTES_PER_KIND, Resolver

    parts = ["[profile top]\nregion = ap-east-1\nrole_arn = arn:aws:iam::123456789012:role/t\nsource_profile = s0\n"]
    for i in range(25):
        parts.append(
            f"[profile s{i}]\nrole_arn = arn:aws:iam::123456789012:role/r{i}\nsource_profile = s{i + 1}\n"
            "sts_regional_endpoints = legacy\n"
        )
    parts.append(f"[profile s25]\n{KEYS}")
    result = Resolver(_view("".join(parts)), data=ruleset.data).resolve("top")
    legacy = [n for n in result.notes if n.startswith("sts_regional_endpoints = legacy")]
    assert len(legacy) == NOTES_PER_KIND
    assert "… and 5 more profiles of the chain with sts_regional_endpoints = legacy" in result.notes


# --- credential_process recursion (AWS116): one pass over every profile ------------------------


def _export_chain(depth: int, loop: bool) -> str:
    """p0 exports p1, … p(n-1) exports p0 (a loop) or a profile with keys."""
    out = []
    for i in range(depth):
        target = f"p{i + 1}" if i + 1 < depth else ("p0" if loop else "keys")
        out.append(f"[profile p{i}]\ncredential_process = aws configure export-credentials --profile {target}\n")
    out.append(f"[profile keys]\n{KEYS}")
    return "".join(out)


def _recursion_work(ruleset, monkeypatch, depth: int, loop: bool) -> int:
    import awslint.facts.builder
    import awslint.aws.process_recursion

    view = _view(_export_chain(depth, loop))
    builder = FactBuilder(view, ruleset.data)
    calls = [0]
    original = awslint.facts.builder._sources

    def counting(block):
        calls[0] += 1
        return original(block)

    # The provider order, counted where the profile facts and the recursion walk each read it.
    monkeypatch.setattr(awslint.facts.builder, "_sources", counting)
    monkeypatch.setattr(awslint.aws.process_recursion, "botocore_sources", counting)
    facts = [builder.profile_facts(b) for b in view.profiles.values()]
    monkeypatch.undo()
    assert sum(1 for f in facts if f["process_recursion"] == "cycle") == (1 if loop else 0)
    return calls[0]


def test_process_recursion_is_linear_in_the_chain(ruleset, monkeypatch) -> None:
    for loop in (False, True):
        small, large = (_recursion_work(ruleset, monkeypatch, n, loop) for n in (200, 800))
        assert large <= 5 * small, (loop, small, large)  # quadratic would be 16x


def test_long_values_of_the_new_rules_never_reach_shlex(monkeypatch, ruleset) -> None:
    """A 1 MB export command, path or endpoint is read in linear time: shlex never runs."""
    import shlex

    from awslint.run.lint import lint_text
    from awslint.facts.process_and_path_values import path_problem
    from awslint.aws.process_recursion import export_target

    def refuse(*args, **kwargs):
        raise AssertionError("shlex.split is quadratic on one long word")

    monkeypatch.setattr(shlex, "split", refuse)
    long = "x" * 1_000_000
    assert export_target(f"aws configure export-credentials --profile {long}") == long
    assert export_target(f"aws configure export-credentials --profile '{long}") is None
    assert path_problem("~/" + long) == ("tilde", None)
    assert path_problem("/" + long + "$") == (None, None)
    config = (
        f"[profile p]\ncredential_process = aws configure export-credentials --profile '{long}'\n"
        f"ca_bundle = {long}\nendpoint_url = https://{long}.example.com\n"
    )
    codes = {f.code for f in lint_text(ruleset, [r for r in ruleset.rules if r.code in ("AWS116", "AWS306", "AWS307")], config=config)}
    assert codes == {"AWS116", "AWS306", "AWS307"}
