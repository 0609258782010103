"""botocore's view of the two files: profiles, sso-sessions and services, merged.

Mirrors ``botocore.configloader.load_config`` / ``build_profile_map`` for the config file,
``raw_config_parse`` for the credentials file, and ``Session.full_config`` for the merge in
which credentials-file keys win. Every value keeps a pointer to the line it came from.
"""

from __future__ import annotations

import copy
import re
from awslint.standins.records import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Optional, Union

from awslint.credential_keys import KEY_ID, SECRET
from awslint.syntax.parse import DEFAULT_SECTION, SLOTS, OptionNode, ParsedFile, SectionNode, Value, parse
from awslint.standins.shsplit import split as shell_split
from awslint.files.source import CONFIG, CREDENTIALS, read_source


@dataclass(**SLOTS)
class Setting:
    """One key of a profile as botocore sees it, and where it was written."""

    name: str
    value: Value
    option: OptionNode
    file: ParsedFile
    inherited: bool = False  # came from a [DEFAULT] section

    @property
    def text(self) -> str:
        """The value as a string (nested blocks as their raw text)."""
        return self.value if isinstance(self.value, str) else self.option.value


Settings = dict[str, Setting]


@dataclass
class Block:
    """A named block of settings from one or two files (profile, sso-session, services)."""

    name: str
    kind: str  # "profile", "sso-session" or "services"
    config_sections: list[SectionNode] = field(default_factory=list)  # all headers that map here
    config_section: Optional[SectionNode] = None  # the header whose keys botocore keeps
    credentials_section: Optional[SectionNode] = None
    config_values: Settings = field(default_factory=dict)
    credentials_values: Settings = field(default_factory=dict)
    config_file: Optional[ParsedFile] = None
    credentials_file: Optional[ParsedFile] = None

    @cached_property
    def settings(self) -> Settings:
        """The merged view: credentials-file keys override config-file keys (built once)."""
        merged = dict(self.config_values)
        merged.update(self.credentials_values)
        return merged

    def get(self, key: str) -> Optional[Setting]:
        return self.credentials_values.get(key) or self.config_values.get(key)

    def value(self, key: str) -> Optional[str]:
        setting = self.get(key)
        return None if setting is None else setting.text

    @property
    def anchor(self) -> tuple[Optional[ParsedFile], Optional[SectionNode]]:
        """Where to report something about the whole block: config header, else credentials."""
        if self.config_section is not None:
            return self.config_file, self.config_section
        return self.credentials_file, self.credentials_section


def assumes_role(block: Block) -> bool:
    """``AssumeRoleProvider._has_assume_role_config_vars``: role_arn and no web identity key."""
    return "role_arn" in block.settings and "web_identity_token_file" not in block.settings


def has_static_keys(block: Block) -> bool:
    """Either half of a key pair: botocore then takes the source profile's keys (or fails on them)."""
    return KEY_ID in block.settings or SECRET in block.settings


#: botocore's profile providers, in its order (``credentials.py`` ``ProfileProviderBuilder.providers``),
#: after the assume-role provider. ``botocore_sources`` and ``resolve.Resolver`` follow it.
PROFILE_PROVIDERS = ("assume-role-with-web-identity", "sso", "shared-credentials-file", "login", "custom-process", "config-file")


def botocore_sources(block: Block) -> list[str]:
    """Credential providers this profile triggers, in botocore's order (``PROFILE_PROVIDERS``
    after ``assume-role``). Written out, not looped over the tuple: once per profile of a
    10,000-profile config, on the lint path."""
    has = block.settings  # the merged view: has[k].text is block.value(k), without two lookups
    sources = []
    if assumes_role(block):
        sources.append("assume-role")
    web_identity = has.get("web_identity_token_file")
    if web_identity is not None and web_identity.text:  # an empty path is skipped, but still blocks assume-role
        sources.append("assume-role-with-web-identity")
    if "sso_account_id" in has or "sso_role_name" in has:
        sources.append("sso")
    if KEY_ID in block.credentials_values:
        sources.append("shared-credentials-file")
    if "login_session" in has:
        sources.append("login")
    if "credential_process" in has:
        sources.append("custom-process")
    if KEY_ID in block.config_values:
        sources.append("config-file")
    return sources


def sub_chain_method(block: Block) -> Optional[str]:
    """The profile provider sub-chain botocore uses for a source profile (no assume-role)."""
    for source in botocore_sources(block):
        if source != "assume-role":
            return source
    return None


def yields_credentials(block: Block) -> bool:
    """Whether botocore's ``_resolve_credentials_from_profile`` can get credentials from this
    source profile: a role to chain (without static keys), or any profile provider."""
    return (assumes_role(block) and not has_static_keys(block)) or sub_chain_method(block) is not None


def profile_name_for_section(name: str) -> Optional[tuple[str, Optional[str]]]:
    """botocore's ``build_profile_map`` for one config-file header: (kind, name) or None.

    ``None`` means a top-level section that is not a profile. A name of ``None`` means
    botocore drops the section silently: it starts with a prefix word but does not split
    into exactly two shell words.
    """
    for prefix in ("profile", "sso-session", "services"):
        if name.startswith(prefix):
            return prefix, _shlex_second(name)
    if name == "default":
        return ("profile", "default")
    return None


# Names shlex would split exactly like str.split(): printable ASCII without quotes or
# backslashes (shlex.split treats every other such character as a word character).
_PLAIN_NAME = re.compile(r"[ \t!#-&(-\[\]-~]*")


def shlex_split(name: str) -> list[str]:
    """``shlex.split(name)``; plain names without shlex's per-character state machine (10x faster).

    Others through ``shsplit.split`` (same words, linear: shlex itself is quadratic on one long
    word). Raises ValueError as shlex does (an unterminated quote is never a plain name)."""
    if _PLAIN_NAME.fullmatch(name):
        return name.split()
    return shell_split(name)


def _shlex_second(name: str) -> Optional[str]:
    try:
        parts = shlex_split(name)
    except ValueError:
        return None
    return parts[1] if len(parts) == 2 else None


def section_settings(parsed: ParsedFile) -> dict[str, tuple[list[SectionNode], Settings]]:
    """``raw_config_parse`` read leniently: per section name, its headers and settings.

    Duplicate sections merge and the last duplicate key wins (botocore would refuse the file;
    see ``ParsedFile.botocore_error``); ``[DEFAULT]`` keys are inherited by every section.
    """
    result: dict[str, tuple[list[SectionNode], Settings]] = {}
    defaults: Settings = {}
    for section in parsed.sections:
        if section.name == DEFAULT_SECTION:
            target = defaults
        else:
            headers, target = result.setdefault(section.name, ([], {}))
            headers.append(section)
        for option in section.options:
            value: Value = option.nested if option.nested is not None else option.value
            target[option.name] = Setting(option.name, value, option, parsed)
    for _, settings in result.values():
        for key, setting in defaults.items():
            if key not in settings:
                settings[key] = Setting(key, setting.value, setting.option, parsed, inherited=True)
    return result


@dataclass
class View:
    """Both files of one layout, as botocore loads them."""

    config: Optional[ParsedFile]
    credentials: Optional[ParsedFile]
    profiles: dict[str, Block] = field(default_factory=dict)
    sso_sessions: dict[str, Block] = field(default_factory=dict)
    services: dict[str, Block] = field(default_factory=dict)
    other_sections: dict[str, tuple[list[SectionNode], Settings]] = field(default_factory=dict)
    # The facts computed for this view (facts.builder_for): (rule data, environment, FactBuilder).
    builders: list[tuple[Any, Any, Any]] = field(default_factory=list, repr=False, compare=False)

    @property
    def files(self) -> list[ParsedFile]:
        return [f for f in (self.config, self.credentials) if f is not None]

    @property
    def botocore_error(self) -> Optional[str]:
        """``"ConfigParseError"`` when botocore cannot load these files, else None."""
        return "ConfigParseError" if any(f.botocore_error for f in self.files) else None

    def full_config(self) -> dict[str, Any]:
        """The same dict ``botocore.session.Session().full_config`` returns (lenient)."""
        result: dict[str, Any] = {name: _plain(settings) for name, (_, settings) in self.other_sections.items()}
        result["profiles"] = {}
        for name, block in self.profiles.items():
            if block.config_section is not None:
                result["profiles"][name] = _plain(block.config_values)
        if self.config is not None:  # without a config file botocore has only "profiles"
            result["sso_sessions"] = {name: _plain(b.config_values) for name, b in self.sso_sessions.items()}
            result["services"] = {name: _plain(b.config_values) for name, b in self.services.items()}
        for name, block in self.profiles.items():
            if block.credentials_section is not None:
                result["profiles"].setdefault(name, {}).update(_plain(block.credentials_values))
        # botocore keeps the dict order of the config file, then new credentials profiles.
        return copy.deepcopy(result)


def _plain(settings: Settings) -> dict[str, Union[str, dict[str, str]]]:
    return {key: setting.value for key, setting in settings.items()}


def build_view(config: Optional[ParsedFile], credentials: Optional[ParsedFile]) -> View:
    """Map sections to profiles exactly as botocore does, then merge the two files."""
    view = View(config, credentials)
    if config is not None:
        tables = {"profile": view.profiles, "sso-session": view.sso_sessions, "services": view.services}
        for section_name, (headers, settings) in section_settings(config).items():
            mapped = profile_name_for_section(section_name)
            if mapped is None:
                view.other_sections[section_name] = (headers, settings)
                continue
            kind, name = mapped
            if name is None:
                continue  # botocore drops it silently
            table = tables[kind]
            block = table.get(name)
            if block is None:
                block = table[name] = Block(name, kind, config_file=config)
            # A later header mapping to the same name replaces the earlier one wholesale.
            block.config_sections.extend(headers)
            block.config_section = headers[0]
            block.config_values = settings
    if credentials is not None:
        for section_name, (headers, settings) in section_settings(credentials).items():
            block = view.profiles.get(section_name)
            if block is None:
                block = view.profiles[section_name] = Block(section_name, "profile")
            block.credentials_file = credentials
            block.credentials_section = headers[0]
            block.credentials_values = settings
    return view


def load_view(config_path: Optional[Path], credentials_path: Optional[Path]) -> View:
    """Read and parse the two files (a None or missing path is an absent file)."""

    def load(path: Optional[Path], role: str) -> Optional[ParsedFile]:
        if path is None or not Path(path).is_file():
            return None
        return parse(read_source(str(path), role, str(path)))

    return build_view(load(config_path, CONFIG), load(credentials_path, CREDENTIALS))


__all__ = ["PROFILE_PROVIDERS", "Block", "Setting", "View", "botocore_sources", "build_view", "load_view",
           "profile_name_for_section", "section_settings", "sub_chain_method", "yields_credentials"]
