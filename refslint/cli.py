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

from . import __version__
from .errors import ConfigError, UsageError

SUBCOMMANDS = ("check", "rules", "rule", "version")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2
        raise UsageError(message)


def _csv(value: str) -> list[str]:
    return [v for v in value.replace(",", " ").split() if v]


def check_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="refslint", description="Lint bibliographic reference lists.")
    p.add_argument("paths", nargs="*", help="files or folders to lint; - reads standard input")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    p.add_argument("--select", type=_csv, action="extend", help="rules to run (codes, families, names, ALL)")
    p.add_argument("--extend-select", type=_csv, action="extend", help="rules to add to the selection")
    p.add_argument("--ignore", type=_csv, action="extend", help="rules to skip")
    p.add_argument(
        "--config",
        help="configuration file (default: .refslint.yaml or [tool.refslint] "
        "in pyproject.toml, searched upwards from the current folder)",
    )
    p.add_argument("--isolated", action="store_true", help="ignore configuration files")
    p.add_argument("--preset", choices=("vancouver", "ama"), help="apply a preset (overrides `extends`)")
    p.add_argument("--stdin-filename", help="name to report for standard input")
    p.add_argument("--statistics", action="store_true", help="count problems per rule")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when problems are found")
    p.add_argument("--show-source", action="store_true", help="show the line and a caret under each problem")
    p.add_argument("-q", "--quiet", action="store_true", help="print only the problems, no summary")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    p.add_argument("--version", action="version", version=f"refslint {__version__}")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
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
        if command == "version":
            print(f"refslint {__version__}")
            return 0
        args = rest
    return _check(args)


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
    for warning in config.warnings:
        print(f"refslint: warning: {warning}", file=sys.stderr)
    paths = ns.paths or []
    if not paths:
        raise UsageError("no paths given (use - to read standard input)")
    results = []
    for path in api.expand_paths(paths):
        if path == "-":
            name = ns.stdin_filename or "-"
            results.append(api.lint_bytes(name, sys.stdin.buffer.read(), config))
        elif not os.path.exists(path):
            raise UsageError(f"{path}: no such file or directory")
        else:
            results.append(api.lint_file(path, config))
    _report(ns, results)
    problems = sum(1 for r in results for d in r.diagnostics if d.severity != "info")
    return 0 if ns.exit_zero or not problems else 1


def _use_color(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def _report(ns: argparse.Namespace, results: list) -> None:
    if ns.format == "json":
        from .report import json_format

        print(json_format.render(results))
        return
    from .report import text

    body = text.render(results, color=_use_color(ns.color), show_source=ns.show_source)
    if body:
        print(body)
    if ns.statistics:
        print(_statistics(results))
    if not ns.quiet:
        print(text.summary(results))


def _statistics(results: list) -> str:
    from collections import Counter

    counts: Counter[tuple[str, str]] = Counter()
    fixable: Counter[str] = Counter()
    for r in results:
        for d in r.diagnostics:
            counts[(d.code, d.name)] += 1
            if d.fix and d.fix.applicability == "safe":
                fixable[d.code] += 1
    width = max((len(str(n)) for n in counts.values()), default=1)
    return "\n".join(
        f"{n:>{width}}  {code}  {'[*]' if fixable[code] else '   '} {name}"
        for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )
