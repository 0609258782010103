"""Where a finding's file is, as CI tools want it: relative to the repository root.

Code scanning and workflow annotations resolve paths against the repository root, not the
directory awslint ran in, so ``awslint sub/dir/.aws`` and ``cd sub && awslint dir/.aws`` must
give the same path (or every run opens new alerts).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping, Optional


def repo_root(start: str) -> Optional[Path]:
    """The nearest folder at or above ``start`` holding ``.git`` (a folder, or a worktree's file)."""
    try:
        here = Path(start).resolve()
    except (OSError, RuntimeError):
        return None
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return None


def source_root(paths: list[str], cwd: str, environ: Optional[Mapping[str, str]] = None) -> Path:
    """The root to make paths relative to: ``GITHUB_WORKSPACE`` in Actions, else the git
    repository around the working directory, else around the first file, else the working
    directory itself."""
    workspace = (environ or {}).get("GITHUB_WORKSPACE")
    if workspace and os.path.isdir(workspace):
        return Path(workspace).resolve()
    root = repo_root(cwd)
    if root is None:
        for path in paths:
            root = repo_root(os.path.dirname(os.path.join(cwd, path)) or cwd)
            if root is not None:
                break
    return root or Path(cwd).resolve()


def relative_to_root(path: str, root: Path, cwd: str) -> Optional[str]:
    """``path`` (as shown, relative to ``cwd`` or absolute) as a POSIX path under ``root``, else None.

    Symbolic links are resolved (code scanning cannot show results reported through them),
    but only the containing folder: the file itself is what the user named."""
    absolute = Path(cwd, path)
    try:
        folder = absolute.parent.resolve()
    except (OSError, RuntimeError):
        folder = absolute.parent
    full = folder / absolute.name
    try:
        return full.relative_to(root).as_posix()
    except ValueError:
        return None


def absolute_path(path: str, cwd: str) -> Path:
    absolute = Path(cwd, path)
    try:
        return absolute.parent.resolve() / absolute.name
    except (OSError, RuntimeError):
        return absolute
