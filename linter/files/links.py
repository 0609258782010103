"""Where symbolic links lead, and whether awslint may write through them.

A repository being linted is untrusted, and so are its links: a link it holds must not make
``--fix`` or a report write outside it. ``resolve_links`` resolves a path one component at a
time and names the real folder holding every link met (the file's own and those of folders
on its path); the rule is that each link lying inside a git work tree leads inside that same
work tree, and, for ``--fix``, that the real file belongs to the invoking user.
"""

from __future__ import annotations

import os
import stat
from typing import Optional

from awslint.files.filemeta import work_tree_of


#: Links followed while resolving one path before giving up (Linux's own limit).
MAX_LINK_HOPS = 40


def resolve_links(path: str) -> tuple[str, list[str]]:
    """The real path of ``path``, and the real folder holding each symbolic link met on the way
    (the file's own link and those of folders on its path). OSError for a loop."""
    absolute = os.path.abspath(path)
    if os.name != "posix":  # pragma: no cover - no lstat-level walk here: realpath decides
        real = os.path.realpath(absolute)
        return real, [] if real == absolute else [os.path.dirname(absolute)]
    pending = [part for part in reversed(absolute.split("/")) if part]
    current = "/"
    homes: list[str] = []
    while pending:
        part = pending.pop()
        if part == ".":
            continue
        if part == "..":
            current = os.path.dirname(current)
            continue
        candidate = os.path.join(current, part)
        try:
            is_link = stat.S_ISLNK(os.lstat(candidate).st_mode)
        except OSError:
            is_link = False  # missing: nothing left to resolve below it
        if not is_link:
            current = candidate
            continue
        homes.append(current)
        if len(homes) > MAX_LINK_HOPS:
            raise OSError(f"more than {MAX_LINK_HOPS} symbolic links on the way")
        link = os.readlink(candidate)
        if link.startswith("/"):
            current = "/"
        pending.extend(part for part in reversed(link.split("/")) if part)
    return current, homes


def _inside(path: str, folder: str) -> bool:
    return os.path.commonpath([path, folder]) == folder


def escape_refusal(real: str, homes: list[str]) -> Optional[str]:
    """Why a path resolved to ``real`` through links in ``homes`` leaves a work tree, or None:
    each link lying inside a git work tree must lead inside that same work tree. The work tree
    is looked up from the real folder holding the link, never through the link."""
    for home in homes:
        tree = work_tree_of(os.path.join(home, "link"))
        if tree is not None and not _inside(real, tree):
            return f"a symbolic link in the git work tree {tree} leads out of it, to {real}"
    return None


def link_refusal(path: str) -> Optional[str]:
    """Why ``--fix`` must not write ``path`` through its symbolic links, or None when it may:
    the real file must belong to the invoking user, and each link lying inside a git work tree
    must lead to a file inside that same work tree."""
    try:
        real, homes = resolve_links(path)
    except OSError as exc:
        return f"its symbolic links cannot be resolved: {exc.strerror or exc}"
    if not homes:
        return None
    try:
        owner = os.stat(real).st_uid
    except OSError as exc:
        return f"its link target {real} cannot be read: {exc.strerror or exc}"
    if hasattr(os, "geteuid") and owner != os.geteuid():
        return f"it is a symbolic link to {real}, which belongs to another user"
    return escape_refusal(real, homes)
