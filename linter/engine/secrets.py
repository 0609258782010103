"""The secret values of a run (credential values in the files, secret environment variables),
for the ``Redactor`` that guards every message."""

from __future__ import annotations

from typing import Mapping, Optional

from awslint.aws.model import View
from awslint.redaction import is_secret_key


def env_secret_values(environ: Optional[Mapping[str, str]]) -> list[str]:
    """The secret values of the environment (keys, tokens), for the Redactor."""
    if environ is None:
        return []
    from awslint.aws.resolve import ENV_SECRET_VARIABLES

    return [environ[name] for name in ENV_SECRET_VARIABLES if environ.get(name)]


def secret_values(view: View) -> list[str]:
    """Every credential value written in the view's files (for the Redactor)."""
    values = []
    for parsed in view.files:
        for section in parsed.sections:
            for option in section.options:
                if is_secret_key(option.name):
                    values.append(option.value)
    return values
