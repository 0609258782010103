"""Fuzzing the CLI: whatever the files hold, awslint ends with 0/1/2 and never a traceback.

Two generators, both deterministic (``derandomize=True``, no example database) with small
example budgets so the module stays well under a minute on two shared cores:

* structural: AWS config and credentials files built from sections (including odd headers),
  keys, values, comments, inline comments, continuations, nested blocks, duplicates, a BOM and
  mixed CR/LF endings, sometimes re-encoded;
* byte-level: mutations (flips, inserts, deletions, duplications, splices, truncation) of the
  bundled layouts in ``examples/`` and the parsing corpus in ``tests/corpus``.

Each example runs the real entry point ``awslint.cli.main`` in every output format the parser
offers (and ``--statistics``), each under a hang guard.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Iterator

import pytest
from corpus.parsing_cases import CASES
from hardening_support import FUZZ, Hang, assert_contract, check_json, hang_guard, isolated, lint_argvs, run
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
_counter = itertools.count()


@pytest.fixture(scope="module", autouse=True)
def _isolated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    with isolated(str(tmp_path_factory.mktemp("home"))):
        yield


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def lint_layout(workdir: Path, config: bytes | None, credentials: bytes | None) -> None:
    """Write a layout and run every lint output on it; each run must keep the contract."""
    folder = workdir / f"case{next(_counter)}"
    folder.mkdir()
    if config is not None:
        (folder / "config").write_bytes(config)
    if credentials is not None:
        (folder / "credentials").write_bytes(credentials)
    for argv in lint_argvs([str(folder)]):
        result = run(*argv)
        assert_contract(result)
        # A file that was read is linted (findings, exit 0/1), never refused.
        assert result.code in (0, 1), result
        check_json(result)


# --- structural generator ------------------------------------------------------------------

NAMES = st.sampled_from(["dev", "prod", "a b", "'q", '"x y"', "DEFAULT", "default", "", " ", "ü", "x]y", "[", "p#1"])
HEADERS = st.one_of(
    st.builds(lambda n: f"[profile {n}]", NAMES),
    st.builds(lambda n: f"[sso-session {n}]", NAMES),
    st.builds(lambda n: f"[services {n}]", NAMES),
    st.sampled_from(
        [
            "[default]", "[DEFAULT]", "[profile]", "[ profile  dev ]", "[profile dev] # c", "[]", "[ ]", "[[x]]",
            "[profile dev", "profile dev]", "  [default]", "\t[profile x]", "[profile x]]", "[profile\tx]",
            "[default] trailing", "[preview]", "[plugins]",
        ]
    ),
    st.builds(lambda n: f"[{n}]", st.text(max_size=8)),
)
KEYS = st.one_of(
    st.sampled_from(
        [
            "region", "output", "role_arn", "source_profile", "credential_source", "mfa_serial", "sso_session",
            "sso_account_id", "sso_role_name", "sso_start_url", "sso_region", "aws_access_key_id",
            "aws_secret_access_key", "aws_session_token", "aws_security_token", "credential_process",
            "web_identity_token_file", "login_session", "services", "s3", "sts", "endpoint_url",
            "sts_regional_endpoints", "duration_seconds", "max_attempts", "retry_mode", "cli_pager",
            "Region", "REGION", "aws_secret_key", "regoin", "", "k e y", "[x",
        ]
    ),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=10),
)
VALUES = st.one_of(
    st.sampled_from(
        [
            "us-east-1", "eu-west-1", "ap-east-1", "us-gov-west-1", "mars-1", "json", "yaml", "text",
            "arn:aws:iam::111122223333:role/Admin", "arn:aws:iam::111122223333:mfa/me", "dev", "prod",
            "https://sts.amazonaws.com", "https://example.awsapps.com/start", "Environment", "Ec2InstanceMetadata",
            "3600", "-1", "1e9", "true", "legacy", "regional", "", "~/token", "/bin/echo '{\"Version\": 1}'",
            "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "111122223333",
        ]
    ),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20),
)
INLINE = st.sampled_from(["", " # comment", " ; c", "# no space", " #", "\t# tab"])


@st.composite
def option_lines(draw: st.DrawFn) -> list[str]:
    """A key line, maybe with an inline comment, continuation lines or a nested block."""
    key, value = draw(KEYS), draw(VALUES)
    sep = draw(st.sampled_from([" = ", "=", " =", ": ", ":", " : ", " ", "\t=\t"]))
    indent = draw(st.sampled_from(["", "", "", " ", "\t"]))
    lines = [f"{indent}{key}{sep}{value}{draw(INLINE)}"]
    kind = draw(st.sampled_from(["plain", "plain", "continuation", "nested"]))
    if kind == "continuation":
        lines += [f"{indent}  {draw(VALUES)}" for _ in range(draw(st.integers(1, 3)))]
    elif kind == "nested":
        lines[0] = f"{indent}{key} ="
        for _ in range(draw(st.integers(0, 4))):
            lines.append(f"{indent}  {draw(KEYS)}{draw(st.sampled_from([' = ', '=', ' ']))}{draw(VALUES)}")
    return lines


OTHER_LINES = st.sampled_from(["", "   ", "# comment", "; comment", "  # indented comment", "garbage", "= v", "\x0c"])


@st.composite
def aws_file(draw: st.DrawFn) -> bytes:
    """A whole config or credentials file, as bytes."""
    lines: list[str] = draw(st.lists(OTHER_LINES, max_size=2))
    headers: list[str] = []
    for _ in range(draw(st.integers(0, 6))):
        repeat = headers and draw(st.integers(0, 4)) == 0  # duplicate section
        header = draw(st.sampled_from(headers)) if repeat else draw(HEADERS)
        headers.append(header)
        lines.append(header)
        for _ in range(draw(st.integers(0, 5))):
            if draw(st.integers(0, 5)) == 0:
                lines.append(draw(OTHER_LINES))
            else:
                block = draw(option_lines())
                lines += block
                if draw(st.integers(0, 6)) == 0:  # duplicate key, maybe in another case
                    lines.append(block[0].upper())
    endings = draw(st.sampled_from(["\n", "\r\n", "\r", "mixed"]))
    if endings == "mixed":
        text = "".join(line + draw(st.sampled_from(["\n", "\r\n", "\r"])) for line in lines)
    else:
        text = endings.join(lines) + (endings if draw(st.booleans()) else "")
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "latin-1"]))
    return text.encode(encoding, errors="replace")


@settings(FUZZ, max_examples=60)
@given(config=st.none() | aws_file(), credentials=st.none() | aws_file())
def test_structured_files_never_crash(workdir: Path, config: bytes | None, credentials: bytes | None) -> None:
    lint_layout(workdir, config, credentials)


# --- byte-level mutation of real layouts ----------------------------------------------------


def _seeds() -> list[bytes]:
    seeds = [p.read_bytes() for p in sorted((ROOT / "examples").rglob("*")) if p.is_file()]
    for case in CASES:
        seeds += [data for data in (case.config, case.credentials) if data]
    return seeds


SEEDS = _seeds()


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "duplicate", "splice", "truncate", "interesting"]))
        at = draw(st.integers(0, len(data)))
        if op == "flip" and data:
            index = min(at, len(data) - 1)
            data[index] ^= 1 << draw(st.integers(0, 7))
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 32))]
        elif op == "duplicate":
            chunk = data[at : at + draw(st.integers(1, 64))]
            data[at:at] = chunk * draw(st.integers(1, 4))
        elif op == "splice":
            other = draw(st.sampled_from(SEEDS))
            start = draw(st.integers(0, len(other)))
            data[at:] = other[start:]
        elif op == "truncate":
            del data[at:]
        else:
            token = draw(st.sampled_from([b"\x00", b"\r", b"\n", b"\r\n", b"[", b"]", b"=", b"#", b";", b"\t", b"\xef\xbb\xbf", b"\xff\xfe", b"\xe9", b"\xc3", b"\x85"]))
            data[at:at] = token
    return bytes(data)


@settings(FUZZ, max_examples=60)
@given(config=mutated(), credentials=st.none() | mutated())
def test_mutated_layouts_never_crash(workdir: Path, config: bytes, credentials: bytes | None) -> None:
    lint_layout(workdir, config, credentials)


@settings(FUZZ, max_examples=15)
@given(data=mutated())
def test_mutated_file_given_alone_never_crashes(workdir: Path, data: bytes) -> None:
    """A single file PATH (role from its name), as pre-commit passes it."""
    folder = workdir / f"single{next(_counter)}"
    folder.mkdir()
    for name in ("config", "credentials"):
        path = folder / name
        path.write_bytes(data)
        result = run(str(path), "--format", "json")
        assert_contract(result)
        assert result.code in (0, 1), result
        check_json(result)
        path.unlink()


def test_hang_guard_stops_a_run_that_does_not_finish() -> None:
    """The guard itself works: a body that overruns is interrupted with Hang (not swallowed
    by awslint's ``except Exception``)."""
    import time

    with pytest.raises(Hang):
        with hang_guard(1, "a sleeping body"):
            time.sleep(5)
