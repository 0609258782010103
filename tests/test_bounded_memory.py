"""Attack suite, memory (issue 13, part 5): explain's memory is linear in the depth of a role
chain, and the input limits bound memory as well as bytes.

Measured with tracemalloc peaks and growth ratios (linear doubles, quadratic quadruples), never
wall time.
"""

from __future__ import annotations

import importlib.util
import io
import sys
import tracemalloc
from pathlib import Path
from typing import Callable

import pytest
from awslint.files import source
from awslint.cli.main import main
from awslint.aws.model import load_view
from awslint.aws.resolve import Resolver
from awslint.engine.ruleset import load_rules

from support.fakes import KEY_ID, SECRET

ROOT = Path(__file__).resolve().parent.parent


def peak_mb(work: Callable[[], object]) -> float:
    """Peak traced memory of ``work()`` in MB (what it allocates, not what was there before)."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        work()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def chain_config(folder: Path, depth: int) -> Path:
    """``p{depth-1}`` assumes a role from ``p{depth-2}`` … from ``p0``, which has keys."""
    folder.mkdir(parents=True, exist_ok=True)
    parts = [f"[profile p0]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n"]
    parts += [f"[profile p{i}]\nrole_arn = arn:aws:iam::123456789012:role/r{i}\nsource_profile = p{i - 1}\n" for i in range(1, depth)]
    (folder / "config").write_text("".join(parts))
    return folder / "config"


def test_explain_memory_is_linear_in_the_depth_of_a_source_profile_chain(tmp_path: Path) -> None:
    """Reproduction 7: 10,000 deep took 650 MB, 20,000 deep 2.4 GB (every profile's whole chain
    was kept). Explaining every profile of a chain twice as deep must take about twice the memory."""
    data = load_rules().data
    peaks = []
    for depth in (700, 1400):
        view = load_view(chain_config(tmp_path / str(depth), depth), None)
        results: list[object] = []
        peaks.append(peak_mb(lambda view=view, results=results: results.append(Resolver(view, data=data).explain())))
        chains = [r.chain_length for r in results[0]]  # type: ignore[attr-defined]
        assert max(chains) == depth and len(chains) == depth
    assert peaks[1] / peaks[0] < 2.6, peaks


def test_explain_of_a_deep_chain_reports_every_profile_with_its_length(tmp_path: Path) -> None:
    folder = chain_config(tmp_path / "aws", 300).parent
    code, out, err = run("explain", str(folder), "-f", "json")
    assert (code, err) == (0, "")
    import json

    profiles = {p["profile"]: p for p in json.loads(out)["profiles"]}
    assert len(profiles) == 300
    assert profiles["p299"]["chain_length"] == 300 and len(profiles["p299"]["chain"]) == 22
    assert profiles["p299"]["chain"][-1]["profile"] == "p0" and profiles["p5"]["chain_length"] == 6
    assert list(profiles)[:3] == ["p0", "p1", "p2"]  # file order, whatever order they were resolved in


def test_lint_memory_grows_linearly_with_the_number_of_profiles(tmp_path: Path) -> None:
    """Reproduction 7's shape (empty profiles), well inside the limits."""
    peaks = []
    for count in (1500, 3000):
        folder = tmp_path / str(count)
        folder.mkdir()
        (folder / "config").write_text("".join(f"[profile p{i}]\n" for i in range(count)))
        peaks.append(peak_mb(lambda folder=folder: run(str(folder), "-f", "json")))
    assert peaks[1] / peaks[0] < 2.6, peaks


@pytest.mark.parametrize(
    "name, text, message",
    [
        ("lines", "#\n" * (source.MAX_LINES + 1), "too many lines (1,000,001; awslint reads at most 1,000,000 lines per file)"),
        ("empty profiles", "[profile p]\n" * (source.MAX_SECTIONS + 1), "too many sections (200,001; awslint reads at most 200,000 per file)"),
        ("indented headers", "\n  [p]\r" * (source.MAX_SECTIONS + 1), "too many sections"),
        ("lone-CR lines", "#\r" * (source.MAX_LINES + 1), "too many lines (1,000,001;"),
    ],
)
@pytest.mark.parametrize("command", [[], ["--fix"], ["explain"]])
def test_file_beyond_a_limit_is_refused_before_parsing(tmp_path: Path, name: str, text: str, message: str, command: list[str]) -> None:
    """Reproduction 7: a 41 MB file of 2.5 million empty profiles took 141 s and 6.5 GB; a file
    beyond a limit is refused with a clear error, in memory proportional to its text."""
    small = tmp_path / "small"
    small.mkdir()
    (small / "config").write_text("[default]\nregion = eu-west-1\n")
    baseline = peak_mb(lambda: run(*command, str(small)))  # rules, imports: the same in every run
    folder = tmp_path / "aws"
    folder.mkdir()
    (folder / "config").write_text(text)
    size_mb = len(text) / 1e6
    results: list[tuple[int, str, str]] = []
    peak = peak_mb(lambda: results.append(run(*command, str(folder))))
    code, out, err = results[0]
    assert code == 2 and out == "", (code, out, err)
    assert err.startswith(f"awslint: error: {folder / 'config'}") and message in err, err
    # The bytes, their decoding and a few copies of the text; parsing it would cost ~100x.
    assert peak - baseline < 2 + 8 * size_mb, (peak, baseline)


def test_limits_leave_real_files_and_the_benchmarks_alone(tmp_path: Path) -> None:
    """Each limit itself is accepted, and so is the benchmarks' 100,000-profile config."""
    source.check_limits("#\n" * source.MAX_LINES, "f")
    source.check_limits("[p]\n" * source.MAX_SECTIONS, "f")
    source.check_limits("#\r\n" * source.MAX_LINES, "f")
    spec = importlib.util.spec_from_file_location("benchmark_run", ROOT / "benchmarks" / "run.py")
    assert spec is not None and spec.loader is not None
    benchmark = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = benchmark  # its dataclasses look their module up
    try:
        spec.loader.exec_module(benchmark)
    finally:
        del sys.modules[spec.name]
    benchmark.large_layout(tmp_path, 100_000)
    source.check_limits((tmp_path / "config").read_text(), "config")


def test_sibling_beyond_a_limit_is_skipped_with_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "aws"
    folder.mkdir()
    (folder / "config").write_text("#\n" * (source.MAX_LINES + 1))
    (folder / "credentials").write_text(f"[w]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n")
    (folder / "credentials").chmod(0o600)
    code, out, err = run(str(folder / "credentials"))
    assert "too many lines" in err and "(sibling file, skipped)" in err
    assert code in (0, 1) and "credentials" in out
