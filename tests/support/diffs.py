"""Apply a unified diff, as a reader of ``--diff`` output would."""

from __future__ import annotations

import re


def apply_diff(original: list[str], diff: str) -> list[str]:
    """Apply a one-file unified diff to lines (without endings), checking every context line."""
    result: list[str] = []
    index = 0
    lines = diff.splitlines()
    k = 0
    while k < len(lines):
        match = re.match(r"@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@", lines[k])
        k += 1
        if match is None:
            continue
        start = int(match.group(1)) - (0 if match.group(2) != "0" else -1)
        result.extend(original[index : start - 1])
        index = start - 1
        while k < len(lines) and not lines[k].startswith("@@"):
            tag, text = lines[k][:1], lines[k][1:]
            if tag in (" ", "-"):
                assert original[index] == text, f"diff context does not match line {index + 1}"
                index += 1
            if tag in (" ", "+"):
                result.append(text)
            k += 1
    return result + original[index:]
