"""Generated documentation is up to date with the code it is generated from."""

from __future__ import annotations

from pathlib import Path

from awslint.cli.rulesdoc import rules_markdown
from awslint.engine.ruleset import load_rules

ROOT = Path(__file__).resolve().parent.parent


def test_docs_rules_md_is_up_to_date() -> None:
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == rules_markdown(load_rules().rules), "run: python -m awslint.cli.rulesdoc > docs/rules.md"


def test_docs_fact_tables_are_up_to_date() -> None:
    from awslint.cli.factsdoc import DOC, updated

    committed = DOC.read_text(encoding="utf-8")
    assert committed == updated(committed), "run: python -m awslint.cli.factsdoc"
