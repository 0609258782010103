"""Several reports in one run: which format goes where, written all or nothing.

``-f/--format`` may be repeated and each may carry its destination as ``FORMAT:PATH``;
``-o/--output`` may be repeated too and gives, in order, the destinations of the formats
without one (``-`` is standard output). So ``-f text -f sarif:awslint.sarif`` and
``-f text -f sarif -o - -o awslint.sarif`` both print text and write SARIF; the single
``-f json -o report.json`` of earlier versions means what it always meant. At most one report
goes to standard output.

Every regular file is first written to a temporary file next to its destination (a symlink's
target, so the link stays a link) and only renamed into place once all reports are rendered,
so a destination that cannot be written stops the run with ``awslint: error: …`` before any
report exists, and a failure never leaves half a set. Devices, FIFOs and ``/dev/*`` paths
(``/dev/null``, ``/dev/stdout``) are written in place: renaming over them would replace the
device with a plain file. A destination that is one of the files being linted is refused.
"""

from __future__ import annotations

import os
import stat
from awslint.records import dataclass
from typing import Iterable, Optional, TextIO

from awslint.errors import UsageError

FORMATS = ("text", "json", "sarif", "github", "full", "concise")
STDOUT = "-"


@dataclass
class Output:
    format: str
    path: Optional[str]  # None: standard output
    temp: Optional[str] = None  # the temporary file being written, for a path
    target: Optional[str] = None  # what the temporary file replaces (symlinks resolved)
    in_place: bool = False  # a device, FIFO or /dev path: written directly, never replaced
    created: Optional[list[str]] = None  # folders made for the report (removed again on failure)


def plan(formats: Optional[list[str]], outputs: Optional[list[str]]) -> list[Output]:
    """Pair formats with destinations; UsageError when the command line is ambiguous."""
    from awslint.ruleset import suggest

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
            try:
                info: Optional[os.stat_result] = os.stat(spec.path)
            except OSError:
                info = None  # missing (or a dangling symlink): created below
            if (info is not None and not stat.S_ISREG(info.st_mode)) or _is_dev_path(spec.path):
                if not os.access(spec.path, os.W_OK):
                    raise UsageError(f"--output {spec.path}: cannot write: permission denied")
                spec.in_place = True
                continue
            # Through symlinks to the file itself: the temporary file must replace the target,
            # not the link.
            spec.target = os.path.realpath(spec.path)
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
                    with open(spec.path, "w", encoding="utf-8") as handle:
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
