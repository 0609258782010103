"""The per-view memo of option catalogue facts (``FactBuilder._option_subject``) changes no fact.

Option subjects built with the memo equal those built with it off (every lookup a miss), on
every rule example and on a file that repeats the same keys and values across kinds of section
(profile, credentials, sso-session, services, [default], non-profile) so the memo is hit.
"""

from __future__ import annotations

from typing import Any, Optional

import pytest
from support.engine_reference import RULESET, example_views

from awslint.facts.builder import FactBuilder
from awslint.aws.model import build_view
from awslint.syntax.parse import parse
from awslint.files.source import CONFIG, CREDENTIALS, source_from_text


class _NeverStore(dict):  # type: ignore[type-arg]
    """A memo that forgets: every option computes its facts."""

    def __setitem__(self, key: Any, value: Any) -> None:
        pass


def _subjects(view: Any, environ: Any, memo: bool) -> list[Any]:
    builder = FactBuilder(view, RULESET.data, environ)
    if not memo:
        builder._catalogue_memo = _NeverStore()
    return builder.subjects("option")


def _assert_same(view: Any, environ: Any) -> int:
    plain, memo = _subjects(view, environ, False), _subjects(view, environ, True)
    assert len(plain) == len(memo)
    for want, got in zip(plain, memo):
        assert got.facts == want.facts, (want.key, want.section)
        for where in ("key", "value", "comment", "swallowed", "nested"):
            assert got.locate(where) == want.locate(where)
    return len(plain)


def test_memo_changes_no_option_fact_on_the_rule_examples() -> None:
    assert sum(_assert_same(view, environ) for view, environ in example_views(RULESET)) > 100


REPEATED = """\
[default]
region = eu-west-1
output = json
credential_process = /usr/bin/helper --profile x
sso_region = us-east-1
retry_mode = fast
[profile a]
region = eu-west-1
output = json
credential_process = /usr/bin/helper --profile x
sso_region = us-east-1
retry_mode = fast
Region = eu-west-1
region: eu-west-1
[sso-session s]
region = eu-west-1
sso_region = us-east-1
retry_mode = fast
[services dev]
region = eu-west-1
[other]
region = eu-west-1
retry_mode = fast
[profile b]
region = {{ .region }}
retry_mode = fast
[profile r2]
endpoint_url = https://example.r2.cloudflarestorage.com
region = auto
aws_access_key_id = not-an-aws-key-id
retry_mode = fast
[profile r3]
region = auto
aws_access_key_id = not-an-aws-key-id
retry_mode = fast
"""

CREDS = """\
[a]
region = eu-west-1
retry_mode = fast
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
[c]
region = eu-west-1
retry_mode = fast
"""


@pytest.mark.parametrize("credentials", [None, CREDS])
def test_memo_changes_no_option_fact_when_values_repeat(credentials: Optional[str]) -> None:
    config = parse(source_from_text(REPEATED, CONFIG, CONFIG))
    creds = None if credentials is None else parse(source_from_text(credentials, CREDENTIALS, CREDENTIALS))
    assert _assert_same(build_view(config, creds), None) >= 20
