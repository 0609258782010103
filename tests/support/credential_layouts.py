"""Credential-chain layouts with botocore's expected outcome, and the isolated botocore environment
they are resolved in (see tests/test_method_differential.py)."""

from __future__ import annotations

import shlex
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

import botocore.credentials
import botocore.exceptions
import botocore.session
import pytest
from support.offline_botocore import SocketGuard

# Fake but well-formed credentials (never real keys).
KEY_ID = "AKIAUJZDEGXDNCF32EPF"
SECRET = "nyVmihA/2O76UMFxFkM/R5Kjp1vRt+1fjORS/6il"
KEY_ID_2 = "AKIAQ3EGRDK7VNOC5XMB"
SECRET_2 = "uK9vVSLhZ7v2eN0mX4rTqH3yB8cJ1dF6gA5sW0pE"
KEYS = f"aws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n"
KEYS_2 = f"aws_access_key_id = {KEY_ID_2}\naws_secret_access_key = {SECRET_2}\n"
ROLE = "role_arn = arn:aws:iam::123456789012:role/app\n"
ROLE_2 = "role_arn = arn:aws:iam::123456789012:role/other\n"
SSO_IDS = "sso_account_id = 123456789012\nsso_role_name = ReadOnly\n"
SSO_LEGACY = "sso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n" + SSO_IDS
SSO_SESSION = "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n"
# Substituted when the files are written: a command running the fake process script, and a
# web-identity token path (never read: web identity is deferred).
PROCESS = "credential_process = @PROCESS@\n"
TOKEN = "web_identity_token_file = @TOKEN@\n"

FAKE_PROCESS = (
    "import json\n"
    f'print(json.dumps({{"Version": 1, "AccessKeyId": "{KEY_ID_2}", "SecretAccessKey": "{SECRET_2}"}}))\n'
)

# Provider names (``METHOD`` of botocore's providers).
ENV = "env"
AR = "assume-role"
WI = "assume-role-with-web-identity"
SSO = "sso"
SCF = "shared-credentials-file"
LOGIN = "login"
PROC = "custom-process"
CFG = "config-file"
LOOP = "!InfiniteLoopConfigError"
INVALID = "!InvalidConfigError"
RETRIEVAL = "!CredentialRetrievalError"


@dataclass(frozen=True)
class Layout:
    """One pair of files and botocore's expected outcome per profile.

    ``expect`` maps every profile botocore lists to a provider name, None (no credentials)
    or ``"!ErrorClass"`` (``get_credentials()`` raises it).
    """

    id: str
    note: str
    config: Optional[str]
    credentials: Optional[str]
    expect: dict[str, Optional[str]]


LAYOUTS: list[Layout] = [
    Layout(
        "keys-credentials-only", "static keys only in the credentials file",
        None,
        f"[default]\n{KEYS}[dev]\n{KEYS_2}",
        {"default": SCF, "dev": SCF},
    ),
    Layout(
        "keys-config-only", "static keys only in the config file",
        f"[default]\n{KEYS}[profile dev]\nregion = us-east-1\n{KEYS_2}",
        None,
        {"default": CFG, "dev": CFG},
    ),
    Layout(
        "c01-keys-in-both-files", "C01: credentials-file keys beat config-file keys",
        f"[default]\n{KEYS_2}[profile dev]\n{KEYS_2}",
        f"[dev]\n{KEYS}",
        {"default": CFG, "dev": SCF},
    ),
    Layout(
        "c03-role-beats-keys-source-in-config",
        "C03: role_arn/source_profile in config beats keys in credentials; source keys in config",
        f"[profile app]\n{ROLE}source_profile = base\n[profile base]\n{KEYS}",
        f"[app]\n{KEYS_2}",
        {"app": AR, "base": CFG},
    ),
    Layout(
        "c34-role-source-keys-in-credentials", "C34: source profile's keys in the credentials file",
        f"[profile app]\n{ROLE}source_profile = base\n",
        f"[base]\n{KEYS}",
        {"app": AR, "base": SCF},
    ),
    Layout(
        "role-entirely-in-credentials-file", "role_arn/source_profile in the credentials file work",
        None,
        f"[app]\n{ROLE}source_profile = base\n[base]\n{KEYS}",
        {"app": AR, "base": SCF},
    ),
    Layout(
        "c04-sso-session-beats-keys", "C04: sso_session + sso ids beat credentials-file keys",
        f"[profile dev]\nsso_session = corp\n{SSO_IDS}{SSO_SESSION}",
        f"[dev]\n{KEYS}",
        {"dev": SSO},
    ),
    Layout(
        "c27d-sso-legacy", "C27d: legacy SSO keys in the profile itself",
        f"[profile legacy]\n{SSO_LEGACY}",
        None,
        {"legacy": SSO},
    ),
    Layout(
        "c05-credentials-keys-beat-process", "C05: credentials-file keys beat credential_process",
        f"[profile p]\n{PROCESS}",
        f"[p]\n{KEYS}",
        {"p": SCF},
    ),
    Layout(
        "c06-process-beats-config-keys", "C06: credential_process beats config-file keys",
        f"[profile p]\n{PROCESS}{KEYS}",
        None,
        {"p": PROC},
    ),
    Layout(
        "c35-process-in-either-file", "credential_process alone, in the config or credentials file",
        f"[default]\n{PROCESS}",
        f"[q]\n{PROCESS}",
        {"default": PROC, "q": PROC},
    ),
    Layout(
        "c11-web-identity-beats-role-and-keys",
        "C11: role_arn + web_identity_token_file + source_profile + keys → web identity",
        f"[profile w]\n{ROLE}{TOKEN}source_profile = base\n{KEYS}[profile base]\n{KEYS_2}",
        None,
        {"w": WI, "base": CFG},
    ),
    Layout(
        "c12-role-beats-sso", "C12: role_arn/source_profile beat sso_*",
        f"[profile r]\n{SSO_LEGACY}{ROLE}source_profile = base\n[profile base]\n{KEYS}",
        None,
        {"r": AR, "base": CFG},
    ),
    Layout(
        "c40-chain-three-profiles", "C40: c -> b -> a, static keys only at the end",
        f"[profile c]\n{ROLE}source_profile = b\n[profile b]\n{ROLE_2}source_profile = a\n[profile a]\nregion = us-east-1\n",
        f"[a]\n{KEYS}",
        {"c": AR, "b": AR, "a": SCF},
    ),
    Layout(
        "c41-source-with-role-and-keys", "C41: the source profile has role_arn and keys; keys used",
        f"[profile a]\n{ROLE}source_profile = b\n[profile b]\n{ROLE_2}source_profile = c\n{KEYS}"
        f"[profile c]\n{KEYS_2}",
        None,
        {"a": AR, "b": AR, "c": CFG},
    ),
    Layout(
        "c18a-self-source-with-keys", "C18a: source_profile = itself with static keys is allowed",
        f"[profile self]\n{ROLE}source_profile = self\n",
        f"[self]\n{KEYS}",
        {"self": AR},
    ),
    Layout(
        "c18b-self-source-without-keys", "C18b: source_profile = itself without keys is a loop",
        f"[profile self]\n{ROLE}source_profile = self\nregion = us-east-1\n",
        None,
        {"self": LOOP},
    ),
    Layout(
        "c17-loop-two-profiles", "C17: a -> b -> a",
        f"[profile a]\n{ROLE}source_profile = b\n[profile b]\n{ROLE_2}source_profile = a\n",
        None,
        {"a": LOOP, "b": LOOP},
    ),
    Layout(
        "c17b-loop-with-static-keys",
        "C17b: a (role + keys) -> b -> a is a loop from a; from b, a's keys end the chain",
        f"[profile a]\n{ROLE}source_profile = b\n{KEYS}[profile b]\n{ROLE_2}source_profile = a\n",
        None,
        {"a": LOOP, "b": AR},
    ),
    Layout(
        "loop-three-profiles", "a -> b -> c -> a",
        f"[profile a]\n{ROLE}source_profile = b\n[profile b]\n{ROLE}source_profile = c\n"
        f"[profile c]\n{ROLE}source_profile = a\n",
        None,
        {"a": LOOP, "b": LOOP, "c": LOOP},
    ),
    Layout(
        "c16-missing-source-profile", "C16: source_profile names no profile (directly and one hop away)",
        f"[profile app]\n{ROLE}source_profile = nope\n[profile mid]\n{ROLE_2}source_profile = app\n",
        None,
        {"app": INVALID, "mid": INVALID},
    ),
    Layout(
        "c21-source-without-credentials", "C21: the source profile exists but yields no credentials",
        f"[profile app]\n{ROLE}source_profile = empty\n[profile empty]\nregion = us-east-1\n",
        None,
        {"app": INVALID, "empty": None},
    ),
    Layout(
        "c27f-sso-session-only-is-token-only", "C27f: only sso_session → SSO skipped, chain continues",
        f"[profile tok]\nsso_session = corp\n[profile bare]\nsso_session = corp\n{SSO_SESSION}",
        f"[tok]\n{KEYS}",
        {"tok": SCF, "bare": None},
    ),
    Layout(
        "token-only-profile-as-source", "a token-only (sso_session) source profile with config keys",
        f"[profile app]\n{ROLE}source_profile = tok\n[profile tok]\nsso_session = corp\n{KEYS}{SSO_SESSION}",
        None,
        {"app": AR, "tok": CFG},
    ),
    Layout(
        "c24b-secret-without-key-id", "C24b: credentials secret without key id is skipped silently",
        f"[default]\n{KEYS_2}",
        f"[default]\naws_secret_access_key = {SECRET}\n[lone]\naws_secret_access_key = {SECRET}\n",
        {"default": CFG, "lone": None},
    ),
    Layout(
        "c26-empty-key-id-still-triggers", "C26: an empty aws_access_key_id in credentials still wins",
        f"[profile d]\n{KEYS_2}",
        f"[d]\naws_access_key_id =\naws_secret_access_key = {SECRET}\n",
        {"d": SCF},
    ),
    Layout(
        "p26-default-upper-credentials-keys", "P26: [DEFAULT] keys in credentials reach credentials sections only",
        "[profile c]\nregion = us-west-2\n",
        f"[DEFAULT]\n{KEYS}[b]\nregion = eu-west-1\n",
        {"c": None, "b": SCF},
    ),
    Layout(
        "default-upper-config-keys", "[DEFAULT] keys in the config file reach every config profile",
        f"[DEFAULT]\n{KEYS}[default]\nregion = us-east-1\n[profile x]\noutput = json\n",
        "[x]\nregion = eu-west-1\n",
        {"default": CFG, "x": CFG},
    ),
    Layout(
        "default-upper-config-role", "[DEFAULT] role_arn + source_profile turn every profile into a role",
        f"[DEFAULT]\n{ROLE}source_profile = base\n[profile base]\n{KEYS}[profile app]\nregion = us-east-1\n",
        None,
        {"base": AR, "app": AR},
    ),
    Layout(
        "p21-credentials-profile-prefix-literal", "P21: credentials [profile x] is the profile 'profile x'",
        "[profile x]\nregion = us-east-1\n",
        f"[profile x]\n{KEYS}",
        {"x": None, "profile x": SCF},
    ),
    Layout(
        "p05-profile-double-space", "P05: [profile  x] and [profile y ] are profiles x and y",
        f"[profile  x]\n{KEYS}[profile y ]\n{PROCESS}",
        f"[y]\n{KEYS_2}",
        {"x": CFG, "y": SCF},
    ),
    Layout(
        "p28-profiles-only-in-credentials", "profiles that exist only in the credentials file",
        "[profile other]\nregion = us-east-1\n",
        f"[only]\n{KEYS}[role-only]\n{ROLE}source_profile = only\n",
        {"other": None, "only": SCF, "role-only": AR},
    ),
    Layout(
        "c19c-credential-source-environment-no-env",
        "C19c: credential_source = Environment without env keys: assume-role selected, then fails",
        f"[profile r]\n{ROLE}credential_source = Environment\n",
        None,
        {"r": RETRIEVAL},
    ),
    Layout(
        "c07-credentials-keys-beat-login", "C07: credentials-file keys beat login_session (login never run)",
        "[profile l]\nlogin_session = arn:aws:iam::123456789012:user/dev\n",
        f"[l]\n{KEYS}",
        {"l": SCF},
    ),
    Layout(
        "c42-process-as-source", "C42: the source profile uses credential_process (run eagerly)",
        f"[profile app]\n{ROLE}source_profile = base\n[profile base]\n{PROCESS}",
        None,
        {"app": AR, "base": PROC},
    ),
    Layout(
        "c22-sso-as-source", "C22: the source profile is an SSO profile",
        f"[profile app]\n{ROLE}source_profile = s\n[profile s]\n{SSO_LEGACY}",
        None,
        {"app": AR, "s": SSO},
    ),
    Layout(
        "web-identity-as-source", "the source profile is a web-identity profile",
        f"[profile app]\n{ROLE}source_profile = w\n[profile w]\n{ROLE_2}{TOKEN}",
        None,
        {"app": AR, "w": WI},
    ),
    Layout(
        "web-identity-source-points-back",
        "a -> w where w (web identity) has source_profile = a: botocore resolves w by web identity, no loop",
        f"[profile a]\n{ROLE}source_profile = w\n[profile w]\n{ROLE_2}{TOKEN}source_profile = a\n",
        None,
        {"a": AR, "w": WI},
    ),
    Layout(
        "role-beats-process", "role_arn + credential_process in one profile → assume-role",
        f"[profile rp]\n{ROLE}source_profile = base\n{PROCESS}[profile base]\n{KEYS}",
        None,
        {"rp": AR, "base": CFG},
    ),
    Layout(
        "p08a-profile-default-replaces-default", "P08a: a later [profile default] replaces [default] wholesale",
        f"[default]\n{KEYS}[profile default]\nregion = us-east-1\n",
        None,
        {"default": None},
    ),
    Layout(
        "uppercase-and-colon-keys", "key names are lower-cased; ':' is a delimiter",
        f"[profile c]\naws_access_key_id: {KEY_ID}\naws_secret_access_key: {SECRET}\n",
        f"[default]\nAWS_ACCESS_KEY_ID = {KEY_ID}\nAWS_Secret_Access_Key = {SECRET}\n",
        {"c": CFG, "default": SCF},
    ),
    Layout(
        "p23-unprefixed-config-section", "config [foo] is not a profile: its keys are never read",
        f"[foo]\n{KEYS}",
        "[foo]\nregion = us-east-1\n",
        {"foo": None},
    ),
    Layout(
        "empty-web-identity-token-file",
        "role_arn + empty web_identity_token_file: assume-role skips (key present), web identity skips (empty)",
        f"[profile e]\n{ROLE}web_identity_token_file =\nsource_profile = base\n[profile base]\n{KEYS_2}",
        f"[e]\n{KEYS}",
        {"e": SCF, "base": CFG},
    ),
]


# -- isolation -------------------------------------------------------------------------------


@dataclass
class Env:
    """The isolated environment of one test: where to write the files, the socket guard."""

    tmp_path: Path
    monkeypatch: pytest.MonkeyPatch
    guard: SocketGuard


def write_layout(layout: Layout, env: Env) -> tuple[Path, Path]:
    """Write the layout's files (an absent file gets a path that does not exist), point botocore at them."""
    folder = env.tmp_path / "files"
    folder.mkdir()
    script = env.tmp_path / "fake_process.py"
    script.write_text(FAKE_PROCESS)
    command = f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"
    token = env.tmp_path / "token"  # deliberately never created

    def fill(text: str) -> str:
        return text.replace("@PROCESS@", command).replace("@TOKEN@", str(token))

    config = folder / ("config" if layout.config is not None else "absent-config")
    credentials = folder / ("credentials" if layout.credentials is not None else "absent-credentials")
    if layout.config is not None:
        config.write_text(fill(layout.config))
    if layout.credentials is not None:
        credentials.write_text(fill(layout.credentials))
    env.monkeypatch.setenv("AWS_CONFIG_FILE", str(config))
    env.monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(credentials))
    return config, credentials


# -- botocore side ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What botocore does for one profile."""

    method: Optional[str]  # credentials.method, or None (no credentials or error)
    error: Optional[str] = None  # exception class name
    message: str = ""
    selected: Optional[str] = None  # on error: METHOD of the provider that raised
    credentials_type: str = ""

    @property
    def label(self) -> Optional[str]:
        """Same notation as ``Layout.expect``."""
        return f"!{self.error}" if self.error else self.method


def selected_provider(profile: str) -> Optional[str]:
    """The provider ``CredentialResolver.load_credentials`` stops at: first to return or raise."""
    session = botocore.session.Session(profile=profile)
    resolver = botocore.credentials.create_credential_resolver(session)
    for provider in resolver.providers:
        try:
            if provider.load() is not None:
                return provider.METHOD
        except botocore.exceptions.BotoCoreError:
            return provider.METHOD
    return None


def botocore_outcome(profile: str) -> Outcome:
    """Resolve credentials for ``profile`` in a fresh session (no network: guarded)."""
    session = botocore.session.Session(profile=profile)
    try:
        credentials = session.get_credentials()
    except botocore.exceptions.BotoCoreError as exc:
        return Outcome(None, type(exc).__name__, str(exc), selected_provider(profile))
    if credentials is None:
        return Outcome(None)
    return Outcome(credentials.method, credentials_type=type(credentials).__name__)


def botocore_profiles() -> list[str]:
    return list(botocore.session.Session().available_profiles)


# -- comparison ------------------------------------------------------------------------------


def disagreement(profile: str, outcome: Outcome, facts: dict[str, Any]) -> Optional[str]:
    """Why awslint's facts contradict botocore's outcome for ``profile``, or None."""
    method, chain_error = facts["method"], facts["chain_error"]
    shown = f"awslint method={method!r} chain_error={chain_error!r} sources={facts['sources']!r}"
    if outcome.error is None:
        if method != outcome.method:
            return f"{profile!r}: botocore method={outcome.method!r}; {shown}"
        return None
    problems = []
    if outcome.error == "InfiniteLoopConfigError" and not (chain_error or "").startswith("loop"):
        problems.append("chain_error should start with 'loop'")
    if (
        outcome.error == "InvalidConfigError"
        and "source_profile" in outcome.message
        and "does not exist" in outcome.message
        and "does not exist" not in (chain_error or "")
    ):
        problems.append("chain_error should mention 'does not exist'")
    if method != outcome.selected:
        problems.append(f"method should be the provider botocore selected, {outcome.selected!r}")
    if problems:
        return f"{profile!r}: botocore raised {outcome.error}: {outcome.message}; {shown}: " + "; ".join(problems)
    return None


def ids(layouts: list[Layout]) -> list[str]:
    return [layout.id for layout in layouts]
