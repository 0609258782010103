"""Walking a folder for AWS config and credentials files, as ruff and yamllint walk theirs.

Imported only when a folder PATH is not itself an ``~/.aws``-like folder, so ``awslint ~/.aws``
pays nothing for it. A file is an AWS file when its path below the walked folder matches
``is_aws_path`` (the pre-commit hook's own patterns). Skipped, as users expect:
version-control folders, ``node_modules``, ``__pycache__`` and tool caches, virtualenvs (any
folder holding ``pyvenv.cfg``), and whatever git ignores inside a work tree (``.gitignore``
files, ``.git/info/exclude`` and the user's default global ignore file, read here in Python:
no git command runs, so nothing a repository configures can). Symbolic links to folders are
never followed (no loops, no escape from the tree); a symbolic link to a file is linted only
when its target lies inside the walked folder. A folder that cannot be read is named in a
warning and the rest is walked.

Glob matching is linear per name (a greedy wildcard matcher with one back-track point, no
regular expressions), so a hostile ``.gitignore`` cannot make the walk hang; ignore files over
``MAX_IGNORE_BYTES`` are not read (more files are linted, never fewer).
"""

from __future__ import annotations

import os
import re
import stat
from typing import Callable, Mapping, Optional

from awslint.files.filemeta import work_tree_above

# What "an AWS config file path" is, for the pre-commit hook's ``files:``/``exclude:`` (the same
# strings are in .pre-commit-hooks.yaml: tests/test_walk.py holds them equal) and for the walk of
# a folder PATH (here). Matched against a path relative to the repository (or walked folder)
# with ``/`` separators: the folder holding the file must be ``.aws``, ``aws`` or chezmoi's
# ``dot_aws`` (with folder attributes), the name ``config``/``credentials`` with file
# attributes and an optional ``.tmpl``; chezmoi's ``encrypted_`` files are ciphertext.
FILES_PATTERN = (
    r"(^|/)(\.aws|aws|((exact|private|readonly|external)_)*dot_aws)/"
    r"((create|private|readonly|empty|executable)_)*(literal_)?(config|credentials)(\.tmpl)?$"
)
EXCLUDE_PATTERN = r"(^|/)([a-z]+_)*encrypted_[^/]*$"
#: Every name FILES_PATTERN accepts ends so: a cheap test before the pattern, for each file walked.
NAME_ENDINGS = ("config", "credentials", "config.tmpl", "credentials.tmpl")
_PATTERNS: list[re.Pattern[str]] = []  # compiled on first use


def is_aws_path(relative: str) -> bool:
    """Whether a ``/``-separated relative path names an AWS config or credentials file."""
    if not _PATTERNS:
        _PATTERNS.extend((re.compile(FILES_PATTERN), re.compile(EXCLUDE_PATTERN)))
    return _PATTERNS[0].search(relative) is not None and _PATTERNS[1].search(relative) is None


#: Folders never walked into (by exact name). ``.aws`` is never among them.
SKIP_DIRS = frozenset({
    ".git", ".hg", ".svn", ".bzr", "_darcs", ".jj",
    "node_modules", "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".tox", ".nox",
})
MAX_IGNORE_BYTES = 1024 * 1024
#: Character comparisons the ignore rules may cost in one walk (a hostile ``.gitignore`` of
#: thousands of ``*a*b*c`` lines against deep trees); past it they are no longer applied (more
#: files are linted, never fewer) and a warning says so. Real repositories use well under 1 %.
IGNORE_BUDGET = 50_000_000


# --- glob matching (gitignore flavour) --------------------------------------------------------

Token = tuple  # ("*",) | ("?",) | ("c", char) | ("[", negated, ((lo, hi), ...))


def _tokens(part: str) -> list[Token]:
    """One path component of a pattern as tokens; ``**`` inside a name is a plain ``*``."""
    tokens: list[Token] = []
    i = 0
    while i < len(part):
        char = part[i]
        if char == "*":
            if not tokens or tokens[-1] != ("*",):
                tokens.append(("*",))
            i += 1
        elif char == "?":
            tokens.append(("?",))
            i += 1
        elif char == "\\" and i + 1 < len(part):
            tokens.append(("c", part[i + 1]))
            i += 2
        elif char == "[":
            parsed = _char_class(part, i)
            if parsed is None:
                tokens.append(("c", "["))
                i += 1
            else:
                token, i = parsed
                tokens.append(token)
        else:
            tokens.append(("c", char))
            i += 1
    return tokens


def _char_class(part: str, start: int) -> Optional[tuple[Token, int]]:
    """``[a-z]``, ``[!x]``/``[^x]``, ``]`` first taken literally; None when unclosed."""
    i = start + 1
    negated = i < len(part) and part[i] in "!^"
    if negated:
        i += 1
    ranges: list[tuple[str, str]] = []
    first = True
    while i < len(part):
        char = part[i]
        if char == "]" and not first:
            return ("[", negated, tuple(ranges)), i + 1
        first = False
        if char == "\\" and i + 1 < len(part):
            i += 1
            char = part[i]
        if i + 2 < len(part) and part[i + 1] == "-" and part[i + 2] != "]":
            ranges.append((char, part[i + 2]))
            i += 3
        else:
            ranges.append((char, char))
            i += 1
    return None


def _one(token: Token, char: str) -> bool:
    kind = token[0]
    if kind == "c":
        return token[1] == char
    if kind == "?":
        return True
    inside = any(lo <= char <= hi for lo, hi in token[2])
    return inside != token[1]


def name_match(tokens: list[Token], name: str) -> bool:
    """Wildcard match of one name, O(len(tokens) × len(name)) at worst: the classic greedy
    algorithm that only ever goes back to the last ``*`` (correct for ``*``-only patterns)."""
    t = n = 0
    star_t = star_n = -1
    while n < len(name):
        if t < len(tokens) and tokens[t][0] == "*":
            star_t, star_n = t, n
            t += 1
        elif t < len(tokens) and _one(tokens[t], name[n]):
            t += 1
            n += 1
        elif star_t >= 0:
            star_n += 1
            t, n = star_t + 1, star_n
        else:
            return False
    while t < len(tokens) and tokens[t][0] == "*":
        t += 1
    return t == len(tokens)


def parts_match(parts: list[Optional[list[Token]]], names: list[str]) -> bool:
    """Components against components, ``None`` being ``**`` (any number of folders): the same
    greedy algorithm one level up, so O(len(parts) × len(names)) name matches at worst."""
    p = n = 0
    star_p = star_n = -1
    while n < len(names):
        if p < len(parts) and parts[p] is None:
            star_p, star_n = p, n
            p += 1
        elif p < len(parts) and name_match(parts[p], names[n]):  # type: ignore[arg-type]
            p += 1
            n += 1
        elif star_p >= 0:
            star_n += 1
            p, n = star_p + 1, star_n
        else:
            return False
    while p < len(parts) and parts[p] is None:
        p += 1
    return p == len(parts)


class IgnoreRule:
    """One line of an ignore file."""

    __slots__ = ("negated", "dir_only", "anchored", "parts", "tokens", "needs_child", "literal", "suffix", "size")

    def __init__(self, line: str, negatable: bool = True) -> None:
        self.negated = negatable and line.startswith("!")
        if self.negated:
            line = line[1:]
        self.dir_only = line.endswith("/")
        line = line.rstrip("/")
        self.anchored = "/" in line
        line = line.lstrip("/")
        raw = line.split("/")
        # "abc/**" matches everything inside abc, not abc itself.
        self.needs_child = len(raw) > 1 and raw[-1] == "**"
        self.parts: list[Optional[list[Token]]] = [None if part == "**" else _tokens(part) for part in raw]
        self.tokens = None if self.anchored else _tokens(line)
        # Most lines are a plain name (node_modules) or *.ext: a string test, not the matcher.
        self.size = sum(len(part) if part is not None else 1 for part in self.parts)  # tokens, for the budget
        self.literal: Optional[str] = None
        self.suffix: Optional[str] = None
        if self.tokens is not None and all(t[0] == "c" for t in self.tokens[1:]):
            rest = "".join(t[1] for t in self.tokens[1:])
            if self.tokens and self.tokens[0] == ("*",):
                self.suffix = rest
            elif self.tokens and self.tokens[0][0] == "c":
                self.literal = self.tokens[0][1] + rest

    def matches(self, relative: list[str], is_dir: bool) -> bool:
        """``relative``: the path's components below the ignore file's folder."""
        if self.dir_only and not is_dir:
            return False
        if not self.anchored:
            if self.literal is not None:
                return relative[-1] == self.literal
            if self.suffix is not None:
                return relative[-1].endswith(self.suffix)
            return name_match(self.tokens, relative[-1])  # type: ignore[arg-type]
        if self.needs_child and len(relative) < 2:
            return False
        return parts_match(self.parts, relative)


def parse_ignore(text: str) -> list[IgnoreRule]:
    """gitignore lines: blank lines and ``#`` comments skipped, ``\\#`` and ``\\!`` literal,
    trailing spaces dropped unless escaped."""
    rules = []
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        stripped = line.rstrip(" ")
        if stripped.endswith("\\") and len(stripped) < len(line):
            stripped += " "
        line = stripped
        if line.startswith("\\!"):
            rules.append(IgnoreRule(line[1:], negatable=False))
        elif line.startswith("\\#"):
            rules.append(IgnoreRule(line[1:]))
        elif line not in ("", "!", "/", "!/"):
            rules.append(IgnoreRule(line))
    return rules


class IgnoreFile:
    """The rules of one ignore file, and the folder (components below the work tree) they apply to."""

    __slots__ = ("base", "rules")

    def __init__(self, base: tuple[str, ...], rules: list[IgnoreRule]) -> None:
        self.base = base
        self.rules = rules

    def decide(self, path: tuple[str, ...], is_dir: bool, budget: list[int]) -> Optional[bool]:
        """True (ignored), False (re-included by ``!``), None (no rule of this file matches).
        ``budget[0]`` is lowered by an upper bound of the comparisons each rule may make."""
        if path[: len(self.base)] != self.base or len(path) <= len(self.base):
            return None
        relative = list(path[len(self.base) :])
        length = sum(map(len, relative))
        for rule in reversed(self.rules):  # the last matching line wins
            budget[0] -= 1 if rule.literal is not None or rule.suffix is not None else rule.size * length
            if budget[0] < 0:
                return None  # spent: from here on nothing is ignored
            if rule.matches(relative, is_dir):
                return not rule.negated
        return None


def read_small(path: str, follow: bool = True) -> Optional[str]:
    """A regular file's text, or None (missing, not regular, too large, unreadable). Never blocks
    on a FIFO; ``follow=False`` refuses a symbolic link, as git does for ``.gitignore``."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | (0 if follow else getattr(os, "O_NOFOLLOW", 0))
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_IGNORE_BYTES:
            return None
        data = os.read(fd, MAX_IGNORE_BYTES + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return data.decode("utf-8", "replace")


def _git_dir(work_tree: str) -> Optional[str]:
    """The folder holding ``info/exclude``: ``.git`` itself, or what a ``.git`` file points to
    (its ``commondir`` for a linked worktree)."""
    dot_git = os.path.join(work_tree, ".git")
    if os.path.isdir(dot_git):
        return dot_git
    text = read_small(dot_git)
    if text is None or not text.startswith("gitdir:"):
        return None
    git_dir = os.path.join(work_tree, text[len("gitdir:") :].strip())
    common = read_small(os.path.join(git_dir, "commondir"))
    return os.path.join(git_dir, common.strip()) if common else git_dir


def global_ignore(environ: Mapping[str, str]) -> Optional[str]:
    """git's default ``core.excludesFile``: ``$XDG_CONFIG_HOME/git/ignore``, else ``~/.config/git/ignore``."""
    xdg = environ.get("XDG_CONFIG_HOME")
    if xdg:
        return os.path.join(xdg, "git", "ignore")
    home = environ.get("HOME")
    return os.path.join(home, ".config", "git", "ignore") if home else None


def outer_rules(work_tree: str, environ: Mapping[str, str]) -> list[IgnoreFile]:
    """A work tree's ignore files outside its folders, lowest precedence first: the user's
    global ignore file, then ``info/exclude``."""
    git_dir = _git_dir(work_tree)
    paths = (global_ignore(environ), os.path.join(git_dir, "info", "exclude") if git_dir else None)
    files = []
    for path in paths:
        rules = parse_ignore(read_small(path) or "") if path else []
        if rules:
            files.append(IgnoreFile((), rules))
    return files


def folder_rules(folder: str, base: tuple[str, ...]) -> Optional[IgnoreFile]:
    """A folder's own ``.gitignore`` (never through a symbolic link, as git reads it)."""
    rules = parse_ignore(read_small(os.path.join(folder, ".gitignore"), follow=False) or "")
    return IgnoreFile(base, rules) if rules else None


def ignored(files: list[IgnoreFile], path: tuple[str, ...], is_dir: bool, budget: Optional[list[int]] = None) -> bool:
    """Deeper ignore files win over shallower ones; the first that decides is the answer."""
    budget = budget if budget is not None else [IGNORE_BUDGET]
    for ignore in reversed(files):
        verdict = ignore.decide(path, is_dir, budget)
        if verdict is not None:
            return verdict
    return False


# --- the walk ---------------------------------------------------------------------------------


def walk(root: str, environ: Mapping[str, str], warn: Callable[[str], None]) -> list[str]:
    """The AWS files below ``root``, as ``os.path.join(root, relative)``, sorted."""
    top = os.path.abspath(root)
    real_top = os.path.realpath(top)
    found: list[str] = []
    tree = work_tree_above(top)
    ignores: Optional[list[IgnoreFile]] = None  # None: not inside a work tree, nothing is ignored
    prefix: tuple[str, ...] = ()  # the walked folder's components below its work tree
    if tree is not None:
        ignores = outer_rules(tree, environ)
        prefix = tuple(os.path.relpath(top, tree).split(os.sep)) if top != tree else ()
        # .gitignore files of the folders between the work tree and the walked folder.
        for depth in range(len(prefix)):
            rules = folder_rules(os.path.join(tree, *prefix[:depth]), prefix[:depth])
            if rules is not None:
                ignores.append(rules)
    # (folder on disk, components below root, components below its work tree, ignore files)
    stack: list[tuple[str, tuple[str, ...], tuple[str, ...], Optional[list[IgnoreFile]]]] = [(top, (), prefix, ignores)]
    budget = [IGNORE_BUDGET]

    def skip(ignores: Optional[list[IgnoreFile]], path: tuple[str, ...], is_dir: bool) -> bool:
        if not ignores or budget[0] < 0:
            return False
        verdict = ignored(ignores, path, is_dir, budget)
        if budget[0] < 0:
            warn(f"{root}: the .gitignore rules are too costly to apply; files git ignores are linted too")
        return verdict

    while stack:
        folder, below_root, in_tree, ignores = stack.pop()
        try:
            with os.scandir(folder) as entries:
                listing = list(entries)
        except OSError as exc:
            warn(f"{os.path.join(root, *below_root) if below_root else root}: cannot read this folder ({exc.strerror or type(exc).__name__}); skipped")
            continue
        names = {entry.name for entry in listing}
        if below_root and "pyvenv.cfg" in names:  # a virtualenv
            continue
        if below_root and ".git" in names:  # a nested repository: its own rules, not ours
            ignores = outer_rules(folder, environ)
            in_tree = ()
        if ignores is not None and ".gitignore" in names:
            rules = folder_rules(folder, in_tree)
            if rules is not None:
                ignores = [*ignores, rules]
        for entry in listing:
            name = entry.name
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if is_dir:
                if name in SKIP_DIRS or skip(ignores, (*in_tree, name), True):
                    continue
                stack.append((entry.path, (*below_root, name), (*in_tree, name), ignores))
                continue
            if not name.endswith(NAME_ENDINGS):
                continue
            try:
                is_link = entry.is_symlink()
            except OSError:
                continue
            relative = "/".join((*below_root, name))
            if not is_aws_path(relative):
                continue
            if skip(ignores, (*in_tree, name), False):
                continue
            shown = os.path.join(root, *below_root, name)
            if is_link:
                target = os.path.realpath(entry.path)
                if os.path.isdir(target):
                    continue  # a link to a folder named like a file: never followed
                if os.path.commonpath([real_top, target]) != real_top:
                    warn(f"{shown}: symbolic link to a file outside {root}, skipped")
                    continue
            try:
                regular = entry.is_file(follow_symlinks=True)
            except OSError:
                regular = False
            if not regular:
                if os.path.lexists(entry.path) and (not is_link or os.path.exists(entry.path)):
                    warn(f"{shown}: not a regular file, skipped")
                else:
                    warn(f"{shown}: broken symbolic link, skipped")
                continue
            found.append(shown)
    found.sort()
    return found
