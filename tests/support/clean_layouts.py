"""Well-kept setups as the tools that produce them write them (tests/test_clean_layouts.py holds
their sources and checks them); the golden facts (support/facts_golden.py) reuse them."""

from __future__ import annotations

from typing import Optional


LAYOUTS: dict[str, tuple[Optional[str], Optional[str]]] = {
    "identity-center-sso-session": (
        """\
[default]
sso_session = acme
sso_account_id = 111122223333
sso_role_name = ReadOnlyAccess
region = eu-west-1
output = json

[profile acme-dev]
sso_session = acme
sso_account_id = 444455556666
sso_role_name = PowerUserAccess
region = eu-west-1
output = json

[profile acme-prod-ro]
sso_session = acme
sso_account_id = 111122223333
sso_role_name = ReadOnlyAccess
region = eu-central-1
cli_pager =

[sso-session acme]
sso_start_url = https://acme.awsapps.com/start
sso_region = eu-west-1
sso_registration_scopes = sso:account:access
""",
        None,
    ),
    "aws-vault-credential-process": (
        """\
[default]
region = us-east-1

[profile jon]
credential_process = aws-vault export --format=json jon
region = us-east-1

[profile work-admin]
source_profile = jon
role_arn = arn:aws:iam::111122223333:role/Administrator
mfa_serial = arn:aws:iam::444455556666:mfa/jonsmith
duration_seconds = 3600
region = eu-west-1

[profile work-readonly]
include_profile = work-admin
role_arn = arn:aws:iam::111122223333:role/ReadOnly
source_profile = jon
mfa_serial = arn:aws:iam::444455556666:mfa/jonsmith
""",
        None,
    ),
    "granted-populated": (
        """\
[profile acme/dev/AWSAdministratorAccess]
granted_sso_start_url = https://acme.awsapps.com/start
granted_sso_region = ap-southeast-2
granted_sso_account_id = 111122223333
granted_sso_role_name = AWSAdministratorAccess
common_fate_generated_from = aws-sso
credential_process = granted credential-process --profile acme/dev/AWSAdministratorAccess
region = ap-southeast-2

[profile acme/prod/ReadOnlyAccess]
granted_sso_start_url = https://acme.awsapps.com/start
granted_sso_region = ap-southeast-2
granted_sso_account_id = 444455556666
granted_sso_role_name = ReadOnlyAccess
common_fate_generated_from = aws-sso
credential_process = granted credential-process --profile acme/prod/ReadOnlyAccess
region = ap-southeast-2
""",
        None,
    ),
    "localstack": (
        """\
[profile localstack]
region = us-east-1
output = json
endpoint_url = http://localhost:4566
""",
        """\
[localstack]
aws_access_key_id = test
aws_secret_access_key = test
""",
    ),
    # S3-compatible stores used through the AWS CLI (Cloudflare R2 docs "aws CLI" example,
    # DigitalOcean Spaces "Use the AWS CLI", MinIO "AWS CLI with MinIO" with its default root user).
    "s3-compatible-stores": (
        """\
[profile r2]
region = auto
endpoint_url = https://0a1b2c3d4e5f60718293a4b5c6d7e8f9.r2.cloudflarestorage.com
output = json

[profile spaces]
region = nyc3
endpoint_url = https://nyc3.digitaloceanspaces.com

[profile minio]
region = us-east-1
services = minio

[services minio]
s3 =
  endpoint_url = http://127.0.0.1:9000
""",
        """\
[r2]
aws_access_key_id = 7f3e9a1c5b2d4e6f8a0b1c2d3e4f5a6b
aws_secret_access_key = 1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809

[spaces]
aws_access_key_id = DO00QWERTYUIOPASDFGH
aws_secret_access_key = Zx8Cv7Bn6Mq5Wl4Ek3Rj2Th1Yg0Uf9Id8Os7Pa6Sd5Fg4

[minio]
aws_access_key_id = minioadmin
aws_secret_access_key = minioadmin
""",
    ),
    "ci-web-identity": (
        """\
[profile ci]
role_arn = arn:aws:iam::111122223333:role/github-actions-deploy
web_identity_token_file = /var/run/secrets/eks.amazonaws.com/serviceaccount/token
role_session_name = ci-deploy
region = eu-west-1
""",
        None,
    ),
    "aws-login": (
        """\
[default]
login_session = arn:aws:iam::111122223333:user/dana
region = eu-west-1
""",
        None,
    ),
    "aws-sso-util-populated": (
        """\
[profile Dev.AdministratorAccess.us-east-2]
sso_start_url = https://example.awsapps.com/start
sso_region = us-east-1
sso_account_name = Dev
sso_account_id = 111122223333
sso_role_name = AdministratorAccess
region = us-east-2
sso_auto_populated = true

[profile Prod.ReadOnlyAccess.us-east-2]
sso_start_url = https://example.awsapps.com/start
sso_region = us-east-1
sso_account_name = Prod
sso_account_id = 444455556666
sso_role_name = ReadOnlyAccess
region = us-east-2
sso_auto_populated = true
""",
        None,
    ),
}
