"""What the command line and other programs call: lint a text, a file, or many paths."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import sources, suppress
from .checks import CHECK_FAILED, TOO_LONG
from .config import Config, build_config
from .decode import DecodeError, decode
from .engine import Linter, check_failed, lint_document_rules, unreadable
from .fix import FixResult, fix_text
from .model import Diagnostic, Entry, Reference, Source, Span
from .parse import parse
from .sources import Document, plaintext
from .styles import detect
from .workers import worker_pool, worker_state


@dataclass
class FileResult:
    path: str
    source: Source | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    references: int = 0
    verdict: str = ""  # why the file was (or was not) taken for a reference list
    document: Document | None = None
    # Findings this file's lint made in other files (uncited entries of a .bib a manuscript
    # names), one result per file, so that every report shows them at their own positions.
    companions: list[FileResult] = field(default_factory=list)


def list_verdict(refs: list[Reference]) -> tuple[bool, str]:
    """Is this a reference list? At least half of its entries must read as references (a
    citation block, or authors and a year, or a DOI), so a README, requirements.txt or
    LICENSE.txt passed by the pre-commit hook is left alone."""
    if not refs:
        return False, "not a reference list: no references found"
    like = sum(
        1
        for r in refs
        if "cite" in r.fields
        or ("authors" in r.fields and "year" in r.fields)
        or any("10." in t.value for t in r.trailers)
    )
    n = len(refs)
    if like and like * 2 >= n:
        return True, f"a reference list: {like} of {n} entries read as references"
    return False, f"not a reference list: {like} of {n} entries read as references"


def _verdict(doc: Document, refs: list[Reference]) -> tuple[bool, str]:
    if doc.format == "bibtex":
        return True, f"a BibTeX database: {len(refs)} entries"
    is_list, why = list_verdict(refs)
    if doc.format != "text":
        why = f"{doc.format}: {why}"
        if doc.citations:
            why += f"; {len(doc.citations)} citations"
    return is_list, why


def references(text: str, style: str | None = None) -> list[Reference]:
    """The parsed references of a plain-text list, each read in the list's style."""
    found = plaintext.entries(text)
    family = detect.list_family((e.text for e in found), style).family
    return [parse(entry, i, family) for i, entry in enumerate(found)]


def list_style(doc: Document, configured: str | None = None) -> detect.Detection:
    """The style family of a document's list, from its first references."""
    entries = doc.entries[: detect.SAMPLE]
    texts = (entry_text(doc, e).text for e in entries if not _too_long_entry(e))
    return detect.list_family(texts, configured)


def read_document(source: Source, fmt: str | None = None) -> Document:
    return sources.read(source, sources.format_for(source.path, fmt))


# Lists longer than this are parsed and checked a chunk at a time (engine.Linter): memory stays
# bounded by the chunk, the diagnostics and the list rules' compact summaries.
CHUNK = 10_000


def entry_text(doc: Document, entry: Entry) -> Entry:
    """The entry with its text (plain lists keep only spans until an entry is parsed)."""
    if entry.text or entry.span.start == entry.span.end:
        return entry
    return entry._replace(text=doc.text[entry.span.start : entry.span.end])


# The per-reference budget: no real reference comes near this length, and every step of the
# parser and the rules is at most linear in an entry's length below it, so no entry can hold
# up a run (a 10 MB line without line breaks is reported, not parsed).
MAX_ENTRY = 20_000


def _too_long_entry(entry: Entry) -> bool:
    return max(entry.span.end - entry.span.start, len(entry.text)) > MAX_ENTRY


def parse_entry(doc: Document, entry: Entry, index: int, family: str = "vancouver") -> Reference:
    if _too_long_entry(entry):
        ref = Reference(index, entry.label, "", Span(entry.span.start, entry.span.start), kind="other")
        ref.style = "other"
        ref.errors.append("too long")
        return ref
    return parse(entry_text(doc, entry), index, family)


def parse_entries(
    doc: Document, start: int = 0, stop: int | None = None, family: str = "vancouver"
) -> list[Reference]:
    entries = doc.entries[start:stop]
    return [parse_entry(doc, entry, i, family) for i, entry in enumerate(entries, start)]


def _too_long(doc: Document, config: Config) -> list[Diagnostic]:
    """X002 for the entries parse_entry does not parse."""
    if TOO_LONG.code not in config.selected:
        return []
    entries = doc.entries
    if isinstance(entries, plaintext.EntryTable):  # a plain list: its spans are enough
        long = [i for i, (s, e) in enumerate(zip(entries.starts, entries.ends)) if e - s > MAX_ENTRY]  # noqa: B905
    else:
        long = [i for i, e in enumerate(entries) if _too_long_entry(e)]
    found = []
    for i in long:
        span = doc.entry_spans[i]
        size = f"{span.end - span.start:,}"
        message = f"entry of {size} characters: too long to be one reference, not checked"
        where = Span(span.start, min(span.end, span.start + 1))
        rule, level = TOO_LONG, config.levels[TOO_LONG.code]
        found.append(Diagnostic(doc.path, rule.code, rule.name, message, where, level, reference=i))
    return found


def lint_document(doc: Document, config: Config) -> FileResult:
    """Every finding of a document, in the file's coordinates, suppressions applied.

    Nothing a file holds ends the run: a failure while checking it is reported as X003 for
    this file (a failing rule on one reference is reported for that reference by the engine),
    and the other files are checked as usual."""
    try:
        return _lint_document(doc, config)
    except Exception as exc:  # refslint's own failure, confined to this file
        return _failed(doc.path, exc, config, doc)


def _failed(path: str, exc: Exception, config: Config, doc: Document | None) -> FileResult:
    """X003 for a file refslint failed to read or check."""
    found = []
    if CHECK_FAILED.code in config.selected:
        found.append(check_failed(path, Span(0, 0), "refslint", exc, config))
    return FileResult(path, None, found, 0, f"not checked: {type(exc).__name__}", doc)


def _lint_document(doc: Document, config: Config) -> FileResult:
    n = len(doc.entries)
    # A list of more than CHUNK references is parsed and checked a chunk at a time (in
    # `config.jobs` processes): memory stays bounded by the chunk, the findings and the list
    # rules' compact summaries. Document rules (citations, BibTeX) need every reference, so
    # only a plain list is chunked.
    chunked = doc.format == "text" and n > CHUNK
    bounds = [(start, min(start + CHUNK, n)) for start in range(0, n, CHUNK)] if chunked else [(0, n)]
    style = list_style(doc, config.style)
    family = style.family
    first = parse_entries(doc, *bounds[0], family)
    is_list, why = _verdict(doc, first)
    if is_list and doc.format != "bibtex":
        why += f"; {style.describe()}"
    if chunked:
        why += f" (judged on the first {CHUNK:,} of {n:,} entries)"
    diagnostics: list[Diagnostic] = []
    linter = Linter(doc.path, config, doc.format, style)
    refs = first if not chunked else []
    if is_list:
        _feed(linter, doc, config, bounds, first, family)
        entries = doc.entries
        diagnostics = linter.finish(lambda wanted: [parse_entry(doc, entries[i], i, family) for i in wanted])
        if doc.spans is not None:
            diagnostics = [doc.spans.diagnostic(d) for d in diagnostics]
        if not chunked:
            diagnostics = _with_document_fixes(doc, refs, diagnostics, linter, config)
        diagnostics += _too_long(doc, config)
    if is_list or _cites_elsewhere(doc):
        # Citations and BibTeX entries; suppression comments only where something is checked:
        # a file that is not a reference list (a README, a CHANGELOG quoting refslint's own
        # comments) gets no findings at all.
        diagnostics += lint_document_rules(doc, refs if is_list else [], config)
        diagnostics = suppress.apply(doc, diagnostics, config)
    diagnostics.sort(key=lambda d: (d.span.start, d.code, d.span.end))
    own = [d for d in diagnostics if d.path == doc.path]
    result = FileResult(doc.path, None, own, n if is_list else 0, why, doc)
    for path in sorted({d.path for d in diagnostics} - {doc.path}):
        source = _read_quietly(path)
        result.companions.append(FileResult(path, source, [d for d in diagnostics if d.path == path]))
    return result


def _cites_elsewhere(doc: Document) -> bool:
    """A manuscript whose list lives in another file (Pandoc keys against the `.bib` its front
    matter names, `\\cite` keys against `\\bibliography{}` or an `\\input` list)."""
    return bool(doc.citations) and bool(doc.bibliographies or doc.inputs)


def _feed(
    linter: Linter, doc: Document, config: Config, bounds: list[tuple[int, int]], first, family: str
) -> None:
    jobs = min(config.jobs, len(bounds))
    pool = worker_pool(jobs - 1, doc, config, linter.listing) if jobs > 1 else None
    try:
        if pool is None:
            linter.feed(first)
            for start, stop in bounds[1:]:
                linter.feed(parse_entries(doc, start, stop, family))
            return
        # Chunk i goes to a worker unless i % jobs == 0: those this process checks while the
        # workers run. Parts are merged in chunk order, so results do not depend on jobs.
        pending = {i: pool.apply_async(_check_chunk, (b,)) for i, b in enumerate(bounds) if i % jobs}
        parts = {}
        for i, b in enumerate(bounds):
            if i % jobs == 0:
                own = Linter(doc.path, config, doc.format, linter.listing)
                own.feed(first if i == 0 else parse_entries(doc, *b, family))
                parts[i] = own.part()
        for i in range(len(bounds)):
            linter.merge(parts.pop(i) if i in parts else pending.pop(i).get())
    finally:
        if pool is not None:
            pool.close()


def _check_chunk(bounds: tuple[int, int]) -> tuple:
    doc, config, listing = worker_state()
    linter = Linter(doc.path, config, doc.format, listing)
    linter.feed(parse_entries(doc, *bounds, listing.family))
    return linter.part()


def _with_document_fixes(
    doc: Document, refs: list[Reference], diagnostics: list[Diagnostic], linter: Linter, config: Config
) -> list[Diagnostic]:
    """Fixes that need the whole document (a duplicate merged and the citations renumbered):
    the rule builds them (`Rule.document_fix`, in the file's coordinates), where the list's
    parse makes them certain."""
    hooks = {r.code: r.document_fix for r in config.active(doc.path, doc.format) if r.document_fix}
    if not hooks:
        return diagnostics
    out = []
    for d in diagnostics:
        hook = hooks.get(d.code)
        if hook is not None and d.fix is None and d.reference >= 0 and linter.shapes.certain(d.reference):
            fix = hook(doc, refs, d)
            if fix is not None:
                d = d._replace(fix=fix)
        out.append(d)
    return out


def _read_quietly(path: str) -> Source | None:
    try:
        return decode(path, Path(path).read_bytes())
    except (OSError, DecodeError):
        return None


@dataclass
class ParsedItem:
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
        config = dataclasses.replace(config, input_format=fmt)
    return lint_source(Source(path, text), config).diagnostics


def lint_source(source: Source, config: Config) -> FileResult:
    try:
        doc = read_document(source, config.input_format)
    except Exception as exc:  # refslint's own failure while reading: confined to this file
        result = _failed(source.path, exc, config, None)
    else:
        result = lint_document(doc, config)
    result.source = source
    return result


def lint_bytes(path: str, data: bytes, config: Config) -> FileResult:
    try:
        source = decode(path, data)
    except DecodeError as exc:
        return FileResult(path, None, unreadable(path, str(exc), config))
    return lint_source(source, config)


def lint_file(path: str, config: Config) -> FileResult:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return FileResult(path, None, unreadable(path, exc.strerror or str(exc), config))
    try:
        source = decode(path, data)
    except DecodeError as exc:
        return FileResult(path, None, unreadable(path, str(exc), config))
    del data  # a 200 MB file need not be held twice while it is linted
    return lint_source(source, config)


def fix_source(
    source: Source,
    config: Config,
    unsafe: bool = False,
    keep: Callable[[FileResult], list[Diagnostic]] | None = None,
) -> tuple[FixResult, FileResult]:
    """Apply the fixable findings of a file's text; returns the fix and the findings left.
    `keep` filters each round's findings (a baseline): what it drops is not fixed either."""

    def lint(text: str) -> list[Diagnostic]:
        changed = Source(source.path, text, source.encoding, source.bom)
        result = lint_document(read_document(changed, config.input_format), config)
        result.source = changed
        return keep(result) if keep is not None else result.diagnostics

    fixed = fix_text(source.text, lint, unsafe=unsafe, unfixable=config.unfixable)
    new_source = Source(source.path, fixed.text, source.encoding, source.bom)
    after = lint_source(new_source, config)
    after.diagnostics = fixed.remaining
    return fixed, after


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
