"""awslint's own settings: ``.awslint.yaml`` (or ``[tool.awslint]`` in ``pyproject.toml``).

Found for each linted file from that file's folder upwards, stopping after the repository root
(the folder with ``.git``) or the home folder, so a settings file applies only to files beneath
its own folder; when there is none, the user's ``$XDG_CONFIG_HOME/awslint/config.yaml`` (else
``~/.config/awslint/config.yaml``); ``--config FILE`` names one for every file instead. Files
owned by another user (not root), and links to files outside the repository, are ignored with a
warning. The closest file wins; files are
not merged (``SettingsFinder``). Every mistake is ``PATH:LINE: message`` with a did-you-mean,
through ``UsageError`` (exit 2). Settings (all optional)::

    select: [AWS2, AWS006]          # codes, prefixes or names
    extend-select: [AWS301]         # added to select (or to --select's absence)
    ignore: [AWS209]
    severity: {AWS201: error, unknown-key: info}
    rule-packs: [ci/awslint-rules]  # beneath this file's folder (see rule_pack_path)
    allowed-keys: [my_tool_profile] # extends the data list allowed_keys (AWS011)
    opt-in-regions: [ap-east-1]     # replaces the data list opt_in_regions
    include: ["**/dot_aws/**"]      # only these files are reported (also files passed by name)
    exclude: ["legacy/**"]          # never report these files
    per-file-ignores: {"**/dot_aws/*.tmpl": [AWS006]}  # glob -> rules off for those files
    fail-on: warning

Command-line flags win: ``--select`` replaces ``select`` and ``extend-select``,
``--extend-select`` adds to them, ``--ignore`` adds to ``ignore``,
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
from awslint.standins.records import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Optional

from awslint.errors import UsageError

FILE_NAMES = (".awslint.yaml", ".awslint.yml")
PYPROJECT = "pyproject.toml"
KEYS = (
    "select", "extend-select", "ignore", "severity", "rule-packs", "allowed-keys", "opt-in-regions", "include", "exclude",
    "per-file-ignores", "fail-on",
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
    extend_select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    rule_packs: list[str] = field(default_factory=list)
    allowed_keys: list[str] = field(default_factory=list)
    opt_in_regions: Optional[list[str]] = None
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    fail_on: Optional[str] = None
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)  # glob -> codes, prefixes, names
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
        from awslint.distance import suggest

        names = [r.code for r in rules] + [r.name for r in rules]
        for key in ("select", "extend-select", "ignore"):
            for index, token in enumerate(getattr(self, key.replace("-", "_"))):
                upper = token.upper()
                if upper == "ALL" or any(r.code.startswith(upper) for r in rules) or any(r.name == token for r in rules):
                    continue
                where = f"{key}[{index}]" if f"{key}[{index}]" in self.lines else key
                raise self.fail(where, f"{key}: no rule matches '{token}'{suggest(token, names)}")
        for pattern, tokens in self.per_file_ignores.items():
            for token in tokens:
                upper = token.upper()
                if not (upper == "ALL" or any(r.code.startswith(upper) for r in rules) or any(r.name == token for r in rules)):
                    where = f"per-file-ignores.{pattern}" if f"per-file-ignores.{pattern}" in self.lines else "per-file-ignores"
                    raise self.fail(where, f"per-file-ignores: {pattern}: no rule matches '{token}'{suggest(token, names)}")
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

    def ignored_here(self, path: str, cwd: str) -> list[str]:
        """The codes, prefixes and names ``per-file-ignores`` turns off for ``path``."""
        if not self.per_file_ignores:
            return []
        relative = self._relative(path, cwd)
        return [token for pattern, tokens in self.per_file_ignores.items() if glob_match(pattern, relative) for token in tokens]

    def reports(self, path: str, cwd: str) -> bool:
        """Whether ``path`` (as given, relative to ``cwd``) is reported under include/exclude."""
        if not self.include and not self.exclude:
            return True
        relative = self._relative(path, cwd)
        if self.include and not any(glob_match(p, relative) for p in self.include):
            return False
        return not any(glob_match(p, relative) for p in self.exclude)

    def _relative(self, path: str, cwd: str) -> str:
        """``path`` relative to this file's folder (as given, else resolved, else absolute)."""
        absolute = os.path.abspath(os.path.join(cwd, path))
        try:
            relative = Path(absolute).relative_to(self.folder.resolve()).as_posix()
        except ValueError:
            try:
                relative = Path(os.path.realpath(absolute)).relative_to(self.folder.resolve()).as_posix()
            except ValueError:
                relative = Path(absolute).as_posix()
        return relative


def glob_source(pattern: str) -> str:
    """The regular expression (text) of a gitignore-like glob: ``**`` spans folders, ``*``/``?``
    stay within one; a pattern without ``/`` matches a name in any folder; a trailing ``/`` or
    ``/**`` matches everything below. Matched from the start of a relative path."""
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
    return ("" if anchored else "(?:.*/)?") + "".join(parts) + "(?:/.*)?"


@functools.lru_cache(maxsize=256)
def _glob_regex(pattern: str) -> Any:
    """``glob_source`` compiled for the linear engine (``linear_regex``), not ``re``: a
    backtracking match of ``**a**a**a**a**a**a**c`` against a long folder name ran for minutes."""
    from awslint.standins.linear_regex import UnsupportedPattern, glob_pattern

    try:
        return glob_pattern(glob_source(pattern))
    except (re.error, UnsupportedPattern):  # a bracket fnmatch cannot translate: the text itself
        return glob_pattern(re.escape(pattern.strip()))


def glob_match(pattern: str, relative: str) -> bool:
    return _glob_regex(pattern).search(relative) is not None


# -- discovery and loading ---------------------------------------------------------------------


def find_config(cwd: str, environ: Mapping[str, str]) -> Optional[str]:
    """The nearest settings file from ``cwd`` upwards (see ``settings_file_in``)."""
    finder = SettingsFinder(None, cwd, environ)
    return finder.nearest(os.path.abspath(cwd))


def settings_file_in(folder: str, skip: Optional[Callable[[str], bool]] = None) -> Optional[str]:
    """``folder``'s own settings file: ``.awslint.yaml``, ``.awslint.yml``, else a
    ``pyproject.toml`` with a ``[tool.awslint]`` table (not read when ``skip`` says so)."""
    for name in FILE_NAMES:
        candidate = os.path.join(folder, name)
        if os.path.isfile(candidate):
            return candidate
    pyproject = os.path.join(folder, PYPROJECT)
    if os.path.isfile(pyproject) and not (skip is not None and skip(pyproject)) and _has_tool_table(Path(pyproject)):
        return pyproject
    return None


def user_settings_file(environ: Mapping[str, str]) -> Optional[str]:
    """``$XDG_CONFIG_HOME/awslint/config.yaml``, else ``~/.config/awslint/config.yaml``."""
    xdg = environ.get("XDG_CONFIG_HOME", "")
    if xdg and os.path.isabs(xdg):  # the XDG spec: a relative value is invalid and ignored
        base = xdg
    elif environ.get("HOME"):
        base = os.path.join(environ["HOME"], ".config")
    else:
        return None
    path = os.path.join(base, "awslint", "config.yaml")
    return path if os.path.isfile(path) else None


def foreign_owner(path: str) -> Optional[int]:
    """The owner's uid when ``path`` (or the link that names it) belongs to neither the invoking
    user nor root, else None. Always None where there are no uids (Windows)."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:
        return None
    trusted = (getuid(), 0)
    for stat_of in (os.lstat, os.stat):
        try:
            uid = stat_of(path).st_uid
        except OSError:
            return None
        if uid not in trusted:
            return uid
    return None


class SettingsFinder:
    """Which settings apply to each linted file.

    ``--config FILE`` applies to every file. Otherwise a file's settings are the nearest
    ``.awslint.yaml`` / ``.awslint.yml`` / ``pyproject.toml`` with ``[tool.awslint]`` from the
    file's own folder upwards, stopping after the repository root (a folder holding ``.git``) or
    the home folder, so a settings file only ever applies to files beneath its folder; when there
    is none, the user's own file (``user_settings_file``). A settings file owned by another user
    (not root), or a symbolic link to a file outside its repository, is skipped with a warning,
    as if it were not there."""

    def __init__(self, explicit: Optional[str], cwd: str, environ: Mapping[str, str]) -> None:
        self.cwd = cwd
        self.environ = environ
        self.notices: list[str] = []
        self._explicit = load_config(explicit, cwd, environ) if explicit else None
        self._nearest: dict[str, Optional[str]] = {}  # folder -> settings file found from it
        self._loaded: dict[str, Config] = {}
        home = environ.get("HOME")
        self._homes = {os.path.abspath(home), os.path.realpath(home)} if home else set()
        self._user: Optional[str] = None
        self._user_looked = False

    def for_file(self, path: str) -> Optional[Config]:
        """The settings of ``path`` (as given, relative to the working folder), looked up from
        where the file really lives: through a link such as ``repo/link -> ~/.aws`` the
        repository's settings (its ignores, its packs) must not apply to a file outside it."""
        if self._explicit is not None:
            return self._explicit
        found = self.nearest(os.path.dirname(os.path.realpath(os.path.join(self.cwd, path))))
        return self._load(found) if found is not None else self.fallback()

    def fallback(self) -> Optional[Config]:
        """The settings of a run with no file to lint: ``--config``, else the user's own."""
        if self._explicit is not None:
            return self._explicit
        if not self._user_looked:
            self._user_looked = True
            user = user_settings_file(self.environ)
            self._user = user if user is not None and self._trusted(user) else None
        return self._load(self._user) if self._user is not None else None

    def _load(self, path: str) -> Config:
        if path not in self._loaded:
            config = load_config(path, self.cwd, self.environ, discovered=True)
            assert config is not None
            self._loaded[path] = config
        return self._loaded[path]

    def nearest(self, folder: str) -> Optional[str]:
        """The settings file found from ``folder`` upwards (cached per folder)."""
        visited = []
        result: Optional[str] = None
        here = folder
        while True:
            if here in self._nearest:
                result = self._nearest[here]
                break
            visited.append(here)
            # A pyproject.toml linked from elsewhere is not even read (it is seldom awslint's).
            candidate = settings_file_in(here, skip=functools.partial(self._leads_out, folder=here))
            if candidate is not None and self._inside(candidate, here) and self._trusted(candidate):
                result = candidate
                break
            parent = os.path.dirname(here)
            if parent == here or here in self._homes or os.path.lexists(os.path.join(here, ".git")):
                break
            if os.path.realpath(here) in self._homes:
                break
            here = parent
        for folder_seen in visited:
            self._nearest[folder_seen] = result
        return result

    def _inside(self, path: str, folder: str) -> bool:
        """False (with a warning) when a settings file found in ``folder`` is a symbolic link to a
        file outside its tree: the repository around it (or, with none, ``folder`` itself). A link
        must not bring in settings (and rule packs relative to them) from elsewhere."""
        if not self._leads_out(path, folder):
            return True
        self.notices.append(f"{self._shown(path)}: settings file is a symbolic link to a file outside the repository, ignored")
        return False

    def _leads_out(self, path: str, folder: str) -> bool:
        """Whether ``path`` (found in ``folder``) really lies outside ``folder``'s tree."""
        real = Path(os.path.realpath(path))
        if Path(os.path.realpath(folder)) in real.parents:
            return False  # the common case, with no walk: a plain file, or a link within its folder
        here = folder
        while not os.path.lexists(os.path.join(here, ".git")):
            parent = os.path.dirname(here)
            if parent == here or here in self._homes or os.path.realpath(here) in self._homes:
                return True  # no repository: the folder itself is the tree
            here = parent
        return Path(os.path.realpath(here)) not in real.parents

    def _trusted(self, path: str) -> bool:
        uid = foreign_owner(path)
        if uid is None:
            return True
        self.notices.append(f"{self._shown(path)}: settings file owned by another user (uid {uid}), ignored")
        return False

    def _shown(self, path: str) -> str:
        relative = os.path.relpath(path, self.cwd)
        return path if relative.startswith("..") else relative


def _has_tool_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return _TOOL_TABLE.search(text) is not None


def load_config(explicit: Optional[str], cwd: str, environ: Mapping[str, str], discovered: bool = False) -> Optional[Config]:
    """``--config FILE`` (or, with ``discovered``, a file SettingsFinder found), else the file
    found from ``cwd`` upwards; validated; None when there is none."""
    path = explicit or find_config(cwd, environ)
    if path is None:
        return None
    from awslint.files.source import read_regular_file

    if discovered or not explicit:
        relative = os.path.relpath(path, cwd)
        shown = path if relative.startswith("..") and os.path.isabs(path) else relative
        explicit = None
    else:
        shown = path
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
    from awslint.syntax.yamlsource import LineDict, YAMLError, load_yaml

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
    except RecursionError:  # select = [[[[…: tomllib recurses once per level
        raise UsageError(f"{shown}:1: nested too deeply") from None
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
    from awslint.distance import suggest

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
    if "extend-select" in document:
        config.extend_select = string_list("extend-select")
    if "per-file-ignores" in document:
        value = document["per-file-ignores"]
        if not isinstance(value, dict):
            raise fail("per-file-ignores", "'per-file-ignores' must map globs to lists of rule codes or names")
        for pattern, line in getattr(value, "key_lines", {}).items():
            lines[f"per-file-ignores.{pattern}"] = line
        for pattern, codes in value.items():
            where = f"per-file-ignores.{pattern}" if f"per-file-ignores.{pattern}" in lines else "per-file-ignores"
            if isinstance(codes, str):
                codes = [part.strip() for part in codes.split(",") if part.strip()]
            if not isinstance(pattern, str) or not pattern.strip() or not isinstance(codes, list) or not all(isinstance(c, str) and c.strip() for c in codes):
                raise config.fail(where, f"per-file-ignores: {pattern}: must be a glob mapped to a list of rule codes or names")
            config.per_file_ignores[pattern.strip()] = [c.strip() for c in codes]
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
