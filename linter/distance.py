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


def _bounded_distance(a: str, b: str, cutoff: int) -> tuple[int, int]:
    """``(edit_distance(a, b), cells)`` if it is at most ``cutoff``, else ``(cutoff + 1, cells)``.

    Stops at the first row whose minimum exceeds ``cutoff``: no later row can go lower (each
    cell comes from the row above, the row two above plus one, or its left neighbour).
    """
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    cells = 0
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        ai = a[i - 1]
        for j in range(1, len(b) + 1):
            v = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ai != b[j - 1]))
            if i > 1 and j > 1 and ai == b[j - 2] and a[i - 2] == b[j - 1]:
                v = min(v, prev2[j - 2] + 1)
            row[j] = v
        cells += len(b)
        if min(row) > cutoff:
            return cutoff + 1, cells
        prev2, prev = prev, row
    return (prev[-1], cells) if prev[-1] <= cutoff else (cutoff + 1, cells)


def _deletions(word: str) -> set[str]:
    """The word and every string one deletion away: two words within one edit share one."""
    return {word} | {word[:i] + word[i + 1:] for i in range(len(word))}


class NameIndex:
    """``nearest`` against one fixed candidate set for many words, in bounded total work.

    Per word: answers are memoised; candidates one edit away (the usual typo) are found through
    an index of one-deletion neighbours, in time independent of the set's size; only when none
    is that near are the candidates of a compatible length compared, with an early-exit edit
    distance. That last step draws on a budget of table cells shared by every query on the
    index: once spent, such words get no suggestion (a file with thousands of far-off broken
    references gets hints for the first ones only, instead of taking minutes).
    """

    BUDGET = 1_000_000  # edit-distance table cells per index (about a second at worst)

    def __init__(self, candidates: Any, budget: Optional[int] = None) -> None:
        self.names = sorted({str(c) for c in candidates})
        self.budget = self.BUDGET if budget is None else budget
        self.cells = 0  # work done so far (tests read it)
        self._memo: dict[str, Optional[str]] = {}
        self._deletes: Optional[dict[str, list[int]]] = None
        self._by_length: dict[int, list[int]] = {}
        for index, name in enumerate(self.names):
            self._by_length.setdefault(len(name), []).append(index)
        self._lower = [n.lower() for n in self.names]

    def _index(self) -> dict[str, list[int]]:
        if self._deletes is None:
            self._deletes = {}
            for index, name in enumerate(self._lower):
                if len(name) <= 101:  # a word (at most 100) is within one edit only of these
                    for key in _deletions(name):
                        self._deletes.setdefault(key, []).append(index)
        return self._deletes

    def nearest(self, word: Any) -> Optional[str]:
        """Same answer as ``nearest(word, candidates)`` while the budget lasts, else None."""
        word = str(word).lower()
        if word not in self._memo:
            self._memo[word] = self._compute(word) if len(word) <= 100 else None
        return self._memo[word]

    def _compute(self, word: str) -> Optional[str]:
        best: Optional[tuple[int, str]] = None
        near: set[int] = set()
        index = self._index()
        for key in _deletions(word):
            near.update(index.get(key, ()))
        for i in near:  # candidates within one edit, if any, hold the answer (every limit is >= 1)
            if self.cells > self.budget:
                return None
            distance, cells = _bounded_distance(word, self._lower[i], 1)
            self.cells += cells
            if distance <= 1 and (best is None or (distance, self.names[i]) < best):
                best = (distance, self.names[i])
        if best is not None:
            return best[1]
        # No candidate within one edit: distance 2+ needs limit >= 2, i.e. candidates of length >= 6.
        for length, members in self._by_length.items():
            limit = max(1, length // 3)
            if limit < 2 or abs(length - len(word)) > limit:
                continue
            for i in members:
                if self.cells > self.budget:
                    return None
                cutoff = limit if best is None else min(limit, best[0])
                distance, cells = _bounded_distance(word, self._lower[i], cutoff)
                self.cells += cells
                if distance <= cutoff and (best is None or (distance, self.names[i]) < best):
                    best = (distance, self.names[i])
        return best[1] if best else None


__all__ = ["NameIndex", "edit_distance", "nearest"]


def suggest(word: str, candidates: Any) -> str:
    """`` (did you mean 'x'?)`` for the nearest candidate within a third of its length, else ''."""
    best = nearest(word, candidates)
    return f" (did you mean '{best}'?)" if best else ""
