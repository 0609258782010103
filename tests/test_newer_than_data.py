"""A name newer than awslint's data is info, a typo stays a warning, and a rename never changes what a name means."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import botocore
import pytest
from awslint.aws.settings_catalog import KIND_LISTS, SettingsCatalog, typo_of



def _aws011(lint: Any, config: str) -> list[Any]:
    return lint(config=config, select=["AWS011"])


def test_every_service_id_of_the_pinned_botocore_is_quiet_in_a_services_block(lint, ruleset) -> None:
    ids = sorted(SettingsCatalog(ruleset.data).known["services"])
    assert {"payments", "sagemaker_gateway_runtime"} <= set(ids)  # the two the issue reported
    blocks = "".join(f"{i} =\n  endpoint_url = http://localhost:4566\n" for i in ids)
    assert _aws011(lint, "[services all]\n" + blocks) == []


def test_every_endpoint_prefix_is_quiet_as_a_profile_block(lint, ruleset) -> None:
    prefixes = sorted(SettingsCatalog(ruleset.data).endpoint_prefixes)
    blocks = "".join(f"{p} =\n  signature_version = v4\n" for p in prefixes)
    assert _aws011(lint, "[default]\n" + blocks) == []


def test_a_service_newer_than_the_data_is_info_naming_the_botocore_release(lint) -> None:
    (finding,) = _aws011(lint, "[services s]\nquantum_ledger_gateway =\n  endpoint_url = http://localhost:1\n")
    assert finding.severity == "info"
    assert f"botocore {botocore.__version__}" in finding.message
    assert finding.fix is None


def test_a_short_service_id_is_not_called_a_typo(lint) -> None:
    """Three-letter ids sit one edit apart by the dozen (ec2, ecr, ecs, eks, evs): ec3 may be new."""
    (finding,) = _aws011(lint, "[services s]\nec3 =\n  endpoint_url = http://localhost:1\n")
    assert finding.severity == "info" and finding.fix is None


def test_a_setting_newer_than_the_data_is_info_and_keeps_the_did_you_mean(lint) -> None:
    (finding,) = _aws011(lint, "[profile dev]\nsso_start_url_v2 = https://x\n")
    assert finding.severity == "info"
    assert "(did you mean 'sso_start_url'?)" in finding.message


@pytest.mark.parametrize(
    ("config", "suggestion"),
    [
        ("[services s]\ndynamdb =\n  endpoint_url = http://localhost:8000\n", "dynamodb"),  # one edit inside
        ("[services s]\ndynamo_db =\n  endpoint_url = http://localhost:8000\n", "dynamodb"),  # an extra separator
        ("[services s]\napi-gateway =\n  endpoint_url = http://localhost:8000\n", "api_gateway"),  # separator
        ("[profile dev]\nregoin = eu-west-1\n", "region"),  # a swap
        ("[profile dev]\nsso_acount_id = 1\n", "sso_account_id"),
        ("[profile dev]\nduraton_secods = 900\n", "duration_seconds"),  # two edits in a long name
    ],
)
def test_a_typo_stays_a_warning_with_a_rename(lint, config: str, suggestion: str) -> None:
    (finding,) = _aws011(lint, config)
    assert finding.severity == "warning"
    assert finding.fix is not None and f"to '{suggestion}'" in finding.fix["description"]


@pytest.mark.parametrize(
    "config",
    [
        "[profile dev]\nzzzzzz = 1\n",  # a lone word: no setting is named like that
        "[sso-session corp]\nsso_start_url = https://x.awsapps.com/start\nsso_region = eu-west-1\nregion = eu-west-1\n",
    ],
)
def test_misplaced_or_shapeless_names_stay_warnings_without_a_guessed_rename(lint, config: str) -> None:
    (finding,) = _aws011(lint, config)
    assert finding.severity == "warning"
    assert finding.fix is None


def test_old_data_never_renames_a_new_service_onto_its_neighbour(ruleset, tmp_path: Path, cli) -> None:
    """The reported case: data without sagemaker_gateway_runtime offered sagemaker_a2i_runtime."""
    data = dict(ruleset.data)
    data["service_ids"] = [s for s in data["service_ids"] if s != "sagemaker_gateway_runtime"]
    info = SettingsCatalog(data).classify("services", "sagemaker_gateway_runtime")
    assert (info.status, info.suggestion_unique) == ("unlisted", False)
    # With today's data the CLI offers no fix at all for it.
    config = tmp_path / "config"
    config.write_text("[services s]\nsagemaker_gateway_runtime =\n  endpoint_url = http://localhost:1\n")
    result = cli(str(config), "--diff", "--unsafe-fixes", "--select", "AWS011")
    assert result.code == 0 and result.out.strip() == ""


@pytest.mark.parametrize("kind", ["services", *KIND_LISTS])
def test_no_real_name_would_be_renamed_onto_another_real_name(ruleset, kind: str) -> None:
    """Take each known name out of the data: the rest must not claim it as a typo of theirs."""
    catalog = SettingsCatalog(ruleset.data)
    names = sorted(catalog.known[kind])
    wrong = []
    for name in names:
        others = [n for n in names if n != name]
        typo, unique = typo_of(name, others, services=kind == "services")
        if typo is not None and unique:
            wrong.append((name, typo))
    assert wrong == []


def test_close_real_service_ids_are_not_typos_of_each_other() -> None:
    for new, old in [("qconnect", "connect"), ("inspector2", "inspector"), ("mediaconvert", "mediaconnect"),
                     ("signin", "signer"), ("cleanroomsml", "cleanrooms"), ("ecs", "ecr")]:
        assert typo_of(new, [old], services=True) == (None, False), new
