"""What the file system and git say about a linted file: permissions and git status.

Used by AWS212 (permissions, POSIX only) and AWS216 (secrets git would publish). git runs at
most once per repository and run: ``GitProbe`` collects every file of the run, then one
``git ls-files`` per work tree answers for all of them. Nothing git prints reaches the user,
and any failure (git missing, not a work tree, dubious ownership, timeout) means "unknown".

The repository is untrusted: its ``.git/config`` is the attacker's. git is run so that nothing
it configures can start a program (``git_command``/``git_environment``): ``ls-files`` starts
other programs only through fsmonitor and through a partial clone's lazy fetch (which runs
``core.sshCommand``, ``remote.*.uploadpack``, credential helpers, askpass); the first is turned
off on the command line (which outranks every config file), the second is refused by
``GIT_ALLOW_PROTOCOL`` set empty (which outranks every ``protocol.*`` setting) and, from git
2.45, by ``GIT_NO_LAZY_FETCH``. Hooks, pager, helpers and askpass are disabled besides, so a
later change of the command cannot reopen them silently.
"""

from __future__ import annotations

import os
import re
import stat
from awslint.standins.records import dataclass
from typing import Any, Iterable, Mapping, Optional

GIT_TIMEOUT_SECONDS = 5.0
GIT_STATES = ("tracked", "staged", "untracked", "ignored")

#: Command-line settings; ``-c`` outranks the repository's own config. Each names a way a
#: repository's ``.git/config`` could make git start a program.
GIT_SAFE_SETTINGS = (
    "core.fsmonitor=false",  # a hook program asked for changed files (ls-files runs it)
    "core.hooksPath=/dev/null",  # no hooks (reference-transaction, …) in git or a child git
    "core.askPass=",  # empty: no askpass program (GIT_ASKPASS is emptied below too)
    "credential.helper=",  # empty resets the list: no credential helper
    "protocol.allow=never",  # no transport (GIT_ALLOW_PROTOCOL below is the binding guard)
    "core.quotepath=off",
)

#: Environment variables that choose a repository, index or config other than the work tree's
#: own (git's ``local_repo_env``, as set by a calling hook), or that name a program.
_DROPPED_ENV = frozenset({
    "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_CONFIG", "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT",
    "GIT_OBJECT_DIRECTORY", "GIT_DIR", "GIT_WORK_TREE", "GIT_IMPLICIT_WORK_TREE", "GIT_GRAFT_FILE",
    "GIT_INDEX_FILE", "GIT_NO_REPLACE_OBJECTS", "GIT_REPLACE_REF_BASE", "GIT_PREFIX", "GIT_SHALLOW_FILE",
    "GIT_COMMON_DIR", "GIT_SSH", "GIT_SSH_COMMAND", "GIT_PROXY_COMMAND", "GIT_EXTERNAL_DIFF", "GIT_PAGER",
    "PAGER", "GIT_EDITOR", "GIT_SEQUENCE_EDITOR",
})


def git_environment(environ: Optional[Mapping[str, str]] = None) -> dict[str, str]:
    """The environment git runs with: the caller's, minus anything that picks another repository
    or names a program, plus the switches that refuse every transport and prompt."""
    env = {
        name: value for name, value in (os.environ if environ is None else environ).items()
        if name not in _DROPPED_ENV and not name.startswith(("GIT_CONFIG_KEY_", "GIT_CONFIG_VALUE_"))
    }
    env.update(
        GIT_ALLOW_PROTOCOL="",  # an empty allow-list: no protocol at all, whatever protocol.* says
        GIT_NO_LAZY_FETCH="1",  # git >= 2.45: a partial clone never fetches a missing object
        GIT_TERMINAL_PROMPT="0",
        GIT_ASKPASS="",  # set but empty: outranks core.askPass and SSH_ASKPASS, and runs nothing
        SSH_ASKPASS="",
        GIT_OPTIONAL_LOCKS="0",  # a reader must not write the index
        LC_ALL="C",
    )
    return env


def git_command(root: str, *args: str) -> list[str]:
    """``git -C root`` with every ``GIT_SAFE_SETTINGS`` and no pager, then ``args``."""
    command = ["git", "--no-pager", "-C", root]
    for setting in GIT_SAFE_SETTINGS:
        command += ["-c", setting]
    return command + list(args)


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
    """The nearest folder above the file ``path`` holding ``.git``."""
    return work_tree_above(os.path.dirname(os.path.abspath(path)))


def work_tree_above(folder: str) -> Optional[str]:
    """The nearest folder at or above ``folder`` holding ``.git`` (a folder, a file for worktrees,
    or a link, even a dangling one: every use here is safer taking it for a work tree's root)."""
    here = folder
    while True:
        if os.path.lexists(os.path.join(here, ".git")):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


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
        command = git_command(root, "ls-files", "-z", "-t", "--cached", "--others", "--exclude-standard", "--", *relative)
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
            in_head = _git(git_command(root, "ls-tree", "-r", "-z", "--name-only", "HEAD", "--", *tracked))
            if in_head is not None:
                committed = {os.path.normpath(n.decode("utf-8", "surrogateescape")) for n in in_head.split(b"\0") if n}
            elif _git(git_command(root, "rev-parse", "-q", "--verify", "HEAD")) is None:
                committed = set()  # no HEAD yet: nothing is in the history
            else:
                # HEAD exists but its tree cannot be read (a missing object, a partial clone, a
                # time-out): say "tracked", whose advice (rotate the key) is the safe one.
                committed = set(tracked)
            for name in tracked:
                if name not in committed:
                    listed[name] = "staged"
        for rel, path in relative.items():
            self._status[path] = listed.get(os.path.normpath(rel), "ignored")


def _git(command: list[str]) -> Optional[bytes]:
    """What a git command prints, or None when it cannot run or fails."""
    import subprocess  # here: only a rule that asks about git pays for it (~4 ms)

    env = git_environment()
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
