"""AWS206 and AWS205 follow botocore's provider order: partial keys are an error only where botocore
reaches them, and a role sourced from its own static keys is no conflict (each checked against
botocore, offline)."""

from __future__ import annotations

import pytest
from support.credential_layouts import PROCESS, Layout, botocore_outcome
from support.credential_layouts import write_layout as write_for_botocore
from support.fakes import KEY_ID, SECRET

SSO = (
    "sso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n"
    "sso_account_id = 123456789012\nsso_role_name = R\n"
)


ROLE = "role_arn = arn:aws:iam::123456789012:role/app\n"


# (config, credentials, botocore's outcome for profile `p`, AWS206 severities)
PARTIAL_CASES = [
    # The process comes before config-file keys: botocore never sees the partial pair.
    (f"[profile p]\naws_access_key_id = {KEY_ID}\n{PROCESS}", None, "custom-process", ["warning"]),
    # Config-file keys reached: PartialCredentialsError.
    (f"[profile p]\naws_access_key_id = {KEY_ID}\nregion = eu-west-1\n", None, "!PartialCredentialsError", ["error"]),
    # Credentials-file keys after SSO: SSO wins (deferred, no call made).
    (f"[profile p]\n{SSO}", f"[p]\naws_access_key_id = {KEY_ID}\n", "sso", ["warning"]),
    # Credentials-file keys before the process: reached, error.
    (f"[profile p]\n{PROCESS}", f"[p]\naws_access_key_id = {KEY_ID}\n", "!PartialCredentialsError", ["error"]),
]


@pytest.mark.parametrize(("config", "credentials", "outcome", "severities"), PARTIAL_CASES)
def test_partial_keys_error_only_when_botocore_reaches_them(
    env, lint, config: str, credentials: str, outcome: str, severities: list
) -> None:
    write_for_botocore(Layout("partial", "", config, credentials, {}), env)
    assert botocore_outcome("p").label == outcome
    found = lint(config=config.replace("@PROCESS@", "/bin/true"), credentials=credentials, select=["AWS206"])
    assert [f.severity for f in found] == severities
    if severities == ["warning"]:
        assert "never reads these keys" in found[0].message and "stop with" not in found[0].message


def test_self_sourced_role_with_static_keys_is_not_a_conflict(env, lint) -> None:
    """Documented pattern: the profile's own keys are the source of its role (botocore allows the
    self-reference only with static keys, and uses assume-role)."""
    config = f"[profile p]\n{ROLE}source_profile = p\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n"
    write_for_botocore(Layout("self", "", config, None, {}), env)
    assert botocore_outcome("p").label == "assume-role"
    assert lint(config=config, select=["AWS205"]) == []
    # Another source next to the self-sourced role still conflicts.
    found = lint(config=config + "credential_process = /bin/true\n", select=["AWS205"])
    assert len(found) == 1 and "uses assume-role" in found[0].message
