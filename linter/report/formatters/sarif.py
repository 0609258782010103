"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers (README.md, "Usage", documents it).

One run; every enabled rule in ``tool.driver.rules`` with descriptions, help and tags; results
with repo-relative URIs under ``%SRCROOT%``, 1-based regions and a fingerprint made of the
rule, file, section and key (never the line, so moving a block keeps the alert); no snippets;
inline-suppressed findings are left out (GitHub shows SARIF suppressions as open alerts).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import textwrap
from pathlib import Path
from typing import Any, Mapping, Optional
from urllib.parse import quote

from awslint import __version__
from awslint.findings import Finding
from awslint.redaction import Redactor, shown, shown_path
from awslint.report.formatters.locations import absolute_path, relative_to_root, source_root
from awslint.project import HOMEPAGE, rule_doc_url
from awslint.engine.ruleset import Rule

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
# GitHub's security-severity scale: >9 critical, 7-8.9 high, 4-6.9 medium, <4 low. Built-in
# security rules set their own score (``security_severity`` in rules/*.yaml); a rule pack's rule
# tagged ``security`` without one gets this score for its severity.
SECURITY_SEVERITY = {"error": "7.0", "warning": "5.0", "info": "2.0"}
PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "info": "recommendation"}
MAX_TAGS = 10  # GitHub shows ten tags per rule
FINGERPRINT = "awslint/v1"
_MARKUP = re.compile(r"\*\*|`")


def _plain(markdown: str) -> str:
    """Help markdown as readable plain text (GitHub shows ``help.text`` where markdown is not)."""
    return _MARKUP.sub("", markdown).strip()


def _first_paragraph(text: str) -> str:
    return " ".join(text.strip().split("\n\n", 1)[0].split())


def security_severity(rule: Rule, severity: str) -> Optional[str]:
    """The rule's security-severity score, or None when its results are not security alerts:
    its own ``security_severity``, else (tagged ``security``) the score for its severity."""
    if rule.security_severity == "none":
        return None
    if rule.security_severity is not None:
        return rule.security_severity
    return SECURITY_SEVERITY[severity] if "security" in rule.tags else None


def help_uri(rule: Rule) -> Optional[str]:
    """A built-in rule's anchor in docs/rules.md; a rule pack's own ``help_uri`` (or none)."""
    if rule.builtin:
        return rule_doc_url(rule.code, rule.name)
    return rule.help_uri


def rule_descriptor(rule: Rule, severity: str) -> dict[str, Any]:
    help_md = textwrap.dedent(rule.help).strip() or rule.summary
    tags = list(dict.fromkeys(rule.tags))
    score = security_severity(rule, severity)
    if score is not None and "security" not in tags:
        tags.append("security")
    if "security" in tags:  # GitHub filters on it: never cut it off
        tags.remove("security")
        tags.insert(0, "security")
    properties: dict[str, Any] = {"tags": tags[:MAX_TAGS], "precision": "high"}
    if score is not None:
        properties["security-severity"] = score
    else:
        properties["problem.severity"] = PROBLEM_SEVERITY[severity]
    full = _plain(_first_paragraph(help_md)) if rule.help.strip() else rule.summary
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary[:1024]},
        "fullDescription": {"text": full or rule.summary},
        "help": {"text": _plain(help_md), "markdown": help_md},
    }
    uri = help_uri(rule)
    if uri:
        descriptor["helpUri"] = uri
    descriptor["defaultConfiguration"] = {"level": LEVELS[severity]}
    descriptor["properties"] = properties
    return descriptor


def _fingerprint(finding: Finding, uri: str, occurrence: int) -> str:
    # No line, no message (messages can name line numbers): only what identifies the problem.
    base = "\x1f".join([finding.code, uri, finding.section or "", finding.profile or "", finding.key or ""])
    return f"{hashlib.sha256(base.encode('utf-8', 'surrogatepass')).hexdigest()[:32]}:{occurrence}"


def format_sarif(
    findings: list[Finding],
    rules: list[Rule],
    notices: Optional[list[str]] = None,
    severities: Optional[Mapping[str, str]] = None,
    cwd: Optional[str] = None,
    environ: Optional[Mapping[str, str]] = None,
) -> str:
    """The SARIF log of one run. ``findings`` may include suppressed ones: they are left out."""
    cwd = cwd or os.getcwd()
    severities = severities or {}
    listed = [f for f in findings if f.suppressed is None]
    descriptors: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for rule in rules:
        if rule.code in index:
            continue
        index[rule.code] = len(descriptors)
        descriptors.append(rule_descriptor(rule, severities.get(rule.code, rule.severity)))
    root = source_root(sorted({f.raw_path or f.path for f in listed}), cwd, environ)
    notifications = [_notification("warning", shown(n)) for n in notices or []]
    outside: set[str] = set()
    masked: set[str] = set()
    seen: dict[str, int] = {}
    results = []
    for finding in sorted(listed, key=Finding.sort_key):
        # The file is found by the path as given (``raw_path``); URIs percent-encode its bytes, so
        # a path that is not UTF-8 is a valid URI too, and every text shown is escaped and masked.
        fs_path = finding.raw_path or finding.path
        relative = relative_to_root(fs_path, root, cwd)
        if relative is not None:
            uri_path = _masked_names(relative)
            artifact = {"uri": quote(os.fsencode(uri_path), safe="/"), "uriBaseId": "%SRCROOT%"}
            identity = relative
        else:
            # GitHub cannot show a file outside the repository; keep the result, say so once.
            absolute = absolute_path(fs_path, cwd)
            uri_path = _masked_names(absolute.as_posix())
            artifact = {"uri": Path(uri_path).as_uri()}
            identity = absolute.as_posix()
            if finding.path not in outside:
                outside.add(finding.path)
                notifications.append(
                    _notification("note", f"{finding.path} is outside {shown_path(str(root))}: code scanning cannot show its results")
                )
        if uri_path != (relative if relative is not None else identity) and finding.path not in masked:
            # A folder or file named like a key id is masked here as everywhere: the result keeps
            # its message, but code scanning cannot place it on the file. Say so once per file.
            masked.add(finding.path)
            notifications.append(_notification("note", f"{finding.path}: a name in the path is shaped like key material "
                                               "and is masked, so code scanning cannot show this file's results", "awslint/masked-path"))
        if finding.code not in index:  # a rule that is not in the enabled list (should not happen)
            continue
        base = _fingerprint(finding, identity, 0).split(":", 1)[0]
        occurrence = seen.get(base, 0) + 1
        seen[base] = occurrence
        end_line = max(finding.end_line, finding.line)
        end_column = finding.end_column if end_line > finding.line else max(finding.end_column, finding.column)
        result: dict[str, Any] = {
            "ruleId": finding.code,
            "ruleIndex": index[finding.code],
            "level": LEVELS[finding.severity],
            "message": {"text": finding.message or finding.name},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": artifact,
                        "region": {
                            "startLine": max(1, finding.line),
                            "startColumn": max(1, finding.column),
                            "endLine": max(1, end_line),
                            "endColumn": max(1, end_column),
                        },
                    }
                }
            ],
            "partialFingerprints": {FINGERPRINT: f"{base}:{occurrence}"},
        }
        properties = {k: v for k, v in (("profile", finding.profile), ("section", finding.section), ("key", finding.key)) if v is not None}
        if properties:
            result["properties"] = properties
        results.append(result)
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "awslint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": HOMEPAGE,
                "rules": descriptors,
            }
        },
        "automationDetails": {"id": "awslint/"},
        "originalUriBaseIds": {"%SRCROOT%": {"uri": _dir_uri(root)}},
        "columnKind": "unicodeCodePoints",
        "redactionTokens": ["****"],
        "invocations": [
            {
                "executionSuccessful": True,
                "workingDirectory": {"uri": _dir_uri(Path(cwd).resolve())},
                "toolExecutionNotifications": notifications,
            }
        ],
        "results": results,
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _dir_uri(path: Path) -> str:
    uri = Path(_masked_names(path.as_posix())).as_uri()
    return uri if uri.endswith("/") else uri + "/"


def _masked_names(path: str) -> str:
    """``path`` with every folder or file name shaped like key material masked (as ``shown_path``
    masks them, but without escaping: a URI percent-encodes the bytes instead)."""
    if len(path) < 20:  # shorter than any key shape
        return path
    redact = Redactor()
    return "/".join(redact(part) if len(part) >= 20 else part for part in path.split("/"))


def _notification(level: str, text: str, descriptor: Optional[str] = None) -> dict[str, Any]:
    if descriptor is None:
        descriptor = "awslint/skipped-file" if level == "warning" else "awslint/outside-root"
    return {"level": level, "message": {"text": text}, "descriptor": {"id": descriptor}}
