"""``credential_process = aws configure export-credentials …`` that calls itself (AWS116).

``aws configure export-credentials`` resolves the credentials of ``--profile NAME`` (else of the
profile the CLI selects: ``AWS_PROFILE``, else ``default``) through botocore's chain. When that
chain runs the same ``credential_process`` again, the CLI calls itself: current releases stop
with "Credential process resolution detected an infinite loop" (aws/aws-cli
``awscli/customizations/configure/exportcreds.py`` @1cd4c63, ``_detect_recursion_barrier``),
older ones spawn themselves until the system runs out of processes (aws/aws-cli#8860).

Only the AWS CLI is followed: other helpers that name their own profile (``aws-vault export
NAME``, ``granted credential-process --profile NAME``) read their own settings.

The walk is over states (profile, reached as a source profile or not): each state has at most one
successor, so every state's outcome is found in one pass over all of them (linear in the files).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional, Union

from awslint.aws.model import assumes_role, botocore_sources, has_static_keys
from awslint.standins.records import dataclass
from awslint.standins.shsplit import split as shell_split

if TYPE_CHECKING:
    from awslint.aws.model import Block, View

_AWS_EXECUTABLES = frozenset({"aws", "aws.exe", "aws.cmd"})
_MARKS = (("{{", "}}"), ("{%", "%}"), ("${", "}"))  # template engines: the value is not final yet


def export_target(command: str) -> Union[None, str]:
    """The profile an ``aws … export-credentials`` command exports (``default`` without
    ``--profile``), or None when the command is something else or cannot run as written."""
    found = export_command(command)
    return None if found is None else found[0]


def export_command(command: str) -> Optional[tuple[str, bool]]:
    """(the profile exported, whether ``--profile`` names it) for an ``aws … export-credentials``
    command, or None. Without ``--profile`` the CLI exports the profile it selects: the one
    ``AWS_PROFILE`` names (inherited from the program that runs the command), else ``default``."""
    if "export-credentials" not in command or any(
        command.find(a) >= 0 and command.find(b, command.find(a) + len(a)) >= 0 for a, b in _MARKS
    ):
        return None
    try:
        words = shell_split(command)
    except ValueError:
        return None  # unbalanced quotes: botocore cannot run it at all (AWS401)
    if not words or "export-credentials" not in words:
        return None
    executable = words[0].replace("\\", "/").rsplit("/", 1)[-1].lower()
    if executable not in _AWS_EXECUTABLES:
        return None
    profile: Optional[str] = "default"
    explicit = False
    index = 1
    count = len(words)
    while index < count:  # the CLI's argparse: the last --profile wins
        word = words[index]
        if word == "--profile":
            if index + 1 >= count:
                return None  # "expected one argument": the command fails, it does not recurse
            profile = words[index + 1]
            explicit = True
            index += 2
            continue
        if word.startswith("--profile="):
            profile = word[len("--profile="):]
            explicit = True
        index += 1
    return (profile, explicit) if profile else None


@dataclass(frozen=True)
class Recursion:
    """Why a profile's credential_process recurses (for the facts of AWS116)."""

    variant: str  # "self", "cycle", "missing" or "selected" (no --profile outside [default])
    target: str  # the profile the command exports
    cycle_text: Optional[str] = None  # "a -> b -> a" for a cycle


_TEXT_CAP = 20  # profiles named in a cycle's text


def recursions(view: View) -> dict[str, Recursion]:
    """Profile name -> Recursion, for every profile whose export-credentials command recurses
    or exports a profile that does not exist. A cycle is reported once, on its first profile
    (file order) whose own command is part of it."""

    profiles = view.profiles
    targets: dict[str, str] = {}
    implicit: set[str] = set()  # no --profile: exports what AWS_PROFILE selects, else default
    for name, block in profiles.items():
        setting = block.settings.get("credential_process")
        if setting is not None and isinstance(setting.value, str):
            command = export_command(setting.value)
            if command is not None:
                targets[name] = command[0]
                if not command[1]:
                    implicit.add(name)
    if not targets:
        return {}

    def action(name: str, as_source: bool) -> tuple[Optional[tuple[str, bool]], bool]:
        """(the next state, whether this state runs the profile's own export command)."""
        block: Block = profiles[name]
        if assumes_role(block) and not (as_source and has_static_keys(block)):
            source = block.value("source_profile")
            if source is None or source == name or source not in profiles:
                return None, False  # credential_source, a self-referencing key holder, or AWS105
            return (source, True), False
        method = next((m for m in botocore_sources(block) if m != "assume-role"), None)
        if method == "custom-process" and name in targets:
            target = targets[name]
            return ((target, False) if target in profiles else None), True
        return None, False

    # Colour every state reachable from an export command: 1 = on the current walk, 2 = done.
    state_of: dict[tuple[str, bool], int] = {}
    on_cycle: dict[tuple[str, bool], list[tuple[str, bool]]] = {}
    for start_name in targets:
        for start in ((start_name, False), (start_name, True)):
            if start in state_of:
                continue
            path: list[tuple[str, bool]] = []
            where: dict[tuple[str, bool], int] = {}
            current: Optional[tuple[str, bool]] = start
            while current is not None and current not in state_of:
                state_of[current] = 1
                where[current] = len(path)
                path.append(current)
                current = action(*current)[0]
            if current is not None and state_of.get(current) == 1 and current in where:
                loop = path[where[current]:]
                for state in loop:
                    on_cycle[state] = loop
            for state in path:
                state_of[state] = 2

    found: dict[str, Recursion] = {}
    reported: set[int] = set()
    for name, target in targets.items():
        runs = [s for s in ((name, False), (name, True)) if action(*s)[1]]
        if not runs:
            continue  # another source of the profile comes first: its command never runs
        if name in implicit and name != "default":
            # Selected with AWS_PROFILE=NAME (how SDK programs select a profile), the command
            # inherits that variable and exports this very profile; else it exports default.
            found[name] = Recursion("selected", target)
            continue
        if target not in profiles:
            found[name] = Recursion("missing", target)
            continue
        cycle: Optional[list[tuple[str, bool]]] = next((on_cycle[s] for s in runs if s in on_cycle), None)
        if cycle is None or id(cycle) in reported:
            continue
        reported.add(id(cycle))
        if target == name:
            found[name] = Recursion("self", target)
            continue
        names: list[str] = []
        for state_name, _ in cycle:
            if not names or names[-1] != state_name:
                names.append(state_name)
        start_at = names.index(name) if name in names else 0
        ordered = names[start_at:] + names[:start_at]
        shown = ordered if len(ordered) <= _TEXT_CAP else ordered[: _TEXT_CAP - 1] + [f"… {len(ordered) - _TEXT_CAP + 1} more"]
        found[name] = Recursion("cycle", target, " -> ".join(shown + [name]))
    return found
