"""Where the project lives: the one definition of its addresses.

pyproject.toml's ``[project.urls]``, the README (clone, pre-commit ``repo:``, action ``uses:``)
and SARIF's ``informationUri``/``helpUri`` all use ``HOMEPAGE``; ``tests/test_project_metadata.py``
holds them equal, so moving the project means changing this line and following the test.
"""

from __future__ import annotations

HOMEPAGE = "https://github.com/awslint/awslint"
#: The generated rule reference (docs/rules.md) as the forge renders it; rules have anchors there.
RULES_DOC = f"{HOMEPAGE}/blob/main/docs/rules.md"


def rule_anchor(code: str, name: str) -> str:
    """The heading anchor of a rule in docs/rules.md (``aws201-default-profile-static-keys``)."""
    return f"{code.lower()}-{name}"


def rule_doc_url(code: str, name: str) -> str:
    return f"{RULES_DOC}#{rule_anchor(code, name)}"
