"""Regressions found in review: each once let a secret out, crashed, hung, or misreported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import KEY_ID, SECRET, write_layout


def test_key_id_written_as_a_key_name_is_masked(cli, tmp_path: Path) -> None:
    folder = write_layout(tmp_path / "aws", None, f"[default]\n{KEY_ID} = {SECRET}  # old\n{KEY_ID} = x\n")
    for fmt in ("text", "json"):
        result = cli(str(folder), "-f", fmt)
        assert result.code == 1
        assert KEY_ID.lower() not in result.out.lower() and SECRET not in result.out
    findings = json.loads(cli(str(folder), "-f", "json").out)["findings"]
    assert {f["key"] for f in findings} == {"akia…2epf"}


def test_swapped_key_and_secret_show_no_part_of_the_secret(lint) -> None:
    (finding,) = lint(credentials=f"[default]\naws_access_key_id = {SECRET}\naws_secret_access_key = {KEY_ID}\n", select=["AWS201"])
    assert SECRET[:4] not in finding.message and SECRET[-4:] not in finding.message
    assert "static key ****" in finding.message


def test_real_secret_starting_with_my_is_not_a_placeholder(lint) -> None:
    secret = "My" + SECRET[2:]
    assert lint(credentials=f"[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {secret}\n", select=["AWS201"])
    assert not lint(credentials="[default]\naws_access_key_id = your-access-key-id\naws_secret_access_key = your_secret_key\n", select=["AWS201"])


def test_yaml_alias_bomb_in_a_rule_pack_is_refused_quickly(cli, tmp_path: Path) -> None:
    lines = ["rules:", "  - code: ORG001", "    name: bomb", "    severity: info", "    scope: profile", "    summary: s",
             "    x-a0: &a0 {fact: name, equals: zz}"]
    for level in range(1, 12):
        prev = f"*a{level - 1}"
        lines.append(f"    x-a{level}: &a{level} {{any: [{', '.join([prev] * 6)}]}}")
    lines += ["    when: *a11", "    message: m"]
    pack = tmp_path / "bomb.yaml"
    pack.write_text("\n".join(lines) + "\n")
    result = cli("rules", "--rules", str(pack))
    assert result.code == 2
    assert "YAML aliases (*name) are not allowed in rule packs" in result.err


def test_odd_yaml_types_in_a_pack_are_clean_errors(cli, tmp_path: Path) -> None:
    base = "rules:\n  - code: ORG001\n    name: odd\n    severity: info\n    scope: profile\n    summary: s\n    message: m\n"
    for when in ("    when: {fact: name, in: {data: [1]}}\n", "    when: {all: !!omap [{a: {fact: name, present: true}}]}\n", "    when: {fact: name, ge: .nan}\n"):
        pack = tmp_path / "odd.yaml"
        pack.write_text(base + when)
        result = cli("rules", "--rules", str(pack))
        assert result.code == 2 and result.err.startswith(f"awslint: error: {pack}:"), result.err


def test_rule_pack_fifo_does_not_block(tmp_path: Path) -> None:
    fifo = tmp_path / "pack.yaml"
    os.mkfifo(fifo)
    completed = subprocess.run(
        [sys.executable, "-m", "awslint", "rules", "--rules", str(fifo)], capture_output=True, text=True, timeout=60
    )
    assert completed.returncode == 2
    assert completed.stderr == f"awslint: error: {fifo}: not a regular file\n"


def test_empty_aws_config_file_variable_means_no_config_file(cli, tmp_path: Path, monkeypatch) -> None:
    home = Path(os.environ["HOME"])
    write_layout(home / ".aws", "[default]\nregion = us-east-1 # c\n")
    monkeypatch.setenv("AWS_CONFIG_FILE", "")
    result = cli("-q")
    assert result.code == 0 and result.out == ""


def test_parse_issues_name_their_section_and_profile(cli, tmp_path: Path) -> None:
    folder = write_layout(tmp_path / "aws", "# top\nstray\n[profile dev]\nbare\nregion = eu-west-1\n")
    findings = json.loads(cli(str(folder), "-f", "json").out)["findings"]
    assert [(f["line"], f["section"], f["profile"]) for f in findings] == [(2, None, None), (4, "profile dev", "dev")]


def test_value_starting_with_a_comment_character(lint) -> None:
    (finding,) = lint(config="[default]\noutput = # json\n", select=["AWS006"])
    assert (finding.line, finding.column) == (2, 10)


def test_report_survives_an_ascii_only_terminal(tmp_path: Path) -> None:
    folder = write_layout(tmp_path / "aws", None, f"[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n")
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    completed = subprocess.run([sys.executable, "-m", "awslint", str(folder)], capture_output=True, text=True, env=env, timeout=60)
    assert completed.returncode == 1, completed.stderr
    assert "AKIA\\u20262EPF" in completed.stdout


def test_warnings_mask_key_shapes_in_paths_too(cli, tmp_path: Path) -> None:
    folder = tmp_path / KEY_ID
    folder.mkdir()
    result = cli(str(folder))
    assert result.code == 0
    assert KEY_ID not in result.err
    assert result.err == f"awslint: warning: {tmp_path}/AKIA…2EPF: no AWS config or credentials file in this folder or below it (looked for config and credentials in .aws, aws and dot_aws folders)\n"
