"""Rule packs written by tests: a file, a one-rule probe pack, and the error loading one gives."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from awslint.engine.ruleset import load_rules
from awslint.errors import UsageError


def write_pack(folder: Path, text: str, name: str = "pack.yaml") -> Path:
    """``text`` (dedented) as a pack file in ``folder``."""
    path = folder / name
    path.write_text(textwrap.dedent(text))
    return path


def probe_rule(when: str, scope: str = "profile", message: str = "found", extra: str = "") -> str:
    """A pack of one info rule ORG001 (``when`` on line 7, ``message`` on line 8, then ``extra``)."""
    return (
        "rules:\n"
        "  - code: ORG001\n"
        "    name: probe\n"
        "    severity: info\n"
        f"    scope: {scope}\n"
        "    summary: probe\n"
        f"    when: {when}\n"
        f"    message: {json.dumps(message, ensure_ascii=False)}\n"  # a YAML double-quoted scalar
        f"{extra}"
    )


def load_error(path: Path, include_builtin: bool = False) -> str:
    """The error loading the pack gives (the test fails if it loads)."""
    with pytest.raises(UsageError) as info:
        load_rules([str(path)], include_builtin=include_builtin)
    return str(info.value)
