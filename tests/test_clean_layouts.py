"""Well-kept setups, written as the tools that produce them write them: with ALL built-in rules,
none may report anything above info (issue 3, part 3).

Sources for the shapes: `aws configure sso` / `aws configure sso-session` (AWS CLI v2 user guide,
"Configure IAM Identity Center authentication"); aws-vault USAGE.md ("credential_process");
granted docs ("Credential Process" recipe: granted_sso_* keys + `granted credential-process`);
LocalStack docs ("AWS CLI" integration: test/test keys, endpoint_url http://localhost:4566);
EKS IRSA / GitHub Actions OIDC (role_arn + web_identity_token_file); `aws login` (CLI >= 2.32:
login_session + region); aws-sso-util docs/configure.md (`configure populate`).
Every layout is also checked against botocore: it loads and each profile resolves its
credential method without error (offline).
"""

from __future__ import annotations

from pathlib import Path

import botocore.exceptions
import botocore.session
import pytest
from support.clean_layouts import LAYOUTS
from support.offline_botocore import isolate_botocore



@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_clean_layout_reports_nothing_above_info(lint, name: str) -> None:
    config, credentials = LAYOUTS[name]
    findings = lint(config=config, credentials=credentials)
    loud = [f"{f.code} {f.path}:{f.line} {f.message}" for f in findings if f.severity != "info"]
    assert loud == [], f"{name}: {loud}"


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_clean_layout_is_valid_for_botocore(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    guard = isolate_botocore(monkeypatch, tmp_path)
    config, credentials = LAYOUTS[name]
    (tmp_path / "config").write_text(config or "")
    (tmp_path / "credentials").write_text(credentials or "")
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "credentials"))
    session = botocore.session.Session()
    profiles = session.available_profiles
    assert profiles
    for profile in profiles:
        scoped = botocore.session.Session(profile=profile)
        scoped.get_scoped_config()
        resolver = botocore.credentials.create_credential_resolver(scoped)
        # Validation happens in each provider's load(); caches and helper programs are not
        # present here, so only configuration errors count.
        for provider in resolver.providers:
            if provider.METHOD == "custom-process":
                continue  # would run the helper program (aws-vault, granted) if it is installed
            try:
                provider.load()
            except (botocore.exceptions.InvalidConfigError, botocore.exceptions.PartialCredentialsError,
                    botocore.exceptions.InfiniteLoopConfigError) as exc:
                pytest.fail(f"{name}/{profile}: {provider.METHOD}: {exc}")
            except (botocore.exceptions.BotoCoreError, OSError) as exc:
                # Missing token caches or awscrt: the environment, not the configuration.
                assert "config" not in type(exc).__name__.lower(), exc
    guard.check()
