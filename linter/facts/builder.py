"""Derived facts: computed once per run from the botocore view, read by the YAML rules.

Every fact a rule may name is declared beside the code that computes it (``facts.registry``), here
for the facts of the subjects themselves; the rule loader rejects any other name. Resolution follows ``botocore/credentials.py`` and
``botocore/args.py`` (STS endpoints):

* credential sources, in botocore's order: ``assume-role`` (``role_arn`` without
  ``web_identity_token_file``), ``assume-role-with-web-identity``, ``sso`` (``sso_account_id`` or
  ``sso_role_name``), ``shared-credentials-file`` (``aws_access_key_id`` in the credentials
  file's section of that exact name), ``login`` (``login_session``), ``custom-process``
  (``credential_process``), ``config-file`` (``aws_access_key_id`` in the config-file profile).
  The first present one is what botocore uses.
* the source chain of a role follows ``source_profile`` until a profile that has static keys
  or no ``role_arn``; that profile is resolved through the provider sub-chain above.
"""

from __future__ import annotations

import bisect
from itertools import islice
import re
from awslint.standins.records import replace
from typing import TYPE_CHECKING, Any, Callable, Iterator, Mapping, Optional
from urllib.parse import urlsplit

from awslint.aws.key_material import key_kind, token_origin_region
from awslint.credential_keys import KEY_ID, SECRET, TOKEN_KEYS
from awslint.facts.credentials import template_value
from awslint.aws.endpoints import configured_sts_endpoint, first_non_aws_host
from awslint.facts.environment import environment_subjects
from awslint.redaction import is_secret_key, looks_like_credential, mask
from awslint.aws.model import Block, View
from awslint.aws.model import assumes_role as _assumes_role
from awslint.aws.model import has_static_keys as _has_static
from awslint.aws.model import botocore_sources, sub_chain_method
from awslint.facts.options import file_facts
from awslint.syntax.parse import OptionNode, ParsedFile, ParseIssue, SectionNode
from awslint.facts.registry import VALUE, WHOLE_SECTION, Fact, Provider, provides, providers
from awslint.facts.references import References
from awslint.aws.regions import Regions
from awslint.aws.setting_values import SettingValues
from awslint.aws.settings_catalog import SettingsCatalog
from awslint.facts.subjects import Location, Subject
# The modules whose providers the builder calls through the registry only: imported to declare them.
from awslint.facts import keys, tools  # noqa: F401

if TYPE_CHECKING:
    from awslint.aws.chains import ChainIndex

GLOBAL_STS_HOST = "sts.amazonaws.com"


class OptionReads:
    """What the option providers declare they read (``registry.Provider``), merged: the keys of
    the option groups and of the per-view memo come from here."""

    def __init__(self, declared: list[Provider]) -> None:
        self.section: dict[str, list[Any]] = {}  # option name -> digests of its section (None: all of it)
        for provider in declared:
            for name, digest in provider.reads_section.items():
                self.section.setdefault(name, []).append(digest)
        #: Keys whose options are grouped with no other: a fact reads their whole section.
        self.alone = frozenset(name for name, digests in self.section.items() if WHOLE_SECTION in digests)
        self.value_keys = [p.value_keys for p in declared if p.value_keys is not None]
        # Each function once (several providers read `looks_like_credential`): values are many.
        self.every_shape = tuple(dict.fromkeys(f for p in declared for f in p.value_shapes.get("*", ())))
        self.shapes: dict[str, tuple[Any, ...]] = {}
        for provider in declared:
            for name, shapes in provider.value_shapes.items():
                if name != "*":
                    self.shapes[name] = tuple(dict.fromkeys(self.shapes.get(name, ()) + shapes))
        #: Option facts holding text of the option's value: null for a secret option.
        self.blank_values: dict[str, Any] = {
            fact.name: None for provider in declared for fact in provider.facts if fact.secrecy == VALUE
        }


def _others(declared: list[Provider]) -> tuple[Callable[..., Any], ...]:
    """The providers the builder calls once it has computed the subject's own facts."""
    return tuple(provider.function for provider in declared if not provider.subject)


def _variant(subject: Subject, overlay: dict[str, Any], where: str, location: Location) -> Subject:
    """A copy of ``subject`` with some facts replaced and ``at: where`` pointing at ``location``."""
    base = subject.locate

    def locate(name: str) -> Optional[Location]:
        return location if name == where else base(name)

    return replace(subject, facts={**subject.facts, **overlay}, locate=locate, variants={})


def _one_line(option: OptionNode) -> bool:
    """The value has one line of text (blank lines before the next section belong to the last
    option but add nothing: configparser drops them)."""
    lines = option.value_lines
    return len(lines) <= 1 or not any(part.text for part in lines[1:])


class OptionGroup:
    """Options whose facts are all equal but for ``MEMBER_FACTS``: a check that reads none of
    those is evaluated on ``subject`` alone and holds for every member or for none."""

    __slots__ = ("subject", "others", "_build", "_members")

    def __init__(self, subject: Subject, build: Callable[..., Subject]) -> None:
        self.subject = subject
        self.others: list[tuple[ParsedFile, SectionNode, OptionNode, Optional[str]]] = []
        self._build = build
        self._members: Optional[list[Subject]] = None

    @property
    def size(self) -> int:
        return 1 + len(self.others)

    def members(self) -> list[Subject]:
        """Every member's own subject, in file order (built on first use)."""
        if self._members is None:
            build = self._build
            self._members = [self.subject] + [build(*member) for member in self.others]
        return self._members


class Placeholders:
    """Documented example credentials and obvious fakes, from the rule data."""

    def __init__(self, data: dict[str, list[Any]]) -> None:
        self.key_ids = {str(v).lower() for v in data.get("placeholder_key_ids", [])}
        self.secrets = {str(v).lower() for v in data.get("placeholder_secrets", [])}
        patterns = data.get("placeholder_patterns", [])
        self.pattern: Any = None
        self._joined = "|".join(f"(?:{p})" for p in patterns)
        self._multiline: Any = None
        if patterns:
            # On one line `re` is linear with these patterns (tests/test_linear_time.py) and six
            # times faster; on a multi-line value '.*EXAMPLE.*' and '\{\{.*\}\}' are quadratic
            # there ("." stops at each newline and every split is retried): the linear engine,
            # compiled on the first such value.
            self.pattern = re.compile(self._joined, re.IGNORECASE)

    def _matches(self, value: Optional[str], known: set[str]) -> bool:
        if value is None:
            return False
        value = value.strip()
        if value.lower() in known:
            return True
        if self.pattern is None:
            return False
        if "\n" in value or "\r" in value:
            if self._multiline is None:
                from awslint.standins.linear_regex import compile_pattern

                self._multiline = compile_pattern(rf"(?i)\A(?:{self._joined})\Z")
            return bool(self._multiline.search(value))
        return self.pattern.fullmatch(value) is not None

    def pair(self, key_id: Optional[str], secret: Optional[str]) -> bool:
        """True when the key id or the secret is an example or an obvious fake."""
        return self._matches(key_id, self.key_ids) or self._matches(secret, self.secrets)


# botocore's provider order lives in model.py (botocore_sources), once.
_sources = botocore_sources
_sub_chain_method = sub_chain_method


def builder_for(view: View, data: dict[str, list[Any]], environ: Optional[Mapping[str, str]] = None) -> FactBuilder:
    """The view's FactBuilder for these rule data and environment, made on first use.

    It lives as long as the view: the second rule pass of a lint (suppression hygiene) reuses it,
    and the ``awslint`` command, which exits without freeing its objects (``cli.run``), does not
    pay for freeing a large config's references, chains and option groups either (~60 ms at
    10,000 profiles).
    """
    for known_data, known_environ, builder in view.builders:
        if known_data is data and known_environ is environ:
            return builder
    builder = FactBuilder(view, data, environ)
    view.builders.append((data, environ, builder))
    return builder


class FactBuilder:
    """Builds the subjects of every scope for one view."""

    def __init__(self, view: View, data: dict[str, list[Any]], environ: Optional[Mapping[str, str]] = None) -> None:
        self.view = view
        self.data = data
        self.environ = environ  # the process environment with --env, else None
        self.placeholders = Placeholders(data)
        self.regions = Regions(data)
        self.setting_values = SettingValues(data)
        self.iam_prefixes = {
            str(e["prefix"]).upper(): str(e.get("entity", "an IAM identifier"))
            for e in data.get("iam_id_prefixes", []) if isinstance(e, dict) and e.get("prefix")
        }
        # Config-file header -> botocore profile name, built once (sections are many).
        self._profile_of_section = {
            id(section): block.name for block in view.profiles.values() for section in block.config_sections
        }
        self.aws_dns_suffixes = [str(s).lower() for s in data.get("aws_dns_suffixes", [])]
        self._per_view: dict[str, Any] = {}  # see per_view
        self._non_aws_endpoint: dict[int, Optional[str]] = {}  # per profile: read by several facts
        self._references: Optional[References] = None
        self._chains: Optional[ChainIndex] = None
        self._catalogue_memo: dict[tuple[Any, ...], dict[str, Any]] = {}  # see _option_subject
        # The declared providers, read per builder: a fact module imported late (a test's) counts.
        declared = providers("option")
        self._reads = OptionReads(declared)
        self._option_providers = _others(declared)
        self._section_providers = _others(providers("section"))
        self._profile_providers = _others(providers("profile"))
        self._resolver: Any = None  # resolve.Resolver, built for the first rule that names other tools

    def per_view(self, name: str, make: Callable[[], Any]) -> Any:
        """A value the fact providers compute once per view (a table from the data, a cache keyed
        by section or profile): ``make()`` on first use, then the same object."""
        try:
            return self._per_view[name]
        except KeyError:
            value = self._per_view[name] = make()
            return value

    def profile_of_section(self, section: SectionNode) -> Optional[str]:
        """The profile a config-file header belongs to, as botocore names it, or None."""
        return self._profile_of_section.get(id(section))

    def section_block(self, file_role: str, section: SectionNode) -> Optional[Block]:
        """The merged profile a section belongs to (credentials sections by name)."""
        name = section.name if file_role == "credentials" else self._profile_of_section.get(id(section))
        return None if name is None else self.view.profiles.get(name)

    def non_aws_endpoint(self, block: Optional[Block]) -> Optional[str]:
        """The first host outside AWS among the profile's endpoints (endpoints.first_non_aws_host), once per profile."""
        if block is None:
            return None
        key = id(block)
        if key not in self._non_aws_endpoint:
            self._non_aws_endpoint[key] = first_non_aws_host(self.view, block, self.aws_dns_suffixes)
        return self._non_aws_endpoint[key]

    def resolution(self, name: str) -> Any:
        """``awslint explain``'s answer for profile ``name`` (resolve.Resolution): rules that say
        what a tool does read the same per-tool answers explain prints."""
        if self._resolver is None:
            from awslint.aws.resolve import Environment, Resolver

            env = Environment(dict(self.environ or {}), enabled=self.environ is not None)
            self._resolver = Resolver(self.view, env, self.data)
        return self._resolver.resolve(name)

    def _is_profile_section(self, f: ParsedFile, section: SectionNode) -> bool:
        return f.role == "credentials" or id(section) in self._profile_of_section

    @property
    def chains(self) -> ChainIndex:
        """Every profile's source_profile chain, computed together on first use."""
        if self._chains is None:
            from awslint.aws.chains import ChainIndex

            self._chains = ChainIndex(self.view, {
                # botocore assumes each role of a chain with its own mfa_serial; a source that gives
                # its credentials directly (static keys first) assumes nothing and uses none.
                "mfa": lambda b: "mfa_serial" in b.settings and _assumes_role(b) and not _has_static(b),
                "sts_legacy": lambda b: b.value("sts_regional_endpoints") == "legacy",
            }, _sub_chain_method, self.references.graph)  # the walk AWS106's loops come from
        return self._chains

    @property
    def references(self) -> References:
        """Headers, the source_profile graph and known keys: built on first use, once per view."""
        if self._references is None:
            self._references = References(self.view, SettingsCatalog(self.data))
        return self._references

    # -- locations -------------------------------------------------------------------------

    @staticmethod
    def _section_location(file: ParsedFile, section: SectionNode) -> Location:
        return Location(file, section.line, section.column, section.line, section.end_column, section.name)

    def _block_locator(self, block: Block) -> Callable[[str], Optional[Location]]:
        def locate(where: str) -> Optional[Location]:
            kind, _, arg = where.partition(":")
            if kind == "section":
                file, section = block.anchor
                return None if file is None or section is None else self._section_location(file, section)
            name, _, which = arg.partition("@")
            values = {
                "": block.settings,
                "config": block.config_values,
                "credentials": block.credentials_values,
            }.get(which, {})
            setting = values.get(name)
            if setting is None:
                return None
            option = setting.option
            where_section = option.section.name
            if kind == "value":
                end = option.value_column + len(option.value_lines[0].text)
                return Location(setting.file, option.line, option.value_column, option.line, end, where_section)
            return Location(setting.file, option.line, option.column, option.line, option.key_end_column, where_section)

        return locate

    # -- scopes ----------------------------------------------------------------------------

    def subjects(self, scope: str) -> list[Subject]:
        return getattr(self, f"_{scope}_subjects")()

    def iter_subjects(self, scope: str, batch: int = 1024) -> Iterator[list[Subject]]:
        """The subjects of ``scope`` in order, ``batch`` at a time where they can be built so
        (profiles), else all at once."""
        if scope != "profile":
            yield self.subjects(scope)
            return
        blocks = list(self.view.profiles.values())
        for start in range(0, len(blocks), batch):
            built = (self._profile_subject(block) for block in blocks[start : start + batch])
            yield [subject for subject in built if subject is not None]

    def _suppression_subjects(self) -> list[Subject]:
        return []  # built by awslint.report.suppressions once the other rules have run

    def _environment_subjects(self) -> list[Subject]:
        return environment_subjects(self, self.environ)

    @provides(
        "file",
        Fact("role", "`config` or `credentials`", public=True),
        Fact("path", "the file's path as shown", public=True),
        Fact("botocore_readable", "true when botocore can load the file at all", public=True),
        subject=True,
    )
    def _file_subjects(self) -> list[Subject]:
        result = []
        for f in self.view.files:
            facts: dict[str, Any] = {"role": f.role, "path": f.path, "botocore_readable": f.botocore_error is None}
            extra, secret = file_facts(self, f)
            facts.update(extra)
            locations = {}
            if secret is not None:
                locations["secret"] = Location(f, secret.line, secret.column, secret.line, secret.key_end_column, secret.section.name)
            result.append(Subject("file", facts, Location(f, 1, 1, 1, 1), locate=locations.get))
        return result

    def _parse_issue_subjects(self) -> list[Subject]:
        result = []
        for f in self.view.files:
            starts = [section.line for section in f.sections]
            for issue in f.issues:
                # The section a line belongs to: the last header at or above it.
                index = bisect.bisect_right(starts, issue.line) - 1
                section = f.sections[index] if index >= 0 else None
                result.append(self._issue_subject(f, issue, section))
        return result

    @provides(
        "parse_issue",
        Fact(
            "kind",
            "`before-section`, `bad-header`, `empty-key`, `missing-delimiter`, `duplicate-section`, "
            "`duplicate-key`, `nested-missing-equals`, `bom`, `invalid-utf8`, `non-ascii`, `not-ini` (binary, or "
            "no header at all: the file's only issue) or `encrypted` (ciphertext: the file's only issue, nothing "
            "else is read)",
            public=True,
        ),
        Fact("message", "what is wrong with the line", public=True),
        Fact("fatal", "true when botocore refuses the whole file because of it", public=True),
        Fact("file_role", "`config` or `credentials`", public=True),
        subject=True,
    )
    def _issue_subject(self, f: ParsedFile, issue: ParseIssue, section: Optional[SectionNode]) -> Subject:
        facts = {"kind": issue.kind, "message": issue.message, "fatal": issue.fatal, "file_role": f.role}
        end = issue.end_column or issue.column + 1
        name = None if section is None else section.name
        profile = None if section is None else self._section_profile_name(f, section)
        location = Location(f, issue.line, issue.column, issue.line, end, name)
        return Subject("parse_issue", facts, location, profile=profile, section=name, node=issue)

    def _section_profile_name(self, f: ParsedFile, section: SectionNode) -> Optional[str]:
        if f.role == "credentials":
            return section.name
        return self._profile_of_section.get(id(section))

    @provides(
        "section",
        Fact("name", "the text between `[` and the last `]`", public=True),
        Fact("file_role", "`config` or `credentials`", public=True),
        Fact("duplicate", "true when the same header already appeared in this file", public=True),
        Fact("first_line", "line of the first header with this name (for duplicates)", public=True),
        Fact("profile", "the profile name botocore gives this section, or null", public=True),
        subject=True,
    )
    def _section_subjects(self) -> list[Subject]:
        result: list[Subject] = []
        append = result.append
        others = self._section_providers
        profile_name = self._section_profile_name
        locate = self._section_location
        for f in self.view.files:
            role = f.role
            for section in f.sections:
                first = section.duplicate_of
                name = section.name
                profile = profile_name(f, section)
                facts = {
                    "name": name,
                    "file_role": role,
                    "duplicate": first is not None,
                    "first_line": first.line if first is not None else None,
                    "profile": profile,
                }
                for provide in others:
                    provide(self, f, section, facts)
                append(Subject("section", facts, locate(f, section), profile=profile, section=name, node=section))
        return result

    def _option_subjects(self) -> list[Subject]:
        result = []
        for f in self.view.files:
            for section in f.sections:
                profile = self._section_profile_name(f, section)
                for option in section.options:
                    result.append(self._option_subject(f, section, option, profile))
        return result

    def option_groups(self) -> list[OptionGroup]:
        """The option subjects, one per group of options whose facts are all equal but for
        ``MEMBER_FACTS``.

        The group key comes from what the option providers declare they read (``OptionReads``):
        a one-line option's facts follow from its file, kind of section, key and delimiter; from
        its value text for the keys whose facts read it (``value_keys``) and for a line with a
        comment (the builder's comment facts), else from the value only through the declared
        ``value_shapes``; and from the digest of its section a provider declares
        (``reads_section``). A key whose facts read the whole section, duplicates (their first
        occurrence), multi-line values and nested blocks (extra locations) and ``key: value``
        lines (the line above) are each a group of their own.
        """
        groups: list[OptionGroup] = []
        by_key: dict[Any, OptionGroup] = {}
        reads = self._reads
        value_keyed = {name for keys_of in reads.value_keys for name in keys_of(self)}
        alone, every_shape = reads.alone, reads.every_shape
        # Per key with a declaration beyond the common case: (value read, section digests, own
        # shapes); other keys (most options) cost no lookup.
        special = {
            name: (name in value_keyed, reads.section.get(name), reads.shapes.get(name))
            for name in value_keyed | set(reads.section) | set(reads.shapes)
        }
        shapes: dict[str, tuple[Any, ...]] = {}  # values repeat: judge each once
        refs = self.references
        build = self._option_subject
        for f in self.view.files:
            role = f.role
            for section in f.sections:
                profile = self._section_profile_name(f, section)
                kind = refs.header(section).kind
                is_profile = self._is_profile_section(f, section)
                for option in section.options:
                    name = option.name
                    lines = option.value_lines
                    if (
                        option.nested is not None
                        or option.duplicate_of is not None
                        or name in alone
                        or not _one_line(option)
                        or option.delimiter == ":"
                    ):
                        groups.append(OptionGroup(build(f, section, option, profile), build))
                        continue
                    value = option.value
                    line = lines[0].text if lines else None
                    keyed, digests, own = special[name] if name in special else (False, None, None)
                    digest = None if digests is None else tuple([read(self, f, section) for read in digests])
                    if keyed or (line and ("#" in line or ";" in line)):
                        key: tuple[Any, ...] = (role, kind, is_profile, option.key, option.delimiter, value, line, digest)
                    else:
                        shape = shapes.get(value)
                        if shape is None:
                            shape = shapes[value] = tuple([read(value) for read in every_shape])
                        problem = None if own is None else tuple([read(value) for read in own])
                        key = (role, kind, is_profile, option.key, option.delimiter, shape, problem, digest)
                    group = by_key.get(key)
                    if group is not None:
                        group.others.append((f, section, option, profile))
                    else:
                        group = by_key[key] = OptionGroup(build(f, section, option, profile), build)
                        groups.append(group)
        return groups

    @provides(
        "option",
        Fact("key", "the key as written", public=True),
        Fact("name", "the key lower-cased, as botocore stores it", public=True),
        Fact("section", "the section header text", public=True, member=True),
        Fact("file_role", "`config` or `credentials`", public=True),
        Fact(
            "secret",
            "true for keys whose values are secrets (see Secrets: the key id and secret-looking names included) "
            "and for values shaped like key material",
            shape=True,
        ),
        Fact("duplicate", "true when the key already appeared in this section", public=True),
        Fact("first_line", "line of the first occurrence (for duplicates)", public=True),
        Fact("inline_comment", "true when a line of the value has `#` or `;` after whitespace", shape=True),
        Fact("comment_text", "the text from that `#`/`;` on (never for secret keys)", value=True),
        Fact("value_before_comment", "the value up to that comment (never for secret keys)", value=True),
        Fact("value", "the value botocore reads (never for secret keys: null)", value=True, member=True),
        # The value shows through `secret` (and the member facts); a line with a comment is keyed
        # by its text in option_groups.
        value_shapes={"*": looks_like_credential},
        subject=True,
    )
    def _option_subject(
        self, f: ParsedFile, section: SectionNode, option: OptionNode, profile: Optional[str]
    ) -> Subject:
        # A misspelt key (aws_secret_key) can still hold a secret: judge the name and the value's
        # shape too. The key id counts: rules only ever see it masked.
        secret = is_secret_key(option.name) or looks_like_credential(option.value)
        comment_line = next((p for p in option.value_lines if p.inline_comment_column), None)
        facts: dict[str, Any] = {
            "key": option.key,
            "name": option.name,
            "section": section.name,
            "file_role": f.role,
            "secret": secret,
            "duplicate": option.duplicate_of is not None,
            "first_line": option.duplicate_of.line if option.duplicate_of is not None else None,
            "inline_comment": comment_line is not None,
            "comment_text": None,
            "value_before_comment": None,
            "value": None if secret else option.value,
        }
        location = Location(f, option.line, option.column, option.line, option.key_end_column)
        locations = {"key": location}
        if comment_line is not None:
            start = comment_line.inline_comment_column or comment_line.column
            offset = start - comment_line.column
            if not secret:
                facts["comment_text"] = comment_line.text[offset:].strip()
                facts["value_before_comment"] = comment_line.text[:offset].rstrip()
            end = comment_line.column + len(comment_line.text)
            locations["comment"] = Location(f, comment_line.line, start, comment_line.line, end)
        if option.value_lines:
            first = option.value_lines[0]
            locations["value"] = Location(f, first.line, first.column, first.line, first.column + len(first.text))
        reads = self._reads
        # The other providers' facts of a one-line option depend only on these (a large config
        # repeats the same start URL, session, output… in every profile): computed once per view.
        # Not for keys whose facts read the section's other keys too (declared ``reads_section``:
        # key material's placeholder pair, a region's non-AWS endpoint).
        memo_key = None
        # Nor `key: value` lines, whose facts read the line above (wrapped_value_of).
        if option.nested is None and _one_line(option) and option.name not in reads.section and option.delimiter != ":":
            memo_key = (
                self.references.header(section).kind, self._is_profile_section(f, section),
                option.key, option.delimiter, option.value,
            )
            known = self._catalogue_memo.get(memo_key)
            if known is not None:
                facts.update(known)
                if secret:
                    facts.update(reads.blank_values)
                return Subject(
                    "option", facts, location,
                    locate=locations.get, profile=profile, section=section.name, key=option.name, node=option,
                )
        places: dict[str, Any] = {}
        own = len(facts)  # the facts above; the providers' follow them (dicts keep insertion order)
        for provide in self._option_providers:
            provide(self, f, section, option, facts, places)
        swallowed_all = places.pop("swallowed_all", [])
        for where, part in places.items():
            locations[where] = Location(f, part.line, part.column, part.line, part.column + len(part.text))
        if memo_key is not None and not places and not swallowed_all:
            self._catalogue_memo[memo_key] = dict(islice(facts.items(), own, None))
        if secret:  # the boundary: no text of a secret value reaches a rule, whatever computed it
            facts.update(reads.blank_values)
        subject = Subject(
            "option", facts, location,
            locate=locations.get, profile=profile, section=section.name, key=option.name, node=option,
        )
        if len(swallowed_all) > 1:
            subject.variants["swallowed"] = [
                _variant(subject, overlay, "swallowed", Location(f, p.line, p.column, p.line, p.column + len(p.text)))
                for overlay, p in swallowed_all
            ]
        return subject

    def _profile_subjects(self) -> list[Subject]:
        return [s for s in (self._profile_subject(b) for b in self.view.profiles.values()) if s is not None]

    def _profile_subject(self, block: Block) -> Optional[Subject]:
        file, section = block.anchor
        if file is None or section is None:
            return None
        facts = self.profile_facts(block)
        return Subject(
            "profile", facts, self._section_location(file, section),
            keys=block.settings.get, locate=self._block_locator(block),
            profile=block.name, section=section.name, node=block,
        )

    @provides(
        "profile",
        Fact("name", "the profile name as botocore sees it", public=True),
        Fact("in_config", "true when the config file defines the profile", public=True),
        Fact("in_credentials", "true when the credentials file has a section of that exact name", public=True),
        Fact("method", "the credential provider botocore uses (`assume-role`, `sso`, …), or null", public=True),
        Fact("sources", "all credential providers the profile triggers, in botocore's order", public=True),
        Fact("static_keys", "true when the merged profile has `aws_access_key_id`", shape=True),
        Fact(
            "static_pair",
            "true when the merged profile has both `aws_access_key_id` and `aws_secret_access_key` with values",
            shape=True,
        ),
        Fact("keys_in_credentials", "true when the credentials-file section has `aws_access_key_id`", shape=True),
        Fact("keys_in_config", "true when the config-file profile has `aws_access_key_id`", shape=True),
        Fact(
            "key_kind",
            "`long-term` (AKIA), `temporary` (ASIA), `placeholder`, `template` (rendered from a template), "
            "`other`, or null",
            shape=True,
        ),
        Fact("key_id", "the access key id, masked (`AKIA…WXYZ`), or `rendered from a template`", shape=True),
        Fact("placeholder_keys", "true when the static keys are documented examples or obvious fakes", shape=True),
        Fact(
            "templated_keys",
            "true when the key id or secret is a template expression in a `*.tmpl` file: a secret will be there "
            "once rendered (counted by rules on where secrets live, not by rules on their shape)",
            shape=True,
        ),
        Fact("session_token", "true when a session token is present", shape=True),
        Fact("token_origin_region", "the region a pasted session token names as its origin, or null", shape=True),
        Fact("role", "true when botocore assumes a role for this profile (`assume-role`)", public=True),
        Fact(
            "sts_credentials",
            "true when the credentials come from STS: a role with a source, or web identity",
            public=True,
        ),
        Fact("source_chain", "the profiles reached through `source_profile`, in order (the first 20)", public=True),
        Fact("source_chain_text", "the source chain as `a -> b -> c` (over 20 names: `… N more -> last`)", public=True),
        Fact("chain_end", "the profile whose credentials start the chain, or null", public=True),
        Fact("chain_end_method", "how that profile gets its credentials, or null", public=True),
        Fact("chain_error", "why the chain cannot resolve (loop, missing profile), or null", public=True),
        Fact(
            "chain_long_term_keys",
            "true when the chain starts from long-term static keys (not placeholders; keys a template renders, "
            "without a session token, count)",
            shape=True,
        ),
        Fact(
            "chain_mfa",
            "true when the profile, or a role it assumes on the way (a source profile that assumes a role), sets "
            "`mfa_serial`",
            public=True,
        ),
        Fact("region", "the effective region (merged `region`), or null", public=True),
        Fact("sts_regional_endpoints", "the merged `sts_regional_endpoints`, or null", public=True),
        Fact(
            "chain_sts_legacy",
            "true when the profile or its source chain sets `sts_regional_endpoints = legacy`",
            public=True,
        ),
        Fact("sts_endpoint", "the STS endpoint URL configured for the profile, or null", public=True),
        Fact("sts_endpoint_global", "true when that endpoint is the global `sts.amazonaws.com`", public=True),
        subject=True,
    )
    def profile_facts(self, block: Block) -> dict[str, Any]:
        """Every fact of one profile: its own here, then the other providers' in turn."""
        # Hot: 10,000 profiles in a generated config. Values come from the merged dict directly
        # (``settings[k].text`` is ``block.value(k)``: credentials-file keys win in both).
        settings = block.settings
        get = settings.get
        sources = _sources(block)
        key_setting = get(KEY_ID)
        key_id = None if key_setting is None else key_setting.text
        setting = get(SECRET)
        secret = None if setting is None else setting.text
        templated_keys = False
        if key_id is not None or secret is not None:
            templated_keys = template_value(key_setting) or template_value(setting)
        placeholder = False
        if (key_id is not None or secret is not None) and not templated_keys:
            placeholder = self.placeholders.pair(key_id, secret)
        kind = None if key_id is None else ("template" if templated_keys else "placeholder" if placeholder else key_kind(key_id))
        token = None
        for k in TOKEN_KEYS:
            if k in settings:
                # An empty token is no token: SigV4 sends none (botocore auth: `if credentials.token`).
                token = settings[k].text or None
                break
        # All chains at once (linear), not resolve_chain per profile (chain length squared).
        info = self.chains.info(block)
        chain = info
        end_block = self.view.profiles.get(chain.end) if chain.end else None
        chain_long_term = False
        if end_block is not None and chain.end_method in ("shared-credentials-file", "config-file"):
            # The provider reads the key pair from that one file, not from the merged view.
            values = end_block.credentials_values if chain.end_method == "shared-credentials-file" else end_block.config_values
            if template_value(values.get(KEY_ID)) and not any(k in values for k in TOKEN_KEYS):
                chain_long_term = True  # keys a template renders (a password manager's user keys)
            else:
                end_key, end_secret = (values[k].text if k in values else None for k in (KEY_ID, SECRET))
                chain_long_term = key_kind(end_key) == "long-term" and not self.placeholders.pair(end_key, end_secret)
        method = sources[0] if sources else None
        sts_endpoint = configured_sts_endpoint(self.view, block)
        region = get("region")
        regional = get("sts_regional_endpoints")
        flags = info.any_flags
        facts = {
            "name": block.name,
            "in_config": block.config_section is not None,
            "in_credentials": block.credentials_section is not None,
            "method": method,
            "sources": sources,
            "static_keys": key_id is not None,
            # The JS and Go SDKs take static keys only as a pair with values (js_sdk._static).
            "static_pair": bool(key_id and secret),
            "keys_in_credentials": KEY_ID in block.credentials_values,
            "keys_in_config": KEY_ID in block.config_values,
            "key_kind": kind,
            "key_id": None if key_id is None else ("rendered from a template" if templated_keys else mask(key_id)),
            "placeholder_keys": placeholder,
            "templated_keys": templated_keys,
            "session_token": token is not None,
            "token_origin_region": None if token is None else token_origin_region(token),
            "role": method == "assume-role",
            "sts_credentials": (method == "assume-role" and ("source_profile" in settings or "credential_source" in settings))
            or method == "assume-role-with-web-identity",
            "source_chain": info.profiles,  # a new list per info() call
            "source_chain_text": info.text,
            "chain_end": chain.end,
            "chain_end_method": chain.end_method,
            "chain_error": chain.error,
            "chain_long_term_keys": chain_long_term,
            "chain_mfa": "mfa_serial" in settings or flags["mfa"],
            "region": None if region is None else region.text,
            "sts_regional_endpoints": None if regional is None else regional.text,
            "chain_sts_legacy": flags["sts_legacy"],
            "sts_endpoint": sts_endpoint,
            "sts_endpoint_global": _is_global_sts(sts_endpoint) if sts_endpoint else False,
        }
        for provide in self._profile_providers:
            provide(self, block, facts)
        return facts


def _is_global_sts(url: Optional[str]) -> bool:
    if not url:
        return False
    try:
        host = urlsplit(url if "://" in url else f"https://{url}").hostname
    except ValueError:
        return False
    return host == GLOBAL_STS_HOST
