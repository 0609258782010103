"""Which profile holds which credentials, as botocore sees them: the invariant of every fix.

A fix may reword, move or re-indent lines; it must never change which profile botocore gives
which keys or credential source (issue 13: dedenting an indented ``[personal]`` header made
``personal`` the owner of the keys ``work`` had held). ``credential_view`` reduces awslint's
model of botocore's view (``model.View``) to exactly that; ``describe_change`` says what
moved, naming profiles and keys, never values.
"""

from __future__ import annotations

from typing import Optional

from awslint.model import View

#: Keys that hold credentials or choose where a profile's credentials come from (botocore's
#: providers: static keys, assume-role, web identity, SSO, process, login).
CREDENTIAL_VIEW_KEYS = frozenset({
    "aws_access_key_id", "aws_secret_access_key", "aws_session_token", "aws_security_token",
    "role_arn", "source_profile", "credential_source", "web_identity_token_file", "credential_process",
    "sso_session", "sso_start_url", "sso_account_id", "sso_role_name", "login_session",
})

CredentialView = dict[str, dict[str, str]]


def credential_view(view: View) -> CredentialView:
    """Per profile (botocore's name), the credential keys it holds, each with the access key id
    it belongs to (the key id's first line: which credentials these are). Other values are not
    compared: a safe fix may rightly change one in place (an inline comment moved off a
    ``source_profile`` line), but never which profile holds what. Profiles with no such key
    are left out (a fix may rename a profile that holds no credentials)."""
    result: CredentialView = {}
    for name, block in view.profiles.items():
        settings = block.settings
        key_id = settings.get("aws_access_key_id")
        identity = "" if key_id is None else (key_id.text.strip().splitlines() or [""])[0]
        held = {key: identity for key in settings if key in CREDENTIAL_VIEW_KEYS}
        if held:
            result[name] = held
    return result


def describe_change(before: CredentialView, after: CredentialView) -> Optional[str]:
    """What a change of the view does, in words (keys and profiles only), or None if nothing."""
    lost = {(p, k): v for p, keys in before.items() for k, v in keys.items() if after.get(p, {}).get(k) != v}
    gained = {(p, k): v for p, keys in after.items() for k, v in keys.items() if before.get(p, {}).get(k) != v}
    if not lost and not gained:
        return None
    moves: dict[tuple[str, str], list[str]] = {}
    for (profile, key), value in list(lost.items()):
        for (other, other_key), other_value in list(gained.items()):
            if other_key == key and other_value == value:
                moves.setdefault((profile, other), []).append(key)
                del lost[(profile, key)], gained[(other, other_key)]
                break
    parts = [f"{', '.join(keys)} would move from profile '{a}' to '{b}'" for (a, b), keys in moves.items()]
    for what, changes in (("lose", lost), ("gain", gained)):
        by_profile: dict[str, list[str]] = {}
        for profile, key in changes:
            by_profile.setdefault(profile, []).append(key)
        parts += [f"profile '{p}' would {what} {', '.join(keys)}" for p, keys in by_profile.items()]
    return "; ".join(parts)
