"""Whether a profile talks to AWS at all: an ``endpoint_url`` outside AWS's DNS domains.

S3-compatible stores (Cloudflare R2, DigitalOcean Spaces, MinIO, Ceph, Wasabi…) are used through
the AWS CLI and boto3 with ``endpoint_url``; their key ids, secrets and region names follow their
own formats, so the AWS shape checks (AWS207) and region list (AWS303) do not apply to them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from awslint.facts import FactBuilder
    from awslint.model import Block


def endpoint_host(url: str) -> Optional[str]:
    """The host name of an endpoint URL (lower-cased), or None when it has none."""
    text = url.strip()
    if "://" not in text:
        text = "https://" + text  # botocore needs a scheme; judge the host anyway
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    return host.rstrip(".").lower() if host else None


def is_aws_host(host: str, suffixes: list[str]) -> bool:
    """The host is in one of the AWS partitions' DNS domains (``rules/data/regions.yaml``)."""
    return any(host == s or host.endswith("." + s) for s in suffixes)


def _profile_endpoints(builder: FactBuilder, block: Block) -> list[str]:
    """The endpoint URLs botocore may use for this profile: profile-level, then [services] blocks."""
    from awslint.credentials_facts import service_endpoints

    if str(block.value("ignore_configured_endpoint_urls") or "").strip().lower() == "true":
        return []
    urls = []
    own = block.value("endpoint_url")
    if isinstance(own, str) and own.strip():
        urls.append(own)
    return urls + [u for u in service_endpoints(builder, block) if isinstance(u, str) and u.strip()]


def non_aws_endpoint(builder: FactBuilder, block: Optional[Block]) -> Optional[str]:
    """The first host outside AWS (loopback included) among the profile's endpoints, or None."""
    if block is None:
        return None
    settings = block.settings
    if "endpoint_url" not in settings and "services" not in settings:
        return None  # no endpoint at all (the usual case): nothing to look up
    cache: dict[int, Optional[str]] = builder.__dict__.setdefault("_non_aws_endpoint", {})
    key = id(block)
    if key not in cache:
        suffixes = [str(s).lower() for s in builder.data.get("aws_dns_suffixes", [])]
        found = None
        for url in _profile_endpoints(builder, block):
            host = endpoint_host(url)
            if host is not None and not is_aws_host(host, suffixes):
                found = host
                break
        cache[key] = found
    return cache[key]


def section_block(builder: FactBuilder, file_role: str, section: Any) -> Optional[Block]:
    """The merged profile a section belongs to (credentials sections by name)."""
    name = section.name if file_role == "credentials" else builder._profile_of_section.get(id(section))
    return None if name is None else builder.view.profiles.get(name)
