"""Settings found from each linted file, trusted only where they belong (issues 13 and 17).

A settings file applies to the files beneath its own folder and nowhere else; the search stops
at the repository root or the home folder; a file owned by another user is ignored; the user's
own file comes next; ``--config`` overrides all. Per-file ignores and extend-select as ruff has them.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from support.fakes import KEY_ID, SECRET, write_layout

from awslint.files.discovery import FileRef, Layout
from awslint.run.groups import assign

CONFIG = "[default]\nregion = us-east-1 # main\n"  # AWS006
CREDENTIALS = f"[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n"  # AWS201, AWS202


def found(cli: Any, *args: str) -> list[str]:
    result = cli(*args, "-f", "json")
    assert result.code in (0, 1), result.err
    return sorted({f["code"] for f in json.loads(result.out)["findings"] if "suppressed" not in f} & {"AWS006", "AWS201", "AWS202", "ORG001"})


def paths_and_codes(cli: Any, *args: str) -> set[tuple[str, str]]:
    result = cli(*args, "-f", "json")
    assert result.code in (0, 1), result.err
    return {(f["path"], f["code"]) for f in json.loads(result.out)["findings"] if f["code"] in ("AWS006", "AWS201", "ORG001")}


@pytest.fixture
def home(cli: Any) -> Path:
    path = Path(os.environ["HOME"])
    write_layout(path / ".aws", CONFIG, CREDENTIALS)
    return path


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """A repository someone else wrote, with settings that would silence everything."""
    root = tmp_path / "clone"
    (root / ".git").mkdir(parents=True)
    write_layout(root / "dot_aws", CONFIG, CREDENTIALS)
    (root / ".awslint.yaml").write_text('exclude: ["**"]\nselect: [AWS0]\n')
    return root


# --- scope -------------------------------------------------------------------------------------


def test_a_clones_settings_do_not_silence_files_outside_it(
    cli: Any, home: Path, clone: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reproduction of issue 13: ``awslint ~/.aws`` run from inside a hostile clone."""
    monkeypatch.chdir(clone)
    assert found(cli, str(home / ".aws")) == ["AWS006", "AWS201", "AWS202"]
    assert found(cli) == ["AWS006", "AWS201", "AWS202"]  # no PATH: ~/.aws, same answer


def test_a_clones_settings_apply_to_its_own_files(cli: Any, clone: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(clone)
    assert found(cli, ".") == []
    assert found(cli, "dot_aws/credentials") == []  # named by pre-commit: still its own settings


def test_each_repository_linted_in_one_run_follows_its_own_settings(cli: Any, tmp_path: Path) -> None:
    """Two repositories, each with a rule pack and a selection: neither leaks into the other."""
    pack = (
        "rules:\n  - code: ORG001\n    name: no-us-east-1\n    severity: warning\n    scope: profile\n"
        "    summary: s\n    when: {fact: region, matches: '^us-east-1'}\n    message: m\n"
    )
    a, b = tmp_path / "a", tmp_path / "b"
    for repo in (a, b):
        (repo / ".git").mkdir(parents=True)
        write_layout(repo / "dot_aws", CONFIG, CREDENTIALS)
    (a / "org.yaml").write_text(pack)
    (a / ".awslint.yaml").write_text("rule-packs: [org.yaml]\nselect: [ORG]\n")
    (b / ".awslint.yaml").write_text("ignore: [AWS006]\n")
    assert paths_and_codes(cli, str(a), str(b)) == {
        (f"{a}/dot_aws/config", "ORG001"), (f"{b}/dot_aws/credentials", "AWS201"),
    }


def test_fail_on_is_the_one_of_the_files_own_settings(cli: Any, tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for repo in (a, b):
        (repo / ".git").mkdir(parents=True)
        write_layout(repo / "aws", CONFIG)
        (repo / ".awslint.yaml").write_text("severity: {AWS006: warning}\n")
    (a / ".awslint.yaml").write_text("fail-on: error\nseverity: {AWS006: warning}\n")
    assert cli(str(a / "aws")).code == 0
    assert cli(str(a / "aws"), str(b / "aws")).code == 1  # b's warning counts under b's default


def test_home_settings_are_honoured_from_the_root_folder(cli: Any, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (home / ".awslint.yaml").write_text("ignore: [AWS201]\n")
    monkeypatch.chdir("/")
    assert found(cli, str(home / ".aws")) == ["AWS006", "AWS202"]


def test_settings_above_the_repository_root_are_not_used(cli: Any, tmp_path: Path) -> None:
    (tmp_path / ".awslint.yaml").write_text("ignore: [AWS006]\n")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write_layout(repo / "aws", CONFIG)
    assert found(cli, str(repo / "aws")) == ["AWS006"]
    plain = tmp_path / "plain"  # no repository: the search goes on upwards
    write_layout(plain / "aws", CONFIG)
    assert found(cli, str(plain / "aws")) == []


def test_settings_above_home_are_not_used(cli: Any, home: Path) -> None:
    (home.parent / ".awslint.yaml").write_text("ignore: [AWS006]\n")
    assert found(cli, str(home / ".aws")) == ["AWS006", "AWS201", "AWS202"]


# --- symbolic links ----------------------------------------------------------------------------


def test_a_file_reached_through_a_link_gets_the_settings_of_where_it_lives(
    cli: Any, home: Path, clone: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``clone/link -> ~/.aws``: the clone's settings must not silence the user's own files."""
    (clone / "link").symlink_to(home / ".aws")
    monkeypatch.chdir(clone)
    assert found(cli, "link/credentials", "link/config") == ["AWS006", "AWS201", "AWS202"]
    assert found(cli, "link") == ["AWS006", "AWS201", "AWS202"]
    assert found(cli, "dot_aws/credentials", "dot_aws/config") == []  # its own files: its settings


def test_a_settings_file_linking_outside_its_repository_is_ignored_with_a_warning(cli: Any, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write_layout(repo / "aws", CONFIG)
    (tmp_path / "elsewhere.yaml").write_text("ignore: [AWS006]\n")
    (repo / ".awslint.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    result = cli(str(repo / "aws"), "-f", "json")
    assert [f["code"] for f in json.loads(result.out)["findings"]] == ["AWS006"]
    warning = f"awslint: warning: {repo / '.awslint.yaml'}: settings file is a symbolic link to a file outside the repository, ignored\n"
    assert warning in result.err


def test_a_pyproject_linking_outside_its_repository_is_not_read(cli: Any, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write_layout(repo / "aws", CONFIG)
    (tmp_path / "pyproject.toml").write_text('[tool.awslint]\nignore = ["AWS006"]\n')
    (repo / "pyproject.toml").symlink_to(tmp_path / "pyproject.toml")
    result = cli(str(repo / "aws"), "-f", "json")
    assert [f["code"] for f in json.loads(result.out)["findings"]] == ["AWS006"]
    assert result.err == ""  # not read, so nothing to warn about: most such links are other tools'


def test_a_settings_file_linking_within_its_repository_is_used(cli: Any, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write_layout(repo / "svc" / "aws", CONFIG)
    (repo / "shared.yaml").write_text("ignore: [AWS006]\n")
    (repo / "svc" / ".awslint.yaml").symlink_to("../shared.yaml")
    result = cli(str(repo / "svc" / "aws"), "-f", "json")
    assert result.code == 0 and "warning:" not in result.err, result


# --- ownership ---------------------------------------------------------------------------------

needs_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown to another user needs root")


@needs_root
def test_settings_owned_by_another_user_are_ignored_with_a_warning(cli: Any, tmp_path: Path) -> None:
    repo = tmp_path / "shared"
    (repo / ".git").mkdir(parents=True)
    write_layout(repo / "aws", CONFIG, CREDENTIALS)
    settings = repo / ".awslint.yaml"
    settings.write_text("select: [AWS0]\nignore: [AWS006]\n")
    os.chown(settings, 12345, 12345)
    result = cli(str(repo / "aws"), "-f", "json")
    assert sorted({f["code"] for f in json.loads(result.out)["findings"]} & {"AWS006", "AWS201"}) == ["AWS006", "AWS201"]
    assert f"awslint: warning: {settings}: settings file owned by another user (uid 12345), ignored\n" in result.err
    os.chown(settings, 0, 0)  # root's own: trusted
    assert found(cli, str(repo / "aws")) == []


@needs_root
def test_a_link_owned_by_another_user_to_a_trusted_file_is_ignored(cli: Any, tmp_path: Path) -> None:
    repo = tmp_path / "shared"
    (repo / ".git").mkdir(parents=True)
    write_layout(repo / "aws", CONFIG)
    (repo / "ci").mkdir()
    (repo / "ci" / "mine.yaml").write_text("ignore: [AWS006]\n")  # inside: only the owner is wrong
    link = repo / ".awslint.yaml"
    link.symlink_to(repo / "ci" / "mine.yaml")
    os.lchown(link, 12345, 12345)
    assert found(cli, str(repo / "aws")) == ["AWS006"]


@needs_root
def test_user_settings_owned_by_another_user_are_ignored(cli: Any, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    xdg = tmp_path / "xdg"
    (xdg / "awslint").mkdir(parents=True)
    (xdg / "awslint" / "config.yaml").write_text("ignore: [AWS006]\n")
    os.chown(xdg / "awslint" / "config.yaml", 12345, 12345)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(xdg))
    assert "AWS006" in found(cli, str(home / ".aws"))


# --- the user's own file and --config --------------------------------------------------------------


def test_user_settings_apply_when_no_project_file_does(
    cli: Any, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (home / ".config" / "awslint").mkdir(parents=True)
    (home / ".config" / "awslint" / "config.yaml").write_text("ignore: [AWS201]\n")
    assert found(cli, str(home / ".aws")) == ["AWS006", "AWS202"]
    xdg = tmp_path / "xdg"
    (xdg / "awslint").mkdir(parents=True)
    (xdg / "awslint" / "config.yaml").write_text("ignore: [AWS006]\n")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(xdg))  # XDG_CONFIG_HOME wins over ~/.config
    assert found(cli, str(home / ".aws")) == ["AWS201", "AWS202"]
    monkeypatch.setenv("XDG_CONFIG_HOME", "relative/xdg")  # invalid per the XDG spec: ~/.config
    assert found(cli, str(home / ".aws")) == ["AWS006", "AWS202"]


def test_a_project_file_wins_over_the_user_file_without_merging(cli: Any, home: Path, tmp_path: Path) -> None:
    (home / ".config" / "awslint").mkdir(parents=True)
    (home / ".config" / "awslint" / "config.yaml").write_text("ignore: [AWS201]\n")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write_layout(repo / "aws", CONFIG, CREDENTIALS)
    (repo / ".awslint.yaml").write_text("ignore: [AWS006]\n")
    assert found(cli, str(repo / "aws")) == ["AWS201", "AWS202"]


def test_explicit_config_overrides_every_other_file(cli: Any, home: Path, clone: Path, tmp_path: Path) -> None:
    (home / ".awslint.yaml").write_text("ignore: [AWS201]\n")
    explicit = tmp_path / "ci.yaml"
    explicit.write_text("select: [AWS201]\n")
    assert paths_and_codes(cli, str(home / ".aws"), str(clone), "--config", str(explicit)) == {
        (f"{home}/.aws/credentials", "AWS201"), (f"{clone}/dot_aws/credentials", "AWS201"),
    }


# --- per-file-ignores and extend-select -------------------------------------------------------------


def test_per_file_ignores_turn_rules_off_for_matching_files(cli: Any, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write_layout(repo / "legacy" / ".aws", CONFIG, CREDENTIALS)
    write_layout(repo / "current" / ".aws", CONFIG, CREDENTIALS)
    (repo / ".awslint.yaml").write_text(
        "per-file-ignores:\n  'legacy/**': [AWS006, default-profile-static-keys]\n  '**/credentials': [AWS202]\n"
    )
    result = cli(str(repo), "-f", "json")
    got = {(Path(f["path"]).relative_to(repo).as_posix(), f["code"]) for f in json.loads(result.out)["findings"]}
    assert {item for item in got if item[1] in ("AWS006", "AWS201", "AWS202")} == {
        ("current/.aws/config", "AWS006"), ("current/.aws/credentials", "AWS201"),
    }


def test_per_file_ignores_naming_no_rule_is_an_error_with_its_line(cli: Any, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write_layout(repo / "aws", CONFIG)
    (repo / ".awslint.yaml").write_text("per-file-ignores:\n  'aws/*': [AWS006]\n  'x/*': [AWS9999]\n")
    result = cli(str(repo / "aws"))
    assert result.code == 2
    assert result.err.startswith(f"awslint: error: {repo / '.awslint.yaml'}:3: per-file-ignores: x/*: no rule matches 'AWS9999'")
    (repo / ".awslint.yaml").write_text("per-file-ignores: [AWS006]\n")
    assert cli(str(repo / "aws")).err.startswith(f"awslint: error: {repo / '.awslint.yaml'}:1: 'per-file-ignores' must map globs")


def test_extend_select_adds_to_select(cli: Any, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write_layout(repo / "aws", CONFIG, CREDENTIALS)
    (repo / ".awslint.yaml").write_text("select: [AWS006]\nextend-select: [AWS201]\n")
    assert found(cli, str(repo / "aws")) == ["AWS006", "AWS201"]
    assert found(cli, str(repo / "aws"), "--select", "AWS202") == ["AWS202"]  # --select replaces both
    assert found(cli, str(repo / "aws"), "--extend-select", "AWS202") == ["AWS006", "AWS201", "AWS202"]


def test_pyproject_table_takes_the_new_settings(cli: Any, tmp_path: Path) -> None:
    pytest.importorskip("tomllib")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    write_layout(repo / "aws", CONFIG, CREDENTIALS)
    (repo / "pyproject.toml").write_text(
        '[tool.awslint]\nselect = ["AWS006"]\nextend-select = ["AWS201"]\n\n[tool.awslint.per-file-ignores]\n"**/config" = ["AWS006"]\n'
    )
    assert found(cli, str(repo / "aws")) == ["AWS201"]


# --- a layout whose two files answer to different settings ------------------------------------------


def test_files_with_different_settings_are_linted_each_under_its_own(tmp_path: Path) -> None:
    """Each file reported once, under its own settings; the other read as context."""

    class Finder:
        def for_file(self, path: str) -> Any:
            return settings[path]

    class Settings:
        def reports(self, path: str, cwd: str) -> bool:
            return True

    settings = {"c/config": Settings(), "c/credentials": Settings()}
    layout = Layout(FileRef("c/config", "c/config", "config"), FileRef("c/credentials", "c/credentials", "credentials"))
    groups = assign([layout], Finder(), str(tmp_path))
    assert len(groups) == 2
    reported = [[(ref.display, ref.reported) for ref in g.layouts[0].files] for g in groups]
    assert reported == [[("c/config", True), ("c/credentials", False)], [("c/config", False), ("c/credentials", True)]]
    assert [g.config for g in groups] == [settings["c/config"], settings["c/credentials"]]


def test_a_misspelt_extend_select_is_an_error(cli: Any, tmp_path: Path) -> None:
    write_layout(tmp_path / "aws", CONFIG)
    result = cli(str(tmp_path / "aws"), "--extend-select", "AWS0O6")
    assert result.code == 2 and result.err.startswith("awslint: error: --extend-select: no rule matches 'AWS0O6'")
