"""The package has no import cycle (issue 15 part 2).

The graph is built from the AST of every module under ``linter/`` (installed as
``awslint``): module-level and function-level imports alike, because a
function-level import that dodges a cycle still ties the modules together.
Imports guarded by ``if TYPE_CHECKING:`` are left out: they never run, so they
cannot make an import order fail, and they are the sanctioned way to type a
helper against a class without importing its module.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = "awslint"
SOURCE = Path(__file__).resolve().parent.parent / "linter"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SOURCE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([PACKAGE, *parts])


def _is_type_checking(test: ast.expr) -> bool:
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"


def _imports(tree: ast.AST, module: str, is_package: bool, known: set[str], typing_too: bool = False) -> set[str]:
    """Every awslint module ``tree`` imports, at any depth, outside TYPE_CHECKING blocks unless ``typing_too``."""
    found: set[str] = set()
    base = module.split(".") if is_package else module.split(".")[:-1]

    def resolve(target: str) -> str | None:
        # ``awslint.x.y`` names a module, or an attribute of module ``awslint.x``.
        while target:
            if target in known:
                return target
            target = target.rpartition(".")[0]
        return None

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test) and not typing_too:
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == PACKAGE or alias.name.startswith(PACKAGE + "."):
                    hit = resolve(alias.name)
                    if hit:
                        found.add(hit)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = base[: len(base) - (node.level - 1)]
                source = ".".join(anchor + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            if source == PACKAGE or source.startswith(PACKAGE + "."):
                for alias in node.names:
                    # ``from awslint import x`` imports module awslint.x.
                    hit = resolve(f"{source}.{alias.name}")
                    if hit:
                        found.add(hit)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def import_graph(typing_too: bool = False) -> dict[str, set[str]]:
    paths = sorted(SOURCE.rglob("*.py"))
    known = {_module_name(path) for path in paths}
    graph: dict[str, set[str]] = {}
    for path in paths:
        module = _module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        graph[module] = _imports(tree, module, path.name == "__init__.py", known, typing_too)
    # Importing awslint.x.y runs awslint/x/__init__ first; that is an import, not a cycle.
    for module, targets in graph.items():
        targets -= {p for p in targets if module.startswith(p + ".")}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module, and self-imports (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in graph.get(node, ()):
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return found


def test_package_has_no_import_cycle() -> None:
    found = cycles(import_graph())
    assert not found, "import cycles in awslint:\n" + "\n".join(
        f"  {len(component)} modules: {', '.join(component)}" for component in found
    )


def test_cycle_finder_reports_function_level_and_package_imports() -> None:
    known = {"awslint", "awslint.a", "awslint.b", "awslint.c"}
    a = ast.parse("def f():\n    from awslint import b\n")
    b = ast.parse("import awslint.a.thing\n")
    c = ast.parse("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from awslint.a import X\n")
    graph = {
        "awslint.a": _imports(a, "awslint.a", False, known),
        "awslint.b": _imports(b, "awslint.b", False, known),
        "awslint.c": _imports(c, "awslint.c", False, known),
    }
    assert graph == {"awslint.a": {"awslint.b"}, "awslint.b": {"awslint.a"}, "awslint.c": set()}
    assert cycles(graph) == [["awslint.a", "awslint.b"]]
    assert cycles({"awslint.a": {"awslint.a"}}) == [["awslint.a"]]


def test_relative_imports_resolve_inside_the_package() -> None:
    known = {"awslint", "awslint.out", "awslint.out.sarif", "awslint.findings"}
    tree = ast.parse("from ..findings import Finding\nfrom . import sarif\n")
    assert _imports(tree, "awslint.out", True, known) == {"awslint.findings", "awslint.out.sarif"}


# The pipeline, from the bottom: a module may import its own stage and the stages below it, never
# one above. The top-level modules (errors, findings, redaction, credential_keys…) are the base
# every stage uses; the stdlib stand-ins sit under everything.
PIPELINE = ("standins", "", "files", "syntax", "aws", "facts", "engine", "report", "fix", "run", "cli")


def _stage(module: str) -> int:
    parts = module.split(".")[1:]
    if parts == ["__main__"]:
        return PIPELINE.index("cli")
    if len(parts) <= 1:  # awslint itself and the top-level base modules
        return PIPELINE.index("")
    return PIPELINE.index(parts[0])


def test_every_module_belongs_to_a_stage_of_the_pipeline() -> None:
    for module in import_graph():
        parts = module.split(".")[1:]
        assert len(parts) <= 1 or parts[0] in PIPELINE, f"{module}: a subpackage that is no stage of the pipeline"


def test_imports_point_down_the_pipeline() -> None:
    """Type-only imports count too: a helper typed against a later stage's class lives in the wrong stage."""
    upward = sorted(
        f"{module} -> {target}"
        for module, targets in import_graph(typing_too=True).items()
        for target in targets
        if _stage(target) > _stage(module)
    )
    assert upward == sorted(_BEING_MOVED), "imports against the pipeline:\n" + "\n".join(upward)


# Imports against the pipeline still being moved (issue 15): none left; keep it that way.
_BEING_MOVED: set[str] = set()


def test_the_stage_check_sees_type_only_imports() -> None:
    known = {"awslint", "awslint.aws", "awslint.aws.x", "awslint.facts", "awslint.facts.y"}
    tree = ast.parse("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from awslint.facts.y import B\n")
    assert _imports(tree, "awslint.aws.x", False, known) == set()
    assert _imports(tree, "awslint.aws.x", False, known, typing_too=True) == {"awslint.facts.y"}
    assert _stage("awslint.facts.y") > _stage("awslint.aws.x") > _stage("awslint.errors") > _stage("awslint.standins.records")


# The stand-ins replace a standard-library module on the lint path, each for a measured reason
# (start-up time, linear time): the package uses one or the other, never both.
STAND_INS = {"dataclasses": "standins.records", "shlex.split": "standins.shsplit"}


def _stand_in_offences(module: str, tree: ast.AST) -> list[str]:
    typing_only = {
        id(inner)
        for node in ast.walk(tree) if isinstance(node, ast.If) and _is_type_checking(node.test)
        for statement in node.body for inner in ast.walk(statement)
    }  # type-only imports never run
    found = []
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            if "dataclasses" in names:
                found.append(f"{module}: imports dataclasses (use {STAND_INS['dataclasses']})")
        if isinstance(node, ast.Attribute) and node.attr == "split" and getattr(node.value, "id", None) == "shlex":
            found.append(f"{module}: calls shlex.split (use {STAND_INS['shlex.split']})")
    return found


def test_the_standard_library_a_stand_in_replaces_is_used_only_inside_the_stand_in() -> None:
    offenders = []
    for path in sorted(SOURCE.rglob("*.py")):
        module = _module_name(path)
        if not module.startswith(f"{PACKAGE}.standins."):
            offenders += _stand_in_offences(module, ast.parse(path.read_text(encoding="utf-8")))
    assert offenders == []


def test_the_stand_in_check_finds_a_real_import_and_skips_a_typing_one() -> None:
    typing_only = ast.parse("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from dataclasses import field\n")
    real = ast.parse("def f():\n    import dataclasses\n    return shlex.split('a b')\n")
    assert _stand_in_offences("m", typing_only) == []
    assert len(_stand_in_offences("m", real)) == 2


def test_the_architecture_doc_describes_every_stage() -> None:
    doc = (SOURCE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    stages = {p.name for p in SOURCE.iterdir() if (p / "__init__.py").is_file()}
    assert stages == set(PIPELINE) - {""}
    missing = sorted(stage for stage in stages if f"| `{stage}/` |" not in doc)
    assert missing == [], f"docs/architecture.md has no row for {missing}"
