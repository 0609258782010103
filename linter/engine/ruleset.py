"""Rule packs: loading YAML files and validating them strictly.

The format is documented in ``docs/rule-format.md``. Every mistake is reported as
``PATH:LINE: message`` (with a did-you-mean where a name is close to a valid one) through
``UsageError``, so the CLI prints ``awslint: error: …`` and exits 2.
"""

from __future__ import annotations

import os
import re
from awslint.standins.records import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Optional, Union

from awslint.credential_keys import SECRET, TOKEN_KEYS
from awslint.distance import suggest
from awslint.errors import UsageError
from awslint.facts.catalog import FACTS, SCOPES, SUBJECT_PLACEHOLDERS, VALUE, fact_class, replaced_hint
from awslint.redaction import is_secret_key, printable
from awslint.engine.fixspec import validate_fix
from awslint.engine.render import TemplateError, names
from awslint.files.source import read_regular_file
from awslint.syntax.yamlsource import LineDict, LineList, YAMLError, load_yaml

SEVERITIES = ("error", "warning", "info")
CODE_RE = re.compile(r"^[A-Z][A-Z0-9]*[0-9]{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
DATA_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
FILE_ROLES = ("config", "credentials")

PACK_KEYS = ("rules", "data")
RULE_KEYS = (
    "code", "name", "severity", "scope", "summary", "tags", "when", "message", "at",
    "checks", "help", "help_uri", "examples", "fix", "security_severity",
)
CHECK_KEYS = ("when", "message", "at", "severity", "fix")
EXAMPLE_KEYS = ("config", "credentials", "count", "note", "env", "files")
EXAMPLE_FILE_KEYS = ("mode", "folder_mode", "git")
ENV_NAME_RE = re.compile(r"^[A-Z_][A-Z0-9_]*$")
LOGIC_OPS = ("all", "any", "not")
SUBJECT_KEYS = ("fact", "key")
VALUE_OPS = (
    "present", "absent", "equals", "not_equals", "in", "not_in", "contains",
    "matches", "not_matches", "lt", "le", "gt", "ge",
)
# Operators that only ask whether a value exists: the only ones allowed on a secret.
PRESENCE_OPS = ("present", "absent")
# Keys of an option that name it: a test pinning one of them to secret keys selects secret options.
_OPTION_NAME_FACTS = ("name", "key", "raw_key")
LOCATIONS = {
    "profile": ("section", "key:", "value:"),
    "option": ("key", "value", "comment", "swallowed", "nested"),
    "environment": ("profile", "config-only"),
    "file": ("secret",),
}


@dataclass
class Condition:
    """A node of the ``when`` tree: ``all``/``any``/``not`` or one test on a fact or key."""

    op: str
    children: list["Condition"] = field(default_factory=list)
    subject: str = ""  # "fact" or "key"
    name: str = ""
    argument: Any = None
    data: Optional[str] = None  # for in/not_in given as {data: NAME}
    pattern: Any = None  # linear_regex.LinearPattern: .search(text) is None when absent


@dataclass
class Check:
    when: Condition
    message: str
    at: Optional[str] = None
    severity: Optional[str] = None
    fix: Any = None  # fixspec.FixSpec: overrides the rule's fix for this check


@dataclass
class Example:
    config: Optional[str]
    credentials: Optional[str]
    count: Optional[int]
    line: int
    env: Optional[dict[str, str]] = None  # environment variables, as with --env (None: ignored)
    files: Optional[dict[str, dict[str, Any]]] = None  # file-system facts per role (mode, git)


@dataclass
class Rule:
    code: str
    name: str
    severity: str
    scope: str
    summary: str
    checks: list[Check]
    tags: list[str] = field(default_factory=list)
    help: str = ""
    help_uri: Optional[str] = None
    fail_examples: list[Example] = field(default_factory=list)
    pass_examples: list[Example] = field(default_factory=list)
    origin: str = ""  # path:line of the rule's definition
    fix: Any = None  # fixspec.FixSpec, or None when the rule has no automatic fix
    #: GitHub's security-severity score as SARIF wants it ("8.5"), "none" (not a security alert
    #: although tagged security), or None (derived from the severity for rules tagged security).
    security_severity: Optional[str] = None
    builtin: bool = False  # shipped with awslint (documented in docs/rules.md), not from a rule pack


@dataclass
class RuleSet:
    rules: list[Rule]
    data: dict[str, list[Any]]

    def by_code(self) -> dict[str, Rule]:
        return {rule.code: rule for rule in self.rules}


def _score(value: Any) -> Optional[float]:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if 0 < number <= 10 else None


class _Validator:
    """Validates one pack file and turns it into rules; every error carries a line."""

    def __init__(self, path: str, known_data: set[str]) -> None:
        self.path = path
        self.known_data = known_data

    def fail(self, line: int, message: str) -> UsageError:
        where = f"{self.path}:{line}" if line else self.path
        return UsageError(f"{where}: {message}")

    @staticmethod
    def item_line(sequence: Any, index: int, default: int) -> int:
        return sequence.item_lines[index] if isinstance(sequence, LineList) else default

    @staticmethod
    def line_of(mapping: Any, key: Optional[str] = None) -> int:
        if isinstance(mapping, LineDict):
            if key is not None and key in mapping.key_lines:
                return mapping.key_lines[key]
            return mapping.line
        if isinstance(mapping, LineList):
            return mapping.line
        return 0

    def check_keys(self, mapping: LineDict, allowed: tuple[str, ...], what: str) -> None:
        for key in mapping:
            if not isinstance(key, str):
                raise self.fail(self.line_of(mapping, key), f"key {key!r} in {what} must be a word")
            if isinstance(key, str) and key.startswith("x-"):
                continue  # extension keys, ignored by design
            if key not in allowed:
                raise self.fail(
                    self.line_of(mapping, key),
                    f"unknown key '{key}' in {what}{suggest(key, allowed)}; allowed: {', '.join(allowed)}",
                )

    def plain_text(self, value: str, line: int, what: str) -> None:
        """Refuse control and bidirectional characters in text that ``rules``, SARIF and every
        report print as written (a pack can come from the repository linted)."""
        if printable(value.replace("\n", "").replace("\t", "")) != value.replace("\n", "").replace("\t", ""):
            bad = next(c for c in value if c not in "\n\t" and printable(c) != c)
            raise self.fail(line, f"{what} holds the control or bidirectional character U+{ord(bad):04X}: not allowed")

    def expect(self, value: Any, kind: Union[type, tuple[type, ...]], line: int, what: str) -> Any:
        if not isinstance(value, kind) or (kind is str and not value):
            names = {dict: "a mapping", list: "a list", str: "a non-empty string", int: "an integer", bool: "true or false"}
            wanted = names.get(kind, "a value") if isinstance(kind, type) else "a value"
            raise self.fail(line, f"{what} must be {wanted}")
        return value

    def pack(self, document: Any) -> tuple[list[Rule], dict[str, list[Any]]]:
        if document is None:
            return [], {}
        self.expect(document, dict, 1, "a rule pack")
        if document and not any(
            key in PACK_KEYS or (isinstance(key, str) and (key.startswith("x-") or suggest(key, PACK_KEYS)))
            for key in document
        ):
            # Not a pack at all (a settings file's mistake, or another YAML file): say so without
            # quoting the file's keys, which may be someone else's content.
            raise self.fail(1, "not a rule pack: a pack is a mapping with 'rules' and/or 'data'")
        self.check_keys(document, PACK_KEYS, "a rule pack")
        data: dict[str, list[Any]] = {}
        raw_data = document.get("data")
        if raw_data is not None:
            self.expect(raw_data, dict, self.line_of(document, "data"), "'data'")
            for name, values in raw_data.items():
                line = self.line_of(raw_data, name)
                if not isinstance(name, str) or not DATA_NAME_RE.match(name):
                    raise self.fail(line, f"data name '{name}' must be lower_snake_case")
                self.expect(values, list, line, f"data '{name}'")
                data[name] = list(values)
        self.known_data = self.known_data | set(data)
        rules: list[Rule] = []
        raw_rules = document.get("rules")
        if raw_rules is not None:
            self.expect(raw_rules, list, self.line_of(document, "rules"), "'rules'")
            for index, raw in enumerate(raw_rules):
                rules.append(self.rule(raw, self.item_line(raw_rules, index, self.line_of(raw_rules))))
        return rules, data

    def rule(self, raw: Any, line: int) -> Rule:
        self.expect(raw, dict, line, "a rule")
        self.check_keys(raw, RULE_KEYS, "a rule")
        for required in ("code", "name", "severity", "scope", "summary"):
            if required not in raw:
                raise self.fail(raw.line, f"rule is missing '{required}'")
        code = self.expect(raw["code"], str, self.line_of(raw, "code"), "'code'")
        if not CODE_RE.match(code):
            raise self.fail(self.line_of(raw, "code"), f"code '{code}' must be upper-case letters then 3 digits, like ORG001")
        name = self.expect(raw["name"], str, self.line_of(raw, "name"), "'name'")
        if not NAME_RE.match(name):
            raise self.fail(self.line_of(raw, "name"), f"name '{name}' must be kebab-case, like prod-needs-mfa")
        severity = self.severity(raw, "severity")
        scope = raw["scope"]
        if scope not in SCOPES:
            raise self.fail(self.line_of(raw, "scope"), f"unknown scope '{scope}'{suggest(scope, SCOPES)}; allowed: {', '.join(SCOPES)}")
        summary = self.expect(raw["summary"], str, self.line_of(raw, "summary"), "'summary'")
        self.plain_text(summary, self.line_of(raw, "summary"), "'summary'")
        tags = raw.get("tags", [])
        self.expect(tags, list, self.line_of(raw, "tags"), "'tags'")
        for tag in tags:
            self.expect(tag, str, self.line_of(raw, "tags"), "each tag")
            self.plain_text(tag, self.line_of(raw, "tags"), "a tag")
        has_single = "when" in raw or "message" in raw or "at" in raw
        if has_single and "checks" in raw:
            raise self.fail(self.line_of(raw, "checks"), "use either 'when'/'message'/'at' or 'checks', not both")
        if "checks" in raw:
            raw_checks = self.expect(raw["checks"], list, self.line_of(raw, "checks"), "'checks'")
            if not raw_checks:
                raise self.fail(self.line_of(raw, "checks"), "'checks' must not be empty")
            checks = [
                self.check(item, scope, self.item_line(raw_checks, i, self.line_of(raw, "checks")))
                for i, item in enumerate(raw_checks)
            ]
        else:
            if "when" not in raw or "message" not in raw:
                raise self.fail(raw.line, "rule needs 'when' and 'message' (or a list of 'checks')")
            checks = [self.check({k: raw[k] for k in ("when", "message", "at") if k in raw}, scope, raw.line, parent=raw)]
        help_text = raw.get("help", "")
        if "help" in raw:
            self.expect(help_text, str, self.line_of(raw, "help"), "'help'")
            self.plain_text(help_text, self.line_of(raw, "help"), "'help'")
        help_uri = raw.get("help_uri")
        if help_uri is not None:
            self.expect(help_uri, str, self.line_of(raw, "help_uri"), "'help_uri'")
            self.plain_text(help_uri, self.line_of(raw, "help_uri"), "'help_uri'")
        rule = Rule(
            code=code, name=name, severity=severity, scope=scope, summary=summary.strip(),
            checks=checks, tags=list(tags), help=help_text, help_uri=help_uri,
            origin=f"{self.path}:{raw.line}",
            security_severity=self.security_severity(raw),
        )
        if "fix" in raw:
            rule.fix = validate_fix(self, raw["fix"], scope, self.line_of(raw, "fix"))
        if "examples" in raw:
            self.examples(raw["examples"], rule, self.line_of(raw, "examples"))
        return rule

    def severity(self, raw: LineDict, key: str) -> str:
        value = raw[key]
        if value not in SEVERITIES:
            raise self.fail(self.line_of(raw, key), f"unknown severity '{value}'{suggest(value, SEVERITIES)}; allowed: {', '.join(SEVERITIES)}")
        return str(value)

    def check(self, raw: Any, scope: str, line: int, parent: Optional[LineDict] = None) -> Check:
        lines_from = parent if parent is not None else raw
        self.expect(raw, dict, line, "a check")
        if parent is None:
            self.check_keys(raw, CHECK_KEYS, "a check")
        for required in ("when", "message"):
            if required not in raw:
                raise self.fail(line, f"check is missing '{required}'")
        when = self.condition(raw["when"], scope, self.line_of(lines_from, "when"))
        message = self.expect(raw["message"], str, self.line_of(lines_from, "message"), "'message'")
        self.plain_text(message, self.line_of(lines_from, "message"), "'message'")
        self.placeholders(message, scope, self.line_of(lines_from, "message"))
        at = raw.get("at")
        if at is not None:
            self.location(at, scope, self.line_of(lines_from, "at"))
        severity = self.severity(raw, "severity") if "severity" in raw else None
        fix = None
        if parent is None and "fix" in raw:
            fix = validate_fix(self, raw["fix"], scope, self.line_of(raw, "fix"))
        return Check(when, " ".join(message.split()), at, severity, fix)

    def location(self, at: Any, scope: str, line: int) -> None:
        allowed = LOCATIONS.get(scope, ())
        if not isinstance(at, str) or not allowed:
            raise self.fail(line, f"'at' is not available in scope '{scope}'" if not allowed else "'at' must be a string")
        if at in allowed:
            return
        kind, sep, rest = at.partition(":")
        if sep and f"{kind}:" in allowed and rest:
            _, at_sep, which = rest.partition("@")
            if not at_sep or which in FILE_ROLES:
                return
            raise self.fail(line, f"unknown file '@{which}' in 'at'{suggest(which, FILE_ROLES)}; allowed: @config, @credentials")
        shown = [a + "NAME" if a.endswith(":") else a for a in allowed]
        hint = f" (did you mean '{at}:NAME'?)" if f"{at}:" in allowed else suggest(at, shown)
        raise self.fail(line, f"unknown location '{at}'{hint}; allowed in scope '{scope}': {', '.join(shown)}")

    def placeholders(self, message: str, scope: str, line: int) -> None:
        known = set(FACTS[scope]) | set(SUBJECT_PLACEHOLDERS)
        try:
            used = names(message, "message")
        except TemplateError as error:
            raise self.fail(line, str(error)) from None
        for name in used:
            self.no_secret_placeholder(name, scope, line, "message")
            if name.startswith("keys.") and scope == "profile" and len(name) > 5:
                continue
            if name not in known:
                hint = replaced_hint(name) or suggest(f"{{{name}}}", [f"{{{k}}}" for k in known])
                raise self.fail(line, f"unknown placeholder '{{{name}}}' in message{hint}")

    def no_secret_placeholder(self, name: str, scope: str, line: int, what: str) -> None:
        """Refuse ``{keys.SECRET}`` and a fact not declared safe to show (see ``facts.registry``)."""
        if name.startswith("keys.") and is_secret_key(name[5:]):
            raise self.fail(
                line,
                f"{what} may not show '{{{name}}}': '{name[5:]}' holds a secret or key id, which awslint never "
                "prints (use a fact such as {key_id}, masked, or {key_kind})",
            )
        if name in FACTS.get(scope, {}) and fact_class(scope, name) == "secret":
            raise self.fail(line, f"{what} may not show '{{{name}}}': the fact is derived from a secret")

    def condition(self, raw: Any, scope: str, line: int) -> Condition:
        if not isinstance(raw, dict) or not raw:
            raise self.fail(line, "a condition must be a mapping such as {fact: NAME, equals: VALUE} or {all: [...]}")
        line = self.line_of(raw) or line
        logic = [k for k in raw if k in LOGIC_OPS]
        if logic:
            if len(raw) != 1:
                raise self.fail(line, f"'{logic[0]}' must be the only key of its condition")
            op = logic[0]
            value = raw[op]
            if op == "not":
                return Condition("not", [self.condition(value, scope, self.line_of(raw, op))])
            self.expect(value, list, self.line_of(raw, op), f"'{op}'")
            if not value:
                raise self.fail(self.line_of(raw, op), f"'{op}' must list at least one condition")
            items = [self.condition(item, scope, self.item_line(value, i, line)) for i, item in enumerate(value)]
            if op == "all" and scope == "option":
                self.no_value_test_on_secrets(items, line)
            return Condition(op, items)
        subjects = [k for k in raw if k in SUBJECT_KEYS]
        for key in raw:
            if key not in SUBJECT_KEYS and key not in VALUE_OPS:
                allowed = LOGIC_OPS + SUBJECT_KEYS + VALUE_OPS
                raise self.fail(self.line_of(raw, key), f"unknown operator '{key}'{suggest(key, allowed)}; allowed: {', '.join(allowed)}")
        if len(subjects) != 1:
            raise self.fail(line, "a test needs exactly one of 'fact' or 'key'")
        subject = subjects[0]
        name = raw[subject]
        self.expect(name, str, self.line_of(raw, subject), f"'{subject}'")
        if subject == "fact" and name not in FACTS[scope]:
            raise self.fail(self.line_of(raw, subject), f"unknown fact '{name}' in scope '{scope}'{replaced_hint(name) or suggest(name, FACTS[scope])}")
        if subject == "key" and scope != "profile":
            raise self.fail(self.line_of(raw, subject), f"'key' tests are only available in scope 'profile' (this rule's scope is '{scope}')")
        ops = [k for k in raw if k in VALUE_OPS]
        if len(ops) != 1:
            raise self.fail(line, f"a test needs exactly one operator ({', '.join(VALUE_OPS)})")
        op = ops[0]
        argument = raw[op]
        op_line = self.line_of(raw, op)
        if op not in PRESENCE_OPS:
            # The secret boundary: no rule reads a secret's value, one character at a time or otherwise.
            if subject == "key" and is_secret_key(name):
                raise self.fail(
                    op_line,
                    f"'{op}' may not test the value of '{name}': it holds a secret or key id, and a rule may "
                    "only ask whether it is present (present/absent); facts such as key_kind, placeholder_keys "
                    "and partial_credentials describe it without reading it",
                )
            if subject == "fact" and fact_class(scope, name) == "secret":
                raise self.fail(op_line, f"'{op}' may not test the fact '{name}': it is derived from a secret (present/absent only)")
        condition = Condition(op, subject=subject, name=name, argument=argument)
        if op in ("present", "absent"):
            self.expect(argument, bool, op_line, f"'{op}'")
        elif op in ("in", "not_in"):
            if isinstance(argument, dict):
                if set(argument) != {"data"}:
                    raise self.fail(op_line, f"'{op}' takes a list or {{data: NAME}}")
                data_name = argument["data"]
                if not isinstance(data_name, str) or data_name not in self.known_data:
                    raise self.fail(op_line, f"unknown data list '{data_name}'{suggest(data_name, self.known_data)}")
                condition.data = data_name
            else:
                self.expect(argument, list, op_line, f"'{op}'")
        elif op in ("matches", "not_matches"):
            self.expect(argument, str, op_line, f"'{op}'")
            from awslint.standins.linear_regex import UnsupportedPattern, compile_pattern

            try:
                condition.pattern = compile_pattern(argument)
            except re.error as exc:
                raise self.fail(op_line, f"invalid regular expression {argument!r}: {exc}") from None
            except UnsupportedPattern as exc:
                raise self.fail(op_line, f"regular expression {argument!r}: {exc}") from None
        elif op in ("lt", "le", "gt", "ge"):
            if isinstance(argument, bool) or not isinstance(argument, (int, float)) or argument != argument:
                raise self.fail(op_line, f"'{op}' must be a number")
        return condition

    def no_value_test_on_secrets(self, items: list[Condition], line: int) -> None:
        """Refuse an option check that selects secret keys and then tests a value fact.

        Value facts are null for secret options, so such a check could never read anything; it
        can only be an attempt to, and saying so beats a rule that silently never fires."""
        pinned = any(
            item.subject == "fact"
            and item.name in _OPTION_NAME_FACTS
            and (
                (item.op == "equals" and isinstance(item.argument, str) and is_secret_key(item.argument))
                or (
                    item.op == "in"
                    and item.data is None
                    and isinstance(item.argument, list)
                    and bool(item.argument)
                    and all(isinstance(a, str) and is_secret_key(a) for a in item.argument)
                )
                or (item.op == "matches" and item.pattern is not None and any(
                    item.pattern.search(k) for k in (SECRET, *TOKEN_KEYS)
                ))
            )
            for item in items
        )
        if not pinned:
            return
        for item in items:
            if item.subject == "fact" and item.op not in PRESENCE_OPS and fact_class("option", item.name) == VALUE:
                raise self.fail(
                    line,
                    f"'{item.op}' on the fact '{item.name}' of a secret key: secret values are never shown to rules "
                    "(the fact is null for them); test key_material_problem or placeholder_credential instead",
                )

    def security_severity(self, raw: Any) -> Optional[str]:
        """``security_severity``: a score in (0, 10] (GitHub: 9+ critical, 7+ high, 4+ medium,
        else low) or ``none``; kept as the string SARIF wants."""
        if "security_severity" not in raw:
            return None
        value = raw["security_severity"]
        if value == "none":
            return "none"
        score = _score(value)
        if score is None:
            raise self.fail(
                self.line_of(raw, "security_severity"),
                f"'security_severity' must be a number above 0 and at most 10, or none (got {value!r})",
            )
        return f"{score:.1f}"

    def examples(self, raw: Any, rule: Rule, line: int) -> None:
        self.expect(raw, dict, line, "'examples'")
        self.check_keys(raw, ("fail", "pass"), "'examples'")
        for kind in ("fail", "pass"):
            items = raw.get(kind, [])
            self.expect(items, list, self.line_of(raw, kind), f"'examples.{kind}'")
            for index, item in enumerate(items):
                item_line = self.item_line(items, index, line)
                self.expect(item, dict, item_line, f"an example in '{kind}'")
                self.check_keys(item, EXAMPLE_KEYS, "an example")
                if "config" not in item and "credentials" not in item:
                    raise self.fail(item_line, "an example needs 'config' and/or 'credentials' text")
                for role in FILE_ROLES:
                    if role in item:
                        self.expect(item[role], str, self.line_of(item, role), f"'{role}'")
                if "note" in item:
                    self.expect(item["note"], str, self.line_of(item, "note"), "'note'")
                count = item.get("count")
                if count is not None and (isinstance(count, bool) or not isinstance(count, int) or count < 0):
                    raise self.fail(self.line_of(item, "count"), "'count' must be a whole number")
                env = self.example_env(item) if "env" in item else None
                files = self.example_files(item.get("files"), self.line_of(item, "files")) if "files" in item else None
                example = Example(item.get("config"), item.get("credentials"), count, item_line, env=env, files=files)
                (rule.fail_examples if kind == "fail" else rule.pass_examples).append(example)


    def example_env(self, item: LineDict) -> dict[str, str]:
        """An example's ``env:``: a mapping of variable names to text values."""
        raw = item["env"]
        line = self.line_of(item, "env")
        self.expect(raw, dict, line, "'env'")
        env: dict[str, str] = {}
        for name, value in raw.items():
            where = self.line_of(raw, name)
            if not isinstance(name, str) or not ENV_NAME_RE.match(name):
                raise self.fail(where, f"'env': {name!r} is not an environment variable name (A-Z, 0-9, _)")
            if isinstance(value, bool) or not isinstance(value, (str, int)):
                raise self.fail(where, f"'env': the value of {name} must be text")
            env[name] = str(value)
        return env

    def example_files(self, raw: Any, line: int) -> dict[str, dict[str, Any]]:
        """``files: {credentials: {mode: '644', folder_mode: '755', git: tracked}}`` (``git`` may also
        be ``staged``, ``untracked`` or ``ignored``; any state puts the file in a repository)."""
        self.expect(raw, dict, line, "'files'")
        self.check_keys(raw, FILE_ROLES, "'files'")
        for role, entry in raw.items():
            entry_line = self.line_of(raw, role)
            self.expect(entry, dict, entry_line, f"'files.{role}'")
            self.check_keys(entry, EXAMPLE_FILE_KEYS, f"'files.{role}'")
            for key in ("mode", "folder_mode"):
                if key in entry and not re.fullmatch(r"[0-7]{3,4}", str(entry[key])):
                    raise self.fail(self.line_of(entry, key), f"'{key}' must be octal digits in quotes, like '600'")
            if "git" in entry and entry["git"] not in ("tracked", "staged", "untracked", "ignored"):
                raise self.fail(self.line_of(entry, "git"), "'git' must be tracked, staged, untracked or ignored")
        return {str(role): dict(entry) for role, entry in raw.items()}


def builtin_rules_dir() -> Path:
    """The folder of the built-in rules (installed package data, or rules/ in a checkout)."""
    import importlib  # already loaded by the interpreter: costs nothing

    # A plain package folder in a normal and in an editable install: its __path__ is the answer,
    # without importlib.resources (~5 ms of start-up). Anything else (a zip): ask resources.
    paths = list(getattr(importlib.import_module("awslint.rules"), "__path__", ()))
    if len(paths) == 1 and os.path.isdir(paths[0]):
        return Path(paths[0])
    from importlib import resources

    return Path(str(resources.files("awslint.rules")))


def _pack_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    return [path]


def _confine(files: list[Path], folder: str) -> None:
    """Refuse, before reading any, a pack file whose real path is not beneath ``folder``.

    A pack named by a settings file (which may belong to the repository linted) is checked as a
    whole by ``settings.rule_pack_path``, but a folder pack can hold links to files elsewhere:
    followed, they would load any YAML file on the machine as rules and quote it in errors."""
    root = Path(os.path.realpath(folder))
    for path in files:
        real = Path(os.path.realpath(path))
        if real != root and root not in real.parents:
            raise UsageError(
                f"{path}: leads outside {folder} (the settings file's folder) through a symbolic link; "
                "refused: give such a pack with --rules"
            )


def load_rules(
    extra: Optional[list[str]] = None, include_builtin: bool = True, confined: Optional[Mapping[str, str]] = None
) -> RuleSet:
    """Load the built-in rules and any extra packs; raise UsageError on any mistake.

    ``confined`` maps a pack of ``extra`` named by a settings file to that file's folder: every
    file of the pack must really lie beneath it (``_confine``). Other packs may be anywhere."""
    files: list[tuple[Path, str]] = []
    if include_builtin:
        base = builtin_rules_dir()
        files += [(p, f"rules/{p.relative_to(base).as_posix()}") for p in _pack_files(base)]
    builtin_count = len(files)
    for item in extra or []:
        path = Path(item)
        if not path.exists():
            raise UsageError(f"--rules {item}: no such file or directory")
        found = _pack_files(path)
        if confined and item in confined:
            _confine(found, confined[item])
        files += [(p, str(p)) for p in found]
    # Data first, so a rule may use a list defined in any file.
    documents: list[tuple[str, Any]] = []
    data: dict[str, list[Any]] = {}
    data_origin: dict[str, str] = {}
    for path, shown in files:
        try:
            text = read_regular_file(str(path), shown).decode("utf-8")
        except UnicodeDecodeError:
            raise UsageError(f"{shown}: a rule pack must be UTF-8 text") from None
        try:
            document = load_yaml(text)
        except YAMLError as exc:
            raise UsageError(f"{shown}:{exc.line}: {exc}" if exc.line else f"{shown}: {exc}") from None
        documents.append((shown, document))
        if isinstance(document, dict) and isinstance(document.get("data"), dict):
            for name in document["data"]:
                if name in data_origin:
                    line = document["data"].key_lines.get(name, 0)
                    raise UsageError(f"{shown}:{line}: data list '{name}' is already defined in {data_origin[name]}")
                data_origin[name] = shown
    known = set(data_origin)
    rules: list[Rule] = []
    seen_codes: dict[str, str] = {}
    seen_names: dict[str, str] = {}
    for index, (shown, document) in enumerate(documents):
        pack_rules, pack_data = _Validator(shown, known).pack(document)
        for rule in pack_rules:
            rule.builtin = index < builtin_count
        data.update(pack_data)
        for rule in pack_rules:
            line = rule.origin.rsplit(":", 1)[1]
            if rule.code in seen_codes:
                raise UsageError(f"{shown}:{line}: duplicate rule code {rule.code} (already defined at {seen_codes[rule.code]})")
            if rule.name in seen_names:
                raise UsageError(f"{shown}:{line}: duplicate rule name {rule.name} (already defined at {seen_names[rule.name]})")
            seen_codes[rule.code] = rule.origin
            seen_names[rule.name] = rule.origin
            rules.append(rule)
    rules.sort(key=lambda r: r.code)
    return RuleSet(rules, data)
