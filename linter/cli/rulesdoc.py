"""``docs/rules.md``, generated from the rule YAML: ``python -m awslint.cli.rulesdoc > docs/rules.md``
(or ``awslint rules --format markdown``). A test fails when the committed file is out of date.
"""

from __future__ import annotations

import sys
import textwrap
from typing import Optional

from awslint.engine.ruleset import Example, Rule

HEADER = """\
# awslint rules

<!-- Generated from rules/*.yaml by `python -m awslint.cli.rulesdoc > docs/rules.md`; do not edit. -->

Every rule awslint ships, with its code, name, default severity, tags, what it checks, why it
matters and examples that fail and pass (the test suite runs each example). Change a rule's
severity or turn it off with `--select` / `--ignore`; `awslint rules CODE` prints the same help.
"""


def _anchor(rule: Rule) -> str:
    from awslint.project import rule_anchor  # one definition: SARIF's helpUri links to these anchors

    return rule_anchor(rule.code, rule.name)


def _block(text: str, label: str) -> list[str]:
    fence = "```"
    while fence in text:
        fence += "`"
    return [f"`{label}`:", "", f"{fence}ini", text.rstrip("\n"), fence, ""]


def _example(example: Example, kind: str, index: int) -> list[str]:
    lines = [f"*{kind} {index}*", ""]
    if example.files:
        shown = ", ".join(
            f"{role}: " + ", ".join(f"{k} {v}" for k, v in sorted(meta.items())) for role, meta in sorted(example.files.items())
        )
        lines += [f"File system: {shown}.", ""]
    if example.env:
        shown = ", ".join(f"`{name}={value}`" for name, value in sorted(example.env.items()))
        lines += [f"Environment (as with `--env`): {shown}.", ""]
    for label, text in (("config", example.config), ("credentials", example.credentials)):
        if text is not None:
            lines += _block(text, label)
    return lines


def rule_markdown(rule: Rule) -> str:
    lines = [f"## {rule.code} {rule.name}", ""]
    lines.append(f"**Severity**: {rule.severity} · **Scope**: {rule.scope}" + (f" · **Tags**: {', '.join(rule.tags)}" if rule.tags else ""))
    lines += ["", rule.summary, ""]
    fixes = [fix for fix in [rule.fix] + [check.fix for check in rule.checks] if fix is not None]
    if fixes:
        safety = "unsafe" if all(fix.safety == "unsafe" for fix in fixes) else "safe"
        how = "`--fix`" if safety == "safe" else "`--fix --unsafe-fixes`"
        lines += [f"**Fix**: {safety}, applied by {how} (`--diff` shows it first).", ""]
    if rule.help:
        lines += [textwrap.dedent(rule.help).strip(), ""]
    if rule.help_uri:
        lines += [f"More: <{rule.help_uri}>", ""]
    for kind, examples in (("Fails", rule.fail_examples), ("Passes", rule.pass_examples)):
        if examples:
            lines += [f"### {rule.code} examples: {kind.lower()}", ""]
            for index, example in enumerate(examples, 1):
                lines += _example(example, kind, index)
    return "\n".join(lines)


def rules_markdown(rules: list[Rule]) -> str:
    lines = [HEADER, "| code | name | severity | tags | summary |", "| --- | --- | --- | --- | --- |"]
    for rule in rules:
        summary = rule.summary.replace("|", "\\|")
        lines.append(f"| [{rule.code}](#{_anchor(rule)}) | {rule.name} | {rule.severity} | {', '.join(rule.tags)} | {summary} |")
    lines.append("")
    for rule in rules:
        lines += [rule_markdown(rule), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: Optional[list[str]] = None) -> int:
    from awslint.engine.ruleset import load_rules

    sys.stdout.write(rules_markdown(load_rules().rules))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
