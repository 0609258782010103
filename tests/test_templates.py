"""chezmoi-style templates: {{ }} spans are placeholders, directive lines are not syntax errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from awslint.files.templates import mask_text
from support.fakes import KEY_ID, SECRET

TEMPLATE_CONFIG = """\
{{- if eq .chezmoi.hostname "work" }}
[default]
region = {{ .region | default "eu-west-1" }}
{{- else }}
[profile home]
region = eu-west-1
{{- end }}
  {{ template "extra" . }}  {{/* two spans */}}
"""
TEMPLATE_CREDENTIALS = """\
[home]
aws_access_key_id = {{ (bitwarden "item" "aws").login.username }}
aws_secret_access_key = {{ (bitwarden "item" "aws").login.password }}
"""


def lint_dir(cli, folder: Path) -> list[dict]:
    result = cli(str(folder), "-f", "json")
    assert result.code in (0, 1), result.err
    return json.loads(result.out)["findings"]


def test_masking_keeps_lines_and_columns() -> None:
    masked = mask_text(TEMPLATE_CONFIG)
    assert len(masked) == len(TEMPLATE_CONFIG)
    assert masked.count("\n") == TEMPLATE_CONFIG.count("\n")
    lines = masked.splitlines()
    assert lines[0].startswith("#") and lines[3].startswith("#") and lines[7].lstrip().startswith("#")
    assert lines[2] == "region = {{" + "_" * (len('{{ .region | default "eu-west-1" }}') - 4) + "}}"
    assert lines[5] == "region = eu-west-1"


def test_multi_line_span() -> None:
    text = "[default]\n{{- if (eq .x\n      \"a\") }}\nregion = eu-west-1\n"
    masked = mask_text(text)
    assert [line.lstrip()[:1] for line in masked.splitlines()] == ["[", "#", "#", "r"]


@pytest.mark.parametrize("folder", ["dot_aws", "private_dot_aws"])
def test_template_layout_is_clean(cli, tmp_path: Path, folder: str) -> None:
    target = tmp_path / folder
    target.mkdir()
    (target / "config.tmpl").write_text(TEMPLATE_CONFIG)
    (target / "private_credentials.tmpl").write_text(TEMPLATE_CREDENTIALS)
    findings = lint_dir(cli, target)
    # No syntax error for directive lines, no shape or placeholder rule for templated keys, and
    # no permission or repository rule: the template holds template code, not the secret.
    assert [f for f in findings if f["severity"] != "info"] == []
    assert not any(f["code"] in ("AWS001", "AWS006", "AWS202", "AWS207", "AWS209", "AWS212", "AWS216") for f in findings)


def test_templated_keys_count_where_secrets_live(cli, tmp_path: Path) -> None:
    """A template expression in a credential key means a secret will be there: AWS201 (default
    profile), AWS211 (config file) and AWS213 (role from those keys, no MFA) count it."""
    target = tmp_path / "dot_aws"
    target.mkdir()
    (target / "config.tmpl").write_text(
        "[profile personal]\naws_access_key_id = {{ onepasswordRead \"op://a/b/id\" }}\n"
        "aws_secret_access_key = {{ onepasswordRead \"op://a/b/secret\" }}\n"
        "[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = default\n"
    )
    (target / "private_credentials.tmpl").write_text(TEMPLATE_CREDENTIALS.replace("[home]", "[default]"))
    got = {(f["code"], f["severity"], f.get("profile") or f.get("section")) for f in lint_dir(cli, target)}
    assert ("AWS201", "warning", "default") in got
    assert ("AWS213", "warning", "admin") in got
    assert ("AWS211", "warning", "personal") in got
    assert not {code for code, _, _ in got} & {"AWS202", "AWS207", "AWS209", "AWS212", "AWS216"}


def test_real_problems_in_templates_are_still_found(cli, tmp_path: Path) -> None:
    target = tmp_path / "dot_aws"
    target.mkdir()
    (target / "config.tmpl").write_text("{{- if .work }}\n[default]\nregion = us-east-1 # {{ .comment }}\nbare line\n{{- end }}\n")
    (target / "private_credentials.tmpl").write_text(f"[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n")
    findings = lint_dir(cli, target)
    got = {(f["code"], f["line"]) for f in findings}
    assert ("AWS006", 3) in got and ("AWS001", 4) in got and ("AWS201", 2) in got
    aws006 = next(f for f in findings if f["code"] == "AWS006")
    assert aws006["column"] == 20  # columns are those of the file as written


def test_plain_files_are_read_as_botocore_reads_them(cli, tmp_path: Path) -> None:
    target = tmp_path / "aws"
    target.mkdir()
    (target / "config").write_text('{{- if eq .chezmoi.hostname "work" }}\n[default]\nregion = eu-west-1\n')
    findings = lint_dir(cli, target)
    assert ("AWS001", 1) in {(f["code"], f["line"]) for f in findings}


def test_masked_text_is_marked_so_nothing_writes_it_back(tmp_path: Path) -> None:
    from awslint.syntax.parse import parse
    from awslint.files.source import source_from_text

    parsed = parse(source_from_text(TEMPLATE_CREDENTIALS, "credentials", "dot_aws/private_credentials.tmpl"))
    assert parsed.source.template is True
    plain = parse(source_from_text(TEMPLATE_CREDENTIALS, "credentials", "dot_aws/private_credentials"))
    assert plain.source.template is False
