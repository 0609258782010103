"""Which credentials each profile really uses: botocore's resolution, statically, plus other tools.

The botocore part mirrors ``botocore/credentials.py`` 1.44 (``create_credential_resolver``,
``ProfileProviderBuilder.providers``, ``AssumeRoleProvider``, ``SSOProvider``, the static-key
providers) and ``botocore/session.py`` (``get_scoped_config``, the ``profile`` and ``region``
config variables). It predicts what
``Session(profile=NAME).get_credentials()`` returns (``method``) or raises (``error``), and
``get_config_variable('region')``. It is checked against botocore itself by
``tests/test_explain_differential.py``.

Errors that depend only on the files and the environment are predicted: ``ConfigParseError``,
``ProfileNotFound``, ``PartialCredentialsError``, ``InvalidConfigError``,
``InfiniteLoopConfigError``, and with ``--env`` the ``CredentialRetrievalError`` of a
``credential_source`` that cannot work. What depends on the moment is not: whether a
``credential_process`` succeeds, whether ``aws login`` / ``aws sso login`` has a cached token,
whether the instance metadata service answers, whether ``awscrt`` is installed.

The other tools (``by_tool``): the JS SDKs v3 and v2 come from ``js_sdk`` (a port of their
``resolveProfileData`` / ``defaultProvider`` and file readers, held to the real SDKs by
tests/test_js_differential.py); the Go SDK v2 from its source, ``resolveCredentialChain`` /
``resolveCredsFromProfile`` and ``config/env_config.go`` (``AWS_PROFILE`` then
``AWS_DEFAULT_PROFILE``, ``AWS_REGION`` then ``AWS_DEFAULT_REGION``; see ``BASIS``), not run here.
"""

from __future__ import annotations

from awslint.standins.records import dataclass, field
from itertools import islice
from operator import attrgetter
from typing import Any, Mapping, Optional

from awslint.aws.key_material import token_origin_region
from awslint.credential_keys import KEY_ID, SECRET, TOKEN_KEYS
from awslint.aws.endpoints import configured_sts_endpoint
from awslint.aws.model import PROFILE_PROVIDERS
from awslint.aws.model import botocore_sources as _sources
from awslint.aws.model import assumes_role as _assumes_role
from awslint.aws.chains import MISSING, SOURCE, continues, source_step
from awslint.redaction import mask
from awslint.aws.js_sdk import V2, V2_BASIS, V3, V3_BASIS, JsFiles
from awslint.aws.model import Block, Setting, View

CREDENTIAL_SOURCES = ("Environment", "Ec2InstanceMetadata", "EcsContainer")  # exact, case-sensitive
#: What each ``credential_source`` value resolves through (provider METHOD names).
SOURCE_METHOD = {"Environment": "env", "Ec2InstanceMetadata": "iam-role", "EcsContainer": "container-role"}
TOOLS = ("botocore", "cli-v2", "js-v3", "js-v2", "go-v2")
TOOL_NAMES = {"botocore": "botocore/CLI v1", "cli-v2": "CLI v2", "js-v3": "JS SDK v3", "js-v2": "JS SDK v2", "go-v2": "Go SDK v2"}
#: How each family's answer is known: run (a differential test runs that SDK offline on
#: generated layouts) or read from source (the SDK cannot run here).
BASIS = {
    "botocore": "run: botocore (tests/test_explain_differential.py)",
    "cli-v2": "source: aws-cli v2 runs its own copy of botocore's chain; profile and region variables in its order",
    "js-v3": V3_BASIS,
    "js-v2": V2_BASIS,
    # Read in aws-sdk-go-v2 config/resolve_credentials.go at commit 02d654c4 (resolveCredsFromProfile:
    # source profile, static keys, credential_source, web identity, SSO, process) and
    # config/shared_config.go at 70bf410 (validateCredentialType); the release that added
    # login_session could not be read here (no Go toolchain or module proxy), so login comes last.
    "go-v2": "source: aws-sdk-go-v2 config/resolve_credentials.go @02d654c4 resolveCredsFromProfile, "
    "config/shared_config.go @70bf410, env_config.go (not run: no Go toolchain here)",
}
#: Variables whose values are secrets (never printed; the Redactor gets their values).
ENV_SECRET_VARIABLES = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN")
_SSO_ANY = ("sso_session", "sso_account_id", "sso_role_name", "sso_region", "sso_start_url")


@dataclass(frozen=True)
class Environment:
    """The process environment as the tools read it; empty unless ``--env`` was given."""

    variables: Mapping[str, str] = field(default_factory=dict)
    enabled: bool = False

    def get(self, name: str) -> Optional[str]:
        """The variable's value when set (even empty), else None; always None without --env."""
        return self.variables.get(name) if self.enabled else None

    def nonempty(self, name: str) -> Optional[str]:
        value = self.get(name)
        return value or None

    def secret_values(self) -> list[str]:
        return [v for v in (self.get(n) for n in ENV_SECRET_VARIABLES) if v]

    # -- profile selection, per tool ---------------------------------------------------------

    def selected_profile(self, tool: str = "botocore") -> Optional[str]:
        """The profile name a tool takes from the environment, or None (then: ``default``).

        botocore (CLI v1, boto3): ``AWS_DEFAULT_PROFILE`` then ``AWS_PROFILE``, a set but empty
        variable counts (``configprovider.py``). CLI v2: the opposite order. JS SDK v3:
        ``AWS_PROFILE`` only, empty means unset. Go SDK v2: ``AWS_PROFILE`` then
        ``AWS_DEFAULT_PROFILE``, first non-empty.
        """
        if tool == "botocore":
            order = ("AWS_DEFAULT_PROFILE", "AWS_PROFILE")
        elif tool == "cli-v2":
            order = ("AWS_PROFILE", "AWS_DEFAULT_PROFILE")
        elif tool in ("js-v3", "js-v2"):
            return self.nonempty("AWS_PROFILE")
        else:
            return self.nonempty("AWS_PROFILE") or self.nonempty("AWS_DEFAULT_PROFILE")
        for name in order:
            value = self.get(name)
            if value is not None:
                return value
        return None

    def selecting_variable(self, tool: str = "botocore") -> Optional[str]:
        """Which variable made ``selected_profile(tool)``, for messages."""
        wanted = self.selected_profile(tool)
        if wanted is None:
            return None
        order = ("AWS_DEFAULT_PROFILE", "AWS_PROFILE") if tool == "botocore" else ("AWS_PROFILE", "AWS_DEFAULT_PROFILE")
        return next((n for n in order if self.get(n) == wanted), None)


@dataclass(frozen=True)
class Place:
    """Where a setting is written."""

    path: str
    line: int
    key: str

    @classmethod
    def of(cls, setting: Optional[Setting]) -> Optional["Place"]:
        if setting is None:
            return None
        return cls(setting.file.path, setting.option.line, setting.name)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass
class Hop:
    """One profile of a role's source chain and how it gets its credentials."""

    profile: Optional[str]  # None for a credential_source
    method: Optional[str]
    place: Optional[Place] = None
    credential_source: Optional[str] = None
    key_id: Optional[str] = None  # masked


class Failure(Exception):
    """What botocore raises: the exception class name and a short message (no secrets)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(kind, message)
        self.kind = kind
        self.message = message

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Failure) and (self.kind, self.message) == (other.kind, other.message)

    __hash__ = Exception.__hash__


@dataclass
class Resolution:
    """The answer for one profile."""

    profile: str
    exists: bool = True
    method: Optional[str] = None  # the provider botocore selects (it raises `error` if set)
    place: Optional[Place] = None
    # For roles: the role, then its sources; a deep chain keeps its first CHAIN_KEPT hops and its
    # last (every hop of every profile would be memory quadratic in the chain's length).
    chain: list[Hop] = field(default_factory=list)
    chain_length: int = 0  # hops in the whole chain
    candidates: list[str] = field(default_factory=list)
    shadowed: list[tuple[str, Optional[Place]]] = field(default_factory=list)
    region: Optional[str] = None
    region_place: Optional[Place] = None
    region_from: Optional[str] = None  # an environment variable, or None (the profile)
    region_by_tool: dict[str, Optional[str]] = field(default_factory=dict)
    error: Optional[Failure] = None
    by_tool: dict[str, Optional[str]] = field(default_factory=dict)
    key_id: Optional[str] = None  # masked key id of the winning static keys
    notes: list[str] = field(default_factory=list)
    explicit_method: Optional[str] = None  # with --env: what `--profile NAME` would use instead
    selected_by: list[str] = field(default_factory=list)  # tools whose environment selects it
    files: dict[str, Optional[str]] = field(default_factory=dict)
    #: Per JS SDK family (``js-v3``): the full answer behind ``by_tool`` (js_sdk.JsAnswer).
    tools: dict[str, Any] = field(default_factory=dict)

    @property
    def source(self) -> Optional[Hop]:
        return self.chain[-1] if len(self.chain) > 1 else None


# -- where each provider is triggered ------------------------------------------------------------


def provider_place(block: Block, method: str) -> Optional[Place]:
    """The line that makes ``method`` apply to ``block``."""
    if method == "shared-credentials-file":
        return Place.of(block.credentials_values.get(KEY_ID))
    if method == "config-file":
        return Place.of(block.config_values.get(KEY_ID))
    key = {
        "assume-role": ("role_arn",),
        "assume-role-with-web-identity": ("web_identity_token_file",),
        "sso": ("sso_account_id", "sso_role_name"),
        "login": ("login_session",),
        "custom-process": ("credential_process",),
    }.get(method, ())
    for name in key:
        if name in block.settings:
            return Place.of(block.settings[name])
    return None


def _static_key_id(block: Block, method: Optional[str]) -> Optional[str]:
    values = {"shared-credentials-file": block.credentials_values, "config-file": block.config_values}.get(method or "")
    if values is None or KEY_ID not in values:
        return None
    text = values[KEY_ID].text
    return mask(text) if text else "(empty)"


# -- botocore ------------------------------------------------------------------------------------


CHAIN_KEPT = 21  # hops a resolution keeps of a deep chain (the role and 20 sources), then the last
NOTES_PER_KIND = 20  # notes of one kind about a chain's sources, then one that counts the rest


class _SeenList(list[str]):
    """The visited profiles in order, with a set beside them: ``in`` is constant time on long chains."""

    def __init__(self, items: list[str]) -> None:
        super().__init__(items)
        self._set = set(items)

    def append(self, item: str) -> None:
        super().append(item)
        self._set.add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._set


@dataclass
class _Segment:
    """Hops one walk of a source chain added, then the tail (segment, offset) it joined."""

    hops: list[Hop]
    rest: Optional[tuple["_Segment", int]]


def _materialize(tail: Optional[tuple[_Segment, int]]) -> list[Hop]:
    """The hops of a remembered tail, in order (a new list, freed with the resolution)."""
    hops: list[Hop] = []
    while tail is not None:
        segment, at = tail
        hops.extend(islice(segment.hops, at, None))
        tail = segment.rest
    return hops


class Resolver:
    """botocore's credential chain for the profiles of one view."""

    def __init__(self, view: View, env: Optional[Environment] = None, data: Optional[dict[str, list[Any]]] = None) -> None:
        self.view = view
        self.env = env or Environment()
        self.data = data or {}
        # Role profile -> (a walked chain and where its hops after that profile start, notes,
        # failure, last hop's profile): see ``_role``. The chain is shared, not sliced per profile.
        self._tails: dict[str, tuple[_Segment, int, list[str], Optional[Failure], Optional[str]]] = {}
        self._flagged: dict[str, set[str]] = {}  # see _profiles_with
        self._js_v3: Any = None  # js_sdk.V3 for these files, read on first use
        self._js_v2: dict[bool, Any] = {}  # js_sdk.V2 with and without AWS_SDK_LOAD_CONFIG
        self._js_v2_setting = False  # AWS_SDK_LOAD_CONFIG in the environment

    # The profile-provider sub-chain: web identity, sso, shared credentials, login, process,
    # config file (``ProfileProviderBuilder.providers``).
    def _profile_providers(self, block: Block, env_web_identity: bool) -> tuple[Optional[str], Optional[Failure]]:
        for method in PROFILE_PROVIDERS:
            try:
                if self._provider_loads(block, method, env_web_identity):
                    return method, None
            except Failure as failure:
                return method, failure
        return None, None

    def _provider_loads(self, block: Block, method: str, env_web_identity: bool) -> bool:
        """True when the provider returns credentials; raises Failure when it raises."""
        settings = block.settings
        if method == "assume-role-with-web-identity":
            return self._web_identity(block, env_web_identity)
        if method == "sso":
            return self._sso(block)
        if method == "shared-credentials-file":
            return self._static(block.credentials_values, method)
        if method == "login":
            return "login_session" in settings  # the token cache and awscrt are checked at run time
        if method == "custom-process":
            return "credential_process" in settings  # run at resolution time: success is not static
        if method == "config-file":
            return block.config_section is not None and self._static(block.config_values, method)
        raise AssertionError(method)

    def _web_identity(self, block: Block, use_env: bool) -> bool:
        """``AssumeRoleWithWebIdentityProvider``: env values first unless the profile is explicit."""

        def config(key: str, variable: str) -> Optional[str]:
            if use_env:
                value = self.env.get(variable)
                if value is not None:
                    return value
            return block.value(key)

        if not config("web_identity_token_file", "AWS_WEB_IDENTITY_TOKEN_FILE"):
            return False
        if not config("role_arn", "AWS_ROLE_ARN"):
            raise Failure(
                "InvalidConfigError",
                "the profile or the environment is configured to assume a role with web identity but has no role ARN",
            )
        return True

    def _sso(self, block: Block) -> bool:
        """``SSOProvider._load_sso_config``: trigger, sso-session reference, required keys."""
        profile = {name: s.value for name, s in block.settings.items()}
        if "sso_role_name" not in profile and "sso_account_id" not in profile:
            return False
        required = ["sso_role_name", "sso_account_id", "sso_start_url", "sso_region"]
        session_name = profile.get("sso_session")
        if session_name is not None:
            session = self.view.sso_sessions.get(session_name) if isinstance(session_name, str) else None
            if session is None:
                raise Failure("InvalidConfigError", f'the specified sso-session does not exist: "{session_name}"')
            for key, setting in session.config_values.items():
                if profile.get(key, setting.value) != setting.value:
                    raise Failure(
                        "InvalidConfigError",
                        f"the value for {key} is inconsistent between profile and sso-session '{session_name}'",
                    )
                profile[key] = setting.value
            required.append("sso_session")
        missing = [key for key in required if key not in profile]
        if missing:
            raise Failure(
                "InvalidConfigError",
                f"profile '{block.name}' is configured to use SSO but is missing required configuration: {', '.join(missing)}",
            )
        return True

    @staticmethod
    def _static(values: dict[str, Setting], method: str) -> bool:
        if KEY_ID not in values:
            return False
        if SECRET not in values:
            raise Failure("PartialCredentialsError", f"partial credentials found in {method}, missing: {SECRET}")
        return True

    # -- assume role --------------------------------------------------------------------------

    def _role(self, name: str, visited: list[str], chain: list[Hop], notes: list[str]) -> None:
        """``AssumeRoleProvider._load_creds_via_assume_role``, one hop at a time.

        botocore recurses once per hop; a loop here, so a 1000-deep chain cannot exhaust
        Python's stack (``_role_hop`` returns the next role profile, or None when done).
        """
        seen = _SeenList(visited)
        path: list[tuple[str, int, int]] = []  # role profiles walked, with where their tails start
        next_name: Optional[str] = name
        failure: Optional[Failure] = None
        joined: Optional[tuple[_Segment, int]] = None  # a tail walked before, met on the way
        try:
            while next_name is not None:
                tail = self._tails.get(next_name) if next_name != name else None
                # A later profile's tail is the same from any start, unless it ends at this start
                # (a role profile with keys): then botocore sees a loop (only the start can be
                # both static and on the path; every profile in between assumes a role without keys).
                if tail is not None and tail[4] != name:
                    joined = (tail[0], tail[1])
                    notes.extend(tail[2])
                    if tail[3] is not None:
                        raise tail[3]
                    break
                path.append((next_name, len(chain), len(notes)))
                next_name = self._role_hop(next_name, seen, chain, notes)
        except Failure as raised:
            failure = raised
        # Remember the tail of every profile after the start: explaining each profile of a long
        # chain then walks each hop once (a loop's outcome depends on the start: not kept). Only
        # the hops this walk added are kept, linked to the tail they joined: the kept hops of
        # all profiles stay linear in the number of profiles, however deep the chain.
        segment = _Segment(chain[:], joined)
        if joined is not None:
            chain.extend(_materialize(joined))
        if failure is None or failure.kind != "InfiniteLoopConfigError":
            last = chain[-1].profile if chain else None
            for walked, at, notes_at in path[1:]:
                self._tails[walked] = (segment, at, notes[notes_at:], failure, last)
        if failure is not None:
            raise failure

    def _role_hop(self, name: str, visited: list[str], chain: list[Hop], notes: list[str]) -> Optional[str]:
        """Validate one role profile; its source's outcome, or the source to continue with."""
        block = self.view.profiles[name]
        source_profile = block.value("source_profile")
        credential_source = block.value("credential_source")
        if credential_source is not None and source_profile is not None:
            raise Failure("InvalidConfigError", f"profile '{name}' contains both source_profile and credential_source")
        if credential_source is None and source_profile is None:
            raise Failure(
                "PartialCredentialsError",
                f"profile '{name}' sets role_arn but is missing: source_profile or credential_source",
            )
        if credential_source is not None:
            if credential_source not in CREDENTIAL_SOURCES:
                raise Failure(
                    "InvalidConfigError",
                    f"the credential_source '{credential_source}' in profile '{name}' is not valid "
                    f"(exactly one of {', '.join(CREDENTIAL_SOURCES)})",
                )
            source_method = SOURCE_METHOD[credential_source]
            hop = Hop(None, source_method, Place.of(block.get("credential_source")), credential_source=credential_source)
            chain.append(hop)
            self._credential_source(name, credential_source, hop, notes)
            return None
        assert source_profile is not None
        # The edge rule is chains.py's (shared with the lint facts and AWS106's loops).
        kind, _ = source_step(self.view.profiles, block)
        if kind == MISSING:
            raise Failure("InvalidConfigError", f"the source_profile '{source_profile}' in profile '{name}' does not exist")
        source = self.view.profiles[source_profile]
        if kind == SOURCE and source_profile in visited:  # OWN_KEYS: itself, with static keys, is allowed
            raise Failure(
                "InfiniteLoopConfigError",
                f"infinite loop in the source_profile chain: {' -> '.join(visited + [source_profile])}",
            )
        visited.append(source_profile)
        if not continues(source):
            method, failure = self._profile_providers(source, env_web_identity=False)
            chain.append(Hop(source_profile, method, provider_place(source, method) if method else None,
                             key_id=_static_key_id(source, method)))
            if failure is not None:
                raise failure
            if method is None:
                raise Failure("InvalidConfigError", f"the source profile '{source_profile}' must have credentials")
            return None
        chain.append(Hop(source_profile, "assume-role", provider_place(source, "assume-role")))
        return source_profile

    def _credential_source(self, name: str, credential_source: str, hop: Hop, notes: list[str]) -> None:
        """What the named source gives; decidable only with --env (else a note)."""
        env = self.env
        if not env.enabled:
            needs = {
                "Environment": "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment",
                "Ec2InstanceMetadata": "an EC2 instance role (instance metadata)",
                "EcsContainer": "a container credentials endpoint (AWS_CONTAINER_CREDENTIALS_*_URI)",
            }[credential_source]
            notes.append(f"credential_source = {credential_source}: works only with {needs}")
            return
        missing = CredentialRetrievalFailure(credential_source, name)
        if credential_source == "Environment":
            key_id = env.get("AWS_ACCESS_KEY_ID")
            if not key_id:
                raise missing
            if not env.get("AWS_SECRET_ACCESS_KEY"):
                raise Failure("PartialCredentialsError", "partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY")
            hop.key_id = mask(key_id)
        elif credential_source == "EcsContainer":
            if not (env.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") or env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI")):
                raise missing
        elif (env.get("AWS_EC2_METADATA_DISABLED") or "").lower() == "true":
            raise missing

    # -- one profile --------------------------------------------------------------------------

    def resolve(self, name: str, explicit: Optional[bool] = None) -> Resolution:
        """What botocore does for ``name``: as ``--profile NAME`` (explicit), or selected through
        the environment (``AWS_PROFILE``). Without --env a profile is always explicit."""
        env = self.env
        if explicit is None:
            explicit = not env.enabled
        result = Resolution(name, files={"config": _path(self.view.config), "credentials": _path(self.view.credentials)})
        if self.view.botocore_error is not None:
            result.exists = name in self.view.profiles
            result.error = Failure("ConfigParseError", self._parse_error_text())
            self._js(name, result)
            return result
        block = self.view.profiles.get(name)
        if block is None:
            result.exists = False
            result.error = Failure("ProfileNotFound", f"the config profile ({name}) could not be found")
            self._js(name, result)
            return result
        result.candidates = self._candidates(block, explicit)
        self._region(block, result)
        try:
            self._chain(block, explicit, result)
        except Failure as failure:
            result.error = failure
        winner = result.method
        result.shadowed = [
            (method, None if method == "env" else provider_place(block, method))
            for method in result.candidates
            if method != winner
        ]
        result.by_tool = self._by_tool(block, explicit, result)
        self._js(name, result)
        if env.enabled and not explicit and result.method in ("env", "assume-role-with-web-identity"):
            explicit_result = self.resolve(name, explicit=True)
            result.explicit_method = explicit_result.method
        self._notes(block, result)
        result.chain_length = len(result.chain)
        if len(result.chain) > CHAIN_KEPT + 1:
            result.chain = result.chain[:CHAIN_KEPT] + result.chain[-1:]
        return result

    def _profiles_with(self, key: str, value: Optional[str] = None) -> set[str]:
        """Profiles that set ``key`` (to ``value`` when given): a chain's notes look for these only
        when there are any, instead of checking every hop of every profile's chain."""
        slot = f"{key}={value}"
        found = self._flagged.get(slot)
        if found is None:
            found = self._flagged[slot] = {
                name for name, block in self.view.profiles.items()
                if key in block.settings and (value is None or block.value(key) == value)
            }
        return found

    def _candidates(self, block: Block, explicit: bool) -> list[str]:
        sources = _sources(block)
        use_env = self.env.enabled and not explicit
        if use_env and self.env.get("AWS_WEB_IDENTITY_TOKEN_FILE") and "assume-role-with-web-identity" not in sources:
            index = 1 if sources[:1] == ["assume-role"] else 0
            sources.insert(index, "assume-role-with-web-identity")
        if use_env and self.env.get("AWS_ACCESS_KEY_ID"):
            sources.insert(0, "env")
        return sources

    def _chain(self, block: Block, explicit: bool, result: Resolution) -> None:
        env = self.env
        use_env = env.enabled and not explicit
        if use_env and env.get("AWS_ACCESS_KEY_ID"):
            result.method = "env"
            result.key_id = mask(env.get("AWS_ACCESS_KEY_ID") or "")
            if not env.get("AWS_SECRET_ACCESS_KEY"):
                raise Failure("PartialCredentialsError", "partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY")
            return
        if _assumes_role(block):
            result.method = "assume-role"
            result.place = provider_place(block, "assume-role")
            result.chain = [Hop(block.name, "assume-role", result.place)]
            self._role(block.name, [block.name], result.chain, result.notes)
            return
        method, failure = self._profile_providers(block, env_web_identity=use_env)
        result.method = method
        if method is not None:
            result.place = provider_place(block, method)
            result.key_id = _static_key_id(block, method)
        if failure is not None:
            raise failure

    def _parse_error_text(self) -> str:
        for parsed in self.view.files:
            problem = parsed.source.decode_problem
            if parsed.botocore_error and problem is not None:
                # configparser decodes the file as it reads it: UnicodeDecodeError comes first.
                return f"botocore cannot read {parsed.path}:{problem.line}: {problem.reason} (UnicodeDecodeError)"
            if parsed.botocore_error:
                fatal = next((i for i in parsed.issues if i.fatal), None)
                where = f"{parsed.path}:{fatal.line}" if fatal is not None else parsed.path
                return f"botocore cannot read {where}: {fatal.message if fatal is not None else parsed.botocore_error}"
        return "botocore cannot read the files"

    # -- region -------------------------------------------------------------------------------

    def _region(self, block: Block, result: Resolution) -> None:
        """``get_config_variable('region')``: AWS_DEFAULT_REGION, then the merged profile."""
        env = self.env
        setting = block.get("region")
        merged = None if setting is None else setting.value
        env_default = env.get("AWS_DEFAULT_REGION")
        env_region = env.get("AWS_REGION")
        if env_default is not None:
            result.region, result.region_from = env_default, "AWS_DEFAULT_REGION"
        else:
            result.region = merged if isinstance(merged, str) else (None if setting is None else setting.text)
            result.region_place = Place.of(setting)
        profile_region = None if setting is None else setting.text
        # The JS SDKs' regions come with their answers (_js).
        result.region_by_tool = {
            "botocore": result.region,
            "cli-v2": _first(env_region, env_default, profile_region),
            "go-v2": _first(env.nonempty("AWS_REGION"), env.nonempty("AWS_DEFAULT_REGION"), profile_region),
        }

    # -- other tools --------------------------------------------------------------------------

    def _by_tool(self, block: Block, explicit: bool, result: Resolution) -> dict[str, Optional[str]]:
        env = self.env
        use_env = env.enabled and not explicit
        env_keys = bool(env.get("AWS_ACCESS_KEY_ID") and env.get("AWS_SECRET_ACCESS_KEY"))
        if use_env and env_keys:
            go: Optional[str] = "env"
        elif use_env and env.nonempty("AWS_WEB_IDENTITY_TOKEN_FILE"):
            go = "assume-role-with-web-identity"
        else:
            go = _go_v2(block)
        return {"botocore": result.method, "cli-v2": result.method, "go-v2": go}  # JS: _js

    def _js(self, name: str, result: Resolution) -> None:
        """The JavaScript SDKs read the files with their own parser (js_sdk): any outcome of
        botocore's, even ConfigParseError or ProfileNotFound, leaves theirs to compute."""
        if self._js_v3 is None:
            # Node reads the files as UTF-8 and keeps a byte order mark; the JS parsers trim it.
            texts = [None if f is None else ("\ufeff" if f.source.bom else "") + f.source.text
                     for f in (self.view.config, self.view.credentials)]
            self._js_v3 = V3(JsFiles.from_text(texts[0], texts[1]), self.env.get, env_known=self.env.enabled)
            load_config = bool(self.env.get("AWS_SDK_LOAD_CONFIG"))
            self._js_v2 = {setting: V2(texts[0], texts[1], self.env.get, setting) for setting in (load_config, not load_config)}
            self._js_v2_setting = load_config
        env = self.env
        # A program selects a profile other than the default with AWS_PROFILE.
        named = bool(env.nonempty("AWS_PROFILE")) or name != "default"
        answer = self._js_v3.answer(name, named)
        result.tools["js-v3"] = answer
        result.by_tool["js-v3"] = answer.method
        result.region_by_tool["js-v3"] = answer.region
        if answer.error is not None:
            result.notes.append(f"JS SDK v3 fails: {answer.error}")
        result.notes.extend(answer.notes)
        v2 = self._js_v2[self._js_v2_setting].answer(name)
        other = self._js_v2[not self._js_v2_setting].answer(name)
        v2.other_setting = other  # the same program with AWS_SDK_LOAD_CONFIG the other way
        result.tools["js-v2"] = v2
        result.by_tool["js-v2"] = v2.method
        result.region_by_tool["js-v2"] = v2.region
        if v2.error is not None:
            result.notes.append(f"JS SDK v2 fails: {v2.error}")
        if (other.method, other.chain) != (v2.method, v2.chain):
            with_it = "with" if not self._js_v2_setting else "without"
            result.notes.append(f"JS SDK v2 {with_it} AWS_SDK_LOAD_CONFIG uses {other.method or 'no credentials from the files'} "
                                f"instead of {v2.method or 'no credentials from the files'}")
        ours = result.source
        if (result.method == answer.method == "assume-role" and ours is not None and answer.source is not None
                and result.error is None and answer.error is None and (ours.profile, ours.method) != answer.source):
            result.notes.append(
                f"JS SDK v3 assumes the role with other credentials: {_source_text(answer.source)} instead of "
                f"botocore's {_source_text((ours.profile, ours.method))} (it takes static keys first in every source "
                "profile): the CLI works while a Node program acts as another principal"
            )

    # -- explanations -------------------------------------------------------------------------

    def _notes(self, block: Block, result: Resolution) -> None:
        notes = result.notes
        mfa = block.get("mfa_serial")
        static = result.method in ("shared-credentials-file", "config-file", "env")
        if mfa is not None and result.method not in ("assume-role", "env", None) and not result.error:
            what = "the static keys are used directly" if static else f"{result.method or 'nothing'} is used"
            notes.append(
                f"mfa_serial ({Place.of(mfa)}) has no effect: no role is assumed, {what} and requests carry no "
                "MFA; a policy that requires aws:MultiFactorAuthPresent denies them (AccessDenied)"
            )
        if result.method == "assume-role" and not result.error:
            if mfa is not None:
                notes.append(f"MFA: botocore prompts for a code of {block.value('mfa_serial')} when it assumes the role")
            # botocore assumes each role of a chain with that role's own mfa_serial
            # (AssumeRoleProvider._load_creds_via_assume_role recurses per role profile): it
            # prompts once per role that sets one. A source that gives its credentials directly
            # (keys, SSO, a process …) assumes nothing: its mfa_serial is not used.
            with_mfa = self._profiles_with("mfa_serial")
            hops = [h for h in islice(result.chain, 1, None) if h.profile in with_mfa] if with_mfa else []
            for hop in hops[:NOTES_PER_KIND]:
                source = self.view.profiles[hop.profile or ""]
                if hop.method == "assume-role":
                    notes.append(
                        f"MFA: botocore also prompts for a code of {source.value('mfa_serial')} when it assumes the "
                        f"role of source profile '{hop.profile}' ({Place.of(source.get('mfa_serial'))})"
                    )
                else:
                    notes.append(
                        f"mfa_serial of source profile '{hop.profile}' ({Place.of(source.get('mfa_serial'))}) is not "
                        f"used: botocore takes its {hop.method or 'credentials'} credentials directly, MFA applies "
                        "only when a role is assumed"
                    )
            if len(hops) > NOTES_PER_KIND:
                more = len(hops) - NOTES_PER_KIND
                notes.append(f"… and {more} more source profile{'s' if more > 1 else ''} of the chain with mfa_serial")
        if "login" in result.candidates and result.method not in ("login", None) and not result.error:
            # Providers that come before login: the environment, then botocore's profile order.
            before_login = ("env", "assume-role") + PROFILE_PROVIDERS[: PROFILE_PROVIDERS.index("login")]
            if result.method in before_login:
                notes.append(
                    f"the aws login session ({provider_place(block, 'login')}) is never used: {result.method} "
                    "comes first in botocore's order; remove the older credentials to use it"
                )
        self._region_notes(block, result)

    def _region_notes(self, block: Block, result: Resolution) -> None:
        opt_in = set(self.data.get("opt_in_regions", []))
        region = result.region
        if not region or region not in opt_in:
            return
        notes = result.notes
        token = next((block.get(k) for k in TOKEN_KEYS if k in block.settings), None)
        if result.method in ("shared-credentials-file", "config-file") and token is not None:
            origin = token_origin_region(token.text)
            minted = f" (it was minted in {origin})" if origin else ""
            notes.append(
                f"{region} is an opt-in region and the profile uses a pasted session token ({Place.of(token)}){minted}: "
                "a token from the global STS endpoint (sts.amazonaws.com) is valid only in default regions unless "
                "the account issues version 2 tokens; mint it with --region " + region
            )
        if result.method in ("assume-role", "assume-role-with-web-identity"):
            marked = self._profiles_with("sts_regional_endpoints", "legacy")
            names = ([block.name] if block.name in marked else []) + _flagged_sources(result.chain, marked) if marked else []
            legacy = [self.view.profiles[name] for name in names[:NOTES_PER_KIND]]
            endpoint = self._sts_endpoint(block, region)
            notes.append(f"{region} is an opt-in region: botocore calls STS at {endpoint} for this profile")
            for b in legacy:
                notes.append(
                    f"sts_regional_endpoints = legacy ({Place.of(b.get('sts_regional_endpoints'))}): botocore and CLI v2 "
                    f"still use the regional endpoint for {region}, but tools that honour 'legacy' mint version 1 "
                    "tokens at sts.amazonaws.com, which opt-in regions reject (AuthFailure)"
                )
            if len(names) > NOTES_PER_KIND:
                more = len(names) - NOTES_PER_KIND
                notes.append(f"… and {more} more profile{'s' if more > 1 else ''} of the chain with sts_regional_endpoints = legacy")

    def _sts_endpoint(self, block: Block, region: str) -> str:
        """The STS endpoint botocore's client uses for ``region`` (``args.py``, legacy list)."""
        configured = configured_sts_endpoint(self.view, block)
        if configured:
            return configured
        mode = self.env.get("AWS_STS_REGIONAL_ENDPOINTS") or block.value("sts_regional_endpoints") or "regional"
        legacy_regions = set(self.data.get("legacy_global_sts_regions", []))
        if region == "aws-global" or (mode == "legacy" and region in legacy_regions):
            return "https://sts.amazonaws.com"
        return f"https://sts.{region}.amazonaws.com"

    # -- all profiles -------------------------------------------------------------------------

    def explain(self, only: Optional[str] = None) -> list[Resolution]:
        """Every profile (or only ``only``); with --env, the selected one first and marked."""
        names = list(self.view.profiles) if only is None else [only]
        selected: dict[str, list[str]] = {}
        if self.env.enabled:
            for tool in TOOLS:
                wanted = self.env.selected_profile(tool)
                selected.setdefault(wanted if wanted is not None else "default", []).append(tool)
            botocore_pick = self.env.selected_profile("botocore")
            if only is None and botocore_pick is not None and botocore_pick not in names:
                names.insert(0, botocore_pick)  # a missing selected profile: ProfileNotFound
        if not names and self.view.botocore_error is not None:
            # No profile parsed (binary, UTF-16…) but botocore fails on the file: say so for the
            # profile it would use rather than "no profiles".
            pick = self.env.selected_profile("botocore") if self.env.enabled else None
            names = [pick or "default"]
        picked = self.env.selected_profile("botocore") if self.env.enabled else None
        depth = self._depths()
        # Deepest chains first: their walk is remembered once and every shallower profile joins
        # it at its first hop, so a remembered tail is one or two segments, not one per profile.
        order = sorted(range(len(names)), key=lambda i: -depth.get(names[i], 0))
        by_index: dict[int, Resolution] = {}
        for index in order:
            name = names[index]
            # `-p NAME` is `--profile NAME`: botocore then ignores the environment's keys and web
            # identity (create_credential_resolver: disable_env_vars), unless the environment
            # selects that same profile anyway.
            result = self.resolve(name, explicit=True if only is not None and name != picked else None)
            result.selected_by = selected.get(name, [])
            by_index[index] = result
        results = [by_index[index] for index in range(len(names))]
        results.sort(key=lambda r: 0 if "botocore" in r.selected_by else 1)
        return results

    def _depths(self) -> dict[str, int]:
        """How many ``source_profile`` hops follow each profile (a loop counts as the end); linear."""
        profiles = self.view.profiles
        depth: dict[str, int] = {}
        for start in profiles:
            path: list[str] = []
            on_path: set[str] = set()
            name: Optional[str] = start
            while name is not None and name not in depth and name not in on_path:
                path.append(name)
                on_path.add(name)
                source = profiles[name].value("source_profile")
                name = source if source in profiles else None
            below = depth.get(name, 0) if name is not None else -1
            for walked in reversed(path):
                below += 1
                depth[walked] = below
        return depth


class CredentialRetrievalFailure(Failure):
    def __init__(self, credential_source: str, profile: str) -> None:
        super().__init__(
            "CredentialRetrievalError",
            f"no credentials found in credential_source {credential_source} referenced in profile '{profile}'",
        )


_HOP_PROFILE = attrgetter("profile")


def _flagged_sources(chain: list[Hop], flagged: set[str]) -> list[str]:
    """The source profiles of ``chain`` (in order, after the role) that are in ``flagged``.

    map/filter keep the loop in C: a deep chain's notes scan each profile's whole chain."""
    return list(filter(flagged.__contains__, map(_HOP_PROFILE, islice(chain, 1, None))))


def _source_text(source: tuple[Optional[str], Optional[str]]) -> str:
    profile, method = source
    return f"{method or 'nothing'}" if profile is None else f"'{profile}' {method or 'nothing'}"


def _first(*values: Optional[str]) -> Optional[str]:
    return next((v for v in values if v is not None), None)


def _path(parsed: Any) -> Optional[str]:
    return None if parsed is None else parsed.path


def _static_method(block: Block) -> Optional[str]:
    """The merged static keys other SDKs read: credentials-file values win."""
    key = block.get(KEY_ID)
    if key is None or not key.text or not (block.value(SECRET) or ""):
        return None
    return "shared-credentials-file" if KEY_ID in block.credentials_values else "config-file"


def _go_v2(block: Block) -> Optional[str]:
    """Go SDK v2 ``resolveCredsFromProfile``: source profile (role), static keys,
    credential_source, web identity, SSO, process; login last (its support is not checked)."""
    has = block.settings
    if block.value("source_profile") and block.value("role_arn"):
        return "assume-role"
    static = _static_method(block)
    if static:
        return static
    if block.value("credential_source") and block.value("role_arn"):
        return "assume-role"
    if block.value("web_identity_token_file"):
        return "assume-role-with-web-identity"
    if any(block.value(k) for k in _SSO_ANY):
        return "sso"
    if block.value("credential_process"):
        return "custom-process"
    if "login_session" in has:
        return "login"
    return None


__all__ = ["TOOLS", "TOOL_NAMES", "Environment", "Failure", "Hop", "Place", "Resolution", "Resolver", "provider_place"]
