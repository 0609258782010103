"""What the AWS SDK for JavaScript does with the two files: its own reader and credential chains.

JS SDK v3 (``@aws-sdk/credential-provider-node`` 3.972.99 ``defaultProvider``,
``@aws-sdk/credential-provider-ini`` ``resolveProfileData``, ``@smithy/core`` 3.41.1
``parseIni`` / ``getConfigData`` / ``mergeConfigFiles`` / ``NODE_REGION_CONFIG_FILE_OPTIONS``)
and JS SDK v2 (``aws-sdk`` 2.1693.0 ``CredentialProviderChain.defaultProviders``,
``SharedIniFileCredentials``, ``util.iniLoader``). Every answer here is checked against the real
packages, run offline, by ``tests/test_js_differential.py`` (versions pinned by
``tests/js/package-lock.json``).

The JS SDKs read the files with their own parser, not botocore's: keys keep their case, an inline
``# comment`` is cut, a duplicate section is merged, ``[profile default]`` replaces ``[default]``
whole, and a credentials-file ``[profile x]`` is a profile named ``profile.x``. So this module
reads the file text itself instead of botocore's ``View``.
"""

from __future__ import annotations

import re
from awslint.standins.records import dataclass, field
from typing import Callable, Mapping, Optional

from awslint.credential_keys import KEY_ID, SECRET

Profile = dict[str, str]
Profiles = dict[str, Profile]

_SECTION_TYPES = ("profile", "sso-session", "services")
# JavaScript's whitespace (String.prototype.trim, \s in a RegExp): WhiteSpace and LineTerminator,
# with the byte order mark, without Python's extra \x1c-\x1f and \x85.
_JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_JS_S = "[" + _JS_SPACE + "]"
# JS: /^([\w-]+)\s(["'])?([\w-@+.%:/]+)\2$/ (a backreference to an unmatched group matches
# nothing in JS, fails in Python: hence two branches). JS's \w is ASCII.
_PREFIX_KEY = re.compile(r"^([\w-]+)" + _JS_S + r"(?:([\"'])([\w\-@+.%:/]+)\2|([\w\-@+.%:/]+))$", re.ASCII)
_COMMENT = re.compile("(?:^|" + _JS_S + ")[;#]")
_LINE_BREAK = re.compile(r"\r?\n")
_SSO_KEYS = ("sso_start_url", "sso_account_id", "sso_session", "sso_region", "sso_role_name")
CHAIN_KEPT = 21  # hops kept of a deep chain (resolve.CHAIN_KEPT), then the last
V3_BASIS = "run: @aws-sdk/credential-providers 3.1178.0 (tests/test_js_differential.py)"
V2_BASIS = "run: aws-sdk 2.1693.0 (tests/test_js_differential.py)"


class JsIniError(Exception):
    """``parseIni`` throws (a ``__proto__`` section): the SDK reads that file as empty."""


def parse_ini(text: str) -> dict[str, dict[str, str]]:
    """``@smithy/core`` ``parseIni``: sections by raw name (``profile.x`` for ``[profile x]``)."""
    result: dict[str, dict[str, str]] = {}
    section: Optional[str] = None
    subsection: Optional[str] = None
    for line in _LINE_BREAK.split(text):
        trimmed = _COMMENT.split(line, 1)[0].strip(_JS_SPACE)  # (a BOM too: JS trims it)
        if trimmed[:1] == "[" and trimmed[-1:] == "]":
            section = subsection = None
            name = trimmed[1:-1]
            match = _PREFIX_KEY.match(name)
            if match:
                if match.group(1) in _SECTION_TYPES:
                    section = f"{match.group(1)}.{match.group(3) or match.group(4)}"
            else:
                section = name
            if name in ("__proto__", "profile __proto__"):
                raise JsIniError(name)
        elif section is not None:
            equals = trimmed.find("=")
            if equals > 0:
                key, value = trimmed[:equals].strip(_JS_SPACE), trimmed[equals + 1:].strip(_JS_SPACE)
                if value == "":
                    subsection = key
                else:
                    if subsection is not None and line.lstrip(_JS_SPACE) == line:
                        subsection = None
                    result.setdefault(section, {})[f"{subsection}.{key}" if subsection else key] = value
    return result


def _read(text: Optional[str]) -> dict[str, dict[str, str]]:
    if text is None:
        return {}
    try:
        return parse_ini(text)
    except JsIniError:
        return {}  # loadSharedConfigFiles swallows the error: an empty file


def config_profiles(raw: dict[str, dict[str, str]]) -> Profiles:
    """``getConfigData``: ``[profile x]`` -> ``x``; ``[default]`` kept, replaced by ``[profile default]``."""
    result: Profiles = {}
    if "default" in raw:
        result["default"] = raw["default"]
    for key, values in raw.items():
        prefix, dot, rest = key.partition(".")
        if dot and prefix in _SECTION_TYPES:
            result[rest if prefix == "profile" else key] = values
    return result


@dataclass
class JsFiles:
    """The two files as the JS SDK reads them (v3; v2 reads them the same way, see ``v2_files``)."""

    config: Profiles  # after getConfigData
    credentials: Profiles
    sso_sessions: Profiles

    @classmethod
    def from_text(cls, config: Optional[str], credentials: Optional[str]) -> "JsFiles":
        raw_config = _read(config)
        sessions = {k.partition(".")[2]: v for k, v in raw_config.items() if k.startswith("sso-session.")}
        return cls(config_profiles(raw_config), _read(credentials), sessions)

    def merged(self) -> Profiles:
        """``mergeConfigFiles(config, credentials)``: credentials-file keys win."""
        result: Profiles = {name: dict(values) for name, values in self.config.items()}
        for name, values in self.credentials.items():
            result.setdefault(name, {}).update(values)
        return result


@dataclass
class JsAnswer:
    """What one JS SDK does for one profile."""

    method: Optional[str]  # the provider that answers (or that fails: then ``error``)
    chain: list[tuple[Optional[str], Optional[str]]] = field(default_factory=list)  # (profile, method) hops
    region: Optional[str] = None
    error: Optional[str] = None  # the SDK throws instead of returning credentials
    notes: list[str] = field(default_factory=list)
    #: When a provider can fail at run time (a process, instance metadata) the SDK moves on:
    #: what it then returns. A static tool cannot know which; the notes say so.
    otherwise: Optional["JsAnswer"] = None
    basis: str = ""  # how this answer is known (V3_BASIS, V2_BASIS)
    other_setting: Optional["JsAnswer"] = None  # v2: the answer with AWS_SDK_LOAD_CONFIG the other way

    @property
    def source(self) -> Optional[tuple[Optional[str], Optional[str]]]:
        return self.chain[-1] if len(self.chain) > 1 else None


def _kept(hops: list[tuple[Optional[str], Optional[str]]]) -> list[tuple[Optional[str], Optional[str]]]:
    """A deep chain's first hops and its last, as botocore's explanation keeps: every hop of every
    profile would be memory quadratic in the chain's length."""
    return hops[:CHAIN_KEPT] + hops[-1:] if len(hops) > CHAIN_KEPT + 1 else hops


class _Next(Exception):
    """A provider error with ``tryNextLink``: the chain moves on."""


class _Stop(Exception):
    """An error that ends the chain (``tryNextLink: false`` or a TypeError)."""

    def __init__(self, method: str, message: str) -> None:
        super().__init__(message)
        self.method = method
        self.message = message


def _is_str(profile: Optional[Profile], key: str) -> bool:
    return profile is not None and key in profile


def _static(profile: Optional[Profile]) -> bool:
    return _is_str(profile, KEY_ID) and _is_str(profile, SECRET)


def _assume_role(profile: Optional[Profile]) -> bool:
    """``isAssumeRoleProfile``: role_arn and exactly one of source_profile / credential_source."""
    return _is_str(profile, "role_arn") and (_is_str(profile, "source_profile") != _is_str(profile, "credential_source"))


def _source_without_role(profile: Profile) -> bool:
    return not profile.get("role_arn") and bool(profile.get("credential_source"))


_SOURCE_METHOD = {"Environment": "env", "Ec2InstanceMetadata": "iam-role", "EcsContainer": "container-role"}


Hop = tuple[Optional[str], Optional[str]]


@dataclass
class _Tail:
    """A walked chain from a source profile on, kept as botocore's explanation keeps it (its first
    hops and its last), with what it raised and what run-time dependencies it assumed."""

    head: list[Hop]  # the first CHAIN_KEPT + 1 hops
    last: Optional[Hop]
    length: int
    error: Optional[Exception] = None
    needs: tuple[str, ...] = ()

    def prepend(self, hop: Optional[Hop], needs: tuple[str, ...]) -> "_Tail":
        if hop is None or self.error is not None:
            return _Tail(self.head, self.last, self.length, self.error, needs + self.needs)
        return _Tail(([hop] + self.head)[:CHAIN_KEPT + 1], self.last or hop, self.length + 1, None, needs + self.needs)

    def hops(self) -> list[Hop]:
        return self.head[:CHAIN_KEPT] + [self.last] if self.length > CHAIN_KEPT + 1 and self.last else list(self.head)


def _on_cycles(profiles: Profiles) -> set[str]:
    """Profiles on a loop of the source_profile graph (each has at most one source): a walk's
    outcome from any other profile does not depend on the profiles walked before it."""
    state: dict[str, int] = {}
    found: set[str] = set()
    for start in profiles:
        path: list[str] = []
        node: Optional[str] = start
        while node is not None and node in profiles and node not in state:
            state[node] = 1
            path.append(node)
            node = profiles[node].get("source_profile")
        if node is not None and state.get(node) == 1:
            found.update(path[path.index(node):])
        for walked in path:
            state[walked] = 2
    return found


def _memo_tail(start: str, step: Callable[[str, set[str]], tuple[Optional[list[Hop]], Optional[Hop], Optional[str]]],
               memo: dict[str, _Tail], on_cycles: set[str], needs: Callable[[], list[str]]) -> _Tail:
    """The walk from source profile ``start`` on, each profile off a loop walked once per view.

    ``step(node, walked)`` returns (final hops, None, None) or (None, hop or None, next source);
    it may raise _Next / _Stop (a loop: its next source is in ``walked``). The tail of a profile
    off a loop is the same whatever came before it (no earlier profile is reachable from it)."""
    path: list[tuple[str, Optional[Hop], tuple[str, ...]]] = []
    walked: set[str] = set()
    node = start
    result: _Tail
    while True:
        if node in memo:
            result = memo[node]
            break
        walked.add(node)
        before = len(needs())
        try:
            final, hop, following = step(node, walked)
        except (_Next, _Stop) as error:
            result = _Tail([], None, 0, error, tuple(needs()[before:]))
            break
        own = tuple(needs()[before:])
        if final is not None:
            result = _Tail(final[:CHAIN_KEPT + 1], final[-1], len(final), None, own)
            break
        path.append((node, hop, own))
        assert following is not None
        node = following
    for walked_node, hop, own in reversed(path):
        result = result.prepend(hop, own)
        if walked_node not in on_cycles:
            memo[walked_node] = result
    return result




@dataclass
class V3:
    """JS SDK v3 ``fromNodeProviderChain()`` and a client's ``config.region()`` for the files."""

    files: JsFiles
    env: Callable[[str], Optional[str]]  # a variable's value, None when unset (or not taken into account)
    env_known: bool = True  # False without --env: a credential_source is then assumed to work, and noted

    def __post_init__(self) -> None:
        self.profiles = self.files.merged()
        self._failing: set[str] = set()  # the second pass: what the first answer needed fails
        self._needs: list[str] = []  # what the first pass assumed works
        # Source profile -> its walked tail (first pass only): explaining every profile of a deep
        # chain walks each hop once.
        self._tails: dict[str, _Tail] = {}
        self._on_cycles = _on_cycles(self.profiles)

    def _nonempty(self, name: str) -> Optional[str]:
        return self.env(name) or None

    def answer(self, name: str, named: bool) -> JsAnswer:
        """``name`` selected through ``AWS_PROFILE`` (``named``), or the default with it unset."""
        result = self._credentials(name, named)
        result.basis = V3_BASIS
        result.region = self._nonempty("AWS_REGION") or self._region(name)
        if result.otherwise is not None:
            result.otherwise.region = result.region
        return result

    def _region(self, name: str) -> Optional[str]:
        # NODE_REGION_CONFIG_FILE_OPTIONS: preferredFile "credentials".
        merged = dict(self.files.config.get(name, {}))
        merged.update(self.files.credentials.get(name, {}))
        return merged.get("region")

    def _credentials(self, name: str, named: bool) -> JsAnswer:
        self._needs, self._failing = [], set()
        result = self._chain(name, named)
        if self._needs:
            needs = " and ".join(dict.fromkeys(self._needs))
            # Then the first answer's needs fail; what comes next may still work (assumed).
            self._failing = set(self._needs)
            otherwise = self._chain(name, named)
            self._failing = set()
            if (otherwise.method, otherwise.chain, otherwise.error) != (result.method, result.chain, result.error):
                result.otherwise = otherwise
                then = f"uses {otherwise.method}" if otherwise.method else "finds no credentials in the files"
                if otherwise.error:
                    then += f" (then it fails: {otherwise.error})"
                result.notes.append(
                    f"JS SDK v3: {result.method} works only if {needs}; if not, the SDK moves on to the next "
                    f"provider and {then} (a static tool cannot know which)"
                )
        return result

    def _chain(self, name: str, named: bool) -> JsAnswer:
        providers: list[Callable[[], JsAnswer]] = [
            lambda: self._env_keys(named),
            lambda: self._from_ini(name),
            lambda: self._from_process(name),
            self._env_web_identity,
            self._remote,
        ]
        return self._first(providers)

    @staticmethod
    def _first(providers: list[Callable[[], JsAnswer]]) -> JsAnswer:
        for provider in providers:
            try:
                return provider()
            except _Next:
                continue
            except _Stop as stop:
                return JsAnswer(stop.method, error=stop.message)
        return JsAnswer(None)

    def _runtime(self, need: str) -> None:
        """Something only the running machine decides: assumed to work, then (second pass) not."""
        if need in self._failing:
            raise _Next()
        self._needs.append(need)

    def _env_keys(self, named: bool) -> JsAnswer:
        # defaultProvider skips fromEnv whenever a profile is named (AWS_PROFILE).
        if named or not (self._nonempty("AWS_ACCESS_KEY_ID") and self._nonempty("AWS_SECRET_ACCESS_KEY")):
            raise _Next()
        return JsAnswer("env", [(None, "env")])

    def _from_ini(self, name: str) -> JsAnswer:
        hops = _kept(self._profile_data(name))
        return JsAnswer(hops[0][1], hops)

    def _from_process(self, name: str) -> JsAnswer:
        if "credential_process" not in self.profiles.get(name, {}):
            raise _Next()
        self._runtime(f"the credential_process of '{name}' succeeds")
        return JsAnswer("custom-process", [(name, "custom-process")])

    def _env_web_identity(self) -> JsAnswer:
        if not (self._nonempty("AWS_WEB_IDENTITY_TOKEN_FILE") and self._nonempty("AWS_ROLE_ARN")):
            raise _Next()
        return JsAnswer("assume-role-with-web-identity", [(None, "assume-role-with-web-identity")])

    def _remote(self) -> JsAnswer:
        if self._nonempty("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") or self._nonempty("AWS_CONTAINER_CREDENTIALS_FULL_URI"):
            return JsAnswer("container-role", [(None, "container-role")])
        raise _Next()  # instance metadata: never predicted (the files give no credentials)

    # -- resolveProfileData ----------------------------------------------------------------

    def _profile_data(self, name: str) -> list[Hop]:
        """``resolveProfileData`` from ``name``: the hops, or _Next / _Stop as the SDK throws.

        The SDK recurses once per source profile; here a loop (a deep chain cannot exhaust the
        stack) whose tails are shared between the profiles of a chain. Each role's own checks (a
        loop, an unknown ``credential_source``, ``mfa_serial``) come before its source's: the SDK
        starts the source without awaiting it first.
        """
        final, hop, source = self._hop(name, None)
        if final is not None:
            return final
        assert source is not None
        tails = self._tails if not self._failing else {}  # (the second pass walks afresh)
        tail = _memo_tail(source, lambda node, walked: self._hop(node, walked), tails, self._on_cycles, lambda: self._needs)
        if tail.error is not None:
            raise tail.error
        self._needs.extend(n for n in tail.needs if n not in self._needs)
        return ([hop] if hop is not None else []) + tail.hops()

    def _hop(self, current: str, walked: Optional[set[str]]) -> tuple[Optional[list[Hop]], Optional[Hop], Optional[str]]:
        """One profile of the walk (``walked``: the sources so far, None for the profile itself):
        its final hops, or its own hop (None for a source with credential_source and no
        role_arn: no role) and the source profile to go on with."""
        first = walked is None
        data = self.profiles.get(current)
        if not first and _static(data):  # a source hop: static keys first
            return [(current, self._static_method(current))], None, None
        recursive = not first and _source_without_role(self.profiles.get(current, {}))
        if not (recursive or _assume_role(data)):
            return [(current, self._own_method(current, data))], None, None
        assert data is not None  # (recursive only for an existing source profile)
        source_profile = data.get("source_profile")
        credential_source = data.get("credential_source", "")
        if source_profile and walked is not None and source_profile in walked:
            raise _Next()  # "Detected a cycle": the chain moves on
        if not source_profile and credential_source not in _SOURCE_METHOD:
            raise _Next()  # "Unsupported credential source"
        hop: Optional[Hop] = None
        if not _source_without_role(data):  # (a source with credential_source and no role_arn is no role)
            if data.get("mfa_serial"):
                raise _Stop("assume-role", f"profile {current} requires multi-factor authentication, but the program gave no MFA code provider (mfaCodeProvider)")
            hop = (current, "assume-role")
        if not source_profile:
            return ([hop] if hop else []) + [self._credential_source(credential_source)], None, None
        return None, hop, source_profile

    def _own_method(self, name: str, data: Optional[Profile]) -> str:
        """A profile that assumes no role: static keys, web identity, process, SSO, login."""
        if _static(data):
            return self._static_method(name)
        if _is_str(data, "web_identity_token_file") and _is_str(data, "role_arn"):
            return "assume-role-with-web-identity"
        if _is_str(data, "credential_process"):
            self._runtime(f"the credential_process of '{name}' succeeds")
            return "custom-process"
        if data is not None and any(k in data for k in _SSO_KEYS):
            self._sso(name, data)
            return "sso"
        if _is_str(data, "login_session"):
            return "login"
        raise _Next()

    def _static_method(self, name: str) -> str:
        return "shared-credentials-file" if KEY_ID in self.files.credentials.get(name, {}) else "config-file"

    def _credential_source(self, credential_source: str) -> tuple[Optional[str], Optional[str]]:
        method = _SOURCE_METHOD[credential_source]
        if not self.env_known and method != "iam-role":  # (explain without --env)
            self._runtime(f"the environment provides {'keys' if method == 'env' else 'a container endpoint'} "
                          f"(credential_source = {credential_source})")
            return None, method
        if method == "env":
            if self._nonempty("AWS_ACCESS_KEY_ID") and self._nonempty("AWS_SECRET_ACCESS_KEY"):
                return None, "env"
        elif method == "container-role":
            if self._nonempty("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") or self._nonempty("AWS_CONTAINER_CREDENTIALS_FULL_URI"):
                return None, "container-role"
        else:
            self._runtime("the EC2 instance metadata service gives a role")
            return None, "iam-role"
        raise _Next()

    def _sso(self, name: str, data: Profile) -> None:
        """``fromSSO`` for a profile: the session's values replace the profile's; all four keys."""
        values = dict(data)
        session_name = data.get("sso_session")
        if session_name is not None:
            session = self.files.sso_sessions.get(session_name)
            if session is None:
                raise _Stop("sso", f"TypeError: the sso-session '{session_name}' of profile {name} does not exist (the SDK crashes)")
            values["sso_region"] = session.get("sso_region", "")
            values["sso_start_url"] = session.get("sso_start_url", "")
        missing = [k for k in ("sso_start_url", "sso_account_id", "sso_region", "sso_role_name") if not values.get(k)]
        if missing:
            raise _Stop("sso", f"profile {name} is configured with invalid SSO credentials: missing {', '.join(missing)}")


# -- JS SDK v2 ------------------------------------------------------------------------------------

_V2_PROFILE_PREFIX = re.compile("^profile" + _JS_S)
_V2_SESSION_PREFIX = re.compile("^sso-session" + _JS_S)


class V2ReadError(Exception):
    """A file the v2 SDK cannot read: it throws, and every provider reading it fails."""


def parse_ini_v2(text: str) -> dict[str, dict[str, str]]:
    """``aws-sdk`` v2 ``util.ini.parse``: raw section names, no nested blocks, no empty values."""
    result: dict[str, dict[str, str]] = {}
    section: Optional[str] = None
    for raw in _LINE_BREAK.split(text):
        line = _COMMENT.split(raw, 1)[0].strip(_JS_SPACE)
        if line[:1] == "[" and line[-1:] == "]":
            section = line[1:-1]
            words = re.split(_JS_S, section)
            if section == "__proto__" or (len(words) > 1 and words[1] == "__proto__"):
                raise V2ReadError(f"Cannot load profile name '{section}'")
        elif section:
            equals = line.find("=")
            if equals not in (-1, 0, len(line) - 1):
                result.setdefault(section, {})[line[:equals].strip(_JS_SPACE)] = line[equals + 1:].strip(_JS_SPACE)
    return result


@dataclass
class V2:
    """JS SDK v2 ``new AWS.CredentialProviderChain().resolve()`` and ``new AWS.Config().region``.

    Without ``AWS_SDK_LOAD_CONFIG`` v2 reads the credentials file only (and ``~/.aws/credentials``
    whatever ``AWS_SHARED_CREDENTIALS_FILE`` says); with it both files, still without
    ``login_session`` or ``credential_source``. Any provider's error moves the chain on."""

    config: Optional[str]  # file texts; None: the file does not exist
    credentials: Optional[str]
    env: Callable[[str], Optional[str]]
    load_config: bool

    def __post_init__(self) -> None:
        self.error: Optional[str] = None  # why the shared files cannot be read
        self.config_profiles: Profiles = {}
        self.credentials_profiles: Profiles = {}
        self.sessions: Profiles = {}
        if self.load_config:
            try:
                self.config_profiles, self.sessions = self._read_config()
            except V2ReadError as error:
                self.error = str(error)
        try:
            if self.credentials is not None:
                self.credentials_profiles = parse_ini_v2(self.credentials)
            elif not self.load_config:  # (with the variable a missing credentials file is fine)
                raise V2ReadError("no credentials file (ENOENT)")
        except V2ReadError as error:
            self.error = self.error or str(error)
        self.profiles: Profiles = {name: dict(values) for name, values in self.config_profiles.items()}
        for name, values in self.credentials_profiles.items():
            self.profiles.setdefault(name, {}).update(values)
        # Walked tails, shared by the profiles of a chain (see _memo_tail).
        self._on_cycles = _on_cycles(self.profiles)
        self._ini_tails: dict[str, _Tail] = {}
        self._web_tails: dict[str, _Tail] = {}

    def _read_config(self) -> tuple[Profiles, Profiles]:
        if self.config is None:
            raise V2ReadError("no config file (ENOENT)")
        profiles: Profiles = {}
        sessions: Profiles = {}
        for name, values in parse_ini_v2(self.config).items():
            if _V2_SESSION_PREFIX.match(name):
                sessions[_V2_SESSION_PREFIX.sub("", name, 1)] = values
                continue
            short = _V2_PROFILE_PREFIX.sub("", name, 1)
            if short in profiles:  # Object.defineProperty twice
                raise V2ReadError(f"TypeError: Cannot redefine property: {short}")
            profiles[short] = values
        return profiles, sessions

    def _nonempty(self, name: str) -> Optional[str]:
        return self.env(name) or None

    def answer(self, name: str) -> JsAnswer:
        """Profile ``name`` selected with ``AWS_PROFILE`` (or the default with it unset)."""
        result = V3._first([
            self._env_keys, lambda: self._sso(name), lambda: self._shared_ini(name), self._container,
            lambda: self._process(name), lambda: self._web_identity(name),
        ])
        result.basis = V2_BASIS
        result.region = self._region(name)
        if self.error is not None and result.error is None:
            result.notes.append(f"JS SDK v2 cannot read the files ({self.error}): every profile provider fails")
        return result

    def _region(self, name: str) -> Optional[str]:
        region = self._nonempty("AWS_REGION") or self._nonempty("AMAZON_REGION")
        if region or not self.load_config:
            return region
        # The credentials file first, then the config file (which throws when v2 cannot read it).
        return self.credentials_profiles.get(name, {}).get("region") or self.config_profiles.get(name, {}).get("region")

    def _profile(self, name: str) -> Profile:
        if self.error is not None or not self.profiles.get(name):
            raise _Next()  # "Profile not found" (a section without keys too)
        return self.profiles[name]

    def _env_keys(self) -> JsAnswer:
        # EnvironmentCredentials('AWS'): used even when AWS_PROFILE names a profile.
        if self._nonempty("AWS_ACCESS_KEY_ID") and self._nonempty("AWS_SECRET_ACCESS_KEY"):
            return JsAnswer("env", [(None, "env")])
        raise _Next()

    def _sso(self, name: str) -> JsAnswer:
        data = self._profile(name)
        session_name = data.get("sso_session")
        if session_name:
            session = self.sessions.get(session_name)
            if not (data.get("sso_account_id") and data.get("sso_role_name") and session
                    and session.get("sso_start_url") and session.get("sso_region")):
                raise _Next()
        elif not all(data.get(k) for k in ("sso_start_url", "sso_account_id", "sso_region", "sso_role_name")):
            raise _Next()
        return JsAnswer("sso", [(name, "sso")])

    def _shared_ini(self, name: str) -> JsAnswer:
        """``SharedIniFileCredentials``: a role first (only source_profile), static keys first in
        every source; a loop recurses until the process runs out of memory."""
        final, hop, source = self._ini_hop(name, None)
        if final is not None:
            return JsAnswer(final[0][1], final)
        assert hop is not None and source is not None
        tail = _memo_tail(source, self._ini_hop, self._ini_tails, self._on_cycles, list)
        if tail.error is not None:
            raise tail.error
        return JsAnswer(hop[1], _kept([hop] + tail.hops()))

    def _ini_hop(self, current: str, walked: Optional[set[str]]) -> tuple[Optional[list[Hop]], Optional[Hop], Optional[str]]:
        data = self._profile(current)
        keys = bool(data.get(KEY_ID) and data.get(SECRET))
        if data.get("role_arn") and not (walked is not None and keys):  # sources: preferStaticCredentials
            source = data.get("source_profile")
            if not source or source not in self.profiles:
                raise _Next()  # no source_profile (credential_source unsupported), or missing
            if walked is not None and source in walked:
                raise _Stop("assume-role", "a source_profile loop: the SDK recurses until it runs out of memory")
            return None, (current, "assume-role"), source
        if not keys:
            raise _Next()
        return [(current, "shared-credentials-file" if KEY_ID in self.credentials_profiles.get(current, {}) else "config-file")], None, None

    def _container(self) -> JsAnswer:
        if self._nonempty("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") or self._nonempty("AWS_CONTAINER_CREDENTIALS_FULL_URI"):
            return JsAnswer("container-role", [(None, "container-role")])
        raise _Next()

    def _process(self, name: str) -> JsAnswer:
        if not self._profile(name).get("credential_process"):
            raise _Next()
        return JsAnswer("custom-process", [(name, "custom-process")])

    def _web_identity(self, name: str) -> JsAnswer:
        if self._nonempty("AWS_WEB_IDENTITY_TOKEN_FILE") and self._nonempty("AWS_ROLE_ARN"):
            return JsAnswer("assume-role-with-web-identity", [(None, "assume-role-with-web-identity")])
        self._profile(name)  # ("Profile not found")
        tail = _memo_tail(name, self._web_identity_hop, self._web_tails, self._on_cycles, list)
        if tail.error is not None:
            raise tail.error
        hops = tail.hops()
        return JsAnswer(hops[0][1], hops)

    def _web_identity_hop(self, current: str, walked: set[str]) -> tuple[Optional[list[Hop]], Optional[Hop], Optional[str]]:
        """``getParamsFromSharedConfig``: follow source_profile to the profile with a token file."""
        data = self.profiles.get(current)
        if data is None:
            raise _Next()  # (a TypeError inside the provider: the chain moves on)
        source = data.get("source_profile")
        if not data.get("web_identity_token_file") and source:
            if source in walked:
                raise _Stop("assume-role", "a source_profile loop: the SDK loops until it runs out of memory")
            return None, (current, "assume-role"), source
        if not (data.get("web_identity_token_file") and data.get("role_arn")):
            raise _Next()
        return [(current, "assume-role-with-web-identity")], None, None


def v3_answer(config: Optional[str], credentials: Optional[str], env: Mapping[str, str], name: str, named: bool) -> JsAnswer:
    """One profile's JS SDK v3 answer for file texts and an environment (tests, tools)."""
    return V3(JsFiles.from_text(config, credentials), env.get).answer(name, named)


__all__ = ["JsAnswer", "JsFiles", "V2", "V2_BASIS", "V3", "V3_BASIS", "config_profiles", "parse_ini", "parse_ini_v2", "v3_answer"]
