"""Templates of rule messages and fix edits: ``{name}``, ``{name|filter}``, ``{?name:text}``.

One language for both (docs/rule-format.md, "Templates"): a template is parsed once (``parse``,
cached), checked when its rule pack loads (``names``: unknown filters are refused there), and
filled per finding (``render_message``, ``render_fix``). A value is redacted before any filter
sees it, so no filter can undo the masking; which names a template may use at all (the secret
boundary) is the rule loader's check, whatever filters follow the name.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Callable, Optional, Union

from awslint.distance import suggest
from awslint.redaction import is_secret_key, looks_like_credential, mask, mask_url_userinfo
from awslint.standins.records import dataclass

_NAME = r"[A-Za-z_][A-Za-z0-9_.]*"
_FILTERS = r"(?:\|[A-Za-z_]+(?::[0-9]+)?)*"
#: ``{name}`` or ``{name|filter|filter:N}``.
PLACEHOLDER_RE = re.compile(rf"\{{({_NAME})({_FILTERS})\}}")
#: ``{?name:text}``: the text (plain placeholders allowed, no other braces) only when the name
#: has a value (not null, false or empty).
OPTIONAL_RE = re.compile(rf"\{{\?({_NAME}):((?:[^{{}}]|\{{{_NAME}{_FILTERS}\}})*)\}}")
# Both forms in one pattern: a template splits into literal text and its parts in one pass.
_TEMPLATE_RE = re.compile(f"{OPTIONAL_RE.pattern}|{PLACEHOLDER_RE.pattern}")
# What is left of a placeholder or optional part that the forms above did not take.
_BROKEN_RE = re.compile(rf"\{{\?|\{{{_NAME}[|:]")

#: What ``cut`` puts where it cut.
_ELLIPSIS = "…"
_FORMS = ": write {NAME}, {NAME|filter}, {NAME|filter:N} or {?NAME:text} (only placeholders inside)"


class TemplateError(ValueError):
    """A template that cannot be used; ``problem`` and ``hint`` apart, so ``names`` can say which
    template between them."""

    def __init__(self, problem: str, hint: str = "") -> None:
        super().__init__(problem + hint)
        self.problem = problem
        self.hint = hint


class MissingValue(Exception):
    """A fix template names a value this subject lacks (or a list no filter made into text)."""


class SecretValue(MissingValue):
    """A fix template names a value that holds a secret of the files: the fix is not offered."""


def as_text(value: Any) -> str:
    """How a value reads in a message, and in a comparison with file text: null as ``(none)``,
    booleans as ``true``/``false``, lists comma-separated."""
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return ", ".join(as_text(v) for v in value) or "(none)"
    return str(value)


def has_value(value: Any) -> bool:
    """Whether an optional part shows: not null, false or empty."""
    return value is not None and value is not False and value != "" and value != [] and value != ()


# -- filters ------------------------------------------------------------------------------


def _text(value: Any) -> str:
    return value if isinstance(value, str) else as_text(value)


def _items(value: Any) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [as_text(item) for item in value]
    return [_text(value)]


def _cut(value: Any, size: Optional[int]) -> str:
    text = _text(value).strip()
    return text if size is None or len(text) <= size else text[:size] + _ELLIPSIS


def _and(value: Any, _: Optional[int]) -> str:
    items = _items(value)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}" if items else ""


def _first(value: Any, size: Optional[int]) -> str:
    items = _items(value)
    if size is None or len(items) <= size:
        return ", ".join(items)
    return f"{', '.join(items[:size])} and {len(items) - size} more"


def _loop(value: Any, _: Optional[int]) -> str:
    items = _items(value)
    return " -> ".join(items + items[:1])


def _unquote(text: str) -> str:
    return text[1:-1] if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"" else text


def _on_text(function: Callable[[str], str]) -> Callable[[Any, Optional[int]], str]:
    return lambda value, _: function(_text(value))


@dataclass(frozen=True)
class Filter:
    apply: Callable[[Any, Optional[int]], Any]
    number: bool  # written with a number, ``|name:N`` (and only so)
    doc: str  # its row in docs/rule-format.md (a test holds them equal)


#: The closed set of filters. A filter only reshapes the value it is given; a null value stays
#: null (``(none)`` in a message, no fix).
FILTERS: dict[str, Filter] = {
    "lower": Filter(_on_text(str.lower), False, "the text lower-cased"),
    "upper": Filter(_on_text(str.upper), False, "the text upper-cased"),
    "strip": Filter(_on_text(str.strip), False, "the text without surrounding white space"),
    "unquote": Filter(_on_text(_unquote), False, "the text without one pair of matching quotes wrapping the whole of it"),
    "strip_profile": Filter(
        _on_text(lambda s: re.sub(r"^\s*profile\s+", "", s)), False,
        "the text without a leading `profile ` word (`profile dev` → `dev`)",
    ),
    "cut": Filter(_cut, True, "the text stripped, then cut after N characters with `…`"),
    "join": Filter(lambda value, _: ", ".join(_items(value)), False, "a list as `a, b, c` (an empty list: nothing)"),
    "and": Filter(_and, False, "a list as `a and b`, three or more as `a, b and c`"),
    "first": Filter(_first, True, "a list as `a, b` when it has at most N items, else its first N and `and 7 more`"),
    "loop": Filter(_loop, False, "a loop's list as `a -> b -> a`, back to its first name"),
}


# -- parsing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    name: str
    filters: tuple[tuple[Filter, Optional[int]], ...]


@dataclass(frozen=True)
class OptionalPart:
    name: str
    parts: tuple[Union[str, Field], ...]


Segment = Union[str, Field, OptionalPart]


def _filters(chain: str) -> tuple[tuple[Filter, Optional[int]], ...]:
    found = []
    for item in chain.split("|")[1:]:
        name, colon, number = item.partition(":")
        spec = FILTERS.get(name)
        if spec is None:
            raise TemplateError(f"unknown filter '|{name}'", f"{suggest(name, FILTERS)}; allowed: {', '.join(FILTERS)}")
        if colon and not spec.number:
            raise TemplateError(f"filter '|{name}' takes no number")
        if not colon and spec.number:
            raise TemplateError(f"filter '|{name}' needs a number", f": write '|{name}:N'")
        found.append((spec, int(number) if colon else None))
    return tuple(found)


def _fields(text: str) -> tuple[Union[str, Field], ...]:
    parts: list[Union[str, Field]] = []
    end = 0
    for match in PLACEHOLDER_RE.finditer(text):
        if match.start() > end:
            parts.append(text[end:match.start()])
        parts.append(Field(match.group(1), _filters(match.group(2))))
        end = match.end()
    if end < len(text):
        parts.append(text[end:])
    return tuple(parts)


@lru_cache(maxsize=None)
def parse(template: str) -> tuple[Segment, ...]:
    """The template's literal text, fields and optional parts, in order (TemplateError if broken)."""
    segments: list[Segment] = []
    end = 0
    for match in _TEMPLATE_RE.finditer(template):
        literal = template[end:match.start()]
        if _BROKEN_RE.search(literal):
            raise TemplateError("malformed placeholder", _FORMS)
        if literal:
            segments.append(literal)
        optional, inner, name, chain = match.group(1), match.group(2), match.group(3), match.group(4)
        if optional is not None:
            segments.append(OptionalPart(optional, _fields(inner)))
        else:
            segments.append(Field(name, _filters(chain)))
        end = match.end()
    rest = template[end:]
    if _BROKEN_RE.search(rest):
        raise TemplateError("malformed placeholder", _FORMS)
    if rest:
        segments.append(rest)
    return tuple(segments)


def names(template: str, what: str) -> list[str]:
    """Every name the template reads (optional parts' names included), in order; TemplateError
    (saying ``in WHAT``) when the template is broken."""
    try:
        segments = parse(template)
    except TemplateError as error:
        raise TemplateError(f"{error.problem} in {what}{error.hint}") from None
    found = []
    for segment in segments:
        if isinstance(segment, OptionalPart):
            found.append(segment.name)
            found += [part.name for part in segment.parts if isinstance(part, Field)]
        elif isinstance(segment, Field):
            found.append(segment.name)
    return found


# -- filling ------------------------------------------------------------------------------


Redact = Callable[[str], str]


def _lookup(subject: Any, name: str, masked: bool, redact: Optional[Redact] = None) -> Any:
    """A name's value, before any filter. With ``redact`` (the run's redactor: every secret value
    of the files), text holding a secret is masked for a message, and refused for a fix
    (SecretValue): a filter that changes the text (``upper``, ``cut``) would hide it from the
    redactor that runs on the finished message."""
    value = _raw(subject, name, masked)
    if redact is None:
        return value
    if isinstance(value, str):
        return _guarded(value, masked, redact)
    if isinstance(value, (list, tuple)):
        return [_guarded(item, masked, redact) if isinstance(item, str) else item for item in value]
    return value


def _guarded(text: str, masked: bool, redact: Redact) -> str:
    shown = redact(text)
    if shown != text and not masked:
        raise SecretValue("the value holds a secret")
    return shown


def _raw(subject: Any, name: str, masked: bool) -> Any:
    if name in ("profile", "section", "key"):
        return getattr(subject, name)
    if name == "path":
        return subject.location.file.path
    if name.startswith("keys."):
        key = name[5:]
        setting = subject.keys(key)
        if setting is None:
            return None
        text = setting.text
        # A fix never names a credential key (refused at load); a message shows one masked.
        return mask(text) if masked and (is_secret_key(key) or looks_like_credential(text)) else text
    value = subject.facts.get(name)
    # Any URL fact (sts_endpoint, endpoint_url, ...) loses its userinfo password in a message.
    return mask_url_userinfo(value) if masked and isinstance(value, str) and "://" in value else value


def _filtered(value: Any, field: Field) -> Any:
    for spec, number in field.filters:
        if value is None:
            break
        value = spec.apply(value, number)
    return value


def render_message(template: str, subject: Any, redact: Optional[Redact] = None) -> str:
    """The message for one subject: credential settings masked, URL passwords hidden, and with
    ``redact`` every secret of the files masked before a filter sees it."""
    out = []
    for segment in parse(template):
        if isinstance(segment, str):
            out.append(segment)
        elif isinstance(segment, Field):
            out.append(as_text(_filtered(_lookup(subject, segment.name, True, redact), segment)))
        elif has_value(_lookup(subject, segment.name, True, redact)):
            for part in segment.parts:
                out.append(part if isinstance(part, str) else as_text(_filtered(_lookup(subject, part.name, True, redact), part)))
    return "".join(out)


def _fix_text(subject: Any, field: Field, redact: Optional[Redact]) -> str:
    value = _filtered(_lookup(subject, field.name, False, redact), field)
    if value is None or isinstance(value, (list, tuple, dict)):
        raise MissingValue(f"no value for {field.name}")
    return _text(value)


def render_fix(template: str, subject: Any, redact: Optional[Redact] = None) -> str:
    """The text a fix writes or describes; MissingValue when a name has no value here, and with
    ``redact`` SecretValue when a value holds a secret of the files (a fix never carries one)."""
    out = []
    for segment in parse(template):
        if isinstance(segment, str):
            out.append(segment)
        elif isinstance(segment, Field):
            out.append(_fix_text(subject, segment, redact))
        elif has_value(_lookup(subject, segment.name, False, redact)):
            out += [part if isinstance(part, str) else _fix_text(subject, part, redact) for part in segment.parts]
    return "".join(out)
