"""Inline suppressions (next line, section, file; # and ;) and the AWS9xx hygiene rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.fakes import KEY_ID, SECRET, write_layout
from hypothesis import given, settings
from hypothesis import strategies as st

KEYS = f"aws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n"


def codes(findings) -> list[tuple[str, int]]:
    return [(f.code, f.line) for f in findings]


def test_next_line_suppresses_only_that_line(lint) -> None:
    config = "[default]\n# awslint: disable-next-line=AWS006 -- old tool\nregion = us-east-1 # main\noutput = json # x\n"
    assert codes(lint(config=config)) == [("AWS006", 4)]


def test_semicolon_comments_and_names_work(lint) -> None:
    config = "[default]\n;awslint: disable-next-line=inline-comment-in-value\nregion = us-east-1 # main\n"
    assert lint(config=config) == []


def test_blank_and_comment_lines_between_are_skipped(lint) -> None:
    config = "[default]\n# awslint: disable-next-line=AWS006\n\n# why: the old tool\nregion = us-east-1 # main\n"
    assert lint(config=config) == []


def test_section_form_covers_the_section_only(lint) -> None:
    config = (
        "# awslint: disable-section=AWS006 -- generated\n[default]\nregion = us-east-1 # a\noutput = json # b\n"
        "[profile x]\nregion = us-east-1 # c\n"
    )
    assert codes(lint(config=config)) == [("AWS006", 6)]


def test_file_form_anywhere(lint) -> None:
    config = "[default]\nregion = us-east-1 # a\n[profile x]\nregion = us-east-1 # c\n# awslint: disable-file=AWS006\n"
    assert lint(config=config) == []


def test_suppression_applies_to_its_own_file_only(lint) -> None:
    config = "# awslint: disable-file=AWS201\n[default]\nregion = eu-west-1\n"
    findings = lint(config=config, credentials="[default]\n" + KEYS)
    assert ("AWS201", 2) in codes(findings)  # the finding is in the credentials file
    assert ("AWS901", 1) in codes(findings)  # so the config's suppression is unused


def test_suppressed_findings_in_json_with_reason_and_exit_0(cli, tmp_path: Path) -> None:
    folder = write_layout(
        tmp_path / "aws",
        "[default]\n# awslint: disable-next-line=AWS006 -- read by legacy-tool\nregion = us-east-1 # main\n",
        "# awslint: disable-section=AWS201,long-term-key-on-disk\n[default]\n" + KEYS,
    )
    assert cli(str(folder)).code == 0
    text = cli(str(folder)).out
    assert "AWS006" not in text and "AWS201" not in text
    assert text.strip() == "Found 0 problems (0 errors, 0 warnings, 0 info) in 2 files."
    document = json.loads(cli(str(folder), "-f", "json").out)
    suppressed = {f["code"]: f["suppressed"] for f in document["findings"]}
    assert suppressed["AWS006"] == {"reason": "read by legacy-tool", "directive": "disable-next-line", "line": 2}
    assert suppressed["AWS201"] == {"reason": None, "directive": "disable-section", "line": 1}
    assert document["summary"] == {"files": 2, "errors": 0, "warnings": 0, "info": 0, "suppressed": 3}


def test_unused_names_are_reported(lint) -> None:
    config = "[default]\n# awslint: disable-next-line=AWS006,AWS003\nregion = us-east-1 # main\n"
    findings = lint(config=config)
    assert codes(findings) == [("AWS901", 2)]
    assert "AWS003" in findings[0].message and "AWS006" not in findings[0].message


def test_unused_is_judged_even_when_the_rule_is_not_selected(lint) -> None:
    used = "[default]\n# awslint: disable-next-line=AWS201\n" + KEYS
    assert lint(credentials=used, select=["AWS901"]) == []
    unused = "[work]\n# awslint: disable-next-line=AWS201\n" + KEYS
    assert codes(lint(credentials=unused, select=["AWS901"])) == [("AWS901", 2)]


def test_unknown_rule_suggests(lint) -> None:
    findings = lint(config="# awslint: disable-file=AWS0O6,no-such-rule\n[default]\nregion = us-east-1 # x\n")
    aws902 = [f for f in findings if f.code == "AWS902"]
    assert len(aws902) == 1
    assert "AWS0O6, no-such-rule" in aws902[0].message and "(did you mean 'AWS006'?)" in aws902[0].message
    assert ("AWS006", 3) in codes(findings)  # nothing suppressed


@pytest.mark.parametrize(
    ("config", "where"),
    [
        ("[default]\nregion = eu-west-1 # awslint: disable-next-line=AWS303\n", "value"),
        ("[default] ; awslint: disable-section=AWS006\nregion = eu-west-1 # x\n", "section header"),
    ],
)
def test_trailing_suppression_is_an_error(lint, config: str, where: str) -> None:
    findings = [f for f in lint(config=config) if f.code == "AWS903"]
    assert len(findings) == 1 and findings[0].severity == "error"
    assert f"follows a {where}" in findings[0].message
    assert findings[0].line == 1 + (where == "value")


def test_trailing_suppression_after_a_secret_never_prints_it(lint) -> None:
    credentials = f"[work]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET} # awslint: disable-next-line=AWS207\n"
    findings = lint(credentials=credentials)
    assert any(f.code == "AWS903" for f in findings)
    for f in findings:
        assert SECRET not in f.message and KEY_ID not in f.message


@pytest.mark.parametrize(
    ("comment", "detail"),
    [
        ("# awslint: disable-nextline=AWS006", "unknown directive 'disable-nextline' (did you mean 'disable-next-line'?)"),
        ("# awslint: disable-next-line", "names no rule"),
        ("# awslint: disable-next-line=", "names no rule"),
        ("# awslint:", "unknown directive '(nothing)'"),
        ("# awslint: disable-file=AWS006 AWS003", "is not a rule code or name"),
    ],
)
def test_malformed_suppressions_are_findings(lint, comment: str, detail: str) -> None:
    findings = lint(config=f"{comment}\n[default]\nregion = eu-west-1\n")
    assert [f.code for f in findings] == ["AWS904"]
    assert detail in findings[0].message


def test_section_directive_must_precede_a_header(lint) -> None:
    findings = lint(config="[default]\n# awslint: disable-section=AWS006\nregion = eu-west-1 # x\n")
    assert ("AWS904", 2) in codes(findings) and ("AWS006", 3) in codes(findings)


def test_directive_at_the_end_of_the_file(lint) -> None:
    findings = lint(config="[default]\nregion = eu-west-1\n# awslint: disable-next-line=AWS006")
    assert codes(findings) == [("AWS904", 3)]


def test_hygiene_rules_can_be_ignored(cli, tmp_path: Path) -> None:
    folder = write_layout(tmp_path / "aws", "# awslint: disable-file=AWS006\n[default]\nregion = eu-west-1\n")
    assert "AWS901" in cli(str(folder)).out
    result = cli(str(folder), "--ignore", "AWS9")
    assert result.code == 0 and "AWS901" not in result.out


def test_sibling_context_file_is_not_scanned(cli, tmp_path: Path) -> None:
    folder = write_layout(tmp_path / "aws", "[default]\nregion = eu-west-1\n", "# awslint: nonsense\n[x]\nregion = eu-west-1\n")
    result = cli(str(folder / "config"))  # credentials is read as context only
    assert result.code == 0 and "AWS904" not in result.out


@settings(max_examples=150, deadline=None)
@given(body=st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"), max_size=60))
def test_any_awslint_comment_is_handled(ruleset, body: str) -> None:
    """Whatever follows 'awslint:', linting never raises and yields only ordinary findings."""
    from awslint.run.lint import lint_text

    for prefix in ("# awslint:", "; awslint:"):
        findings = lint_text(ruleset, ruleset.rules, config=f"{prefix}{body}\n[default]\nregion = eu-west-1 # x\n")
        assert all(f.line >= 1 and f.column >= 1 for f in findings)


def test_many_suppressions_stay_linear(ruleset) -> None:
    """Thousands of directives cost about what the same file without them costs."""
    import time

    from awslint.run.lint import lint_text

    block = "# awslint: disable-section=AWS006\n[profile p{i}]\n# awslint: disable-next-line=AWS006\nregion = eu-west-1 # x\n"
    text = "".join(block.format(i=i) for i in range(1500)) + "# awslint: disable-file=AWS001\n" * 1000
    plain = text.replace("awslint:", "note:")
    start = time.perf_counter()
    lint_text(ruleset, ruleset.rules, config=plain)
    baseline = time.perf_counter() - start
    start = time.perf_counter()
    findings = lint_text(ruleset, ruleset.rules, config=text)
    took = time.perf_counter() - start
    assert not any(f.code == "AWS006" for f in findings)
    assert took < 4 * baseline + 1.0, (took, baseline)


def test_a_directive_spelt_with_a_unicode_case_variant_does_not_crash(cli, tmp_path: Path) -> None:
    """The directive pattern is case-insensitive in Unicode (``ſ`` matches ``s``); a file whose
    only directive is spelt so once crashed the scan (IndexError)."""
    path = tmp_path / "config"
    path.write_text("[default]\nregion = eu-west-1\n# aw\u017flint: disable-next-line=AWS303\nregion = nope\n")
    result = cli(str(path), "--format", "json")
    assert result.code == 1, result.err
    found = json.loads(result.out)["findings"]
    assert [(f["code"], bool(f.get("suppressed"))) for f in found] == [("AWS003", False), ("AWS303", True)]
