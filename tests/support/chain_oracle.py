"""A per-profile walk of botocore's ``source_profile`` chain, used only as a test oracle.

``chains.ChainIndex`` computes every profile's chain at once (linear time); this walks one
profile the way ``AssumeRoleProvider`` does, hop by hop, and ``tests/test_linear.py`` requires
both to agree. It lived in ``facts.py`` though nothing there used it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from awslint.aws.model import Block, View
from awslint.aws.model import assumes_role as _assumes_role
from awslint.aws.model import has_static_keys as _has_static
from awslint.aws.model import sub_chain_method as _sub_chain_method


@dataclass
class Chain:
    profiles: list[str] = field(default_factory=list)
    end: Optional[str] = None
    end_method: Optional[str] = None
    error: Optional[str] = None


def resolve_chain(view: View, block: Block) -> Chain:
    """Follow ``source_profile`` the way ``AssumeRoleProvider`` does."""
    chain = Chain()
    if not _assumes_role(block):
        return chain
    visited = [block.name]
    seen = {block.name}
    current = block
    while True:
        source_name = current.value("source_profile")
        if source_name is None:
            if current.value("credential_source") is not None:
                chain.end_method = f"credential_source:{current.value('credential_source')}"
            return chain
        source = view.profiles.get(source_name)
        if source is None:
            chain.error = f"source_profile '{source_name}' does not exist"
            return chain
        if source_name == current.name and _has_static(source):
            chain.end, chain.end_method = source.name, _sub_chain_method(source)
            return chain
        if source_name in seen:
            chain.profiles.append(source_name)
            chain.error = "loop: " + " -> ".join(visited + [source_name])
            return chain
        chain.profiles.append(source_name)
        visited.append(source_name)
        seen.add(source_name)
        if _has_static(source) or not _assumes_role(source):
            chain.end, chain.end_method = source.name, _sub_chain_method(source)
            return chain
        current = source
