"""Options with equal facts are evaluated once per group (``FactBuilder.option_groups``).

The grouped run must report exactly what evaluating every option on its own reports: same
findings, same messages, same locations, on files that repeat keys and values in many sections
(the case the groups are for) and with a user rule that reads the one fact that differs between
members (``section``).
"""

from __future__ import annotations

from typing import Any

from support.engine_reference import RULESET, reference_findings

from awslint.engine.run import run_rules
from awslint.facts.builder import FactBuilder
from awslint.aws.model import build_view
from awslint.syntax.parse import parse
from awslint.engine.ruleset import load_rules
from awslint.files.source import CONFIG, CREDENTIALS, source_from_text

PROFILE = """\
[profile p{i}]
region = eu-west-1   # main region
output = json
Output = text
sso_start_url = https://x.awsapps.com/start
sso_regoin = eu-west-1
retry_mode = fastest
region: us-east-1
cli_pager = 'less'
credential_process = ~/bin/creds --profile same
region = eu-wets-1
s3 =
  addressing_style = sideways
weird_key = 1
"""
CREDS = """\
[p{i}]
region = eu-west-1 # here
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
output = json

"""


def _view(profiles: int) -> Any:
    config = parse(source_from_text("".join(PROFILE.format(i=i) for i in range(profiles)), CONFIG, CONFIG))
    creds = parse(source_from_text("".join(CREDS.format(i=i) for i in range(profiles)), CREDENTIALS, CREDENTIALS))
    return build_view(config, creds)


def _grouped(ruleset: Any, view: Any) -> list[tuple[Any, ...]]:
    found = run_rules(ruleset, ruleset.rules, view)
    return sorted((f.code, f.path, f.line, f.column, f.message) for f in found)


def _plain(ruleset: Any, view: Any) -> list[tuple[Any, ...]]:
    from awslint.engine.render import render_message as render

    builder = FactBuilder(view, ruleset.data)
    messages = {}
    for rule in ruleset.rules:
        if rule.scope != "option":
            continue
        for subject in builder.subjects("option"):
            for check in rule.checks:
                messages[(rule.code, subject.location.file.path, subject.location.line, check.message)] = render(check.message, subject)
    return [
        (code, path, line, column, messages.get((code, path, line, message)))
        for code, path, line, column, message in reference_findings(ruleset, view)
    ]


def test_groups_are_shared_across_sections() -> None:
    from awslint.facts.catalog import MEMBER_FACTS

    view = _view(20)
    groups = FactBuilder(view, RULESET.data).option_groups()
    options = sum(len(s.options) for f in view.files for s in f.sections)
    assert sum(group.size for group in groups) == options
    # Each plain one-line option is shared by its 20 copies; duplicates, nested blocks and key
    # material (which depends on the section's other keys) stay alone.
    assert sum(1 for group in groups if group.size == 20) >= 9
    assert len(groups) < options / 2
    members = [m for group in groups for m in group.members()]
    assert sorted(id(m.node) for m in members) == sorted(id(o) for f in view.files for s in f.sections for o in s.options)
    for group in groups:
        for member in group.members():
            assert {k: v for k, v in member.facts.items() if k not in MEMBER_FACTS} == {
                k: v for k, v in group.subject.facts.items() if k not in MEMBER_FACTS
            }


VALUES = [
    "1", "100000000000", "true", "True", "yes", "json", "'json'", '"x"', "eu-west-1", "us-east-1a",
    "https://example.com", "http://10.0.0.1:9000", "{{ .region }}", "${REGION}", "~/bin/x --y", "a b",
    "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "", "0", "-5", "3600", "legacy",
    "regional", "standard", "adaptive", "virtual", "sso:account:access", "s3", "x" * 70, "arn:aws:iam::1:role/r",
]


def test_members_differ_only_in_member_facts_for_every_key_and_value() -> None:
    """Build every member on its own: its facts equal its group's but for MEMBER_FACTS, for every
    setting the catalogue knows (and unknown ones) in every kind of section, with many values."""
    from awslint.facts.catalog import MEMBER_FACTS

    catalog = FactBuilder(_view(1), RULESET.data).references.catalog
    keys = sorted(catalog.all_setting_names)[:400] + ["weird_key", "Region", "my_password", "x_token"]
    headers = ["default", "profile a", "sso-session s", "services dev", "other", "profile b"]
    parts = []
    for n, header in enumerate(headers):
        parts.append(f"[{header}]\n" + "".join(f"{key} = {VALUES[(i + n) % len(VALUES)]}\n" for i, key in enumerate(keys)))
        parts.append(f"[{header}]\n" + "".join(f"{key} = {VALUES[(i + n + 7) % len(VALUES)]}\n" for i, key in enumerate(keys)))
    config = parse(source_from_text("".join(parts).replace("[profile b]", "[profile b]\nendpoint_url = http://minio:9000"), CONFIG, CONFIG))
    creds = parse(source_from_text("[a]\n" + "".join(f"{k} = {VALUES[i % len(VALUES)]}\n" for i, k in enumerate(keys)), CREDENTIALS, CREDENTIALS))
    groups = FactBuilder(build_view(config, creds), RULESET.data).option_groups()
    shared = 0
    for group in groups:
        want = {k: v for k, v in group.subject.facts.items() if k not in MEMBER_FACTS}
        for member in group.members()[1:]:
            shared += 1
            assert {k: v for k, v in member.facts.items() if k not in MEMBER_FACTS} == want, (member.key, member.section)
    assert shared > 300


def test_grouped_run_reports_what_each_option_alone_reports() -> None:
    view = _view(12)
    grouped = _grouped(RULESET, view)
    assert len(grouped) > 12 * 10  # many rules fire on every repeated option
    plain = _plain(RULESET, view)
    option_codes = {r.code for r in RULESET.rules if r.scope == "option"}
    # Same findings; for option rules also the same rendered message (section names differ).
    assert [g[:4] for g in grouped] == [p[:4] for p in plain]
    for got, want in zip(grouped, plain):
        if got[0] in option_codes:
            assert got[4] == want[4]


def test_a_rule_reading_the_section_fact_is_judged_per_member(tmp_path: Any) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        """\
rules:
  - code: XYZ001
    name: json-output-in-p3
    scope: option
    severity: warning
    summary: Output set in p3.
    message: "{key} in {section}"
    when:
      all:
        - {fact: name, equals: output}
        - {fact: section, equals: profile p3}
    examples:
      fail:
        - config: "[profile p3]\\noutput = json\\n"
      pass:
        - config: "[profile p2]\\noutput = json\\n"
"""
    )
    ruleset = load_rules([str(pack)], include_builtin=False)
    view = _view(6)
    found = run_rules(ruleset, ruleset.rules, view)
    # Two `output` options in [profile p3] (output, Output), nothing from the other sections.
    assert sorted((f.code, f.section, f.line) for f in found) == [
        ("XYZ001", "profile p3", line) for line in sorted(
            o.line for s in view.files[0].sections if s.name == "profile p3" for o in s.options if o.name == "output"
        )
    ]


MEMBER_PACK = """\
rules:
  - code: XYZ002
    name: in-p3
    scope: option
    severity: warning
    summary: Anything in p3.
    message: "{key} in {section}"
    when: {fact: section, equals: profile p3}
    examples:
      fail: [{config: "[profile p3]\\nx = 1\\n"}]
      pass: [{config: "[profile p2]\\nx = 1\\n"}]
  - code: XYZ003
    name: weird-two
    scope: option
    severity: warning
    summary: weird_opt set to 2.
    message: "{key} = {value|cut:60}"
    when:
      all:
        - {fact: value, equals: "2"}
        - {fact: name, equals: weird_opt}
    examples:
      fail: [{config: "[profile p3]\\nweird_opt = 2\\n"}]
      pass: [{config: "[profile p3]\\nweird_opt = 1\\n"}]
  - code: XYZ004
    name: shown-not-one
    scope: option
    severity: warning
    summary: value is not 1.
    message: "{key}"
    when: {fact: value, not_equals: "1"}
    examples:
      fail: [{config: "[profile p3]\\nweird_opt = 2\\n"}]
      pass: [{config: "[profile p3]\\nweird_opt = 1\\n"}]
  - code: XYZ005
    name: contains-nothing
    scope: option
    severity: warning
    summary: Every text contains the empty text.
    message: "{key}"
    when: {fact: value, contains: ""}
    examples:
      fail: [{config: "[profile p3]\\nweird_opt =\\n"}]
      pass: [{config: "[profile p3]\\nweird_opt = [1]\\n", count: 1}]
"""


def test_rules_on_member_facts_alone_see_every_member(tmp_path: Any) -> None:
    """A test on `section` or `value` must not be judged (or indexed) on a group's
    first member: the group's other members can pass it (review finding)."""
    pack = tmp_path / "pack.yaml"
    pack.write_text(MEMBER_PACK)
    ruleset = load_rules([str(pack)], include_builtin=False)
    text = "".join(f"[profile p{i}]\nweird_opt = {1 if i < 3 else 2}\nempty =\nother = x\n" for i in range(1, 12))
    view = build_view(parse(source_from_text(text, CONFIG, CONFIG)), None)
    grouped = _grouped(ruleset, view)
    assert [g[:4] for g in grouped] == [p[:4] for p in reference_findings(ruleset, view)]
    codes = [g[0] for g in grouped]
    assert codes.count("XYZ002") == 3  # the three options of [profile p3]
    assert codes.count("XYZ003") == 9  # weird_opt = 2 in p3..p11, grouped with nothing else
    assert codes.count("XYZ005") == 11 * 3  # "" is in every value, the empty ones included


def test_the_per_view_memo_never_lends_one_file_s_facts_to_the_other(monkeypatch: Any) -> None:
    """The same line in a template file and in a plain file has different facts (template_value)."""
    from awslint.facts import builder as builder_module

    line = (
        "[default]\noutput = {{ .output }}\ncli_pager = {{ .pager }}\noutput = json\nsso_start_url = https://x.awsapps.com/start\n"
        "credential_process = aws-vault export dev\nmfa_serial = arn:aws:iam::123456789012:mfa/me\nrole_arn = {{ .role }}\n"
        "duration_seconds = 3600\ncredential_source = Environment\nendpoint_url = http://localhost:4566\nsso_regoin = x\n"
    )
    data = load_rules().data

    def option_facts(memo: bool, template_role: str) -> list[tuple[str, str, Any]]:
        if not memo:
            monkeypatch.setattr(builder_module, "_one_line", lambda option: False)  # no memo key
        config = source_from_text(line, CONFIG, "config.tmpl" if template_role == CONFIG else "config")
        credentials = source_from_text(line, CREDENTIALS, "credentials.tmpl" if template_role == CREDENTIALS else "credentials")
        builder = FactBuilder(build_view(parse(config), parse(credentials)), data)
        facts = [(s.location.file.path, s.key, sorted(s.facts.items())) for s in builder.subjects("option")]
        monkeypatch.undo()
        return facts

    for role in (CONFIG, CREDENTIALS):
        with_memo = option_facts(True, role)
        assert with_memo == option_facts(False, role)
        templated = {path: False for path, _, _ in with_memo}
        for path, _, facts in with_memo:
            templated[path] |= dict(facts)["template_value"]
        assert templated == {path: path.endswith(".tmpl") for path in templated}
