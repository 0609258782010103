"""Attack suite, outputs and fixes (issue 13, part 4): reports and ``--fix`` write only where
they are told, whatever symbolic links the linted repository holds."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from awslint.files import links

from support.fakes import write_layout

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX symbolic links and owners")

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
NOBODY = 65534
P305 = "[profile dev]\nregion = eu-west-1\nregion = us-east-1\n"  # AWS305: a finding to report
FIXABLE = "[default]\nregion = eu-west-1 # dublin\n"  # a safe fix: the inline comment moves up
FIXED = "[default]\n# dublin\nregion = eu-west-1\n"


# -- report destinations ---------------------------------------------------------------------

DESTINATIONS = {
    "-o": lambda folder, dest: ["check", str(folder), "-f", "json", "-o", dest],
    "-f FMT:FILE": lambda folder, dest: ["check", str(folder), "-f", "text", "-f", f"sarif:{dest}"],
    "explain -o": lambda folder, dest: ["explain", str(folder), "-o", dest],
    "--diff -o": lambda folder, dest: ["check", str(folder), "--diff", "-o", dest],
}


@pytest.mark.parametrize("how", sorted(DESTINATIONS))
@pytest.mark.parametrize("dangling", [False, True], ids=["link", "dangling-link"])
def test_report_destination_that_is_a_symlink_is_refused(cli: Any, tmp_path: Path, how: str, dangling: bool) -> None:
    """A pull request adding ``awslint.sarif -> …/site-packages/evil.pth`` must not make the CI
    step write there: the run stops before any report, and the link's target is untouched."""
    folder = write_layout(tmp_path / "repo" / "aws", config=FIXABLE)
    target = tmp_path / "venv" / "evil.pth"
    target.parent.mkdir()
    if not dangling:
        target.write_text("untouched\n")
    link = tmp_path / "repo" / "awslint.sarif"
    link.symlink_to(target)
    result = cli(*DESTINATIONS[how](folder, str(link)))
    assert result.code == 2, result
    assert result.err.startswith(f"awslint: error: --output {link}: is a symbolic link"), result.err
    assert result.out == ""
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert (target.read_text() if not dangling else target.exists()) == ("untouched\n" if not dangling else False)
    assert sorted(p.name for p in target.parent.iterdir()) == ([] if dangling else ["evil.pth"])
    assert (folder / "config").read_text() == FIXABLE


def test_report_to_a_plain_path_and_to_dev_null_still_works(cli: Any, tmp_path: Path) -> None:
    folder = write_layout(tmp_path / "aws", config=P305)
    report = tmp_path / "report.json"
    result = cli(str(folder), "-f", "json", "-o", str(report), "-f", "sarif:/dev/null")
    assert result.code == 1, result
    assert json.loads(report.read_text()) == json.loads(cli(str(folder), "-f", "json").out)
    assert json.loads(report.read_text())["findings"]
    assert not report.is_symlink()


def test_report_replacing_an_existing_file_writes_a_new_file_not_through_hard_links(cli: Any, tmp_path: Path) -> None:
    folder = write_layout(tmp_path / "aws", config=P305)
    report, other = tmp_path / "report.json", tmp_path / "other"
    other.write_text("keep\n")
    os.link(other, report)
    assert cli(str(folder), "-f", "json", "-o", str(report)).code == 1
    assert other.read_text() == "keep\n" and json.loads(report.read_text())["findings"]


# -- --fix through symbolic links -----------------------------------------------------------


def _git_init(folder: Path) -> None:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", str(folder)], check=True, capture_output=True)


def _assert_refused(result: Any, shown: Path, real: Path, why: str) -> None:
    assert result.code == 2, result
    assert f"awslint: error: {shown}: cannot write the fixes: " in result.err, result.err
    assert why in result.err, result.err
    assert real.read_text() == FIXABLE


def test_fix_refuses_a_link_in_a_repository_that_leads_out_of_it(cli: Any, tmp_path: Path) -> None:
    repo = tmp_path / "clone"
    _git_init(repo)
    outside = write_layout(tmp_path / "elsewhere", config=FIXABLE)
    (repo / "aws").mkdir()
    (repo / "aws" / "config").symlink_to(outside / "config")
    result = cli(str(repo / "aws"), "--fix")
    _assert_refused(result, repo / "aws" / "config", outside / "config", f"a symbolic link in the git work tree {repo} leads out of it")


def test_fix_refuses_a_file_reached_through_a_linked_folder_that_leads_out_of_the_repository(cli: Any, tmp_path: Path) -> None:
    repo = tmp_path / "clone"
    _git_init(repo)
    outside = write_layout(tmp_path / "elsewhere" / "aws", config=FIXABLE)
    (repo / "aws").symlink_to(outside)
    result = cli(str(repo / "aws"), "--fix")
    _assert_refused(result, repo / "aws" / "config", outside / "config", "leads out of it")


def test_fix_refuses_a_linked_folder_that_is_itself_another_repository(cli: Any, tmp_path: Path) -> None:
    """The link's work tree is found from the folder holding the link, never through it."""
    repo, other = tmp_path / "clone", tmp_path / "other-repo"
    _git_init(repo)
    _git_init(other)
    write_layout(other / "aws", config=FIXABLE)
    (repo / "dotfiles").symlink_to(other)
    result = cli(str(repo / "dotfiles" / "aws"), "--fix")
    _assert_refused(result, repo / "dotfiles" / "aws" / "config", other / "aws" / "config", "leads out of it")


@pytest.mark.skipif(not IS_ROOT, reason="making a file of another user needs root")
def test_fix_refuses_a_link_to_a_file_of_another_user(cli: Any, tmp_path: Path) -> None:
    outside = write_layout(tmp_path / "theirs", config=FIXABLE)
    os.chown(outside / "config", NOBODY, NOBODY)
    home_aws = tmp_path / "home" / ".aws"
    home_aws.mkdir(parents=True)
    (home_aws / "config").symlink_to(outside / "config")
    result = cli(str(home_aws), "--fix")
    _assert_refused(result, home_aws / "config", outside / "config", "which belongs to another user")
    assert os.stat(outside / "config").st_uid == NOBODY


def test_fix_follows_a_stow_link_from_home_into_the_users_dotfiles_repository(cli: Any, tmp_path: Path) -> None:
    home = tmp_path / "home"
    dotfiles = home / "dotfiles"
    _git_init(dotfiles)
    write_layout(dotfiles / "aws" / ".aws", config=FIXABLE)
    (home / ".aws").mkdir()
    (home / ".aws" / "config").symlink_to("../dotfiles/aws/.aws/config")
    result = cli(str(home / ".aws"), "--fix")
    assert result.code == 0, result
    assert (home / ".aws" / "config").is_symlink()
    assert (dotfiles / "aws" / ".aws" / "config").read_text() == FIXED
    assert "is a symbolic link: writing the fixes to its target" in result.err


def test_fix_follows_a_stow_folder_link_and_a_link_that_stays_inside_the_repository(cli: Any, tmp_path: Path) -> None:
    home = tmp_path / "home"
    dotfiles = home / "dotfiles"
    _git_init(dotfiles)
    write_layout(dotfiles / "aws", config=FIXABLE)
    (home / ".aws").symlink_to(dotfiles / "aws")  # stow --no-folding's opposite: the folder is the link
    (dotfiles / "work").mkdir()
    (dotfiles / "work" / "config").symlink_to("../aws/config")  # a link inside the repository, to inside it
    assert cli(str(home / ".aws"), "--fix").code == 0
    assert (dotfiles / "aws" / "config").read_text() == FIXED
    (dotfiles / "aws" / "config").write_text(FIXABLE)
    assert cli(str(dotfiles / "work"), "--fix").code == 0
    assert (dotfiles / "aws" / "config").read_text() == FIXED


def test_resolve_links_names_the_folder_of_every_link_on_the_way(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "file").write_text("x")
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "to-a").symlink_to("../a")
    (tmp_path / "c" / "file-link").symlink_to("to-a/b/file")
    real_tmp = os.path.realpath(tmp_path)
    real, homes = links.resolve_links(str(tmp_path / "c" / "file-link"))
    assert real == os.path.join(real_tmp, "a", "b", "file")
    assert homes[-2:] == [os.path.join(real_tmp, "c"), os.path.join(real_tmp, "c")]
    (tmp_path / "loop").symlink_to("loop")
    with pytest.raises(OSError):
        links.resolve_links(str(tmp_path / "loop"))


def test_report_into_a_linked_folder_that_leads_out_of_the_repository_is_refused(cli: Any, tmp_path: Path) -> None:
    """A pull request adding ``reports -> /elsewhere`` cannot redirect ``-o reports/awslint.sarif``."""
    repo = tmp_path / "clone"
    _git_init(repo)
    folder = write_layout(repo / "aws", config=P305)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (repo / "reports").symlink_to(elsewhere)
    result = cli(str(folder), "-f", "sarif", "-o", str(repo / "reports" / "awslint.sarif"))
    assert result.code == 2, result
    assert f"a symbolic link in the git work tree {os.path.realpath(repo)} leads out of it" in result.err, result.err
    assert list(elsewhere.iterdir()) == []
    (repo / "inside").mkdir()
    (repo / "out").symlink_to("inside")  # a link that stays in the repository is fine
    assert cli(str(folder), "-f", "json", "-o", str(repo / "out" / "r.json")).code == 1
    assert json.loads((repo / "inside" / "r.json").read_text())["findings"]
