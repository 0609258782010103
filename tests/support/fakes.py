"""Fake but well-formed credentials and a helper that writes a config/credentials folder."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

# Fake but well-formed credentials used across the tests (never real keys).
KEY_ID = "AKIAUJZDEGXDNCF32EPF"
SECRET = "nyVmihA/2O76UMFxFkM/R5Kjp1vRt+1fjORS/6il"
TEMP_KEY_ID = "ASIA3DHODZDOCIS2JHTL"
TEMP_SECRET = "I8ihN5KXSc7Tvo/hBKqFYY/kv5ZJr3J1TWDtkwtD"
TOKEN = "IQoJb3JpZ2luX2VjEXAMPLEfakeTOKENvalueTHATisLONGenoughTOlookREAL0123456789abcdefghijklmnopqrstuvwxyz"


def write_layout(folder: Path, config: Optional[str] = None, credentials: Optional[str] = None) -> Path:
    """Write ``config`` and ``credentials`` (mode 0600) into ``folder``; None leaves a file out."""
    folder.mkdir(parents=True, exist_ok=True)
    if config is not None:
        (folder / "config").write_text(config)
    if credentials is not None:
        (folder / "credentials").write_text(credentials)
        os.chmod(folder / "credentials", 0o600)
    return folder
