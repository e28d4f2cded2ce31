"""One document's lint, whatever its length: the references parsed and checked a chunk at a
time by one engine loop (a long plain list's chunks also in worker processes), then the list
rules, the document rules (citations, BibTeX) and the suppression comments.

Chunks are an implementation detail: a list checked in chunks, in one process or several,
gives exactly the findings of the list checked whole (tests/test_scale.py), and they come back
compact and in report order (`findings.Findings`), so a report can be written while memory
stays bounded by the chunk, not by the number of findings.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from . import suppress
from .checks import CHECK_FAILED, TOO_LONG
from .config import Config
from .decode import DecodeError, decode
from .engine import Linter, check_failed, lint_document_rules
from .findings import Findings, ordered
from .model import Diagnostic, Entry, Reference, Source, Span
from .parse import parse
from .sources import Document, input_format, plaintext
from .styles import detect
from .workers import worker_pool, worker_state

# A list longer than this is parsed and checked a chunk at a time: memory stays bounded by the
# chunk, the compact findings and the list rules' compact summaries; only the first chunk is
# read to decide whether the file is a reference list at all.
CHUNK = 10_000

# The per-reference budget: no real reference comes near this length, and every step of the
# parser and the rules is at most linear in an entry's length below it, so no entry can hold
# up a run (a 10 MB line without line breaks is reported, not parsed).
MAX_ENTRY = 20_000


class FileResult:
    """The lint of one file: its findings in report order (compact: iterate them, or ask for
    `len`; a list of them is made only on request), how many references it holds and why it
    was (or was not) taken for a reference list."""

    def __init__(
        self,
        path: str,
        source: Source | None,
        diagnostics: Sequence[Diagnostic] = (),
        references: int = 0,
        verdict: str = "",
        document: Document | None = None,
        companions: list[FileResult] | None = None,
    ) -> None:
        self.path = path
        self.source = source
        self.diagnostics: Sequence[Diagnostic] = diagnostics if diagnostics != () else []
        self.references = references
        self.verdict = verdict  # why the file was (or was not) taken for a reference list
        self.document = document
        # Findings this file's lint made in other files (uncited entries of a .bib a manuscript
        # names), one result per file, so that every report shows them at their own positions.
        self.companions: list[FileResult] = companions if companions is not None else []

    def __repr__(self) -> str:
        return f"FileResult({self.path!r}, {len(self.diagnostics)} findings, {self.references} references)"


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
    if not input_format(doc.format).judged:
        return True, f"a {input_format(doc.format).title} database: {len(refs)} entries"
    is_list, why = list_verdict(refs)
    if doc.format != "text":
        why = f"{doc.format}: {why}"
        if doc.citations:
            why += f"; {len(doc.citations)} citations"
    return is_list, why


def list_style(doc: Document, configured: str | None = None) -> detect.Detection:
    """The style family of a document's list, from its first references."""
    entries = doc.entries[: detect.SAMPLE]
    texts = (entry_text(doc, e).text for e in entries if not _too_long_entry(e))
    return detect.list_family(texts, configured)


def entry_text(doc: Document, entry: Entry) -> Entry:
    """The entry with its text (plain lists keep only spans until an entry is parsed)."""
    if entry.text or entry.span.start == entry.span.end:
        return entry
    return entry._replace(text=doc.text[entry.span.start : entry.span.end])


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
        return failed(doc.path, exc, config, doc)


def failed(path: str, exc: Exception, config: Config, doc: Document | None) -> FileResult:
    """X003 for a file refslint failed to read or check."""
    found = []
    if CHECK_FAILED.code in config.selected:
        found.append(check_failed(path, Span(0, 0), "refslint", exc, config))
    return FileResult(path, None, found, 0, f"not checked: {type(exc).__name__}", doc)


def _lint_document(doc: Document, config: Config) -> FileResult:
    n = len(doc.entries)
    # Document rules (citations, BibTeX) need every reference at once: only a format without
    # them (a plain list) is checked a chunk at a time.
    chunked = input_format(doc.format).chunked and n > CHUNK
    bounds = [(start, min(start + CHUNK, n)) for start in range(0, n, CHUNK)] if chunked else [(0, n)]
    style = list_style(doc, config.style)
    family = style.family
    first = parse_entries(doc, *bounds[0], family)
    is_list, why = _verdict(doc, first)
    if is_list and input_format(doc.format).judged:
        why += f"; {style.describe()}"
    if chunked:
        why += f" (judged on the first {CHUNK:,} of {n:,} entries)"
    refs = first if not chunked else []
    found = Findings()
    extra: list[Diagnostic] = []
    if is_list:
        # Findings are kept in buckets that begin where the chunks begin (in the engine's
        # coordinates: a plain list's are the file's).
        offsets = tuple(doc.entries[start].span.start if i else 0 for i, (start, _stop) in enumerate(bounds))
        linter = Linter(doc.path, config, doc.format, style, offsets)
        _feed(linter, doc, config, bounds, first, family)
        entries = doc.entries
        found = linter.finish(lambda wanted: [parse_entry(doc, entries[i], i, family) for i in wanted])
        if doc.spans is not None:  # a derived text's positions, mapped back to the file
            found = ordered(doc.spans.diagnostic(d) for d in found)
        if not chunked:
            _with_document_fixes(doc, refs, found, linter, config)
        extra = _too_long(doc, config)
    if is_list or _cites_elsewhere(doc):
        # Citations and BibTeX entries; suppression comments only where something is checked:
        # a file that is not a reference list (a README, a CHANGELOG quoting refslint's own
        # comments) gets no findings at all.
        extra += lint_document_rules(doc, refs if is_list else [], config)
        found.extend(d for d in extra if d.path == doc.path)
        if doc.suppressions:
            found = ordered(suppress.apply(doc, list(found), config))
    else:
        found.extend(extra)
    result = FileResult(doc.path, None, found, n if is_list else 0, why, doc)
    for path in sorted({d.path for d in extra} - {doc.path}):
        source = _read_quietly(path)
        result.companions.append(FileResult(path, source, ordered(d for d in extra if d.path == path)))
    return result


def _cites_elsewhere(doc: Document) -> bool:
    """A manuscript whose list lives in another file (Pandoc keys against the `.bib` its front
    matter names, `\\cite` keys against `\\bibliography{}` or an `\\input` list)."""
    return bool(doc.citations) and bool(doc.bibliographies or doc.inputs)


def _feed(
    linter: Linter, doc: Document, config: Config, bounds: list[tuple[int, int]], first, family: str
) -> None:
    jobs = min(config.jobs, len(bounds))
    pool = worker_pool(jobs - 1, doc, config, linter.listing, linter.bounds) if jobs > 1 else None
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
                own = Linter(doc.path, config, doc.format, linter.listing, linter.bounds)
                own.feed(first if i == 0 else parse_entries(doc, *b, family))
                parts[i] = own.part()
        for i in range(len(bounds)):
            linter.merge(parts.pop(i) if i in parts else pending.pop(i).get())
    finally:
        if pool is not None:
            pool.close()


def _check_chunk(bounds: tuple[int, int]) -> tuple:
    doc, config, listing, offsets = worker_state()
    linter = Linter(doc.path, config, doc.format, listing, offsets)
    linter.feed(parse_entries(doc, *bounds, listing.family))
    return linter.part()


def _with_document_fixes(
    doc: Document, refs: list[Reference], found: Findings, linter: Linter, config: Config
) -> None:
    """Fixes that need the whole document (a duplicate merged and the citations renumbered):
    the rule builds them (`Rule.document_fix`, in the file's coordinates), where the list's
    parse makes them certain."""
    hooks = {r.code: r.document_fix for r in config.active(doc.path, doc.format) if r.document_fix}
    if not hooks:
        return
    certain = linter.shapes.certain

    def with_fix(d: Diagnostic) -> Diagnostic:
        hook = hooks.get(d.code)
        if hook is not None and d.fix is None and d.reference >= 0 and certain(d.reference):
            fix = hook(doc, refs, d)
            if fix is not None:
                return d._replace(fix=fix)
        return d

    found.transform(with_fix)


def _read_quietly(path: str) -> Source | None:
    try:
        return decode(path, Path(path).read_bytes())
    except (OSError, DecodeError):
        return None
