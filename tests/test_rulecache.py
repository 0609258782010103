"""The validated built-in rule cache: same rules as loading the YAML, never stale, never trusted
blindly, and never in the way."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest
from awslint.engine import cache as rulecache
from awslint.engine.ruleset import RuleSet, load_rules


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("AWSLINT_NO_CACHE", raising=False)
    return tmp_path / "cache" / "awslint"


def _summary(ruleset: RuleSet) -> list[tuple[str, str, str, str, int]]:
    return [(r.code, r.name, r.scope, r.severity, len(r.checks)) for r in ruleset.rules]


def test_cached_rules_equal_freshly_loaded_rules(cache_home: Path) -> None:
    first = rulecache.load_builtin_rules()  # builds the cache
    files = list(cache_home.glob("rules-*.pickle"))
    assert len(files) == 1
    second = rulecache.load_builtin_rules()  # reads it
    fresh = load_rules()
    assert _summary(second) == _summary(first) == _summary(fresh)
    assert second.data == fresh.data
    assert [r.checks[0].when for r in second.rules] == [r.checks[0].when for r in fresh.rules]


def test_a_changed_rule_file_changes_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Invalidation follows size and mtime of every pack and module (here: a copied pack dir)."""
    import shutil

    from awslint.engine import ruleset as ruleset_module

    packs = tmp_path / "rules"
    shutil.copytree(ruleset_module.builtin_rules_dir(), packs)
    monkeypatch.setattr(ruleset_module, "builtin_rules_dir", lambda: packs)
    before = rulecache.cache_key()
    target = sorted(packs.glob("*.yaml"))[0]
    stat = target.stat()
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert rulecache.cache_key() != before


def test_every_module_of_the_package_is_part_of_the_key() -> None:
    """The validator and the fact catalogue live in other subpackages than the cache: all count."""
    import awslint
    from awslint.facts import catalog

    package = Path(awslint.__file__).resolve().parent
    keyed = set(rulecache._files(str(package)))
    assert str(Path(catalog.__file__).resolve()) in keyed
    folders = {Path(p).parent.relative_to(package).as_posix() for p in keyed if p.endswith(".py")}
    assert folders >= {".", "facts", "engine", "aws", "cli", "report/formatters"}


def test_untrusted_cache_file_is_ignored(cache_home: Path) -> None:
    rulecache.load_builtin_rules()
    (path,) = cache_home.glob("rules-*.pickle")
    # A pickle anyone could have written must not be loaded: replace it with a fake rule set.
    with open(path, "wb") as handle:
        pickle.dump(RuleSet([], {}), handle)
    os.chmod(path, 0o666)
    assert len(rulecache.load_builtin_rules().rules) == len(load_rules().rules)


def test_corrupt_cache_file_falls_back_and_is_rebuilt(cache_home: Path) -> None:
    rulecache.load_builtin_rules()
    (path,) = cache_home.glob("rules-*.pickle")
    path.write_bytes(b"not a pickle")
    assert _summary(rulecache.load_builtin_rules()) == _summary(load_rules())
    assert pickle.loads(path.read_bytes()).rules  # rewritten


def test_unwritable_cache_folder_still_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file where the folder should be
    assert _summary(rulecache.load_builtin_rules()) == _summary(load_rules())


def test_cache_can_be_turned_off(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWSLINT_NO_CACHE", "1")
    assert rulecache.load_builtin_rules().rules
    assert not cache_home.exists()


def test_interrupted_store_leaves_no_temp_file(cache_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    import pickle  # rulecache imports it only when it writes the cache

    monkeypatch.setattr(pickle, "dump", interrupt)
    with pytest.raises(KeyboardInterrupt):
        rulecache.load_builtin_rules()
    assert cache_home.is_dir() and list(cache_home.iterdir()) == []


def test_relative_xdg_cache_home_is_ignored(tmp_path: Path) -> None:
    # The XDG spec: a relative path in XDG_CACHE_HOME is invalid and must be ignored.
    folder = rulecache.cache_dir({"XDG_CACHE_HOME": "relative/cache", "HOME": str(tmp_path)})
    assert folder == tmp_path / ".cache" / "awslint"
    assert rulecache.cache_dir({"XDG_CACHE_HOME": str(tmp_path / "c"), "HOME": "/h"}) == tmp_path / "c" / "awslint"
