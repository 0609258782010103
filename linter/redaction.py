"""Redaction: the guard every output string passes through.

Secrets never reach a message by construction (secret values are not facts, key ids are
masked). The ``Redactor`` is a second, independent guard at the output boundary: it replaces
every secret value and key id read from the files, and anything shaped like AWS key
material, with a mask. ``printable``/``shown``/``for_output`` escape what would drive a
terminal; ``is_secret_key`` says which keys' values no rule may read or print.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

from awslint.credential_keys import CREDENTIAL_KEYS

if TYPE_CHECKING:
    from awslint.findings import Finding

# Key names that look like they hold a secret (also misspelt: aws_secret_acess_key, aws_sesion_token,
# a tool's password or API key). Paths, commands, sources and expiry markers whose names contain
# these words are not secrets (web_identity_token_file, credential_process, x_security_token_expires).
_SECRET_NAME = re.compile(r"secret|token|passw|pwd|private|credential|key", re.IGNORECASE)
_PUBLIC_ENDINGS = ("_file", "_path", "_process", "_source", "expires", "expiration", "expiry", "_name")


def is_secret_key(name: str) -> bool:
    """True for a key whose value rules may not read or print: a credential key (the key id
    included: it is only ever shown masked) or a key whose name looks like it holds a secret."""
    known = _SECRET_NAMES.get(name)
    if known is None:  # key names repeat in every profile: judge each once
        lowered = name.lower()
        known = lowered in CREDENTIAL_KEYS or (
            _SECRET_NAME.search(lowered) is not None and not lowered.endswith(_PUBLIC_ENDINGS)
        )
        if len(_SECRET_NAMES) < 4096:  # bounded: a hostile file may hold a million distinct keys
            _SECRET_NAMES[name] = known
    return known


_SECRET_NAMES: dict[str, bool] = {}


#: Key ids are upper case: those are matched wherever they stand (``\b`` does not separate a key id
#: from a following ``_old`` or a preceding letter, so a bounded pattern let whole ids through in
#: profile names). Other casings are matched only as a whole alphanumeric run, so words such as
#: ``asiapacificproduction`` are not mangled.
_KEY_ID_SHAPE = re.compile(
    r"(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}"
    r"|(?i:(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9]))"
)
# A "/" may border a secret key: it is also a path separator, and a secret pasted as a file
# or folder name must still be masked in an error message.
_SECRET_SHAPE = re.compile(r"(?<![A-Za-z0-9+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9+=])")
_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9/+=]{64,}")
_MIN_SECRET_LENGTH = 8  # shorter values are placeholders (test, foo) and would mangle words
_MAX_ALTERNATION = 64  # more known values than this are looked up by prefix, not alternated


# What never reaches a terminal or a report raw: C0 controls (ESC, BEL, CR, LF, TAB…), DEL, C1
# controls (U+009B is a one-character CSI on many terminals), the bidirectional controls that
# reorder what a reader sees (Trojan Source, CVE-2021-42574: ALM, LRM, RLM, U+202A-U+202E,
# U+2066-U+2069), the line and paragraph separators, and lone surrogates (the bytes of a path
# that is not UTF-8, decoded with surrogateescape: no UTF-8 writer can encode them).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the original byte
        return f"\\x{code - 0xDC00:02x}"
    return repr(char)[1:-1] if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """Escape control, bidirectional and undecodable characters (as ``\\x1b``, ``\\u202e``,
    ``\\xff``), so one message stays one line, cannot drive a terminal, and reads as written."""
    if text.isascii() and text.isprintable():  # the usual case: nothing to look for
        return text
    return _CONTROL.sub(_escape, text)


def shown(text: str) -> str:
    """Text from the linted files or the command line as it may be shown: escaped, and with key
    shapes masked (a path or argument can itself be a pasted secret)."""
    return Redactor()(printable(text))


def shown_path(path: str) -> str:
    """A path as it may be shown: escaped, and each folder or file name that is shaped like key
    material masked (a key id used as a folder name). Name by name, so that a long run of
    letters, digits and slashes across several folders is not taken for a secret key."""
    text = printable(path)
    if len(text) < 20:  # shorter than any key shape
        return text
    redact = Redactor()
    return "/".join(redact(part) if len(part) >= 20 else part for part in text.split("/"))


def diagnostic(level: str, text: str) -> str:
    """One stderr line, ``awslint: LEVEL: text``: control characters escaped, key shapes masked."""
    return f"awslint: {level}: {shown(text)}\n"


def for_output(findings: list[Finding]) -> list[Finding]:
    """The findings as every report shows them: the one place where their text is made safe.

    Paths are escaped and masked (a key id used as a folder name is a secret too); messages,
    profiles, sections, keys, fix descriptions and suppression reasons are escaped (the engine
    already redacted them). The path as given stays in ``raw_path`` for the formats that must
    find the file (SARIF and GitHub make it relative to the repository root).

    In place (the findings are not used raw afterwards), and cheap on clean text: ``printable``
    returns printable ASCII untouched, and each distinct path is judged once."""
    paths: dict[str, str] = {}
    for f in findings:
        if f.raw_path is not None:
            continue  # already made safe
        path = paths.get(f.path)
        if path is None:
            path = paths[f.path] = shown_path(f.path)
        f.raw_path, f.path = f.path, path
        f.message = printable(f.message)
        if f.profile is not None:
            f.profile = printable(f.profile)
        if f.section is not None:
            f.section = printable(f.section)
        if f.key is not None:
            f.key = printable(f.key)
        if f.fix is not None:
            f.fix = {k: printable(v) if isinstance(v, str) else v for k, v in f.fix.items()}
        if f.suppressed is not None:
            f.suppressed = {k: printable(v) if isinstance(v, str) else v for k, v in f.suppressed.items()}
    return findings


def mask(value: str) -> str:
    """``AKIAIOSFODNN7EXAMPLE`` → ``AKIA…MPLE``; anything else → ``****``."""
    if _KEY_ID_SHAPE.fullmatch(value):
        return f"{value[:4]}…{value[-4:]}"
    return "****"


class Redactor:
    """Removes known secret values, URL passwords and key-material shapes from output text."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        # Values the shape patterns mask wherever they stand need no entry; this keeps the
        # alternation (tried at every position of every message) small for ordinary files.
        values: set[str] = set()
        self._glued: set[str] = set()
        for s in secrets:
            s = s.strip() if s else ""
            if len(s) < _MIN_SECRET_LENGTH or _UPPER_KEY_ID.fullmatch(s) or _TOKEN_SHAPE.fullmatch(s):
                continue
            if _SECRET_SHAPE.fullmatch(s) and not _looks_like_word(s):
                # The shape only matches a secret standing alone; glued to other characters
                # (``xSECRET``) it is found by ``_glued_secrets`` instead (a set lookup, not an
                # alternation, however many profiles the file has).
                self._glued.add(s)
            else:
                values.add(s)
        # Longest first, so a value containing another is replaced whole.
        self._values = sorted(values, key=len, reverse=True)
        self._pattern = None
        # prefix -> [(length, values of that length)], longest first
        self._index: dict[str, list[tuple[int, set[str]]]] = {}
        if len(self._values) > _MAX_ALTERNATION:
            # An alternation is tried value by value at every position: with one odd secret per
            # profile, every message would cost time in the number of profiles (quadratic over
            # a run). Values are found by their first characters, then one set look-up per
            # length, instead.
            by_prefix: dict[str, dict[int, set[str]]] = {}
            for value in self._values:
                by_prefix.setdefault(value[:_MIN_SECRET_LENGTH], {}).setdefault(len(value), set()).add(value)
            for prefix, lengths in by_prefix.items():
                self._index[prefix] = sorted(lengths.items(), reverse=True)
        elif self._values:
            self._pattern = re.compile("|".join(re.escape(v) for v in self._values))

    def __call__(self, text: str) -> str:
        if self._pattern is not None:
            text = self._pattern.sub(lambda m: mask(m.group(0)), text)
        elif self._index:
            text = self._replace_indexed(text)
        text = mask_url_userinfo(text)
        text = _KEY_ID_SHAPE.sub(lambda m: mask(m.group(0)), text)
        text = _TOKEN_SHAPE.sub("****", text)
        if self._glued:
            text = _LONG_RUN.sub(self._glued_secrets, text)
        return _SECRET_SHAPE.sub(lambda m: m.group(0) if _looks_like_word(m.group(0)) else "****", text)

    def _replace_indexed(self, text: str) -> str:
        """What the alternation's ``sub`` gives: leftmost, then longest, non-overlapping."""
        parts: list[str] = []
        done = 0
        index = 0
        get = self._index.get
        stop = len(text) - _MIN_SECRET_LENGTH
        while index <= stop:
            for length, values in get(text[index : index + _MIN_SECRET_LENGTH], ()):
                value = text[index : index + length]
                if value in values:
                    parts.append(text[done:index])
                    parts.append(mask(value))
                    index = done = index + length
                    break
            else:
                index += 1
        return "".join(parts) + text[done:] if parts else text

    def _glued_secrets(self, match: re.Match[str]) -> str:
        run = match.group(0)
        glued = self._glued
        # One 40-character window at a time, keeping only the hits: a run of a megabyte must
        # not become a set of a million strings.
        for secret in {run[i : i + 40] for i in range(len(run) - 39) if run[i : i + 40] in glued}:
            run = run.replace(secret, "****")
        return run


#: Upper-case key ids: the shape pattern masks them wherever they stand.
_UPPER_KEY_ID = re.compile(r"(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}")
#: A run of secret-key characters longer than a secret key (may hold one glued to other text).
_LONG_RUN = re.compile(r"[A-Za-z0-9/+=]{41,}")
#: ``scheme://user:password@``: the password of a URL's userinfo (RFC 3986 3.2.1). The password
#: runs to the last ``@`` before white space or a quote: an unencoded ``@`` or ``/`` in it must not
#: leave its tail visible (masking part of a path too is harmless). No ``\b``: ``_http://`` counts.
_URL_TOKEN = re.compile(r"[^\s'\"<>]+")
_SCHEME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-")


def mask_url_userinfo(text: str) -> str:
    """``https://admin:pw@host`` → ``https://admin:****@host`` (any URL in the text).

    The password runs to the last ``@`` before white space, a quote or ``<>`` (RFC 3986 3.2.1):
    an unencoded ``@`` or ``/`` in it must not leave its tail visible, and masking part of a path
    too is harmless. No word boundary: ``_http://`` counts. Written as a scan, not a regular
    expression: a backtracking pattern was quadratic on long values."""
    if "://" not in text or "@" not in text:
        return text  # no userinfo anywhere (a token without "@" comes back unchanged)
    return _URL_TOKEN.sub(_mask_token_userinfo, text)


def _has_scheme(token: str, end: int) -> bool:
    """A URL scheme (a letter, then letters, digits, ``+.-``) ends at ``end``."""
    index = end - 1
    while index >= 0 and token[index] in _SCHEME_CHARS:
        if token[index].isalpha():
            return True
        index -= 1
    return False


def _mask_token_userinfo(match: re.Match[str]) -> str:
    token = match.group(0)
    last_at = token.rfind("@")
    parts: list[str] = []
    done = 0
    start = token.find("://")
    while 0 <= start < last_at:
        colon = start + 3
        while colon < len(token) and token[colon] not in "/@:":
            colon += 1
        if colon < last_at and token[colon] == ":" and _has_scheme(token, start):
            parts.append(token[done : colon + 1] + "****")
            done = last_at  # the rest of the token, from its last "@", is kept as it is
            break
        start = token.find("://", start + 3)
    return "".join(parts) + token[done:] if parts else token


def looks_like_credential(text: str) -> bool:
    """True when the text holds something shaped like a key id, secret key or session token."""
    if len(text) < 20:  # the shortest shape, a key id, has 20 characters: skip the regexes
        return False
    return bool(
        _KEY_ID_SHAPE.search(text)
        or _TOKEN_SHAPE.search(text)
        or any(not _looks_like_word(m.group(0)) for m in _SECRET_SHAPE.finditer(text))
    )


def _looks_like_word(text: str) -> bool:
    # A 40-character run of letters only (or a path) is prose, not a secret key.
    return text.isalpha() or "/" in text and text.replace("/", "").isalpha()
