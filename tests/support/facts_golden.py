"""Golden section and profile facts: the layouts, how their facts are computed, how they are stored.

``tests/data/facts_golden.json.gz`` holds every section and profile subject's facts (and location)
for many layouts (with the layouts' texts, so the file stands alone), computed with the code as it was before the fact computation was optimised
(commit dab4716; regenerated when facts were meant to change, last for the real-world fixes of
issue 16: new facts, ``sso_legacy_keys`` only on SSO profiles, a self-sourced role's incomplete
keys reached). ``tests/test_profile_facts_equal.py`` recomputes them and compares exactly, so a
speed-up cannot change a single fact value. Regenerate (only when a fact is meant to change):

    python tests/support/facts_golden.py      (or: python -m tests.support.facts_golden)

Layouts: every rule example, the clean layouts, the parsing corpus, the explain-differential
generator's 300 layouts, 400 layouts recombined at random from the rule examples' lines (they mix
roles, keys, tokens, expiry markers, endpoints, services, sso and broken references), and a
generated large config.
"""

from __future__ import annotations

import gzip
import json
import random
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator, Optional

HERE = Path(__file__).resolve().parent.parent  # tests/
GOLDEN = HERE / "data" / "facts_golden.json.gz"
#: "now" for token_expired: a fixed moment, so the golden file does not age.
NOW = datetime(2026, 6, 1, 12, 0, tzinfo=timezone.utc)
SEED = 7_20261122
RECOMBINED = 400

Case = tuple[str, Optional[str], Optional[str]]  # id, config text, credentials text


def _example_cases() -> Iterator[Case]:
    from awslint.engine.ruleset import load_rules

    for rule in load_rules().rules:
        for kind, examples in (("fail", rule.fail_examples), ("pass", rule.pass_examples)):
            for index, example in enumerate(examples):
                yield f"example:{rule.code}-{kind}-{index}", example.config, example.credentials


def _clean_cases() -> Iterator[Case]:
    from support.clean_layouts import LAYOUTS

    for name, (config, credentials) in LAYOUTS.items():
        yield f"clean:{name}", config, credentials


def _corpus_cases() -> Iterator[Case]:
    from corpus.parsing_cases import CASES

    def text(data: Optional[bytes]) -> Optional[str]:
        return None if data is None else data.decode("utf-8", "replace")

    for case in CASES:
        yield f"corpus:{case.id}", text(case.config), text(case.credentials)


def _explain_cases() -> Iterator[Case]:
    from support.explain_layouts import BATCHES, PER_BATCH, generate
    from support.explain_layouts import SEED as EXPLAIN_SEED

    for batch in range(BATCHES):
        rng = random.Random(EXPLAIN_SEED + batch)
        for index in range(PER_BATCH):
            g = generate(rng)

            def fill(t: Optional[str]) -> Optional[str]:
                return None if t is None else t.replace("@TOKEN@", "/tmp/token").replace("@PROCESS@", "echo {}")

            yield f"explain:{batch}-{index}", fill(g.config), fill(g.credentials)


def _example_lines() -> tuple[list[str], list[str]]:
    """Option lines (with their indented continuation lines) and headers of every rule example."""
    from awslint.engine.ruleset import load_rules

    options: set[str] = set()
    headers: set[str] = set()
    for rule in load_rules().rules:
        for example in rule.fail_examples + rule.pass_examples:
            for text in (example.config, example.credentials):
                current: Optional[str] = None
                for line in (text or "").splitlines():
                    if line.startswith("["):
                        headers.add(line)
                        current = None
                    elif line[:1] in (" ", "\t") and current is not None and line.strip():
                        current += "\n" + line
                    elif "=" in line and not line.lstrip().startswith(("#", ";")):
                        if current is not None:
                            options.add(current)
                        current = line
                if current is not None:
                    options.add(current)
    return sorted(options), sorted(headers)


def _recombined_cases() -> Iterator[Case]:
    options, headers = _example_lines()
    rng = random.Random(SEED)
    for index in range(RECOMBINED):
        names = [f"p{i}" for i in range(rng.randint(1, 6))]
        refs = [
            *(f"source_profile = {n}" for n in names + ["missing"]),
            "sso_session = s", "sso_session = nope", "services = sv", "services = nope",
            "role_arn = arn:aws:iam::123456789012:role/r", "credential_source = Environment",
            "aws_access_key_id = AKIAIOSFODNN7EXAMPLE", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "aws_session_token = IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJGMEQCIBexample",
            "endpoint_url = http://minio.internal:9000", "region = cn-north-1", "region = us-gov-west-1",
            "mfa_serial = arn:aws:iam::123456789012:mfa/u",
        ]

        def body(refs: list[str] = refs) -> str:
            lines = [rng.choice(options if rng.random() < 0.6 else refs) for _ in range(rng.randint(0, 7))]
            return "".join(line + "\n" for line in lines)

        config: list[str] = []
        credentials: list[str] = []
        for name in names:
            roll = rng.random()
            if roll < 0.6:
                header = "[default]" if name == "p0" and rng.random() < 0.3 else f"[profile {name}]"
                config.append(f"{header}\n{body()}")
            if roll > 0.4:
                credentials.append(f"[{name}]\n{body()}")
        if rng.random() < 0.5:
            config.append(f"[sso-session s]\n{body()}")
        if rng.random() < 0.4:
            config.append("[services sv]\n" + rng.choice(["", "sts =\n  endpoint_url = https://sts.amazonaws.com\n",
                                                          "s3 =\n  endpoint_url = http://10.0.0.1:9000\n"]) + body())
        for _ in range(rng.randint(0, 2)):
            (config if rng.random() < 0.7 else credentials).append(f"{rng.choice(headers)}\n{body()}")
        rng.shuffle(config)
        rng.shuffle(credentials)
        yield (
            f"recombined:{index}",
            "".join(config) if config or rng.random() < 0.5 else None,
            "".join(credentials) if credentials or rng.random() < 0.5 else None,
        )


def _large_cases() -> Iterator[Case]:
    sys.path.insert(0, str(HERE.parent / "benchmarks"))
    import tempfile

    import run  # benchmarks/run.py

    with tempfile.TemporaryDirectory() as folder:
        run.large_layout(Path(folder), 120)
        yield "large:120", (Path(folder) / "config").read_text(), None


# Layouts whose facts depend on where the files lie (a template, a repository), by case id: the
# config and credentials paths, and whether the files are copies in a git work tree.
CONTEXTS: dict[str, tuple[str, str, bool]] = {
    "context:template": ("dot_aws/config.tmpl", "dot_aws/private_credentials.tmpl", False),
    "context:repository": ("config", "credentials", True),
}


def _context_cases() -> Iterator[Case]:
    yield (
        "context:template",
        "[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = default\n",
        '[default]\naws_access_key_id = {{ onepasswordRead "op://a/id" }}\naws_secret_access_key = {{ onepasswordRead "op://a/s" }}\n',
    )
    yield (
        "context:repository",
        "[profile app]\nrole_arn = arn:aws:iam::123456789012:role/App\nsource_profile = base\n[profile base]\nregion = eu-west-1\n"
        "[profile tools]\nrole_arn = arn:aws:iam::123456789012:role/T\nsource_profile = gone\n",
        None,
    )


def cases() -> list[Case]:
    """Every layout of the golden file, in a fixed order."""
    return [
        *_example_cases(), *_clean_cases(), *_corpus_cases(), *_explain_cases(), *_recombined_cases(),
        *_large_cases(), *_context_cases(),
    ]


def _plain(value: Any) -> Any:
    """JSON form that keeps the container type (a tuple where a list was is a difference)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return {"__type__": type(value).__name__, "value": _plain(list(value)) if isinstance(value, (tuple, set, frozenset))
            else repr(value)}


def compute(
    config: Optional[str], credentials: Optional[str], data: dict[str, Any], order: tuple[str, ...] = ("section", "profile"),
    case_id: str = "",
) -> dict[str, Any]:
    """The section and profile subjects of one layout, built in ``order``, as plain JSON (call with
    ``NOW`` pinned). ``case_id`` names a layout of ``CONTEXTS``, read from its paths and place."""
    from awslint.facts.builder import FactBuilder
    from awslint.files.filemeta import FileMeta
    from awslint.aws.model import build_view
    from awslint.syntax.parse import parse
    from awslint.files.source import CONFIG, CREDENTIALS, source_from_text

    config_path, credentials_path, repository = CONTEXTS.get(case_id, (CONFIG, CREDENTIALS, False))
    parsed = []
    for text, role, path in ((config, CONFIG, config_path), (credentials, CREDENTIALS, credentials_path)):
        if text is None:
            parsed.append(None)
            continue
        source = source_from_text(text, role, path)
        if repository:
            source.meta = FileMeta(git="tracked")
        parsed.append(parse(source))
    builder = FactBuilder(build_view(parsed[0], parsed[1]), data, None)
    result: dict[str, Any] = {}
    for scope in order:
        subjects = []
        for s in builder.subjects(scope):
            loc = s.location
            subjects.append({
                "where": [loc.file.role, loc.line, loc.column, loc.end_line, loc.end_column, loc.section,
                          s.profile, s.section, s.key],
                "facts": {k: _plain(v) for k, v in s.facts.items()},
            })
        result[scope] = subjects
    return result


def compute_all() -> dict[str, Any]:
    """Every case's subjects, with "now" pinned to ``NOW``."""
    import awslint.facts.credentials as credentials_facts
    from awslint.engine.ruleset import load_rules

    data = load_rules().data
    saved = credentials_facts.utcnow
    credentials_facts.utcnow = lambda: NOW
    try:
        return {
            case_id: {"config": config, "credentials": credentials, **compute(config, credentials, data, case_id=case_id)}
            for case_id, config, credentials in cases()
        }
    finally:
        credentials_facts.utcnow = saved


def main() -> None:
    golden = compute_all()
    GOLDEN.write_bytes(gzip.compress(json.dumps(golden, separators=(",", ":")).encode(), 9, mtime=0))
    print(f"{GOLDEN}: {len(golden)} layouts, {GOLDEN.stat().st_size} bytes")


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))  # tests/: the support and corpus packages
    main()
