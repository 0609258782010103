"""The interpreted reading of a ``when`` tree: the oracle the compiled conditions must equal.

It walks the tree for every subject, as the engine did before conditions were compiled; the
value primitives (what ``equals`` means for file text, what counts as a number, which values
are too secret-shaped to pattern-test) are the engine's own, so that what this checks is the
compilation: operator dispatch, data lists, negation, ``all``/``any``/``not``.
"""

from __future__ import annotations

from typing import Any

from awslint.engine.conditions import as_text, number, readable, refuse_secret_value_test, same
from awslint.engine.ruleset import Condition
from awslint.facts.subjects import Subject


class Evaluator:
    def __init__(self, data: dict[str, list[Any]]) -> None:
        self.data = data

    def value(self, condition: Condition, subject: Subject) -> Any:
        refuse_secret_value_test(condition)
        if condition.subject == "fact":
            return subject.facts.get(condition.name)
        setting = subject.keys(condition.name)
        return None if setting is None else setting.text

    def __call__(self, condition: Condition, subject: Subject) -> bool:
        op = condition.op
        if op == "all":
            return all(self(child, subject) for child in condition.children)
        if op == "any":
            return any(self(child, subject) for child in condition.children)
        if op == "not":
            return not self(condition.children[0], subject)
        value = self.value(condition, subject)
        arg = condition.argument
        if op == "present":
            return (value is not None) == arg
        if op == "absent":
            return (value is None) == arg
        if op == "equals":
            return same(value, arg)
        if op == "not_equals":
            return not same(value, arg)
        if op in ("in", "not_in"):
            items = self.data.get(condition.data, []) if condition.data else arg
            found = value is not None and any(same(value, item) for item in items)
            return found if op == "in" else not found
        if op == "contains":
            if isinstance(value, (list, tuple)):
                return any(same(item, arg) for item in value)
            return isinstance(value, str) and readable(value) is not None and as_text(arg) in value
        if op in ("matches", "not_matches"):
            assert condition.pattern is not None
            text = None if value is None else readable(as_text(value))
            found = text is not None and condition.pattern.search(text) is not None
            return found if op == "matches" else not found
        found_number = number(value)
        if found_number is None:
            return False
        return {"lt": found_number < arg, "le": found_number <= arg, "gt": found_number > arg, "ge": found_number >= arg}[op]
