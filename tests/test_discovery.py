"""Which files awslint reads and reports: folders, single files and their siblings, chezmoi
names, the AWS_* variables and ~/.aws, and paths that are not regular files.

Every test pins exact paths, codes and exit codes, as a user's script or pre-commit hook
would rely on them (README.md, "Usage").
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from support.fakes import KEY_ID, SECRET, write_layout

# Findings in the config file: AWS213 at line 6 (role_arn) is cross-file: the source
# profile's long-term key lives in the credentials file.
CONFIG = """\
[default]
login_session = arn:aws:iam::111122223333:user/dana
region = eu-west-1

[profile admin]
role_arn = arn:aws:iam::111122223333:role/Admin
source_profile = me
"""
# Findings in the credentials file: AWS201 and AWS203 at line 2 (aws_access_key_id).
# AWS203 is cross-file: login_session lives in the config file.
CREDENTIALS = f"""\
[default]
aws_access_key_id = {KEY_ID}
aws_secret_access_key = {SECRET}

[me]
aws_access_key_id = {KEY_ID}
aws_secret_access_key = {SECRET}
"""

Hit = tuple[str, str, int]  # (path, code, line)


def config_hits(path: str) -> set[Hit]:
    return {(path, "AWS213", 6)}


def credentials_hits(path: str) -> set[Hit]:
    return {(path, "AWS201", 2), (path, "AWS203", 2)}


def run_json(cli: Any, *args: str) -> tuple[Any, list[dict[str, Any]], dict[str, Any]]:
    """Run ``awslint --format json ARGS``; return the result, its findings and its summary."""
    result = cli(*args, "--format", "json")
    assert "Traceback" not in result.out + result.err
    document = json.loads(result.out)
    return result, document["findings"], document["summary"]


# These tests are about which files are read and reported, so they look at the headline rules
# only (the catalogue adds rules that also fire on these layouts, e.g. AWS212 on file modes).
PINNED = frozenset({"AWS001", "AWS002", "AWS003", "AWS004", "AWS005", "AWS006", "AWS102", "AWS201", "AWS203", "AWS213", "AWS301"})


def hits(findings: list[dict[str, Any]]) -> set[Hit]:
    return {(f["path"], f["code"], f["line"]) for f in findings if f["code"] in PINNED}


def hit_list(findings: list[dict[str, Any]]) -> list[Hit]:
    return sorted((f["path"], f["code"], f["line"]) for f in findings if f["code"] in PINNED)


def warning_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("awslint: warning:")]


def assert_single_error(result: Any, expected: str | None = None) -> None:
    """Exit 2, nothing on stdout, exactly one ``awslint: error:`` line on stderr."""
    assert result.code == 2, result
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("awslint: error: ")
    if expected is not None:
        assert lines[0] == f"awslint: error: {expected}"
    assert "Traceback" not in result.err


# --- folders -------------------------------------------------------------------------------


def test_folder_reads_config_and_credentials_together(cli: Any, tmp_path: Path) -> None:
    """A folder PATH: both files are read as one layout, so cross-file rules fire."""
    folder = write_layout(tmp_path / "aws", CONFIG, CREDENTIALS)
    result, findings, summary = run_json(cli, str(folder))
    assert result.code == 1
    assert hits(findings) == config_hits(f"{folder}/config") | credentials_hits(f"{folder}/credentials")
    assert summary["files"] == 2
    aws203 = [f for f in findings if f["code"] == "AWS203"]
    assert len(aws203) == 1 and aws203[0]["profile"] == "default"


def test_folder_with_only_one_file(cli: Any, tmp_path: Path) -> None:
    """A folder with only a credentials file lints it alone (no cross-file findings)."""
    folder = write_layout(tmp_path / "aws", credentials=CREDENTIALS)
    result, findings, summary = run_json(cli, str(folder))
    assert result.code == 1
    assert hits(findings) == {(f"{folder}/credentials", "AWS201", 2)}
    assert summary["files"] == 1


def test_folder_without_aws_files_warns_and_exits_zero(cli: Any, tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "notes.txt").write_text("[default]\nregion = us-east-1 # c\n")
    result = cli(str(folder))
    assert result.code == 0, result
    assert "Traceback" not in result.err
    warnings = warning_lines(result.err)
    assert len(warnings) == 1 and str(folder) in warnings[0]
    assert result.err.splitlines() == warnings


def test_missing_path_is_a_usage_error(cli: Any, tmp_path: Path) -> None:
    missing = tmp_path / "nope" / "config"
    assert_single_error(cli(str(missing)), f"{missing}: no such file or directory")


def test_missing_path_next_to_a_good_one_is_still_an_error(cli: Any, tmp_path: Path) -> None:
    folder = write_layout(tmp_path / "aws", CONFIG, CREDENTIALS)
    missing = tmp_path / "credentials.missing"
    assert_single_error(cli(str(folder), str(missing)), f"{missing}: no such file or directory")


# --- chezmoi layouts -----------------------------------------------------------------------

CHEZMOI = [
    pytest.param("dot_aws", "config", "private_credentials", id="dot_aws-private_credentials"),
    pytest.param("private_dot_aws", "config", "private_credentials", id="private_dot_aws"),
    pytest.param("dot_aws", "config.tmpl", "credentials.tmpl", id="templates"),
]


def chezmoi(tmp_path: Path, folder: str, config: str, credentials: str) -> tuple[Path, str, str]:
    """A chezmoi source tree; returns the folder and the two file paths."""
    root = tmp_path / "dotfiles" / folder
    root.mkdir(parents=True)
    (root / config).write_text(CONFIG)
    (root / credentials).write_text(CREDENTIALS)
    return root, str(root / config), str(root / credentials)


@pytest.mark.parametrize(("folder", "config", "credentials"), CHEZMOI)
def test_chezmoi_folder_finds_both_files(cli: Any, tmp_path: Path, folder: str, config: str, credentials: str) -> None:
    root, cfg, creds = chezmoi(tmp_path, folder, config, credentials)
    result, findings, summary = run_json(cli, str(root))
    assert result.code == 1
    assert hits(findings) == config_hits(cfg) | credentials_hits(creds)
    assert summary["files"] == 2


@pytest.mark.parametrize(("folder", "config", "credentials"), CHEZMOI)
def test_chezmoi_config_alone_is_paired_with_its_credentials(
    cli: Any, tmp_path: Path, folder: str, config: str, credentials: str
) -> None:
    """AWS213 needs the sibling's keys; the sibling's own findings are not reported."""
    _, cfg, _ = chezmoi(tmp_path, folder, config, credentials)
    result, findings, summary = run_json(cli, cfg)
    assert result.code == 1
    assert hit_list(findings) == sorted(config_hits(cfg))
    assert {f["path"] for f in findings} == {cfg}
    assert summary["files"] == 1


@pytest.mark.parametrize(("folder", "config", "credentials"), CHEZMOI)
def test_chezmoi_credentials_alone_is_paired_with_its_config(
    cli: Any, tmp_path: Path, folder: str, config: str, credentials: str
) -> None:
    """AWS203 needs the sibling's login_session; only the credentials file is reported."""
    _, _, creds = chezmoi(tmp_path, folder, config, credentials)
    result, findings, summary = run_json(cli, creds)
    assert result.code == 1
    assert hit_list(findings) == sorted(credentials_hits(creds))
    assert {f["path"] for f in findings} == {creds}
    assert summary["files"] == 1


@pytest.mark.parametrize(("folder", "config", "credentials"), CHEZMOI)
def test_chezmoi_both_files_given_reports_both(
    cli: Any, tmp_path: Path, folder: str, config: str, credentials: str
) -> None:
    _, cfg, creds = chezmoi(tmp_path, folder, config, credentials)
    for args in ((cfg, creds), (creds, cfg)):
        result, findings, summary = run_json(cli, *args)
        assert result.code == 1
        assert hit_list(findings) == sorted(config_hits(cfg) | credentials_hits(creds))
        assert summary["files"] == 2


def test_single_file_without_sibling_has_no_cross_file_findings(cli: Any, tmp_path: Path) -> None:
    """Without a sibling on disk the file is linted alone: AWS201 yes, AWS203 no."""
    folder = tmp_path / "dot_aws"
    folder.mkdir()
    (folder / "private_credentials").write_text(CREDENTIALS)
    creds = str(folder / "private_credentials")
    result, findings, _ = run_json(cli, creds)
    assert result.code == 1
    assert hits(findings) == {(creds, "AWS201", 2)}


# --- role by name --------------------------------------------------------------------------

# [profile default] is the profile 'default' in a config file, but the literal profile
# 'profile default' in a credentials file; [profile x] likewise.
ROLE_PROBE = f"""\
[profile default]
aws_access_key_id = {KEY_ID}
aws_secret_access_key = {SECRET}
[profile x]
region = us-east-1 # c
"""


@pytest.mark.parametrize("name", ["credentials", "private_credentials", "credentials.tmpl"])
def test_credentials_role_by_name(cli: Any, tmp_path: Path, name: str) -> None:
    path = tmp_path / "alone" / name
    path.parent.mkdir()
    path.write_text(ROLE_PROBE)
    result, findings, _ = run_json(cli, str(path))
    assert result.code == 1
    # AWS102 fires only where the file is read as a credentials file.
    assert [(f["code"], f["line"], f["profile"], f["section"]) for f in findings if f["code"] in PINNED] == [
        ("AWS102", 1, "profile default", "profile default"),
        ("AWS102", 4, "profile x", "profile x"),
        ("AWS006", 5, "profile x", "profile x"),
    ]
    assert {f["path"] for f in findings} == {str(path)}


@pytest.mark.parametrize("name", ["config", "config.tmpl", "private_config", "settings.ini", "credentials.bak"])
def test_config_role_by_name(cli: Any, tmp_path: Path, name: str) -> None:
    path = tmp_path / "alone" / name
    path.parent.mkdir()
    path.write_text(ROLE_PROBE)
    result, findings, _ = run_json(cli, str(path))
    assert result.code == 1
    assert [(f["code"], f["line"], f["profile"], f["section"]) for f in findings if f["code"] in PINNED] == [
        ("AWS201", 2, "default", "profile default"),
        ("AWS006", 5, "x", "profile x"),
    ]


def test_default_section_keys_in_credentials_role(cli: Any, tmp_path: Path) -> None:
    """[default] keys in a credentials-role file: AWS201 for the profile 'default'."""
    path = tmp_path / "alone" / "credentials.tmpl"
    path.parent.mkdir()
    path.write_text(f"[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n")
    result, findings, _ = run_json(cli, str(path))
    assert result.code == 1
    assert [(f["code"], f["line"], f["profile"]) for f in findings if f["code"] in PINNED] == [("AWS201", 2, "default")]


# --- no PATH: the environment, then ~/.aws ---------------------------------------------------


def test_no_path_reads_home_aws(cli: Any, tmp_path: Path) -> None:
    home = Path(os.environ["HOME"])
    write_layout(home / ".aws", CONFIG, CREDENTIALS)
    result, findings, summary = run_json(cli)
    assert result.code == 1
    aws = home / ".aws"
    assert hits(findings) == config_hits(f"{aws}/config") | credentials_hits(f"{aws}/credentials")
    assert summary["files"] == 2
    assert result.err == ""


def test_no_path_uses_env_vars_with_tilde_and_var_expansion(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """AWS_CONFIG_FILE with ``~``, AWS_SHARED_CREDENTIALS_FILE with ``$VAR``; the role comes
    from the variable, not the file name; ~/.aws is not read."""
    home = Path(os.environ["HOME"])
    write_layout(home / ".aws", "[default]\nregion = us-east-1 # not me\n", "[x]\nregion = a # nor me\n")
    (home / "cfg").mkdir()
    (home / "cfg" / "my-aws-config").write_text(CONFIG)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keys.ini").write_text(CREDENTIALS)
    monkeypatch.setenv("AWSLINT_TEST_KEYS", str(elsewhere))
    monkeypatch.setenv("AWS_CONFIG_FILE", "~/cfg/my-aws-config")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "$AWSLINT_TEST_KEYS/keys.ini")
    result, findings, summary = run_json(cli)
    assert result.code == 1
    assert hits(findings) == config_hits(str(home / "cfg" / "my-aws-config")) | credentials_hits(
        str(elsewhere / "keys.ini")
    )
    assert summary["files"] == 2


def test_no_path_env_var_for_one_file_default_for_the_other(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = Path(os.environ["HOME"])
    write_layout(home / ".aws", "[default]\nregion = us-east-1 # not me\n", CREDENTIALS)
    (tmp_path / "other-config").write_text(CONFIG)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "other-config"))
    result, findings, _ = run_json(cli)
    assert result.code == 1
    assert hits(findings) == config_hits(str(tmp_path / "other-config")) | credentials_hits(
        str(home / ".aws" / "credentials")
    )


def test_no_path_and_no_files_is_not_an_error(cli: Any) -> None:
    result = cli()
    assert result.code == 0, result
    assert "Traceback" not in result.err
    lines = result.err.splitlines()
    assert lines and lines == warning_lines(result.err)


def test_no_path_and_only_credentials(cli: Any) -> None:
    """A missing ~/.aws/config next to an existing credentials file is not an error."""
    home = Path(os.environ["HOME"])
    write_layout(home / ".aws", credentials=CREDENTIALS)
    result, findings, _ = run_json(cli)
    assert result.code == 1
    assert hits(findings) == {(str(home / ".aws" / "credentials"), "AWS201", 2)}
    assert "error" not in result.err


# --- FIFOs: never opened for a blocking read ------------------------------------------------


def run_subprocess(args: list[str], home: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run awslint in a child process, so a hang fails the test instead of the suite."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("AWS") and k != "NO_COLOR"}
    environ["HOME"] = str(home)
    environ.update(env or {})
    try:
        return subprocess.run(
            [sys.executable, "-m", "awslint", *args],
            check=False,
            capture_output=True,
            text=True,
            env=environ,
            timeout=30,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"awslint {' '.join(args)} blocked (no exit within 30 s)")


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")


@needs_fifo
def test_fifo_path_is_skipped_with_a_warning(tmp_path: Path) -> None:
    fifo = tmp_path / "config"
    os.mkfifo(fifo)
    done = run_subprocess([str(fifo)], tmp_path)
    assert done.returncode == 0, done
    assert "Traceback" not in done.stderr
    warnings = warning_lines(done.stderr)
    assert len(warnings) == 1 and str(fifo) in warnings[0]


@needs_fifo
def test_fifo_path_next_to_a_real_file(tmp_path: Path) -> None:
    folder = write_layout(tmp_path / "aws", "[default]\nregion = us-east-1 # c\n")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    done = run_subprocess([str(fifo), str(folder / "config")], tmp_path)
    assert done.returncode == 1, done
    assert done.stdout.startswith(f"{folder}/config:2:20: AWS006 ")
    assert len(warning_lines(done.stderr)) == 1


@needs_fifo
def test_fifo_named_credentials_in_a_folder_is_skipped(tmp_path: Path) -> None:
    """The folder's config is still linted; the FIFO is skipped with a warning."""
    folder = write_layout(tmp_path / "aws", "[default]\nregion = us-east-1 # c\n")
    os.mkfifo(folder / "credentials")
    done = run_subprocess(["--format", "json", str(folder)], tmp_path)
    assert "Traceback" not in done.stderr
    assert done.returncode == 1, done
    assert hits(json.loads(done.stdout)["findings"]) == {(f"{folder}/config", "AWS006", 2)}
    warnings = warning_lines(done.stderr)
    assert len(warnings) == 1 and f"{folder}/credentials" in warnings[0]


@needs_fifo
def test_fifo_sibling_of_a_single_file_is_not_read(tmp_path: Path) -> None:
    folder = write_layout(tmp_path / "aws", "[default]\nregion = us-east-1 # c\n")
    os.mkfifo(folder / "credentials")
    done = run_subprocess([str(folder / "config")], tmp_path)
    assert done.returncode == 1, done
    assert "Traceback" not in done.stderr
    assert done.stdout.startswith(f"{folder}/config:2:20: AWS006 ")


@needs_fifo
def test_fifo_in_aws_shared_credentials_file_is_skipped(tmp_path: Path) -> None:
    fifo = tmp_path / "creds-pipe"
    os.mkfifo(fifo)
    done = run_subprocess([], tmp_path, {"AWS_SHARED_CREDENTIALS_FILE": str(fifo)})
    assert done.returncode == 0, done
    assert "Traceback" not in done.stderr
    assert any(str(fifo) in line for line in warning_lines(done.stderr))


# --- symbolic links -------------------------------------------------------------------------


def assert_clean_refusal(result: Any) -> None:
    """Exit 2 with one ``awslint: error:`` line, or exit 0 with a warning: never a traceback."""
    assert "Traceback" not in result.out + result.err
    if result.code == 2:
        assert_single_error(result)
    else:
        assert result.code == 0, result
        assert warning_lines(result.err), result


def test_symlink_loop_path(cli: Any, tmp_path: Path) -> None:
    os.symlink(tmp_path / "b", tmp_path / "a")
    os.symlink(tmp_path / "a", tmp_path / "b")
    assert_clean_refusal(cli(str(tmp_path / "a")))


def test_dangling_symlink_path(cli: Any, tmp_path: Path) -> None:
    os.symlink(tmp_path / "gone", tmp_path / "config")
    assert_clean_refusal(cli(str(tmp_path / "config")))


def test_symlink_loop_named_credentials_in_a_folder(cli: Any, tmp_path: Path) -> None:
    folder = write_layout(tmp_path / "aws", "[default]\nregion = us-east-1\n")
    os.symlink(folder / "credentials", folder / "credentials")
    assert_clean_refusal(cli(str(folder)))


def test_dangling_symlink_named_credentials_in_a_folder(cli: Any, tmp_path: Path) -> None:
    folder = write_layout(tmp_path / "aws", "[default]\nregion = us-east-1\n")
    os.symlink(tmp_path / "gone", folder / "credentials")
    assert_clean_refusal(cli(str(folder)))


def test_dangling_sibling_of_a_single_file(cli: Any, tmp_path: Path) -> None:
    """A broken sibling is only context: the file given is still linted."""
    folder = write_layout(tmp_path / "aws", "[default]\nregion = us-east-1 # c\n")
    os.symlink(tmp_path / "gone", folder / "credentials")
    result, findings, _ = run_json(cli, str(folder / "config"))
    assert result.code == 1
    assert hits(findings) == {(f"{folder}/config", "AWS006", 2)}


# --- the same file twice ----------------------------------------------------------------------


def test_same_file_twice_is_reported_once(cli: Any, tmp_path: Path) -> None:
    folder = write_layout(tmp_path / "aws", CONFIG, CREDENTIALS)
    creds = str(folder / "credentials")
    _, once, once_summary = run_json(cli, creds)
    result, twice, twice_summary = run_json(cli, creds, creds)
    assert result.code == 1
    assert hit_list(twice) == hit_list(once) == sorted(credentials_hits(creds))
    assert twice_summary == once_summary


def test_folder_and_a_file_in_it_report_each_finding_once(cli: Any, tmp_path: Path) -> None:
    folder = write_layout(tmp_path / "aws", CONFIG, CREDENTIALS)
    result, findings, summary = run_json(cli, str(folder), str(folder / "config"))
    assert result.code == 1
    assert hit_list(findings) == sorted(config_hits(f"{folder}/config") | credentials_hits(f"{folder}/credentials"))
    assert summary["files"] == 2


def test_same_file_under_two_spellings_is_reported_once(cli: Any, tmp_path: Path) -> None:
    folder = write_layout(tmp_path / "aws", CONFIG, CREDENTIALS)
    plain = str(folder / "credentials")
    dotted = os.path.join(str(folder), ".", "credentials")
    result, findings, summary = run_json(cli, plain, dotted)
    assert result.code == 1
    assert sorted((f["code"], f["line"]) for f in findings if f["code"] in PINNED) == [("AWS201", 2), ("AWS203", 2)]
    assert summary["files"] == 1


@pytest.mark.parametrize(
    ("name", "base"),
    [
        ("private_credentials", "credentials"), ("create_private_credentials.tmpl", "credentials"),
        ("readonly_empty_executable_config", "config"), ("literal_config", "config"),
        ("private_literal_credentials", "credentials"), ("literal_private_config", "private_config"),
        # Not plain files: a modify script, a link target, a run script, a removal, ciphertext.
        ("modify_credentials", "modify_credentials"), ("symlink_config", "symlink_config"),
        ("run_config", "run_config"), ("remove_credentials", "remove_credentials"),
        ("encrypted_private_credentials", "encrypted_private_credentials"),
        ("private_modify_credentials", "modify_credentials"),
    ],
)
def test_chezmoi_base_names(name: str, base: str) -> None:
    from awslint.files.discovery import base_name

    assert base_name(name) == base


def test_chezmoi_folder_skips_scripts_links_and_ciphertext(cli, tmp_path: Path) -> None:
    folder = tmp_path / "dotfiles" / "private_dot_aws"
    folder.mkdir(parents=True)
    (folder / "create_config").write_text("[profile a]\nregoin = us-east-1\n")
    (folder / "private_credentials").write_text(f"[a]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n")
    # Each of these would give findings (or garbage) if read as an AWS file.
    (folder / "modify_config").write_text("#!/bin/sh\nsed s/a/b/\n")
    (folder / "symlink_credentials").write_text("../secrets/credentials\n")
    (folder / "run_once_config").write_text("#!/bin/sh\necho hi\n")
    (folder / "remove_credentials").write_text("")
    (folder / "encrypted_private_credentials").write_text("-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n")
    result = cli(str(folder), "-f", "json")
    assert result.code == 1, result
    paths = {Path(f["path"]).name for f in json.loads(result.out)["findings"]}
    assert paths == {"create_config", "private_credentials"}
    assert json.loads(result.out)["summary"]["files"] == 2


def test_empty_aws_config_file_variable_means_no_config_file(cli, tmp_path: Path, monkeypatch) -> None:
    home = Path(os.environ["HOME"])
    write_layout(home / ".aws", "[default]\nregion = us-east-1 # c\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", "")
    result = cli("-q")
    assert result.code == 0 and result.out == ""
