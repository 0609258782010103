"""Lenient parsing with configupdater, strict reporting with botocore's eyes.

configupdater keeps every line (comments, blank lines, duplicates) for round-trip edits. We
walk its blocks once, counting lines, and compute what ``configparser.RawConfigParser`` (the
parser botocore uses) would make of each option: lower-cased name, value with continuation
lines joined, comment lines dropped. Lines configparser rejects are recorded as issues (and
kept in the document as comments) instead of aborting the parse.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from sys import intern
from awslint.standins.records import dataclass, field
from typing import Any, Optional, Union

from awslint.files.source import SourceFile
from awslint.files.templates import mask_source

# configupdater is imported only when a document is built (fixes, the reference walk): a
# lint run never needs it, and its import is a noticeable part of start-up.

COMMENT_PREFIXES = ("#", ";")
DEFAULT_SECTION = "DEFAULT"  # configparser's default_section: inherited by every section

# configparser's section header (greedy: the name runs to the last "]" on the line).
SECTCRE = re.compile(r"\[(?P<header>.+)\]")
# configparser's option line on the stripped line; the first "=" or ":" delimits (the
# lookahead form avoids quadratic backtracking on long lines, as in configupdater).
OPTCRE = re.compile(
    r"(?P<option>(?:(?![=:])\S)*(?:(?:(?![=:])\s)+(?:(?![=:])\S)+)*)\s*(?P<vi>[=:])\s*(?P<value>.*)$"
)
_INLINE_COMMENT = re.compile(r"(?:^|\s)[#;]")

#: ``__slots__`` for the nodes made per line (less memory and faster attribute access on 10^5
#: lines); dataclass(slots=True) needs Python 3.10, older versions simply go without.
SLOTS: dict[str, Any] = {"slots": True} if sys.version_info >= (3, 10) else {}

NestedValue = dict[str, str]
Value = Union[str, NestedValue]


@dataclass(**SLOTS)
class ParseIssue:
    """A line configparser cannot read (``fatal``) or that is almost certainly a mistake."""

    kind: str
    line: int
    column: int
    message: str
    fatal: bool = True
    end_column: Optional[int] = None


@dataclass(**SLOTS)
class ValueLine:
    """One physical line that contributes to a value: first line or a continuation."""

    line: int
    column: int  # 1-based column where the text starts
    text: str  # stripped, as configparser keeps it

    @property
    def inline_comment_column(self) -> Optional[int]:
        """Column of a ``#``/``;`` that follows whitespace (kept in the value by botocore)."""
        text = self.text
        if "#" not in text and ";" not in text:  # the usual case, without the regex
            return None
        match = _INLINE_COMMENT.search(text)
        if match is None:
            return None
        return self.column + match.end() - 1


@dataclass(**SLOTS)
class OptionNode:
    """One ``key = value`` entry as written, with botocore's view of it."""

    key: str  # as written
    name: str  # lower-cased, as botocore stores it
    delimiter: str
    value: str  # configparser's value: continuation lines joined with "\n"
    line: int
    column: int
    key_end_column: int
    value_lines: list[ValueLine]
    end_line: int
    section: "SectionNode"
    duplicate_of: Optional["OptionNode"] = None
    nested: Optional[NestedValue] = None  # set when the value is a nested block
    _block: Any = field(default=None, repr=False, compare=False)
    _document: Optional["_LazyDocument"] = field(default=None, repr=False, compare=False)

    @property
    def value_column(self) -> int:
        return self.value_lines[0].column if self.value_lines else self.key_end_column

    @property
    def block(self) -> Any:
        """The configupdater Option of this line (for fixes), built on first use."""
        if self._block is None and self._document is not None:
            self._document.build()
        return self._block

    @block.setter
    def block(self, value: Any) -> None:
        self._block = value


@dataclass(**SLOTS)
class SectionNode:
    """A ``[header]`` and the options under it (this block only)."""

    name: str  # configparser's section name: the text between "[" and the last "]"
    line: int
    column: int
    end_column: int
    raw: str  # the header line as written, without its line ending
    options: list[OptionNode] = field(default_factory=list)
    duplicate_of: Optional["SectionNode"] = None
    _block: Any = field(default=None, repr=False, compare=False)
    _document: Optional["_LazyDocument"] = field(default=None, repr=False, compare=False)

    @property
    def block(self) -> Any:
        """The configupdater Section of this header (for fixes), built on first use."""
        if self._block is None and self._document is not None:
            self._document.build()
        return self._block

    @block.setter
    def block(self, value: Any) -> None:
        self._block = value


@dataclass
class ParsedFile:
    """A file parsed once: every header and option with positions, and what is wrong."""

    source: SourceFile
    sections: list[SectionNode]
    issues: list[ParseIssue]
    _document: Any = field(default=None, repr=False, compare=False)
    preamble: list[str] = field(default_factory=list)  # lines before the first header
    _lazy: Optional["_LazyDocument"] = field(default=None, repr=False, compare=False)

    @property
    def document(self) -> Any:
        """configupdater Document of the lines from the first header on (for fixes).

        Linting never needs it, so it is built on first use: configupdater's parse costs more
        than everything else a lint run does.
        """
        if self._document is None and self._lazy is not None:
            self._lazy.build()
        return self._document

    @document.setter
    def document(self, value: Any) -> None:
        self._document = value

    @property
    def path(self) -> str:
        return self.source.path

    @property
    def role(self) -> str:
        return self.source.role

    @property
    def botocore_error(self) -> Optional[str]:
        """Why botocore raises ConfigParseError for this file, or None if it reads it."""
        for issue in self.issues:
            if issue.fatal:
                return f"line {issue.line}: {issue.message}"
        return None


_PARSER_CLASS: Any = None


def _lenient_parser() -> Any:
    """A configupdater parser that records bad lines instead of raising at the end."""
    global _PARSER_CLASS
    if _PARSER_CLASS is None:
        from configupdater.block import Space
        from configupdater.option import Option as CUOption
        from configupdater.parser import Parser

        class _LenientParser(Parser):
            """configupdater's parser that records bad lines instead of raising at the end."""

            def __init__(self) -> None:
                super().__init__(strict=False, empty_lines_in_values=True)
                self.bad_lines: list[tuple[int, str]] = []

            def _check_values_with_blank_lines(self) -> None:
                # configupdater's version asks every option for its next block, an O(n) list search
                # each time: quadratic in the keys of a section. Same merge, one pass per section.
                for section in self._document.section_blocks():
                    blocks = list(section.iter_blocks())
                    for option, following in zip(blocks, blocks[1:]):
                        if isinstance(option, CUOption) and isinstance(following, Space) and "".join(following.lines).strip():
                            self._merge_option_with_space(option, following)

            def _handle_error(self, exc: Any, fpname: str, lineno: int, line: str) -> Any:
                self.bad_lines.append((lineno, line))
                stripped = line.strip()
                match = OPTCRE.match(stripped)
                if match is None:
                    # configupdater drops such a line; keep it (as a comment block) so line numbers
                    # and round-trip output stay exact.
                    self._add_comment(line)
                return None

        _PARSER_CLASS = _LenientParser
    return _PARSER_CLASS()


def _issue_for_bad_line(lineno: int, line: str) -> ParseIssue:
    stripped = line.strip()
    column = len(line) - len(line.lstrip()) + 1
    end = column + len(stripped)
    if stripped.startswith("["):
        if "]" not in stripped:
            message = "section header has no closing ']'"
        else:
            message = "section header has an empty name"
        return ParseIssue("bad-header", lineno, column, message, end_column=end)
    match = OPTCRE.match(stripped)
    if match is not None and not match.group("option"):
        return ParseIssue("empty-key", lineno, column, "a value with no key before the delimiter", end_column=end)
    return ParseIssue(
        "missing-delimiter",
        lineno,
        column,
        "this line is neither a [section] header nor 'key = value'",
        end_column=end,
    )


def _strip_ending(line: str) -> str:
    return line.rstrip("\r\n")


def parse(source: SourceFile) -> ParsedFile:
    """Parse one file. Never raises on content.

    The lint path scans the lines itself, exactly as configparser does (``_scan``); the
    configupdater document (and each node's ``block``) is built only when something asks for
    it. ``parse_with_configupdater`` is the reference the fast path is tested against.
    """
    source = mask_source(source)  # *.tmpl: {{ }} spans are placeholders (templates.py)
    opaque = _opaque(source)
    if opaque is not None:
        return opaque
    lines = source.lines
    issues, start = _preamble(lines)
    sections, bad = _scan(lines, start)
    if not sections and len(issues) > 1:
        return _not_ini(source, issues[0].line, _NO_HEADER.format(len(issues)))
    issues.extend(_issue_for_bad_line(lineno, lines[lineno - 1]) for lineno in bad)
    parsed = _finish(source, sections, issues, start)
    lazy = _LazyDocument(parsed)
    parsed._lazy = lazy
    for section in sections:
        section._document = lazy
        for option in section.options:
            option._document = lazy
    return parsed


def parse_with_configupdater(source: SourceFile) -> ParsedFile:
    """The reference parse: walk configupdater's blocks (slower; keeps them attached)."""
    source = mask_source(source)
    opaque = _opaque(source)
    if opaque is not None:
        return opaque
    lines = source.lines
    issues, start = _preamble(lines)
    if start == len(lines) and len(issues) > 1:
        return _not_ini(source, issues[0].line, _NO_HEADER.format(len(issues)))
    document, sections, bad = _configupdater_walk(source, start)
    issues.extend(_issue_for_bad_line(lineno, line) for lineno, line in bad.items())
    parsed = _finish(source, sections, issues, start)
    parsed.document = document
    return parsed


class _LazyDocument:
    """Builds the configupdater document of a fast-parsed file and attaches its blocks."""

    def __init__(self, parsed: ParsedFile) -> None:
        self.parsed = parsed
        self.built = False

    def build(self) -> None:
        if self.built:
            return
        self.built = True
        parsed = self.parsed
        document, sections, _ = _configupdater_walk(parsed.source, len(parsed.preamble))
        parsed.document = document
        # Match by line: both walks follow configparser, so every header and option line
        # the fast scan found is one configupdater block.
        section_blocks = {s.line: s.block for s in sections}
        option_blocks = {o.line: o.block for s in sections for o in s.options}
        for section in parsed.sections:
            section.block = section_blocks.get(section.line)
            for option in section.options:
                option.block = option_blocks.get(option.line)


def _opaque(source: SourceFile) -> Optional[ParsedFile]:
    """Ciphertext or binary data: one issue and no sections (opaque.py), else None."""
    from awslint.syntax.opaque import ciphertext_kind

    text = source.text
    if not text:
        return None
    tool = ciphertext_kind(text)
    if tool is not None:
        message = f"the file is encrypted ({tool})"
        return _whole_file(source, [ParseIssue("encrypted", 1, 1, message, end_column=2)])
    return None


def _whole_file(source: SourceFile, issues: list[ParseIssue]) -> ParsedFile:
    """A file judged as a whole: no sections, every line kept as preamble (an empty document
    after it, so the bytes still round-trip)."""
    parsed = ParsedFile(source, [], issues, None, list(source.lines))
    parsed._lazy = _LazyDocument(parsed)
    return parsed


_NO_HEADER = "the file has no [section] header, so none of its {} lines of text belongs to a section"


def _not_ini(source: SourceFile, line: int, message: str) -> ParsedFile:
    """One fatal issue for a file that is not INI at all (binary data, or text without a single
    header), instead of one per line; plus its first encoding issue, which says why (UTF-16…)."""
    from awslint.syntax.opaque import is_binary

    if is_binary(source.text) or source.decode_problem is not None:
        message = "the file is binary data or in an encoding other than UTF-8, not INI text"
    issues = [ParseIssue("not-ini", line, 1, message, end_column=2)] + _encoding_issues(source)[:1]
    issues.sort(key=lambda issue: (issue.line, issue.column))
    return _whole_file(source, issues)


def _preamble(lines: list[str]) -> tuple[list[ParseIssue], int]:
    """Issues for the lines before the first header, and that header's index."""
    issues: list[ParseIssue] = []
    start = len(lines)
    for index, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or stripped.startswith(COMMENT_PREFIXES):
            continue
        if SECTCRE.match(stripped):
            start = index
            break
        column = len(line) - len(line.lstrip()) + 1
        if stripped.startswith("["):
            issues.append(_issue_for_bad_line(index + 1, line))
        else:
            issues.append(
                ParseIssue(
                    "before-section",
                    index + 1,
                    column,
                    "a line before the first [section] header",
                    end_column=column + len(stripped),
                )
            )
    return issues, start


def _configupdater_walk(source: SourceFile, start: int) -> tuple[Any, list[SectionNode], dict[int, str]]:
    lines = source.lines
    parser = _lenient_parser()
    document = parser.read_file([_as_fed(line) for line in lines[start:]], source.path)
    bad = {lineno + start: line for lineno, line in parser.bad_lines}
    sections = _walk(document, start + 1, set(bad), lines)
    return document, sections, bad


def _finish(source: SourceFile, sections: list[SectionNode], issues: list[ParseIssue], start: int) -> ParsedFile:
    _check_options(sections, issues, _directive_lines(source) if source.template else None)
    issues.extend(_encoding_issues(source))
    issues.sort(key=lambda issue: (issue.line, issue.column))
    return ParsedFile(source, sections, issues, None, source.lines[:start])


_NONSPACE = re.compile(r"\S")


def _scan(lines: list[str], start: int) -> tuple[list[SectionNode], list[int]]:
    """``RawConfigParser._read`` from ``lines[start]`` on, leniently, with positions.

    Returns the sections (with options and value lines) and the line numbers configparser
    reports as parsing errors. Mirrors configparser line by line: a comment line changes
    nothing, a blank line adds "" to the current value, a line indented deeper than the
    option line continues it, anything else is a header, an option or an error (an error
    keeps the current option, so deeper lines after it still continue that value).
    """
    sections: list[SectionNode] = []
    bad: list[int] = []
    section: Optional[SectionNode] = None
    current: Optional[OptionNode] = None  # configparser's optname (None or "" → no value open)
    continued: list[OptionNode] = []  # options that got a continuation line with text
    indent_level = 0
    names: dict[str, tuple[str, str]] = {}  # key as written -> (shared key, shared lower-case name)
    for lineno, raw in enumerate(lines[start:], start + 1):
        value = raw.strip()
        if not value:
            if current is not None:
                current.value_lines.append(ValueLine(lineno, 1, ""))
            continue
        first = value[0]
        if first == "#" or first == ";":
            continue
        if raw[0] == first:  # the line starts with its text (the usual case): no indent
            cur_indent = 0
        else:
            cur_indent = _NONSPACE.search(raw).start()  # type: ignore[union-attr]
        if current is not None and cur_indent > indent_level:
            current.value_lines.append(ValueLine(lineno, cur_indent + 1, value))
            if not continued or continued[-1] is not current:
                continued.append(current)
            continue
        indent_level = cur_indent
        # SECTCRE and OPTCRE as string operations (same results, a third of the time): a
        # header is "[" … the last "]" with at least one character between; an option line
        # splits at its first "=" or ":".
        if first == "[":
            last = value.rfind("]")
            if last >= 2:
                header = raw.rstrip("\r\n")
                section = SectionNode(value[1:last], lineno, cur_indent + 1, len(header.rstrip()) + 1, header)
                sections.append(section)
                current = None
                continue
        if section is None:  # cannot happen: the scan starts at the first header
            continue
        equals, colon = value.find("="), value.find(":")
        at = colon if equals < 0 or 0 <= colon < equals else equals
        if at < 0:
            bad.append(lineno)
            continue
        written = value[:at].rstrip()
        if not written:
            bad.append(lineno)
            current = None
            continue
        rest = value[at + 1 :]
        text = rest.strip()
        # Keys repeat in every profile: one shared string each (10^5 options, a few MB).
        shared = names.get(written)
        if shared is None:
            shared = names[written] = (intern(written), intern(written.lower()))
        key, name = shared
        current = OptionNode(
            key,
            name,
            value[at],
            text,  # the whole value unless continuation lines with text follow
            lineno,
            cur_indent + 1,
            cur_indent + 1 + len(key),
            # The text starts after the spaces that follow the delimiter.
            [ValueLine(lineno, cur_indent + at + 2 + (rest.find(text) if text else len(rest)), text)],
            lineno,
            section,
        )
        section.options.append(current)
    # Blank lines alone change neither value nor end line (configparser strips them at the end).
    for option in continued:
        parts = option.value_lines
        option.value = "\n".join(part.text for part in parts).rstrip()
        option.end_line = max(part.line for part in parts if part.text or part.line == option.line)
    return sections, bad


_SUSPICIOUS = re.compile(r"[^\t\r\n\x20-\x7e\ufffd]")


def _encoding_issues(source: SourceFile) -> list[ParseIssue]:
    """A BOM or invalid UTF-8 (botocore cannot read the file) and non-ASCII characters."""
    issues = []
    if source.bom:
        issues.append(ParseIssue("bom", 1, 1, "the file starts with a UTF-8 byte-order mark", end_column=2))
    problem = source.decode_problem
    if problem is not None:
        issues.append(ParseIssue("invalid-utf8", problem.line, problem.column, problem.reason, end_column=problem.column + 1))
    if _SUSPICIOUS.search(source.text) is None:
        return issues  # the usual case: plain ASCII, one scan in C instead of one per line
    for index, line in enumerate(source.lines, start=1):
        match = _SUSPICIOUS.search(line)
        if match is None or line.strip().startswith(COMMENT_PREFIXES):
            continue
        char = match.group(0)
        name = unicodedata.name(char, "control character")
        issues.append(
            ParseIssue(
                "non-ascii", index, match.start() + 1, f"U+{ord(char):04X} ({name})",
                fatal=False, end_column=match.start() + 2,
            )
        )
    return issues


def _as_fed(line: str) -> str:
    """The line as configupdater should see it to agree with configparser.

    configparser takes any line whose stripped text starts with "#" or ";" as a comment,
    configupdater only unindented ones; and configupdater pads blocks after a line ending in a
    lone "\r" (old Mac files) with an extra newline. ``_restore`` puts the original text back.
    """
    if line.endswith("\r"):
        line = line[:-1] + "\n"
    if line[:1].isspace() and line.strip().startswith(COMMENT_PREFIXES):
        line = line.lstrip()
    return line


def _restore(block: Any, lineno: int, original: list[str]) -> None:
    """Put back the original text of lines that were fed to configupdater changed."""
    lines = block.lines
    for offset, line in enumerate(lines):
        if line != original[lineno - 1 + offset]:
            lines[offset] = original[lineno - 1 + offset]


def _walk(document: Any, first_line: int, bad: set[int], original: list[str]) -> list[SectionNode]:
    from configupdater.block import Space
    from configupdater.option import Option as CUOption
    from configupdater.section import Section as CUSection

    sections: list[SectionNode] = []
    lineno = first_line
    for block in document.iter_blocks():
        _restore(block, lineno, original)
        if not isinstance(block, CUSection):
            lineno += len(block.lines)
            continue
        header = _strip_ending(block.lines[0])
        column = len(header) - len(header.lstrip()) + 1
        section = SectionNode(block.name, lineno, column, len(header.rstrip()) + 1, header, _block=block)
        sections.append(section)
        lineno += len(block.lines)
        current: Optional[OptionNode] = None
        pending: list[ValueLine] = []  # blank lines that join a value only if text follows
        for child in block.iter_blocks():
            _restore(child, lineno, original)
            if isinstance(child, CUOption) and lineno not in bad:
                current = _option(child, lineno, section, bad)
                if current is not None:
                    section.options.append(current)
                pending = []
            elif current is not None:
                for offset, raw in enumerate(child.lines):
                    where = lineno + offset
                    text = raw.strip()
                    if where in bad or text.startswith(COMMENT_PREFIXES):
                        continue
                    if not text:
                        pending.append(ValueLine(where, 1, ""))
                    elif isinstance(child, Space):
                        # configupdater left a continuation outside its option (blank and
                        # comment lines in between); configparser joins it to the value.
                        current.value_lines.extend(pending)
                        pending = []
                        _add_value_line(current, where, raw)
            lineno += len(child.lines)
        for option in section.options:
            option.value = "\n".join(part.text for part in option.value_lines).rstrip()
            option.end_line = max(part.line for part in option.value_lines if part.text or part.line == option.line)
    return sections


def _add_value_line(option: OptionNode, lineno: int, raw: str) -> None:
    line = _strip_ending(raw)
    text = line.strip()
    column = len(line) - len(line.lstrip()) + 1
    option.value_lines.append(ValueLine(lineno, column, text))


def _option(block: Any, lineno: int, section: SectionNode, bad: set[int]) -> Optional[OptionNode]:
    first = _strip_ending(block.lines[0])
    stripped = first.strip()
    match = OPTCRE.match(stripped)
    if match is None or not match.group("option"):
        return None
    indent = len(first) - len(first.lstrip())
    key = match.group("option").rstrip()
    value_start = indent + match.start("value")
    option = OptionNode(
        key=key,
        name=key.lower(),
        delimiter=match.group("vi"),
        value="",
        line=lineno,
        column=indent + 1,
        key_end_column=indent + 1 + len(key),
        value_lines=[ValueLine(lineno, value_start + 1, match.group("value").strip())],
        end_line=lineno,
        section=section,
        _block=block,
    )
    for offset, raw in enumerate(block.lines[1:], start=1):
        where = lineno + offset
        text = raw.strip()
        if where in bad or text.startswith(COMMENT_PREFIXES):
            continue
        if not text:
            option.value_lines.append(ValueLine(where, 1, ""))
        else:
            _add_value_line(option, where, raw)
    return option


# A template directive after masking (templates.py): '#' and then only braces, filler and blanks.
_MASKED_DIRECTIVE = re.compile(r"\s*#[{}_][{}_\s]*")


def _directive_lines(source: SourceFile) -> list[int]:
    """Line numbers of a masked template's directive lines ({{ if }}, {{ else }}, {{ end }}…)."""
    return [n for n, line in enumerate(source.lines, start=1) if line.lstrip().startswith("#") and _MASKED_DIRECTIVE.fullmatch(line.rstrip("\r\n"))]


def _other_branch(directives: Optional[list[int]], first: int, later: int) -> bool:
    """A template directive lies between two lines: they may be two branches of an if/else, or
    blocks only one of which renders; only the rendered file can have a duplicate."""
    if not directives:
        return False
    import bisect

    at = bisect.bisect_right(directives, first)
    return at < len(directives) and directives[at] < later


def _check_options(sections: list[SectionNode], issues: list[ParseIssue], directives: Optional[list[int]] = None) -> None:
    """One pass over every header and option: unclosed headers read as keys, configparser's
    strict duplicates (a repeated section or key is fatal; in a template not when a directive
    line separates the two) and nested blocks."""
    first_section: dict[str, SectionNode] = {}
    first_keys: dict[str, dict[str, OptionNode]] = {}  # per section name: the first of each key
    own: Optional[dict[str, set[str]]] = None  # built only for a nested block in [DEFAULT]
    for section in sections:
        name = section.name
        if name != DEFAULT_SECTION:
            first = first_section.get(name)
            if first is not None and _other_branch(directives, first.line, section.line):
                first = None  # the later one stands alone: its keys are judged from here on
                first_keys[name] = {}
            if first is not None:
                section.duplicate_of = first
                issues.append(
                    ParseIssue(
                        "duplicate-section", section.line, section.column,
                        f"section [{name}] appears twice", end_column=section.end_column,
                    )
                )
            else:
                first_section[name] = section
        keys = first_keys.setdefault(name, {})
        for option in section.options:
            if option.key.startswith("["):
                issues.append(
                    ParseIssue(
                        "bad-header", option.line, option.column,
                        "section header has no closing ']' (botocore reads the line as a key)",
                        fatal=False, end_column=option.key_end_column,
                    )
                )
            # botocore stops at a repeated header: keys below it are not "duplicates".
            if section.duplicate_of is None:
                earlier = keys.get(option.name)
                if earlier is not None and _other_branch(directives, earlier.line, option.line):
                    earlier = None
                if earlier is not None:
                    option.duplicate_of = earlier
                    issues.append(
                        ParseIssue(
                            "duplicate-key", option.line, option.column,
                            f"key '{option.name}' appears twice in [{name}]",
                            end_column=option.key_end_column,
                        )
                    )
                else:
                    keys[option.name] = option
            if len(option.value_lines) > 1 and option.value.startswith("\n"):
                if name == DEFAULT_SECTION and own is None:
                    own = _own_keys(sections)
                _check_nested(option, name, own, issues)


def _own_keys(sections: list[SectionNode]) -> dict[str, set[str]]:
    """Each non-DEFAULT header's own keys (repeated headers merged)."""
    own: dict[str, set[str]] = {}
    for section in sections:
        if section.name != DEFAULT_SECTION:
            own.setdefault(section.name, set()).update(option.name for option in section.options)
    return own


def _check_nested(option: OptionNode, section: str, own: Optional[dict[str, set[str]]], issues: list[ParseIssue]) -> None:
    """A nested block (``key =`` then indented lines) needs ``=`` on every line.

    botocore parses nested values per section, with ``[DEFAULT]`` keys inherited: a bad block
    in ``[DEFAULT]`` is fatal only when some other section inherits it.
    """
    # A [DEFAULT] block is parsed only in the sections that do not set the key themselves.
    fatal = section != DEFAULT_SECTION or any(option.name not in names for names in (own or {}).values())
    nested: dict[str, str] = {}
    for part in option.value_lines[1:]:
        # botocore splits with str.splitlines(), which also breaks at \x0c, \x1c-\x1e, \x85…
        for piece in part.text.splitlines():
            piece = piece.strip()
            if not piece:
                continue
            key, sep, rest = piece.partition("=")
            if not sep:
                issues.append(
                    ParseIssue(
                        "nested-missing-equals", part.line, part.column,
                        f"a line in the nested block '{option.name}' has no '='",
                        fatal=fatal, end_column=part.column + len(part.text),
                    )
                )
                continue
            nested[key.strip()] = rest.strip()
    option.nested = nested
