"""Render CSL-JSON items with a CSL style through citeproc-py, and correct what citeproc-py,
not the style, gets wrong (see StyleInfo and tidy())."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from functools import cache
from io import BytesIO

from .records import CORPUS, fold

STYLES_DIR = CORPUS / "csl-styles"
CSL_NS = "{http://purl.org/net/xbiblio/csl}"

# Stands for the authors a record leaves out behind `et al.`: a record with a truncated author
# list can be rendered only by a style that cuts the list at or before the names it gives.
PAD = {"family": "Unnamedcoauthor", "given": "X."}

# Styles whose comma or period goes inside the closing quotation mark (American usage), which
# citeproc-py leaves outside.
AMERICAN_QUOTES = {"ieee", "chicago-author-date", "modern-language-association"}
LOWER_WORDS = {"a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of",
               "on", "to", "up", "via", "from", "into", "with", "versus", "vs", "over", "upon", "onto",
               "per", "than", "between", "through", "within", "without", "during", "among", "after",
               "before", "under", "about", "across", "against", "along", "toward", "towards"}
PREFIXES = {"anti", "co", "de", "inter", "intra", "multi", "non", "post", "pre", "pro", "re", "semi", "sub",
            "super", "trans", "ultra", "un"}


def style_names() -> list[str]:
    return sorted(p.stem for p in STYLES_DIR.glob("*.csl"))


@dataclass(frozen=True)
class StyleInfo:
    """What a style does that matters here, read from its CSL file and from a probe render."""

    name: str
    label: str  # "[{}] ", "{}. ", "({}) " ... for numbered styles; "" when entries are not numbered
    journal_form: str  # "long" or "short": which container title the style prints
    headline: bool  # the style puts titles in headline case (citeproc-py does it badly: we do it)
    date_first: bool  # author-date or author order (sorted by the script) rather than numbered
    year_descending: bool  # Elsevier Harvard sorts one author's works newest first


def _xml(name: str):
    from lxml import etree

    return etree.parse(str(STYLES_DIR / f"{name}.csl"))


@cache
def citeproc_style(name: str, keep_title_case: bool = True):
    """The parsed style; without `keep_title_case` the title's text-case="title" is removed (the
    script cases the titles itself, see headline_case)."""
    from citeproc import CitationStylesStyle
    from lxml import etree

    if keep_title_case:
        return CitationStylesStyle(str(STYLES_DIR / f"{name}.csl"), validate=False)
    tree = _xml(name)
    for el in tree.iter():
        if el.get("variable") == "title" and el.get("text-case") == "title":
            del el.attrib["text-case"]
    return CitationStylesStyle(BytesIO(etree.tostring(tree)), validate=False)


PROBE = {
    "id": "probe", "type": "article-journal", "author": [{"family": "Zeta", "given": "J. H."}],
    "title": "the probe of non-small cell models", "container-title": "Journal of Probe Studies",
    "container-title-short": "J Probe Stud", "volume": "12", "page": "1234-1245",
    "issued": {"date-parts": [[2004]]},
}


@cache
def style_info(name: str) -> StyleInfo:
    tree = _xml(name)
    bib = tree.find(f"{CSL_NS}bibliography")
    label = ""
    for el in bib.iter(f"{CSL_NS}text"):
        if el.get("variable") == "citation-number":
            label = (el.get("prefix", "") + "{}" + el.get("suffix", "")).strip() + " "
            break
    descending = any(k.get("sort") == "descending" for k in bib.iter(f"{CSL_NS}key"))
    text = _render_raw(citeproc_style(name), [PROBE])[0]
    form = "long" if "Journal of Probe Studies" in text else "short"
    headline = "The Probe of" in text or "the Probe of" in text
    return StyleInfo(name, label, form, headline, not label, descending)


def _render_raw(style, items: list[dict]) -> list[str]:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    # Ids of our own: citeproc-py folds the case of ids, and record ids differ only in case at times.
    local = [dict(copy.deepcopy(it), id=f"r{i}") for i, it in enumerate(items)]
    bib = CitationStylesBibliography(style, CiteProcJSON(local), formatter.plain)
    for it in local:
        bib.register(Citation([CitationItem(it["id"])]))
    out = [str(e) for e in bib.bibliography()]
    if len(out) != len(items):
        raise RuntimeError(f"citeproc-py rendered {len(out)} entries for {len(items)} items")
    return out


def headline_case(title: str) -> str:
    """Headline case that leaves symbols (mRNA, p53, DNA), numbers and capitalized words alone
    and capitalizes both parts of hyphenated words (Non-Small), which citeproc-py does not."""
    tokens = re.split(r"(\s+)", title)
    words = [i for i, t in enumerate(tokens) if t.strip()]
    after_colon = True
    for n, i in enumerate(words):
        lead, core, trail = re.match(r"^([“‘\"'(\[]*)(.*?)([”’\"'),.:;?!\]]*)$", tokens[i]).groups()
        parts = core.split("-")
        new = []
        for k, p in enumerate(parts):
            edge = n in (0, len(words) - 1) or after_colon
            if not p or not p[0].isalpha() or p[0].isupper() or re.search(r"[A-Z0-9]", p[1:]):
                new.append(p)
            elif k == 0 and (edge or p.lower() not in LOWER_WORDS):
                new.append(p[0].upper() + p[1:])
            elif k > 0 and parts[0].lower() not in PREFIXES and p.lower() not in LOWER_WORDS:
                new.append(p[0].upper() + p[1:])
            else:
                new.append(p)
        tokens[i] = lead + "-".join(new) + trail
        after_colon = trail.endswith(":")
    return "".join(tokens)


def style_item(item: dict, info: StyleInfo) -> dict:
    """The item as this style's list prints it: titles cased as the style wants, a truncated
    author list padded (see PAD)."""
    it = copy.deepcopy(item)
    if it.pop("etal", False):
        it["author"] = it["author"] + [dict(PAD)]
    if info.headline:
        it["title"] = headline_case(it["title"])
    elif info.name == "apa":  # APA capitalizes the first word after a colon
        it["title"] = re.sub(r"(: )([a-z])(?=[a-z]*\b)", lambda m: m.group(1) + m.group(2).upper(),
                             it["title"])
    if '"' in it["title"] or "“" in it["title"]:  # a quotation inside a title: single quotes
        it["title"] = re.sub(r'"(.*?)"', r"‘\1’", it["title"]).replace("“", "‘").replace("”", "’")
    return it


def tidy(text: str, info: StyleInfo, item: dict) -> str:
    """Undo citeproc-py's slips: the citation number it prefixes to every numbered entry (the
    list adds its own label), `?.`, `..`, doubled spaces, punctuation outside quotation marks
    in American styles, and the period Annual Reviews does not print between the journal and
    its locator."""
    text = " ".join(text.split())
    if info.label:
        text = re.sub(r"^[\[(]?\d+[\])]?\.?\s*", "", text)
    if info.name in AMERICAN_QUOTES:
        text = re.sub(r"”([.,])", r"\1”", text)
        text = re.sub(r"([?!])[.,]”", r"\1”", text)
    text = re.sub(r"([?!])([”’]?)\.", r"\1\2", text)
    text = re.sub(r"(?<!\.)\.\.(?!\.)", ".", text)  # a title ending in an abbreviation: `Oud..`
    if info.name == "annual-reviews":
        journal = item.get("container-title-short", "")
        if journal and not journal.endswith("."):
            text = text.replace(f" {journal}. ", f" {journal} ", 1)
    return text.strip()


def fix_range(text: str, item: dict) -> str:
    """citeproc-py elides a range whose last page has more digits than its first wrongly (1-15
    as `1–5`, 9-20 as `9–0`): such a printed end is replaced by the whole last page."""
    first, _, last = item.get("page", "").partition("-")
    m = re.search(rf"(?<![\w.]){re.escape(first)}\s?[–-]\s?[A-Za-z]*?(\d+)(?!\d)", text)
    if not last or not m:
        return text
    head, printed, full = re.sub(r"^[A-Za-z]+", "", first), m.group(1), re.sub(r"^[A-Za-z]+", "", last)
    expanded = head[: len(head) - len(printed)] + printed if len(printed) < len(head) else printed
    return text if expanded == full else text[: m.start(1)] + full + text[m.end(1):]


def render(info: StyleInfo, items: list[dict]) -> list[str | None]:
    """Each item's entry (no label), or None where the style would print an author the record
    does not name."""
    style = citeproc_style(info.name, keep_title_case=not info.headline)
    out: list[str | None] = []
    for it, raw in zip(items, _render_raw(style, items), strict=True):
        text = fix_range(tidy(raw, info, it), it)
        out.append(None if PAD["family"] in text else text)
    return out


def sort_key(item: dict, info: StyleInfo) -> tuple:
    """Author-date order (citeproc-py does not sort): the authors' names, then the year (newest
    first in Elsevier Harvard), then the title."""
    names = tuple((fold(a.get("family") or a.get("literal", "")), fold(a.get("given", "")))
                  for a in item["author"])
    year = item["issued"]["date-parts"][0][0]
    if info.name == "modern-language-association":
        return names, fold(item["title"]), year
    return names, -year if info.year_descending else year, fold(item["title"])
