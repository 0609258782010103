"""The project's address, version and licence agree everywhere they are written.

The address is defined once (``awslint.project.HOMEPAGE``); pyproject.toml cannot import it, and
the README is text, so this test holds them equal to it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from awslint import __version__
from awslint.project import HOMEPAGE, RULES_DOC

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()
#: Other projects' addresses the README may name.
THIRD_PARTY = ("actions/checkout", "github/codeql-action")


def _pyproject() -> dict[str, Any]:
    try:
        import tomllib
    except ImportError:  # Python < 3.11
        tomllib = pytest.importorskip("tomli")
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_pyproject_urls_are_the_project_address() -> None:
    project = _pyproject()["project"]
    urls = project["urls"]
    assert urls["Homepage"] == HOMEPAGE
    assert urls["Rules"] == RULES_DOC
    assert all(url.startswith(HOMEPAGE) for url in urls.values()), urls
    assert project["version"] == __version__


def test_licence_is_declared_the_modern_way_and_shipped() -> None:
    document = _pyproject()
    project = document["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text().startswith("MIT License\n")
    assert not any(c.startswith("License ::") for c in project["classifiers"])  # PEP 639
    (backend,) = [r for r in document["build-system"]["requires"] if r.startswith("setuptools")]
    lower = re.search(r">=\s*([\d.]+)", backend)
    upper = re.search(r"<\s*([\d.]+)", backend)
    assert lower and tuple(int(p) for p in lower.group(1).split(".")[:2]) >= (77, 0)  # license expressions
    assert upper, "the build backend needs an upper bound"


def test_readme_addresses_and_versions_are_the_projects() -> None:
    owner_repo = HOMEPAGE.split("github.com/", 1)[1]
    for match in re.finditer(r"github\.com/([\w.-]+/[\w.-]+)", README):
        assert match.group(1) in (owner_repo, *THIRD_PARTY), match.group(0)
    for match in re.finditer(r"^\s*uses:\s*([\w.-]+/[\w.-]+)@(\S+)", README, re.MULTILINE):
        if match.group(1) == owner_repo:
            assert match.group(2) == f"v{__version__}"
    assert f"uses: {owner_repo}@v{__version__}" in README  # the action
    assert f"- repo: {HOMEPAGE}\n    rev: v{__version__}" in README  # pre-commit
    assert f"git clone {HOMEPAGE} " in README
    assert f"pip install dist/awslint-{__version__}-py3-none-any.whl" in README
    assert "pip install awslint" not in README  # not published: no command that cannot work


def test_sarif_names_the_project_address(cli, tmp_path: Path) -> None:
    import json

    folder = tmp_path / "aws"
    folder.mkdir()
    (folder / "config").write_text("[default]\nregion = us-east-1\n")
    log = json.loads(cli(str(folder), "--format", "sarif").out)
    assert log["runs"][0]["tool"]["driver"]["informationUri"] == HOMEPAGE
