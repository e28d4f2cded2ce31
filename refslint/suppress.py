"""Applying suppression comments (sources/suppressions.py reads them), reporting the unused
ones (S001), and writing new ones for --add-noqa."""

from __future__ import annotations

import re

from .checks import UNUSED_SUPPRESSION, by_code
from .config import Config
from .model import Diagnostic, Edit, Fix, Span
from .sources import Document, Suppression


def _resolve(code: str) -> str | None:
    rules = by_code()
    if code.upper() in rules:
        return code.upper()
    for rule in rules.values():
        if rule.name == code:
            return rule.code
    return None


def apply(doc: Document, diagnostics: list[Diagnostic], config: Config) -> list[Diagnostic]:
    """Drop the findings the document's comments suppress; add S001 for comments (or codes in
    them) that suppress nothing."""
    if not doc.suppressions:
        return diagnostics
    wanted = [{_resolve(c) or c for c in s.codes} for s in doc.suppressions]
    used: list[set[str]] = [set() for _ in doc.suppressions]
    kept = []
    for d in diagnostics:
        hidden = False
        if d.path == doc.path and d.code != UNUSED_SUPPRESSION.code:
            for k, s in enumerate(doc.suppressions):
                if s.target.start <= d.span.start <= s.target.end and (not s.codes or d.code in wanted[k]):
                    used[k].add(d.code)
                    hidden = True
        if not hidden:
            kept.append(d)
    active = {r.code for r in config.active(doc.path, doc.format)}
    if UNUSED_SUPPRESSION.code in active:
        for s, codes, hit in zip(doc.suppressions, wanted, used, strict=True):
            finding = _unused(doc, s, codes, hit, active, config)
            if finding is not None:
                kept.append(finding)
    return kept


def _unused(
    doc: Document, s: Suppression, codes: set[str], hit: set[str], active: set[str], config: Config
) -> Diagnostic | None:
    rule = UNUSED_SUPPRESSION
    if not s.codes:
        if hit:
            return None
        message, keep = "this suppression comment suppresses nothing", []
    else:
        unknown = [c for c in s.codes if _resolve(c) is None]
        unused = [
            c for c in s.codes if (code := _resolve(c)) is not None and code in active and code not in hit
        ]
        if not unknown and not unused:
            return None
        keep = [c for c in s.codes if c not in unknown and c not in unused]
        parts = []
        if unknown:
            parts.append(f"unknown rule code{'s' if len(unknown) > 1 else ''} {', '.join(unknown)}")
        if unused:
            parts.append(f"{', '.join(unused)} suppress{'es' if len(unused) == 1 else ''} nothing here")
        message = "; ".join(parts)
    return Diagnostic(
        doc.path, rule.code, rule.name, message, s.span, config.levels[rule.code], _fix(doc.text, s, keep)
    )


def _fix(text: str, s: Suppression, keep: list[str]) -> Fix:
    if keep:
        written = ", ".join(keep)
        if s.text.startswith("<!--"):
            new = re.sub(r"(refslint-[a-z-]+)\b.*?(\s*-->)$", rf"\1 {written}\2", s.text, flags=re.DOTALL)
        else:
            new = re.sub(r"\[[^\]]*\]", f"[{written}]", s.text, count=1)
        return Fix("remove the unused codes", (Edit(s.span, new),))
    line_start = text.rfind("\n", 0, s.span.start) + 1
    line_end = text.find("\n", s.span.end)
    line_end = len(text) if line_end < 0 else line_end
    alone = not text[line_start : s.span.start].strip() and not text[s.span.end : line_end].strip()
    span = Span(line_start, min(line_end + 1, len(text))) if alone else s.span
    return Fix("remove the suppression comment", (Edit(span, ""),))


# --- --add-noqa -----------------------------------------------------------------------------

COMMENT_FORMATS = ("markdown", "latex", "bibtex")


def noqa_edits(doc: Document, diagnostics: list[Diagnostic]) -> list[Edit]:
    """One comment above each entry (or line) with findings, naming their codes."""
    if doc.format not in COMMENT_FORMATS:
        return []
    targets: dict[int, set[str]] = {}
    for d in diagnostics:
        if d.path != doc.path or d.code == UNUSED_SUPPRESSION.code:
            continue
        start = d.span.start
        for span, label in zip(
            doc.entry_spans, doc.label_spans or [None] * len(doc.entry_spans), strict=True
        ):
            first = min(span.start, label.start) if label else span.start
            if first <= start <= span.end:
                start = first
                break
        line_start = doc.text.rfind("\n", 0, start) + 1
        targets.setdefault(line_start, set()).add(d.code)
    edits = []
    for line_start, codes in sorted(targets.items()):
        indent = re.match(r"[ \t]*", doc.text[line_start:]).group(0)  # type: ignore[union-attr]
        written = ", ".join(sorted(codes))
        if doc.format == "markdown":
            comment = f"<!-- refslint-disable-next-line {written} -->"
        else:
            comment = f"% refslint: ignore[{written}]"
        newline = "\r\n" if "\r\n" in doc.text else "\n"
        edits.append(Edit(Span(line_start, line_start), f"{indent}{comment}{newline}"))
    return edits
