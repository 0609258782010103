"""The parse layer: positions, configparser's values, issues, and a byte-exact document."""

from __future__ import annotations

import configparser
import json
from pathlib import Path

import pytest
from awslint.aws.model import section_settings
from awslint.syntax.parse import parse
from awslint.files.source import decode, source_from_text, split_lines
from hypothesis import given, settings
from hypothesis import strategies as st
from support.fakes import write_layout


def parsed(text: str, role: str = "config"):
    return parse(source_from_text(text, role))


def raw_config(result) -> dict:
    """Plain values per section, as botocore's raw_config_parse returns them."""
    return {name: {k: s.value for k, s in settings.items()} for name, (_, settings) in section_settings(result).items()}


def test_positions_of_headers_options_and_values() -> None:
    result = parsed("# c\n\n  [default]\nregion = us-east-1\nOutput:json\n")
    (section,) = result.sections
    assert (section.name, section.line, section.column) == ("default", 3, 3)
    region, output = section.options
    assert (region.name, region.line, region.column, region.key_end_column, region.value_column) == ("region", 4, 1, 7, 10)
    assert (output.key, output.name, output.delimiter, output.value) == ("Output", "output", ":", "json")


def test_continuation_blank_and_comment_lines_follow_configparser() -> None:
    text = "[a]\nx = 1\n\n# c\n  more\n\n[b]\ncp = /bin/tool\n  --flag\n"
    result = parsed(text)
    values = {o.name: o.value for s in result.sections for o in s.options}
    assert values == {"x": "1\n\nmore", "cp": "/bin/tool\n--flag"}
    assert result.sections[0].options[0].end_line == 5


def test_indented_header_after_a_key_is_swallowed() -> None:
    result = parsed("[default]\nregion = us-east-1\n  [profile foo]\noutput = json\n")
    assert [s.name for s in result.sections] == ["default"]
    assert result.sections[0].options[0].value == "us-east-1\n[profile foo]"


def test_bad_lines_are_issues_and_the_rest_is_still_parsed() -> None:
    text = "region = x\n[default]\nbare\n= v\n[profile dev\nok = 1\n"
    result = parsed(text)
    assert [(i.kind, i.line, i.fatal) for i in result.issues] == [
        ("before-section", 1, True),
        ("missing-delimiter", 3, True),
        ("empty-key", 4, True),
        ("bad-header", 5, True),
    ]
    assert [o.name for o in result.sections[0].options] == ["ok"]
    assert result.botocore_error is not None


def test_header_without_bracket_but_with_delimiter_is_a_key_for_botocore() -> None:
    result = parsed("[a]\n[profile b = c\n")
    assert [(i.kind, i.fatal) for i in result.issues] == [("bad-header", False)]
    assert result.sections[0].options[0].name == "[profile b"
    assert result.botocore_error is None


def test_duplicates() -> None:
    result = parsed("[a]\nk = 1\nK = 2\n[b]\n[a]\nk = 3\n")
    kinds = [(i.kind, i.line) for i in result.issues]
    assert kinds == [("duplicate-key", 3), ("duplicate-section", 5)]
    assert result.sections[2].duplicate_of is result.sections[0]
    # Lenient reading: duplicate sections merge and the last key wins.
    assert raw_config(result) == {"a": {"k": "3"}, "b": {}}


def test_default_section_is_inherited() -> None:
    result = parsed("[DEFAULT]\nregion = eu-west-1\n[a]\n[b]\nregion = us-east-1\n")
    assert raw_config(result) == {"a": {"region": "eu-west-1"}, "b": {"region": "us-east-1"}}


def test_nested_block_and_missing_equals() -> None:
    result = parsed("[a]\ns3 =\n  Addressing_Style = path\n  bad: x\n")
    option = result.sections[0].options[0]
    assert option.nested == {"Addressing_Style": "path"}
    assert [(i.kind, i.line) for i in result.issues] == [("nested-missing-equals", 4)]


def test_inline_comment_column() -> None:
    option = parsed("[a]\nregion = us-east-1 # prod\n").sections[0].options[0]
    assert option.value == "us-east-1 # prod"
    assert option.value_lines[0].inline_comment_column == 20
    assert parsed("[a]\nurl = https://x/start#/\n").sections[0].options[0].value_lines[0].inline_comment_column is None


def test_bom_and_invalid_utf8() -> None:
    text, bom, problem = decode(b"\xef\xbb\xbf[a]\nk = caf\xe9\n")
    assert bom and problem is not None and (problem.line, problem.column) == (2, 8)
    assert text.startswith("[a]")


def test_universal_newlines_only() -> None:
    assert split_lines("a\r\nb\rc\nd\x0ce\x85f") == ["a\r\n", "b\r", "c\n", "d\x0ce\x85f"]


@pytest.mark.parametrize("text", ["", "# only a comment\n", "\n\n", "[a]"])
def test_trivial_files(text: str) -> None:
    result = parsed(text)
    assert result.issues == [] and result.botocore_error is None


def _roundtrip(text: str) -> str:
    result = parsed(text)
    return "".join(result.preamble) + str(result.document)


def test_document_keeps_every_byte() -> None:
    # configupdater writes "\n" after a header that ends in a lone "\r" (old Mac endings), so
    # CR-only files are kept byte-exact through ParsedFile.source.lines, not the document.
    text = "# head\r\n[a]\r\nk = v # c\r\n\r\n  cont\r\n[a]\nbad line\n= v\n[b]\nx=1"
    assert _roundtrip(text) == text


LINE = st.one_of(
    st.sampled_from(["[default]", "[profile a]", "[a", "  [b]", "k = v", "K=v", "s3 =", "  k = v", "  x", "# c", "; c", "", "= v", "bare", "k: v # c", "[DEFAULT]"]),
    st.text(alphabet="[]=:#; \tabkK\u00a0", max_size=12),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(LINE, max_size=14), st.sampled_from(["\n", "\r\n", "\r"]))
def test_values_equal_configparser_and_document_roundtrips(lines: list[str], ending: str) -> None:
    """Property: where configparser reads a file, our values are its values, and no byte is lost."""
    text = ending.join(lines)
    result = parsed(text)
    if ending != "\r":
        assert _roundtrip(text) == text
    parser = configparser.RawConfigParser()
    try:
        parser.read_string(text.replace("\r\n", "\n").replace("\r", "\n"))
    except configparser.Error:
        assert result.botocore_error is not None
        return
    expected = {s: dict(parser.items(s)) for s in parser.sections()}
    ours = {
        name: {k: (v if isinstance(v, str) else None) for k, v in values.items()}
        for name, values in raw_config(result).items()
    }
    plain = {name: {k: v for k, v in values.items() if not v.startswith("\n")} for name, values in expected.items()}
    assert {n: {k: v for k, v in vals.items() if v is not None} for n, vals in ours.items()} == plain


def test_parse_issues_name_their_section_and_profile(cli, tmp_path: Path) -> None:
    folder = write_layout(tmp_path / "aws", "# top\nstray\n[profile dev]\nbare\nregion = eu-west-1\n")
    findings = json.loads(cli(str(folder), "-f", "json").out)["findings"]
    assert [(f["line"], f["section"], f["profile"]) for f in findings] == [(2, None, None), (4, "profile dev", "dev")]
