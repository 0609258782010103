"""Text report of ``awslint explain``: one block per profile, read at a glance.

    profile 'dev'
      uses      assume-role (role_arn, config:7)
      chain     dev: assume-role (config:7)
                └─ base: shared-credentials-file (credentials:4, key AKIA…2EPF)
      shadowed  shared-credentials-file (credentials:10)
      region    eu-west-1 (config:8)
      tools     botocore/CLI v1, CLI v2: assume-role
                JS SDK v3: shared-credentials-file
                Go SDK v2: shared-credentials-file
      note      …
"""

from __future__ import annotations

from typing import Any, Optional

from awslint.redaction import mask, printable
from awslint.aws.resolve import CHAIN_KEPT, TOOL_NAMES, TOOLS, Environment, Hop, Place, Resolution

LABEL = 10  # width of the label column

DESCRIBE = {
    "env": "keys from the environment (AWS_ACCESS_KEY_ID)",
    "assume-role": "assumes a role",
    "assume-role-with-web-identity": "assumes a role with a web identity token",
    "sso": "IAM Identity Center (SSO)",
    "shared-credentials-file": "static keys from the credentials file",
    "login": "an 'aws login' session",
    "custom-process": "credential_process",
    "config-file": "static keys from the config file",
    "iam-role": "the EC2 instance role",
    "container-role": "the container credentials endpoint",
}


def _line(label: str, text: str) -> str:
    return f"  {label:<{LABEL}}{text}"


def _more(text: str) -> str:
    return " " * (LABEL + 2) + text


def _where(place: Optional[Place], key_id: Optional[str] = None) -> str:
    parts = [] if place is None else [f"{place.key}, {place}"]
    if key_id:
        parts.append(f"key {key_id}")
    return f" ({'; '.join(parts)})" if parts else ""


def _hop(hop: Hop) -> str:
    if hop.credential_source is not None:
        return f"credential_source = {hop.credential_source}: {hop.method}{_where(hop.place, hop.key_id)}"
    method = hop.method or "no credentials"
    return f"{hop.profile}: {method}{_where(hop.place, hop.key_id)}"


def _uses(result: Resolution) -> str:
    if result.method is None:
        if result.error is not None:
            return "nothing (botocore stops with the error below)"
        return "nothing: the files give this profile no credentials (botocore goes on to container and instance credentials)"
    text = f"{result.method}: {DESCRIBE.get(result.method, result.method)}"
    return text + _where(result.place, result.key_id)


CHAIN_SHOWN = CHAIN_KEPT - 1  # sources of a chain shown before "… N more" and the last hop


def format_profile(result: Resolution) -> list[str]:
    header = f"profile '{result.profile}'"
    if result.selected_by:
        header += " (selected by the environment for " + ", ".join(TOOL_NAMES[t] for t in result.selected_by) + ")"
    lines = [header, _line("uses", _uses(result))]
    if result.error is not None:
        lines.append(_line("error", f"{result.error.kind}: {result.error.message}"))
    if len(result.chain) > 1:
        lines.append(_line("chain", _hop(result.chain[0])))
        hops = result.chain[1:]  # a deep chain's first sources and its last (resolve.CHAIN_KEPT)
        sources = result.chain_length - 1
        # A deep chain shows its first hops and its end: every hop of every profile's chain,
        # each indented by its depth, would be cubic output for one long chain.
        shown = hops if sources <= CHAIN_SHOWN + 1 else hops[:CHAIN_SHOWN]
        for depth, hop in enumerate(shown):
            lines.append(_more("   " * depth + "└─ " + _hop(hop)))
        if len(shown) < sources:
            depth = len(shown)
            lines.append(_more("   " * depth + f"└─ … {sources - len(shown) - 1} more"))
            lines.append(_more("   " * (depth + 1) + "└─ " + _hop(hops[-1])))
    for index, (method, place) in enumerate(result.shadowed):
        where = f" ({place.key}, {place})" if place is not None else (" (environment)" if method == "env" else "")
        lines.append(_line("shadowed" if index == 0 else "", f"{method}{where}"))
    env_web_identity = result.method == "assume-role-with-web-identity" and result.explicit_method != result.method
    if result.method == "env" or (env_web_identity and result.selected_by):
        lines.append(_line("--profile", f"{result.explicit_method or 'no credentials'} (with an explicit --profile {result.profile})"))
    lines.append(_line("region", _region(result)))
    lines.extend(_tools(result))
    for note in result.notes:
        lines.append(_line("note", note))
    return lines


def _region(result: Resolution) -> str:
    if result.error is not None and result.error.kind in ("ConfigParseError", "ProfileNotFound"):
        return "(none: botocore stops first)"
    if result.region is None:
        text = "none (set region, or AWS_REGION / AWS_DEFAULT_REGION)"
    elif result.region_from is not None:
        text = f"{result.region} ({result.region_from})"
    else:
        text = f"{result.region}{'' if result.region_place is None else f' ({result.region_place})'}"
    # (JS SDK v2 reads no region from the files without AWS_SDK_LOAD_CONFIG: in the JSON and
    # AWS404, not on every profile here.)
    others = {t: r for t, r in result.region_by_tool.items() if t not in ("botocore", "js-v2") and r != result.region}
    if others:
        text += "; but " + ", ".join(f"{TOOL_NAMES[t]}: {r or 'none'}" for t, r in others.items())
    return text


def _tools(result: Resolution) -> list[str]:
    """One line per tool family, only when they disagree."""
    if result.error is not None and result.error.kind in ("ConfigParseError", "ProfileNotFound"):
        return []
    labels = {t: result.by_tool.get(t) or "no credentials from the files" for t in TOOLS}
    # A role assumed with other credentials is a difference too ("the CLI works, Node gets 403").
    ours = None if result.source is None else (result.source.profile, result.source.method)
    js = result.tools.get("js-v3")
    if js is not None and js.method == result.method == "assume-role" and js.source not in (None, ours):
        for tool, source in (("botocore", ours), ("cli-v2", ours), ("js-v3", js.source)):
            if source is not None:
                labels[tool] += f" (with {source[1]}" + (f" of '{source[0]}')" if source[0] else ")")
    if len(set(labels.values())) <= 1:
        return []
    groups: dict[str, list[str]] = {}
    for tool in TOOLS:
        groups.setdefault(labels[tool], []).append(TOOL_NAMES[tool])
    lines = []
    for index, (label, names) in enumerate(groups.items()):
        lines.append(_line("tools" if index == 0 else "", f"{', '.join(names)}: {label}"))
    return lines


def format_environment(env: Environment) -> list[str]:
    lines = ["environment (--env)"]
    picks = []
    for tool in TOOLS:
        name = env.selected_profile(tool)
        variable = env.selecting_variable(tool)
        picks.append(f"{TOOL_NAMES[tool]}: {name if name is not None else 'default'}" + (f" ({variable})" if variable else ""))
    lines.append(_line("profile", picks[0]))
    lines.extend(_more(p) for p in picks[1:])
    key_id = env.get("AWS_ACCESS_KEY_ID")
    if key_id:
        secret = "" if env.get("AWS_SECRET_ACCESS_KEY") else " without AWS_SECRET_ACCESS_KEY"
        lines.append(_line("keys", f"AWS_ACCESS_KEY_ID = {mask(key_id)}{secret}: botocore, the CLI and Go SDK v2 use "
                           "them before any profile chosen through AWS_PROFILE (JS SDK v3 skips them when AWS_PROFILE is set)"))
    for variable in ("AWS_REGION", "AWS_DEFAULT_REGION", "AWS_SDK_LOAD_CONFIG"):
        value = env.get(variable)
        if value is not None:
            lines.append(_line("", f"{variable} = {value}"))
    return lines


def format_explain(sections: list[tuple[Any, list[Resolution]]], env: Environment) -> str:
    blocks: list[list[str]] = []
    if env.enabled:
        blocks.append(format_environment(env))
    several = len(sections) > 1
    for view, results in sections:
        if several:
            blocks.append(["== " + ", ".join(f.path for f in view.files)])
        if not results:
            blocks.append(["no profiles"])
        blocks.extend(format_profile(r) for r in results)
    if not sections:
        blocks.append(["no AWS config or credentials file, so no profiles"])
    return "\n\n".join("\n".join(printable(line) for line in block) for block in blocks) + "\n"
