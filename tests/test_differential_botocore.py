"""Differential test: awslint's model against botocore's own config loader.

Every case in ``tests/corpus/parsing_cases.py`` is written to ``tmp_path`` and
loaded twice:

* by botocore: ``botocore.session.Session().full_config`` in a fresh session,
  which either returns a dict or raises ``ConfigParseError``;
* by awslint: ``awslint.aws.model.load_view(config_path, credentials_path)``.

awslint must predict the botocore error exactly, and otherwise reproduce
``full_config`` exactly (the whole dict, including which top-level keys exist).

Two more tests keep the corpus honest: it must hold at least 60 well-formed
cases with unique ids, and botocore's outcome for hand-picked cases must match
the outcomes written down in this module (botocore pinned by constraints/test.txt).
"""

from __future__ import annotations

import codecs
import difflib
import importlib.util
import locale
import pprint
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any, Dict, Optional, Tuple

import botocore.exceptions
import botocore.session
import pytest


def _load_corpus() -> ModuleType:
    """Import ``corpus/parsing_cases.py`` by path, whatever pytest's import mode."""
    name = "awslint_tests_corpus_parsing_cases"
    if name in sys.modules:
        return sys.modules[name]
    path = Path(__file__).resolve().parent / "corpus" / "parsing_cases.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


_corpus = _load_corpus()
CASES: list[Any] = _corpus.CASES
CASES_BY_ID: dict[str, Any] = {case.id: case for case in CASES}

CONFIG_PARSE_ERROR = "ConfigParseError"

# Environment variables that could change which profile or credentials
# botocore looks at; none of them may leak in from the developer's shell.
_CLEARED_ENV = (
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
)

# (error name, None) or (None, full_config); typing aliases keep this importable on Python 3.9.
Outcome = Tuple[Optional[str], Optional[Dict[str, Any]]]


@pytest.fixture
def botocore_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """Isolate botocore from the host: UTF-8 locale, no IMDS, no profile/key env vars."""
    encoding = locale.getpreferredencoding(False)
    if codecs.lookup(encoding).name != "utf-8":
        pytest.skip(
            f"locale encoding is {encoding!r}: botocore decodes the files with the "
            "locale encoding and this corpus assumes UTF-8 (run under a UTF-8 locale)"
        )
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    for name in _CLEARED_ENV:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def _write_case(case: Any, tmp_path: Path) -> tuple[Path, Path]:
    """Write the case's files; an absent file gets a path that does not exist."""
    missing_dir = tmp_path / "does-not-exist"
    config_path = tmp_path / "config" if case.config is not None else missing_dir / "config"
    credentials_path = (
        tmp_path / "credentials" if case.credentials is not None else missing_dir / "credentials"
    )
    if case.config is not None:
        config_path.write_bytes(case.config)
    if case.credentials is not None:
        credentials_path.write_bytes(case.credentials)
    return config_path, credentials_path


def _botocore_outcome(
    monkeypatch: pytest.MonkeyPatch, config_path: Path, credentials_path: Path
) -> Outcome:
    """Return (error name, None) or (None, full_config) from a fresh botocore Session."""
    monkeypatch.setenv("AWS_CONFIG_FILE", str(config_path))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(credentials_path))
    session = botocore.session.Session()
    try:
        return None, session.full_config
    except botocore.exceptions.ConfigParseError:
        return CONFIG_PARSE_ERROR, None


def _diff(expected: Any, actual: Any, expected_label: str, actual_label: str) -> str:
    """Readable unified diff of two pretty-printed values."""
    left = pprint.pformat(expected, width=100, sort_dicts=True).splitlines()
    right = pprint.pformat(actual, width=100, sort_dicts=True).splitlines()
    return "\n".join(
        difflib.unified_diff(left, right, fromfile=expected_label, tofile=actual_label, lineterm="")
    )


def _check_view(view: Any, case: Any, outcome: Outcome, how: str) -> None:
    """Assert that an awslint view agrees with botocore's outcome."""
    error, expected = outcome
    if error is not None:
        assert view.botocore_error == error, (
            f"[{case.id}] botocore raises {error} ({case.note}); "
            f"awslint ({how}) predicts botocore_error={view.botocore_error!r}"
        )
        return
    assert view.botocore_error is None, (
        f"[{case.id}] botocore loads these files, but awslint ({how}) predicts "
        f"botocore_error={view.botocore_error!r} ({case.note})"
    )
    actual = view.full_config()
    if actual != expected:
        pytest.fail(
            f"[{case.id}] full_config differs ({case.note}); awslint {how}\n"
            + _diff(expected, actual, "botocore full_config", "awslint view.full_config()"),
            pytrace=False,
        )


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_model_matches_botocore(case: Any, tmp_path: Path, botocore_env: pytest.MonkeyPatch) -> None:
    """awslint's view of the files equals botocore's full_config (or its error)."""
    config_path, credentials_path = _write_case(case, tmp_path)
    outcome = _botocore_outcome(botocore_env, config_path, credentials_path)

    # Imported here so that the corpus self-checks below still run (and this
    # test fails with a clear ImportError) while the model is being written.
    from awslint.aws.model import load_view

    view = load_view(config_path, credentials_path)
    _check_view(view, case, outcome, "with nonexistent paths for absent files")

    if case.config is None or case.credentials is None:
        view_none = load_view(
            None if case.config is None else config_path,
            None if case.credentials is None else credentials_path,
        )
        _check_view(view_none, case, outcome, "with None for absent files")


def test_corpus_is_well_formed() -> None:
    """At least 60 cases, unique kebab-case ids, one-line notes, NUL-free bytes."""
    ids = [case.id for case in CASES]
    assert len(ids) >= 60, f"corpus has only {len(ids)} cases"
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"duplicate case ids: {duplicates}"
    for case in CASES:
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", case.id), f"id not kebab-case: {case.id!r}"
        assert case.note and "\n" not in case.note, f"[{case.id}] note must be one non-empty line"
        for content in (case.config, case.credentials):
            assert content is None or isinstance(content, bytes), f"[{case.id}] contents must be bytes"
            assert content is None or b"\x00" not in content, f"[{case.id}] contents must be NUL-free"


_NO_MAPS = {"sso_sessions": {}, "services": {}}

# botocore outcomes (configloader) pinned for a few
# cases. A mismatch means the corpus no longer exercises what its note claims
# (or botocore changed behaviour).
DOCUMENTED_OUTCOMES: dict[str, str | dict[str, Any]] = {
    # §1.0 P05 / §1.3: shlex collapses whitespace in the profile name.
    "profile-whitespace-variants": {
        "profiles": {
            "foo": {"region": "us-east-1"},
            "bar": {"region": "us-east-2"},
            "baz": {"region": "us-west-1"},
        },
        **_NO_MAPS,
    },
    # §1.0 P04: no inline comments, the value is kept verbatim.
    "inline-comment-kept": {
        "profiles": {
            "default": {
                "region": "us-east-1 # prod",
                "output": "json ; note",
                "sso_start_url": "https://x.awsapps.com/start#/",
                "aws_access_key_id": "AKIAIOSFODNN7EXAMPLE  # work key",
                "aws_secret_access_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            }
        },
        **_NO_MAPS,
    },
    # §1.3 P08a / P08b: the later of [default] / [profile default] wins wholesale.
    "default-then-profile-default": {"profiles": {"default": {"region": "us-west-2"}}, **_NO_MAPS},
    "profile-default-then-default": {"profiles": {"default": {"region": "us-east-1"}}, **_NO_MAPS},
    # §1.4 P21: credentials-file [profile foo] is the profile "profile foo".
    "credentials-profile-prefix": {
        "profiles": {
            "foo": {"region": "us-east-1"},
            "profile foo": {
                "aws_access_key_id": "AKIAIOSFODNN7EXAMPLE",
                "aws_secret_access_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            },
        },
        **_NO_MAPS,
    },
    # §1.1 P16 / P17: BOM and invalid UTF-8 are fatal, in either file.
    "bom-config": CONFIG_PARSE_ERROR,
    "bom-credentials": CONFIG_PARSE_ERROR,
    "invalid-utf8-config": CONFIG_PARSE_ERROR,
    # §1.5 P10: nested keys keep their case; blank and comment lines skipped.
    "nested-s3-basic": {
        "profiles": {
            "default": {
                "region": "us-east-1",
                "output": "json",
                "s3": {
                    "max_concurrent_requests": "20",
                    "Addressing_Style": "path",
                    "signature_version": "s3v4",
                },
            }
        },
        **_NO_MAPS,
    },
    # §1.5 P10b / P10d.
    "nested-colon-error": CONFIG_PARSE_ERROR,
    "nested-not-nested-with-value": {
        "profiles": {"default": {"s3": "x\naddressing_style = path"}},
        **_NO_MAPS,
    },
    # §1.0 P01 / P02.
    "duplicate-section-config": CONFIG_PARSE_ERROR,
    "duplicate-key-config": CONFIG_PARSE_ERROR,
    # §1.0 P03a: indented header after a key is swallowed into the value.
    "indented-header-after-key": {
        "profiles": {"default": {"region": "us-east-1\n[profile foo]", "output": "json"}},
        **_NO_MAPS,
    },
    # §1.3: 3 shlex tokens -> dropped; case/space variants are top-level sections.
    "profile-three-tokens-dropped": {"profiles": {"default": {"region": "us-west-2"}}, **_NO_MAPS},
    "case-and-space-variants-top-level": {
        "Default": {"region": "us-east-1"},
        " default ": {"region": "us-east-2"},
        "Profile Upper": {"region": "us-west-1"},
        " profile lead": {"region": "us-west-2"},
        "foo": {"region": "eu-west-1"},
        "profiles": {},
        **_NO_MAPS,
    },
    # §1.2 P29: no interpolation.
    "percent-literal": {
        "profiles": {
            "default": {
                "credential_process": "tool %(home)s --q=a%20b %",
                "aws_secret_access_key": "abc%def%%",
                "aws_access_key_id": "AKIAIOSFODNN7EXAMPLE",
            }
        },
        **_NO_MAPS,
    },
    # §1.4 P24: credentials-file keys win the merge.
    "merge-default-region": {
        "profiles": {"default": {"region": "eu-west-1", "output": "json"}},
        **_NO_MAPS,
    },
    # §1.4 P26: [DEFAULT] in the credentials file reaches only credentials sections.
    "default-upper-credentials": {
        "profiles": {
            "b": {
                "output": "json",
                "region": "eu-west-1",
                "aws_access_key_id": "AKIAIOSFODNN7EXAMPLE",
                "aws_secret_access_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            },
            "c": {"region": "us-west-2"},
        },
        **_NO_MAPS,
    },
    # §1.1: a missing config file leaves only the "profiles" key.
    "both-files-absent": {"profiles": {}},
}


@pytest.mark.parametrize("case_id", sorted(DOCUMENTED_OUTCOMES))
def test_botocore_matches_documented_outcome(
    case_id: str, tmp_path: Path, botocore_env: pytest.MonkeyPatch
) -> None:
    """botocore itself behaves as the pinned cases say."""
    case = CASES_BY_ID[case_id]
    config_path, credentials_path = _write_case(case, tmp_path)
    error, full_config = _botocore_outcome(botocore_env, config_path, credentials_path)
    expected = DOCUMENTED_OUTCOMES[case_id]
    if expected == CONFIG_PARSE_ERROR:
        assert error == CONFIG_PARSE_ERROR, f"[{case_id}] expected ConfigParseError, got {full_config!r}"
        return
    assert error is None, f"[{case_id}] botocore raised {error}, expected a config"
    if full_config != expected:
        pytest.fail(
            f"[{case_id}] {case.note}\n"
            + _diff(expected, full_config, "documented", "botocore full_config"),
            pytrace=False,
        )
