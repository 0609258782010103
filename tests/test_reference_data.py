"""The reference data in rules/data/ is what scripts/refresh_data.py makes from the pinned botocore."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from awslint.errors import UsageError
from awslint.engine.ruleset import load_rules

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "rules" / "data"
SCRIPT = ROOT / "scripts" / "refresh_data.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("refresh_data", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def refresh() -> ModuleType:
    return _script()


@pytest.fixture(scope="module")
def pinned(refresh: ModuleType):
    return refresh.Botocore()


@pytest.mark.parametrize("name", ["regions.yaml", pytest.param("services.yaml", marks=pytest.mark.slow), "settings.yaml"])
def test_refresh_reproduces_the_shipped_file_byte_for_byte(refresh: ModuleType, pinned, name: str) -> None:
    text = (DATA / name).read_text(encoding="utf-8")
    version, date = refresh.recorded(text)
    assert version == pinned.version, (
        f"{name} was generated from botocore {version}, the pinned botocore is {pinned.version}: "
        "run python scripts/refresh_data.py"
    )
    assert refresh.refresh_text(text, pinned, date) == text


def test_check_mode_reports_nothing_against_the_pinned_botocore(refresh: ModuleType, pinned) -> None:
    assert refresh.differences(DATA, pinned) == []


class _NewerBotocore:
    """The pinned botocore plus a service, a region and a setting it does not know yet."""

    def __init__(self, real) -> None:
        self.real = real
        self.version = "9.9.9"

    def __getattr__(self, name: str):
        return getattr(self.real, name)

    def service_ids(self) -> list[str]:
        return sorted([*self.real.service_ids(), "shiny_new_service"])

    def endpoint_prefixes(self) -> list[str]:
        return self.real.endpoint_prefixes()

    def profile_reads(self) -> dict[str, set[str]]:
        reads = {k: set(v) for k, v in self.real.profile_reads().items()}
        reads["profile"].add("shiny_new_setting")
        return reads


def test_refresh_adds_what_botocore_learns_and_leaves_curated_entries_alone(refresh: ModuleType, pinned) -> None:
    newer = _NewerBotocore(pinned)
    settings = (DATA / "settings.yaml").read_text(encoding="utf-8")
    out = refresh.refresh_text(settings, newer, "2030-01-02")
    assert "# Generated parts: botocore 9.9.9, refreshed 2030-01-02" in out
    assert "    - {key: shiny_new_setting, readers: botocore}\n    # END generated: profile_settings_botocore" in out
    # Outside the generated blocks and the header nothing changed (curated keys, tool keys, notes).
    strip = lambda t: refresh.HEADER.sub("", refresh.BLOCK.sub("", t))  # noqa: E731
    assert strip(out) == strip(settings)
    services = refresh.refresh_text((DATA / "services.yaml").read_text(encoding="utf-8"), newer, "2030-01-02")
    assert "    - shiny_new_service\n" in services
    # The check mode names what is new, so a maintainer knows to refresh.
    lines = refresh.differences(DATA, newer)
    assert any("service_ids: new in botocore 9.9.9: shiny_new_service" in line for line in lines)
    assert any("shiny_new_setting" in line for line in lines)


def test_a_curated_key_is_not_generated_again(refresh: ModuleType, pinned) -> None:
    settings = (DATA / "settings.yaml").read_text(encoding="utf-8")
    # A key moved from the generated block into the curated entries stays there alone.
    curated = settings.replace("    - {key: region, readers: all}\n", "")
    assert curated != settings
    out = refresh.refresh_text(curated, pinned, "2026-12-07")
    assert "    - {key: region, readers: botocore}\n    # END generated: profile_settings_botocore" in out


def test_a_malformed_data_file_is_rejected_with_file_and_line(tmp_path: Path) -> None:
    pack = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", pack)
    broken = pack / "data" / "services.yaml"
    lines = broken.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.strip() == "- payments")
    lines[index] = "    - [payments\n"
    broken.write_text("".join(lines), encoding="utf-8")
    from awslint.engine import ruleset

    original = ruleset.builtin_rules_dir
    ruleset.builtin_rules_dir = lambda: pack  # type: ignore[assignment]
    try:
        with pytest.raises(UsageError) as caught:
            load_rules()
    finally:
        ruleset.builtin_rules_dir = original  # type: ignore[assignment]
    assert re.match(r"rules/data/services\.yaml:\d+: ", str(caught.value)), str(caught.value)


@pytest.mark.newest_botocore
def test_shipped_data_knows_everything_the_newest_botocore_knows(tmp_path: Path) -> None:
    """Run with ``pytest --newest-botocore``: installs the newest botocore (network) and compares.

    A failure lists what is new; refresh the data (and the pin in constraints/test.txt) then.
    """
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), "botocore", "jmespath",
         "python-dateutil", "urllib3", "six"],
        check=True, timeout=600,
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    done = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
