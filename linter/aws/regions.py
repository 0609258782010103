"""Region codes: classification of a `region` value and the partition a region belongs to.

Reference data comes from ``rules/data/regions.yaml`` (``regions``, ``region_partitions``,
``availability_zone_patterns``; regions and partition patterns come from botocore's ``data/partitions.json``). The recipe:
exact code, else a partition pattern (a region newer than the data), else an error with the
nearest known code.
"""

from __future__ import annotations

import re
from awslint.distance import suggest
from awslint.standins.records import dataclass
from typing import Any, Optional

#: Longer values are never region codes; do not run the edit distance on them (it is quadratic).
MAX_REGION_LENGTH = 64


@dataclass
class RegionCheck:
    """What a region value is: ``status`` is one of ``known``, ``empty``, ``pattern`` (a code of
    a partition's shape that the data does not list), ``availability-zone``, ``global``,
    ``wrapped`` (valid once quotes or an inline comment are removed; other rules say so) or
    ``unknown``."""

    status: str
    partition: Optional[str] = None
    suggestion: str = ""  # " (did you mean 'x'?)" or ""
    region_of_zone: Optional[str] = None


class Regions:
    """The region reference data, compiled once."""

    def __init__(self, data: dict[str, list[Any]]) -> None:
        self.known = [str(r) for r in data.get("regions", [])]
        self._partition_memo: dict[str, Optional[str]] = {}  # see partition_of
        self.known_set = set(self.known)
        self.partitions: list[tuple[str, re.Pattern[str], Optional[str]]] = []
        for entry in data.get("region_partitions", []):
            if isinstance(entry, dict) and entry.get("partition") and entry.get("pattern"):
                try:
                    pattern = re.compile(str(entry["pattern"]))
                except re.error:
                    continue  # a bad user override must not crash the run
                self.partitions.append((str(entry["partition"]), pattern, entry.get("global")))
        # The words between the area and the number (east, southeast, central…): a new region
        # reuses them, a typo (eu-wets-1) does not.
        self.words = {r.split("-")[-2] for r in self.known if r.count("-") >= 2}
        self.globals = {str(g): p for p, _, g in self.partitions if g}
        self.zone_patterns = []
        for pattern in data.get("availability_zone_patterns", []):
            try:
                self.zone_patterns.append(re.compile(str(pattern)))
            except re.error:
                continue

    def partition_of(self, region: Optional[str]) -> Optional[str]:
        """The partition of a region code (known or of a partition's shape), else None."""
        if not region:
            return None
        # Memoised per value: a large config repeats a handful of regions in every profile.
        memo = self._partition_memo
        if region in memo:
            return memo[region]
        found = None
        text = region.strip()
        if text in self.globals:
            found = self.globals[text]
        else:
            for name, pattern, _ in self.partitions:
                if pattern.match(text):
                    found = name
                    break
        memo[region] = found
        return found

    def check(self, value: str) -> RegionCheck:
        text = value.strip()
        if not text:
            return RegionCheck("empty")
        if text in self.known_set:
            return RegionCheck("known", self.partition_of(text))
        unwrapped = unwrap(text)
        if unwrapped != text and unwrapped in self.known_set:
            return RegionCheck("wrapped", self.partition_of(unwrapped))
        if text in self.globals:
            return RegionCheck("global", self.globals[text])
        if len(text) <= MAX_REGION_LENGTH:
            for pattern in self.zone_patterns:
                if pattern.match(text):
                    region = self._region_in_zone(text)
                    hint = f" (the region is '{region}')" if region else ""
                    return RegionCheck("availability-zone", self.partition_of(region), hint, region)

        partition = self.partition_of(text)
        hint = suggest(text, self.known) if len(text) <= MAX_REGION_LENGTH else ""
        if partition is not None and text.split("-")[-2] in self.words:
            return RegionCheck("pattern", partition, hint)
        return RegionCheck("unknown", None, hint)

    def _region_in_zone(self, zone: str) -> Optional[str]:
        """``us-east-1a`` → ``us-east-1``; ``us-west-2-lax-1a`` → ``us-west-2``."""
        best = None
        for region in self.known:
            if zone.startswith(region) and (best is None or len(region) > len(best)):
                best = region
        return best


def unwrap(text: str) -> str:
    """The value without surrounding quotes or an inline comment (botocore keeps both)."""
    text = re.split(r"\s[#;]", text, maxsplit=1)[0].strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1].strip()
    return text
