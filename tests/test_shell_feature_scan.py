"""``process_and_path_values._shell_feature`` jumps between special characters; it must equal a plain
character-by-character scan (the definition) on any text."""

from __future__ import annotations

import re
from typing import Optional

from hypothesis import given, settings
from hypothesis import strategies as st

from awslint.facts.process_and_path_values import _shell_feature

_VARIABLE = re.compile(r"\$(\{|\(|[A-Za-z_])")


def reference(text: str) -> Optional[str]:
    quote: Optional[str] = None
    i = 0
    while i < len(text):
        char = text[i]
        if quote == "'":
            if char == "'":
                quote = None
        elif char == "\\" and quote is None:
            i += 2
            continue
        elif char == "`":
            return "backticks"
        elif char == "$" and _VARIABLE.match(text, i):
            return "a $VARIABLE"
        elif quote == '"':
            if char == '"':
                quote = None
        elif char in "'\"":
            quote = char
        elif text.startswith("&&", i) or text.startswith("||", i):
            return f"'{text[i:i + 2]}'"
        elif char in "|;&":
            return f"'{char}'"
        elif char in "<>":
            return "redirection"
        i += 1
    return "unbalanced" if quote is not None else None


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab /~$`|;&<>'\"\\{(_x1=")), max_size=30))
def test_jumping_scan_equals_the_character_scan(text: str) -> None:
    assert _shell_feature(text) == reference(text)


def test_known_commands() -> None:
    assert _shell_feature("granted credential-process --profile a/b") is None
    assert _shell_feature("a && b") == "'&&'"
    assert _shell_feature("echo '$HOME' | x") == "'|'"
    assert _shell_feature('echo "$HOME"') == "a $VARIABLE"
    assert _shell_feature("a \\| b") is None
    assert _shell_feature("a 'b") == "unbalanced"
