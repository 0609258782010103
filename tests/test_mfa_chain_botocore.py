"""The MFA answer for role chains, held to botocore with STS stubbed (no network).

For ``ops-deep -> ops (role, mfa_serial) -> jump (keys)`` botocore assumes ``ops`` with ops's own
``mfa_serial`` (it prompts for that code) and ``ops-deep`` with its own (none): each role of a
chain uses the ``mfa_serial`` of its own profile. ``explain`` must say so.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import botocore.session
import pytest
from botocore.stub import Stubber
from support.offline_botocore import isolate_botocore

from awslint.aws.model import load_view
from awslint.aws.resolve import Resolver

CONFIG = """\
[profile ops-deep]
role_arn = arn:aws:iam::123456789012:role/deep
source_profile = ops
[profile ops]
role_arn = arn:aws:iam::123456789012:role/ops
source_profile = jump
mfa_serial = arn:aws:iam::123456789012:mfa/ops
[profile jump]
aws_access_key_id = AKIAUJZDEGXDNCF32EPF
aws_secret_access_key = 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
mfa_serial = arn:aws:iam::123456789012:mfa/jump
"""


def _botocore_assume_calls(config: Path, profile: str) -> list[tuple[str, str | None]]:
    """(RoleArn, SerialNumber) of every AssumeRole botocore makes for ``profile``, in order."""
    session = botocore.session.Session(profile=profile)
    session.set_config_variable("config_file", str(config))
    session.set_config_variable("credentials_file", str(config.parent / "none"))
    calls: list[tuple[str, str | None]] = []
    sts = session.create_client("sts", region_name="us-east-1", aws_access_key_id="AKIAFAKE", aws_secret_access_key="fake")
    stubber = Stubber(sts)
    expires = datetime.datetime(2099, 1, 1, tzinfo=datetime.timezone.utc)
    for index in range(2):
        stubber.add_response("assume_role", {"Credentials": {
            "AccessKeyId": f"ASIAFAKEFAKEFAKE{index:04d}", "SecretAccessKey": "fake", "SessionToken": "fake", "Expiration": expires}})
    sts.meta.events.register("provide-client-params.sts.AssumeRole",
                             lambda params, **_: calls.append((params["RoleArn"], params.get("SerialNumber"))))
    provider = session.get_component("credential_provider").get_provider("assume-role")
    provider._client_creator = lambda *args, **kwargs: sts
    provider._prompter = lambda prompt: "123456"
    with stubber:
        session.get_credentials().get_frozen_credentials()
    return calls


def test_each_role_of_a_chain_is_assumed_with_its_own_mfa_serial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    guard = isolate_botocore(monkeypatch, tmp_path)
    config = tmp_path / "config"
    config.write_text(CONFIG)
    calls = _botocore_assume_calls(config, "ops-deep")
    guard.check()
    # botocore: ops first (with ops's code), then ops-deep (no MFA); jump's mfa_serial unused.
    assert calls == [("arn:aws:iam::123456789012:role/ops", "arn:aws:iam::123456789012:mfa/ops"),
                     ("arn:aws:iam::123456789012:role/deep", None)]
    result = Resolver(load_view(config, None)).resolve("ops-deep")
    prompts = [n for n in result.notes if n.startswith("MFA:")]
    assert prompts == [f"MFA: botocore also prompts for a code of arn:aws:iam::123456789012:mfa/ops when it assumes the "
                       f"role of source profile 'ops' ({config}:7)"]
    unused = [n for n in result.notes if "mfa_serial of source profile 'jump'" in n]
    assert unused and "is not used" in unused[0]
    assert not any("is ignored" in n for n in result.notes)
