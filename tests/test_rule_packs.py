"""Hostile or odd rule packs fail cleanly and quickly: YAML alias bombs, odd YAML types, a FIFO."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


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


