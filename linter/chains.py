"""Every profile's ``source_profile`` chain at once, in time linear in the number of profiles.

``tests/support/chain_oracle.resolve_chain`` walks one profile's chain the way ``AssumeRoleProvider`` does; calling it
for every profile of a 1000-deep chain costs chain length squared. ``ChainIndex`` computes the
same outcome (end, method, error, the profiles reached, "any profile on the chain sets X") for
all profiles together: the hops between role profiles form a functional graph, so each profile's
answer is its successor's answer plus itself, and each loop is walked once. Texts naming the
chain are capped (``CHAIN_CAP`` names, then "… N more -> last"), because printing every chain
in full is quadratic output.
"""

from __future__ import annotations

from awslint.records import dataclass
from typing import Callable, Optional

from awslint.model import Block, View
from awslint.model import assumes_role as _assumes_role
from awslint.model import has_static_keys as _has_static

CHAIN_CAP = 20  # names shown of one chain before "… N more"


def capped_path(names: list[str], total: int, last: str) -> str:
    """``a -> b -> … (N more) -> last`` for a path of ``total`` names whose first ones are ``names``."""
    if total <= CHAIN_CAP:
        return " -> ".join(names[:total])
    shown = names[: CHAIN_CAP - 1]
    return " -> ".join(shown + [f"… ({total - len(shown) - 1} more)", last])


@dataclass
class ChainInfo:
    """The outcome of one profile's chain; ``profiles`` holds at most ``CHAIN_CAP`` names."""

    profiles: list[str]
    length: int  # how many profiles the full chain reaches (``len(resolve_chain(...).profiles)``)
    end: Optional[str]
    end_method: Optional[str]
    error: Optional[str]
    any_flags: dict[str, bool]  # flag name -> true when the profile or a profile on its chain has it
    text: str  # the profile and its chain, capped


class ChainIndex:
    """``resolve_chain`` for every profile of one view, each hop examined a bounded number of times."""

    def __init__(self, view: View, flags: dict[str, Callable[[Block], bool]],
                 sub_chain_method: Callable[[Block], Optional[str]]) -> None:
        self.view = view
        self.flags = flags
        self.sub = sub_chain_method
        profiles = view.profiles
        # nxt[x]: the role profile the walk continues with after x (it assumes a role, no static keys).
        self.nxt: dict[str, str] = {}
        for name, block in profiles.items():
            setting = block.settings.get("source_profile")  # merged: .text is block.value
            source_name = None if setting is None else setting.text
            source = profiles.get(source_name) if source_name is not None else None
            if source_name is None or source is None or (source_name == name and _has_static(source)):
                continue
            if _assumes_role(source) and not _has_static(source):
                self.nxt[name] = source_name
        self._depth: dict[str, int] = {}  # hops to the terminal profile (acyclic part)
        self._terminal: dict[str, str] = {}
        self._cycle_of: dict[str, list[str]] = {}  # node on a loop -> the loop, starting anywhere
        self._entry: dict[str, str] = {}  # node reaching a loop -> the loop node it enters by
        self._tail: dict[str, int] = {}  # node reaching a loop -> hops to its entry
        self._agg: dict[str, dict[str, bool]] = {}  # flags over the node and everything after it
        self._solve()

    def _own(self, name: str) -> dict[str, bool]:
        block = self.view.profiles[name]
        own = {}
        for k, f in self.flags.items():  # a loop, not a comprehension: called for every profile
            own[k] = f(block)
        return own

    def _solve(self) -> None:
        """Depth, terminal, loop membership and flag aggregates, iteratively (no recursion)."""
        state: dict[str, int] = {}  # 1 on the current path, 2 done
        # Locals: the loops run once per profile.
        nxt, own_of, aggregates, terminal_hop = self.nxt, self._own, self._agg, self._terminal_hop
        depths, terminals = self._depth, self._terminal
        for start in self.view.profiles:
            path: list[str] = []
            node: Optional[str] = start
            while node is not None and node not in state:
                state[node] = 1
                path.append(node)
                node = nxt.get(node)
            if node is not None and state.get(node) == 1:  # a new loop: path[at:]
                at = path.index(node)
                loop = path[at:]
                agg: dict[str, bool] = {k: False for k in self.flags}
                for member in loop:
                    for k, v in self._own(member).items():
                        agg[k] = agg[k] or v
                for member in loop:
                    self._cycle_of[member] = loop
                    self._agg[member] = agg
                    state[member] = 2
                del path[at:]
            for name in reversed(path):
                after = nxt.get(name)
                own = own_of(name)
                if after is None:
                    depths[name], terminals[name] = 0, name
                    hop = terminal_hop(name)
                    if hop is not None:
                        for k, v in own_of(hop).items():
                            own[k] = own[k] or v
                    aggregates[name] = own
                else:
                    if after in self._cycle_of or after in self._entry:
                        self._entry[name] = self._entry.get(after, after)
                        self._tail[name] = self._tail.get(after, 0) + 1
                    else:
                        depths[name] = depths[after] + 1
                        terminals[name] = terminals[after]
                    self._agg[name] = {k: own[k] or self._agg[after][k] for k in own}
                state[name] = 2
            for name in path:
                state[name] = 2

    def _terminal_hop(self, name: str) -> Optional[str]:
        """The last profile appended when the walk stops at ``name`` (a static or non-role source)."""
        block = self.view.profiles[name]
        source = block.settings.get("source_profile")  # merged: .text is block.value
        if source is None:
            return None
        source_name = source.text
        if source_name not in self.view.profiles:
            return None
        if source_name == name and _has_static(self.view.profiles[source_name]):
            return None
        return source_name

    def _first(self, start: str, count: int) -> list[str]:
        """The first ``count`` profiles after ``start`` along ``nxt`` (stops at the terminal)."""
        out: list[str] = []
        node = start
        while len(out) < count and node in self.nxt:
            node = self.nxt[node]
            out.append(node)
        return out

    def info(self, block: Block) -> ChainInfo:
        """What ``resolve_chain(view, block)`` returns, with capped texts and ``any`` flags."""
        name = block.name
        if not _assumes_role(block):
            # Most profiles: without source_profile nothing follows them (no nxt, no terminal hop), so
            # _solve's aggregate is their own flags: shared (read-only) as for role profiles below.
            alone = "source_profile" not in block.settings and name in self._agg
            return ChainInfo([], 0, None, None, None, self._agg[name] if alone else self._own(name), name)
        flags = self._agg.get(name) or self._own(name)
        first = self._first(name, CHAIN_CAP)
        if name in self._cycle_of or name in self._entry:
            return self._loop_info(name, first, flags)
        depth, terminal = self._depth[name], self._terminal[name]
        end = end_method = error = None
        tblock = self.view.profiles[terminal]
        source_name = tblock.value("source_profile")
        length = depth
        last = terminal
        if source_name is None:
            if tblock.value("credential_source") is not None:
                end_method = f"credential_source:{tblock.value('credential_source')}"
        elif source_name not in self.view.profiles:
            error = f"source_profile '{source_name}' does not exist"
        else:
            source = self.view.profiles[source_name]
            if source_name == terminal and _has_static(source):
                end, end_method = source_name, self.sub(source)
            else:
                length += 1
                last = source_name
                if len(first) < CHAIN_CAP:
                    first.append(source_name)
                if source_name == name:  # back to the start (a role profile with static keys)
                    error = "loop: " + capped_path([name] + first, length + 1, name)
                else:
                    end, end_method = source_name, self.sub(source)
        text = capped_path([name] + first, length + 1, last)
        return ChainInfo(first, length, end, end_method, error, flags, text)

    def _loop_info(self, name: str, first: list[str], flags: dict[str, bool]) -> ChainInfo:
        """A chain that runs into a loop of role profiles: it stops at the first repeated profile."""
        if name in self._cycle_of:
            loop = self._cycle_of[name]
            length, repeated = len(loop), name
        else:
            repeated = self._entry[name]
            loop = self._cycle_of[repeated]
            length = self._tail[name] + len(loop)
        first = first[:length]
        text = capped_path([name] + first, length + 1, repeated)
        return ChainInfo(first, length, None, None, "loop: " + text, flags, text)


__all__ = ["CHAIN_CAP", "ChainIndex", "ChainInfo", "capped_path"]
