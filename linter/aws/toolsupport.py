"""Per-tool knowledge: which tools refuse a profile, or cannot use it without help.

One model for two readers: the profile facts (rules AWS115, AWS405, AWS406, AWS407) and the
notes of ``awslint explain`` both call these functions, so a rule and its note never disagree.

Sources (read, not run, where no tool could be run here):

* Go SDK v2, ``config/shared_config.go`` (aws/aws-sdk-go-v2 @70bf410; login support arrived in
  config v1.32.0, aws/aws-sdk-go-v2#3446): ``validateCredentialsRequireARN`` (a
  ``CredentialRequiresARNError`` for ``source_profile``, ``credential_source`` or
  ``web_identity_token_file`` without ``role_arn``, checked in that order),
  ``validateCredentialType`` ("only one credential type may be specified per profile" among
  source profile, credential source, credential process, web identity token; empty values do
  not count) and ``hasCredentials`` (no ``login_session``: a login-only source profile fails with
  "failed to load assume role"). ``config/resolve_credentials.go`` ``credsFromAssumeRole``:
  ``mfa_serial`` without an MFA token provider is ``AssumeRoleTokenProviderNotSetError``.
* botocore 1.44.18 ``credentials.py``: ``AssumeRoleWithWebIdentityProvider`` raises
  ``InvalidConfigError`` for web identity without ``role_arn``; ``AssumeRoleProvider`` refuses
  ``source_profile`` with ``credential_source``; ``LoginCredentialFetcher.refresh_credentials``
  takes the sign-in region from the token (older tokens have none: the profile's region is used).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from awslint.files.templates import templated
from awslint.aws.endpoints import endpoint_host, is_aws_host
from awslint.aws.model import assumes_role
from awslint.standins.records import dataclass

if TYPE_CHECKING:
    from awslint.facts.builder import FactBuilder
    from awslint.aws.model import Block

#: The credential types Go SDK v2 allows one of per profile (``validateCredentialType``).
GO_CREDENTIAL_TYPES = ("source_profile", "credential_source", "credential_process", "web_identity_token_file")
#: Go's ``validateCredentialsRequireARN`` order: the first present one is named in the error.
GO_NEEDS_ROLE_ARN = ("source_profile", "credential_source", "web_identity_token_file")
#: Tools that cannot use an ``aws login`` session (``login_session``), as messages name them.
LOGIN_UNSUPPORTED = (
    "Terraform's AWS provider (aws-sdk-go-base), the JS SDK v2, the Rust SDK built with default features, "
    "Go SDK v2 before config v1.32.0 and other SDK releases older than aws login, and the AWS IDE toolkits"
)
LOGIN_BRIDGE = "credential_process = aws configure export-credentials --profile {name} --format process"
MFA_TOOLS = "the Go SDK v2 (Terraform, eksctl) and the JS SDK v3"


def _set(block: Block, key: str) -> Optional[str]:
    """The merged value when it is not empty (Go counts a key only with a value)."""
    setting = block.settings.get(key)
    if setting is None:
        return None
    text = setting.text
    return text if isinstance(text, str) and text.strip() else None


@dataclass(frozen=True)
class GoRefusal:
    """Why the Go SDK v2 refuses a profile that it loads (the first error it reports)."""

    kind: str  # "requires-arn" or "several-types"
    key: Optional[str]  # requires-arn: the credential type named in the error
    types: tuple[str, ...]  # the credential types the profile sets
    botocore_fails: bool  # botocore refuses the profile too (reported by another check or rule)

    def text(self) -> str:
        if self.kind == "requires-arn":
            return f"{self.key} without role_arn (CredentialRequiresARNError: credential type {self.key} requires role_arn)"
        return f"{', '.join(self.types)} together (\"only one credential type may be specified per profile\")"


def go_v2_refusal(block: Block) -> Optional[GoRefusal]:
    """What ``LoadDefaultConfig`` reports for this profile selected on its own, or None."""
    types = tuple(k for k in GO_CREDENTIAL_TYPES if _set(block, k) is not None)
    if not types:
        return None
    role_arn = _set(block, "role_arn") is not None
    if not role_arn:
        key = next((k for k in GO_NEEDS_ROLE_ARN if k in types), None)
        if key is not None:
            return GoRefusal("requires-arn", key, types, botocore_fails=key == "web_identity_token_file")
    if len(types) > 1:
        # source_profile with credential_source on a role: botocore's InvalidConfigError (AWS108).
        both = {"source_profile", "credential_source"} <= set(types) and "web_identity_token_file" not in types
        return GoRefusal("several-types", None, types, botocore_fails=both and role_arn)
    return None


def login_only(sources: list[str]) -> bool:
    """The profile's credentials come from ``login_session`` and nothing else (botocore's view)."""
    return sources == ["login"]


def mfa_token_provider_needed(block: Block, method: Optional[str]) -> bool:
    """A role botocore assumes with ``mfa_serial``: it prompts; Go v2 and JS v3 need a callback."""
    return method == "assume-role" and _set(block, "mfa_serial") is not None


# -- explain notes -------------------------------------------------------------------------------


def tool_notes(
    block: Block, sources: list[str], method: Optional[str], source_sources: Optional[list[str]] = None
) -> list[str]:
    """The notes ``awslint explain`` adds for this profile (same model as the facts above);
    ``source_sources``: the credential sources of the profile its ``source_profile`` names."""
    notes = []
    refusal = go_v2_refusal(block)
    if refusal is not None:
        also = " (botocore refuses it too)" if refusal.botocore_fails else ""
        notes.append(f"Go SDK v2 refuses this profile{also}: {refusal.text()}")
    elif method == "assume-role" and source_sources is not None and login_only(source_sources):
        source = block.value("source_profile")
        notes.append(
            f"Go SDK v2 and the PHP SDK refuse this role: its source profile '{source}' has only an aws login "
            "session, which they do not follow through source_profile (\"failed to load assume role\"); "
            f"use a source profile with '{LOGIN_BRIDGE.format(name=source)}'"
        )
    if login_only(sources):
        region = "" if _set(block, "region") else (
            "; without region in the profile, older CLI releases and the Java SDK v2 cannot refresh the session"
        )
        notes.append(
            f"aws login session only: not usable by {LOGIN_UNSUPPORTED}; bridge them with a profile holding "
            f"'{LOGIN_BRIDGE.format(name=block.name)}'{region}"
        )
    if mfa_token_provider_needed(block, method):
        notes.append(
            f"MFA: {MFA_TOOLS} fail unless the program supplies an MFA token provider "
            "(Go: AssumeRoleTokenProviderNotSetError; JS: no MFA code callback)"
        )
    return notes


# -- the profile facts -----------------------------------------------------------------------

CHECKSUM_KEYS = ("request_checksum_calculation", "response_checksum_validation")


def s3_endpoint_host(builder: FactBuilder, block: Block) -> Optional[str]:
    """The host outside AWS (loopback included) that the profile's S3 client talks to, or None.

    botocore's ``ConfiguredEndpointProvider``: the ``s3`` block of the ``[services]`` section
    first, then the profile's ``endpoint_url``; none with ``ignore_configured_endpoint_urls``."""
    settings = block.settings
    ignore = settings.get("ignore_configured_endpoint_urls")
    if ignore is not None and ignore.text.strip().lower() == "true":
        return None
    url = None
    services_name = _set(block, "services")
    services = builder.view.services.get(services_name) if services_name is not None else None
    if services is not None:
        s3 = services.config_values.get("s3")
        if s3 is not None and isinstance(s3.value, dict):
            candidate = s3.value.get("endpoint_url")
            if isinstance(candidate, str) and candidate.strip():
                url = candidate
    if url is None:
        url = _set(block, "endpoint_url")
    if url is None or templated(url):
        return None  # rendered by a template tool before use: the host is not known yet
    host = endpoint_host(url)
    suffixes = builder.__dict__.get("_aws_dns_suffixes")
    if suffixes is None:  # per view (shared with endpoints.non_aws_endpoint)
        suffixes = builder.__dict__["_aws_dns_suffixes"] = [str(s).lower() for s in builder.data.get("aws_dns_suffixes", [])]
    return None if host is None or is_aws_host(host, suffixes) else host


def checksum_settings_missing(block: Block) -> list[str]:
    """The checksum settings not set to ``when_required`` at profile level (where botocore reads them)."""
    missing = []
    for key in CHECKSUM_KEYS:
        value = _set(block, key)
        if value is None or value.strip().lower() != "when_required":
            missing.append(key)
    return missing


def checksum_in_services(builder: FactBuilder, block: Block) -> bool:
    """A checksum setting written inside a ``[services]`` block, where botocore ignores it."""
    services_name = _set(block, "services")
    services = builder.view.services.get(services_name) if services_name is not None else None
    if services is None:
        return False
    cache: dict[int, bool] = builder.__dict__.setdefault("_checksum_in_services", {})
    known = cache.get(id(services))
    if known is None:  # once per [services] section, however many profiles name it
        known = cache[id(services)] = any(
            isinstance(setting.value, dict) and any(k.lower() in CHECKSUM_KEYS for k in setting.value)
            for setting in services.config_values.values()
        )
    return known


#: The keys any fact of this module looks at: a profile with none of them (most) takes _DEFAULTS.
_RELEVANT = frozenset(GO_CREDENTIAL_TYPES) | {
    "mfa_serial", "login_session", "endpoint_url", "services", "sso_start_url", "sso_region",
}
_DEFAULTS: dict[str, Any] = {
    "go_v2_refusal": None, "go_v2_refusal_key": None, "go_v2_refusal_text": None, "go_v2_botocore_fails": False,
    "login_only": False, "login_bridge": None, "mfa_token_provider_needed": False,
    "mfa_roles_first": False, "mfa_roles_others": "",
    "process_recursion": None, "process_recursion_target": None, "process_recursion_cycle": None,
    "s3_endpoint_host": None, "checksum_settings_missing": None,
    "checksum_in_services": False, "sso_keys_beside_session": None,
}
_NEW_LISTS = ("checksum_settings_missing", "sso_keys_beside_session")  # a fresh list per profile


def _mfa_group(builder: FactBuilder, block: Block) -> tuple[bool, str]:
    """(first, others text) among the role profiles that use the same ``mfa_serial``: one MFA
    device behind many roles is one thing to say, not one note per role (a generated config has
    hundreds). Grouped once per view."""
    groups: Optional[dict[str, list[str]]] = builder.__dict__.get("_mfa_groups")
    if groups is None:
        groups = builder.__dict__["_mfa_groups"] = {}
        for other in builder.view.profiles.values():
            serial = _set(other, "mfa_serial")
            if serial is not None and assumes_role(other):
                groups.setdefault(serial.strip(), []).append(other.name)
    serial = _set(block, "mfa_serial")
    names = groups.get((serial or "").strip(), [block.name])
    more = len(names) - 1
    others = f" (as do {more} more role profile{'s' if more > 1 else ''} with this MFA device)" if more else ""
    return (not names or names[0] == block.name), others


def profile_tool_facts(builder: FactBuilder, block: Block, facts: dict[str, Any]) -> None:
    """The profile facts of this module, stored into ``facts`` (which holds ``sources``/``method``)."""
    if block.settings.keys().isdisjoint(_RELEVANT):  # hot: thousands of plain SSO or key profiles
        facts.update(_DEFAULTS)
        for name in _NEW_LISTS:
            facts[name] = []
        return
    refusal = go_v2_refusal(block)
    facts["go_v2_refusal"] = None if refusal is None else refusal.kind
    facts["go_v2_refusal_key"] = None if refusal is None else refusal.key
    facts["go_v2_refusal_text"] = None if refusal is None else refusal.text()
    facts["go_v2_botocore_fails"] = refusal is not None and refusal.botocore_fails
    facts["login_only"] = login_only(facts["sources"])
    facts["login_bridge"] = LOGIN_BRIDGE.format(name=block.name) if facts["login_only"] else None
    needed = facts["mfa_token_provider_needed"] = mfa_token_provider_needed(block, facts["method"])
    facts["mfa_roles_first"], facts["mfa_roles_others"] = _mfa_group(builder, block) if needed else (False, "")
    recursions: Optional[dict[str, Any]] = builder.__dict__.get("_process_recursions")
    if recursions is None:  # every profile's at once, once per view (linear)
        # Here, not above: a run whose profiles set none of _RELEVANT never loads the module.
        from awslint.aws.process_recursion import recursions as find_recursions

        recursions = builder.__dict__["_process_recursions"] = find_recursions(builder.view)
    found = recursions.get(block.name) if recursions else None
    facts["process_recursion"] = None if found is None else found.variant
    facts["process_recursion_target"] = None if found is None else found.target
    facts["process_recursion_cycle"] = None if found is None else found.cycle_text
    settings = block.settings
    host = None
    if "endpoint_url" in settings or "services" in settings:
        host = s3_endpoint_host(builder, block)
    missing = checksum_settings_missing(block) if host is not None else []
    facts["s3_endpoint_host"] = host
    facts["checksum_settings_missing"] = missing
    facts["checksum_in_services"] = host is not None and checksum_in_services(builder, block)
    facts["sso_keys_beside_session"] = _sso_keys_beside_session(builder, block)


def _sso_keys_beside_session(builder: FactBuilder, block: Block) -> list[str]:
    """``sso_start_url``/``sso_region`` in a profile with ``sso_session``, equal to the session's
    value or absent from it (a different value is botocore's error, reported apart)."""
    settings = block.settings
    if "sso_session" not in settings or ("sso_start_url" not in settings and "sso_region" not in settings):
        return []
    session = builder.view.sso_sessions.get(settings["sso_session"].text)
    if session is None:
        return []  # AWS111
    values = session.config_values
    return [
        k for k in ("sso_start_url", "sso_region")
        if k in settings and (k not in values or values[k].text == settings[k].text)
    ]
