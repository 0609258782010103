"""Inline suppressions: own-line ``# awslint: …`` comments, and the AWS9xx hygiene findings.

In AWS shared files a comment after a value is part of the value (botocore's RawConfigParser has
no inline comment prefixes), so a suppression only works on a line of its own::

    # awslint: disable-next-line=AWS201 -- bootstrap key, rotated weekly
    ; awslint: disable-section=AWS202,long-term-key-on-disk -- legacy account
    # awslint: disable-file=AWS011

* ``disable-next-line`` covers findings on the next line that is neither blank nor a comment;
* ``disable-section`` must stand directly above a ``[section]`` header (only blank lines and
  comments between) and covers every finding from that header to the next one;
* ``disable-file`` covers the whole file, wherever it stands.

Rules are named by code or name, separated by commas; ``-- text`` gives a reason. The hygiene
rules (AWS901 unused, AWS902 unknown rule, AWS903 trailing, AWS904 malformed) are YAML rules
of scope ``suppression``, run by the engine like any other: this module computes their subjects
after the other rules ran, because "unused" depends on their findings.
Hygiene findings themselves are not suppressible (select or ignore them instead).
"""

from __future__ import annotations

import bisect
import re
from awslint.standins.records import dataclass, field
from typing import Any, Callable, Optional

from awslint.distance import suggest
from awslint.facts.subjects import Location, Subject
from awslint.facts.suppression import suppression_facts
from awslint.findings import Finding
from awslint.aws.model import View
from awslint.syntax.parse import COMMENT_PREFIXES, SECTCRE, ParsedFile
from awslint.engine.conditions import compile_condition
from awslint.engine.ruleset import Rule, RuleSet

SCOPE = "suppression"
DIRECTIVES = ("disable-next-line", "disable-section", "disable-file")
# An own-line comment that talks to awslint: "# awslint: …", ";awslint:…", "## awslint: …".
_OWN_LINE = re.compile(r"^(?P<indent>\s*)[#;]+\s*awslint\s*:(?P<body>.*)$", re.IGNORECASE)
# The same text after something else on the line (after whitespace, as AWS006 defines a comment).
_TRAILING = re.compile(r"(?:^|\s)(?P<comment>[#;]+\s*awslint\s*:.*)$", re.IGNORECASE)
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_WORD = re.compile("awslint", re.IGNORECASE)  # as the patterns above match it (ſ for s included)


@dataclass
class Suppression:
    """One parsed directive in one file."""

    file: ParsedFile
    line: int
    column: int
    end_column: int
    directive: str
    names: list[str]
    reason: Optional[str]
    first: int = 0  # lines covered, inclusive
    last: int = 0
    rules: dict[str, Rule] = field(default_factory=dict)  # name as written -> rule
    used: set[str] = field(default_factory=set)  # names as written that suppressed something


@dataclass
class Problem:
    """A hygiene problem found while reading directives (becomes a subject of scope suppression)."""

    kind: str  # unused | unknown-rule | trailing | malformed
    file: ParsedFile
    line: int
    column: int
    end_column: int
    facts: dict[str, Any]
    section: Optional[str] = None


def _section_starts(parsed: ParsedFile) -> list[tuple[int, str]]:
    return [(s.line, s.name) for s in parsed.sections]


def _section_at(starts: list[tuple[int, str]], line: int) -> Optional[str]:
    """The section a line belongs to: the last header at or above it."""
    index = bisect.bisect_right(starts, (line, "\U0010ffff")) - 1
    return starts[index][1] if index >= 0 else None


def _next_content_lines(lines: list[str]) -> list[Optional[int]]:
    """For each line index, the index of the next line that is neither blank nor a comment
    (one backward pass, so a long run of directives stays linear)."""
    result: list[Optional[int]] = [None] * len(lines)
    following: Optional[int] = None
    for index in range(len(lines) - 1, -1, -1):
        result[index] = following
        if not _is_blank_or_comment(lines[index]):
            following = index
    return result


def _is_blank_or_comment(text: str) -> bool:
    stripped = text.strip()
    return not stripped or stripped.startswith(COMMENT_PREFIXES)


def scan(parsed: ParsedFile, known: dict[str, Rule]) -> tuple[list[Suppression], list[Problem]]:
    """Every directive of one file, and the problems in writing them."""
    lines = parsed.source.lines
    suppressions: list[Suppression] = []
    problems: list[Problem] = []
    if _WORD.search(parsed.source.text) is None:
        return suppressions, problems  # both patterns need the word: nothing to look at
    starts = _section_starts(parsed)
    next_content = _next_content_lines(lines)
    for index, raw in enumerate(lines):
        text = raw.rstrip("\r\n")
        lineno = index + 1
        stripped = text.strip()
        if not stripped:
            continue
        if stripped.startswith(COMMENT_PREFIXES):
            match = _OWN_LINE.match(text)
            if match is None:
                continue
            column = len(match.group("indent")) + 1
            suppression = _directive(
                parsed, lines, index, column, len(text) + 1, match.group("body"), known, problems, starts, next_content[index]
            )
            if suppression is not None:
                suppressions.append(suppression)
            continue
        trailing = _TRAILING.search(text)
        if trailing is not None:
            start = trailing.start("comment") + 1
            where = "section header" if SECTCRE.match(stripped) else "value"
            problems.append(
                Problem(
                    "trailing", parsed, lineno, start, len(text) + 1,
                    {"where": where, "comment": _short(trailing.group("comment").strip())},
                    _section_at(starts, lineno),
                )
            )
    return suppressions, problems


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _directive(
    parsed: ParsedFile, lines: list[str], index: int, column: int, end_column: int, body: str,
    known: dict[str, Rule], problems: list[Problem], starts: list[tuple[int, str]], target: Optional[int],
) -> Optional[Suppression]:
    lineno = index + 1
    section = _section_at(starts, lineno)

    def malformed(detail: str) -> None:
        problems.append(Problem("malformed", parsed, lineno, column, end_column, {"detail": detail}, section))

    text, sep, reason = body.partition("--")
    reason_text = reason.strip() if sep else None
    if sep and not reason_text:
        reason_text = None
    directive, eq, names_text = text.strip().partition("=")
    directive = directive.strip().lower()
    if directive not in DIRECTIVES:
        word = directive or "(nothing)"
        malformed(f"unknown directive '{_short(word, 40)}'{suggest(word, DIRECTIVES)}; use one of {', '.join(DIRECTIVES)}")
        return None
    names = [n.strip() for n in names_text.split(",") if n.strip()] if eq else []
    if not names:
        malformed(f"'{directive}' names no rule: write {directive}=CODE[,CODE…] [-- reason]")
        return None
    bad = [n for n in names if not _NAME.match(n)]
    if bad:
        malformed(f"'{_short(bad[0], 40)}' is not a rule code or name (separate names with commas)")
        return None
    suppression = Suppression(parsed, lineno, column, end_column, directive, names, reason_text)
    if directive == "disable-file":
        suppression.first, suppression.last = 1, max(len(lines), 1)
    else:
        if target is None:
            malformed(f"'{directive}' is followed by no line to apply to")
            return None
        target_text = lines[target].strip()
        if directive == "disable-next-line":
            suppression.first = suppression.last = target + 1
        else:
            if not SECTCRE.match(target_text):
                malformed("'disable-section' must stand above a [section] header (only comments or blank lines between)")
                return None
            after = bisect.bisect_right(starts, (target + 1, "\U0010ffff"))
            suppression.first = target + 1
            suppression.last = (starts[after][0] - 1) if after < len(starts) else max(len(lines), 1)
    unknown = []
    for name in names:
        rule = known.get(name) or known.get(name.upper())
        if rule is None:
            unknown.append(name)
        else:
            suppression.rules[name] = rule
    if unknown:
        names_all = list(known)
        hints = "".join(suggest(n, names_all) for n in unknown[:1])
        problems.append(
            Problem(
                "unknown-rule", parsed, lineno, column, end_column,
                {"unknown": ", ".join(unknown), "suggestion": hints}, section,
            )
        )
    return suppression


class _Index:
    """Suppressions by file, rule and covered line, so matching findings stays linear."""

    def __init__(self, suppressions: list[Suppression]) -> None:
        self.by_line: dict[tuple[str, str, int], list[Suppression]] = {}
        self.whole_file: dict[tuple[str, str], list[Suppression]] = {}
        for s in suppressions:
            for code in {rule.code for rule in s.rules.values()}:
                if s.directive == "disable-file":
                    self.whole_file.setdefault((s.file.path, code), []).append(s)
                    continue
                for line in range(s.first, s.last + 1):  # sections do not overlap: total ≤ lines
                    self.by_line.setdefault((s.file.path, code, line), []).append(s)

    def candidates(self, finding: Finding) -> list[Suppression]:
        return self.by_line.get((finding.path, finding.code, finding.line), []) + self.whole_file.get(
            (finding.path, finding.code), []
        )


def _covers(suppression: Suppression, finding: Finding) -> Optional[str]:
    """The name (as written) under which the suppression covers the finding, else None."""
    if finding.path != suppression.file.path:
        return None
    if not (suppression.first <= finding.line <= suppression.last):
        return None
    for name, rule in suppression.rules.items():
        if rule.code == finding.code:
            return name
    return None


def apply(
    ruleset: RuleSet,
    rules: list[Rule],
    view: View,
    findings: list[Finding],
    run: Callable[[list[Rule]], list[Finding]],
) -> list[Subject]:
    """Mark the suppressed ``findings``; return the subjects of scope ``suppression`` (one per
    hygiene problem) for the engine to judge with the enabled hygiene rules of ``rules``.

    ``run(rules)`` lints the same view with other rules: a suppression naming a rule that is
    not enabled in this run is judged by that rule's findings all the same, so ``--select``
    never makes a suppression look unused. That run (and the "unused" problems) is made only
    when an enabled hygiene rule can match an unused suppression.
    """
    hygiene = [r for r in rules if r.scope == SCOPE]
    known: dict[str, Rule] = {}
    for rule in ruleset.rules:
        known[rule.code] = rule
        known[rule.name] = rule
    suppressions: list[Suppression] = []
    problems: list[Problem] = []
    for parsed in view.files:
        if not parsed.source.reported:
            continue
        found, issues = scan(parsed, known)
        suppressions.extend(found)
        problems.extend(issues)
    if not suppressions and not problems:
        return []
    index = _Index(suppressions)
    for finding in findings:
        for suppression in index.candidates(finding):
            name = _covers(suppression, finding)
            if name is not None:
                suppression.used.add(name)
                if finding.suppressed is None:
                    finding.suppressed = {
                        "reason": suppression.reason,
                        "directive": suppression.directive,
                        "line": suppression.line,
                    }
    if not hygiene:
        return []
    if _may_report(ruleset, hygiene, "unused"):
        problems.extend(_unused(rules, suppressions, index, run))
    directives = {(id(s.file), s.line): s for s in suppressions}
    return [_subject(p, directives) for p in problems]


def _may_report(ruleset: RuleSet, hygiene: list[Rule], problem: str) -> bool:
    """Whether a check of ``hygiene`` can match a subject whose ``problem`` fact is ``problem``."""
    return any(compile_condition(check.when, ruleset.data).may_hold("problem", problem) for rule in hygiene for check in rule.checks)


def _unused(
    rules: list[Rule], suppressions: list[Suppression], index: _Index, run: Callable[[list[Rule]], list[Finding]]
) -> list[Problem]:
    """The problems of suppressions naming rules that report nothing where they apply."""
    enabled = {r.code for r in rules}
    shadow = {
        rule.code: rule
        for s in suppressions
        for rule in s.rules.values()
        if rule.code not in enabled and rule.scope != SCOPE
    }
    if shadow:
        for finding in run(list(shadow.values())):
            for suppression in index.candidates(finding):
                name = _covers(suppression, finding)
                if name is not None:
                    suppression.used.add(name)
    problems = []
    for s in suppressions:
        unused = [n for n, rule in s.rules.items() if n not in s.used and rule.scope != SCOPE]
        if unused:
            problems.append(
                Problem(
                    "unused", s.file, s.line, s.column, s.end_column,
                    {"unused": ", ".join(unused), "all_unused": len(unused) == len(s.names)},
                    None,
                )
            )
    return problems


def _subject(problem: Problem, directives: dict[tuple[int, int], Suppression]) -> Subject:
    """The hygiene subject of one problem: its facts (``FACTS["suppression"]``) and place."""
    directive = directives.get((id(problem.file), problem.line))
    facts = suppression_facts(problem.kind, problem.file.role, directive, problem.facts)
    location = Location(problem.file, problem.line, problem.column, problem.line, problem.end_column, problem.section)
    return Subject(SCOPE, facts, location, section=problem.section)
