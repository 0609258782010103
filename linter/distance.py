"""Edit distance and nearest-name lookup, for did-you-mean hints in rule packs and findings."""

from __future__ import annotations

from typing import Any, Optional


def edit_distance(a: str, b: str) -> int:
    """Edit distance counting a swap of two neighbours as one edit (small strings only)."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            row[j] = min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[i - 2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def nearest(word: str, candidates: Any) -> Optional[str]:
    """The candidate nearest to ``word`` within a third of its length (ties: alphabetical), else None.

    Case-insensitive. Candidates whose length alone rules them out are skipped, so a long word
    against a long list stays cheap.
    """
    word = str(word).lower()
    if len(word) > 100:  # no setting name is that long; not worth a quadratic comparison
        return None
    best: Optional[tuple[int, str]] = None
    for candidate in sorted({str(c) for c in candidates}):
        limit = max(1, len(candidate) // 3)
        if abs(len(candidate) - len(word)) > limit:
            continue
        distance = edit_distance(word, candidate.lower())
        if distance <= limit and (best is None or (distance, candidate) < best):
            best = (distance, candidate)
    return best[1] if best else None


__all__ = ["edit_distance", "nearest"]
