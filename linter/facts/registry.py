"""The fact registry: every fact a rule can read, declared beside the code that computes it.

A fact module marks the function that computes some facts of a scope with ``@provides``::

    @provides("profile", Fact("cycle", "the loop's profiles, else empty", public=True), ...)
    def profile_facts(builder, block, facts): ...  # stores facts["cycle"] and the others

A provider computes its facts together (one call per subject, never one per fact). The rule
validator, the secret boundary, the option grouping and the docs' fact tables read what is
declared here (``awslint.facts.catalog`` derives the tables once every fact module is imported).

Data and a decorator only: this module imports nothing of awslint, so any fact module can
import it.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable, Mapping, Optional, TypeVar, Union

#: How secret a fact is (docs/rule-format.md, "Secrets"):
#:
#: * ``public``: never holds text of a secret (names, lines, kinds; values of keys that are not
#:   secrets);
#: * ``shape``: computed from a secret, key id or token but unable to give it back: presence,
#:   kind, shape problem, placeholder, expiry, a masked key id, a token's origin region;
#: * ``value``: text of the option's own value; null for a secret option (the builder blanks
#:   every ``value`` fact of an option whose ``secret`` fact is true, whatever computed it).
#:
#: A fact declared with none of the three is secret: rules may only test it with
#: ``present``/``absent`` and messages may not show it, so a new fact cannot open the boundary
#: by being forgotten.
PUBLIC, SHAPE, VALUE, SECRET = "public", "shape", "value", "secret"

#: The scopes in pipeline order, with the heading the docs give each.
SCOPE_TITLES: dict[str, str] = {
    "file": "each file",
    "parse_issue": "each line a parser finds fault with",
    "section": "each `[header]` in each file",
    "option": "each `key = value` line",
    "profile": "each profile of botocore's merged view",
    "environment": "the process environment, once per pair of files (only with `--env`)",
    "suppression": "each problem with an inline suppression comment",
}

#: What the docs say of a scope between its heading and its table, where the title is not enough.
SCOPE_NOTES: dict[str, str] = {
    "environment": "Without `--env` this scope has no subjects, so its rules never fire. Profile selection follows "
    "each tool: CLI v1 and boto3 read `AWS_DEFAULT_PROFILE` first, CLI v2 `AWS_PROFILE` first, the SDKs "
    "`AWS_PROFILE`. Findings point at the selected profile's header (else line 1); `at: profile` names that "
    "header, `at: config-only` the first profile of `config_only_profiles`.",
    "suppression": "Computed after every other rule has run (whether a suppression is *unused* depends on their "
    "findings), by `linter/report/suppressions.py`; see the README's \"Suppressions\". The engine then runs the "
    "rules of this scope like any other. The built-in ones are the AWS9xx hygiene rules; a subject exists only for "
    "a suppression with a problem, and `unused` ones are judged only when an enabled rule of this scope can match "
    "`problem: unused`.",
}


class Fact:
    """One fact: its name, what it means (one line for the docs) and how secret it is."""

    __slots__ = ("name", "doc", "secrecy", "member")

    def __init__(
        self, name: str, doc: str, *, public: bool = False, shape: bool = False, value: bool = False, member: bool = False
    ) -> None:
        if public + shape + value > 1:
            raise ValueError(f"fact {name!r}: at most one of public, shape, value")
        self.name = name
        self.doc = doc
        self.secrecy = PUBLIC if public else SHAPE if shape else VALUE if value else SECRET
        #: Option scope: the fact may differ between the options of one ``OptionGroup`` (it reads
        #: the option's own section name or value text), so a check reading it runs per member.
        self.member = member

    def __repr__(self) -> str:
        return f"Fact({self.name!r}, {self.secrecy})"


#: ``reads_section`` value: the provider reads the section's other keys in ways no digest
#: summarises, so an option of such a key is grouped with no other.
WHOLE_SECTION = None

SectionDigest = Optional[Callable[[Any, Any, Any], Any]]
ValueShapes = Union[Callable[[str], Any], tuple[Callable[[str], Any], ...]]


class Provider:
    """A function that computes some facts of one scope, and what those facts read.

    ``subject``: the function makes the subjects of the scope and computes these facts of theirs
    first, then calls the other providers (``FactBuilder``). ``needs``: facts of the same scope
    the function reads (their providers run first).

    Option scope only (the option groups and the per-view memo of ``FactBuilder`` derive their
    keys from these):

    * ``reads_section``: option names whose facts here also read other keys of the section, each
      with a digest ``(builder, file, section) -> hashable`` of what is read (options with equal
      digests get equal facts), or ``WHOLE_SECTION``;
    * ``value_keys``: ``builder -> option names`` whose facts here read the value's text itself;
    * ``value_shapes``: option names (``*``: every option) whose facts read the value only
      through these functions of the value text (one, or a tuple).

    Options of other keys read the value through member facts (``Fact.member``) alone.
    """

    __slots__ = ("scope", "facts", "function", "subject", "needs", "reads_section", "value_keys", "value_shapes")

    def __init__(
        self,
        scope: str,
        facts: tuple[Fact, ...],
        function: Callable[..., Any],
        subject: bool,
        needs: tuple[str, ...],
        reads_section: Mapping[str, SectionDigest],
        value_keys: Optional[Callable[[Any], Iterable[str]]],
        value_shapes: Mapping[str, ValueShapes],
    ) -> None:
        self.scope = scope
        self.facts = facts
        self.function = function
        self.subject = subject
        self.needs = needs
        self.reads_section = dict(reads_section)
        self.value_keys = value_keys
        self.value_shapes = {name: shapes if isinstance(shapes, tuple) else (shapes,) for name, shapes in value_shapes.items()}

    @property
    def where(self) -> str:
        """``module.function`` of the provider, for messages and docs."""
        return f"{self.function.__module__}.{self.function.__qualname__}"

    def __repr__(self) -> str:
        return f"Provider({self.scope}, {self.where})"


PROVIDERS: list[Provider] = []
#: Bumped at every change of ``PROVIDERS``: tables derived from it know when to rebuild.
generation = 0

F = TypeVar("F", bound=Callable[..., Any])


def provides(
    scope: str,
    *facts: Fact,
    subject: bool = False,
    needs: Iterable[str] = (),
    reads_section: Optional[Mapping[str, SectionDigest]] = None,
    value_keys: Optional[Callable[[Any], Iterable[str]]] = None,
    value_shapes: Optional[Mapping[str, ValueShapes]] = None,
) -> Callable[[F], F]:
    """Declare that the decorated function computes ``facts`` of ``scope`` (see ``Provider``).

    The builder calls every provider of the ``section``, ``option`` and ``profile`` scopes, each
    once per subject, with the facts computed so far (``needs`` first), to store its own into:

    * ``section``: ``function(builder, file, section, facts)``;
    * ``option``: ``function(builder, file, section, option, facts, places)``, ``places`` taking
      extra locations (``at:``) by name;
    * ``profile``: ``function(builder, block, facts)``.

    The other scopes have one provider each, called by the code that makes their subjects.
    """
    if scope not in SCOPE_TITLES:
        raise ValueError(f"unknown scope {scope!r}")

    def register(function: F) -> F:
        declared = {(p.scope, fact.name): p for p in PROVIDERS for fact in p.facts}
        for fact in facts:
            other = declared.get((scope, fact.name))
            if other is not None:
                raise ValueError(f"fact {scope}.{fact.name} is declared twice ({other.where})")
        global generation
        PROVIDERS.append(Provider(scope, facts, function, subject, tuple(needs), reads_section or {}, value_keys, value_shapes or {}))
        generation += 1
        return function

    return register


def withdraw(function: Callable[..., Any]) -> None:
    """Forget the provider ``function`` (a test's, once it is done)."""
    global generation
    PROVIDERS[:] = [p for p in PROVIDERS if p.function is not function]
    generation += 1


def providers(scope: str) -> list[Provider]:
    """The providers of ``scope``: the subject's own first, then each after those of the facts
    it needs, else in the order they were declared."""
    waiting = sorted((p for p in PROVIDERS if p.scope == scope), key=lambda p: not p.subject)
    declared = {fact.name for p in waiting for fact in p.facts}
    for p in waiting:
        unknown = sorted(set(p.needs) - declared)
        if unknown:
            raise ValueError(f"{p.where} needs undeclared {scope} facts: {', '.join(unknown)}")
    done: set[str] = set()
    ordered: list[Provider] = []
    while waiting:
        ready = next((p for p in waiting if done.issuperset(p.needs)), None)
        if ready is None:
            raise ValueError(f"{scope} providers need each other's facts: {', '.join(p.where for p in waiting)}")
        waiting.remove(ready)
        ordered.append(ready)
        done.update(fact.name for fact in ready.facts)
    return ordered
