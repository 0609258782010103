"""The four headline rules on real layouts: every variant, its message and where it points.

The layouts follow the four stories awslint exists for: `aws login` shadowed by old keys,
the MFA-protected user who gets AccessDenied, the session token that fails with AuthFailure in
an opt-in region, and the default profile that silently holds keys.
"""

from __future__ import annotations

from support.fakes import KEY_ID, SECRET, TEMP_KEY_ID, TEMP_SECRET, TOKEN

KEYS = f"aws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n"


def where(findings):
    return [(f.code, f.path, f.line, f.column, f.severity) for f in findings]


# --- AWS201 default-profile-static-keys ---------------------------------------------------


def test_aws201_keys_in_credentials_default(lint) -> None:
    findings = lint(config="[default]\nregion = eu-west-1\n", credentials=f"# personal\n[default]\n{KEYS}", select=["AWS201"])
    assert where(findings) == [("AWS201", "credentials", 3, 1, "warning")]
    assert "AKIA…2EPF" in findings[0].message and KEY_ID not in findings[0].message
    assert (findings[0].profile, findings[0].section, findings[0].key) == ("default", "default", "aws_access_key_id")


def test_aws201_keys_in_config_default_and_profile_default(lint) -> None:
    assert where(lint(config=f"[profile default]\n{KEYS}", select=["AWS201"])) == [("AWS201", "config", 2, 1, "warning")]


def test_aws201_not_for_named_profiles_placeholders_or_sso(lint) -> None:
    assert lint(credentials=f"[work]\n{KEYS}", select=["AWS201"]) == []
    assert lint(credentials="[default]\naws_access_key_id = test\naws_secret_access_key = test\n", select=["AWS201"]) == []
    sso = "[default]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\n[sso-session corp]\nsso_start_url = https://x.awsapps.com/start\nsso_region = eu-west-1\n"
    assert lint(config=sso, select=["AWS201"]) == []


def test_aws201_literal_profile_default_in_credentials_is_not_default(lint) -> None:
    # In the credentials file [profile default] is a profile literally named "profile default".
    assert lint(credentials=f"[profile default]\n{KEYS}", select=["AWS201"]) == []


# --- AWS203 login-shadowed-by-static-keys ---------------------------------------------------

LOGIN = "login_session = arn:aws:iam::111122223333:user/dana\n"


def test_aws203_story_old_keys_in_credentials_win_over_aws_login(lint) -> None:
    findings = lint(config=f"[default]\n{LOGIN}region = eu-west-1\n", credentials=f"[default]\n{KEYS}", select=["AWS203"])
    assert where(findings) == [("AWS203", "credentials", 2, 1, "error")]
    assert "wins over the login session" in findings[0].message
    assert findings[0].section == "default"


def test_aws203_named_profile_keys_in_credentials(lint) -> None:
    findings = lint(config=f"[profile dev]\n{LOGIN}", credentials=f"[other]\n{KEYS}\n[dev]\n{KEYS}", select=["AWS203"])
    assert where(findings) == [("AWS203", "credentials", 6, 1, "error")]


def test_aws203_keys_in_config_are_dead_keys_for_other_sdks(lint) -> None:
    findings = lint(config=f"[profile dev]\n{LOGIN}{KEYS}", select=["AWS203"])
    assert where(findings) == [("AWS203", "config", 3, 1, "error")]
    assert "JavaScript v3, Go v2" in findings[0].message


def test_aws203_source_ranking_above_login_makes_it_dead(lint) -> None:
    role = f"[profile dev]\n{LOGIN}role_arn = arn:aws:iam::111122223333:role/Dev\nsource_profile = base\n"
    findings = lint(config=role, credentials=f"[base]\n{KEYS}", select=["AWS203"])
    assert where(findings) == [("AWS203", "config", 2, 1, "error")]
    assert "botocore uses assume-role first" in findings[0].message
    web = f"[profile ci]\n{LOGIN}role_arn = arn:aws:iam::1:role/CI\nweb_identity_token_file = /var/run/token\n"
    assert "assume-role-with-web-identity first" in lint(config=web, select=["AWS203"])[0].message


def test_aws203_keys_in_both_files_give_both_messages(lint) -> None:
    findings = lint(config=f"[default]\n{LOGIN}{KEYS}", credentials=f"[default]\n{KEYS}", select=["AWS203"])
    assert [(f.path, f.line) for f in findings] == [("config", 3), ("credentials", 2)]


def test_aws203_clean_login_profile(lint) -> None:
    assert lint(config=f"[default]\n{LOGIN}region = eu-west-1\n", credentials=f"[legacy]\n{KEYS}", select=["AWS203"]) == []


# --- AWS213 role-without-mfa ------------------------------------------------------------------

ROLE = "role_arn = arn:aws:iam::111122223333:role/Admin\n"


def test_aws213_story_mfa_protected_role_without_mfa_serial(lint) -> None:
    findings = lint(config=f"[profile admin]\n{ROLE}source_profile = me\n", credentials=f"[me]\n{KEYS}", select=["AWS213"])
    assert where(findings) == [("AWS213", "config", 2, 1, "warning")]
    assert "long-term key of profile 'me' (admin -> me)" in findings[0].message


def test_aws213_mfa_on_the_role_or_in_the_chain_is_enough(lint) -> None:
    mfa = "mfa_serial = arn:aws:iam::111122223333:mfa/me\n"
    assert lint(config=f"[profile admin]\n{ROLE}source_profile = me\n{mfa}", credentials=f"[me]\n{KEYS}", select=["AWS213"]) == []
    chain = f"[profile admin]\n{ROLE}source_profile = jump\n[profile jump]\nrole_arn = arn:aws:iam::1:role/J\nsource_profile = me\n{mfa}"
    assert lint(config=chain, credentials=f"[me]\n{KEYS}", select=["AWS213"]) == []


def test_aws213_chain_through_roles(lint) -> None:
    chain = f"[profile admin]\n{ROLE}source_profile = jump\n[profile jump]\nrole_arn = arn:aws:iam::1:role/J\nsource_profile = me\n"
    findings = lint(config=chain, credentials=f"[me]\n{KEYS}", select=["AWS213"])
    assert [(f.profile, f.line) for f in findings] == [("admin", 2), ("jump", 5)]
    assert "(admin -> jump -> me)" in findings[0].message


def test_aws213_self_reference_with_own_keys(lint) -> None:
    findings = lint(config=f"[profile admin]\n{ROLE}source_profile = admin\n", credentials=f"[admin]\n{KEYS}", select=["AWS213"])
    assert [(f.profile, f.line) for f in findings] == [("admin", 2)]


def test_aws213_not_for_temporary_placeholder_sso_or_instance_roles(lint) -> None:
    temp = f"[me]\naws_access_key_id = {TEMP_KEY_ID}\naws_secret_access_key = {TEMP_SECRET}\naws_session_token = {TOKEN}\n"
    assert lint(config=f"[profile admin]\n{ROLE}source_profile = me\n", credentials=temp, select=["AWS213"]) == []
    fake = "[me]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
    assert lint(config=f"[profile admin]\n{ROLE}source_profile = me\n", credentials=fake, select=["AWS213"]) == []
    imds = f"[profile admin]\n{ROLE}credential_source = Ec2InstanceMetadata\n"
    assert lint(config=imds, select=["AWS213"]) == []
    # web identity wins over assume-role: no AssumeRole call with the keys happens.
    web = f"[profile admin]\n{ROLE}source_profile = me\nweb_identity_token_file = /t\n"
    assert lint(config=web, credentials=f"[me]\n{KEYS}", select=["AWS213"]) == []


def test_aws213_broken_chain_is_not_reported_here(lint) -> None:
    loop = f"[profile a]\n{ROLE}source_profile = b\n[profile b]\n{ROLE}source_profile = a\n"
    assert lint(config=loop, select=["AWS213"]) == []
    assert lint(config=f"[profile a]\n{ROLE}source_profile = nope\n", select=["AWS213"]) == []


# --- AWS301 opt-in-region-global-sts ----------------------------------------------------------

STS_ROLE = "role_arn = arn:aws:iam::111122223333:role/Ops\nsource_profile = base\nmfa_serial = arn:aws:iam::111122223333:mfa/me\n"


def test_aws301_error_services_sts_block_points_at_global_endpoint(lint) -> None:
    config = (
        f"[profile hk]\nregion = ap-east-1\n{STS_ROLE}services = g\n"
        "[services g]\nsts =\n  endpoint_url = https://sts.amazonaws.com\n"
    )
    findings = lint(config=config, credentials=f"[base]\n{KEYS}", select=["AWS301"])
    assert where(findings) == [("AWS301", "config", 2, 1, "error")]
    assert "global STS endpoint (https://sts.amazonaws.com)" in findings[0].message


def test_aws301_error_profile_endpoint_url_and_web_identity(lint) -> None:
    config = "[profile ci]\nregion = me-south-1\nrole_arn = arn:aws:iam::1:role/CI\nweb_identity_token_file = /t\nendpoint_url = https://sts.amazonaws.com/\n"
    assert where(lint(config=config, select=["AWS301"])) == [("AWS301", "config", 2, 1, "error")]


def test_aws301_regional_endpoint_or_default_region_is_fine(lint) -> None:
    regional = f"[profile hk]\nregion = ap-east-1\n{STS_ROLE}endpoint_url = https://sts.ap-east-1.amazonaws.com\n"
    assert lint(config=regional, credentials=f"[base]\n{KEYS}", select=["AWS301"]) == []
    default_region = f"[profile va]\nregion = us-east-1\n{STS_ROLE}endpoint_url = https://sts.amazonaws.com\n"
    assert lint(config=default_region, credentials=f"[base]\n{KEYS}", select=["AWS301"]) == []


def test_aws301_warning_legacy_in_source_chain(lint) -> None:
    config = f"[profile hk]\nregion = ap-east-1\n{STS_ROLE}[profile base]\nsts_regional_endpoints = legacy\n"
    findings = lint(config=config, credentials=f"[base]\n{KEYS}", select=["AWS301"])
    assert where(findings) == [("AWS301", "config", 2, 1, "warning")]
    assert "hk -> base" in findings[0].message


def test_aws301_warning_legacy_on_the_profile_region_from_credentials_file(lint) -> None:
    # The credentials file's region wins in botocore's merge.
    config = "[profile hk]\nregion = us-east-1\nsts_regional_endpoints = legacy\n"
    findings = lint(config=config, credentials=f"[hk]\nregion = ap-east-1\n{KEYS}", select=["AWS301"])
    assert where(findings) == [("AWS301", "credentials", 2, 1, "warning")]


def test_aws301_story_pasted_session_token_in_opt_in_region(lint) -> None:
    credentials = f"[hk]\nregion = ap-east-1\naws_access_key_id = {TEMP_KEY_ID}\naws_secret_access_key = {TEMP_SECRET}\naws_session_token = {TOKEN}\n"
    findings = lint(credentials=credentials, select=["AWS301"])
    assert where(findings) == [("AWS301", "credentials", 2, 1, "warning")]
    assert "pasted session token" in findings[0].message
    assert TOKEN not in findings[0].message


def test_aws301_token_minted_in_an_opt_in_region_is_fine(lint) -> None:
    import base64

    token = base64.b64encode(b"\x21\x0a\x09origin_ec\x10\x1a\x09ap-east-1" + b"\x00" * 30).decode()
    assert token.startswith("IQoJb3JpZ2lu")
    credentials = f"[hk]\nregion = ap-east-1\naws_access_key_id = {TEMP_KEY_ID}\naws_secret_access_key = {TEMP_SECRET}\naws_session_token = {token}\n"
    assert lint(credentials=credentials, select=["AWS301"]) == []


def test_aws301_unknown_or_commented_region_is_not_opt_in(lint) -> None:
    config = "[profile hk]\nregion = ap-east-1 # hk\nsts_regional_endpoints = legacy\n"
    assert lint(config=config, select=["AWS301"]) == []


def test_examples_risky_layout_shows_every_headline_rule(cli) -> None:
    import json
    from pathlib import Path

    risky = Path(__file__).parent.parent / "examples" / "risky"
    result = cli(str(risky), "-f", "json")
    assert result.code == 1
    codes = {f["code"] for f in json.loads(result.out)["findings"]}
    assert {"AWS006", "AWS201", "AWS203", "AWS213", "AWS301"} <= codes
    clean = cli(str(risky.parent / "clean"))
    assert clean.code == 0, clean.out
