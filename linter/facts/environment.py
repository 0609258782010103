"""Facts of the ``environment`` scope: what the process environment does to the files (``--env``).

One subject per layout, and only when the environment is taken into account (``--env``, or an
example's ``env:``); without it the scope has no subjects, so its rules never fire. Profile
selection and the shadowing by environment keys come from ``resolve.Environment`` and
``resolve.Resolver``, the same resolution ``awslint explain`` shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping, Optional

from awslint.distance import suggest
from awslint.redaction import mask
from awslint.facts.registry import Fact, provides
from awslint.facts.subjects import Location, Subject

if TYPE_CHECKING:
    from awslint.facts.builder import FactBuilder
    from awslint.aws.model import Block


def _config_only(block: "Block") -> bool:
    """A role or SSO profile that only the config file defines (JS v2 / Go v1 need AWS_SDK_LOAD_CONFIG)."""
    if block.config_section is None or block.credentials_section is not None:
        return False
    has = block.config_values
    return any(k in has for k in ("role_arn", "sso_account_id", "sso_role_name", "sso_session", "credential_source"))


@provides(
    "environment",
    Fact("env_keys", "true when `AWS_ACCESS_KEY_ID` is set (not empty)", shape=True),
    Fact("env_key_id", "that key id, masked (`AKIA…WXYZ`), or null", shape=True),
    Fact("env_secret_key", "true when `AWS_SECRET_ACCESS_KEY` is set (not empty)", shape=True),
    Fact("aws_profile", "the value of `AWS_PROFILE`, or null", public=True),
    Fact("aws_default_profile", "the value of `AWS_DEFAULT_PROFILE`, or null", public=True),
    Fact("profile_variables_differ", "true when both variables are set and name different profiles", public=True),
    Fact(
        "default_profile_only",
        "true when `AWS_DEFAULT_PROFILE` names a profile other than `default` and `AWS_PROFILE` is unset or "
        "empty",
        public=True,
    ),
    Fact("profile_botocore", "the profile CLI v1 and boto3 select (`AWS_DEFAULT_PROFILE` first), or null", public=True),
    Fact("profile_cli_v2", "the profile CLI v2 selects (`AWS_PROFILE` first), or null", public=True),
    Fact("profile_sdk", "the profile the SDKs select (`AWS_PROFILE`), or null", public=True),
    Fact(
        "selected_profile",
        "the profile the environment selects (botocore's choice, else CLI v2's), or null",
        public=True,
    ),
    Fact("missing_profiles", "selected profiles that neither file defines", public=True),
    Fact("suggestion", "` (did you mean 'x'?)` for the first missing profile, or empty", public=True),
    Fact("shadowed_profile", "the profile the environment keys hide (the selected one, else `default`)", public=True),
    Fact("shadowed_method", "what that profile would give with an explicit `--profile`, or null", public=True),
    Fact("sdk_load_config", "true when `AWS_SDK_LOAD_CONFIG` is set (not empty)", public=True),
    Fact("config_only_profiles", "role or SSO profiles that only the config file defines", public=True),
    subject=True,
)
def environment_subjects(builder: "FactBuilder", environ: Optional[Mapping[str, str]]) -> list["Subject"]:
    """The environment's subject (none without ``--env``), with every fact of the scope."""
    if environ is None:
        return []
    from awslint.aws.resolve import Environment, Resolver  # only with --env: keeps resolve off the plain lint path

    view = builder.view
    if not view.files:
        return []
    env = Environment(dict(environ), enabled=True)
    picks = {tool: env.selected_profile(tool) for tool in ("botocore", "cli-v2", "js-v3", "go-v2")}
    aws_profile, aws_default = env.get("AWS_PROFILE"), env.get("AWS_DEFAULT_PROFILE")
    selected = picks["botocore"] if picks["botocore"] is not None else picks["cli-v2"]
    missing = [n for n in dict.fromkeys(p for p in picks.values() if p is not None) if n not in view.profiles]
    key_id = env.get("AWS_ACCESS_KEY_ID")
    shadowed = selected if selected is not None else "default"
    shadowed_method = None
    if key_id and shadowed in view.profiles and view.botocore_error is None:
        shadowed_method = Resolver(view, env, builder.data).resolve(shadowed, explicit=True).method
    config_only = [b.name for b in view.profiles.values() if _config_only(b)]
    facts: dict[str, Any] = {
        "env_keys": bool(key_id),
        "env_key_id": mask(key_id) if key_id else None,
        "env_secret_key": bool(env.get("AWS_SECRET_ACCESS_KEY")),
        "aws_profile": aws_profile,
        "aws_default_profile": aws_default,
        "profile_variables_differ": aws_profile is not None and aws_default is not None and aws_profile != aws_default,
        # botocore takes AWS_DEFAULT_PROFILE; the JS SDKs read only AWS_PROFILE (then: default).
        "default_profile_only": bool(aws_default) and not aws_profile and aws_default != "default",
        "profile_botocore": picks["botocore"],
        "profile_cli_v2": picks["cli-v2"],
        "profile_sdk": picks["js-v3"],
        "selected_profile": selected,
        "missing_profiles": missing,
        "suggestion": suggest(missing[0], list(view.profiles)) if missing else "",
        "shadowed_profile": shadowed,
        "shadowed_method": shadowed_method,
        "sdk_load_config": bool(env.get("AWS_SDK_LOAD_CONFIG")),
        "config_only_profiles": config_only,
    }

    def section_of(name: Optional[str]) -> Optional[Location]:
        block = view.profiles.get(name or "")
        if block is None:
            return None
        file, section = block.anchor
        if file is None or section is None:
            return None
        return Location(file, section.line, section.column, section.line, section.end_column, section.name)

    first = view.files[0]
    default = section_of(selected) or section_of("default") or Location(first, 1, 1, 1, 1)
    places = {"config-only": section_of(config_only[0]) if config_only else None, "profile": section_of(selected)}
    return [Subject("environment", facts, default, locate=places.get, profile=selected)]


__all__ = ["environment_subjects"]
