"""action.yml: the composite GitHub Action's steps, run locally with the environment GitHub gives them.

The test reads action.yml, renders each step's ``${{ … }}`` expressions as the runner does (inputs
with their defaults, ``github.action_path``), and runs the step's script with ``bash`` in a
workspace holding a copy of examples/, with ``GITHUB_ACTION_PATH``, ``GITHUB_WORKSPACE``,
``GITHUB_OUTPUT``, ``GITHUB_PATH`` and ``RUNNER_TEMP`` set. The install step needs the network
(pip builds awslint from the action's checkout), so it is checked as text and replaced by this
environment's installed awslint; every other step runs literally.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Optional

import pytest
import yaml
from sarif_check import validate_sarif

ROOT = Path(__file__).resolve().parent.parent
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="the action's steps are bash")


def _action() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "action.yml").read_text())


def _render(text: str, context: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        assert name in context, f"action.yml uses ${{{{ {name} }}}}, which this test does not provide"
        return context[name]

    return EXPRESSION.sub(value, text)


def _run_action(tmp_path: Path, inputs: Optional[dict[str, str]] = None) -> tuple[subprocess.CompletedProcess[str], dict[str, str], Path]:
    action = _action()
    given = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    given.update(inputs or {})
    workspace = tmp_path / "workspace"
    shutil.copytree(ROOT / "examples", workspace / "examples")
    (workspace / ".git").mkdir()  # a checkout
    temp = tmp_path / "runner-temp"
    temp.mkdir()
    output, path_file = temp / "output", temp / "path"
    output.touch()
    path_file.touch()
    context = {f"inputs.{name}": value for name, value in given.items()}
    context["github.action_path"] = str(ROOT)
    base_env = {
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
        "HOME": str(tmp_path),
        "GITHUB_ACTIONS": "true",
        "GITHUB_ACTION_PATH": str(ROOT),
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_OUTPUT": str(output),
        "GITHUB_PATH": str(path_file),
        "RUNNER_TEMP": str(temp),
        "AWSLINT_NO_CACHE": "1",
    }
    completed: Optional[subprocess.CompletedProcess[str]] = None
    for step in action["runs"]["steps"]:
        script = step["run"]
        assert "${{" not in script, f"step {step.get('id')}: inputs must reach the script through env:, not ${{{{ }}}}"
        if step.get("id") == "install":
            # Installs from the action's own checkout into a private venv put on PATH for the next steps.
            assert '-m pip install' in script and '"$GITHUB_ACTION_PATH"' in script and "$GITHUB_PATH" in script
            continue
        env = dict(base_env)
        env.update({name: _render(str(value), context) for name, value in (step.get("env") or {}).items()})
        assert step["shell"] == "bash"
        # As the runner runs a bash step: bash --noprofile --norc -eo pipefail {0}
        script_file = temp / f"{step['id']}.sh"
        script_file.write_text(script)
        completed = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script_file)],
            cwd=workspace, env=env, capture_output=True, text=True, timeout=120,
        )
    assert completed is not None
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines() if "=" in line)
    return completed, outputs, workspace


def test_action_metadata_is_a_composite_action_with_the_documented_inputs() -> None:
    action = _action()
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) == {"paths", "args", "sarif-file", "fail-on-findings"}
    assert action["inputs"]["fail-on-findings"]["default"] == "true"
    assert set(action["outputs"]) == {"exit-code", "sarif-file"}


def test_action_logs_text_annotates_and_writes_sarif_then_fails(tmp_path: Path) -> None:
    completed, outputs, workspace = _run_action(tmp_path, {"paths": "examples/risky"})
    assert completed.returncode == 1, completed.stderr
    lines = completed.stdout.splitlines()
    # The log: one line per finding, then the summary; then the workflow commands.
    assert any(line.startswith("examples/risky/credentials:2:1: AWS203 [error] ") for line in lines)
    assert any(line.startswith("Found ") for line in lines)
    annotations = [line for line in lines if line.startswith("::")]
    assert any(line.startswith("::error file=examples/risky/credentials,line=2,") for line in annotations)
    assert outputs == {"exit-code": "1", "sarif-file": "awslint.sarif"}
    log = validate_sarif((workspace / "awslint.sarif").read_text())
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris == {"examples/risky/config", "examples/risky/credentials"}  # relative to GITHUB_WORKSPACE


def test_action_can_report_without_failing_the_job(tmp_path: Path) -> None:
    completed, outputs, _ = _run_action(tmp_path, {"paths": "examples/risky", "fail-on-findings": "false"})
    assert completed.returncode == 0
    assert outputs["exit-code"] == "1"


def test_action_passes_quoted_args_and_paths_without_running_them(tmp_path: Path) -> None:
    completed, outputs, workspace = _run_action(
        tmp_path,
        {"paths": "examples/clean\n'examples/risky'", "args": "--select AWS006 --fail-on 'error'", "sarif-file": "out/awslint.sarif"},
    )
    assert completed.returncode == 1, completed.stderr
    findings = [line for line in completed.stdout.splitlines() if ": AWS" in line]
    assert findings and all(" AWS006 " in line for line in findings)
    assert json.loads((workspace / "out" / "awslint.sarif").read_text())["runs"][0]["results"]
    injected, _, _ = _run_action(tmp_path / "again", {"paths": "examples/clean", "args": "$(touch pwned) `touch pwned`"})
    assert injected.returncode == 2  # awslint refuses the unknown words; the shell never runs them
    assert not (tmp_path / "again" / "workspace" / "pwned").exists()


def test_action_fails_on_awslint_errors_even_when_findings_may_pass(tmp_path: Path) -> None:
    completed, outputs, _ = _run_action(tmp_path, {"paths": "examples/nope", "fail-on-findings": "false"})
    assert completed.returncode == 2
    assert "awslint: error: examples/nope" in completed.stderr
    assert outputs["exit-code"] == "2"


def test_unbalanced_quotes_in_an_input_are_one_clear_error(tmp_path: Path) -> None:
    completed, _, _ = _run_action(tmp_path, {"paths": "'examples/risky"})
    assert completed.returncode == 2
    assert completed.stderr.strip() == "awslint: error: input paths: No closing quotation"


def test_action_without_sarif(tmp_path: Path) -> None:
    completed, outputs, workspace = _run_action(tmp_path, {"paths": "examples/clean", "sarif-file": ""})
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert outputs == {"exit-code": "0", "sarif-file": ""}
    assert not list(workspace.rglob("*.sarif"))
