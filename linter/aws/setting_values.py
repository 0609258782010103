"""Enumerated, boolean and numeric setting values (AWS304), against ``rules/data/values.yaml``.

botocore's own checks (``args.py``, ``config.py``, ``session.py``, ``utils.ensure_boolean``)
decide what is allowed; the data file records them per key, with what goes wrong otherwise.
"""

from __future__ import annotations

import re
from awslint.standins.records import dataclass
from typing import Any, Optional

from awslint.aws.regions import unwrap

_INTEGER = re.compile(r"[+-]?\d+")
_MAX_SHOWN = 40  # a longer bad value is cut in messages


@dataclass
class ValueProblem:
    setting: str  # key, or s3.KEY for the nested block
    value: str  # the bad value, shortened for messages
    expected: str  # "one of json, text" / "true or false" / "a whole number from 900 to 43200"
    effect: str
    fix: str = ""  # the sentence saying what to write

    def __post_init__(self) -> None:
        if not self.fix:
            self.fix = f"Write {self.expected}."


class SettingValues:
    """The value rules of ``setting_values``, by key."""

    def __init__(self, data: dict[str, list[Any]]) -> None:
        self.specs: dict[str, dict[str, Any]] = {}
        for entry in data.get("setting_values", []):
            if isinstance(entry, dict) and isinstance(entry.get("key"), str) and entry.get("kind") in ("enum", "boolean", "integer", "pattern"):
                self.specs[entry["key"]] = entry
        self._patterns: dict[str, re.Pattern[str]] = {}  # kind: pattern, compiled on first use

    def check(self, setting: str, value: str) -> Optional[ValueProblem]:
        spec = self.specs.get(setting)
        if spec is None:
            return None
        text = value.strip()
        unwrapped = unwrap(text)
        if unwrapped != text and self.check(setting, unwrapped) is None:
            return None  # fine once quotes or an inline comment go: AWS006/AWS008 say so
        kind = spec["kind"]
        effect = str(spec.get("effect", "the setting does not work"))
        shown = text if len(text) <= _MAX_SHOWN else text[:_MAX_SHOWN] + "…"
        if kind == "boolean":
            if text.lower() in ("true", "false"):
                return None
            return ValueProblem(setting, shown, "true or false", effect)
        if kind == "enum":
            values = [str(v) for v in spec.get("values", [])]
            if spec.get("case_sensitive"):
                if text in values:
                    return None
                close = [v for v in values if v.lower() == text.lower()]
                fix = f"The case matters: write '{close[0]}'." if close else ""
            else:
                if text.lower() in (v.lower() for v in values):
                    return None
                fix = ""
            return ValueProblem(setting, shown, "one of " + ", ".join(values), effect, fix)
        if kind == "pattern":
            pattern = self._patterns.get(setting)
            if pattern is None:
                pattern = self._patterns[setting] = re.compile(str(spec.get("pattern", "")))
            if pattern.fullmatch(text):
                return None
            return ValueProblem(setting, shown, str(spec.get("expected", "a valid value")), effect)
        return self._integer(spec, setting, text, shown, effect)

    @staticmethod
    def _integer(spec: dict[str, Any], setting: str, text: str, shown: str, effect: str) -> Optional[ValueProblem]:
        low, high = spec.get("min"), spec.get("max")
        if low is not None and high is not None:
            expected = f"a whole number from {low} to {high}"
        elif low is not None:
            expected = f"a whole number of at least {low}"
        else:
            expected = "a whole number"
        if not _INTEGER.fullmatch(text):
            return ValueProblem(setting, shown, expected, str(spec.get("effect_not_integer", effect)))
        number = int(text)
        if (low is not None and number < low) or (high is not None and number > high):
            return ValueProblem(setting, shown, expected, effect)
        return None
