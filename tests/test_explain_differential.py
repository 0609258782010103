"""Differential test: ``awslint explain``'s resolver against botocore, on generated layouts.

A seeded generator writes hundreds of config/credentials pairs mixing static keys in either
file (sometimes partial), roles with ``source_profile`` chains, loops, self references and
missing targets, ``credential_source`` (valid, invalid, both with ``source_profile``), web
identity (with a token file on disk), SSO (legacy and ``sso-session``, complete or not, with a
missing or inconsistent session), ``credential_process`` (a local fake script), ``login_session``,
``mfa_serial``, regions in either file, unprefixed config sections and, rarely, a duplicate
section (botocore then refuses the file). Some layouts also get environment variables (keys,
partial keys, region, web identity, IMDS switch, container URI).

For every profile, and a missing one, botocore runs offline (sockets refused, IMDS disabled,
``HOME`` in ``tmp_path``): ``get_credentials()`` once as ``Session(profile=NAME)`` (explicit)
and, when the layout has an environment, once selected through ``AWS_PROFILE``; plus
``get_config_variable('region')``. awslint's ``Resolver`` must give the same method, the same
error class and the same region. Errors that depend on the moment (a ``login`` token cache,
``awscrt`` missing) are not predicted by awslint: there botocore's *selected* provider must
equal awslint's method and awslint must report no error.
"""

from __future__ import annotations

import json
import os
import random
import shlex
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

import botocore.credentials
import botocore.exceptions
import botocore.session
import pytest
from awslint.aws.model import load_view
from awslint.aws.resolve import Environment, Resolver
from support.credential_layouts import KEY_ID_2, SECRET_2, Env
from support.explain_layouts import BATCHES, PER_BATCH, SEED, Generated, generate

#: botocore errors that depend on the moment (token caches, optional dependencies), not the files.
RUNTIME_ERRORS = {"MissingDependencyException", "LoginTokenLoadError", "LoginError", "LoginRefreshRequired"}
POST_PROFILE = {"ec2-credentials-file", "boto-config", "container-role", "iam-role"}
ENV_NAMES = (
    "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_DEFAULT_REGION", "AWS_REGION",
    "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_EC2_METADATA_DISABLED",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
)








@contextmanager
def environment(values: dict[str, str]) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in ENV_NAMES}
    for name in ENV_NAMES:
        os.environ.pop(name, None)
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def botocore_run(session: botocore.session.Session, explicit: Optional[str]) -> tuple[Optional[str], Optional[str], Optional[str], Optional[str]]:
    """(method, error class, selected provider on error, region) for the session's profile."""
    session._session_instance_vars.pop("profile", None)
    if explicit is not None:
        session.set_config_variable("profile", explicit)
    try:
        region = session.get_config_variable("region")
    except botocore.exceptions.BotoCoreError:
        region = None
    try:
        resolver = botocore.credentials.create_credential_resolver(session)
    except botocore.exceptions.BotoCoreError as exc:
        return None, type(exc).__name__, None, region
    for provider in resolver.providers:
        if provider.METHOD in POST_PROFILE:
            break  # beyond the files (and would reach for the network): "no credentials" to awslint
        try:
            credentials = provider.load()
        except botocore.exceptions.BotoCoreError as exc:
            return None, type(exc).__name__, provider.METHOD, region
        if credentials is not None:
            return credentials.method, None, None, region
    return None, None, None, region


def compare(case: str, profile: str, result, botocore_outcome) -> Optional[str]:
    method, error, selected, region = botocore_outcome
    ours_error = result.error.kind if result.error else None
    problems = []
    if error in RUNTIME_ERRORS:
        if result.method != selected or ours_error is not None:
            problems.append(f"botocore selected {selected} (then {error}); awslint {result.method} / {ours_error}")
    else:
        if ours_error != error:
            problems.append(f"error: botocore {error}, awslint {ours_error} ({result.error and result.error.message})")
        expected_method = selected if error else method
        if error not in ("ConfigParseError", "ProfileNotFound") and result.method != expected_method:
            problems.append(f"method: botocore {expected_method}, awslint {result.method}")
    if region != result.region and error not in ("ConfigParseError", "ProfileNotFound"):
        problems.append(f"region: botocore {region!r}, awslint {result.region!r}")
    return f"{case} profile {profile!r}: " + "; ".join(problems) if problems else None


def fill(text: str, token: Path, process: str) -> str:
    return text.replace("@PROCESS@", process).replace("@TOKEN@", str(token))


def write(generated: Generated, folder: Path, token: Path, process: str) -> tuple[Path, Path, dict[str, str]]:
    """Write the layout into ``folder`` (the same two paths each time: the disk is slow here)."""
    folder.mkdir(exist_ok=True)
    config, credentials = folder / "config", folder / "credentials"
    for path, text in ((config, generated.config), (credentials, generated.credentials)):
        if text is None:
            path.unlink(missing_ok=True)  # an absent file: botocore treats it as empty
        else:
            path.write_text(fill(text, token, process))
    environ = {k: fill(v, token, process) for k, v in generated.environ.items()}
    # Never let botocore reach for a real instance metadata service.
    environ["AWS_EC2_METADATA_DISABLED"] = "true"
    environ.update({"AWS_CONFIG_FILE": str(config), "AWS_SHARED_CREDENTIALS_FILE": str(credentials)})
    return config, credentials, environ


@pytest.mark.parametrize("batch", range(BATCHES))
def test_explain_agrees_with_botocore(batch: int, env: Env, ruleset) -> None:
    rng = random.Random(SEED * 100 + batch)
    # /bin/echo starts in a millisecond where a Python script takes tens: the suite stays fast.
    process = "/bin/echo " + shlex.quote(json.dumps({"Version": 1, "AccessKeyId": KEY_ID_2, "SecretAccessKey": SECRET_2}))
    token = env.tmp_path / "web-identity-token"
    token.write_text("fake-oidc-token")
    problems: list[str] = []
    compared = 0
    session = botocore.session.Session()
    for index in range(PER_BATCH):
        generated = generate(rng)
        case = f"batch {batch} layout {index}"
        config, credentials, environ = write(generated, env.tmp_path / "layout", token, process)
        view = load_view(config, credentials)
        names = list(view.profiles) + ["nope"]
        if "default" not in names:
            names.append("default")
        has_env = bool(generated.environ)
        explicit_resolver = Resolver(view, Environment(environ, enabled=True), ruleset.data)
        with environment(environ):
            # One Session per batch (creating one costs more than resolving a layout): forget
            # what it cached from the previous layout's files, as a new Session would.
            session._config = session._profile_map = session._credentials = None
            for name in names:
                outcomes = [(True, botocore_run(session, name))]
                if has_env:
                    os.environ["AWS_PROFILE"] = name
                    outcomes.append((False, botocore_run(session, None)))
                    del os.environ["AWS_PROFILE"]
                for explicit, outcome in outcomes:
                    result = explicit_resolver.resolve(name, explicit=explicit)
                    compared += 1
                    problem = compare(f"{case} ({'explicit' if explicit else 'AWS_PROFILE'})", name, result, outcome)
                    if explicit and not problem and explicit_resolver.env.selected_profile("botocore") != name:
                        # `explain --env -p NAME` is `--profile NAME`: the same as the explicit run.
                        (via_option,) = explicit_resolver.explain(only=name)
                        problem = compare(f"{case} (explain -p)", name, via_option, outcome)
                    if problem:
                        text = f"{problem}\n--- config\n{generated.config}--- credentials\n{generated.credentials}--- env {generated.environ}"
                        problems.append(text)
    assert not env.guard.attempts
    assert compared >= PER_BATCH * 2
    if problems:
        pytest.fail(f"{len(problems)} disagreements, first ones:\n\n" + "\n\n".join(problems[:4]), pytrace=False)


def test_generator_covers_every_outcome(ruleset) -> None:
    """The seeded layouts exercise every method and every predicted error class."""
    from awslint.aws.model import build_view
    from awslint.syntax.parse import parse
    from awslint.files.source import source_from_text

    methods: set[Optional[str]] = set()
    errors: set[str] = set()
    for batch in range(BATCHES):
        rng = random.Random(SEED * 100 + batch)
        for _ in range(PER_BATCH):
            generated = generate(rng)
            files = [None if text is None else parse(source_from_text(text, role, role))
                     for text, role in ((generated.config, "config"), (generated.credentials, "credentials"))]
            view = build_view(files[0], files[1])
            resolver = Resolver(view, Environment(generated.environ, enabled=True), ruleset.data)
            for name in list(view.profiles) + ["nope"]:
                for explicit in (True, False):
                    result = resolver.resolve(name, explicit=explicit)
                    methods.add(result.method)
                    if result.error:
                        errors.add(result.error.kind)
    assert methods >= {None, "env", "assume-role", "assume-role-with-web-identity", "sso", "shared-credentials-file",
                       "login", "custom-process", "config-file"}
    assert errors >= {"ConfigParseError", "ProfileNotFound", "PartialCredentialsError", "InvalidConfigError",
                      "InfiniteLoopConfigError", "CredentialRetrievalError"}


@pytest.mark.parametrize(
    "variables",
    [
        {"AWS_PROFILE": "a"},
        {"AWS_DEFAULT_PROFILE": "b"},
        {"AWS_PROFILE": "a", "AWS_DEFAULT_PROFILE": "b"},
        {"AWS_PROFILE": "", "AWS_DEFAULT_PROFILE": "b"},
        {"AWS_PROFILE": "a", "AWS_DEFAULT_PROFILE": ""},
        {},
    ],
)
def test_profile_selection_matches_botocore(variables: dict[str, str], env: Env) -> None:
    """``Environment.selected_profile('botocore')`` is botocore's own ``profile`` variable."""
    with environment(variables):
        expected = botocore.session.Session().get_config_variable("profile")
    assert Environment(variables, enabled=True).selected_profile("botocore") == expected
    assert Environment(variables, enabled=False).selected_profile("botocore") is None
