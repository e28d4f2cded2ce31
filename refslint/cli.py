"""The command line: a thin shell over api.py.

    refslint [check] [PATHS ...]     lint (the default command)
    refslint rules                   list the rules
    refslint rule CODE               explain one rule

Subcommands are recognised only as the first argument; a file that happens to be named like
one is linted with `refslint check rules`, `refslint -- rules` or `refslint ./rules`.
Exit status: 0 no problems, 1 problems found, 2 usage, configuration or internal error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from contextlib import contextmanager

from . import __version__
from .errors import ConfigError, UsageError
from .inputs import FORMAT_TABLE, FORMATS
from .report import OUTPUT_FORMATS

SUBCOMMANDS = ("check", "rules", "rule", "parse", "styles", "version")
COMMANDS = """commands:
  refslint [check] [PATHS ...]   lint files and folders (the default command)
  refslint rules [--format json] list every rule: code, name, level, fix
  refslint rule CODE             explain a rule: what it finds, why, examples, options
  refslint parse [PATHS ...]     the parsed references as JSON (--format csl-json: CSL-JSON)
  refslint styles [--format json] the citation styles refslint reads and their conventions
  refslint version               print the version

exit status: 0 no problems, 1 problems found, 2 usage or configuration error"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2
        raise UsageError(message)


def _csv(value: str) -> list[str]:
    return [v for v in value.replace(",", " ").split() if v]


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"expected 0 (one per CPU) or more, got {n}")
    return n


def check_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="refslint",
        usage="refslint [check] [options] [PATHS ...]\n       refslint {rules,rule,parse,styles,version} ...",
        description="Lint bibliographic reference lists.",
        epilog=COMMANDS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "paths",
        nargs="*",
        help="files or folders to lint (default: the current folder); - reads standard input",
    )
    p.add_argument(
        "--format",
        choices=OUTPUT_FORMATS,
        help="output format (default: text; github inside GitHub Actions)",
    )
    p.add_argument("--fix", action="store_true", help="apply safe fixes and write the files")
    p.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff, apply unsafe fixes too")
    p.add_argument("--diff", action="store_true", help="print the fixes as a unified diff; write nothing")
    p.add_argument(
        "--track-changes", action="store_true", help="with --fix, write Word fixes as tracked changes"
    )
    p.add_argument("--show-fixes", action="store_true", help="list what --fix repaired")
    p.add_argument("-o", "--output-file", help="write the report to this file")
    p.add_argument("--select", type=_csv, action="extend", help="rules to run (codes, families, names, ALL)")
    p.add_argument("--extend-select", type=_csv, action="extend", help="rules to add to the selection")
    p.add_argument("--ignore", type=_csv, action="extend", help="rules to skip")
    p.add_argument(
        "--config",
        help="configuration file (default: .refslint.yaml or [tool.refslint] "
        "in pyproject.toml, searched upwards from the current folder)",
    )
    p.add_argument("--isolated", action="store_true", help="ignore configuration files")
    p.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply `exclude` to files named on the command line too (pre-commit)",
    )
    p.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="say which files are read and whether each is taken for a reference list",
    )
    p.add_argument(
        "--show-settings",
        action="store_true",
        help="print the resolved configuration for the given path and exit",
    )
    p.add_argument("--preset", choices=("vancouver", "ama"), help="apply a preset (overrides `extends`)")
    p.add_argument(
        "--style",
        help="read every list in this citation style (see `refslint styles`; default: each list's own)",
    )
    p.add_argument("--stdin-filename", help="name to report for standard input")
    p.add_argument(
        "--input-format",
        choices=FORMATS,
        help="read every file as this format (default: by extension: "
        + ", ".join(f"{' '.join(f.extensions)} {f.name}" for f in FORMAT_TABLE)
        + ", anything else text)",
    )
    p.add_argument(
        "--add-noqa",
        action="store_true",
        help="write a suppression comment above each entry with findings (Markdown, LaTeX, BibTeX)",
    )
    p.add_argument("--baseline", metavar="FILE", help="hide the findings recorded in this baseline file")
    p.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=0,
        help="processes for many files, long lists and a list's rules (default 0: one per CPU)",
    )
    p.add_argument(
        "--write-baseline", metavar="FILE", help="record the current findings in a baseline file and exit"
    )
    p.add_argument("--statistics", action="store_true", help="count problems per rule")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when problems are found")
    p.add_argument("--show-source", action="store_true", help="show the line and a caret under each problem")
    p.add_argument("-q", "--quiet", action="store_true", help="print only the problems, no summary")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    p.add_argument("--version", action="version", version=f"refslint {__version__}")
    return p


def run() -> None:
    """The `refslint` command: main(), then the end of the process without the interpreter's
    teardown where nothing needs it. Freeing a run's objects one by one (the journal tables,
    compiled patterns, every module) took 10-15 ms of a 150 ms pre-commit run; the operating
    system frees them at once. Only a run that started no worker processes ends so: one that
    did leaves their clean-up to the interpreter, and the start-up memo is saved first (its
    exit handler would be skipped)."""
    code = main()
    if "multiprocessing" in sys.modules or "concurrent.futures" in sys.modules:
        sys.exit(code)
    from .cache import memo

    memo.save()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # (a reader that closed the pipe; a closed stream)
        sys.exit(code)
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from .cache import use_disk_cache

    use_disk_cache()  # a command run is short: what start-up rebuilds is kept between runs
    try:
        return _dispatch(args)
    except UsageError as exc:
        print(f"refslint: error: {exc}", file=sys.stderr)
        return 2
    except ConfigError as exc:
        print(f"refslint: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 1
    except Exception as exc:  # an internal error still gets one line, never a traceback
        print(f"refslint: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        if os.environ.get("REFSLINT_DEBUG"):
            raise
        return 2


def _dispatch(args: list[str]) -> int:
    if args and args[0] in SUBCOMMANDS:
        command, rest = args[0], args[1:]
        if command == "rules":
            return _rules(rest)
        if command == "rule":
            return _rule(rest)
        if command == "parse":
            return _parse(rest)
        if command == "styles":
            return _styles(rest)
        if command == "version":
            print(f"refslint {__version__}")
            return 0
        args = rest
    # A check makes millions of small objects and no garbage cycles to speak of: the cyclic
    # collector would walk all of them again and again (half a minute on a million
    # references) to free nothing. Reference counting still frees everything.
    import gc

    gc.disable()
    try:
        return _check(args)
    finally:
        gc.enable()


def _rules(rest: list[str]) -> int:
    p = _Parser(prog="refslint rules", description="List the rules.")
    p.add_argument("--format", choices=("text", "json"), default="text")
    ns = p.parse_args(rest)
    from .docs import rules_json, rules_table

    print(rules_json() if ns.format == "json" else rules_table())
    return 0


def _rule(rest: list[str]) -> int:
    p = _Parser(prog="refslint rule", description="Explain a rule.")
    p.add_argument("code", help="rule code or name")
    ns = p.parse_args(rest)
    from .docs import explain

    print(explain(ns.code))
    return 0


def _styles(rest: list[str]) -> int:
    p = _Parser(prog="refslint styles", description="List the citation styles refslint reads.")
    p.add_argument("--format", choices=("text", "json"), default="text")
    ns = p.parse_args(rest)
    from .docs import styles_json, styles_table

    print(styles_json() if ns.format == "json" else styles_table())
    return 0


def _parse(rest: list[str]) -> int:
    """`refslint parse`: the references of files as data, one JSON object each (path, line,
    style, the fields as a CSL-JSON item, each field's span), or a plain CSL-JSON array."""
    import json
    from pathlib import Path

    from . import api
    from .config import build_config, check_style
    from .decode import DecodeError
    from .report import LineIndex

    p = _Parser(prog="refslint parse", description="Print the parsed references as JSON.")
    p.add_argument(
        "paths", nargs="*", help="files or folders (default: the current folder); - reads standard input"
    )
    p.add_argument("--format", choices=("json", "csl-json"), default="json")
    p.add_argument("--input-format", choices=FORMATS)
    p.add_argument("--style", help="read every list in this style (default: each list's own, detected)")
    p.add_argument("--stdin-filename", help="name to report for standard input")
    ns = p.parse_args(rest)
    config = build_config(isolated=True)
    style = check_style(ns.style, "--style") if ns.style else None
    out, failed = [], False
    paths = list(api.expand_paths(ns.paths or ["."], config))
    for path in paths:
        name = ns.stdin_filename or "-" if path == "-" else path
        try:
            data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
            source = api.decode_input(name, data, ns.input_format)
        except (OSError, DecodeError) as exc:
            print(f"refslint: {name}: cannot read: {getattr(exc, 'strerror', None) or exc}", file=sys.stderr)
            failed = True
            continue
        doc = api.read_document(source, ns.input_format)
        lines = LineIndex(source.text)
        for item in api.parse_document(doc, ns.style if style else None):
            if len(paths) > 1:  # (ids are numbers within a file; an import needs them unique)
                item.csl["id"] = f"{name}#{item.csl['id']}"
            out.append(item.csl if ns.format == "csl-json" else item.as_json(lines.position))
    print(json.dumps(out, indent=2, ensure_ascii=False))
    return 2 if failed else 0


def _check(args: list[str]) -> int:
    from pathlib import Path

    from . import api
    from .config import build_config

    ns = check_parser().parse_args(args)
    config = build_config(
        Path(ns.config) if ns.config else None,
        isolated=ns.isolated,
        select=ns.select,
        extend_select=ns.extend_select,
        ignore=ns.ignore,
        preset=ns.preset,
    )
    config.input_format = ns.input_format
    if ns.style:
        from .config import check_style

        config.style = check_style(ns.style, "--style")
    for warning in config.warnings:
        print(f"refslint: warning: {warning}", file=sys.stderr)
    adopting = [f for f, on in (("--add-noqa", ns.add_noqa), ("--write-baseline", ns.write_baseline)) if on]
    if adopting and (ns.fix or ns.diff):
        raise UsageError(f"{adopting[0]} cannot be combined with --fix or --diff")
    if ns.track_changes and not ns.fix:
        raise UsageError("--track-changes writes fixes: use it with --fix")
    if len(adopting) > 1:
        raise UsageError("--add-noqa and --write-baseline are two ways to adopt refslint: choose one")
    baseline = None
    baseline_path = ns.baseline or (config.baseline if not ns.write_baseline else None)
    if baseline_path:
        from .baseline import Baseline

        baseline = Baseline(baseline_path)
    paths = ns.paths or ["."]  # as ruff does: no path lints the current folder
    if ns.show_settings:
        print(_settings(config, paths[0]))
        return 0
    files = []
    for path in api.expand_paths(paths, config, ns.force_exclude):
        if path != "-" and not os.path.exists(path):
            raise UsageError(f"{path}: no such file or directory")
        files.append(path)
    config.jobs = ns.jobs or os.cpu_count() or 1
    fixing = ns.fix or ns.diff
    in_parallel = (
        config.jobs > 1 and len(files) > 1 and "-" not in files
        and not (fixing or ns.add_noqa or ns.write_baseline)
    )  # fmt: skip
    if in_parallel:
        linted = _lint_in_parallel(files, config, baseline)
    else:
        linted = (
            api.lint_bytes(ns.stdin_filename or "-", sys.stdin.buffer.read(), config)
            if path == "-"
            else api.lint_file(path, config)
            for path in files
        )
    if fixing or ns.add_noqa or ns.write_baseline:
        return _fix_or_adopt(ns, config, files, linted, baseline)
    # The report is written as files are linted: a file's findings as soon as nothing later in
    # the run can add to them (report.perfile.InOrder).
    from .inputs import format_for, input_format
    from .report import ReportOptions, writer
    from .report.perfile import InOrder

    with _report_stream(ns) as (out, color):
        options = ReportOptions(config.rules, color, ns.show_source, ns.statistics, ns.quiet)
        report = writer(_format(ns), out, options)
        problems = 0

        def emit(result) -> None:
            nonlocal problems
            report.file(result)
            problems += _problems(result.diagnostics)

        cites = [input_format(format_for(p, config.input_format)).cites for p in files]
        order = InOrder(emit, files, cites)
        for path, citing, result in zip(files, cites, linted, strict=True):
            if ns.verbose:
                print(f"refslint: {result.path}: {result.verdict or 'unreadable'}", file=sys.stderr)
            for each in (result, *result.companions):  # findings in a .bib the manuscript names
                if baseline is not None and not in_parallel:
                    each.diagnostics = baseline.filter(each)
                order.add(each)
            result.companions = []
            order.linted(path, citing)
        order.close()
        report.close()
    return 0 if ns.exit_zero or not problems else 1


def _problems(diagnostics) -> int:
    """Findings that fail the run (info findings do not)."""
    counted = getattr(diagnostics, "problems", None)
    if counted is not None:
        return counted
    return sum(1 for d in diagnostics if d.severity != "info")


def _fix_or_adopt(ns: argparse.Namespace, config, files: list[str], linted, baseline) -> int:
    """--fix, --diff, --add-noqa and --write-baseline: every file's findings are gathered
    first (each file's fixes are applied as it comes), then reported."""
    from . import api
    from .report import ReportOptions, writer
    from .report.perfile import merged

    fixing = ns.fix or ns.diff
    results, fixed_any, stdin_output = [], [], None

    def add(result) -> None:
        results.append(result)
        for other in result.companions:  # findings in a .bib the manuscript names
            if baseline is not None:
                other.diagnostics = baseline.filter(other)
            results.append(other)

    for path, result in zip(files, linted, strict=True):
        if ns.verbose:
            print(f"refslint: {result.path}: {result.verdict or 'unreadable'}", file=sys.stderr)
        if baseline is not None and not fixing:
            result.diagnostics = baseline.filter(result)
        if not fixing or result.source is None or not result.diagnostics or not _writable(result, config):
            add(result)
            continue
        keep = baseline.filter if baseline is not None else None
        fix, after = api.fix_source(result.source, config, unsafe=ns.unsafe_fixes, keep=keep, linted=result,
                                    track_changes=ns.track_changes)  # fmt: skip
        changed = fix.changed(result.source.text)
        if ns.diff:
            add(result)
            if changed:
                fixed_any.append((result, fix))
            continue
        if path == "-":
            stdin_output = after.source.text if after.source else ""
            if after.source is not None and after.source.package is not None:
                stdin_output = after.source.package.data  # a Word file is written whole
        elif changed:
            refused = _write(path, after.source, fix.text)
            if refused is not None:  # the file stays as it was, with all its findings
                result.diagnostics = [*result.diagnostics, _not_written(result.path, refused, config)]
                add(result)
                continue
        if changed:
            fixed_any.append((result, fix))
        add(after)
    results = merged(results)
    if ns.write_baseline:
        from .baseline import write

        n = write(ns.write_baseline, results)
        if not ns.quiet:
            print(f"Recorded {n} finding{'s' if n != 1 else ''} in {ns.write_baseline}.", file=sys.stderr)
        return 0
    if ns.add_noqa:
        return _add_noqa(results, ns)
    if ns.diff:
        _print_diff(fixed_any, ns)
        return 1 if fixed_any and not ns.exit_zero else 0
    if isinstance(stdin_output, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(stdin_output)
        sys.stdout.buffer.flush()
        out = sys.stderr
    elif stdin_output is not None:
        sys.stdout.write(stdin_output)
        out = sys.stderr
    else:
        out = sys.stdout
    if ns.fix and stdin_output is None:
        for result, _fix in fixed_any:
            print(f"Fixing {result.path}", file=out)
    if ns.show_fixes and fixed_any:
        _print_fixed(fixed_any, out)
    with _report_stream(ns, out) as (stream, color):
        options = ReportOptions(config.rules, color, ns.show_source, ns.statistics, ns.quiet)
        report = writer(_format(ns), stream, options)
        for result in results:
            report.file(result)
        report.close(fixed=sum(len(f.fixed) for _r, f in fixed_any))
    problems = sum(_problems(r.diagnostics) for r in results)
    return 0 if ns.exit_zero or not problems else 1


def _lint_in_parallel(files: list[str], config, baseline):
    """FileResults of files linted in config.jobs processes, in the order of `files`, each as
    soon as it and those before it are done."""
    from .cache import memo
    from .workers import worker_pool

    memo.added()  # (what this process put before the workers were forked is its own to save)
    pool = worker_pool(min(config.jobs, len(files)), config, baseline)
    if pool is None:
        from . import api

        yield from (api.lint_file(path, config) for path in files)
        return
    chunksize = max(1, len(files) // (config.jobs * 4))
    with pool:
        for result, remembered in pool.imap(_lint_one, files, chunksize=chunksize):
            memo.update(remembered)  # a worker ends without saving the start-up memo
            yield result


def _lint_one(path: str):
    from . import api
    from .cache import memo
    from .workers import worker_state

    config, baseline = worker_state()
    config.jobs = 1  # a worker does not start workers of its own
    result = api.lint_file(path, config)
    if baseline is not None:
        result.diagnostics = baseline.filter(result)
        for other in result.companions:
            other.diagnostics = baseline.filter(other)
    result.document = None  # not needed once filtered, and costly to send back
    return result, memo.added()


def _add_noqa(results: list, ns: argparse.Namespace) -> int:
    import importlib

    from .fix import apply_edits, encode
    from .inputs import input_format
    from .suppress import COMMENT_FORMATS, noqa_edits

    added, files = 0, 0
    for result in results:
        doc = result.document
        if doc is None or result.source is None or not result.diagnostics or result.path == "-":
            continue
        if doc.format not in COMMENT_FORMATS:
            print(f"refslint: {result.path}: plain text has no comments; record its findings with "
                  "--write-baseline instead", file=sys.stderr)
            continue
        writer = input_format(doc.format).writer
        if writer is not None and result.source.package is not None:  # comments outside the text
            made = importlib.import_module(writer).add_comments(doc, result.diagnostics)
            if made is None:
                continue
            data, count = made
        else:
            edits = noqa_edits(doc, result.diagnostics)
            if not edits:
                continue
            data, count = encode(result.source, apply_edits(result.source.text, edits)), len(edits)
        refused = _write_data(result.path, data)
        if refused is not None:
            print(f"refslint: {result.path}: suppressions not written: {refused}", file=sys.stderr)
            continue
        added += count
        files += 1
    if not ns.quiet:
        print(f"Added {added} suppression comment{'s' if added != 1 else ''} to {files} "
              f"file{'s' if files != 1 else ''}.", file=sys.stderr)
    return 0


def _settings(config, path: str) -> str:
    import json

    from .sources import format_for

    fmt = format_for(path, config.input_format)
    active = config.active(path, fmt)
    return json.dumps(
        {
            "path": path,
            "format": fmt,
            "configuration": config.source,
            "preset": config.preset,
            "include": list(config.include),
            "exclude": list(config.exclude),
            "respect-gitignore": config.respect_gitignore,
            "unfixable": sorted(config.unfixable),
            "rules": {
                r.code: {"name": r.name, "level": config.levels[r.code], **config.options[r.code]}
                for r in active
            },
        },
        indent=2,
        ensure_ascii=False,
        default=str,
    )


def _write(path: str, source, text: str) -> str | None:
    """Write the fixed text; None when written, else why not (the file is left as it was)."""
    from .fix import encode

    return _write_data(path, encode(source, text))


def _write_data(path: str, data: bytes) -> str | None:
    from .fix import WriteRefused, write_atomic

    try:
        write_atomic(path, data)
    except WriteRefused as exc:
        return str(exc)
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def _writable(result, config) -> bool:
    """Can --fix write this file's text back (not a format it only reads, such as .docx)?"""
    from .inputs import format_for, input_format

    return input_format(format_for(result.path, config.input_format)).writable


def _not_written(path: str, why: str, config):
    from .checks import NOT_WRITTEN
    from .model import Diagnostic, Span

    return Diagnostic(
        path, NOT_WRITTEN.code, NOT_WRITTEN.name, f"fixes not written: {why}", Span(0, 0),
        config.levels.get(NOT_WRITTEN.code, NOT_WRITTEN.level),
    )  # fmt: skip


def _print_diff(fixed: list, ns: argparse.Namespace) -> None:
    import difflib

    for result, fix in fixed:
        before = result.source.text.splitlines(keepends=True)
        after = fix.text.splitlines(keepends=True)
        sys.stdout.writelines(difflib.unified_diff(before, after, result.path, result.path))
    n = sum(len(f.fixed) for _r, f in fixed)
    if not ns.quiet:
        files = f"{len(fixed)} file{'s' if len(fixed) != 1 else ''}"
        print(f"Would fix {n} problem{'s' if n != 1 else ''} in {files}.", file=sys.stderr)


def _print_fixed(fixed: list, out) -> None:
    from .report import line_index

    print("Fixed:", file=out)
    for result, fix in fixed:
        index = line_index(result.source)
        for d in fix.fixed:
            row, col = index.position(d.span.start) if d in result.diagnostics else (0, 0)
            where = f"{result.path}:{row}:{col}" if row else result.path
            print(f"  {where}: {d.code} {d.fix.message if d.fix else d.message}", file=out)


def _use_color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


@contextmanager
def _report_stream(ns: argparse.Namespace, out=None):
    """Where the report goes (-o FILE, else `out` or standard output), and whether in colour."""
    out = out or sys.stdout
    if not ns.output_file:
        yield out, _use_color(ns.color) and out is sys.stdout
        return
    try:
        f = open(ns.output_file, "w", encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {ns.output_file}: {exc.strerror or exc}") from None
    with f:
        yield f, False


def _format(ns: argparse.Namespace) -> str:
    if ns.format:
        return ns.format
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"

