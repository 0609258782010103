"""What the file system and git say about a linted file: permissions and git status.

Used by AWS212 (permissions, POSIX only) and AWS216 (secrets git would publish). git runs at
most once per repository and run: ``GitProbe`` collects every file of the run, then one
``git ls-files`` per work tree answers for all of them. Nothing git prints reaches the user,
and any failure (git missing, not a work tree, dubious ownership, timeout) means "unknown".
"""

from __future__ import annotations

import os
import re
import stat
from awslint.records import dataclass
from typing import Any, Iterable, Optional

GIT_TIMEOUT_SECONDS = 5.0
GIT_STATES = ("tracked", "staged", "untracked", "ignored")


@dataclass
class FileMeta:
    """Permissions and git status of one file; None where unknown or not applicable."""

    mode: Optional[int] = None  # permission bits of the file
    folder: Optional[str] = None  # the folder holding it, as shown
    folder_mode: Optional[int] = None
    git: Optional[str] = None  # tracked (committed) | staged | untracked (git would add it) | ignored | None

    @classmethod
    def from_example(cls, raw: Any) -> FileMeta:
        """From a rule example's ``files:`` entry: ``{mode: '644', folder_mode: '755', git: tracked}``."""
        if not isinstance(raw, dict):
            return cls()

        def octal(value: Any) -> Optional[int]:
            return None if value is None else int(str(value), 8)

        git = raw.get("git")
        return cls(octal(raw.get("mode")), raw.get("folder", ".aws"), octal(raw.get("folder_mode")), git if git in GIT_STATES else None)


def posix() -> bool:
    return os.name == "posix"


def stat_meta(fs_path: str, display: str) -> FileMeta:
    """Mode bits of the file and its folder (POSIX only: Windows has no such bits)."""
    if not posix():
        return FileMeta()
    folder = os.path.dirname(os.path.abspath(fs_path))
    try:
        mode = stat.S_IMODE(os.stat(fs_path).st_mode)
    except OSError:
        return FileMeta()
    try:
        folder_mode: Optional[int] = stat.S_IMODE(os.stat(folder).st_mode)
    except OSError:
        folder_mode = None
    shown = os.path.dirname(display) or "."
    return FileMeta(mode, shown, folder_mode)


def work_tree_of(path: str) -> Optional[str]:
    """The nearest folder above ``path`` holding ``.git`` (a folder, or a file for worktrees)."""
    folder = os.path.dirname(os.path.abspath(path))
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


# Folder names of a chezmoi source state for ~/.aws (dot_aws with its attributes).
_CHEZMOI_AWS = re.compile(r"((private|readonly|empty|exact|external|create|remove)_)*dot_aws")


def _read_by_tools(real: str) -> bool:
    """The file the AWS tools read: ``~/.aws/config``/``credentials`` or the ``AWS_*_FILE`` paths."""
    candidates = [os.path.join("~", ".aws", "config"), os.path.join("~", ".aws", "credentials")]
    candidates += [os.environ[v] for v in ("AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE") if os.environ.get(v)]
    return any(os.path.realpath(os.path.expanduser(c)) == real for c in candidates)


def in_repository(source: Any) -> bool:
    """True when the file is a copy kept in a repository, not the one the tools read: it is a
    chezmoi source (``private_`` file or ``dot_aws`` folder) or lies in a git work tree
    (examples: any ``git`` state given). Its installed copy is what the tools use."""
    given = getattr(source, "meta", None)
    if given is not None:
        return given.git is not None
    fs_path = getattr(source, "fs_path", None)
    if fs_path is None:
        return False
    real = os.path.realpath(fs_path)
    if _read_by_tools(real):
        return False
    if os.path.basename(real).startswith("private_") or _CHEZMOI_AWS.fullmatch(os.path.basename(os.path.dirname(real))):
        return True
    return work_tree_of(real) is not None


class GitProbe:
    """git status of many files, asked lazily with one ``git ls-files`` per work tree."""

    def __init__(self, paths: Iterable[str] = ()) -> None:
        self._pending: dict[str, list[str]] = {}  # work tree -> real paths not yet asked
        self._root_of: dict[str, str] = {}  # real path -> its work tree, while pending
        self._status: dict[str, Optional[str]] = {}
        for path in paths:
            self.add(path)

    def add(self, path: str) -> None:
        real = os.path.realpath(path)
        if real in self._status or real in self._root_of:
            return
        root = work_tree_of(real)
        if root is None:
            self._status[real] = None
        else:
            self._pending.setdefault(root, []).append(real)
            self._root_of[real] = root

    def status(self, path: str) -> Optional[str]:
        real = os.path.realpath(path)
        if real not in self._status:
            self.add(real)
            root = self._root_of.get(real)
            if root is not None and root in self._pending:
                files = self._pending.pop(root)
                for name in files:
                    self._root_of.pop(name, None)
                self._ask(root, files)
        return self._status.get(real)

    def _ask(self, root: str, files: list[str]) -> None:
        for path in files:
            self._status[path] = None
        relative = {os.path.relpath(path, root): path for path in files}
        command = [
            "git", "-C", root,
            # Never run hooks or helpers configured by a repository we merely read.
            "-c", "core.fsmonitor=false", "-c", "core.quotepath=off",
            "ls-files", "-z", "-t", "--cached", "--others", "--exclude-standard", "--",
            *relative,
        ]
        done = _git(command)
        if done is None:
            return  # git missing, timed out, failed, or the path cannot be passed: unknown
        listed: dict[str, str] = {}
        for entry in done.split(b"\0"):
            if len(entry) < 3:
                continue
            tag, name = entry[:1], entry[2:].decode("utf-8", "surrogateescape")
            listed[os.path.normpath(name)] = "untracked" if tag == b"?" else "tracked"
        tracked = [name for name, state in listed.items() if state == "tracked"]
        if tracked:
            # In the index but not in HEAD: added, about to be committed (a pre-commit run), so
            # nothing is in the history yet. No HEAD (a fresh repository): everything is staged.
            in_head = _git([
                "git", "-C", root, "-c", "core.fsmonitor=false", "-c", "core.quotepath=off",
                "ls-tree", "-r", "-z", "--name-only", "HEAD", "--", *tracked,
            ])
            committed = set() if in_head is None else {os.path.normpath(n.decode("utf-8", "surrogateescape")) for n in in_head.split(b"\0") if n}
            for name in tracked:
                if name not in committed:
                    listed[name] = "staged"
        for rel, path in relative.items():
            self._status[path] = listed.get(os.path.normpath(rel), "ignored")


def _git(command: list[str]) -> Optional[bytes]:
    """What a git command prints, or None when it cannot run or fails."""
    import subprocess  # here: only a rule that asks about git pays for it (~4 ms)

    env = dict(os.environ, GIT_OPTIONAL_LOCKS="0", LC_ALL="C")
    try:
        done = subprocess.run(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            timeout=GIT_TIMEOUT_SECONDS, env=env, check=False,
        )
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    return done.stdout if done.returncode == 0 else None


def file_meta(source: Any, want_git: bool) -> FileMeta:
    """The metadata of a ``SourceFile``: given (examples, tests) or read from disk. git is
    asked only when ``want_git`` (a file with secrets): most runs never start it."""
    given = getattr(source, "meta", None)
    if given is not None:
        return given
    fs_path = getattr(source, "fs_path", None)
    if fs_path is None:
        return FileMeta()
    meta = stat_meta(fs_path, source.path)
    if want_git:
        probe = getattr(source, "git_probe", None) or GitProbe()
        meta.git = probe.status(fs_path)
    return meta


def open_bits(mode: Optional[int]) -> bool:
    """Readable, writable or executable by group or others."""
    return mode is not None and bool(mode & 0o077)


def folder_open_bits(mode: Optional[int]) -> bool:
    """Writable by group or others: they could replace the files inside."""
    return mode is not None and bool(mode & 0o022)


def octal_text(mode: Optional[int]) -> Optional[str]:
    return None if mode is None else f"{mode:04o}"
