"""Running the real AWS JavaScript SDKs (``tests/js/oracle.js``) on generated layouts, offline.

``installed()`` puts the packages that ``tests/js/package-lock.json`` pins into a cache folder
(``~/.cache/awslint-tests/js-<lockfile hash>``, or ``$AWSLINT_TEST_CACHE``) with ``npm ci`` the
first time, and reuses it afterwards (no network). ``run()`` sends every case to ONE node process
and returns its answers. ``Layout`` writes one generated layout (files, fake credential process,
SSO and login token caches) and ``classify`` turns an answer into awslint's vocabulary.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

HERE = Path(__file__).resolve().parent.parent / "js"
ACCOUNT = "123456789012"
SESSIONS = {"corp": "https://corp.awsapps.com/start", "nostart": None}
LEGACY_START_URL = "https://legacy.awsapps.com/start"
ENV_KEY_ID = "AKIAENVORACLEKEY0001"


def key_id(profile: str, where: str) -> str:
    """The key id a generated profile holds in ``where`` ("config" or "credentials")."""
    return f"AKIA{'CFG' if where == 'config' else 'CRD'}{profile.upper().replace('-', '')}"


def role_arn(profile: str) -> str:
    return f"arn:aws:iam::{ACCOUNT}:role/{profile}"


def unavailable() -> Optional[str]:
    """Why the oracle cannot run here, or None."""
    for tool in ("node", "npm"):
        if shutil.which(tool) is None:
            return f"`{tool}` is not installed: the JavaScript SDK oracle needs node and npm"
    return None


def installed() -> Path:
    """The folder whose node_modules hold the pinned SDKs (installed once, then reused)."""
    lock = (HERE / "package-lock.json").read_bytes()
    digest = hashlib.sha256(lock + (HERE / "package.json").read_bytes()).hexdigest()[:16]
    root = Path(os.environ.get("AWSLINT_TEST_CACHE") or Path.home() / ".cache" / "awslint-tests")
    folder = root / f"js-{digest}"
    done = folder / ".installed"
    if not done.exists():
        folder.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(HERE / name, folder / name)
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--prefer-offline", "--loglevel=error"],
            cwd=folder, check=True, capture_output=True, timeout=600,
        )
        done.write_text("ok\n")
    return folder


def run(folder: Path, home: Path, cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every case in one node process: ``[{"sdk": "v3"|"v2", "env": {...}}, ...]``."""
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(home), "NODE_PATH": str(folder / "node_modules"),
           "NODE_NO_WARNINGS": "1"}
    completed = subprocess.run(
        ["node", str(HERE / "oracle.js")], input=json.dumps({"cases": cases}), env=env,
        capture_output=True, text=True, timeout=600, check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"the JS oracle failed ({completed.returncode}): {completed.stderr[-2000:]}")
    answers: list[dict[str, Any]] = json.loads(completed.stdout)
    return answers


def prepare_home(home: Path, login_sessions: list[str]) -> None:
    """Valid SSO token caches (every session, the legacy start URL) and ``aws login`` caches."""
    cache = home / ".aws" / "sso" / "cache"
    cache.mkdir(parents=True, exist_ok=True)
    token = {"accessToken": "fake-sso-token", "expiresAt": "2099-01-01T00:00:00Z", "region": "us-east-1",
             "startUrl": LEGACY_START_URL}
    for ident in [*SESSIONS, LEGACY_START_URL]:
        (cache / f"{hashlib.sha1(ident.encode()).hexdigest()}.json").write_text(json.dumps(token))
    login = home / ".aws" / "login" / "cache"
    login.mkdir(parents=True, exist_ok=True)
    for session in login_sessions:
        name = session.rsplit("/", 1)[-1]
        data = {"accessToken": {"accessKeyId": f"LOGIN-{name}", "secretAccessKey": "fake-secret",
                                "sessionToken": "fake-token", "accountId": ACCOUNT, "expiresAt": "2099-01-01T00:00:00Z"},
                "clientId": "fake", "refreshToken": "fake", "dpopKey": "fake"}
        (login / f"{hashlib.sha256(session.encode()).hexdigest()}.json").write_text(json.dumps(data))


@dataclass
class Outcome:
    """An SDK's answer in awslint's words."""

    method: Optional[str]
    roles: list[str] = field(default_factory=list)  # profiles whose role was assumed, outermost first
    leaf: Optional[tuple[Optional[str], Optional[str]]] = None  # (profile or None, method) of the first keys
    error: Optional[str] = None
    region: Optional[str] = None


def _leaf(key: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    if key is None:
        return None, None
    if key == ENV_KEY_ID:
        return None, "env"
    if key == "CONTAINER":
        return None, "container-role"
    for prefix, method in (("PROC-", "custom-process"), ("LOGIN-", "login"), ("SSO-", "sso"), ("WEBID-", "assume-role-with-web-identity")):
        if key.startswith(prefix):
            return (key[len(prefix):].lower() if prefix in ("PROC-", "LOGIN-") else None), method
    if key.startswith("AKIACFG"):
        return key[7:].lower(), "config-file"
    if key.startswith("AKIACRD"):
        return key[7:].lower(), "shared-credentials-file"
    return None, f"unknown key {key}"


def classify(answer: dict[str, Any], sdk: str = "v3") -> Outcome:
    """The oracle's raw answer as method, assumed roles, first keys, error and region."""
    region = answer.get("region")
    error = answer.get("error")
    if error is not None and sdk == "v2":
        return Outcome(None, region=region)  # v2 moves on after every error: the last one is IMDS's
    if error is not None:
        message = error["message"]
        if "Could not load credentials from any providers" in message:
            return Outcome(None, region=region)
        if "multi-factor" in message:
            return Outcome("assume-role", error=message, region=region)
        if "SSO" in message or error["name"] == "TypeError":
            return Outcome("sso", error=f"{error['name']}: {message}", region=region)
        return Outcome(None, error=f"{error['name']}: {message}", region=region)
    steps = answer.get("chain", [])
    roles = [step["arn"].rsplit("/", 1)[-1] for step in steps if step["action"] == "AssumeRole"]
    leaf = _leaf(answer.get("leaf"))
    if steps and steps[-1]["action"] == "AssumeRoleWithWebIdentity":
        leaf = (None, "assume-role-with-web-identity")  # not signed: the chain ends there
    if roles:
        return Outcome("assume-role", roles, leaf, region=region)
    return Outcome(leaf[1], [], leaf, region=region)
