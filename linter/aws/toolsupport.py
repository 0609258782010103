"""Per-tool knowledge: which tools refuse a profile, or cannot use it without help.

One model for two readers: the profile facts (``facts.tools``: rules AWS115, AWS405, AWS406,
AWS407) and the notes of ``awslint explain`` both call these functions, so a rule and its note
never disagree.

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

from typing import TYPE_CHECKING, Optional

from awslint.standins.records import dataclass

if TYPE_CHECKING:
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


def set_text(block: Block, key: str) -> Optional[str]:
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
    types = tuple(k for k in GO_CREDENTIAL_TYPES if set_text(block, k) is not None)
    if not types:
        return None
    role_arn = set_text(block, "role_arn") is not None
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
    return method == "assume-role" and set_text(block, "mfa_serial") is not None


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
        region = "" if set_text(block, "region") else (
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


# -- checksums with S3 endpoints outside AWS ---------------------------------------------------

CHECKSUM_KEYS = ("request_checksum_calculation", "response_checksum_validation")


def checksum_settings_missing(block: Block) -> list[str]:
    """The checksum settings not set to ``when_required`` at profile level (where botocore reads them)."""
    missing = []
    for key in CHECKSUM_KEYS:
        value = set_text(block, key)
        if value is None or value.strip().lower() != "when_required":
            missing.append(key)
    return missing
