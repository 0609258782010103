"""The fact catalogue: every fact a rule can read, per scope, and how secret each one is.

Data only, so that the rule loader, the fix validator and the docs can read it without importing
the code that computes the facts (``facts.FactBuilder`` and its helper modules).
"""

from __future__ import annotations

#: Placeholders a message or fix template may name besides the scope's facts: the subject itself.
SUBJECT_PLACEHOLDERS = ("profile", "section", "key", "path")

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
        # linter/facts/references.py
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
        # linter/aws/settings_catalog.py
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
        # linter/facts/references.py
        "source_profile_missing": "true when `source_profile` names a profile defined in neither file",
        "source_profile_suggestion": "the existing profile name nearest to a missing `source_profile`, or null",
        "cycle": "on the first profile (in file order) of a `source_profile` loop: the loop's profiles, else empty",
        "used_as_source_by": "role profiles whose `source_profile` names this profile",
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
        # linter/aws/toolsupport.py (one model with `awslint explain`'s notes)
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
        "checksum_in_services": "true when a checksum setting is written inside the profile's `[services]` section, "
        "where botocore ignores it",
        "sso_keys_beside_session": "`sso_start_url`/`sso_region` in a profile that sets `sso_session`, with the "
        "session's value or one the session lacks (the Rust SDK rejects both)",
    },
    # One subject per layout, only with --env (or an example's `env:`); see linter/facts/environment.py.
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
        "suggestion": "` (did you mean 'x'?)` for the first missing profile, or empty",
        "shadowed_profile": "the profile the environment keys hide (the selected one, else `default`)",
        "shadowed_method": "what that profile would give with an explicit `--profile`, or null",
        "sdk_load_config": "true when `AWS_SDK_LOAD_CONFIG` is set (not empty)",
        "config_only_profiles": "role or SSO profiles that only the config file defines",
    },
    # Computed after the other rules by linter/report/suppressions.py (AWS9xx need their findings).
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
        value="comment_text value_before_comment value setting_value setting_fix process_detail path_detail",
    ),
    "profile": _classes(
        shape="static_keys keys_in_credentials keys_in_config key_kind key_id placeholder_keys session_token "
        "token_origin_region chain_long_term_keys credentials_key_kind config_key_kind credentials_key_id "
        "config_key_id partial_credentials partial_reached keys_file keys_token token_expiry_key token_expiry "
        "token_expired token_expiry_invalid real_credentials non_aws_keys templated_keys static_pair",
        public="name in_config in_credentials method sources role sts_credentials source_chain source_chain_text "
        "chain_end chain_end_method chain_error chain_mfa region sts_regional_endpoints chain_sts_legacy "
        "sts_endpoint sts_endpoint_global source_kinds sources_conflict sdk_method "
        "role_arn_problem mfa_serial_problem role_arn_partition mfa_serial_partition region_partition "
        "arn_partition_mismatch endpoint_url insecure_endpoint non_aws_endpoint mfa_ignored source_profile_missing "
        "source_profile_suggestion cycle used_as_source_by yields_credentials sso_session_missing "
        "sso_session_suggestion sso_missing_keys sso_inconsistent_keys sso_legacy_keys services_missing "
        "services_empty services_suggestion generated_by credential_source_canonical credential_source_suggestion "
        "checksum_in_services checksum_settings_missing go_v2_botocore_fails "
        "go_v2_refusal go_v2_refusal_key go_v2_refusal_text login_bridge login_only mfa_token_provider_needed "
        "process_recursion process_recursion_cycle process_recursion_target s3_endpoint_host sso_keys_beside_session "
        "credentials_unknown keychain_helper source_profile_missing_first source_profile_missing_count "
        "sso_legacy_first sso_legacy_others mfa_roles_first mfa_roles_others tools_text",
    ),
    "environment": _classes(
        shape="env_keys env_key_id env_secret_key",
        public="aws_profile aws_default_profile profile_variables_differ profile_botocore profile_cli_v2 profile_sdk "
        "selected_profile missing_profiles suggestion shadowed_profile shadowed_method "
        "sdk_load_config config_only_profiles default_profile_only",
    ),
    "suppression": _classes(public=" ".join(FACTS["suppression"])),
}


def fact_class(scope: str, name: str) -> str:
    """``public``, ``shape``, ``value``, or ``secret`` for a fact the table does not classify."""
    return FACT_CLASSES.get(scope, {}).get(name, "secret")


#: Option facts that can differ between the options of one ``OptionGroup``.
MEMBER_FACTS = frozenset({"section", "value"})
