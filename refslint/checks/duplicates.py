"""D: the same work listed twice. References are grouped by blocking keys (normalised title;
first author + year + volume + first page; DOI) so the rule stays near-linear on very long
lists: only references sharing a key are compared, never all pairs."""

import re
import sys
import zlib
from array import array
from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

from .. import vocab
from ..model import Fix, Reference, Related, Span
from ..parse import split_name
from .base import Context, Finding, Rule, ref_name
from .identifiers import normal_doi

_NON_ALNUM = re.compile(r"[\W_]+")
_ASCII_NON_ALNUM = bytes(i for i in range(128) if not chr(i).isalnum())


def _letters_and_digits(text: str) -> str:
    """The folded text with everything but letters and digits removed (ASCII text, most of
    it, by bytes.translate: ten times faster than the regular expression)."""
    text = vocab.fold(text)
    if text.isascii():
        return text.encode("ascii").translate(None, _ASCII_NON_ALNUM).decode("ascii")
    return _NON_ALNUM.sub("", text)


def title_key(ref: Reference) -> str:
    title = ref.get("title")
    return _letters_and_digits(title.value) if title else ""


def _first_author(ref: Reference) -> str:
    authors = ref.get("authors")
    if authors is None:
        return ""
    first = authors.value.split(",", 1)[0].split(";", 1)[0].strip()
    name = split_name(first)
    return _letters_and_digits(name[0] if name else first)


_PAGE_END = re.compile(r"[-–—,\s]")


def _first_page(ref: Reference) -> str:
    pages = ref.get("pages")
    return _PAGE_END.split(pages.value, maxsplit=1)[0].lower() if pages else ""


def _doi(ref: Reference) -> str:
    """The first DOI of the identifiers after the citation, as printed bare, after `doi:` or in
    a link, without the punctuation after it (`10.1000/xyz;` and `10.1000/xyz.` are one DOI)."""
    for t in ref.trailers:
        doi = normal_doi(t.value)
        if doi:
            return doi
    return ""


def blocking_keys(t: str, author: str, year: str, volume: str, page: str, doi: str) -> list[str]:
    """The keys a work is grouped by (title key, first author, year, volume, first page, DOI):
    only works that share a key are compared."""
    keys = []
    if len(t) >= 20:
        keys.append("t:" + t)
    if author and year and volume and page:
        keys.append(f"a:{author}|{year}|{volume}|{page}")
    if author and year and len(t) >= 20:
        keys.append(f"p:{author}|{year}|{t[:24]}")
    if doi:
        keys.append("d:" + doi)
    return keys


class Work(NamedTuple):
    """What D001 keeps of a reference: enough to find and judge its duplicates. A million of
    these are kept for a million references, so the keys are packed as 8-byte hashes, repeated
    strings (authors, years) are interned, and the name is kept only when it is not simply the
    reference's position."""

    index: int
    name: str | None
    span: Span
    keys: bytes
    doi: str
    title: str
    author: str
    year: str
    letter: str = ""  # the year's letter (`2018b`), told apart by D002


def _stable_hashes(keys: list[str]) -> bytes:
    """Each key's 64-bit hash, the same in every process (chunks summarised by spawned workers,
    whose `hash()` of a string is seeded differently, are compared in the parent), packed as
    `array("q")` reads them back. Two CRC-32s, of the key and of its bytes reversed (CRC is
    linear: the two collide together only by chance), not a cryptographic digest: a collision
    only makes two works candidates that `same_work` then tells apart, and hashlib's import
    (OpenSSL's set-up) was 3 ms of every run's start."""
    crc = zlib.crc32
    hashes = array("q")
    for key in keys:
        data = key.encode("utf-8", "surrogatepass")
        value = crc(data) | crc(data[::-1]) << 32
        hashes.append(value - (1 << 64) if value >= 1 << 63 else value)
    return hashes.tobytes()


_LETTER = re.compile(r"\d{4}([a-z])\b")


def summarize(ref: Reference) -> Work | None:
    t, author, doi = title_key(ref), _first_author(ref), _doi(ref)
    year_field, volume = ref.get("year"), ref.get("volume")
    year = year_field.value[:4] if year_field else ""
    lettered = _LETTER.match(year_field.value) if year_field else None
    keys = blocking_keys(t, author, year, volume.value if volume else "", _first_page(ref), doi)
    if not keys:
        return None
    name = ref_name(ref)
    return Work(
        ref.index, None if name == str(ref.index + 1) else name, ref.span,
        _stable_hashes(keys), doi, t, sys.intern(author), sys.intern(year),
        sys.intern(lettered.group(1)) if lettered else "",
    )  # fmt: skip


def summarize_lettered(ref: Reference) -> Work | None:
    """D002 keeps only journal articles whose year carries a letter, with the year's span; the
    journal is part of the title key, so that only the same title in the same journal is the
    same article (the volumes of one book, `2002a` and `2002b`, share a title)."""
    year, journal = ref.get("year"), ref.get("journal")
    if year is None or journal is None or ref.kind != "journal" or not _LETTER.match(year.value):
        return None
    work = summarize(ref)
    if work is None or not work.title:
        return None
    return work._replace(span=year.span, title=f"{work.title}|{_letters_and_digits(journal.value)}")


def _lettered_apart(a: Work, b: Work) -> bool:
    return bool(a.letter and b.letter) and a.letter != b.letter


def same_work(a: Work, b: Work, threshold: float) -> bool:
    if a.doi and b.doi:
        return a.doi == b.doi
    if a.title and b.title:
        if a.title == b.title:
            return a.author == b.author or not (a.author and b.author)
        if not _similar_titles(a.title, b.title, threshold):
            return False
    if a.year and b.year and a.year != b.year:
        return False
    return a.author == b.author


def _similar_titles(a: str, b: str, threshold: float) -> bool:
    """Whether difflib's SequenceMatcher(None, a, b).ratio() reaches the threshold. Its two
    quick upper bounds are worked out here as difflib does (real_quick_ratio: the shorter
    length; quick_ratio: the characters the titles share as multisets), and most unlike titles
    stop at them: difflib, 1.5 ms to import, is imported only for a pair that passes both."""
    total = len(a) + len(b)
    if 2.0 * min(len(a), len(b)) / total < threshold:
        return False
    if 2.0 * sum((Counter(a) & Counter(b)).values()) / total < threshold:
        return False
    from difflib import SequenceMatcher

    return SequenceMatcher(None, a, b).ratio() >= threshold


def _repeated_keys(works: list[Work]) -> bytearray:
    """A bitmap in which every key that occurs more than once is set (with a few other keys
    that share its bit). Keys that occur once can never make a duplicate; leaving them out of
    the lookup table keeps a million-reference list to a table of a few thousand keys instead
    of three million (a few hundred megabytes)."""
    keys = array("q")
    for work in works:
        keys.frombytes(work.keys)
    seen, again = bytearray(_BITMAP_BYTES), bytearray(_BITMAP_BYTES)
    mask = _BITMAP_MASK
    for key in keys:
        bit = key & mask
        byte, flag = bit >> 3, 1 << (bit & 7)
        if seen[byte] & flag:
            again[byte] |= flag
        else:
            seen[byte] |= flag
    return again


# From this many works on, keys that occur once are left out of the lookup table (the bitmap
# pass costs ~2 us a work: 44 ms of a 20,000-reference run, whose table of 60,000 keys is a few
# megabytes; a million references' table would be a few hundred).
REPEATED_KEYS_FROM = 100_000
_BITMAP_BITS = 1 << 27  # 16 MB a bitmap; three million keys set about 2% of the bits
_BITMAP_MASK = _BITMAP_BITS - 1
_BITMAP_BYTES = _BITMAP_BITS >> 3


def _pairs(works: list[Work], ctx: Context, lettered_apart: bool) -> Iterator[tuple[Work, Work]]:
    """(a work, the earliest earlier work that is the same), for pairs whose years carry
    different letters (`2018a`, `2018b`: D002) or not (D001)."""
    threshold = float(ctx.options.get("title-similarity", 0.9))
    repeated = _repeated_keys(works) if len(works) > REPEATED_KEYS_FROM else None
    first_with_key: dict[int, Work] = {}
    for work in works:
        earlier: Work | None = None
        for key in array("q", work.keys):
            if repeated is not None:
                bit = key & _BITMAP_MASK
                if not repeated[bit >> 3] & (1 << (bit & 7)):
                    continue  # this key occurs once in the list
            other = first_with_key.get(key)
            if other is not None and (earlier is None or other.index < earlier.index):
                if _lettered_apart(other, work) == lettered_apart and same_work(other, work, threshold):
                    # Letters say the author meant two works (volumes 2 and 3 of one book have
                    # titles nearly alike): lettered apart, only the very title or DOI is the same work.
                    if not lettered_apart or (other.doi and other.doi == work.doi) or (
                        work.title and other.title == work.title
                    ):
                        earlier = other
            else:
                first_with_key.setdefault(key, work)
        if earlier is not None:
            yield work, earlier


def check_duplicates(works: list[Work], ctx: Context) -> Iterator[Finding]:
    for work, earlier in _pairs(works, ctx, lettered_apart=False):
        name = earlier.name or earlier.index + 1
        # Two references with one DOI are one work whatever their text says; say why, since
        # the titles may differ (one of them then carries the other's DOI).
        why = f"the same DOI, {work.doi}" if work.doi and work.doi == earlier.doi else "the same work listed twice"
        yield Finding(
            work.span,
            f"duplicate of reference {name} ({why})",
            related=(Related(ctx.path, earlier.span, "first listed here"),),
            reference=work.index,
        )


def check_lettered_twice(works: list[Work], ctx: Context) -> Iterator[Finding]:
    for work, earlier in _pairs(works, ctx, lettered_apart=True):
        yield Finding(
            work.span,
            f"`{work.year}{work.letter}` is the same work as reference {earlier.name or earlier.index + 1} "
            f"(`{earlier.year}{earlier.letter}`): one work listed twice under two letters",
            related=(Related(ctx.path, earlier.span, f"lettered `{earlier.year}{earlier.letter}` here"),),
            reference=work.index,
        )


def merge_in_document(doc, refs: list[Reference], d) -> Fix | None:
    """In a manuscript (Markdown, LaTeX) the duplicate can be merged: its entry deleted and its
    citations pointed to the earlier one, the list and citations renumbered (crossref)."""
    if doc.format not in ("markdown", "latex") or not d.related:
        return None
    from .crossref import merge_fix

    first = d.related[0].span.start
    keep = next((i for i, s in enumerate(doc.entry_spans) if s.start <= first <= s.end), None)
    if keep is None or keep == d.reference:
        return None
    return merge_fix(doc, refs, keep, d.reference)


# What D001 and D002 share: both judge the same works and merge them the same way.
_SAME_WORK = {
    "scope": "list",
    "level": "error",
    "fix": "unsafe",
    "document_fix": merge_in_document,
    "options": {"title-similarity": 0.9},
    "option_docs": {"title-similarity": "how alike two titles must be (0-1) for near duplicates"},
}

RULES = [
    Rule(
        code="D001",
        name="duplicate-reference",
        summary="The same work listed twice",
        description="The same article appears under two numbers, exactly or nearly (another "
        "issue, page or journal form). The later entry is reported and points to the earlier "
        "one. In a Markdown or LaTeX manuscript the unsafe fix deletes the later entry, points its "
        "citations to the earlier one and renumbers the list and every citation after it (or "
        "replaces the key in every `\\cite`). A plain-text list gets no fix: its citations are in "
        "another file, and deleting an entry would renumber every later reference.",
        bad="Horie S, Gaynard S. Cytokine pre-activation of stromal cells enhances repair. Intensive Care Med Exp. 2020;8:1.\n"
        "Horie S, Gaynard S. Cytokine pre-activation of stromal cells enhances repair. Intensive Care Med Exp. 2020;8(1):8.",
        good="Horie S, Gaynard S. Cytokine pre-activation of stromal cells enhances repair. Intensive Care Med Exp. 2020;8(1):8.\n"
        "Umezawa Y. Psoriatic arthritis. J Dermatol. 2021;48(6):741-9.",
        check=check_duplicates,
        summarize=summarize,
        **_SAME_WORK,
    ),
    Rule(
        code="D002",
        name="one-work-lettered-twice",
        summary="One work listed twice under two year letters",
        description="Letters after the year (`2018a`, `2018b`) tell apart different works of the "
        "same authors and year. Two entries that are the same work (D001's test, but with the very "
        "title or DOI: letters say the author meant two works, and volumes 2 and 3 of one book have "
        "titles nearly alike) with different letters are one work listed twice, and its "
        "citations in the text cite it by two names. The later entry's year is reported and "
        "points to the earlier one; D001 leaves such pairs to this rule. In a Markdown or LaTeX "
        "manuscript the unsafe fix merges the two as D001's does (the remaining letter may then "
        "be needless: that is left to the author).",
        bad="Horie S, Gaynard S (2020a) Cytokine pre-activation of stromal cells enhances repair. Intensive Care Med Exp 8: 8.\n"
        "Horie S, Gaynard S (2020b) Cytokine pre-activation of stromal cells enhances repair. Intensive Care Med Exp 8: 8.",
        good="Horie S, Gaynard S (2020a) Cytokine pre-activation of stromal cells enhances repair. Intensive Care Med Exp 8: 8.\n"
        "Horie S, Gaynard S (2020b) Stromal cells in lung injury. Intensive Care Med Exp 8: 12.",
        check=check_lettered_twice,
        summarize=summarize_lettered,
        **_SAME_WORK,
    ),
]
