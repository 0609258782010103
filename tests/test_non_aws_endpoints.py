"""S3-compatible stores (R2, MinIO, LocalStack): which hosts are AWS's (checked against botocore's
partitions) and which key-shape and region checks a non-AWS endpoint relaxes."""

from __future__ import annotations

import json
import os

import botocore
import botocore.exceptions
import botocore.session
import pytest
from awslint.aws.endpoints import endpoint_host, is_aws_host
from support.fakes import KEY_ID, SECRET

R2_KEY = "7f3e9a1c5b2d4e6f8a0b1c2d3e4f5a6b"  # 32 hex characters: R2's key id shape
R2_SECRET = "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809"


def test_aws_dns_suffixes_match_botocore_partitions(ruleset) -> None:
    with open(os.path.join(os.path.dirname(botocore.__file__), "data", "partitions.json")) as handle:
        partitions = json.load(handle)["partitions"]
    suffixes = {
        p["outputs"][k] for p in partitions for k in ("dnsSuffix", "dualStackDnsSuffix") if p["outputs"].get(k)
    }
    assert suffixes <= set(ruleset.data["aws_dns_suffixes"])


@pytest.mark.parametrize(
    ("url", "aws"),
    [
        ("https://s3.eu-west-1.amazonaws.com", True),
        ("https://sts.cn-north-1.amazonaws.com.cn", True),
        ("https://ec2.us-east-1.api.aws", True),
        ("https://bucket.vpce-1a2b3c4d.s3.us-east-1.vpce.amazonaws.com/", True),
        ("https://abc.r2.cloudflarestorage.com", False),
        ("http://localhost:4566", False),
        ("http://127.0.0.1:9000", False),
        ("https://evilamazonaws.com", False),
    ],
)
def test_aws_hosts(ruleset, url: str, aws: bool) -> None:
    host = endpoint_host(url)
    assert host is not None and is_aws_host(host, ruleset.data["aws_dns_suffixes"]) is aws


R2_CONFIG = "[profile r2]\nregion = auto\nendpoint_url = https://0a1b2c3d.r2.cloudflarestorage.com\n"
R2_CREDENTIALS = f"[r2]\naws_access_key_id = {R2_KEY}\naws_secret_access_key = {R2_SECRET}\n"


def test_r2_profile_has_no_key_shape_or_region_errors(lint) -> None:
    found = lint(config=R2_CONFIG, credentials=R2_CREDENTIALS)
    assert [f for f in found if f.severity != "info"] == []
    region = [f for f in found if f.code == "AWS303"]
    assert len(region) == 1 and "outside AWS" in region[0].message


def test_services_block_endpoint_counts(lint) -> None:
    config = "[profile m]\nregion = nyc3\nservices = m\n[services m]\ns3 =\n  endpoint_url = http://localhost:9000\n"
    credentials = f"[m]\naws_access_key_id = {R2_KEY}\naws_secret_access_key = {R2_SECRET}\n"
    assert [f for f in lint(config=config, credentials=credentials) if f.severity != "info"] == []


def test_aws_endpoints_are_still_checked(lint) -> None:
    # An AWS endpoint (or none) keeps the AWS formats: the same keys and region are errors.
    for endpoint in ("", "endpoint_url = https://s3.eu-west-1.amazonaws.com\n"):
        found = lint(config="[profile r2]\nregion = auto\n" + endpoint, credentials=R2_CREDENTIALS)
        assert {"AWS207", "AWS303"} <= {f.code for f in found if f.severity == "error"}, endpoint


def test_non_aws_endpoint_still_needs_a_host_label_region_and_clean_values(lint) -> None:
    """botocore.utils.validate_region_name refuses a non-host-label region for any endpoint."""
    from botocore.exceptions import InvalidRegionError
    from botocore.utils import validate_region_name

    with pytest.raises(InvalidRegionError):
        validate_region_name("us_east_1")
    config = "[profile r2]\nregion = us_east_1\nendpoint_url = http://localhost:9000\n"
    credentials = f'[r2]\naws_access_key_id = {R2_KEY}\naws_secret_access_key = "{R2_SECRET}"\n'
    found = lint(config=config, credentials=credentials)
    assert [f.severity for f in found if f.code == "AWS303"] == ["error"]
    assert any(f.code == "AWS207" and "quotes" in f.message for f in found)


def test_real_aws_keys_to_a_foreign_endpoint_still_warn(lint) -> None:
    config = "[profile x]\nregion = auto\nendpoint_url = https://0a1b2c3d.r2.cloudflarestorage.com\n"
    found = lint(config=config, credentials=f"[x]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n")
    assert "AWS305" in {f.code for f in found}


def test_minio_defaults_are_placeholders(lint) -> None:
    found = lint(credentials="[minio]\naws_access_key_id = minioadmin\naws_secret_access_key = minioadmin\n")
    assert "AWS209" in {f.code for f in found}
    assert not {"AWS207", "AWS201", "AWS202"} & {f.code for f in found}


