"""Entry -> Reference: the Lark grammar splits a reference into a handful of coarse tokens
(segments, citation blocks, trailers); this module refines them into fields with exact spans.

The grammar (`grammars/reference.lark`, LALR) is flat: a reference is one rule over its tokens,
so its parse depends only on the sequence of token types. The tokens are found by one master
regular expression made of the grammar's terminals (SegmentLexer); Lark parses each new
sequence of token types once, and the answer is remembered, in the process and in the start-up
memo (cache.Memo, keyed by the grammar's checksum). Lark itself is imported only when a
sequence is new, so a run over familiar shapes of reference does not load it at all.
"""

from __future__ import annotations

import re
import zlib
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

from . import vocab
from .cache import grammar_cache, memo
from .model import Author, Entry, Field, Reference, Span, set_author_splitter


class Tok(NamedTuple):
    type: str
    value: str
    start_pos: int


class Unparsed(Exception):
    """The grammar has no parse for a reference; the message names Lark's error."""


@lru_cache(maxsize=1)
def _grammar() -> str:
    return resources.files("refslint").joinpath("grammars/reference.lark").read_text("utf-8")


@lru_cache(maxsize=1)
def _grammar_id() -> tuple[int, int]:
    """Identifies the grammar's text in memo keys: a grammar edit makes new keys."""
    text = _grammar().encode("utf-8")
    return zlib.crc32(text), len(text)


def master_pattern(lexer_conf: Any) -> str:
    """One alternation of the grammar's terminals in its priority order, tried at each position.

    Every terminal is acceptable in every parser state of this grammar, so a contextual lexer
    would choose the same tokens; one compiled alternation without line counting is about
    twice as fast, which matters at 100,000 references."""
    terminals = sorted(
        (t for t in lexer_conf.terminals if t.name not in lexer_conf.ignore),
        key=lambda t: -t.priority,
    )
    pattern = r"\s*(?:" + "|".join(f"(?P<{t.name}>{t.pattern.to_regexp()})" for t in terminals) + ")"
    assert re.compile(pattern).groups == len(terminals), "terminals must not capture"
    return pattern


@lru_cache(maxsize=1)
def _master() -> re.Pattern[str]:
    key = ("lexer", *_grammar_id())
    pattern = memo.get(key)
    if not isinstance(pattern, str):
        pattern = parser().parser.lexer.lexer.pattern  # type: ignore[attr-defined]
        memo.put(key, pattern)
    return re.compile(pattern)


def scan(data: str) -> list[Tok]:
    """The tokens of a reference, as light tuples: what the refinement reads."""
    tokens = []
    match, pos, end = _master().match, 0, len(data)
    while pos < end:
        m = match(data, pos)
        if m is None or m.end() == pos:
            if data[pos:].strip():
                raise Unparsed("UnexpectedCharacters")
            break
        kind = m.lastgroup
        tokens.append(Tok(kind, m.group(kind), m.start(kind)))  # type: ignore[arg-type]
        pos = m.end()
    return _author_year_only_after_authors(data, tokens)


@lru_cache(maxsize=1)
def parser():
    """The Lark parser of the grammar (LALR analysis cached by Lark in the cache folder)."""
    from lark import Lark

    from .larklexer import SegmentLexer

    cache = grammar_cache("reference")
    return Lark(_grammar(), parser="lalr", lexer=SegmentLexer, maybe_placeholders=False, cache=cache)


_PAGES = (
    # a range, an e-locator, `2005.0006`, or `031114-1-031114-9` (article-page locators)
    r"(?:[ivxlc]+[ \t]*[-–][ \t]*[ivxlc]+(?![\w])|[A-Za-z]{0,4}\d\w*(?:\.\d+)*"
    r"(?:[ \t]*[-–—][ \t]*[A-Za-z]{0,4}\d*\w*){0,3}"
    r"(?:\.?[ \t]?e\d{1,4}\b)?"  # e-pages: `913-6.e7`, `238–252 e9`
    r"(?:[ \t]*,[ \t]*[A-Za-z]{0,4}\d\w*(?:[ \t]*[-–][ \t]*[A-Za-z]{0,4}\d\w*)?)*)"
)
CITE_RE = re.compile(
    r"(?P<year>(?:1[5-9]\d\d|20\d\d)[a-z]?)"
    r"(?P<date>(?:[ \t]+[A-Z][a-z]{2,8}\.?(?:[ \t]*[-–/][ \t]*[A-Z][a-z]{2,8}\.?)?"
    r"(?:[ \t]+\d{1,2}(?:[ \t]*[-–][ \t]*\d{1,2})?)?)?)[ \t]*"
    r"(?:;[ \t]*(?:(?:[Vv]ol\.?|[Vv]olume)[ \t]+)?"
    r"(?P<volume>[Ss]uppl\.?[ \t]*\w+"
    r"|[\w./\-–]{0,30}\w(?:[ \t]+(?:[Ss]uppl|Pt|Spec No|[Ss]uppl\.)[ \t]*\w*)*)?"
    r"(?:[ \t]*\((?P<issue>[^()\n]{0,40})\))?"
    rf"(?:[ \t]*(?::|,[ \t]*(?:pages|pp?\.))[ \t]*(?P<pages>{_PAGES}))?"
    rf"|:[ \t]*(?P<pages2>{_PAGES}))"
)
VOLCITE_RE = re.compile(
    r"(?P<volume>[\w/\-–]{0,24}\d[\w/\-–]{0,24}(?:[ \t]+Suppl\.?[ \t]*\w*)?)"
    r"(?:[ \t]*\((?P<issue>[^()\n]{0,40})\))?[ \t]*[:,][ \t]*"
    rf"(?P<pages>{_PAGES})"
)
_LETTER = re.compile(r"[^\W\d_]")
_YEAR_IN = re.compile(r"(?<![\d/])(1[5-9]\d\d|20\d\d)[a-z]?(?![\d/])")
_INITIALS_ONLY = re.compile(r"(?:[A-Z]\.?[ \t]?-?){1,4}$")
_AUTHOR_START = re.compile(r"(?:[A-Z]\.?[ \t]?-?){1,3}(?:,|$|[ \t]+et[ \t\u00a0]+al)")
_NAME = re.compile(
    r"(?P<family>[^\W\d_][^\d,;()]*?)[ \t\u00a0]+"
    r"(?P<initials>[A-Z](?:[A-Z]|-[A-Z]|\.[ \t]?-?[A-Z]|[ \t][A-Z](?![A-Za-z]))*\.?)"
    r"(?:[ \t]+(?:Jr|Sr|2nd|3rd|4th|II|III|IV)\.?)?$"
)
_AUTHOR_SEPARATORS = re.compile(r"[,;]")
_CUT_AFTER_INITIAL = re.compile(r"(?:^|[\s.])[A-Z]\.$")
_NOT_IN_FAMILY = re.compile(r"[\d,;()]")
_AUTHOR_PIECE = re.compile(r"\s*([^,;]*[^,;\s])")
_ET_AL = re.compile(r"et[ \t\u00a0]+al\.?$|and others$", re.IGNORECASE)
_GROUP = re.compile(
    r"\b(?:Group|Consortium|Organi[sz]ation|Committee|Collaborat\w*|Network|Society|Association|"
    r"Council|Coordinators|Investigators|Team|Task Force|Institutes?|Agency|Cent(?:re|er)s?|Federation|"
    r"[Mm]embers|[Cc]ommunity|Anon|Anonymous|Editorial|Editors|"
    r"College|Board|Ministry|Foundation|Initiative|Alliance|Panel|Program(?:me)?|Project|Study)\b"
)
_ARTICLES = {"The", "A", "An", "Le", "La", "Der", "Die", "Das"}
_ABBREV_WORD = re.compile(r"[A-Z][\w'’&-]{0,14}\.$")
_CHAPTER = re.compile(r"^In[:\s]|[Ee]ditors?\b|\(eds?\.?\)|\bEds?\.")
_PUBLISHER = re.compile(
    r"(?:^|[.?!][ \t])[A-Z][^:;.?!]{1,60}:[ \t]*[^;:]{2,120}[;,][ \t]*(?:c|©)?[ \t]*(?:1[5-9]|20)\d\d"
)
_BOOK = re.compile(
    r"\b(?:\d+(?:st|nd|rd|th) ed\b|[Ee]dition|ISBN|Press|Publish(?:ers?|ing)|Verlag|Springer|Wiley|"
    r"Elsevier|Blackwell|Sinauer|McGraw|Routledge|Academic|Saunders|Mosby|Lippincott|Karger|Thieme|"
    r"CRC|Chapman|Pearson|Norton|Sage|Freeman|Garland|Humana|Wolters|Cold Spring Harbor Laboratory|"
    r"Oxford University|Cambridge University|University of [A-Z]\w+ Press)\b"
    r"|\b\d+\s*pp?\.\s*$|\bpp?\.\s*\d+\.?\s*$"  # a page count: "Geneva: WHO, 20 p."
    r"|(?:^|[.?!]\s)(?:[A-Z][a-z]+\s?){1,3}:\s*[A-Z][^:;]{2,100}\.?\s*$"  # "Oakland: Univ of California."
    r"|(?:^|[.?!]\s)[A-Z][\w&.\- ]{1,40};\s*(?:1[5-9]|20)\d\d\.?\s*$"  # "Tor; 2013."
)
_THESIS = re.compile(r"dissertation|thesis|Ph\.?D\.?\b", re.IGNORECASE)
_CONFERENCE = re.compile(r"\b(?:Proceedings|Proc\.? of|Conference|Symposium|Congress|Workshop)\b")
_REPORT = re.compile(r"\b(?:[Rr]eport|Working [Pp]aper|Technical|Guideline|Guidance)\b")
_PREPRINT = re.compile(
    r"\b(?:arXiv|ArXiv|bioRxiv|medRxiv|ChemRxiv|chemRxiv|PsyArXiv|SocArXiv|Preprints|Preprint|preprint|"
    r"SSRN|Research Square|Authorea|Qeios)\b"
)
_WEB = re.compile(r"\[Internet\]|Available (?:from|at|online)|https?://|www\.|\[cited|Accessed")


# Token types -> the grammar's parse ("vancouver", "author_year", "other"), or "!" and the name
# of Lark's error. Real lists produce a few hundred sequences.
_SHAPES: dict[tuple[str, ...], str] = {}


def _shape(text: str, tokens: list[Tok]) -> str:
    key = tuple(t.type for t in tokens)
    shape = _SHAPES.get(key)
    if shape is None:
        stored_key = ("shape", *_grammar_id(), key)
        shape = memo.get(stored_key)
        if not isinstance(shape, str):
            shape = _lark_shape(text)
            memo.put(stored_key, shape)
        if len(_SHAPES) < 100_000:
            _SHAPES[key] = shape
    if shape[:1] == "!":
        raise Unparsed(shape[1:])
    return shape


def _lark_shape(text: str) -> str:
    from lark.exceptions import LarkError

    try:
        return str(parser().parse(text).data)
    except LarkError as exc:
        return "!" + type(exc).__name__


def _author_year_only_after_authors(text: str, tokens: list[Tok]) -> list[Tok]:
    """A year in parentheses marks an author-(year) reference only right after the authors;
    elsewhere (`J Immunother (1991).`) it belongs to the segment before it.

    One pass, not one recursion per year: an entry may hold a thousand such years."""
    out: list[Tok] = []
    for tok in tokens:
        if tok.type == "YEARPAREN" and len(out) > 1 and out[-1].type == "SEG":
            prev = out.pop()
            end = tok.start_pos + len(tok.value)
            out.append(Tok("SEG", text[prev.start_pos : end], prev.start_pos))
        else:
            out.append(tok)
    return out


def _refine(ref: Reference, shape: str, tokens: list[Tok], base: int) -> None:
    if shape == "vancouver":
        _refine_vancouver(ref, tokens, base)
    elif shape == "author_year":
        _refine_author_year(ref, tokens, base)
    else:
        _refine_other(ref, tokens, base)


def parse(entry: Entry, index: int) -> Reference:
    ref = Reference(index, entry.label, entry.text, entry.span, label_span=entry.label_span)
    try:
        tokens = scan(entry.text)
        shape = _shape(entry.text, tokens)
    except Unparsed as exc:  # no token can start here, or no parse: keep the raw text for the rules
        ref.kind, ref.style = "other", "other"
        ref.errors.append(f"unparsed: {exc}")
        return ref
    base = entry.span.start
    try:
        _refine(ref, shape, tokens, base)
    except Exception as exc:  # a refinement bug must cost one reference its fields, not the run
        fresh = Reference(index, entry.label, entry.text, entry.span, label_span=entry.label_span)
        fresh.kind, fresh.style = "other", "other"
        fresh.errors.append(f"refinement failed: {type(exc).__name__}: {exc}")
        return fresh
    return ref


def _span(tok: Tok, base: int, strip_period: bool = False) -> Span:
    text = tok.value.rstrip()
    end = tok.start_pos + len(text)
    if strip_period and text[-1:] == ".":
        end -= 1
    return Span(base + tok.start_pos, base + end)


def _add(ref: Reference, name: str, span: Span) -> None:
    value = ref.text_of(span)
    if value.strip():
        ref.fields[name] = Field(name, value, span)


def _segments_field(ref: Reference, name: str, segs: list[Tok], base: int) -> None:
    if not segs:
        return
    start = base + segs[0].start_pos
    end = _span(segs[-1], base, strip_period=True).end
    while end > start and ref.raw[end - 1 - ref.span.start] in ",;:":
        end -= 1  # "J Environ Monit, 14: 2643": the comma separates, it is not the name
    _add(ref, name, Span(start, end))


@lru_cache(maxsize=4096)  # each name is looked at twice: is this an author list, then parse it
def split_name(text: str) -> tuple[str, str] | None:
    """(family, initials) of a Vancouver name (`Van Blitterswijk CA`, `Park H. H`), or None."""
    family, _, last = text.rpartition(" ")
    # Fast path for the common `Surname AB`: no regular expression needed.
    if family and 0 < len(last) <= 4 and last.isalpha() and last.isupper() and family[:1].isalpha():
        if family[-1] != "." and not _NOT_IN_FAMILY.search(family):
            return family, last
    m = _NAME.match(text)
    return (m.group("family"), m.group("initials")) if m else None


def _looks_like_authors(text: str) -> bool:
    # The first few names decide; a long list need not be read to the end.
    named = total = 0
    for part in _AUTHOR_SEPARATORS.split(text.rstrip(". "), 4)[:4]:
        part = part.strip()
        if not part:
            continue
        total += 1
        if split_name(part) or _INITIALS_ONLY.match(part) or ("al" in part and _ET_AL.search(part)):
            named += 1
    return total > 0 and named >= (total + 1) // 2


def _split_authors_region(segs: list[Tok]) -> int:
    """How many leading segments form the author list (0 when there is none).

    Initials written with periods split the author list into several segments
    (`Park H. H, Lee S.`), so a segment that starts with a bare initial continues it."""
    if not segs:
        return 0
    if not _looks_like_authors(segs[0].value):
        # A group author ("The EuroQol Group.", "NCBI Resource Coordinators.") when a title
        # and a journal still follow it.
        return 1 if len(segs) >= 3 and _GROUP.search(segs[0].value) else 0
    n = 1
    # Only a list cut after a one-letter initial (`Park H.` + `H, Lee S`) continues.
    while (
        n < len(segs) - 1
        and _CUT_AFTER_INITIAL.search(segs[n - 1].value)
        and _AUTHOR_START.match(segs[n].value)
    ):
        n += 1
    return n


def _journal_start(segs: list[Tok], first: int) -> int:
    """Index of the first segment of the journal: the last segment, extended backwards over
    one-word abbreviations (`Mol. Cell. Toxicol.`, `The. J Immunol.`)."""
    j = len(segs) - 1
    while j - 1 > first and _is_abbreviation_segment(segs[j - 1].value):
        j -= 1
    return j


def _is_abbreviation_segment(text: str) -> bool:
    if not _ABBREV_WORD.match(text):
        return False
    word = text[:-1]
    return len(word) == 1 or word in _ARTICLES or vocab.is_ltwa_abbreviation(word)


def _refine_segments(ref: Reference, segs: list[Tok], base: int, journal: bool) -> None:
    n_auth = _split_authors_region(segs)
    if n_auth and n_auth == len(segs) and len(segs) == 1 and journal:
        n_auth = 0  # a lone segment before a citation block is the journal
    if n_auth:
        _authors(ref, segs[:n_auth], base)
    rest = segs[n_auth:]
    if journal and rest:
        j = _journal_start(rest, 0) if len(rest) > 1 else 0
        _segments_field(ref, "journal", rest[j:], base)
        rest = rest[:j]
    _segments_field(ref, "title", rest, base)


def _authors(ref: Reference, segs: list[Tok], base: int) -> None:
    start = base + segs[0].start_pos
    end = _span(segs[-1], base, strip_period=True).end  # the period ends the list
    ref.fields["authors"] = Field("authors", ref.text_of(Span(start, end)), Span(start, end))


def split_author_list(ref: Reference) -> None:
    """Names (family, initials, span) and et al. of the `authors` field, on first use."""
    field = ref.fields["authors"]
    text, start = field.value, field.span.start
    append = ref.split_authors.append  # type: ignore[union-attr]
    for m in _AUTHOR_PIECE.finditer(text):
        body = m.group(1)
        piece_start = start + m.start(1)
        span = Span(piece_start, start + m.end(1))
        et_al = _ET_AL.search(body) if ("al" in body or "others" in body) else None
        if et_al:
            ref.split_et_al = Field("et_al", et_al.group(0), Span(piece_start + et_al.start(), span.end))
            body = body[: et_al.start()].rstrip()  # "Thoreson WB et al." (no comma)
            if not body:
                continue
            span = Span(piece_start, piece_start + len(body))
        name = split_name(body)
        if name:
            append(Author(body, span, name[0], name[1]))
        else:
            append(Author(body, span, group=" " in body and body[:1].isupper()))
    _merge_inverted_names(ref)


set_author_splitter(split_author_list)


def _merge_inverted_names(ref: Reference) -> None:
    """`Bergk, V., Haefeli, W. E.`: pairs of family name and initials split by commas."""
    names = ref.split_authors or []
    if len(names) < 2 or not any(_INITIALS_ONLY.match(a.text) for a in names):
        return
    merged: list[Author] = []
    i = 0
    while i < len(names):
        a = names[i]
        nxt = names[i + 1] if i + 1 < len(names) else None
        if nxt and not a.initials and _INITIALS_ONLY.match(nxt.text) and not a.group:
            text = ref.text_of(Span(a.span.start, nxt.span.end))
            merged.append(Author(text, Span(a.span.start, nxt.span.end), a.text, nxt.text))
            i += 2
        elif nxt is None and _INITIALS_ONLY.match(a.text) and merged:
            merged.append(a)
            i += 1
        else:
            merged.append(a)
            i += 1
    ref.split_authors = merged


def _cite_fields(ref: Reference, tok: Tok, base: int, author_year: bool = False) -> None:
    span = _span(tok, base)
    ref.fields["cite"] = Field("cite", ref.text_of(span), span)
    m = CITE_RE.match(tok.value)
    if not m:
        return
    off = base + tok.start_pos
    groups = m.groupdict()
    fields = ref.fields
    pages = "pages" if groups["pages"] is not None else "pages2"
    year = "volume" if author_year and groups["pages2"] is not None else "year"
    # ("J Natl Cancer Inst Monogr 2001: 7-15": in author-(year) lists that is volume:pages)
    fields[year] = Field(year, groups["year"], Span(off + m.start("year"), off + m.end("year")))
    if year == "year" and groups["date"].strip():
        fields["date"] = Field("date", groups["date"], Span(off + m.start("date"), off + m.end("date")))
    for name, group in (("volume", "volume"), ("issue", "issue"), ("pages", pages)):
        value = groups[group]
        if value:
            fields[name] = Field(name, value, Span(off + m.start(group), off + m.end(group)))


def _volcite_fields(ref: Reference, tok: Tok, base: int) -> None:
    span = _span(tok, base)
    ref.fields["cite"] = Field("cite", ref.text_of(span), span)
    m = VOLCITE_RE.match(tok.value)
    if not m:
        return
    off = base + tok.start_pos
    for name in ("volume", "issue", "pages"):
        if m.group(name) is not None:
            _add(ref, name, Span(off + m.start(name), off + m.end(name)))


def _rest(ref: Reference, tokens: list[Tok], base: int) -> None:
    for tok in tokens:
        if tok.type == "TRAILER":
            ref.trailers.append(Field("trailer", tok.value.rstrip(), _span(tok, base)))
        else:
            ref.extras.append(Field(tok.type.lower(), tok.value.rstrip(), _span(tok, base)))


def _refine_vancouver(ref: Reference, tokens: list[Tok], base: int) -> None:
    i = next(k for k, t in enumerate(tokens) if t.type == "CITE")
    _refine_segments(ref, tokens[:i], base, journal=True)
    _cite_fields(ref, tokens[i], base)
    _rest(ref, tokens[i + 1 :], base)
    raw = ref.raw
    maybe_chapter = "In" in raw or "dit" in raw or "Ed" in raw or "(ed" in raw
    ref.kind = "chapter" if maybe_chapter and _CHAPTER.search(raw) else "journal"
    journal = ref.fields.get("journal")
    if journal is not None and _PREPRINT.search(journal.value):
        ref.kind = "preprint"  # `bioRxiv. 2024:2024.05.28.596319`: no volume, no pages


def _refine_author_year(ref: Reference, tokens: list[Tok], base: int) -> None:
    ref.style = "author-year"
    i = next(k for k, t in enumerate(tokens) if t.type == "YEARPAREN")
    if i:
        _authors(ref, tokens[:i], base)
    year = tokens[i]
    m = _YEAR_IN.search(year.value)
    if m:
        _add(ref, "year", Span(base + year.start_pos + m.start(1), base + year.start_pos + m.end()))
    after = tokens[i + 1 :]
    k = next((k for k, t in enumerate(after) if t.type != "SEG"), len(after))
    segs, rest = after[:k], after[k:]
    if rest and rest[0].type in ("VOLCITE", "CITE") and segs:
        j = _journal_start(segs, 0) if len(segs) > 1 else 0
        _segments_field(ref, "journal", segs[j:], base)
        _segments_field(ref, "title", segs[:j], base)
        if rest[0].type == "VOLCITE":
            _volcite_fields(ref, rest[0], base)
        else:
            _cite_fields(ref, rest[0], base, author_year=True)
        _rest(ref, rest[1:], base)
        ref.kind = "journal"
    else:
        _segments_field(ref, "title", segs[:1], base)
        if len(segs) > 1:
            _segments_field(ref, "container", segs[1:], base)
        _rest(ref, rest, base)
        ref.kind = _classify(ref.raw)


def _refine_other(ref: Reference, tokens: list[Tok], base: int) -> None:
    ref.style = "other"
    k = next((k for k, t in enumerate(tokens) if t.type != "SEG"), len(tokens))
    segs, rest = tokens[:k], tokens[k:]
    ref.kind = _classify(ref.raw)
    if rest and rest[0].type == "VOLCITE":  # "Nature 428: 664-8" without a year
        _refine_segments(ref, segs, base, journal=True)
        _volcite_fields(ref, rest[0], base)
        _rest(ref, rest[1:], base)
        return
    n_auth = _split_authors_region(segs)
    if n_auth:
        _authors(ref, segs[:n_auth], base)
    body = segs[n_auth:]
    if body:
        _segments_field(ref, "title", body[:1], base)
    if len(body) > 1:
        _segments_field(ref, "container", body[1:], base)
        if ref.kind == "journal" and _LETTER.search(body[1].value):
            _segments_field(ref, "journal", body[1:2], base)
    # The year of a book or web page: the last plausible year outside trailers.
    for tok in reversed(body):
        years = list(_YEAR_IN.finditer(tok.value))
        if years:
            y = years[-1]
            _add(ref, "year", Span(base + tok.start_pos + y.start(1), base + tok.start_pos + y.end()))
            break
    _rest(ref, rest, base)


def _classify(raw: str) -> str:
    if _PREPRINT.search(raw):
        return "preprint"
    if _WEB.search(raw):
        return "web"
    if _THESIS.search(raw):
        return "thesis"
    if _CHAPTER.search(raw):
        return "chapter"
    if _CONFERENCE.search(raw):
        return "conference"
    if _PUBLISHER.search(raw) or _BOOK.search(raw):
        return "book"
    if _REPORT.search(raw):
        return "report"
    return "journal"
