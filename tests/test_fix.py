"""The fix machinery: `fix:` validation, secrets, overlapping fixes, and safe writing."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

import pytest
from awslint.run import apply_fixes as fixer
from awslint.errors import UsageError
from awslint.engine.ruleset import load_rules
from support.fakes import KEY_ID, SECRET, TOKEN, write_layout
from support.packs import write_pack
from hypothesis import given, settings
from hypothesis import strategies as st

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


RULE_HEAD = """\
rules:
  - code: ORG001
    name: org-rule
    severity: warning
    scope: {scope}
    summary: test rule
    when: {when}
    message: "m"
"""


def _rule_with_fix(tmp_path: Path, fix: str, scope: str = "option", when: str = "{fact: name, equals: region}") -> Path:
    return write_pack(tmp_path, RULE_HEAD.format(scope=scope, when=when) + textwrap.indent(textwrap.dedent(fix), "    "))


# -- load-time validation ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fix", "message"),
    [
        ("fix:\n  safety: safe\n  description: d\n  edits: [{op: rename-kye, to: x}]\n", "unknown edit op 'rename-kye' (did you mean 'rename-key'?)"),
        ("fix:\n  safety: sfe\n  description: d\n  edits: [{op: dedent}]\n", "unknown safety 'sfe' (did you mean 'safe'?)"),
        ("fix:\n  safety: safe\n  description: d\n  edits: [{op: set-value, vale: x}]\n", "unknown key 'vale' in edit 'set-value' (did you mean 'value'?)"),
        ("fix:\n  safety: safe\n  descripton: d\n  edits: [{op: dedent}]\n", "unknown key 'descripton' in 'fix' (did you mean 'description'?)"),
        ("fix:\n  safety: safe\n  description: d\n  edits: [{op: set-value}]\n", "edit 'set-value' needs 'value'"),
        ("fix:\n  safety: safe\n  description: d\n  edits: []\n", "'fix.edits' must list at least one edit"),
        ("fix:\n  safety: safe\n  edits: [{op: dedent}]\n", "'fix' is missing 'description'"),
        ("fix:\n  safety: safe\n  description: d\n  edits: [{op: set-value, value: '{vlue}'}]\n", "unknown placeholder '{vlue}' in edit 'set-value' (did you mean '{value}'?)"),
        ("fix:\n  safety: safe\n  description: d\n  edits: [{op: rename-key, to: '{name|lowr}'}]\n", "unknown filter '|lowr' in edit 'rename-key' (did you mean 'lower'?)"),
        ("fix:\n  safety: safe\n  description: d\n  edits: [{op: rename-section, to: x}]\n", "edit 'rename-section' is not available in scope 'option'"),
        ("fix:\n  safety: safe\n  description: d\n  edits: [{op: set-delimiter, to: '-'}]\n", "'to' must be one of: =, :"),
        ("fix:\n  safety: safe\n  description: d\n  edits: [{op: chmod, clear: 'rw'}]\n", "'clear' must be an octal mode string"),
        ("fix:\n  safety: safe\n  description: d\n  edits: [{op: set-value, key: region, value: x}]\n", "'key' is only available in scope 'profile'"),
    ],
)
def test_fix_block_is_validated_strictly(tmp_path: Path, fix: str, message: str) -> None:
    with pytest.raises(UsageError) as raised:
        load_rules([str(_rule_with_fix(tmp_path, fix))], include_builtin=False)
    assert message in str(raised.value)
    assert str(raised.value).startswith(f"{tmp_path / 'pack.yaml'}:")


@pytest.mark.parametrize(
    "fix",
    [
        "fix:\n  safety: safe\n  description: d\n  edits: [{op: set-value, key: aws_secret_access_key, value: x}]\n",
        "fix:\n  safety: safe\n  description: d\n  edits: [{op: move-comment-above, key: AWS_SESSION_TOKEN@credentials}]\n",
        "fix:\n  safety: safe\n  description: '{key_id}'\n  edits: [{op: set-value, key: region, value: x}]\n",
        "fix:\n  safety: safe\n  description: d\n  edits: [{op: set-value, key: region, value: '{keys.aws_secret_access_key}'}]\n",
    ],
)
def test_fix_that_would_touch_a_secret_is_refused_at_load_time(tmp_path: Path, fix: str) -> None:
    path = _rule_with_fix(tmp_path, fix, scope="profile", when="{fact: static_keys, equals: true}")
    with pytest.raises(UsageError) as raised:
        load_rules([str(path)], include_builtin=False)
    assert "credential" in str(raised.value)


def test_fix_in_a_check_is_validated_too(tmp_path: Path) -> None:
    path = write_pack(
        tmp_path,
        """\
        rules:
          - code: ORG001
            name: org-rule
            severity: warning
            scope: option
            summary: s
            checks:
              - when: {fact: name, equals: region}
                message: m
                fix: {safety: safe, description: d, edits: [{op: dedentt}]}
        """,
    )
    with pytest.raises(UsageError, match="did you mean 'dedent'"):
        load_rules([str(path)], include_builtin=False)


def test_builtin_fix_blocks_load(ruleset) -> None:
    fixable = {rule.code for rule in ruleset.rules if rule.fix or any(check.fix for check in rule.checks)}
    assert {"AWS004", "AWS006", "AWS007", "AWS008", "AWS009", "AWS010", "AWS011", "AWS101", "AWS102", "AWS109", "AWS301", "AWS211", "AWS212", "AWS302", "AWS901", "AWS903"} <= fixable


# -- secrets -------------------------------------------------------------------------------


def test_no_fix_is_offered_on_a_secret_key(cli, tmp_path: Path) -> None:
    credentials = f"[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET} # rotated\n"
    folder = write_layout(tmp_path / "aws", credentials=credentials)
    document = json.loads(cli(str(folder), "--format", "json", "--select", "AWS006").out)
    assert [f["fix"] for f in document["findings"]] == [None]
    result = cli(str(folder), "--diff", "--select", "AWS006")
    assert result.code == 0 and result.out == ""
    cli(str(folder), "--fix", "--select", "AWS006")
    assert (folder / "credentials").read_text() == credentials


def test_diff_never_shows_a_secret(cli, tmp_path: Path) -> None:
    credentials = (
        f"[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n"
        f"aws_session_token = {TOKEN}\nregion = eu-west-1 # dublin\n"
        "[short]\naws_secret_access_key = s3cr3t-value-here\noutput = json # x\n"
    )
    folder = write_layout(tmp_path / "aws", credentials=credentials)
    result = cli(str(folder), "--diff", "--unsafe-fixes")
    assert result.code == 1
    assert "+# dublin" in result.out and "+region = eu-west-1" in result.out
    for secret in (KEY_ID, SECRET, TOKEN, "s3cr3t-value-here"):
        assert secret not in result.out + result.err
    assert "aws_secret_access_key = ****" in result.out


def test_template_rendering_a_credential_gives_no_fix(cli, tmp_path: Path) -> None:
    # A value that is shaped like a key id is never copied by a fix, whatever the key.
    pack = _rule_with_fix(
        tmp_path,
        "fix:\n  safety: safe\n  description: d\n  edits: [{op: set-value, value: '{value|upper}'}]\n",
        when="{fact: name, equals: note}",
    )
    folder = write_layout(tmp_path / "aws", config=f"[default]\nnote = {KEY_ID.lower()}\n")
    document = json.loads(cli(str(folder), "--rules", str(pack), "--select", "ORG001", "--format", "json").out)
    assert [f["fix"] for f in document["findings"]] == [None]


# -- overlapping fixes, rounds -------------------------------------------------------------


def test_overlapping_fixes_are_applied_in_rounds(cli, tmp_path: Path) -> None:
    pack = _rule_with_fix(
        tmp_path,
        "fix:\n  safety: safe\n  description: lower-case\n  edits: [{op: rename-key, to: '{name}'}]\n",
        when="{fact: key, equals: Region}",
    )
    folder = write_layout(tmp_path / "aws", config="[default]\n# keep\nRegion = eu-west-1 # dublin\n[x]\n")
    result = cli(str(folder), "--rules", str(pack), "--select", "ORG001,AWS006", "--fix")
    assert (folder / "config").read_text() == "[default]\n# keep\n# dublin\nregion = eu-west-1\n[x]\n"
    assert "Fixed 2 problems." in result.out


def test_fixes_that_undo_each_other_stop_after_bounded_rounds(cli, tmp_path: Path) -> None:
    pack = write_pack(
        tmp_path,
        """\
        rules:
          - code: ORG001
            name: ping
            severity: warning
            scope: option
            summary: s
            when: {fact: value, equals: a}
            message: m
            fix: {safety: safe, description: d, edits: [{op: set-value, value: b}]}
          - code: ORG002
            name: pong
            severity: warning
            scope: option
            summary: s
            when: {fact: value, equals: b}
            message: m
            fix: {safety: safe, description: d, edits: [{op: set-value, value: a}]}
        """,
    )
    folder = write_layout(tmp_path / "aws", config="[default]\nnote = a\n")
    result = cli(str(folder), "--rules", str(pack), "--select", "ORG", "--fix")
    assert result.code == 1  # still a finding: the loop ended
    # MAX_ROUNDS is even: the value is back where it started, so nothing is written.
    assert fixer.MAX_ROUNDS % 2 == 0
    assert (folder / "config").read_text() == "[default]\nnote = a\n"
    assert "Fixed 0 problems." in result.out


def test_same_change_from_two_findings_is_applied_once(cli, tmp_path: Path) -> None:
    pack = write_pack(
        tmp_path,
        """\
        rules:
          - code: ORG001
            name: one
            severity: warning
            scope: option
            summary: s
            when: {fact: value, equals: legacy}
            message: m
            fix: {safety: safe, description: d, edits: [{op: set-value, value: regional}]}
          - code: ORG002
            name: two
            severity: info
            scope: option
            summary: s
            when: {fact: value, equals: legacy}
            message: m
            fix: {safety: safe, description: d, edits: [{op: set-value, value: regional}]}
        """,
    )
    folder = write_layout(tmp_path / "aws", config="[default]\nsts_regional_endpoints = legacy\n")
    result = cli(str(folder), "--rules", str(pack), "--select", "ORG", "--fix")
    assert (folder / "config").read_text() == "[default]\nsts_regional_endpoints = regional\n"
    assert "Fixed 2 problems." in result.out and result.code == 0


def test_unsafe_fixes_need_the_flag(cli, tmp_path: Path) -> None:
    pack = _rule_with_fix(
        tmp_path,
        "fix:\n  safety: unsafe\n  description: d\n  edits: [{op: set-value, value: us-east-1}]\n",
        when="{fact: value, equals: mars-1}",
    )
    folder = write_layout(tmp_path / "aws", config="[default]\nregion = mars-1\n")
    args = ("--rules", str(pack), "--select", "ORG001")
    plain = cli(str(folder), *args)
    assert "1 hidden fix can be enabled with the `--unsafe-fixes` option." in plain.out
    assert "fixable with the `--fix`" not in plain.out
    safe_only = cli(str(folder), *args, "--fix")
    assert (folder / "config").read_text() == "[default]\nregion = mars-1\n"
    assert "Fixed 0 problems." in safe_only.out and "1 hidden fix" in safe_only.out
    diff = cli(str(folder), *args, "--diff")
    assert diff.code == 0 and "1 hidden fix can be enabled" in diff.err
    unsafe = cli(str(folder), *args, "--fix", "--unsafe-fixes")
    assert (folder / "config").read_text() == "[default]\nregion = us-east-1\n"
    assert "Fixed 1 problem." in unsafe.out and unsafe.code == 0


# -- files too broken to edit --------------------------------------------------------------


def test_invalid_utf8_file_is_left_alone_with_a_reason(cli, tmp_path: Path) -> None:
    folder = tmp_path / "aws"
    folder.mkdir()
    data = b"[default]\nregion = eu-west-1 # dublin\nnote = caf\xe9\n"
    (folder / "config").write_bytes(data)
    result = cli(str(folder), "--fix")
    assert (folder / "config").read_bytes() == data
    assert f"AWS006 not fixed: {folder}/config is not valid UTF-8 (line 3)" in result.err
    assert "Fixed 0 problems." in result.out


def test_syntax_error_next_to_the_edit_blocks_it(cli, tmp_path: Path) -> None:
    folder = tmp_path / "aws"
    folder.mkdir()
    text = "[default]\nregion = eu-west-1 # dublin\nbroken line\n\n[profile x]\n\noutput = json # far away\n"
    (folder / "config").write_text(text)
    result = cli(str(folder), "--fix")
    assert "config:2: AWS006 not fixed: line 3 next to it cannot be parsed" in result.err
    assert (folder / "config").read_text() == text.replace("output = json # far away", "# far away\noutput = json")


# -- writing -------------------------------------------------------------------------------


def _inline_layout(tmp_path: Path) -> tuple[Path, bytes]:
    folder = tmp_path / "aws"
    folder.mkdir()
    data = b"[default]\nregion = eu-west-1 # dublin\n"
    (folder / "config").write_bytes(data)
    os.chmod(folder / "config", 0o644)
    return folder, data


@pytest.mark.parametrize("error", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_interrupted_write_leaves_the_original_and_no_temp_file(cli, tmp_path: Path, monkeypatch, error) -> None:
    folder, data = _inline_layout(tmp_path)

    def fail(src: str, dst: str) -> None:
        raise error

    monkeypatch.setattr(fixer.os, "replace", fail)
    result = cli(str(folder), "--fix")
    assert (folder / "config").read_bytes() == data
    assert sorted(p.name for p in folder.iterdir()) == ["config"]
    if isinstance(error, OSError):
        assert result.code == 2
        assert "awslint: error: " in result.err and "cannot write the fixes" in result.err
        assert "No space left on device" in result.err and "the file is unchanged" in result.err
    else:
        assert result.code == 130


def test_write_keeps_mode_and_fsyncs(tmp_path: Path, monkeypatch, cli) -> None:
    folder, _ = _inline_layout(tmp_path)
    os.chmod(folder / "config", 0o604)
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(fixer.os, "fsync", lambda fd: synced.append(fd) or real_fsync(fd))
    assert cli(str(folder), "--fix").code == 0
    assert os.stat(folder / "config").st_mode & 0o7777 == 0o604
    assert synced, "the temporary file is fsynced before the rename"


def test_read_only_file_is_not_changed(cli, tmp_path: Path) -> None:
    # Also as root: a file without any write bit is read-only on purpose.
    folder, data = _inline_layout(tmp_path)
    os.chmod(folder / "config", 0o444)
    result = cli(str(folder), "--fix")
    assert result.code == 2 and "the file is read-only" in result.err
    assert (folder / "config").read_bytes() == data
    assert os.stat(folder / "config").st_mode & 0o777 == 0o444


def test_read_only_file_is_not_changed_simulated(cli, tmp_path: Path, monkeypatch) -> None:
    # Same as above where the tests run as root: the permission check says no.
    folder, data = _inline_layout(tmp_path)
    monkeypatch.setattr(fixer.os, "access", lambda path, mode: False)
    result = cli(str(folder), "--fix")
    assert result.code == 2
    assert result.err.startswith(f"awslint: error: {folder}/config: cannot write the fixes: the file is read-only")
    assert (folder / "config").read_bytes() == data
    assert "AWS006" in result.out  # the finding remains


def test_read_only_folder_is_not_changed(cli, tmp_path: Path) -> None:
    folder, data = _inline_layout(tmp_path)
    os.chmod(folder, 0o555)
    try:
        result = cli(str(folder), "--fix")
        assert sorted(p.name for p in folder.iterdir()) == ["config"]
    finally:
        os.chmod(folder, 0o755)
    assert result.code == 2 and f"its folder {folder} is read-only" in result.err
    assert (folder / "config").read_bytes() == data


def test_read_only_folder_simulated(cli, tmp_path: Path, monkeypatch) -> None:
    folder, data = _inline_layout(tmp_path)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(fixer.tempfile, "mkstemp", refuse)
    result = cli(str(folder), "--fix")
    assert result.code == 2
    assert f"cannot create a temporary file in {folder}: Permission denied" in result.err
    assert (folder / "config").read_bytes() == data


def test_symlink_target_is_written_and_the_link_kept(cli, tmp_path: Path) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    (dotfiles / "aws-config").write_text("[default]\nregion = eu-west-1 # dublin\n")
    folder = tmp_path / "aws"
    folder.mkdir()
    (folder / "config").symlink_to(dotfiles / "aws-config")
    result = cli(str(folder), "--fix")
    assert (folder / "config").is_symlink()
    assert (dotfiles / "aws-config").read_text() == "[default]\n# dublin\nregion = eu-west-1\n"
    assert f"{folder}/config is a symbolic link: writing the fixes to its target {dotfiles / 'aws-config'}" in result.err
    assert sorted(p.name for p in dotfiles.iterdir()) == ["aws-config"]


def test_hard_linked_file_is_refused(cli, tmp_path: Path) -> None:
    folder, data = _inline_layout(tmp_path)
    os.link(folder / "config", tmp_path / "other-name")
    result = cli(str(folder), "--fix")
    assert result.code == 2 and "2 hard links" in result.err
    assert (folder / "config").read_bytes() == data


def test_file_changed_on_disk_is_not_overwritten(cli, tmp_path: Path, monkeypatch) -> None:
    folder, _ = _inline_layout(tmp_path)
    real_write = fixer.write_file

    def edit_first(state, err):
        (folder / "config").write_text("[default]\nregion = us-east-1\n")  # another program wrote
        return real_write(state, err)

    monkeypatch.setattr(fixer, "write_file", edit_first)
    result = cli(str(folder), "--fix")
    assert result.code == 2 and "changed on disk while awslint was running" in result.err
    assert (folder / "config").read_text() == "[default]\nregion = us-east-1\n"


@pytest.mark.skipif(not IS_ROOT, reason="changing a file's owner needs root")
def test_owner_and_group_are_kept(cli, tmp_path: Path) -> None:
    folder, _ = _inline_layout(tmp_path)
    os.chown(folder / "config", 65534, 65534)
    assert cli(str(folder), "--fix").code == 0
    st = os.stat(folder / "config")
    assert (st.st_uid, st.st_gid) == (65534, 65534)
    assert (folder / "config").read_text() == "[default]\n# dublin\nregion = eu-west-1\n"


def test_diff_and_fix_write_nothing_to_other_files(cli, tmp_path: Path) -> None:
    folder, _ = _inline_layout(tmp_path)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    cli(str(folder), "--diff")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_docs_list_every_edit_op_and_filter() -> None:
    from awslint.engine.fixspec import OPS
    from awslint.engine.render import FILTERS

    doc = (Path(__file__).parent.parent / "docs" / "rule-format.md").read_text()
    for op in OPS:
        assert f"| `{op}` |" in doc, f"docs/rule-format.md misses edit op {op}"
    for name, spec in FILTERS.items():
        written = f"{name}:N" if spec.number else name
        assert f"| `\\|{written}` | {spec.doc} |" in doc, f"docs/rule-format.md misses filter {name} as {spec.doc!r}"


def test_rules_command_shows_the_fix(cli) -> None:
    assert "Fix (safe, with --fix): Remove the byte-order mark." in cli("rules", "AWS004").out
    listed = {rule["code"]: rule["fix"] for rule in json.loads(cli("rules", "--format", "json").out)}
    assert listed["AWS006"] == "safe" and listed["AWS001"] is None


MOVE_FIX = """\
fix:
  safety: unsafe
  description: move {key} to the config file
  edits: [{op: move-to-config}]
"""


@pytest.mark.parametrize(
    ("config", "credentials", "config_after", "credentials_after"),
    [
        (
            "# mine\n[profile dev]\noutput = json\n\n[profile other]\nregion = us-east-1\n",
            "[dev]\n# region of dev\nregion = eu-west-1\noutput = text\n",
            "# mine\n[profile dev]\noutput = json\nregion = eu-west-1\n\n[profile other]\nregion = us-east-1\n",
            "[dev]\n# region of dev\noutput = text\n",
        ),
        (
            "[default]\r\noutput = json",
            "[new]\nregion = eu-west-1\n",
            "[default]\r\noutput = json\r\n[profile new]\r\nregion = eu-west-1\r\n",
            "[new]\n",
        ),
        (
            "[default]\nregion = us-east-1\n",
            "[default]\nregion = eu-west-1\n",
            "[default]\nregion = us-east-1\n",  # set in both: moving would change the value
            "[default]\nregion = eu-west-1\n",
        ),
    ],
)
def test_move_to_config(cli, tmp_path: Path, config: str, credentials: str, config_after: str, credentials_after: str) -> None:
    import botocore.session

    pack = _rule_with_fix(tmp_path, MOVE_FIX, when="{all: [{fact: name, equals: region}, {fact: file_role, equals: credentials}]}")
    folder = tmp_path / "aws"
    folder.mkdir()
    (folder / "config").write_bytes(config.encode())
    (folder / "credentials").write_bytes(credentials.encode())
    cli(str(folder), "--rules", str(pack), "--select", "ORG001", "--fix", "--unsafe-fixes")
    assert (folder / "config").read_bytes() == config_after.encode()
    assert (folder / "credentials").read_bytes() == credentials_after.encode()
    session = botocore.session.Session()
    session.set_config_variable("config_file", str(folder / "config"))
    session.set_config_variable("credentials_file", str(folder / "credentials"))
    regions = {name: p.get("region") for name, p in session.full_config["profiles"].items()}
    assert regions.get("dev", regions.get("new", regions.get("default"))) == "eu-west-1"


def test_move_to_config_leaves_a_context_sibling_alone(cli, tmp_path: Path) -> None:
    pack = _rule_with_fix(tmp_path, MOVE_FIX, when="{fact: name, equals: region}")
    folder = write_layout(tmp_path / "aws", config="[profile dev]\n", credentials="[dev]\nregion = eu-west-1\n")
    result = cli(str(folder / "credentials"), "--rules", str(pack), "--select", "ORG001", "--fix", "--unsafe-fixes")
    assert (folder / "config").read_text() == "[profile dev]\n"
    assert (folder / "credentials").read_text() == "[dev]\nregion = eu-west-1\n"
    assert "Fixed 0 problems." in result.out


@settings(max_examples=200, deadline=None)
@given(
    lines=st.lists(st.sampled_from(["a", "b", "[x]", "k = v", "", "# c"]), min_size=0, max_size=30),
    raw_edits=st.lists(st.tuples(st.integers(0, 30), st.integers(0, 2), st.lists(st.sampled_from(["a", "n", "# c", ""]), max_size=3)), max_size=6),
    rounds=st.integers(1, 3),
)
def test_diff_from_line_origins_reproduces_the_change(lines, raw_edits, rounds) -> None:
    from awslint.files.discovery import FileRef
    from awslint.fix.plan import LineEdit
    from support.diffs import apply_diff

    original = "".join(line + "\n" for line in lines).encode()
    state = fixer.FileState(FileRef("config", "config", "config"), original, original.decode(), False)
    state.edited = True
    for _ in range(rounds):
        count = len(state.text.splitlines())
        taken = fixer.Taken()
        for start, length, new in raw_edits:
            start = min(start, count) + 1
            end = min(start + length, count + 1)
            edit = LineEdit(start, end, tuple(line + "\n" for line in new))
            if not taken.overlaps(edit):
                taken.add(edit)
        fixer._apply_edits(state, taken.edits)
    before, after = fixer._display_lines(original), fixer._display_lines(state.data())
    diff = "\n".join(fixer._unified("config", before, after, fixer._opcodes(state, before, after)))
    assert apply_diff(before, diff) == after
    assert (diff == "") == (before == after)


def test_diff_masks_every_credential_line_even_short_values(cli, tmp_path: Path) -> None:
    folder = tmp_path / "aws"
    folder.mkdir()
    # Short, unshaped values: neither the value list nor the shape patterns would catch them.
    (folder / "credentials").write_text(
        "[local]\naws_access_key_id = abc\naws_secret_access_key = hunter2\nregion = eu-west-1 # x\n"
    )
    os.chmod(folder / "credentials", 0o600)
    result = cli(str(folder), "--diff", "--select", "AWS006")
    assert result.code == 1 and "+region = eu-west-1" in result.out
    assert "hunter2" not in result.out and "= abc" not in result.out
    assert " aws_secret_access_key = ****" in result.out


def test_swallowed_credential_line_is_not_dedented(cli, tmp_path: Path) -> None:
    folder = tmp_path / "aws"
    folder.mkdir()
    text = "[default]\nregion = eu-west-1\n  aws_secret_access_key = hunter2\n"
    (folder / "credentials").write_text(text)
    os.chmod(folder / "credentials", 0o600)
    result = cli(str(folder), "--diff", "--select", "AWS009")
    assert result.out == "" and "hunter2" not in result.err
    cli(str(folder), "--fix", "--select", "AWS009")
    assert (folder / "credentials").read_text() == text


def test_template_lines_are_never_rewritten(cli, tmp_path: Path) -> None:
    folder = tmp_path / "dot_aws"
    folder.mkdir()
    text = (
        '{{- if eq .chezmoi.hostname "work" }}\n[default]\nregion = eu-west-1 # dublin\n'
        "output = {{ .output }} # from chezmoi\n{{- end }}\n"
    )
    (folder / "config.tmpl").write_text(text)
    result = cli(str(folder / "config.tmpl"), "--fix", "--select", "AWS006")
    assert "holds template code" in result.err
    assert (folder / "config.tmpl").read_text() == text.replace(
        "region = eu-west-1 # dublin\n", "# dublin\nregion = eu-west-1\n"
    )


SNIPPETS = [
    "[default]\n", "[profile dev]\n", "[dev]\n", "  [profile swallowed]\n", "[profile ci] ; awslint: disable-section=AWS011\n",
    "region = eu-west-1 # dublin\n", "region: us-east-1\n", "Output = \"json\"\n", "regoin = eu-west-1\n",
    "sts_regional_endpoints = legacy\n", "    output = text\n", "# awslint: disable-next-line=AWS010\n",
    "credential_source = environment\n", "role_arn = arn:aws:iam::111122223333:role/x\n", "\n", "; note\n",
    f"aws_secret_access_key = {SECRET} # rotated\n", "cli_pager = 'less'\n", "output = json ; x\n",
]


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(parts=st.lists(st.sampled_from(SNIPPETS), min_size=1, max_size=12), ending=st.sampled_from(["\n", "\r\n", "\r"]))
def test_fixing_twice_changes_nothing_and_never_shows_a_secret(tmp_path_factory, parts, ending) -> None:
    import io

    import botocore.configloader
    import botocore.exceptions
    from awslint.cli.main import main

    folder = tmp_path_factory.mktemp("aws")
    path = folder / "config"
    path.write_bytes("".join(parts).replace("\n", ending).encode())

    def run(*args: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        code = main([str(path), *args], stdout=out, stderr=err)
        return code, out.getvalue(), err.getvalue()

    def readable() -> bool:
        try:
            botocore.configloader.raw_config_parse(str(path))
        except botocore.exceptions.ConfigParseError:
            return False
        return True

    was_readable = readable()
    code, diff, err = run("--diff", "--unsafe-fixes")
    assert code in (0, 1) and SECRET not in diff + err
    run("--fix", "--unsafe-fixes")
    once = path.read_bytes()
    code, diff, _ = run("--diff", "--unsafe-fixes")
    assert (code, diff) == (0, ""), diff
    run("--fix", "--unsafe-fixes")
    assert path.read_bytes() == once
    assert SECRET.encode() in once if SECRET in "".join(parts) else True  # a secret is never dropped
    if was_readable:
        assert readable(), once


DUPLICATE_AFTER_DEDENT = "  [profile swallowed]\nregion = eu-west-1\n  [profile swallowed]\n[default]\noutput = json\n    output = text\n"


def test_dedent_never_makes_a_duplicate_header_or_key(cli, tmp_path: Path) -> None:
    # Found by the property test above: dedenting would make botocore refuse the file.
    folder = tmp_path / "aws"
    folder.mkdir()
    (folder / "config").write_text(DUPLICATE_AFTER_DEDENT)
    document = json.loads(cli(str(folder), "--select", "AWS009", "--format", "json").out)
    assert [f["fix"] for f in document["findings"]] == [None, None]


def test_fixes_that_would_make_the_file_unreadable_are_undone(cli, tmp_path: Path, monkeypatch) -> None:
    from awslint.fix import plan as fixes

    monkeypatch.setattr(fixes._Planner, "guard_no_duplicate", lambda self, number, text: None)
    folder = tmp_path / "aws"
    folder.mkdir()
    (folder / "config").write_text(DUPLICATE_AFTER_DEDENT)
    result = cli(str(folder), "--select", "AWS009", "--fix")
    assert "not fixed: the fixes would make botocore refuse the file" in result.err
    assert (folder / "config").read_text() == DUPLICATE_AFTER_DEDENT
    assert "Fixed 0 problems." in result.out


# -- regressions from review 2: botocore's merged view must not change behind the user's back ----


def _boto_profiles(folder: Path) -> object:
    """botocore's merged profiles for the layout, or the error it raises."""
    import botocore.session

    session = botocore.session.Session()
    session.set_config_variable("config_file", str(folder / "config"))
    session.set_config_variable("credentials_file", str(folder / "credentials"))
    try:
        return session.full_config["profiles"]
    except Exception as exc:  # noqa: BLE001 - the error class is what we compare
        return type(exc).__name__


def _layout(tmp_path: Path, config: str, credentials: str = "") -> Path:
    folder = tmp_path / "aws"
    folder.mkdir()
    (folder / "config").write_text(config)
    (folder / "credentials").write_text(credentials)
    return folder


@pytest.mark.parametrize(
    "config",
    [
        '[profile dev]\ncredential_process = /usr/bin/helper --label "build #5"\nregion = eu-west-1\n',
        "[profile dev]\ncredential_process = /usr/bin/helper --name a ;b\nregion = eu-west-1\n",
        "[profile dev]\nregion = eu-west-1\nduration_seconds = '3600 #x'\n",
    ],
)
def test_inline_comment_fix_keeps_quoted_text_and_commands(cli, tmp_path: Path, config: str) -> None:
    folder = _layout(tmp_path, config)
    before = _boto_profiles(folder)
    cli(str(folder), "--select", "AWS006", "--fix")
    assert (folder / "config").read_text() == config
    assert _boto_profiles(folder) == before


@pytest.mark.parametrize("other", ["[profile  dev]", '[profile "dev"]', "[profile\tdev]"])
def test_rename_section_never_replaces_a_profile_spelled_differently(cli, tmp_path: Path, other: str) -> None:
    config = f"{other}\nregion = eu-west-1\noutput = json\n[dev]\nregion = us-east-1\n"
    folder = _layout(tmp_path, config)
    before = _boto_profiles(folder)
    cli(str(folder), "--select", "AWS101", "--fix")
    assert (folder / "config").read_text() == config
    assert _boto_profiles(folder) == before


def test_rename_section_in_credentials_never_replaces_a_profile(cli, tmp_path: Path) -> None:
    credentials = "[dev]\nregion = eu-west-1\n[profile dev]\nregion = us-east-1\n"
    folder = _layout(tmp_path, "", credentials)
    cli(str(folder), "--select", "AWS102", "--fix")
    assert (folder / "credentials").read_text() == credentials


def test_cross_file_fix_is_undone_in_both_files(cli, tmp_path: Path, monkeypatch) -> None:
    from awslint.fix import plan as fixes

    # Without the duplicate guard the rename makes the config unreadable; the move of the same
    # run must then be undone in both files, or cli_pager is lost.
    monkeypatch.setattr(fixes, "_names_by_section", lambda file: {})
    config = "[DEFAULT]\nregion = us-east-1\n[profile dev]\noutput = json\n[DEFAULT]\nregoin = eu-west-1\n"
    credentials = "[dev]\ncli_pager = less\n"
    folder = _layout(tmp_path, config, credentials)
    result = cli(str(folder), "--fix", "--unsafe-fixes")
    assert "not fixed" in result.err
    assert (folder / "config").read_text() == config
    assert (folder / "credentials").read_text() == credentials


def test_rename_key_checks_every_section_with_the_same_header(cli, tmp_path: Path) -> None:
    config = "[DEFAULT]\nregion = us-east-1\n[profile dev]\noutput = json\n[DEFAULT]\nregoin = eu-west-1\n"
    folder = _layout(tmp_path, config)
    before = _boto_profiles(folder)
    result = cli(str(folder), "--fix", "--unsafe-fixes")
    assert "botocore refuse" not in result.err
    assert (folder / "config").read_text() == config
    assert _boto_profiles(folder) == before


def test_dedent_checks_every_default_section(cli, tmp_path: Path) -> None:
    config = "[DEFAULT]\noutput = json\n[default]\nregion = us-east-1\n[DEFAULT]\nregion = eu-west-1\n    output = text\n"
    folder = _layout(tmp_path, config)
    document = json.loads(cli(str(folder), "--select", "AWS009", "--format", "json").out)
    assert document["findings"] and all(f["fix"] is None for f in document["findings"])


def test_move_to_config_refuses_when_credentials_default_sets_the_key(cli, tmp_path: Path) -> None:
    pack = _rule_with_fix(tmp_path, MOVE_FIX, when="{all: [{fact: name, equals: region}, {fact: file_role, equals: credentials}]}")
    credentials = "[DEFAULT]\nregion = us-west-2\n[dev]\nregion = eu-west-1\n"
    folder = _layout(tmp_path, "[profile dev]\noutput = json\n", credentials)
    before = _boto_profiles(folder)
    cli(str(folder), "--rules", str(pack), "--select", "ORG001", "--fix", "--unsafe-fixes")
    assert _boto_profiles(folder) == before
    assert (folder / "credentials").read_text() == credentials


@pytest.mark.parametrize(("line", "after"), [('region="eu-west-1"', "region=eu-west-1"), ("region = 'eu-west-1'", "region = eu-west-1")])
def test_set_value_keeps_the_spacing(cli, tmp_path: Path, line: str, after: str) -> None:
    folder = _layout(tmp_path, f"[default]\n{line}\n")
    cli(str(folder), "--select", "AWS008", "--fix")
    assert (folder / "config").read_text() == f"[default]\n{after}\n"
