"""Values tools read without a shell: ``credential_process`` commands (AWS401) and path settings (AWS307).

botocore splits the command with ``shlex.split`` and runs it without a shell
(``ProcessProvider``, ``compat_shell_split``); Go v2 runs it through ``sh -c`` /
``cmd.exe /C``. Whatever needs a shell therefore works in some tools only.
"""

from __future__ import annotations

import re
from typing import Optional

from awslint.standins.shsplit import split as shell_split

_VARIABLE = re.compile(r"\$(\{|\(|[A-Za-z_])")


def process_problem(command: str) -> tuple[Optional[str], Optional[str]]:
    """(variant, detail) for a ``credential_process`` value, or (None, None).

    Variants: ``empty``, ``unbalanced-quotes``, ``shell`` (detail: the feature), ``tilde``,
    ``relative`` (detail: the executable)."""
    text = command.strip()
    if not text:
        return "empty", None
    feature = _shell_feature(text)
    if feature == "unbalanced":
        return "unbalanced-quotes", None
    if feature is not None:
        return "shell", feature
    try:
        words = shell_split(text)  # shlex.split, in linear time
    except ValueError:
        return "unbalanced-quotes", None
    if not words:
        return "empty", None
    if any(word.startswith("~") for word in _unquoted_words(text)):
        return "tilde", None
    executable = words[0]
    if _relative_path(executable):
        return "relative", executable
    return None, None


_SPECIAL = re.compile(r"[`$|;&<>'\"\\]")  # every character _shell_feature reacts to


def _shell_feature(text: str) -> Optional[str]:
    """The first shell feature outside quotes (``$``/backticks also inside double quotes)."""
    quote: Optional[str] = None
    search = _SPECIAL.search  # other characters change nothing: jump from one special to the next
    match = search(text)
    while match is not None:
        i = match.start()
        char = text[i]
        if quote == "'":
            if char == "'":
                quote = None
        elif char == "\\" and quote is None:
            match = search(text, i + 2)
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
        match = search(text, i + 1)
    return "unbalanced" if quote is not None else None


def _unquoted_words(text: str) -> list[str]:
    """Words as written (before quote removal): a quoted ``'~/x'`` does not start with ``~``."""
    return text.split()


_DRIVE = re.compile(r"[A-Za-z]:[\\/]")


def _relative_path(executable: str) -> bool:
    """``bin/creds`` or ``./creds``: resolved from the current folder, which differs per tool.
    A bare name (``aws-vault``) is looked up on PATH and is fine."""
    if executable.startswith(("/", "\\")) or _DRIVE.match(executable):
        return False
    return "/" in executable or "\\" in executable


# -- path settings (AWS307) ------------------------------------------------------------------

#: Settings whose value is a file path that botocore (``httpsession.get_cert_path``,
#: ``utils.FileWebIdentityTokenLoader``), Go v2 (``ioutil.ReadFile``) and JS v3 (``readFileSync``)
#: open exactly as written: no ``~``, no variables, relative to the tool's current folder.
PATH_KEYS = ("ca_bundle", "web_identity_token_file")
_PATH_VARIABLE = re.compile(r"\$\{[A-Za-z_][A-Za-z0-9_]*\}|\$[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_][A-Za-z0-9_()]*%")
_TEMPLATE_CODE = ("{{", "{%")  # chezmoi, Ansible, Jinja: rendered before any tool reads the file


def path_problem(value: str) -> tuple[Optional[str], Optional[str]]:
    """(variant, detail) for a path setting's value, or (None, None).

    Variants: ``tilde`` (starts with ``~``), ``variable`` (detail: the first ``$VAR``, ``${VAR}``
    or ``%VAR%``), ``relative`` (neither ``/``, ``\\\\`` nor a drive letter). An empty or quoted
    value is left to the rules about those (AWS008)."""
    text = value.strip()
    if not text or (len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"") or any(m in text for m in _TEMPLATE_CODE):
        return None, None
    if text.startswith("~"):
        return "tilde", None
    match = _PATH_VARIABLE.search(text)
    if match is not None:
        return "variable", match.group(0)
    if text.startswith(("/", "\\")) or _DRIVE.match(text):
        return None, None
    return "relative", None
