"""One article's journal references rendered as one reference list in one style, with the true
fields of every entry (what the style was given to print)."""

from __future__ import annotations

from .records import Article
from .render import StyleInfo, render, sort_key, style_item


def truth(item: dict, printed: dict, info: StyleInfo) -> dict:
    """The fields the entry was rendered from. `printed` is the item as the style was given it
    (title cased for the style); the container title is the form the style prints."""
    first, _, last = item["page"].partition("-")
    journal = "container-title-short" if info.journal_form == "short" else "container-title"
    authors = [{k: a[k] for k in ("family", "given", "literal", "suffix") if k in a} for a in item["author"]]
    lead = authors[0]
    return {
        "first_author": lead.get("family") or lead.get("literal"),
        "title": printed["title"],
        "container-title": item[journal],
        "year": item["issued"]["date-parts"][0][0],
        "volume": item["volume"],
        "first_page": first,
        "last_page": last,
        "issue": item.get("issue"),
        "DOI": item.get("DOI"),
        "authors": authors,
        "etal": bool(item.get("etal")),
        "id": item["id"],
    }


def render_article(article: Article, info: StyleInfo) -> dict | None:
    """{"doc", "source", "style", "label", "text", "refs": [{"entry", "no_pages", "truth"}]}, the
    references in the list's order (sorted for author-date styles); None when fewer than two
    of its references can be printed in this style."""
    printed = [style_item(it, info) for it in article.items]
    entries = render(info, printed)
    # What the style prints when the page locator is missing: the `missing pages` defect.
    no_pages = render(info, [{k: v for k, v in it.items() if k != "page"} for it in printed])
    refs = []
    for it, pr, entry, bare in zip(article.items, printed, entries, no_pages, strict=True):
        if entry is None or bare is None:
            continue  # the record's truncated author list is too short for this style
        refs.append({"entry": entry, "no_pages": bare, "truth": truth(it, pr, info),
                     "_key": sort_key(it, info)})
    if len(refs) < 2:
        return None
    if info.date_first:
        refs.sort(key=lambda r: r["_key"])
    for r in refs:
        del r["_key"]
    return {
        "doc": article.doc, "source": article.source, "style": info.name, "label": info.label,
        "text": list_text([r["entry"] for r in refs], info.label), "refs": refs,
    }


def list_text(entries: list[str], label: str) -> str:
    """One entry a line, numbered with the style's own label ('[1] ', '1. ', '(1) ', '1 ')."""
    if not label:
        return "".join(e + "\n" for e in entries)
    return "".join(label.format(n) + e + "\n" for n, e in enumerate(entries, 1))
