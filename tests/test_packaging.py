"""Both `pip install .` and `pip install -e .` give a working `awslint` that loads rules/."""

from __future__ import annotations

import site
import subprocess
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _install(tmp_path: Path, editable: bool) -> Path:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    # Let the new venv see this environment's packages (pip, setuptools, configupdater,
    # PyYAML) behind its own, so the install needs no network.
    own = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], capture_output=True, text=True, check=True)
    Path(own.stdout.strip(), "parent-env.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    args = [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation"]
    args += ["-e", str(ROOT)] if editable else [str(ROOT)]
    completed = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    if completed.returncode != 0:
        pytest.fail(f"pip install failed:\n{completed.stdout}\n{completed.stderr}")
    return env_dir / "bin"


@pytest.mark.parametrize("editable", [False, True], ids=["install", "editable"])
def test_installed_command_loads_the_builtin_rules(tmp_path: Path, editable: bool) -> None:
    bin_dir = _install(tmp_path, editable)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    rules = subprocess.run([str(bin_dir / "awslint"), "rules"], cwd=elsewhere, capture_output=True, text=True, timeout=60)
    assert rules.returncode == 0, rules.stderr
    assert "AWS203   login-shadowed-by-static-keys" in rules.stdout
    where = subprocess.run(
        [str(bin_dir / "python"), "-c", "import awslint, awslint.ruleset as r; print(awslint.__file__); print(r.builtin_rules_dir())"],
        cwd=elsewhere, capture_output=True, text=True, timeout=60,
    )
    module_file, rules_dir = where.stdout.split()
    if editable:
        assert Path(rules_dir).resolve() == ROOT / "rules"
    else:
        assert str(tmp_path / "venv") in module_file, module_file
        assert (Path(rules_dir) / "data" / "regions.yaml").is_file()
        assert str(tmp_path / "venv") in rules_dir
    lint = subprocess.run([str(bin_dir / "awslint"), str(ROOT / "examples" / "risky")], cwd=elsewhere, capture_output=True, text=True, timeout=60)
    assert lint.returncode == 1 and "AWS203" in lint.stdout
