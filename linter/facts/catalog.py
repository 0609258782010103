"""The fact tables the rule loader, the fix validator, the engine and the docs read, derived from
the declarations of ``facts.registry``.

Importing this module imports every fact module (through ``facts.builder`` and
``facts.suppression``), so the tables are complete. They are live: a provider declared later
(a rule pack's test, a walkthrough) shows in them at once.
"""

from __future__ import annotations

from typing import Any, Callable, Generic, Iterator, Mapping, TypeVar

from awslint.facts import builder, suppression  # noqa: F401  (their modules declare every fact)
from awslint.facts import registry
from awslint.facts.registry import PUBLIC, SCOPE_TITLES, SECRET, SHAPE, VALUE, Fact

__all__ = [
    "FACTS", "FACT_CLASSES", "MEMBER_FACTS", "PUBLIC", "SCOPES", "SHAPE", "SUBJECT_PLACEHOLDERS", "VALUE",
    "declared_facts", "fact_class",
]

#: Placeholders a message or fix template may name besides the scope's facts: the subject itself.
SUBJECT_PLACEHOLDERS = ("profile", "section", "key", "path")

SCOPES = tuple(SCOPE_TITLES)

T = TypeVar("T")


class _Live(Generic[T]):
    """A table rebuilt from the registry whenever a provider was declared since it was built."""

    def __init__(self, build: Callable[[], T]) -> None:
        self._build = build
        self._seen = -1
        self._table: Any = None

    def current(self) -> T:
        if self._seen != registry.generation:
            self._table = self._build()
            self._seen = registry.generation
        return self._table


def declared_facts() -> dict[str, list[Fact]]:
    """Every declared fact, per scope (in ``SCOPES`` order), each scope's providers in turn."""
    return {scope: [fact for provider in registry.providers(scope) for fact in provider.facts] for scope in SCOPES}


class _ScopeTable(Mapping[str, dict[str, str]]):
    """``FACTS`` / ``FACT_CLASSES``: scope -> fact name -> one text per fact."""

    def __init__(self, text: Callable[[Fact], str]) -> None:
        self._live = _Live(lambda: {scope: {f.name: text(f) for f in facts} for scope, facts in declared_facts().items()})

    def __getitem__(self, scope: str) -> dict[str, str]:
        return self._live.current()[scope]

    def __iter__(self) -> Iterator[str]:
        return iter(self._live.current())

    def __len__(self) -> int:
        return len(self._live.current())


#: Every fact a rule can read, per scope, with what it means.
FACTS: Mapping[str, dict[str, str]] = _ScopeTable(lambda fact: fact.doc)

#: The secret boundary, fact by fact: ``public``, ``shape``, ``value`` or ``secret`` (declared as
#: none of the three; see ``registry``). ``fact_class`` also says ``secret`` for an unknown name.
FACT_CLASSES: Mapping[str, dict[str, str]] = _ScopeTable(lambda fact: fact.secrecy)


def fact_class(scope: str, name: str) -> str:
    """``public``, ``shape``, ``value``, or ``secret`` for a fact the table does not classify."""
    return FACT_CLASSES[scope].get(name, SECRET) if scope in FACT_CLASSES else SECRET


class _MemberFacts:
    """Option facts that can differ between the options of one ``OptionGroup`` (``Fact.member``)."""

    def __init__(self) -> None:
        self._live = _Live(lambda: frozenset(f.name for f in declared_facts()["option"] if f.member))

    def __contains__(self, name: object) -> bool:
        return name in self._live.current()

    def __iter__(self) -> Iterator[str]:
        return iter(self._live.current())

    def __len__(self) -> int:
        return len(self._live.current())


MEMBER_FACTS = _MemberFacts()


#: Facts that only pre-formatted text for messages, gone in favour of template filters: a pack
#: that still names one is told what to write instead (docs/rule-format.md, "Templates").
REPLACED_FACTS = {
    "value_shown": "{value|cut:60}",
    "source_kinds_text": "{source_kinds|join}",
    "cycle_text": "{cycle|loop}",
    "used_as_source_by_text": "{used_as_source_by|first:5}",
    "checksum_settings_missing_text": "{checksum_settings_missing|and}",
    "missing_profiles_text": "{missing_profiles|join}",
    "config_only_profiles_text": "{config_only_profiles|join}",
}


def replaced_hint(name: str) -> str:
    """The load error's hint for a fact that became a template filter, else ''."""
    replacement = REPLACED_FACTS.get(name)
    return f" ('{name}' was replaced by the template '{replacement}')" if replacement else ""
