"""Facts about credentials, ARNs, expiry markers and endpoints (rules AWS202–AWS216, AWS305).

Everything here follows ``botocore/credentials.py``: the static-key providers read one file each (``SharedCredentialProvider`` the credentials
file, ``ConfigProvider`` the config file), so pairs, tokens and placeholders are judged per
file. No function here returns a secret: key ids are masked, secrets never leave.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Callable, Optional
from urllib.parse import urlsplit

from awslint.aws.endpoints import service_endpoints
from awslint.aws.key_material import key_kind
from awslint.credential_keys import KEY_ID, SECRET, TOKEN_KEYS
from awslint.files.templates import TEMPLATE_SUFFIXES, templated
from awslint.redaction import looks_like_credential, mask, mask_url_userinfo
from awslint.facts.registry import Fact, provides

if TYPE_CHECKING:  # typing only: facts imports this module (tests/test_import_graph.py)
    from awslint.facts.builder import FactBuilder, Placeholders
    from awslint.aws.model import Block, Setting, Settings

STATIC_METHODS = ("shared-credentials-file", "config-file")
KEY_ID_RE = re.compile(r"(AKIA|ASIA)[A-Z2-7]{16}")
SECRET_RE = re.compile(r"[A-Za-z0-9+/]{40}")
ID_SHAPE_RE = re.compile(r"[A-Z0-9]{20}")
ARN_PARTITIONS = ("aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc")
_PARTITION = "|".join(re.escape(p) for p in ARN_PARTITIONS)
ROLE_ARN_RE = re.compile(rf"arn:({_PARTITION}):iam::\d{{12}}:role/[\w+=,.@/-]+")
MFA_ARN_RE = re.compile(rf"arn:({_PARTITION}):iam::\d{{12}}:mfa/[\w+=,.@/-]+")
HARDWARE_SERIAL_RE = re.compile(r"[A-Za-z0-9]{6,64}")
ARN_PARTITION_RE = re.compile(r"arn:([a-z-]+):")
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1", "0.0.0.0", "host.docker.internal", "localhost.localstack.cloud")
# Public DNS names that resolve to 127.0.0.1, with every subdomain (LocalStack's docs use
# s3.localhost.localstack.cloud; localtest.me and lvh.me are the usual test domains).
LOOPBACK_DOMAINS = (".localhost", ".localhost.localstack.cloud", "localtest.me", "lvh.me")


def utcnow() -> datetime:
    """The current time in UTC; tests replace this function to pin "now"."""
    return datetime.now(timezone.utc)


# -- per-file key pairs --------------------------------------------------------------------


def template_value(setting: Optional[Setting]) -> bool:
    """A template expression (``{{ … }}``, ``${…}``…) in a template file (``*.tmpl``): the rendered
    file will hold a value here, unknown now. In a plain file the same text is literal (and a
    placeholder: it never authenticates)."""
    return setting is not None and templated(setting.text) and setting.file.source.path.endswith(TEMPLATE_SUFFIXES)


def pair_kind(values: Settings, placeholders: Placeholders) -> Optional[str]:
    """Key kind of the pair written in one file's section: long-term, temporary, placeholder,
    template (rendered from a template), other, or None when that file has no key id."""
    if KEY_ID not in values:
        return None
    if template_value(values[KEY_ID]) or template_value(values.get(SECRET)):
        return "template"
    key_id = values[KEY_ID].text
    secret = values[SECRET].text if SECRET in values else None
    if placeholders.pair(key_id, secret):
        return "placeholder"
    return key_kind(key_id.strip())


def partial_variants(values: Settings, role: str) -> list[str]:
    """``ROLE:variant`` for each way one file's key group is incomplete (botocore per file)."""
    if not values:
        return []  # no key group at all (the config-only or credentials-only half of most profiles)
    key_id = values.get(KEY_ID)
    has_secret = SECRET in values
    has_token = False
    for k in TOKEN_KEYS:
        if k in values and values[k].text.strip():  # an empty token is never sent (SigV4 skips it)
            has_token = True
            break
    if key_id is not None and not key_id.text.strip():
        return [f"{role}:empty-key-id"]
    if key_id is not None and not has_secret:
        return [f"{role}:missing-secret"]
    if key_id is None and has_secret:
        return [f"{role}:missing-key-id"]
    if key_id is None and has_token:
        return [f"{role}:token-without-keys"]
    return []


# -- credential sources across SDKs --------------------------------------------------------

_KIND_OF_SOURCE = {
    "assume-role": "role",
    "assume-role-with-web-identity": "web-identity",
    "sso": "sso",
    "shared-credentials-file": "static-keys",
    "config-file": "static-keys",
    "login": "login",
    "custom-process": "credential-process",
}
# How messages name a kind, in botocore's provider vocabulary where it has one.
# Pairs already reported by AWS203 (login + …) and AWS204 (sso + static keys).
_COVERED = {
    frozenset({"login", "static-keys"}),
    frozenset({"login", "role"}),
    frozenset({"login", "web-identity"}),
    frozenset({"login", "sso"}),
    frozenset({"sso", "static-keys"}),
}


def source_kinds(sources: list[str]) -> list[str]:
    """Distinct kinds of credential source in botocore's order (static keys counted once)."""
    kinds: list[str] = []
    for source in sources:
        kind = _KIND_OF_SOURCE.get(source, source)
        if kind not in kinds:
            kinds.append(kind)
    return kinds


def uncovered_conflict(kinds: list[str]) -> bool:
    """True when two sources compete in a way neither AWS203 nor AWS204 reports."""
    return any(
        frozenset({a, b}) not in _COVERED for i, a in enumerate(kinds) for b in kinds[i + 1 :]
    )


def competing_kinds(block: Block, kinds: list[str]) -> list[str]:
    """The kinds that compete: a role whose source_profile is the profile itself uses its own static
    keys as the source (botocore ``_validate_source_profile``; Go v2 and JS v3 the same), so the
    keys do not compete with the role there."""
    source = block.value("source_profile")
    if "role" in kinds and source is not None and source.strip() == block.name:
        return [k for k in kinds if k != "static-keys"]
    if "sso" in kinds and "credential-process" in kinds:
        # aws-sso-util's documented layout: its credential_process serves the profile's own SSO
        # settings to SDKs without SSO support; both sources give the same credentials.
        command = (block.value("credential_process") or "").split()
        if command and command[0].rsplit("/", 1)[-1] == "aws-sso-util":
            return [k for k in kinds if k != "credential-process"]
    return kinds


# The provider that reads each file's key group (botocore SharedCredentialProvider, ConfigProvider).
_PARTIAL_PROVIDER = {"credentials": "shared-credentials-file", "config": "config-file"}


def partial_reached(variants: list[str], method: Optional[str]) -> list[str]:
    """The partial key groups botocore reads: only the file whose provider is the first to apply
    (an earlier provider in its order returns credentials before these keys are looked at)."""
    return [v for v in variants if _PARTIAL_PROVIDER.get(v.partition(":")[0]) == method]


def tools_text(by_tool: dict[str, Optional[str]], js: Any) -> str:
    """The JS SDK v3 and Go SDK v2 answers (``awslint explain``'s ``by_tool`` and the JS detail,
    a js_sdk.JsAnswer) in words."""
    go = by_tool.get("go-v2") or "no credentials from the files"
    method = by_tool.get("js-v3")
    if js.error is not None:
        return f"the JavaScript SDK v3 fails on {method or 'these settings'} ({js.error}) and the Go SDK v2 uses {go}"
    text = method or "no credentials from the files"
    if js.otherwise is not None:  # a run-time dependency (a process, the environment) decides
        text += f" ({js.otherwise.method or 'no credentials from the files'} if that fails at run time)"
    if text == go:
        return f"the JavaScript v3 and Go v2 SDKs use {text}"
    return f"the JavaScript SDK v3 uses {text} and the Go SDK v2 uses {go}"


# -- expiry markers ------------------------------------------------------------------------


def parse_expiry(text: str) -> Optional[datetime]:
    """An ISO 8601 time (``Z``, offset or naive = UTC, ``T`` or space) or epoch seconds/ms."""
    value = text.strip().strip("'\"")
    if not value or len(value) > 64:
        return None
    if re.fullmatch(r"\d{9,13}", value):
        number = int(value)
        seconds = number / 1000 if len(value) == 13 else number
        try:
            return datetime.fromtimestamp(seconds, timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
    iso = value.replace("Z", "+00:00").replace("z", "+00:00")
    iso = re.sub(r"(\.\d{6})\d+", r"\1", iso)  # fromisoformat takes at most microseconds
    iso = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", iso)  # +0000 → +00:00
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


def _expiry_keys(data: dict[str, Any]) -> tuple[list[str], frozenset[str]]:
    keys = [str(k) for k in data.get("expiry_keys", [])]
    return keys, frozenset(keys)


def expiry_facts(block: Block, expiry_keys: list[str], now: Callable[[], datetime]) -> dict[str, Any]:
    """The first expiry marker of a profile, whether it is in the past, or unreadable."""
    facts: dict[str, Any] = {"token_expiry_key": None, "token_expiry": None, "token_expired": False, "token_expiry_invalid": False}
    get = block.settings.get
    for key in expiry_keys:
        setting = get(key)
        if setting is None:
            continue
        facts["token_expiry_key"] = key
        moment = parse_expiry(setting.text)
        if moment is None:
            facts["token_expiry_invalid"] = True
        else:
            facts["token_expiry"] = moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
            facts["token_expired"] = moment < now()
        break
    return facts


# -- ARNs ----------------------------------------------------------------------------------


def role_arn_problem(value: Optional[str]) -> Optional[str]:
    """``session-arn`` (an ``sts::…:assumed-role/`` ARN), ``malformed``, or None."""
    if value is None or templated(value):
        return None
    text = value.strip()
    if ROLE_ARN_RE.fullmatch(text):
        return None
    if re.match(r"arn:[a-z-]+:sts::\d*:assumed-role/", text):
        return "session-arn"
    return "malformed"


def mfa_serial_problem(value: Optional[str]) -> Optional[str]:
    """``user-arn`` (``:user/`` instead of ``:mfa/``), ``malformed``, or None."""
    if value is None or templated(value):
        return None
    text = value.strip()
    if MFA_ARN_RE.fullmatch(text) or HARDWARE_SERIAL_RE.fullmatch(text):
        return None
    if re.match(r"arn:[a-z-]+:iam::\d*:user/", text):
        return "user-arn"
    return "malformed"


def arn_partition(value: Optional[str]) -> Optional[str]:
    if not value:
        return None
    match = ARN_PARTITION_RE.match(value.strip())
    return match.group(1) if match and match.group(1) in ARN_PARTITIONS else None


# -- endpoints -----------------------------------------------------------------------------


def insecure_endpoint(url: Optional[str]) -> bool:
    """An ``http://`` URL whose host is not the local machine: requests travel unencrypted."""
    if not url or not url.strip().lower().startswith("http://"):
        return False
    try:
        host = urlsplit(url.strip()).hostname or ""
    except ValueError:
        return False
    return not is_local_host(host)


def is_local_host(host: str) -> bool:
    """The local machine: a loopback name or address, or a public name that resolves to 127.0.0.1."""
    host = host.lower().rstrip(".")
    if host in LOOPBACK_HOSTS or host.startswith("127."):
        return True
    return any(host == d.lstrip(".") or host.endswith("." + d.lstrip(".")) for d in LOOPBACK_DOMAINS)


def real_credentials(builder: FactBuilder, block: Block, method: Optional[str], facts: dict[str, Any]) -> bool:
    """True when botocore gets credentials for this profile that are not placeholders (``facts``:
    the profile's ``chain_*`` facts)."""
    if method is None:
        return False
    if method in STATIC_METHODS:
        values = block.credentials_values if method == "shared-credentials-file" else block.config_values
        return pair_kind(values, builder.placeholders) not in ("placeholder", None)
    if method == "assume-role":
        if facts["chain_error"]:
            return False
        end_name, end_method = facts["chain_end"], facts["chain_end_method"]
        end = builder.view.profiles.get(end_name) if end_name else None
        if end is not None and end_method in STATIC_METHODS:
            values = end.credentials_values if end_method == "shared-credentials-file" else end.config_values
            return pair_kind(values, builder.placeholders) not in ("placeholder", None)
        return end_method is not None
    return True


# -- the profile facts ---------------------------------------------------------------------


@provides(
    "profile",
    Fact("credentials_key_kind", "`key_kind` of the pair in the credentials file's section alone, or null", shape=True),
    Fact("config_key_kind", "`key_kind` of the pair in the config file's profile alone, or null", shape=True),
    Fact("credentials_key_id", "the credentials file's key id, masked, or null", shape=True),
    Fact("config_key_id", "the config file's key id, masked, or null", shape=True),
    Fact(
        "partial_credentials",
        "incomplete key groups as `FILE:variant` (`credentials:missing-secret`, `config:missing-key-id`, "
        "`…:token-without-keys`, `…:empty-key-id`)",
        shape=True,
    ),
    Fact(
        "partial_reached",
        "the `partial_credentials` items whose file botocore actually reads: its provider is the first that "
        "applies (`method`)",
        shape=True,
    ),
    Fact("keys_file", "the file whose static keys botocore uses: `credentials`, `config`, or null", shape=True),
    Fact("keys_token", "true when that file's section also has a session token", shape=True),
    Fact(
        "source_kinds",
        "distinct credential sources (`role`, `web-identity`, `sso`, `static-keys`, `login`, "
        "`credential-process`) in botocore's order",
        public=True,
    ),
    Fact("sources_conflict", "true when two sources compete in a way AWS203/AWS204 do not report", public=True),
    Fact(
        "sdk_method",
        "what the JavaScript SDK v3 uses (`awslint explain`'s `js-v3`) when `sources_conflict`, else null",
        public=True,
    ),
    Fact(
        "tools_text",
        "what the JavaScript SDK v3 and Go SDK v2 use, in words (`awslint explain`'s `by_tool`) when "
        "`sources_conflict`, else null",
        public=True,
    ),
    Fact("role_arn_problem", "`session-arn` (an `sts::…:assumed-role/` ARN), `malformed`, or null", public=True),
    Fact("mfa_serial_problem", "`user-arn` (`:user/` instead of `:mfa/`), `malformed`, or null", public=True),
    Fact("role_arn_partition", "the partition of `role_arn`, or null", public=True),
    Fact("mfa_serial_partition", "the partition of `mfa_serial`, or null", public=True),
    Fact("region_partition", "the partition of the profile's region, or null", public=True),
    Fact(
        "arn_partition_mismatch",
        "`role_arn` or `mfa_serial` when its partition cannot match the region's, or null",
        public=True,
    ),
    Fact("endpoint_url", "the profile-level `endpoint_url`, or null", public=True),
    Fact(
        "insecure_endpoint",
        "an `http://` endpoint on a non-loopback host (profile or its `[services]`), or null",
        public=True,
    ),
    Fact(
        "real_credentials",
        "true when botocore resolves credentials for the profile that are not placeholders",
        shape=True,
    ),
    Fact(
        "non_aws_endpoint",
        "the host of the profile's endpoint outside AWS (`endpoint_url` or a `[services]` block; loopback "
        "included), or null",
        public=True,
    ),
    Fact(
        "non_aws_keys",
        "true when the profile's endpoint is outside AWS and its key id is not AWS-shaped (AKIA/ASIA)",
        shape=True,
    ),
    Fact(
        "mfa_ignored",
        "true when `mfa_serial` is set on a profile whose credentials never use it (no role)",
        public=True,
    ),
    Fact("token_expiry_key", "the expiry marker key found next to a session token, or null", shape=True),
    Fact("token_expiry", "the expiry it records, as `YYYY-MM-DD HH:MM UTC`, or null", shape=True),
    Fact("token_expired", "true when that expiry is in the past", shape=True),
    Fact("token_expiry_invalid", "true when the expiry marker cannot be read as a time", shape=True),
    needs=("method", "sources", "region", "chain_end", "chain_end_method", "chain_error"),
)
def profile_credential_facts(
    builder: FactBuilder, block: Block, facts: dict[str, Any]
) -> None:
    """The profile facts of this module, stored into ``facts`` (which holds the facts it needs)."""
    # Hot (once per profile of a 10,000-profile config): per-view data is read once, each helper
    # runs once, and values come from the merged dict (``settings[k].text`` is ``block.value(k)``).
    placeholders = builder.placeholders
    settings = block.settings
    get = settings.get
    creds, config = block.credentials_values, block.config_values
    method = facts["method"]
    kinds = source_kinds(facts["sources"])
    keys_file = "credentials" if KEY_ID in creds else ("config" if KEY_ID in config else None)
    keys_values = creds if keys_file == "credentials" else config
    creds_kind = pair_kind(creds, placeholders)
    config_kind = pair_kind(config, placeholders)
    region_partition = builder.regions.partition_of(facts["region"])
    setting = get("role_arn")
    role_arn = None if setting is None else setting.text
    setting = get("mfa_serial")
    mfa_serial = None if setting is None else setting.text
    role_partition, mfa_partition = arn_partition(role_arn), arn_partition(mfa_serial)
    mismatch = None
    if region_partition is not None:
        if role_partition is not None and role_partition != region_partition:
            mismatch = "role_arn"
        elif mfa_partition is not None and mfa_partition != region_partition:
            mismatch = "mfa_serial"
    setting = get("endpoint_url")
    endpoint = None if setting is None else setting.text
    foreign = builder.non_aws_endpoint(block)
    insecure = None
    if endpoint or "services" in settings:
        insecure = next((u for u in [endpoint or ""] + service_endpoints(builder.view, block) if insecure_endpoint(u)), None)
    partial = partial_variants(creds, "credentials") + partial_variants(config, "config")
    if method is not None and method in STATIC_METHODS:  # real_credentials, without judging the pair again
        real = (creds_kind if method == "shared-credentials-file" else config_kind) not in ("placeholder", None)
    else:
        real = real_credentials(builder, block, method, facts)
    facts["credentials_key_kind"] = creds_kind
    facts["config_key_kind"] = config_kind
    facts["credentials_key_id"] = mask(creds[KEY_ID].text) if KEY_ID in creds else None
    facts["config_key_id"] = mask(config[KEY_ID].text) if KEY_ID in config else None
    facts["partial_credentials"] = partial
    facts["keys_file"] = keys_file
    facts["keys_token"] = keys_file is not None and any(k in keys_values and keys_values[k].text.strip() for k in TOKEN_KEYS)
    facts["source_kinds"] = kinds
    conflict = uncovered_conflict(competing_kinds(block, kinds)) if len(kinds) > 1 else False
    facts["sources_conflict"] = conflict
    reached = partial_reached(partial, method) if partial else []
    if partial and method == "assume-role" and not (KEY_ID in settings and SECRET in settings):
        setting = get("source_profile")
        if setting is not None and setting.text.strip() == block.name:
            # A role that names itself as source_profile assumes the role with its own static
            # keys (botocore _resolve_static_credentials_from_profile): incomplete, they fail.
            reached = list(partial)
    facts["partial_reached"] = reached
    # The other tools' answers come from the model `awslint explain` prints (resolve.Resolver),
    # computed only for the profiles whose rule message names them (rare: not on the hot path).
    resolution = builder.resolution(block.name) if conflict else None
    facts["sdk_method"] = None if resolution is None else resolution.by_tool.get("js-v3")
    facts["tools_text"] = None if resolution is None else tools_text(resolution.by_tool, resolution.tools["js-v3"])
    facts["role_arn_problem"] = role_arn_problem(role_arn)
    facts["mfa_serial_problem"] = mfa_serial_problem(mfa_serial)
    facts["role_arn_partition"] = role_partition
    facts["mfa_serial_partition"] = mfa_partition
    facts["region_partition"] = region_partition
    facts["arn_partition_mismatch"] = mismatch
    # A URL's password (http://user:pw@host) never becomes a fact a message can print.
    facts["endpoint_url"] = None if endpoint is None else mask_url_userinfo(endpoint)
    facts["insecure_endpoint"] = None if insecure is None else mask_url_userinfo(insecure)
    facts["real_credentials"] = real
    facts["non_aws_endpoint"] = foreign
    facts["non_aws_keys"] = (
        foreign is not None and keys_file is not None
        and (creds_kind if keys_file == "credentials" else config_kind) == "other"
    )
    facts["mfa_ignored"] = (
        "mfa_serial" in settings
        and method not in ("assume-role", "custom-process")
        and "credential_process" not in settings
        and "mfa_process" not in settings
    )
    expiry = builder.per_view("expiry_keys", lambda: _expiry_keys(builder.data))
    # A profile without any marker key gets the same defaults from an empty key list.
    facts.update(expiry_facts(block, [] if settings.keys().isdisjoint(expiry[1]) else expiry[0], lambda: utcnow()))


# -- option facts --------------------------------------------------------------------------


# Key names that hold something secret, also misspelt (aws_secret_acess_key, aws_sesion_token),
# or a password / API key a tool of the user's keeps there.
SECRET_LIKE_NAME = re.compile(r"secret|token|passw|pwd|private|credential(?!_process|_source)|key", re.IGNORECASE)


def secret_like(name: str, value: str) -> bool:
    """The key's name or value looks like a secret: never advise (or do) moving it to the config file."""
    return bool(SECRET_LIKE_NAME.search(name)) or looks_like_credential(value)


def key_material_problem(name: str, value: str, placeholder: bool, iam_prefixes: dict[str, str]) -> tuple[Optional[str], Optional[str]]:
    """(variant, IAM entity) for one credential option; the value itself never leaves here.

    Variants: ``empty``, ``quotes``, ``whitespace``, ``iam-id``, ``malformed-key-id``,
    ``malformed-secret``, or None when the value has the right shape (or is a placeholder or
    template, which other rules judge)."""
    if name not in (KEY_ID, SECRET) + TOKEN_KEYS:
        return None, None
    text = value.strip()
    if placeholder or templated(text):
        return None, None
    if not text:
        # An empty aws_access_key_id is AWS206's; an empty secret is malformed here. An empty
        # token is harmless: botocore (and the SDKs) send no token header when it is empty.
        return ("empty", None) if name == SECRET else (None, None)
    if any(q in text for q in "'\"`"):
        return "quotes", None
    if any(c.isspace() for c in text):
        return "whitespace", None
    if name == KEY_ID:
        if KEY_ID_RE.fullmatch(text):
            return None, None
        entity = iam_prefixes.get(text[:4].upper())
        if entity and ID_SHAPE_RE.fullmatch(text.upper()):
            return "iam-id", entity
        return "malformed-key-id", None
    if name == SECRET:
        return (None, None) if SECRET_RE.fullmatch(text) else ("malformed-secret", None)
    return None, None
