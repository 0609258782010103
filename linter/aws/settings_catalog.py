"""Which keys are known settings, per kind of section, from ``rules/data/settings.yaml``.

A key is judged for the kind of section it is written in: profile sections (config profiles and
every credentials-file section), ``[sso-session]``, ``[services]`` (whose keys are service ids)
and the nested blocks (``s3 =``, ``emr =``, ``proxies_config =``, the service blocks of
``[services]``). Profile-level keys are compared lower-cased, as botocore stores them; nested
keys are case-sensitive (``_parse_nested`` keeps their case).
"""

from __future__ import annotations

import re
from awslint.standins.records import dataclass
from typing import Any, Optional

from awslint.distance import NameIndex, bounded_distance

# Kinds of section whose keys are checked, and the data list naming their settings.
KIND_LISTS = {
    "profile": "profile_settings",
    "sso-session": "sso_session_settings",
    "s3": "s3_settings",
    "emr": "emr_settings",
    "proxies_config": "proxies_config_settings",
    "service-block": "service_block_settings",
    "service-profile-block": "service_profile_block_settings",
}


@dataclass(frozen=True)
class KeyInfo:
    """What a key is for its kind of section."""

    status: str  # known, alias, dead, tool, allowed, unknown (a typo or misplaced), unlisted (newer than the data?)
    suggestion: Optional[str] = None  # nearest known key (unknown and unlisted keys)
    suggestion_unique: bool = False  # a likely typo of it, and of nothing else (the fix renames only then)
    tool: Optional[str] = None  # the helper tool that writes it
    alias_of: Optional[str] = None  # the current name of a legacy alias
    replacement: Optional[str] = None  # the name that works, for a dead name
    note: Optional[str] = None


def _keys(items: Any) -> list[str]:
    """Key names from a list of ``{key: …}`` mappings or plain strings."""
    names = []
    for item in items or []:
        if isinstance(item, dict) and "key" in item:
            names.append(str(item["key"]))
        elif isinstance(item, str):
            names.append(item)
    return names


class SettingsCatalog:
    """Known keys per kind of section; built once per run from the rule data."""

    def __init__(self, data: dict[str, list[Any]]) -> None:
        self.known = {kind: set(_keys(data.get(name))) for kind, name in KIND_LISTS.items()}
        self.known["services"] = {str(s) for s in data.get("service_ids", [])}
        self.nested_blocks = set(_keys(data.get("nested_blocks")))
        # botocore reads `<endpoint prefix> =` nested blocks of a profile (signature_version).
        self.endpoint_prefixes = {str(s) for s in data.get("endpoint_prefixes", [])}
        self.aliases = {str(i["key"]): i for i in data.get("legacy_key_aliases", []) if isinstance(i, dict)}
        self.dead = {str(i["key"]): i for i in data.get("dead_keys", []) if isinstance(i, dict)}
        self.tools = {str(i["key"]): str(i.get("tool", "")) for i in data.get("tool_keys", []) if isinstance(i, dict)}
        self.tool_patterns = [
            (re.compile(str(i["pattern"])), str(i.get("tool", "")))
            for i in data.get("tool_key_patterns", [])
            if isinstance(i, dict) and "pattern" in i
        ]
        self.generators = {
            str(i["key"]): str(i.get("tool", "")) for i in data.get("generator_keys", []) if isinstance(i, dict)
        }
        self.allowed = {str(k).lower() for k in data.get("allowed_keys", []) or []}
        # Where the lists come from ("botocore 1.44.18"), named when a key is not in them.
        self.source = ", ".join(str(s) for s in data.get("reference_source", [])) or "awslint's data"
        self._cache: dict[tuple[str, str], KeyInfo] = {}
        self._indexes: dict[str, NameIndex] = {}  # per kind, for did-you-mean (built on first use)
        # Every AWS setting name of any kind (not service ids): a line that starts with one is
        # meant as a setting, whatever block it landed in.
        self.all_setting_names = set().union(*(self.known[k] for k in KIND_LISTS)) | set(self.aliases)

    def is_setting(self, kind: str, key: str) -> bool:
        """True for a documented AWS setting of that kind (not a tool key or alias)."""
        return key in self.known.get(kind, ())

    def tool_of(self, key: str) -> Optional[str]:
        """The helper tool that writes ``key`` (a key of its own, not an AWS setting), or None."""
        tool = self.tools.get(key)
        if tool is None:
            tool = next((t for pattern, t in self.tool_patterns if pattern.fullmatch(key)), None)
        return tool

    def classify(self, kind: str, key: str) -> KeyInfo:
        """Judge ``key`` written in a section (or nested block) of ``kind``."""
        slot = (kind, key)
        info = self._cache.get(slot)
        if info is None:
            info = self._cache[slot] = self._classify(kind, key)
        return info

    def _classify(self, kind: str, key: str) -> KeyInfo:
        known = self.known.get(kind)
        if known is None or kind == "api_versions":
            return KeyInfo("known")  # free-form sections ([plugins], [preview], api_versions)
        if key in known:
            return KeyInfo("known")
        if key.lower() in self.allowed:
            return KeyInfo("allowed")
        if kind == "profile":
            alias = self.aliases.get(key)
            if alias is not None:
                return KeyInfo("alias", alias_of=str(alias.get("alias_of")), note=_note(alias))
            dead = self.dead.get(key)
            if dead is not None:
                return KeyInfo("dead", replacement=str(dead.get("use")), note=_note(dead))
        if kind in ("profile", "sso-session"):
            tool = self.tool_of(key)
            if tool is not None:
                return KeyInfo("tool", tool=tool)
        typo, unique = typo_of(key, known, services=kind == "services")
        if typo is not None:
            return KeyInfo("unknown", suggestion=typo, suggestion_unique=unique)
        index = self._indexes.get(kind)
        if index is None:
            index = self._indexes[kind] = NameIndex(known)
        suggestion = index.nearest(key)
        shape = PLAUSIBLE_SERVICE if kind == "services" else PLAUSIBLE_SETTING
        if key.lower() in self.all_setting_names or not shape.fullmatch(key):
            # A setting of another kind of section (`region` in [sso-session]), or not a name's shape.
            return KeyInfo("unknown", suggestion=suggestion)
        return KeyInfo("unlisted", suggestion=suggestion)


# The shapes of the names botocore knows, which a new one shares: service ids are lower-case
# words joined by `_` (`payments`, `sagemaker_gateway_runtime`); settings added in the last years
# all have two words or more (`auth_scheme_preference`), so a lone word (`zzzz`) is no new setting.
PLAUSIBLE_SERVICE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
PLAUSIBLE_SETTING = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+")


def typo_of(word: str, known: Any, services: bool = False) -> tuple[Optional[str], bool]:
    """The known name ``word`` is most likely a typo of, and whether it is the only one that near.

    The boundary comes from the data (see tests/test_settings_catalog.py): distinct settings sit
    at least two edits apart (`csm_host`/`csm_port`), and distinct service ids sit one edit apart
    only by a letter at either end (`connect`/`qconnect`, `inspector`/`inspector2`) or when short
    (`ecr`/`ecs`). So a typo is a name equal but for case and separators, or one edit inside a
    name, or (settings of ten letters or more) two edits; anything farther may be a new name.
    """
    if len(word) > 100:
        return None, False
    lowered = word.lower()
    normal = lowered.replace("-", "_").replace(" ", "_")
    matches = [k for k in known if k.lower().replace("-", "_") == normal]
    if matches:
        return min(matches), len(matches) == 1
    best: list[tuple[int, str]] = []
    for name in known:
        candidate = name.lower()
        limit = 2 if not services and len(candidate) >= 10 else 1
        if abs(len(candidate) - len(lowered)) > limit:
            continue
        if services and (len(candidate) < 5 or candidate[0] != lowered[0] or candidate[-1] != lowered[-1]):
            continue
        distance = bounded_distance(lowered, candidate, limit)
        if distance <= limit:
            best.append((distance, name))
    if not best:
        return None, False
    best.sort()
    return best[0][1], len(best) == 1 or best[1][0] > best[0][0]


def _note(item: dict[str, Any]) -> Optional[str]:
    note = item.get("note")
    return None if note is None else " ".join(str(note).split())


def nested_kind(catalog: SettingsCatalog, section_kind: str, name: str) -> Optional[str]:
    """The kind of a legitimate nested block, or None when ``name =`` cannot hold one."""
    if section_kind == "services":
        return "service-block"
    if section_kind in ("profile", "defaults") and name in catalog.nested_blocks:
        return name
    if section_kind in ("profile", "defaults") and name in catalog.endpoint_prefixes:
        return "service-profile-block"
    return None


def is_quoted(value: str) -> bool:
    """The whole value is in one pair of matching quotes."""
    return len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"" and value[0] not in value[1:-1]
