"""Attack suite, git (issue 13, part 3): a repository's own ``.git/config`` cannot make awslint
start a program.

AWS216 asks ``git ls-files`` whether a file with secrets is tracked. Each test builds a hostile
repository in ``tmp_path`` whose config names a program that creates a marker file, proves with
plain git that the vector is live (the "control"), then asks awslint's probe and checks that
the marker never appears while the probe still answers.
"""

from __future__ import annotations

import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, Iterator

import pytest
from awslint.files import filemeta

from support.fakes import KEY_ID, SECRET

pytestmark = [
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(os.name != "posix", reason="the hostile programs are shell commands"),
]

CREDENTIALS = f"[w]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n"
LS_FILES = ["ls-files", "-z", "-t", "--cached", "--others", "--exclude-standard", "--", "credentials"]


@pytest.fixture(autouse=True)
def _own_git_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The developer's own git config must not change what the hostile repository does."""
    home = tmp_path / "git-home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    for name in ("GIT_ASKPASS", "SSH_ASKPASS", "GIT_SSH_COMMAND", "GIT_SSH", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(name, raising=False)


def git(root: Path, *args: str, **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, stdin=subprocess.DEVNULL, timeout=30, **kwargs)


def plain_git_ls_files(root: Path) -> None:
    """What an unguarded caller would run (the control); its outcome does not matter."""
    git(root, *LS_FILES)


def make_repo(tmp_path: Path) -> Path:
    """A work tree with a committed ``.gitignore`` and an untracked credentials file."""
    root = tmp_path / "clone"
    root.mkdir()
    git(root, "init", "-q", check=True)
    git(root, "config", "user.email", "t@example.com", check=True)
    git(root, "config", "user.name", "t", check=True)
    (root / ".gitignore").write_text("*.log\n")
    git(root, "add", ".gitignore", check=True)
    git(root, "commit", "-q", "-m", "init", check=True)
    (root / "credentials").write_text(CREDENTIALS)
    return root


def make_lazy_fetching(root: Path, url: str) -> None:
    """Turn the repo into a partial clone whose skip-worktree ``.gitignore`` blob is missing, so
    ``ls-files --exclude-standard`` has to fetch it from the promisor remote at ``url``."""
    blob = git(root, "rev-parse", "HEAD:.gitignore", check=True).stdout.decode().strip()
    (root / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    git(root, "update-index", "--skip-worktree", ".gitignore", check=True)
    (root / ".gitignore").unlink()
    for key, value in [
        ("core.repositoryformatversion", "1"),
        ("extensions.partialClone", "origin"),
        ("remote.origin.promisor", "true"),
        ("remote.origin.url", url),
    ]:
        git(root, "config", key, value, check=True)


def marker_command(marker: Path) -> str:
    return f"touch {marker}; false"


def probe_status(root: Path) -> Any:
    return filemeta.GitProbe([str(root / "credentials")]).status(str(root / "credentials"))


def assert_probe_runs_nothing(root: Path, marker: Path) -> None:
    """The control made the marker; the probe must not, and must still answer."""
    assert marker.exists(), "control: plain git should have run the repository's program"
    marker.unlink()
    assert probe_status(root) == "untracked"
    assert not marker.exists(), "awslint's git call ran a program the repository configured"


def test_lazy_fetch_through_core_ssh_command_runs_nothing(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    make_lazy_fetching(root, "ssh://git.example.invalid/repo.git")
    marker = tmp_path / "ssh-ran"
    git(root, "config", "core.sshCommand", marker_command(marker), check=True)
    plain_git_ls_files(root)
    assert_probe_runs_nothing(root, marker)


def test_lazy_fetch_through_a_protocol_allowed_by_the_repository_runs_nothing(tmp_path: Path) -> None:
    """``protocol.ssh.allow=always`` in the repository beats ``-c protocol.allow=never``; the
    empty ``GIT_ALLOW_PROTOCOL`` beats both."""
    root = make_repo(tmp_path)
    make_lazy_fetching(root, "ssh://git.example.invalid/repo.git")
    marker = tmp_path / "ssh-ran"
    git(root, "config", "core.sshCommand", marker_command(marker), check=True)
    git(root, "config", "protocol.ssh.allow", "always", check=True)
    git(root, "config", "protocol.file.allow", "always", check=True)
    plain_git_ls_files(root)
    assert_probe_runs_nothing(root, marker)


def test_lazy_fetch_through_remote_uploadpack_with_a_local_url_runs_nothing(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    make_lazy_fetching(root, str(root))
    marker = tmp_path / "uploadpack-ran"
    git(root, "config", "remote.origin.uploadpack", marker_command(marker), check=True)
    plain_git_ls_files(root)
    assert_probe_runs_nothing(root, marker)


@pytest.fixture
def asking_server() -> Iterator[str]:
    """A local HTTP server that asks for a password: git then runs helpers and askpass."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="x"')
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/repo.git"
    finally:
        server.shutdown()
        server.server_close()


def _git_speaks_http() -> bool:
    exec_path = subprocess.run(["git", "--exec-path"], capture_output=True, text=True).stdout.strip()
    return os.path.exists(os.path.join(exec_path, "git-remote-http"))


def test_lazy_fetch_over_http_runs_no_credential_helper_and_no_askpass(
    tmp_path: Path, asking_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not _git_speaks_http():
        pytest.skip("this git has no HTTP transport")
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "*")  # the control must reach the local server
    root = make_repo(tmp_path)
    make_lazy_fetching(root, asking_server)
    helper_marker, askpass_marker = tmp_path / "helper-ran", tmp_path / "askpass-ran"
    askpass = tmp_path / "askpass.sh"
    askpass.write_text(f"#!/bin/sh\ntouch {askpass_marker}\necho guess\n")
    askpass.chmod(0o755)
    git(root, "config", "credential.helper", f"!touch {helper_marker}; true", check=True)
    git(root, "config", "core.askPass", str(askpass), check=True)
    plain_git_ls_files(root)
    assert askpass_marker.exists()
    askpass_marker.unlink()
    assert_probe_runs_nothing(root, helper_marker)
    assert not askpass_marker.exists()


def test_core_fsmonitor_runs_nothing(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    marker = tmp_path / "fsmonitor-ran"
    git(root, "config", "core.fsmonitor", f"touch {marker}; echo", check=True)
    plain_git_ls_files(root)
    assert_probe_runs_nothing(root, marker)


def test_core_pager_runs_nothing(tmp_path: Path) -> None:
    """``pager.ls-files`` pages ls-files on a terminal; awslint's git has no terminal and no pager."""
    root = make_repo(tmp_path)
    marker = tmp_path / "pager-ran"
    git(root, "config", "pager.ls-files", "true", check=True)
    git(root, "config", "core.pager", f"touch {marker}; cat", check=True)
    import pty

    primary, secondary = pty.openpty()
    try:  # the control: plain git on a terminal
        subprocess.run(["git", "-C", str(root), *LS_FILES], stdin=subprocess.DEVNULL, stdout=secondary, stderr=secondary, timeout=30)
    finally:
        os.close(secondary)
        os.close(primary)
    assert_probe_runs_nothing(root, marker)


def test_hooks_external_diff_and_filters_configured_by_the_repository_run_nothing(tmp_path: Path) -> None:
    """Programs git runs for other commands (hooks, external diff, clean/smudge filters): the
    control shows they are live for ``git status``/``git diff``; the probe runs none of them,
    even with a lazy fetch and fsmonitor armed beside them."""
    root = make_repo(tmp_path)
    marker = tmp_path / "program-ran"
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    for hook in ("reference-transaction", "post-index-change", "post-checkout", "pre-auto-gc"):
        (hooks / hook).write_text(f"#!/bin/sh\ntouch {marker}\n")
        (hooks / hook).chmod(0o755)
    (root / ".gitattributes").write_text("* filter=evil diff=evil\n")
    for key, value in [
        ("core.hooksPath", str(hooks)),
        ("diff.external", marker_command(marker)),
        ("diff.evil.textconv", marker_command(marker)),
        ("filter.evil.clean", marker_command(marker)),
        ("filter.evil.smudge", marker_command(marker)),
        ("filter.evil.process", marker_command(marker)),
        ("core.editor", marker_command(marker)),
        ("core.sshCommand", marker_command(marker)),
        ("core.fsmonitor", marker_command(marker)),
    ]:
        git(root, "config", key, value, check=True)
    git(root, "add", "-N", ".gitattributes")  # hooks (post-index-change) fire here in the control
    (root / ".gitignore").write_text("*.log\n# changed\n")  # a modified tracked file: diff/filter work
    git(root, "status")
    git(root, "diff")
    assert marker.exists()
    make_lazy_fetching(root, "ssh://git.example.invalid/repo.git")  # plain git here runs the hooks again
    marker.unlink()
    assert probe_status(root) == "untracked"
    assert not marker.exists()


def test_repository_chosen_by_the_calling_hook_environment_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pre-commit hook runs with ``GIT_DIR``/``GIT_INDEX_FILE`` of its own repository; git is
    asked about the work tree that holds the linted file, not that one."""
    root = make_repo(tmp_path)
    other = tmp_path / "other"
    other.mkdir()
    git(other, "init", "-q", check=True)
    monkeypatch.setenv("GIT_DIR", str(other / ".git"))
    monkeypatch.setenv("GIT_INDEX_FILE", str(other / ".git" / "index"))
    marker = tmp_path / "marker"
    monkeypatch.setenv("GIT_CONFIG_PARAMETERS", f"'core.fsmonitor'='touch {marker}'")
    git(root, "add", "credentials", env=filemeta.git_environment(), check=True)
    assert probe_status(root) == "staged"  # added to this work tree's index, never committed
    assert not marker.exists()  # the caller's config parameters were not passed on


def test_environment_refuses_every_transport_and_prompt() -> None:
    env = filemeta.git_environment({"GIT_SSH_COMMAND": "evil", "GIT_ASKPASS": "evil", "GIT_CONFIG_KEY_0": "x", "PATH": "/bin"})
    assert env["GIT_ALLOW_PROTOCOL"] == "" and env["GIT_NO_LAZY_FETCH"] == "1" and env["GIT_TERMINAL_PROMPT"] == "0"
    assert env["GIT_ASKPASS"] == "" and "GIT_SSH_COMMAND" not in env and "GIT_CONFIG_KEY_0" not in env
    assert env["PATH"] == "/bin"


def test_aws216_still_reports_committed_staged_and_untracked_secrets(cli: Any, tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    (root / "ignored.log").write_text(CREDENTIALS)
    (root / "committed").write_text(CREDENTIALS)
    git(root, "add", "committed", check=True)
    git(root, "commit", "-q", "-m", "keys", check=True)
    (root / "staged").write_text(CREDENTIALS)
    git(root, "add", "staged", check=True)
    paths = [str(root / name) for name in ("credentials", "committed", "staged", "ignored.log")]
    result = cli(*paths, "--select", "AWS216", "-f", "json")
    found = sorted((Path(f["path"]).name, "about to be committed" in f["message"]) for f in json.loads(result.out)["findings"])
    assert found == [("committed", False), ("credentials", False), ("staged", True)]


def test_a_head_whose_tree_cannot_be_read_counts_as_committed(tmp_path: Path) -> None:
    """ls-tree failing (a missing object, a partial clone) must not turn a committed secret into
    "not yet in any commit": only a repository without HEAD has nothing in its history."""
    root = make_repo(tmp_path)
    git(root, "add", "credentials", check=True)
    git(root, "commit", "-q", "-m", "keys", check=True)
    tree = git(root, "rev-parse", "HEAD^{tree}", check=True).stdout.decode().strip()
    (root / ".git" / "objects" / tree[:2] / tree[2:]).unlink()
    assert probe_status(root) == "tracked"


def test_a_repository_without_head_has_everything_staged(tmp_path: Path) -> None:
    root = tmp_path / "fresh"
    root.mkdir()
    git(root, "init", "-q", check=True)
    (root / "credentials").write_text(CREDENTIALS)
    git(root, "add", "credentials", check=True)
    assert probe_status(root) == "staged"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))
