"""The pre-commit hook, run for real with ``pre-commit try-repo`` in temporary dotfiles repos.

Offline: pre-commit builds its own virtualenv and pip-installs this repository into it. The
test gives pip a wheelhouse made from this environment's installed distributions (setuptools
for the build, configupdater and PyYAML for the install) and ``PIP_NO_INDEX``, so nothing is
downloaded. try-repo installs the HEAD of a git repository, so the worktree as it is now
(committed or not) is first copied into a temporary repository and committed there.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from support.fakes import KEY_ID, SECRET

ROOT = Path(__file__).resolve().parent.parent
HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
HOOK = next(h for h in HOOKS if h["id"] == "awslint")

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists(),
    reason="pre-commit needs git, and try-repo a git checkout of this project",
)

CLEAN_CONFIG = "[default]\nregion = eu-west-1\n\n[profile work]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = ReadOnly\n\n[sso-session corp]\nsso_start_url = https://example.awsapps.com/start\nsso_region = eu-west-1\n"
RISKY_CONFIG = "[default]\nregion = us-east-1 # main\n"
RISKY_CREDENTIALS = f"[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n"
CLEAN_CREDENTIALS = "[local]\naws_access_key_id = test\naws_secret_access_key = test\n"
# A named profile: templated keys in [default] are AWS201's (a secret will be there once rendered).
TEMPLATE_CREDENTIALS = '[home]\naws_access_key_id = {{ (bitwarden "item" "aws").login.username }}\naws_secret_access_key = {{ (bitwarden "item" "aws").login.password }}\n'
TEMPLATE_CONFIG = '{{- if eq .chezmoi.hostname "work" }}\n[default]\nregion = eu-west-1\n{{- end }}\n'

# layout -> (config path, credentials path) inside the dotfiles repository
LAYOUTS = {
    "dotaws": (".aws/config", ".aws/credentials"),
    "aws": ("aws/config", "aws/credentials"),
    "stow": ("aws/.aws/config", "aws/.aws/credentials"),
    "chezmoi": ("dot_aws/config", "dot_aws/credentials"),
    "chezmoi-private": ("private_dot_aws/config", "private_dot_aws/private_credentials"),
    "chezmoi-template": ("private_dot_aws/config.tmpl", "private_dot_aws/private_credentials.tmpl"),
}


def git(*args: str, cwd: Path) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", *args], cwd=cwd, check=True, capture_output=True, env=env)


# -- the hook's file pattern -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "matches"),
    [
        (".aws/config", True), (".aws/credentials", True), ("home/.aws/config", True), ("aws/credentials", True),
        ("aws/.aws/config", True), ("dot_aws/config", True), ("private_dot_aws/private_credentials", True),
        ("private_dot_aws/config.tmpl", True), ("dot_aws/private_readonly_credentials.tmpl", True),
        ("exact_private_dot_aws/config", True),
        ("private_dot_aws/encrypted_private_credentials", False), ("private_dot_aws/encrypted_private_credentials.age", False),
        ("aws/config.json", False), ("myaws/config", False), ("src/config", False), ("aws/cli/alias", False),
        ("aws/config.bak", False), ("README.md", False),
        # chezmoi: only attributes of plain files (contents = the target's contents) count.
        ("dot_aws/create_private_credentials", True), ("dot_aws/executable_empty_config", True),
        ("dot_aws/literal_config", True), ("external_readonly_dot_aws/config.tmpl", True),
        ("dot_aws/modify_config", False), ("dot_aws/modify_private_credentials.tmpl", False),
        ("dot_aws/symlink_config", False), ("dot_aws/run_config", False), ("dot_aws/run_once_credentials", False),
        ("dot_aws/remove_credentials", False), ("remove_dot_aws/config", False), ("symlink_dot_aws/config", False),
        ("dot_aws/old_credentials", False), ("dot_aws/encrypted_credentials", False),
    ],
)
def test_file_pattern(path: str, matches: bool) -> None:
    included = re.search(HOOK["files"], path) is not None
    excluded = re.search(HOOK["exclude"], path) is not None
    assert (included and not excluded) is matches


def test_hook_definition() -> None:
    assert HOOK["language"] == "python" and HOOK["entry"].split()[0] == "awslint"
    assert "--quiet" in HOOK["entry"].split()  # silent when clean


# -- real runs ---------------------------------------------------------------------------------


def _repack(name: str, wheelhouse: Path) -> None:
    """A wheel rebuilt from an installed distribution's files (its RECORD), for offline pip."""
    dist = metadata.distribution(name)
    wheel_meta = dist.read_text("WHEEL") or ""
    tags = [line.split(":", 1)[1].strip() for line in wheel_meta.splitlines() if line.startswith("Tag:")]
    tag = tags[0] if tags else "py3-none-any"
    dist_name = re.sub(r"[-_.]+", "_", dist.metadata["Name"])
    target = wheelhouse / f"{dist_name}-{dist.version}-{tag}.whl"
    base = Path(str(dist.locate_file("")))
    records = []
    record_name = None
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in dist.files or []:
            posix = file.as_posix()
            if posix.count("/") == 1 and posix.endswith(".dist-info/RECORD"):  # not a vendored one
                record_name = posix
                continue
            if posix.startswith("..") or "__pycache__" in posix or posix.endswith((".pyc", "INSTALLER", "REQUESTED", "direct_url.json")):
                continue
            data = (base / file).read_bytes()
            archive.writestr(posix, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            records.append(f"{posix},sha256={digest},{len(data)}")
        assert record_name is not None
        records.append(f"{record_name},,")
        archive.writestr(record_name, "\n".join(records) + "\n")


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A committed copy of this worktree, a wheelhouse and the offline pip settings."""
    top = tmp_path_factory.mktemp("precommit")
    repo = top / "awslint"
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True, check=True)
    for name in listed.stdout.decode().split("\0"):
        if not name or not (ROOT / name).is_file():
            continue
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, repo / name)
    git("init", "-q", ".", cwd=repo)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "snapshot", cwd=repo)
    wheelhouse = top / "wheels"
    wheelhouse.mkdir()
    for name in ("setuptools", "configupdater", "PyYAML"):
        _repack(name, wheelhouse)
    home = top / "home"
    home.mkdir()
    env = {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(home),
        "PRE_COMMIT_HOME": str(top / "cache"),
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(wheelhouse),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "VIRTUALENV_NO_DOWNLOAD": "1",
        "PIP_NO_COMPILE": "1",
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
        "LANG": "C.UTF-8",
    }
    if sys.version_info < (3, 12):
        # virtualenv seeds setuptools into the hook's venv here: build with it (pip's odd
        # spelling: "0" turns build isolation off) instead of a second, isolated install.
        env["PIP_NO_BUILD_ISOLATION"] = "0"
    return {"repo": repo, "env": env, "top": top}


def try_repo(hook_repo: dict, dotfiles: Path) -> subprocess.CompletedProcess:
    pre_commit = [sys.executable, "-m", "pre_commit"]
    return subprocess.run(
        [*pre_commit, "try-repo", str(hook_repo["repo"]), "awslint", "--all-files", "--verbose", "--color", "never"],
        cwd=dotfiles, env=hook_repo["env"], capture_output=True, text=True, timeout=600, check=False,
    )


def make_dotfiles(top: Path, name: str, files: dict[str, str]) -> Path:
    repo = top / name
    repo.mkdir()
    git("init", "-q", ".", cwd=repo)
    (repo / "README.md").write_text("my dotfiles\n")
    (repo / "notes").mkdir()
    (repo / "notes" / "config").write_text("not an AWS file = at all\n[[[\n")  # outside the pattern
    for path, text in files.items():
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_text(text)
    git("add", "-A", cwd=repo)
    git("commit", "-q", "-m", "dotfiles", cwd=repo)
    return repo


def _files(kind: str) -> dict[str, str]:
    files = {}
    for layout, (config_path, credentials_path) in LAYOUTS.items():
        template = layout.endswith("template")
        if kind == "clean":
            files[config_path] = TEMPLATE_CONFIG if template else CLEAN_CONFIG
            files[credentials_path] = TEMPLATE_CREDENTIALS if template else CLEAN_CREDENTIALS
        else:
            files[config_path] = RISKY_CONFIG
            files[credentials_path] = RISKY_CREDENTIALS
    return files


@pytest.fixture(scope="module")
def runs(hook_repo: dict) -> dict[str, subprocess.CompletedProcess]:
    """Two real try-repo runs, each over a dotfiles repository holding every layout.

    Each run installs the hook from scratch (try-repo uses a fresh store), so the layouts share
    a run: the risky run shows every layout's own findings (so each path was matched, linted
    and failed), and the clean run has the very same paths (so each was matched and passed)."""
    from concurrent.futures import ThreadPoolExecutor

    repos = {kind: make_dotfiles(hook_repo["top"], kind, _files(kind)) for kind in ("clean", "risky")}
    with ThreadPoolExecutor(max_workers=2) as pool:  # the two installs are mostly waiting
        futures = {kind: pool.submit(try_repo, hook_repo, repo) for kind, repo in repos.items()}
        return {kind: future.result() for kind, future in futures.items()}


@pytest.mark.slow
def test_clean_dotfiles_pass_quietly(runs: dict) -> None:
    result = runs["clean"]
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert re.search(r"awslint \(AWS config and credentials\)\.+Passed", output), output
    # Quiet when clean: --verbose shows anything the hook printed, and the only thing allowed
    # is advice (info, e.g. AWS209 on the LocalStack test/test keys), which never fails a commit.
    printed = [line for line in output.replace("awslint (AWS config", "").splitlines() if "AWS" in line]
    assert all("[info]" in line for line in printed), printed
    assert "Found " not in output


@pytest.mark.slow
def test_risky_dotfiles_fail(runs: dict) -> None:
    result = runs["risky"]
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert re.search(r"awslint \(AWS config and credentials\)\.+Failed", output), output
    assert "notes/config" not in output and "README" not in output  # the pattern kept other files out
    assert SECRET not in output and KEY_ID not in output
    assert f"{KEY_ID[:4]}…{KEY_ID[-4:]}" in output


@pytest.mark.slow
@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_each_layout_is_matched_and_fails(runs: dict, layout: str) -> None:
    config_path, credentials_path = LAYOUTS[layout]
    output = runs["risky"].stdout
    assert f"{config_path}:2:20: AWS006 [error]" in output, output
    assert f"{credentials_path}:2:1: AWS201 [warning]" in output, output
