"""Both `pip install .` and `pip install -e .` give a working `awslint` that loads rules/; `python -m build`
gives a wheel and an sdist, with the LICENSE and the project's metadata, that install and run offline."""

from __future__ import annotations

import shutil
import site
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from awslint.project import HOMEPAGE

ROOT = Path(__file__).resolve().parent.parent


def _fresh_venv(env_dir: Path) -> Path:
    """A new virtualenv that sees this environment's packages (pip, setuptools, configupdater,
    PyYAML) behind its own, so installing needs no network."""
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    own = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], capture_output=True, text=True, check=True)
    Path(own.stdout.strip(), "parent-env.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    return python


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


@pytest.mark.slow
@pytest.mark.parametrize("editable", [False, True], ids=["install", "editable"])
def test_installed_command_loads_the_builtin_rules(tmp_path: Path, editable: bool) -> None:
    bin_dir = _install(tmp_path, editable)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    rules = subprocess.run([str(bin_dir / "awslint"), "rules"], cwd=elsewhere, capture_output=True, text=True, timeout=60)
    assert rules.returncode == 0, rules.stderr
    assert "AWS203   login-shadowed-by-static-keys" in rules.stdout
    where = subprocess.run(
        [str(bin_dir / "python"), "-c", "import awslint, awslint.engine.ruleset as r; print(awslint.__file__); print(r.builtin_rules_dir())"],
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


def _fresh_clone(target: Path) -> Path:
    """The project's files as a clone has them (no build output, caches or virtualenvs)."""
    ignore = shutil.ignore_patterns(".git", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache", ".venv", ".mypy_cache", ".ruff_cache")
    shutil.copytree(ROOT, target, ignore=ignore, symlinks=True)
    return target


@pytest.mark.slow
def test_build_gives_wheel_and_sdist_that_install_and_run_offline(tmp_path: Path) -> None:
    pytest.importorskip("build")
    clone = _fresh_clone(tmp_path / "clone")
    dist = tmp_path / "dist"
    # --no-isolation: the backend comes from this environment (offline); the sdist is built first
    # and the wheel is built from the unpacked sdist, so the sdist is proven complete too.
    built = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(clone)],
        capture_output=True, text=True, timeout=600,
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    wheel = next(dist.glob("awslint-*.whl"))
    sdist = next(dist.glob("awslint-*.tar.gz"))
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
        assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names), names
        assert "awslint/rules/data/regions.yaml" in names
    with tarfile.open(sdist) as archive:
        members = {m.name.split("/", 1)[1] for m in archive.getmembers() if "/" in m.name}
    assert {"LICENSE", "README.md", "pyproject.toml", "rules/aws2-credentials.yaml"} <= members
    assert "License-Expression: MIT" in metadata and "License-File: LICENSE" in metadata
    assert f"Project-URL: Homepage, {HOMEPAGE}" in metadata
    assert "Classifier: License ::" not in metadata  # PEP 639: the expression replaces license classifiers

    for artifact in (wheel, sdist):
        env_dir = tmp_path / f"venv-{artifact.suffix}"
        python = _fresh_venv(env_dir)
        installed = subprocess.run(
            [str(python), "-m", "pip", "install", "-q", "--no-index", "--no-deps", "--no-build-isolation", str(artifact)],
            cwd=tmp_path, capture_output=True, text=True, timeout=300,
        )
        assert installed.returncode == 0, installed.stderr
        awslint = env_dir / "bin" / "awslint"
        version = subprocess.run([str(awslint), "-V"], capture_output=True, text=True, timeout=60)
        assert version.returncode == 0 and version.stdout.startswith("awslint ")
        lint = subprocess.run([str(awslint), str(ROOT / "examples" / "risky")], cwd=tmp_path, capture_output=True, text=True, timeout=60)
        assert lint.returncode == 1 and "AWS203" in lint.stdout, lint.stderr
        where = subprocess.run([str(python), "-c", "import awslint; print(awslint.__file__)"], cwd=tmp_path, capture_output=True, text=True)
        assert str(env_dir) in where.stdout
