"""Every reader of a ``when`` condition decides as the rule checks do.

One table of conditions over one fact, evaluated through each path a condition takes in the
engine: a rule check (with the subject index choosing the candidates), a fix ``when``, the
index alone (plain and grouped), and ``may_hold`` (which decides whether unused suppressions
are computed at all). Each must agree with the interpreted oracle on every value. Suppression
hygiene is checked the same way on the subjects the suppression scanner makes from a real file.
"""

from __future__ import annotations

from typing import Any

import pytest
from support.condition_oracle import Evaluator
from awslint.aws.model import build_view
from awslint.engine.conditions import compile_condition
from awslint.engine.fixspec import EditSpec, FixSpec
from awslint.engine.index import SubjectIndex
from awslint.engine.ruleset import Check, Condition, Rule, RuleSet, load_rules
from awslint.engine.run import run_rules
from awslint.facts.subjects import Location, Subject
from awslint.files.source import CONFIG, source_from_text
from awslint.fix.plan import plan_fix
from awslint.report import suppressions
from awslint.run.lint import lint_text
from awslint.standins.linear_regex import compile_pattern
from awslint.syntax.parse import parse

DATA: dict[str, list[Any]] = {"d": ["a", 3, "b"]}
VALUES: list[Any] = [None, "a", "b", "3", 3, 3.0, True, False, "true", ["a", "b"], ("c",), "xa", "2", 2, "nan", "unused"]


def _leaf(op: str, argument: Any = None, data: Any = None) -> Condition:
    pattern = compile_pattern(argument) if op in ("matches", "not_matches") else None
    return Condition(op, subject="fact", name="x", argument=argument, data=data, pattern=pattern)


LEAVES = [
    _leaf("equals", 3), _leaf("equals", True), _leaf("equals", "a"), _leaf("equals", None),
    _leaf("not_equals", "a"), _leaf("in", ["a", 3, True, None]), _leaf("not_in", ["a", 3]), _leaf("in", data="d"),
    _leaf("contains", "a"), _leaf("present", True), _leaf("absent", True), _leaf("present", False),
    _leaf("lt", 3), _leaf("ge", 3), _leaf("matches", "^x?a$"), _leaf("not_matches", "a"),
]
CONDITIONS = (
    LEAVES
    + [Condition("not", [leaf]) for leaf in LEAVES]
    + [Condition("all", [_leaf("present", True), leaf]) for leaf in LEAVES]
    + [Condition("any", [_leaf("equals", "b"), leaf]) for leaf in LEAVES]
    + [Condition("all", [Condition("all", [leaf, _leaf("not_equals", "b")]), Condition("not", [_leaf("equals", 2)])]) for leaf in LEAVES]
)
ALWAYS = Condition("any", [_leaf("present", True), _leaf("absent", True)])


def _name(condition: Condition) -> str:
    if condition.children:
        return f"{condition.op}({','.join(_name(child) for child in condition.children)})"
    return f"{condition.op}:{condition.argument if condition.data is None else condition.data}"


@pytest.fixture(scope="module")
def setup() -> tuple[Any, list[Subject]]:
    """A view whose config holds one comment line per value, and a subject per value on it."""
    source = source_from_text("[default]\n" + "".join(f"# note {i}\n" for i in range(len(VALUES))), CONFIG, CONFIG)
    parsed = parse(source)
    view = build_view(parsed, None)
    subjects = [
        Subject("suppression", {"x": value}, Location(parsed, i + 2, 1, i + 2, 8, "default"), section="default")
        for i, value in enumerate(VALUES)
    ]
    return view, subjects


def _rule(when: Condition, fix: Any = None) -> Rule:
    return Rule("TST001", "table", "warning", "suppression", "s", [Check(when, "m")], fix=fix)


def _expected(condition: Condition, subjects: list[Subject]) -> list[int]:
    oracle = Evaluator(DATA)
    return [subject.location.line for subject in subjects if oracle(condition, subject)]


@pytest.mark.parametrize("condition", CONDITIONS, ids=[_name(c) for c in CONDITIONS])
def test_a_rule_check_reports_exactly_the_subjects_the_oracle_matches(condition: Condition, setup: Any) -> None:
    view, subjects = setup
    ruleset = RuleSet([_rule(condition)], DATA)
    findings = run_rules(ruleset, ruleset.rules, view, subjects={"suppression": subjects})
    assert sorted(f.line for f in findings) == _expected(condition, subjects)


@pytest.mark.parametrize("condition", CONDITIONS, ids=[_name(c) for c in CONDITIONS])
def test_a_fix_when_offers_the_fix_exactly_where_the_oracle_matches(condition: Condition, setup: Any) -> None:
    view, subjects = setup
    fix = FixSpec("safe", "drop the note", [EditSpec("delete-line", {}, 0)], when=condition)
    ruleset = RuleSet([_rule(ALWAYS, fix)], DATA)
    findings = run_rules(ruleset, ruleset.rules, view, plan=plan_fix, subjects={"suppression": subjects})
    assert len(findings) == len(subjects)  # the check itself holds everywhere
    assert sorted(f.line for f in findings if f.planned is not None) == _expected(condition, subjects)


@pytest.mark.parametrize("grouped", [False, True])
@pytest.mark.parametrize("condition", CONDITIONS, ids=[_name(c) for c in CONDITIONS])
def test_the_index_never_skips_a_subject_the_oracle_matches(condition: Condition, grouped: bool, setup: Any) -> None:
    _, subjects = setup
    positions = set(SubjectIndex(subjects, grouped=grouped).candidates([compile_condition(condition, DATA)]))
    matching = {line - 2 for line in _expected(condition, subjects)}
    assert matching <= positions


@pytest.mark.parametrize("condition", CONDITIONS, ids=[_name(c) for c in CONDITIONS])
def test_may_hold_is_false_only_when_no_subject_with_that_value_matches(condition: Condition, setup: Any) -> None:
    _, subjects = setup
    compiled = compile_condition(condition, DATA)
    oracle = Evaluator(DATA)
    for subject in subjects:
        if oracle(condition, subject):
            assert compiled.may_hold("x", subject.facts["x"]), subject.facts


def test_may_hold_rules_out_values_a_necessary_leaf_excludes() -> None:
    """The point of ``may_hold``: it does say no, so unused suppressions can be skipped."""
    assert not compile_condition(_leaf("equals", "unknown-rule"), DATA).may_hold("x", "unused")
    assert not compile_condition(Condition("all", [_leaf("in", ["a", "b"]), ALWAYS]), DATA).may_hold("x", "unused")
    assert not compile_condition(_leaf("present", True), DATA).may_hold("x", None)
    assert compile_condition(Condition("any", [_leaf("equals", "a"), ALWAYS]), DATA).may_hold("x", "unused")


# -- suppression hygiene: the scanner's subjects, judged by the engine ---------------------------------

HYGIENE_CONFIG = (
    "# awslint: disable-file=AWS006\n"  # used
    "# awslint: disable-file=AWS2O1,AWS011\n"  # unknown-rule and unused
    "[default]\n"
    "region = eu-west-1 # main\n"
    "# awslint: disable-next-line=AWS303 -- legacy\n"  # unused
    "output = json # awslint: disable-next-line=AWS006\n"  # trailing
    "# awslint: disable-nextline=AWS006\n"  # malformed
    "[profile dev] ; awslint: disable-section=AWS011\n"  # trailing
    "region = us-east-1\n"
    "# awslint: disable-section=AWS006 -- sure\n"  # malformed: no header below
    "output = text\n"
)
HYGIENE_CONDITIONS = [
    Condition("equals", subject="fact", name="problem", argument="unused"),
    Condition("in", subject="fact", name="problem", argument=["trailing", "malformed"]),
    Condition("not_equals", subject="fact", name="problem", argument="unused"),
    Condition("equals", subject="fact", name="all_unused", argument=True),
    Condition("equals", subject="fact", name="all_unused", argument=False),
    Condition("present", subject="fact", name="reason", argument=True),
    Condition("matches", subject="fact", name="rules", argument="O1", pattern=compile_pattern("O1")),
    Condition("contains", subject="fact", name="detail", argument="header"),
    Condition("all", [
        Condition("equals", subject="fact", name="file_role", argument="config"),
        Condition("not", [Condition("absent", subject="fact", name="directive", argument=True)]),
    ]),
]


@pytest.mark.parametrize("condition", HYGIENE_CONDITIONS, ids=[_name(c) for c in HYGIENE_CONDITIONS])
def test_hygiene_rules_report_exactly_the_suppression_subjects_the_oracle_matches(condition: Condition) -> None:
    builtin = load_rules()
    custom = Rule("TST901", "table-hygiene", "warning", "suppression", "s", [Check(condition, "{problem}")])
    ruleset = RuleSet(builtin.rules + [custom], builtin.data)
    plain = [rule for rule in builtin.rules if rule.scope != "suppression"]
    enabled = plain + [builtin.by_code()["AWS901"], custom]  # AWS901: unused suppressions are always judged
    parsed = parse(source_from_text(HYGIENE_CONFIG, CONFIG, CONFIG))
    view = build_view(parsed, None)
    findings = run_rules(ruleset, plain, view)
    subjects = suppressions.apply(ruleset, enabled, view, findings, lambda extra: run_rules(ruleset, extra, view))
    assert {subject.facts["problem"] for subject in subjects} == {"unused", "unknown-rule", "trailing", "malformed"}
    oracle = Evaluator(ruleset.data)
    expected = sorted((s.location.line, s.location.column, s.facts["problem"]) for s in subjects if oracle(condition, s))
    assert expected, "the condition should match some subject of the file"
    reported = lint_text(ruleset, enabled, config=HYGIENE_CONFIG)
    assert sorted((f.line, f.column, f.message) for f in reported if f.code == "TST901") == expected


def test_a_hygiene_rule_of_any_name_can_report_unused_suppressions() -> None:
    """Nothing is special-cased by rule name: a pack's own rule on ``problem: unused`` works
    without AWS901 enabled, and the suppressed rule need not be enabled either."""
    builtin = load_rules()
    custom = Rule(
        "TST902", "my-unused", "info", "suppression", "s",
        [Check(Condition("equals", subject="fact", name="problem", argument="unused"), "unused: {unused}")],
    )
    ruleset = RuleSet(builtin.rules + [custom], builtin.data)
    config = "[default]\n# awslint: disable-next-line=AWS006,AWS303\nregion = eu-west-1 # main\n"
    (finding,) = lint_text(ruleset, [custom], config=config)
    assert (finding.code, finding.line, finding.message) == ("TST902", 2, "unused: AWS303")


def test_unused_suppressions_are_judged_only_when_an_enabled_rule_can_report_them() -> None:
    """The other rules' second run, needed only to tell unused suppressions, is skipped when no
    enabled hygiene check can match ``problem: unused``."""
    ruleset = load_rules()
    by_code = ruleset.by_code()
    view = build_view(parse(source_from_text("[default]\n# awslint: disable-next-line=AWS006\nregion = eu-west-1\n", CONFIG, CONFIG)), None)
    calls: list[list[Rule]] = []

    def run(extra: list[Rule]) -> list[Any]:
        calls.append(extra)
        return run_rules(ruleset, extra, view)

    for enabled, runs in (([by_code["AWS902"]], 0), ([by_code["AWS901"]], 1)):
        calls.clear()
        subjects = suppressions.apply(ruleset, enabled, view, [], run)
        assert len(calls) == runs
        assert [s.facts["problem"] for s in subjects] == (["unused"] if runs else [])


def test_one_module_evaluates_conditions() -> None:
    """The one compiler: outside the loader (which validates a tree) no module of the package
    names a value operator, so nothing else can interpret a ``when`` tree on its own."""
    import ast
    from pathlib import Path

    import awslint
    from awslint.engine.ruleset import VALUE_OPS

    package = Path(awslint.__file__).resolve().parent
    operators = set(VALUE_OPS) - {"in", "contains"}  # words too common in other code to tell
    naming = set()
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in operators:
                naming.add(path.relative_to(package).as_posix())
    assert naming == {"engine/conditions.py", "engine/ruleset.py"}
