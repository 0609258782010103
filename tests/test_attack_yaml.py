"""Attack suite: YAML that a repository controls (settings files, rule packs) cannot run code or blow up."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

TAGS = [
    "!!python/object/apply:os.system ['touch {marker}']",
    "!!python/object/new:subprocess.Popen [['touch', '{marker}']]",
    "!!python/name:os.system",
]


def _bomb(levels: int = 12) -> list[str]:
    """``x0: &a0 [...]`` with every level repeating the one before six times (6**12 nodes expanded)."""
    lines = ["x0: &a0 [zz]"]
    for level in range(1, levels):
        lines.append(f"x{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 6)}]")
    return lines


@pytest.mark.parametrize("tag", TAGS)
def test_a_python_tag_in_a_rule_pack_is_refused_and_runs_nothing(cli, tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "marker"
    pack = tmp_path / "pack.yaml"
    pack.write_text("rules:\n  - " + tag.format(marker=marker) + "\n")
    result = cli("rules", "--rules", str(pack))
    assert result.code == 2 and "could not determine a constructor for the tag" in result.err
    assert not marker.exists()


@pytest.mark.parametrize("tag", TAGS)
def test_a_python_tag_in_a_settings_file_is_refused_and_runs_nothing(cli, tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "marker"
    folder = tmp_path / "repo"
    (folder / ".aws").mkdir(parents=True)
    (folder / ".aws" / "config").write_text("[default]\nregion = eu-west-1\n")
    (folder / ".awslint.yaml").write_text("ignore: " + tag.format(marker=marker) + "\n")
    result = cli(str(folder / ".aws"))
    assert result.code == 2 and "could not determine a constructor for the tag" in result.err
    assert not marker.exists()


def test_an_alias_bomb_in_a_settings_file_is_refused_quickly(cli, tmp_path: Path) -> None:
    folder = tmp_path / "repo"
    (folder / ".aws").mkdir(parents=True)
    (folder / ".aws" / "config").write_text("[default]\nregion = eu-west-1\n")
    (folder / ".awslint.yaml").write_text("\n".join(_bomb()) + "\nignore: *a11\n")
    start = time.process_time()
    result = cli(str(folder / ".aws"))
    assert time.process_time() - start < 5  # expanded, the list would hold 6**11 items
    assert result.code == 2 and "YAML aliases (*name) are not allowed in rule packs or settings files" in result.err
