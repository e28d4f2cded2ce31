"""What the command line and other programs call: lint a text, a file, or many paths."""

import copy
import importlib
from bisect import bisect_right
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from . import sources
from .config import Config, build_config
from .decode import DecodeError, decode
from .engine import unreadable
from .findings import ordered
from .fix import FixResult, apply_edits, fix_text, shifter
from .linting import (  # noqa: F401 (the API's names since before linting.py)
    CHUNK,
    MAX_ENTRY,
    FileResult,
    entry_text,
    failed,
    lint_document,
    list_style,
    list_verdict,
    parse_entries,
    parse_entry,
    recheck,
)
from .model import Diagnostic, Reference, Source, Span
from .parse import parse
from .sources import Document, plaintext
from .styles import detect


def references(text: str, style: str | None = None) -> list[Reference]:
    """The parsed references of a plain-text list, each read in the list's style."""
    found = plaintext.entries(text)
    family = detect.list_family((e.text for e in found), style).family
    return [parse(entry, i, family) for i, entry in enumerate(found)]


def read_document(source: Source, fmt: str | None = None) -> Document:
    return sources.read(source, sources.format_for(source.path, fmt))


class ParsedItem(NamedTuple):
    """One reference as `refslint parse` shows it: where it is, the list's style and the family
    the reference was read in (`other`: none placed it), its fields as a CSL-JSON item and each
    field's span in the file."""

    path: str
    index: int
    line: int
    style: str
    family: str
    csl: dict
    spans: dict[str, Span]

    def as_json(self, line_of) -> dict:
        spans = {}
        for key, span in self.spans.items():
            (l1, c1), (l2, c2) = line_of(span.start), line_of(span.end)
            spans[key] = {"start": span.start, "end": span.end, "line": l1, "column": c1,
                          "end_line": l2, "end_column": c2}  # fmt: skip
        return {"path": self.path, "line": self.line, "style": self.style, "family": self.family,
                "csl": self.csl, "spans": spans}  # fmt: skip


def parse_document(doc: Document, style: str | None = None) -> list[ParsedItem]:
    """The parsed references of a document, in the file's coordinates."""
    from .csl import csl_item, field_spans
    from .report import LineIndex

    lines = LineIndex(doc.text)
    items = []
    listing = list_style(doc, style)
    for ref in parse_entries(doc, family=listing.family):
        spans = field_spans(ref)
        if doc.spans is not None:
            spans = {k: doc.spans.span(v) for k, v in spans.items()}
        start = doc.entry_spans[ref.index].start if ref.index < len(doc.entry_spans) else ref.span.start
        line = lines.position(start)[0]
        items.append(ParsedItem(doc.path, ref.index, line, listing.style, ref.style, csl_item(ref), spans))
    return items


def parse_text(
    text: str, path: str = "<text>", fmt: str | None = None, style: str | None = None
) -> list[ParsedItem]:
    """`refslint parse` for a text: its references as CSL-JSON items with spans."""
    return parse_document(read_document(Source(path, text), fmt), style)


def lint_text(
    text: str, path: str = "<text>", config: Config | None = None, fmt: str | None = None
) -> list[Diagnostic]:
    """Findings for a reference list (or manuscript, or BibTeX file) given as text."""
    config = config or build_config(isolated=True)
    if fmt is not None and fmt != config.input_format:
        config = config.replace(input_format=fmt)
    return list(lint_source(Source(path, text), config).diagnostics)


def lint_source(source: Source, config: Config) -> FileResult:
    try:
        doc = read_document(source, config.input_format)
    except Exception as exc:  # refslint's own failure while reading: confined to this file
        result = failed(source.path, exc, config, None)
    else:
        result = lint_document(doc, config)
    result.source = source
    return result


def decode_input(path: str, data: bytes, fmt: str | None = None) -> Source:
    """The text a file's reader reads: decoded from UTF-8 / UTF-16, or by its format's own
    decoder (a format that is not text). Raises DecodeError."""
    decoder = sources.input_format(sources.format_for(path, fmt)).decoder
    if decoder is None:
        return decode(path, data)
    module, _, function = decoder.partition(":")
    return getattr(importlib.import_module(module), function)(path, data)


def lint_bytes(path: str, data: bytes, config: Config) -> FileResult:
    try:
        source = decode_input(path, data, config.input_format)
    except DecodeError as exc:
        return FileResult(path, None, unreadable(path, str(exc), config))
    return lint_source(source, config)


def lint_file(path: str, config: Config) -> FileResult:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return FileResult(path, None, unreadable(path, exc.strerror or str(exc), config))
    try:
        source = decode_input(path, data, config.input_format)
    except DecodeError as exc:
        return FileResult(path, None, unreadable(path, str(exc), config))
    del data  # a 200 MB file need not be held twice while it is linted
    return lint_source(source, config)


def fix_source(
    source: Source,
    config: Config,
    unsafe: bool = False,
    keep: Callable[[FileResult], list[Diagnostic]] | None = None,
    linted: FileResult | None = None,
    track_changes: bool = False,
) -> tuple[FixResult, FileResult]:
    """Apply the fixable findings of a file's text; returns the fix and the file's result
    after it. `keep` filters each round's findings (a baseline): what it drops is not fixed
    either. `linted`: the lint of this very text already made (the report's), whose findings
    the first round takes; in a plain list, later rounds re-check only the references the
    fixes edited, and the text is linted whole once more at the end, for what remains.
    A format that is not text (Word) is edited by its writer (as tracked changes with
    `track_changes`)."""
    last = {"result": linted}  # the latest lint: what the file's result is after the fixes
    apply: Callable[[str, list], str] = apply_edits
    remake: Callable[[str], Source] = _with_text(source)  # the Source of a text a round made
    # A format that is not text (inputs.InputFormat.writer): its writer edits the file itself.
    writer = sources.input_format(sources.format_for(source.path, config.input_format)).writer
    if writer is not None and source.package is not None:
        splicer = importlib.import_module(writer).Splicer(source, track_changes)
        apply, remake = splicer.apply, splicer.source

    def kept(result: FileResult) -> list[Diagnostic]:
        return keep(result) if keep is not None else list(result.diagnostics)

    def lint(text: str) -> list[Diagnostic]:
        changed = remake(text)
        result = lint_document(read_document(changed, config.input_format), config)
        result.source = changed
        last["result"] = result
        return kept(result)

    def update(
        _text: str, new: str, chosen: list[Diagnostic], _found: list[Diagnostic]
    ) -> list[Diagnostic] | None:
        before = last["result"]
        if before is None or before.recheck is None or before.document is None:
            return None
        changed = remake(new)
        doc = read_document(changed, config.input_format)
        edits = sorted((e for d in chosen for e in d.fix.edits), key=lambda e: (e.span.start, e.span.end))  # type: ignore[union-attr]
        touched = _touched(before.document, doc, edits)
        if touched is None:
            return None
        # (From the findings before `keep`: a baseline hides as many of a kind as it records.)
        shifted = shifter(edits)
        carried = [shifted(d) for d in before.diagnostics if d.reference not in touched]
        fresh = recheck(doc, config, before.recheck, sorted(touched))
        result = FileResult(source.path, changed, ordered([*carried, *fresh]), before.references,
                            before.verdict, doc)  # fmt: skip
        result.recheck = before.recheck
        last["result"] = result
        return kept(result)

    found = kept(linted) if linted is not None else None
    fixed = fix_text(source.text, lint, unsafe, config.unfixable, found, update, apply)
    after = copy.copy(last["result"]) if last["result"] is not None else lint_source(source, config)
    after.diagnostics = fixed.remaining
    return fixed, after


def _with_text(source: Source) -> Callable[[str], Source]:
    return lambda text: source._replace(text=text)


def _touched(before: Document, after: Document, edits: list) -> set[int] | None:
    """The references of a plain list the edits changed, when the list is otherwise the same
    (as many entries, each edit inside one entry, the others where the edits moved them);
    None when a whole lint is needed."""
    spans, moved = before.entry_spans, after.entry_spans
    if len(spans) != len(moved) or not spans:
        return None
    starts = [s.start for s in spans]
    grown: dict[int, int] = {}  # entry -> how much longer its edits made it
    for e in edits:
        i = bisect_right(starts, e.span.start) - 1
        if i < 0 or e.span.end > spans[i].end:
            return None  # (an edit between entries, or across two)
        grown[i] = grown.get(i, 0) + len(e.replacement) - (e.span.end - e.span.start)
    delta = 0
    for i, (old, new) in enumerate(zip(spans, moved, strict=True)):
        if new.start != old.start + delta:
            return None
        delta += grown.get(i, 0)
        if new.end != old.end + delta:
            return None
    return set(grown)


def expand_paths(
    paths: list[str], config: Config | None = None, force_exclude: bool = False
) -> Iterator[str]:
    """Files named explicitly are always linted; folders are walked for reference lists."""
    from .files import discover

    config = config or build_config(isolated=True)
    for path, _why in discover(
        paths, config.include, config.exclude, force_exclude, config.respect_gitignore
    ):
        yield path


def lint_paths(paths: list[str], config: Config | None = None) -> list[FileResult]:
    config = config or build_config()
    return [lint_file(p, config) for p in expand_paths(paths)]
