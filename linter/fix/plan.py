"""Declarative fixes: a rule's ``fix:`` block, validated at load time, planned per finding.

A fix is a list of edits (``set-value``, ``rename-key``, ``set-delimiter``,
``move-comment-above``, ``rename-section``, ``dedent``, ``remove-bom``, ``chmod``,
``add-setting``, …). Planning
turns them into line-based text edits computed from the exact positions the parser recorded,
so applying them (``fixer.py``) touches only the lines they name: every other byte of the file
stays as it was.

A fix never writes, moves or prints a secret value. At load time a template may not name a
credential (``{keys.aws_secret_access_key}``, ``{key_id}``) and an edit may not target a
credential key; at run time a fix whose target line holds a credential key or anything shaped
like key material is not offered, and a template that renders such text is dropped.
"""

from __future__ import annotations

import re
from awslint.standins.records import dataclass, field
from typing import Any, Callable, Optional

from awslint.facts.credentials import secret_like
from awslint.aws.model import profile_name_for_section
from awslint.engine.fixspec import DELIMITERS, EditSpec, FixSpec  # noqa: F401  (defined there: see fixspec.py)
from awslint.engine.render import MissingValue, render_fix
from awslint.credential_keys import CREDENTIAL_KEYS
from awslint.redaction import Redactor, looks_like_credential
from awslint.syntax.parse import COMMENT_PREFIXES, OPTCRE, SECTCRE, OptionNode, ParsedFile, SectionNode

#: Parse issues that make the lines around them too broken to edit safely.
SYNTAX_KINDS = frozenset({"before-section", "bad-header", "empty-key", "missing-delimiter", "nested-missing-equals"})
#: Keys whose value is a command line (split with shlex): ' #x' there is an argument.
COMMAND_KEYS = frozenset({"credential_process"})
#: A line that sets a credential key (also indented, swallowed into another value).
CREDENTIAL_LINE = _CREDENTIAL_LINE = re.compile(
    r"^(?P<key>\s*(?:" + "|".join(sorted(CREDENTIAL_KEYS)) + r")\s*[=:]\s*)(?P<value>.*)$", re.IGNORECASE
)


@dataclass(frozen=True)
class LineEdit:
    """Replace lines ``start``..``end - 1`` (1-based) of a file with ``lines`` (with endings)."""

    start: int
    end: int
    lines: tuple[str, ...]


@dataclass
class PlannedFix:
    """A fix made concrete for one finding: what to change in which file."""

    file: ParsedFile
    safety: str
    description: str
    edits: list[LineEdit] = field(default_factory=list)
    remove_bom: bool = False
    chmod_clear: int = 0
    folder_chmod_clear: int = 0  # bits to remove from the file's folder
    other: Optional[ParsedFile] = None  # the layout's other file, when the fix moves lines there
    other_edits: list[LineEdit] = field(default_factory=list)
    blocked: Optional[str] = None  # why the file is too broken to fix here

    def describe(self) -> Optional[dict[str, Any]]:
        """The JSON ``fix`` field: applicability and description, never an edit's text."""
        if self.blocked is not None:
            return None
        return {"applicability": self.safety, "description": self.description}

    def key(self) -> tuple[Any, ...]:
        """Identity of the change, so two findings with the same fix apply it once."""
        return (
            self.file.role, tuple(self.edits), self.remove_bom, self.chmod_clear, self.folder_chmod_clear,
            tuple(self.other_edits),
        )

    def all_edits(self) -> list[tuple[ParsedFile, LineEdit]]:
        edits = [(self.file, edit) for edit in self.edits]
        if self.other is not None:
            edits += [(self.other, edit) for edit in self.other_edits]
        return edits


# -- run time -----------------------------------------------------------------------------


class _NoFix(Exception):
    """This fix cannot be offered for this finding (the reason is not an error)."""


def render_template(text: str, subject: Any, redact: Optional[Redactor] = None) -> str:
    """Fill the template (engine/render.py); a missing or secret value means no fix."""
    try:
        result = render_fix(text, subject, redact)
    except MissingValue as missing:
        raise _NoFix(str(missing)) from None
    if looks_like_credential(result) or "\n" in result or "\r" in result:
        raise _NoFix("the text would hold key material or a line break")
    return result


def _ending(line: str) -> str:
    return line[len(line.rstrip("\r\n")):]


def _body(line: str) -> str:
    return line.rstrip("\r\n")


def _eol_for_new_line(lines: list[str], index: int) -> str:
    """The line ending to give a new line inserted before ``lines[index]``."""
    ending = _ending(lines[index])
    if ending:
        return ending
    for other in reversed(lines[:index]):
        if _ending(other):
            return _ending(other)
    return "\n"


class _Planner:
    def __init__(self, spec: FixSpec, subject: Any, location: Any, view: Any, redact: Optional[Redactor] = None) -> None:
        self.redact = redact
        self.view = view
        self.spec = spec
        self.subject = subject
        self.location = location
        self.file: ParsedFile = location.file
        self.plan: Optional[PlannedFix] = None

    def target_option(self, edit: EditSpec) -> tuple[ParsedFile, OptionNode]:
        key = edit.params.get("key")
        if key is None:
            node = getattr(self.subject, "node", None)
            if not isinstance(node, OptionNode):
                raise _NoFix("no option")
            return self.subject.location.file, node
        name, _, which = key.partition("@")
        block = getattr(self.subject, "node", None)
        values = {"": None, "config": getattr(block, "config_values", None), "credentials": getattr(block, "credentials_values", None)}[which]
        setting = self.subject.keys(name.lower()) if values is None else values.get(name.lower())
        if setting is None or setting.inherited:
            raise _NoFix(f"no {name}")
        return setting.file, setting.option

    def target_section(self) -> tuple[ParsedFile, SectionNode]:
        node = getattr(self.subject, "node", None)
        if isinstance(node, SectionNode):
            return self.subject.location.file, node
        where = self.subject.locate("section")
        if where is None:
            raise _NoFix("no section")
        for section in where.file.sections:
            if section.line == where.line:
                return where.file, section
        raise _NoFix("no section")

    def use_file(self, file: ParsedFile) -> PlannedFix:
        if self.plan is None:
            self.plan = PlannedFix(file, self.spec.safety, "")
        elif self.plan.file is not file:
            raise _NoFix("a fix edits one file")
        return self.plan

    def guard_option(self, option: OptionNode) -> None:
        """Never touch a line whose value is (or looks like) a credential."""
        if option.name in CREDENTIAL_KEYS or looks_like_credential(option.value):
            raise _NoFix("secret")

    def guard_comment_cut(self, option: OptionNode, number: int, before: str) -> None:
        """Cutting a value at ' #' is safe only where the rest is plainly a comment.

        credential_process is split with shlex, which keeps ' #x' and ' ;x' as arguments: cutting
        changes the command. A '#' inside quotes is part of a quoted word (cutting there leaves
        an unclosed quote that shlex refuses)."""
        if option.name in COMMAND_KEYS and self.spec.safety == "safe":
            raise _NoFix("the text is part of the command")
        start = next((part.column for part in option.value_lines if part.line == number), 1)
        if _in_quotes(before[start - 1 :]):
            raise _NoFix("the '#' or ';' is inside quotes")

    def edit_line(self, file: ParsedFile, number: int, new_lines: list[str]) -> None:
        plan = self.use_file(file)
        plan.edits.append(LineEdit(number, number + 1, tuple(new_lines)))

    def guard_no_duplicate(self, number: int, text: str) -> None:
        """A dedented line must not repeat a header of the file or a key of its section."""
        header = SECTCRE.match(text)
        if header is not None:
            if header.group("header") in _per_file(self.file, "headers", lambda f: {s.name for s in f.sections}):
                raise _NoFix("the file has that header already")
            return
        match = OPTCRE.match(text)
        option = _option_at(self.file, number)
        if match is not None and option is not None:
            names: dict[int, set[str]] = _per_file(self.file, "names", _names_by_section)
            if match.group("option").strip().lower() in names.get(id(option.section), set()):
                raise _NoFix("the section has that key already")

    def move_comment_at_location(self) -> None:
        """The comment starting at the finding's column goes to its own line above."""
        number, column = self.location.line, self.location.column
        line = self.file.source.lines[number - 1]
        body = _body(line)
        comment = body[column - 1 :].rstrip()
        before = body[: column - 1].rstrip()
        if not comment.startswith(COMMENT_PREFIXES) or not before or looks_like_credential(body):
            raise _NoFix("no trailing comment here")
        option = _option_at(self.file, number)
        if option is not None:
            self.guard_option(option)
            self.guard_comment_cut(option, number, body[: column - 1])
        elif _in_quotes(before):
            raise _NoFix("the '#' or ';' is inside quotes")
        indent = body[: len(body) - len(body.lstrip(" \t"))]
        eol = _eol_for_new_line(self.file.source.lines, number - 1)
        self.edit_line(self.file, number, [indent + comment + eol, before + _ending(line)])

    def move_to_config(self) -> None:
        """A setting of the credentials file moves to the same profile in the config file."""
        option, file = self.subject.node, self.file
        config = getattr(self.view, "config", None)
        if not isinstance(option, OptionNode) or file.role != "credentials" or config is None or not config.source.reported:
            raise _NoFix("needs a credentials-file option and a config file that is linted")
        self.guard_option(option)

        if secret_like(option.name, option.value):
            raise _NoFix("a secret-looking key never moves to the config file")
        profile = option.section.name
        block = self.view.profiles.get(profile)
        if block is None or option.name in block.config_values or not re.fullmatch(r"[A-Za-z0-9_.@:+/%-]+", profile):
            raise _NoFix("the config file sets it already, or the name needs quoting")
        # configparser gives every credentials section the file's [DEFAULT] keys, and the
        # credentials file wins over the config file: without this line the profile would
        # inherit that value instead of the moved one.
        defaults = _per_file(file, "default_keys", lambda f: {o.name for x in f.sections if x.name == "DEFAULT" for o in x.options})
        if option.name in defaults:
            raise _NoFix("the credentials file's [DEFAULT] sets it too")
        moved = file.source.lines[option.line - 1 : option.end_line]
        if any(looks_like_credential(line) for line in moved):
            raise _NoFix("secret")
        lines = config.source.lines
        section = block.config_section
        if section is not None and section.duplicate_of is None:
            after = max([section.line] + [o.end_line for o in section.options])
        elif section is None:
            after = len(lines)
        else:
            raise _NoFix("duplicate section")
        eol = _eol_for_new_line(lines, after - 1) if lines else "\n"
        new = [_body(line) + eol for line in moved]
        if section is None:
            new = [("[default]" if profile == "default" else f"[profile {profile}]") + eol] + new
        plan = self.use_file(file)
        plan.edits.append(LineEdit(option.line, option.end_line + 1, ()))
        plan.other = config
        if after == 0 or _ending(lines[after - 1]):
            plan.other_edits.append(LineEdit(after + 1, after + 1, tuple(new)))  # insert below line `after`
        else:  # the last line has no line ending: give it one
            plan.other_edits.append(LineEdit(after, after + 1, (lines[after - 1] + eol,) + tuple(new)))

    def add_setting(self, edit: EditSpec) -> None:
        """Set a profile setting in the config file's section: replace its one-line value, or add
        ``key = value`` after the section's last setting. Nothing to do when the merged value is
        already that (case-insensitively); not offered when the credentials file sets it (it
        wins there) or the profile has no config-file section of its own."""
        block: Any = getattr(self.subject, "node", None)
        name = str(edit.params["key"]).partition("@")[0].lower()
        value = render_template(edit.params["value"], self.subject, self.redact)
        settings = getattr(block, "settings", None)
        if settings is None or not value or any(c in value for c in "\r\n"):
            raise _NoFix("no profile")
        current = settings.get(name)
        if current is not None and current.text.strip().lower() == value.lower():
            return
        config = getattr(self.view, "config", None)
        section = getattr(block, "config_section", None)
        if (
            name in block.credentials_values
            or config is None
            or not config.source.reported
            or section is None
            or section.duplicate_of is not None
        ):
            raise _NoFix("the credentials file sets it, or the profile has no config-file section")
        lines = config.source.lines
        existing = block.config_values.get(name)
        if existing is not None:
            if existing.inherited or existing.option.section is not section:
                raise _NoFix("set elsewhere")
            option = existing.option
            self.guard_option(option)
            if any(part.text for part in option.value_lines[1:]):
                raise _NoFix("multi-line value")
            line = lines[option.line - 1]
            body = _body(line)
            first = option.value_lines[0] if option.value_lines else None
            start = (first.column - 1) if first is not None else len(body)
            end = start + (len(first.text) if first is not None else 0)
            prefix = body[:start]
            if prefix and not prefix[-1].isspace():
                prefix += " "
            self.edit_line(config, option.line, [prefix + value + body[end:] + _ending(line)])
            return
        after = max([section.line] + [o.end_line for o in section.options])
        eol = _eol_for_new_line(lines, after - 1) if lines else "\n"
        new = f"{name} = {value}{eol}"
        plan = self.use_file(config)
        for index, done in enumerate(plan.edits):  # the other setting of this fix goes there too
            if done.start == after + 1 and done.end == after + 1:
                plan.edits[index] = LineEdit(done.start, done.end, done.lines + (new,))
                return
            if done.start == after and done.end == after + 1 and not _ending(lines[after - 1]):
                plan.edits[index] = LineEdit(done.start, done.end, done.lines + (new,))
                return
        if _ending(lines[after - 1]):
            plan.edits.append(LineEdit(after + 1, after + 1, (new,)))  # insert below line `after`
        else:  # the last line has no line ending: give it one
            plan.edits.append(LineEdit(after, after + 1, (lines[after - 1] + eol, new)))

    def apply(self, edit: EditSpec) -> None:
        op = edit.op
        if op == "add-setting":
            self.add_setting(edit)
            return
        if op == "move-to-config":
            self.move_to_config()
            return
        if op == "remove-bom":
            plan = self.use_file(self.file)
            if not self.file.source.bom:
                raise _NoFix("no BOM")
            plan.remove_bom = True
            return
        if op == "chmod":
            plan = self.use_file(self.file)
            if edit.params.get("target", "file") == "folder":
                plan.folder_chmod_clear |= edit.params["clear"]
            else:
                plan.chmod_clear |= edit.params["clear"]
            return
        if op == "delete-line":
            number = self.location.line
            line = self.file.source.lines[number - 1]
            if not _body(line).strip().startswith(COMMENT_PREFIXES):
                raise _NoFix("only a whole-line comment is deleted")
            self.use_file(self.file).edits.append(LineEdit(number, number + 1, ()))
            return
        if op == "move-comment-above" and not isinstance(getattr(self.subject, "node", None), OptionNode) and "key" not in edit.params:
            self.move_comment_at_location()
            return
        if op == "dedent":
            if isinstance(getattr(self.subject, "node", None), OptionNode):
                self.guard_option(self.subject.node)
            number = self.location.line
            line = self.file.source.lines[number - 1]
            body = _body(line)
            stripped = body.lstrip(" \t")
            if _CREDENTIAL_LINE.match(stripped) or looks_like_credential(stripped):
                raise _NoFix("the line holds a credential")
            self.guard_no_duplicate(number, stripped)
            if stripped == body or not stripped:
                raise _NoFix("not indented")
            self.edit_line(self.file, number, [stripped + _ending(line)])
            return
        if op == "rename-section":
            file, section = self.target_section()
            line = file.source.lines[section.line - 1]
            body = _body(line)
            start = section.column  # 0-based index of the name, just after "["
            if body[start - 1 : start] != "[" or body[start : start + len(section.name)] != section.name:
                raise _NoFix("header not where expected")
            new = render_template(edit.params["to"], self.subject, self.redact)
            if not new.strip() or "]" in new or new == section.name:
                raise _NoFix("same or invalid name")
            if new in _per_file(file, "headers", lambda f: {other.name for other in f.sections}):
                raise _NoFix("the file has that header already")
            # botocore maps several spellings to one profile ([profile  dev], [profile "dev"]):
            # renaming onto an existing one would replace that profile's settings.
            target = _botocore_name(file, new)
            names: dict[Any, list[int]] = _per_file(file, "botocore_names", _sections_by_botocore_name)
            if target is not None and any(other != id(section) for other in names.get(target, ())):
                raise _NoFix("another section is that profile already")
            self.edit_line(file, section.line, [body[:start] + new + body[start + len(section.name) :] + _ending(line)])
            return
        file, option = self.target_option(edit)
        self.guard_option(option)
        number = option.line
        line = file.source.lines[number - 1]
        body = _body(line)
        first = option.value_lines[0]
        key_start, key_end = option.column - 1, option.key_end_column - 1
        value_start = first.column - 1
        value_end = value_start + len(first.text)
        if body[key_start:key_end] != option.key or body[value_start:value_end] != first.text:
            raise _NoFix("line not as parsed")
        if op == "rename-key":
            new = render_template(edit.params["to"], self.subject, self.redact)
            if not new or new == option.key or any(c in new for c in "=:[") or new != new.strip():
                raise _NoFix("same or invalid key")
            keys: dict[int, set[str]] = _per_file(file, "names", _names_by_section)
            if new.lower() != option.name and new.lower() in keys.get(id(option.section), set()):
                raise _NoFix("the section has that key already")
            self.edit_line(file, number, [body[:key_start] + new + body[key_end:] + _ending(line)])
        elif op == "set-delimiter":
            to = edit.params["to"]
            if option.delimiter == to:
                raise _NoFix("already")
            between = DELIMITERS[to] if first.text else DELIMITERS[to].rstrip()
            self.edit_line(file, number, [body[:key_end] + between + body[value_start:] + _ending(line)])
        elif op == "set-value":
            if any(part.text for part in option.value_lines[1:]):
                raise _NoFix("multi-line value")
            new = render_template(edit.params["value"], self.subject, self.redact)
            if new == first.text:
                raise _NoFix("same value")
            prefix = body[:value_start]
            # Keep the user's spacing ('region="x"' -> 'region=x'); only a value written where
            # there was none gets the usual space after the delimiter.
            if new and not first.text and prefix and not prefix[-1].isspace():
                prefix += " "
            self.edit_line(file, number, [prefix + new + body[value_end:] + _ending(line)])
        elif op == "move-comment-above":
            column = first.inline_comment_column
            if column is None:
                raise _NoFix("no inline comment on the key's line")
            cut = column - 1
            comment = body[cut:].rstrip()
            before = body[:cut].rstrip()
            indent = body[: len(body) - len(body.lstrip(" \t"))]
            if looks_like_credential(comment):
                raise _NoFix("secret")
            self.guard_comment_cut(option, number, body[:cut])
            index = number - 1
            self.edit_line(
                file, number, [indent + comment + _eol_for_new_line(file.source.lines, index), before + _ending(line)]
            )


def _botocore_name(file: ParsedFile, header: str) -> Optional[tuple[str, str]]:
    """What botocore makes of a header: (kind, name), or None when it drops the section."""
    if file.role == "credentials":
        return ("profile", header)  # the credentials file takes headers as they are
    mapped = profile_name_for_section(header)
    if mapped is None:
        return ("section", header)
    kind, name = mapped
    return None if name is None else (kind, name)


def _sections_by_botocore_name(file: ParsedFile) -> dict[Any, list[int]]:
    index: dict[Any, list[int]] = {}
    for section in file.sections:
        index.setdefault(_botocore_name(file, section.name), []).append(id(section))
    return index


def _in_quotes(text: str) -> bool:
    """Whether the end of ``text`` is inside a '…' or "…" pair (shell quoting, no escapes)."""
    quote = ""
    for char in text:
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
    return bool(quote)


def _per_file(file: ParsedFile, name: str, build: Callable[[ParsedFile], Any]) -> Any:
    """An index built once per parsed file (many findings in one file stay linear)."""
    cache = file.__dict__.setdefault("_fix_cache", {})
    if name not in cache:
        cache[name] = build(file)
    return cache[name]


def _options_by_line(file: ParsedFile) -> dict[int, OptionNode]:
    return {
        number: option
        for section in file.sections
        for option in section.options
        for number in range(option.line, option.end_line + 1)
    }


def _names_by_section(file: ParsedFile) -> dict[int, set[str]]:
    """The keys of each section, counting every section with the same header.

    configparser merges repeated [DEFAULT] sections and refuses a key set twice across them
    (a repeated other header is refused anyway): a new key must be new to all of them."""
    by_header: dict[str, set[str]] = {}
    for section in file.sections:
        by_header.setdefault(section.name, set()).update(option.name for option in section.options)
    return {id(section): by_header[section.name] for section in file.sections}


def _syntax_lines(file: ParsedFile) -> dict[int, str]:
    return {issue.line: issue.message for issue in file.issues if issue.fatal and issue.kind in SYNTAX_KINDS}


def _option_at(file: ParsedFile, number: int) -> Optional[OptionNode]:
    options: dict[int, OptionNode] = _per_file(file, "options", _options_by_line)
    return options.get(number)


def plan_fix(spec: FixSpec, subject: Any, location: Any, redact: Redactor, view: Any = None) -> Optional[PlannedFix]:
    """The concrete fix for one finding, or None when it cannot be offered.

    The engine has tested the fix's ``when`` already, with the compiled condition its checks use."""
    planner = _Planner(spec, subject, location, view, redact)
    try:
        for edit in spec.edits:
            planner.apply(edit)
        description = redact(render_template(spec.description, subject, redact))
    except _NoFix:
        return None
    plan = planner.plan
    if plan is None:
        return None
    plan.description = description
    plan.blocked = _blocked(plan)
    return plan


def _blocked(plan: PlannedFix) -> Optional[str]:
    """Why the file is too broken to apply this fix safely, or None."""
    for file in [plan.file] + ([plan.other] if plan.other is not None else []):
        problem = file.source.decode_problem
        if problem is not None:
            return f"{file.path} is not valid UTF-8 (line {problem.line}), so rewriting it could corrupt it"
    for file, edit in plan.all_edits():
        if getattr(file.source, "template", False):
            # The parser saw masked {{ }} spans (templates.py): never write that text back.
            for number in range(edit.start, edit.end):
                line = file.source.lines[number - 1]
                if "{{" in line or "}}" in line:
                    return f"line {number} holds template code ({{{{ }}}}), which awslint does not rewrite"
        broken: dict[int, str] = _per_file(file, "syntax", _syntax_lines)
        if not broken:
            continue
        for number in range(edit.start - 1, edit.end + 1):
            if number in broken:
                return f"line {number} next to it cannot be parsed ({broken[number]})"
    return None
