"""Profile facts from the per-tool model (``aws.toolsupport``): what the Go SDK v2 refuses, what
needs an MFA callback or an ``aws login`` bridge, S3 endpoints outside AWS and their checksums.

``awslint explain`` prints notes from the same model, so a rule and its note never disagree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from awslint.aws.endpoints import endpoint_host, is_aws_host
from awslint.aws.model import assumes_role
from awslint.aws.toolsupport import (
    CHECKSUM_KEYS, GO_CREDENTIAL_TYPES, LOGIN_BRIDGE, checksum_settings_missing, go_v2_refusal, login_only,
    mfa_token_provider_needed, set_text,
)
from awslint.files.templates import templated
from awslint.facts.registry import Fact, provides

if TYPE_CHECKING:
    from awslint.aws.model import Block
    from awslint.facts.builder import FactBuilder


def s3_endpoint_host(builder: FactBuilder, block: Block) -> Optional[str]:
    """The host outside AWS (loopback included) that the profile's S3 client talks to, or None.

    botocore's ``ConfiguredEndpointProvider``: the ``s3`` block of the ``[services]`` section
    first, then the profile's ``endpoint_url``; none with ``ignore_configured_endpoint_urls``."""
    settings = block.settings
    ignore = settings.get("ignore_configured_endpoint_urls")
    if ignore is not None and ignore.text.strip().lower() == "true":
        return None
    url = None
    services_name = set_text(block, "services")
    services = builder.view.services.get(services_name) if services_name is not None else None
    if services is not None:
        s3 = services.config_values.get("s3")
        if s3 is not None and isinstance(s3.value, dict):
            candidate = s3.value.get("endpoint_url")
            if isinstance(candidate, str) and candidate.strip():
                url = candidate
    if url is None:
        url = set_text(block, "endpoint_url")
    if url is None or templated(url):
        return None  # rendered by a template tool before use: the host is not known yet
    host = endpoint_host(url)
    return None if host is None or is_aws_host(host, builder.aws_dns_suffixes) else host


def checksum_in_services(builder: FactBuilder, block: Block) -> bool:
    """A checksum setting written inside a ``[services]`` block, where botocore ignores it."""
    services_name = set_text(block, "services")
    services = builder.view.services.get(services_name) if services_name is not None else None
    if services is None:
        return False
    cache: dict[int, bool] = builder.per_view("checksum_in_services", dict)
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


def _recursions(builder: FactBuilder) -> Optional[dict[str, Any]]:
    """Every profile's ``credential_process`` recursion at once, once per view (linear)."""
    # Here, not at the top: a run whose profiles set none of _RELEVANT never loads the module.
    from awslint.aws.process_recursion import recursions as find_recursions

    return find_recursions(builder.view)


def _mfa_groups(builder: FactBuilder) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for other in builder.view.profiles.values():
        serial = set_text(other, "mfa_serial")
        if serial is not None and assumes_role(other):
            groups.setdefault(serial.strip(), []).append(other.name)
    return groups


def _mfa_group(builder: FactBuilder, block: Block) -> tuple[bool, str]:
    """(first, others text) among the role profiles that use the same ``mfa_serial``: one MFA
    device behind many roles is one thing to say, not one note per role (a generated config has
    hundreds). Grouped once per view."""
    groups: dict[str, list[str]] = builder.per_view("mfa_groups", lambda: _mfa_groups(builder))
    serial = set_text(block, "mfa_serial")
    names = groups.get((serial or "").strip(), [block.name])
    more = len(names) - 1
    others = f" (as do {more} more role profile{'s' if more > 1 else ''} with this MFA device)" if more else ""
    return (not names or names[0] == block.name), others


@provides(
    "profile",
    Fact(
        "go_v2_refusal",
        "why the Go SDK v2 refuses the profile: `requires-arn` (CredentialRequiresARNError) or "
        "`several-types` (more than one of source_profile, credential_source, credential_process, web "
        "identity), or null",
        public=True,
    ),
    Fact(
        "go_v2_refusal_key",
        "for `requires-arn`: the key Go names (`source_profile`, `credential_source`, "
        "`web_identity_token_file`), or null",
        public=True,
    ),
    Fact("go_v2_refusal_text", "that refusal in words, or null", public=True),
    Fact(
        "go_v2_botocore_fails",
        "true when botocore refuses the profile too (web identity without `role_arn`, `source_profile` with "
        "`credential_source`)",
        public=True,
    ),
    Fact("login_only", "true when the profile's only credentials are `login_session` (`aws login`)", public=True),
    Fact(
        "login_bridge",
        "the `credential_process` line that bridges a login-only profile to other tools, or null",
        public=True,
    ),
    Fact(
        "mfa_token_provider_needed",
        "true when botocore assumes a role with the profile's `mfa_serial` (it prompts; Go v2 and JS v3 need "
        "an MFA callback from the program)",
        public=True,
    ),
    Fact(
        "mfa_roles_first",
        "true on the first role profile (file order) that uses its `mfa_serial`, among the role profiles that "
        "share it",
        public=True,
    ),
    Fact(
        "mfa_roles_others",
        "` (as do N more role profiles with this MFA device)` when others share the `mfa_serial`, else empty",
        public=True,
    ),
    Fact(
        "process_recursion",
        "`self`, `cycle` or `missing` when `credential_process` runs `aws configure export-credentials` for "
        "this profile, for a loop back to it, or for a profile that does not exist; `selected` when it has no "
        "`--profile` outside `[default]` (it exports what `AWS_PROFILE` selects); else null",
        public=True,
    ),
    Fact("process_recursion_target", "the profile that command exports, or null", public=True),
    Fact("process_recursion_cycle", "the loop as `a -> b -> a`, or null", public=True),
    Fact(
        "s3_endpoint_host",
        "the host outside AWS (loopback included) of the profile's S3 endpoint (`[services]` `s3` block, else "
        "`endpoint_url`), or null",
        public=True,
    ),
    Fact(
        "checksum_settings_missing",
        "for such a profile: the checksum settings not set to `when_required` at profile level",
        public=True,
    ),
    Fact(
        "checksum_in_services",
        "true when a checksum setting is written inside the profile's `[services]` section, where botocore "
        "ignores it",
        public=True,
    ),
    Fact(
        "sso_keys_beside_session",
        "`sso_start_url`/`sso_region` in a profile that sets `sso_session`, with the session's value or one "
        "the session lacks (the Rust SDK rejects both)",
        public=True,
    ),
    needs=("sources", "method"),
)
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
    recursions: Optional[dict[str, Any]] = builder.per_view("process_recursions", lambda: _recursions(builder))
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
