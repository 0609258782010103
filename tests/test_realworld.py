"""awslint on real files other people wrote (tests/realworld/), held to hand-written expectations.

Every error, warning and info awslint reports on a case must be one tests/realworld/expectations.yaml
calls true; every finding listed there must be reported; the rules a case lists as `absent` (the
false alarms this corpus found) must stay silent; and no rule floods a file (one root cause, a
handful of findings at most).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from support.realworld import CORPUS, MAX_PER_RULE_AND_FILE, Case, committed_copy, compare, describe, git_available, lint_case, load_cases

CASES = load_cases()
pytestmark = pytest.mark.skipif(git_available() is None, reason="the corpus is linted from a git repository")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return committed_copy(tmp_path_factory.mktemp("realworld"))


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No AWS_* variable or real ~/.aws of the machine running the tests takes part."""
    monkeypatch.setenv("HOME", str(tmp_path))
    for var in ("AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "NO_COLOR"):
        monkeypatch.delenv(var, raising=False)


def test_corpus_has_sixty_real_files_each_with_expectations() -> None:
    files = [p for p in CORPUS.rglob("*") if p.is_file() and p.name not in ("expectations.yaml", "README.md")]
    assert len(files) >= 60
    cases = {case.name for case in CASES}
    assert cases == {p.name for p in CORPUS.iterdir() if p.is_dir()}, "every case folder has expectations, and only those"
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in readme for name in cases), "every case has its provenance in the README"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_real_files_report_exactly_the_expected_findings(corpus: Path, case: Case) -> None:
    found: list[dict[str, Any]] = lint_case(corpus, case.name)
    result = compare(case, found)
    problems = [f"not expected: {describe(f)}" for f in result.false]
    problems += [f"expected, not reported: {e.file}:{e.line}: {e.code} [{e.severity}] {e.why}" for e in result.missed]
    problems += [f"must not appear: {describe(f)}" for f in result.forbidden]
    problems += [f"flood: {code} {n} times in {file} (at most {MAX_PER_RULE_AND_FILE})" for file, code, n in result.floods]
    assert not problems, "\n".join(problems)


def test_clean_real_layouts_report_nothing_above_info(corpus: Path) -> None:
    """The layouts the helpers and AWS document (IAM Identity Center, aws-vault, granted,
    aws-okta, LocalStack, web identity) pass a pre-commit hook at its default --fail-on."""
    clean = [
        "0xforerunner-dotfiles", "aws-vault-usage-credential-helper", "aws-vault-usage-mfa-chain", "akeboshiwind-dotfiles",
        "tmeijn-dotfiles", "glenns-config", "nevir-home", "localstack-docs-aws-cli", "eks-user-guide-cross-account",
        "securedots", "crossing-dots", "the-technat-dotfiles",
    ]
    loud = [describe(f) for name in clean for f in lint_case(corpus, name) if f["severity"] != "info"]
    assert loud == []
