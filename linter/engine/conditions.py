"""The condition compiler: a ``when`` tree becomes one ``Compiled`` object that every reader uses.

Rule checks, fix ``when``, suppression hygiene (a scope like any other) and the subject index
all read a condition through ``compile_condition``: the test itself, and what the index needs
to skip subjects (the leaves every match must pass, with the values they admit).
"""

from __future__ import annotations

from typing import Any, Callable, Optional

from awslint.errors import UsageError
from awslint.facts.catalog import MEMBER_FACTS
from awslint.facts.subjects import Subject
from awslint.redaction import is_secret_key, looks_like_credential
from awslint.engine.render import as_text  # one reading of a value as text, for messages and comparisons
from awslint.engine.ruleset import LOGIC_OPS, Condition

Test = Callable[[Subject], bool]

PRESENT = object()  # an admitted set meaning "any value but none"


def same(value: Any, expected: Any) -> bool:
    """``equals``: a file value is always text, so ``equals: 3`` or ``equals: true`` match "3" / "true"."""
    if value == expected:
        return True
    return isinstance(value, str) and not isinstance(expected, str) and expected is not None and value == as_text(expected)


def number(value: Any) -> Optional[float]:
    """The value as a number for ``lt``/``le``/``gt``/``ge``, or None (never a boolean)."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def readable(text: str) -> Optional[str]:
    """``text``, or None when it is shaped like key material: a pattern or substring test could
    read such a value out piece by piece (a secret pasted under ``region`` or into a profile
    name), so to ``matches``, ``not_matches`` and ``contains`` it is a missing value."""
    return None if looks_like_credential(text) else text


def refuse_secret_value_test(condition: Condition) -> None:
    """The engine's own guard of the secret boundary, behind the rule loader's: a condition
    built some other way (a cached or programmatic rule) still cannot read a secret key's value."""
    if condition.subject == "key" and condition.op not in ("present", "absent") and is_secret_key(condition.name):
        raise UsageError(f"'{condition.op}' may not test the value of '{condition.name}': it holds a secret")


class Leaf:
    """A leaf every match of its tree must pass, as the subject index uses it."""

    __slots__ = ("condition", "data", "admitted", "_test", "member", "key")

    def __init__(self, condition: Condition, data: dict[str, list[Any]]) -> None:
        self.condition = condition
        self.data = data
        #: The values that can satisfy the leaf (``PRESENT``: any value), or None if unknown.
        self.admitted = _admitted(condition, data)
        self._test: Optional[Test] = None
        #: Whether it reads an option fact that differs between members of a group.
        self.member = condition.subject == "fact" and condition.name in MEMBER_FACTS
        #: Equal leaves (in any rule) admit the same subjects: the index caches passes by this.
        self.key = (condition.subject, condition.name, condition.op, repr(condition.argument), condition.data)

    @property
    def test(self) -> Test:
        """The leaf alone, compiled on first use (most leaves are only looked up by value)."""
        if self._test is None:
            self._test = _compile(self.condition, self.data)
        return self._test


class Compiled:
    """One compiled ``when`` tree: ``test(subject)``, and the leaves every match must pass."""

    __slots__ = ("condition", "test", "necessary", "reads_member_facts")

    def __init__(self, condition: Condition, data: dict[str, list[Any]]) -> None:
        self.condition = condition
        self.test: Test = _compile(condition, data)
        self.necessary = [Leaf(leaf, data) for leaf in _necessary_leaves(condition)]
        self.reads_member_facts = _reads_member_facts(condition)

    def __call__(self, subject: Subject) -> bool:
        return self.test(subject)

    def may_hold(self, fact: str, value: Any) -> bool:
        """False when no subject whose ``fact`` is ``value`` can match (a necessary leaf on that
        fact admits other values only); True when it might."""
        for leaf in self.necessary:
            condition = leaf.condition
            if condition.subject != "fact" or condition.name != fact:
                continue
            admitted = leaf.admitted
            if admitted is PRESENT:
                if value is None:
                    return False
            elif admitted is not None:
                try:
                    if value not in admitted:
                        return False
                except TypeError:  # an unhashable value: never in a set of scalars
                    return False
        return True


def compile_condition(condition: Condition, data: dict[str, list[Any]]) -> Compiled:
    """Compile a ``when`` tree once: operators, data lists (as sets) and names are resolved here,
    not for every subject. Refuses a test of a secret key's value."""
    return Compiled(condition, data)


def _compile(condition: Condition, data: dict[str, list[Any]]) -> Test:
    """The tree as nested closures."""
    op = condition.op
    if op in LOGIC_OPS:
        tests = [_compile(child, data) for child in condition.children]
        if op == "not":
            inner = tests[0]
            return lambda subject: not inner(subject)
        if op == "all":
            return lambda subject: all(test(subject) for test in tests)
        return lambda subject: any(test(subject) for test in tests)
    refuse_secret_value_test(condition)
    value = value_reader(condition.subject, condition.name)
    arg = condition.argument
    if op in ("present", "absent"):
        want = bool(arg) if op == "present" else not arg
        return lambda subject: (value(subject) is not None) == want
    if op in ("equals", "not_equals"):
        negate = op == "not_equals"
        return lambda subject: same(value(subject), arg) != negate
    if op in ("in", "not_in"):
        member = _membership(data.get(condition.data, []) if condition.data else arg)
        negate = op == "not_in"
        return lambda subject: member(value(subject)) != negate
    if op == "contains":
        text = as_text(arg)

        def contains(subject: Subject) -> bool:
            found = value(subject)
            if isinstance(found, (list, tuple)):
                return any(same(item, arg) for item in found)
            return isinstance(found, str) and text in found and readable(found) is not None

        return contains
    if op in ("matches", "not_matches"):
        assert condition.pattern is not None
        search = condition.pattern.search
        negate = op == "not_matches"

        def matches(subject: Subject) -> bool:
            found = value(subject)
            text = None if found is None else readable(as_text(found))
            return (text is not None and search(text) is not None) != negate

        return matches
    compare = {
        "lt": lambda n: n < arg, "le": lambda n: n <= arg, "gt": lambda n: n > arg, "ge": lambda n: n >= arg,
    }[op]

    def number_test(subject: Subject) -> bool:
        found = number(value(subject))
        return found is not None and compare(found)

    return number_test


def value_reader(kind: str, name: str) -> Callable[[Subject], Any]:
    """How a leaf reads its value: a fact, or the text of a key (None when unset)."""
    if kind == "fact":
        return lambda subject: subject.facts.get(name)

    def key_value(subject: Subject) -> Any:
        setting = subject.keys(name)
        return None if setting is None else setting.text

    return key_value


def _membership(items: Any) -> Callable[[Any], bool]:
    """``any(same(value, item) for item in items)`` with a set for the (usual) string case."""
    items = list(items or [])
    texts: set[str] = set()
    others: list[Any] = []
    for item in items:
        if isinstance(item, str):
            texts.add(item)
        else:
            others.append(item)
            if item is not None:
                texts.add(as_text(item))  # `same` lets "3" match 3 and "true" match True

    def member(value: Any) -> bool:
        if value is None:
            return False
        if isinstance(value, str):
            return value in texts
        return any(value == item for item in others)

    return member


def _reads_member_facts(condition: Condition) -> bool:
    """Whether a tree reads an option fact that differs between members of a group (``section``)."""
    if condition.op in LOGIC_OPS:
        return any(_reads_member_facts(child) for child in condition.children)
    return condition.subject == "fact" and condition.name in MEMBER_FACTS


def _necessary_leaves(condition: Condition) -> list[Condition]:
    """The leaves every match must pass: a lone leaf, or the leaves of (nested) top-level ``all``."""
    if condition.op == "all":
        return [leaf for child in condition.children for leaf in _necessary_leaves(child)]
    if condition.op in ("any", "not"):
        return []
    return [condition]


def _admitted(leaf: Condition, data: dict[str, list[Any]]) -> Any:
    """The values that can satisfy ``leaf`` (``PRESENT`` for any value), or None if unknown."""
    if leaf.op == "present" and leaf.argument is True:
        return PRESENT
    if leaf.op == "equals":
        if leaf.argument is None:
            return None  # equals null matches absent values
        items = [leaf.argument]
    elif leaf.op == "in":
        items = [item for item in (data.get(leaf.data, []) if leaf.data else leaf.argument or []) if item is not None]
    else:
        return None
    values: set[Any] = set()
    for item in items:
        if not isinstance(item, (str, int, float, bool)):
            return None
        values.add(item)
        if not isinstance(item, str):
            values.add(as_text(item))  # `same` lets "3" match 3 and "true" match True
    return values
