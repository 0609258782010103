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


# Keys botocore's client.py / args.py read from a nested block of the profile: the literal after
# ``service_config.get(`` (the `<endpoint prefix> =` block) and ``.get('s3', {}).get(`` (the s3 block).
_SERVICE_BLOCK_READ = re.compile(r"service_config\.get\(\s*'([a-z_]+)'")
_S3_BLOCK_READ = re.compile(r"\.get\(\s*'s3',\s*\{\}\s*\)\s*\.get\(\s*'([a-z_]+)'")


def test_every_key_client_and_args_read_from_a_nested_block_is_known(ruleset) -> None:
    import botocore.args
    import botocore.client

    known = catalog(ruleset)
    source = Path(botocore.client.__file__).read_text() + Path(botocore.args.__file__).read_text()
    service_keys = set(_SERVICE_BLOCK_READ.findall(source))
    s3_keys = set(_S3_BLOCK_READ.findall(source))
    assert "signature_version" in service_keys and "use_dualstack_endpoint" in s3_keys  # the scan still works
    missing = sorted(
        [f"<service>.{k}" for k in service_keys if not known.is_setting("service-profile-block", k)]
        + [f"s3.{k}" for k in (service_keys | s3_keys) if not known.is_setting("s3", k)]
    )
    assert missing == [], f"botocore reads these nested keys, settings.yaml lacks them: {missing}"


def test_botocore_reads_signature_version_from_a_service_block() -> None:
    """The behaviour the catalogue relies on, checked on botocore itself."""
    from botocore.client import _get_configured_signature_version

    scoped = {"dynamodb": {"signature_version": "v4"}, "s3": {"signature_version": "s3v4"}}
    assert _get_configured_signature_version("dynamodb", None, scoped) == "v4"
    assert _get_configured_signature_version("s3", None, scoped) == "s3v4"


def test_every_botocore_endpoint_prefix_is_known(ruleset) -> None:
    loader = botocore.loaders.create_loader()
    prefixes = {
        loader.load_service_model(name, "service-2")["metadata"]["endpointPrefix"]
        for name in loader.list_available_services("service-2")
    }
    missing = sorted(prefixes - catalog(ruleset).endpoint_prefixes)
    assert missing == [], f"add these to endpoint_prefixes in rules/data/services.yaml: {missing}"


def test_service_blocks_of_a_profile(lint) -> None:
    for text in (
        "[default]\ns3 =\n  signature_version = s3v4\n",
        "[default]\ndynamodb =\n  signature_version = v4\n",
        "[profile dev]\nsts =\n  signature_version = v4\n",
    ):
        assert lint(config=text, select=["AWS011", "AWS009"]) == [], text
    # Not a block: the key itself means nothing; a block with a key botocore does not read there.
    assert [f.code for f in lint(config="[default]\ndynamodb = v4\n", select=["AWS011"])] == ["AWS011"]
    found = lint(config="[default]\ndynamodb =\n  endpoint_url = http://localhost:8000\n", select=["AWS011"])
    assert len(found) == 1 and "endpoint_url" in found[0].message


def test_not_read_by_names_known_tools_and_keys_botocore_reads(ruleset) -> None:
    """`not_read_by` (settings the other SDKs ignore) names tools messages can name, on keys that
    botocore itself reads from the profile (sts_regional_endpoints, ca_bundle)."""
    from awslint.extra_facts import TOOL_TITLES

    read_by_botocore = {
        name for spec in configprovider.BOTOCORE_DEFAUT_SESSION_VARIABLES.values()
        for name in _config_names(spec[0]) if isinstance(name, str)
    }
    marked = {
        item["key"]: item["not_read_by"] for item in ruleset.data["profile_settings"]
        if isinstance(item, dict) and item.get("not_read_by")
    }
    assert {"sts_regional_endpoints", "ca_bundle"} <= set(marked)
    for key, tools in marked.items():
        assert key in read_by_botocore, key
        assert set(tools) <= set(TOOL_TITLES), (key, tools)
    assert set(marked["ca_bundle"]) == {"js-v3", "rust"}
    assert set(marked["sts_regional_endpoints"]) == {"go-v2", "js-v3", "rust"}
