"""Real reference strings with hand-labelled fields (anystyle, GROBID): the gold fields, in the
same six fields as the rendered lists.

The labels mark spans of the printed string, not parsed values, so the gold values are cut out
of them here: the first author's family name from the author span (Vancouver `Smith JA`,
inverted `Smith, J. A.`, initials first `J. A. Smith`; other forms are not scored), the year
from the date span, and volume and first page without their labels (`vol.`, `pp.`) — the same
label-stripping is applied to what refslint read. A field the labels lack is not scored.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from .fields import first_page, norm, norm_title
from .records import CORPUS

_INITIALS = r"(?:[A-Z]{1,4}|(?:[A-Z]\.[\s-]?){0,3}[A-Z]\.?)"  # JA, J.A., J. A., J.-L.
_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_LABELS = re.compile(r"^(?:vols?|volume|v|bd|tome|t|pp|p|pages?|s|no)\.?\s+|^(?:vol|pp?|s)\.", re.I)
# anystyle labels a Vancouver `2007;22(1):86-88` as one volume span: the year goes before `;`.
_YEAR_VOLUME = re.compile(r"^(1[5-9]\d\d|20\d\d)[^;]{0,12};\s*")
_TAGS = re.compile(r"</?[a-z]+>")


def gold_family(author: str) -> str | None:
    """The first author's family name in a labelled author span, None when its form is unclear."""
    s = re.sub(r"^(?:by|par|von)\s+", "", author.strip(), flags=re.I)
    s = re.sub(r"\bet\s+al\b\.?", "", s).strip(" ,;.")
    chunk = re.split(r"\s*(?:,|;|&|\band\b|\bet\b|\bund\b)\s*", s, maxsplit=1)[0].strip()
    if not chunk:
        return None
    m = re.fullmatch(rf"(.+?)\s+{_INITIALS}", chunk)  # Vancouver: Smith JA / Heidegger M.
    if m and not re.search(r"\.\s", m.group(1)):
        return m.group(1)
    m = re.match(r"^((?:[A-Z][a-z]?\.[\s-]*)+)\s*(.+)$", chunk)  # initials first: J. P. Collman
    if m:
        return m.group(2)
    rest = s[len(chunk):].lstrip(" ,")
    given = re.split(r"\s*(?:,|;|&|\band\b)\s*", rest, maxsplit=1)[0]
    if re.fullmatch(rf"{_INITIALS}|(?:[A-Z][a-z]+\.?)(?:[\s-][A-Z][a-z]*\.?){{0,2}}", given):
        return chunk  # inverted: Smith, J. A. / Smith, John
    return None


def locator(text: object) -> str:
    """A volume or page without its label, up to the first bracket or comma."""
    t = _YEAR_VOLUME.sub("", norm(text))
    for _ in range(2):
        t = _LABELS.sub("", t).strip()
    return re.split(r"[(,\s]", t, maxsplit=1)[0] if t else ""


def _year(text: str | None) -> str:
    m = _YEAR.search(text or "")
    return m.group(1) if m else ""


def _gold(labels: dict[str, str]) -> dict[str, str]:
    """Normalised gold fields from {field: labelled text} (first span of each label)."""
    labels = {k: _TAGS.sub("", v) if v else v for k, v in labels.items()}
    family = gold_family(labels["author"]) if labels.get("author") else None
    year = _year(labels.get("date"))
    if not year and labels.get("volume"):
        m = _YEAR_VOLUME.match(labels["volume"].strip())
        year = m.group(1) if m else ""
    return {
        "author": norm(family) if family else "",
        "title": norm_title(labels.get("title")),
        "container": re.sub(r"^in:?\s+", "", norm(labels.get("container"))),
        "year": year,
        "volume": locator(labels.get("volume")),
        "page": first_page(locator(labels.get("page"))),
    }


def _first(pairs: list[list[str]], names: tuple[str, ...]) -> str | None:
    for name in names:
        for label, text in pairs:
            if label == name and text.strip():
                return text
    return None


def rows(limit: int | None = None) -> Iterator[tuple[str, str, dict[str, str]]]:
    """(group, reference string, gold fields); the group is the source and the labels' style
    guess (a regex heuristic of the dataset: vancouver, vancouver-names, nlm-author-year, other)."""
    counts: dict[str, int] = {}

    def take(group: str) -> bool:
        counts[group] = counts.get(group, 0) + 1
        return limit is None or counts[group] <= limit

    for path in sorted((CORPUS / "anystyle").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            group = f"anystyle {r.get('style_guess') or 'other'}"
            if not take(group):
                continue
            seg = r["segments"]
            labels = {"author": _first(seg, ("author",)), "title": _first(seg, ("title",)),
                      "container": _first(seg, ("journal",)), "date": _first(seg, ("date",)),
                      "volume": _first(seg, ("volume",)), "page": _first(seg, ("pages",))}
            yield group, _TAGS.sub("", " ".join(r["original"].split())), _gold(labels)
    for line in (CORPUS / "grobid" / "citations.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        group = f"grobid {r.get('style_guess') or 'other'}"
        if not take(group):
            continue
        f = r["fields"]
        labels = {"author": _first(f, ("author",)), "title": _first(f, ("title@a", "title@m")),
                  "container": _first(f, ("title@j",)), "date": _first(f, ("date",)),
                  "volume": _first(f, ("biblScope@vol", "biblScope@volume")),
                  "page": _first(f, ("biblScope@pp", "biblScope@page"))}
        yield group, _TAGS.sub("", " ".join(r["original"].split())), _gold(labels)


def read_real(csl: dict) -> dict[str, str]:
    """What refslint read, normalised as the gold is (locators without labels)."""
    from .fields import read_fields

    got = read_fields(csl)
    got["volume"] = locator(csl.get("volume"))
    got["page"] = first_page(locator(csl.get("page")))
    return got
