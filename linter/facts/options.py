"""Option and file facts for the credential, region, value and portability rules.

The builder (``facts.builder``) calls in here; the knowledge lives in ``facts.credentials``,
``aws.regions``, ``aws.setting_values``, ``facts.process_and_path_values`` and ``files.filemeta``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Optional

from awslint.credential_keys import KEY_ID, SECRET, TOKEN_KEYS
from awslint.facts.credentials import key_material_problem, secret_like
from awslint.files.templates import templated
from awslint.files.filemeta import file_meta, folder_open_bits, in_repository, octal_text, open_bits
from awslint.redaction import looks_like_credential
from awslint.facts.process_and_path_values import PATH_KEYS, path_problem, process_problem
from awslint.files.templates import is_template
from awslint.facts.registry import WHOLE_SECTION, Fact, provides

if TYPE_CHECKING:
    from awslint.facts.builder import FactBuilder
    from awslint.syntax.parse import OptionNode, ParsedFile, SectionNode

SECRET_NAMES = (SECRET,) + TOKEN_KEYS
_SECRET_NAME = re.compile(r"secret|token|key|password")
REGION_KEYS = ("region", "sso_region")
# Shape problems that only mean something for AWS's own key formats and region names.
FOREIGN_SHAPES = ("iam-id", "malformed-key-id", "malformed-secret")
FOREIGN_REGION = ("unknown", "pattern", "availability-zone", "global")
# botocore.utils.validate_region_name: any endpoint needs the region to be a host label.
HOST_LABEL = re.compile(r"^(?![0-9]+$)(?!-)[a-zA-Z0-9-]{,63}(?<!-)$")


def section_is_placeholder(builder: FactBuilder, section: SectionNode, template: bool = False) -> bool:
    """The section's key pair (or its token) is a documented example or obvious fake. In a
    template file (``template``) a template expression is no placeholder: a secret is rendered there."""
    cache: dict[int, bool] = builder.per_view("placeholder_sections", dict)
    known = cache.get(id(section))
    if known is None:
        values = {o.name: o.value for o in section.options}
        key_id, secret = values.get(KEY_ID), values.get(SECRET)
        if template and (templated(key_id) or templated(secret)):
            cache[id(section)] = False
            return False
        known = builder.placeholders.pair(key_id, secret)
        if not known and key_id is None and secret is None:
            token = next((values[k] for k in TOKEN_KEYS if k in values), None)
            known = builder.placeholders.pair(token, None) or builder.placeholders.pair(None, token)
        cache[id(section)] = known
    return known


def is_profile_section(builder: FactBuilder, f: ParsedFile, section: SectionNode) -> bool:
    if f.role == "credentials":
        return True
    return builder.profile_of_section(section) is not None


#: How messages name the tools of ``not_read_by`` in rules/data/settings.yaml.
TOOL_TITLES = {"go-v2": "the Go SDK v2", "js-v3": "the JS SDK v3", "rust": "the Rust SDK", "java-v2": "the Java SDK v2"}


def not_read_by(builder: FactBuilder, key: str) -> Optional[str]:
    """The tools that ignore a profile setting (``not_read_by`` in the settings data), as text."""
    table: dict[str, str] = builder.per_view("not_read_by", lambda: {
        str(item["key"]): " or ".join(TOOL_TITLES.get(str(t), str(t)) for t in item["not_read_by"])
        for item in builder.data.get("profile_settings", [])
        if isinstance(item, dict) and item.get("not_read_by") and "key" in item
    })
    return table.get(key)


def _foreign_endpoint(builder: FactBuilder, f: ParsedFile, section: SectionNode) -> Optional[str]:
    """What a region's facts read of its section: the profile's endpoint outside AWS."""
    if not is_profile_section(builder, f, section):
        return None
    return builder.non_aws_endpoint(builder.section_block(f.role, section))


@provides(
    "option",
    Fact(
        "profile_section",
        "true when the section is a profile (config `[default]`/`[profile X]`, any credentials section)",
        public=True,
    ),
    Fact(
        "secret_like",
        "true when the key's name (secret, token, password, key… also misspelt) or its value looks like a "
        "secret",
        shape=True,
    ),
    Fact(
        "placeholder_credential",
        "true for a credential key whose section holds documented example or fake keys",
        shape=True,
    ),
    Fact(
        "template_value",
        "true when the value is a template expression (`{{ … }}`, `${…}`) in a `*.tmpl` file: unknown until "
        "rendered, never judged by its shape",
        shape=True,
    ),
    Fact(
        "key_material_problem",
        "what is wrong with a key id, secret or token's shape: `empty`, `quotes`, `whitespace`, `iam-id`, "
        "`malformed-key-id`, `malformed-secret`, or null",
        shape=True,
    ),
    Fact(
        "iam_id_entity",
        "for `iam-id`: what the pasted IAM unique ID identifies (`an IAM role's unique ID`)",
        shape=True,
    ),
    Fact(
        "region_status",
        "for `region`/`sso_region`: `known`, `empty`, `pattern` (newer than the data), `availability-zone`, "
        "`global`, `wrapped` (quotes or comment), `placeholder` (`REGION`, `<region>`, `${AWS_REGION}`…), "
        "`non-aws` (a host label that is not an AWS region, in a profile whose endpoint is outside AWS) or "
        "`unknown`; else null",
        public=True,
    ),
    Fact("region_suggestion", "` (did you mean 'x'?)` with the nearest known region, or empty", public=True),
    Fact("zone_region", "the region of an availability zone value, or null", public=True),
    Fact(
        "setting_problem",
        "true when an enumerated, boolean or numeric setting (or one in the `s3` block) has a bad value",
        public=True,
    ),
    Fact("setting_name", "the setting with the bad value (`s3.addressing_style` inside the block)", public=True),
    Fact("setting_value", "the bad value (shortened)", value=True),
    Fact("setting_expected", "what the setting accepts", public=True),
    Fact("setting_effect", "what goes wrong with the bad value", public=True),
    Fact("setting_fix", "the sentence saying what to write instead", value=True),
    Fact(
        "process_problem",
        "for `credential_process`: `empty`, `unbalanced-quotes`, `shell`, `tilde`, `relative`, or null",
        public=True,
    ),
    Fact("process_detail", "the shell feature or relative executable found", value=True),
    Fact(
        "path_problem",
        "for a path setting (`ca_bundle`, `web_identity_token_file`) of a profile: `tilde`, `variable` "
        "(`$VAR`, `${VAR}`, `%VAR%`), `relative`, or null",
        public=True,
    ),
    Fact("path_detail", "the variable found in the path, or null", value=True),
    Fact(
        "key_not_read_by",
        "the tools that ignore this profile setting (`not_read_by` in the settings data), as text, or null",
        public=True,
    ),
    Fact(
        "non_aws_endpoint",
        "for a credential or region key of a profile: the host of its endpoint outside AWS (`endpoint_url` or "
        "a `[services]` block; loopback included), or null",
        public=True,
    ),
    Fact(
        "wrapped_value_of",
        "for a `key: value` line right under a key with an empty value, when the key is nothing any tool "
        "reads: that key (the line is its value wrapped onto the next line), else null",
        public=True,
    ),
    # Key material reads the section's key pair (placeholders) and endpoint; a region, the endpoint.
    reads_section={
        **{name: WHOLE_SECTION for name in (KEY_ID,) + SECRET_NAMES},
        **{name: _foreign_endpoint for name in REGION_KEYS},
    },
    value_keys=lambda builder: REGION_KEYS + tuple(builder.setting_values.specs),
    value_shapes={
        "*": (templated, looks_like_credential),  # template_value, secret_like
        "credential_process": process_problem,
        **{name: path_problem for name in PATH_KEYS},
    },
)
def option_facts(
    builder: FactBuilder, f: ParsedFile, section: SectionNode, option: OptionNode, facts: dict[str, Any], places: dict[str, Any]
) -> None:
    """The option facts of this module, stored into ``facts``."""
    credential = option.name in (KEY_ID,) + SECRET_NAMES
    template = is_template(f.source.path)
    placeholder = credential and section_is_placeholder(builder, section, template)
    problem, entity = key_material_problem(option.name, option.value, placeholder, builder.iam_prefixes)
    facts.update({
        "profile_section": is_profile_section(builder, f, section),
        "secret_like": secret_like(option.name, option.value),
        "placeholder_credential": placeholder,
        "template_value": template and templated(option.value),
        "key_material_problem": problem,
        "iam_id_entity": entity,
        "region_status": None,
        "region_suggestion": "",
        "zone_region": None,
        "setting_problem": False,
        "setting_name": None,
        "setting_value": None,
        "setting_expected": None,
        "setting_effect": None,
        "setting_fix": None,
        "process_problem": None,
        "process_detail": None,
        "path_problem": None,
        "path_detail": None,
        "key_not_read_by": None,
    })
    if facts["profile_section"]:
        facts["key_not_read_by"] = not_read_by(builder, option.name)
    if option.name in PATH_KEYS and option.nested is None and facts["profile_section"]:
        # Before the template check: '${HOME}' is a variable botocore does not expand (AWS307).
        variant, detail = path_problem(option.value)
        facts.update(path_problem=variant, path_detail=detail)
    foreign = None
    if facts["profile_section"] and (credential or option.name in REGION_KEYS):
        foreign = builder.non_aws_endpoint(builder.section_block(f.role, section))
    facts["non_aws_endpoint"] = foreign
    if foreign is not None and problem in FOREIGN_SHAPES:
        # An S3-compatible store (R2, Spaces, MinIO) has key formats of its own.
        facts.update(key_material_problem=None, iam_id_entity=None)
    if templated(option.value):
        return  # rendered by chezmoi, Ansible, envsubst… before any AWS tool reads it
    if option.name in REGION_KEYS and option.nested is None:
        check = builder.regions.check(option.value)
        facts.update(region_status=check.status, region_suggestion=check.suggestion, zone_region=check.region_of_zone)
        if check.status == "unknown" and placeholder_region(builder, option.value):
            facts.update(region_status="placeholder", region_suggestion="")
        if foreign is not None and check.status in FOREIGN_REGION and HOST_LABEL.match(option.value.strip()):
            # Its own region names (auto, nyc3); botocore only needs a host label.
            facts.update(region_status="non-aws", region_suggestion="")
    if facts["profile_section"] and not credential:
        bad = None
        if option.nested is not None:
            for key, value in option.nested.items():
                bad = builder.setting_values.check(f"{option.name}.{key.lower()}", value)
                if bad is not None:
                    break
        else:
            bad = builder.setting_values.check(option.name, option.value)
        if bad is not None:
            shown = "(hidden)" if looks_like_credential(bad.value) else bad.value
            facts.update(
                setting_problem=True, setting_name=bad.setting, setting_value=shown,
                setting_expected=bad.expected, setting_effect=bad.effect, setting_fix=bad.fix,
            )
    facts["wrapped_value_of"] = wrapped_value_of(builder, section, option) if option.delimiter == ":" else None
    if option.name == "credential_process" and option.nested is None:
        variant, detail = process_problem(option.value)
        facts.update(process_problem=variant, process_detail=detail)


# REGION, AWS_REGION, YOUR_REGION, aws-region, region_name…: a documentation placeholder.
_REGION_WORD = re.compile(r"((your|my)[-_ ]?)?(aws[-_ ]?)?(default[-_ ]?)?region([-_ ]?(name|code|here))?", re.IGNORECASE)


def placeholder_region(builder: FactBuilder, value: str) -> bool:
    """A region value that is a placeholder from a copied example (``REGION``, ``<region>``,
    ``${AWS_REGION}``, ``{region}``, ``%AWS_REGION%``), not a mistyped region code."""
    text = value.strip()
    pattern = builder.placeholders.pattern
    return bool(_REGION_WORD.fullmatch(text) or (pattern is not None and pattern.fullmatch(text)))


def wrapped_value_of(builder: FactBuilder, section: SectionNode, option: OptionNode) -> Optional[str]:
    """The key whose value this ``x: …`` line probably is: the option on the line just above has
    an empty value and this key is nothing any tool reads (``role_arn =`` then ``arn:aws:…``)."""
    options = section.options
    # Each option's position, once per section: a section of many `key: value` lines stays linear.
    positions: dict[int, dict[int, int]] = builder.per_view("option_positions", dict)
    index = positions.get(id(section))
    if index is None:
        index = positions[id(section)] = {id(o): i for i, o in enumerate(options)}
    at = index.get(id(option), 0)
    if at == 0:
        return None
    before = options[at - 1]
    if before.value.strip() or before.end_line != option.line - 1 or before.nested is not None:
        return None
    status = builder.references.catalog.classify("profile", option.name).status
    return before.key if status in ("unknown", "unlisted") else None


def _first_secret(builder: FactBuilder, f: ParsedFile) -> Optional[OptionNode]:
    """The first line holding a real secret: a secret key (or a value shaped like one) whose
    section is not a placeholder pair. A template file's expressions are not secrets: the
    rendered file holds them, not this one."""
    template = is_template(f.source.path)
    kinds: dict[str, int] = {}  # per key name: 2 a secret key, 1 a name that may hold one, 0 neither
    for section in f.sections:
        for option in section.options:
            name = option.name
            kind = kinds.get(name)
            if kind is None:
                # A misspelt secret key (aws_secret_key) still holds a secret; a long region or
                # path that merely has a token's shape does not.
                misspelt = name != KEY_ID and _SECRET_NAME.search(name) is not None
                kind = kinds[name] = 2 if name in SECRET_NAMES else int(misspelt)
            if not kind or not option.value.strip() or (template and templated(option.value)):
                continue
            secret = kind == 2 or looks_like_credential(option.value)
            if secret and not section_is_placeholder(builder, section):
                return option
    return None


@provides(
    "file",
    Fact(
        "holds_secrets",
        "true when the file holds a secret key or session token that is not a placeholder",
        shape=True,
    ),
    Fact("mode", "the file's permission bits in octal (`0644`), or null (Windows, or not read from disk)", public=True),
    Fact("mode_open", "true when group or others have any permission on the file", public=True),
    Fact("folder", "the folder holding the file, as shown", public=True),
    Fact("folder_mode", "the folder's permission bits in octal, or null", public=True),
    Fact("folder_open", "true when group or others can write to the folder", public=True),
    Fact(
        "git",
        "for a file with secrets in a git work tree: `tracked` (committed), `staged` (added, not yet "
        "committed), `untracked` (git would add it) or `ignored`; else null",
        shape=True,
    ),
    Fact(
        "repository_copy",
        "for a file with secrets: true when it is a copy kept in a repository (a git work tree, a chezmoi "
        "`private_` or `dot_aws` source), not the file the tools read (`~/.aws/…`, the `AWS_*_FILE` "
        "variables): the mode that matters is the installed copy's",
        public=True,
    ),
)
def file_facts(builder: FactBuilder, f: ParsedFile) -> tuple[dict[str, Any], Optional[OptionNode]]:
    """Facts added to the file scope, and the first secret's line (for ``at: secret``)."""
    secret = _first_secret(builder, f)
    meta = file_meta(f.source, want_git=secret is not None)
    facts = {
        "holds_secrets": secret is not None,
        "mode": octal_text(meta.mode),
        "mode_open": open_bits(meta.mode),
        "folder": meta.folder,
        "folder_mode": octal_text(meta.folder_mode),
        "folder_open": folder_open_bits(meta.folder_mode),
        "git": meta.git if secret is not None else None,
        "repository_copy": in_repository(f.source) if secret is not None else False,
    }
    return facts, secret
