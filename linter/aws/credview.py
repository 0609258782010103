"""Which profile holds which credentials, as botocore sees them: the invariant of every fix.

A fix may reword, move or re-indent lines; it must never change which profile botocore gives
which keys or credential source (issue 13: dedenting an indented ``[personal]`` header made
``personal`` the owner of the keys ``work`` had held). ``credential_view`` reduces awslint's
model of botocore's view (``model.View``) to exactly that; ``describe_change`` says what
moved, naming profiles and keys, never values.
"""

from __future__ import annotations

from typing import Any, Optional

from awslint.aws.model import View, build_view
from awslint.credential_keys import CREDENTIAL_KEYS, KEY_ID
from awslint.syntax.parse import ParsedFile, parse
from awslint.standins.records import replace
from awslint.files.source import SourceFile, split_lines

#: Keys that hold credentials or choose where a profile's credentials come from (botocore's
#: providers: static keys, assume-role, web identity, SSO, process, login).
CREDENTIAL_VIEW_KEYS = frozenset({
    *CREDENTIAL_KEYS,
    "role_arn", "source_profile", "credential_source", "web_identity_token_file", "credential_process",
    "sso_session", "sso_start_url", "sso_account_id", "sso_role_name", "login_session",
})

CredentialView = dict[str, dict[str, str]]


def credential_view(view: View) -> CredentialView:
    """Per profile (botocore's name), the credential keys it holds, each with the access key id
    it belongs to (the key id's first line: which credentials these are). Other values are not
    compared: a safe fix may rightly change one in place (an inline comment moved off a
    ``source_profile`` line), but never which profile holds what. Profiles with no such key
    are left out (a fix may rename a profile that holds no credentials)."""
    result: CredentialView = {}
    for name, block in view.profiles.items():
        settings = block.settings
        key_id = settings.get(KEY_ID)
        identity = "" if key_id is None else (key_id.text.strip().splitlines() or [""])[0]
        held = {key: identity for key in settings if key in CREDENTIAL_VIEW_KEYS}
        if held:
            result[name] = held
    return result


def describe_change(before: CredentialView, after: CredentialView) -> Optional[str]:
    """What a change of the view does, in words (keys and profiles only), or None if nothing."""
    lost = {(p, k): v for p, keys in before.items() for k, v in keys.items() if after.get(p, {}).get(k) != v}
    gained = {(p, k): v for p, keys in after.items() for k, v in keys.items() if before.get(p, {}).get(k) != v}
    if not lost and not gained:
        return None
    moves: dict[tuple[str, str], list[str]] = {}
    for (profile, key), value in list(lost.items()):
        for (other, other_key), other_value in list(gained.items()):
            if other_key == key and other_value == value:
                moves.setdefault((profile, other), []).append(key)
                del lost[(profile, key)], gained[(other, other_key)]
                break
    parts = [f"{', '.join(keys)} would move from profile '{a}' to '{b}'" for (a, b), keys in moves.items()]
    for what, changes in (("lose", lost), ("gain", gained)):
        by_profile: dict[str, list[str]] = {}
        for profile, key in changes:
            by_profile.setdefault(profile, []).append(key)
        parts += [f"profile '{p}' would {what} {', '.join(keys)}" for p, keys in by_profile.items()]
    return "; ".join(parts)


# -- checking planned fixes ----------------------------------------------------------------


def _edited_text(text: str, edits: list[Any]) -> str:
    """``text`` with non-overlapping line edits (``fixes.LineEdit``) applied."""
    lines = split_lines(text)
    out: list[str] = []
    index = 0
    for edit in sorted(edits, key=lambda e: e.start):
        out.extend(lines[index : edit.start - 1])
        out.extend(edit.lines)
        index = edit.end - 1
    out.extend(lines[index:])
    return "".join(out)


def view_with(sources: list[Optional[SourceFile]], plans: list[Any]) -> CredentialView:
    """The credential view of ``sources`` (config, credentials) with ``plans`` applied; nothing
    is changed."""
    parsed: list[Optional[ParsedFile]] = []
    for source in sources:
        if source is None:
            parsed.append(None)
            continue
        edits = [edit for plan in plans for file, edit in plan.all_edits() if file.source.role == source.role]
        drop_bom = any(plan.remove_bom and plan.file.source.role == source.role for plan in plans)
        if edits or drop_bom:
            text = _edited_text(source.text, edits) if edits else source.text
            source = replace(source, text=text, lines=split_lines(text), bom=source.bom and not drop_bom)
        parsed.append(parse(source))
    return credential_view(build_view(parsed[0], parsed[1]))


def moving_plans(
    sources: list[Optional[SourceFile]], base: CredentialView, plans: list[Any], prefix: Optional[list[Any]] = None
) -> tuple[list[Any], list[tuple[Any, str]]]:
    """Split ``plans`` (non-overlapping) into those that, applied together (after ``prefix``),
    keep ``base`` and those that would change it, each with what would move. One parse when
    nothing moves; a changing fix is found by halving (a few parses per such fix)."""
    keep: list[Any] = []
    change: list[tuple[Any, str]] = []
    before = list(prefix or [])

    def visit(group: list[Any]) -> None:
        moved = describe_change(base, view_with(sources, before + keep + group))
        if moved is None:
            keep.extend(group)
        elif len(group) == 1:
            change.append((group[0], moved))
        else:
            visit(group[: len(group) // 2])
            visit(group[len(group) // 2 :])

    if plans:
        visit(plans)
    return keep, change


def refusal(moved: str) -> str:
    return f"the fix would change which profile holds which credentials as botocore reads them ({moved}); change the file by hand"


def note_unsafe(plan: Any, finding: Any, moved: str) -> None:
    """Say in an unsafe fix's description that it moves credentials (once)."""
    sentence = f"This changes which profile holds which credentials: {moved}."
    if sentence not in plan.description:
        plan.description = f"{plan.description} {sentence}"
    if finding.fix is not None:
        finding.fix["description"] = plan.description


def check_fixes(view: View, findings: list[Any]) -> None:
    """The fix invariant, as a lint reports it: a safe fix that would change which profile holds
    which credentials is blocked (not offered, and ``--fix`` says why); an unsafe one says so in
    its description. Costs nothing without fixes, else one parse per batch of fixes that do
    not touch the same lines."""
    by_key: dict[tuple[object, ...], list[Any]] = {}
    for finding in findings:
        plan = finding.planned
        if plan is not None and plan.blocked is None:
            by_key.setdefault(plan.key(), []).append(finding)
    if not by_key:
        return
    sources = [None if f is None else f.source for f in (view.config, view.credentials)]
    base = credential_view(view)
    pending = [found[0].planned for found in by_key.values()]
    while pending:
        batch: list[Any] = []
        later: list[Any] = []
        taken: set[tuple[str, int]] = set()
        for plan in pending:
            lines = {(file.source.role, n) for file, edit in plan.all_edits() for n in range(edit.start, max(edit.end, edit.start + 1))}
            if lines & taken:
                later.append(plan)
            else:
                taken |= lines
                batch.append(plan)
        for plan, moved in moving_plans(sources, base, batch)[1]:
            for finding in by_key[plan.key()]:
                if plan.safety == "safe":
                    plan.blocked = refusal(moved)
                    finding.fix = None
                else:
                    note_unsafe(plan, finding, moved)
        pending = later
