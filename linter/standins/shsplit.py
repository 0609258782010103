"""``shlex.split`` in linear time.

botocore splits ``[profile …]`` headers and ``credential_process`` commands with
``shlex.split``, which grows each word one character at a time (``token += char``): a 1 MB
header takes tens of seconds. ``split`` gives the same words and raises ``ValueError`` in the
same cases (POSIX mode, whitespace splitting, no comments: what ``shlex.split(s)`` does);
``tests/test_linear.py`` checks that against ``shlex.split`` with hypothesis.
"""

from __future__ import annotations

import re

_WHITESPACE = " \t\r\n"  # shlex.whitespace: other Unicode spaces belong to words
_PLAIN = re.compile(r"[^ \t\r\n'\"\\]+")
_IN_DOUBLE = re.compile(r'[^"\\]+')
_QUOTING = re.compile(r"['\"\\]")
_SPACES = re.compile(r"[ \t\r\n]+")


def split(text: str) -> list[str]:
    """``shlex.split(text)``: the same words, or ``ValueError`` for an open quote or a final ``\\``."""
    if _QUOTING.search(text) is None:  # no quotes or escapes: words are the runs between spaces
        return [word for word in _SPACES.split(text) if word]
    words: list[str] = []
    parts: list[str] = []
    in_word = False
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char in _WHITESPACE:
            if in_word:
                words.append("".join(parts))
                parts, in_word = [], False
            i += 1
            continue
        in_word = True
        if char == "'":  # everything up to the next ' is literal
            end = text.find("'", i + 1)
            if end < 0:
                raise ValueError("No closing quotation")
            parts.append(text[i + 1:end])
            i = end + 1
        elif char == '"':  # a backslash escapes only " and \ here
            i += 1
            while True:
                run = _IN_DOUBLE.match(text, i)
                if run:
                    parts.append(run.group())
                    i = run.end()
                if i >= n:
                    raise ValueError("No closing quotation")
                if text[i] == '"':
                    i += 1
                    break
                if i + 1 >= n:  # a backslash at the very end
                    raise ValueError("No escaped character")
                follower = text[i + 1]
                parts.append(follower if follower in '"\\' else "\\" + follower)
                i += 2
        elif char == "\\":  # outside quotes: the next character, whatever it is
            if i + 1 >= n:
                raise ValueError("No escaped character")
            parts.append(text[i + 1])
            i += 2
        else:
            run = _PLAIN.match(text, i)
            assert run is not None
            parts.append(run.group())
            i = run.end()
    if in_word:
        words.append("".join(parts))
    return words


__all__ = ["split"]
