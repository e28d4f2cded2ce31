"""One document's lint, whatever its length: the references parsed and checked a chunk at a
time by one engine loop (a long plain list's chunks also in worker processes), then the list
rules, the document rules (citations, BibTeX) and the suppression comments.

Chunks are an implementation detail: a list checked in chunks, in one process or several,
gives exactly the findings of the list checked whole (tests/test_scale.py), and they come back
compact and in report order (`findings.Findings`), so a report can be written while memory
stays bounded by the chunk, not by the number of findings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from . import split, suppress
from .cache import memo
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

Reparse = Callable[[list[int]], list[Reference]]  # indices -> those references, parsed again

# A list longer than this is parsed and checked a chunk at a time: memory stays bounded by the
# chunk, the compact findings and the list rules' compact summaries; only the first chunk is
# read to decide whether the file is a reference list at all.
CHUNK = 10_000

# A plain list at least this long is checked in worker processes (`--jobs`), in pieces of at
# least PIECE entries: below it, starting the workers costs more than they save.
PARALLEL_AT = 2_000
PIECE = 500

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
        # For --fix: what re-checking a few edited references of a plain list needs (`recheck`):
        # the list's style and the house styles its lint chose. None: lint the whole text again.
        self.recheck: tuple | None = None

    def __repr__(self) -> str:
        return f"FileResult({self.path!r}, {len(self.diagnostics)} findings, {self.references} references)"


def reads_as_reference(ref: Reference) -> bool:
    """A citation block, or authors and a year, or a DOI."""
    return (
        "cite" in ref.fields
        or ("authors" in ref.fields and "year" in ref.fields)
        or any("10." in t.value for t in ref.trailers)
    )


def list_verdict(refs: list[Reference]) -> tuple[bool, str]:
    """Is this a reference list? At least half of its entries must read as references (a
    citation block, or authors and a year, or a DOI), so a README, requirements.txt or
    LICENSE.txt passed by the pre-commit hook is left alone."""
    return _judged(sum(1 for r in refs if reads_as_reference(r)), len(refs))


def _judged(like: int, n: int) -> tuple[bool, str]:
    if not n:
        return False, "not a reference list: no references found"
    if like and like * 2 >= n:
        return True, f"a reference list: {like} of {n} entries read as references"
    return False, f"not a reference list: {like} of {n} entries read as references"


def _verdict(doc: Document, like: int, n: int) -> tuple[bool, str]:
    """`like` of the `n` entries read read as references."""
    if not input_format(doc.format).judged:
        return True, f"a {input_format(doc.format).title} database: {n} entries"
    is_list, why = _judged(like, n)
    if doc.format != "text":
        why = f"{doc.format}: {why}"
        if doc.citations:
            why += f"; {len(doc.citations)} citations"
    return is_list, why


def list_style(
    doc: Document, configured: str | None = None, lexed: dict[str, list] | None = None
) -> detect.Detection:
    """The style family of a document's list, from its first references (`lexed`, when given,
    keeps their tokens: the parse need not cut them again)."""
    entries = doc.entries[: detect.SAMPLE]
    texts = (entry_text(doc, e).text for e in entries if not _too_long_entry(e))
    return detect.list_family(texts, configured, lexed)


def entry_text(doc: Document, entry: Entry) -> Entry:
    """The entry with its text (plain lists keep only spans until an entry is parsed)."""
    if entry.text or entry.span.start == entry.span.end:
        return entry
    return entry._replace(text=doc.text[entry.span.start : entry.span.end])


def _too_long_entry(entry: Entry) -> bool:
    return max(entry.span.end - entry.span.start, len(entry.text)) > MAX_ENTRY


def parse_entry(
    doc: Document, entry: Entry, index: int, family: str = "vancouver", lexed: dict | None = None
) -> Reference:
    if _too_long_entry(entry):
        ref = Reference(index, entry.label, "", Span(entry.span.start, entry.span.start), kind="other")
        ref.style = "other"
        ref.errors.append("too long")
        return ref
    entry = entry_text(doc, entry)
    return parse(entry, index, family, lexed.get(entry.text) if lexed else None)


def parse_entries(
    doc: Document,
    start: int = 0,
    stop: int | None = None,
    family: str = "vancouver",
    lexed: dict | None = None,
    step: int = 1,
) -> list[Reference]:
    """The references of entries start, start + step, ... before stop."""
    indices = range(start, len(doc.entries) if stop is None else stop, step)
    entries = doc.entries[start:stop:step]
    return [parse_entry(doc, entry, i, family, lexed) for i, entry in zip(indices, entries, strict=True)]


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
    form = input_format(doc.format)
    # A format without document rules (a plain list) is checked a chunk at a time when long,
    # and in worker processes from PARALLEL_AT on; the others need every reference at once.
    chunked = form.chunked and n > CHUNK
    jobs = config.jobs if form.chunked and n >= PARALLEL_AT else 1
    lexed: dict[str, list] = {}  # the tokens the style's detection cut, for the parse
    style = list_style(doc, config.style, lexed)
    family = style.family
    bounds = _bounds(n, chunked)
    # Findings are kept in buckets that begin where the chunks begin (in the engine's
    # coordinates: a plain list's are the file's).
    offsets = tuple(doc.entries[start].span.start if i else 0 for i, (start, _stop) in enumerate(bounds))
    entries = doc.entries

    def reparse(wanted: list[int]) -> list[Reference]:
        return [parse_entry(doc, entries[i], i, family) for i in wanted]

    refs: list[Reference] = []  # every reference, for the document rules (not chunked formats)
    finished: tuple[Findings, tuple] | None = None  # (a list split between two processes)
    if jobs > 1:
        linter = Linter(doc.path, config, doc.format, style, offsets)
        like, looked = _feed_in_workers(linter, doc, config, _pieces(n, jobs), lexed, jobs)
        is_list, why = _verdict(doc, like, looked)
    else:
        first = parse_entries(doc, *bounds[0], family, lexed)
        is_list, why = _verdict(doc, sum(1 for r in first if reads_as_reference(r)), len(first))
        if is_list and len(bounds) == 1 and split.worthwhile(n, config.jobs):
            linter, finished = _split_lint(doc, config, style, first, reparse)
        else:
            linter = Linter(doc.path, config, doc.format, style, offsets)
            if is_list:
                linter.feed(first)
                for start, stop in bounds[1:]:
                    linter.feed(parse_entries(doc, start, stop, family))
        if not form.chunked:
            refs = first
    if is_list and form.judged:
        why += f"; {style.describe()}"
    if chunked:
        why += f" (judged on the first {CHUNK:,} of {n:,} entries)"
    found = Findings()
    extra: list[Diagnostic] = []
    styles = None
    if is_list:
        found, styles = finished or (linter.finish(reparse, jobs), linter.styles())
        if doc.spans is not None:  # a derived text's positions, mapped back to the file
            found = ordered(doc.spans.diagnostic(d) for d in found)
        if refs:
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
    if is_list and form.chunked and doc.spans is None and not extra:
        result.recheck = (style, styles)
    for path in sorted({d.path for d in extra} - {doc.path}):
        source = _read_quietly(path)
        result.companions.append(FileResult(path, source, ordered(d for d in extra if d.path == path)))
    return result


def _split_lint(
    doc: Document, config: Config, style: detect.Detection, refs: list[Reference], reparse: Reparse
) -> tuple[Linter, tuple[Findings, tuple]]:
    """A whole short list's rules in two processes (split.py): this one checks its share while
    a forked child checks the rest on the same references. The linter of this process's share
    (for the list's shape), and the findings and house styles of both."""
    memo.added()  # (what this process put before the fork is its own to save)
    child = split.Child(partial(_childs_share, doc, config, style, refs, reparse))
    try:
        linter = Linter(doc.path, config, doc.format, style, only=split.in_parent)
        linter.feed(refs)
        found, (chosen, shape) = linter.finish(reparse), linter.styles()
        share = child.result()
    finally:
        child.cancel()  # (no-op once its result is in; else it must not outlive this file)
    if share is None:  # (the child failed: its rules are checked here after all)
        share = _childs_share(doc, config, style, refs, reparse)
    theirs, their_chosen, remembered = share
    memo.update(remembered)
    found_there = map(Diagnostic.from_plain, theirs)
    return linter, (ordered([*found, *found_there]), ({**chosen, **their_chosen}, shape))


def _childs_share(
    doc: Document, config: Config, style: detect.Detection, refs: list[Reference], reparse: Reparse
) -> tuple[list[tuple], dict, dict]:
    """The findings of the child's rules (as plain data), the house styles they chose, and what
    the child put in the start-up memo (its process ends without saving)."""
    linter = Linter(doc.path, config, doc.format, style, only=split.in_child)
    linter.feed(refs)
    found = linter.finish(reparse)
    return [d.plain() for d in found], linter.styles()[0], memo.added()


def _bounds(n: int, chunked: bool) -> list[tuple[int, int]]:
    """The stretches of entries parsed and checked together in one process: the whole list,
    or CHUNK entries at a time."""
    size = CHUNK if chunked else max(n, 1)
    return [(start, min(start + size, n)) for start in range(0, n, size)] or [(0, 0)]


def _pieces(n: int, jobs: int) -> list[tuple[int, int, int]]:
    """What the workers check: (start, stop, step), every step-th entry. Pieces small enough to
    keep every worker busy to the end, and each a sample of the whole list rather than a
    stretch of it: a house-style rule judges a piece against the piece's own majority first,
    and a stretch that differs from the list (the first pages of a list merged from several
    sources) would be judged again at the end, in this process alone."""
    count = -(-n // min(CHUNK, max(PIECE, -(-n // (jobs * 4)))))
    return [(k, n, count) for k in range(count)]


def _cites_elsewhere(doc: Document) -> bool:
    """A manuscript whose list lives in another file (Pandoc keys against the `.bib` its front
    matter names, `\\cite` keys against `\\bibliography{}` or an `\\input` list)."""
    return bool(doc.citations) and bool(doc.bibliographies or doc.inputs)


def _feed_in_workers(
    linter: Linter, doc: Document, config: Config, pieces: list[tuple[int, int, int]], lexed: dict, jobs: int
) -> tuple[int, int]:
    """Every piece parsed and checked in `jobs` worker processes, merged here in order (so the
    results never depend on jobs); how many of the first CHUNK entries read as references, of
    how many. (The workers check before the verdict is known: a long file that is no list is
    rare, and costs only the wasted work.)"""
    state = (doc, config, linter.listing, linter.bounds, lexed)
    memo.added()  # (what this process put before the workers were forked is its own to save)
    with worker_pool(min(jobs, len(pieces)), *state) as pool:  # type: ignore[union-attr]
        like = looked = 0
        for part, piece_like, piece_looked, remembered in pool.imap(_check_piece, pieces):
            linter.merge(part)
            memo.update(remembered)
            like += piece_like
            looked += piece_looked
    return like, looked


def _check_piece(piece: tuple[int, int, int]) -> tuple[tuple, int, int, dict]:
    """In a worker: a piece's part of the lint, its share of the verdict, and what it put in
    the start-up memo (the parse of new shapes of reference: the worker's process ends without
    saving it, and the next run's workers would parse them again)."""
    doc, config, listing, offsets, lexed = worker_state()
    start, stop, step = piece
    refs = parse_entries(doc, start, stop, listing.family, lexed, step)
    judged = [r for r in refs if r.index < CHUNK]
    linter = Linter(doc.path, config, doc.format, listing, offsets)
    linter.feed(refs)
    return linter.part(), sum(1 for r in judged if reads_as_reference(r)), len(judged), memo.added()


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


def recheck(doc: Document, config: Config, state: tuple, indices: list[int]) -> list[Diagnostic]:
    """The entry rules' findings on the references `indices` of a plain list edited by --fix,
    judged as a lint of the whole list judged them (`FileResult.recheck`): only those
    references are parsed and checked again."""
    listing, styles = state
    linter = Linter(doc.path, config, doc.format, listing)
    entries = doc.entries
    refs = [parse_entry(doc, entries[i], i, listing.family) for i in indices]
    return list(linter.recheck(refs, styles))
