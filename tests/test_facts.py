"""Derived facts that rules rely on: chains, key kinds, masking, STS endpoints."""

from __future__ import annotations

from awslint.aws.key_material import key_kind, token_origin_region
from awslint.facts.builder import FactBuilder
from awslint.redaction import mask
from awslint.run.lint import parse
from awslint.aws.model import build_view
from awslint.files.source import source_from_text
from support.fakes import KEY_ID, SECRET, TOKEN

KEYS = f"aws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n"


def facts(ruleset, config: str = "", credentials: str = "") -> dict[str, dict]:
    view = build_view(parse(source_from_text(config, "config")), parse(source_from_text(credentials, "credentials")))
    builder = FactBuilder(view, ruleset.data)
    return {name: builder.profile_facts(block) for name, block in view.profiles.items()}


def test_chain_stops_at_a_web_identity_source(ruleset) -> None:
    config = (
        "[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = w\n"
        "[profile w]\nrole_arn = arn:aws:iam::1:role/W\nweb_identity_token_file = /t\nsource_profile = a\n"
    )
    a = facts(ruleset, config)["a"]
    assert (a["chain_error"], a["chain_end"], a["chain_end_method"]) == (None, "w", "assume-role-with-web-identity")


def test_chain_facts(ruleset) -> None:
    config = (
        "[profile c]\nrole_arn = arn:aws:iam::1:role/C\nsource_profile = b\n"
        "[profile b]\nrole_arn = arn:aws:iam::1:role/B\nsource_profile = a\nsts_regional_endpoints = legacy\n"
        "[profile loop1]\nrole_arn = x\nsource_profile = loop2\n[profile loop2]\nrole_arn = y\nsource_profile = loop1\n"
        "[profile orphan]\nrole_arn = x\nsource_profile = nope\n"
    )
    f = facts(ruleset, config, f"[a]\n{KEYS}")
    assert f["c"]["source_chain"] == ["b", "a"]
    assert (f["c"]["chain_end"], f["c"]["chain_end_method"], f["c"]["chain_long_term_keys"]) == ("a", "shared-credentials-file", True)
    assert f["c"]["chain_sts_legacy"] is True
    assert f["loop1"]["chain_error"] == "loop: loop1 -> loop2 -> loop1"
    assert f["orphan"]["chain_error"] == "source_profile 'nope' does not exist"


def test_sources_in_botocore_order(ruleset) -> None:
    config = f"[profile x]\nlogin_session = arn\ncredential_process = /bin/p\nsso_account_id = 1\nsso_role_name = r\n{KEYS}"
    f = facts(ruleset, config, f"[x]\n{KEYS}")["x"]
    assert f["sources"] == ["sso", "shared-credentials-file", "login", "custom-process", "config-file"]
    assert f["method"] == "sso"


def test_key_kinds_and_placeholders(ruleset) -> None:
    assert key_kind(KEY_ID) == "long-term"
    assert key_kind("ASIA3DHODZDOCIS2JHTL") == "temporary"
    assert key_kind("AIDAUJZDEGXDNCF32EPF") == "other"
    f = facts(ruleset, credentials="[l]\naws_access_key_id = test\naws_secret_access_key = test\n[d]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n")
    assert f["l"]["key_kind"] == f["d"]["key_kind"] == "placeholder"


def test_masking() -> None:
    assert mask(KEY_ID) == "AKIA…2EPF"
    assert mask(KEY_ID.lower()) == "akia…2epf"
    # Anything not shaped like a key id (a swapped-in secret, say) shows nothing at all.
    assert mask("nyVmihA/2O76UMFxFkM/R5Kjp1vRt+1fjORS/6il") == "****"


def test_token_origin_region() -> None:
    import base64

    token = base64.b64encode(b"!\n\torigin_ec\x10\x1a\x0eap-southeast-3" + b"\x00" * 40).decode()
    assert token_origin_region(token) == "ap-southeast-3"
    assert token_origin_region(TOKEN) is None
    assert token_origin_region("FwoGZXIvYXdz") is None


def test_sts_endpoint_services_beats_profile_endpoint(ruleset) -> None:
    config = (
        "[profile p]\nservices = s\nendpoint_url = https://sts.amazonaws.com\n"
        "[services s]\nsts =\n  endpoint_url = https://sts.eu-west-1.amazonaws.com\n"
        "[profile q]\nendpoint_url = https://STS.amazonaws.com:443/\n"
    )
    f = facts(ruleset, config)
    assert (f["p"]["sts_endpoint"], f["p"]["sts_endpoint_global"]) == ("https://sts.eu-west-1.amazonaws.com", False)
    assert f["q"]["sts_endpoint_global"] is True
