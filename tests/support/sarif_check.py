"""Validation of SARIF logs: the OASIS schema, then GitHub code scanning's stricter rules.

GitHub's rules (docs "SARIF support for code scanning", codeql-action upload checks; see
linter-anchors.md §6): one run; ``results`` present; each rule with an ``id``, a name of at
most 255 characters, ``shortDescription.text`` (at most 1024), ``fullDescription.text`` and
``help.text``; rule ids unique; ``security-severity`` a string in (0, 10]; at most 20 tags;
each result with ``message.text``, at least one and at most 10 locations, a non-empty
``artifactLocation.uri`` (relative, or a ``file`` URI), 1-based ``startLine``/``startColumn``,
``partialFingerprints``, a ``level`` GitHub knows and a ``ruleIndex`` naming its rule.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

SCHEMA = Path(__file__).resolve().parent.parent / "data" / "sarif-schema-2.1.0.json"


def validate_sarif(text: str) -> dict[str, Any]:
    """Parse and check a SARIF log; AssertionError (with the reason) when anything is wrong."""
    import jsonschema

    log = json.loads(text)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    check_github_rules(log)
    return log


def check_github_rules(log: dict[str, Any]) -> None:
    assert log["version"] == "2.1.0" and log["$schema"]
    assert len(log["runs"]) == 1, "one run per invocation"
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"]
    rules = driver["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids)), "rule ids must be unique"
    for rule in rules:
        assert rule["id"] and len(rule["id"]) <= 255
        assert rule.get("name") and len(rule["name"]) <= 255
        assert rule["shortDescription"]["text"] and len(rule["shortDescription"]["text"]) <= 1024
        assert rule["fullDescription"]["text"]
        assert rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in ("note", "warning", "error")
        tags = rule.get("properties", {}).get("tags", [])
        assert len(tags) <= 20
        severity = rule.get("properties", {}).get("security-severity")
        if severity is not None:
            assert isinstance(severity, str), "security-severity must be a string"
            assert 0 < float(severity) <= 10
            assert "security" in tags
    assert "results" in run and isinstance(run["results"], list)
    for result in run["results"]:
        assert result["message"]["text"].strip()
        assert result["level"] in ("note", "warning", "error")
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert 1 <= len(result["locations"]) <= 10
        physical = result["locations"][0]["physicalLocation"]
        uri = physical["artifactLocation"]["uri"]
        assert uri, "GitHub rejects an empty uri"
        scheme = urlsplit(uri).scheme
        assert scheme in ("", "file"), f"uri scheme {scheme!r} would not match the checkout"
        if scheme == "":
            assert not uri.startswith("/"), "a relative uri must be repository-relative"
            assert physical["artifactLocation"].get("uriBaseId") == "%SRCROOT%"
            assert "%SRCROOT%" in run["originalUriBaseIds"]
        region = physical["region"]
        assert region["startLine"] >= 1 and region.get("startColumn", 1) >= 1
        assert region.get("endLine", region["startLine"]) >= region["startLine"]
        assert "snippet" not in region, "no snippets: they could quote a secret"
        assert result["partialFingerprints"], "GitHub needs a fingerprint to keep alert identity"
    base = run.get("originalUriBaseIds", {}).get("%SRCROOT%")
    if base is not None:
        assert base["uri"].startswith("file:///") and base["uri"].endswith("/")
