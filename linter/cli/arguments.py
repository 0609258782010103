"""awslint's argparse classes (imported only when a command line needs argparse: see quickargs)."""

from __future__ import annotations

import argparse
from typing import Any, Optional

from awslint.errors import UsageError
from awslint.report.formatters.text import terminal_width


class Formatter(argparse.HelpFormatter):
    """argparse's formatter without ``import shutil`` (~3 ms: zlib, bz2, lzma) on every run.

    argparse builds a formatter for each ``add_argument`` and asks ``shutil.get_terminal_size``
    for the width; this computes the same width (``COLUMNS``, else the terminal, else 80)."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24, width: Optional[int] = None) -> None:
        if width is None:
            width = terminal_width() - 2
        super().__init__(prog, indent_increment, max_help_position, width)



class Parser(argparse.ArgumentParser):
    """argparse that reports one ``awslint: error:`` line (via UsageError) instead of usage."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> Any:
        raise UsageError(message)
