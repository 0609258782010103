"""Which subjects a compiled condition can possibly match, so a rule visits only those."""

from __future__ import annotations

from collections import Counter
from itertools import repeat
from typing import Any, Callable, Iterable, Optional

from awslint.facts.subjects import Subject
from awslint.engine.conditions import PRESENT, Compiled, Leaf, as_text, value_reader


class SubjectIndex:
    """Which subjects a ``when`` tree can possibly match, from its necessary leaves.

    Every leaf of a top-level ``all`` (or a lone leaf) must hold for the tree to hold, so only
    the subjects passing one such leaf need the whole tree. For each check the narrowest leaf is
    used: ``equals``/``in``/``present`` leaves from values grouped once per fact or key name
    (shared by every rule), any other leaf from one pass of that leaf alone. The exact test
    still runs on every candidate, so the index only skips work, never decides.
    """

    def __init__(self, subjects: list[Subject], grouped: bool = False) -> None:
        self.subjects = subjects
        self.grouped = grouped  # each subject stands for an OptionGroup
        self._columns: dict[tuple[str, str], list[Any]] = {}
        self._facts: Optional[list[dict[str, Any]]] = None
        self._counts: dict[tuple[str, str], Counter[Any]] = {}
        self._passes: dict[tuple[Any, ...], list[int]] = {}
        # A subject with variants is judged on each variant's facts: never skip it on its own.
        self._with_variants = [position for position, subject in enumerate(subjects) if subject.variants]
        self._small = max(8, len(subjects) // 16)  # a leaf admitting this few is narrow enough

    def _column(self, kind: str, name: str) -> list[Any]:
        """Every subject's value of one fact or key, in subject order (read once per name)."""
        slot = (kind, name)
        values = self._columns.get(slot)
        if values is None:
            if kind == "fact":
                if self._facts is None:
                    self._facts = [subject.facts for subject in self.subjects]
                values = list(map(dict.get, self._facts, repeat(name)))  # C loop: no frame per subject
            else:
                value_of = value_reader(kind, name)
                values = [value_of(subject) for subject in self.subjects]
            self._columns[slot] = values
        return values

    def _grouped(self, leaf: Leaf) -> tuple[int, Callable[[], list[int]]]:
        """How many subjects an equals/in/present leaf admits, and how to list them."""
        condition = leaf.condition
        values = self._column(condition.subject, condition.name)
        slot = (condition.subject, condition.name)
        counts = self._counts.get(slot)
        if counts is None:
            try:
                counts = Counter(values)
            except TypeError:  # list facts: count the hashable values only
                counts = Counter(v for v in values if v is None or not isinstance(v, (list, tuple, dict, set)))
            self._counts[slot] = counts
        if leaf.admitted is PRESENT:
            return len(values) - counts.get(None, 0), lambda: [p for p, v in enumerate(values) if v is not None]
        wanted = {value for value in leaf.admitted if value in counts}

        def positions() -> list[int]:
            found = []
            for position, value in enumerate(values):
                if value is not None:
                    try:
                        if value in wanted:
                            found.append(position)
                    except TypeError:  # a list fact: never equal to a scalar argument
                        pass
            return found

        count = sum(counts[value] for value in wanted)
        return count, (positions if count else list)

    def _passing(self, leaf: Leaf) -> list[int]:
        """Positions of the subjects that pass ``leaf`` alone (one pass, cached per leaf)."""
        found = self._passes.get(leaf.key)
        if found is None:
            test = leaf.test
            subjects = self.subjects
            condition = leaf.condition
            if condition.op == "contains" and as_text(condition.argument):  # only a non-empty list or text can hold it
                values = self._column(condition.subject, condition.name)
                found = [p for p, v in enumerate(values) if v and test(subjects[p])]
            else:
                found = [p for p, subject in enumerate(subjects) if test(subject)]
            self._passes[leaf.key] = found
        return found

    def _positions(self, compiled: Compiled) -> Optional[list[int]]:
        """Sorted positions of the subjects that can match, or None for "all of them"."""
        best: Optional[tuple[int, Callable[[], list[int]]]] = None
        others = []
        for leaf in compiled.necessary:
            if leaf.member and self.grouped:
                continue  # a leaf on a member fact says nothing about a group from its first member alone
            if leaf.admitted is None:
                others.append(leaf)
                continue
            sized = self._grouped(leaf)
            if best is None or sized[0] < best[0]:
                best = sized
            if best[0] <= self._small:
                return best[1]()
        for leaf in others:
            positions = self._passing(leaf)
            if best is None or len(positions) < best[0]:
                best = (len(positions), lambda positions=positions: positions)
            if best[0] <= self._small:
                break
        return None if best is None else best[1]()

    def candidates(self, conditions: Iterable[Compiled]) -> Iterable[int]:
        """Positions (in subject order) of the subjects any of ``conditions`` can match."""
        merged: set[int] = set()
        for compiled in conditions:
            positions = self._positions(compiled)
            if positions is None:
                return range(len(self.subjects))
            merged.update(positions)
        merged.update(self._with_variants)
        return sorted(merged)
