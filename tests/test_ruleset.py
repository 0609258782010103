"""Rule packs: strict validation with file:line and did-you-mean, and user rules in YAML alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from awslint.errors import UsageError
from awslint.distance import suggest
from awslint.engine.ruleset import load_rules
from support.fakes import write_layout
from support.packs import load_error, write_pack

PROD_MFA_PACK = """\
rules:
  - code: ORG001
    name: prod-profile-needs-mfa
    severity: error
    scope: profile
    summary: Production profiles must use MFA.
    when:
      all:
        - {fact: name, matches: '^prod-'}
        - {key: mfa_serial, absent: true}
    message: "Profile '{profile}' is a production profile without mfa_serial."
    examples:
      fail:
        - config: |
            [profile prod-web]
            region = eu-west-1
      pass:
        - config: |
            [profile prod-web]
            mfa_serial = arn:aws:iam::111122223333:mfa/me
"""


def error_of(path: Path) -> str:
    return load_error(path, include_builtin=True)


def test_user_rule_in_yaml_alone(cli, tmp_path: Path) -> None:
    rules = write_pack(tmp_path, PROD_MFA_PACK)
    folder = write_layout(
        tmp_path / "aws",
        "[profile prod-web]\nregion = eu-west-1\n\n[profile prod-db]\nmfa_serial = arn:aws:iam::111122223333:mfa/me\n\n[profile dev]\nregion = eu-west-1\n",
    )
    result = cli(str(folder), "--rules", str(rules), "--select", "ORG", "-f", "json")
    assert result.code == 1, result.err
    findings = json.loads(result.out)["findings"]
    assert [(f["code"], f["profile"], f["line"]) for f in findings] == [("ORG001", "prod-web", 1)]
    assert findings[0]["message"] == "Profile 'prod-web' is a production profile without mfa_serial."
    listed = cli("rules", "--rules", str(rules)).out
    assert "ORG001   prod-profile-needs-mfa" in listed


def test_user_rule_sees_credentials_file_keys(lint, ruleset, tmp_path: Path) -> None:
    from awslint.run.lint import lint_text

    extra = load_rules([str(write_pack(tmp_path, PROD_MFA_PACK))], include_builtin=False)
    rule = extra.rules[0]
    # mfa_serial set in the credentials file still counts: botocore merges both files.
    assert lint_text(extra, [rule], config="[profile prod-a]\n", credentials="[prod-a]\nmfa_serial = x\n") == []
    assert len(lint_text(extra, [rule], config="[profile prod-a]\n")) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rules:\n  - code: ORG001\n    nmae: x\n", "pack.yaml:3: unknown key 'nmae' in a rule (did you mean 'name'?)"),
        (PROD_MFA_PACK.replace("severity: error", "severity: eror"), "pack.yaml:4: unknown severity 'eror' (did you mean 'error'?)"),
        (PROD_MFA_PACK.replace("scope: profile", "scope: profiles"), "pack.yaml:5: unknown scope 'profiles' (did you mean 'profile'?)"),
        (PROD_MFA_PACK.replace("matches: '^prod-'", "matchs: '^prod-'"), "pack.yaml:9: unknown operator 'matchs' (did you mean 'matches'?)"),
        (PROD_MFA_PACK.replace("fact: name,", "fact: nme,"), "pack.yaml:9: unknown fact 'nme' in scope 'profile' (did you mean 'name'?)"),
        (PROD_MFA_PACK.replace("'^prod-'", "'^prod-('"), "pack.yaml:9: invalid regular expression '^prod-(': missing ), unterminated subpattern at position 6"),
        (PROD_MFA_PACK.replace("{profile}", "{profle}"), "pack.yaml:11: unknown placeholder '{profle}' in message (did you mean '{profile}'?)"),
        (PROD_MFA_PACK.replace("code: ORG001", "code: org-1"), "pack.yaml:2: code 'org-1' must be upper-case letters then 3 digits, like ORG001"),
        (PROD_MFA_PACK.replace("name: prod-profile-needs-mfa", "name: Prod MFA"), "pack.yaml:3: name 'Prod MFA' must be kebab-case, like prod-needs-mfa"),
        (PROD_MFA_PACK.replace("        - {key: mfa_serial, absent: true}\n", "        - {key: mfa_serial, absent: true, present: true}\n"), "pack.yaml:10: a test needs exactly one operator"),
        (PROD_MFA_PACK.replace("absent: true", "absent: yes please"), "pack.yaml:10: 'absent' must be true or false"),
        ("rules:\n  - code: ORG001\n    code: ORG002\n", "pack.yaml:3: duplicate key 'code'"),
        ("rules: [\n", "pack.yaml:2: invalid YAML"),
        ("rulez: []\n", "pack.yaml:1: unknown key 'rulez' in a rule pack (did you mean 'rules'?)"),
        ("- just a list\n", "pack.yaml:1: a rule pack must be a mapping"),
        (PROD_MFA_PACK.replace("    summary: Production profiles must use MFA.\n", ""), "pack.yaml:2: rule is missing 'summary'"),
        (PROD_MFA_PACK.replace("{fact: name, matches: '^prod-'}", "{fact: name, in: {data: prod_nmes}}"), "pack.yaml:9: unknown data list 'prod_nmes'"),
        (PROD_MFA_PACK.replace("code: ORG001", "code: AWS201"), "pack.yaml:2: duplicate rule code AWS201 (already defined at rules/aws2-credentials.yaml:"),
        (PROD_MFA_PACK.replace("    message:", "    at: key\n    message:"), "pack.yaml:11: unknown location 'key' (did you mean 'key:NAME'?)"),
        (PROD_MFA_PACK.replace("scope: profile", "scope: file").replace("{key: mfa_serial, absent: true}", "{fact: role, equals: x}"), "pack.yaml:9: unknown fact 'name' in scope 'file'"),
        (PROD_MFA_PACK.replace("scope: profile", "scope: section").replace("{fact: name, matches: '^prod-'}", "{fact: duplicate, equals: true}"), "pack.yaml:10: 'key' tests are only available in scope 'profile'"),
    ],
)
def test_invalid_packs_are_reported_with_file_and_line(tmp_path: Path, text: str, expected: str) -> None:
    path = write_pack(tmp_path, text)
    message = error_of(path)
    assert message.startswith(str(tmp_path)), message
    assert expected in message, message


def test_invalid_pack_on_the_command_line_is_one_error_line(cli, tmp_path: Path) -> None:
    path = write_pack(tmp_path, PROD_MFA_PACK.replace("scope: profile", "scope: profiles"))
    result = cli("--rules", str(path), str(tmp_path))
    assert result.code == 2
    assert result.err == f"awslint: error: {path}:5: unknown scope 'profiles' (did you mean 'profile'?); allowed: file, parse_issue, section, option, profile, environment, suppression\n"


def test_a_rule_pack_folder_loads_every_yaml_file(tmp_path: Path) -> None:
    folder = tmp_path / "packs"
    folder.mkdir()
    write_pack(folder, PROD_MFA_PACK, "a.yaml")
    write_pack(folder, "data:\n  prod_regions: [eu-west-1]\n", "b.yml")
    ruleset = load_rules([str(folder)])
    assert "ORG001" in ruleset.by_code()
    assert ruleset.data["prod_regions"] == ["eu-west-1"]


def test_data_defined_twice_is_an_error(tmp_path: Path) -> None:
    path = write_pack(tmp_path, "data:\n  opt_in_regions: [xx-east-1]\n")
    assert "data list 'opt_in_regions' is already defined in rules/data/regions.yaml" in error_of(path)


def test_extension_keys_are_ignored(tmp_path: Path) -> None:
    text = PROD_MFA_PACK.replace("    severity: error\n", "    severity: error\n    x-owner: platform-team\n")
    assert "ORG001" in load_rules([str(write_pack(tmp_path, text))]).by_code()


def test_checks_with_variants_and_severity_override(lint, tmp_path: Path) -> None:
    from awslint.run.lint import lint_text

    text = """\
    rules:
      - code: ORG002
        name: region-policy
        severity: error
        scope: profile
        summary: Regions must be approved.
        checks:
          - when: {fact: region, absent: true}
            severity: info
            message: "{profile}: no region"
          - when:
              all:
                - {fact: region, present: true}
                - {fact: region, not_in: {data: approved}}
            at: key:region
            message: "{profile}: region {region} is not approved"
    data:
      approved: [eu-west-1]
    """
    ruleset = load_rules([str(write_pack(tmp_path, text))], include_builtin=False)
    findings = lint_text(ruleset, ruleset.rules, config="[profile a]\n[profile b]\nregion = us-east-1\n[profile c]\nregion = eu-west-1\n")
    assert [(f.severity, f.line, f.message) for f in findings] == [
        ("info", 1, "a: no region"),
        ("error", 3, "b: region us-east-1 is not approved"),
    ]


@pytest.mark.parametrize(
    ("condition", "matches"),
    [
        ("{key: duration_seconds, ge: 900}", ["a"]),
        ("{key: duration_seconds, lt: 900}", ["b"]),
        ("{key: duration_seconds, gt: 100000}", []),
        ("{fact: sources, contains: config-file}", ["a", "b"]),
        ("{key: output, equals: json}", ["a"]),
        ("{key: output, not_equals: json}", ["b", "c"]),
        ("{key: output, in: [json, yaml]}", ["a"]),
        ("{key: output, not_matches: '^js'}", ["b", "c"]),
        ("{not: {key: output, present: true}}", ["b", "c"]),
        ("{any: [{fact: name, equals: a}, {fact: name, equals: c}]}", ["a", "c"]),
    ],
)
def test_operators(tmp_path: Path, condition: str, matches: list[str]) -> None:
    from awslint.run.lint import lint_text

    text = f"""\
    rules:
      - code: ORG003
        name: probe
        severity: info
        scope: profile
        summary: probe
        when: {condition}
        message: "{{profile}}"
    """
    ruleset = load_rules([str(write_pack(tmp_path, text))], include_builtin=False)
    config = (
        "[profile a]\noutput = json\nduration_seconds = 3600\naws_access_key_id = x\naws_secret_access_key = y\n"
        "[profile b]\nduration_seconds = abc\naws_access_key_id = x\naws_secret_access_key = y\n"
        "[profile c]\n"
    )
    config = config.replace("duration_seconds = abc", "duration_seconds = 60") if "lt: 900" in condition else config
    assert [f.profile for f in lint_text(ruleset, ruleset.rules, config=config)] == matches


def test_messages_never_print_credential_values(tmp_path: Path) -> None:
    from awslint.run.lint import lint_text
    from support.fakes import KEY_ID, SECRET, TOKEN

    text = """\
    rules:
      - code: ORG004
        name: leaky
        severity: info
        scope: profile
        summary: tries to print secrets
        when: {fact: static_keys, equals: true}
        message: "id={keys.aws_access_key_id} secret={keys.aws_secret_access_key} token={keys.aws_session_token} kid={key_id}"
    """
    # A pack naming a credential value in a message is refused at load (file:line); the engine
    # masks such a placeholder too (tests/test_secret_boundary.py builds one past the loader).
    with pytest.raises(UsageError, match=r"pack\.yaml:8: message may not show '\{keys\.aws_access_key_id\}'"):
        load_rules([str(write_pack(tmp_path, text))], include_builtin=False)
    safe = text.replace("id={keys.aws_access_key_id} secret={keys.aws_secret_access_key} token={keys.aws_session_token} ", "")
    ruleset = load_rules([str(write_pack(tmp_path, safe))], include_builtin=False)
    credentials = f"[x]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\naws_session_token = {TOKEN}\n"
    (finding,) = lint_text(ruleset, ruleset.rules, credentials=credentials)
    assert finding.message == "kid=AKIA…2EPF"


def test_suggest() -> None:
    assert suggest("AWS2O1", ["AWS201", "AWS213"]) == " (did you mean 'AWS201'?)"
    assert suggest("zzz", ["AWS201"]) == ""


def test_builtin_rules_load_and_are_unique(ruleset) -> None:
    codes = [r.code for r in ruleset.rules]
    assert len(codes) == len(set(codes))
    assert {"AWS001", "AWS002", "AWS003", "AWS006", "AWS201", "AWS203", "AWS213", "AWS301"} <= set(codes)
    for rule in ruleset.rules:
        if rule.code.startswith("AWS2") or rule.code == "AWS301":
            assert "security" in rule.tags, rule.code


def test_rule_format_doc_lists_every_fact() -> None:
    from awslint.facts.catalog import FACTS

    doc = (Path(__file__).parent.parent / "docs" / "rule-format.md").read_text()
    for scope, facts in FACTS.items():
        assert f"### `{scope}`" in doc
        for name, meaning in facts.items():
            assert f"| `{name}` | {meaning} |" in doc, f"docs/rule-format.md misses fact {scope}.{name}"
