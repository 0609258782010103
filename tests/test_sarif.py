"""SARIF output: schema-valid, acceptable to GitHub code scanning, stable, and secret-free."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from support.fakes import KEY_ID, SECRET, TEMP_KEY_ID, TEMP_SECRET, TOKEN
from support.sarif_check import validate_sarif

from awslint.project import HOMEPAGE

REPO_EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

RISKY_CONFIG = """\
[default]
login_session = arn:aws:iam::111122223333:user/dana
region = us-east-1 # main

[profile admin]
role_arn = arn:aws:iam::111122223333:role/admin
source_profile = keys
"""
RISKY_CREDENTIALS = f"""\
[default]
aws_access_key_id = {KEY_ID}
aws_secret_access_key = {SECRET}

[keys]
aws_access_key_id = {KEY_ID}
aws_secret_access_key = {SECRET}

[temp]
aws_access_key_id = {TEMP_KEY_ID}
aws_secret_access_key = {TEMP_SECRET}
aws_session_token = {TOKEN}
"""

# Every layout the tests know: plain, chezmoi, templated, broken, suppressed, clean.
LAYOUTS = {
    "aws": ("aws", "config", "credentials", RISKY_CONFIG, RISKY_CREDENTIALS),
    "dotaws": (".aws", "config", "credentials", RISKY_CONFIG, RISKY_CREDENTIALS),
    "chezmoi": ("private_dot_aws", "config", "private_credentials", RISKY_CONFIG, RISKY_CREDENTIALS),
    "template": (
        "dot_aws", "config.tmpl", "private_credentials.tmpl",
        '{{- if eq .chezmoi.hostname "work" }}\n[default]\nregion = {{ .region }}\n{{- end }}\n',
        (
            '[default]\naws_access_key_id = {{ (bitwarden "item" "aws").login.username }}\n'
            'aws_secret_access_key = {{ (bitwarden "item" "aws").login.password }}\n'
        ),
    ),
    "broken": ("aws", "config", "credentials", "region = x\n[default\n[profile a]\nkey\n[profile a]\n", "[default]\naws_access_key_id =\n"),
    "suppressed": (
        "aws", "config", "credentials",
        "# awslint: disable-file=AWS006 -- legacy tool\n[default]\nregion = us-east-1 # main\n",
        f"# awslint: disable-file=secret-in-repository -- fixture\n[default]\n# awslint: disable-next-line=AWS201,AWS202 -- sandbox\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n",
    ),
    "clean": ("aws", "config", None, "[default]\nregion = eu-west-1\n", None),
}


def make_repo(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q", str(root)], check=True)
    else:  # the root is recognised by its .git folder
        (root / ".git").mkdir()
    return root


def write(root: Path, layout: str) -> Path:
    folder, config_name, credentials_name, config, credentials = LAYOUTS[layout]
    target = root / folder
    target.mkdir(parents=True, exist_ok=True)
    if config is not None:
        (target / config_name).write_text(config)
    if credentials is not None:
        (target / credentials_name).write_text(credentials)
        os.chmod(target / credentials_name, 0o600)
    return target


def sarif(cli, *args: str) -> tuple[int, dict]:
    result = cli(*args, "--format", "sarif")
    assert result.code in (0, 1), result.err
    return result.code, validate_sarif(result.out)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_layout_gives_valid_github_sarif(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout: str) -> None:
    repo = make_repo(tmp_path / "repo")
    folder = write(repo, layout)
    monkeypatch.chdir(repo)
    code, log = sarif(cli, str(folder.relative_to(repo)))
    run = log["runs"][0]
    for result in run["results"]:
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri.startswith(LAYOUTS[layout][0] + "/"), uri
    assert (code == 1) == any(r["level"] in ("error", "warning") for r in run["results"])
    if layout in ("clean", "suppressed"):
        assert run["results"] == []
    else:
        assert run["results"] or layout == "template"


def test_bundled_examples_validate(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO_EXAMPLES.parent)
    for name in ("risky", "clean"):
        _, log = sarif(cli, f"examples/{name}")
        if name == "risky":
            assert log["runs"][0]["results"]


def test_rules_describe_every_enabled_rule(cli, ruleset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path / "repo")
    write(repo, "clean")
    monkeypatch.chdir(repo)
    _, log = sarif(cli, "aws")
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in ruleset.rules]
    by_id = {r["id"]: r for r in rules}
    for rule in ruleset.rules:
        descriptor = by_id[rule.code]
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["help"]["markdown"].strip()
        assert "**" not in descriptor["help"]["text"]
        assert descriptor["helpUri"] == f"{HOMEPAGE}/blob/main/docs/rules.md#{rule.code.lower()}-{rule.name}"
        assert descriptor["defaultConfiguration"]["level"] == {"error": "error", "warning": "warning", "info": "note"}[rule.severity]
        properties = descriptor["properties"]
        assert properties["tags"] == sorted(rule.tags, key=lambda t: t != "security")
        if "security" in rule.tags and rule.security_severity != "none":
            assert properties["security-severity"] == rule.security_severity  # every built-in sets its own
            assert "problem.severity" not in properties
        else:
            assert "security-severity" not in properties
    # --select narrows the list to the rules that ran.
    _, log = sarif(cli, "aws", "--select", "AWS2")
    assert {r["id"][:4] for r in log["runs"][0]["tool"]["driver"]["rules"]} == {"AWS2"}


def test_security_severity_is_chosen_per_rule(ruleset) -> None:
    """A committed secret is high, a malformed ARN low, example/LocalStack keys no security alert."""
    from awslint.report.formatters.sarif import rule_descriptor

    def score(code: str) -> object:
        rule = next(r for r in ruleset.rules if r.code == code)
        return rule_descriptor(rule, rule.severity)["properties"].get("security-severity")

    assert 7.0 <= float(score("AWS216")) < 9.0  # secret-in-repository: high
    assert float(score("AWS215")) < 4.0  # malformed-arn: low, although its severity is error
    assert score("AWS209") is None  # placeholder-credentials: not a security alert
    assert score("AWS001") is None  # not a security rule at all


def test_rule_pack_rules_get_a_derived_score_and_their_own_help_uri(tmp_path: Path) -> None:
    from awslint.report.formatters.sarif import rule_descriptor
    from awslint.engine.ruleset import load_rules

    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "rules:\n"
        "  - {code: ORG001, name: a, severity: error, scope: profile, summary: s, tags: [security],\n"
        "     when: {fact: name, equals: x}, message: m}\n"
        "  - {code: ORG002, name: b, severity: info, scope: profile, summary: s, security_severity: 9.5,\n"
        "     help_uri: 'https://example.org/b', when: {fact: name, equals: x}, message: m}\n"
    )
    rules = {r.code: r for r in load_rules([str(pack)]).rules}
    first, second = rule_descriptor(rules["ORG001"], "error"), rule_descriptor(rules["ORG002"], "info")
    assert first["properties"]["security-severity"] == "7.0" and "helpUri" not in first
    assert second["properties"]["security-severity"] == "9.5" and second["properties"]["tags"] == ["security"]
    assert second["helpUri"] == "https://example.org/b"


@pytest.mark.parametrize("value", ["11", "0", "high", "[1]"])
def test_bad_security_severity_is_an_error_with_its_line(tmp_path: Path, value: str) -> None:
    from awslint.errors import UsageError
    from awslint.engine.ruleset import load_rules

    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "rules:\n  - code: ORG001\n    name: a\n    severity: error\n    scope: profile\n    summary: s\n"
        f"    security_severity: {value}\n    when: {{fact: name, equals: x}}\n    message: m\n"
    )
    with pytest.raises(UsageError, match=r"pack.yaml:7: 'security_severity' must be a number"):
        load_rules([str(pack)])


def test_help_uris_point_at_headings_of_the_rules_document(ruleset) -> None:
    """GitHub's heading anchors: lower case, spaces to dashes, other punctuation dropped."""
    from awslint.report.formatters.sarif import help_uri

    text = (Path(__file__).resolve().parent.parent / "docs" / "rules.md").read_text()
    anchors = {re.sub(r"[^a-z0-9 _-]", "", line[3:].strip().lower()).replace(" ", "-") for line in text.splitlines() if line.startswith("## ")}
    for rule in ruleset.rules:
        uri = help_uri(rule)
        assert uri is not None and uri.startswith(f"{HOMEPAGE}/blob/main/docs/rules.md#")
        assert uri.split("#", 1)[1] in anchors, rule.code


def test_results_carry_index_level_region_and_no_secret(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path / "repo")
    write(repo, "aws")
    monkeypatch.chdir(repo)
    result = cli("aws", "--format", "sarif")
    for secret in (SECRET, TEMP_SECRET, TOKEN, KEY_ID, TEMP_KEY_ID):
        assert secret not in result.out
    log = validate_sarif(result.out)
    run = log["runs"][0]
    findings = json.loads(cli("aws", "--format", "json").out)["findings"]
    levels = {"error": "error", "warning": "warning", "info": "note"}
    expected = sorted((f["code"], f["line"], f["column"], levels[f["severity"]], f["message"]) for f in findings)
    got = sorted(
        (r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"],
         r["locations"][0]["physicalLocation"]["region"]["startColumn"], r["level"], r["message"]["text"])
        for r in run["results"]
    )
    assert got and got == expected
    aws006 = next(r for r in run["results"] if r["ruleId"] == "AWS006")
    assert aws006["locations"][0]["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 20, "endLine": 3, "endColumn": 26}
    assert aws006["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "aws/config", "uriBaseId": "%SRCROOT%"}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.resolve().as_uri() + "/"


def test_uri_is_relative_to_the_repository_not_the_working_directory(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path / "repo")
    folder = write(repo / "home" / "dots", "chezmoi")
    runs = []
    for cwd, path in ((repo, str(folder.relative_to(repo))), (folder.parent, folder.name), (folder, "."), (tmp_path, str(folder))):
        monkeypatch.chdir(cwd)
        _, log = sarif(cli, path)
        runs.append([(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["partialFingerprints"]) for r in log["runs"][0]["results"]])
    assert runs[0] and all(run == runs[0] for run in runs)
    assert all(uri.startswith("home/dots/private_dot_aws/") for _, uri, _ in runs[0])


def test_fingerprints_survive_moving_lines(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path / "repo")
    folder = write(repo, "aws")
    monkeypatch.chdir(repo)
    _, before = sarif(cli, "aws")
    # Move everything down: a comment block on top and the sections swapped.
    config = (folder / "config").read_text()
    first, second = config.split("\n\n")
    (folder / "config").write_text("# my settings\n\n\n" + second.strip() + "\n\n" + first.strip() + "\n")
    credentials = (folder / "credentials").read_text()
    (folder / "credentials").write_text("\n\n# keys\n" + credentials)
    _, after = sarif(cli, "aws")

    def prints(log: dict) -> dict:
        return {
            (r["ruleId"], r["partialFingerprints"]["awslint/v1"]): r["locations"][0]["physicalLocation"]["region"]["startLine"]
            for r in log["runs"][0]["results"]
        }

    old, new = prints(before), prints(after)
    assert set(old) == set(new)
    assert any(old[k] != new[k] for k in old), "lines did move"
    assert len({fp for _, fp in old}) == len(old), "fingerprints are unique within a run"


def test_suppressed_findings_are_left_out(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path / "repo")
    write(repo, "suppressed")
    monkeypatch.chdir(repo)
    code, log = sarif(cli, "aws")
    assert code == 0
    assert log["runs"][0]["results"] == []
    document = json.loads(cli("aws", "-f", "json").out)
    reasons = {f["code"]: f["suppressed"]["reason"] for f in document["findings"] if "suppressed" in f}
    assert reasons == {"AWS006": "legacy tool", "AWS201": "sandbox", "AWS202": "sandbox", "AWS216": "fixture"}


def test_skipped_file_becomes_a_tool_notification(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path / "repo")
    folder = write(repo, "clean")
    os.mkfifo(folder / "credentials")
    monkeypatch.chdir(repo)
    result = cli("aws", "--format", "sarif")
    log = validate_sarif(result.out)
    notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert any("credentials" in n["message"]["text"] and "skipped" in n["message"]["text"] for n in notes)
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is True


def test_file_outside_the_repository_gets_an_absolute_file_uri(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path / "repo")
    outside = write(tmp_path / "elsewhere", "aws")
    monkeypatch.chdir(repo)
    _, log = sarif(cli, str(outside))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris and all(u.startswith("file:///") for u in uris)
    notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert any("outside" in n["message"]["text"] for n in notes)


def test_outside_any_repository_the_working_directory_is_the_root(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if any((p / ".git").exists() for p in (tmp_path, *tmp_path.parents)):
        pytest.skip("the temporary folder is inside a git repository")
    write(tmp_path, "aws")
    monkeypatch.chdir(tmp_path)
    _, log = sarif(cli, "aws")
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris == {"aws/config", "aws/credentials"}


def test_configured_severity_changes_levels(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = make_repo(tmp_path / "repo")
    write(repo, "aws")
    (repo / ".awslint.yaml").write_text("severity:\n  AWS006: info\n")
    monkeypatch.chdir(repo)
    _, log = sarif(cli, "aws")
    run = log["runs"][0]
    rule = next(r for r in run["tool"]["driver"]["rules"] if r["id"] == "AWS006")
    assert rule["defaultConfiguration"]["level"] == "note"
    assert next(r for r in run["results"] if r["ruleId"] == "AWS006")["level"] == "note"


def test_schema_check_catches_broken_logs() -> None:
    """The validator used above is not a rubber stamp."""
    from awslint.findings import Finding
    from awslint.report.formatters.sarif import format_sarif
    from awslint.engine.ruleset import load_rules

    rules = load_rules().rules
    finding = Finding("AWS006", "inline-comment-in-value", "error", "config", 1, 1, 1, 2, "m")
    good = format_sarif([finding], rules, cwd=os.getcwd())
    validate_sarif(good)
    log = json.loads(good)
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"] = 0
    with pytest.raises(AssertionError):
        validate_sarif(json.dumps(log))
    log = json.loads(good)
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = ""
    with pytest.raises(AssertionError):
        validate_sarif(json.dumps(log))
    log = json.loads(good)
    log["runs"][0]["tool"]["driver"]["rules"][0]["properties"]["security-severity"] = 8.0
    with pytest.raises(AssertionError):
        validate_sarif(json.dumps(log))
