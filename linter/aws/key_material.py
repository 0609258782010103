"""What AWS key material says about itself: the kind of a key id, the region a session token was issued in."""

from __future__ import annotations

import base64
import binascii
import re
from typing import Optional

_REGION_IN_TOKEN = re.compile(rb"((?:us|eu|ap|sa|ca|me|af|il|mx|cn)(?:-[a-z]+)+-\d+)")


def key_kind(key_id: Optional[str]) -> Optional[str]:
    if key_id is None:
        return None
    if re.fullmatch(r"AKIA[A-Z2-7]{16}", key_id):
        return "long-term"
    if re.fullmatch(r"ASIA[A-Z2-7]{16}", key_id):
        return "temporary"
    return "other"


def token_origin_region(token: Optional[str]) -> Optional[str]:
    """The issuing region a current STS session token (``IQoJb3JpZ2lu…``) carries, if any.

    Undocumented but stable: the token's base64 prefix decodes to ``origin_ec`` followed by the
    region. Informational only.
    """
    if not token or not token.startswith("IQoJb3JpZ2lu"):
        return None
    prefix = token[:96]
    prefix = prefix[: len(prefix) - len(prefix) % 4]
    try:
        raw = base64.b64decode(prefix, validate=False)
    except (binascii.Error, ValueError):
        return None
    match = _REGION_IN_TOKEN.search(raw)
    return match.group(1).decode("ascii") if match else None
