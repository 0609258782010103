"""The ``awslint`` command: arguments in, findings out, exit code 0/1/2.

Heavy modules (PyYAML, configupdater) are imported only by the commands that need them, so
``awslint --version`` and argument errors stay instant.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, Optional, Sequence, TextIO

from awslint import __version__
from awslint.errors import UsageError
from awslint.standins.quickargs import check_defaults, quick_check_options

if TYPE_CHECKING:
    import argparse

SUBCOMMANDS = ("check", "rules", "explain")
FORMATS = ("text", "json")


def _Parser(*args: Any, **kwargs: Any) -> argparse.ArgumentParser:  # noqa: N802 - was a class; same calls
    """argparse that reports one ``awslint: error:`` line (via UsageError) instead of usage.

    argparse (~5 ms with building the parser) is imported only for command lines that
    ``quickargs`` does not parse itself (the common pre-commit one does not need it)."""
    from awslint.cli.arguments import Parser

    return Parser(*args, **kwargs)


def _codes(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def build_parser(command: str) -> argparse.ArgumentParser:
    if command == "rules":
        parser = _Parser(prog="awslint rules", description="List the loaded rules, or show one rule's help.")
        parser.add_argument("rule", nargs="?", help="a rule code (AWS201) or name (default-profile-static-keys)")
        parser.add_argument("--rules", action="append", default=[], metavar="PATH", help="extra YAML rule pack (repeatable)")
        parser.add_argument("-f", "--format", choices=FORMATS + ("markdown",), default="text")
        return parser
    if command == "explain":
        from awslint.cli.explain import add_arguments

        parser = _Parser(prog="awslint explain", description="Which credentials each profile really uses, and why (as botocore resolves them, and where other SDKs differ).")
        add_arguments(parser)
        return parser
    parser = _Parser(
        prog="awslint",
        description="Lint AWS shared config and credentials files the way botocore reads them.",
        epilog="Commands: 'awslint [check] [PATH ...]' lints (the default); 'awslint explain [PROFILE] [PATH ...]' shows which credentials each profile uses; 'awslint rules [CODE|NAME]' lists rules.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="a folder (~/.aws: its config and credentials; any other folder is walked for them), a file, or '-' (standard input); default: AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, else ~/.aws")
    parser.add_argument("-f", "--format", action="append", metavar="FORMAT[:PATH]", help="output format: text (default: full on a terminal, concise elsewhere), full, concise, json, sarif or github; repeatable, each optionally with its own file")
    parser.add_argument("-o", "--output", action="append", metavar="FILE", help="write the report to FILE ('-': standard output); repeatable, one per --format without a path")
    parser.add_argument("--config", metavar="FILE", help="awslint settings file for every file (default: .awslint.yaml or [tool.awslint] in pyproject.toml from each linted file's folder upwards, then ~/.config/awslint/config.yaml)")
    parser.add_argument("--select", type=_codes, action="extend", metavar="CODES", help="only these rules: codes, prefixes such as AWS2, or names (comma-separated)")
    parser.add_argument("--ignore", type=_codes, action="extend", metavar="CODES", help="skip these rules: codes, prefixes or names (comma-separated)")
    parser.add_argument("--fail-on", choices=("error", "warning", "info"), help="lowest severity that makes the exit code 1 (default: warning)")
    parser.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    parser.add_argument("--rules", action="append", metavar="PATH", help="extra YAML rule pack, file or folder (repeatable)")
    parser.add_argument("--env", action="store_true", help="take the environment into account (AWS_PROFILE, AWS_ACCESS_KEY_ID …): enables AWS402-AWS404")
    parser.add_argument("--statistics", action="store_true", help="print the number of findings per rule instead of the findings")
    parser.add_argument("-q", "--quiet", action="store_true", help="print findings only: no summary line")
    parser.add_argument("--no-color", action="store_true", help="never colour the output (NO_COLOR is honoured too)")
    parser.add_argument("-V", "--version", action="store_true", help="print the version and exit")
    add_adoption_arguments(parser)
    parser.add_argument("--fix", action="store_true", help="apply the safe fixes to the files, then report what remains")
    parser.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff, also apply the unsafe fixes")
    parser.add_argument("--diff", action="store_true", help="print a unified diff of what --fix would change; write nothing (exit 1 when there is a change)")
    _add_discovery_arguments(parser)
    parser.set_defaults(**check_defaults())  # one table of defaults, shared with quickargs
    return parser


def add_adoption_arguments(parser: argparse.ArgumentParser) -> None:
    """Baseline, colour and fix-listing options (kept together: see presentation.py, baseline.py)."""
    parser.add_argument("--color", choices=("auto", "always", "never"), help="colour the text output: auto (default: on a terminal, unless NO_COLOR; FORCE_COLOR forces it), always or never")
    parser.add_argument("--show-fixes", action="store_true", help="list the fixes --fix would apply")
    parser.add_argument("--baseline", metavar="FILE", help="report only findings that are not in this baseline file")
    parser.add_argument("--write-baseline", metavar="FILE", help="record the current findings in FILE (a baseline), then exit 0")


def _add_discovery_arguments(parser: argparse.ArgumentParser) -> None:
    """Which files, and which settings: the folder walk, standard input, rule selection."""
    parser.add_argument("--list-files", action="store_true", help="print the files that would be linted (PATH<tab>config|credentials) and exit 0")
    parser.add_argument("--stdin-filename", metavar="NAME", help="the path the file read from '-' stands for: its kind, its settings and the name in findings")
    parser.add_argument("--extend-select", type=_codes, action="extend", metavar="CODES", help="rules to add to the selection (comma-separated)")


def _split_command(argv: Sequence[str]) -> tuple[str, list[str]]:
    args = list(argv)
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if not arg.startswith("-"):
            if arg in SUBCOMMANDS:
                return arg, args[:index] + args[index + 1 :]
            break
    return "check", args


def run() -> None:
    """The ``awslint`` command: ``main()``, then a hard exit.

    A large config leaves millions of objects alive at the end; a last cyclic collection and
    freeing them one by one cost more than a tenth of the run, for nothing, since the process
    ends anyway (mypy's ``hard_exit`` does the same). So the collector stays off and the process
    leaves with ``os._exit`` once both streams are flushed; nothing else is pending by then
    (reports and the rule cache are written and closed during the run).
    """
    import gc

    gc.disable()
    code = main()
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:  # a reader that stopped early (head): as main() says for a write
        code = 1
    except (OSError, ValueError) as exc:  # a full disk, a closed stream: the output is not whole
        code = 2
        _say(f"awslint: error: cannot write to standard output: {getattr(exc, 'strerror', None) or type(exc).__name__}\n")
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
    except (OSError, ValueError):
        code = code or 2
    os._exit(code)


def _say(text: str) -> None:
    """A last word on standard error, if it can still be written."""
    try:
        if sys.stderr is not None:
            sys.stderr.write(text)
            sys.stderr.flush()
    except (OSError, ValueError):
        pass


def main(argv: Optional[Sequence[str]] = None, stdout: Optional[TextIO] = None, stderr: Optional[TextIO] = None) -> int:
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    if err is None:  # started with standard error closed (2>&-)
        err = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the run
    if out is None:  # started with standard output closed (>&-): nowhere to report
        err.write("awslint: error: standard output is closed\n")
        return 2
    for stream in (out, err):
        # A report must not die on a terminal that cannot encode "…" (LANG=C, ascii pipes).
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (OSError, ValueError):  # a descriptor closed under us: the first write says so
                pass
    try:
        command, args = _split_command(sys.argv[1:] if argv is None else argv)
        options = (quick_check_options(args) if command == "check" else None) or build_parser(command).parse_args(args)
        if command == "check" and not options.version:
            _check_subcommand_typo(options.paths)
        if command == "rules":
            return _rules_command(options, out)
        if command == "explain":
            from awslint.cli.explain import explain_command

            return explain_command(options, out, err)
        if options.version:
            out.write(f"awslint {__version__}\n")
            return 0
        return _check_command(options, out, err)
    except UsageError as exc:
        from awslint.redaction import diagnostic

        err.write(diagnostic("error", str(exc)))
        return 2
    except KeyboardInterrupt:
        err.write("awslint: error: interrupted\n")
        return 130
    except BrokenPipeError:
        # Output piped into a program that stopped reading (head, less).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except OSError as exc:  # writing `rules` or `--version` to a full disk, and the like
        err.write(f"awslint: error: input/output error: {exc.strerror or type(exc).__name__}\n")
        return 2
    except SystemExit as exc:  # argparse --version / --help
        return int(exc.code or 0) if not isinstance(exc.code, str) else 2
    except Exception as exc:
        if os.environ.get("AWSLINT_DEBUG") == "1":
            raise
        # Only the exception's type: its text could quote file content.
        err.write(f"awslint: error: internal error ({type(exc).__name__}); run with AWSLINT_DEBUG=1 for details\n")
        return 2


def _check_subcommand_typo(paths: list[str]) -> None:
    """``awslint chek``: a first PATH that does not exist but is close to a command name."""
    if not paths or os.sep in paths[0] or "/" in paths[0] or os.path.lexists(paths[0]):
        return
    from awslint.distance import suggest

    hint = suggest(paths[0], SUBCOMMANDS)
    if hint:
        raise UsageError(f"'{paths[0]}' is neither a command nor a file or folder{hint}")


def _load_ruleset(extra: list[str], confined: Optional[dict[str, str]] = None) -> Any:
    if not extra:  # the built-in rules, validated once and cached (engine/cache.py)
        from awslint.engine.cache import load_builtin_rules

        return load_builtin_rules()
    from awslint.engine.ruleset import load_rules

    return load_rules(extra, confined=confined)


def _rules_command(options: argparse.Namespace, out: TextIO) -> int:
    from awslint.cli.rules import format_rule_help, format_rule_list, rules_json
    from awslint.distance import suggest

    ruleset = _load_ruleset(options.rules)
    if options.format == "markdown":  # the docs/rules.md generator
        from awslint.cli.rulesdoc import rule_markdown, rules_markdown

        if options.rule is None:
            out.write(rules_markdown(ruleset.rules))
            return 0
        match = [r for r in ruleset.rules if r.code == options.rule.strip().upper() or r.name == options.rule.strip()]
        if match:
            out.write(rule_markdown(match[0]) + "\n")
            return 0
    if options.rule is None:
        out.write(rules_json(ruleset.rules) if options.format == "json" else format_rule_list(ruleset.rules))
        return 0
    wanted = options.rule.strip()
    for rule in ruleset.rules:
        if rule.code == wanted.upper() or rule.name == wanted:
            out.write(rules_json([rule]) if options.format == "json" else format_rule_help(rule))
            return 0
    names = [r.code for r in ruleset.rules] + [r.name for r in ruleset.rules]
    raise UsageError(f"no rule '{wanted}'{suggest(wanted, names)}; 'awslint rules' lists them")


def _check_command(options: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from awslint.run import groups as grouping
    from awslint.report import outputs
    from awslint.run.settings import SettingsFinder
    from awslint.files.discovery import discover
    from awslint.redaction import diagnostic, for_output

    specs = [] if options.list_files else outputs.plan(options.format, options.output)
    cwd = os.getcwd()
    stdin = _read_stdin(options)
    found = discover(options.paths or (["-"] if options.stdin_filename else []), os.environ, stdin, options.stdin_filename)
    finder = SettingsFinder(options.config, cwd, os.environ)
    groups = grouping.assign(found.layouts, finder, cwd)
    entries = None
    baseline_notices: list[str] = []
    if not options.list_files:
        if not groups:  # nothing to lint: the rules of --config or the user's settings, for the report
            groups = [grouping.Group(finder.fallback())]
        # Bad settings or rule packs stop the run before any warning about the files.
        grouping.load_rules(groups, _load_ruleset, options.rules, options.select, options.extend_select, options.ignore, options.fail_on)
        entries = _load_baseline(options, [rule for group in groups for rule in group.ruleset.rules], baseline_notices)
    for notice in finder.notices + found.notices + baseline_notices:
        err.write(diagnostic("warning", notice))
    if options.list_files:
        return _list_files(groups, out)
    rules, severities = grouping.all_rules(groups), grouping.all_severities(groups)
    environ = os.environ if options.env else None
    if options.diff:
        from awslint.cli.fix import diff_command

        return diff_command(options, groups, out, err, outputs.write_report, environ)
    # An unwritable --output, or one that is a file being linted, fails here before any work is shown.
    inputs = [ref.fs_path for layout in found.layouts for ref in layout.files if ref.data is None]
    outputs.prepare(specs, inputs)
    fixed = None
    try:
        if options.fix:
            from awslint.cli.fix import fix_command

            fixed = fix_command(options, groups, err, environ)
            out = _print_fixed_stdin(groups, stdin, out, err)
        result, thresholds = grouping.lint(groups, err, cwd, environ, list(found.notices))
        if options.write_baseline:
            outputs.discard(specs)
            return _write_baseline(options, result, found.layouts, err, out)
        outcome = _apply_baseline(options, entries, result, found.layouts, rules)
        # The one place where findings become output: escaped and masked for every format (after
        # the baseline, which finds the files by the paths as given).
        for_output(result.findings)
        reports = [_format(options, spec, result, rules, severities, out, outcome) for spec in specs]
        _add_text_notes(options, specs, reports, result, outcome)
        if not options.quiet:
            from awslint.cli.fix import fix_hints, fixed_line

            texts = [i for i, spec in enumerate(specs) if spec.format in ("text", "full", "concise")]
            for index in texts:
                # Before the summary line, which stays the last line of a text report.
                head, _, summary = reports[index].rstrip("\n").rpartition("\n")
                hints = fix_hints(result.active, fixed, options)
                reports[index] = (head + "\n" if head else "") + hints + summary + "\n"
            if fixed is not None and not texts:
                err.write(fixed_line(fixed))
    except BaseException:
        outputs.discard(specs)
        raise
    outputs.commit(specs, reports, out)
    if fixed is not None and fixed.failed:
        return 2
    if options.exit_zero:
        return 0
    return 1 if grouping.failing(result, thresholds) else 0


def _read_stdin(options: argparse.Namespace) -> Optional[bytes]:
    """The bytes of standard input when ``-`` is a PATH (or ``--stdin-filename`` stands alone);
    closed or empty input is an empty file. ``--fix`` prints the fixed file, so ``-`` is then
    the only PATH."""
    if "-" not in options.paths and not (options.stdin_filename and not options.paths):
        if options.stdin_filename:
            raise UsageError("--stdin-filename names the file read from '-': add '-' to the paths")
        return None
    if options.fix and len(options.paths) > 1:
        raise UsageError("--fix with '-' prints the fixed file on standard output: give '-' as the only PATH")
    from awslint.files.source import MAX_FILE_BYTES

    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        return b""
    try:
        data = stream.read(MAX_FILE_BYTES + 1)
    except (OSError, ValueError):
        return b""
    if len(data) > MAX_FILE_BYTES:
        raise UsageError(f"{options.stdin_filename or '-'}: file is too large (more than {MAX_FILE_BYTES} bytes)")
    return data


def _print_fixed_stdin(groups: list[Any], stdin: Optional[bytes], out: TextIO, err: TextIO) -> TextIO:
    """``--fix -``: the fixed file goes to standard output (unchanged when nothing applies, or
    when the settings exclude it), so the report goes to standard error, as ruff does. Returns
    the stream for the report."""
    if stdin is None:
        return out
    data = next(
        (ref.data for group in groups for layout in group.layouts for ref in layout.files if ref.data is not None and ref.reported),
        stdin,
    )
    buffer = getattr(out, "buffer", None)
    if buffer is not None:
        out.flush()
        buffer.write(data)
        buffer.flush()
    else:
        out.write(data.decode("utf-8", "surrogateescape"))
    return err


def _list_files(groups: list[Any], out: TextIO) -> int:
    """``--list-files``: each file that would be reported on, ``PATH<tab>KIND``, sorted."""
    from awslint.redaction import Redactor, printable

    shown = sorted({(ref.display, ref.role) for group in groups for layout in group.layouts for ref in layout.files if ref.reported})
    redact = Redactor()
    out.write("".join(f"{redact(printable(path))}\t{role}\n" for path, role in shown))
    return 0


def _load_baseline(options: argparse.Namespace, known_rules: list[Any], notices: list[str]) -> Any:
    if options.baseline and options.write_baseline:
        raise UsageError("--baseline and --write-baseline: give one (--write-baseline FILE rewrites FILE from scratch)")
    if not options.baseline:
        return None
    from awslint.report import baseline

    return baseline.load(options.baseline, [rule.code for rule in known_rules], notices)


def _write_baseline(options: argparse.Namespace, result: Any, layouts: list[Any], err: TextIO, out: TextIO) -> int:
    from awslint.report import baseline

    inputs = [ref.fs_path for layout in layouts for ref in layout.files if ref.data is None]
    count, entries, outside = baseline.write(result.findings, options.write_baseline, out, inputs)
    from awslint.report.formatters.text import plural

    where = "standard output" if options.write_baseline == "-" else options.write_baseline
    if outside:
        from awslint.redaction import diagnostic

        err.write(diagnostic(
            "warning",
            f"{plural(outside, 'finding')} on files outside the repository ({baseline.root_for(options.write_baseline)}) "
            f"left out of {where}: a baseline covers only files beneath its root",
        ))
    if not options.quiet:
        err.write(f"Wrote {plural(entries, 'baseline entry')} ({plural(count, 'finding')}) to {where}.\n")
    return 0


def _apply_baseline(options: argparse.Namespace, entries: Any, result: Any, layouts: list[Any], rules: list[Any]) -> Any:
    if entries is None:
        return None
    from awslint.report import baseline

    linted = [ref.display for layout in layouts for ref in layout.files if ref.reported]
    return baseline.apply(result.findings, entries, options.baseline, linted, [rule.code for rule in rules])


def _add_text_notes(options: argparse.Namespace, specs: list[Any], reports: list[str], result: Any, outcome: Any) -> None:
    """--show-fixes and stale baseline entries, in the text reports (before the summary)."""
    notes = ""
    if outcome is not None and not options.quiet:
        from awslint.report import baseline

        notes = baseline.notes(outcome)
    if options.show_fixes and not options.statistics:
        from awslint.report.formatters.text import format_fixes

        notes = format_fixes(result.active, options.unsafe_fixes) + notes
    if not notes:
        return
    from awslint.report.presentation import TEXT_FORMATS, with_notes

    for index, spec in enumerate(specs):
        if spec.format in TEXT_FORMATS:
            reports[index] = reports[index] + notes if options.quiet else with_notes(reports[index], notes)


def _format(
    options: argparse.Namespace, spec: Any, result: Any, rules: list[Any], severities: dict[str, str], out: TextIO,
    outcome: Any = None,
) -> str:
    baselined = outcome.baselined if outcome is not None else 0
    if spec.format == "json":
        if options.statistics:
            from awslint.report.presentation import json_statistics

            return json_statistics(result, options.unsafe_fixes, baselined)
        from awslint.report.formatters.json_format import format_json

        return format_json(result.findings, result.files, stale=outcome.stale if outcome is not None else 0)
    if spec.format == "sarif":
        from awslint.report.formatters.sarif import format_sarif

        return format_sarif(result.findings, rules, result.notices, severities, environ=os.environ)
    if spec.format == "github":
        from awslint.report.formatters.github import format_github

        return format_github(result.findings, environ=os.environ)
    from awslint.report.presentation import render_text

    return render_text(options, spec.format, spec.path is not None, result, out, os.environ, baselined)


