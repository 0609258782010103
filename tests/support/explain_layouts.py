"""The seeded layout generator of the explain differential (tests/test_explain_differential.py);
the golden facts (support/facts_golden.py) reuse its layouts."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Optional

from support.credential_layouts import KEY_ID, KEY_ID_2, SECRET, SECRET_2


SEED = 20261122


BATCHES = 10


PER_BATCH = 30  # 300 layouts


NAMES = ("default", "a", "b", "c", "d")


REGIONS = ("us-east-1", "eu-west-1", "ap-east-1", "me-south-1")


@dataclass
class Generated:
    """One generated layout: file texts (None = absent) and environment variables."""

    config: Optional[str]
    credentials: Optional[str]
    environ: dict[str, str] = field(default_factory=dict)


def _keys(rng: random.Random, second: bool = False) -> str:
    key, secret = (KEY_ID_2, SECRET_2) if second else (KEY_ID, SECRET)
    roll = rng.random()
    if roll < 0.08:
        return f"aws_access_key_id = {key}\n"  # partial: PartialCredentialsError
    if roll < 0.14:
        return f"aws_secret_access_key = {secret}\n"  # secret alone: provider skipped
    token = "aws_session_token = FQoGZXIvYXdzEXAMPLEtoken\n" if rng.random() < 0.15 else ""
    return f"aws_access_key_id = {key}\naws_secret_access_key = {secret}\n{token}"


def generate(rng: random.Random) -> Generated:
    """A random layout; every choice is drawn from ``rng`` so a seed reproduces it."""
    names = rng.sample(NAMES, rng.randint(1, len(NAMES)))
    config: list[str] = []
    credentials: list[str] = []
    sessions = {"corp": "sso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n",
                "nostart": "sso_region = us-east-1\n"}
    for name in names:
        in_config: list[str] = []
        in_credentials: list[str] = []

        def put(text: str, where: Optional[str] = None, in_config: list[str] = in_config,
                in_credentials: list[str] = in_credentials) -> None:
            target = where or rng.choice(("config", "config", "credentials"))
            (in_config if target == "config" else in_credentials).append(text)

        if rng.random() < 0.35:
            put(_keys(rng), "credentials")
        if rng.random() < 0.25:
            put(_keys(rng, second=True), "config")
        if rng.random() < 0.35:
            put("role_arn = arn:aws:iam::123456789012:role/r\n")
            roll = rng.random()
            if roll < 0.7:
                put(f"source_profile = {rng.choice(NAMES + ('nope',))}\n")
            elif roll < 0.85:
                put(f"credential_source = {rng.choice(('Environment', 'Ec2InstanceMetadata', 'EcsContainer', 'environment'))}\n")
            elif roll < 0.92:
                put("source_profile = a\ncredential_source = Environment\n")
        if rng.random() < 0.1:
            put("web_identity_token_file = @TOKEN@\n")
        if rng.random() < 0.25:
            roll = rng.random()
            if roll < 0.3:
                put("sso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n"
                    "sso_account_id = 123456789012\nsso_role_name = ReadOnly\n", "config")
            elif roll < 0.45:
                put("sso_account_id = 123456789012\n", "config")  # incomplete legacy SSO
            elif roll < 0.8:
                session = rng.choice(("corp", "corp", "nostart", "missing"))
                ids = "sso_account_id = 123456789012\nsso_role_name = ReadOnly\n" if rng.random() < 0.8 else ""
                put(f"sso_session = {session}\n{ids}", "config")
            else:
                put("sso_session = corp\nsso_start_url = https://other.awsapps.com/start\n"
                    "sso_account_id = 123456789012\nsso_role_name = ReadOnly\n", "config")
        if rng.random() < 0.15:
            put("credential_process = @PROCESS@\n")
        if rng.random() < 0.12:
            put("login_session = arn:aws:iam::123456789012:user/dev\n", "config")
        if rng.random() < 0.1:
            put("mfa_serial = arn:aws:iam::123456789012:mfa/dev\n")
        if rng.random() < 0.5:
            put(f"region = {rng.choice(REGIONS)}\n")
        if rng.random() < 0.1:
            put("sts_regional_endpoints = legacy\n", "config")
        if in_config or rng.random() < 0.3:
            prefix = "" if name == "default" else ("profile " if rng.random() > 0.08 else "")
            config.append(f"[{prefix}{name}]\n" + "".join(in_config))
        if in_credentials:
            credentials.append(f"[{name}]\n" + "".join(in_credentials))
    for session in ("corp", "nostart"):
        if rng.random() < 0.7:
            config.append(f"[sso-session {session}]\n{sessions[session]}")
    if config and rng.random() < 0.03:
        config.append(config[0])  # a duplicate section: ConfigParseError
    rng.shuffle(config)
    environ = {}
    if rng.random() < 0.3:
        roll = rng.random()
        if roll < 0.4:
            environ["AWS_ACCESS_KEY_ID"] = "AKIAENVEXAMPLE7ZZZZZ"
            if rng.random() < 0.85:
                environ["AWS_SECRET_ACCESS_KEY"] = "envSecretExampleValue/1234567890abcdefghij"
        if rng.random() < 0.3:
            environ["AWS_DEFAULT_REGION"] = rng.choice(REGIONS)
        if rng.random() < 0.2:
            environ["AWS_REGION"] = rng.choice(REGIONS)
        if rng.random() < 0.15:
            environ["AWS_WEB_IDENTITY_TOKEN_FILE"] = "@TOKEN@"
            if rng.random() < 0.7:
                environ["AWS_ROLE_ARN"] = "arn:aws:iam::123456789012:role/web"
    return Generated("".join(config) if config or rng.random() < 0.5 else None,
                     "".join(credentials) if credentials or rng.random() < 0.5 else None, environ)
