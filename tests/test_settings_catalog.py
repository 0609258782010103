"""rules/data/settings.yaml and services.yaml against botocore's own source, so the lists of
known keys cannot silently miss one that botocore reads.

Regenerate ``rules/data/services.yaml`` after a botocore upgrade with::

    import botocore.loaders, botocore.utils
    names = botocore.loaders.create_loader().list_available_services("service-2")
    ids = sorted({botocore.utils.CLIENT_NAME_TO_HYPHENIZED_SERVICE_ID_OVERRIDES.get(n, n).replace("-", "_")
                  for n in names})
"""

from __future__ import annotations

import re
from pathlib import Path

import botocore.credentials
import botocore.loaders
import botocore.tokens
import botocore.utils
from awslint.settings_catalog import SettingsCatalog
from botocore import configprovider

# Identifiers in credentials.py / tokens.py that look like config keys but are not read from a
# profile (method arguments, JSON fields of caches and responses, full_config table names).
NOT_PROFILE_KEYS = {
    "access_key", "secret_key", "expiry_time", "account_id", "role_name", "region_name",
    "token_provider", "token_loader", "start_url", "sso_sessions", "sso_session_name",
    "refresh_token", "mandatory_timeout", "advisory_timeout", "ec2_credential_refresh_window",
    "credentials_file", "config_file", "client_creator",
}
# Session variables whose config-file slot is None (environment or code only).
_LITERAL = re.compile(r"'([a-z][a-z0-9]*(?:_[a-z0-9]+)+)'")


def catalog(ruleset) -> SettingsCatalog:
    return SettingsCatalog(ruleset.data)


def _config_names(spec) -> list:
    """The config-file names of one configprovider entry: a str, a (block, key) tuple, or a list."""
    names = spec if isinstance(spec, list) else [spec]
    return [n for n in names if n is not None]


def test_every_session_variable_botocore_reads_is_known(ruleset) -> None:
    known = catalog(ruleset)
    missing = []
    for spec in configprovider.BOTOCORE_DEFAUT_SESSION_VARIABLES.values():
        for name in _config_names(spec[0]):
            if isinstance(name, tuple):
                block, key = name
                if not known.is_setting(block, key):
                    missing.append(f"{block}.{key}")
            elif not known.is_setting("profile", name):
                missing.append(name)
    assert missing == [], f"botocore reads these profile keys, settings.yaml lacks them: {missing}"


def test_every_s3_and_proxy_variable_is_known(ruleset) -> None:
    known = catalog(ruleset)
    for spec in configprovider.DEFAULT_S3_CONFIG_VARS.values():
        for name in _config_names(spec[0]):
            if isinstance(name, tuple):
                assert known.is_setting(name[0], name[1]), name
            else:
                assert known.is_setting("profile", name), name
    for spec in configprovider.DEFAULT_PROXIES_CONFIG_VARS.values():
        for name in _config_names(spec[0]):
            assert known.is_setting("proxies_config", name) and known.is_setting("profile", name), name


def test_every_key_the_credential_providers_read_is_known(ruleset) -> None:
    known = catalog(ruleset)
    found = set()
    for module in (botocore.credentials, botocore.tokens):
        found |= set(_LITERAL.findall(Path(module.__file__).read_text()))
    candidates = found - NOT_PROFILE_KEYS
    unknown = sorted(
        k for k in candidates
        if not (known.is_setting("profile", k) or known.is_setting("sso-session", k) or k in known.aliases)
    )
    assert unknown == [], f"new identifiers in botocore's providers: add to settings.yaml or NOT_PROFILE_KEYS: {unknown}"
    # The exclusion list must not hide real keys: each must still appear in the source.
    assert NOT_PROFILE_KEYS <= found


def test_every_botocore_service_id_is_known(ruleset) -> None:
    names = botocore.loaders.create_loader().list_available_services("service-2")
    ids = {botocore.utils.CLIENT_NAME_TO_HYPHENIZED_SERVICE_ID_OVERRIDES.get(n, n).replace("-", "_") for n in names}
    missing = sorted(ids - catalog(ruleset).known["services"])
    assert missing == [], f"regenerate rules/data/services.yaml (see this module's docstring): {missing}"


def test_data_files_are_headed_with_source_and_date() -> None:
    folder = Path(__file__).parent.parent / "rules" / "data"
    for name in ("settings.yaml", "services.yaml"):
        head = "".join((folder / name).read_text().splitlines(keepends=True)[:12])
        assert "Source" in head and re.search(r"20\d\d-\d\d", head), name


def test_classification(ruleset) -> None:
    known = catalog(ruleset)
    assert known.classify("profile", "region").status == "known"
    assert known.classify("profile", "regoin").suggestion == "region"
    alias = known.classify("profile", "aws_security_token")
    assert (alias.status, alias.alias_of) == ("alias", "aws_session_token")
    dead = known.classify("profile", "disable_s3_express_session_auth")
    assert (dead.status, dead.replacement) == ("dead", "s3_disable_express_session_auth")
    assert known.classify("profile", "include_profile").tool == "aws-vault"
    assert known.classify("profile", "granted_sso_start_url").tool == "granted"
    assert known.classify("profile", "azure_default_role_arn").tool == "aws-azure-login"
    assert known.classify("sso-session", "region").status == "unknown"
    assert known.classify("s3", "Addressing_Style").suggestion == "addressing_style"
    assert known.classify("services", "dynamodb").status == "known"
    assert known.classify("service-block", "endpoint_url").status == "known"
    assert known.classify("api_versions", "ec2").status == "known"


def test_allowed_keys_is_an_empty_data_list_users_extend(ruleset) -> None:
    assert ruleset.data["allowed_keys"] == []
    extended = SettingsCatalog({**ruleset.data, "allowed_keys": ["Team_Owner"]})
    assert extended.classify("profile", "team_owner").status == "allowed"
