"""Option facts from the settings data: is the key a known setting, what its value swallows.

The knowledge (which keys are settings, per kind of section) is ``aws.settings_catalog``'s;
this module turns it into facts of one option.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from awslint.aws.settings_catalog import KeyInfo, is_quoted, nested_kind
from awslint.facts.registry import Fact, provides

if TYPE_CHECKING:
    from awslint.facts.builder import FactBuilder
    from awslint.syntax.parse import OptionNode, ParsedFile, SectionNode

# A continuation line that looks like a header, or like ``name = value`` / ``name: value``.
HEADER_LINE = re.compile(r"^\[.*\]")
# The key is group 1 with its trailing blanks stripped: a lazy key followed by ``\s*`` retried
# the blanks from every position (55 s on ``a`` + 100,000 spaces + ``b``); greedy up to the first
# delimiter, then ``rstrip``, is the same key in one pass.
KEY_LINE = re.compile(r"^([^=:\s\[][^=:]*)[=:]")
SHOWN_NESTED = 5  # unknown nested keys named in one message


@provides(
    "option",
    Fact("raw_key", "the key exactly as written (in a message, `{key}` shows the lower-cased name)", public=True),
    Fact("delimiter", "the separator after the key: `=` or `:`", public=True),
    Fact("quoted", "true when the whole value is wrapped in one pair of matching quotes", shape=True),
    Fact("section_kind", "the kind of section the key is in (as the section fact `section_kind`)", public=True),
    Fact(
        "key_status",
        "`known`, `alias` (legacy name), `dead` (documented, read by nothing), `tool` (written by a helper "
        "tool), `allowed` (in the data list `allowed_keys`), `unknown` (a likely typo of a known name, a "
        "setting of another kind of section, or not a name's shape), `unlisted` (shaped like a real name and "
        "near none: newer than awslint's data?), or null where keys are free-form",
        public=True,
    ),
    Fact("key_suggestion", "the nearest known key for an unknown or unlisted key, or null", public=True),
    Fact(
        "key_suggestion_unique",
        "true when the key is a likely typo of the suggestion and of no other known key (one edit inside the "
        "name, or case and separators; the fix renames only then)",
        public=True,
    ),
    Fact(
        "reference_data",
        "where awslint's lists of settings, services and regions come from (`botocore 1.44.18`)",
        public=True,
    ),
    Fact("key_tool", "the helper tool that writes this key, or null", public=True),
    Fact("key_alias_of", "the current name of a legacy alias, or null", public=True),
    Fact("key_replacement", "the name that works instead of a dead one, or null", public=True),
    Fact("key_note", "a note from the settings data on an alias or dead name, or null", public=True),
    Fact("swallowed_header", "an indented `[header]` line that botocore appends to this value, or null", public=True),
    Fact("swallowed_key", "a known key on an indented line that botocore appends to this value, or null", public=True),
    Fact("swallowed_line", "the line number of that swallowed line, or null", public=True),
    Fact(
        "nested_unknown",
        "keys of this nested block (`s3 =`, `emr =`, service blocks…) that nothing reads",
        public=True,
    ),
    Fact("nested_unknown_text", "those keys quoted, each with its did-you-mean, or null", public=True),
    # One-line values show here only through `quoted`; nested blocks and swallowed lines are
    # multi-line options, each in a group of its own.
    value_shapes={"*": is_quoted},
)
def key_facts(
    builder: FactBuilder, f: ParsedFile, section: SectionNode, option: OptionNode, facts: dict[str, Any], places: dict[str, Any]
) -> None:
    """Facts about one option's key and value, and extra locations (``swallowed``, ``nested``:
    the ``ValueLine``; ``swallowed_all``: every swallowed line with its facts)."""
    refs = builder.references
    catalog = refs.catalog
    section_kind = refs.header(section).kind
    value = option.value
    single = "\n" not in value
    quoted = single and is_quoted(value)
    check_kind = {"profile": "profile", "defaults": "profile", "sso-session": "sso-session", "services": "services"}.get(
        section_kind
    )
    info = catalog.classify(check_kind, option.name) if check_kind else None
    if (
        info is not None
        and check_kind == "profile"
        and value.startswith("\n")
        and nested_kind(catalog, section_kind, option.name) == "service-profile-block"
    ):
        info = KeyInfo("known")  # a service's block: botocore reads its signature_version
    facts.update({
        "raw_key": option.key,
        "delimiter": option.delimiter,
        "quoted": quoted,
        "section_kind": section_kind,
        "key_status": info.status if info else None,
        "key_suggestion": info.suggestion if info else None,
        "key_suggestion_unique": bool(info and info.suggestion_unique),
        "key_tool": info.tool if info else None,
        "key_alias_of": info.alias_of if info else None,
        "key_replacement": info.replacement if info else None,
        "key_note": info.note if info else None,
        "reference_data": catalog.source,
        "swallowed_header": None,
        "swallowed_key": None,
        "swallowed_line": None,
        "nested_unknown": [],
        "nested_unknown_text": None,
    })
    block_kind = nested_kind(catalog, section_kind, option.name) if value.startswith("\n") else None
    profile_keys = catalog.all_setting_names
    unknown: list[str] = []
    seen: set[str] = set()
    described: list[str] = []
    swallowed: list[tuple[dict[str, Any], Any]] = []  # every swallowed line: (its facts, its ValueLine)
    for part in option.value_lines[1:]:
        text = part.text
        if not text:
            continue
        if HEADER_LINE.match(text):
            swallowed.append(({"swallowed_header": text, "swallowed_key": None, "swallowed_line": part.line}, part))
        elif block_kind is None:
            match = KEY_LINE.match(text)
            named = match.group(1).rstrip().lower() if match else None
            if named is not None and named in profile_keys:
                overlay = {"swallowed_header": None, "swallowed_key": named, "swallowed_line": part.line}
                swallowed.append((overlay, part))
        if block_kind is not None and block_kind != "api_versions" and "=" in text:
            key = text.partition("=")[0].strip()
            nested_info = catalog.classify(block_kind, key)
            if nested_info.status == "unknown" and key not in seen:
                seen.add(key)
                unknown.append(key)
                if len(described) < SHOWN_NESTED:
                    hint = f" (did you mean '{nested_info.suggestion}'?)" if nested_info.suggestion else ""
                    described.append(f"'{key}'{hint}")
                places.setdefault("nested", part)
    if swallowed:
        facts.update(swallowed[0][0])
        places["swallowed"] = swallowed[0][1]
        places["swallowed_all"] = swallowed  # the builder makes one subject per line (AWS009)
    if len(unknown) > SHOWN_NESTED:
        described.append(f"and {len(unknown) - SHOWN_NESTED} more")
    facts["nested_unknown"] = unknown
    facts["nested_unknown_text"] = ", ".join(described) or None
