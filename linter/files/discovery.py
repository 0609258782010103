"""Which files to lint: PATH arguments, standard input, the AWS_* variables, or ~/.aws.

A file's role comes from its name: ``credentials`` (also chezmoi's ``private_credentials``,
``credentials.tmpl``…) is a credentials file, anything else a config file. A file given alone
is paired with its sibling of the other kind, read as context so cross-file rules work, but
only files the user named (directly or through a folder) are reported on. A folder that holds
AWS files itself (``~/.aws``) is read as that pair; any other folder is walked (walk.py) for
paths matching ``walk.FILES_PATTERN`` (the pre-commit hook's own pattern), each folder's files
paired. ``-`` is standard input, typed and named by ``--stdin-filename``.
"""

from __future__ import annotations

import os
import stat
from awslint.standins.records import dataclass
from typing import Mapping, Optional

from awslint.errors import UsageError
from awslint.files.source import CONFIG, CREDENTIALS

# chezmoi source-state attributes of a regular file whose contents are the target's contents
# (https://www.chezmoi.io/reference/source-state-attributes/), accepted in any order. Left out on
# purpose, so such names are not AWS files: ``encrypted_`` (ciphertext), ``modify_`` (a script
# that edits the target), ``symlink_`` (contents are a link target), ``run_`` (a script) and
# ``remove_`` (the target is deleted). ``literal_`` ends the prefixes: what follows is the name.
_CHEZMOI_PREFIXES = ("create_", "private_", "readonly_", "empty_", "executable_")
_CHEZMOI_LITERAL = "literal_"
_TEMPLATE_SUFFIXES = (".tmpl",)

@dataclass
class FileRef:
    fs_path: str  # where to read it
    display: str  # how to show it
    role: str
    reported: bool = True
    data: Optional[bytes] = None  # the contents, when read from standard input (fs_path is "-")


@dataclass
class Layout:
    """One config file and one credentials file that botocore would read together."""

    config: Optional[FileRef] = None
    credentials: Optional[FileRef] = None

    @property
    def files(self) -> list[FileRef]:
        return [f for f in (self.config, self.credentials) if f is not None]


def base_name(name: str) -> str:
    """``private_credentials.tmpl`` → ``credentials``; ``dot_aws`` stays as it is."""
    for suffix in _TEMPLATE_SUFFIXES:
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    changed = True
    while changed:
        changed = False
        if name.startswith(_CHEZMOI_LITERAL) and len(name) > len(_CHEZMOI_LITERAL):
            return name[len(_CHEZMOI_LITERAL) :]
        for prefix in _CHEZMOI_PREFIXES:
            if name.startswith(prefix) and len(name) > len(prefix):
                name = name[len(prefix) :]
                changed = True
    return name


def role_of(path: str) -> str:
    return CREDENTIALS if base_name(os.path.basename(path)) == CREDENTIALS else CONFIG


def _is_regular(path: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _siblings(folder: str, role: str) -> list[str]:
    """Names in ``folder`` that are AWS files of ``role`` (exact name first)."""
    try:
        names = sorted(os.listdir(folder or "."))
    except OSError:
        return []
    exact = [n for n in names if n == role]
    others = [n for n in names if n != role and base_name(n) == role]
    return exact + others


@dataclass
class Discovery:
    layouts: list[Layout]
    notices: list[str]  # files skipped, said on stderr as warnings


STDIN = "-"


def discover(
    paths: list[str],
    environ: Mapping[str, str],
    stdin: Optional[bytes] = None,
    stdin_filename: Optional[str] = None,
) -> Discovery:
    """Turn the command line (or the environment) into layouts to lint.

    ``-`` stands for ``stdin`` (the bytes read from standard input), shown and typed as
    ``stdin_filename`` when given."""
    notices: list[str] = []
    if not paths:
        return Discovery(_default_layouts(environ, notices), notices)
    layouts: list[Layout] = []
    singles: dict[tuple[str, str], FileRef] = {}  # (folder, role) -> file given by name
    seen_files: set[str] = set()
    for given in paths:
        if given == STDIN and stdin is not None:
            if STDIN in seen_files:
                continue
            seen_files.add(STDIN)
            name = stdin_filename or STDIN
            ref = FileRef(STDIN, name, role_of(stdin_filename) if stdin_filename else CONFIG, data=stdin)
            if stdin_filename:
                singles.setdefault((os.path.dirname(os.path.abspath(stdin_filename)), ref.role), ref)
            else:
                layouts.append(Layout(**{ref.role: ref}))
            continue
        if not os.path.lexists(given):
            raise UsageError(f"{given}: no such file or directory")
        if os.path.isdir(given):
            if _holds_aws_files(given):  # ~/.aws, dot_aws/ …: that folder's own files, as always
                layouts.extend(_folder_layouts(given, [os.path.join(given, n) for n in _aws_names(given)], notices))
                continue
            from awslint.files.walk import walk  # only here: ~/.aws never pays for the walk

            files = walk(given, environ, notices.append)
            if not files:
                notices.append(f"{given}: no AWS config or credentials file in this folder or below it (looked for config and credentials in .aws, aws and dot_aws folders)")
            by_folder: dict[str, list[str]] = {}
            for path in files:
                by_folder.setdefault(os.path.dirname(path), []).append(path)
            for folder, found in by_folder.items():
                layouts.extend(_folder_layouts(folder, found, notices))
            continue
        if not _is_regular(given):
            if os.path.exists(given):
                notices.append(f"{given}: not a regular file, skipped")
                continue
            raise UsageError(f"{given}: cannot read (broken symbolic link?)")
        real = os.path.realpath(given)
        if real in seen_files:
            continue  # the same file named twice (or under two spellings)
        seen_files.add(real)
        role = role_of(given)
        key = (os.path.dirname(os.path.abspath(given)), role)
        if key in singles:
            layouts.append(Layout(**{role: FileRef(given, given, role)}))
            continue
        singles[key] = FileRef(given, given, role)
    # Pair files given by name with each other, else with their sibling on disk (as context).
    folders = list(dict.fromkeys(folder for folder, _ in singles))  # in the order given
    for folder in folders:
        layout = Layout(config=singles.get((folder, CONFIG)), credentials=singles.get((folder, CREDENTIALS)))
        for role in (CONFIG, CREDENTIALS):
            if getattr(layout, role) is None:
                named = layout.config or layout.credentials
                assert named is not None
                sibling = _pick_sibling(named, role)
                if sibling is not None:
                    setattr(layout, role, sibling)
        layouts.append(layout)
    return Discovery(_dedupe(layouts), notices)


def _aws_names(folder: str) -> list[str]:
    """Names in ``folder`` read as AWS files of either kind (sub-folders left out)."""
    try:
        names = os.listdir(folder or ".")
    except OSError:
        return []
    return [n for n in names if base_name(n) in (CONFIG, CREDENTIALS) and not os.path.isdir(os.path.join(folder, n))]


def _holds_aws_files(folder: str) -> bool:
    """A folder that itself holds ``config``/``credentials`` (``~/.aws``) is read as before;
    any other folder is walked."""
    return bool(_aws_names(folder))


def _folder_layouts(folder: str, paths: list[str], notices: list[str]) -> list[Layout]:
    """The files of one folder, paired config with credentials: plain with plain and template
    with template first (exact names first), then what is left of either kind with each other
    (``config.tmpl`` with ``private_credentials``); a file left without a partner is linted alone."""
    by_role: dict[str, list[str]] = {CONFIG: [], CREDENTIALS: []}
    for path in paths:
        if _is_regular(path):
            by_role[role_of(path)].append(path)
        elif not os.path.isdir(path):
            notices.append(f"{path}: not a regular file, skipped")
    for role, found in by_role.items():
        found.sort(key=lambda p, r=role: (os.path.basename(p) != r, p))  # type: ignore[misc]
    pairs: list[tuple[Optional[str], Optional[str]]] = []
    left: dict[str, list[str]] = {CONFIG: [], CREDENTIALS: []}
    for template in (False, True):
        configs = [p for p in by_role[CONFIG] if p.endswith(_TEMPLATE_SUFFIXES) is template]
        credentials = [p for p in by_role[CREDENTIALS] if p.endswith(_TEMPLATE_SUFFIXES) is template]
        count = min(len(configs), len(credentials))
        pairs.extend(zip(configs[:count], credentials[:count]))
        left[CONFIG] += configs[count:]
        left[CREDENTIALS] += credentials[count:]
    for index in range(max(len(left[CONFIG]), len(left[CREDENTIALS]))):
        pairs.append(tuple(left[role][index] if index < len(left[role]) else None for role in (CONFIG, CREDENTIALS)))  # type: ignore[arg-type]
    layouts = [
        Layout(*(None if path is None else FileRef(path, path, role) for path, role in zip(pair, (CONFIG, CREDENTIALS))))
        for pair in pairs
    ]
    if not layouts:
        notices.append(f"{folder}: no AWS config or credentials file in this folder")
    return layouts


def _pick_sibling(given: FileRef, role: str) -> Optional[FileRef]:
    folder = os.path.dirname(given.display)
    template = given.display.endswith(_TEMPLATE_SUFFIXES)
    names = _siblings(folder, role)
    # Prefer a sibling of the same kind (template with template, plain with plain).
    names.sort(key=lambda n: (n.endswith(_TEMPLATE_SUFFIXES) != template,))
    for name in names:
        path = os.path.join(folder, name)
        if _is_regular(path):
            return FileRef(path, path, role, reported=False)
    return None


def _dedupe(layouts: list[Layout]) -> list[Layout]:
    """A file reported in one layout is not also reported in another."""
    seen: set[str] = set()
    for layout in layouts:
        for ref in layout.files:
            real = os.path.realpath(ref.fs_path)
            if ref.reported and real in seen:
                ref.reported = False
            if ref.reported:
                seen.add(real)
    return layouts


def _default_layouts(environ: Mapping[str, str], notices: list[str]) -> list[Layout]:
    """botocore's own choice: AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, else ~/.aws."""
    layout = Layout()
    for role, variable, default in (
        (CONFIG, "AWS_CONFIG_FILE", "~/.aws/config"),
        (CREDENTIALS, "AWS_SHARED_CREDENTIALS_FILE", "~/.aws/credentials"),
    ):
        # Set but empty means "no file" to botocore, not the default.
        raw = environ[variable] if variable in environ else default
        path = os.path.expanduser(os.path.expandvars(raw))
        if not path or not os.path.lexists(path):
            continue  # a missing default file is not an error (botocore treats it as empty)
        if not _is_regular(path):
            notices.append(f"{path}: not a regular file, skipped")
            continue
        setattr(layout, role, FileRef(path, path, role))
    if not layout.files:
        notices.append("no AWS config or credentials file found (looked at AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE and ~/.aws)")
        return []
    return [layout]

