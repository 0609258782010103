"""Derived facts: computed once per run from the botocore view, read by the YAML rules.

Every fact a rule may name is listed in ``FACTS`` with a one-line description, per scope; the
rule loader rejects any other name. Resolution follows ``botocore/credentials.py`` and
``botocore/args.py`` (STS endpoints):

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
from awslint.records import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Callable, Iterator, Mapping, Optional
from urllib.parse import urlsplit

from awslint.findings import SECRET_KEYS, is_secret_key, looks_like_credential, mask
from awslint.model import Block, Setting, View
from awslint.model import assumes_role as _assumes_role
from awslint.model import has_static_keys as _has_static
from awslint.model import botocore_sources, sub_chain_method
from awslint.parse import SLOTS, OptionNode, ParsedFile, ParseIssue, SectionNode
from awslint.references import References
from awslint.settings_catalog import SettingsCatalog, is_quoted, option_facts

if TYPE_CHECKING:
    from awslint.chains import ChainIndex

KEY_ID = "aws_access_key_id"
TOKEN_KEYS = ("aws_security_token", "aws_session_token")  # botocore checks the legacy name first
GLOBAL_STS_HOST = "sts.amazonaws.com"
# Option facts that depend on the section's other keys too (see FactBuilder._option_subject).
_CREDENTIAL_KEYS = frozenset({KEY_ID}) | SECRET_KEYS
_REGION_KEYS = ("region", "sso_region")
_SECTION_DEPENDENT = _CREDENTIAL_KEYS | frozenset(_REGION_KEYS)

#: Every fact a rule can read, per scope, with what it means. The single source of truth for
#: rule validation and for docs/rule-format.md.
FACTS: dict[str, dict[str, str]] = {
    "file": {
        "role": "`config` or `credentials`",
        "path": "the file's path as shown",
        "botocore_readable": "true when botocore can load the file at all",
        "holds_secrets": "true when the file holds a secret key or session token that is not a placeholder",
        "mode": "the file's permission bits in octal (`0644`), or null (Windows, or not read from disk)",
        "mode_open": "true when group or others have any permission on the file",
        "folder": "the folder holding the file, as shown",
        "folder_mode": "the folder's permission bits in octal, or null",
        "folder_open": "true when group or others can write to the folder",
        "git": "for a file with secrets in a git work tree: `tracked` (committed), `staged` (added, not yet committed), "
        "`untracked` (git would add it) or `ignored`; else null",
        "repository_copy": "for a file with secrets: true when it is a copy kept in a repository (a git work tree, "
        "a chezmoi `private_` or `dot_aws` source), not the file the tools read (`~/.aws/…`, the `AWS_*_FILE` "
        "variables): the mode that matters is the installed copy's",
    },
    "parse_issue": {
        "kind": "`before-section`, `bad-header`, `empty-key`, `missing-delimiter`, `duplicate-section`, "
        "`duplicate-key`, `nested-missing-equals`, `bom`, `invalid-utf8`, `non-ascii`, `not-ini` (binary, or no "
        "header at all: the file's only issue) or `encrypted` (ciphertext: the file's only issue, nothing else is read)",
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
        # linter/references.py
        "section_kind": "`profile`, `sso-session`, `services`, `defaults` ([DEFAULT]), `plugins`, `preview`, "
        "`other` (a config section botocore keeps but nothing reads), `dropped` (botocore discards it) or "
        "`ignored` (a header botocore keeps under a literal name that looks like a profile)",
        "mapped_name": "the name botocore files the section under (profile, sso-session or services name), or null",
        "header_problem": "why botocore drops or surprisingly maps the header: `words`, `no-name`, `glued`, "
        "`unterminated`, `prefix-word`, `case`, `quoting`, or null",
        "suggested_header": "the header that says what was probably meant, or null",
        "misplaced_prefix": "credentials file: the prefix word (`profile`, `sso-session`, `services`) the header "
        "starts with, or null",
        "replaced_by_line": "config file: line of a later header that botocore maps to the same name and that "
        "replaces this section wholesale, or null",
        "bad_name_chars": "the characters of a profile or sso-session name that other SDKs reject, or null",
        "holds_profile_keys": "true when a section that is not a profile holds profile settings",
        "prefixed_profile_line": "config file, for a section that is not a profile: the line of the `[profile NAME]` "
        "header that does define a profile of this name, or null",
        "referenced_by": "profiles whose `source_profile` names this section (for sections that are not profiles)",
        "sso_missing_keys": "on the header of an SSO profile: required keys missing after resolving its session; "
        "on an `[sso-session]` header: which of `sso_start_url`, `sso_region` it lacks",
    },
    "option": {
        "key": "the key as written",
        "name": "the key lower-cased, as botocore stores it",
        "section": "the section header text",
        "file_role": "`config` or `credentials`",
        "secret": "true for keys whose values are secrets (see Secrets: the key id and secret-looking names "
        "included) and for values shaped like key material",
        "duplicate": "true when the key already appeared in this section",
        "first_line": "line of the first occurrence (for duplicates)",
        "inline_comment": "true when a line of the value has `#` or `;` after whitespace",
        "comment_text": "the text from that `#`/`;` on (never for secret keys)",
        "value_before_comment": "the value up to that comment (never for secret keys)",
        "value": "the value botocore reads (never for secret keys: null)",
        "value_shown": "the value, cut after 60 characters for messages (never for secrets: null)",
        "profile_section": "true when the section is a profile (config `[default]`/`[profile X]`, any credentials section)",
        "secret_like": "true when the key's name (secret, token, password, key… also misspelt) or its value looks "
        "like a secret",
        "placeholder_credential": "true for a credential key whose section holds documented example or fake keys",
        "template_value": "true when the value is a template expression (`{{ … }}`, `${…}`) in a `*.tmpl` file: "
        "unknown until rendered, never judged by its shape",
        "key_material_problem": "what is wrong with a key id, secret or token's shape: `empty`, `quotes`, `whitespace`, "
        "`iam-id`, `malformed-key-id`, `malformed-secret`, or null",
        "iam_id_entity": "for `iam-id`: what the pasted IAM unique ID identifies (`an IAM role's unique ID`)",
        "region_status": "for `region`/`sso_region`: `known`, `empty`, `pattern` (newer than the data), "
        "`availability-zone`, `global`, `wrapped` (quotes or comment), `placeholder` (`REGION`, `<region>`, `${AWS_REGION}`…), `non-aws` (a host label that is not an AWS "
        "region, in a profile whose endpoint is outside AWS) or `unknown`; else null",
        "non_aws_endpoint": "for a credential or region key of a profile: the host of its endpoint outside AWS "
        "(`endpoint_url` or a `[services]` block; loopback included), or null",
        "region_suggestion": "` (did you mean 'x'?)` with the nearest known region, or empty",
        "zone_region": "the region of an availability zone value, or null",
        "setting_problem": "true when an enumerated, boolean or numeric setting (or one in the `s3` block) has a bad value",
        "setting_name": "the setting with the bad value (`s3.addressing_style` inside the block)",
        "setting_value": "the bad value (shortened)",
        "setting_expected": "what the setting accepts",
        "setting_effect": "what goes wrong with the bad value",
        "setting_fix": "the sentence saying what to write instead",
        "process_problem": "for `credential_process`: `empty`, `unbalanced-quotes`, `shell`, `tilde`, `relative`, or null",
        "process_detail": "the shell feature or relative executable found",
        "path_problem": "for a path setting (`ca_bundle`, `web_identity_token_file`) of a profile: `tilde`, `variable` "
        "(`$VAR`, `${VAR}`, `%VAR%`), `relative`, or null",
        "path_detail": "the variable found in the path, or null",
        "key_not_read_by": "the tools that ignore this profile setting (`not_read_by` in the settings data), as text, or null",
        # linter/settings_catalog.py
        "raw_key": "the key exactly as written (in a message, `{key}` shows the lower-cased name)",
        "delimiter": "the separator after the key: `=` or `:`",
        "quoted": "true when the whole value is wrapped in one pair of matching quotes",
        "section_kind": "the kind of section the key is in (as the section fact `section_kind`)",
        "wrapped_value_of": "for a `key: value` line right under a key with an empty value, when the key is "
        "nothing any tool reads: that key (the line is its value wrapped onto the next line), else null",
        "key_status": "`known`, `alias` (legacy name), `dead` (documented, read by nothing), `tool` (written by "
        "a helper tool), `allowed` (in the data list `allowed_keys`), `unknown` (a likely typo of a known name, "
        "a setting of another kind of section, or not a name's shape), `unlisted` (shaped like a real name and "
        "near none: newer than awslint's data?), or null where keys are free-form",
        "key_suggestion": "the nearest known key for an unknown or unlisted key, or null",
        "key_suggestion_unique": "true when the key is a likely typo of the suggestion and of no other known key "
        "(one edit inside the name, or case and separators; the fix renames only then)",
        "reference_data": "where awslint's lists of settings, services and regions come from (`botocore 1.44.18`)",
        "key_tool": "the helper tool that writes this key, or null",
        "key_alias_of": "the current name of a legacy alias, or null",
        "key_replacement": "the name that works instead of a dead one, or null",
        "key_note": "a note from the settings data on an alias or dead name, or null",
        "swallowed_header": "an indented `[header]` line that botocore appends to this value, or null",
        "swallowed_key": "a known key on an indented line that botocore appends to this value, or null",
        "swallowed_line": "the line number of that swallowed line, or null",
        "nested_unknown": "keys of this nested block (`s3 =`, `emr =`, service blocks…) that nothing reads",
        "nested_unknown_text": "those keys quoted, each with its did-you-mean, or null",
    },
    "profile": {
        "name": "the profile name as botocore sees it",
        "in_config": "true when the config file defines the profile",
        "in_credentials": "true when the credentials file has a section of that exact name",
        "method": "the credential provider botocore uses (`assume-role`, `sso`, …), or null",
        "sources": "all credential providers the profile triggers, in botocore's order",
        "static_keys": "true when the merged profile has `aws_access_key_id`",
        "static_pair": "true when the merged profile has both `aws_access_key_id` and `aws_secret_access_key` with values",
        "keys_in_credentials": "true when the credentials-file section has `aws_access_key_id`",
        "keys_in_config": "true when the config-file profile has `aws_access_key_id`",
        "key_kind": "`long-term` (AKIA), `temporary` (ASIA), `placeholder`, `template` (rendered from a template), "
        "`other`, or null",
        "key_id": "the access key id, masked (`AKIA…WXYZ`), or `rendered from a template`",
        "placeholder_keys": "true when the static keys are documented examples or obvious fakes",
        "templated_keys": "true when the key id or secret is a template expression in a `*.tmpl` file: a secret "
        "will be there once rendered (counted by rules on where secrets live, not by rules on their shape)",
        "session_token": "true when a session token is present",
        "token_origin_region": "the region a pasted session token names as its origin, or null",
        "role": "true when botocore assumes a role for this profile (`assume-role`)",
        "sts_credentials": "true when the credentials come from STS: a role with a source, or web identity",
        "source_chain": "the profiles reached through `source_profile`, in order (the first 20)",
        "source_chain_text": "the source chain as `a -> b -> c` (over 20 names: `… N more -> last`)",
        "chain_end": "the profile whose credentials start the chain, or null",
        "chain_end_method": "how that profile gets its credentials, or null",
        "chain_error": "why the chain cannot resolve (loop, missing profile), or null",
        "chain_long_term_keys": "true when the chain starts from long-term static keys (not placeholders; keys a "
        "template renders, without a session token, count)",
        "chain_mfa": "true when the profile, or a role it assumes on the way (a source profile that assumes a role), sets `mfa_serial`",
        "region": "the effective region (merged `region`), or null",
        "sts_regional_endpoints": "the merged `sts_regional_endpoints`, or null",
        "chain_sts_legacy": "true when the profile or its source chain sets `sts_regional_endpoints = legacy`",
        "sts_endpoint": "the STS endpoint URL configured for the profile, or null",
        "sts_endpoint_global": "true when that endpoint is the global `sts.amazonaws.com`",
        "credentials_key_kind": "`key_kind` of the pair in the credentials file's section alone, or null",
        "config_key_kind": "`key_kind` of the pair in the config file's profile alone, or null",
        "credentials_key_id": "the credentials file's key id, masked, or null",
        "config_key_id": "the config file's key id, masked, or null",
        "partial_credentials": "incomplete key groups as `FILE:variant` (`credentials:missing-secret`, "
        "`config:missing-key-id`, `…:token-without-keys`, `…:empty-key-id`)",
        "partial_reached": "the `partial_credentials` items whose file botocore actually reads: its provider is the "
        "first that applies (`method`)",
        "keys_file": "the file whose static keys botocore uses: `credentials`, `config`, or null",
        "keys_token": "true when that file's section also has a session token",
        "source_kinds": "distinct credential sources (`role`, `web-identity`, `sso`, `static-keys`, `login`, "
        "`credential-process`) in botocore's order",
        "source_kinds_text": "those sources as `a, b`",
        "sources_conflict": "true when two sources compete in a way AWS203/AWS204 do not report",
        "sdk_method": "what the JavaScript SDK v3 uses (`awslint explain`'s `js-v3`) when `sources_conflict`, else null",
        "tools_text": "what the JavaScript SDK v3 and Go SDK v2 use, in words (`awslint explain`'s `by_tool`) when `sources_conflict`, else null",
        "token_expiry_key": "the expiry marker key found next to a session token, or null",
        "token_expiry": "the expiry it records, as `YYYY-MM-DD HH:MM UTC`, or null",
        "token_expired": "true when that expiry is in the past",
        "token_expiry_invalid": "true when the expiry marker cannot be read as a time",
        "role_arn_problem": "`session-arn` (an `sts::…:assumed-role/` ARN), `malformed`, or null",
        "mfa_serial_problem": "`user-arn` (`:user/` instead of `:mfa/`), `malformed`, or null",
        "role_arn_partition": "the partition of `role_arn`, or null",
        "mfa_serial_partition": "the partition of `mfa_serial`, or null",
        "region_partition": "the partition of the profile's region, or null",
        "arn_partition_mismatch": "`role_arn` or `mfa_serial` when its partition cannot match the region's, or null",
        "endpoint_url": "the profile-level `endpoint_url`, or null",
        "insecure_endpoint": "an `http://` endpoint on a non-loopback host (profile or its `[services]`), or null",
        "real_credentials": "true when botocore resolves credentials for the profile that are not placeholders",
        "non_aws_endpoint": "the host of the profile's endpoint outside AWS (`endpoint_url` or a `[services]` block; "
        "loopback included), or null",
        "non_aws_keys": "true when the profile's endpoint is outside AWS and its key id is not AWS-shaped (AKIA/ASIA)",
        "mfa_ignored": "true when `mfa_serial` is set on a profile whose credentials never use it (no role)",
        # linter/references.py
        "source_profile_missing": "true when `source_profile` names a profile defined in neither file",
        "source_profile_suggestion": "the existing profile name nearest to a missing `source_profile`, or null",
        "cycle": "on the first profile (in file order) of a `source_profile` loop: the loop's profiles, else empty",
        "cycle_text": "that loop as `a -> b -> a`, or null",
        "used_as_source_by": "role profiles whose `source_profile` names this profile",
        "used_as_source_by_text": "those profiles for a message: up to five names, then `and N more`; null when none",
        "yields_credentials": "true when botocore can get credentials from this profile used as a source",
        "sso_session_missing": "true when `sso_session` names no `[sso-session]` of the config file",
        "sso_session_suggestion": "the existing sso-session name nearest to a missing one, or null",
        "sso_missing_keys": "for an SSO profile: required keys missing after resolving its session",
        "sso_inconsistent_keys": "for an SSO profile: keys set in both profile and sso-session with different values",
        "sso_legacy_keys": "`sso_start_url`/`sso_region` set in an SSO profile (`sso_account_id` or `sso_role_name`) "
        "without `sso_session`",
        "sso_legacy_first": "true on the first legacy SSO profile (file order) of its start URL",
        "sso_legacy_others": "` (as do N more profiles with this start URL)` when other legacy SSO profiles share it, "
        "else empty",
        "services_missing": "true when `services` names no `[services]` section",
        "services_empty": "true when the named `[services]` section has no keys",
        "services_suggestion": "the existing services name nearest to a missing one, or null",
        "generated_by": "the helper tool that generated this profile (aws-sso-util, granted), from its marker key, or null",
        "credentials_unknown": "true when the credentials file cannot be seen: none beside a config file kept in a "
        "repository (git work tree or chezmoi source), an encrypted one, or a template made only of template code",
        "keychain_helper": "the helper the config file is set up for, which keeps keys outside the files and assumes "
        "its roles itself (`aws-vault`, `granted`, `aws-okta`: a `credential_process` running it, its keys, an "
        "`[okta]` section, a mention), or null",
        "source_profile_missing_first": "true on the first profile (file order) whose missing `source_profile` names "
        "that profile",
        "source_profile_missing_count": "how many role profiles name that missing `source_profile`",
        "credential_source_canonical": "the exact spelling of a `credential_source` that differs only in case, or null",
        "credential_source_suggestion": "the valid `credential_source` nearest to an invalid one, or null",
        # linter/toolsupport.py (one model with `awslint explain`'s notes)
        "go_v2_refusal": "why the Go SDK v2 refuses the profile: `requires-arn` (CredentialRequiresARNError) or "
        "`several-types` (more than one of source_profile, credential_source, credential_process, web identity), or null",
        "go_v2_refusal_key": "for `requires-arn`: the key Go names (`source_profile`, `credential_source`, "
        "`web_identity_token_file`), or null",
        "go_v2_refusal_text": "that refusal in words, or null",
        "go_v2_botocore_fails": "true when botocore refuses the profile too (web identity without `role_arn`, "
        "`source_profile` with `credential_source`)",
        "login_only": "true when the profile's only credentials are `login_session` (`aws login`)",
        "login_bridge": "the `credential_process` line that bridges a login-only profile to other tools, or null",
        "mfa_token_provider_needed": "true when botocore assumes a role with the profile's `mfa_serial` (it prompts; "
        "Go v2 and JS v3 need an MFA callback from the program)",
        "mfa_roles_first": "true on the first role profile (file order) that uses its `mfa_serial`, among the role "
        "profiles that share it",
        "mfa_roles_others": "` (as do N more role profiles with this MFA device)` when others share the `mfa_serial`, "
        "else empty",
        "process_recursion": "`self`, `cycle` or `missing` when `credential_process` runs `aws configure "
        "export-credentials` for this profile, for a loop back to it, or for a profile that does not exist; `selected` "
        "when it has no `--profile` outside `[default]` (it exports what `AWS_PROFILE` selects); else null",
        "process_recursion_target": "the profile that command exports, or null",
        "process_recursion_cycle": "the loop as `a -> b -> a`, or null",
        "s3_endpoint_host": "the host outside AWS (loopback included) of the profile's S3 endpoint (`[services]` "
        "`s3` block, else `endpoint_url`), or null",
        "checksum_settings_missing": "for such a profile: the checksum settings not set to `when_required` at "
        "profile level",
        "checksum_settings_missing_text": "those settings as `a and b`, or null",
        "checksum_in_services": "true when a checksum setting is written inside the profile's `[services]` section, "
        "where botocore ignores it",
        "sso_keys_beside_session": "`sso_start_url`/`sso_region` in a profile that sets `sso_session`, with the "
        "session's value or one the session lacks (the Rust SDK rejects both)",
    },
    # One subject per layout, only with --env (or an example's `env:`); see linter/envfacts.py.
    "environment": {
        "env_keys": "true when `AWS_ACCESS_KEY_ID` is set (not empty)",
        "env_key_id": "that key id, masked (`AKIA…WXYZ`), or null",
        "env_secret_key": "true when `AWS_SECRET_ACCESS_KEY` is set (not empty)",
        "aws_profile": "the value of `AWS_PROFILE`, or null",
        "aws_default_profile": "the value of `AWS_DEFAULT_PROFILE`, or null",
        "profile_variables_differ": "true when both variables are set and name different profiles",
        "default_profile_only": "true when `AWS_DEFAULT_PROFILE` names a profile other than `default` and `AWS_PROFILE` is unset or empty",
        "profile_botocore": "the profile CLI v1 and boto3 select (`AWS_DEFAULT_PROFILE` first), or null",
        "profile_cli_v2": "the profile CLI v2 selects (`AWS_PROFILE` first), or null",
        "profile_sdk": "the profile the SDKs select (`AWS_PROFILE`), or null",
        "selected_profile": "the profile the environment selects (botocore's choice, else CLI v2's), or null",
        "missing_profiles": "selected profiles that neither file defines",
        "missing_profiles_text": "those names, comma-separated",
        "suggestion": "` (did you mean 'x'?)` for the first missing profile, or empty",
        "shadowed_profile": "the profile the environment keys hide (the selected one, else `default`)",
        "shadowed_method": "what that profile would give with an explicit `--profile`, or null",
        "sdk_load_config": "true when `AWS_SDK_LOAD_CONFIG` is set (not empty)",
        "config_only_profiles": "role or SSO profiles that only the config file defines",
        "config_only_profiles_text": "those names, comma-separated",
    },
    # Computed after the other rules by linter/suppressions.py (AWS9xx need their findings).
    "suppression": {
        "problem": "`unused`, `unknown-rule`, `trailing` or `malformed`",
        "file_role": "`config` or `credentials`",
        "directive": "`disable-next-line`, `disable-section` or `disable-file`, or null",
        "rules": "the rule codes or names the directive lists, or null",
        "reason": "the text after `--`, or null",
        "unknown": "the names no loaded rule has (unknown-rule)",
        "suggestion": "a did-you-mean hint for the first unknown name, or empty",
        "unused": "the names that suppressed nothing (unused)",
        "all_unused": "true when no name of the directive suppressed anything",
        "where": "`value` or `section header`: what the trailing comment follows",
        "comment": "the trailing suppression text (trailing)",
        "detail": "what is wrong with a malformed directive",
    },
}

SCOPES = tuple(FACTS)

#: The secret boundary, fact by fact (docs/rule-format.md, "Secrets"). Every fact of ``FACTS``
#: is one of:
#:
#: * ``public``: never holds text of a secret (names, lines, kinds; values of keys that are not
#:   secrets);
#: * ``shape``: computed from a secret, key id or token but unable to give it back: presence,
#:   kind, shape problem, placeholder, expiry, a masked key id, a token's origin region;
#: * ``value``: text of the option's own value; null for a secret option (the engine blanks
#:   every ``value`` fact of an option whose ``secret`` fact is true, whatever computed it).
#:
#: A fact missing here is treated as secret: rules may only test it with ``present``/``absent``
#: and messages may not show it, so a new fact cannot open the boundary by being forgotten.
PUBLIC, SHAPE, VALUE = "public", "shape", "value"


def _classes(shape: str = "", value: str = "", public: str = "") -> dict[str, str]:
    return {
        **{name: PUBLIC for name in public.split()},
        **{name: SHAPE for name in shape.split()},
        **{name: VALUE for name in value.split()},
    }


FACT_CLASSES: dict[str, dict[str, str]] = {
    "file": _classes(
        public="role path botocore_readable mode mode_open folder folder_mode folder_open repository_copy",
        shape="holds_secrets git",
    ),
    "parse_issue": _classes(public="kind message fatal file_role"),
    "section": _classes(public=" ".join(FACTS["section"])),
    "option": _classes(
        public="key name section file_role duplicate first_line profile_section region_status non_aws_endpoint "
        "region_suggestion zone_region setting_problem setting_name setting_expected setting_effect process_problem "
        "raw_key delimiter section_kind key_status key_suggestion key_suggestion_unique key_tool key_alias_of "
        "key_replacement key_note swallowed_header swallowed_key swallowed_line nested_unknown nested_unknown_text "
        "key_not_read_by path_problem reference_data wrapped_value_of",
        shape="secret inline_comment secret_like placeholder_credential key_material_problem iam_id_entity quoted "
        "template_value",
        value="comment_text value_before_comment value value_shown setting_value setting_fix process_detail path_detail",
    ),
    "profile": _classes(
        shape="static_keys keys_in_credentials keys_in_config key_kind key_id placeholder_keys session_token "
        "token_origin_region chain_long_term_keys credentials_key_kind config_key_kind credentials_key_id "
        "config_key_id partial_credentials partial_reached keys_file keys_token token_expiry_key token_expiry "
        "token_expired token_expiry_invalid real_credentials non_aws_keys templated_keys static_pair",
        public="name in_config in_credentials method sources role sts_credentials source_chain source_chain_text "
        "chain_end chain_end_method chain_error chain_mfa region sts_regional_endpoints chain_sts_legacy "
        "sts_endpoint sts_endpoint_global source_kinds source_kinds_text sources_conflict sdk_method "
        "role_arn_problem mfa_serial_problem role_arn_partition mfa_serial_partition region_partition "
        "arn_partition_mismatch endpoint_url insecure_endpoint non_aws_endpoint mfa_ignored source_profile_missing "
        "source_profile_suggestion cycle cycle_text used_as_source_by yields_credentials sso_session_missing "
        "sso_session_suggestion sso_missing_keys sso_inconsistent_keys sso_legacy_keys services_missing "
        "services_empty services_suggestion generated_by credential_source_canonical credential_source_suggestion "
        "checksum_in_services checksum_settings_missing checksum_settings_missing_text go_v2_botocore_fails "
        "go_v2_refusal go_v2_refusal_key go_v2_refusal_text login_bridge login_only mfa_token_provider_needed "
        "process_recursion process_recursion_cycle process_recursion_target s3_endpoint_host sso_keys_beside_session "
        "credentials_unknown keychain_helper source_profile_missing_first source_profile_missing_count "
        "used_as_source_by_text sso_legacy_first sso_legacy_others mfa_roles_first mfa_roles_others tools_text",
    ),
    "environment": _classes(
        shape="env_keys env_key_id env_secret_key",
        public="aws_profile aws_default_profile profile_variables_differ profile_botocore profile_cli_v2 profile_sdk "
        "selected_profile missing_profiles missing_profiles_text suggestion shadowed_profile shadowed_method "
        "sdk_load_config config_only_profiles config_only_profiles_text default_profile_only",
    ),
    "suppression": _classes(public=" ".join(FACTS["suppression"])),
}
#: Option facts holding text of the option's value: null for a secret option.
_BLANK_VALUES: dict[str, Any] = {name: None for name, kind in FACT_CLASSES["option"].items() if kind == VALUE}


def fact_class(scope: str, name: str) -> str:
    """``public``, ``shape``, ``value``, or ``secret`` for a fact the table does not classify."""
    return FACT_CLASSES.get(scope, {}).get(name, "secret")
#: Option facts that can differ between the options of one ``OptionGroup``.
MEMBER_FACTS = frozenset({"section", "value", "value_shown"})


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
    node: Any = None  # the OptionNode / SectionNode / ParseIssue / Block itself (for fixes)
    # For a check whose `at` names a location that occurs several times (every swallowed line):
    # one subject per occurrence, each with its own facts and location.
    variants: dict[str, list[Subject]] = field(default_factory=dict)


def _variant(subject: Subject, overlay: dict[str, Any], where: str, location: Location) -> Subject:
    """A copy of ``subject`` with some facts replaced and ``at: where`` pointing at ``location``."""
    base = subject.locate

    def locate(name: str) -> Optional[Location]:
        return location if name == where else base(name)

    return replace(subject, facts={**subject.facts, **overlay}, locate=locate, variants={})


def _one_line(option: OptionNode) -> bool:
    """The value has one line of text (blank lines before the next section belong to the last
    option but add nothing: configparser drops them)."""
    lines = option.value_lines
    return len(lines) <= 1 or not any(part.text for part in lines[1:])


class OptionGroup:
    """Options whose facts are all equal but for ``MEMBER_FACTS``: a check that reads none of
    those is evaluated on ``subject`` alone and holds for every member or for none."""

    __slots__ = ("subject", "others", "_build", "_members")

    def __init__(self, subject: Subject, build: Callable[..., Subject]) -> None:
        self.subject = subject
        self.others: list[tuple[ParsedFile, SectionNode, OptionNode, Optional[str]]] = []
        self._build = build
        self._members: Optional[list[Subject]] = None

    @property
    def size(self) -> int:
        return 1 + len(self.others)

    def members(self) -> list[Subject]:
        """Every member's own subject, in file order (built on first use)."""
        if self._members is None:
            build = self._build
            self._members = [self.subject] + [build(*member) for member in self.others]
        return self._members


class Placeholders:
    """Documented example credentials and obvious fakes, from the rule data."""

    def __init__(self, data: dict[str, list[Any]]) -> None:
        self.key_ids = {str(v).lower() for v in data.get("placeholder_key_ids", [])}
        self.secrets = {str(v).lower() for v in data.get("placeholder_secrets", [])}
        patterns = data.get("placeholder_patterns", [])
        self.pattern: Any = None
        self._joined = "|".join(f"(?:{p})" for p in patterns)
        self._multiline: Any = None
        if patterns:
            # On one line `re` is linear with these patterns (tests/test_linear_time.py) and six
            # times faster; on a multi-line value '.*EXAMPLE.*' and '\{\{.*\}\}' are quadratic
            # there ("." stops at each newline and every split is retried): the linear engine,
            # compiled on the first such value.
            self.pattern = re.compile(self._joined, re.IGNORECASE)

    def _matches(self, value: Optional[str], known: set[str]) -> bool:
        if value is None:
            return False
        value = value.strip()
        if value.lower() in known:
            return True
        if self.pattern is None:
            return False
        if "\n" in value or "\r" in value:
            if self._multiline is None:
                from awslint.linear_regex import compile_pattern

                self._multiline = compile_pattern(rf"(?i)\A(?:{self._joined})\Z")
            return bool(self._multiline.search(value))
        return self.pattern.fullmatch(value) is not None

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


# botocore's provider order lives in model.py (botocore_sources), once.
_sources = botocore_sources
_sub_chain_method = sub_chain_method


def builder_for(view: View, data: dict[str, list[Any]], environ: Optional[Mapping[str, str]] = None) -> FactBuilder:
    """The view's FactBuilder for these rule data and environment, made on first use.

    It lives as long as the view: the second rule pass of a lint (suppression hygiene) reuses it,
    and the ``awslint`` command, which exits without freeing its objects (``cli.run``), does not
    pay for freeing a large config's references, chains and option groups either (~60 ms at
    10,000 profiles).
    """
    for known_data, known_environ, builder in view.builders:
        if known_data is data and known_environ is environ:
            return builder
    builder = FactBuilder(view, data, environ)
    view.builders.append((data, environ, builder))
    return builder


class FactBuilder:
    """Builds the subjects of every scope for one view."""

    def __init__(self, view: View, data: dict[str, list[Any]], environ: Optional[Mapping[str, str]] = None) -> None:
        from awslint.regions import Regions
        from awslint.setting_values import SettingValues

        self.view = view
        self.data = data
        self.environ = environ  # the process environment with --env, else None
        self.placeholders = Placeholders(data)
        self.regions = Regions(data)
        self.setting_values = SettingValues(data)
        self.iam_prefixes = {
            str(e["prefix"]).upper(): str(e.get("entity", "an IAM identifier"))
            for e in data.get("iam_id_prefixes", []) if isinstance(e, dict) and e.get("prefix")
        }
        # Config-file header -> botocore profile name, built once (sections are many).
        self._profile_of_section = {
            id(section): block.name for block in view.profiles.values() for section in block.config_sections
        }
        self._references: Optional[References] = None
        self._chains: Optional[ChainIndex] = None
        self._catalogue_memo: dict[tuple[Any, ...], dict[str, Any]] = {}  # see _option_subject
        self._resolver: Any = None  # resolve.Resolver, built for the first rule that names other tools

    def resolution(self, name: str) -> Any:
        """``awslint explain``'s answer for profile ``name`` (resolve.Resolution): rules that say
        what a tool does read the same per-tool answers explain prints."""
        if self._resolver is None:
            from awslint.resolve import Environment, Resolver

            env = Environment(dict(self.environ or {}), enabled=self.environ is not None)
            self._resolver = Resolver(self.view, env, self.data)
        return self._resolver.resolve(name)

    def _is_profile_section(self, f: ParsedFile, section: SectionNode) -> bool:
        return f.role == "credentials" or id(section) in self._profile_of_section

    @property
    def chains(self) -> ChainIndex:
        """Every profile's source_profile chain, computed together on first use."""
        if self._chains is None:
            from awslint.chains import ChainIndex

            self._chains = ChainIndex(self.view, {
                # botocore assumes each role of a chain with its own mfa_serial; a source that gives
                # its credentials directly (static keys first) assumes nothing and uses none.
                "mfa": lambda b: "mfa_serial" in b.settings and _assumes_role(b) and not _has_static(b),
                "sts_legacy": lambda b: b.value("sts_regional_endpoints") == "legacy",
            }, _sub_chain_method, self.references.graph)  # the walk AWS106's loops come from
        return self._chains

    @property
    def references(self) -> References:
        """Headers, the source_profile graph and known keys: built on first use, once per view."""
        if self._references is None:
            self._references = References(self.view, SettingsCatalog(self.data))
        return self._references

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

    def iter_subjects(self, scope: str, batch: int = 1024) -> Iterator[list[Subject]]:
        """The subjects of ``scope`` in order, ``batch`` at a time where they can be built so
        (profiles), else all at once."""
        if scope != "profile":
            yield self.subjects(scope)
            return
        blocks = list(self.view.profiles.values())
        for start in range(0, len(blocks), batch):
            built = (self._profile_subject(block) for block in blocks[start : start + batch])
            yield [subject for subject in built if subject is not None]

    def _suppression_subjects(self) -> list[Subject]:
        return []  # built by awslint.suppressions once the other rules have run

    def _environment_subjects(self) -> list[Subject]:
        from awslint.envfacts import environment_subjects

        return environment_subjects(self, self.environ)

    def _file_subjects(self) -> list[Subject]:
        from awslint.extra_facts import file_facts

        result = []
        for f in self.view.files:
            facts: dict[str, Any] = {"role": f.role, "path": f.path, "botocore_readable": f.botocore_error is None}
            extra, secret = file_facts(self, f)
            facts.update(extra)
            locations = {}
            if secret is not None:
                locations["secret"] = Location(f, secret.line, secret.column, secret.line, secret.key_end_column, secret.section.name)
            result.append(Subject("file", facts, Location(f, 1, 1, 1, 1), locate=locations.get))
        return result

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
        return Subject("parse_issue", facts, location, profile=profile, section=name, node=issue)

    def _section_profile_name(self, f: ParsedFile, section: SectionNode) -> Optional[str]:
        if f.role == "credentials":
            return section.name
        return self._profile_of_section.get(id(section))

    def _section_subjects(self) -> list[Subject]:
        result: list[Subject] = []
        append = result.append
        section_facts = self.references.section_facts
        profile_name = self._section_profile_name
        locate = self._section_location
        for f in self.view.files:
            role = f.role
            for section in f.sections:
                first = section.duplicate_of
                name = section.name
                profile = profile_name(f, section)
                facts = {
                    "name": name,
                    "file_role": role,
                    "duplicate": first is not None,
                    "first_line": first.line if first is not None else None,
                    "profile": profile,
                }
                section_facts(f, section, facts)  # stored into facts, in the order of a ``**`` merge
                append(Subject("section", facts, locate(f, section), profile=profile, section=name, node=section))
        return result

    def _option_subjects(self) -> list[Subject]:
        result = []
        for f in self.view.files:
            for section in f.sections:
                profile = self._section_profile_name(f, section)
                for option in section.options:
                    result.append(self._option_subject(f, section, option, profile))
        return result

    def option_groups(self) -> list[OptionGroup]:
        """The option subjects, one per group of options whose facts are all equal but for
        ``MEMBER_FACTS``.

        A one-line option's facts follow from its file, kind of section, key, delimiter and value
        line; a region's also from the profile's endpoint (non-AWS stores). For a key whose value
        no fact examines (an account id, a tool's marker) the value counts only through its
        shape (quoted, shaped like a credential, templated; for ``credential_process`` also what
        is wrong with the command). Key material depends
        on the section's other keys (placeholder pairs), duplicates on their first occurrence, and
        multi-line values and nested blocks have extra locations: each of those is its own group.
        """
        from awslint.endpoints import non_aws_endpoint, section_block

        from awslint.credentials_facts import templated
        from awslint.portability import PATH_KEYS, path_problem, process_problem

        groups: list[OptionGroup] = []
        by_key: dict[Any, OptionGroup] = {}
        # Keys whose facts read the value itself (besides MEMBER_FACTS, `secret`, `secret_like`,
        # `quoted` and credential_process's `process_problem`): regions and settings with value rules.
        value_keyed = set(_REGION_KEYS) | set(self.setting_values.specs)
        shapes: dict[str, tuple[bool, bool, bool]] = {}  # values repeat: judge each once
        refs = self.references
        build = self._option_subject
        for f in self.view.files:
            role = f.role
            for section in f.sections:
                profile = self._section_profile_name(f, section)
                kind = refs.header(section).kind
                is_profile = self._is_profile_section(f, section)
                for option in section.options:
                    name = option.name
                    lines = option.value_lines
                    if (
                        option.nested is not None
                        or option.duplicate_of is not None
                        or name in _CREDENTIAL_KEYS
                        or not _one_line(option)
                        or option.delimiter == ":"
                    ):
                        groups.append(OptionGroup(build(f, section, option, profile), build))
                        continue
                    value = option.value
                    line = lines[0].text if lines else None
                    if name in value_keyed or (line and ("#" in line or ";" in line)):
                        foreign = None
                        if is_profile and name in _REGION_KEYS:
                            foreign = non_aws_endpoint(self, section_block(self, role, section))
                        key: tuple[Any, ...] = (role, kind, is_profile, option.key, option.delimiter, value, line, foreign)
                    else:
                        # The value only shows through MEMBER_FACTS and these three.
                        shape = shapes.get(value)
                        if shape is None:
                            shape = shapes[value] = (is_quoted(value), looks_like_credential(value), templated(value))
                        # credential_process's and the path settings' facts read the value also
                        # through process_problem and path_problem.
                        problem: Any = None
                        if name == "credential_process":
                            problem = process_problem(value)
                        elif name in PATH_KEYS:
                            problem = path_problem(value)
                        key = (role, kind, is_profile, option.key, option.delimiter, shape, problem)
                    group = by_key.get(key)
                    if group is not None:
                        group.others.append((f, section, option, profile))
                    else:
                        group = by_key[key] = OptionGroup(build(f, section, option, profile), build)
                        groups.append(group)
        return groups

    def _option_subject(
        self, f: ParsedFile, section: SectionNode, option: OptionNode, profile: Optional[str]
    ) -> Subject:
        # A misspelt key (aws_secret_key) can still hold a secret: judge the name and the value's
        # shape too. The key id counts: rules only ever see it masked.
        secret = is_secret_key(option.name) or looks_like_credential(option.value)
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
        refs = self.references
        kind = refs.header(section).kind
        # The catalogue facts of a one-line option depend only on these (a large config repeats
        # the same start URL, session, output… in every profile): computed once per view. Not for
        # key material or regions, whose facts also depend on the section's other keys (placeholder
        # pair, non-AWS endpoint).
        memo_key = None
        # Nor `key: value` lines, whose facts read the line above (wrapped_value_of).
        if option.nested is None and _one_line(option) and option.name not in _SECTION_DEPENDENT and option.delimiter != ":":
            memo_key = (kind, self._is_profile_section(f, section), option.key, option.delimiter, option.value)
            known = self._catalogue_memo.get(memo_key)
            if known is not None:
                facts.update(known)
                if secret:
                    facts.update(_BLANK_VALUES)
                return Subject(
                    "option", facts, location,
                    locate=locations.get, profile=profile, section=section.name, key=option.name, node=option,
                )
        extra, places = option_facts(refs.catalog, kind, option)
        swallowed_all = places.pop("swallowed_all", [])
        for where, part in places.items():
            locations[where] = Location(f, part.line, part.column, part.line, part.column + len(part.text))
        from awslint.extra_facts import option_facts as catalogue_option_facts

        extra.update(catalogue_option_facts(self, f, section, option))
        if memo_key is not None and not places and not swallowed_all:
            self._catalogue_memo[memo_key] = extra
        facts.update(extra)
        if secret:  # the boundary: no text of a secret value reaches a rule, whatever computed it
            facts.update(_BLANK_VALUES)
        subject = Subject(
            "option", facts, location,
            locate=locations.get, profile=profile, section=section.name, key=option.name, node=option,
        )
        if len(swallowed_all) > 1:
            subject.variants["swallowed"] = [
                _variant(subject, overlay, "swallowed", Location(f, p.line, p.column, p.line, p.column + len(p.text)))
                for overlay, p in swallowed_all
            ]
        return subject

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
            profile=block.name, section=section.name, node=block,
        )

    def profile_facts(self, block: Block) -> dict[str, Any]:
        # Hot: 10,000 profiles in a generated config. Values come from the merged dict directly
        # (``settings[k].text`` is ``block.value(k)``: credentials-file keys win in both).
        settings = block.settings
        get = settings.get
        sources = _sources(block)
        key_setting = get(KEY_ID)
        key_id = None if key_setting is None else key_setting.text
        setting = get("aws_secret_access_key")
        secret = None if setting is None else setting.text
        templated_keys = False
        if key_id is not None or secret is not None:
            template_value = self._template_value
            templated_keys = template_value(key_setting) or template_value(setting)
        placeholder = False
        if (key_id is not None or secret is not None) and not templated_keys:
            placeholder = self.placeholders.pair(key_id, secret)
        kind = None if key_id is None else ("template" if templated_keys else "placeholder" if placeholder else key_kind(key_id))
        token = None
        for k in TOKEN_KEYS:
            if k in settings:
                # An empty token is no token: SigV4 sends none (botocore auth: `if credentials.token`).
                token = settings[k].text or None
                break
        # All chains at once (linear), not resolve_chain per profile (chain length squared).
        info = self.chains.info(block)
        # ChainInfo has Chain's end, end_method and error (all profile_credential_facts reads): no copy.
        chain = info
        end_block = self.view.profiles.get(chain.end) if chain.end else None
        chain_long_term = False
        if end_block is not None and chain.end_method in ("shared-credentials-file", "config-file"):
            # The provider reads the key pair from that one file, not from the merged view.
            values = end_block.credentials_values if chain.end_method == "shared-credentials-file" else end_block.config_values
            if self._template_value(values.get(KEY_ID)) and not any(k in values for k in TOKEN_KEYS):
                chain_long_term = True  # keys a template renders (a password manager's user keys)
            else:
                end_key, end_secret = (values[k].text if k in values else None for k in (KEY_ID, "aws_secret_access_key"))
                chain_long_term = key_kind(end_key) == "long-term" and not self.placeholders.pair(end_key, end_secret)
        method = sources[0] if sources else None
        sts_endpoint = self._sts_endpoint(block)
        region = get("region")
        regional = get("sts_regional_endpoints")
        flags = info.any_flags
        facts = {
            "name": block.name,
            "in_config": block.config_section is not None,
            "in_credentials": block.credentials_section is not None,
            "method": method,
            "sources": sources,
            "static_keys": key_id is not None,
            # The JS and Go SDKs take static keys only as a pair with values (js_sdk._static).
            "static_pair": bool(key_id and secret),
            "keys_in_credentials": KEY_ID in block.credentials_values,
            "keys_in_config": KEY_ID in block.config_values,
            "key_kind": kind,
            "key_id": None if key_id is None else ("rendered from a template" if templated_keys else mask(key_id)),
            "placeholder_keys": placeholder,
            "templated_keys": templated_keys,
            "session_token": token is not None,
            "token_origin_region": None if token is None else token_origin_region(token),
            "role": method == "assume-role",
            "sts_credentials": (method == "assume-role" and ("source_profile" in settings or "credential_source" in settings))
            or method == "assume-role-with-web-identity",
            "source_chain": info.profiles,  # a new list per info() call
            "source_chain_text": info.text,
            "chain_end": chain.end,
            "chain_end_method": chain.end_method,
            "chain_error": chain.error,
            "chain_long_term_keys": chain_long_term,
            "chain_mfa": "mfa_serial" in settings or flags["mfa"],
            "region": None if region is None else region.text,
            "sts_regional_endpoints": None if regional is None else regional.text,
            "chain_sts_legacy": flags["sts_legacy"],
            "sts_endpoint": sts_endpoint,
            "sts_endpoint_global": _is_global_sts(sts_endpoint) if sts_endpoint else False,
        }
        self.references.profile_facts(block, facts)  # stored into facts, in the order of a ``**`` merge
        credential_facts = self.__dict__.get("_profile_credential_facts")
        if credential_facts is None:  # imported once per builder: an import statement per profile costs more
            from awslint.credentials_facts import profile_credential_facts

            credential_facts = self.__dict__["_profile_credential_facts"] = profile_credential_facts
        credential_facts(self, block, facts, chain, facts)
        tool_facts = self.__dict__.get("_profile_tool_facts")
        if tool_facts is None:
            from awslint.toolsupport import profile_tool_facts

            tool_facts = self.__dict__["_profile_tool_facts"] = profile_tool_facts
        tool_facts(self, block, facts)
        return facts

    @property
    def _template_value(self) -> Callable[[Optional[Setting]], bool]:
        from awslint.credentials_facts import template_value

        return template_value

    def _sts_endpoint(self, block: Block) -> Optional[str]:
        """[services X] sts.endpoint_url beats the profile's endpoint_url (configprovider)."""
        get = block.settings.get  # merged: .text is block.value
        services_setting = get("services")
        if services_setting is not None:
            services = self.view.services.get(services_setting.text)
            if services is not None:
                sts = services.config_values.get("sts")
                if sts is not None and isinstance(sts.value, dict) and "endpoint_url" in sts.value:
                    return sts.value["endpoint_url"]
        endpoint = get("endpoint_url")
        return None if endpoint is None else endpoint.text


def _is_global_sts(url: Optional[str]) -> bool:
    if not url:
        return False
    try:
        host = urlsplit(url if "://" in url else f"https://{url}").hostname
    except ValueError:
        return False
    return host == GLOBAL_STS_HOST
