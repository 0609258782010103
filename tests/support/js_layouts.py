"""Seeded layouts for the JavaScript SDK differential test (tests/test_js_differential.py) and the
tool-claims test: every class of disagreement the real SDKs showed, with the environment each needs."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Optional

from support import js_oracle
from support.js_oracle import ENV_KEY_ID, key_id, role_arn

SEED = 20261207
LAYOUTS = 180
NAMES = ("default", "a", "b", "c")
REGIONS = ("us-east-1", "eu-west-1", "ap-east-1", "sa-east-1")
SCENARIOS = 12


class Writer:
    """One layout being generated: lines per profile and file."""

    def __init__(self, rng: random.Random, folder: Path) -> None:
        self.rng = rng
        self.folder = folder
        self.config: list[str] = []
        self.credentials: list[str] = []
        self.env: dict[str, str] = {}
        self.logins: list[str] = []

    def keys(self, name: str, where: str, partial: bool = False) -> str:
        text = f"aws_access_key_id = {key_id(name, where)}\n"
        return text if partial else text + "aws_secret_access_key = fake-secret-value\n"

    def process(self, name: str) -> str:
        return f"credential_process = {self.folder.parent / 'fake-process'} {name.upper()}\n"

    def login(self, name: str) -> str:
        session = f"arn:aws:iam::{js_oracle.ACCOUNT}:user/{name}"
        self.logins.append(session)
        return f"login_session = {session}\n"

    def web_identity(self, name: str) -> str:
        return f"web_identity_token_file = {self.folder.parent / 'token'}\n"


def _sso(rng: random.Random) -> str:
    roll = rng.random()
    ids = f"sso_account_id = {js_oracle.ACCOUNT}\nsso_role_name = ReadOnly\n"
    if roll < 0.3:
        return f"sso_start_url = {js_oracle.LEGACY_START_URL}\nsso_region = us-east-1\n{ids}"
    if roll < 0.45:
        return f"sso_account_id = {js_oracle.ACCOUNT}\n"  # incomplete legacy SSO
    return f"sso_session = {rng.choice(('corp', 'corp', 'nostart', 'missing'))}\n{ids}"


def random_profile(w: Writer, name: str) -> tuple[str, str]:
    """Config and credentials text (without header) of one random profile."""
    rng = w.rng
    conf: list[str] = []
    cred: list[str] = []

    def put(text: str, where: Optional[str] = None) -> None:
        (conf if (where or rng.choice(("config", "config", "credentials"))) == "config" else cred).append(text)

    if rng.random() < 0.35:
        put(w.keys(name, "credentials", partial=rng.random() < 0.1), "credentials")
    if rng.random() < 0.2:
        put(w.keys(name, "config"), "config")
    if rng.random() < 0.4:
        put(f"role_arn = {role_arn(name)}\n")
        roll = rng.random()
        if roll < 0.65:
            put(f"source_profile = {rng.choice(NAMES + ('nope',))}\n")
        elif roll < 0.9:
            put(f"credential_source = {rng.choice(('Environment', 'EcsContainer', 'Ec2InstanceMetadata', 'environment'))}\n")
        else:
            put("source_profile = a\ncredential_source = Environment\n")
    if rng.random() < 0.1:
        put(w.web_identity(name))
        if not any("role_arn" in line for line in conf + cred):
            put(f"role_arn = {role_arn(name)}\n")
    if rng.random() < 0.25:
        put(_sso(rng), "config")
    if rng.random() < 0.15:
        put(w.process(name))
    if rng.random() < 0.1:
        put(w.login(name), "config")
    if rng.random() < 0.08:
        put(f"mfa_serial = arn:aws:iam::{js_oracle.ACCOUNT}:mfa/{name}\n")
    if rng.random() < 0.5:
        put(f"region = {rng.choice(REGIONS)}\n")
    return "".join(conf), "".join(cred)


def scenario(w: Writer, index: int) -> None:
    """One of the known differences, on profiles s and t (added to the random ones)."""
    rng = w.rng
    kind = index % SCENARIOS
    role = f"role_arn = {role_arn('s')}\nsource_profile = t\n"
    if kind == 0:  # 1. a source profile with SSO (or another source) in the config and keys
        extra = rng.choice((_sso(random.Random(1)), w.web_identity("t") + f"role_arn = {role_arn('web')}\n",
                            w.login("t"), w.process("t")))
        w.config += [f"[profile s]\n{role}", f"[profile t]\n{extra}"]
        w.credentials.append(f"[t]\n{w.keys('t', 'credentials')}")
    elif kind == 1:  # 2. region in both files
        w.config.append(f"[profile s]\nregion = {rng.choice(REGIONS)}\n{w.keys('s', 'config')}")
        w.credentials.append(f"[s]\nregion = {rng.choice(REGIONS)}\n")
    elif kind == 2:  # 3. a role that fails for botocore, beside a process or env credentials
        source = rng.choice(("source_profile = missing\n", "source_profile = t\n", "credential_source = Environment\n",
                             "credential_source = EcsContainer\n"))
        w.config += [f"[profile s]\nrole_arn = {role_arn('s')}\n{source}" + rng.choice((w.process("s"), "")),
                     f"[profile t]\nrole_arn = {role_arn('t')}\nsource_profile = s\n"]
        if rng.random() < 0.5:
            w.env.update({"AWS_WEB_IDENTITY_TOKEN_FILE": str(w.folder.parent / "token"), "AWS_ROLE_ARN": role_arn("envweb")})
        elif rng.random() < 0.5:
            w.env["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = "/v2/credentials/fake"
    elif kind == 3:  # 4. [default] and [profile default], either order
        parts = [f"[default]\nregion = us-east-1\n{w.keys('default', 'config')}", "[profile default]\nregion = eu-west-1\n"]
        rng.shuffle(parts)
        w.config += parts
    elif kind == 4:  # 5. upper-case keys
        w.config.append(f"[profile s]\nRegion = eu-west-1\nAWS_ACCESS_KEY_ID = {key_id('s', 'config')}\nAWS_SECRET_ACCESS_KEY = x\n")
    elif kind == 5:  # 5. an inline comment after region (and after a key)
        w.config.append(f"[profile s]\nregion = eu-west-1 # Ireland\n{w.keys('s', 'config')}")
    elif kind == 6:  # 5. a duplicate section: botocore cannot read the file, JS merges it
        w.config += [f"[profile s]\n{w.keys('s', 'config')}", "[profile s]\nregion = ap-east-1\n"]
    elif kind == 7:  # 5. [profile x] in the credentials file
        w.credentials.append(f"[profile s]\n{w.keys('profile.s', 'credentials')}region = eu-west-1\n")
    elif kind == 8:  # 6. AWS_PROFILE naming a missing profile: AWS_REGION still counts
        w.env["AWS_REGION"] = rng.choice(REGIONS)
    elif kind == 9:  # 7. a role with mfa_serial
        w.config += [f"[profile s]\n{role}mfa_serial = arn:aws:iam::{js_oracle.ACCOUNT}:mfa/s\n",
                     f"[profile t]\n{w.keys('t', 'config')}"]
    elif kind == 10:  # 7. legacy SSO without all four keys, an sso_session naming no section
        w.config.append("[profile s]\n" + rng.choice((f"sso_start_url = {js_oracle.LEGACY_START_URL}\nsso_account_id = 1\n",
                                                      "sso_session = missing\nsso_account_id = 1\nsso_role_name = r\n")))
    else:  # a role chain of three, keys at the end, sources with several methods
        w.config += [f"[profile s]\n{role}", f"[profile t]\nrole_arn = {role_arn('t')}\nsource_profile = u\n{w.process('t')}",
                     f"[profile u]\n{_sso(rng)}"]
        w.credentials.append(f"[u]\n{w.keys('u', 'credentials')}")


def generate(rng: random.Random, index: int, folder: Path) -> Writer:
    w = Writer(rng, folder)
    for name in rng.sample(NAMES, rng.randint(1, len(NAMES))):
        conf, cred = random_profile(w, name)
        if conf or rng.random() < 0.3:
            prefix = "" if name == "default" else ("profile " if rng.random() > 0.08 else "")
            w.config.append(f"[{prefix}{name}]\n{conf}")
        if cred:
            w.credentials.append(f"[{name}]\n{cred}")
    scenario(w, index)
    for session, start in js_oracle.SESSIONS.items():
        if rng.random() < 0.8:
            w.config.append(f"[sso-session {session}]\nsso_region = us-east-1\n" + (f"sso_start_url = {start}\n" if start else ""))
    if rng.random() < 0.3:
        roll = rng.random()
        if roll < 0.5:
            w.env["AWS_ACCESS_KEY_ID"] = ENV_KEY_ID
            if rng.random() < 0.85:
                w.env["AWS_SECRET_ACCESS_KEY"] = "fake-env-secret"
        if rng.random() < 0.3:
            w.env["AWS_REGION"] = rng.choice(REGIONS)
        if rng.random() < 0.3:
            w.env["AWS_DEFAULT_REGION"] = rng.choice(REGIONS)
    rng.shuffle(w.config)
    return w
