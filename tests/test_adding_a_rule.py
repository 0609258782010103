"""docs/adding-a-rule.md, run as written: its fact provider, its rule pack, the finding it shows."""

from __future__ import annotations

import ast
import importlib.util
import io
import re
from pathlib import Path

import pytest
from awslint.cli.factsdoc import fact_tables
from awslint.cli.main import main
from awslint.engine.ruleset import load_rules
from awslint.facts.catalog import FACT_CLASSES, FACTS
from awslint.facts.registry import withdraw
from awslint.run.lint import lint_text

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "adding-a-rule.md"
#: The imports the walkthrough says its fact module has already: the head of the module its
#: code block is run as.
HEADER = """from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from awslint.facts.registry import Fact, provides

if TYPE_CHECKING:
    from awslint.aws.model import Block
    from awslint.facts.builder import FactBuilder
"""


def _imported(code: str) -> set[str]:
    nodes = [node for node in ast.walk(ast.parse(code)) if isinstance(node, (ast.Import, ast.ImportFrom))]
    return {alias.asname or alias.name for node in nodes for alias in node.names}


def _blocks(language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", DOC.read_text(encoding="utf-8"), re.MULTILINE | re.DOTALL)


def test_the_module_the_walkthrough_names_has_the_imports_it_says() -> None:
    assert "`linter/facts/credentials.py`" in DOC.read_text(encoding="utf-8")
    assert _imported(HEADER) <= _imported((ROOT / "linter" / "facts" / "credentials.py").read_text(encoding="utf-8"))


def test_the_walkthrough_adds_a_fact_and_a_rule_that_finds_what_it_shows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (python,) = _blocks("python")
    (pack,) = _blocks("yaml")
    (console,) = _blocks("console")
    source = tmp_path / "walkthrough_facts.py"
    source.write_text(HEADER + "\n\n" + python)
    spec = importlib.util.spec_from_file_location("walkthrough_facts", source)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    try:
        # Declared: the loader knows the fact, the secret boundary its class, the docs its row.
        assert FACT_CLASSES["profile"]["session_name_problem"] == "public"
        assert f"| `session_name_problem` | {FACTS['profile']['session_name_problem']} |" in fact_tables()

        (tmp_path / "org-rules.yaml").write_text(pack)
        ruleset = load_rules([str(tmp_path / "org-rules.yaml")], include_builtin=False)
        (rule,) = ruleset.rules
        for example in rule.fail_examples:
            assert [f.code for f in lint_text(ruleset, [rule], config=example.config)] == ["ORG101"]
        for example in rule.pass_examples:
            assert lint_text(ruleset, [rule], config=example.config) == []

        command, *shown = console.splitlines()
        assert command.startswith("$ awslint ")
        (tmp_path / "aws").mkdir()
        (tmp_path / "aws" / "config").write_text(rule.fail_examples[0].config or "")
        monkeypatch.chdir(tmp_path)
        out, err = io.StringIO(), io.StringIO()
        assert main(command.split()[2:], out, err) == 1, err.getvalue()
        assert out.getvalue().splitlines() == shown
    finally:
        withdraw(module.session_name_facts)
    assert "session_name_problem" not in FACTS["profile"]
