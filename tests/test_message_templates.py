"""Templates of messages and fixes (engine/render.py): placeholders, optional parts and filters,
checked when a pack loads, and unable to show a secret."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import pytest
from awslint.engine.render import FILTERS, MissingValue, render_fix, render_message
from awslint.engine.ruleset import load_rules
from awslint.errors import UsageError
from awslint.facts.subjects import Location, Subject
from awslint.files.source import CONFIG, source_from_text
from awslint.run.lint import lint_text
from support.packs import load_error, probe_rule, write_pack
from awslint.syntax.parse import parse
from support.fakes import KEY_ID, SECRET

_FILE = parse(source_from_text("[default]\nregion = eu-west-1\n", CONFIG, CONFIG))


def _subject(**facts: Any) -> Subject:
    return Subject("profile", facts, Location(_FILE, 1, 1, 1, 10), profile="dev", section="profile dev")


def _pack(tmp_path: Path, message: str, scope: str = "profile", when: str = "{fact: name, present: true}", extra: str = "") -> Path:
    return write_pack(tmp_path, probe_rule(when, scope, message, extra))


NAMES = ["a", "b", "c", "d", "e", "f", "g"]


@pytest.mark.parametrize(
    ("template", "value", "shown"),
    [
        ("{v|lower}", "EU-West-1", "eu-west-1"),
        ("{v|upper}", "eu-west-1", "EU-WEST-1"),
        ("{v|strip}", "  x y  ", "x y"),
        ("{v|unquote}", "'eu-west-1'", "eu-west-1"),
        ("{v|unquote}", "'eu-west-1\"", "'eu-west-1\""),
        ("{v|strip_profile}", "profile dev", "dev"),
        ("{v|cut:5}", "  abcdefgh ", "abcde…"),
        ("{v|cut:5}", " abcde ", "abcde"),
        ("{v|join}", ["a", "b", "c"], "a, b, c"),
        ("[{v|join}]", [], "[]"),
        ("{v|and}", ["a"], "a"),
        ("{v|and}", ["a", "b"], "a and b"),
        ("{v|and}", ["a", "b", "c"], "a, b and c"),
        ("{v|first:5}", NAMES[:5], "a, b, c, d, e"),
        ("{v|first:5}", NAMES, "a, b, c, d, e and 2 more"),
        ("{v|loop}", ["a", "b", "c"], "a -> b -> c -> a"),
        ("{v|strip|upper}", " dev ", "DEV"),
        ("{v|lower}", True, "true"),
        ("{v|join}", "one text", "one text"),
    ],
)
def test_each_filter_reshapes_the_value_it_is_given(template: str, value: Any, shown: str) -> None:
    assert render_message(template, _subject(v=value)) == shown


def test_every_filter_is_in_the_tested_set() -> None:
    assert set(FILTERS) == {"lower", "upper", "strip", "unquote", "strip_profile", "cut", "join", "and", "first", "loop"}


def test_a_missing_value_stays_missing_whatever_the_filters() -> None:
    assert render_message("[{v|cut:3|upper}]", _subject(v=None)) == "[(none)]"
    with pytest.raises(MissingValue):
        render_fix("{v|cut:3|upper}", _subject(v=None))


def test_a_message_without_filters_reads_as_before() -> None:
    subject = _subject(v=["a", "b"], n=None, t=True, e=[])
    assert render_message("{profile} {section} {v} {n} {t} {e} {path}", subject) == "dev profile dev a, b (none) true (none) config"


@pytest.mark.parametrize(
    ("value", "shown"),
    [(None, "x."), ("", "x."), ([], "x."), (False, "x."), (["p"], "x (from p)."), ("q", "x (from q).")],
)
def test_an_optional_part_shows_only_when_its_name_has_a_value(value: Any, shown: str) -> None:
    assert render_message("x{?v: (from {v|join})}.", _subject(v=value)) == shown


def test_a_fix_template_takes_a_list_only_through_a_filter() -> None:
    subject = _subject(v=["a", "b"])
    assert render_fix("{v|and}", subject) == "a and b"
    with pytest.raises(MissingValue):
        render_fix("{v}", subject)


@pytest.mark.parametrize(
    ("message", "error"),
    [
        ("{name|cutt:60}", "unknown filter '|cutt' in message (did you mean 'cut'?); allowed: lower, upper"),
        ("{name|cut}", "filter '|cut' needs a number in message: write '|cut:N'"),
        ("{name|join:3}", "filter '|join' takes no number in message"),
        ("{?name:x {name|frist:5}}", "unknown filter '|frist' in message (did you mean 'first'?)"),
        ("{name|}", "malformed placeholder in message: write {NAME}, {NAME|filter}"),
        ("{name|cut:}", "malformed placeholder in message"),
        ("{?name:x", "malformed placeholder in message"),
    ],
)
def test_a_broken_template_is_refused_at_load_with_its_line(tmp_path: Path, message: str, error: str) -> None:
    path = _pack(tmp_path, message)
    assert load_error(path).startswith(f"{path}:8: {error}")


def test_an_unknown_filter_in_a_fix_template_is_refused_at_load(tmp_path: Path) -> None:
    fix = "    fix:\n      safety: safe\n      description: Set {name|uper}.\n      edits: [{op: rename-section, to: x}]\n"
    path = _pack(tmp_path, "m", extra=fix)
    assert load_error(path).startswith(f"{path}:11: unknown filter '|uper' in 'fix.description' (did you mean 'upper'?)")


@pytest.mark.parametrize(
    ("message", "scope"),
    [("{keys.aws_secret_access_key|cut:4}", "profile"), ("{keys.aws_access_key_id|first:1}", "profile")],
)
def test_a_filter_does_not_let_a_message_name_a_secret(tmp_path: Path, message: str, scope: str) -> None:
    assert "holds a secret or key id, which awslint never prints" in load_error(_pack(tmp_path, message, scope))


def test_a_filter_does_not_let_a_fix_name_the_key_id(tmp_path: Path) -> None:
    fix = "    fix:\n      safety: safe\n      description: d\n      edits: [{op: rename-section, to: '{key_id|lower}'}]\n"
    assert "a fix never writes or prints a credential" in load_error(_pack(tmp_path, "m", extra=fix))


def test_a_secret_value_never_shows_through_a_filter(tmp_path: Path) -> None:
    """Value facts of secret options are null before a filter sees them; a credential-shaped
    setting is masked before ``cut`` could split it past the redaction."""
    path = _pack(tmp_path, "{key}=[{value|cut:8}] [{value|upper}]", scope="option", when="{fact: value, absent: true}")
    ruleset = load_rules([str(path)], include_builtin=False)
    credentials = f"[x]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\nnote = {SECRET}\n"
    messages = [f.message for f in lint_text(ruleset, ruleset.rules, credentials=credentials)]
    assert messages == [f"{k}=[(none)] [(none)]" for k in ("aws_access_key_id", "aws_secret_access_key", "note")]
    shown = _pack(tmp_path, "[{keys.note|cut:6}] [{keys.note|lower}]")
    ruleset = load_rules([str(shown)], include_builtin=False)
    message = lint_text(ruleset, ruleset.rules, config=f"[default]\nnote = {SECRET}\n")[0].message
    assert message == "[****] [****]"
    assert not any(SECRET[i:i + 6] in message for i in range(len(SECRET) - 5))


def _builtin(config: str, environ: Optional[dict[str, str]] = None) -> dict[str, list[str]]:
    ruleset = load_rules()
    found: dict[str, list[str]] = {}
    for finding in lint_text(ruleset, ruleset.rules, config=config, environ=environ):
        found.setdefault(finding.code, []).append(finding.message)
    return found


ROLE = "role_arn = arn:aws:iam::123456789012:role/r\n"


def test_built_in_messages_show_lists_as_before_the_filters() -> None:
    """Messages once filled from pre-formatted facts (cycle_text, used_as_source_by_text,
    checksum_settings_missing_text, value_shown, missing_profiles_text) read the same."""
    loop = "".join(f"[profile {a}]\n{ROLE}source_profile = {b}\n" for a, b in (("a", "b"), ("b", "c"), ("c", "a")))
    assert "source_profile forms a loop: a -> b -> c -> a." in _builtin(loop)["AWS106"][0]
    roles = "[profile base]\nregion = eu-west-1\n" + "".join(f"[profile r{i}]\n{ROLE}source_profile = base\n" for i in range(12))
    assert "named as source_profile by r0, r1, r2, r3, r4 and 7 more but" in _builtin(roles)["AWS110"][0]
    s3 = "[profile m]\nendpoint_url = http://minio.internal:9000\n"
    assert "without request_checksum_calculation and response_checksum_validation = when_required:" in _builtin(s3)["AWS306"][0]
    region = "[default]\nregion = " + "eu-west-1-" * 7 + "\n"
    assert _builtin(region)["AWS303"][0].startswith(f"region '{('eu-west-1-' * 7)[:60]}…' in [default]")
    assert "selects the profile nope, which neither file defines" in _builtin("[default]\n", {"AWS_PROFILE": "nope"})["AWS403"][0]


def test_an_empty_aws_profile_selects_no_missing_profile() -> None:
    """As when the message read the joined text: an empty name is no profile to report missing."""
    assert "AWS403" not in _builtin("[default]\nregion = eu-west-1\n", {"AWS_PROFILE": ""})


def test_a_pack_naming_a_fact_that_became_a_filter_is_told_what_to_write(tmp_path: Path) -> None:
    from awslint.facts.catalog import REPLACED_FACTS, declared_facts

    declared = {fact.name for facts in declared_facts().values() for fact in facts}
    assert not declared & set(REPLACED_FACTS)  # gone for good
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "rules:\n  - code: ORG001\n    name: old\n    severity: info\n    scope: profile\n    summary: s\n"
        "    when: {fact: cycle, not_equals: []}\n    message: \"loop {cycle_text}\"\n"
    )
    with pytest.raises(UsageError) as info:
        load_rules([str(pack)], include_builtin=False)
    assert "'cycle_text' was replaced by the template '{cycle|loop}'" in str(info.value)
    pack.write_text(pack.read_text().replace("{fact: cycle, not_equals: []}", "{fact: value_shown, present: true}").replace("scope: profile", "scope: option").replace("{cycle_text}", "x"))
    with pytest.raises(UsageError) as info:
        load_rules([str(pack)], include_builtin=False)
    assert "'value_shown' was replaced by the template '{value|cut:60}'" in str(info.value)


def test_one_module_reads_template_placeholders() -> None:
    """The one renderer: no other module of the package has a pattern that finds ``{name}``
    (the old engine and the fix planner each had their own)."""
    import importlib
    import pkgutil
    import re

    import awslint

    readers = set()
    for info in pkgutil.walk_packages(awslint.__path__, "awslint."):
        if info.name.startswith("awslint.rules") or info.name == "awslint.__main__":
            continue
        for name, value in vars(importlib.import_module(info.name)).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                # A placeholder pattern takes the braced text whole, and not the same text unbraced.
                for braced in ("{region}", "{source_chain|join}", "{?region: in {region}}"):
                    if value.fullmatch(braced) and not value.fullmatch(braced.strip("{}")):
                        readers.add(f"{info.name}.{name}")
    assert {reader.rpartition(".")[0] for reader in readers} == {"awslint.engine.render"}
