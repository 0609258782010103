"""Derived facts: computed once per run from the botocore view, read by the YAML rules.

Every fact a rule may name is listed in ``FACTS`` with a one-line description, per scope; the
rule loader rejects any other name. Resolution follows ``botocore/credentials.py`` (see
``../shared/research/botocore-semantics.md`` §2 and §3):

* credential sources, in botocore's order: ``assume-role`` (``role_arn`` without
  ``web_identity_token_file``), ``assume-role-with-web-identity``, ``sso`` (``sso_account_id`` or
  ``sso_role_name``), ``shared-credentials-file`` (``aws_access_key_id`` in the credentials
  file's section of that exact name), ``login`` (``login_session``), ``custom-process``
  (``credential_process``), ``config-file`` (``aws_access_key_id`` in the config-file profile).
  The first present one is what botocore uses.
* the source chain of a role follows ``source_profile`` until a profile that has static keys
  or no ``role_arn``; that profile is resolved through the provider sub-chain above.
"""

from __future__ import annotations

import base64
import bisect
import binascii
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Optional
from urllib.parse import urlsplit

from awslint.findings import looks_like_credential, mask
from awslint.model import Block, Setting, View
from awslint.parse import SLOTS, OptionNode, ParsedFile, ParseIssue, SectionNode

SECRET_KEYS = frozenset({"aws_secret_access_key", "aws_session_token", "aws_security_token"})
KEY_ID = "aws_access_key_id"
TOKEN_KEYS = ("aws_security_token", "aws_session_token")  # botocore checks the legacy name first
GLOBAL_STS_HOST = "sts.amazonaws.com"

#: Every fact a rule can read, per scope, with what it means. The single source of truth for
#: rule validation and for docs/rule-format.md.
FACTS: dict[str, dict[str, str]] = {
    "file": {
        "role": "`config` or `credentials`",
        "path": "the file's path as shown",
        "botocore_readable": "true when botocore can load the file at all",
    },
    "parse_issue": {
        "kind": "`before-section`, `bad-header`, `empty-key`, `missing-delimiter`, `duplicate-section`, "
        "`duplicate-key`, `nested-missing-equals`, `bom`, `invalid-utf8` or `non-ascii`",
        "message": "what is wrong with the line",
        "fatal": "true when botocore refuses the whole file because of it",
        "file_role": "`config` or `credentials`",
    },
    "section": {
        "name": "the text between `[` and the last `]`",
        "file_role": "`config` or `credentials`",
        "duplicate": "true when the same header already appeared in this file",
        "first_line": "line of the first header with this name (for duplicates)",
        "profile": "the profile name botocore gives this section, or null",
    },
    "option": {
        "key": "the key as written",
        "name": "the key lower-cased, as botocore stores it",
        "section": "the section header text",
        "file_role": "`config` or `credentials`",
        "secret": "true for keys whose values are secrets",
        "duplicate": "true when the key already appeared in this section",
        "first_line": "line of the first occurrence (for duplicates)",
        "inline_comment": "true when a line of the value has `#` or `;` after whitespace",
        "comment_text": "the text from that `#`/`;` on (never for secret keys)",
        "value_before_comment": "the value up to that comment (never for secret keys)",
        "value": "the value botocore reads (never for secret keys: null)",
    },
    "profile": {
        "name": "the profile name as botocore sees it",
        "in_config": "true when the config file defines the profile",
        "in_credentials": "true when the credentials file has a section of that exact name",
        "method": "the credential provider botocore uses (`assume-role`, `sso`, …), or null",
        "sources": "all credential providers the profile triggers, in botocore's order",
        "static_keys": "true when the merged profile has `aws_access_key_id`",
        "keys_in_credentials": "true when the credentials-file section has `aws_access_key_id`",
        "keys_in_config": "true when the config-file profile has `aws_access_key_id`",
        "key_kind": "`long-term` (AKIA), `temporary` (ASIA), `placeholder`, `other`, or null",
        "key_id": "the access key id, masked (`AKIA…WXYZ`)",
        "placeholder_keys": "true when the static keys are documented examples or obvious fakes",
        "session_token": "true when a session token is present",
        "token_origin_region": "the region a pasted session token names as its origin, or null",
        "role": "true when botocore assumes a role for this profile (`assume-role`)",
        "sts_credentials": "true when the credentials come from STS: a role with a source, or web identity",
        "source_chain": "the profiles reached through `source_profile`, in order",
        "source_chain_text": "the source chain as `a -> b -> c`",
        "chain_end": "the profile whose credentials start the chain, or null",
        "chain_end_method": "how that profile gets its credentials, or null",
        "chain_error": "why the chain cannot resolve (loop, missing profile), or null",
        "chain_long_term_keys": "true when the chain starts from long-term static keys (not placeholders)",
        "chain_mfa": "true when the profile or a profile in its source chain sets `mfa_serial`",
        "region": "the effective region (merged `region`), or null",
        "sts_regional_endpoints": "the merged `sts_regional_endpoints`, or null",
        "chain_sts_legacy": "true when the profile or its source chain sets `sts_regional_endpoints = legacy`",
        "sts_endpoint": "the STS endpoint URL configured for the profile, or null",
        "sts_endpoint_global": "true when that endpoint is the global `sts.amazonaws.com`",
    },
}

SCOPES = tuple(FACTS)


@dataclass(**SLOTS)
class Location:
    """A place in a file, 1-based."""

    file: ParsedFile
    line: int
    column: int
    end_line: int
    end_column: int
    section: Optional[str] = None


@dataclass(**SLOTS)
class Subject:
    """One thing a rule is evaluated against: a file, issue, section, option or profile."""

    scope: str
    facts: dict[str, Any]
    location: Location
    keys: Callable[[str], Optional[Setting]] = lambda _key: None
    locate: Callable[[str], Optional[Location]] = lambda _where: None
    profile: Optional[str] = None
    section: Optional[str] = None
    key: Optional[str] = None


class Placeholders:
    """Documented example credentials and obvious fakes, from the rule data."""

    def __init__(self, data: dict[str, list[Any]]) -> None:
        self.key_ids = {str(v).lower() for v in data.get("placeholder_key_ids", [])}
        self.secrets = {str(v).lower() for v in data.get("placeholder_secrets", [])}
        patterns = data.get("placeholder_patterns", [])
        self.pattern = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None

    def _matches(self, value: Optional[str], known: set[str]) -> bool:
        if value is None:
            return False
        value = value.strip()
        if value.lower() in known:
            return True
        return bool(self.pattern and self.pattern.fullmatch(value))

    def pair(self, key_id: Optional[str], secret: Optional[str]) -> bool:
        """True when the key id or the secret is an example or an obvious fake."""
        return self._matches(key_id, self.key_ids) or self._matches(secret, self.secrets)


def key_kind(key_id: Optional[str]) -> Optional[str]:
    if key_id is None:
        return None
    if re.fullmatch(r"AKIA[A-Z2-7]{16}", key_id):
        return "long-term"
    if re.fullmatch(r"ASIA[A-Z2-7]{16}", key_id):
        return "temporary"
    return "other"


_REGION_IN_TOKEN = re.compile(rb"((?:us|eu|ap|sa|ca|me|af|il|mx|cn)(?:-[a-z]+)+-\d+)")


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


def _sources(block: Block) -> list[str]:
    """Credential providers this profile triggers, in botocore's order."""
    has = block.settings
    sources = []
    if _assumes_role(block):
        sources.append("assume-role")
    if block.value("web_identity_token_file"):  # an empty path is skipped, but still blocks assume-role
        sources.append("assume-role-with-web-identity")
    if "sso_account_id" in has or "sso_role_name" in has:
        sources.append("sso")
    if KEY_ID in block.credentials_values:
        sources.append("shared-credentials-file")
    if "login_session" in has:
        sources.append("login")
    if "credential_process" in has:
        sources.append("custom-process")
    if KEY_ID in block.config_values:
        sources.append("config-file")
    return sources


def _sub_chain_method(block: Block) -> Optional[str]:
    """The profile provider sub-chain botocore uses for a source profile (no assume-role)."""
    for source in _sources(block):
        if source != "assume-role":
            return source
    return None


@dataclass
class Chain:
    profiles: list[str] = field(default_factory=list)
    end: Optional[str] = None
    end_method: Optional[str] = None
    error: Optional[str] = None


def _assumes_role(block: Block) -> bool:
    """``AssumeRoleProvider._has_assume_role_config_vars``: role_arn and no web identity key."""
    has = block.settings
    return "role_arn" in has and "web_identity_token_file" not in has


def _has_static(block: Block) -> bool:
    has = block.settings
    return KEY_ID in has or "aws_secret_access_key" in has


def resolve_chain(view: View, block: Block) -> Chain:
    """Follow ``source_profile`` the way ``AssumeRoleProvider`` does."""
    chain = Chain()
    if not _assumes_role(block):
        return chain
    visited = [block.name]
    seen = {block.name}
    current = block
    while True:
        source_name = current.value("source_profile")
        if source_name is None:
            if current.value("credential_source") is not None:
                chain.end_method = f"credential_source:{current.value('credential_source')}"
            return chain
        source = view.profiles.get(source_name)
        if source is None:
            chain.error = f"source_profile '{source_name}' does not exist"
            return chain
        if source_name == current.name and _has_static(source):
            chain.end, chain.end_method = source.name, _sub_chain_method(source)
            return chain
        if source_name in seen:
            chain.profiles.append(source_name)
            chain.error = "loop: " + " -> ".join(visited + [source_name])
            return chain
        chain.profiles.append(source_name)
        visited.append(source_name)
        seen.add(source_name)
        if _has_static(source) or not _assumes_role(source):
            chain.end, chain.end_method = source.name, _sub_chain_method(source)
            return chain
        current = source


class FactBuilder:
    """Builds the subjects of every scope for one view."""

    def __init__(self, view: View, data: dict[str, list[Any]]) -> None:
        self.view = view
        self.placeholders = Placeholders(data)
        # Config-file header -> botocore profile name, built once (sections are many).
        self._profile_of_section = {
            id(section): block.name for block in view.profiles.values() for section in block.config_sections
        }

    # -- locations -------------------------------------------------------------------------

    @staticmethod
    def _section_location(file: ParsedFile, section: SectionNode) -> Location:
        return Location(file, section.line, section.column, section.line, section.end_column, section.name)

    def _block_locator(self, block: Block) -> Callable[[str], Optional[Location]]:
        def locate(where: str) -> Optional[Location]:
            kind, _, arg = where.partition(":")
            if kind == "section":
                file, section = block.anchor
                return None if file is None or section is None else self._section_location(file, section)
            name, _, which = arg.partition("@")
            values = {
                "": block.settings,
                "config": block.config_values,
                "credentials": block.credentials_values,
            }.get(which, {})
            setting = values.get(name)
            if setting is None:
                return None
            option = setting.option
            where_section = option.section.name
            if kind == "value":
                end = option.value_column + len(option.value_lines[0].text)
                return Location(setting.file, option.line, option.value_column, option.line, end, where_section)
            return Location(setting.file, option.line, option.column, option.line, option.key_end_column, where_section)

        return locate

    # -- scopes ----------------------------------------------------------------------------

    def subjects(self, scope: str) -> list[Subject]:
        return getattr(self, f"_{scope}_subjects")()

    def _file_subjects(self) -> list[Subject]:
        return [
            Subject(
                "file",
                {"role": f.role, "path": f.path, "botocore_readable": f.botocore_error is None},
                Location(f, 1, 1, 1, 1),
            )
            for f in self.view.files
        ]

    def _parse_issue_subjects(self) -> list[Subject]:
        result = []
        for f in self.view.files:
            starts = [section.line for section in f.sections]
            for issue in f.issues:
                # The section a line belongs to: the last header at or above it.
                index = bisect.bisect_right(starts, issue.line) - 1
                section = f.sections[index] if index >= 0 else None
                result.append(self._issue_subject(f, issue, section))
        return result

    def _issue_subject(self, f: ParsedFile, issue: ParseIssue, section: Optional[SectionNode]) -> Subject:
        facts = {"kind": issue.kind, "message": issue.message, "fatal": issue.fatal, "file_role": f.role}
        end = issue.end_column or issue.column + 1
        name = None if section is None else section.name
        profile = None if section is None else self._section_profile_name(f, section)
        location = Location(f, issue.line, issue.column, issue.line, end, name)
        return Subject("parse_issue", facts, location, profile=profile, section=name)

    def _section_profile_name(self, f: ParsedFile, section: SectionNode) -> Optional[str]:
        if f.role == "credentials":
            return section.name
        return self._profile_of_section.get(id(section))

    def _section_subjects(self) -> list[Subject]:
        result = []
        for f in self.view.files:
            for section in f.sections:
                first = section.duplicate_of
                profile = self._section_profile_name(f, section)
                facts = {
                    "name": section.name,
                    "file_role": f.role,
                    "duplicate": first is not None,
                    "first_line": first.line if first is not None else None,
                    "profile": profile,
                }
                result.append(
                    Subject(
                        "section", facts, self._section_location(f, section),
                        profile=profile, section=section.name,
                    )
                )
        return result

    def _option_subjects(self) -> list[Subject]:
        result = []
        for f in self.view.files:
            for section in f.sections:
                profile = self._section_profile_name(f, section)
                for option in section.options:
                    result.append(self._option_subject(f, section, option, profile))
        return result

    def _option_subject(
        self, f: ParsedFile, section: SectionNode, option: OptionNode, profile: Optional[str]
    ) -> Subject:
        # A misspelt key (aws_secret_key) can still hold a secret: judge the value's shape too.
        secret = option.name in SECRET_KEYS or looks_like_credential(option.value)
        comment_line = next((p for p in option.value_lines if p.inline_comment_column), None)
        facts: dict[str, Any] = {
            "key": option.key,
            "name": option.name,
            "section": section.name,
            "file_role": f.role,
            "secret": secret,
            "duplicate": option.duplicate_of is not None,
            "first_line": option.duplicate_of.line if option.duplicate_of is not None else None,
            "inline_comment": comment_line is not None,
            "comment_text": None,
            "value_before_comment": None,
            "value": None if secret else option.value,
        }
        location = Location(f, option.line, option.column, option.line, option.key_end_column)
        locations = {"key": location}
        if comment_line is not None:
            start = comment_line.inline_comment_column or comment_line.column
            offset = start - comment_line.column
            if not secret:
                facts["comment_text"] = comment_line.text[offset:].strip()
                facts["value_before_comment"] = comment_line.text[:offset].rstrip()
            end = comment_line.column + len(comment_line.text)
            locations["comment"] = Location(f, comment_line.line, start, comment_line.line, end)
        if option.value_lines:
            first = option.value_lines[0]
            locations["value"] = Location(f, first.line, first.column, first.line, first.column + len(first.text))
        return Subject(
            "option", facts, location,
            locate=locations.get, profile=profile, section=section.name, key=option.name,
        )

    def _profile_subjects(self) -> list[Subject]:
        return [s for s in (self._profile_subject(b) for b in self.view.profiles.values()) if s is not None]

    def _profile_subject(self, block: Block) -> Optional[Subject]:
        file, section = block.anchor
        if file is None or section is None:
            return None
        facts = self.profile_facts(block)
        return Subject(
            "profile", facts, self._section_location(file, section),
            keys=block.settings.get, locate=self._block_locator(block),
            profile=block.name, section=section.name,
        )

    def profile_facts(self, block: Block) -> dict[str, Any]:
        settings = block.settings
        sources = _sources(block)
        key_id = block.value(KEY_ID)
        secret = block.value("aws_secret_access_key")
        placeholder = self.placeholders.pair(key_id, secret)
        kind = None if key_id is None else ("placeholder" if placeholder else key_kind(key_id))
        token = next((block.value(k) for k in TOKEN_KEYS if k in settings), None)
        chain = resolve_chain(self.view, block)
        chain_blocks = [block] + [self.view.profiles[n] for n in chain.profiles if n in self.view.profiles]
        end_block = self.view.profiles.get(chain.end) if chain.end else None
        chain_long_term = False
        if end_block is not None and chain.end_method in ("shared-credentials-file", "config-file"):
            # The provider reads the key pair from that one file, not from the merged view.
            values = end_block.credentials_values if chain.end_method == "shared-credentials-file" else end_block.config_values
            end_key, end_secret = (values[k].text if k in values else None for k in (KEY_ID, "aws_secret_access_key"))
            chain_long_term = key_kind(end_key) == "long-term" and not self.placeholders.pair(end_key, end_secret)
        method = sources[0] if sources else None
        sts_endpoint = self._sts_endpoint(block)
        return {
            "name": block.name,
            "in_config": block.config_section is not None,
            "in_credentials": block.credentials_section is not None,
            "method": method,
            "sources": sources,
            "static_keys": key_id is not None,
            "keys_in_credentials": KEY_ID in block.credentials_values,
            "keys_in_config": KEY_ID in block.config_values,
            "key_kind": kind,
            "key_id": None if key_id is None else mask(key_id),
            "placeholder_keys": placeholder,
            "session_token": token is not None,
            "token_origin_region": token_origin_region(token),
            "role": method == "assume-role",
            "sts_credentials": (method == "assume-role" and ("source_profile" in settings or "credential_source" in settings))
            or method == "assume-role-with-web-identity",
            "source_chain": list(chain.profiles),
            "source_chain_text": " -> ".join([block.name] + chain.profiles),
            "chain_end": chain.end,
            "chain_end_method": chain.end_method,
            "chain_error": chain.error,
            "chain_long_term_keys": chain_long_term,
            "chain_mfa": any("mfa_serial" in b.settings for b in chain_blocks),
            "region": block.value("region"),
            "sts_regional_endpoints": block.value("sts_regional_endpoints"),
            "chain_sts_legacy": any(b.value("sts_regional_endpoints") == "legacy" for b in chain_blocks),
            "sts_endpoint": sts_endpoint,
            "sts_endpoint_global": _is_global_sts(sts_endpoint),
        }

    def _sts_endpoint(self, block: Block) -> Optional[str]:
        """[services X] sts.endpoint_url beats the profile's endpoint_url (configprovider)."""
        services_name = block.value("services")
        if services_name is not None:
            services = self.view.services.get(services_name)
            if services is not None:
                sts = services.config_values.get("sts")
                if sts is not None and isinstance(sts.value, dict) and "endpoint_url" in sts.value:
                    return sts.value["endpoint_url"]
        return block.value("endpoint_url")


def _is_global_sts(url: Optional[str]) -> bool:
    if not url:
        return False
    try:
        host = urlsplit(url if "://" in url else f"https://{url}").hostname
    except ValueError:
        return False
    return host == GLOBAL_STS_HOST
