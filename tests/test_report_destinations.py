"""Report destinations that are not plain files: devices, FIFOs, symbolic links, and the files being
linted themselves (tests/test_attack_outputs_and_fixes.py covers every destination option)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from support.fakes import KEY_ID, SECRET, write_layout


# (Both checksum settings: AWS306 would otherwise come first in the report.)
P305 = (
    "[profile p]\ncredential_process = /bin/true\nendpoint_url = http://10.0.0.5:9000\n"
    "request_checksum_calculation = when_required\nresponse_checksum_validation = when_required\n"
)


def test_output_to_dev_null_keeps_the_device(cli, tmp_path: Path) -> None:
    import stat

    folder = write_layout(tmp_path / "aws", config=P305)
    before = os.stat("/dev/null")
    result = cli(str(folder), "-f", "json", "-o", "/dev/null")
    assert result.code == 1, result
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


def test_output_to_a_fifo_writes_into_it(cli, tmp_path: Path) -> None:
    import stat
    import threading

    folder = write_layout(tmp_path / "aws", config=P305)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    received: list[str] = []
    # A daemon: if awslint never opens the FIFO the reader stays blocked, and must not hang pytest.
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()), daemon=True)
    reader.start()
    result = cli(str(folder), "-f", "json", "-o", str(fifo))
    reader.join(timeout=10)
    assert result.code == 1, result
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert json.loads(received[0])["findings"][0]["code"] == "AWS305"


@pytest.mark.parametrize("target_exists", [True, False])
def test_output_through_a_symlink_is_refused(cli, tmp_path: Path, target_exists: bool) -> None:
    # Issue 13: a link may come from the repository being linted; never written through
    # (tests/test_attack_outputs_and_fixes.py covers every destination option).
    folder = write_layout(tmp_path / "aws", config=P305)
    target = tmp_path / "reports" / "real.json"
    target.parent.mkdir()
    if target_exists:
        target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    result = cli(str(folder), "-f", f"json:{link}")
    assert result.code == 2 and "is a symbolic link" in result.err, result
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert sorted(p.name for p in target.parent.iterdir()) == (["real.json"] if target_exists else [])
    assert not target_exists or target.read_text() == "old"


def test_dev_stdout_is_written_in_place(cli, tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    # Replacing /dev/stdout by rename would turn the device link into a plain file (as root).
    folder = write_layout(tmp_path / "aws", config=P305)
    was_link = os.path.islink("/dev/stdout")
    result = cli(str(folder), "-f", "json:/dev/stdout")
    assert result.code == 1, result
    assert os.path.islink("/dev/stdout") == was_link
    assert json.loads(capfd.readouterr().out)["findings"][0]["code"] == "AWS305"


@pytest.mark.parametrize("how", ["same", "symlink", "hardlink", "format-path"])
def test_output_onto_a_linted_file_is_refused(cli, tmp_path: Path, how: str) -> None:
    folder = write_layout(
        tmp_path / "aws", config=P305, credentials=f"[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n"
    )
    config, credentials = folder / "config", folder / "credentials"
    before = {p: p.read_bytes() for p in (config, credentials)}
    destination = credentials
    if how == "symlink":
        destination = tmp_path / "link"
        destination.symlink_to(config)
    elif how == "hardlink":
        destination = tmp_path / "hard"
        os.link(credentials, destination)
    args = ["-f", f"json:{destination}"] if how == "format-path" else ["-f", "json", "-o", str(destination)]
    result = cli(str(folder), *args)
    assert result.code == 2, result
    assert result.err.startswith("awslint: error: --output ") and "files being linted" in result.err
    assert result.out == ""
    assert {p: p.read_bytes() for p in (config, credentials)} == before
    assert sorted(p.name for p in folder.iterdir()) == ["config", "credentials"]


def test_output_onto_a_single_linted_file_is_refused(cli, tmp_path: Path) -> None:
    folder = write_layout(tmp_path / "aws", config=P305)
    config = folder / "config"
    result = cli(str(config), "-o", str(config))
    assert result.code == 2 and "files being linted" in result.err, result
    assert config.read_text() == P305
