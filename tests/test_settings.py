"""Settings files: discovery, every setting, precedence of the command line, strict errors."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from support.fakes import KEY_ID, SECRET, write_layout

CONFIG = "[default]\nregion = us-east-1 # main\n"
CREDENTIALS = f"[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    write_layout(root / "aws", CONFIG, CREDENTIALS)
    monkeypatch.chdir(root)
    return root


def found(cli, *args: str) -> list[str]:
    result = cli(*args, "-f", "json")
    assert result.code in (0, 1), result.err
    return sorted(f["code"] for f in json.loads(result.out)["findings"] if "suppressed" not in f)


def test_no_settings_file(cli, repo: Path) -> None:
    assert found(cli, "aws") == ["AWS006", "AWS201", "AWS202"]


def test_select_ignore_and_severity(cli, repo: Path) -> None:
    (repo / ".awslint.yaml").write_text("select: [AWS0, default-profile-static-keys]\nignore: [AWS006]\nseverity: {AWS201: info}\n")
    result = cli("aws", "-f", "json")
    document = json.loads(result.out)
    assert [(f["code"], f["severity"]) for f in document["findings"]] == [("AWS201", "info")]
    assert result.code == 0  # info is below the default fail-on


def test_found_from_a_subfolder_and_relative_to_itself(cli, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / ".awslint.yml").write_text("exclude: [aws/credentials]\n")
    monkeypatch.chdir(repo / "aws")
    assert found(cli, ".") == ["AWS006"]
    assert found(cli, "credentials") == []  # excluded even when named (as pre-commit does)


def test_search_stops_at_the_repository_root(cli, tmp_path: Path, repo: Path) -> None:
    (tmp_path / ".awslint.yaml").write_text("ignore: [AWS006]\n")  # above the repository: not used
    assert found(cli, "aws") == ["AWS006", "AWS201", "AWS202"]


def test_explicit_config_wins_over_discovery(cli, repo: Path, tmp_path: Path) -> None:
    (repo / ".awslint.yaml").write_text("ignore: [AWS006]\n")
    other = tmp_path / "other.yaml"
    other.write_text("ignore: [AWS201, AWS202]\n")
    assert found(cli, "aws") == ["AWS201", "AWS202"]
    assert found(cli, "aws", "--config", str(other)) == ["AWS006"]


def test_command_line_wins(cli, repo: Path) -> None:
    (repo / ".awslint.yaml").write_text("select: [AWS006]\nfail-on: error\n")
    assert found(cli, "aws") == ["AWS006"]
    assert found(cli, "aws", "--select", "AWS201") == ["AWS201"]
    assert found(cli, "aws", "--ignore", "AWS006") == []
    assert cli("aws", "--select", "AWS201").code == 0  # warning, and fail-on: error from the file
    assert cli("aws", "--select", "AWS201", "--fail-on", "warning").code == 1


def test_include_limits_reported_files(cli, repo: Path) -> None:
    (repo / ".awslint.yaml").write_text("include: ['**/config']\n")
    assert found(cli, "aws") == ["AWS006"]


def test_rule_packs_relative_to_the_file(cli, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "ci").mkdir()
    (repo / "ci" / "org.yaml").write_text(
        "rules:\n  - code: ORG001\n    name: no-us-east-1\n    severity: warning\n    scope: profile\n"
        "    summary: s\n    when: {fact: region, matches: '^us-east-1'}\n    message: m\n"
    )
    (repo / ".awslint.yaml").write_text("rule-packs: [ci/org.yaml]\nselect: [ORG]\n")
    monkeypatch.chdir(repo / "aws")
    assert found(cli, ".") == ["ORG001"]


def test_opt_in_regions_and_allowed_keys_change_the_data(repo: Path) -> None:
    from awslint.run.settings import load_config
    from awslint.engine.ruleset import load_rules

    (repo / ".awslint.yaml").write_text("opt-in-regions: [eu-west-1]\nallowed-keys: [My_Tool_Key]\n")
    config = load_config(None, str(repo), {})
    assert config is not None
    ruleset = load_rules()
    before = list(ruleset.data.get("allowed_keys", []))
    config.apply_data(ruleset.data)
    assert ruleset.data["opt_in_regions"] == ["eu-west-1"]
    assert ruleset.data["allowed_keys"] == before + ["my_tool_key"]


def test_opt_in_region_list_reaches_the_rules(cli, repo: Path) -> None:
    # A pasted session token in eu-west-1 is AWS301 only when eu-west-1 is opt-in.
    from support.fakes import TEMP_KEY_ID, TEMP_SECRET, TOKEN

    write_layout(
        repo / "aws",
        "[profile t]\nregion = eu-west-1\n",
        f"[t]\naws_access_key_id = {TEMP_KEY_ID}\naws_secret_access_key = {TEMP_SECRET}\naws_session_token = {TOKEN}\n",
    )
    assert "AWS301" not in found(cli, "aws")
    (repo / ".awslint.yaml").write_text("opt-in-regions: [eu-west-1]\n")
    assert "AWS301" in found(cli, "aws")


@pytest.mark.skipif(sys.version_info < (3, 11), reason="pyproject settings need tomllib (Python 3.11+)")
def test_pyproject_table(cli, repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.awslint]\nignore = ["AWS006"]\nfail-on = "error"\n')
    assert found(cli, "aws") == ["AWS201", "AWS202"]
    assert cli("aws").code == 0
    (repo / "pyproject.toml").write_text('[tool.awslint]\nignore = ["AWS006"]\nfail_on = "error"\n')
    result = cli("aws")
    assert result.code == 2
    assert result.err == "awslint: error: pyproject.toml:3: unknown setting 'fail_on' (did you mean 'fail-on'?); allowed: " + ", ".join(
        __import__("awslint.run.settings", fromlist=["KEYS"]).KEYS
    ) + "\n"


@pytest.mark.skipif(sys.version_info < (3, 11), reason="pyproject settings need tomllib (Python 3.11+)")
def test_a_deeply_nested_pyproject_value_is_an_error_not_a_crash(cli, repo: Path) -> None:
    (repo / "pyproject.toml").write_text("[tool.awslint]\nselect = " + "[" * 50000 + "]" * 50000 + "\n")
    result = cli("aws")
    assert result.code == 2, result
    assert result.err == "awslint: error: pyproject.toml:1: nested too deeply\n"


def test_pyproject_without_the_table_is_ignored(cli, repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n')
    assert found(cli, "aws") == ["AWS006", "AWS201", "AWS202"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("selct: [AWS006]\n", ".awslint.yaml:1: unknown setting 'selct' (did you mean 'select'?)"),
        ("select: AWS006\nignore:\n  - AWS006\n  - AWS2O1\n", ".awslint.yaml:4: ignore: no rule matches 'AWS2O1' (did you mean 'AWS201'?)"),
        ("severity:\n  AWS006: eror\n", ".awslint.yaml:2: severity of AWS006: unknown severity 'eror' (did you mean 'error'?)"),
        ("severity:\n  AWS06: error\n", ".awslint.yaml:2: severity: no rule 'AWS06' (did you mean 'AWS006'?)"),
        ("fail-on: warn\n", ".awslint.yaml:1: fail-on: unknown severity 'warn'"),
        ("rule-packs: [nope.yaml]\n", ".awslint.yaml:1: rule-packs: nope.yaml: no such file or directory"),
        ("opt-in-regions: [ap-east]\n", ".awslint.yaml:1: opt-in-regions: 'ap-east' is not a region code"),
        ("exclude: [1, 2]\n", ".awslint.yaml:1: each entry of 'exclude' must be a non-empty string"),
        ("- select\n", ".awslint.yaml:1: the configuration must be a mapping"),
        ("select: [a\n", ".awslint.yaml:2: invalid YAML"),
        ("select: [AWS006]\nselect: [AWS201]\n", ".awslint.yaml:2: duplicate key 'select'"),
    ],
)
def test_mistakes_are_one_line_with_file_and_line(cli, repo: Path, text: str, message: str) -> None:
    (repo / ".awslint.yaml").write_text(text)
    result = cli("aws")
    assert result.code == 2, result
    assert result.err.startswith(f"awslint: error: {message}"), result.err
    assert result.err.count("\n") == 1 and result.out == ""


def test_missing_explicit_config(cli, repo: Path) -> None:
    result = cli("aws", "--config", "nope.yaml")
    assert result.code == 2 and result.err == "awslint: error: --config nope.yaml: no such file or directory\n"


def test_empty_file_is_fine(cli, repo: Path) -> None:
    (repo / ".awslint.yaml").write_text("# nothing yet\n")
    assert found(cli, "aws") == ["AWS006", "AWS201", "AWS202"]


@pytest.mark.parametrize(
    ("pattern", "path", "matches"),
    [
        ("credentials", "a/b/credentials", True),
        ("aws/credentials", "aws/credentials", True),
        ("aws/credentials", "x/aws/credentials", False),
        ("**/aws/*", "x/aws/config", True),
        ("legacy/", "legacy/a/config", True),
        ("*.tmpl", "dot_aws/config.tmpl", True),
        ("dot_aws/*", "dot_aws/sub/config", True),  # a matched folder covers what is below (gitignore)
        ("dot_aws/*.tmpl", "dot_aws/sub/config", False),
        ("dot_aws/**", "dot_aws/sub/config", True),
        ("conf[ig]g", "config", True),
        ("conf[xy]g", "config", False),
    ],
)
def test_globs(pattern: str, path: str, matches: bool) -> None:
    from awslint.run.settings import glob_match

    assert glob_match(pattern, path) is matches


def test_allowed_keys_silence_unknown_key(cli, repo: Path) -> None:
    write_layout(repo / "aws", "[default]\nregion = eu-west-1\nmy_tool_profile = ops\n", None)
    (repo / "aws" / "credentials").unlink()
    assert "AWS011" in found(cli, "aws/config")
    (repo / ".awslint.yaml").write_text("allowed-keys: [my_tool_profile]\n")
    assert "AWS011" not in found(cli, "aws/config")
