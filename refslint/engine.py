"""Runs the rules over the references of one file: entry rules, then list rules; resolves
house-style observations against the chosen style; applies levels and ignores; sorts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .checks import UNREADABLE, Context, Finding, Rule
from .config import Config
from .model import Diagnostic, Reference, Span


def lint_references(path: str, refs: list[Reference], config: Config) -> list[Diagnostic]:
    rules = config.active(path)
    found: list[tuple[Rule, Finding]] = []
    contexts = {r.code: Context(path, config.options[r.code], config.preset) for r in rules}
    entry_rules = [r for r in rules if r.scope == "entry"]
    for ref in refs:
        for rule in entry_rules:
            for f in rule.check(ref, contexts[rule.code]):
                found.append((rule, f if f.reference >= 0 else _with_ref(f, ref.index)))
    for rule in rules:
        if rule.scope == "list":
            found.extend((rule, f) for f in rule.check(refs, contexts[rule.code]))
    kept = _resolve_styles(found, config)
    labels = {ref.index: ref for ref in refs}
    diagnostics = []
    for rule, f in kept:
        ref = labels.get(f.reference)
        if ref is not None and config.per_reference_ignores:
            ignored = config.per_reference_ignores.get(_label_key(ref), set())
            if rule.code in ignored:
                continue
        diagnostics.append(
            Diagnostic(
                path,
                rule.code,
                rule.name,
                f.message,
                f.span,
                config.levels[rule.code],
                f.fix,
                f.related,
                reference=f.reference,
            )
        )
    diagnostics.sort(key=lambda d: (d.span.start, d.code, d.span.end))
    return diagnostics


def _label_key(ref: Reference) -> str:
    digits = "".join(c for c in ref.label if c.isdigit())
    return digits or str(ref.index + 1)


def _with_ref(f: Finding, index: int) -> Finding:
    return Finding(f.span, f.message, f.fix, f.style, f.related, index)


def _resolve_styles(found: list[tuple[Rule, Finding]], config: Config) -> Iterable[tuple[Rule, Finding]]:
    """Keep a house-style finding only when its variant is not the chosen one.

    The chosen variant is the rule's `style` option when set (by a preset or the
    configuration), else the variant most references of this list show, if more than half of
    the references that show any variant do. Each reference votes once per rule and dimension.
    A style may read `variant@dimension` when a rule judges independent choices (the space
    after `;` and after `:`): each dimension has its own majority."""
    votes: dict[tuple[str, str], Counter[str]] = {}
    seen: set[tuple[str, int, str]] = set()
    for rule, f in found:
        if f.style is None:
            continue
        variant, _, dimension = f.style.partition("@")
        key = (rule.code, f.reference, f.style)
        if key not in seen:
            seen.add(key)
            votes.setdefault((rule.code, dimension), Counter())[variant] += 1
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
    for rule, f in found:
        if f.style is None:
            yield rule, f
            continue
        variant, _, dimension = f.style.partition("@")
        style, basis = chosen[(rule.code, dimension)]
        if style is None or variant == style:
            continue
        message = f.message.replace("{expected}", f"expected {style}, {basis}")
        yield rule, Finding(f.span, message, f.fix, None, f.related, f.reference)


def unreadable(path: str, why: str, config: Config) -> list[Diagnostic]:
    if UNREADABLE.code not in config.selected:
        return []
    return [
        Diagnostic(
            path,
            UNREADABLE.code,
            UNREADABLE.name,
            f"cannot read {path}: {why}",
            Span(0, 0),
            config.levels[UNREADABLE.code],
        )
    ]
