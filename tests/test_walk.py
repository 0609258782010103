"""Whole-repository discovery: a folder PATH is walked for AWS files like ruff walks for Python.

One definition of "an AWS config file path" (walk.FILES_PATTERN / EXCLUDE_PATTERN) serves the
pre-commit hook and the walk; the tests hold them equal, then run ``awslint .`` at the root of
chezmoi, stow, yadm-style and plain dotfiles repositories, and check what is skipped (VCS
folders, node_modules, virtualenvs, git-ignored files, symbolic links out of the tree or into
loops, unreadable folders).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from support.fakes import KEY_ID, SECRET

from awslint.files import walk

ROOT = Path(__file__).resolve().parent.parent
HOOK = next(h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text()) if h["id"] == "awslint")

# login_session in the config and static keys in the credentials: AWS203 is cross-file, so it
# fires only when the two files are linted as a pair.
CONFIG = "[default]\nlogin_session = arn:aws:iam::111122223333:user/dana\nregion = eu-west-1\n"
CREDENTIALS = f"[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n"
CLEAN = "[profile dev]\nregion = eu-west-1\n"


def hook_matches(path: str) -> bool:
    return re.search(HOOK["files"], path) is not None and re.search(HOOK["exclude"], path) is None


# Paths below a repository root: AWS files in every layout, and near misses.
TABLE = [
    ".aws/config", ".aws/credentials", "home/.aws/config", "aws/credentials", "aws/config",
    "aws/.aws/config", "stow/aws/.aws/credentials", "dot_aws/config", "private_dot_aws/private_credentials",
    "private_dot_aws/config.tmpl", "dot_aws/private_readonly_credentials.tmpl", "exact_private_dot_aws/config",
    "dot_aws/create_private_credentials", "dot_aws/executable_empty_config", "dot_aws/literal_config",
    "external_readonly_dot_aws/config.tmpl", "machines/work/dot_aws/credentials.tmpl",
    # left out: ciphertext, scripts, links, removals, other names and folders
    "private_dot_aws/encrypted_private_credentials", "private_dot_aws/encrypted_private_credentials.age",
    "dot_aws/encrypted_credentials", "dot_aws/modify_config", "dot_aws/modify_private_credentials.tmpl",
    "dot_aws/symlink_config", "dot_aws/run_config", "dot_aws/run_once_credentials", "dot_aws/remove_credentials",
    "remove_dot_aws/config", "symlink_dot_aws/config", "dot_aws/old_credentials", "aws/config.json",
    "myaws/config", "src/config", "aws/cli/alias", "aws/config.bak", "README.md", "dot_ssh/config",
    ".config/git/config", "terraform/aws/main.tf", ".aws/sso/cache/token.json",
]


def make_tree(root: Path, paths: list[str], text: str = CLEAN) -> None:
    for relative in paths:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def walked(root: Path, warnings: list[str] | None = None) -> list[str]:
    found = walk.walk(str(root), {"HOME": str(root / "no-home")}, (warnings if warnings is not None else []).append)
    return sorted(Path(p).relative_to(root).as_posix() for p in found)


def run_json(cli: Any, *args: str) -> tuple[Any, list[dict[str, Any]]]:
    result = cli(*args, "--format", "json")
    assert "Traceback" not in result.err
    return result, json.loads(result.out)["findings"]


# --- one definition of an AWS file path ------------------------------------------------------


def test_hook_patterns_are_the_discovery_patterns() -> None:
    assert HOOK["files"] == walk.FILES_PATTERN
    assert HOOK["exclude"] == walk.EXCLUDE_PATTERN


def test_walk_finds_exactly_what_the_hook_matches(tmp_path: Path) -> None:
    make_tree(tmp_path, TABLE)
    expected = sorted(p for p in TABLE if hook_matches(p))
    assert walked(tmp_path) == expected
    assert len(expected) == 17 and "dot_aws/run_config" not in expected  # the table has both kinds


def test_every_name_the_pattern_accepts_passes_the_quick_name_test() -> None:
    for path in TABLE:
        if walk.is_aws_path(path):
            assert path.endswith(walk.NAME_ENDINGS), path


# --- dotfiles repositories, end to end -------------------------------------------------------

LAYOUTS = {
    "chezmoi": ("private_dot_aws/config", "private_dot_aws/private_credentials"),
    "chezmoi-template": ("dot_aws/config.tmpl", "dot_aws/private_credentials.tmpl"),
    "stow": ("aws/.aws/config", "aws/.aws/credentials"),
    "yadm": (".aws/config", ".aws/credentials"),  # yadm's work tree is the home folder itself
    "plain": ("aws/config", "aws/credentials"),
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_dot_at_the_root_of_a_dotfiles_repository_lints_every_aws_file(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout: str
) -> None:
    repo = tmp_path / "dotfiles"
    config, credentials = LAYOUTS[layout]
    make_tree(repo, [config], CONFIG)
    make_tree(repo, [credentials], CREDENTIALS)
    make_tree(repo, ["README.md", "dot_gitconfig", ".config/nvim/init.lua", "dot_ssh/config"])
    (repo / ".git").mkdir()
    monkeypatch.chdir(repo)
    listed = cli(".", "--list-files")
    assert listed.code == 0 and listed.err == ""
    assert listed.out == f"./{config}\tconfig\n./{credentials}\tcredentials\n"
    result, findings = run_json(cli, ".")
    assert result.code == 1
    assert json.loads(cli(".", "-f", "json").out)["summary"]["files"] == 2
    # AWS203 (login_session in one file, keys in the other) proves the two were paired.
    assert {(f["path"], f["code"]) for f in findings if f["code"] in ("AWS201", "AWS203")} == {
        (f"./{credentials}", "AWS201"), (f"./{credentials}", "AWS203"),
    }


def test_several_aws_folders_each_paired_with_its_own_sibling(cli: Any, tmp_path: Path) -> None:
    make_tree(tmp_path / "repo", ["work/dot_aws/config"], CONFIG)
    make_tree(tmp_path / "repo", ["home/dot_aws/private_credentials"], CREDENTIALS)
    make_tree(tmp_path / "repo", ["home/dot_aws/config"], CLEAN)
    _, findings = run_json(cli, str(tmp_path / "repo"))
    creds = str(tmp_path / "repo" / "home/dot_aws/private_credentials")
    # The credentials' sibling is home/dot_aws/config (no login_session): no AWS203.
    assert {(f["path"], f["code"]) for f in findings if f["code"] in ("AWS201", "AWS203")} == {(creds, "AWS201")}


def test_templates_pair_with_templates(cli: Any, tmp_path: Path) -> None:
    make_tree(tmp_path / "repo", ["dot_aws/config"], CLEAN)
    make_tree(tmp_path / "repo", ["dot_aws/config.tmpl"], CONFIG)
    make_tree(tmp_path / "repo", ["dot_aws/credentials.tmpl"], CREDENTIALS)
    _, findings = run_json(cli, str(tmp_path / "repo"))
    creds = str(tmp_path / "repo" / "dot_aws/credentials.tmpl")
    assert {(f["path"], f["code"]) for f in findings if f["code"] in ("AWS201", "AWS203")} == {
        (creds, "AWS201"), (creds, "AWS203"),
    }


def test_a_folder_holding_config_itself_is_read_as_before(cli: Any, tmp_path: Path) -> None:
    """~/.aws: its own config and credentials, not its sub-folders (sso/cache, cli/…)."""
    aws = tmp_path / ".aws"
    make_tree(aws, ["config"], CONFIG)
    make_tree(aws, ["nested/.aws/credentials"], CREDENTIALS)
    listed = cli(str(aws), "--list-files")
    assert listed.out == f"{aws}/config\tconfig\n"


def test_list_files_honours_the_settings_exclude_and_exits_zero(cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    make_tree(repo, ["a/.aws/credentials", "b/.aws/credentials"], CREDENTIALS)
    (repo / ".git").mkdir()
    (repo / ".awslint.yaml").write_text("exclude: ['b/**']\n")
    monkeypatch.chdir(repo)
    listed = cli("--list-files", ".")
    assert (listed.code, listed.out) == (0, "./a/.aws/credentials\tcredentials\n")


def test_empty_repository_warns_and_exits_zero(cli: Any, tmp_path: Path) -> None:
    make_tree(tmp_path / "repo", ["README.md", "src/config"])
    result = cli(str(tmp_path / "repo"))
    assert result.code == 0
    assert result.err == f"awslint: warning: {tmp_path / 'repo'}: no AWS config or credentials file in this folder or below it (looked for config and credentials in .aws, aws and dot_aws folders)\n"


# --- what the walk skips -----------------------------------------------------------------------


def test_vcs_node_modules_caches_and_virtualenvs_are_skipped(tmp_path: Path) -> None:
    make_tree(tmp_path, [
        ".git/.aws/config", "node_modules/pkg/.aws/config", "__pycache__/.aws/config", ".hg/aws/config",
        "venv/lib/.aws/config", "env2/.aws/credentials", ".tox/py/aws/config", "keep/.aws/config",
    ])
    (tmp_path / "venv" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    (tmp_path / "env2" / "pyvenv.cfg").write_text("home = /usr/bin\n")
    assert walked(tmp_path) == ["keep/.aws/config"]


def test_git_ignored_files_and_folders_are_skipped_inside_a_work_tree(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    make_tree(repo, [
        "build/.aws/config", "secret/.aws/credentials", "keep/.aws/credentials", "sub/aws/config",
        "sub/aws/credentials", "logs/x/aws/config", "tracked/.aws/config",
    ])
    (repo / ".git" / "info").mkdir(parents=True)
    (repo / ".git" / "info" / "exclude").write_text("logs/\n")
    (repo / ".gitignore").write_text("# comment\n/build\nsecret/\n*/.aws/config\n!tracked/.aws/config\n")
    (repo / "sub" / ".gitignore").write_text("aws/credentials\n")
    assert walked(repo) == ["keep/.aws/credentials", "sub/aws/config", "tracked/.aws/config"]


def test_ignore_rules_of_folders_above_the_walked_one_apply(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    make_tree(repo, ["dotfiles/old/.aws/config", "dotfiles/new/.aws/config"])
    (repo / ".git").mkdir()
    (repo / ".gitignore").write_text("/dotfiles/old/\n")
    assert walked(repo / "dotfiles") == ["new/.aws/config"]


def test_gitignore_outside_a_work_tree_is_not_honoured(tmp_path: Path) -> None:
    make_tree(tmp_path / "plain", ["a/.aws/config"])
    (tmp_path / "plain" / ".gitignore").write_text("a/\n")
    assert walked(tmp_path / "plain") == ["a/.aws/config"]


def test_a_nested_repository_has_its_own_ignore_rules(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    make_tree(repo, ["inner/x/.aws/config", "y/.aws/config"])
    (repo / ".git").mkdir()
    (repo / ".gitignore").write_text("x/\n")  # would hide inner/x, but inner is another repository
    (repo / "inner" / ".git").mkdir()
    (repo / "inner" / ".gitignore").write_text("y/\n")
    assert walked(repo) == ["inner/x/.aws/config", "y/.aws/config"]


@pytest.mark.parametrize(
    ("pattern", "path", "is_dir", "ignored"),
    [
        ("*.tmpl", "a/b/config.tmpl", False, True),
        ("/config", "a/config", False, False),
        ("a/**/config", "a/config", False, True),
        ("a/**/config", "a/b/c/config", False, True),
        ("**/dot_aws", "x/y/dot_aws", True, True),
        ("dot_aws/**", "dot_aws", True, False),
        ("dot_aws/**", "dot_aws/config", False, True),
        ("build/", "build", False, False),
        ("build/", "build", True, True),
        ("[cd]onfig", "config", False, True),
        ("[!c]onfig", "config", False, False),
        ("conf?g", "conf/g", False, False),
        ("\\#notes", "#notes", False, True),
        ("\\!important", "!important", False, True),
        ("a\\*b", "a*b", False, True),
        ("a\\*b", "axb", False, False),
    ],
)
def test_gitignore_semantics(pattern: str, path: str, is_dir: bool, ignored: bool) -> None:
    rules = walk.IgnoreFile((), walk.parse_ignore(pattern + "\n"))
    assert walk.ignored([rules], tuple(path.split("/")), is_dir) is ignored


def test_glob_matching_grows_linearly_on_adversarial_patterns(monkeypatch: pytest.MonkeyPatch) -> None:
    """``*a*a*a*a*a*a*c`` against ``aaaa…`` backtracks exponentially in a naive matcher; here the
    number of character comparisons grows linearly with the name (counted, not timed)."""
    calls = [0]
    real = walk._one

    def counting(token: Any, char: str) -> bool:
        calls[0] += 1
        return real(token, char)

    monkeypatch.setattr(walk, "_one", counting)
    tokens = walk._tokens("*a*a*a*a*a*a*c")
    counts = []
    for size in (2_000, 4_000):
        calls[0] = 0
        assert not walk.name_match(tokens, "a" * size)
        counts.append(calls[0])
    assert counts[1] <= 2.2 * counts[0]
    parts = walk.IgnoreRule("**/a/**/a/**/a/**/c").parts
    calls[0] = 0
    assert not walk.parts_match(parts, ["a"] * 400)
    assert calls[0] < 400 * 20


# --- symbolic links and unreadable folders ---------------------------------------------------


def test_symlink_loops_and_folders_are_not_followed(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    make_tree(repo, ["real/.aws/config"])
    make_tree(tmp_path / "outside", [".aws/credentials"])
    (repo / "loop").symlink_to(repo, target_is_directory=True)
    (repo / "real" / "up").symlink_to("..", target_is_directory=True)
    (repo / "out").symlink_to(tmp_path / "outside", target_is_directory=True)
    assert walked(repo) == ["real/.aws/config"]


def test_symlinked_file_outside_the_tree_is_skipped_with_a_warning(cli: Any, tmp_path: Path) -> None:
    """A pull request's ``dot_aws/credentials -> ~/.aws/credentials`` does not bring the runner's
    own keys into the report."""
    repo = tmp_path / "repo"
    home_keys = tmp_path / "home" / ".aws" / "credentials"
    make_tree(tmp_path / "home", [".aws/credentials"], CREDENTIALS)
    make_tree(repo, ["dot_aws/config"], CLEAN)
    (repo / "dot_aws" / "credentials").symlink_to(home_keys)
    make_tree(repo, ["shared/keys.ini"], CLEAN)
    (repo / "aws").mkdir()
    (repo / "aws" / "credentials").symlink_to("../shared/keys.ini")  # inside the tree: linted
    result, findings = run_json(cli, str(repo))
    assert all(f["path"] != str(repo / "dot_aws" / "credentials") for f in findings)
    assert f"awslint: warning: {repo}/dot_aws/credentials: symbolic link to a file outside {repo}, skipped\n" in result.err
    listed = cli(str(repo), "--list-files")
    assert listed.out == f"{repo}/aws/credentials\tcredentials\n{repo}/dot_aws/config\tconfig\n"


def test_unreadable_folder_is_named_and_the_rest_is_linted(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    make_tree(repo, ["locked/.aws/config", "open/.aws/credentials"], CREDENTIALS)
    real_scandir = os.scandir

    def scandir(path: Any) -> Any:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(walk.os, "scandir", scandir)
    result, findings = run_json(cli, str(repo))
    assert result.code == 1
    assert {f["path"] for f in findings} == {f"{repo}/open/.aws/credentials"}
    assert f"awslint: warning: {repo}/locked: cannot read this folder (Permission denied); skipped\n" in result.err


def test_a_fifo_named_like_an_aws_file_is_skipped_without_blocking(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    make_tree(tmp_path, ["a/.aws/config"])
    (tmp_path / "b" / ".aws").mkdir(parents=True)
    os.mkfifo(tmp_path / "b" / ".aws" / "credentials")
    warnings: list[str] = []
    assert walked(tmp_path, warnings) == ["a/.aws/config"]
    assert warnings == [f"{tmp_path}/b/.aws/credentials: not a regular file, skipped"]


def test_a_fifo_gitignore_does_not_block_the_walk(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    make_tree(tmp_path, ["a/.aws/config"])
    (tmp_path / ".git").mkdir()
    os.mkfifo(tmp_path / ".gitignore")
    assert walked(tmp_path) == ["a/.aws/config"]


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_ignore_decisions_agree_with_git(tmp_path: Path) -> None:
    """The oracle: in a fresh repository (our own, no hostile settings), the AWS files git lists
    as untracked and not ignored are exactly the walked ones."""
    repo = tmp_path / "repo"
    paths = [
        f"{top}/{mid}{folder}/{name}"
        for top in ("a", "b", "docs", "x")
        for mid in ("", "deep/")
        for folder in (".aws", "dot_aws", "aws")
        for name in ("config", "credentials", "config.tmpl")
    ]
    make_tree(repo, paths)
    (repo / ".gitignore").write_text(
        "b/\n*.tmpl\n!a/dot_aws/config.tmpl\n/docs/deep\n**/aws/credentials\nx/**/.aws\n[d]ot_aws/\n\\#x\n  \n"
    )
    (repo / "a" / ".gitignore").write_text("deep/aws/*\n!deep/aws/config\n")
    env = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "xdg"), "PATH": os.environ.get("PATH", ""),
           "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=env)
    (repo / ".git" / "info" / "exclude").write_text("x/deep/\n")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--others", "--exclude-standard"], cwd=repo, check=True, capture_output=True, env=env
    ).stdout.decode().split("\0")
    expected = sorted(p for p in listed if p and walk.is_aws_path(p))
    assert expected  # the case is not vacuous
    assert walked(repo) == expected


def test_a_costly_gitignore_stops_being_applied_instead_of_hanging(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Thousands of backtracking-prone lines against long folder names: the walk's ignore work is
    bounded (here a small budget), then it warns and lints everything, never fewer files."""
    monkeypatch.setattr(walk, "IGNORE_BUDGET", 200_000)
    repo = tmp_path / "repo"
    long = "a" * 200
    make_tree(repo, [f"{long}{i}/.aws/config" for i in range(30)])
    (repo / ".git").mkdir()
    # The plain line comes first, so it is tried last (the last matching line wins).
    (repo / ".gitignore").write_text(f"{long}0/\n" + "".join(f"*a*a*a*a*a*a*a*a*{i}c\n" for i in range(2000)))
    warnings: list[str] = []
    found = walked(repo, warnings)
    assert len(found) == 30  # the first line would have hidden one folder: the budget ran out first
    assert warnings == [f"{repo}: the .gitignore rules are too costly to apply; files git ignores are linted too"]


def test_the_global_ignore_file_and_a_linked_worktrees_exclude_are_read(tmp_path: Path) -> None:
    """git's default core.excludesFile ($XDG_CONFIG_HOME/git/ignore) and, for a worktree whose
    ``.git`` is a file, the common git folder's info/exclude."""
    main_git = tmp_path / "main" / ".git"
    (main_git / "info").mkdir(parents=True)
    (main_git / "info" / "exclude").write_text("excluded/\n")
    (main_git / "worktrees" / "wt").mkdir(parents=True)
    (main_git / "worktrees" / "wt" / "commondir").write_text("../..\n")
    tree = tmp_path / "wt"
    make_tree(tree, ["excluded/.aws/config", "global/.aws/config", "kept/.aws/config"])
    (tree / ".git").write_text(f"gitdir: {main_git / 'worktrees' / 'wt'}\n")
    (tmp_path / "xdg" / "git").mkdir(parents=True)
    (tmp_path / "xdg" / "git" / "ignore").write_text("global\n")
    found = walk.walk(str(tree), {"XDG_CONFIG_HOME": str(tmp_path / "xdg")}, lambda _: None)
    assert found == [str(tree / "kept/.aws/config")]


def test_a_file_named_and_also_found_by_the_walk_is_linted_once(cli: Any, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    make_tree(repo, ["dot_aws/credentials"], CREDENTIALS)
    result, findings = run_json(cli, str(repo), str(repo / "dot_aws" / "credentials"))
    assert [f["code"] for f in findings if f["code"] == "AWS201"] == ["AWS201"]
    assert cli(str(repo), str(repo / "dot_aws" / "credentials"), "--list-files").out == f"{repo}/dot_aws/credentials\tcredentials\n"
