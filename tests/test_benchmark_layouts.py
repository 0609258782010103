"""The benchmark's generated layouts are what it claims: botocore reads every profile, and
awslint lints them with every rule without refusing them (so the timings compare like with like)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

from botocore.configloader import load_config

ROOT = Path(__file__).resolve().parent.parent


def _bench() -> Any:
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_large_layout_has_the_profiles_botocore_reads(tmp_path: Path, cli: Any) -> None:
    _bench().large_layout(tmp_path, 50)
    profiles = load_config(str(tmp_path / "config"))["profiles"]
    assert len(profiles) == 51  # default + 50 generated, names unique
    result = cli(str(tmp_path), "--format", "json")
    assert result.code in (0, 1) and "awslint: error" not in result.err


def test_typical_layout_is_about_thirty_profiles(tmp_path: Path, cli: Any) -> None:
    _bench().typical_layout(tmp_path)
    profiles = load_config(str(tmp_path / "config"))["profiles"]
    assert 25 <= len(profiles) <= 35
    result = cli(str(tmp_path), "--format", "json")
    assert result.code in (0, 1) and "awslint: error" not in result.err


def test_discovery_repository_has_fifty_aws_files_the_walk_finds(tmp_path: Path, cli: Any) -> None:
    """The discovery benchmark measures what it says: 25 pairs in dotfiles layouts, all found."""
    _bench().repository_tree(tmp_path, files=1050, aws_pairs=25)
    listed = cli("--list-files", str(tmp_path))
    lines = listed.out.splitlines()
    assert listed.code == 0 and len(lines) == 50
    assert sum(line.endswith("\tcredentials") for line in lines) == 25
    assert json_files(cli(str(tmp_path), "-f", "json")) == 50


def json_files(result: Any) -> int:
    import json

    return json.loads(result.out)["summary"]["files"]
