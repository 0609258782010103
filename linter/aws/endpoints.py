"""Whether a profile talks to AWS at all: an ``endpoint_url`` outside AWS's DNS domains.

S3-compatible stores (Cloudflare R2, DigitalOcean Spaces, MinIO, Ceph, Wasabi…) are used through
the AWS CLI and boto3 with ``endpoint_url``; their key ids, secrets and region names follow their
own formats, so the AWS shape checks (AWS207) and region list (AWS303) do not apply to them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from awslint.aws.model import Block, View


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


def profile_endpoints(view: View, block: Block) -> list[str]:
    """The endpoint URLs botocore may use for this profile: profile-level, then [services] blocks."""
    get = block.settings.get  # merged: .text is block.value
    ignore = get("ignore_configured_endpoint_urls")
    if ignore is not None and str(ignore.text or "").strip().lower() == "true":
        return []
    urls = []
    own = get("endpoint_url")
    if own is not None and isinstance(own.text, str) and own.text.strip():
        urls.append(own.text)
    if "services" not in block.settings:  # service_endpoints would find no [services] section
        return urls
    return urls + [u for u in service_endpoints(view, block) if isinstance(u, str) and u.strip()]


def first_non_aws_host(view: View, block: Block, suffixes: list[str]) -> Optional[str]:
    """The first host outside AWS's DNS domains (loopback included) among the profile's endpoints, or None."""
    settings = block.settings
    if "endpoint_url" not in settings and "services" not in settings:
        return None  # no endpoint at all (the usual case)
    for url in profile_endpoints(view, block):
        host = endpoint_host(url)
        if host is not None and not is_aws_host(host, suffixes):
            return host
    return None


def service_endpoints(view: View, block: Block) -> list[str]:
    """``endpoint_url`` values of the profile's ``[services]`` section (every service block)."""
    name = block.value("services")
    services = view.services.get(name) if name is not None else None
    if services is None:
        return []
    urls = []
    for setting in services.config_values.values():
        if isinstance(setting.value, dict) and setting.value.get("endpoint_url"):
            urls.append(setting.value["endpoint_url"])
    return urls


def configured_sts_endpoint(view: View, block: Block) -> Optional[str]:
    """The STS endpoint configured for the profile, or None: ``[services X] sts.endpoint_url``
    beats the profile's ``endpoint_url`` (botocore's configprovider)."""
    get = block.settings.get  # merged: .text is block.value
    services_setting = get("services")
    if services_setting is not None:
        services = view.services.get(services_setting.text)
        if services is not None:
            sts = services.config_values.get("sts")
            if sts is not None and isinstance(sts.value, dict) and "endpoint_url" in sts.value:
                return sts.value["endpoint_url"]
    endpoint = get("endpoint_url")
    return None if endpoint is None else endpoint.text
