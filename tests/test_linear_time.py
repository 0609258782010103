"""Linear time on any input (issue 13, part 5): the four hangs of reproduction 5, every built-in
pattern, globs and rule-pack regexes.

No absolute timings: each test compares the time at n with the time at 4n (100 kB and more),
which is about 4 for linear work and 16 for quadratic. A run under ``FAST`` seconds at 4n passes
outright: quadratic work on 10^5 characters is 10^10 steps, never that quick. Times are the
process's CPU time (``time.process_time``): on a shared machine wall time also counts the other
processes, and varied threefold between runs of the same loop. The linear regex engine is also
judged by counting its steps.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any, Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awslint.errors import UsageError
from awslint.run.lint import lint_text
from awslint.standins.linear_regex import UnsupportedPattern, compile_pattern
from awslint.engine.ruleset import load_rules

N = 25_000  # and 4N = 100,000
FAST = 0.005  # seconds: no quadratic pass over 10^5 characters is this fast
MAX_RATIO = 10.0  # linear is ~4, quadratic ~16


def _best(fn: Callable[[], Any], rounds: int = 3) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def assert_linear(run: Callable[[Any], Any], make: Callable[[int], Any], n: int = N) -> None:
    """``run(make(4n))`` takes at most ~4 times ``run(make(n))`` (or is fast outright)."""
    small, large = make(n), make(4 * n)
    run(small)  # warm caches (compiled patterns, lazy DFA states)
    t_large = _best(lambda: run(large))
    if t_large < FAST:
        return
    t_small = _best(lambda: run(small))
    ratio = t_large / max(t_small, 1e-6)
    if ratio >= MAX_RATIO:
        # Memory effects can make one step look steep (the regex backtracking stack outgrowing a
        # cache); quadratic work is steep at every step, so judge the next one, 4n to 16n.
        larger = make(16 * n)
        t_larger = _best(lambda: run(larger))
        ratio = t_larger / max(t_large, 1e-6)
        t_small, t_large = t_large, t_larger
    assert ratio < MAX_RATIO, f"time grows {ratio:.1f}x for 4x the input ({t_small:.4f}s -> {t_large:.4f}s)"


# -- the four hangs of reproduction 5 -------------------------------------------------------------


def test_template_of_many_opening_braces_is_linear() -> None:
    from awslint.files.templates import mask_text

    assert_linear(mask_text, lambda n: "[default]\nregion = " + "{{" * n + "\n")


OLD_SPAN = re.compile(r"\{\{.*?\}\}", re.DOTALL)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="{}_\nx", max_size=40))
def test_template_span_scan_equals_the_old_pattern(text: str) -> None:
    from awslint.files.templates import _NOT_NEWLINE, _mask_spans

    def mask(match: re.Match[str]) -> str:
        return "{{" + _NOT_NEWLINE.sub("_", match.group(0)[2:-2]) + "}}"

    assert _mask_spans(text) == OLD_SPAN.sub(mask, text)


def test_long_blank_continuation_line_is_linear(lint) -> None:
    """``a`` + 100,000 spaces + ``b`` as a continuation line (facts.keys.KEY_LINE)."""
    assert_linear(lambda config: lint(config=config), lambda n: "[profile a]\nregion = eu-west-1\n  a" + " " * n + "b\n")


OLD_KEY_LINE = re.compile(r"^([^=:\s\[][^=:]*?)\s*[=:]")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab =:[\t", max_size=30))
def test_key_line_equals_the_old_pattern(text: str) -> None:
    from awslint.facts.keys import KEY_LINE

    old = OLD_KEY_LINE.match(text)
    new = KEY_LINE.match(text)
    assert (old is None) == (new is None)
    if old is not None and new is not None:
        assert new.group(1).rstrip() == old.group(1)


def test_exclude_glob_with_many_double_stars_is_linear() -> None:
    from awslint.run.settings import glob_match

    assert_linear(lambda path: glob_match("**a**a**a**a**a**a**c", path), lambda n: "a" * n + "/credentials")


@settings(max_examples=400, deadline=None)
@given(
    st.text(alphabet="ab*?/[]!.", min_size=1, max_size=10).filter(lambda p: p.strip()),
    st.text(alphabet="ab/.", max_size=12),
)
def test_glob_match_equals_python_re_on_the_same_translation(pattern: str, path: str) -> None:
    """The linear engine answers as ``re`` does on the glob's regular expression."""
    from awslint.run.settings import glob_match, glob_source

    try:
        oracle = re.compile(glob_source(pattern) + "$")
    except re.error:
        return
    assert glob_match(pattern, path) == (oracle.match(path) is not None)


def _pack(tmp_path: Path, pattern: str) -> Path:
    path = tmp_path / "pack.yaml"
    path.write_text(
        "rules:\n"
        "  - code: ORG001\n"
        "    name: name-shape\n"
        "    severity: info\n"
        "    scope: profile\n"
        "    summary: names\n"
        f"    when: {{fact: name, matches: '{pattern}'}}\n"
        "    message: \"{profile}\"\n"
    )
    return path


@pytest.mark.parametrize("pattern", ["^(a+)+$", "^(a|a)*$", "a*a*a*a*b", "(a|aa)+c"])
def test_pack_regex_on_a_long_profile_name_is_linear(tmp_path: Path, pattern: str) -> None:
    ruleset = load_rules([str(_pack(tmp_path, pattern))], include_builtin=False)

    def run(config: str) -> None:
        assert lint_text(ruleset, ruleset.rules, config=config) == []

    assert_linear(run, lambda n: f"[profile {'a' * n}!]\nregion = eu-west-1\n")


# -- rule-pack regexes: the linear subset -----------------------------------------------------------


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        (r"(a)\1", "a back-reference"),
        (r"(?P<x>a)(?P=x)", "a back-reference"),
        (r"a(?=b)", "a look-around"),
        (r"a(?!b)", "a look-around"),
        (r"(?<=a)b", "a look-around"),
        (r"(?<!a)b", "a look-around"),
        (r"(a)?(?(1)b|c)", "a conditional group"),
        (r"(?i:a)b", "an inline flag group"),
        (r"(?m)^a", "the flag (?m)"),
        (r"(?x)a b", "the flag (?x)"),
        ("a{2000}", "a repetition count over 1000"),
    ],
)
def test_patterns_outside_the_linear_subset_are_refused_at_load(tmp_path: Path, pattern: str, reason: str) -> None:
    path = _pack(tmp_path, pattern.replace("'", "''"))
    with pytest.raises(UsageError) as info:
        load_rules([str(path)], include_builtin=False)
    assert str(info.value).startswith(f"{path}:7: regular expression ")
    assert reason in str(info.value)


def test_a_pattern_too_large_for_the_engine_is_refused() -> None:
    with pytest.raises(UnsupportedPattern, match="too large"):
        compile_pattern("(a{1000}){10}")


def test_a_deeply_nested_pattern_is_refused_not_a_traceback() -> None:
    with pytest.raises((UnsupportedPattern, re.error, RecursionError)):
        compile_pattern("(" * 5000 + "a" + ")" * 5000)


# Patterns of the subset, written by the grammar below, against texts over a small alphabet.
_atoms = st.sampled_from(["a", "b", ".", "[ab]", "[^a]", r"\d", r"\w", r"\s", r"\W", "1", " ", "\\n", r"\.", "-"])


def _quantified(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.tuples(inner, st.sampled_from(["", "", "*", "+", "?", "{2}", "{1,3}", "{0,2}", "{2,}", "*?", "+?"])).map(
        lambda t: t[0] + t[1]
    )


_patterns = st.recursive(
    _quantified(_atoms),
    lambda inner: st.one_of(
        st.lists(_quantified(inner), min_size=1, max_size=4).map("".join),
        st.lists(inner, min_size=2, max_size=3).map(lambda items: "(?:" + "|".join(items) + ")"),
        _quantified(inner.map(lambda p: "(" + p + ")")),
    ),
    max_leaves=8,
)
_anchored = st.tuples(
    st.sampled_from(["", "", "^", r"\A", r"\b", "(?i)", "(?s)"]),
    _patterns,
    st.sampled_from(["", "", "$", r"\Z", r"\b", r"\B"]),
).map("".join)


@pytest.mark.slow
@settings(max_examples=1500, deadline=None)
@given(_anchored, st.text(alphabet="abAB1 -.\n_é", max_size=12))
def test_linear_engine_answers_as_re_search(pattern: str, text: str) -> None:
    try:
        expected = re.search(pattern, text) is not None
    except re.error:
        return
    try:
        compiled = compile_pattern(pattern)
    except UnsupportedPattern:
        assert "*+" in pattern or "++" in pattern or "?+" in pattern or "}+" in pattern  # possessive (3.11+)
        return
    assert (compiled.search(text) is not None) == expected, (pattern, text)
    assert (compiled.search(text) is not None) == expected  # again, from the warm DFA cache


@pytest.mark.parametrize("pattern", ["^(a+)+$", "(a|aa)*c", "a*a*a*a*b", r"(\w+\s?)*$", "(?s)(.*a){12}"])
def test_linear_engine_steps_do_not_grow_with_the_text(pattern: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the DFA states it builds once, each character is one table look-up: the number of
    full NFA steps is the same for 10^3 and 10^5 characters."""
    from awslint.standins import linear_regex

    steps = {"count": 0}
    original = linear_regex.LinearPattern._step

    def counted(self: Any, *args: Any) -> int:
        steps["count"] += 1
        return original(self, *args)

    monkeypatch.setattr(linear_regex.LinearPattern, "_step", counted)
    counts = []
    for n in (1_000, 100_000):
        compiled = compile_pattern(pattern)
        steps["count"] = 0
        compiled.search("a" * n + " " + "a" * n + "!")
        counts.append(steps["count"])
    assert counts[1] == counts[0] < 200


def test_compiled_patterns_pickle_for_the_rule_cache() -> None:
    import pickle

    compiled = compile_pattern("^(a+)+$")
    compiled.search("aaa")
    again = pickle.loads(pickle.dumps(compiled))
    assert again.search("aaaa") and not again.search("aab")


# -- every built-in pattern, with the method the code uses ----------------------------------------------


def _builtin_patterns() -> list[tuple[str, re.Pattern[str], str]]:
    from awslint.facts import credentials as credentials_facts
    from awslint.engine import render
    from awslint.files import filemeta
    from awslint.fix import plan as fixes
    from awslint.aws import js_sdk
    from awslint.aws import model
    from awslint.facts import options as option_file_facts
    from awslint.syntax import parse
    from awslint.facts import process_and_path_values
    from awslint import redaction
    from awslint.facts import references
    from awslint.engine import ruleset
    from awslint.aws import setting_values
    from awslint.run import settings
    from awslint.aws import settings_catalog
    from awslint.facts import keys as key_facts
    from awslint.standins import shsplit
    from awslint.files import source
    from awslint.report import suppressions
    from awslint.files import templates
    from awslint.report.formatters import sarif
    from awslint.report.formatters import text as text_format

    references.describe_bad_chars("a")  # compiles references._names_ok, made on first use
    table = [
        (settings, "_TOOL_TABLE", "search"),
        (credentials_facts, "KEY_ID_RE", "fullmatch"), (credentials_facts, "SECRET_RE", "fullmatch"),
        (credentials_facts, "ID_SHAPE_RE", "fullmatch"), (credentials_facts, "ROLE_ARN_RE", "fullmatch"),
        (credentials_facts, "MFA_ARN_RE", "fullmatch"), (credentials_facts, "HARDWARE_SERIAL_RE", "fullmatch"),
        (credentials_facts, "ARN_PARTITION_RE", "match"), (credentials_facts, "SECRET_LIKE_NAME", "search"),
        (render, "_TEMPLATE_RE", "search"), (render, "_BROKEN_RE", "search"), (option_file_facts, "HOST_LABEL", "match"), (option_file_facts, "_SECRET_NAME", "search"),
        (redaction, "_SECRET_NAME", "search"), (redaction, "_KEY_ID_SHAPE", "search"), (redaction, "_SECRET_SHAPE", "search"),
        (redaction, "_TOKEN_SHAPE", "search"), (redaction, "_CONTROL", "search"), (redaction, "_UPPER_KEY_ID", "fullmatch"),
        (redaction, "_LONG_RUN", "search"), (redaction, "_URL_TOKEN", "search"),
        (fixes, "CREDENTIAL_LINE", "match"), (model, "_PLAIN_NAME", "fullmatch"),
        (parse, "SECTCRE", "match"), (parse, "OPTCRE", "match"), (parse, "_INLINE_COMMENT", "search"),
        (parse, "_NONSPACE", "search"), (parse, "_SUSPICIOUS", "search"),
        (process_and_path_values, "_VARIABLE", "match"), (process_and_path_values, "_SPECIAL", "search"), (process_and_path_values, "_DRIVE", "match"),
        (process_and_path_values, "_PATH_VARIABLE", "search"), (settings_catalog, "PLAUSIBLE_SERVICE", "fullmatch"),
        (settings_catalog, "PLAUSIBLE_SETTING", "fullmatch"), (text_format, "_UNBREAKABLE", "search"),
        (references, "_NAME_OK", "fullmatch"), (references, "_names_ok", "fullmatch"), (ruleset, "CODE_RE", "match"), (ruleset, "NAME_RE", "match"), (ruleset, "DATA_NAME_RE", "match"), (ruleset, "ENV_NAME_RE", "match"),
        (render, "PLACEHOLDER_RE", "search"), (render, "OPTIONAL_RE", "search"),
        (setting_values, "_INTEGER", "fullmatch"), (key_facts, "HEADER_LINE", "match"),
        (key_facts, "KEY_LINE", "match"), (shsplit, "_PLAIN", "match"), (shsplit, "_IN_DOUBLE", "match"),
        (shsplit, "_QUOTING", "search"), (shsplit, "_SPACES", "search"), (source, "_LINE_RE", "findall"),
        (suppressions, "_OWN_LINE", "match"), (suppressions, "_TRAILING", "search"), (suppressions, "_NAME", "match"),
        (suppressions, "_WORD", "search"), (templates, "_NOT_NEWLINE", "search"), (templates, "_DIRECTIVE_LINE", "match"),
        (sarif, "_MARKUP", "search"),
        (option_file_facts, "_REGION_WORD", "fullmatch"), (filemeta, "_CHEZMOI_AWS", "fullmatch"),
        (parse, "_MASKED_DIRECTIVE", "fullmatch"),
        (js_sdk, "_PREFIX_KEY", "match"), (js_sdk, "_COMMENT", "search"), (js_sdk, "_LINE_BREAK", "search"),
        (js_sdk, "_V2_PROFILE_PREFIX", "match"), (js_sdk, "_V2_SESSION_PREFIX", "match"),
    ]
    return [(f"{module.__name__}.{name}", getattr(module, name), method) for module, name, method in table]


# Shapes that make backtracking patterns blow up: long runs, alternations of what a pattern's
# pieces accept, unclosed openers, and each followed by a character that makes the match fail.
ADVERSARIAL: list[Callable[[int], str]] = [
    lambda n: "a" * n + "!",
    lambda n: " " * n + "!",
    lambda n: "a" + " " * n + "b",
    lambda n: "\n" * n + "x",
    lambda n: "{" * n,
    lambda n: "{{" * n,
    lambda n: "{?a:" * n,
    lambda n: "[" * n,
    lambda n: "[" + " " * n,
    lambda n: "a-" * n + "!",
    lambda n: "a " * n + "!",
    lambda n: "#" * n + " awslint",
    lambda n: " #" * n,
    lambda n: "AKIA" * n,
    lambda n: "A" * n + "=",
    lambda n: "://" * n + "@",
    lambda n: "x://a:" * n + "@",
    lambda n: "arn:aws:" + "a" * n,
    lambda n: "1" * n + "a",
    lambda n: "\\" * n,
    lambda n: '"' * n,
]


def _run(pattern: re.Pattern[str], method: str) -> Callable[[str], Any]:
    return getattr(pattern, method)


@pytest.mark.parametrize(("name", "pattern", "method"), _builtin_patterns(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_builtin_pattern_is_linear_on_adversarial_input(name: str, pattern: re.Pattern[str], method: str) -> None:
    run = _run(pattern, method)
    for make in ADVERSARIAL:
        assert_linear(run, make, n=N)


def test_the_audit_lists_every_compiled_pattern_of_the_package() -> None:
    """A pattern added at module level must be added to the audit above."""
    import importlib
    import pkgutil

    import awslint

    listed = {name for name, _, _ in _builtin_patterns()}
    found = set()
    for info in pkgutil.walk_packages(awslint.__path__, "awslint."):
        if info.name.startswith("awslint.rules") or info.name == "awslint.__main__":  # data; runs the CLI
            continue
        module = importlib.import_module(info.name)
        for attr, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found.add(f"{info.name}.{attr}")
    # Aliases of one object (fixes.CREDENTIAL_LINE is _CREDENTIAL_LINE) and re-exports count once.
    objects = {id(getattr(importlib.import_module(n.rsplit(".", 1)[0]), n.rsplit(".", 1)[1])) for n in listed}
    missing = sorted(
        n for n in found if id(getattr(importlib.import_module(n.rsplit(".", 1)[0]), n.rsplit(".", 1)[1])) not in objects
    )
    assert missing == sorted(BOUNDED_INPUT)


# Patterns only ever applied to input of bounded size.
BOUNDED_INPUT = {
    "awslint.aws.key_material._REGION_IN_TOKEN": "searched in the first 72 bytes a session token's base64 prefix decodes to",
}


def test_placeholder_patterns_on_a_long_multiline_value_are_linear(ruleset) -> None:
    from awslint.facts.builder import Placeholders

    placeholders = Placeholders(ruleset.data)
    assert placeholders.pair(None, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    assert placeholders.pair(None, "{{ secret }}") and not placeholders.pair(None, "nyVmihA/2O76UMFxFkM/R5Kjp1vRt+1fjORS/6il")
    for make in (
        lambda n: "EXAMPLE" * (n // 7) + "\nx",
        lambda n: "{{}}" * (n // 4) + "\nx",
        lambda n: "EXAMPLE" * (n // 7) + "x",  # one line: `re`, linear there
        lambda n: "{{}}" * (n // 4) + "x",
        lambda n: "<" * n,
        lambda n: "your" * (n // 4),
        lambda n: "X" * n + "!",
    ):
        assert_linear(lambda value: placeholders.pair(None, value), make)


def test_redaction_cost_per_message_does_not_grow_with_the_number_of_secrets() -> None:
    """One odd secret per profile: each message used to be tried against all of them."""
    from awslint.redaction import Redactor

    messages = [f"Profile 'p{i}' in [profile p{i}] has a malformed secret key (zzsecret{i:07d}x)" for i in range(200)]

    def make(n: int) -> Redactor:
        return Redactor([f"zzsecret{i:07d}x" for i in range(n)])

    def run(redactor: Redactor) -> None:
        for message in messages:
            redactor(message)

    small, large = make(N), make(4 * N)
    run(small)
    t_small, t_large = _best(lambda: run(small)), _best(lambda: run(large))
    assert t_large < FAST or t_large / max(t_small, 1e-6) < 2.5
    assert large(messages[3]) == "Profile 'p3' in [profile p3] has a malformed secret key (****)"


def test_many_blank_lines_in_pyproject_are_linear(tmp_path: Path) -> None:
    from awslint.run.settings import _has_tool_table

    def run(text: str) -> None:
        path = tmp_path / "pyproject.toml"
        path.write_text(text)
        assert not _has_tool_table(path)

    assert_linear(run, lambda n: "\n" * n + "[tool.other]\n")
