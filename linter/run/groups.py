"""Files linted together under one settings file: the unit a run is made of.

Each linted file has its own settings (``config.SettingsFinder``). Files that share a settings
file are linted with one rule set (its rule packs, data changes and selection); a config and a
credentials file of one folder that answer to different settings files are each linted with
their own, the other file read as context only, so every finding follows the settings of the
file it is in. Exit code: a finding counts against the ``fail-on`` of its own settings.
"""

from __future__ import annotations

from awslint.standins.records import dataclass, field
from typing import Any, Callable, Mapping, Optional, TextIO

from awslint.files.discovery import FileRef, Layout
from awslint.findings import SEVERITY_RANK, Finding


@dataclass
class Group:
    config: Any  # a config.Config, or None (no settings file)
    layouts: list[Layout] = field(default_factory=list)
    ruleset: Any = None
    rules: list[Any] = field(default_factory=list)
    severities: dict[str, str] = field(default_factory=dict)
    fail_on: str = "warning"


def assign(layouts: list[Layout], finder: Any, cwd: str) -> list[Group]:
    """Group the layouts by the settings of their reported files; ``include``/``exclude`` make a
    file context only (so cross-file rules still see it), and layouts left with no reported file
    are dropped."""
    groups: dict[int, Group] = {}

    def group_of(config: Any) -> Group:
        key = id(config)
        if key not in groups:
            groups[key] = Group(config)
        return groups[key]

    for layout in layouts:
        owners: dict[int, tuple[Any, list[FileRef]]] = {}
        for ref in layout.files:
            if not ref.reported:
                continue
            config = finder.for_file(ref.display)
            if config is not None and not config.reports(ref.display, cwd):
                ref.reported = False
                continue
            owners.setdefault(id(config), (config, []))[1].append(ref)
        if len(owners) == 1:
            config, _ = next(iter(owners.values()))
            group_of(config).layouts.append(layout)
            continue
        for config, refs in owners.values():  # two files, two settings files: one pass each
            copy = Layout(*(None if ref is None else FileRef(ref.fs_path, ref.display, ref.role, ref in refs, ref.data) for ref in (layout.config, layout.credentials)))
            group_of(config).layouts.append(copy)
    return list(groups.values())


def load_rules(
    groups: list[Group],
    load_ruleset: Callable[[list[str], dict[str, str]], Any],
    extra_packs: list[str],
    select: list[str],
    extend_select: list[str],
    ignore: list[str],
    fail_on: Optional[str],
) -> None:
    """Each group's rule set (one load per distinct list of packs), data, selection, severities.

    ``extra_packs`` (``--rules``) are added to every group's ``rule-packs``;
    ``select`` (from ``--select``) replaces the settings' ``select`` and ``extend-select``;
    ``extend_select`` and ``ignore`` add to them; ``fail_on`` replaces ``fail-on``."""
    from awslint.engine.selection import select_rules
    from awslint.engine.ruleset import RuleSet

    loaded: dict[tuple[Any, ...], Any] = {}
    for group in groups:
        config = group.config
        packs = tuple((config.rule_packs if config is not None else []) + extra_packs)
        # A settings file's packs must lie beneath its folder, file by file (links included);
        # the same pack given with --rules is the user's own choice.
        confined = {} if config is None else {p: str(config.folder) for p in config.rule_packs if p not in extra_packs}
        key = (packs, tuple(sorted(confined.items())))
        if key not in loaded:
            loaded[key] = load_ruleset(list(packs), confined)
        ruleset = loaded[key]
        if extend_select:  # a misspelt --extend-select is an error even where it adds nothing
            _check_tokens(ruleset.rules, extend_select)
        if config is None:
            group.ruleset = ruleset
            group.rules = select_rules(ruleset.rules, select + extend_select if select else [], ignore)
            group.fail_on = fail_on or "warning"
            continue
        config.check_rule_names(ruleset.rules)
        group.ruleset = RuleSet(ruleset.rules, dict(ruleset.data))  # the data changes are this group's own
        config.apply_data(group.ruleset.data)
        if select:
            chosen = select + extend_select
        elif config.select:
            chosen = config.select + config.extend_select + extend_select
        else:
            chosen = []  # every rule: extend-select adds nothing to "all"
        group.rules = select_rules(ruleset.rules, chosen, config.ignore + ignore)
        group.severities = config.severities(ruleset.rules)
        group.fail_on = fail_on or config.fail_on or "warning"


def _check_tokens(rules: list[Any], tokens: list[str]) -> None:
    from awslint.errors import UsageError
    from awslint.distance import suggest

    names = [r.code for r in rules] + [r.name for r in rules]
    for token in tokens:
        upper = token.strip().upper()
        if upper != "ALL" and not any(r.code.startswith(upper) or r.name == token.strip() for r in rules):
            raise UsageError(f"--extend-select: no rule matches '{token}'{suggest(token, names)}")


def lint(
    groups: list[Group], err: TextIO, cwd: str, environ: Optional[Mapping[str, str]], notices: list[str]
) -> tuple[Any, dict[int, int]]:
    """Lint every group; the merged result (findings sorted) and, for each finding (by ``id``),
    the rank of its own settings' ``fail-on`` (see ``failing``)."""
    from awslint.run.lint import LintResult, lint_layouts

    findings: list[Finding] = []
    thresholds: dict[int, int] = {}
    files = 0
    for group in groups:
        result = lint_layouts(group.layouts, group.ruleset, group.rules, err, environ=environ)
        kept = [f for f in result.findings if not _ignored_for_file(group.config, f, cwd)]
        threshold = SEVERITY_RANK[group.fail_on]
        for finding in kept:
            finding.severity = group.severities.get(finding.code, finding.severity)
            thresholds[id(finding)] = threshold
        findings.extend(kept)
        files += result.files
        notices.extend(n for n in result.notices if n not in notices)
    findings.sort(key=Finding.sort_key)
    return LintResult(findings, files, notices), thresholds


def failing(result: Any, thresholds: dict[int, int]) -> bool:
    """Whether a finding that counts (not suppressed inline or by a baseline) is at or above
    the ``fail-on`` of the settings of the file it is in."""
    return any(SEVERITY_RANK[f.severity] >= thresholds.get(id(f), SEVERITY_RANK["warning"]) for f in result.active)


def _ignored_for_file(config: Any, finding: Finding, cwd: str) -> bool:
    """``per-file-ignores``: the rule is off for the file the finding is in."""
    if config is None or not config.per_file_ignores:
        return False
    for token in config.ignored_here(finding.path, cwd):
        upper = token.upper()
        if upper == "ALL" or finding.code.startswith(upper) or finding.name == token:
            return True
    return False


def all_rules(groups: list[Group]) -> list[Any]:
    """Every rule enabled in some group, once (for SARIF's rule list)."""
    seen: dict[str, Any] = {}
    for group in groups:
        for rule in group.rules:
            seen.setdefault(rule.code, rule)
    return list(seen.values())


def all_severities(groups: list[Group]) -> dict[str, str]:
    merged: dict[str, str] = {}
    for group in groups:
        merged.update(group.severities)
    return merged
