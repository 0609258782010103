"""``awslint -``: one file from standard input, named (and so typed) by ``--stdin-filename``."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from support.fakes import KEY_ID, SECRET

CONFIG_WITH_COMMENT = "[default]\nregion = us-east-1 # main\n"
FIXED_CONFIG = "[default]\n# main\nregion = us-east-1\n"
PROBE = f"[profile x]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n"


@pytest.fixture
def stdin(monkeypatch: pytest.MonkeyPatch):
    def feed(data: bytes) -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))

    return feed


class BinaryOut(io.StringIO):
    """A text stream with a ``buffer``, as sys.stdout has (the fixed file is written there)."""

    def __init__(self) -> None:
        super().__init__()
        self.buffer = io.BytesIO()


def codes(result: Any) -> list[tuple[str, str, int]]:
    return sorted((f["path"], f["code"], f["line"]) for f in json.loads(result.out)["findings"])


def test_dash_reads_a_config_file_from_standard_input(cli: Any, stdin: Any) -> None:
    stdin(CONFIG_WITH_COMMENT.encode())
    result = cli("-", "-f", "json")
    assert result.code == 1
    assert codes(result) == [("-", "AWS006", 2)]


def test_stdin_filename_gives_the_kind_and_the_name(cli: Any, stdin: Any, tmp_path: Path) -> None:
    """``[profile x]`` holding keys is AWS102 only in a credentials file."""
    stdin(PROBE.encode())
    name = str(tmp_path / "dot_aws" / "private_credentials")
    as_credentials = cli("-", "--stdin-filename", name, "-f", "json")
    assert ("AWS102" in {c for _, c, _ in codes(as_credentials)}) and {p for p, _, _ in codes(as_credentials)} == {name}
    stdin(PROBE.encode())
    as_config = cli("-", "--stdin-filename", str(tmp_path / "dot_aws" / "config"), "-f", "json")
    assert "AWS102" not in {c for _, c, _ in codes(as_config)}


def test_stdin_filename_alone_reads_standard_input(cli: Any, stdin: Any) -> None:
    stdin(CONFIG_WITH_COMMENT.encode())
    assert codes(cli("--stdin-filename", "home/.aws/config", "-f", "json")) == [("home/.aws/config", "AWS006", 2)]


def test_stdin_is_paired_with_the_sibling_on_disk(cli: Any, stdin: Any, tmp_path: Path) -> None:
    """An editor's unsaved credentials buffer, with the config beside it on disk: AWS203 is
    cross-file (login_session in the config); the sibling's own findings are not reported."""
    folder = tmp_path / "dot_aws"
    folder.mkdir()
    (folder / "config").write_text("[default]\nlogin_session = arn:aws:iam::111122223333:user/dana\nregion = eu-west-1 # x\n")
    stdin(f"[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n".encode())
    name = str(folder / "credentials")
    found = codes(cli("-", "--stdin-filename", name, "-f", "json"))
    assert (name, "AWS203", 2) in found
    assert {path for path, _, _ in found} == {name}


def test_empty_standard_input_is_an_empty_file(cli: Any, stdin: Any) -> None:
    stdin(b"")
    result = cli("-", "-f", "json")
    assert result.code == 0 and json.loads(result.out)["findings"] == []
    assert json.loads(result.out)["summary"]["files"] == 1


def test_fix_with_dash_prints_the_fixed_file_and_reports_on_stderr(
    stdin: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from awslint.cli.main import main

    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    stdin(CONFIG_WITH_COMMENT.encode())
    out, err = BinaryOut(), io.StringIO()
    code = main(["--fix", "-", "--stdin-filename", "dot_aws/config"], stdout=out, stderr=err)
    assert code == 0
    assert out.buffer.getvalue() == FIXED_CONFIG.encode() and out.getvalue() == ""
    assert "Fixed 1 problem." in err.getvalue()
    assert not (tmp_path / "dot_aws").exists()  # nothing written to disk


def test_fix_with_dash_and_other_paths_is_refused(cli: Any, stdin: Any, tmp_path: Path) -> None:
    stdin(CONFIG_WITH_COMMENT.encode())
    result = cli("--fix", "-", str(tmp_path))
    assert result.code == 2 and result.err.startswith("awslint: error: --fix with '-'")


def test_stdin_filename_without_dash_among_paths_is_an_error(cli: Any, tmp_path: Path) -> None:
    result = cli(str(tmp_path), "--stdin-filename", "x/config")
    assert result.code == 2 and "add '-' to the paths" in result.err


def test_settings_are_found_from_the_stdin_filename(cli: Any, stdin: Any, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".awslint.yaml").write_text("ignore: [AWS006]\n")
    stdin(CONFIG_WITH_COMMENT.encode())
    assert codes(cli("-", "--stdin-filename", str(repo / "dot_aws" / "config"), "-f", "json")) == []


def test_real_standard_input_end_to_end(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS", "XDG_"))}
    env["HOME"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "awslint", "-", "--stdin-filename", "work/.aws/config"],
        input=CONFIG_WITH_COMMENT.encode(), capture_output=True, env=env, cwd=tmp_path, timeout=60,
    )
    assert done.returncode == 1, done.stderr
    assert done.stdout.decode().startswith("work/.aws/config:2:")
    closed = subprocess.run(
        [sys.executable, "-m", "awslint", "-"], stdin=subprocess.DEVNULL, capture_output=True, env=env, cwd=tmp_path, timeout=60,
    )
    assert closed.returncode == 0, closed.stderr


def test_fix_with_dash_echoes_a_file_the_settings_exclude(
    stdin: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from awslint.cli.main import main

    (tmp_path / ".git").mkdir()
    (tmp_path / ".awslint.yaml").write_text("exclude: ['dot_aws/**']\n")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    stdin(CONFIG_WITH_COMMENT.encode())
    out, err = BinaryOut(), io.StringIO()
    assert main(["--fix", "-", "--stdin-filename", "dot_aws/config"], stdout=out, stderr=err) == 0
    assert out.buffer.getvalue() == CONFIG_WITH_COMMENT.encode()


@pytest.mark.parametrize("fix", [False, True])
def test_standard_input_has_the_same_size_limits_as_a_file(cli: Any, stdin: Any, fix: bool) -> None:
    """Piping a file must not get round the section limit that bounds memory for one on disk."""
    from awslint.files.source import MAX_SECTIONS

    stdin(b"[a]\n" * (MAX_SECTIONS + 1))
    result = cli("-", *(["--fix"] if fix else []))
    assert result.code == 2
    assert "too many sections" in result.err and result.err.startswith("awslint: error: -: ")
