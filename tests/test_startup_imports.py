"""Start-up guard (issue 7): a plain lint run imports only what the lint needs.

pre-commit starts a new ``awslint`` for every commit, so every module imported on that path is
paid each time. This checks which modules a run has imported (never how long it took: timings
are for benchmarks/run.py), in a fresh interpreter, with a warm rule cache as on a user's machine.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from support.fakes import write_layout

SCRIPT = """
import io, json, sys
from awslint.cli.main import main
code = main(sys.argv[1:], io.StringIO(), io.StringIO())
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""

# Only needed for reports written to a file, --fix/--diff, a finding with a fix, the git probe
# (AWS216), --env/explain, or (re)building the rule cache.
NOT_ON_THE_LINT_PATH = (
    "argparse",  # quickargs parses the pre-commit command line itself
    "tempfile",
    "shutil",
    "subprocess",
    "dataclasses",
    "inspect",
    "importlib.resources",
    "yaml",
    "configupdater",
    "awslint.fix.plan",
    "awslint.run.apply_fixes",
    "awslint.aws.resolve",
    "awslint.cli.explain",
)


def _run(home: Path, *args: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS", "XDG_"))}
    env.update(HOME=str(home), NO_COLOR="1")
    env.pop("AWSLINT_NO_CACHE", None)
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *args], capture_output=True, text=True, env=env, cwd=str(home), timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_plain_lint_run_imports_only_the_lint_path(tmp_path: Path) -> None:
    home = tmp_path / "home"
    folder = tmp_path / "aws"
    home.mkdir()
    folder.mkdir()
    write_layout(folder, config="[default]\nregion = eu-west-1\noutput = json\n\n[profile dev]\nregion = us-east-1\n")
    first = _run(home, str(folder), "--quiet")  # builds the rule cache (that may import anything)
    assert first["code"] == 0
    assert list((home / ".cache" / "awslint").glob("rules-*.pickle")), "the rule cache was not written"
    second = _run(home, str(folder), "--quiet")
    assert second["code"] == 0
    modules = set(second["modules"])
    assert "awslint.engine.run" in modules and "awslint.engine.cache" in modules  # it did lint
    assert sorted(modules.intersection(NOT_ON_THE_LINT_PATH)) == []
