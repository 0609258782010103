"""The one exception type that ends a run with `awslint: error: …` and exit 2."""

from __future__ import annotations


class UsageError(Exception):
    """awslint cannot do its job: bad arguments, unreadable path, invalid rule pack.

    The message is printed as one line after ``awslint: error: `` and the run exits 2.
    """
