"""The fast lint parse (``parse``) equals the configupdater walk (``parse_with_configupdater``).

``parse`` scans lines itself for speed and builds the configupdater document only on demand;
every position, value and issue must be exactly what the reference walk produces, and the
lazily attached blocks must be the ones the reference attaches.
"""

from __future__ import annotations

from typing import Any

import pytest
from awslint.syntax.parse import ParsedFile, parse, parse_with_configupdater
from awslint.files.source import decode, source_from_text
from corpus.parsing_cases import CASES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


def shape(parsed: ParsedFile) -> dict[str, Any]:
    """Everything the linter reads from a parse, as plain data."""
    sections = []
    for section in parsed.sections:
        options = [
            (
                o.key, o.name, o.delimiter, o.value, o.line, o.column, o.key_end_column, o.end_line, o.value_column,
                # Trailing blank lines are kept by one walk and not the other; configparser
                # strips them from the value, so only lines with text are compared.
                [(p.line, p.column, p.text, p.inline_comment_column) for p in o.value_lines if p.text],
                o.nested, None if o.duplicate_of is None else o.duplicate_of.line,
            )
            for o in section.options
        ]
        duplicate = None if section.duplicate_of is None else section.duplicate_of.line
        sections.append((section.name, section.line, section.column, section.end_column, section.raw, duplicate, options))
    issues = [(i.kind, i.line, i.column, i.end_column, i.message, i.fatal) for i in parsed.issues]
    return {"sections": sections, "issues": issues, "preamble": parsed.preamble, "error": parsed.botocore_error}


def assert_same(text: str) -> None:
    fast = parse(source_from_text(text, "config"))
    reference = parse_with_configupdater(source_from_text(text, "config"))
    _compare(fast, reference)


def _compare(fast: ParsedFile, reference: ParsedFile) -> None:
    assert shape(fast) == shape(reference)
    # The lazily built document is the reference's, byte for byte, and blocks line up.
    assert str(fast.document) == str(reference.document)
    for section, ref_section in zip(fast.sections, reference.sections):
        assert str(section.block) == str(ref_section.block)
        for option, ref_option in zip(section.options, ref_section.options):
            assert option.block is not None and str(option.block) == str(ref_option.block)


LINE = st.one_of(
    st.sampled_from(
        [
            "[default]", "[profile a]", "[a", "  [b]", "[a] x", "[]", "[ ]", "k = v", "K=v", "s3 =", "  k = v", "  x",
            "    deeper", "# c", "; c", "  # indented", "", "   ", "\t", "= v", " : v", "bare", "k: v # c",
            "[DEFAULT]", "[profile a", "[a = b]", "k = v ; c", "\x0c", "\u00a0x", "k\u00a0= v",
        ]
    ),
    st.text(alphabet="[]=:#; \tabkK\u00a0\x0c", max_size=12),
)


@settings(max_examples=400, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
@given(st.lists(LINE, max_size=16), st.sampled_from(["\n", "\r\n", "\r"]))
def test_fast_parse_equals_configupdater_walk(lines: list[str], ending: str) -> None:
    assert_same(ending.join(lines))


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fast_parse_equals_configupdater_walk_on_the_corpus(case: Any) -> None:
    for data in (case.config, case.credentials):
        if data is not None:
            assert_same(decode(data)[0])


def test_blocks_are_built_only_when_asked() -> None:
    parsed = parse(source_from_text("[default]\nregion = us-east-1\n", "config"))
    assert parsed._document is None  # linting alone never builds the document
    option = parsed.sections[0].options[0]
    assert option.block.key == "region" and option.block.value == "us-east-1"
    assert parsed._document is not None
