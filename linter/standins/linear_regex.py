"""Regular expressions matched in time linear in the text: for rule packs and ``exclude`` globs.

Python's ``re`` backtracks: ``^(a+)+$`` doubles its time with each character of a profile name,
and even ``a*b`` is quadratic under ``search``. A rule pack can come from the repository being
linted, so its patterns are hostile input. awslint therefore matches them with its own engine:
a Thompson NFA (Thompson 1968; Cox, "Regular Expression Matching Can Be Simple And Fast", 2007),
simulated as a DFA built lazily and cached per state, as RE2 and Rust's ``regex`` do. Each
character of the text costs one table look-up once the cache is warm, and at most one step of
every NFA state when it is not: linear in the text, whatever the pattern.

The syntax is Python's, restricted to what such an engine can do (docs/rule-format.md):
literals and escapes, ``.``, classes ``[...]`` with ranges and ``\\d \\w \\s \\D \\W \\S``,
groups ``(...)``, ``(?:...)``, ``(?P<name>...)``, alternation, the quantifiers ``* + ? {m} {m,}
{,n} {m,n}`` (lazy forms too: a yes/no search does not care), anchors ``^ $ \\A \\Z \\b \\B``
and the leading flags ``(?i)``, ``(?s)``, ``(?u)``. Refused, with the reason:
back-references, look-arounds, atomic groups and possessive quantifiers, conditionals,
``(?m)``/``(?x)``/``(?a)`` and scoped flags. ``search`` answers whether the pattern occurs
anywhere, exactly as ``re.search(pattern, text) is not None`` would.

A pattern with no branching at all (no quantifier, no ``|``) cannot backtrack, so it is handed
to ``re`` itself, which is faster on short texts.
"""

from __future__ import annotations

import re
import sys
from typing import Any, Optional

MAX_STATES = 5000  # NFA states of one pattern: {m,n} copies its atom, so bound the expansion
_MAX_CACHED = 2000  # DFA states kept; past this the cache starts afresh (memory stays bounded)

# A character predicate: (negated, characters, ranges, categories, ignore case). Plain tuples,
# so compiled patterns pickle (the built-in rule cache stores them).
Pred = tuple[bool, frozenset, tuple, tuple, bool]
_CATEGORIES = {"d": "d", "D": "D", "w": "w", "W": "W", "s": "s", "S": "S"}
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}


class UnsupportedPattern(ValueError):
    """The pattern uses a feature outside the linear subset (the message says which)."""


def _is_word(c: str) -> bool:
    return c.isalnum() or c == "_"


def _in_category(category: str, c: str) -> bool:
    if category == "d":
        return c.isdecimal()
    if category == "D":
        return not c.isdecimal()
    if category == "w":
        return _is_word(c)
    if category == "W":
        return not _is_word(c)
    if category == "s":
        return c.isspace()
    if category == "S":
        return not c.isspace()
    if category == "any":  # `.` without (?s)
        return c != "\n"
    return True  # "all": `.` with (?s)


def _hit(pred: Pred, c: str) -> bool:
    _, chars, ranges, categories, _ = pred
    if c in chars:
        return True
    for low, high in ranges:
        if low <= c <= high:
            return True
    return any(_in_category(category, c) for category in categories)


def pred_matches(pred: Pred, c: str) -> bool:
    hit = _hit(pred, c) or (pred[4] and (_hit(pred, c.lower()) or _hit(pred, c.upper())))
    return hit != pred[0]


# -- parsing: pattern text → tree ----------------------------------------------------------------
# Nodes: ("char", Pred), ("seq", [nodes]), ("alt", [nodes]), ("star", node), ("opt", node),
# ("assert", kind) with kind in bos, eol, eos, word, nonword; ("empty",).

Node = tuple[Any, ...]


class _Parser:
    def __init__(self, pattern: str) -> None:
        self.text = pattern
        self.pos = 0
        self.icase = False
        self.dotall = False
        self.branching = False  # a quantifier or `|`: backtracking possible in `re`
        self._flags()

    def _flags(self) -> None:
        while self.text.startswith("(?", self.pos):
            match = re.match(r"\(\?([a-zA-Z]+)\)", self.text[self.pos :])
            if not match:
                return
            for flag in match.group(1):
                if flag == "i":
                    self.icase = True
                elif flag == "s":
                    self.dotall = True
                elif flag != "u":
                    raise UnsupportedPattern(f"the flag (?{flag}) is not supported (only (?i), (?s), (?u))")
            self.pos += match.end()

    def fail(self, what: str) -> UnsupportedPattern:
        return UnsupportedPattern(f"{what} (at position {self.pos}) cannot be matched in linear time; not supported")

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def parse(self) -> Node:
        node = self.alternation()
        if self.pos < len(self.text):  # re.compile accepted it, so this is an unmatched ")"
            raise UnsupportedPattern(f"unexpected {self.text[self.pos]!r} at position {self.pos}")
        return node

    def alternation(self) -> Node:
        branches = [self.sequence()]
        while self.peek() == "|":
            self.branching = True
            self.pos += 1
            branches.append(self.sequence())
        return branches[0] if len(branches) == 1 else ("alt", branches)

    def sequence(self) -> Node:
        items: list[Node] = []
        while self.pos < len(self.text) and self.peek() not in "|)":
            atom = self.atom()
            if atom is None:
                continue
            items.append(self.quantified(atom))
        if not items:
            return ("empty",)
        return items[0] if len(items) == 1 else ("seq", items)

    def quantified(self, atom: Node) -> Node:
        while True:
            c = self.peek()
            bounds: Optional[tuple[int, Optional[int]]] = None
            if c in ("*", "+", "?"):
                self.pos += 1
                bounds = {"*": (0, None), "+": (1, None), "?": (0, 1)}[c]
            elif c == "{":
                match = re.match(r"\{(\d*)(,?)(\d*)\}", self.text[self.pos :])
                if not match or (not match.group(1) and not match.group(2)):
                    return atom  # a literal "{", as in re
                low = int(match.group(1) or 0)
                high = None if match.group(2) and not match.group(3) else int(match.group(3) or low)
                self.pos += match.end()
                bounds = (low, high)
            if bounds is None:
                return atom
            self.branching = True
            if self.peek() == "+":
                raise self.fail("a possessive quantifier")
            if self.peek() == "?":
                self.pos += 1  # lazy: the same yes/no answer
            atom = _repeat(atom, *bounds)

    def atom(self) -> Optional[Node]:
        c = self.text[self.pos]
        self.pos += 1
        if c == "(":
            return self.group()
        if c == "[":
            return ("char", self.char_class())
        if c == ".":
            return ("char", (False, frozenset(), (), ("all" if self.dotall else "any",), False))
        if c == "^":
            return ("assert", "bos")
        if c == "$":
            return ("assert", "eol")
        if c == "\\":
            return self.escape()
        return ("char", self.literal(c))

    def literal(self, c: str) -> Pred:
        return (False, frozenset(c), (), (), self.icase)

    def group(self) -> Optional[Node]:
        if self.peek() == "?":
            rest = self.text[self.pos + 1 :]
            if rest.startswith(":"):
                self.pos += 2
            elif rest.startswith("P<"):
                self.pos = self.text.index(">", self.pos) + 1
            elif rest.startswith("#"):
                self.pos = self.text.index(")", self.pos) + 1
                return None
            elif rest[:1] in ("=", "!") or rest.startswith(("<=", "<!")):
                raise self.fail("a look-around")
            elif rest.startswith("P="):
                raise self.fail("a back-reference")
            elif rest.startswith("("):
                raise self.fail("a conditional group")
            elif rest.startswith(">"):
                raise self.fail("an atomic group")
            else:
                raise self.fail("an inline flag group (put (?i) or (?s) at the start of the pattern)")
        node = self.alternation()
        self.pos += 1  # ")"
        return node

    def escape(self) -> Node:
        c = self.text[self.pos]
        self.pos += 1
        if c in _CATEGORIES:
            return ("char", (False, frozenset(), (), (_CATEGORIES[c],), False))
        if c == "b":
            return ("assert", "word")
        if c == "B":
            return ("assert", "nonword")
        if c == "A":
            return ("assert", "bos")
        if c == "Z":
            return ("assert", "eos")
        if c.isdigit() and c != "0":
            raise self.fail("a back-reference")
        return ("char", self.literal(self.escaped_char(c)))

    def escaped_char(self, c: str) -> str:
        """The character an escape stands for (``c`` is the letter after the backslash)."""
        if c in _SIMPLE_ESCAPES:
            return _SIMPLE_ESCAPES[c]
        for letter, size in (("x", 2), ("u", 4), ("U", 8)):
            if c == letter:
                code = self.text[self.pos : self.pos + size]
                self.pos += size
                return chr(int(code, 16))
        if c == "0":
            match = re.match(r"[0-7]{0,2}", self.text[self.pos :])
            assert match is not None
            self.pos += match.end()
            return chr(int("0" + match.group(0), 8))
        if c == "N":
            raise self.fail("a named character (\\N{...})")
        if c.isalnum():  # re.compile refuses unknown letter escapes; keep that certain
            raise UnsupportedPattern(f"unknown escape \\{c}")
        return c

    def char_class(self) -> Pred:
        negated = self.peek() == "^"
        if negated:
            self.pos += 1
        chars: set[str] = set()
        ranges: list[tuple[str, str]] = []
        categories: list[str] = []
        first = True
        while True:
            c = self.text[self.pos]
            self.pos += 1
            if c == "]" and not first:
                break
            first = False
            if c == "\\":
                e = self.text[self.pos]
                self.pos += 1
                if e in _CATEGORIES:
                    categories.append(_CATEGORIES[e])
                    continue
                c = "\b" if e == "b" else self.escaped_char(e)
            if self.peek() == "-" and self.text[self.pos + 1 : self.pos + 2] not in ("]", ""):
                self.pos += 1
                high = self.text[self.pos]
                self.pos += 1
                if high == "\\":
                    e = self.text[self.pos]
                    self.pos += 1
                    high = "\b" if e == "b" else self.escaped_char(e)
                ranges.append((c, high))
            else:
                chars.add(c)
        return (negated, frozenset(chars), tuple(ranges), tuple(categories), self.icase)


def _repeat(atom: Node, low: int, high: Optional[int]) -> Node:
    if high is not None and (high > 1000 or low > 1000):
        raise UnsupportedPattern("a repetition count over 1000")
    items = [atom] * low
    if high is None:
        items.append(("star", atom))
    else:
        items += [("opt", atom)] * (high - low)  # a{1,3} is aa?a?: the same language, no deep nesting
    if not items:
        return ("empty",)
    return items[0] if len(items) == 1 else ("seq", items)


# -- NFA ------------------------------------------------------------------------------------------
# State kinds: 0 char (pred, next), 1 split (next, next2), 2 assert (kind, next), 3 match.
_CHAR, _SPLIT, _ASSERT, _MATCH = 0, 1, 2, 3


class _NFA:
    def __init__(self) -> None:
        self.kind: list[int] = []
        self.arg: list[Any] = []
        self.out: list[int] = []
        self.out2: list[int] = []

    def add(self, kind: int, arg: Any = None) -> int:
        if len(self.kind) >= MAX_STATES:
            raise UnsupportedPattern(f"the pattern is too large (over {MAX_STATES} states)")
        self.kind.append(kind)
        self.arg.append(arg)
        self.out.append(-1)
        self.out2.append(-1)
        return len(self.kind) - 1

    def build(self, node: Node, follow: int) -> int:
        """The entry state of ``node``, whose exit leads to ``follow`` (built back to front)."""
        # Iterative over sequences: a long literal is a long "seq", not deep recursion.
        tag = node[0]
        if tag == "char":
            state = self.add(_CHAR, node[1])
            self.out[state] = follow
            return state
        if tag == "seq":
            for item in reversed(node[1]):
                follow = self.build(item, follow)
            return follow
        if tag == "alt":
            entries = [self.build(branch, follow) for branch in node[1]]
            entry = entries[-1]
            for other in reversed(entries[:-1]):
                split = self.add(_SPLIT)
                self.out[split], self.out2[split] = other, entry
                entry = split
            return entry
        if tag == "opt":
            split = self.add(_SPLIT)
            self.out[split], self.out2[split] = self.build(node[1], follow), follow
            return split
        if tag == "star":
            split = self.add(_SPLIT)
            self.out[split], self.out2[split] = self.build(node[1], split), follow
            return split
        if tag == "assert":
            state = self.add(_ASSERT, node[1])
            self.out[state] = follow
            return state
        return follow  # empty


# Context of a position: what precedes it (start, a word character, another) and what follows.
_START, _WORD, _OTHER = 0, 1, 2
_END, _LAST_NEWLINE = 3, 4
_EMPTY_NONWORD = sys.version_info >= (3, 14)


class LinearPattern:
    """A compiled pattern; ``search(text)`` is True when it occurs in ``text``, else None."""

    def __init__(self, pattern: str) -> None:
        parser = _Parser(pattern)
        tree = parser.parse()
        self.pattern = pattern
        self._builtin: Optional[re.Pattern[str]] = None
        if not parser.branching:
            self._builtin = re.compile(pattern)  # no branching: `re` cannot backtrack
        nfa = _NFA()
        match = nfa.add(_MATCH)
        self._start = nfa.build(tree, match)
        self._nfa = nfa
        self._reset()

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        for name in ("_ids", "_sets", "_table", "_generation"):
            state.pop(name, None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._reset()

    def __repr__(self) -> str:
        return f"LinearPattern({self.pattern!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LinearPattern) and other.pattern == self.pattern

    def __hash__(self) -> int:
        return hash(self.pattern)

    def _reset(self) -> None:
        self._generation = getattr(self, "_generation", 0) + 1
        self._ids: dict[tuple[frozenset, int], int] = {}
        self._sets: list[tuple[frozenset, int]] = []
        self._table: list[dict[str, int]] = []

    def _state(self, raw: frozenset, before: int) -> int:
        key = (raw, before)
        found = self._ids.get(key)
        if found is None:
            found = self._ids[key] = len(self._sets)
            self._sets.append(key)
            self._table.append({})
        return found

    def _closure(self, raw: frozenset, before: int, after: int) -> tuple[list[int], bool]:
        """The character states reachable from ``raw`` (plus the start) by empty moves whose
        assertions hold between ``before`` and ``after``; and whether the match state is."""
        nfa = self._nfa
        kind, arg, out, out2 = nfa.kind, nfa.arg, nfa.out, nfa.out2
        seen: set[int] = set()
        chars: list[int] = []
        stack = [self._start, *raw]
        matched = False
        while stack:
            s = stack.pop()
            if s in seen:
                continue
            seen.add(s)
            k = kind[s]
            if k == _CHAR:
                chars.append(s)
            elif k == _SPLIT:
                stack.append(out2[s])
                stack.append(out[s])
            elif k == _ASSERT:
                if _holds(arg[s], before, after):
                    stack.append(out[s])
            else:
                matched = True
        return chars, matched

    def _step(self, state: int, c: str, after: int) -> int:
        """The next DFA state after ``c``, or -1 when a match ends before ``c``."""
        raw, before = self._sets[state]
        chars, matched = self._closure(raw, before, after)
        if matched:
            return -1
        nfa = self._nfa
        nxt = frozenset(nfa.out[s] for s in chars if pred_matches(nfa.arg[s], c))
        if len(self._sets) > _MAX_CACHED:
            self._reset()
        return self._state(nxt, _WORD if _is_word(c) else _OTHER)

    def search(self, text: str) -> Optional[bool]:
        if self._builtin is not None:
            return True if self._builtin.search(text) is not None else None
        if len(self._sets) > _MAX_CACHED:
            self._reset()
        state = self._state(frozenset(), _START)
        # `$` may match before a final newline: that character is stepped apart, never cached.
        final_newline = text.endswith("\n")
        body = text[:-1] if final_newline else text
        table = self._table
        for c in body:
            nxt = table[state].get(c, -2)
            if nxt == -2:
                generation = self._generation
                nxt = self._step(state, c, _WORD if _is_word(c) else _OTHER)
                if self._generation == generation:
                    table[state][c] = nxt
                else:  # the cache started afresh: nxt belongs to the new one
                    table = self._table
            if nxt < 0:
                return True
            state = nxt
        if final_newline:
            state = self._step(state, "\n", _LAST_NEWLINE)
            if state < 0:
                return True
        raw, before = self._sets[state]
        return True if self._closure(raw, before, _END)[1] else None


def _holds(kind: str, before: int, after: int) -> bool:
    if kind == "bos":
        return before == _START
    if kind == "eos":
        return after == _END
    if kind == "eol":
        return after in (_END, _LAST_NEWLINE)
    boundary = (before == _WORD) != (after == _WORD)
    if kind == "word":
        return boundary
    # re's \B never matched the empty text before Python 3.14 (bpo-124130): answer as re does.
    return not boundary and (_EMPTY_NONWORD or before != _START or after != _END)


def compile_pattern(pattern: str) -> LinearPattern:
    """Compile with ``re`` (for its syntax errors), then into the linear engine.

    Raises ``re.error`` for a malformed pattern and ``UnsupportedPattern`` for one outside the
    linear subset."""
    re.compile(pattern)
    try:
        return LinearPattern(pattern)
    except RecursionError:
        raise UnsupportedPattern("the pattern nests groups too deeply") from None


def glob_pattern(pattern: str) -> LinearPattern:
    """A glob translated (by ``settings``) into this subset, matched whole: linear, never a hang."""
    return compile_pattern(r"(?s)\A(?:" + pattern + r")\Z")
