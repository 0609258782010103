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
from support.fuzz_strategies import aws_file
from support.hardening import FUZZ, Hang, assert_contract, check_json, hang_guard, isolated, lint_argvs, run
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



@pytest.mark.slow
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


@pytest.mark.slow
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
