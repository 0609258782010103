#!/usr/bin/env python3
"""Benchmark awslint against detect-aws-credentials and botocore on the same files.

    python benchmarks/run.py                 # typical ~/.aws, 1k, 10k and 100k profiles
    python benchmarks/run.py --quick         # typical and 1k only, fewer repetitions
    python benchmarks/run.py --sizes 10000 --reps 7
    python benchmarks/run.py --discovery-only  # walking a 20,000-file repository, next to git ls-files

Run it with the Python that has awslint and botocore installed (the test venv). It writes
the layouts into a temporary folder, then times, side by side and alternating repetitions:

* awslint: the real CLI in a subprocess (``awslint FOLDER --quiet``, the console script pre-commit
  runs), every built-in rule, from a normal (not editable) ``pip install`` of this checkout into a
  throw-away venv, as pre-commit installs it: byte-compiled, no editable-install import hook. If
  that install fails it falls back to ``python -m awslint`` with this interpreter, and says so;
* detect-aws-credentials: the pre-commit-hooks hook, installed into a throw-away venv (if the
  package index cannot be reached the column says so);
* botocore: ``configloader.load_config`` (config) and ``raw_config_parse`` (credentials) in a
  subprocess, plus the same parse timed in-process (no interpreter start-up, no imports).

It prints medians of wall time, the ratios, and each child's peak memory (``ru_maxrss`` from
``wait4``), and checks the targets from issue 7. Nothing is sent anywhere.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

# Fake, well-formed credentials (the test suite's; never real keys).
KEY_ID = "AKIAUJZDEGXDNCF32EPF"
SECRET = "nyVmihA/2O76UMFxFkM/R5Kjp1vRt+1fjORS/6il"
TEMP_KEY_ID = "ASIA3DHODZDOCIS2JHTL"
TEMP_SECRET = "I8ihN5KXSc7Tvo/hBKqFYY/kv5ZJr3J1TWDtkwtD"

BOTOCORE_SCRIPT = """
import sys
from botocore.configloader import load_config, raw_config_parse
load_config(sys.argv[1])
for path in sys.argv[2:]:
    raw_config_parse(path)
"""

REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2", "ap-northeast-1"]
ROLES = ["AdministratorAccess", "ReadOnlyAccess", "PowerUserAccess", "ViewOnlyAccess", "Billing"]


# --- layouts ---------------------------------------------------------------------------------


def typical_layout(folder: Path) -> None:
    """About 30 profiles as people really have them, and one credentials file."""
    config = [
        "[default]\nregion = eu-west-1\noutput = json\n",
        "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n"
        "sso_registration_scopes = sso:account:access\n",
    ]
    for i in range(12):
        config.append(
            f"[profile corp-{i}-{ROLES[i % len(ROLES)]}]\nsso_session = corp\nsso_account_id = {111122220000 + i}\n"
            f"sso_role_name = {ROLES[i % len(ROLES)]}\nregion = {REGIONS[i % len(REGIONS)]}\n"
        )
    config.append("[profile base]\nregion = us-east-1\nmfa_serial = arn:aws:iam::111122223333:mfa/dana\n")
    for i in range(10):
        config.append(
            f"[profile role-{i}]\nrole_arn = arn:aws:iam::{222233330000 + i}:role/Deploy\nsource_profile = base\n"
            f"mfa_serial = arn:aws:iam::111122223333:mfa/dana\nregion = {REGIONS[i % len(REGIONS)]}\nduration_seconds = 3600\n"
        )
    config.append(
        "[profile ci]\nrole_arn = arn:aws:iam::111122223333:role/CI\nweb_identity_token_file = /var/run/token\n"
        "role_session_name = ci\n"
    )
    config.append("[profile proc]\ncredential_process = /usr/local/bin/get-creds --profile proc\nregion = us-east-1\n")
    config.append("[profile legacy]\nregion = us-east-1\nsts_regional_endpoints = regional\n")
    config.append("[profile tools]\nregion = eu-central-1\noutput = table\ncli_pager =\n")
    config.append("[services local]\ns3 =\n  endpoint_url = http://localhost:4566\n")
    (folder / "config").write_text("\n".join(config))
    credentials = (
        f"[base]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n\n"
        f"[temp]\naws_access_key_id = {TEMP_KEY_ID}\naws_secret_access_key = {TEMP_SECRET}\n"
        "aws_session_token = IQoJb3JpZ2luX2VjEXAMPLEfakeTOKENvalueTHATisLONGenoughTOlookREAL0123456789abcdef\n"
    )
    (folder / "credentials").write_text(credentials)
    os.chmod(folder / "credentials", 0o600)


def large_layout(folder: Path, profiles: int) -> None:
    """A config file as aws-sso-util and granted generate it: one profile per account and role."""
    parts = [
        "[default]\nregion = us-east-1\noutput = json\n\n"
        "[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n"
        "sso_registration_scopes = sso:account:access\n"
    ]
    for i in range(profiles):
        account = f"{100000000000 + i // len(ROLES):012d}"
        role = ROLES[i % len(ROLES)]
        region = REGIONS[i % len(REGIONS)]
        if i % 2 == 0:  # aws-sso-util style
            name = f"acct{i // len(ROLES)}.{role}"
            parts.append(
                f"\n[profile {name}]\nsso_session = corp\nsso_account_id = {account}\nsso_role_name = {role}\n"
                f"sso_account_name = acct{i // len(ROLES)}\nregion = {region}\nsso_auto_populated = true\n"
            )
        else:  # granted style
            name = f"acct{i // len(ROLES)}/{role}"
            parts.append(
                f"\n[profile {name}]\ngranted_sso_start_url = https://corp.awsapps.com/start\n"
                f"granted_sso_region = us-east-1\ngranted_sso_account_id = {account}\ngranted_sso_role_name = {role}\n"
                f"common_fate_generated_from = aws-sso\ncredential_process = granted credential-process --profile {name}\n"
                f"region = {region}\n"
            )
    (folder / "config").write_text("".join(parts))


# --- running -------------------------------------------------------------------------------


@dataclass
class Tool:
    name: str
    argv: list[str]
    times: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)
    codes: set[int] = field(default_factory=set)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def peak_mb(self) -> float:
        return max(self.rss_kb) / 1024


def run_once(tool: Tool, env: dict[str, str]) -> None:
    """One subprocess: wall time and that child's own peak RSS (wait4, not RUSAGE_CHILDREN)."""
    start = time.perf_counter()
    process = subprocess.Popen(tool.argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    assert process.stderr is not None
    err = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    tool.times.append(elapsed)
    tool.rss_kb.append(usage.ru_maxrss)  # kilobytes on Linux
    tool.codes.add(process.returncode)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{tool.name} failed ({process.returncode}): {err.decode(errors='replace')[:500]}")


def in_process_botocore(config: Path, credentials: Optional[Path], reps: int) -> float:
    from botocore.configloader import load_config, raw_config_parse

    times = []
    for _ in range(reps):
        start = time.perf_counter()
        load_config(str(config))
        if credentials is not None:
            raw_config_parse(str(credentials))
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def in_process_awslint(folder: Path, reps: int) -> float:
    """Rules loaded (from the rule cache, as the CLI does), files read, parsed and linted, in
    this process (no start-up). The previous round's objects are collected before the clock
    starts, so a round does not pay for the one before it."""
    import gc
    import io

    from awslint.files.discovery import discover
    from awslint.run.lint import lint_layouts
    from awslint.engine.cache import load_builtin_rules

    times = []
    for _ in range(reps):
        gc.collect()
        start = time.perf_counter()
        ruleset = load_builtin_rules()
        found = discover([str(folder)], {})
        lint_layouts(found.layouts, ruleset, ruleset.rules, io.StringIO())
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def awslint_install(workdir: Path) -> tuple[list[str], str]:
    """Install this checkout into a throw-away venv the way pre-commit does (``pip install .``).

    The test venv usually has an editable install, whose import finder alone costs ~10 ms per
    start and which a user never has; pip also byte-compiles a normal install, so the figures do
    not depend on PYTHONDONTWRITEBYTECODE or a writable source tree. Returns the command prefix
    and a note for the report."""
    fallback = [sys.executable, "-m", "awslint"]
    venv = workdir / "awslint-venv"
    root = Path(__file__).resolve().parent.parent
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
        pip = venv / "bin" / "pip"
        subprocess.run([str(pip), "install", "-q", str(root)], check=True, capture_output=True, timeout=600)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        note = f"awslint: normal install failed ({type(exc).__name__}); measuring {sys.executable} -m awslint instead"
        return fallback, note
    script = venv / "bin" / "awslint"
    if not script.exists():
        return fallback, f"awslint: installed but no console script; measuring {sys.executable} -m awslint instead"
    return [str(script)], f"awslint: normal install of {root} into a throw-away venv (console script)"


def detect_hook(workdir: Path) -> tuple[Optional[str], str]:
    """Install pre-commit-hooks into a throw-away venv; (path of the hook, or None, and why)."""
    venv = workdir / "hooks-venv"
    try:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
        pip = venv / "bin" / "pip"
        subprocess.run([str(pip), "install", "-q", "pre-commit-hooks"], check=True, capture_output=True, timeout=300)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        return None, f"pre-commit-hooks could not be installed ({type(exc).__name__})"
    hook = venv / "bin" / "detect-aws-credentials"
    if not hook.exists():
        return None, "pre-commit-hooks installed but has no detect-aws-credentials"
    version = subprocess.run([str(pip), "show", "pre-commit-hooks"], capture_output=True, text=True).stdout
    line = next((x for x in version.splitlines() if x.startswith("Version:")), "Version: ?")
    return str(hook), f"pre-commit-hooks {line.split(':', 1)[1].strip()}"


@dataclass
class Row:
    label: str
    profiles: int
    tools: dict[str, Tool]
    botocore_parse: float
    awslint_inprocess: float


def measure(
    label: str, folder: Path, profiles: int, hook: Optional[str], reps: int, env: dict[str, str], awslint: list[str]
) -> Row:
    config = folder / "config"
    credentials = folder / "credentials" if (folder / "credentials").exists() else None
    files = [str(config)] + ([str(credentials)] if credentials else [])
    tools = {"awslint": Tool("awslint", [*awslint, str(folder), "--quiet"])}
    if hook is not None:
        argv = [hook, "--allow-missing-credentials"]
        if credentials is not None:
            argv += ["--credentials-file", str(credentials)]
        tools["detect"] = Tool("detect-aws-credentials", argv + files)
    tools["botocore"] = Tool("botocore", [sys.executable, "-c", BOTOCORE_SCRIPT, *files])
    for tool in tools.values():  # warm the page cache and .pyc files; not counted
        run_once(tool, env)
        tool.times.clear()
        tool.rss_kb.clear()
    for _ in range(reps):  # alternate: every tool once per round, so drift hits all alike
        for tool in tools.values():
            run_once(tool, env)
    inner = max(1, min(reps, 5))
    return Row(label, profiles, tools, in_process_botocore(config, credentials, inner), in_process_awslint(folder, inner))


# --- discovery: walking a repository -------------------------------------------------------


def repository_tree(root: Path, files: int = 20_000, aws_pairs: int = 25) -> None:
    """A repository of ``files`` files in 1,000 folders (three levels), a .gitignore, and
    ``aws_pairs`` config/credentials pairs in dotfiles layouts (50 AWS files)."""
    layouts = [".aws", "dot_aws", "private_dot_aws", "aws/.aws", "aws"]
    per_folder = max(1, (files - 2 * aws_pairs) // 1000)
    for index in range(1000):
        folder = root / f"pkg{index % 10}" / f"mod{index // 10 % 10}" / f"part{index // 100}"
        folder.mkdir(parents=True, exist_ok=True)
        for n in range(per_folder):
            (folder / f"file{n}.txt").write_text("x\n")
    for index in range(aws_pairs):
        folder = root / f"hosts/h{index}" / layouts[index % len(layouts)]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "config").write_text("[default]\nregion = eu-west-1\n")
        name = "private_credentials" if "dot_aws" in str(folder) else "credentials"
        (folder / name).write_text("[local]\naws_access_key_id = test\naws_secret_access_key = test\n")
    (root / ".gitignore").write_text("*.pyc\n__pycache__/\nbuild/\n/dist\n*.log\n.env\n")


@dataclass
class DiscoveryRow:
    label: str
    tool: Tool


def measure_discovery(workdir: Path, awslint: list[str], env: dict[str, str], reps: int) -> list[DiscoveryRow]:
    """``awslint --list-files REPO`` and ``awslint REPO`` next to git listing the same tree."""
    repo = workdir / "repository"
    repo.mkdir()
    repository_tree(repo)
    git_env = dict(env, GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="b", GIT_AUTHOR_EMAIL="b@example.com",
                   GIT_COMMITTER_NAME="b", GIT_COMMITTER_EMAIL="b@example.com")
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=git_env)
    subprocess.run(["git", "-C", str(repo), "add", "-A"], check=True, env=git_env)
    rows = [
        DiscoveryRow("git ls-files (index)", Tool("git", ["git", "-C", str(repo), "ls-files"])),
        DiscoveryRow("git ls-files -co --exclude-standard (walks)", Tool("git-walk", ["git", "-C", str(repo), "ls-files", "-co", "--exclude-standard"])),
        DiscoveryRow("awslint --version (start-up only)", Tool("version", [*awslint, "--version"])),
        DiscoveryRow("awslint --list-files REPO", Tool("list", [*awslint, "--list-files", str(repo)])),
        DiscoveryRow("awslint REPO --quiet (walk + lint 50 files)", Tool("lint", [*awslint, str(repo), "--quiet"])),
    ]
    for row in rows:
        run_once(row.tool, git_env)
        row.tool.times.clear()
        row.tool.rss_kb.clear()
    for _ in range(reps):
        for row in rows:
            run_once(row.tool, git_env)
    from awslint.files.walk import walk  # the walk alone, in this process (no start-up, no imports)

    inner = Tool("walk", [])
    for _ in range(max(1, min(reps, 5))):
        start = time.perf_counter()
        walk(str(repo), git_env, lambda _: None)
        inner.times.append(time.perf_counter() - start)
    rows.append(DiscoveryRow("walk() in-process (no start-up)", inner))
    return rows


def discovery_report(rows: list[DiscoveryRow]) -> list[str]:
    base = rows[0].tool.median
    lines = ["", "discovery: 20,000 files in 1,000 folders, 50 AWS files, a .gitignore", ""]
    for row in rows:
        lines.append(f"  {row.label:<48} {row.tool.median * 1000:>7.0f} ms  {row.tool.median / base:>6.1f}x git ls-files")
    return lines


# --- report --------------------------------------------------------------------------------


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}, Python {platform.python_version()}"


def report(rows: list[Row], hook_note: str, awslint_note: str = "") -> list[str]:
    lines = [f"machine: {machine()}", f"detect-aws-credentials: {hook_note}"]
    lines += [awslint_note, ""] if awslint_note else [""]
    header = (
        f"{'layout':<16} {'awslint':>9} {'detect':>9} {'botocore':>9} {'aws/det':>8} {'aws/boto':>9} "
        f"{'aws MB':>7} {'det MB':>7} {'boto MB':>8} {'boto parse':>11} {'aws in-proc':>12}"
    )
    lines += [header, "-" * len(header)]
    for row in rows:
        aws, boto = row.tools["awslint"], row.tools["botocore"]
        det = row.tools.get("detect")
        lines.append(
            f"{row.label:<16} {aws.median * 1000:>7.0f}ms "
            + (f"{det.median * 1000:>7.0f}ms " if det else f"{'n/a':>9} ")
            + f"{boto.median * 1000:>7.0f}ms "
            + (f"{aws.median / det.median:>7.2f}x " if det else f"{'n/a':>8} ")
            + f"{aws.median / boto.median:>8.2f}x "
            + f"{aws.peak_mb:>7.1f} " + (f"{det.peak_mb:>7.1f} " if det else f"{'n/a':>7} ")
            + f"{boto.peak_mb:>8.1f} {row.botocore_parse * 1000:>9.0f}ms {row.awslint_inprocess * 1000:>10.0f}ms"
        )
    lines.append("")
    lines += targets(rows)
    return lines


def targets(rows: list[Row]) -> list[str]:
    by_label = {row.label: row for row in rows}
    out = ["targets (issue 7):"]

    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT MET"

    typical = by_label.get("typical")
    if typical:
        aws = typical.tools["awslint"].median
        out.append(f"  typical ~/.aws <= 150 ms wall: {aws * 1000:.0f} ms -> {verdict(aws <= 0.150)}")
        det = typical.tools.get("detect")
        if det:
            out.append(f"  typical <= 2.5x detect-aws-credentials: {aws / det.median:.2f}x -> {verdict(aws / det.median <= 2.5)}")
    large = by_label.get("10000 profiles")
    if large:
        ratio = large.tools["awslint"].median / large.tools["botocore"].median
        out.append(f"  10,000 profiles <= 1.0x botocore parse: {ratio:.2f}x -> {verdict(ratio <= 1.0)}")
        peak = large.tools["awslint"].peak_mb
        out.append(f"  10,000 profiles peak memory <= 150 MB: {peak:.0f} MB -> {verdict(peak <= 150)}")
    sized = sorted((row.profiles, row) for row in rows if row.profiles >= 1000)
    if len(sized) >= 2:
        out.append("  growth (per 1,000 profiles, in-process lint / peak memory of the CLI):")
        for profiles, row in sized:
            per = row.awslint_inprocess / profiles * 1000
            out.append(f"    {profiles:>7} profiles: {per * 1000:7.1f} ms per 1k, {row.tools['awslint'].peak_mb:7.1f} MB peak")
    return out


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="profile counts of the large configs")
    parser.add_argument("--reps", type=int, default=5, help="repetitions per tool (100k: at most 3)")
    parser.add_argument("--quick", action="store_true", help="typical and 1,000 profiles, 3 repetitions")
    parser.add_argument("--no-detect", action="store_true", help="skip installing pre-commit-hooks")
    parser.add_argument("--discovery-only", action="store_true", help="only the repository walk (20,000 files, 50 AWS files)")
    options = parser.parse_args(argv)
    sizes = [1000] if options.quick else [int(s) for s in options.sizes.split(",") if s]
    reps = 3 if options.quick else options.reps
    with tempfile.TemporaryDirectory(prefix="awslint-bench-") as tmp:
        workdir = Path(tmp)
        home = workdir / "home"
        home.mkdir()
        # The children see only the files given: no real ~/.aws, no AWS_* variables.
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS")}
        env.update(HOME=str(home), NO_COLOR="1")
        no_detect = options.no_detect or options.discovery_only
        hook, hook_note = (None, "skipped (--no-detect)") if no_detect else detect_hook(workdir)
        print(f"detect-aws-credentials: {hook_note}", file=sys.stderr)
        awslint, awslint_note = awslint_install(workdir)
        print(awslint_note, file=sys.stderr)
        print("measuring discovery on a 20,000-file repository ...", file=sys.stderr)
        walk_rows = measure_discovery(workdir, awslint, env, reps)
        if options.discovery_only:
            print("\n".join([awslint_note, f"machine: {machine()}", *discovery_report(walk_rows)]))
            return 0
        rows = []
        typical = workdir / "typical"
        typical.mkdir()
        typical_layout(typical)
        print("measuring typical ~/.aws ...", file=sys.stderr)
        rows.append(measure("typical", typical, 30, hook, reps, env, awslint))
        for size in sizes:
            folder = workdir / f"large-{size}"
            folder.mkdir()
            large_layout(folder, size)
            print(f"measuring {size} profiles ...", file=sys.stderr)
            rows.append(measure(f"{size} profiles", folder, size, hook, min(reps, 3) if size >= 100000 else reps, env, awslint))
        print("\n".join(report(rows, hook_note, awslint_note) + discovery_report(walk_rows)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
