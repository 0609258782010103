"""The real-world corpus (tests/realworld/): loading its hand-written expectations, linting each
case as it lived in its repository, and comparing the two.

Used by tests/test_realworld.py and benchmarks/precision.py. Every case is linted from a copy
of the corpus committed to a fresh git repository: the files came from repositories, and that
is the context awslint must judge them in (git status, file modes that only the installed copy
keeps, a config file without its credentials file) wherever the tests run (a checkout, an
unpacked sdist).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

import yaml

CORPUS = Path(__file__).resolve().parent.parent / "realworld"
EXPECTATIONS = CORPUS / "expectations.yaml"
# The most findings one rule may report in one file: more would be a flood from one root cause.
MAX_PER_RULE_AND_FILE = 5


@dataclass(frozen=True)
class Expected:
    """One finding a careful reader expects: rule, severity, file (relative to the case) and line."""

    code: str
    severity: str
    file: str
    line: int
    why: str = ""

    @property
    def key(self) -> tuple[str, str, str, int]:
        return (self.code, self.severity, self.file, self.line)


@dataclass
class Case:
    name: str
    source: str  # what the case is (dotfiles repository, tool documentation…)
    expected: list[Expected]
    absent: list[str] = field(default_factory=list)  # rule codes that must not be reported
    note: str = ""


def load_cases(path: Path = EXPECTATIONS) -> list[Case]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    cases = []
    for raw in data["cases"]:
        expected = [
            Expected(str(f["code"]), str(f["severity"]), str(f["file"]), int(f["line"]), str(f.get("why", "")))
            for f in raw.get("findings") or []
        ]
        cases.append(Case(str(raw["case"]), str(raw.get("source", "")), expected, list(raw.get("absent") or []), str(raw.get("note", ""))))
    return cases


def _git(root: Path, *args: str) -> None:
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="corpus", GIT_AUTHOR_EMAIL="corpus@example.com")
    env.update(GIT_COMMITTER_NAME="corpus", GIT_COMMITTER_EMAIL="corpus@example.com", HOME=str(root))
    subprocess.run(["git", "-C", str(root), *args], check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def committed_copy(dest: Path) -> Path:
    """The corpus copied into ``dest`` and committed to a new git repository there."""
    root = dest / "corpus"
    shutil.copytree(CORPUS, root, ignore=shutil.ignore_patterns("expectations.yaml", "README.md", "__pycache__"))
    for path in root.rglob("*"):
        if path.is_file():
            os.chmod(path, 0o644)  # as a clone has them, whatever this checkout's umask
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "corpus")
    return root


def targets(case_root: Path) -> list[Path]:
    """The folders of a case that hold files: each is linted as the user would (`awslint DIR`)."""
    return sorted({p.parent for p in case_root.rglob("*") if p.is_file()})


def lint_case(root: Path, case: str) -> list[dict[str, Any]]:
    """awslint's findings for one case, as JSON objects, with ``file`` relative to the case."""
    from awslint.cli.main import main

    case_root = root / case
    out, err = io.StringIO(), io.StringIO()
    code = main([*map(str, targets(case_root)), "-f", "json", "--no-color"], stdout=out, stderr=err)
    if code not in (0, 1):
        raise RuntimeError(f"awslint failed on {case}: {err.getvalue()}")
    findings = json.loads(out.getvalue())["findings"]
    for finding in findings:
        finding["file"] = Path(finding["path"]).resolve().relative_to(case_root.resolve()).as_posix()
    return findings


def found_key(finding: dict[str, Any]) -> tuple[str, str, str, int]:
    return (finding["code"], finding["severity"], finding["file"], finding["line"])


@dataclass
class Comparison:
    true: list[dict[str, Any]]  # reported and expected
    false: list[dict[str, Any]]  # reported, not expected
    missed: list[Expected]  # expected, not reported
    forbidden: list[dict[str, Any]]  # reported although the case says the rule must not fire
    floods: list[tuple[str, str, int]]  # (file, code, count) over MAX_PER_RULE_AND_FILE


def compare(case: Case, findings: Iterable[dict[str, Any]]) -> Comparison:
    findings = list(findings)
    wanted = Counter(e.key for e in case.expected)
    true, false = [], []
    for finding in findings:
        key = found_key(finding)
        if wanted[key] > 0:
            wanted[key] -= 1
            true.append(finding)
        else:
            false.append(finding)
    missed = []
    left = Counter(wanted)
    for e in case.expected:
        if left[e.key] > 0:
            left[e.key] -= 1
            missed.append(e)
    forbidden = [f for f in findings if f["code"] in case.absent]
    per = Counter((f["file"], f["code"]) for f in findings)
    floods = [(file, code, n) for (file, code), n in sorted(per.items()) if n > MAX_PER_RULE_AND_FILE]
    return Comparison(true, false, missed, forbidden, floods)


def describe(finding: dict[str, Any]) -> str:
    return f"{finding['file']}:{finding['line']}: {finding['code']} [{finding['severity']}] {finding['message'][:120]}"


def git_available() -> Optional[str]:
    return shutil.which("git")
