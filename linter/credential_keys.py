"""The credential keys of the two files, as botocore and the SDKs name them: defined once.

A base module (no imports), because every stage needs the names: the redactor, the tools' view,
the facts and the fixes.
"""

from __future__ import annotations

KEY_ID = "aws_access_key_id"
SECRET = "aws_secret_access_key"
#: Both session-token names; botocore reads the legacy ``aws_security_token`` first.
TOKEN_KEYS = ("aws_security_token", "aws_session_token")
#: Keys whose values are credentials (secrets) or key identifiers.
CREDENTIAL_KEYS = frozenset({KEY_ID, SECRET, *TOKEN_KEYS})
