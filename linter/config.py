"""awslint's own settings: ``.awslint.yaml`` (or ``[tool.awslint]`` in ``pyproject.toml``).

Found from the working directory upwards, stopping after the repository root (the folder with
``.git``) or the home folder; ``--config FILE`` names one instead. The closest file wins; files
are not merged. Every mistake is ``PATH:LINE: message`` with a did-you-mean, through
``UsageError`` (exit 2). Settings (all optional)::

    select: [AWS2, AWS006]          # codes, prefixes or names
    ignore: [AWS209]
    severity: {AWS201: error, unknown-key: info}
    rule-packs: [ci/awslint-rules]  # beneath this file's folder (see rule_pack_path)
    allowed-keys: [my_tool_profile] # extends the data list allowed_keys (AWS011)
    opt-in-regions: [ap-east-1]     # replaces the data list opt_in_regions
    include: ["**/dot_aws/**"]      # only these files are reported (also files passed by name)
    exclude: ["legacy/**"]          # never report these files
    fail-on: warning

Command-line flags win: ``--select`` replaces ``select``, ``--ignore`` adds to ``ignore``,
``--rules`` adds to ``rule-packs``, ``--fail-on`` replaces ``fail-on``.

``pyproject.toml`` is read with ``tomllib`` (Python 3.11+) or ``tomli`` when installed; on
older Pythons without ``tomli`` a ``[tool.awslint]`` table is an error that says so (awslint
adds no dependency for it): use ``.awslint.yaml`` there.
"""

from __future__ import annotations

import fnmatch
import functools
import os
import re
from awslint.records import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Optional

from awslint.errors import UsageError

FILE_NAMES = (".awslint.yaml", ".awslint.yml")
PYPROJECT = "pyproject.toml"
KEYS = (
    "select", "ignore", "severity", "rule-packs", "allowed-keys", "opt-in-regions", "include", "exclude", "fail-on",
)
SEVERITIES = ("error", "warning", "info")
# Blanks are [ \t], not \s: a \s* at each line start ran across every following blank line
# (quadratic on a file of many empty lines); a TOML table header stays on one line anyway.
_TOOL_TABLE = re.compile(r"^[ \t]*\[[ \t]*tool[ \t]*\.[ \t]*awslint[ \t]*\][ \t]*(#.*)?$", re.MULTILINE)


@dataclass
class Config:
    path: str  # the file, as shown
    folder: Path  # globs and rule packs are relative to it
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    rule_packs: list[str] = field(default_factory=list)
    allowed_keys: list[str] = field(default_factory=list)
    opt_in_regions: Optional[list[str]] = None
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    fail_on: Optional[str] = None
    lines: dict[str, int] = field(default_factory=dict)  # setting -> line, for later errors

    def fail(self, key: str, message: str) -> UsageError:
        line = self.lines.get(key, 0)
        return UsageError(f"{self.path}:{line}: {message}" if line else f"{self.path}: {message}")

    # -- after the rules are loaded -----------------------------------------------------

    def apply_data(self, data: dict[str, list[Any]]) -> None:
        """Extend ``allowed_keys`` and replace ``opt_in_regions`` in the rule data."""
        if self.allowed_keys:
            data["allowed_keys"] = list(data.get("allowed_keys", [])) + [k for k in self.allowed_keys if k not in data.get("allowed_keys", [])]
        if self.opt_in_regions is not None:
            data["opt_in_regions"] = list(self.opt_in_regions)

    def check_rule_names(self, rules: list[Any]) -> None:
        """Every code, prefix or name in select/ignore/severity matches a loaded rule."""
        from awslint.ruleset import suggest

        names = [r.code for r in rules] + [r.name for r in rules]
        for key in ("select", "ignore"):
            for index, token in enumerate(getattr(self, key)):
                upper = token.upper()
                if upper == "ALL" or any(r.code.startswith(upper) for r in rules) or any(r.name == token for r in rules):
                    continue
                where = f"{key}[{index}]" if f"{key}[{index}]" in self.lines else key
                raise self.fail(where, f"{key}: no rule matches '{token}'{suggest(token, names)}")
        for token in self.severity:
            if not any(r.code == token.upper() or r.name == token for r in rules):
                where = f"severity.{token}" if f"severity.{token}" in self.lines else "severity"
                raise self.fail(where, f"severity: no rule '{token}'{suggest(token, names)}")

    def severities(self, rules: list[Any]) -> dict[str, str]:
        """Rule code -> configured severity."""
        result = {}
        for token, level in self.severity.items():
            for rule in rules:
                if rule.code == token.upper() or rule.name == token:
                    result[rule.code] = level
        return result

    # -- files ------------------------------------------------------------------------------

    def reports(self, path: str, cwd: str) -> bool:
        """Whether ``path`` (as given, relative to ``cwd``) is reported under include/exclude."""
        if not self.include and not self.exclude:
            return True
        absolute = os.path.abspath(os.path.join(cwd, path))
        try:
            relative = Path(absolute).relative_to(self.folder.resolve()).as_posix()
        except ValueError:
            try:
                relative = Path(os.path.realpath(absolute)).relative_to(self.folder.resolve()).as_posix()
            except ValueError:
                relative = Path(absolute).as_posix()
        if self.include and not any(glob_match(p, relative) for p in self.include):
            return False
        return not any(glob_match(p, relative) for p in self.exclude)


@functools.lru_cache(maxsize=256)
def _glob_regex(pattern: str) -> Any:
    """gitignore-like: ``**`` spans folders, ``*``/``?`` stay within one; a pattern without ``/``
    matches a name in any folder; a trailing ``/`` or ``/**`` matches everything below.

    Matched by the linear engine (``linear_regex``), not ``re``: a backtracking match of
    ``**a**a**a**a**a**a**c`` against a long folder name ran for minutes."""
    from awslint.linear_regex import UnsupportedPattern, glob_pattern

    pattern = pattern.strip()
    anchored = "/" in pattern.rstrip("/")
    pattern = pattern.lstrip("/")
    if pattern.endswith("/"):
        pattern += "**"
    parts = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            parts.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            parts.append(".*")
            i += 2
        elif pattern[i] == "*":
            parts.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            parts.append("[^/]")
            i += 1
        elif pattern[i] == "[":
            end = pattern.find("]", i + 1)
            if end == -1:
                parts.append(re.escape("["))
                i += 1
            else:
                parts.append(fnmatch.translate(pattern[i : end + 1])[4:-3])
                i = end + 1
        else:
            parts.append(re.escape(pattern[i]))
            i += 1
    body = "".join(parts)
    try:
        return glob_pattern(("" if anchored else "(?:.*/)?") + body + "(?:/.*)?")
    except (re.error, UnsupportedPattern):  # a bracket fnmatch cannot translate: the text itself
        return glob_pattern(re.escape(pattern))


def glob_match(pattern: str, relative: str) -> bool:
    return _glob_regex(pattern).search(relative) is not None


# -- discovery and loading ---------------------------------------------------------------------


def find_config(cwd: str, environ: Mapping[str, str]) -> Optional[str]:
    """The nearest config file from ``cwd`` upwards; stops after a repository root or at HOME."""
    home = environ.get("HOME")
    home_path = Path(home).resolve() if home else None
    here = Path(cwd).resolve()
    for folder in (here, *here.parents):
        for name in FILE_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return str(candidate)
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _has_tool_table(pyproject):
            return str(pyproject)
        if (folder / ".git").exists() or folder == home_path:
            break
    return None


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return _TOOL_TABLE.search(text) is not None


def load_config(explicit: Optional[str], cwd: str, environ: Mapping[str, str]) -> Optional[Config]:
    """``--config FILE`` or the discovered file, validated; None when there is none."""
    path = explicit or find_config(cwd, environ)
    if path is None:
        return None
    from awslint.source import read_regular_file

    shown = path if explicit else os.path.relpath(path, cwd)
    try:
        text = read_regular_file(path, f"--config {shown}" if explicit else shown).decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"{shown}: a configuration file must be UTF-8 text") from None
    folder = Path(os.path.abspath(path)).parent
    if os.path.basename(path) == PYPROJECT or path.endswith(".toml"):
        document, lines = _load_toml(text, shown)
    else:
        document, lines = _load_yaml(text, shown)
    config = Config(path=shown, folder=folder)
    _validate(config, document, lines)
    return config


def _load_yaml(text: str, shown: str) -> tuple[Any, dict[str, int]]:
    from awslint.yamlsource import LineDict, YAMLError, load_yaml

    try:
        document = load_yaml(text)
    except YAMLError as exc:
        raise UsageError(f"{shown}:{exc.line}: {exc}" if exc.line else f"{shown}: {exc}") from None
    if document is None:
        return {}, {}
    if not isinstance(document, dict):
        raise UsageError(f"{shown}:1: the configuration must be a mapping of settings (select:, ignore: …)")
    lines = dict(document.key_lines) if isinstance(document, LineDict) else {}
    # Item lines, for errors about one entry of a list.
    for key, value in document.items():
        for index, line in enumerate(getattr(value, "item_lines", None) or []):
            lines[f"{key}[{index}]"] = line
    return document, lines


def _load_toml(text: str, shown: str) -> tuple[Any, dict[str, int]]:
    try:
        import tomllib as toml  # type: ignore[import-not-found,unused-ignore]
    except ImportError:  # Python < 3.11
        try:
            import tomli as toml  # type: ignore[import-not-found,no-redef,unused-ignore]
        except ImportError:
            raise UsageError(
                f"{shown}: reading [tool.awslint] needs Python 3.11+ (or the tomli package); use .awslint.yaml instead"
            ) from None
    try:
        document = toml.loads(text)
    except toml.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = int(match.group(1)) if match else 0
        raise UsageError(f"{shown}:{line}: invalid TOML: {str(exc).split(' (at')[0]}" if line else f"{shown}: invalid TOML: {exc}") from None
    tool = document.get("tool", {}).get("awslint")
    if tool is None:
        raise UsageError(f"{shown}: no [tool.awslint] table")
    if not isinstance(tool, dict):
        raise UsageError(f"{shown}: [tool.awslint] must be a table")
    # tomllib keeps no positions: find each key's line inside the [tool.awslint] table.
    lines: dict[str, int] = {}
    table = _TOOL_TABLE.search(text)
    if table is not None:
        start = text.count("\n", 0, table.start()) + 1
        body = text[table.end():]
        end_match = re.search(r"^[ \t]*\[", body, re.MULTILINE)
        body = body[: end_match.start()] if end_match else body
        for offset, raw in enumerate(body.split("\n")):
            key_match = re.match(r'\s*"?([A-Za-z0-9_-]+)"?\s*=', raw)
            if key_match and key_match.group(1) not in lines:
                lines[key_match.group(1)] = start + offset
    return tool, lines


def rule_pack_path(config: Config, pack: str, where: str) -> str:
    """A pack named by a settings file, which must lie beneath that file's folder.

    The settings file may belong to the repository being linted: an absolute, ``~`` or ``..``
    path (or a symbolic link) leading elsewhere would let it load any YAML file on the machine
    as rules, learn which files exist, and quote other files in its errors. Only packs given on
    the command line (``--rules``) may be anywhere. Checked before the pack's existence, so a
    refused path says nothing about what is there."""
    folder = config.folder.resolve()
    refused = (
        f"rule-packs: {pack}: must be a path inside {config.folder} (the settings file's folder); "
        "absolute, '~' and '..' paths are refused here: give such a pack with --rules"
    )
    if pack.startswith("~") or os.path.isabs(pack) or os.path.splitdrive(pack)[0]:
        raise config.fail(where, refused)
    full = config.folder / pack
    try:
        resolved = full.resolve()
    except (OSError, RuntimeError):  # a symbolic link loop
        raise config.fail(where, refused) from None
    if resolved != folder and folder not in resolved.parents:
        raise config.fail(where, refused)
    if not full.exists():
        raise config.fail(where, f"rule-packs: {pack}: no such file or directory")
    return str(full)


def _validate(config: Config, document: dict[str, Any], lines: dict[str, int]) -> None:
    from awslint.ruleset import suggest

    config.lines = lines

    def fail(key: str, message: str) -> UsageError:
        return config.fail(key, message)

    def string_list(key: str) -> list[str]:
        value = document[key]
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        if not isinstance(value, list):
            raise fail(key, f"'{key}' must be a list of strings")
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                raise config.fail(f"{key}[{index}]" if f"{key}[{index}]" in lines else key, f"each entry of '{key}' must be a non-empty string")
        return [item.strip() for item in value]

    for key in document:
        if not isinstance(key, str) or key not in KEYS:
            alt = str(key).replace("_", "-")
            hint = f" (did you mean '{alt}'?)" if alt in KEYS else suggest(str(key), KEYS)
            raise fail(str(key), f"unknown setting '{key}'{hint}; allowed: {', '.join(KEYS)}")
    if "select" in document:
        config.select = string_list("select")
    if "ignore" in document:
        config.ignore = string_list("ignore")
    if "rule-packs" in document:
        packs = string_list("rule-packs")
        config.rule_packs = []
        for index, pack in enumerate(packs):
            where = f"rule-packs[{index}]" if f"rule-packs[{index}]" in lines else "rule-packs"
            config.rule_packs.append(rule_pack_path(config, pack, where))
    if "allowed-keys" in document:
        config.allowed_keys = [k.lower() for k in string_list("allowed-keys")]
    if "opt-in-regions" in document:
        regions = string_list("opt-in-regions")
        for index, region in enumerate(regions):
            if not re.fullmatch(r"[a-z]{2}(-[a-z]+)+-\d+", region):
                raise config.fail(f"opt-in-regions[{index}]" if f"opt-in-regions[{index}]" in lines else "opt-in-regions", f"opt-in-regions: '{region}' is not a region code like ap-east-1")
        config.opt_in_regions = regions
    for key in ("include", "exclude"):
        if key in document:
            setattr(config, key, string_list(key))
    if "fail-on" in document:
        value = document["fail-on"]
        if value not in SEVERITIES:
            raise fail("fail-on", f"fail-on: unknown severity '{value}'{suggest(str(value), SEVERITIES)}; allowed: {', '.join(SEVERITIES)}")
        config.fail_on = value
    if "severity" in document:
        value = document["severity"]
        if not isinstance(value, dict):
            raise fail("severity", "'severity' must map rule codes or names to error, warning or info")
        sub_lines = getattr(value, "key_lines", {})
        for rule, line in sub_lines.items():
            lines[f"severity.{rule}"] = line
        for rule, level in value.items():
            if level not in SEVERITIES:
                line = sub_lines.get(rule) or lines.get("severity", 0)
                where = f"{config.path}:{line}" if line else config.path
                raise UsageError(f"{where}: severity of {rule}: unknown severity '{level}'{suggest(str(level), SEVERITIES)}; allowed: {', '.join(SEVERITIES)}")
            config.severity[str(rule)] = level
