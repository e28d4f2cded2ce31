"""Runs the rules over the references of one file: entry rules, then list rules; resolves
house-style observations against the chosen style; applies levels and ignores; sorts."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from .checks import UNREADABLE, Context, Finding, Rule
from .config import Config
from .model import Diagnostic, Fix, Reference, Span

# (rule, finding, index of the reference it belongs to)
Found = tuple[Rule, Finding, int]


def lint_references(path: str, refs: list[Reference], config: Config) -> list[Diagnostic]:
    rules = config.active(path)
    contexts = {r.code: Context(path, config.options[r.code], config.preset) for r in rules}
    checks = [(r, r.check, contexts[r.code]) for r in rules if r.scope == "entry"]
    found: list[Found] = []
    add = found.append
    for ref in refs:
        index = ref.index
        for rule, check, ctx in checks:
            for f in check(ref, ctx):
                add((rule, f, index))
    for rule in rules:
        if rule.scope == "list":
            found.extend((rule, f, f.reference) for f in rule.check(refs, contexts[rule.code]))
    by_index = {ref.index: ref for ref in refs} if config.per_reference_ignores else {}
    diagnostics = []
    for rule, f, index in _resolve_styles(found, config):
        ref = by_index.get(index)
        if ref is not None and rule.code in config.per_reference_ignores.get(_label_key(ref), ()):
            continue
        fix = f.fix() if callable(f.fix) else f.fix
        diagnostics.append(
            Diagnostic(path, rule.code, rule.name, f.message, f.span, config.levels[rule.code],
                       fix, f.related, reference=index)
        )
    diagnostics.sort(key=lambda d: (d.span.start, d.code, d.span.end))
    return diagnostics


def _label_key(ref: Reference) -> str:
    digits = "".join(c for c in ref.label if c.isdigit())
    return digits or str(ref.index + 1)


def _resolve_styles(found: list[Found], config: Config) -> Iterator[Found]:
    """Keep a house-style finding only when its variant is not the chosen one.

    The chosen variant is the rule's `style` option when set (by a preset or the
    configuration), else the variant most references of this list show, if more than half of
    the references that show any variant do. Each reference votes once per rule and dimension.
    A style may read `variant@dimension` when a rule judges independent choices (the space
    after `;` and after `:`): each dimension has its own majority."""
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    seen: set[tuple[str, int, str]] = set()
    for rule, f, index in found:
        if f.style is not None and (rule.code, index, f.style) not in seen:
            seen.add((rule.code, index, f.style))
            variant, _, dimension = f.style.partition("@")
            votes[(rule.code, dimension)][variant] += 1
    chosen: dict[tuple[str, str], tuple[str | None, str]] = {}
    for (code, dimension), counter in votes.items():
        configured = config.options[code].get("style", "auto")
        if configured != "auto":
            basis = f"preset {config.preset}" if config.preset else "configured"
            chosen[(code, dimension)] = (str(configured), basis)
            continue
        top, n = counter.most_common(1)[0]
        total = sum(counter.values())
        chosen[(code, dimension)] = (top, "as in most of this list") if n * 2 > total else (None, "")
    for rule, f, index in found:
        if f.style is None:
            yield rule, f, index
            continue
        variant, _, dimension = f.style.partition("@")
        style, basis = chosen[(rule.code, dimension)]
        if style is None or variant == style:
            continue
        message = f.message.replace("{expected}", f"expected {style}, {basis}")
        yield rule, Finding(f.span, message, f.fix, None, f.related, index), index


def unreadable(path: str, why: str, config: Config) -> list[Diagnostic]:
    if UNREADABLE.code not in config.selected:
        return []
    return [Diagnostic(path, UNREADABLE.code, UNREADABLE.name, f"cannot read {path}: {why}",
                       Span(0, 0), config.levels[UNREADABLE.code])]


__all__ = ["Fix", "lint_references", "unreadable"]
