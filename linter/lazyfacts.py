"""A subject's facts, computed on first read: each group of facts has a provider run only when needed.

A large config has tens of thousands of option subjects, and most rules are about a few keys: the
catalogue facts (settings, credentials, regions, portability) of an option or profile are worth
computing only when a rule, a message, a fix or ``explain`` reads one of them. ``LazyFacts`` is a
``dict`` holding the cheap facts from the start and a list of pending providers (a group of facts
that share work, such as everything ``settings_catalog.option_facts`` returns). A read of a fact
that is not there runs the provider known to give it; the first read of an unknown name, or any
iteration, comparison or copy, runs them all. So the values are those of the eager dict, whatever
the order of reads (``tests/test_lazy_facts.py`` checks it on every rule example).

Which names a provider gives is learnt from its first run (per kind, for the process): a name
that no run has produced yet makes the providers never run so far run (in order, until one gives
it), then every pending one, so a provider that adds a fact only sometimes is still found. ``EAGER = True`` (tests) runs every provider at construction.
"""

from __future__ import annotations

from typing import Any, Callable, Iterator

#: Run every provider at construction (the eager reference the lazy mapping must equal).
EAGER = False

Provider = tuple[str, Callable[[], dict[str, Any]]]  # (kind, thunk returning the group's facts)

# kind -> the fact names its runs have produced so far
_LEARNED: dict[str, set[str]] = {}


class LazyFacts(dict):  # type: ignore[type-arg]
    """Facts of one subject; see the module docstring. Providers never overwrite a fact already set."""

    __slots__ = ("_pending",)

    def __init__(self, base: dict[str, Any], providers: list[Provider]) -> None:
        dict.__init__(self, base)
        self._pending = providers
        if EAGER:
            self.compute_all()

    # -- running providers ----------------------------------------------------------------

    def _run(self, index: int) -> None:
        kind, thunk = self._pending.pop(index)  # popped first: a provider reading its own names sees them absent
        produced = thunk()
        learned = _LEARNED.get(kind)
        if learned is None:
            _LEARNED[kind] = set(produced)
        elif len(produced) != len(learned) or not learned.issuperset(produced):
            learned.update(produced)
        if EAGER:
            dict.update(self, produced)  # as the eager builder did: so a cheap early copy that differs shows in tests
            return
        for name, value in produced.items():
            if not dict.__contains__(self, name):
                dict.__setitem__(self, name, value)

    def compute_all(self) -> None:
        """Run every pending provider, in the order they were given."""
        while self._pending:
            self._run(0)

    def _resolve(self, name: str) -> bool:
        """Run what gives ``name``; True when the fact is now set."""
        pending = self._pending
        for index, (kind, _thunk) in enumerate(pending):  # a provider that gave it before
            learned = _LEARNED.get(kind)
            if learned is not None and name in learned:
                self._run(index)
                if dict.__contains__(self, name):
                    return True
                break
        index = 0
        while index < len(pending):  # providers never run yet, in order, until one gives it
            if pending[index][0] in _LEARNED:
                index += 1
                continue
            self._run(index)
            if dict.__contains__(self, name):
                return True
        self.compute_all()  # a name no run has given so far: everything, so nothing is missed
        return dict.__contains__(self, name)

    # -- reads ----------------------------------------------------------------------------

    def __missing__(self, name: str) -> Any:
        if self._pending and self._resolve(name):
            return dict.__getitem__(self, name)
        raise KeyError(name)

    def get(self, name: str, default: Any = None) -> Any:  # type: ignore[override]
        try:
            return dict.__getitem__(self, name)
        except KeyError:
            if self._pending and self._resolve(name):
                return dict.__getitem__(self, name)
            return default

    def __contains__(self, name: object) -> bool:
        if dict.__contains__(self, name):
            return True
        return bool(self._pending) and isinstance(name, str) and self._resolve(name)

    # -- whole-mapping views: everything computed first ------------------------------------

    def __iter__(self) -> Iterator[str]:
        self.compute_all()
        return dict.__iter__(self)

    def __len__(self) -> int:
        self.compute_all()
        return dict.__len__(self)

    def keys(self) -> Any:
        self.compute_all()
        return dict.keys(self)

    def values(self) -> Any:
        self.compute_all()
        return dict.values(self)

    def items(self) -> Any:
        self.compute_all()
        return dict.items(self)

    def copy(self) -> dict[str, Any]:
        self.compute_all()
        return dict(dict.items(self))

    def __eq__(self, other: object) -> bool:
        self.compute_all()
        if isinstance(other, LazyFacts):
            other.compute_all()
        return dict.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        self.compute_all()
        return dict.__repr__(self)

    def __reduce__(self) -> Any:
        self.compute_all()
        return (dict, (dict(dict.items(self)),))
