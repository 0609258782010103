"""A small, fast stand-in for ``dataclasses`` on the lint path (``dataclass``, ``field``, ``replace``).

Why: a plain ``awslint FILE`` run starts a new interpreter every time (pre-commit runs it on each
commit), and ``import dataclasses`` (it pulls in ``inspect``, ``ast``, ``dis``, ``tokenize``) plus
building ~35 dataclasses cost ~25 ms of a ~100 ms run. This builds the same classes with one small
``exec`` per class (the ``__init__``, so creating instances stays as fast as with dataclasses) and
shared C-level helpers for the rest.

Supported, with dataclasses' behaviour: fields from the class's own annotations (in order), plain
defaults, ``field(default=..., default_factory=..., repr=..., compare=...)``, ``__post_init__``,
``frozen=True`` (assignment raises ``FrozenInstanceError``, instances hash by their compared
fields), ``slots=True`` (a new class with ``__slots__``), ``__eq__`` (same class, compared fields in
order), ``__repr__`` (``Name(a=1, b='x')``), ``__match_args__``. Not supported (and not used
here): inheritance between records, ``init=False``, ``kw_only``, ``ClassVar``/``InitVar``, ordering.
``tests/test_records.py`` checks each against the real dataclasses.
"""

from __future__ import annotations

from operator import attrgetter
from reprlib import recursive_repr
from typing import TYPE_CHECKING, Any, Callable, Optional

_MISSING: Any = object()
_FIELDS = "__record_fields__"


class FrozenInstanceError(AttributeError):
    """Assignment to a field of a frozen record (as ``dataclasses.FrozenInstanceError``)."""


class Field:
    __slots__ = ("name", "default", "default_factory", "repr", "compare")

    def __init__(self, default: Any = _MISSING, default_factory: Any = _MISSING, repr: bool = True, compare: bool = True) -> None:
        if default is not _MISSING and default_factory is not _MISSING:
            raise ValueError("cannot specify both default and default_factory")
        self.name = ""
        self.default = default
        self.default_factory = default_factory
        self.repr = repr
        self.compare = compare


def _field(*, default: Any = _MISSING, default_factory: Any = _MISSING, repr: bool = True, compare: bool = True) -> Any:
    """As ``dataclasses.field`` (the arguments used in this package)."""
    return Field(default, default_factory, repr, compare)


def _fields(obj: Any) -> tuple[Field, ...]:
    """The record's fields in definition order."""
    return getattr(obj, _FIELDS)


def _replace(obj: Any, **changes: Any) -> Any:
    """A copy of the record with some fields changed (as ``dataclasses.replace``)."""
    for record_field in getattr(obj, _FIELDS):
        if record_field.name not in changes:
            changes[record_field.name] = getattr(obj, record_field.name)
    return obj.__class__(**changes)


def _dataclass(cls: Optional[type] = None, *, frozen: bool = False, slots: bool = False) -> Any:
    """Class decorator: ``@dataclass``, ``@dataclass(frozen=True)``, ``@dataclass(slots=True)``."""

    def wrap(klass: type) -> type:
        return _process(klass, frozen, slots)

    return wrap if cls is None else wrap(cls)


def _process(cls: type, frozen: bool, slots: bool) -> type:
    namespace = cls.__dict__
    if "__annotations__" not in namespace and "__annotate__" in namespace:
        # Python 3.14 evaluates annotations lazily unless the module has the future import.
        raise TypeError(f"{cls.__name__}: a record's module needs 'from __future__ import annotations'")
    record_fields: list[Field] = []
    for name in namespace.get("__annotations__", {}):
        value = namespace.get(name, _MISSING)
        spec = value if isinstance(value, Field) else Field(default=value)
        spec.name = name
        if spec.default is not _MISSING and isinstance(spec.default, (list, dict, set)):
            raise ValueError(f"mutable default {type(spec.default)} for field {name} is not allowed: use default_factory")
        record_fields.append(spec)
    seen_default = False
    for spec in record_fields:
        if spec.default is _MISSING and spec.default_factory is _MISSING:
            if seen_default:
                raise TypeError(f"non-default argument '{spec.name}' follows default argument")
        else:
            seen_default = True
    names = tuple(spec.name for spec in record_fields)

    if slots:
        body = {k: v for k, v in namespace.items() if k not in names and k not in ("__dict__", "__weakref__")}
        body["__slots__"] = names
        qualname = getattr(cls, "__qualname__", None)
        cls = type(cls)(cls.__name__, cls.__bases__, body)
        if qualname is not None:
            cls.__qualname__ = qualname
    else:
        for spec in record_fields:
            # dataclasses leave a plain default as the class attribute, and remove factories.
            if spec.default is not _MISSING:
                setattr(cls, spec.name, spec.default)
            elif spec.name in namespace:
                delattr(cls, spec.name)

    setattr(cls, _FIELDS, tuple(record_fields))
    methods: dict[str, Any] = {"__match_args__": names}
    if "__init__" not in namespace:
        methods["__init__"] = _deferred_init(cls, record_fields, frozen)
    if "__repr__" not in namespace:
        methods["__repr__"] = _make_repr(tuple(s.name for s in record_fields if s.repr))
    key = _key_getter(tuple(s.name for s in record_fields if s.compare))
    if "__eq__" not in namespace:
        methods["__eq__"] = _make_eq(key)
    if "__hash__" not in namespace:
        # dataclasses: eq without frozen makes instances unhashable; frozen hashes the compared fields.
        methods["__hash__"] = _make_hash(key) if frozen else None
    if frozen:
        methods["__setattr__"] = _frozen_setattr
        methods["__delattr__"] = _frozen_delattr
        if slots:  # unpickling sets slots with setattr: go around the frozen guard
            methods["__setstate__"] = _frozen_setstate
    for name, value in methods.items():
        setattr(cls, name, value)
    return cls


def _key_getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    if not names:
        return lambda self: ()
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda self: (one(self),)
    return attrgetter(*names)


def _deferred_init(cls: type, record_fields: list[Field], frozen: bool) -> Callable[..., None]:
    """Compile the real ``__init__`` on the first instance: a run builds many classes it never
    instantiates (the cached rule set is unpickled without ``__init__``), so they never pay."""

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        real = _make_init(cls, record_fields, frozen)
        setattr(cls, "__init__", real)  # noqa: B010 - assigning a method on the class
        real(self, *args, **kwargs)

    __init__.__qualname__ = f"{cls.__qualname__}.__init__"
    return __init__


def _make_init(cls: type, record_fields: list[Field], frozen: bool) -> Callable[..., None]:
    """``__init__`` compiled for this class: as fast per instance as a hand-written one."""
    scope: dict[str, Any] = {"_MISSING": _MISSING, "_set": object.__setattr__}
    params, lines = [], []
    for index, spec in enumerate(record_fields):
        name = spec.name
        if spec.default_factory is not _MISSING:
            scope[f"_factory{index}"] = spec.default_factory
            params.append(f"{name}=_MISSING")
            value = f"_factory{index}() if {name} is _MISSING else {name}"
        elif spec.default is not _MISSING:
            scope[f"_default{index}"] = spec.default
            params.append(f"{name}=_default{index}")
            value = name
        else:
            params.append(name)
            value = name
        lines.append(f"_set(self, {name!r}, {value})" if frozen else f"self.{name} = {value}")
    if "__post_init__" in cls.__dict__:
        lines.append("self.__post_init__()")
    source = f"def __init__(self, {', '.join(params)}):\n    " + ("\n    ".join(lines) or "pass") + "\n"
    exec(source, scope)  # noqa: S102 - our own generated code, from field names only
    init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


def _make_repr(names: tuple[str, ...]) -> Callable[[Any], str]:
    @recursive_repr()
    def __repr__(self: Any) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{self.__class__.__qualname__}({inner})"

    return __repr__


def _make_eq(key: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any, Any], Any]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return key(self) == key(other)
        return NotImplemented

    return __eq__


def _make_hash(key: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(key(self))

    return __hash__


def _frozen_setattr(self: Any, name: str, value: Any) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_setstate(self: Any, state: Any) -> None:
    for part in state if isinstance(state, tuple) else (state,):
        for name, value in (part or {}).items():
            object.__setattr__(self, name, value)


def _frozen_delattr(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


if TYPE_CHECKING:  # type checkers see the real dataclasses, whose behaviour these copy
    from dataclasses import dataclass, field, fields, replace
else:
    dataclass, field, fields, replace = _dataclass, _field, _fields, _replace
