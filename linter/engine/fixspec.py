"""The ``fix:`` block of a rule: its schema, its validation (``validate_fix``) and the validated
form (``FixSpec``, ``EditSpec``), apart from the planner in ``fix.plan``.

The cached rule set (engine/cache.py) holds these objects, so unpickling it imports their module:
keeping them here means a plain lint run does not import ``awslint.fix.plan`` (the planner) unless
a finding actually has a fix to plan; and the rule loader (``ruleset``) validates a fix block
without importing the planner, which plans fixes from the rules (one direction only).
``awslint.fix.plan`` re-exports ``EditSpec`` and ``FixSpec``.
"""

from __future__ import annotations

import re
from typing import Any

from awslint.distance import suggest
from awslint.engine.render import TemplateError, names
from awslint.facts.catalog import FACTS, SUBJECT_PLACEHOLDERS, replaced_hint
from awslint.credential_keys import CREDENTIAL_KEYS
from awslint.standins.records import dataclass

SAFETY = ("safe", "unsafe")
FIX_KEYS = ("safety", "description", "edits", "when")
#: Every edit and the parameters it takes (``op`` aside); required ones in REQUIRED_PARAMS.
OPS: dict[str, tuple[str, ...]] = {
    "set-value": ("value", "key"),
    "rename-key": ("to", "key"),
    "set-delimiter": ("to", "key"),
    "move-comment-above": ("key",),
    "rename-section": ("to",),
    "dedent": (),
    "delete-line": (),
    "remove-bom": (),
    "chmod": ("clear", "target"),
    "move-to-config": (),
    "add-setting": ("key", "value"),
}
REQUIRED_PARAMS = {
    "set-value": ("value",), "rename-key": ("to",), "set-delimiter": ("to",), "rename-section": ("to",),
    "chmod": ("clear",), "add-setting": ("key", "value"),
}
#: Scopes an edit needs (the subject's own option/section, or a named key); absent = any scope,
#: where the edit works on the finding's line (or file).
OP_SCOPES = {
    "set-value": ("option", "profile"),
    "rename-key": ("option", "profile"),
    "set-delimiter": ("option", "profile"),
    "rename-section": ("section", "profile"),
    "move-to-config": ("option",),
    "add-setting": ("profile",),
}
CHMOD_TARGETS = ("file", "folder")
TEMPLATE_PARAMS = ("value", "to")
#: Facts that could carry key material (masked or not): never allowed in a fix template.
FORBIDDEN_FACTS = frozenset({"key_id"})
DELIMITERS = {"=": " = ", ":": ": "}


@dataclass
class EditSpec:
    op: str
    params: dict[str, Any]
    line: int


@dataclass
class FixSpec:
    """A validated ``fix:`` block."""

    safety: str
    description: str
    edits: list[EditSpec]
    when: Any = None  # a ruleset.Condition, or None
    line: int = 0


# -- load time ----------------------------------------------------------------------------


def validate_fix(validator: Any, raw: Any, scope: str, line: int) -> FixSpec:
    """Turn a ``fix:`` mapping into a FixSpec; ``validator`` is the ruleset's ``_Validator``."""
    v = validator
    v.expect(raw, dict, line, "'fix'")
    v.check_keys(raw, FIX_KEYS, "'fix'")
    line = v.line_of(raw) or line
    for required in ("safety", "description", "edits"):
        if required not in raw:
            raise v.fail(line, f"'fix' is missing '{required}'")
    safety = raw["safety"]
    if safety not in SAFETY:
        raise v.fail(v.line_of(raw, "safety"), f"unknown safety '{safety}'{suggest(safety, SAFETY)}; allowed: safe, unsafe")
    description = v.expect(raw["description"], str, v.line_of(raw, "description"), "'fix.description'")
    known = set(FACTS[scope]) | set(SUBJECT_PLACEHOLDERS)

    def check_template(text: str, where: int, what: str) -> None:
        try:
            used = names(text, what)
        except TemplateError as error:
            raise v.fail(where, str(error)) from None
        for name in used:
            if name in FORBIDDEN_FACTS or (name.startswith("keys.") and name[5:].lower() in CREDENTIAL_KEYS):
                raise v.fail(where, f"{what} may not use '{{{name}}}': a fix never writes or prints a credential")
            v.no_secret_placeholder(name, scope, where, what)
            is_setting = name.startswith("keys.") and scope == "profile" and len(name) > 5
            if not is_setting and name not in known:
                hint = replaced_hint(name) or suggest(f"{{{name}}}", [f"{{{k}}}" for k in known])
                raise v.fail(where, f"unknown placeholder '{{{name}}}' in {what}{hint}")

    v.plain_text(description, v.line_of(raw, "description"), "'fix.description'")
    check_template(description, v.line_of(raw, "description"), "'fix.description'")
    raw_edits = v.expect(raw["edits"], list, v.line_of(raw, "edits"), "'fix.edits'")
    if not raw_edits:
        raise v.fail(v.line_of(raw, "edits"), "'fix.edits' must list at least one edit")
    edits = []
    for index, item in enumerate(raw_edits):
        where = v.item_line(raw_edits, index, v.line_of(raw, "edits"))
        v.expect(item, dict, where, "an edit")
        where = v.line_of(item) or where
        op = item.get("op")
        if op not in OPS:
            raise v.fail(where, f"unknown edit op '{op}'{suggest(str(op), OPS)}; allowed: {', '.join(OPS)}")
        if op in OP_SCOPES and scope not in OP_SCOPES[op]:
            raise v.fail(where, f"edit '{op}' is not available in scope '{scope}' (only in: {', '.join(OP_SCOPES[op])})")
        v.check_keys(item, ("op",) + OPS[op], f"edit '{op}'")
        for required in REQUIRED_PARAMS.get(op, ()):
            if required not in item:
                raise v.fail(where, f"edit '{op}' needs '{required}'")
        params = {k: item[k] for k in OPS[op] if k in item}
        for name in TEMPLATE_PARAMS:
            if name in params:
                v.expect(params[name], str, v.line_of(item, name), f"'{name}'")
                check_template(params[name], v.line_of(item, name), f"edit '{op}'")
        if "key" in OPS[op]:
            key = params.get("key")
            if scope == "profile" and key is None:
                raise v.fail(where, f"edit '{op}' in scope 'profile' needs 'key' (the setting to edit)")
            if key is not None:
                if scope != "profile":
                    raise v.fail(v.line_of(item, "key"), f"'key' is only available in scope 'profile' (this rule's scope is '{scope}')")
                v.expect(key, str, v.line_of(item, "key"), "'key'")
                name, _, which = key.partition("@")
                if which and which not in ("config", "credentials"):
                    raise v.fail(v.line_of(item, "key"), f"unknown file '@{which}'{suggest(which, ('config', 'credentials'))}; allowed: @config, @credentials")
                if name.lower() in CREDENTIAL_KEYS:
                    raise v.fail(v.line_of(item, "key"), f"a fix may not edit '{name}': a fix never writes, moves or prints a credential")
        if op == "set-delimiter" and params["to"] not in DELIMITERS:
            raise v.fail(v.line_of(item, "to"), f"'to' must be one of: {', '.join(DELIMITERS)}")
        if op == "chmod":
            target = params.setdefault("target", "file")
            if target not in CHMOD_TARGETS:
                raise v.fail(v.line_of(item, "target"), f"'target' must be 'file' or 'folder'{suggest(str(target), CHMOD_TARGETS)}")
            clear = params["clear"]
            if not isinstance(clear, str) or not re.fullmatch(r"0?[0-7]{3}", clear):
                raise v.fail(v.line_of(item, "clear"), "'clear' must be an octal mode string such as '077' (the bits to remove)")
            params["clear"] = int(clear, 8)
        edits.append(EditSpec(op, params, where))
    when = None
    if "when" in raw:
        when = v.condition(raw["when"], scope, v.line_of(raw, "when"))
    return FixSpec(str(safety), " ".join(description.split()), edits, when, line)
