"""The secret boundary: no rule, built-in or from a pack, can read a secret's value (issue 13, part 1).

A rule pack may come from the repository being linted (its settings name it), so it is hostile
input: it must not be able to test a secret key against chosen values, one character per check,
nor show one in a message.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from awslint.errors import UsageError
from awslint.run.lint import lint_text
from awslint.engine.ruleset import load_rules
from support.fakes import KEY_ID, SECRET, TOKEN
from support.packs import load_error, probe_rule, write_pack

CREDENTIALS = f"[x]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\naws_session_token = {TOKEN}\n"
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def test_the_read_out_pack_of_2560_checks_is_refused_at_load_with_its_line(tmp_path: Path) -> None:
    """Reproduction 1: 40 positions x 64 characters, each check printing one character."""
    lines = ["rules:", "  - code: ORG001", "    name: read-out", "    severity: info", "    scope: profile",
             "    summary: innocent", "    checks:"]
    for position in range(40):
        for char in ALPHABET:
            lines.append(f"      - when: {{key: aws_secret_access_key, matches: '^.{{{position}}}{char.replace('+', '[+]')}'}}")
            lines.append(f"        message: \"{position}:{char}\"")
    assert sum(1 for line in lines if "when:" in line) == 2560
    path = write_pack(tmp_path, "\n".join(lines) + "\n")
    error = load_error(path)
    assert error.startswith(f"{path}:8: 'matches' may not test the value of 'aws_secret_access_key'")
    # Nothing was loaded, so nothing ran: the secret is in no output.
    assert SECRET not in error


@pytest.mark.parametrize(
    "test",
    [
        "{equals: x}", "{not_equals: x}", "{in: [a, b]}", "{not_in: [a]}", "{in: {data: guesses}}",
        "{contains: a}", "{matches: '^a'}", "{not_matches: '^a'}", "{lt: 1}", "{le: 1}", "{gt: 1}", "{ge: 1}",
    ],
)
@pytest.mark.parametrize(
    "key", ["aws_secret_access_key", "aws_session_token", "aws_security_token", "aws_access_key_id",
            "AWS_Secret_Access_Key", "aws_secret_acess_key", "aws_sesion_token", "db_password", "api_key"],
)
def test_every_value_operator_on_a_secret_key_is_refused(tmp_path: Path, key: str, test: str) -> None:
    op = test[1:].split(":", 1)[0]
    when = "{key: " + key + ", " + test[1:]
    path = write_pack(tmp_path, probe_rule(when) + "data:\n  guesses: [a, b]\n")
    assert load_error(path).startswith(f"{path}:7: '{op}' may not test the value of '{key}'")


@pytest.mark.parametrize("key", ["aws_secret_access_key", "aws_session_token", "db_password"])
def test_presence_of_a_secret_key_may_still_be_tested(tmp_path: Path, key: str) -> None:
    path = write_pack(tmp_path, probe_rule("{key: " + key + ", present: true}"))
    ruleset = load_rules([str(path)], include_builtin=False)
    credentials = CREDENTIALS + "db_password = hunter2hunter2\n"
    assert len(lint_text(ruleset, ruleset.rules, credentials=credentials)) == 1


@pytest.mark.parametrize(
    "key", ["web_identity_token_file", "credential_process", "credential_source", "x_security_token_expires", "region"]
)
def test_keys_that_only_sound_secret_keep_their_value_tests(tmp_path: Path, key: str) -> None:
    path = write_pack(tmp_path, probe_rule("{key: " + key + ", matches: '^/'}"))
    assert load_rules([str(path)], include_builtin=False).rules[0].code == "ORG001"


@pytest.mark.parametrize(
    "pin",
    [
        "{fact: name, equals: aws_secret_access_key}",
        "{fact: key, in: [aws_session_token, aws_security_token]}",
        "{fact: raw_key, matches: secret}",
    ],
)
def test_an_option_check_pinned_to_secret_keys_may_not_test_their_value(tmp_path: Path, pin: str) -> None:
    when = "{all: [" + pin + ", {fact: value, matches: '^.{3}C'}]}"
    path = write_pack(tmp_path, probe_rule(when, scope="option"))
    assert load_error(path).startswith(f"{path}:7: 'matches' on the fact 'value' of a secret key")


def test_option_value_facts_are_null_for_every_secret_option(tmp_path: Path) -> None:
    """The engine blanks value facts of secret options, so an unpinned value test reaches no
    secret: it fires for the ordinary keys only, and shows no secret through {value}."""
    path = write_pack(tmp_path, probe_rule("{fact: value, matches: '^.'}", scope="option", message="{key}={value} ({value|cut:60})"))
    ruleset = load_rules([str(path)], include_builtin=False)
    credentials = CREDENTIALS + "aws_secret_acess_key = hunter2hunter2\ndb_password = correcthorse\nregion = eu-west-1\n"
    findings = lint_text(ruleset, ruleset.rules, credentials=credentials)
    assert [f.message for f in findings] == ["region=eu-west-1 (eu-west-1)"]


def test_a_value_pasted_under_an_ordinary_key_is_secret_when_shaped_like_one(tmp_path: Path) -> None:
    path = write_pack(tmp_path, probe_rule("{fact: value, matches: '^.'}", scope="option", message="{key}"))
    ruleset = load_rules([str(path)], include_builtin=False)
    findings = lint_text(ruleset, ruleset.rules, config=f"[default]\nnote = {SECRET}\noutput = json\n")
    assert [f.message for f in findings] == ["output"]


@pytest.mark.parametrize(
    "placeholder", ["keys.aws_secret_access_key", "keys.aws_session_token", "keys.aws_access_key_id", "keys.db_password"]
)
def test_a_message_may_not_show_a_secret_key(tmp_path: Path, placeholder: str) -> None:
    path = write_pack(tmp_path, probe_rule("{fact: static_keys, equals: true}", message="leak {" + placeholder + "}"))
    assert load_error(path).startswith(f"{path}:8: message may not show '{{{placeholder}}}'")


def test_an_optional_message_part_may_not_show_a_secret_key(tmp_path: Path) -> None:
    message = "leak{?static_keys: {keys.aws_secret_access_key}}"
    path = write_pack(tmp_path, probe_rule("{fact: static_keys, equals: true}", message=message))
    assert load_error(path).startswith(f"{path}:8: message may not show '{{keys.aws_secret_access_key}}'")


def test_a_fix_template_may_not_show_a_secret_key(tmp_path: Path) -> None:
    fix = (
        "    fix:\n"
        "      safety: unsafe\n"
        "      description: \"write {keys.db_password}\"\n"
        "      edits:\n"
        "        - {op: set-value, key: region, value: x}\n"
    )
    path = write_pack(tmp_path, probe_rule("{fact: static_keys, equals: true}", extra=fix))
    assert load_error(path).startswith(f"{path}:11: 'fix.description' may not show '{{keys.db_password}}'")


def test_key_ids_stay_masked(tmp_path: Path) -> None:
    path = write_pack(tmp_path, probe_rule("{fact: static_keys, equals: true}", message="{key_id} {credentials_key_id}"))
    ruleset = load_rules([str(path)], include_builtin=False)
    (finding,) = lint_text(ruleset, ruleset.rules, credentials=CREDENTIALS)
    assert finding.message == "AKIA…2EPF AKIA…2EPF"
    assert KEY_ID not in repr(finding)


def test_every_fact_is_declared_public_shape_or_value() -> None:
    from awslint.facts.catalog import FACT_CLASSES, FACTS

    assert {s: set(f) for s, f in FACT_CLASSES.items()} == {s: set(f) for s, f in FACTS.items()}
    assert {kind for facts in FACT_CLASSES.values() for kind in facts.values()} == {"public", "shape", "value"}


def test_the_documented_shape_and_value_facts_are_the_declared_ones() -> None:
    from awslint.facts.catalog import FACT_CLASSES

    doc = (Path(__file__).parent.parent / "docs" / "rule-format.md").read_text()
    section = doc.split("## Secrets: what a rule may not read", 1)[1].split("\n## ", 1)[0]
    for scope, facts in FACT_CLASSES.items():
        shape = [name for name, kind in facts.items() if kind == "shape"]
        if shape:
            assert f"| `{scope}` | " + ", ".join(f"`{n}`" for n in shape) + " |" in section, scope
    value = [name for name, kind in FACT_CLASSES["option"].items() if kind == "value"]
    assert " ".join(section.split()).count(", ".join(f"`{n}`" for n in value)) == 1


def test_an_undeclared_fact_counts_as_secret(tmp_path: Path) -> None:
    """Fail closed: a fact declared neither public, shape nor value can only be tested for
    presence, never shown."""
    from awslint.facts.registry import Fact, provides, withdraw

    @provides("profile", Fact("region_copy", "the region again, declared without a class"), needs=("region",))
    def region_copy(builder: object, block: object, facts: dict) -> None:
        facts["region_copy"] = facts["region"]

    try:
        path = write_pack(tmp_path, probe_rule("{fact: region_copy, matches: '^eu'}"))
        assert load_error(path).startswith(f"{path}:7: 'matches' may not test the fact 'region_copy'")
        path = write_pack(tmp_path, probe_rule("{fact: region_copy, present: true}", message="in {region_copy}"))
        assert load_error(path).startswith(f"{path}:8: message may not show '{{region_copy}}'")
        path = write_pack(tmp_path, probe_rule("{fact: region_copy, present: true}"))
        ruleset = load_rules([str(path)], include_builtin=False)
        assert lint_text(ruleset, ruleset.rules, config="[default]\nregion = eu-west-1\n")
    finally:
        withdraw(region_copy)


def test_the_engine_refuses_a_secret_value_test_that_bypassed_the_loader() -> None:
    from awslint.engine.conditions import compile_condition
    from awslint.engine.ruleset import Condition

    condition = Condition("equals", subject="key", name="aws_secret_access_key", argument="x")
    with pytest.raises(UsageError, match="may not test the value of 'aws_secret_access_key'"):
        compile_condition(condition, {})
    # Nested anywhere in a tree, as a fix `when` or a hygiene check is compiled the same way.
    with pytest.raises(UsageError, match="may not test the value of 'aws_secret_access_key'"):
        compile_condition(Condition("any", [Condition("not", [condition])]), {})


def test_the_engine_masks_a_secret_placeholder_that_bypassed_the_loader(tmp_path: Path) -> None:
    path = write_pack(tmp_path, probe_rule("{fact: static_keys, equals: true}"))
    ruleset = load_rules([str(path)], include_builtin=False)
    check = ruleset.rules[0].checks[0]
    check.message = "id={keys.aws_access_key_id} s={keys.aws_secret_access_key} p={keys.db_password} r={keys.region}"
    credentials = CREDENTIALS + "db_password = correcthorsebattery\nregion = eu-west-1\n"
    (finding,) = lint_text(ruleset, ruleset.rules, credentials=credentials)
    assert finding.message == "id=AKIA…2EPF s=**** p=**** r=eu-west-1"


@pytest.mark.parametrize("when", ["{fact: region, matches: '^AKIA'}", "{fact: region, contains: AKIA}", "{key: region, matches: '^A'}"])
def test_a_secret_pasted_under_an_ordinary_key_cannot_be_read_out(tmp_path: Path, when: str) -> None:
    """Pattern and substring tests see a value shaped like key material as missing, whatever
    fact or key holds it; ordinary values are tested as before."""
    path = write_pack(tmp_path, probe_rule(when))
    ruleset = load_rules([str(path)], include_builtin=False)
    assert lint_text(ruleset, ruleset.rules, config=f"[profile p]\nregion = {KEY_ID}\n") == []
    normal = probe_rule(when.replace("'^AKIA'", "'^eu'").replace("AKIA}", "eu}").replace("'^A'", "'^e'"))
    ruleset = load_rules([str(write_pack(tmp_path, normal))], include_builtin=False)
    assert len(lint_text(ruleset, ruleset.rules, config="[profile p]\nregion = eu-west-1\n")) == 1


COPIED = "hunter2-hunter2-pass"  # a secret, copied under a key whose name says nothing


@pytest.mark.parametrize("filters", ["", "|upper", "|lower", "|cut:6", "|cut:8|upper", "|unquote", "|strip"])
def test_a_filter_cannot_unmask_a_secret_copied_under_an_ordinary_key(tmp_path: Path, filters: str) -> None:
    """The redactor masks the secrets of the files in the finished message; a filter that changes
    the text (upper, cut) would hide a copy from it, so each value is redacted before any filter."""
    credentials = f"[x]\naws_secret_access_key = {COPIED}\nnote = {COPIED}\n"
    for scope, when, field in (
        ("profile", "{fact: static_keys, equals: false}", "keys.note"),
        ("option", "{fact: name, equals: note}", "value"),
    ):
        path = write_pack(tmp_path, probe_rule(when, scope=scope, message=f"[{{{field}{filters}}}]"))
        ruleset = load_rules([str(path)], include_builtin=False)
        findings = lint_text(ruleset, ruleset.rules, credentials=credentials)
        assert findings, scope
        for finding in findings:
            shown = finding.message.lower()
            assert "hunter" not in shown and "pass" not in shown, (scope, finding.message)


def test_a_fix_that_would_write_a_copied_secret_is_not_offered(tmp_path: Path) -> None:
    fix = (
        "    fix:\n"
        "      safety: unsafe\n"
        "      description: \"copy the note\"\n"
        "      edits:\n"
        "        - {op: set-value, key: output, value: \"{keys.note|upper}\"}\n"
    )
    path = write_pack(tmp_path, probe_rule("{fact: static_keys, equals: false}", extra=fix))
    ruleset = load_rules([str(path)], include_builtin=False)
    credentials = f"[x]\naws_secret_access_key = {COPIED}\n"
    (finding,) = lint_text(ruleset, ruleset.rules, config=f"[profile x]\nnote = {COPIED}\noutput = json\n", credentials=credentials)
    assert finding.fix is None
    (plain,) = lint_text(ruleset, ruleset.rules, config="[profile x]\nnote = ordinary\noutput = json\n", credentials=credentials)
    assert plain.fix is not None


def test_a_key_shaped_aws_profile_that_names_no_profile_is_reported_masked() -> None:
    """AWS_PROFILE=AKIA… (a key pasted into the wrong variable) names no profile: botocore fails
    with ProfileNotFound, so AWS403 reports it, with the name masked. (Before the template
    filters, the rule matched a pre-formatted text fact, which saw a key shape as no value and
    stayed silent.)"""
    ruleset = load_rules()
    selected = [r for r in ruleset.rules if r.code == "AWS403"]
    (finding,) = lint_text(ruleset, selected, config="[profile dev]\nregion = eu-west-1\n", environ={"AWS_PROFILE": KEY_ID})
    assert KEY_ID not in finding.message and "AKIA…2EPF" in finding.message
