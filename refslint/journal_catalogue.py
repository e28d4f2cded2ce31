"""The journal catalogue: every journal of the NLM Catalog and of JabRef's abbreviation lists,
with its full title, NLM abbreviation and dotted (ISO-like) abbreviations.

Public functions: `lookup` / `lookup_all` (a name's exact catalogue forms, insensitive to case,
accents, periods and spacing), `is_catalogue_form` (written exactly as the catalogue writes a
form), `near` / `nearest` (near misses: typos, truncations), `publisher_glued`, `full_to_nlm`,
`canonical_key`, `form_key`. Every answer is computed from the shipped file on demand.

**The shipped file** (`rules/vocab/journal-catalogue.bin`, 3.3 MB, built by
`scripts/build_journal_catalogue.py` from the NLM Catalog and JabRef lists; licences in
`rules/vocab/LICENSES.md`) is three tables cut into blocks of 64 lines, each block compressed
on its own with raw deflate and a per-table preset dictionary (the table's commonest words):

* `keys`: a line per key, `LLLkey<TAB>ids`, where `LLL` is the key's length in three digits, so
  the table is ordered by length, then key, and the keys of one length that start with a given
  string are one contiguous run (what the near-miss search scans); the ids are the journals
  with a form of that key. A full title is listed under its cores only (`title_cores`: the
  title without `The`, subtitle and place qualifier), the abbreviations under their own keys;
* `rkeys`: the same keys written backwards, without ids, for the runs that share an ending;
* `records`: a line per journal, `full<TAB>nlm<TAB>iso|iso<TAB>titles<TAB>sources`, in
  id order.

A text header names each section's offset and length; each key table also has the first line
of each block (`heads`, bisected) and the block offsets. Looking a key up bisects the heads,
inflates one block (~2.3 KB of text) and finds its line in the block's bytes (only the lines
found are decoded); a journal is one more block, and its line in it. Blocks are kept in LRU
caches of 4,096 blocks a kind: more than the file's 3,607, under 20 MB when a long list has
inflated them all (a cache of 1,024 inflated three times as many blocks on 20,000 references:
each near-miss search touches ~20 blocks spread over the whole table).

**Why this form.** The catalogue is 47,242 journals (37,868 of the NLM Catalog, 9,374 only
JabRef lists) and 91,744 keys: 4.0 MB of records and 2.5 MB of keys as text, twice that with a
reversed table for near misses. Measured on the shared 2-core build machine
(benchmarks/journal_catalogue.py and trials of the alternatives):

* a sorted text file read and split into a list at the first lookup: 10-25 ms for a 3.9 MB key
  table alone (decode 5 ms, split 7-15 ms), and the text is over the 4 MB budget;
* the whole file compressed, inflated at first use: 40-55 ms;
* stdlib `sqlite3`: importing it costs 4-12 ms, and indexes on the key and on the reversed key
  store every key three times;
* blocks inflated on demand over a memory map (this): the first lookup, file opened and mapped
  and its header and heads read, 0.9-1.5 ms (loading the ISO 4 word list, `vocab._ltwa()`, took
  21-33 ms in the same runs); a lookup of a new name 40-50 µs with empty caches (~28 µs with
  its blocks inflated), a repeated one 0.25 µs; a near-miss search 200 µs median, 240 µs mean,
  500 µs at the 95th percentile with empty caches (it inflates ~20 blocks: the edit probes at
  three lengths in two tables, and a probe per length for truncations), ~75 µs with its blocks
  inflated. On the machine under other load, every figure was 2-4 times higher.

**Keys.** `form_key` folds case and accents (`vocab.fold`), reads periods, commas, colons,
semicolons and hyphens as spaces, drops apostrophes, writes a lone `&` as `and` and collapses
spacing: `J. Biol. Chem.`, `J Biol Chem` and `j biol chem` share `j biol chem`; `Proc Natl Acad
Sci U S A` and `Proc. Natl. Acad. Sci. U.S.A.` share `proc natl acad sci u s a` (but `USA`
is another key: that variant is an alias, `journal-aliases.yaml`).

**Forms of a journal.** Its catalogue full title, and the title without a leading `The`,
without its subtitle (after `: ` or ` = `) and without a trailing place qualifier such as
`(Cambridge, England)` (these derived titles are marked `derived`: references print them far
more often than the catalogue's own string); JabRef's own full title when it differs; the NLM
abbreviation, and the NLM abbreviation without a place qualifier (`Chem Commun` for `Chem Commun
(Camb)`; `derived`; year qualifiers such as `(2018)`, which tell a conference's volumes apart,
are kept); JabRef's dotted abbreviations (`iso`).

**Several journals may share a key** (an abbreviation of two journals, a title the catalogue
lists for a journal and its predecessor). `lookup_all` returns every journal, best first;
`lookup` returns the best and says `ambiguous` when another journal matches as well (same
exactness, and both forms given or both derived).
"""

import mmap
import re
import zlib
from bisect import bisect_right
from functools import cache, lru_cache
from typing import NamedTuple

from .vocab import data_dir, fold

FILE_NAME = "journal-catalogue.bin"
MAGIC = "refslint journal catalogue 1"
KEY_WIDTH = 3  # digits of the length written before each key: keys are at most 999 characters

# Near-miss limits (see `near`): no search for names shorter than NEAR_MIN_LENGTH characters (a
# four-letter name is within one edit of dozens of journals); below SHORT_LENGTH only the
# slips of typing (two letters swapped, one dropped, one doubled) count, not any replaced or
# inserted letter; a second edit only from LONG_LENGTH characters on; a truncation needs two
# words and TRUNCATION_MIN_LENGTH characters and may cut at most MAX_CUT characters.
NEAR_MIN_LENGTH = 5
SHORT_LENGTH = 8
LONG_LENGTH = 20
TRUNCATION_MIN_LENGTH = 10
MAX_CUT = 10


class Journal(NamedTuple):
    """A catalogued journal. `full` is the full title as the catalogue gives it (the NLM
    Catalog's when it has the journal); `nlm` the NLM abbreviation (dotless), None for a journal
    only JabRef lists (or one the NLM Catalog gives no abbreviation); `iso` JabRef's dotted
    abbreviations; `titles` JabRef's full titles where they are not a form of `full`; `sources`
    the lists it comes from (`nlm`, `jabref:<list>`); `id` its row in the shipped file."""

    id: int
    full: str
    nlm: str | None
    iso: tuple[str, ...]
    titles: tuple[str, ...]
    sources: tuple[str, ...]


class Match(NamedTuple):
    """A journal whose form has the name's key. `form` is "full", "nlm" or "iso"; `text` that
    form as the catalogue writes it (or as derived from it, `derived`); `case_exact`: the name
    has the form's words in the form's case (periods, hyphens and spacing aside; a full title's words
    may start in upper or lower case where the catalogue's word is otherwise lower case);
    `exact`: case-exact and with the periods, hyphens and other separators the form itself has
    (one final period, the reference's own separator, aside); `ambiguous`: another journal
    matches as well."""

    journal: Journal
    form: str
    text: str
    derived: bool
    case_exact: bool
    exact: bool
    ambiguous: bool


class Candidate(NamedTuple):
    """A journal the name is near: `text` its form the name is near (`form`: "full", "nlm",
    "iso"), `kind` how (`transposed`, `dropped`, `doubled`, `inserted`, `replaced`, `edited` for
    two edits, `truncated`, `extended`, `publisher`) and `distance` how many characters differ,
    are missing or are too many."""

    journal: Journal
    form: str
    text: str
    kind: str
    distance: int


# --- keys and forms (the build script uses these too, so the file and the lookups agree) ---

_SEPARATORS = str.maketrans({c: " " for c in ".,:;-\u2010\u2011\u2013\u2014"} | {"'": "", "\u2019": ""})


def _words(name: str) -> str:
    words = name.translate(_SEPARATORS).split()
    return " ".join("and" if w == "&" else w for w in words)


def form_key(name: str) -> str:
    """The key forms are looked up by: case, accents, periods, commas, colons, hyphens,
    apostrophes and spacing aside, `&` read as `and`."""
    return _words(fold(name))


# Patterns are compiled at their first use, not at import (a few milliseconds of start-up).
_pattern = cache(re.compile)
_QUALIFIER = r"\s*\(([^()]*)\)$"
_YEAR = r"\d{4}"


def _subtitle_cut(title: str) -> str:
    """The title before its first `: ` or ` = ` outside parentheses (a place qualifier such as
    `(Washington, D.C. : 1979)` has its own colon)."""
    cuts = [i for i in (title.find(": "), title.find(" = ")) if i > 0]
    if not cuts:
        return title
    if "(" not in title:
        return title[: min(cuts)].rstrip()
    depth = 0
    for i, ch in enumerate(title):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif depth == 0 and i and title[i + 1 : i + 2] == " ":
            if ch == ":" or (ch == "=" and title[i - 1] == " "):
                return title[:i].rstrip()
    return title


def _without_the(title: str) -> str:
    return title[4:] if title[:4].lower() == "the " and len(title) > 4 else title


def _without_qualifier(title: str, keep_years: bool = False) -> str:
    m = _pattern(_QUALIFIER).search(title)
    if m is None or m.start() == 0 or (keep_years and _pattern(_YEAR).fullmatch(m.group(1))):
        return title
    return title[: m.start()]


def _reductions(title: str) -> tuple[str, str, str]:
    return _without_the(title), _subtitle_cut(title), _without_qualifier(title)


def title_variants(title: str) -> list[str]:
    """The full title and the titles derived from it (no leading `The`, no subtitle, no final
    place qualifier, in every combination), the catalogue's own first, without repeats."""
    out = [title]
    for text in out:  # grows while it is read: every derivation of every derivation
        for derived in _reductions(text):
            if derived and derived not in out:
                out.append(derived)
    return out


def title_cores(title: str) -> list[str]:
    """The titles derived from a full title that nothing more can be taken from (usually one):
    what the key table holds for a full title. A name is looked up by its own key and the keys
    of its own derived titles, which meet the cores of the titles it is a form of."""
    return [v for v in title_variants(title) if all(r == v for r in _reductions(v))]


def abbreviation_variants(nlm: str) -> list[str]:
    """The NLM abbreviation and, when it ends in a place qualifier, the abbreviation without it."""
    bare = _without_qualifier(nlm, keep_years=True)
    return [nlm] if bare == nlm or not bare else [nlm, bare]


def index_keys(journal: Journal) -> set[str]:
    """The keys under which the key table lists a journal."""
    texts = [core for title in (journal.full, *journal.titles) for core in title_cores(title)]
    if journal.nlm:
        texts += abbreviation_variants(journal.nlm)
    texts += journal.iso
    return {key for key in map(form_key, texts) if key}


def _query_keys(name: str) -> list[str]:
    """The keys a name is looked up by: its own first, then its derived titles'."""
    keys = [form_key(name)]
    for text in title_variants(name)[1:]:
        key = form_key(text)
        if key and key not in keys:
            keys.append(key)
    return keys


def journal_forms(journal: Journal) -> list[tuple[str, str, bool]]:
    """Every form of a journal as (kind, text, derived)."""
    forms: list[tuple[str, str, bool]] = []
    seen: set[str] = set()

    def add(kind: str, text: str, derived: bool) -> None:
        if (kind, text) not in seen:
            seen.add((kind, text))
            forms.append((kind, text, derived))

    for title in (journal.full, *journal.titles):
        for i, text in enumerate(title_variants(title)):
            add("full", text, i > 0)
    if journal.nlm:
        for i, text in enumerate(abbreviation_variants(journal.nlm)):
            add("nlm", text, i > 0)
    for text in journal.iso:
        add("iso", text, False)
    return forms


# --- the shipped file ---


class _File(NamedTuple):
    data: mmap.mmap
    sections: dict[str, tuple[int, int]]
    block_lines: int
    journals: int


@cache
def _file() -> _File:
    path = data_dir() / "vocab" / FILE_NAME
    with open(path, "rb") as f:
        data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    end = data.find(b"\n\n")
    lines = data[:end].decode("ascii").split("\n")
    if lines[0] != MAGIC:
        raise ValueError(f"{path} is not a refslint journal catalogue ({lines[0]!r})")
    sections, counts = {}, {}
    for line in lines[1:]:
        name, *values = line.split()
        if len(values) == 1:
            counts[name] = int(values[0])
        else:
            sections[name] = (end + 2 + int(values[0]), int(values[1]))
    return _File(data, sections, counts["block-lines"], counts["journals"])


def journal_count() -> int:
    """How many journals the catalogue has: their ids run from 0 to this number less one."""
    return _file().journals


def _section(name: str) -> bytes:
    f = _file()
    start, length = f.sections[name]
    return f.data[start : start + length]


@cache
def _heads(table: str) -> list[str]:
    return _section(f"{table}.heads").decode("utf-8").split("\n")


@cache
def _offsets(table: str) -> tuple[int, list[int]]:
    return _file().sections[f"{table}.blocks"][0], [int(x) for x in _section(f"{table}.offsets").split()]


@cache
def _zdict(table: str) -> bytes:
    return _section(f"{table}.zdict")


def _inflated(table: str, i: int) -> bytes:
    base, offsets = _offsets(table)
    raw = _file().data[base + offsets[i] : base + offsets[i + 1]]
    return zlib.decompressobj(wbits=-15, zdict=_zdict(table)).decompress(raw)


@lru_cache(maxsize=4096)
def _key_block(table: str, i: int) -> bytes:
    """A block of a key table as its bytes after a line break: a line that starts with a string
    is found with one `find` of the line break and the string (its lines are sorted, so all that
    start with it follow one another), and only the lines found are decoded. (Decoding and
    splitting every block a run touches took twice as long as inflating it.)"""
    return b"\n" + _inflated(table, i)


@lru_cache(maxsize=4096)
def _record_block(i: int) -> bytes:
    """A block of the records table as its bytes: a journal is its block's n-th line (split off
    up to it; only that line is decoded)."""
    return _inflated("records", i)


def _record(record_id: int) -> str:
    block_lines = _file().block_lines
    n = record_id % block_lines
    return _record_block(record_id // block_lines).split(b"\n", n + 1)[n].decode("utf-8")


def _scan(table: str, prefix: str):
    """The lines of a key table whose sort string starts with `prefix`, in order."""
    heads = _heads(table)
    b = max(bisect_right(heads, prefix) - 1, 0)
    wanted = b"\n" + prefix.encode("utf-8")
    text = _key_block(table, b)
    at = text.find(wanted)
    while True:
        while at >= 0:  # (at: the line break before a line that starts with prefix)
            end = text.find(b"\n", at + 1)
            end = len(text) if end < 0 else end
            yield text[at + 1 : end].decode("utf-8")
            at = end if text.startswith(wanted, end) else -1
        b += 1
        if b >= len(heads) or not heads[b].startswith(prefix):
            return
        text, at = _key_block(table, b), 0  # (the block's first line, its head, starts with it)


def _ids(table: str, key: str) -> tuple[int, ...]:
    """The record ids of a key (none when it is no catalogue key)."""
    target = f"{len(key):0{KEY_WIDTH}d}{key}\t"
    heads = _heads(table)
    b = max(bisect_right(heads, target) - 1, 0)
    text = _key_block(table, b)
    at = text.find(b"\n" + target.encode("utf-8"))
    if at >= 0:
        end = text.find(b"\n", at + 1)
        line = text[at + 1 : len(text) if end < 0 else end].decode("utf-8")
    else:  # (the key's line may be the next block's first: its head)
        line = heads[b + 1] if b + 1 < len(heads) else ""
    return tuple(int(x) for x in line[len(target) :].split(",")) if line.startswith(target) else ()


@lru_cache(maxsize=4096)
def journal(record_id: int) -> Journal:
    """The catalogued journal of a record id."""
    if not 0 <= record_id < journal_count():
        raise IndexError(f"no journal {record_id} in the catalogue")
    full, nlm, iso, titles, sources = _record(record_id).split("\t")
    return Journal(
        record_id,
        full,
        nlm or None,
        tuple(iso.split("|")) if iso else (),
        tuple(titles.split("|")) if titles else (),
        tuple(sources.split(",")),
    )


@lru_cache(maxsize=4096)
def _keyed_forms(record_id: int) -> dict[str, list[tuple[str, str, bool]]]:
    keyed: dict[str, list[tuple[str, str, bool]]] = {}
    for form in journal_forms(journal(record_id)):
        keyed.setdefault(form_key(form[1]), []).append(form)
    return keyed


# --- exact lookups ---


def _one_period_off(text: str) -> str:
    return text[:-1] if text.endswith(".") else text


def _same_word(written: str, catalogue: str, full: bool) -> bool:
    if written == catalogue:
        return True
    # A full title's word may be capitalised or not (title case, sentence case) where the
    # catalogue writes the rest of it in lower case; `PloS`, `eLife`, `BMC` are kept as written.
    rest = catalogue[1:]
    return (
        full
        and len(written) == len(catalogue)
        and written[1:] == rest
        and not any(c.isupper() for c in rest)
        and written[:1].lower() == catalogue[:1].lower()
    )


_WORDS = r"([ \-/])"  # captured: the separators between words must be the same too


def _same_letters(written: str, catalogue: str, full: bool) -> bool:
    a, b = _pattern(_WORDS).split(written), _pattern(_WORDS).split(catalogue)
    return len(a) == len(b) and all(_same_word(x, y, full) for x, y in zip(a, b, strict=True))


def _compare(name: str, text: str, kind: str) -> tuple[bool, bool]:
    """(case_exact, exact) of a name written for the form `text`: exact compares the words and
    what separates them, case-exact the words only (the key's separators aside)."""
    full = kind == "full"
    written = " ".join(name.split())
    if _same_letters(_one_period_off(written), _one_period_off(text), full):
        return True, True
    return _same_letters(_words(written), _words(text), full), False


def _rank(m: Match, dotted: bool) -> tuple:
    kind_order = ("iso", "nlm", "full") if dotted else ("nlm", "iso", "full")
    nlm_catalog = "nlm" in m.journal.sources
    return (not m.exact, not m.case_exact, m.derived, kind_order.index(m.form), not nlm_catalog)


@lru_cache(maxsize=1 << 14)
def lookup_all(name: str) -> tuple[Match, ...]:
    """Every catalogued journal with a form whose key is the name's key, one match per journal
    (its form that best fits the name: exact before case-exact before other case, given
    before derived, then the NLM form, or the dotted one if the name has periods, then the
    full title), best first; journals of the NLM Catalog before those only JabRef lists.

    A leading `The` the catalogue's title lacks is no difference: `The FASEB Journal` is a
    form of `FASEB journal : official publication of ...`."""
    keys = _query_keys(name)
    key = keys[0]
    if not key:
        return ()
    dotted = "." in name
    bare = _without_the(name.strip())
    best: list[Match] = []
    record_ids = sorted({record_id for k in keys for record_id in _ids("keys", k)})
    for record_id in record_ids:
        matches = []
        forms = _keyed_forms(record_id)
        for written, k in ((name, key), (bare, form_key(bare))):
            for kind, text, derived in forms.get(k, ()):
                case_exact, exact = _compare(written, text, kind)
                matches.append(Match(journal(record_id), kind, text, derived, case_exact, exact, False))
            if matches or written is bare:
                break
        if matches:
            best.append(min(matches, key=lambda m: _rank(m, dotted)))
    best.sort(key=lambda m: (*_rank(m, dotted), m.journal.id))
    if len(best) > 1:
        top = _rank(best[0], dotted)[:3]
        if _rank(best[1], dotted)[:3] == top:
            best[0] = best[0]._replace(ambiguous=True)
    return tuple(best)


def lookup(name: str) -> Match | None:
    """The catalogued journal a name is a form of (see `lookup_all`), or None."""
    matches = lookup_all(name)
    return matches[0] if matches else None


def is_catalogue_form(name: str) -> bool:
    """Whether the name is written exactly as a catalogue form: a full title (its words' first
    letters free where the catalogue writes the rest in lower case; derived titles count,
    such as `Journal of Biological Chemistry` for `The Journal of biological chemistry`), an NLM
    abbreviation (no periods: `J Biol Chem`, `HPB (Oxford)`, `Elife`; `Chem Commun` for `Chem
    Commun (Camb)` counts too, and `Match.derived` tells it apart) or a dotted abbreviation with
    its periods (`Phys. Rev. Lett.`), each with the form's own hyphens, commas and colons.
    One final period is the reference's separator and is not judged, nor is the amount of
    space between words; case is (`Faseb J`, `Plos one` are not forms)."""
    return any(m.exact for m in lookup_all(name))


_SERIES = r"(?i)^[\W_]*(?:[A-Z]|[IVX]{1,4}|\d{1,2}|(?:series|section|part|sect)\b.*)[\W_]*$"


def _drops_series(m: Match) -> bool:
    """Whether a title derived from the catalogue's dropped what tells journals apart: `Acta
    physica Polonica` from `Acta physica Polonica: A` (series A and B are two journals)."""
    full = _without_the(m.journal.full)
    at = full.lower().find(m.text.lower())
    return at == 0 and bool(_pattern(_SERIES).match(full[len(m.text) :]))


def full_to_nlm(name: str) -> str | None:
    """The NLM abbreviation of the journal whose full title (or a title derived from it) the
    name is, case aside: `Nature Biotechnology` -> `Nat Biotechnol`, `Chemical Communications`
    -> `Chem Commun (Camb)`. None when the name is no full title, the journal has no NLM
    abbreviation, or equally good matches disagree."""
    matches = [m for m in lookup_all(name) if m.form == "full" and m.journal.nlm]
    if not matches:
        return None
    # The title itself first; a title derived from a longer one only where nothing that tells
    # journals apart was dropped.
    given = [m for m in matches if not m.derived] or [m for m in matches if not _drops_series(m)]
    abbreviations = {m.journal.nlm for m in given}
    return abbreviations.pop() if len(abbreviations) == 1 else None


def _journal_key(j: Journal) -> str:
    if j.nlm:
        return form_key(j.nlm)
    if j.iso:
        return form_key(j.iso[0])
    return form_key(title_variants(j.full)[-1])


def canonical_key(name: str) -> str:
    """A key two forms of one journal share: the key of its NLM abbreviation (else of its first
    dotted abbreviation, else of its shortest derived title), so `Journal of Biological
    Chemistry`, `The Journal of biological chemistry`, `J Biol Chem` and `J. Biol. Chem.` all
    give `j biol chem`. A name the catalogue does not know, or whose equally good matches are
    different journals, keeps its own `form_key`."""
    matches = lookup_all(name)
    if not matches:
        return form_key(name)
    top = (matches[0].exact, matches[0].case_exact, matches[0].derived)
    keys = {_journal_key(m.journal) for m in matches if (m.exact, m.case_exact, m.derived) == top}
    return keys.pop() if len(keys) == 1 else form_key(name)


# --- near misses ---


def _edit(q: str, k: str, limit: int) -> tuple[int, str, int] | None:
    """The optimal-string-alignment distance between q and k, with how they differ and where
    (the first differing position), when it is at most `limit` (else None)."""
    if abs(len(q) - len(k)) > limit:
        return None
    p = 0
    stop = min(len(q), len(k))
    while p < stop and q[p] == k[p]:
        p += 1
    s = 0
    while s < stop - p and q[-1 - s] == k[-1 - s]:
        s += 1
    a, b = q[p : len(q) - s], k[p : len(k) - s]
    if len(a) + len(b) <= 2:
        if not a and len(b) == 1:
            return 1, "dropped", p
        if not b and len(a) == 1:
            doubled = q[p - 1 : p] == a or q[p + 1 : p + 2] == a
            return 1, "doubled" if doubled else "inserted", p
        if len(a) == len(b) == 1:
            return 1, "replaced", p
    if len(a) == len(b) == 2 and a == b[::-1]:
        return 1, "transposed", p
    if limit < 2:
        return None
    # The table covers only what lies between the first and the last difference, and stops as
    # soon as a row is over the limit.
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            row[j] = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], prev2[j - 2] + 1)
        prev2, prev = prev, row
        if min(row) > limit:
            return None
    return (prev[-1], "edited", p) if prev[-1] <= limit else None


def _line_key(line: str) -> str:
    tab = line.find("\t")
    return line[KEY_WIDTH:tab] if tab >= 0 else line[KEY_WIDTH:]


_SLIPS = frozenset({"transposed", "dropped", "doubled"})
# A replaced letter counts only inside a word this long: among short abbreviations one letter
# replaced is mostly another journal (`Biol Rev` / `Biol Res`, `Ecol Stud` / `Econ Stud`, `J Comp
# Chem` / `J Comb Chem`), while `Phisica D` / `Physica D` is a typo. Two letters swapped count
# inside a word of TRANSPOSED_WORD_LENGTH letters or more (`Mde` for `Med`; the journal rules
# leave three-letter words in capitals alone: `CAS` and `CSA` are two acronyms).
REPLACED_WORD_LENGTH = 6
TRANSPOSED_WORD_LENGTH = 3
# A truncation may cut at most this many whole words (`Mon Not R Astron` + `Soc`; `Biol Rev` +
# `City Coll` is another journal).
MAX_CUT_WORDS = 2


def _word_length(q: str, at: int) -> int:
    end = q.find(" ", at)
    return (end if end >= 0 else len(q)) - (q.rfind(" ", 0, at) + 1)


def _plausible(q: str, k: str, kind: str, at: int) -> bool:
    if len(q) < SHORT_LENGTH and kind not in _SLIPS:
        return False
    if kind == "replaced":
        return _word_length(q, at) >= REPLACED_WORD_LENGTH
    if kind == "transposed":
        return " " in q[at : at + 2] or _word_length(q, at) >= TRANSPOSED_WORD_LENGTH
    if kind == "edited":  # two edits that add or remove a word are another title
        return q.count(" ") == k.count(" ")
    return True


def _near_keys(q: str) -> dict[str, tuple[int, str]]:
    """Catalogue keys near q: key -> (distance, kind)."""
    n = len(q)
    found: dict[str, tuple[int, str]] = {}

    def keep(k: str, distance: int, kind: str) -> None:
        if k not in found or found[k][0] > distance:
            found[k] = (distance, kind)

    limit = 2 if n >= LONG_LENGTH else 1
    h = n // 2
    # Edits all in the second half leave the first half as a prefix of the key; edits all in
    # the first half (a swap across the middle included) leave q[h + 1:] as its ending. With
    # one edit that is every case; with two, both must fall in one half.
    backwards = q[::-1]
    for length in range(n - limit, n + limit + 1):
        for table, probe in (("keys", q[:h]), ("rkeys", backwards[: n - h - 1])):
            for line in _scan(table, f"{length:0{KEY_WIDTH}d}{probe}"):
                k = _line_key(line)
                if table == "rkeys":
                    k = k[::-1]
                hit = _edit(q, k, limit)
                if hit and _plausible(q, k, hit[1], hit[2]):
                    keep(k, hit[0], hit[1])
    # (Three words or more make a shorter name specific enough: `J Am Stat`.)
    if (n >= TRUNCATION_MIN_LENGTH or (n >= SHORT_LENGTH and q.count(" ") >= 2)) and " " in q:
        for length in range(n + 1, n + MAX_CUT + 1):  # the name is a catalogue form cut short
            for line in _scan("keys", f"{length:0{KEY_WIDTH}d}{q}"):
                k = _line_key(line)
                if k.count(" ", n) <= MAX_CUT_WORDS:
                    keep(k, length - n, "truncated")
        start = q.rfind(" ") + 1  # the name's last word goes on past the form's last word
        for cut in range(max(start + 3, n - MAX_CUT), n):
            if _ids("keys", q[:cut]):
                keep(q[:cut], n - cut, "extended")
    return found


_KIND_ORDER = ("transposed", "dropped", "doubled", "replaced", "inserted", "edited", "truncated", "extended")


@lru_cache(maxsize=1 << 12)
def near(name: str) -> tuple[Candidate, ...]:
    """Catalogued journals the name is near, when the name's key is no catalogue key: one
    character dropped, inserted, doubled, replaced, or two neighbours swapped (from
    LONG_LENGTH characters, two such edits, both in one half of the name); a form cut short (a
    trailing word or the end of the last word, at most MAX_CUT characters, for names of two
    words and TRUNCATION_MIN_LENGTH characters or more: `Cell Transpl`, `Mon Not R Astron`); or
    an abbreviation whose last word the name writes longer (`Transfus Med Hemotherapy`).
    Names shorter than NEAR_MIN_LENGTH characters get nothing, and below SHORT_LENGTH only
    swapped, dropped and doubled letters count: `Natrue` finds `Nature`, `Gutt` nothing.

    One candidate per journal (its nearest form), nearest first; several at the smallest
    distance are a tie, which `nearest` does not resolve. Keys are compared, so case, accents
    and periods are no distance."""
    key = form_key(name)
    if len(key) < NEAR_MIN_LENGTH or lookup_all(name):
        return ()
    order = ("iso", "nlm", "full") if "." in name else ("nlm", "iso", "full")
    best: dict[int, tuple[tuple, Candidate]] = {}  # record id -> (rank, its nearest form)
    for k, (distance, kind) in _near_keys(key).items():
        for record_id in _ids("keys", k):
            forms = _keyed_forms(record_id).get(k, ())
            if kind == "extended":  # only an abbreviation's last word is written longer
                forms = [f for f in forms if f[0] != "full"]
            if not forms:
                continue
            form, text, derived = min(forms, key=lambda f: (f[2], order.index(f[0])))
            rank = (distance, _KIND_ORDER.index(kind), derived, text, record_id)
            if record_id not in best or rank < best[record_id][0]:
                best[record_id] = (rank, Candidate(journal(record_id), form, text, kind, distance))
    return tuple(candidate for _, candidate in sorted(best.values()))


def nearest(name: str) -> Candidate | None:
    """The unique nearest candidate of `near`, or None when there is none or a tie: another
    form at the same distance (two journals with one form are no tie), or, for a truncation,
    another completion of the cut word at any distance (`Br J Psych`: `Br J Psychol`, `Br J
    Psychiatry`), though not a longer one of the same form (`Mon Not R Astron`: `Mon Not R
    Astron Soc`, `Mon Not R Astron Soc Lett`)."""
    candidates = near(name)
    if not candidates:
        return None
    first = candidates[0]
    key = form_key(first.text)
    for other in candidates[1:]:
        other_key = form_key(other.text)
        if other_key == key:
            continue
        if other.distance == first.distance:
            return None
        if first.kind == other.kind == "truncated" and not other_key.startswith(key):
            return None
        if "truncated" in (first.kind, other.kind) and first.kind != other.kind:
            # A slip of one journal, or another cut short: `Quat Sci` (`Aquat Sci`, `Quat Sci Rev`).
            return None
    return first


# --- a publisher's name glued before the journal ---

# Publishers whose names end up before a journal's in exported references. Never a word that
# starts genuine journal names on its own: `Frontiers in ...`, `IEEE ...`, `BMC ...`, `Nature
# ...`, `PLoS ...`, `Cell ...`, `ACS ...` (only longer names such as `Frontiers Media`).
_PUBLISHERS = (
    "Springer Nature", "Springer-Verlag", "Springer", "Elsevier Masson", "Elsevier Science", "Elsevier",
    "John Wiley & Sons", "John Wiley and Sons", "Wiley-Blackwell", "Wiley-VCH", "Wiley", "Blackwell",
    "Taylor & Francis", "Taylor and Francis", "Routledge", "SAGE Publications", "SAGE", "Sage",
    "Oxford University Press", "OUP", "Cambridge University Press", "CUP", "S. Karger", "Karger",
    "Georg Thieme Verlag", "Thieme", "Lippincott Williams & Wilkins", "Lippincott Williams and Wilkins",
    "Lippincott", "Wolters Kluwer", "Walter de Gruyter", "De Gruyter", "MDPI", "Hindawi",
    "Informa Healthcare", "Informa", "Emerald", "Bentham Science", "Dove Medical Press", "Dove Press",
    "BioMed Central", "Frontiers Media", "Nature Publishing Group", "Cell Press",
    "Royal Society of Chemistry", "IOP Publishing", "AIP Publishing", "Mary Ann Liebert",
)
# What may follow a publisher's name before the journal's: company words, then separators.
_PUBLISHER_END = (
    r"(?i)(?:[\s,]+(?:Ltd|Limited|Inc|B\.?V|GmbH|AG|S\.?A|Co|KG|Verlag|Publishing|Publishers|Publications|"
    r"Press|Group|Media|Science|Sciences|International|Open|Access|Berlin|Heidelberg|London|New York)\.?)*"
    r"[\s,:;.\-\u2013]+"
)
_SEPARATOR = r"[\s,:;.\-\u2013]+"


def publisher_glued(name: str) -> Candidate | None:
    """The journal a name is once a publisher's name before it is taken off (`Springer Brain
    Informatics` -> `Brain informatics`, kind `publisher`, distance the characters taken off),
    only when the whole name is no catalogue form. None otherwise. The shortest cut that leaves
    a catalogued journal wins: `Springer Nature Communications` is `Nature Communications`,
    `Elsevier Science Advances` is `Science Advances`."""
    if lookup_all(name):
        return None
    written = " ".join(name.split())
    lower = written.lower()
    ends: set[int] = set()
    for publisher in _PUBLISHERS:
        if not lower.startswith(publisher.lower()):
            continue
        m = _pattern(_PUBLISHER_END).match(written, len(publisher))
        if m is None:  # `SpringerPlus` is a journal, not Springer glued to one
            continue
        # The publisher's name may end before each of its optional words (`Science` may be
        # the journal's own first word).
        ends.update(x.end() for x in _pattern(_SEPARATOR).finditer(written, len(publisher), m.end()))
    for end in sorted(ends):
        hit = lookup(written[end:])
        if hit is not None:
            return Candidate(hit.journal, hit.form, hit.text, "publisher", end)
    return None
