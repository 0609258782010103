"""The fact tables of ``docs/rule-format.md``, generated from the fact registry:
``python -m awslint.cli.factsdoc`` rewrites the marked blocks in place. A test fails when the
committed file is out of date.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path
from typing import Optional

from awslint.facts.catalog import SCOPES, declared_facts
from awslint.facts.registry import SCOPE_NOTES, SCOPE_TITLES, SHAPE, VALUE, providers

DOC = Path(__file__).resolve().parents[2] / "docs" / "rule-format.md"
#: The blocks this module writes, each between ``<!-- BEGIN NAME … -->`` and ``<!-- END NAME -->``.
BLOCKS = ("secret-classes", "fact-tables")


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _where(scope: str) -> str:
    """The modules that declare and compute the scope's facts, as the docs name them."""
    modules = dict.fromkeys(p.function.__module__ for p in providers(scope))
    return ", ".join(
        f"`linter/{m.partition('.')[2].replace('.', '/')}.py`" if m.startswith("awslint.") else f"`{m}`" for m in modules
    )


def fact_tables() -> str:
    """One heading, note and table per scope."""
    lines: list[str] = []
    facts = declared_facts()
    for scope in SCOPES:
        lines += [f"### `{scope}`: {SCOPE_TITLES[scope]}", ""]
        if scope in SCOPE_NOTES:
            lines += [*textwrap.wrap(SCOPE_NOTES[scope], 100, break_on_hyphens=False), ""]
        lines += [f"Declared and computed in {_where(scope)}.", "", "| fact | meaning |", "| --- | --- |"]
        lines += [f"| `{fact.name}` | {_cell(fact.doc)} |" for fact in facts[scope]]
        lines.append("")
    return "\n".join(lines)


def secret_classes() -> str:
    """The shape facts per scope and the value facts, as the "Secrets" section lists them."""
    facts = declared_facts()
    lines = ["The shape facts are, per scope:", "", "| scope | shape facts |", "| --- | --- |"]
    for scope in SCOPES:
        shape = [f"`{fact.name}`" for fact in facts[scope] if fact.secrecy == SHAPE]
        if shape:
            lines.append(f"| `{scope}` | {', '.join(shape)} |")
    value = [f"`{fact.name}`" for fact in facts["option"] if fact.secrecy == VALUE]
    others = [f"{scope}.{fact.name}" for scope in SCOPES for fact in facts[scope] if fact.secrecy == VALUE and scope != "option"]
    if others:
        raise ValueError(f"value facts outside the option scope: {', '.join(others)}")
    text = f"The value facts (option scope): {', '.join(value)}. Every other fact is public."
    lines += ["", *textwrap.wrap(text, 100, break_on_hyphens=False), ""]
    return "\n".join(lines)


def _begin(name: str) -> str:
    return f"<!-- BEGIN {name}: generated from the fact registry by `python -m awslint.cli.factsdoc`; do not edit. -->"


def updated(text: str) -> str:
    """``text`` (docs/rule-format.md) with every generated block rewritten."""
    for name, make in (("secret-classes", secret_classes), ("fact-tables", fact_tables)):
        begin, end = _begin(name), f"<!-- END {name} -->"
        head, found, rest = text.partition(begin)
        if not found or end not in rest:
            raise ValueError(f"docs/rule-format.md lacks the block {begin} … {end}")
        text = f"{head}{begin}\n\n{make()}\n{end}{rest.split(end, 1)[1]}"
    return text


def main(argv: Optional[list[str]] = None) -> int:
    path = Path(argv[0]) if argv else DOC
    text = path.read_text(encoding="utf-8")
    new = updated(text)
    if new != text:
        path.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
