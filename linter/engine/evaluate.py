"""Fills rule messages: ``{placeholders}`` and ``{?NAME:optional text}`` from a subject's facts."""

from __future__ import annotations

import re
from typing import Any

from awslint.facts.subjects import Subject
from awslint.redaction import is_secret_key, looks_like_credential, mask, mask_url_userinfo
from awslint.engine.conditions import as_text as _as_text
from awslint.engine.ruleset import OPTIONAL_RE, PLACEHOLDER_RE


def _has_value(value: Any) -> bool:
    return value is not None and value is not False and value != "" and value != [] and value != ()


# One pass over both forms, so text coming from a file is never scanned for placeholders again.
_RENDER_RE = re.compile(f"{OPTIONAL_RE.pattern}|{PLACEHOLDER_RE.pattern}")


def render(message: str, subject: Subject) -> str:
    """Fill ``{placeholders}`` and ``{?NAME:optional text}``; credential values are masked."""

    def lookup(name: str) -> Any:
        if name in ("profile", "section", "key"):
            return getattr(subject, name)
        if name == "path":
            return subject.location.file.path
        if name.startswith("keys."):
            key = name[5:]
            setting = subject.keys(key)
            if setting is None:
                return None
            text = setting.text
            return mask(text) if is_secret_key(key) or looks_like_credential(text) else text
        value = subject.facts.get(name)
        # Any URL fact (sts_endpoint, endpoint_url, ...) loses its userinfo password here.
        return mask_url_userinfo(value) if isinstance(value, str) and "://" in value else value

    def fill(match: Any) -> str:
        optional, inner, name = match.group(1), match.group(2), match.group(3)
        if optional is not None:
            if not _has_value(lookup(optional)):
                return ""
            return PLACEHOLDER_RE.sub(lambda m: _as_text(lookup(m.group(1))), inner)
        return _as_text(lookup(name))

    return _RENDER_RE.sub(fill, message)
