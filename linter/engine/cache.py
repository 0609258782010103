"""A cache of the validated built-in rule set, so a run does not re-read and re-validate YAML.

Loading and strictly validating the built-in packs is a third of a small run's time. The
validated ``RuleSet`` is pickled to ``$XDG_CACHE_HOME/awslint`` (else ``~/.cache/awslint``) under a
key made of everything that can change the result: awslint's version, the Python version, and
the path, size and modification time of every built-in pack and data file and of every module
of the package (the validator and the ``FACTS`` table live there). Any change gives a new key;
nothing stale is ever read.

The cache is only a speed-up: any problem (read-only home, a broken or foreign file) falls back
to loading the YAML. A cache file is read only when it and its folder belong to the current
user and nobody else can write them (a pickle runs code when loaded). ``AWSLINT_NO_CACHE=1``
turns the cache off. Extra packs (``--rules``) are never cached.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import Any, Optional

from awslint import __version__

# Start-up matters here (this runs on every lint): the C pickler without the pure-Python pickle
# module on a cache hit, and the built-in SHA-256 rather than hashlib (which loads OpenSSL,
# ~3 ms); both fall back to the public modules.
try:
    from _pickle import load as _load_pickle
except ImportError:  # pragma: no cover - another Python implementation
    from pickle import load as _load_pickle


def _builtin_sha256() -> Any:
    for name in ("_sha256", "_sha2"):  # Python <= 3.11, Python >= 3.12
        try:
            return __import__(name).sha256
        except (ImportError, AttributeError):  # pragma: no cover - depends on the Python build
            continue
    from hashlib import sha256  # pragma: no cover

    return sha256  # pragma: no cover


_sha256 = _builtin_sha256()

_PROTOCOL = 5  # pickle.HIGHEST_PROTOCOL of every supported Python (3.9+); part of the key
_FORMAT = 1  # bump when the cached objects change shape in a way mtimes cannot see


def cache_dir(environ: Optional[dict[str, str]] = None) -> Optional[Path]:
    env = os.environ if environ is None else environ
    base = env.get("XDG_CACHE_HOME")
    if not base or not os.path.isabs(base):  # the XDG spec: a relative path is to be ignored
        base = os.path.join(env["HOME"], ".cache") if env.get("HOME") else None
    return Path(base) / "awslint" if base else None


def cache_key() -> str:
    """A digest of everything the validated built-in rules depend on."""
    from awslint.engine.ruleset import builtin_rules_dir

    digest = _sha256(f"{_FORMAT}|{__version__}|{sys.version}|{_PROTOCOL}".encode())
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))  # awslint/, not awslint/engine/
    for root in (package, str(builtin_rules_dir())):
        for path in sorted(_files(root)):
            if not path.endswith((".py", ".yaml", ".yml")):
                continue
            try:
                st = os.stat(path)
            except OSError:
                continue
            digest.update(f"{path}|{st.st_size}|{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:32]


def _files(root: str) -> list[str]:
    """Every file under root, __pycache__ folders left out (os.walk: cheaper than Path.rglob)."""
    found: list[str] = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        found.extend(os.path.join(folder, name) for name in names)
    return found


def _trusted(path: Path) -> bool:
    """Owned by us and writable by nobody else: the file and its folder."""
    if not hasattr(os, "getuid"):
        return True  # pragma: no cover - no ownership to check (Windows): per-user profile folder
    for item in (path.parent, path):
        st = os.lstat(item)
        if st.st_uid != os.getuid() or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH) or stat.S_ISLNK(st.st_mode):
            return False
    return True


def load_builtin_rules() -> Any:
    """The validated built-in ``RuleSet``, from the cache when it is current."""
    from awslint.engine.ruleset import RuleSet, load_rules

    folder = None if os.environ.get("AWSLINT_NO_CACHE") == "1" else cache_dir()
    if folder is None:
        return load_rules()
    try:
        path = folder / f"rules-{cache_key()}.pickle"
    except OSError:
        return load_rules()
    try:
        if _trusted(path):
            with open(path, "rb") as handle:
                ruleset = _load_pickle(handle)
            if isinstance(ruleset, RuleSet):
                return ruleset
    except Exception:  # noqa: BLE001 - a missing, partial or foreign cache file: rebuild it
        pass
    ruleset = load_rules()
    _store(folder, path, ruleset)
    return ruleset


def _store(folder: Path, path: Path, ruleset: Any) -> None:
    import pickle  # only when the cache is (re)written
    import tempfile

    temp: Optional[str] = None
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        for old in folder.glob("rules-*.pickle"):  # keep one: keys change with every upgrade
            if old != path:
                old.unlink(missing_ok=True)
        fd, temp = tempfile.mkstemp(dir=folder, prefix=".rules-", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(ruleset, handle, protocol=_PROTOCOL)
        os.replace(temp, path)  # atomic: a concurrent run sees the old file or the new one
        temp = None
    except Exception:  # noqa: BLE001 - read-only home, full disk, unpicklable pack: no cache
        pass
    finally:
        # Also on Ctrl-C (KeyboardInterrupt is no Exception): never leave a temp file behind.
        if temp is not None:
            try:
                os.unlink(temp)
            except OSError:
                pass
