"""The lint pipeline for a set of layouts: read → parse → view → rules → suppressions → findings."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from awslint.standins.records import dataclass, field
from typing import Any, Iterator, Mapping, Optional, TextIO

from awslint.files.discovery import FileRef, Layout
from awslint.engine.fixspec import FixSpec
from awslint.engine.run import run_rules
from awslint.errors import UsageError
from awslint.files.filemeta import FileMeta, GitProbe
from awslint.facts.subjects import Location, Subject
from awslint.findings import Finding
from awslint.redaction import Redactor, diagnostic
from awslint.report.suppressions import SCOPE, apply
from awslint.aws.model import View, build_view
from awslint.syntax.parse import ParsedFile, parse
from awslint.engine.ruleset import Rule, RuleSet
from awslint.files.source import CONFIG, CREDENTIALS, SourceFile, decode_within_limits, read_source, source_from_text


@dataclass
class LintResult:
    findings: list[Finding]  # suppressed ones included, marked with ``suppressed``
    files: int  # files reported on
    notices: list[str] = field(default_factory=list)  # files skipped (for SARIF notifications)

    @property
    def active(self) -> list[Finding]:
        """The findings that count: not suppressed inline."""
        return [f for f in self.findings if f.suppressed is None]


def load_parsed(
    ref: Optional[FileRef], err: TextIO, notices: Optional[list[str]] = None, git_probe: Optional[GitProbe] = None
) -> Optional[ParsedFile]:
    """Read and parse one file of a layout, as lint and explain both do; an unreadable sibling is skipped with a warning."""
    if ref is None:
        return None
    if ref.data is not None:  # standard input: no file on disk to ask about modes or git
        text, bom, problem = decode_within_limits(ref.data, ref.display)
        return parse(SourceFile(path=ref.display, role=ref.role, text=text, bom=bom, decode_problem=problem, reported=ref.reported))
    try:
        source = read_source(ref.fs_path, ref.role, ref.display, reported=ref.reported)
        source.git_probe = git_probe
    except UsageError as exc:
        if ref.reported:
            raise
        # A sibling read only for context: lint without it, but say so.
        if notices is not None:
            notices.append(f"{exc} (sibling file, skipped)")
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


def lint_view(
    ruleset: RuleSet, rules: list[Rule], view: View, environ: Optional[Mapping[str, str]] = None
) -> list[Finding]:
    """Run the rules on one view, then apply inline suppressions and run their hygiene rules on
    what the suppressions left to say (unused ones need the other rules' findings first)."""
    plain = [r for r in rules if r.scope != SCOPE]
    findings = run_rules(ruleset, plain, view, environ, _plan_fix)
    subjects = apply(ruleset, rules, view, findings, lambda extra: run_rules(ruleset, extra, view, environ))
    if subjects:
        hygiene = [r for r in rules if r.scope == SCOPE]
        findings += run_rules(ruleset, hygiene, view, environ, _plan_fix, {SCOPE: subjects})
    if any(f.planned is not None for f in findings):
        from awslint.aws.credview import check_fixes  # here: a run without fixes never needs it

        check_fixes(view, findings)
    return findings


def _plan_fix(spec: FixSpec, subject: Subject, location: Location, redact: Redactor, view: View) -> Any:
    """The engine's fix planner (fix.plan.plan_fix), imported by the first finding with a fix."""
    from awslint.fix.plan import plan_fix  # here: a run without fixes never needs it

    return plan_fix(spec, subject, location, redact, view)


def lint_layouts(
    layouts: list[Layout],
    ruleset: RuleSet,
    rules: list[Rule],
    err: TextIO,
    environ: Optional[Mapping[str, str]] = None,
    notices: Optional[list[str]] = None,
) -> LintResult:
    findings: list[Finding] = []
    notices = list(notices or [])
    files = 0
    # One git call per repository for the whole run, made only if a rule asks (AWS216).
    git_probe = GitProbe(ref.fs_path for layout in layouts for ref in layout.files if ref.data is None)
    with gc_paused():
        for layout in layouts:
            view = build_view(load_parsed(layout.config, err, notices, git_probe), load_parsed(layout.credentials, err, notices, git_probe))
            files += sum(1 for f in view.files if f.source.reported)
            findings.extend(lint_view(ruleset, rules, view, environ))
    findings.sort(key=Finding.sort_key)
    return LintResult(findings, files, notices)


def view_of_text(config: Optional[str], credentials: Optional[str], files: Optional[dict[str, Any]] = None) -> View:
    """The view of in-memory file contents (rule examples, tests), each file named by its role;
    ``files``: file-system facts per role, as in a rule example's ``files:``."""
    parsed: list[Optional[ParsedFile]] = []
    for text, role in ((config, CONFIG), (credentials, CREDENTIALS)):
        if text is None:
            parsed.append(None)
            continue
        source = source_from_text(text, role, role)
        if files and role in files:
            source.meta = FileMeta.from_example(files[role])
        parsed.append(parse(source))
    return build_view(parsed[0], parsed[1])


def lint_text(
    ruleset: RuleSet,
    rules: list[Rule],
    config: Optional[str] = None,
    credentials: Optional[str] = None,
    files: Optional[dict[str, Any]] = None,
    environ: Optional[Mapping[str, str]] = None,
) -> list[Finding]:
    """Lint in-memory file contents (rule examples, tests); paths show as the role names.

    ``files`` gives file-system facts per role, as in a rule example's ``files:``
    (``{credentials: {mode: '644', git: tracked}}``). ``environ``: an environment to take into
    account, as ``--env`` does (None: ignored). Suppressed findings are left out (tests and
    examples see what the user would see)."""
    findings = [f for f in lint_view(ruleset, rules, view_of_text(config, credentials, files), environ) if f.suppressed is None]
    findings.sort(key=Finding.sort_key)
    return findings
