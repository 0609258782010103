"""Attack suite, fixes (issue 13, part 7): a fix never changes which profile holds which
credentials as botocore reads the files.

The reproduction: in a credentials file, ``[work]``, ``output = json``, an indented
``  [personal]`` and then keys. botocore gives the keys to ``work`` (the indented header is part
of ``output``'s value); AWS009's safe fix would unindent the header and hand them to
``personal``. The property test checks the invariant with botocore itself as the oracle.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Optional

import pytest
from awslint.cli.main import main
from awslint.aws.credview import CREDENTIAL_VIEW_KEYS, credential_view, describe_change
from awslint.aws.model import load_view
from botocore import configloader
from botocore.exceptions import ConfigParseError
from hypothesis import example, given, settings
from hypothesis import strategies as st

from support.fakes import KEY_ID, SECRET, write_layout
from support.hardening import FUZZ

SWALLOWED = f"[work]\noutput = json\n  [personal]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n"


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def botocore_view(folder: Path) -> Optional[dict[str, dict[str, str]]]:
    """botocore's own answer: per profile, its credential keys with the key id they belong to;
    None when botocore refuses a file."""
    profiles: dict[str, dict[str, Any]] = {}
    try:
        if (folder / "config").exists():
            for name, values in configloader.load_config(str(folder / "config"))["profiles"].items():
                profiles.setdefault(name, {}).update(values)
        if (folder / "credentials").exists():
            for name, values in configloader.raw_config_parse(str(folder / "credentials")).items():
                profiles.setdefault(name, {}).update(values)
    except ConfigParseError:
        return None
    view: dict[str, dict[str, str]] = {}
    for name, values in profiles.items():
        key_id = values.get("aws_access_key_id")
        identity = "" if not isinstance(key_id, str) else (key_id.strip().splitlines() or [""])[0]
        held = {key: identity for key in values if key in CREDENTIAL_VIEW_KEYS}
        if held:
            view[name] = held
    return view


def test_model_agrees_with_botocore_on_the_reproduction(tmp_path: Path) -> None:
    folder = write_layout(tmp_path / "aws", credentials=SWALLOWED)
    ours = credential_view(load_view(None, folder / "credentials"))
    assert ours == botocore_view(folder) == {"work": {"aws_access_key_id": KEY_ID, "aws_secret_access_key": KEY_ID}}


def test_safe_fix_that_would_move_keys_to_another_profile_is_not_offered(tmp_path: Path) -> None:
    folder = write_layout(tmp_path / "aws", credentials=SWALLOWED)
    code, out, err = run(str(folder), "-f", "json")
    assert [f["fix"] for f in json.loads(out)["findings"] if f["code"] == "AWS009"] == [None]
    assert "fixable" not in run(str(folder))[1]


def test_safe_fix_that_would_move_keys_to_another_profile_is_not_applied(tmp_path: Path) -> None:
    folder = write_layout(tmp_path / "aws", credentials=SWALLOWED)
    code, out, err = run(str(folder), "--fix")
    assert (folder / "credentials").read_text() == SWALLOWED
    assert (
        "credentials:3: AWS009 not fixed: the fix would change which profile holds which credentials as botocore "
        "reads them (aws_access_key_id, aws_secret_access_key would move from profile 'work' to 'personal')"
    ) in err
    assert SECRET not in out + err
    assert "Fixed 0 problems." in out and code == 1
    code, out, err = run(str(folder), "--diff")
    assert (code, out) == (0, "") and "AWS009 not fixed" in err


def test_safe_fix_that_keeps_the_keys_where_they_are_is_applied(tmp_path: Path) -> None:
    """The same indented header with nothing after it that holds credentials: fixed as before."""
    text = f"[work]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\noutput = json\n  [personal]\nregion = eu-west-1\n"
    folder = write_layout(tmp_path / "aws", credentials=text)
    code, out, err = run(str(folder), "--fix", "--select", "AWS009")
    assert (folder / "credentials").read_text() == text.replace("  [personal]", "[personal]")
    assert "not fixed" not in err and code == 0


def test_describe_change_names_profiles_and_keys_never_values() -> None:
    before = {"work": {"aws_access_key_id": KEY_ID, "aws_secret_access_key": KEY_ID}, "dev": {"role_arn": ""}}
    after = {"personal": {"aws_access_key_id": KEY_ID, "aws_secret_access_key": KEY_ID}, "dev": {}, "x": {"sso_session": ""}}
    text = describe_change(before, after)
    assert text == (
        "aws_access_key_id, aws_secret_access_key would move from profile 'work' to 'personal'; "
        "profile 'dev' would lose role_arn; profile 'x' would gain sso_session"
    )
    assert describe_change(before, before) is None


# -- property: every applied safe fix keeps botocore's credential view ------------------------

OTHER_KEY = "AKIAUJZDEGXDNCF32EPG"
HEADERS = [  # indented headers twice as likely: they are what moves keys
    "[default]", "[work]", "[profile work]", "[profile personal]", "  [personal]", "  [personal]", "\t[work]",
    "\t[work]", "  [profile personal]", "  [profile personal]",
]
LINES = [
    f"aws_access_key_id = {KEY_ID}", f"  aws_access_key_id = {OTHER_KEY}", f"aws_secret_access_key = {SECRET}",
    f"aws_secret_access_key: {SECRET}", "region = eu-west-1 # dublin", "region: eu-west-1", "output = json",
    "  output = json", "role_arn = arn:aws:iam::123456789012:role/r", "source_profile = work",
    "source_profile = work # main", "  source_profile = personal", "# note", "", "REGION = us-east-1",
    "credential_process = /bin/true", "aws_session_token = x",
]
SECTION = st.tuples(st.sampled_from(HEADERS), st.lists(st.sampled_from(LINES), min_size=1, max_size=3))
FILE = st.lists(SECTION, min_size=1, max_size=3).map(
    lambda sections: "".join(header + "\n" + "".join(line + "\n" for line in lines) for header, lines in sections)
)


@settings(FUZZ, max_examples=50)  # without the check a third of these examples move keys
@given(config=st.one_of(st.none(), FILE), credentials=FILE)
@example(config=None, credentials=SWALLOWED)
def test_every_applied_safe_fix_keeps_the_credential_view(config: Optional[str], credentials: Optional[str]) -> None:
    if config is None and credentials is None:
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "aws"
        folder.mkdir()
        for name, text in (("config", config), ("credentials", credentials)):
            if text is not None:
                (folder / name).write_text(text)
                os.chmod(folder / name, 0o600)
        before = botocore_view(folder)
        ours_before = credential_view(load_view(folder / "config", folder / "credentials"))
        code, out, err = run(str(folder), "--fix", "-f", "json")
        assert code in (0, 1), err
        after = botocore_view(folder)
        if before is not None and after is not None:
            assert after == before, (config, credentials, err)
        assert credential_view(load_view(folder / "config", folder / "credentials")) == ours_before, err
        assert json.loads(out)["findings"] is not None
        assert SECRET not in out + err


def test_property_generator_reaches_the_reproduction() -> None:
    """The generator can build the attack (otherwise the property would hold vacuously)."""
    assert {"[work]", "  [personal]"} <= set(HEADERS)
    assert {"output = json", f"aws_access_key_id = {KEY_ID}"} <= set(LINES)


@pytest.mark.parametrize("unsafe", [False, True])
def test_unsafe_fix_that_moves_keys_is_applied_only_when_asked_and_says_so(tmp_path: Path, unsafe: bool) -> None:
    """The same dedent as an unsafe fix: applied only with --unsafe-fixes, and then its
    description and a warning say which keys move."""
    import copy

    from awslint.run import apply_fixes as fixer
    from awslint.files.discovery import discover
    from awslint.engine.ruleset import load_rules

    ruleset = copy.deepcopy(load_rules())
    rule = next(r for r in ruleset.rules if r.code == "AWS009")
    rule.fix.safety = "unsafe"
    folder = write_layout(tmp_path / "aws", credentials=SWALLOWED)
    err = io.StringIO()
    runs = fixer.fix_layouts(discover([str(folder)], {}).layouts, ruleset, [rule], unsafe=unsafe, err=err)
    changed = [state.data().decode() for run in runs for state in run.changed]
    if not unsafe:
        assert changed == [] and err.getvalue() == ""
        return
    assert changed == [SWALLOWED.replace("  [personal]", "[personal]")]
    moved = "aws_access_key_id, aws_secret_access_key would move from profile 'work' to 'personal'"
    assert f"AWS009 (unsafe fix) changes which profile holds which credentials: {moved}" in err.getvalue()
    # A plain lint says it too, in the fix's description (JSON, SARIF).
    from awslint.run.lint import lint_text

    found = lint_text(ruleset, [rule], credentials=SWALLOWED)
    assert [f.fix for f in found] == [{
        "applicability": "unsafe",
        "description": f"Remove the indentation of line 3. This changes which profile holds which credentials: {moved}.",
    }]
    assert SECRET not in err.getvalue()
