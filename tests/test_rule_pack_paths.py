"""Rule packs named by a settings file stay beneath its folder (issue 13, parts 1-2, reproduction 11).

A repository's ``.awslint.yaml`` is untrusted: naming ``/home/me/.kube/config`` or ``../../x`` as
a pack told it which files exist and quoted the first key of other YAML files in the error.
Packs given on the command line (``--rules``) may be anywhere.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from support.fakes import write_layout

PACK = (
    "rules:\n  - code: ORG001\n    name: no-us-east-1\n    severity: warning\n    scope: profile\n"
    "    summary: s\n    when: {fact: region, matches: '^us-east-1'}\n    message: m\n"
)
OTHER_YAML = "apiVersion: v1\nclusters:\n- cluster: {server: https://k8s.internal}\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    write_layout(root / "aws", "[profile a]\nregion = us-east-1\n")
    (tmp_path / "outside.yaml").write_text(OTHER_YAML)
    monkeypatch.chdir(root)
    return root


def settings(repo: Path, pack: str) -> None:
    (repo / ".awslint.yaml").write_text(f"rule-packs: ['{pack}']\nselect: [ORG]\n")


@pytest.mark.parametrize("pack", ["{outside}", "../outside.yaml", "aws/../../outside.yaml", "~/outside.yaml", "{missing}"])
def test_a_settings_file_cannot_name_a_pack_outside_its_folder(cli, repo: Path, pack: str, monkeypatch) -> None:
    monkeypatch.setenv("HOME", str(repo.parent))
    pack = pack.format(outside=repo.parent / "outside.yaml", missing=repo.parent / "missing.yaml")
    settings(repo, pack)
    result = cli("aws")
    assert result.code == 2, result
    assert f".awslint.yaml:1: rule-packs: {pack}: must be a path inside" in result.err
    assert "--rules" in result.err
    # Nothing of the other file is quoted, and a missing file gets the same answer (no oracle).
    assert "apiVersion" not in result.err and "clusters" not in result.err
    assert "no such file" not in result.err


def test_a_symbolic_link_inside_the_folder_cannot_lead_out(cli, repo: Path) -> None:
    os.symlink(repo.parent / "outside.yaml", repo / "pack.yaml")
    settings(repo, "pack.yaml")
    result = cli("aws")
    assert result.code == 2 and "must be a path inside" in result.err
    assert "apiVersion" not in result.err


def test_packs_beneath_the_folder_still_load(cli, repo: Path) -> None:
    (repo / "ci").mkdir()
    (repo / "ci" / "org.yaml").write_text(PACK)
    settings(repo, "aws/../ci/org.yaml")
    result = cli("aws")
    assert result.code == 1 and "ORG001" in result.out, result


def test_the_command_line_may_name_a_pack_anywhere(cli, repo: Path) -> None:
    (repo.parent / "org.yaml").write_text(PACK)
    result = cli("aws", "--rules", str(repo.parent / "org.yaml"), "--select", "ORG")
    assert result.code == 1 and "ORG001" in result.out, result


def test_a_yaml_file_that_is_no_pack_is_not_quoted(cli, repo: Path) -> None:
    (repo / "values.yaml").write_text(OTHER_YAML)
    settings(repo, "values.yaml")
    result = cli("aws")
    assert result.code == 2
    assert "values.yaml:1: not a rule pack" in result.err
    assert "apiVersion" not in result.err and "clusters" not in result.err


def test_a_misspelt_pack_key_still_gets_its_did_you_mean(tmp_path: Path) -> None:
    from awslint.errors import UsageError
    from awslint.engine.ruleset import load_rules

    path = tmp_path / "pack.yaml"
    path.write_text("rulez: []\n")
    with pytest.raises(UsageError, match="did you mean 'rules'"):
        load_rules([str(path)], include_builtin=False)


# --- files of a pack folder (review: links inside the folder were followed) --------------------


def pack_folder_linking_out(repo: Path, target: Path) -> Path:
    """``repo/pack`` with a good pack and ``b.yaml``, a link to ``target`` outside the repository."""
    (repo / "pack").mkdir()
    (repo / "pack" / "a.yaml").write_text(PACK.replace("ORG001", "ORG002").replace("no-us-east-1", "other-rule"))
    os.symlink(target, repo / "pack" / "b.yaml")
    return repo / "pack" / "b.yaml"


def test_a_link_in_a_settings_pack_folder_to_a_file_outside_is_refused_unread(cli, repo: Path) -> None:
    link = pack_folder_linking_out(repo, repo.parent / "outside.yaml")
    settings(repo, "pack")
    result = cli("aws")
    assert result.code == 2, result
    assert result.err.startswith(f"awslint: error: {link}: leads outside {repo} (the settings file's folder)")
    assert "--rules" in result.err
    # Refused before reading: read, the file would have been "not a rule pack".
    assert "not a rule pack" not in result.err and "apiVersion" not in result.err


def test_a_linked_folder_in_a_settings_pack_loads_nothing_from_outside(cli, repo: Path) -> None:
    (repo.parent / "elsewhere").mkdir()
    (repo.parent / "elsewhere" / "c.yaml").write_text(PACK)
    (repo / "pack").mkdir()
    (repo / "pack" / "a.yaml").write_text(PACK.replace("ORG001", "ORG002").replace("no-us-east-1", "other-rule"))
    os.symlink(repo.parent / "elsewhere", repo / "pack" / "sub")
    settings(repo, "pack")
    result = cli("aws", "-f", "json")
    if result.code == 2:  # a Python whose rglob enters linked folders: their files are refused
        assert "leads outside" in result.err
    else:
        assert result.code == 1 and "ORG002" in result.out, result
    assert "ORG001" not in result.out


def test_a_link_in_a_settings_pack_folder_to_a_file_inside_loads(cli, repo: Path) -> None:
    (repo / "ci").mkdir()
    (repo / "ci" / "org.yaml").write_text(PACK)
    (repo / "pack").mkdir()
    os.symlink(repo / "ci" / "org.yaml", repo / "pack" / "org.yaml")
    settings(repo, "pack")
    result = cli("aws")
    assert result.code == 1 and "ORG001" in result.out, result


def test_a_pack_folder_given_with_rules_may_link_anywhere(cli, repo: Path) -> None:
    (repo.parent / "org.yaml").write_text(PACK)
    pack_folder_linking_out(repo, repo.parent / "org.yaml")
    result = cli("aws", "--rules", "pack", "--select", "ORG")
    assert result.code == 1 and "ORG001" in result.out and "ORG002" in result.out, result
