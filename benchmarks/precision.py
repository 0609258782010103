"""How often awslint is right on real files: findings per rule on the real-world corpus, and how
many of them the hand-written expectations call true.

    python benchmarks/precision.py              # a Markdown table (docs/precision.md has one)
    python benchmarks/precision.py --details    # also every finding the expectations do not list

The corpus (tests/realworld/) is copied to a temporary git repository and each case is linted
there, exactly as tests/test_realworld.py does. "True" means listed in
tests/realworld/expectations.yaml (same rule, severity, file and line); "missed" means listed but
not reported. Needs git.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from support.realworld import compare, committed_copy, describe, git_available, lint_case, load_cases  # noqa: E402

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--details", action="store_true", help="list the findings the expectations call false, and the misses")
    args = parser.parse_args(argv)
    if git_available() is None:
        print("precision.py needs git", file=sys.stderr)
        return 2
    cases = load_cases()
    reported: Counter[tuple[str, str]] = Counter()
    true: Counter[tuple[str, str]] = Counter()
    missed: Counter[tuple[str, str]] = Counter()
    details: list[str] = []
    files = 0
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["HOME"] = tmp  # no real ~/.aws takes part
        for var in ("AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_PROFILE", "AWS_DEFAULT_PROFILE"):
            os.environ.pop(var, None)
        root = committed_copy(Path(tmp))
        files = sum(1 for p in root.rglob("*") if p.is_file() and ".git" not in p.parts)
        for case in cases:
            found = lint_case(root, case.name)
            result = compare(case, found)
            for finding in found:
                reported[(finding["code"], finding["severity"])] += 1
            for finding in result.true:
                true[(finding["code"], finding["severity"])] += 1
            for expected in result.missed:
                missed[(expected.code, expected.severity)] += 1
            details += [f"false  {case.name}/{describe(f)}" for f in result.false]
            details += [f"missed {case.name}/{e.file}:{e.line}: {e.code} [{e.severity}] {e.why}" for e in result.missed]
    keys = sorted(set(reported) | set(missed), key=lambda k: (SEVERITY_ORDER.get(k[1], 3), k[0]))
    print(f"Real-world corpus: {len(cases)} cases, {files} files.\n")
    print("| rule | severity | reported | true | false | missed | precision |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for key in keys:
        n, t, m = reported[key], true[key], missed[key]
        precision = f"{100 * t / n:.0f}%" if n else "–"
        print(f"| {key[0]} | {key[1]} | {n} | {t} | {n - t} | {m} | {precision} |")
    total, total_true = sum(reported.values()), sum(true.values())
    loud = sum(n for k, n in reported.items() if k[1] != "info")
    loud_true = sum(n for k, n in true.items() if k[1] != "info")
    print(f"| **all** | | {total} | {total_true} | {total - total_true} | {sum(missed.values())} | "
          f"{100 * total_true / total:.0f}% |" if total else "| **all** | | 0 | 0 | 0 | 0 | – |")
    if loud:
        print(f"\nErrors and warnings: {loud_true} of {loud} true ({100 * loud_true / loud:.0f}%).")
    if args.details and details:
        print("\n" + "\n".join(details))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
