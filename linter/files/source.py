"""Reading one file: bytes in, decoded text and universal-newline lines out.

botocore opens the files in text mode (universal newlines, the locale's encoding, UTF-8 on
typical systems). We read bytes and decode UTF-8 ourselves so that a BOM or invalid bytes
become findings instead of crashes.
"""

from __future__ import annotations

import os
import re
import stat
from awslint.standins.records import dataclass, field
from typing import Any, Iterator, Optional

from awslint.errors import UsageError

CONFIG = "config"
CREDENTIALS = "credentials"

#: Larger files are refused with an error rather than read into memory.
MAX_FILE_BYTES = 64 * 1024 * 1024
#: Limits that bound memory as well as bytes (each parsed line and section costs a few KB):
#: far above real files (a few thousand profiles) and above the benchmarks' 100,000 profiles
#: (~850,000 lines). A file beyond one is refused before it is parsed. Line length needs no
#: limit of its own: a long value costs memory in proportion to its bytes (about 8 bytes per
#: byte), which the byte limit bounds.
MAX_LINES = 1_000_000
MAX_SECTIONS = 200_000

# Python's text mode ends lines at \r\n, \r or \n only (unlike str.splitlines, which also
# splits at \x0b, \x0c, \x1c-\x1e, \x85, \u2028 and \u2029).
_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


@dataclass
class DecodeProblem:
    """The first byte sequence that is not UTF-8."""

    line: int
    column: int
    reason: str


@dataclass
class SourceFile:
    """One AWS config or credentials file, read and decoded."""

    path: str  # as shown to the user
    role: str  # CONFIG or CREDENTIALS
    text: str  # decoded, BOM removed, invalid bytes replaced with U+FFFD
    bom: bool = False
    decode_problem: Optional[DecodeProblem] = None
    reported: bool = True  # False for a sibling read only as context
    lines: list[str] = field(default_factory=list)  # with their line endings
    template: bool = False  # {{ }} spans masked for linting (templates.py): never write this text back
    fs_path: Optional[str] = None  # where it was read from (None for in-memory text)
    meta: Any = None  # a filemeta.FileMeta given instead of reading the disk (examples, tests)
    git_probe: Any = None  # a filemeta.GitProbe shared by the files of one run

    def __post_init__(self) -> None:
        if not self.lines and self.text:
            self.lines = split_lines(self.text)


def split_lines(text: str) -> list[str]:
    """Split like Python's universal-newline text mode, keeping the line endings."""
    return _LINE_RE.findall(text)


def decode(data: bytes) -> tuple[str, bool, Optional[DecodeProblem]]:
    """Decode UTF-8, stripping a BOM; report the first invalid byte instead of failing."""
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    try:
        return data.decode("utf-8"), bom, None
    except UnicodeDecodeError as exc:
        parts = split_lines(data[: exc.start].decode("utf-8"))
        if parts and not parts[-1].endswith(("\r", "\n")):
            line, column = len(parts), len(parts[-1]) + 1
        else:
            line, column = len(parts) + 1, 1
        problem = DecodeProblem(line, column, f"byte 0x{data[exc.start]:02x} is not valid UTF-8")
        return data.decode("utf-8", "replace"), bom, problem


def read_regular_file(path: str, display: str) -> bytes:
    """The bytes of a regular file; UsageError for anything else, without ever blocking."""
    try:
        # O_NONBLOCK: opening a FIFO must never wait for a writer; we refuse it right after.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise UsageError(f"{display}: no such file or directory") from None
    except OSError as exc:
        raise UsageError(f"{display}: cannot read: {exc.strerror or exc}") from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_FILE_BYTES:
        os.close(fd)
        if not stat.S_ISREG(st.st_mode):
            raise UsageError(f"{display}: not a regular file")
        raise UsageError(f"{display}: file is too large ({st.st_size} bytes, limit {MAX_FILE_BYTES})")
    with os.fdopen(fd, "rb") as handle:
        try:
            return handle.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise UsageError(f"{display}: cannot read: {exc.strerror or exc}") from None


def check_limits(text: str, display: str) -> None:
    """UsageError when ``text`` has more than ``MAX_LINES`` lines or ``MAX_SECTIONS`` sections.

    Lines and brackets are counted in C without splitting, so a refused file costs no more than
    its text, and a file shorter than the limits (every real one) pays nothing; sections are
    counted line by line only when there are brackets enough."""
    if len(text) > MAX_LINES:  # each line is at least one character
        lines = text.count("\n")
        if "\r" in text:
            lines += text.count("\r") - text.count("\r\n")
        if lines > MAX_LINES:
            raise UsageError(f"{display}: too many lines ({lines:,}; awslint reads at most {MAX_LINES:,} lines per file)")
    if len(text) > MAX_SECTIONS and text.count("[") > MAX_SECTIONS:
        sections = sum(1 for line in _text_lines(text) if line.lstrip(" \t").startswith("["))
        if sections > MAX_SECTIONS:
            raise UsageError(
                f"{display}: too many sections ({sections:,}; awslint reads at most {MAX_SECTIONS:,} per file)"
            )


def _text_lines(text: str) -> Iterator[str]:
    """The lines of ``text`` as text mode ends them (\\n, \\r\\n, lone \\r), without endings."""
    for piece in text.split("\n"):
        if "\r" not in piece:
            yield piece
            continue
        parts = piece.split("\r")
        if piece.endswith("\r"):
            parts.pop()  # \r\n: one line ending, not an empty line
        yield from parts


def decode_within_limits(data: bytes, display: str) -> tuple[str, bool, Optional[DecodeProblem]]:
    """``decode``, then ``check_limits``: every way bytes become text to parse (a file, standard
    input, the fixer's copy) goes through here, so none escapes the limits."""
    text, bom, problem = decode(data)
    check_limits(text, display)
    return text, bom, problem


def read_source(path: str, role: str, display: str, *, reported: bool = True) -> SourceFile:
    """Read and decode one AWS file; raise UsageError for anything that cannot be read."""
    text, bom, problem = decode_within_limits(read_regular_file(path, display), display)
    return SourceFile(
        path=display, role=role, text=text, bom=bom, decode_problem=problem, reported=reported, fs_path=path
    )


def source_from_text(text: str, role: str, path: str = "<string>") -> SourceFile:
    """Build a SourceFile from text (used by rule examples and tests)."""
    data = text.encode("utf-8", "surrogatepass")
    decoded, bom, problem = decode(data)
    return SourceFile(path=path, role=role, text=decoded, bom=bom, decode_problem=problem)
