"""`--fix` / `--diff` end to end, one case per fixable rule.

Each case is a file with comments and unrelated sections around the problem. After `--fix`:
the file is exactly the expected bytes (so every other byte is unchanged), its mode is
unchanged, the finding is gone, botocore's own loader reads the intended value, and `--diff`
showed exactly that change. Fixing again changes nothing. Every case also runs with CRLF and
lone-CR line endings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import botocore.configloader
import pytest
from awslint.files.source import split_lines
from support.diffs import apply_diff


@dataclass
class FixCase:
    id: str
    code: str
    before: str
    after: str
    #: checks botocore's view of the fixed file: load_config() for config, raw_config_parse() for credentials
    check: Callable[[dict[str, Any]], bool]
    role: str = "config"
    args: tuple[str, ...] = ()
    fixed: int = 1
    extra_files: dict[str, str] = field(default_factory=dict)


def _profiles(parsed: dict[str, Any]) -> dict[str, Any]:
    return parsed["profiles"]


CASES: list[FixCase] = [
    FixCase(
        "bom",
        "AWS004",
        "\ufeff# team profiles\n[default]\nregion = eu-west-1\n\n[profile ops]\n; on call\noutput = json\n",
        "# team profiles\n[default]\nregion = eu-west-1\n\n[profile ops]\n; on call\noutput = json\n",
        lambda c: _profiles(c)["default"]["region"] == "eu-west-1" and _profiles(c)["ops"]["output"] == "json",
    ),
    FixCase(
        "inline-comment",
        "AWS006",
        "# main account\n[default]\noutput = json\n\n[profile prod]\nregion = us-east-1   # production\n"
        "output = text\n\n[profile dev]\n  # indented comment\nregion = eu-west-1\n",
        "# main account\n[default]\noutput = json\n\n[profile prod]\n# production\nregion = us-east-1\n"
        "output = text\n\n[profile dev]\n  # indented comment\nregion = eu-west-1\n",
        lambda c: _profiles(c)["prod"] == {"region": "us-east-1", "output": "text"}
        and _profiles(c)["dev"]["region"] == "eu-west-1",
    ),
    FixCase(
        "inline-comment-semicolon-credentials",
        "AWS006",
        "[default]\n; keep\nregion = eu-west-1 ; dublin\noutput = json\n",
        "[default]\n; keep\n; dublin\nregion = eu-west-1\noutput = json\n",
        lambda c: c["default"] == {"region": "eu-west-1", "output": "json"},
        role="credentials",
    ),
    FixCase(
        "inline-comment-two-lines-in-a-row",
        "AWS006",
        "[default]\nregion = eu-west-1 # a\noutput = json # b\n[profile x]\nregion = us-west-2\n",
        "[default]\n# a\nregion = eu-west-1\n# b\noutput = json\n[profile x]\nregion = us-west-2\n",
        lambda c: _profiles(c)["default"] == {"region": "eu-west-1", "output": "json"},
        fixed=2,
    ),
    FixCase(
        "inline-comment-continuation-kept",
        "AWS006",
        # not credential_process: shlex keeps ' # tool' there as arguments, so that has no safe fix
        "[default]\ncli_pager = less # tool\n  -R\noutput = json\n",
        "[default]\n# tool\ncli_pager = less\n  -R\noutput = json\n",
        lambda c: _profiles(c)["default"]["cli_pager"] == "less\n-R",
    ),
    FixCase(
        "inline-comment-no-final-newline",
        "AWS006",
        "# x\n[default]\nregion = eu-west-1 # last",
        "# x\n[default]\n# last\nregion = eu-west-1",
        lambda c: _profiles(c)["default"]["region"] == "eu-west-1",
    ),
]

CASES += [
    FixCase(
        "opt-in-region-legacy-sts",
        "AWS301",
        "[profile base]\nregion = eu-west-1\n\n[profile hk]\n# Hong Kong team\nregion = ap-east-1\n"
        "sts_regional_endpoints = legacy\nrole_arn = arn:aws:iam::111122223333:role/x\nsource_profile = base\n",
        "[profile base]\nregion = eu-west-1\n\n[profile hk]\n# Hong Kong team\nregion = ap-east-1\n"
        "sts_regional_endpoints = regional\nrole_arn = arn:aws:iam::111122223333:role/x\nsource_profile = base\n",
        lambda c: _profiles(c)["hk"]["sts_regional_endpoints"] == "regional"
        and _profiles(c)["base"] == {"region": "eu-west-1"},
    ),
]

CASES += [
    FixCase(
        "colon-separator",
        "AWS007",
        "# shared\n[default]\noutput = json\n[profile dev]\n; dev account\nregion:   eu-west-1\ncli_pager =\n",
        "# shared\n[default]\noutput = json\n[profile dev]\n; dev account\nregion = eu-west-1\ncli_pager =\n",
        lambda c: _profiles(c)["dev"] == {"region": "eu-west-1", "cli_pager": ""},
    ),
    FixCase(
        "quoted-value",
        "AWS008",
        "[default]\n# quoted by a script\noutput = \"json\"\nregion = eu-west-1\n[profile x]\ncli_pager = 'less'\n",
        "[default]\n# quoted by a script\noutput = json\nregion = eu-west-1\n[profile x]\ncli_pager = less\n",
        lambda c: _profiles(c)["default"]["output"] == "json" and _profiles(c)["x"]["cli_pager"] == "less",
        fixed=2,
    ),
    FixCase(
        "swallowed-header",
        "AWS009",
        "[default]\nregion = eu-west-1\n# the second profile\n  [profile ops]\noutput = json\n\n[profile other]\nregion = us-east-1\n",
        "[default]\nregion = eu-west-1\n# the second profile\n[profile ops]\noutput = json\n\n[profile other]\nregion = us-east-1\n",
        lambda c: _profiles(c)["default"] == {"region": "eu-west-1"} and _profiles(c)["ops"] == {"output": "json"},
    ),
    FixCase(
        "swallowed-key",
        "AWS009",
        "[default]\nregion = eu-west-1\n    output = json\n; end\n[profile other]\nregion = us-east-1\n",
        "[default]\nregion = eu-west-1\noutput = json\n; end\n[profile other]\nregion = us-east-1\n",
        lambda c: _profiles(c)["default"] == {"region": "eu-west-1", "output": "json"},
    ),
    FixCase(
        "swallowed-lines-each-fixed",
        "AWS009",
        "[default]\nregion = us-east-1\n  output = json\n [profile dev]\nregion = eu-west-1\n",
        "[default]\nregion = us-east-1\noutput = json\n[profile dev]\nregion = eu-west-1\n",
        lambda c: _profiles(c)["default"] == {"region": "us-east-1", "output": "json"}
        and _profiles(c)["dev"] == {"region": "eu-west-1"},
        fixed=2,
    ),
    FixCase(
        "uppercase-key",
        "AWS010",
        "[default]\n# upper case from a wiki\nRegion = eu-west-1\noutput = json\n\n[profile x]\nCLI_PAGER=less\n",
        "[default]\n# upper case from a wiki\nregion = eu-west-1\noutput = json\n\n[profile x]\ncli_pager=less\n",
        lambda c: _profiles(c)["default"]["region"] == "eu-west-1" and _profiles(c)["x"] == {"cli_pager": "less"},
        fixed=2,
    ),
    FixCase(
        "unknown-key-unambiguous",
        "AWS011",
        "[default]\noutput = json\n\n[profile dev]\n# typo below\nregoin = eu-west-1\n",
        "[default]\noutput = json\n\n[profile dev]\n# typo below\nregion = eu-west-1\n",
        lambda c: _profiles(c)["dev"] == {"region": "eu-west-1"},
        args=("--unsafe-fixes",),
    ),
    FixCase(
        "dead-key",
        "AWS011",
        "[profile dev]\n# from the S3 guide\ndisable_s3_express_session_auth = true\nregion = eu-west-1\n",
        "[profile dev]\n# from the S3 guide\ns3_disable_express_session_auth = true\nregion = eu-west-1\n",
        lambda c: _profiles(c)["dev"]["s3_disable_express_session_auth"] == "true",
        args=("--unsafe-fixes",),
    ),
    FixCase(
        "config-section-missing-prefix",
        "AWS101",
        "# profiles\n[default]\nregion = eu-west-1\n\n[dev]\n; the dev account\nregion = eu-west-1\noutput = json\n",
        "# profiles\n[default]\nregion = eu-west-1\n\n[profile dev]\n; the dev account\nregion = eu-west-1\noutput = json\n",
        lambda c: _profiles(c)["dev"] == {"region": "eu-west-1", "output": "json"},
    ),
    FixCase(
        "credentials-section-with-prefix",
        "AWS102",
        "# ci keys\n[default]\nregion = eu-west-1\n[profile ci]\nregion = us-east-1\noutput = json\n",
        "# ci keys\n[default]\nregion = eu-west-1\n[ci]\nregion = us-east-1\noutput = json\n",
        lambda c: c["ci"] == {"region": "us-east-1", "output": "json"} and "profile ci" not in c,
        role="credentials",
    ),
    FixCase(
        "credential-source-case",
        "AWS109",
        "[default]\nregion = eu-west-1\n[profile role]\n# on EC2\nrole_arn = arn:aws:iam::111122223333:role/x\n"
        "credential_source = ec2instancemetadata\n",
        "[default]\nregion = eu-west-1\n[profile role]\n# on EC2\nrole_arn = arn:aws:iam::111122223333:role/x\n"
        "credential_source = Ec2InstanceMetadata\n",
        lambda c: _profiles(c)["role"]["credential_source"] == "Ec2InstanceMetadata",
    ),
]


CASES += [
    FixCase(
        "unused-suppression",
        "AWS901",
        "# team file\n[default]\n# awslint: disable-next-line=AWS006 -- old tool\nregion = eu-west-1\n\n[profile x]\noutput = json\n",
        "# team file\n[default]\nregion = eu-west-1\n\n[profile x]\noutput = json\n",
        lambda c: _profiles(c)["default"] == {"region": "eu-west-1"},
    ),
    FixCase(
        "trailing-suppression-value",
        "AWS903",
        "[default]\n# ok\noutput = json # awslint: disable-next-line=AWS006\nregion = eu-west-1\n",
        "[default]\n# ok\n# awslint: disable-next-line=AWS006\noutput = json\nregion = eu-west-1\n",
        lambda c: _profiles(c)["default"] == {"output": "json", "region": "eu-west-1"},
    ),
    FixCase(
        "trailing-suppression-header",
        "AWS903",
        "[default]\nregion = eu-west-1\n\n[profile dev] ; awslint: disable-section=AWS011\nregion = us-east-1\n",
        "[default]\nregion = eu-west-1\n\n; awslint: disable-section=AWS011\n[profile dev]\nregion = us-east-1\n",
        lambda c: _profiles(c)["dev"] == {"region": "us-east-1"},
    ),
]
CASES += [
    FixCase(
        "legacy-sts-endpoints",
        "AWS302",
        "[default]\nregion = eu-west-1\n# old setting\nsts_regional_endpoints = legacy\n\n[profile x]\noutput = json\n",
        "[default]\nregion = eu-west-1\n# old setting\nsts_regional_endpoints = regional\n\n[profile x]\noutput = json\n",
        lambda c: _profiles(c)["default"]["sts_regional_endpoints"] == "regional",
        args=("--fail-on", "info"),
    ),
]

ENDINGS = {"lf": "\n", "crlf": "\r\n", "cr": "\r"}


def _with_ending(text: str, ending: str) -> bytes:
    return text.replace("\n", ending).encode("utf-8")


def botocore_view(path: Path, role: str) -> dict[str, Any]:
    if role == "config":
        return botocore.configloader.load_config(str(path))
    return botocore.configloader.raw_config_parse(str(path))


def display_lines(data: bytes) -> list[str]:
    return [line.rstrip("\r\n") for line in split_lines(data.decode("utf-8"))]




@pytest.mark.parametrize("ending", list(ENDINGS))
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fix_case(cli, tmp_path: Path, case: FixCase, ending: str) -> None:
    folder = tmp_path / "aws"
    folder.mkdir()
    path = folder / case.role
    before = _with_ending(case.before, ENDINGS[ending])
    expected = _with_ending(case.after, ENDINGS[ending])
    path.write_bytes(before)
    os.chmod(path, 0o640)
    select = ("--select", case.code)

    linted = cli(str(path), *select, *case.args)
    assert linted.code == 1 and case.code in linted.out, linted

    diff = cli(str(path), "--diff", *select, *case.args)
    assert diff.code == 1, diff
    assert path.read_bytes() == before, "--diff must write nothing"
    assert diff.out.startswith(f"--- {path}\n+++ {path}\n")
    assert f"Would fix {case.fixed} problem" in diff.err

    fixed = cli(str(path), "--fix", *select, *case.args)
    assert fixed.code == 0, fixed
    assert f"Fixed {case.fixed} problem" in fixed.out
    assert path.read_bytes() == expected  # every other byte as it was, line endings kept
    assert os.stat(path).st_mode & 0o7777 == 0o640
    assert [p.name for p in folder.iterdir()] == [case.role], "no temporary file left behind"
    assert apply_diff(display_lines(before), diff.out) == display_lines(expected), "--diff and --fix disagree"

    assert case.code not in cli(str(path), *select, *case.args).out
    assert case.check(botocore_view(path, case.role))

    again = cli(str(path), "--fix", *select, *case.args)
    assert again.code == 0 and "Fixed 0 problems." in again.out
    assert path.read_bytes() == expected
    rediff = cli(str(path), "--diff", *select, *case.args)
    assert rediff.code == 0 and rediff.out == ""


def test_unfixed_file_reads_wrong_in_botocore(tmp_path: Path) -> None:
    """The premise of the AWS006 case: botocore keeps the comment before the fix."""
    path = tmp_path / "config"
    path.write_text(CASES[1].before)
    assert _profiles(botocore_view(path, "config"))["prod"]["region"] == "us-east-1   # production"


def test_legacy_sts_in_a_source_profile_has_no_fix_here(cli, tmp_path: Path) -> None:
    """AWS301 on a profile whose *source* sets legacy: the profile itself has nothing to change."""
    folder = tmp_path / "aws"
    folder.mkdir()
    text = (
        "[profile base]\nsts_regional_endpoints = legacy\n[profile hk]\nregion = ap-east-1\n"
        "role_arn = arn:aws:iam::111122223333:role/x\nsource_profile = base\n"
    )
    (folder / "config").write_text(text)
    result = cli(str(folder), "--select", "AWS301", "--fix")
    assert "AWS301" in result.out and "Fixed 0 problems." in result.out
    assert (folder / "config").read_text() == text


def test_fix_all_rules_together_and_report_what_remains(cli, tmp_path: Path) -> None:
    folder = tmp_path / "aws"
    folder.mkdir()
    (folder / "config").write_bytes(b"\xef\xbb\xbf[default]\nregion = eu-west-1 # x\n[default]\noutput = json\n")
    result = cli(str(folder), "--fix")
    assert (folder / "config").read_bytes() == b"[default]\n# x\nregion = eu-west-1\n[default]\noutput = json\n"
    assert "Fixed 2 problems." in result.out
    assert "AWS002" in result.out  # not fixable: still reported
    assert result.code == 1


def test_json_fix_field_describes_the_fix(cli, tmp_path: Path) -> None:
    import json

    folder = tmp_path / "aws"
    folder.mkdir()
    (folder / "config").write_text("[default]\nregion = eu-west-1 # dublin\n")
    document = json.loads(cli(str(folder), "--format", "json").out)
    (finding,) = document["findings"]
    assert finding["fix"] == {
        "applicability": "safe",
        "description": "Move '# dublin' to its own line above 'region', leaving 'region = eu-west-1'.",
    }


def test_text_summary_says_how_many_are_fixable(cli, tmp_path: Path) -> None:
    folder = tmp_path / "aws"
    folder.mkdir()
    (folder / "config").write_text("[default]\nregion = eu-west-1 # dublin\noutput = json # x\n")
    lines = cli(str(folder)).out.splitlines()
    assert lines[-2] == "[*] 2 fixable with the `--fix` option."
    assert lines[-1].startswith("Found 2 problems")  # the summary stays the last line


def test_fix_with_json_output_reports_remaining(cli, tmp_path: Path) -> None:
    import json

    folder = tmp_path / "aws"
    folder.mkdir()
    (folder / "config").write_text("[default]\nregion = eu-west-1 # dublin\n")
    result = cli(str(folder), "--fix", "--format", "json")
    assert json.loads(result.out)["findings"] == []
    assert "Fixed 1 problem." in result.err
    assert result.code == 0


def test_diff_with_nothing_to_fix_exits_zero(cli, tmp_path: Path) -> None:
    folder = tmp_path / "aws"
    folder.mkdir()
    (folder / "config").write_text("[default]\nregion = eu-west-1\n")
    result = cli(str(folder), "--diff")
    assert result.code == 0 and result.out == ""
    assert "Would fix 0 problems." in result.err


def test_sibling_read_as_context_is_never_fixed(cli, tmp_path: Path) -> None:
    folder = tmp_path / "aws"
    folder.mkdir()
    (folder / "config").write_text("[default]\nregion = eu-west-1 # dublin\n")
    (folder / "credentials").write_text("[default]\nregion = eu-west-1 # dublin\n")
    os.chmod(folder / "credentials", 0o600)
    cli(str(folder / "credentials"), "--fix")
    assert (folder / "config").read_text() == "[default]\nregion = eu-west-1 # dublin\n"
    assert (folder / "credentials").read_text() == "[default]\n# dublin\nregion = eu-west-1\n"


def test_unknown_key_rename_needs_one_nearest_key_and_no_duplicate(cli, tmp_path: Path) -> None:
    import json

    folder = tmp_path / "aws"
    folder.mkdir()
    # csm_post is one edit from both csm_host and csm_port: ambiguous, no fix.
    # regoin next to an existing region: renaming would make a duplicate key, no fix.
    # csm_hots is a swap from csm_host only: renamed (unsafe).
    (folder / "config").write_text("[default]\ncsm_post = x\nregion = eu-west-1\nregoin = x\ncsm_hots = h\n")
    document = json.loads(cli(str(folder), "--select", "AWS011", "--format", "json").out)
    fixes = {f["line"]: f["fix"] for f in document["findings"]}
    assert fixes[2] is None and fixes[4] is None
    assert fixes[5] == {"applicability": "unsafe", "description": "Rename 'csm_hots' to 'csm_host'."}
    cli(str(folder), "--select", "AWS011", "--fix", "--unsafe-fixes")
    assert (folder / "config").read_text() == "[default]\ncsm_post = x\nregion = eu-west-1\nregoin = x\ncsm_host = h\n"


def test_rename_section_never_makes_a_duplicate_header(cli, tmp_path: Path) -> None:
    folder = tmp_path / "aws"
    folder.mkdir()
    text = "[profile dev]\nregion = eu-west-1\n[dev]\noutput = json\n"
    (folder / "config").write_text(text)
    result = cli(str(folder), "--select", "AWS101", "--fix")
    assert (folder / "config").read_text() == text
    assert "AWS101" in result.out


def test_partly_unused_suppression_is_not_rewritten(cli, tmp_path: Path) -> None:
    """AWS901 fixes only a directive none of whose names is used: the comment line goes."""
    import json

    folder = tmp_path / "aws"
    folder.mkdir()
    text = "[default]\n# awslint: disable-next-line=AWS006,AWS010\nregion = eu-west-1 # x\n"
    (folder / "config").write_text(text)
    document = json.loads(cli(str(folder), "--select", "AWS901", "--format", "json").out)
    assert [f["fix"] for f in document["findings"]] == [None]


def test_suppressed_finding_is_not_fixed(cli, tmp_path: Path) -> None:
    folder = tmp_path / "aws"
    folder.mkdir()
    text = "[default]\n# awslint: disable-next-line=AWS006 -- kept for the old tool\nregion = eu-west-1 # x\n"
    (folder / "config").write_text(text)
    result = cli(str(folder), "--fix")
    assert (folder / "config").read_text() == text
    assert "Fixed 0 problems." in result.out and result.code == 0


def test_misplaced_setting_moves_to_the_config_file(cli, tmp_path: Path) -> None:
    """AWS211 (unsafe): region in the credentials file moves to [profile dev] in the config file."""
    import botocore.session
    from support.fakes import KEY_ID, SECRET

    folder = tmp_path / "aws"
    folder.mkdir()
    config = "# mine\n[profile dev]\noutput = json\n\n[profile other]\nregion = us-east-1\n"
    credentials = f"[dev]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n# dev region\nregion = eu-west-1\n"
    (folder / "config").write_text(config)
    (folder / "credentials").write_text(credentials)
    os.chmod(folder / "credentials", 0o600)
    args = (str(folder), "--select", "AWS211")
    assert "1 hidden fix can be enabled" in cli(*args).out
    diff = cli(*args, "--diff", "--unsafe-fixes")
    assert diff.code == 1 and SECRET not in diff.out and KEY_ID not in diff.out
    result = cli(*args, "--fix", "--unsafe-fixes")
    assert "Fixed 1 problem." in result.out and result.code == 0
    assert (folder / "config").read_text() == config.replace("output = json\n", "output = json\nregion = eu-west-1\n", 1)
    assert (folder / "credentials").read_text() == credentials.replace("region = eu-west-1\n", "")
    session = botocore.session.Session()
    session.set_config_variable("config_file", str(folder / "config"))
    session.set_config_variable("credentials_file", str(folder / "credentials"))
    assert session.full_config["profiles"]["dev"]["region"] == "eu-west-1"
    assert session.full_config["profiles"]["dev"]["aws_secret_access_key"] == SECRET


def test_secret_in_config_file_is_never_moved(cli, tmp_path: Path) -> None:
    from support.fakes import KEY_ID, SECRET

    folder = tmp_path / "aws"
    folder.mkdir()
    config = f"[profile dev]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n"
    (folder / "config").write_text(config)
    os.chmod(folder / "config", 0o600)
    (folder / "credentials").write_text("")
    os.chmod(folder / "credentials", 0o600)
    result = cli(str(folder), "--select", "AWS211", "--fix", "--unsafe-fixes", "--format", "json")
    assert [f["fix"] for f in __import__("json").loads(result.out)["findings"]] == [None]
    assert (folder / "config").read_text() == config


def test_insecure_permissions_are_fixed_only_with_unsafe_fixes(cli, tmp_path: Path) -> None:
    """AWS212 (unsafe chmod): the file loses group/other bits, the folder group/other write."""
    from support.fakes import KEY_ID, SECRET

    folder = tmp_path / "aws"
    folder.mkdir()
    data = f"[default]\n# ci\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n".encode()
    (folder / "credentials").write_bytes(data)
    os.chmod(folder / "credentials", 0o644)
    os.chmod(folder, 0o775)
    args = (str(folder), "--select", "AWS212")
    safe = cli(*args, "--fix")
    assert "2 hidden fixes can be enabled with the `--unsafe-fixes` option." in safe.out
    assert os.stat(folder / "credentials").st_mode & 0o777 == 0o644
    diff = cli(*args, "--diff", "--unsafe-fixes")
    assert diff.code == 1
    assert "old mode 100644\nnew mode 100600\n" in diff.out and "old mode 40775\nnew mode 40755\n" in diff.out
    assert SECRET not in diff.out and KEY_ID not in diff.out
    result = cli(*args, "--fix", "--unsafe-fixes")
    assert result.code == 0 and "Fixed 2 problems." in result.out
    assert os.stat(folder / "credentials").st_mode & 0o777 == 0o600
    assert os.stat(folder).st_mode & 0o777 == 0o755
    assert (folder / "credentials").read_bytes() == data
    again = cli(*args, "--diff", "--unsafe-fixes")
    assert again.code == 0 and again.out == ""
