"""awslint.standins.records behaves like dataclasses for everything the package uses (it replaces them
on the lint path to cut start-up time)."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from typing import Any, Optional

import pytest

from awslint.standins import records


def _define(module: Any, **options: Any) -> type:
    @module.dataclass(**options)
    class Point:
        """A test record."""

        x: int
        label: str = "p"
        tags: list[str] = module.field(default_factory=list)
        note: Optional[str] = module.field(default=None, repr=False, compare=False)

        def double(self) -> int:
            return self.x * 2

    return Point


@pytest.mark.parametrize("options", [{}, {"frozen": True}, {"slots": True}])
def test_same_behaviour_as_dataclasses(options: dict[str, Any]) -> None:
    ours, theirs = _define(records, **options), _define(dataclasses, **options)
    for args, kwargs in [((1,), {}), ((2, "q"), {"tags": ["a"]}), ((3,), {"note": "n", "label": "z"})]:
        a, b = ours(*args, **kwargs), theirs(*args, **kwargs)
        assert repr(a).replace("records", "") == repr(b).replace("dataclasses", "")
        assert (a.x, a.label, a.tags, a.note, a.double()) == (b.x, b.label, b.tags, b.note, b.double())
        assert a == ours(*args, **dict(kwargs, note="other"))  # note is not compared
        assert a != ours(99) and (a == b) is False  # another class is never equal
        assert ours.__match_args__ == theirs.__match_args__
    assert ours(1).tags is not ours(1).tags  # a fresh list each time
    with pytest.raises(TypeError):
        ours()


def test_hash_follows_frozen() -> None:
    plain, frozen = _define(records), _define(records, frozen=True)
    with pytest.raises(TypeError):
        hash(plain(1))
    assert hash(frozen(1, "p", (), "a")) == hash(frozen(1, "p", (), "b"))  # note is not compared
    with pytest.raises(records.FrozenInstanceError):
        frozen(1).x = 2  # type: ignore[misc]
    with pytest.raises(AttributeError):
        frozen(1).x = 2  # type: ignore[misc]


@pytest.mark.parametrize("options", [{}, {"frozen": True}, {"slots": True}, {"slots": True, "frozen": True}])
def test_replace_copy_and_pickle(options: dict[str, Any]) -> None:
    global Pickled
    Pickled = _define(records, **options)  # pickle finds classes by module-level name
    Pickled.__qualname__ = "Pickled"
    item = Pickled(1, "a", ["t"], "n")
    changed = records.replace(item, x=5)
    assert (changed.x, changed.label, changed.tags, changed.note) == (5, "a", ["t"], "n")
    assert copy.copy(item) == item and copy.deepcopy(item) == item
    loaded = pickle.loads(pickle.dumps(item))
    assert loaded == item and loaded.note == "n"
    assert [f.name for f in records.fields(item)] == ["x", "label", "tags", "note"]


def test_slots_and_defaults() -> None:
    slotted = _define(records, slots=True)
    assert slotted.__slots__ == ("x", "label", "tags", "note")
    with pytest.raises(AttributeError):
        slotted(1).other = 1  # type: ignore[attr-defined]
    plain = _define(records)
    assert plain.label == "p" and not hasattr(plain, "tags")  # as dataclasses leave them


def test_post_init_and_mistakes() -> None:
    @records.dataclass
    class Counted:
        n: int

        def __post_init__(self) -> None:
            self.n += 1

    assert Counted(1).n == 2
    with pytest.raises(TypeError):

        @records.dataclass
        class Bad:
            a: int = 0
            b: int

    with pytest.raises(ValueError):

        @records.dataclass
        class Mutable:
            a: list[int] = []  # noqa: RUF012


Pickled: Any = None


def test_lazy_annotations_are_refused_loudly() -> None:
    """Python 3.14 keeps a module's annotations in ``__annotate__`` without the future import:
    records would silently get no fields, so they refuse instead."""
    import pytest

    from awslint.standins.records import _dataclass

    lazy = type("Lazy", (), {"__annotate__": lambda fmt: {"x": int}})
    with pytest.raises(TypeError, match="from __future__ import annotations"):
        _dataclass(lazy)
