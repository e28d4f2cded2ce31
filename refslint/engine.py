"""Runs the rules over the references of one file: entry rules, then list rules; resolves
house-style rules against the chosen style; applies levels and ignores; sorts."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict

from .checks import UNREADABLE, Context, Finding, Rule
from .checks.base import ref_name
from .config import Config
from .model import Diagnostic, Reference, Span, gc_paused

# (rule, finding, index of the reference it belongs to)
Found = tuple[Rule, Finding, int]


def is_style_rule(rule: Rule) -> bool:
    return "style" in rule.options


@gc_paused
def lint_references(path: str, refs: list[Reference], config: Config, fmt: str = "text") -> list[Diagnostic]:
    """The findings of the entry and list rules, in the coordinates of the references."""
    rules = [r for r in config.active(path, fmt) if r.scope != "document"]
    contexts = {r.code: Context(path, config.options[r.code], config.preset) for r in rules}
    voting: list[tuple[Rule, Context, Ballot]] = []
    for r in rules:
        ctx = contexts[r.code]
        if is_style_rule(r):
            configured = config.options[r.code].get("style", "auto")
            if configured != "auto":
                ctx.fixed = str(configured)
            else:
                ctx.votes = set()
                voting.append((r, ctx, []))
    ballots = {r.code: votes for r, _ctx, votes in voting}
    entry = [r for r in rules if r.scope == "entry"]
    triggered = [(r, r.check, contexts[r.code], r.trigger) for r in entry if r.trigger is not None]
    conditional = [(r, r.check, contexts[r.code], r.only_if_missing) for r in entry if r.only_if_missing]
    plain = [
        (r, r.check, contexts[r.code])
        for r in entry
        if r.trigger is None and not r.only_if_missing and r.code not in ballots
    ]
    voters = [(r, r.check, contexts[r.code], ballots[r.code]) for r in entry if r.code in ballots]
    found: list[Found] = []
    add = found.append
    # Rule by rule over all references: the loops are tighter than reference by reference, and
    # a rule's trigger is searched in the whole list at once (see _matching).
    scan = _Scan(refs) if triggered else None
    for rule, check, ctx, pattern in triggered:
        for ref in scan.matching(pattern):  # type: ignore[union-attr]
            for f in check(ref, ctx):
                add((rule, f, ref.index))
    for rule, check, ctx, needed in conditional:
        for ref in refs:
            fields = ref.fields
            for name in needed:
                if name not in fields:
                    for f in check(ref, ctx):
                        add((rule, f, ref.index))
                    break
    for rule, check, ctx in plain:
        for ref in refs:
            for f in check(ref, ctx):
                add((rule, f, ref.index))
    for rule, check, ctx, ballot in voters:
        for ref in refs:
            for f in check(ref, ctx):
                add((rule, f, ref.index))
            if ctx.votes:
                ballot.append((ref, ctx.votes))
                ctx.votes = set()
    for rule, ctx, votes in voting:
        _second_pass(rule, ctx, votes, found)
    for rule in rules:
        if rule.scope == "list":
            found.extend((rule, f, f.reference) for f in rule.check(refs, contexts[rule.code]))
    by_index = {ref.index: ref for ref in refs} if config.per_reference_ignores else {}
    diagnostics = []
    for rule, f, index in found:
        ref = by_index.get(index)
        if ref is not None and rule.code in config.per_reference_ignores.get(ref_name(ref), ()):
            continue
        message = f.message
        if f.style is not None:
            message = message.replace("{expected}", _expected(rule, contexts[rule.code], f.style, config))
        diagnostics.append(_diagnostic(rule, f, path, config, message, index))
    diagnostics.sort(key=lambda d: (d.span.start, d.code, d.span.end))
    return diagnostics


def _diagnostic(rule: Rule, f: Finding, path: str, config: Config, message: str, index: int) -> Diagnostic:
    fix = f.fix() if callable(f.fix) else f.fix
    return Diagnostic(
        path, rule.code, rule.name, message, f.span, config.levels[rule.code], fix, f.related, reference=index
    )


def lint_document_rules(doc, refs: list[Reference], config: Config) -> list[Diagnostic]:
    """The findings of the rules that judge a whole document (BibTeX entries, citations), in
    the file's own coordinates. A finding in another file (a .bib the manuscript names) is
    kept only if the rule is active for that file too."""
    diagnostics = []
    by_index = {ref.index: ref for ref in refs} if config.per_reference_ignores else {}
    for rule in config.active(doc.path, doc.format):
        if rule.scope != "document":
            continue
        ctx = Context(doc.path, config.options[rule.code], config.preset)
        for f in rule.check(doc, refs, ctx):
            path = f.path or doc.path
            if path != doc.path and rule not in config.active(path):
                continue
            ref = by_index.get(f.reference)
            if ref is not None and rule.code in config.per_reference_ignores.get(ref_name(ref), ()):
                continue
            diagnostics.append(_diagnostic(rule, f, path, config, f.message, f.reference))
    return diagnostics


Ballot = list[tuple[Reference, set[str]]]

# Constructs whose meaning depends on what lies beyond the match: at a reference's edge they see
# the neighbouring reference (or the separator) in the joined text instead of the text's end.
_EDGE_SENSITIVE = re.compile(r"(?<!\[)\^|\$|\\[AZzbB]|\(\?<?[=!]")


class _Scan:
    """Which references a trigger pattern matches, found by searching all of them joined
    (one C-level scan per rule instead of one Python call per reference and rule)."""

    def __init__(self, refs: list[Reference]) -> None:
        self.refs = refs
        self.starts: list[int] = []
        self.ends: list[int] = []
        pos = 0
        for ref in refs:
            self.starts.append(pos)
            pos += len(ref.raw)
            self.ends.append(pos)
            pos += 1
        self.text = "\n".join(ref.raw for ref in refs)

    def matching(self, pattern: re.Pattern[str]) -> list[Reference]:
        refs = self.refs
        if len(refs) < 64 or _EDGE_SENSITIVE.search(pattern.pattern):
            search = pattern.search
            return [ref for ref in refs if search(ref.raw) is not None]
        hits = []
        search, text, starts, ends = pattern.search, self.text, self.starts, self.ends
        pos, n = 0, len(refs)
        while True:
            m = search(text, pos)
            if m is None:
                return hits
            i = bisect_right(starts, m.start()) - 1
            # A match that crosses into the separator or the next reference proves nothing
            # about this one: ask this reference alone.
            if m.end() <= ends[i] or search(refs[i].raw) is not None:
                hits.append(refs[i])
            if i + 1 >= n:
                return hits
            pos = starts[i + 1]


def _second_pass(rule: Rule, ctx: Context, votes: Ballot, found: list[Found]) -> None:
    """Choose each dimension's majority variant, then re-check only the references that show
    another variant.

    The chosen variant is the one more than half of the voting references show; with no such
    majority nothing is reported. Each reference votes once per variant and dimension (a style
    reads `variant@dimension` when a rule judges independent choices, such as the space after
    `;` and after `:`)."""
    tally = Counter(style for _ref, styles in votes for style in styles)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for style, n in tally.items():
        variant, _, dimension = style.partition("@")
        counts[dimension][variant] += n
    ctx.chosen = {}
    for dimension, counter in counts.items():
        top, n = counter.most_common(1)[0]
        ctx.chosen[dimension] = top if n * 2 > sum(counter.values()) else None
    ctx.votes = None
    losing = {style for style in tally if ctx.wants(style)}  # variants other than the chosen
    if not losing:
        return
    for ref, styles in votes:
        if not losing.isdisjoint(styles):
            found.extend((rule, f, ref.index) for f in rule.check(ref, ctx))


def _expected(rule: Rule, ctx: Context, style: str, config: Config) -> str:
    if ctx.fixed is not None:
        basis = f"preset {config.preset}" if config.preset else "configured"
        return f"expected {ctx.fixed}, {basis}"
    dimension = style.partition("@")[2]
    return f"expected {ctx.chosen.get(dimension)}, as in most of this list"


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
