"""Regenerate the parts of ``rules/data/*.yaml`` that come from botocore, from the botocore installed beside it.

Usage::

    python scripts/refresh_data.py            # rewrite the generated blocks (today's date)
    python scripts/refresh_data.py --check    # list what the installed botocore has that the files lack

Each data file marks what this script owns with ``# BEGIN generated: NAME`` / ``# END generated:
NAME`` lines; everything else (helper-tool keys, other SDKs' settings, placeholders, comments) is
curated by hand and left alone. The line ``# Generated parts: botocore X, refreshed DATE …`` records
the botocore version and the date of the last refresh. ``tests/test_reference_data.py`` holds the
shipped files equal, byte for byte, to what this script makes from the pinned botocore
(constraints/test.txt); run ``--check`` under the newest botocore to learn when to refresh.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
from pathlib import Path
from typing import Any, Callable, Optional

DATA = Path(__file__).resolve().parent.parent / "rules" / "data"
HEADER = re.compile(r"^# Generated parts: botocore (?P<version>\S+), refreshed (?P<date>\d{4}-\d{2}-\d{2})\b.*$", re.M)
BLOCK = re.compile(
    r"^(?P<indent>[ ]*)# BEGIN generated: (?P<name>[a-z0-9_]+)[^\n]*\n(?P<body>.*?)^(?P=indent)# END generated: (?P=name)\n",
    re.M | re.S,
)
HEADER_TAIL = " (scripts/refresh_data.py; the rest is curated by hand)"

# The regions enabled by default in every account: all launched before 2019-03-20 (AWS Account
# Management guide, "Enable or disable Regions"). Every later commercial Region is opt-in, so the
# opt-in list is the aws partition's regions less these. This list never grows.
DEFAULT_ENABLED_REGIONS = frozenset({
    "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ap-south-1", "ap-northeast-1", "ap-northeast-2",
    "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "ca-central-1", "eu-central-1", "eu-west-1",
    "eu-west-2", "eu-west-3", "eu-north-1", "sa-east-1",
})


def _scalar(text: str) -> str:
    """A YAML scalar: plain when safe, else single-quoted."""
    if re.fullmatch(r"[a-z0-9][a-z0-9._-]*", text) and text not in ("yes", "no", "on", "off", "null", "true", "false"):
        return text
    return "'" + text.replace("'", "''") + "'"


def _items(indent: str, values: Any) -> list[str]:
    return [f"{indent}- {_scalar(v)}" for v in values]


class Botocore:
    """What the installed botocore knows, read once."""

    def __init__(self) -> None:
        import botocore
        import botocore.args
        import botocore.loaders
        import botocore.utils
        from botocore import configprovider

        self.version = botocore.__version__
        self.loader = botocore.loaders.create_loader()
        self.partitions = self.loader.load_data("partitions")["partitions"]
        self.legacy_global_sts = sorted(botocore.args.LEGACY_GLOBAL_STS_REGIONS)
        self.configprovider = configprovider
        self.client_overrides = botocore.utils.CLIENT_NAME_TO_HYPHENIZED_SERVICE_ID_OVERRIDES
        self._services: Optional[list[str]] = None

    def service_names(self) -> list[str]:
        if self._services is None:
            self._services = sorted(self.loader.list_available_services("service-2"))
        return self._services

    def service_ids(self) -> list[str]:
        # As configprovider.ConfiguredEndpointProvider._get_snake_case_service_id maps client names.
        return sorted({self.client_overrides.get(n, n).replace("-", "_") for n in self.service_names()})

    def endpoint_prefixes(self) -> list[str]:
        return sorted({
            self.loader.load_service_model(n, "service-2")["metadata"]["endpointPrefix"] for n in self.service_names()
        })

    def ordered_partitions(self) -> list[dict[str, Any]]:
        """Patterns are tried in order: the specific partitions first, the broad `aws` one last."""
        return [p for p in self.partitions if p["id"] != "aws"] + [p for p in self.partitions if p["id"] == "aws"]

    def profile_reads(self) -> dict[str, set[str]]:
        """Keys botocore's configprovider reads, per kind of section (as settings_catalog names them)."""
        reads: dict[str, set[str]] = {"profile": set(), "s3": set(), "proxies_config": set()}
        tables = (
            (self.configprovider.BOTOCORE_DEFAUT_SESSION_VARIABLES, "profile"),
            (self.configprovider.DEFAULT_S3_CONFIG_VARS, "s3"),
            (self.configprovider.DEFAULT_PROXIES_CONFIG_VARS, "proxies_config"),
        )
        for table, kind in tables:
            for spec in table.values():
                names = spec[0] if isinstance(spec[0], list) else [spec[0]]
                for name in names:
                    if isinstance(name, tuple):
                        reads.setdefault(name[0], set()).add(name[1])
                    elif name is not None:
                        # s3 and proxy settings are also read at profile level (s3_use_arn_region…).
                        reads["profile"].add(name)
                        if kind == "proxies_config":
                            reads["proxies_config"].add(name)
        return reads


# -- the generated blocks ------------------------------------------------------------------------


def _regions(b: Botocore, indent: str) -> list[str]:
    lines = [f"{indent}regions:"]
    for part in b.ordered_partitions()[::-1]:  # aws first: the regions people write most
        names = sorted(r for r in part["regions"] if not r.endswith("-global"))
        lines.append(f"{indent}  # {part['id']} ({len(names)})")
        lines += _items(indent + "  ", names)
    return lines


def _region_partitions(b: Botocore, indent: str) -> list[str]:
    lines = [f"{indent}region_partitions:"]
    for part in b.ordered_partitions():
        glob = f"{part['id']}-global"
        shown = glob if glob in part["regions"] else "null"
        lines.append(f"{indent}  - {{partition: {part['id']}, pattern: {_scalar(part['regionRegex'])}, global: {shown}}}")
    return lines


def _opt_in(b: Botocore, indent: str) -> list[str]:
    aws = next(p for p in b.partitions if p["id"] == "aws")
    regions = sorted(r for r in aws["regions"] if not r.endswith("-global") and r not in DEFAULT_ENABLED_REGIONS)
    return [f"{indent}opt_in_regions:", *_items(indent + "  ", regions)]


def _legacy_sts(b: Botocore, indent: str) -> list[str]:
    return [f"{indent}legacy_global_sts_regions:", *_items(indent + "  ", b.legacy_global_sts)]


def _dns_suffixes(b: Botocore, indent: str) -> list[str]:
    suffixes: list[str] = []
    for part in b.partitions:
        for key in ("dnsSuffix", "dualStackDnsSuffix"):
            value = part["outputs"].get(key)
            if value and value not in suffixes:
                suffixes.append(value)
    return [f"{indent}aws_dns_suffixes:", *_items(indent + "  ", suffixes)]


def _source(b: Botocore, indent: str) -> list[str]:
    return [f"{indent}reference_source:", f"{indent}  - botocore {b.version}"]


def _service_ids(b: Botocore, indent: str) -> list[str]:
    return [f"{indent}service_ids:", *_items(indent + "  ", b.service_ids())]


def _endpoint_prefixes(b: Botocore, indent: str) -> list[str]:
    return [f"{indent}endpoint_prefixes:", *_items(indent + "  ", b.endpoint_prefixes())]


def _missing_settings(kind: str, curated_list: str) -> Callable[[Botocore, str, str], list[str]]:
    """Keys botocore reads in ``kind`` that the curated entries of ``curated_list`` lack."""

    def make(b: Botocore, indent: str, text: str) -> list[str]:
        curated = _curated_keys(text, curated_list)
        missing = sorted(b.profile_reads().get(kind, set()) - curated)
        return [f"{indent}- {{key: {k}, readers: botocore}}" for k in missing]

    return make


def _curated_keys(text: str, list_name: str) -> set[str]:
    """The ``key:`` names of one data list, outside its generated block."""
    match = re.search(rf"^  {list_name}:\n((?:    .*\n|\s*\n)*)", text, re.M)
    if match is None:
        raise SystemExit(f"refresh_data: list '{list_name}' not found")
    body = BLOCK.sub("", match.group(1))
    return set(re.findall(r"\{key: ([A-Za-z0-9_.]+)", body))


# name -> generator(botocore, indent[, text]); the name is the marker's, the file decides where it goes.
BLOCKS: dict[str, Callable[..., list[str]]] = {
    "regions": _regions,
    "region_partitions": _region_partitions,
    "opt_in_regions": _opt_in,
    "legacy_global_sts_regions": _legacy_sts,
    "aws_dns_suffixes": _dns_suffixes,
    "reference_source": _source,
    "service_ids": _service_ids,
    "endpoint_prefixes": _endpoint_prefixes,
    "profile_settings_botocore": _missing_settings("profile", "profile_settings"),
    "s3_settings_botocore": _missing_settings("s3", "s3_settings"),
    "proxies_config_settings_botocore": _missing_settings("proxies_config", "proxies_config_settings"),
}
NEEDS_TEXT = {"profile_settings_botocore", "s3_settings_botocore", "proxies_config_settings_botocore"}
FILES = ("regions.yaml", "services.yaml", "settings.yaml")


def refresh_text(text: str, botocore: Botocore, date: str) -> str:
    """``text`` with every generated block and the header rewritten from ``botocore``."""

    def block(match: re.Match[str]) -> str:
        name, indent = match.group("name"), match.group("indent")
        make = BLOCKS.get(name)
        if make is None:
            raise SystemExit(f"refresh_data: unknown generated block '{name}'")
        lines = make(botocore, indent, text) if name in NEEDS_TEXT else make(botocore, indent)
        head = match.group(0).split("\n", 1)[0]
        return "\n".join([head, *lines, f"{indent}# END generated: {name}"]) + "\n"

    if not HEADER.search(text):
        raise SystemExit("refresh_data: no '# Generated parts:' header line")
    text = HEADER.sub(f"# Generated parts: botocore {botocore.version}, refreshed {date}{HEADER_TAIL}", text, count=1)
    return BLOCK.sub(block, text)


def recorded(text: str) -> tuple[str, str]:
    """The (botocore version, date) a data file says it was refreshed from."""
    match = HEADER.search(text)
    if match is None:
        raise ValueError("no '# Generated parts:' header line")
    return match.group("version"), match.group("date")


def _block_values(text: str) -> dict[str, list[str]]:
    out = {}
    for match in BLOCK.finditer(text):
        out[match.group("name")] = re.findall(r"^\s*- (.*)$", match.group("body"), re.M)
    return out


def differences(folder: Path, botocore: Botocore) -> list[str]:
    """What regenerating from ``botocore`` would add to or drop from each generated list."""
    lines = []
    for name in FILES:
        text = (folder / name).read_text(encoding="utf-8")
        date = recorded(text)[1]
        before, after = _block_values(text), _block_values(refresh_text(text, botocore, date))
        for block, values in after.items():
            added = [v for v in values if v not in before.get(block, [])]
            dropped = [v for v in before.get(block, []) if v not in values]
            if added:
                lines.append(f"{name} {block}: new in botocore {botocore.version}: {', '.join(added)}")
            if dropped:
                lines.append(f"{name} {block}: gone from botocore {botocore.version}: {', '.join(dropped)}")
    return lines


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="list differences with the installed botocore; exit 1 if any")
    parser.add_argument("--date", default=datetime.date.today().isoformat(), help="the date to record (YYYY-MM-DD)")
    parser.add_argument("--data", type=Path, default=DATA, help="the folder of the data files")
    args = parser.parse_args(argv)
    botocore = Botocore()
    if args.check:
        found = differences(args.data, botocore)
        print("\n".join(found) if found else f"rules/data is up to date with botocore {botocore.version}")
        return 1 if found else 0
    for name in FILES:
        path = args.data / name
        text = path.read_text(encoding="utf-8")
        new = refresh_text(text, botocore, args.date)
        if new != text:
            path.write_text(new, encoding="utf-8")
            print(f"refreshed {path} from botocore {botocore.version}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
