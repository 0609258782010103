"""``awslint explain [PROFILE] [PATH ...]``: which credentials each profile really uses, and why.

Files are found exactly as by the lint command (``discovery.discover``). Each profile is resolved
by ``resolve.Resolver`` (botocore's chain, statically); the report is text for people or JSON
(the JSON form is a contract: fields may be added, never removed). Everything printed passes the ``Redactor`` with every secret
of the files and of the environment.
"""

from __future__ import annotations

import argparse
import json
import os
from typing import Any, Optional, TextIO

from awslint.errors import UsageError
from awslint.redaction import Redactor
from awslint.aws.resolve import TOOLS, Environment, Resolution, Resolver




def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("args", nargs="*", metavar="[PROFILE] [PATH]", help="a profile name, then folders or files (default: AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, else ~/.aws); a first argument that exists on disk is a PATH")
    parser.add_argument("-p", "--profile", metavar="NAME", help="explain only this profile (then every argument is a PATH)")
    parser.add_argument("--env", action="store_true", help="take the environment into account: AWS_PROFILE, AWS_DEFAULT_PROFILE, AWS_ACCESS_KEY_ID …, AWS_REGION, AWS_DEFAULT_REGION")
    parser.add_argument("-f", "--format", choices=("text", "json"), default="text", help="output format (default: text)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of standard output")
    parser.add_argument("--no-color", action="store_true", help="accepted for symmetry with the lint command; the report has no colour")


def split_arguments(options: argparse.Namespace) -> tuple[Optional[str], list[str]]:
    """PROFILE and PATHs: the first argument is a profile unless it exists on disk or has a slash."""
    args = list(options.args)
    if options.profile is not None:
        return options.profile, args
    if args and not os.path.lexists(args[0]) and os.sep not in args[0] and "/" not in args[0]:
        return args[0], args[1:]
    return None, args


def explain_command(options: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from awslint.files.discovery import discover
    from awslint.redaction import diagnostic
    from awslint.run.lint import load_parsed
    from awslint.aws.model import build_view
    from awslint.distance import suggest
    from awslint.engine.ruleset import load_rules

    profile, paths = split_arguments(options)
    env = Environment(dict(os.environ), enabled=options.env)
    found = discover(paths, os.environ)
    err.writelines(diagnostic("warning", notice) for notice in found.notices)
    data = load_rules().data
    sections: list[tuple[Any, list[Resolution]]] = []
    secrets: list[str] = list(env.secret_values())
    known: list[str] = []
    for layout in found.layouts:
        view = build_view(load_parsed(layout.config, err), load_parsed(layout.credentials, err))
        secrets.extend(_secret_values(view))
        known.extend(view.profiles)
        if profile is not None and profile not in view.profiles and view.botocore_error is None:
            continue  # (botocore cannot read the file: explain its error for that profile)
        results = Resolver(view, env, data).explain(only=profile)
        add_tool_notes(view, results)
        sections.append((view, results))
    if profile is not None and not sections:
        where = ", ".join(f.display for layout in found.layouts for f in layout.files) or "no AWS files"
        names = sorted(set(known))
        listing = f" (profiles: {', '.join(names[:12])}{' …' if len(names) > 12 else ''})" if names else ""
        raise UsageError(f"no profile '{profile}' in {where}{suggest(profile, names)}{listing}")
    redact = Redactor(secrets)
    if options.format == "json":
        report = json.dumps(_redacted(explain_json(sections, env), redact), indent=2, ensure_ascii=False) + "\n"
    else:
        from awslint.report.formatters.explain_text import format_explain

        report = redact(format_explain(sections, env))
    from awslint.report.outputs import write_report

    write_report(options.output, report, out, [ref.fs_path for layout in found.layouts for ref in layout.files])
    return 0


def add_tool_notes(view: Any, results: list[Resolution]) -> None:
    """Notes from the per-tool model that rules AWS115/AWS405–AWS407 read too (``toolsupport``):
    the Go SDK v2 refusing the profile, a login session other tools cannot use, an MFA role that
    needs a token provider in Go and JavaScript programs."""
    from awslint.aws.model import botocore_sources as _sources
    from awslint.aws.toolsupport import tool_notes

    if view.botocore_error is not None:
        return  # botocore cannot read the files: that error is the whole story
    for result in results:
        block = view.profiles.get(result.profile)
        if block is None:
            continue
        source_name = block.value("source_profile")
        source = view.profiles.get(source_name) if source_name is not None else None
        source_sources = _sources(source) if source is not None and source is not block else None
        result.notes.extend(tool_notes(block, _sources(block), result.method, source_sources))


def _secret_values(view: Any) -> list[str]:
    from awslint.engine.secrets import secret_values

    return secret_values(view)


def _redacted(value: Any, redact: Redactor) -> Any:
    """Every text of the JSON report masked and escaped (keys too: profile names are text from
    the files)."""
    from awslint.redaction import printable

    if isinstance(value, str):
        return printable(redact(value))
    if isinstance(value, list):
        return [_redacted(v, redact) for v in value]
    if isinstance(value, dict):
        return {(_redacted(k, redact) if isinstance(k, str) else k): _redacted(v, redact) for k, v in value.items()}
    return value




# -- JSON ----------------------------------------------------------------------------------------


def _place(place: Any) -> Optional[dict[str, Any]]:
    return None if place is None else {"path": place.path, "line": place.line, "key": place.key}


def resolution_json(result: Resolution) -> dict[str, Any]:
    """One profile as ``interfaces.md`` specifies, plus additive detail fields."""
    source = result.source
    source_json = None
    if source is not None:
        source_json = {"profile": source.profile, "method": source.method}
        if source.credential_source is not None:
            source_json["credential_source"] = source.credential_source
    return {
        "profile": result.profile,
        "method": result.method,
        "source": source_json,
        "region": result.region,
        "candidates": list(result.candidates),
        "shadowed": [
            {"method": method, "path": place.path if place else None, "line": place.line if place else None}
            for method, place in result.shadowed
        ],
        "error": None if result.error is None else {"type": result.error.kind, "message": result.error.message},
        "by_tool": {tool: result.by_tool.get(tool) for tool in TOOLS},
        # Additive detail (interfaces.md: fields may be added, never removed).
        "exists": result.exists,
        "where": _place(result.place),
        "key_id": result.key_id,
        # A deep chain lists its first hops and its last (every hop of every profile would be
        # output quadratic in the chain's length); chain_length counts them all.
        "chain": [
            {"profile": hop.profile, "method": hop.method, "credential_source": hop.credential_source,
             "where": _place(hop.place), "key_id": hop.key_id}
            for hop in result.chain  # already cut to its first CHAIN_KEPT hops and its last
        ],
        "chain_length": result.chain_length,
        "region_by_tool": {tool: result.region_by_tool.get(tool) for tool in TOOLS},
        "region_from": result.region_from or (None if result.region_place is None else "profile"),
        "notes": list(result.notes),
        "with_explicit_profile": result.explicit_method,
        "selected_by": list(result.selected_by),
        "files": dict(result.files),
        # Per tool family checked against its running SDK: the detail behind by_tool.
        "tools": {tool: _tool_json(answer) for tool, answer in result.tools.items()},
    }


def _tool_json(answer: Any) -> dict[str, Any]:
    """One JS SDK's answer (js_sdk.JsAnswer): provider, first credentials of a role chain, region,
    the failure that tool reports, and what it does when a run-time dependency fails."""
    source = answer.source
    detail: dict[str, Any] = {
        "method": answer.method,
        "source": None if source is None else {"profile": source[0], "method": source[1]},
        "region": answer.region,
        "error": answer.error,
        "notes": list(answer.notes),
        "basis": answer.basis,
    }
    for field_name, other in (("otherwise", answer.otherwise), ("other_sdk_load_config", answer.other_setting)):
        if field_name == "other_sdk_load_config" and other is None:
            continue  # (v2 only)
        detail[field_name] = None if other is None else {
            "method": other.method,
            "source": None if other.source is None else {"profile": other.source[0], "method": other.source[1]},
            "error": other.error,
            "region": other.region,
        }
    return detail


def environment_json(env: Environment) -> dict[str, Any]:
    from awslint.redaction import mask

    key_id = env.get("AWS_ACCESS_KEY_ID")
    return {
        "profile": {tool: env.selected_profile(tool) for tool in TOOLS},
        "access_key_id": mask(key_id) if key_id else None,
        "secret_access_key": bool(env.get("AWS_SECRET_ACCESS_KEY")),
        "session_token": bool(env.get("AWS_SESSION_TOKEN") or env.get("AWS_SECURITY_TOKEN")),
        "region": env.get("AWS_REGION"),
        "default_region": env.get("AWS_DEFAULT_REGION"),
        "sdk_load_config": env.get("AWS_SDK_LOAD_CONFIG"),
    }


def explain_json(sections: list[tuple[Any, list[Resolution]]], env: Environment) -> dict[str, Any]:
    from awslint import __version__

    from awslint.aws.resolve import BASIS

    document: dict[str, Any] = {"version": __version__, "basis": dict(BASIS)}
    if env.enabled:
        document["environment"] = environment_json(env)
    document["profiles"] = [resolution_json(r) for _, results in sections for r in results]
    return document
