"""botocore's ``source_profile`` chain walk, once: the edge rule, the graph it makes, and every
profile's chain at once, in time linear in the number of profiles.

The edge rule (``source_step`` and ``continues``) follows ``AssumeRoleProvider`` in botocore's
``credentials.py``: a role profile's ``source_profile`` must name an existing profile
(``_validate_source_profile``); a profile naming itself is allowed only with static keys, and
then the walk ends there with those keys; a source with static keys, or without a role, gives
its credentials through the profile providers and ends the walk; only a role profile without
static keys is assumed in turn (``_resolve_credentials_from_profile``). ``resolve.Resolver``
walks one profile with it (hop by hop, for ``explain``); ``ChainGraph`` applies it to every
profile at once, and finds the loops (AWS106); ``ChainIndex`` adds the lint facts.

``tests/support/chain_oracle.resolve_chain`` walks one profile's chain the way ``AssumeRoleProvider`` does; calling it
for every profile of a 1000-deep chain costs chain length squared. ``ChainIndex`` computes the
same outcome (end, method, error, the profiles reached, "any profile on the chain sets X") for
all profiles together: the hops between role profiles form a functional graph, so each profile's
answer is its successor's answer plus itself, and each loop is walked once. Texts naming the
chain are capped (``CHAIN_CAP`` names, then "… N more -> last"), because printing every chain
in full is quadratic output.
"""

from __future__ import annotations

from awslint.standins.records import dataclass
from typing import Callable, Mapping, Optional

from awslint.aws.model import Block, View
from awslint.aws.model import assumes_role as _assumes_role
from awslint.aws.model import has_static_keys as _has_static

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


# What follows a role profile's ``source_profile`` (``source_step``'s first item).
NO_SOURCE = "none"  # no source_profile: credential_source, or botocore's PartialCredentialsError
MISSING = "missing"  # names no profile: InvalidConfigError
OWN_KEYS = "own-keys"  # names itself and holds static keys: the walk ends with those keys
SOURCE = "source"  # the walk goes on to the profile named


def source_step(profiles: Mapping[str, Block], block: Block) -> tuple[str, Optional[str]]:
    """Where the walk goes from role profile ``block``: (kind, the name source_profile gives).

    ``AssumeRoleProvider._validate_source_profile``: the name must be a profile; a profile may
    name itself only when it has static keys (then botocore uses them, no loop). Any other
    return to a profile already walked is a loop, which the caller's walk detects.
    """
    setting = block.settings.get("source_profile")  # merged: .text is block.value
    if setting is None:
        return NO_SOURCE, None
    name = setting.text
    source = profiles.get(name)
    if source is None:
        return MISSING, name
    if name == block.name and _has_static(source):
        return OWN_KEYS, name
    return SOURCE, name


def continues(source: Block) -> bool:
    """Whether botocore assumes this source profile's role in turn (``_resolve_credentials_from_profile``):
    a role without static keys. Any other source gives its credentials through the profile
    providers (static keys first), and the walk ends there."""
    return _assumes_role(source) and not _has_static(source)


class ChainGraph:
    """The edge rule applied to every profile of a view at once, in linear time.

    ``nxt`` maps a profile to the role profile the walk assumes next, ``last`` to the source it
    stops at; each profile has at most one successor (a functional graph), so every walk is
    its successor's walk plus one hop, and each loop is found once.
    """

    def __init__(self, profiles: Mapping[str, Block]) -> None:
        self.profiles = profiles
        self.nxt: dict[str, str] = {}  # x -> the role profile (without static keys) assumed after x
        self.last: dict[str, str] = {}  # x -> the source the walk stops at (its profile providers)
        # Role profiles with static keys naming another profile: a walk can start there and come
        # back (botocore raises for that start only: nothing after it can continue through keys).
        self._keyed: list[str] = []
        nxt, last = self.nxt, self.last
        for name, block in profiles.items():
            kind, source = source_step(profiles, block)
            if kind != SOURCE:
                continue
            assert source is not None
            if continues(profiles[source]):
                nxt[name] = source
            else:
                last[name] = source
            if _has_static(block) and _assumes_role(block):
                self._keyed.append(name)
        self.depth: dict[str, int] = {}  # hops to the terminal profile (acyclic part)
        self.terminal: dict[str, str] = {}
        self.cycle_of: dict[str, list[str]] = {}  # node on a loop of nxt -> the loop, starting anywhere
        self.entry: dict[str, str] = {}  # node reaching a loop -> the loop node it enters by
        self.tail: dict[str, int] = {}  # node reaching a loop -> hops to its entry
        self.cycles: list[list[str]] = []  # the loops of nxt, each once
        self.order: list[str] = []  # profiles off the loops, each after its successor
        self._solve()

    def _solve(self) -> None:
        """Depth, terminal and loop membership, iteratively (no recursion)."""
        state: dict[str, int] = {}  # 1 on the current path, 2 done
        # Locals: the loops run once per profile.
        nxt, depths, terminals = self.nxt, self.depth, self.terminal
        cycle_of, entry, tail, order = self.cycle_of, self.entry, self.tail, self.order
        for start in self.profiles:
            path: list[str] = []
            node: Optional[str] = start
            while node is not None and node not in state:
                state[node] = 1
                path.append(node)
                node = nxt.get(node)
            if node is not None and state.get(node) == 1:  # a new loop: path[at:]
                at = path.index(node)
                loop = path[at:]
                self.cycles.append(loop)
                for member in loop:
                    cycle_of[member] = loop
                    state[member] = 2
                del path[at:]
            for name in reversed(path):
                after = nxt.get(name)
                if after is None:
                    depths[name], terminals[name] = 0, name
                elif after in cycle_of or after in entry:
                    entry[name] = entry.get(after, after)
                    tail[name] = tail.get(after, 0) + 1
                else:
                    depths[name] = depths[after] + 1
                    terminals[name] = terminals[after]
                order.append(name)
                state[name] = 2

    def loops(self) -> dict[str, list[str]]:
        """Each loop botocore raises InfiniteLoopConfigError on, once, keyed by (and starting at)
        its first profile in file order.

        A loop of role profiles without static keys fails from every profile on it. A loop that
        passes through one role profile with static keys fails from that profile only (the others
        stop at its keys); through two or more, it fails from none, and is no loop for botocore.
        """
        found = list(self.cycles)
        nxt, terminal, last = self.nxt, self.terminal, self.last
        for start in self._keyed:
            end = terminal.get(start)
            if start in nxt and end is not None and last.get(end) == start:
                members = [start]
                node = start
                while node != end:
                    node = nxt[node]
                    members.append(node)
                found.append(members)
        if not found:
            return {}
        order = {name: index for index, name in enumerate(self.profiles)}
        keyed: dict[str, list[str]] = {}
        for loop in found:
            first = min(loop, key=order.__getitem__)
            at = loop.index(first)
            keyed[first] = loop[at:] + loop[:at]
        return keyed


class ChainIndex:
    """``resolve_chain`` for every profile of one view, each hop examined a bounded number of times."""

    def __init__(self, view: View, flags: dict[str, Callable[[Block], bool]],
                 sub_chain_method: Callable[[Block], Optional[str]], graph: Optional[ChainGraph] = None) -> None:
        self.view = view
        self.flags = flags
        self.sub = sub_chain_method
        self.graph = graph if graph is not None else ChainGraph(view.profiles)
        self.nxt = self.graph.nxt
        self._agg: dict[str, dict[str, bool]] = {}  # flags over the node and everything after it
        self._aggregate()

    def _own(self, name: str) -> dict[str, bool]:
        block = self.view.profiles[name]
        own = {}
        for k, f in self.flags.items():  # a loop, not a comprehension: called for every profile
            own[k] = f(block)
        return own

    def _aggregate(self) -> None:
        """Flag aggregates: a loop's are its members' together; any other profile's are its own
        and its successor's (or, at the end, the source the walk stops at)."""
        graph, own_of, aggregates = self.graph, self._own, self._agg
        nxt, last = graph.nxt, graph.last
        for loop in graph.cycles:
            agg: dict[str, bool] = {k: False for k in self.flags}
            for member in loop:
                for k, v in own_of(member).items():
                    agg[k] = agg[k] or v
            for member in loop:
                aggregates[member] = agg
        for name in graph.order:
            after = nxt.get(name)
            own = own_of(name)
            if after is None:
                hop = last.get(name)
                if hop is not None:
                    for k, v in own_of(hop).items():
                        own[k] = own[k] or v
                aggregates[name] = own
            else:
                following = aggregates[after]
                aggregates[name] = {k: own[k] or following[k] for k in own}

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
            # _aggregate's result is their own flags: shared (read-only) as for role profiles below.
            alone = "source_profile" not in block.settings and name in self._agg
            return ChainInfo([], 0, None, None, None, self._agg[name] if alone else self._own(name), name)
        flags = self._agg.get(name) or self._own(name)
        first = self._first(name, CHAIN_CAP)
        graph = self.graph
        if name in graph.cycle_of or name in graph.entry:
            return self._loop_info(name, first, flags)
        depth, terminal = graph.depth[name], graph.terminal[name]
        end = end_method = error = None
        tblock = self.view.profiles[terminal]
        kind, source_name = source_step(self.view.profiles, tblock)
        length = depth
        last = terminal
        if kind == NO_SOURCE:
            if tblock.value("credential_source") is not None:
                end_method = f"credential_source:{tblock.value('credential_source')}"
        elif kind == MISSING:
            error = f"source_profile '{source_name}' does not exist"
        else:
            assert source_name is not None
            source = self.view.profiles[source_name]
            if kind == OWN_KEYS:
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
        graph = self.graph
        if name in graph.cycle_of:
            loop = graph.cycle_of[name]
            length, repeated = len(loop), name
        else:
            repeated = graph.entry[name]
            loop = graph.cycle_of[repeated]
            length = graph.tail[name] + len(loop)
        first = first[:length]
        text = capped_path([name] + first, length + 1, repeated)
        return ChainInfo(first, length, None, None, "loop: " + text, flags, text)


__all__ = [
    "CHAIN_CAP", "MISSING", "NO_SOURCE", "OWN_KEYS", "SOURCE", "ChainGraph", "ChainIndex", "ChainInfo",
    "capped_path", "continues", "source_step",
]
