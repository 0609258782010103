"""Template files (chezmoi ``*.tmpl`` and the like): ``{{ … }}`` spans are opaque placeholders.

A dotfiles repository keeps ``private_dot_aws/private_credentials.tmpl`` with values such as
``{{ (bitwarden "item" "aws").login.password }}`` and whole lines such as
``{{- if eq .chezmoi.hostname "work" }}``. Linting the raw text would call the directive lines
syntax errors (AWS001) and judge the template code as key material. So, before parsing a file
whose name ends in ``.tmpl``:

* every ``{{ … }}`` span (also one running over several lines) becomes ``{{___…}}`` of the same
  length (columns stay right, and the rule data's placeholder pattern ``\\{\\{.*\\}\\}`` makes it a
  placeholder: never a secret, never a real key);
* a line holding nothing but spans (a directive) becomes a comment line, which configparser
  drops wherever it stands.

Plain files are read exactly as botocore reads them: there ``{{`` is literal text, and a
botocore user with such a file really has that value. The masked text is only for linting:
``SourceFile.template`` marks it so nothing writes it back.

Both branches of an ``if``/``else`` are linted as one file; a key or section repeated with a
directive line between the two (one per branch) is not a duplicate (parse.py): only the rendered
file can tell.
"""

from __future__ import annotations

import re
from typing import Optional

from awslint.standins.records import replace
from awslint.files.source import SourceFile, split_lines

TEMPLATE_SUFFIXES = (".tmpl",)
_NOT_NEWLINE = re.compile(r"[^\r\n]")
# After masking, a directive line holds only braces, filler and blanks (also each line of a
# span that runs over several lines).
_DIRECTIVE_LINE = re.compile(r"^(\s*)[{}_][{}_\s]*$")


def is_template(path: str) -> bool:
    return path.endswith(TEMPLATE_SUFFIXES)


def _mask_spans(text: str) -> str:
    """Each ``{{ … }}`` span (from a ``{{`` to the first ``}}`` after it) with its inside masked.

    A scan with ``str.find``, not a lazy pattern from ``{{`` to ``}}``: on a text of many ``{{`` and no
    ``}}`` that pattern retried the rest of the text from every ``{{`` (quadratic: 98 s for
    80,000 of them); here each character is looked at a bounded number of times."""
    parts = []
    done = 0
    start = text.find("{{")
    while start >= 0:
        end = text.find("}}", start + 2)
        if end < 0:
            break  # no span can close: the rest is literal text
        parts.append(text[done : start + 2])
        parts.append(_NOT_NEWLINE.sub("_", text[start + 2 : end]))
        done = end
        start = text.find("{{", end + 2)
    parts.append(text[done:])
    return "".join(parts)


def mask_text(text: str) -> str:
    """The text with spans masked and directive-only lines turned into comments."""
    if "{{" not in text:
        return text
    masked = _mask_spans(text)
    lines = []
    # Masking keeps every line break, so the lines of both texts pair up; a line the masking
    # changed without leaving braces is the inside of a span over several lines ({{/* … */}}).
    for line, original in zip(split_lines(masked), split_lines(text)):
        body = line.rstrip("\r\n")
        match = _DIRECTIVE_LINE.match(body)
        if match and ("{{" in body or "}}" in body or line != original):
            indent = match.group(1)
            # '#' replaces the first brace: same length, and a comment line to configparser.
            line = indent + "#" + body[len(indent) + 1 :] + line[len(body) :]
        lines.append(line)
    return "".join(lines)


def mask_source(source: SourceFile) -> SourceFile:
    """A template file's text masked for linting; any other file unchanged."""
    if not is_template(source.path) or "{{" not in source.text:
        return source
    text = mask_text(source.text)
    return replace(source, text=text, lines=split_lines(text), template=True)


# Values rendered by a template engine at install time (chezmoi, Ansible, envsubst…).
_TEMPLATE_MARKS = (("{{", "}}"), ("{%", "%}"), ("${", "}"))


def templated(value: Optional[str]) -> bool:
    """True for ``{{ … }}``, ``{% … %}`` or ``${…}`` (string search: linear on huge values)."""
    if not value:
        return False
    for start, end in _TEMPLATE_MARKS:
        at = value.find(start)
        if at >= 0 and value.find(end, at + len(start)) >= 0:
            return True
    return False
