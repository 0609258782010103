"""Several reports in one run: which format goes where, written all or nothing.

``-f/--format`` may be repeated and each may carry its destination as ``FORMAT:PATH``;
``-o/--output`` may be repeated too and gives, in order, the destinations of the formats
without one (``-`` is standard output). So ``-f text -f sarif:awslint.sarif`` and
``-f text -f sarif -o - -o awslint.sarif`` both print text and write SARIF; the single
``-f json -o report.json`` of earlier versions means what it always meant. At most one report
goes to standard output.

Every regular file is first written to a temporary file next to its destination and only
renamed into place once all reports are rendered, so a destination that cannot be written
stops the run with ``awslint: error: …`` before any report exists, and a failure never leaves
half a set. Devices, FIFOs and ``/dev/*`` paths (``/dev/null``, ``/dev/stdout``) are written in
place: renaming over them would replace the device with a plain file. A destination that is
one of the files being linted is refused.

A destination that is a symbolic link (dangling or not) is refused, outside ``/dev``: the link
may come from the repository being linted (a pull request adding ``awslint.sarif ->
~/.profile``), and a CI step must not be redirected by it. So is a destination whose folder is
reached through a link inside a git work tree that leads out of it (``reports -> /elsewhere``),
as ``--fix`` refuses such links (``links.py``). The rename replaces a name, never what a link
points at, so a link put in place after the check is replaced, not followed.
"""

from __future__ import annotations

import os
import stat
from awslint.standins.records import dataclass
from typing import Iterable, Optional, TextIO

from awslint.errors import UsageError

FORMATS = ("text", "json", "sarif", "github", "full", "concise")
STDOUT = "-"


@dataclass
class Output:
    format: str
    path: Optional[str]  # None: standard output
    temp: Optional[str] = None  # the temporary file being written, for a path
    target: Optional[str] = None  # what the temporary file replaces (absolute)
    in_place: bool = False  # a device, FIFO or /dev path: written directly, never replaced
    created: Optional[list[str]] = None  # folders made for the report (removed again on failure)


def plan(formats: Optional[list[str]], outputs: Optional[list[str]]) -> list[Output]:
    """Pair formats with destinations; UsageError when the command line is ambiguous."""
    from awslint.distance import suggest

    specs: list[Output] = []
    for raw in formats or ["text"]:
        name, sep, path = raw.partition(":")
        name = name.strip().lower()
        if name not in FORMATS:
            raise UsageError(f"--format {raw}: unknown format '{name}'{suggest(name, FORMATS)}; choose from {', '.join(FORMATS)}")
        if sep and not path:
            raise UsageError(f"--format {raw}: no path after ':' (use FORMAT:PATH, or FORMAT:- for standard output)")
        specs.append(Output(name, (None if path == STDOUT else path) if sep else ""))
    open_slots = [s for s in specs if s.path == ""]
    given = list(outputs or [])
    if given and len(given) != len(open_slots):
        raise UsageError(
            f"{len(given)} --output for {len(open_slots)} --format without a path: give one --output per format, "
            "in the same order, or write FORMAT:PATH"
        )
    for spec, path in zip(open_slots, given):
        spec.path = None if path == STDOUT else path
    for spec in specs:
        if spec.path == "":
            spec.path = None
    to_stdout = [s.format for s in specs if s.path is None]
    if len(to_stdout) > 1:
        raise UsageError(
            f"{len(to_stdout)} reports ({', '.join(to_stdout)}) would go to standard output: give the others a file "
            "with -o FILE or FORMAT:PATH"
        )
    paths = [os.path.realpath(s.path) for s in specs if s.path is not None]
    if len(set(paths)) != len(paths):
        raise UsageError("two reports would be written to the same file")
    return specs


def prepare(specs: list[Output], inputs: Iterable[str] = ()) -> None:
    """Create each report's temporary file now, so an unwritable destination fails before linting;
    refuse a destination that is one of ``inputs`` (the files being linted)."""
    inputs = [path for path in inputs if path]
    try:
        for spec in specs:
            if spec.path is None:
                continue
            if os.path.isdir(spec.path):
                raise UsageError(f"--output {spec.path}: is a directory")
            if any(_same_file(spec.path, path) for path in inputs):
                raise UsageError(f"--output {spec.path}: is one of the files being linted; write the report elsewhere")
            if os.path.islink(spec.path) and not _is_dev_path(spec.path):
                raise UsageError(
                    f"--output {spec.path}: is a symbolic link; awslint does not write a report through a link "
                    "(remove the link, or give the path it points to)"
                )
            leaves = _leaves_the_tree(spec.path)
            if leaves is not None:
                raise UsageError(f"--output {spec.path}: {leaves}; awslint does not write a report there")
            try:
                info: Optional[os.stat_result] = os.stat(spec.path)
            except OSError:
                info = None  # missing: created below
            if (info is not None and not stat.S_ISREG(info.st_mode)) or _is_dev_path(spec.path):
                if not os.access(spec.path, os.W_OK):
                    raise UsageError(f"--output {spec.path}: cannot write: permission denied")
                spec.in_place = True
                continue
            spec.target = os.path.abspath(spec.path)
            folder = os.path.dirname(spec.target)
            spec.created = _make_folder(spec.path, folder)
            import tempfile  # here: a plain run to standard output never needs it (~5 ms with shutil)

            try:
                handle, spec.temp = tempfile.mkstemp(prefix=".awslint-", suffix=".tmp", dir=folder)
            except OSError as exc:
                raise UsageError(f"--output {spec.path}: cannot write: {exc.strerror or exc}") from None
            os.close(handle)
    except BaseException:
        discard(specs)
        raise


def _make_folder(shown: str, folder: str) -> Optional[list[str]]:
    """Create a report's missing folders (``-f json:out/report.json``), as ruff and eslint do;
    returns those created, deepest first."""
    if os.path.isdir(folder):
        return None
    missing = []
    here = folder
    while here and not os.path.lexists(here):
        missing.append(here)
        parent = os.path.dirname(here)
        if parent == here:
            break
        here = parent
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"--output {shown}: cannot create the folder {folder}: {exc.strerror or exc}") from None
    return missing


def discard(specs: list[Output]) -> None:
    """Remove every temporary file (after a failure)."""
    for spec in specs:
        if spec.temp is not None:
            try:
                os.unlink(spec.temp)
            except OSError:
                pass
            spec.temp = None
        for folder in spec.created or ():
            try:
                os.rmdir(folder)  # only while empty: after a successful run it holds the report
            except OSError:
                break
        spec.created = None


def commit(specs: list[Output], reports: list[str], out: TextIO) -> None:
    """Write the rendered reports: temporary files, then devices, then the renames (so a failure
    replaces no file), then standard output."""
    try:
        for spec, report in zip(specs, reports):
            if spec.temp is None:
                continue
            try:
                with open(spec.temp, "w", encoding="utf-8") as handle:
                    handle.write(report)
                mode = 0o666 & ~_umask()
                os.chmod(spec.temp, mode)  # mkstemp makes 0600; a report is an ordinary file
            except OSError as exc:
                raise UsageError(f"--output {spec.path}: cannot write: {exc.strerror or exc}") from None
        for spec, report in zip(specs, reports):
            if spec.in_place and spec.path is not None:
                try:
                    with _open_in_place(spec.path) as handle:
                        handle.write(report)
                except OSError as exc:
                    raise UsageError(f"--output {spec.path}: cannot write: {exc.strerror or exc}") from None
        for spec in specs:
            if spec.temp is not None and spec.path is not None:
                try:
                    os.replace(spec.temp, spec.target or spec.path)
                except OSError as exc:
                    raise UsageError(f"--output {spec.path}: cannot write: {exc.strerror or exc}") from None
                spec.temp = None
    finally:
        discard(specs)
    for spec, report in zip(specs, reports):
        if spec.path is None:
            try:
                out.write(report)
                out.flush()
            except BrokenPipeError:
                raise  # a reader that stopped early (head): cli.main's own case
            except OSError as exc:  # a full disk (/dev/full), a closed terminal
                raise UsageError(f"cannot write the report to standard output: {exc.strerror or exc}") from None


def write_report(path: Optional[str], report: str, out: TextIO, inputs: Iterable[str] = ()) -> None:
    """One report to standard output (``path`` None) or to a file, as safely as several outputs."""
    spec = Output("text", path)
    prepare([spec], inputs)
    commit([spec], [report], out)


def _leaves_the_tree(path: str) -> Optional[str]:
    """Why the folder of ``path`` is reached through a link that leaves a git work tree (one a
    repository could have added, like ``reports -> ~/.config``), or None."""
    if _is_dev_path(path):
        return None
    from awslint.files.links import escape_refusal, resolve_links

    try:
        real, homes = resolve_links(os.path.dirname(os.path.abspath(path)))
    except OSError as exc:
        return f"its folder's symbolic links cannot be resolved: {exc.strerror or exc}"
    return escape_refusal(real, homes) if homes else None


def _open_in_place(path: str) -> TextIO:
    """A device or FIFO, opened for writing; outside ``/dev`` a link put there since ``prepare``
    is not followed."""
    flags = os.O_WRONLY | os.O_TRUNC
    if not _is_dev_path(path):
        flags |= getattr(os, "O_NOFOLLOW", 0)
    return open(os.open(path, flags), "w", encoding="utf-8")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _same_file(a: str, b: str) -> bool:
    """Whether two paths name one file (through symlinks and hard links)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def _is_dev_path(path: str) -> bool:
    # /dev/stdout and /dev/fd/N lead through /proc to whatever the shell opened, which may be a
    # regular file: writing through the path keeps the shell's redirection (and its >> append).
    return os.path.abspath(path).startswith("/dev/")
