"""Rules that say what another tool does read the answers ``awslint explain`` prints.

On seeded layouts (the JS differential generator's, without running node), every AWS205
message names, for the JavaScript SDK v3 and the Go SDK v2, exactly the providers of explain's
``by_tool`` for that profile (and the JS failure explain reports); every AWS204 finding is on a
profile where explain says the JS SDK v3 uses static keys while botocore uses SSO (where
botocore does not fail first).
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from awslint.facts.credentials import tools_text
from awslint.aws.model import load_view
from awslint.aws.resolve import Resolver

from support.js_layouts import generate

SEED = 14_2026


def test_aws205_and_aws204_name_what_explain_says(cli, tmp_path: Path) -> None:
    rng = random.Random(SEED)
    checked = {"AWS205": 0, "AWS204": 0}
    for index in range(120):
        folder = tmp_path / f"layout{index}"
        folder.mkdir()
        w = generate(rng, index, folder)
        (folder / "config").write_text("".join(w.config))
        (folder / "credentials").write_text("".join(w.credentials))
        (folder / "credentials").chmod(0o600)
        lint = json.loads(cli("--select", "AWS204,AWS205", "-f", "json", "--exit-zero", str(folder)).out)
        explained = json.loads(cli("explain", "-f", "json", str(folder)).out)
        profiles = {p["profile"]: p for p in explained["profiles"]}
        for finding in lint["findings"]:
            name = re.match(r"Profile '([^']*)'", finding["message"]).group(1)
            answer = profiles[name]
            if answer["error"] is not None:
                continue  # botocore fails (a file it cannot read, a broken reference): other rules say so
            if finding["code"] == "AWS205":
                resolution = Resolver(load_view(folder / "config", folder / "credentials")).resolve(name)
                assert resolution.by_tool == answer["by_tool"]  # (the answer explain printed)
                expected = tools_text(answer["by_tool"], resolution.tools["js-v3"])
                assert f"uses {answer['method']}, {expected};" in finding["message"], (finding["message"], answer["by_tool"])
            else:
                assert answer["method"] == "sso" and answer["by_tool"]["js-v3"] in ("shared-credentials-file", "config-file"), (
                    finding["message"], answer["by_tool"])
            checked[finding["code"]] += 1
    assert checked["AWS205"] >= 10 and checked["AWS204"] >= 5, checked
