"""What kind of work a reference cites (journal article, preprint, book, chapter, web page,
thesis, conference paper, report), read from its wording: the missing-element rules ask only
for what the kind has (a book has no volume)."""

from __future__ import annotations

import re
from functools import cache

# Compiled at first use: a list of journal articles asks only for the preprint and chapter
# patterns, and only of a reference that has one of their words.
_pattern = cache(re.compile)

_CHAPTER = r"^In[:\s]|(?:^|[.,;]\s)In[:\s]|[Ee]ditors?\b|\(eds?\.?\)|\bEds?\.|\beds?\.,"
_PUBLISHER = (
    r"(?:^|[.?!][ \t])[A-Z][^:;.?!]{1,60}:[ \t]*[^;:]{2,120}[;,][ \t]*(?:c|©)?[ \t]*(?:1[5-9]|20)\d\d"
)
_BOOK = (
    r"\b(?:\d+(?:st|nd|rd|th) ed\b|\d+(?:st|nd|rd|th) edn\b|[Ee]dition|ISBN|Press|Publish(?:ers?|ing)|Verlag|"
    r"Springer|Wiley|Elsevier|Blackwell|Sinauer|McGraw|Routledge|Academic|Saunders|Mosby|Lippincott|Karger|"
    r"Thieme|CRC|Chapman|Pearson|Norton|Sage|Freeman|Garland|Humana|Wolters|Cold Spring Harbor Laboratory|"
    r"Oxford University|Cambridge University|University of [A-Z]\w+ Press)\b"
    r"|\b\d+\s*pp?\.\s*$|\bpp?\.\s*\d+\.?\s*$"  # a page count: "Geneva: WHO, 20 p."
    r"|(?:^|[.?!]\s)(?:[A-Z][a-z]+\s?){1,3}:\s*[A-Z][^:;]{2,100}\.?\s*$"  # "Oakland: Univ of California."
    r"|(?:^|[.?!]\s)[A-Z][\w&.\- ]{1,40};\s*(?:1[5-9]|20)\d\d\.?\s*$"  # "Tor; 2013."
)
_THESIS = r"dissertation|thesis|Ph\.?D\.?\b"
_CONFERENCE = r"\b(?:Proceedings|Proc\.? of|Conference|Symposium|Congress|Workshop)\b"
_REPORT = r"\b(?:[Rr]eport|Working [Pp]aper|Technical|Guideline|Guidance)\b"
_PREPRINT = (
    r"\b(?:arXiv|ArXiv|bioRxiv|medRxiv|ChemRxiv|chemRxiv|PsyArXiv|SocArXiv|Preprints|Preprint|preprint|"
    r"SSRN|Research Square|Authorea|Qeios)\b"
)
# Words every match of _PREPRINT, and of _CHAPTER, contains: a reference with none of them is not
# one (looking for a few words is much cheaper than searching for the patterns, and most
# references have none).
_PREPRINT_WORDS = ("rXiv", "Rxiv", "reprint", "SSRN", "Research Square", "Authorea", "Qeios")
_CHAPTER_WORDS = ("In", "ditor", "(ed", "Ed", "ed.,", "eds.,")
_WEB = r"\[Internet\]|Available (?:from|at|online)|https?://|www\.|\[cited|Accessed|Retrieved from"


def classify(raw: str, journal_like: bool = False) -> str:
    """The kind of a reference. `journal_like`: a family's grammar read it as a journal
    article (a container and a citation block); only preprints and chapters are told apart."""
    if _has_any(raw, _PREPRINT_WORDS) and _pattern(_PREPRINT).search(raw):
        return "preprint"
    if journal_like:
        return "chapter" if _is_chapter(raw) else "journal"
    if _pattern(_WEB).search(raw):
        return "web"
    if _pattern(_THESIS, re.IGNORECASE).search(raw):
        return "thesis"
    if _is_chapter(raw):
        return "chapter"
    if _pattern(_CONFERENCE).search(raw):
        return "conference"
    if _pattern(_PUBLISHER).search(raw) or _pattern(_BOOK).search(raw):
        return "book"
    if _pattern(_REPORT).search(raw):
        return "report"
    return "journal"


def _is_chapter(raw: str) -> bool:
    return _has_any(raw, _CHAPTER_WORDS) and _pattern(_CHAPTER).search(raw) is not None


def _has_any(raw: str, words: tuple[str, ...]) -> bool:
    return any(word in raw for word in words)
