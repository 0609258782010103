"""The lint pipeline for a set of layouts: read → parse → view → rules → sorted findings."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator, Optional, TextIO

from awslint.discovery import FileRef, Layout
from awslint.engine import run_rules
from awslint.errors import UsageError
from awslint.findings import Finding, diagnostic
from awslint.model import build_view
from awslint.parse import ParsedFile, parse
from awslint.ruleset import Rule, RuleSet
from awslint.source import CONFIG, CREDENTIALS, read_source, source_from_text


@dataclass
class LintResult:
    findings: list[Finding]
    files: int  # files reported on


def _load(ref: Optional[FileRef], err: TextIO) -> Optional[ParsedFile]:
    if ref is None:
        return None
    try:
        source = read_source(ref.fs_path, ref.role, ref.display, reported=ref.reported)
    except UsageError as exc:
        if ref.reported:
            raise
        # A sibling read only for context: lint without it, but say so.
        err.write(diagnostic("warning", f"{exc} (sibling file, skipped)"))
        return None
    return parse(source)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a run builds its (live, acyclic-enough) data.

    A large file makes millions of objects that all stay alive until the run ends; the
    collector would re-scan them again and again for nothing (it took ~45% of the time on
    10,000 profiles). Collection resumes afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def lint_layouts(layouts: list[Layout], ruleset: RuleSet, rules: list[Rule], err: TextIO) -> LintResult:
    findings: list[Finding] = []
    files = 0
    with gc_paused():
        for layout in layouts:
            view = build_view(_load(layout.config, err), _load(layout.credentials, err))
            files += sum(1 for f in view.files if f.source.reported)
            findings.extend(run_rules(ruleset, rules, view))
    findings.sort(key=Finding.sort_key)
    return LintResult(findings, files)


def lint_text(
    ruleset: RuleSet, rules: list[Rule], config: Optional[str] = None, credentials: Optional[str] = None
) -> list[Finding]:
    """Lint in-memory file contents (rule examples, tests); paths show as the role names."""
    parsed = [None if text is None else parse(source_from_text(text, role, role)) for text, role in ((config, CONFIG), (credentials, CREDENTIALS))]
    findings = run_rules(ruleset, rules, build_view(parsed[0], parsed[1]))
    findings.sort(key=Finding.sort_key)
    return findings
