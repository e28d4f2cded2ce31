"""Field agreement: does what refslint read equal the true field, after normalisation?"""

from __future__ import annotations

import re
import unicodedata

FIELDS = ("author", "title", "container", "year", "volume", "page")
HEADERS = {"author": "author", "title": "title", "container": "journal", "year": "year", "volume": "volume",
           "page": "page"}

_DASHES = re.compile(r"[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]")
_QUOTES = "\"'“”‘’«»„‚`´"
_EDGE = re.compile(rf"^[\s.,;:()\[\]{{}}{re.escape(_QUOTES)}]+|[\s.,;:()\[\]{{}}{re.escape(_QUOTES)}]+$")


def norm(text: object) -> str:
    """NFKC, case-folded, dashes unified, surrounding punctuation and quotes stripped, white
    space squashed."""
    if text is None:
        return ""
    t = unicodedata.normalize("NFKC", str(text)).casefold()
    t = _DASHES.sub("-", t)
    t = " ".join(t.split())
    return _EDGE.sub("", t)


def norm_title(text: object) -> str:
    """A title without its final punctuation (the style's `?` or `.` is not part of it)."""
    return re.sub(r"[.?!]+$", "", norm(text)).strip()


def first_page(text: object) -> str:
    """The part of a page range before the dash."""
    return norm(norm(text).split("-")[0])


def first_author(csl: dict) -> str:
    authors = csl.get("author") or []
    if not authors:
        return ""
    a = authors[0]
    return a.get("family") or a.get("literal") or ""


def year_of(csl: dict) -> str:
    try:
        return str(csl["issued"]["date-parts"][0][0])
    except (KeyError, IndexError, TypeError):
        return ""


def read_fields(csl: dict) -> dict[str, str]:
    """The six compared fields of a CSL item (as refslint read it), normalised."""
    return {
        "author": norm(first_author(csl)),
        "title": norm_title(csl.get("title")),
        "container": norm(csl.get("container-title")),
        "year": norm(year_of(csl)),
        "volume": norm(csl.get("volume")),
        "page": first_page(csl.get("page")),
    }


def true_fields(truth: dict) -> dict[str, str]:
    """The six compared fields of a rendered entry's truth, normalised the same way."""
    return {
        "author": norm(truth["first_author"]),
        "title": norm_title(truth["title"]),
        "container": norm(truth["container-title"]),
        "year": norm(truth["year"]),
        "volume": norm(truth["volume"]),
        "page": first_page(truth["first_page"]),
    }


def agreement(got: dict[str, str], want: dict[str, str]) -> dict[str, bool]:
    """Per field: equal (a field the truth lacks is not scored: None)."""
    return {f: got.get(f, "") == want[f] for f in FIELDS if want.get(f)}


class Tally:
    """Agreement counts per field and for the references whose six fields are all right."""

    def __init__(self) -> None:
        self.right = dict.fromkeys((*FIELDS, "all"), 0)
        self.scored = dict.fromkeys((*FIELDS, "all"), 0)
        self.references = 0

    def add(self, result: dict[str, bool]) -> None:
        self.references += 1
        for f, ok in result.items():
            self.scored[f] += 1
            self.right[f] += ok
        if len(result) == len(FIELDS):
            self.scored["all"] += 1
            self.right["all"] += all(result.values())

    def share(self, f: str) -> float | None:
        return self.right[f] / self.scored[f] if self.scored[f] else None

    def as_json(self) -> dict:
        return {"references": self.references,
                **{f: {"right": self.right[f], "scored": self.scored[f]} for f in self.right}}
