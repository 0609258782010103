"""Applying fixes: plan in memory, re-lint, iterate; then diff or write atomically.

Edits are applied to the original lines of the file (``fixes.LineEdit``), never by
re-serialising configupdater's document, so line endings (LF, CRLF, lone CR), spacing,
comments and every untouched byte stay exactly as they were. Fixes whose edits overlap are
applied in later rounds, after a re-lint, up to ``MAX_ROUNDS`` (ruff does the same).

Writing: a temporary file in the same folder, fsync, ``os.replace``; the mode and owner are
kept. A symbolic link is resolved and its target is written (a notice names the target), so
the link itself stays a link; a file with several hard links, a read-only file or folder,
and a file that changed on disk while awslint ran are left alone with an error.

Links are followed only where they stay in the tree (``link_refusal``): a file reached through
a symbolic link (of the file itself or of a folder on its path) is written only when its real
file belongs to the invoking user and, for every link on the way that lies inside a git work
tree, the real file lies inside that same work tree. So ``~/.aws/config`` linked into the
user's own dotfiles repository (stow, chezmoi's symlink mode) is fixed, and a link that a
cloned repository adds to reach a file outside it is not.
"""

from __future__ import annotations

import difflib
import os
import stat
import tempfile
from awslint.standins.records import dataclass, field
from typing import Mapping, Optional, TextIO

from awslint.aws.credview import CredentialView, credential_view, moving_plans, note_unsafe, refusal
from awslint.files.discovery import FileRef, Layout
from awslint.files.links import link_refusal
from awslint.engine.secrets import secret_values
from awslint.errors import UsageError
from awslint.findings import Finding
from awslint.redaction import Redactor, diagnostic, mask, printable
from awslint.fix.plan import CREDENTIAL_LINE, LineEdit, PlannedFix
from awslint.run.lint import lint_view
from awslint.aws.model import build_view
from awslint.syntax.parse import parse
from awslint.engine.ruleset import Rule, RuleSet
from awslint.files.source import DecodeProblem, SourceFile, decode, decode_within_limits, read_regular_file, split_lines

#: Rounds of fix → re-lint per layout before giving up on fixes that keep conflicting.
MAX_ROUNDS = 10
BOM = "\ufeff"


class FixWriteError(Exception):
    """A file could not be written; it is left as it was."""


@dataclass
class FileState:
    """One file of a layout: what was read, and the fixed text so far."""

    ref: FileRef
    original: bytes
    text: str  # current text, without the BOM
    bom: bool
    decode_problem: Optional[DecodeProblem] = None
    clear_bits: int = 0  # mode bits a chmod fix removes
    fixed: int = 0  # findings fixed in this file
    mode: int = 0
    edited: bool = False  # until a fix applies, the original bytes stand (even if not UTF-8)
    folder_mode: int = 0
    folder_clear_bits: int = 0  # mode bits a chmod fix removes from the folder
    git_probe: object = None  # shared by the files of one run (one git call per repository)
    botocore_error: Optional[str] = None  # as of the last lint of the current text
    #: for each current line, the index of the original line it is, or None for a new line
    origin: Optional[list[Optional[int]]] = None
    #: roles of the other files a fix edited together with this one (undone together)
    linked: set[str] = field(default_factory=set)

    def source(self) -> SourceFile:
        source = SourceFile(
            path=self.ref.display, role=self.ref.role, text=self.text, bom=self.bom,
            decode_problem=self.decode_problem, reported=self.ref.reported,
        )
        # Where the text came from: rules that look at the file itself (mode, git) read it there.
        source.fs_path = self.ref.fs_path if self.ref.data is None else None
        source.git_probe = self.git_probe
        return source

    def data(self) -> bytes:
        if not self.edited:
            return self.original
        return (b"\xef\xbb\xbf" if self.bom else b"") + self.text.encode("utf-8", "surrogatepass")

    @property
    def changed(self) -> bool:
        return self.data() != self.original or self.new_mode != self.mode or self.new_folder_mode != self.folder_mode

    @property
    def folder(self) -> str:
        return os.path.dirname(os.path.abspath(self.ref.fs_path))

    @property
    def new_folder_mode(self) -> int:
        return self.folder_mode & ~self.folder_clear_bits

    @property
    def new_mode(self) -> int:
        return self.mode & ~self.clear_bits


@dataclass
class FixRun:
    """The outcome of fixing in memory: files with their new content, and what is left."""

    files: list[FileState] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # what remains after the fixes
    secrets: list[str] = field(default_factory=list)

    @property
    def fixed(self) -> int:
        return sum(f.fixed for f in self.files)

    @property
    def changed(self) -> list[FileState]:
        return [f for f in self.files if f.changed]


def _load(ref: Optional[FileRef], err: TextIO) -> Optional[FileState]:
    if ref is None:
        return None
    if ref.data is not None:  # standard input: the fixed text goes to standard output, no modes
        text, bom, problem = decode_within_limits(ref.data, ref.display)
        return FileState(ref, ref.data, text, bom, problem)
    try:
        data = read_regular_file(ref.fs_path, ref.display)
        mode = stat.S_IMODE(os.stat(ref.fs_path).st_mode)
        folder_mode = stat.S_IMODE(os.stat(os.path.dirname(os.path.abspath(ref.fs_path))).st_mode)
    except (UsageError, OSError) as exc:
        if ref.reported:
            raise UsageError(str(exc)) from None
        err.write(diagnostic("warning", f"{exc} (sibling file, skipped)"))
        return None
    try:
        text, bom, problem = decode_within_limits(data, ref.display)
    except UsageError as exc:
        if ref.reported:
            raise
        err.write(diagnostic("warning", f"{exc} (sibling file, skipped)"))
        return None
    return FileState(ref, data, text, bom, problem, mode=mode, folder_mode=folder_mode)


def _lint(
    ruleset: RuleSet, rules: list[Rule], states: list[Optional[FileState]], environ: Optional[Mapping[str, str]]
) -> tuple[list[Finding], list[str], CredentialView]:
    parsed = [None if s is None else parse(s.source()) for s in states]
    for state, file in zip(states, parsed):
        if state is not None and file is not None:
            state.botocore_error = file.botocore_error
    view = build_view(parsed[0], parsed[1])
    # The same pipeline as a plain run (inline suppressions included): a suppressed finding is
    # one the user chose to keep, so it is never fixed.
    findings = [f for f in lint_view(ruleset, rules, view, environ) if f.suppressed is None]
    return findings, secret_values(view), credential_view(view)


def _undo_if_unreadable(states: list[Optional[FileState]], readable: dict[str, bool], err: TextIO) -> bool:
    """Safety net: fixes must never turn a file botocore reads into one it refuses."""
    undone = False
    by_role = {s.ref.role: s for s in states if s is not None}
    refused = [
        s for s in by_role.values() if readable.get(s.ref.role) and s.botocore_error is not None and s.edited
    ]
    # A fix that moved a line between the files is undone in both, or the setting is lost.
    revert = {s.ref.role for s in refused}
    for refused_state in refused:
        revert |= refused_state.linked
    for state in states:
        if state is None or state.ref.role not in revert or not state.edited:
            continue
        if state.ref.role in {s.ref.role for s in refused}:
            reason = f"the fixes would make botocore refuse the file ({state.botocore_error})"
        else:
            reason = "its fixes go with those of the other file, which botocore would refuse"
        err.write(diagnostic("warning", f"{state.ref.display}: not fixed: {reason}"))
        state.text, state.bom, _ = decode(state.original)
        state.edited, state.origin, state.fixed = False, None, 0
        undone = True
    return undone


class Taken:
    """The lines (and insertion points) edits of this round already claim in one file."""

    def __init__(self) -> None:
        self.edits: list[LineEdit] = []
        self.lines: set[int] = set()
        self.starts: set[int] = set()

    def overlaps(self, edit: LineEdit) -> bool:
        # Two edits of the same lines conflict; the second waits for the next round (re-lint).
        return edit.start in self.starts or any(line in self.lines for line in range(edit.start, edit.end))

    def add(self, edit: LineEdit) -> None:
        self.edits.append(edit)
        self.starts.add(edit.start)
        self.lines.update(range(edit.start, edit.end))


def _apply_edits(state: FileState, edits: list[LineEdit]) -> None:
    """Replace line ranges in one forward pass; remember which original line each line is."""
    lines = split_lines(state.text)
    origin = state.origin if state.origin is not None else list(range(len(lines)))
    new_lines: list[str] = []
    new_origin: list[Optional[int]] = []
    index = 0
    for edit in sorted(edits, key=lambda e: e.start):
        new_lines.extend(lines[index : edit.start - 1])
        new_origin.extend(origin[index : edit.start - 1])
        new_lines.extend(edit.lines)
        new_origin.extend([None] * len(edit.lines))
        index = edit.end - 1
    new_lines.extend(lines[index:])
    new_origin.extend(origin[index:])
    state.text = "".join(new_lines)
    state.origin = new_origin


def _allowed(plan: PlannedFix, unsafe: bool) -> bool:
    return plan.safety == "safe" or unsafe


def fix_layout(
    layout: Layout,
    ruleset: RuleSet,
    rules: list[Rule],
    *,
    unsafe: bool,
    err: TextIO,
    said: set[str],
    environ: Optional[Mapping[str, str]] = None,
    git_probe: object = None,
) -> FixRun:
    """Fix one layout in memory until nothing more applies."""
    states = [_load(layout.config, err), _load(layout.credentials, err)]
    for state in states:
        if state is not None:
            state.git_probe = git_probe
    by_role = {s.ref.role: s for s in states if s is not None}
    run = FixRun(files=[s for s in states if s is not None and s.ref.reported])
    findings, secrets, base = _lint(ruleset, rules, states, environ)
    run.secrets.extend(secrets)
    readable = {s.ref.role: s.botocore_error is None for s in states if s is not None}
    refused: set[tuple[object, ...]] = set()  # fixes that would move credentials: never retried
    for _ in range(MAX_ROUNDS):
        taken: dict[str, Taken] = {}
        chosen: dict[tuple[object, ...], list[Finding]] = {}  # fix -> the findings it fixes
        for finding in findings:
            plan: Optional[PlannedFix] = finding.planned
            if plan is None or not _allowed(plan, unsafe):
                continue
            state = by_role.get(plan.file.role)
            if state is None or not state.ref.reported:
                continue
            if plan.blocked is not None:
                _say(err, said, f"{finding.path}:{finding.line}: {finding.code} not fixed: {plan.blocked}")
                continue
            key = plan.key()
            if key in chosen:
                chosen[key].append(finding)  # the same change fixes this finding too
                continue
            if key in refused:
                continue
            edits = plan.all_edits()
            if any(f.role not in by_role or taken.setdefault(f.role, Taken()).overlaps(edit) for f, edit in edits):
                continue  # next round, after a re-lint
            new_bits = plan.chmod_clear & ~state.clear_bits & state.mode
            new_bits |= plan.folder_chmod_clear & ~state.folder_clear_bits & state.folder_mode
            if not edits and not (plan.remove_bom and state.bom) and not new_bits:
                continue
            for file, edit in edits:
                taken[file.role].add(edit)
            chosen[key] = [finding]
        plans = {key: found[0].planned for key, found in chosen.items()}
        # The invariant (issue 13): no fix changes which profile holds which credentials. A safe
        # fix that would is not applied; an unsafe one is, and says so.
        # (lint_view has blocked each safe fix that moves keys on its own; this catches fixes
        # that do so only together, and says what each unsafe one moves.)
        sources = [None if s is None else s.source() for s in states]
        safe_keep, safe_moves = moving_plans(sources, base, [p for p in plans.values() if p.safety == "safe"])
        unsafe_plans = [p for p in plans.values() if p.safety != "safe"]
        _, unsafe_moves = moving_plans(sources, base, unsafe_plans, prefix=safe_keep) if unsafe_plans else ([], [])
        for plan, moved in safe_moves:
            refused.add(plan.key())
            finding = chosen[plan.key()][0]
            _say(err, said, f"{finding.path}:{finding.line}: {finding.code} not fixed: {refusal(moved)}")
        for plan, moved in unsafe_moves:
            finding = chosen[plan.key()][0]
            note_unsafe(plan, finding, moved)
            _say(err, said, f"{finding.path}:{finding.line}: {finding.code} (unsafe fix) changes which profile holds "
                 f"which credentials: {moved}")
        applied = [p for p in plans.values() if p.key() not in refused]
        taken = {}
        for plan in applied:
            state = by_role[plan.file.role]
            edits = plan.all_edits()
            for file, edit in edits:
                taken.setdefault(file.role, Taken()).add(edit)
                by_role[file.role].edited = True
                by_role[file.role].linked.update(f.role for f, _ in edits if f.role != file.role)
            state.edited = state.edited or plan.remove_bom
            if plan.remove_bom:
                state.bom = False
            state.clear_bits |= plan.chmod_clear
            state.folder_clear_bits |= plan.folder_chmod_clear
            state.fixed += len(chosen[plan.key()])
        for role, claimed in taken.items():
            if claimed.edits:
                _apply_edits(by_role[role], claimed.edits)
        if not applied:
            break
        findings, secrets, base = _lint(ruleset, rules, states, environ)
        run.secrets.extend(secrets)
    if _undo_if_unreadable(states, readable, err):
        findings, _, _ = _lint(ruleset, rules, states, environ)
    run.findings = findings
    return run


def _say(err: TextIO, said: set[str], message: str) -> None:
    """A warning, once per run."""
    if message not in said:
        said.add(message)
        err.write(diagnostic("warning", message))


def fix_layouts(
    layouts: list[Layout],
    ruleset: RuleSet,
    rules: list[Rule],
    *,
    unsafe: bool,
    err: TextIO,
    environ: Optional[Mapping[str, str]] = None,
) -> list[FixRun]:
    said: set[str] = set()
    probe = _git_probe(layouts)
    return [
        fix_layout(layout, ruleset, rules, unsafe=unsafe, err=err, said=said, environ=environ, git_probe=probe)
        for layout in layouts
    ]


def _git_probe(layouts: list[Layout]) -> object:
    """The run's shared git status probe, when this build has one (filemeta)."""
    try:
        from awslint.files.filemeta import GitProbe  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    return GitProbe(ref.fs_path for layout in layouts for ref in layout.files if ref.data is None)


# -- diff -----------------------------------------------------------------------------------


def _display_lines(data: bytes) -> list[str]:
    text = data.decode("utf-8", "replace")
    return [line.rstrip("\r\n") for line in split_lines(text)]


Opcode = tuple[str, int, int, int, int]


def _opcodes(state: FileState, before: list[str], after: list[str]) -> list[Opcode]:
    """difflib-style opcodes from the recorded line origins: linear, no sequence matching."""
    origin = state.origin if state.origin is not None else list(range(len(after)))
    if len(origin) != len(after):  # cannot happen; difflib is the slow but sure way
        return [(str(tag), i1, i2, j1, j2) for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()]
    ops: list[Opcode] = []
    i = j = 0
    while i < len(before) or j < len(after):
        if j < len(after) and origin[j] == i and before[i] == after[j]:
            start_i, start_j = i, j
            while j < len(after) and i < len(before) and origin[j] == i and before[i] == after[j]:
                i, j = i + 1, j + 1
            ops.append(("equal", start_i, i, start_j, j))
            continue
        start_i, start_j = i, j
        while j < len(after):
            source = origin[j]
            if source is not None and before[source] == after[j]:
                break
            j += 1
        following = origin[j] if j < len(after) else None
        i = max(len(before) if following is None else following, start_i)
        ops.append(("replace", start_i, i, start_j, j))
    return ops


def _range(start: int, length: int) -> str:
    """A hunk range as in ``diff -u`` (difflib's format)."""
    first = start + 1 if length else start
    return f"{first}" if length == 1 else f"{first},{length}"


def _unified(path: str, before: list[str], after: list[str], ops: list[Opcode], context: int = 3) -> list[str]:
    if before == after or all(op[0] == "equal" for op in ops):
        return []
    groups: list[list[Opcode]] = []
    group: list[Opcode] = []
    for index, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            if index == 0:
                i1, j1 = max(i1, i2 - context), max(j1, j2 - context)
            if index == len(ops) - 1:
                i2, j2 = min(i2, i1 + context), min(j2, j1 + context)
            if i2 - i1 > 2 * context and group:
                group.append((tag, i1, i1 + context, j1, j1 + context))
                groups.append(group)
                group = []
                i1, j1 = i2 - context, j2 - context
        group.append((tag, i1, i2, j1, j2))
    if group and not (len(group) == 1 and group[0][0] == "equal"):
        groups.append(group)
    lines = [f"--- {path}", f"+++ {path}"]
    for group in groups:
        first, last = group[0], group[-1]
        lines.append(f"@@ -{_range(first[1], last[2] - first[1])} +{_range(first[3], last[4] - first[3])} @@")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines.extend(" " + line for line in before[i1:i2])
            else:
                lines.extend("-" + line for line in before[i1:i2])
                lines.extend("+" + line for line in after[j1:j2])
    return lines


def _mask_credential_line(line: str) -> str:
    """A diff line that sets a credential key shows its value masked, whatever the value."""
    tag, text = line[:1], line[1:]
    if tag not in (" ", "-", "+") or line.startswith(("--- ", "+++ ")):
        return line
    match = CREDENTIAL_LINE.match(text)
    if match is None or not match.group("value").strip():
        return line
    return tag + match.group("key") + mask(match.group("value").strip())


def format_diff(runs: list[FixRun]) -> str:
    """A unified diff of every change (lines shown without their endings; secrets masked)."""
    chunks: list[str] = []
    for run in runs:
        # Per physical line: a diff shows one line at a time, a value may span several.
        redact = Redactor(part for value in run.secrets for part in value.splitlines())
        for state in run.changed:
            path = state.ref.display
            header = []
            if state.new_mode != state.mode:
                header = [f"old mode {0o100000 | state.mode:o}", f"new mode {0o100000 | state.new_mode:o}"]
            before, after = _display_lines(state.original), _display_lines(state.data())
            body = _unified(path, before, after, _opcodes(state, before, after))
            if header:  # git's order: the file's names, its mode change, then the hunks
                body = [f"--- {path}", f"+++ {path}"] + header + body[2:]
                header = []
            if state.new_folder_mode != state.folder_mode:
                folder = os.path.dirname(path) or "."
                header = [
                    f"--- {folder}/", f"+++ {folder}/",
                    f"old mode {0o40000 | state.folder_mode:o}", f"new mode {0o40000 | state.new_folder_mode:o}",
                ] + header
            # Escaped after masking: a line's ESC, C1 or bidi characters never reach the terminal.
            chunks.extend(printable(redact(_mask_credential_line(line))) for line in header + body)
    return "".join(line + "\n" for line in chunks)


# -- writing --------------------------------------------------------------------------------


def _fsync_folder(folder: str) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # not supported on every platform / file system
    finally:
        os.close(fd)


def write_file(state: FileState, err: TextIO) -> None:
    """Write one fixed file atomically, keeping mode and owner; FixWriteError on failure."""
    path = state.ref.fs_path
    shown = state.ref.display
    why = link_refusal(path)
    if why is not None:
        raise FixWriteError(f"{why} (awslint follows links only to files of yours, and never out of a repository)")
    target = path
    if os.path.islink(path):
        target = os.path.realpath(path)
        err.write(diagnostic("warning", f"{shown} is a symbolic link: writing the fixes to its target {target}"))
    if state.new_folder_mode != state.folder_mode:
        why = link_refusal(state.folder)
        if why is not None:
            raise FixWriteError(f"its folder cannot be changed: {why}")
    try:
        st = os.stat(target)
    except OSError as exc:
        raise FixWriteError(f"cannot read it again: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise FixWriteError("not a regular file")
    data = state.data()
    try:
        current = read_regular_file(target, shown)
    except UsageError as exc:
        raise FixWriteError(str(exc)) from None
    if current != state.original:
        raise FixWriteError("it changed on disk while awslint was running")
    if data != state.original:
        if st.st_nlink > 1:
            raise FixWriteError(f"it has {st.st_nlink} hard links, and replacing it would split them")
        # No write bit at all means read-only on purpose, even for root (who could write it).
        if not os.access(target, os.W_OK) or not st.st_mode & 0o222:
            raise FixWriteError("the file is read-only")
        folder = os.path.dirname(target) or "."
        try:
            folder_mode = os.stat(folder).st_mode
        except OSError as exc:
            raise FixWriteError(f"cannot read its folder {folder}: {exc.strerror or exc}") from None
        if not folder_mode & 0o222:
            raise FixWriteError(f"its folder {folder} is read-only")
        _replace(target, data, st)
    if state.new_mode != state.mode:
        try:
            os.chmod(target, stat.S_IMODE(os.stat(target).st_mode) & ~state.clear_bits)
        except OSError as exc:
            raise FixWriteError(f"cannot change its mode: {exc.strerror or exc}") from None
    if state.new_folder_mode != state.folder_mode:
        try:
            os.chmod(state.folder, stat.S_IMODE(os.stat(state.folder).st_mode) & ~state.folder_clear_bits)
        except OSError as exc:
            raise FixWriteError(f"cannot change the mode of its folder: {exc.strerror or exc}") from None


def _replace(target: str, data: bytes, st: os.stat_result) -> None:
    folder = os.path.dirname(target) or "."
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".awslint-tmp", dir=folder)
    except OSError as exc:
        raise FixWriteError(f"cannot create a temporary file in {folder}: {exc.strerror or exc}") from None
    try:
        try:
            if hasattr(os, "fchmod"):  # POSIX; on Windows the new file's attributes are the default
                os.fchmod(fd, stat.S_IMODE(st.st_mode))
            _keep_owner(fd, st)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, target)
    except BaseException as exc:
        try:
            os.unlink(temp)
        except OSError:
            pass
        if isinstance(exc, FixWriteError):
            raise
        if isinstance(exc, OSError):
            raise FixWriteError(f"cannot write it: {exc.strerror or exc}") from None
        raise
    _fsync_folder(folder)


def _keep_owner(fd: int, st: os.stat_result) -> None:
    """Give the new file the old owner and group; refuse to take over someone else's file."""
    own = os.fstat(fd)
    if (own.st_uid, own.st_gid) == (st.st_uid, st.st_gid) or not hasattr(os, "fchown"):
        return
    try:
        os.fchown(fd, st.st_uid, st.st_gid)
    except OSError:
        if own.st_uid != st.st_uid:
            raise FixWriteError("it belongs to another user, whose ownership the rewrite cannot keep") from None
        try:
            os.fchown(fd, -1, st.st_gid)
        except OSError:
            raise FixWriteError("its group cannot be kept by the rewrite") from None


def write_changes(runs: list[FixRun], err: TextIO) -> tuple[int, int]:
    """Write every changed file; returns (fixed problems written, files that failed)."""
    fixed = failed = 0
    for run in runs:
        for state in run.changed:
            try:
                write_file(state, err)
            except FixWriteError as exc:
                failed += 1
                err.write(diagnostic("error", f"{state.ref.display}: cannot write the fixes: {exc}; the file is unchanged"))
                continue
            fixed += state.fixed
    return fixed, failed
