"""Applying suppression comments (sources/suppressions.py reads them), reporting the unused
ones (S001), and writing new ones for --add-noqa."""

from __future__ import annotations

import re

from .checks import UNUSED_SUPPRESSION
from .config import Config
from .inputs import FORMAT_TABLE, input_format
from .model import Diagnostic, Edit, Fix, Span
from .sources import Document, Suppression

IN_TEXT = ("html", "percent")  # the comment styles (inputs.InputFormat.comments) in the file's text


def _resolver(config: Config):
    """code or rule name -> code (None if unknown), over the configuration's rules."""
    codes = {r.code for r in config.rules}
    names = {r.name: r.code for r in config.rules}

    def resolve(code: str) -> str | None:
        if code.upper() in codes:
            return code.upper()
        return names.get(code)

    return resolve


def apply(doc: Document, diagnostics: list[Diagnostic], config: Config) -> list[Diagnostic]:
    """Drop the findings the document's comments suppress; add S001 for comments (or codes in
    them) that suppress nothing."""
    if not doc.suppressions:
        return diagnostics
    resolve = _resolver(config)
    wanted = [{resolve(c) or c for c in s.codes} for s in doc.suppressions]
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
            finding = _unused(doc, s, codes, hit, active, config, resolve)
            if finding is not None:
                kept.append(finding)
    return kept


def _unused(
    doc: Document, s: Suppression, codes: set[str], hit: set[str], active: set[str], config: Config, resolve
) -> Diagnostic | None:
    rule = UNUSED_SUPPRESSION
    if not s.codes:
        if hit:
            return None
        message, keep = "this suppression comment suppresses nothing", []
    else:
        unknown = [c for c in s.codes if resolve(c) is None]
        unused = [
            c for c in s.codes if (code := resolve(c)) is not None and code in active and code not in hit
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
    # A Word comment lives outside the text (its own part): a person deletes it in Word.
    fix = _fix(doc.text, s, keep) if input_format(doc.format).comments in IN_TEXT else None
    return Diagnostic(doc.path, rule.code, rule.name, message, s.span, config.levels[rule.code], fix)


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

COMMENT_FORMATS = tuple(f.name for f in FORMAT_TABLE if f.comments)

def noqa_edits(doc: Document, diagnostics: list[Diagnostic]) -> list[Edit]:
    """One suppression comment for each entry (or line) with findings, naming their codes.

    LaTeX and BibTeX: a `% refslint: ignore[...]` line above the entry (a comment line changes
    nothing TeX or BibTeX reads). Markdown: `<!-- refslint-disable-line ... -->` at the end of
    the entry's last line, where it is inline HTML inside the paragraph or list item: a comment
    on a line of its own would be an HTML block, splitting a paragraph or a list in two."""
    if input_format(doc.format).comments not in IN_TEXT:
        return []  # (Word's comments are not in the text: its format's writer adds them)
    inline = input_format(doc.format).comments == "html"
    targets: dict[int, set[str]] = {}  # where the comment goes -> codes
    newline = "\r\n" if "\r\n" in doc.text else "\n"
    for d in diagnostics:
        if d.path != doc.path or d.code == UNUSED_SUPPRESSION.code:
            continue
        start = end = d.span.start
        for span, label in zip(
            doc.entry_spans, doc.label_spans or [None] * len(doc.entry_spans), strict=True
        ):
            first = min(span.start, label.start) if label else span.start
            if first <= start <= span.end:
                start, end = first, span.end
                break
        if inline:
            where = _line_end_before_breaks(doc.text, end)
        else:
            where = doc.text.rfind("\n", 0, start) + 1
        targets.setdefault(where, set()).add(d.code)
    edits = []
    for where, codes in sorted(targets.items()):
        written = ", ".join(sorted(codes))
        if inline:
            edits.append(Edit(Span(where, where), f" <!-- refslint-disable-line {written} -->"))
        else:
            indent = re.match(r"[ \t]*", doc.text[where:]).group(0)  # type: ignore[union-attr]
            edits.append(Edit(Span(where, where), f"{indent}% refslint: ignore[{written}]{newline}"))
    return edits


def _line_end_before_breaks(text: str, pos: int) -> int:
    """The end of the line holding pos, before trailing spaces and a backslash (a Markdown hard
    line break, which must stay the last thing on its line)."""
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end
    while end > pos and text[end - 1] in " \t\r":
        end -= 1
    if end > pos and text[end - 1] == "\\":
        end -= 1
        while end > pos and text[end - 1] in " \t":
            end -= 1
    return end
