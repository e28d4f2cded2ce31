"""LaTeX manuscripts (`.tex`) and BibTeX's output (`.bbl`).

The reference list is `\\begin{thebibliography}` ... `\\end{thebibliography}`; each
`\\bibitem[label]{key}` starts an entry (label: the key). Entries are read through texmarkup, so
`\\textit{}`, `{\\em }`, `--`, `~` and accents are understood and kept when fixing.

Citations are the keys of `\\cite`-like commands (`\\cite`, `\\citep`, `\\citet`, `\\parencite`,
`\\autocite`, `\\footcite`, with optional arguments and stars; `\\nocite` cites without a place
in the order, `\\nocite{*}` cites everything) outside comments and outside the list. The `.bib`
files named by `\\bibliography{}` or `\\addbibresource{}`, or else the `\\bibitem`s of the files it
`\\input`s or `\\include`s, are checked when there is no list in the file.
"""

from __future__ import annotations

import re

from ..model import Citation, Source, Span
from . import Document, mapped_document
from .suppressions import tex_suppressions
from .texmarkup import clean

_COMMENT = re.compile(r"(?<!\\)%[^\n]*")
_BEGIN = re.compile(r"\\begin\s*\{thebibliography\}(?:\s*\{[^{}]*\})?")
_END = re.compile(r"\\end\s*\{thebibliography\}")
_BIBITEM = re.compile(r"\\bibitem\s*(?:\[(?:[^\[\]{}]|\{[^{}]*\})*\])?\s*\{([^{}]*)\}")
_CITE = re.compile(r"\\(no)?(?:[a-zA-Z]*cite[a-zA-Z]*|cite)\*?(?:\s*\[[^\]]*\]){0,2}\s*\{([^{}]*)\}")
_INPUT = re.compile(r"\\(?:input|include)\s*\{([^{}]+)\}")
_BIBLIOGRAPHY = re.compile(r"\\(?:bibliography|addbibresource)\s*(?:\[[^\]]*\])?\s*\{([^{}]*)\}")


def blank_comments(text: str) -> str:
    return _COMMENT.sub(lambda m: " " * len(m.group(0)), text)


def read(source: Source) -> Document:
    text = source.text
    searchable = blank_comments(text)
    labels, texts, fallbacks, label_spans = [], [], [], []
    lists: list[tuple[int, int]] = []
    for begin in _BEGIN.finditer(searchable):
        end_m = _END.search(searchable, begin.end())
        end = end_m.start() if end_m else len(text)
        lists.append((begin.start(), end_m.end() if end_m else len(text)))
        items = list(_BIBITEM.finditer(searchable, begin.end(), end))
        for n, item in enumerate(items):
            following = items[n + 1] if n + 1 < len(items) else None
            stop = following.start() if following else end
            body_start = item.end()
            while body_start < stop and text[body_start].isspace():
                body_start += 1
            body_end = stop
            while body_end > body_start and searchable[body_end - 1].isspace():
                body_end -= 1
            labels.append(item.group(1).strip())
            texts.append(clean(text, body_start, body_end).strip())
            fallbacks.append(Span(item.start(), body_end))
            label_spans.append(Span(item.start(1), item.end(1)))
    doc = mapped_document(source, "latex", labels, texts, fallbacks, label_spans)
    for start, end in reversed(lists):
        searchable = searchable[:start] + re.sub(r"[^\n]", " ", searchable[start:end]) + searchable[end:]
    for m in _CITE.finditer(searchable):
        keys = tuple(k.strip() for k in m.group(2).split(",") if k.strip())
        if "*" in keys and m.group(1):
            doc.cites_all = True
            continue
        if keys:
            doc.citations.append(
                Citation(keys, Span(m.start(2), m.end(2)), numeric=False, in_text=not m.group(1))
            )
    for m in _BIBLIOGRAPHY.finditer(searchable):
        for name in m.group(1).split(","):
            name = name.strip()
            if name:
                doc.bibliographies.append(name if name.endswith(".bib") else name + ".bib")
    if not labels:  # the list may be kept in a file of its own
        doc.inputs = [m.group(1).strip() for m in _INPUT.finditer(searchable)]
    doc.suppressions = tex_suppressions(text, fallbacks)
    return doc
