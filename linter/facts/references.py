"""Section headers and references between blocks, computed once per view.

* How botocore maps each header (``configloader.build_profile_map``), and the headers it drops
  or maps surprisingly: ``[profile a b]``, ``[profiles x]``, ``[Profile x]``, ``[ default ]``…
* The ``source_profile`` graph (``AssumeRoleProvider``): missing targets, loops (each found
  once, in linear time: the graph has at most one edge per profile), sources without credentials.
* ``sso_session`` and ``services`` references, and SSO completeness after resolving the session
  (``SSOProvider._load_sso_config`` / ``_resolve_sso_session_reference``).
"""

from __future__ import annotations

import re
import shlex
from awslint.standins.records import dataclass
from typing import TYPE_CHECKING, Any, Optional

from awslint.aws.chains import ChainGraph
from awslint.distance import NameIndex, nearest
from awslint.aws.model import Block, View, assumes_role, profile_name_for_section, shlex_split, yields_credentials
from awslint.syntax.parse import DEFAULT_SECTION, ParsedFile, SectionNode
from awslint.aws.settings_catalog import SettingsCatalog
from awslint.facts.registry import Fact, provides

if TYPE_CHECKING:
    from awslint.facts.builder import FactBuilder

PREFIXES = ("profile", "sso-session", "services")
CREDENTIAL_SOURCES = ("Environment", "Ec2InstanceMetadata", "EcsContainer")
SSO_PROFILE_KEYS = ("sso_account_id", "sso_role_name")
SSO_SESSION_KEYS = ("sso_start_url", "sso_region")
# Characters every SDK accepts in a profile or sso-session name (aws-sdk-go-v2#3195,
# aws-sdk-net#3393, aws-cdk-cli#1311, aws-cli#8481, Java's ProfileFileReader VALID_IDENTIFIER).
_NAME_OK = re.compile(r"[A-Za-z0-9_\-./%@:+]")
_CHAR_NAMES = {" ": "space", "\t": "tab"}
# Helpers that keep a profile's keys outside the AWS files (a keychain, an identity provider)
# and assume the profiles' roles themselves from the same config file: the executable a
# `credential_process` runs, and other signs of them in a config file (a section or a mention).
# Sources: aws-vault USAGE.md (keys in the keychain, role_arn/source_profile/include_profile
# read from ~/.aws/config), granted's credential-process and IAM-keys docs, segmentio/aws-okta's
# README ([okta] section, role_arn profiles). Helpers that only serve their own profiles
# (aws-sso-util, Leapp) or write the credentials file (saml2aws) are not among them.
KEYCHAIN_HELPERS = ("aws-vault", "granted", "aws-okta")
_HELPER_EXECUTABLES = {"assume": "granted", "assumego": "granted"}
_HELPER_SECTIONS = {"okta": "aws-okta"}
_HELPER_KEY_TOOLS = ("aws-vault", "granted")  # tool keys (settings data) that name a keychain helper


@dataclass(frozen=True)
class HeaderInfo:
    """What botocore makes of one header."""

    kind: str  # profile, sso-session, services, defaults, plugins, preview, other, dropped, ignored
    mapped_name: Optional[str] = None  # the name in botocore's table (profile, sso-session, services)
    problem: Optional[str] = None  # words, no-name, glued, unterminated, prefix-word, case, quoting
    suggested_header: Optional[str] = None  # the header that says what was probably meant
    misplaced_prefix: Optional[str] = None  # credentials file: "profile", "sso-session", "services"


def _quote(name: str) -> str:
    return shlex.quote(name) if name else "''"


def classify_config_header(name: str) -> HeaderInfo:
    """``build_profile_map`` for one config-file header, with what a reader probably meant."""
    if name == DEFAULT_SECTION:
        return HeaderInfo("defaults")
    # botocore's mapping itself is model.profile_name_for_section (build_view uses it): the one
    # copy. What follows only diagnoses what a dropped or odd header was meant to be.
    mapped_to = profile_name_for_section(name)
    prefix = mapped_to[0] if mapped_to is not None and name != "default" else None
    if prefix is not None:
        try:
            parts = shlex_split(name)  # shlex.split, fast for plain names
        except ValueError:
            return HeaderInfo("dropped", problem="unterminated")
        if mapped_to is not None and mapped_to[1] is None:
            if len(parts) == 1 and parts[0] == prefix:
                return HeaderInfo("dropped", problem="no-name")
            if len(parts) == 1:
                return HeaderInfo("dropped", problem="glued", suggested_header=f"{prefix} {_quote(parts[0][len(prefix):])}")
            return HeaderInfo("dropped", problem="words", suggested_header=f"{prefix} {_quote('-'.join(parts[1:]))}")
        mapped = parts[1]  # (= mapped_to[1])
        if parts[0] != prefix:
            return HeaderInfo(prefix, mapped, "prefix-word", f"{prefix} {_quote(mapped)}")
        halves = name.split(None, 1)
        rest = halves[1].strip() if len(halves) == 2 else ""
        if rest != mapped and not (  # quoted: 'name' or "name"
            len(rest) >= 2 and rest[0] == rest[-1] and rest[0] in "'\"" and rest[1:-1] == mapped
        ):
            return HeaderInfo(prefix, mapped, "quoting", f"{prefix} {_quote(mapped)}")
        return HeaderInfo(prefix, mapped)
    if mapped_to is not None:  # [default]
        return HeaderInfo(*mapped_to)
    if name in ("plugins", "preview"):
        return HeaderInfo(name)
    words = name.split()
    if name.strip().lower() == "default":
        return HeaderInfo("ignored", problem="case", suggested_header="default")
    if len(words) == 2:
        meant = next((p for p in PREFIXES if words[0].lower().startswith(p)), None)
        if meant is not None:
            return HeaderInfo("ignored", problem="case", suggested_header=f"{meant} {words[1]}")
    return HeaderInfo("other", suggested_header=f"profile {_quote(name.strip())}")


def classify_credentials_header(name: str) -> HeaderInfo:
    """The credentials file takes names verbatim (``raw_config_parse`` only)."""
    if name == DEFAULT_SECTION:
        return HeaderInfo("defaults")
    words = name.split(None, 1)
    if len(words) == 2 and words[0] in PREFIXES:
        suggested = words[1].strip() if words[0] == "profile" else name
        return HeaderInfo("profile", name, misplaced_prefix=words[0], suggested_header=suggested)
    if name != "default" and name.strip().lower() == "default":
        return HeaderInfo("profile", name, problem="case", suggested_header="default")
    return HeaderInfo("profile", name)


_names_ok: Optional[re.Pattern[str]] = None  # _NAME_OK for a whole name, compiled on first use


def describe_bad_chars(name: str) -> Optional[str]:
    """The characters of a name other SDKs reject, quoted and listed once, or None."""
    global _names_ok
    if name == "":
        return "an empty name"
    if _names_ok is None:
        _names_ok = re.compile(f"(?:{_NAME_OK.pattern})+")
    if _names_ok.fullmatch(name):  # the common case in one match, not one per character
        return None
    bad: list[str] = []
    for char in name:
        if not _NAME_OK.fullmatch(char):
            shown = f"'{char}'" + (f" ({_CHAR_NAMES[char]})" if char in _CHAR_NAMES else "")
            if shown not in bad:
                bad.append(shown)
    return ", ".join(bad) if bad else None


def _legacy_key(block: Block) -> Optional[str]:
    """What groups legacy SSO profiles: their start URL (else their SSO region)."""
    for key in SSO_SESSION_KEYS:
        setting = block.settings.get(key)
        if setting is not None:
            return f"{key}={setting.text.strip()}"
    return None


class References:
    """Every cross-block fact of one view, computed on first use."""

    def __init__(self, view: View, catalog: SettingsCatalog) -> None:
        self.view = view
        self.catalog = catalog
        self.headers: dict[int, HeaderInfo] = {}
        self.replaced_by: dict[int, int] = {}  # id(section) -> line of the header that replaces it
        for f in view.files:
            self._index_headers(f)
        self.referrers: dict[str, list[str]] = {}  # source_profile target -> role profiles naming it
        for block in view.profiles.values():
            setting = block.settings.get("source_profile")  # merged: .text is block.value
            target = None if setting is None else setting.text
            if target is not None and assumes_role(block) and target != block.name:
                self.referrers.setdefault(target, []).append(block.name)
        # The source_profile walk (chains.py): its loops are AWS106's; ChainIndex shares the graph.
        self.graph = ChainGraph(view.profiles)
        self.cycles = self.graph.loops()
        self._name_indexes: dict[str, NameIndex] = {}
        # The header each profile is reported at (config header, else credentials header).
        self.anchored = {id(b.anchor[1]): b for b in view.profiles.values() if b.anchor[1] is not None}
        self._layout: Optional[tuple[bool, Optional[str]]] = None
        self._legacy_groups: Optional[dict[str, list[str]]] = None

    # -- the layout as a whole -------------------------------------------------------------

    def layout(self) -> tuple[bool, Optional[str]]:
        """(credentials unknown, keychain helper) for the whole view, computed once.

        *Credentials unknown*: no credentials file sits beside a config file that lies in a
        repository (a git work tree or a chezmoi source folder), or the credentials file is
        encrypted or a template made only of template code: the profiles and keys it holds cannot be seen,
        so a reference to them is unknown, not wrong. On a real ``~/.aws`` (no work tree) a
        missing credentials file means there are no such profiles.

        *Keychain helper*: the helper tool the config file is set up for (aws-vault, granted…),
        which keeps the keys of its profiles outside the files.
        """
        if self._layout is None:
            self._layout = (self._credentials_unknown(), self._keychain_helper())
        return self._layout

    def _legacy_group(self, block: Block) -> tuple[bool, str]:
        """(first, others text) among the legacy SSO profiles of one start URL: moving them to one
        [sso-session] is one change, said once (aws-sso-util writes hundreds of such profiles)."""
        groups = self._legacy_groups
        if groups is None:
            groups = self._legacy_groups = {}
            for other in self.view.profiles.values():
                has = other.settings
                if "sso_session" in has or not ("sso_account_id" in has or "sso_role_name" in has):
                    continue
                key = _legacy_key(other)
                if key is not None:
                    groups.setdefault(key, []).append(other.name)
        names = groups.get(_legacy_key(block) or "", [block.name])
        more = len(names) - 1
        others = f" (as do {more} more profile{'s' if more > 1 else ''} with this start URL)" if more else ""
        return names[0] == block.name, others

    def _credentials_unknown(self) -> bool:
        config, credentials = self.view.config, self.view.credentials
        if credentials is not None:
            if any(issue.kind == "encrypted" for issue in credentials.issues[:1]):
                return True  # ciphertext (opaque.py): its profiles cannot be seen
            return bool(credentials.source.template) and not credentials.sections
        if config is None:
            return False
        from awslint.files.filemeta import in_repository

        return in_repository(config.source)

    def _keychain_helper(self) -> Optional[str]:
        config = self.view.config
        if config is None:
            return None
        for section in config.sections:
            helper = _HELPER_SECTIONS.get(section.name)
            if helper is not None:
                return helper
            for option in section.options:
                if option.name == "credential_process":
                    words = option.value.split(None, 1)
                    name = words[0].rsplit("/", 1)[-1].strip("'\"") if words else ""
                    helper = _HELPER_EXECUTABLES.get(name, name if name in KEYCHAIN_HELPERS else None)
                    if helper is not None:
                        return helper
                    continue
                tool = self.catalog.tool_of(option.name)  # a lookup: no did-you-mean work for other keys
                if tool in _HELPER_KEY_TOOLS:
                    return tool
        text = config.source.text
        return "aws-vault" if "aws-vault" in text else ("aws-okta" if "aws-okta" in text else None)

    # -- headers ---------------------------------------------------------------------------

    def _index_headers(self, f: ParsedFile) -> None:
        config = f.role == "config"
        classify = classify_config_header if config else classify_credentials_header
        headers = self.headers
        if not config:  # the credentials file takes names verbatim: nothing replaces a section
            for section in f.sections:
                headers[id(section)] = classify(section.name)
            return
        last: dict[tuple[str, str], SectionNode] = {}
        mapped: list[tuple[SectionNode, tuple[str, str]]] = []  # sections botocore files under a name
        for section in f.sections:
            info = classify(section.name)
            headers[id(section)] = info
            if info.mapped_name is not None:
                key = (info.kind, info.mapped_name)
                last[key] = section
                mapped.append((section, key))
        for section, key in mapped:
            winner = last[key]
            if winner.name != section.name:
                self.replaced_by[id(section)] = winner.line

    def header(self, section: SectionNode) -> HeaderInfo:
        return self.headers.get(id(section)) or HeaderInfo("other")

    def section_facts(self, f: ParsedFile, section: SectionNode, into: Optional[dict[str, Any]] = None) -> dict[str, Any]:
        """The section facts of this module, added to ``into`` when given (and returned)."""
        info = self.header(section)
        kind = info.kind
        unmapped = kind in ("other", "ignored")
        holds = unmapped and any(self.catalog.is_setting("profile", option.name) for option in section.options)
        sso_missing: list[str] = []
        if kind == "sso-session" and info.mapped_name is not None:
            session = self.view.sso_sessions.get(info.mapped_name)
            if session is not None and session.config_section is section:
                sso_missing = [k for k in SSO_SESSION_KEYS if k not in session.config_values]
        profile = self.anchored.get(id(section))
        if profile is not None:
            sso_missing = self.profile_sso(profile)[0]
        named = kind in ("profile", "sso-session") and info.mapped_name is not None
        # Stored one by one into the caller's dict when given (the section's facts): no second dict to merge.
        facts: dict[str, Any] = {} if into is None else into
        facts["section_kind"] = kind
        facts["mapped_name"] = info.mapped_name
        facts["header_problem"] = info.problem
        facts["suggested_header"] = info.suggested_header
        facts["misplaced_prefix"] = info.misplaced_prefix
        facts["replaced_by_line"] = self.replaced_by.get(id(section))
        # A name that is template code ({{ … }} in a *.tmpl file) is only known once rendered.
        templated_name = f.source.template and "{{" in section.name
        facts["bad_name_chars"] = describe_bad_chars(info.mapped_name or "") if named and not templated_name else None
        facts["holds_profile_keys"] = holds
        facts["referenced_by"] = list(self.referrers.get(section.name, [])) if unmapped else []
        prefixed = None
        if unmapped and f.role == "config":
            block = self.view.profiles.get(section.name.strip())
            if block is not None and block.config_section is not None:
                prefixed = block.config_section.line
        facts["prefixed_profile_line"] = prefixed
        facts["sso_missing_keys"] = sso_missing
        return facts

    # -- profiles --------------------------------------------------------------------------

    def profile_sso(self, block: Block) -> tuple[list[str], list[str]]:
        """An SSO profile's missing keys after resolving its session, and keys that disagree with it."""
        settings = block.settings
        for k in SSO_PROFILE_KEYS:
            if k in settings:
                break
        else:
            return [], []
        session_setting = settings.get("sso_session")  # merged: .text is block.value
        session_name = None if session_setting is None else session_setting.text
        session = self.view.sso_sessions.get(session_name) if session_name is not None else None
        if session_name is not None and session is None:
            return [], []  # botocore stops at the missing session first (AWS111)
        if session is None:
            return [k for k in SSO_PROFILE_KEYS + SSO_SESSION_KEYS if k not in settings], []
        missing = [k for k in SSO_PROFILE_KEYS if k not in settings]
        inconsistent = [k for k, v in session.config_values.items() if k in settings and settings[k].text != v.text]
        return missing, inconsistent

    def suggest(self, table: str, word: str) -> Optional[str]:
        """The nearest name in one of the view's tables, through one shared index per table.

        One index per view, not ``nearest`` per profile: thousands of broken references against
        thousands of names would otherwise cost their product (minutes).
        """
        index = self._name_indexes.get(table)
        if index is None:
            index = self._name_indexes[table] = NameIndex(getattr(self.view, table))
        return index.nearest(word)

    def profile_facts(self, block: Block, into: Optional[dict[str, Any]] = None) -> dict[str, Any]:
        """The profile facts of this module, added to ``into`` when given (and returned)."""
        view = self.view
        settings = block.settings
        get = settings.get  # merged: get(k).text is block.value(k)
        setting = get("source_profile")
        source = None if setting is None else setting.text
        source_missing = source is not None and source not in view.profiles
        cycle = self.cycles.get(block.name)
        setting = get("sso_session")
        session_name = None if setting is None else setting.text
        session_missing = session_name is not None and session_name not in view.sso_sessions
        sso_missing, inconsistent = self.profile_sso(block)
        setting = get("services")
        services = None if setting is None else setting.text
        services_block = view.services.get(services) if services is not None else None
        setting = get("credential_source")
        credential_source = None if setting is None else setting.text
        canonical = None
        cs_suggestion = None
        if credential_source is not None and credential_source not in CREDENTIAL_SOURCES:
            canonical = next((c for c in CREDENTIAL_SOURCES if c.lower() == credential_source.strip().lower()), None)
            if canonical is None:
                cs_suggestion = nearest(credential_source, CREDENTIAL_SOURCES)
        generated_by = None
        for k, t in self.catalog.generators.items():
            if k in settings:
                generated_by = t
                break
        used_by = self.referrers.get(block.name)
        credentials_unknown, helper = self.layout()
        missing_first = False
        if source_missing:
            naming = self.referrers.get(source)  # type: ignore[arg-type]
            missing_first = not naming or naming[0] == block.name
        # Stored one by one into the caller's dict when given (the profile's facts): no second dict to merge.
        facts: dict[str, Any] = {} if into is None else into
        facts["source_profile_missing"] = source_missing
        facts["source_profile_suggestion"] = self.suggest("profiles", source) if source_missing and source else None
        facts["cycle"] = cycle or []
        facts["used_as_source_by"] = [] if used_by is None else list(used_by)
        facts["yields_credentials"] = yields_credentials(block)
        facts["sso_session_missing"] = session_missing
        facts["sso_session_suggestion"] = (
            self.suggest("sso_sessions", session_name) if session_missing and session_name else None
        )
        facts["sso_missing_keys"] = sso_missing
        facts["sso_inconsistent_keys"] = inconsistent
        # Only an SSO profile (sso_account_id or sso_role_name: SSOProvider's trigger) has a legacy
        # form; a lone sso_region elsewhere is read by no credential provider.
        sso_profile = "sso_account_id" in settings or "sso_role_name" in settings
        legacy = [k for k in SSO_SESSION_KEYS if k in settings] if session_name is None and sso_profile else []
        facts["sso_legacy_keys"] = legacy
        facts["sso_legacy_first"], facts["sso_legacy_others"] = self._legacy_group(block) if legacy else (False, "")
        facts["services_missing"] = services is not None and services_block is None
        facts["services_empty"] = services_block is not None and not services_block.config_values
        facts["services_suggestion"] = self.suggest("services", services) if services and services_block is None else None
        facts["generated_by"] = generated_by
        facts["credentials_unknown"] = credentials_unknown
        facts["keychain_helper"] = helper
        facts["source_profile_missing_first"] = missing_first
        facts["source_profile_missing_count"] = len(self.referrers.get(source, ())) if source_missing else 0  # type: ignore[arg-type]
        facts["credential_source_canonical"] = canonical
        facts["credential_source_suggestion"] = cs_suggestion
        return facts


@provides(
    "section",
    Fact(
        "section_kind",
        "`profile`, `sso-session`, `services`, `defaults` ([DEFAULT]), `plugins`, `preview`, `other` (a "
        "config section botocore keeps but nothing reads), `dropped` (botocore discards it) or `ignored` (a "
        "header botocore keeps under a literal name that looks like a profile)",
        public=True,
    ),
    Fact(
        "mapped_name",
        "the name botocore files the section under (profile, sso-session or services name), or null",
        public=True,
    ),
    Fact(
        "header_problem",
        "why botocore drops or surprisingly maps the header: `words`, `no-name`, `glued`, `unterminated`, "
        "`prefix-word`, `case`, `quoting`, or null",
        public=True,
    ),
    Fact("suggested_header", "the header that says what was probably meant, or null", public=True),
    Fact(
        "misplaced_prefix",
        "credentials file: the prefix word (`profile`, `sso-session`, `services`) the header starts with, or "
        "null",
        public=True,
    ),
    Fact(
        "replaced_by_line",
        "config file: line of a later header that botocore maps to the same name and that replaces this "
        "section wholesale, or null",
        public=True,
    ),
    Fact(
        "bad_name_chars",
        "the characters of a profile or sso-session name that other SDKs reject, or null",
        public=True,
    ),
    Fact("holds_profile_keys", "true when a section that is not a profile holds profile settings", public=True),
    Fact(
        "prefixed_profile_line",
        "config file, for a section that is not a profile: the line of the `[profile NAME]` header that does "
        "define a profile of this name, or null",
        public=True,
    ),
    Fact(
        "referenced_by",
        "profiles whose `source_profile` names this section (for sections that are not profiles)",
        public=True,
    ),
    Fact(
        "sso_missing_keys",
        "on the header of an SSO profile: required keys missing after resolving its session; on an "
        "`[sso-session]` header: which of `sso_start_url`, `sso_region` it lacks",
        public=True,
    ),
)
def section_facts(builder: FactBuilder, f: ParsedFile, section: SectionNode, facts: dict[str, Any]) -> None:
    """The section facts of the view's references."""
    builder.references.section_facts(f, section, facts)


@provides(
    "profile",
    Fact(
        "source_profile_missing",
        "true when `source_profile` names a profile defined in neither file",
        public=True,
    ),
    Fact(
        "source_profile_suggestion",
        "the existing profile name nearest to a missing `source_profile`, or null",
        public=True,
    ),
    Fact(
        "cycle",
        "on the first profile (in file order) of a `source_profile` loop: the loop's profiles, else empty",
        public=True,
    ),
    Fact("used_as_source_by", "role profiles whose `source_profile` names this profile", public=True),
    Fact(
        "yields_credentials",
        "true when botocore can get credentials from this profile used as a source",
        public=True,
    ),
    Fact("sso_session_missing", "true when `sso_session` names no `[sso-session]` of the config file", public=True),
    Fact("sso_session_suggestion", "the existing sso-session name nearest to a missing one, or null", public=True),
    Fact("sso_missing_keys", "for an SSO profile: required keys missing after resolving its session", public=True),
    Fact(
        "sso_inconsistent_keys",
        "for an SSO profile: keys set in both profile and sso-session with different values",
        public=True,
    ),
    Fact(
        "sso_legacy_keys",
        "`sso_start_url`/`sso_region` set in an SSO profile (`sso_account_id` or `sso_role_name`) without "
        "`sso_session`",
        public=True,
    ),
    Fact("sso_legacy_first", "true on the first legacy SSO profile (file order) of its start URL", public=True),
    Fact(
        "sso_legacy_others",
        "` (as do N more profiles with this start URL)` when other legacy SSO profiles share it, else empty",
        public=True,
    ),
    Fact("services_missing", "true when `services` names no `[services]` section", public=True),
    Fact("services_empty", "true when the named `[services]` section has no keys", public=True),
    Fact("services_suggestion", "the existing services name nearest to a missing one, or null", public=True),
    Fact(
        "generated_by",
        "the helper tool that generated this profile (aws-sso-util, granted), from its marker key, or null",
        public=True,
    ),
    Fact(
        "credentials_unknown",
        "true when the credentials file cannot be seen: none beside a config file kept in a repository (git "
        "work tree or chezmoi source), an encrypted one, or a template made only of template code",
        public=True,
    ),
    Fact(
        "keychain_helper",
        "the helper the config file is set up for, which keeps keys outside the files and assumes its roles "
        "itself (`aws-vault`, `granted`, `aws-okta`: a `credential_process` running it, its keys, an `[okta]` "
        "section, a mention), or null",
        public=True,
    ),
    Fact(
        "source_profile_missing_first",
        "true on the first profile (file order) whose missing `source_profile` names that profile",
        public=True,
    ),
    Fact("source_profile_missing_count", "how many role profiles name that missing `source_profile`", public=True),
    Fact(
        "credential_source_canonical",
        "the exact spelling of a `credential_source` that differs only in case, or null",
        public=True,
    ),
    Fact(
        "credential_source_suggestion",
        "the valid `credential_source` nearest to an invalid one, or null",
        public=True,
    ),
)
def profile_facts(builder: FactBuilder, block: Block, facts: dict[str, Any]) -> None:
    """The profile facts of the view's references."""
    builder.references.profile_facts(block, facts)
