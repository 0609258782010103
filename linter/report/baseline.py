"""Baselines: adopt awslint on an existing repository without fixing every old finding first.

``--write-baseline FILE`` records the current findings; ``--baseline FILE`` reports only the
findings that are not in it. An entry is keyed on what identifies a problem, never on where it
stands: the rule code, the file's path relative to the repository root (the folder holding
``.git`` at or above the baseline file, else the baseline file's folder), the section, the
profile and the key. Moving a block or adding lines elsewhere therefore changes nothing, and
the same key reported twice is one entry with ``"count": 2``. Files outside the root have no
entries: ``--write-baseline`` leaves their findings out (and says how many), and an entry whose
path is absolute or leads out with ``..`` is ignored with a warning, so a baseline committed to
a repository never silences findings elsewhere (nor records a home folder's paths). No line numbers, no timestamps, no
message text; a section, profile or key shaped like key material is stored masked (the masked
form is what both sides compare), so the file never holds a secret. The file is sorted JSON with
one entry per line, so it diffs well::

    {
      "version": 1,
      "entries": [
        {"code": "AWS201", "path": "dot_aws/private_credentials", "section": "default", "profile": "default", "key": "aws_access_key_id"},
        {"code": "AWS006", "path": "dot_aws/config", "section": "profile ci", "profile": "ci", "key": "region", "count": 2}
      ]
    }

A finding covered by the baseline is marked like an inline-suppressed one
(``suppressed = {"directive": "baseline", …}``): out of text, SARIF, annotations and the exit
code, listed in JSON. An entry for a file linted in this run, of a rule that ran, that matched
nothing is *stale*; the summary counts those so they can be pruned with ``--write-baseline``.
"""

from __future__ import annotations

import json
import os
from typing import Any, Iterable, Optional

from awslint.errors import UsageError
from awslint.findings import Finding
from awslint.redaction import Redactor, printable
from awslint.standins.records import dataclass, field

VERSION = 1
TOP_FIELDS = ("version", "entries")
ENTRY_FIELDS = ("code", "path", "section", "profile", "key", "count")
IDENTITY = ("code", "path", "section", "profile", "key")
DIRECTIVE = "baseline"

Identity = tuple[str, str, Optional[str], Optional[str], Optional[str]]


@dataclass
class Outcome:
    """What applying a baseline did: findings it covered, entries that matched nothing."""

    baselined: int = 0
    stale: int = 0
    stale_entries: list[Identity] = field(default_factory=list)


def root_for(baseline_path: str) -> str:
    """The folder entry paths are relative to: the git work tree around the baseline file, else
    the baseline file's folder."""
    from awslint.report.formatters.locations import repo_root

    folder = os.path.dirname(os.path.abspath(baseline_path)) or "."
    root = repo_root(folder)
    return str(root) if root is not None else os.path.realpath(folder)


class _Keyer:
    """Finding → identity; key-shaped names are masked (the same way on both sides).

    A file outside the root has no identity: a baseline (often committed, often someone else's)
    neither records nor silences findings on files beyond its repository."""

    def __init__(self, root: str, cwd: str) -> None:
        self.root, self.cwd = root, cwd
        # Escaped, then masked, the same way on both sides: the baseline file is a report too
        # (no raw control characters, and a path that is not UTF-8 can be written).
        redact = Redactor()
        self.redact = lambda text: redact(printable(text))
        self.paths: dict[str, Optional[str]] = {}

    def path(self, shown: str) -> Optional[str]:
        """The file's path relative to the root, as entries hold it; None outside the root."""
        if shown not in self.paths:
            from pathlib import Path

            from awslint.report.formatters.locations import relative_to_root

            relative = relative_to_root(shown, Path(self.root), self.cwd)
            self.paths[shown] = None if relative is None else self.redact(relative)
        return self.paths[shown]

    def __call__(self, finding: Finding) -> Optional[Identity]:
        path = self.path(finding.path)
        if path is None:
            return None
        return (
            finding.code,
            path,
            None if finding.section is None else self.redact(finding.section),
            None if finding.profile is None else self.redact(finding.profile),
            None if finding.key is None else self.redact(finding.key),
        )


def render(findings: Iterable[Finding], baseline_path: str, cwd: Optional[str] = None) -> str:
    """The baseline file for ``findings`` (the inline-suppressed ones left out)."""
    return _render(findings, baseline_path, cwd)[0]


def _render(findings: Iterable[Finding], baseline_path: str, cwd: Optional[str] = None) -> tuple[str, int]:
    """The baseline file, and how many findings it left out for being on files outside the root
    (an absolute path there would put a home folder into a committed file, and match nothing)."""
    keyer = _Keyer(root_for(baseline_path), cwd or os.getcwd())
    counts: dict[Identity, int] = {}
    outside = 0
    for finding in findings:
        if finding.suppressed is None:
            identity = keyer(finding)
            if identity is None:
                outside += 1
                continue
            counts[identity] = counts.get(identity, 0) + 1
    lines = []
    for identity in sorted(counts, key=_sort_key):
        entry: dict[str, Any] = {name: value for name, value in zip(IDENTITY, identity) if value is not None}
        if counts[identity] > 1:
            entry["count"] = counts[identity]
        lines.append("    " + json.dumps(entry, ensure_ascii=False))
    body = ",\n".join(lines)
    entries = f"[\n{body}\n  ]" if lines else "[]"
    return f'{{\n  "version": {VERSION},\n  "entries": {entries}\n}}\n', outside


def _sort_key(identity: Identity) -> tuple[str, ...]:
    code, path, section, profile, key = identity
    return (path, section or "", profile or "", key or "", code)


def write(findings: list[Finding], baseline_path: str, out: Any, inputs: Iterable[str] = ()) -> tuple[int, int, int]:
    """Write the baseline atomically, as reports are (never over a file being linted).
    Returns the number of findings recorded, of entries, and of findings left out (outside the root)."""
    from awslint.report import outputs

    text, outside = _render(findings, baseline_path)
    spec = outputs.Output("json", None if baseline_path == outputs.STDOUT else baseline_path)
    try:
        outputs.prepare([spec], inputs)
        outputs.commit([spec], [text], out)
    except UsageError as exc:  # the shared report writer names --output: say which option it was
        message = str(exc)
        if message.startswith("--output "):
            message = "--write-baseline " + message[len("--output "):]
        raise UsageError(message) from None
    return sum(1 for f in findings if f.suppressed is None) - outside, text.count("\n    {"), outside


def load(baseline_path: str, known_codes: Iterable[str], warnings: Optional[list[str]] = None) -> dict[Identity, int]:
    """The entries of a baseline file; UsageError ``FILE:LINE: …`` when it is malformed
    (``warnings`` gets the notices of ``parse``)."""
    try:
        with open(baseline_path, encoding="utf-8") as handle:
            text = handle.read()
    except FileNotFoundError:
        raise UsageError(f"--baseline {baseline_path}: no such file (create it with --write-baseline {baseline_path})") from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        raise UsageError(f"--baseline {baseline_path}: cannot read: {reason}") from None
    return parse(text, baseline_path, known_codes, warnings)


def parse(text: str, name: str, known_codes: Iterable[str], warnings: Optional[list[str]] = None) -> dict[Identity, int]:
    """Validate and read a baseline document (see the module docstring for its shape).

    Entries whose path is absolute or leads out of the root with ``..`` are dropped, with one
    notice (``FILE:LINE: …``, the first such entry) added to ``warnings``: a baseline in the
    repository linted must not silence findings on files outside it."""
    from awslint.distance import suggest

    def fail(position: int, message: str) -> UsageError:
        return UsageError(f"{name}:{text.count(chr(10), 0, position) + 1}: {message}")

    try:
        document = json.loads(text, object_pairs_hook=_no_duplicates)
    except _Duplicate as exc:
        raise UsageError(f"{name}:{_line_of_key(text, exc.key)}: duplicate field '{exc.key}'") from None
    except RecursionError:  # [[[[… deeper than the decoder's stack: no baseline is like that
        raise UsageError(f"{name}:1: nested too deeply") from None
    except ValueError as exc:
        lineno = getattr(exc, "lineno", None)
        message = getattr(exc, "msg", None) or "not JSON"
        if lineno is None:
            raise UsageError(f"{name}:1: not a JSON baseline ({message})") from None
        raise UsageError(f"{name}:{lineno}: not valid JSON: {message}") from None
    if not isinstance(document, dict):
        raise fail(_skip_space(text, 0), 'a baseline is a JSON object {"version": 1, "entries": [...]}')
    positions = _member_positions(text, _skip_space(text, 0))
    for member in document:
        if member not in TOP_FIELDS:
            raise fail(positions[member][0], f"unknown field '{member}'{suggest(member, TOP_FIELDS)}; allowed: {', '.join(TOP_FIELDS)}")
    if "version" not in document:
        raise fail(0, "the baseline has no 'version'")
    if document["version"] != VERSION:
        raise fail(positions["version"][1], f"unsupported baseline version {json.dumps(document['version'])} (this awslint reads version {VERSION})")
    entries = document.get("entries")
    if not isinstance(entries, list):
        where = positions["entries"][1] if "entries" in positions else 0
        raise fail(where, "'entries' must be a list of entries")
    known = set(known_codes)
    starts = _element_positions(text, positions["entries"][1])
    result: dict[Identity, int] = {}
    outside: list[int] = []  # the offsets of entries naming a file outside the root
    for entry, start in zip(entries, starts):
        if not isinstance(entry, dict):
            raise fail(start, "an entry is an object with code, path, section, profile, key (and count)")
        fields = _member_positions(text, start)
        for member in entry:
            if member not in ENTRY_FIELDS:
                raise fail(fields[member][0], f"unknown field '{member}'{suggest(member, ENTRY_FIELDS)}; allowed: {', '.join(ENTRY_FIELDS)}")
        for required in ("code", "path"):
            if not isinstance(entry.get(required), str) or not entry[required]:
                raise fail(fields[required][1] if required in fields else start, f"an entry needs '{required}' as a non-empty string")
        for optional in ("section", "profile", "key"):
            if entry.get(optional) is not None and not isinstance(entry[optional], str):
                raise fail(fields[optional][1], f"'{optional}' must be a string or null")
        count = entry.get("count", 1)
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise fail(fields["count"][1], "'count' must be a whole number of at least 1")
        code = entry["code"]
        if code not in known:
            raise fail(fields["code"][1], f"no rule '{code}'{suggest(code, sorted(known))}; 'awslint rules' lists them")
        if _outside_root(entry["path"]):
            outside.append(start)
            continue
        identity = (code, entry["path"], entry.get("section"), entry.get("profile"), entry.get("key"))
        result[identity] = result.get(identity, 0) + count
    if outside and warnings is not None:
        line = text.count("\n", 0, outside[0]) + 1
        what = "1 entry names a file" if len(outside) == 1 else f"{len(outside)} entries name files"
        warnings.append(
            f"{name}:{line}: {what} outside the repository (an absolute path, or one leading out with '..'): "
            "ignored; a baseline covers only files beneath its root"
        )
    return result


def _outside_root(path: str) -> bool:
    """Whether an entry's path is absolute or leads out of the root (entries are POSIX paths)."""
    import posixpath

    if os.name == "nt":  # where a drive or a backslash can make a path absolute
        from pathlib import PureWindowsPath

        if PureWindowsPath(path).drive or path.startswith("\\"):
            return True
        path = path.replace("\\", "/")
    if path.startswith("/"):
        return True
    normal = posixpath.normpath(path)
    return normal == ".." or normal.startswith("../")


class _Duplicate(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _Duplicate(key)
        result[key] = value
    return result


def _line_of_key(text: str, key: str) -> int:
    """The line of the second occurrence of ``"key":`` (the duplicate), else 1."""
    needle = json.dumps(key)
    first = text.find(needle)
    second = text.find(needle, first + 1) if first >= 0 else -1
    where = second if second >= 0 else max(first, 0)
    return text.count("\n", 0, where) + 1


_DECODER = json.JSONDecoder()


def _skip_space(text: str, index: int) -> int:
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    return index


def _member_positions(text: str, start: int) -> dict[str, tuple[int, int]]:
    """For the (already valid) JSON object at ``start``: each member's key and value offsets."""
    positions: dict[str, tuple[int, int]] = {}
    index = _skip_space(text, start + 1)
    while index < len(text) and text[index] != "}":
        key, after = _DECODER.raw_decode(text, index)
        value_at = _skip_space(text, _skip_space(text, after) + 1)  # past the ':'
        _, end = _DECODER.raw_decode(text, value_at)
        positions[key] = (index, value_at)
        index = _skip_space(text, end)
        if index < len(text) and text[index] == ",":
            index = _skip_space(text, index + 1)
    return positions


def _element_positions(text: str, start: int) -> list[int]:
    """For the (already valid) JSON array at ``start``: each element's offset."""
    positions: list[int] = []
    index = _skip_space(text, start + 1)
    while index < len(text) and text[index] != "]":
        positions.append(index)
        _, end = _DECODER.raw_decode(text, index)
        index = _skip_space(text, end)
        if index < len(text) and text[index] == ",":
            index = _skip_space(text, index + 1)
    return positions


def apply(
    findings: list[Finding],
    entries: dict[Identity, int],
    baseline_path: str,
    linted_paths: Iterable[str],
    enabled_codes: Iterable[str],
    cwd: Optional[str] = None,
) -> Outcome:
    """Mark the findings the baseline covers; count the entries that matched nothing.

    Only entries for files linted in this run (``linted_paths``, as shown) and rules that ran
    can be stale: a pre-commit run on one file, or ``--select``, must not call the rest stale."""
    keyer = _Keyer(root_for(baseline_path), cwd or os.getcwd())
    left = dict(entries)
    outcome = Outcome()
    for finding in findings:  # sorted by file and line: the first N of an identity are covered
        if finding.suppressed is not None:
            continue
        identity = keyer(finding)
        if identity is not None and left.get(identity, 0) > 0:
            left[identity] -= 1
            finding.suppressed = {"reason": None, "directive": DIRECTIVE, "line": None, "baseline": baseline_path}
            outcome.baselined += 1
    linted = {keyer.path(path) for path in linted_paths} - {None}
    enabled = set(enabled_codes)
    for identity, count in sorted(left.items(), key=lambda item: _sort_key(item[0])):
        if count > 0 and identity[1] in linted and identity[0] in enabled:
            outcome.stale += count
            outcome.stale_entries.append(identity)
    return outcome


def notes(outcome: Optional[Outcome]) -> str:
    """Text lines before the summary: the stale entries, if any."""
    if outcome is None or not outcome.stale:
        return ""
    noun = "baseline entry no longer matches" if outcome.stale == 1 else "baseline entries no longer match"
    return f"{outcome.stale} {noun}; run --write-baseline to prune.\n"
