"""Property: no secret key, session token or full key id from the input ever reaches an output.

Files are generated with random, valid-looking credentials (``AKIA``/``ASIA`` + 16 base32
characters, 40-character secret keys, long session tokens) placed where they belong and where
they do not: misspelt and unknown keys, section names, comments, continuation lines, lines
before the first header, lines without a delimiter, duplicates. Every output is checked:
each ``--format`` the parser offers (sarif, github … once added), ``--statistics``,
``--output`` files, error messages on stderr, ``awslint rules``, and ``awslint explain`` and
``--diff`` once those exist (discovered from the parser, see ``support.hardening``).

Secrets are generated with at least one digit: a 40-character run of letters only is treated
as prose by the shape-based redaction, and real secret keys practically always hold digits.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Iterator

import pytest
from support.hardening import FUZZ, assert_contract, explain_argvs, formats, isolated, lint_argvs, run, subcommands
from hypothesis import given, settings
from hypothesis import strategies as st

_counter = itertools.count()
BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
SECRET_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+"


@pytest.fixture(scope="module", autouse=True)
def _isolated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with isolated(str(tmp_path_factory.mktemp("home"))):
        yield


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("secrets")


key_ids = st.builds(lambda p, body: p + body, st.sampled_from(["AKIA", "ASIA"]), st.text(BASE32, min_size=16, max_size=16))
secret_keys = st.builds(
    lambda body, digit, at: body[:at] + digit + body[at:],
    st.text(SECRET_CHARS, min_size=39, max_size=39),
    st.sampled_from("0123456789"),
    st.integers(0, 39),
)
tokens = st.builds(lambda body: "IQoJb3JpZ2luX2Vj" + body, st.text(SECRET_CHARS + "=", min_size=100, max_size=400))


@st.composite
def secret_layout(draw: st.DrawFn) -> tuple[str | None, str | None, list[str]]:
    """(config text, credentials text, the secrets they hold)."""
    key_id, secret, token = draw(key_ids), draw(secret_keys), draw(tokens)
    secrets = [key_id, secret, token]
    proper = [f"aws_access_key_id = {key_id}", f"aws_secret_access_key = {secret}", f"aws_session_token = {token}"]
    misplaced = [
        f"aws_secret_key = {secret}",  # misspelt keys
        f"aws_acces_key_id = {key_id}",
        f"aws_sesion_token = {token}",
        f"secret = {secret}",  # unknown keys
        f"my_{draw(st.sampled_from(['token', 'key', 'thing']))} = {token}",
        f"AWS_SECRET_ACCESS_KEY = {secret}",
        f"aws_security_token = {token}",
        f"aws_access_key_id = {key_id} # rotated",  # inline comments
        f"aws_secret_access_key = {secret} ; old",
        f"region = us-east-1 # {secret}",
        f"output = json # {key_id} {token}",
        f"# {key_id} {secret}",  # comments
        f"; {token}",
        f"  {secret}",  # continuation line
        f"  {token}",
        f"{secret}",  # no delimiter
        f"{key_id}",
        f"= {secret}",
        f"s3 =\n  {key_id} = {secret}\n  token = {token}",  # nested block
        f"credential_process = /bin/echo {secret}",
        f"role_arn = arn:aws:iam::111122223333:role/{key_id}",
        f"source_profile = {key_id}",
        f"[profile {key_id}]",  # section names
        f"[{secret}]",
        f"[{token}]",
        f"[profile {secret}",
        f"[sso-session {key_id}]",
        "region = us-east-1",
        "[default]",
    ]
    lines = draw(st.lists(st.sampled_from(proper + misplaced), min_size=1, max_size=12))
    header = draw(st.sampled_from(["[default]", f"[{key_id}]", "[profile dev]", "[prod]"]))
    body = [header, *lines, *draw(st.permutations(proper))]
    if draw(st.booleans()):
        body.insert(0, draw(st.sampled_from([secret, key_id, f"# {token}", f"x = {secret}"])))  # before any header
    text = draw(st.sampled_from(["\n", "\r\n"])).join(body) + "\n"
    if draw(st.booleans()):
        text = "\ufeff" + text
    where = draw(st.sampled_from(["credentials", "config", "both"]))
    config = text if where in ("config", "both") else None
    credentials = text if where in ("credentials", "both") else None
    if where == "credentials" and draw(st.booleans()):
        config = f"[profile {key_id}]\nsource_profile = {key_id}\nrole_arn = arn:aws:iam::111122223333:role/x\n"
    return config, credentials, secrets


def assert_no_secret(text: str, secrets: list[str], where: str) -> None:
    """No secret in any letter case (keys and names may be lower-cased on the way out)."""
    lowered = text.lower()
    for secret in secrets:
        at = lowered.find(secret.lower())
        if at >= 0:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            pytest.fail(f"{secret[:4]}… leaks in {where}: {text[start:end if end >= 0 else None][:300]!r}")


def _write(workdir: Path, config: str | None, credentials: str | None) -> Path:
    folder = workdir / f"case{next(_counter)}"
    folder.mkdir()
    if config is not None:
        (folder / "config").write_text(config, encoding="utf-8")
    if credentials is not None:
        (folder / "credentials").write_text(credentials, encoding="utf-8")
    return folder


@pytest.mark.slow
@settings(FUZZ, max_examples=40)
@given(layout=secret_layout())
def test_no_secret_in_any_output(workdir: Path, layout: tuple[str | None, str | None, list[str]]) -> None:
    config, credentials, secrets = layout
    folder = _write(workdir, config, credentials)
    argvs = lint_argvs([str(folder)]) + explain_argvs([str(folder)])
    # Single files (pre-commit style) and the error path: a missing second PATH is exit 2.
    argvs.append([str(folder / "credentials" if credentials is not None else folder / "config"), "--format", "json"])
    argvs.append([str(folder), str(folder / "missing")])
    for argv in argvs:
        result = run(*argv)
        assert_contract(result)
        assert_no_secret(result.out, secrets, f"stdout of {argv[1:]}")
        assert_no_secret(result.err, secrets, f"stderr of {argv[1:]}")


@settings(FUZZ, max_examples=10)
@given(layout=secret_layout())
def test_no_secret_in_output_files(workdir: Path, layout: tuple[str | None, str | None, list[str]]) -> None:
    config, credentials, secrets = layout
    folder = _write(workdir, config, credentials)
    report = folder / "report.out"
    for fmt in formats():
        result = run(str(folder), "--format", fmt, "--output", str(report))
        assert_contract(result)
        assert_no_secret(report.read_text(encoding="utf-8"), secrets, f"--output ({fmt})")
        assert_no_secret(result.out + result.err, secrets, f"stdout/stderr with --output ({fmt})")


@settings(FUZZ, max_examples=15)
@given(secret=st.one_of(key_ids, secret_keys, tokens))
def test_secret_typed_as_an_argument_is_not_echoed(workdir: Path, secret: str) -> None:
    """A secret pasted where a PATH, rule code or option value goes (exit 2 error lines)."""
    argvs = [[secret], ["--select", secret], ["--ignore", secret], ["--format", secret], ["rules", secret]]
    argvs += [[f"--{secret}"], ["--fail-on", secret], ["--rules", str(workdir / secret)]]
    if "explain" in subcommands():
        argvs.append(["explain", secret, str(workdir / secret)])
    for argv in argvs:
        result = run(*argv)
        assert_contract(result)
        assert_no_secret(result.out + result.err, [secret], f"output of {argv}")


def test_rules_command_prints_no_secret_from_the_users_files(workdir: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """``awslint rules`` (every format, every rule's help) with secrets in ~/.aws and in the
    AWS_* file variables: nothing of them is printed (the command must not read them at all)."""
    import random

    from awslint.engine.ruleset import load_rules

    rng = random.Random(0x5EC2E7)  # not the seed behind the fake keys in support.fakes and the rule examples
    key_id = "AKIA" + "".join(rng.choice(BASE32) for _ in range(16))
    secret = "".join(rng.choice(SECRET_CHARS) for _ in range(39)) + "7"
    token = "IQoJb3JpZ2luX2Vj" + "".join(rng.choice(SECRET_CHARS) for _ in range(200))
    home = tmp_path_factory.mktemp("rules-home")
    aws = home / ".aws"
    aws.mkdir()
    text = f"[default]\naws_access_key_id = {key_id}\naws_secret_access_key = {secret}\naws_session_token = {token}\n"
    (aws / "credentials").write_text(text)
    (aws / "config").write_text(f"[profile {key_id}]\nregion = us-east-1 # {secret}\n")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HOME", str(home))
        patch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(aws / "credentials"))
        patch.setenv("AWS_CONFIG_FILE", str(aws / "config"))
        outputs = [run("rules", "--format", fmt) for fmt in formats("rules")]
        outputs += [run("rules", rule.code) for rule in load_rules().rules]
    assert len(outputs) > len(formats("rules"))
    for result in outputs:
        assert result.code == 0, result
        assert_no_secret(result.out + result.err, [key_id, secret, token], f"awslint {' '.join(result.argv)}")
