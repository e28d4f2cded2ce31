"""C: a manuscript's citations against its reference list.

Numbered citations (`[3]`, `[1, 3-5]`, `^2^`, Word superscripts) are matched to a numbered list
by number; keys (`\\cite{smith}`, `[@smith]`, `Smith 2019` in a Word author-date text) to
`\\bibitem` keys or a Word list's first authors and years, or to the entries of the `.bib` files the
manuscript names (read from disk, so a pre-commit run that passes only the manuscript still
checks against them). Nothing is reported for a document without citations of the matching
kind: a reference list on its own is not a manuscript.
"""

import os
import re
from collections.abc import Iterator
from typing import NamedTuple

from ..model import Citation, Edit, Fix, Reference, Span
from .base import Context, Finding, Rule


class Target(NamedTuple):
    """What citations point to: a list entry or a .bib entry."""

    name: str  # the number or the key
    span: Span  # where to report it
    path: str | None  # None: in the manuscript itself
    index: int  # position in its list (order of the printed list)
    family: str = ""  # first author's family name, to recognise an alphabetical list


def _list_targets(doc, refs: list[Reference]) -> list[Target]:
    """The entries of the list in the file: numbers (`[12]`) or `\\bibitem` keys."""
    targets = []
    for i, (ref, span) in enumerate(zip(refs, doc.label_spans, strict=True)):
        targets.append(Target(ref.label.strip("[](). \t"), span or doc.entry_spans[i], None, i, _family(ref)))
    return targets


def _family(ref: Reference) -> str:
    authors = ref.authors
    return authors[0].family.lower() if authors and authors[0].family else ""


def targets_and_citations(doc, refs: list[Reference]) -> tuple[list[Target], list[Citation], bool]:
    """(what can be cited, the citations that should match it, whether a list order matters)."""
    if "crossref" not in doc.memo:
        doc.memo["crossref"] = _targets_and_citations(doc, refs)
    return doc.memo["crossref"]


def _targets_and_citations(doc, refs: list[Reference]) -> tuple[list[Target], list[Citation], bool]:
    numeric = [c for c in doc.citations if c.numeric]
    keyed = [c for c in doc.citations if not c.numeric]
    if doc.numbered and numeric and refs:
        return _list_targets(doc, refs), numeric, True
    if keyed and refs and doc.format in ("latex", "docx"):
        return _list_targets(doc, refs), keyed, True
    if keyed and doc.bibliographies:
        return bib_targets(doc), keyed, False
    if keyed and doc.inputs:
        return input_targets(doc), keyed, False
    return [], [], False


def input_targets(doc) -> list[Target]:
    """The `\\bibitem` keys of the files a LaTeX manuscript `\\input`s (a list kept apart)."""
    from ..sources import read

    targets = []
    for name in doc.inputs:
        path = _beside(doc.path, name)
        source = _read(path if os.path.isfile(path) else path + ".tex")
        if source is None:
            continue
        other = read(source, "latex")
        for label, span in zip([e.label for e in other.entries], other.label_spans, strict=True):
            targets.append(Target(label, span or Span(0, 0), source.path, len(targets)))
    return targets


def _read(path: str):
    from ..decode import DecodeError, decode

    try:
        with open(path, "rb") as f:
            return decode(path, f.read())
    except (OSError, DecodeError):
        return None


def bib_targets(doc) -> list[Target]:
    targets = []
    for name in doc.bibliographies:
        path = _beside(doc.path, name)
        for key, span in _bib_keys(path):
            targets.append(Target(key, span, path, len(targets)))
    return targets


def _beside(manuscript: str, name: str) -> str:
    """A file the manuscript names, relative to the manuscript's folder."""
    return name if os.path.isabs(name) else os.path.join(os.path.dirname(manuscript), name)


def _bib_keys(path: str) -> list[tuple[str, Span]]:
    from ..sources.bibtex import parse_entries

    source = _read(path)
    if source is None:
        return []
    entries, _problems = parse_entries(source.text)
    return [(e.key, e.key_span) for e in entries]


def check_uncited(doc, refs: list[Reference], _ctx: Context) -> Iterator[Finding]:
    targets, citations, _ordered = targets_and_citations(doc, refs)
    if not citations or doc.cites_all:
        return
    cited = {label for c in citations for label in c.labels}
    for t in targets:
        if t.name and t.name not in cited:
            what = f"reference {t.name}" if t.name.isdigit() else f"`{t.name}`"
            yield Finding(
                t.span, f"{what} is never cited", reference=t.index if t.path is None else -1, path=t.path
            )


def check_missing(doc, refs: list[Reference], _ctx: Context) -> Iterator[Finding]:
    targets, citations, _ordered = targets_and_citations(doc, refs)
    list_in_file = bool(refs) and (doc.numbered or doc.format == "latex")
    if not list_in_file and doc.bibliographies and any(not c.numeric for c in doc.citations):
        missing = [n for n in doc.bibliographies if not os.path.isfile(_beside(doc.path, n))]
        for name in missing:
            yield Finding(Span(0, 0), f"the bibliography `{name}` this manuscript names does not exist")
        if missing and not targets:
            return
    if not citations:
        return
    known = {t.name for t in targets}
    for c in citations:
        missing = [label for label in c.labels if label not in known]
        if missing:
            shown = ", ".join(missing)
            what = "reference" if c.numeric else "key"
            plural = "s" if len(missing) > 1 else ""
            yield Finding(
                _key_span(doc.text, c, missing[0]),
                f"cites {what}{plural} {shown}, which the reference list does not have",
            )


def _key_span(text: str, c: Citation, key: str) -> Span:
    """Where a key is written inside a citation (the whole citation for numbers)."""
    if c.numeric:
        return c.span
    m = re.search(rf"(?<![\w:.-]){re.escape(key)}(?![\w:-])", text[c.span.start : c.span.end])
    return Span(c.span.start + m.start(), c.span.start + m.end()) if m else c.span


def check_order(doc, refs: list[Reference], _ctx: Context) -> Iterator[Finding]:
    """Vancouver numbers references in order of first citation."""
    targets, citations, ordered = targets_and_citations(doc, refs)
    if not ordered or not citations or len(targets) < 3 or _alphabetical(targets):
        return
    position = {t.name: t.index for t in targets}
    # A reference never cited has no place in the order (C001 reports it).
    never = set(position.values()) - {
        position[label] for c in citations for label in c.labels if label in position
    }
    seen: set[int] = set(never)
    first_uncited = 0
    for c in citations:
        if not c.in_text:
            continue
        # References cited together are cited at once: only their order among the rest counts.
        new = sorted({position[label] for label in c.labels if label in position} - seen)
        for index in new:
            while first_uncited in seen:
                first_uncited += 1
            expected = first_uncited
            seen.add(index)
            if index != expected:
                yield Finding(
                    c.span,
                    f"{_name(targets, index)} is first cited before {_name(targets, expected)}: "
                    "number references in order of first citation",
                )
                break
        seen.update(new)


def _name(targets: list[Target], index: int) -> str:
    name = targets[index].name
    return f"reference {name}" if name.isdigit() else f"`{name}` (entry {index + 1})"


def _alphabetical(targets: list[Target]) -> bool:
    """A list sorted by first author is ordered by name, not by citation."""
    names = [t.family for t in targets]
    return all(names) and names == sorted(names)


# --- merging duplicates: the unsafe fix of D001 in a manuscript -------------------------------

_NUMBER_SEP = re.compile(r"[-–—]")


def merge_fix(doc, refs: list[Reference], keep: int, drop: int) -> Fix | None:
    """Delete entry `drop`, point its citations to entry `keep` and renumber what follows."""
    targets, citations, _ordered = targets_and_citations(doc, refs)
    if not citations or not targets or targets[0].path is not None:
        return None
    edits = [Edit(_whole_lines(doc.text, doc.entry_spans[drop], doc.label_spans[drop]), "")]
    names = [t.name for t in targets]
    if all(n.isdigit() for n in names):
        number = {n: int(n) for n in names}
        dropped, kept = number[names[drop]], number[names[keep]]

        def renumber(n: int) -> int:
            return kept if n == dropped else n - 1 if n > dropped else n

        for t in targets[drop + 1 :]:
            label = doc.label_spans[t.index]
            if label is not None:
                text = doc.text[label.start : label.end]
                digits = re.search(r"\d+", text)
                if digits:
                    span = Span(label.start + digits.start(), label.start + digits.end())
                    edits.append(Edit(span, str(renumber(int(digits.group(0))))))
        for c in citations:
            values = [int(n) for n in c.labels]
            if any(v >= dropped for v in values):
                edits.append(
                    Edit(
                        c.span,
                        _format_numbers(
                            sorted({renumber(v) for v in values}), doc.text[c.span.start : c.span.end]
                        ),
                    )
                )
    else:
        old, new = names[drop], names[keep]
        for c in citations:
            if old in c.labels:
                keys = list(dict.fromkeys(new if k == old else k for k in c.labels))
                written = doc.text[c.span.start : c.span.end]
                edits.append(Edit(c.span, (", " if ", " in written else ",").join(keys)))
    message = f"merge into reference {names[keep]} and renumber the citations"
    return Fix(message, tuple(edits), "unsafe")


def _whole_lines(text: str, span: Span, label: Span | None) -> Span:
    start = min(span.start, label.start if label else span.start)
    start = text.rfind("\n", 0, start) + 1
    end = text.find("\n", span.end)
    return Span(start, len(text) if end < 0 else end + 1)


def _format_numbers(numbers: list[int], written: str) -> str:
    dash = m.group(0) if (m := _NUMBER_SEP.search(written)) else "–"
    sep = ", " if ", " in written or "; " in written else ","
    parts, i = [], 0
    while i < len(numbers):
        j = i
        while j + 1 < len(numbers) and numbers[j + 1] == numbers[j] + 1:
            j += 1
        if j - i >= 2:
            parts.append(f"{numbers[i]}{dash}{numbers[j]}")
        else:
            parts.extend(str(n) for n in numbers[i : j + 1])
        i = j + 1
    return sep.join(parts)


_MD_EXAMPLE_BAD = (
    "Psoriasis is common [1].\n\n## References\n\n"
    "1. Umezawa Y. Psoriatic arthritis. J Dermatol. 2021;48(6):741-9.\n"
    "2. Ritchlin CT, Colbert RA, Gladman DD. Psoriatic arthritis. N Engl J Med. 2017;376(10):957-70."
)
RULES = [
    Rule(
        code="C001",
        name="uncited-reference",
        summary="A reference the text never cites",
        description="The reference list has an entry that no citation in the manuscript points to "
        "(a leftover from an earlier draft, or a citation lost in editing). Checked in Markdown, "
        "LaTeX and Word manuscripts that cite by number, key or author and year; `\\nocite{*}` and Pandoc's `nocite: '@*'` "
        "cite everything. Entries of a `.bib` file the manuscript names are reported in that file.",
        bad=_MD_EXAMPLE_BAD,
        good=_MD_EXAMPLE_BAD.replace("common [1]", "common [1, 2]"),
        check=check_uncited,
        scope="document",
        level="warning",
        formats=("markdown", "latex", "docx"),
    ),
    Rule(
        code="C002",
        name="citation-without-reference",
        summary="A citation with no reference in the list",
        description="A citation points to a number beyond the list or to a key no entry has "
        "(a deleted reference, a typo in a key). Also reported when the `.bib` file the "
        "manuscript names does not exist.",
        bad=_MD_EXAMPLE_BAD.replace("common [1]", "common [1, 2, 3]"),
        good=_MD_EXAMPLE_BAD.replace("common [1]", "common [1, 2]"),
        check=check_missing,
        scope="document",
        level="error",
        formats=("markdown", "latex", "docx"),
    ),
    Rule(
        code="C003",
        name="citation-order",
        summary="References not numbered in order of first citation",
        description="In Vancouver style references are numbered in the order the text first cites "
        "them: the first citation of reference 3 must come after the first of reference 2. "
        "Lists sorted by first author are left alone. Renumbering by hand is error-prone; a "
        "reference manager does it.",
        bad=_MD_EXAMPLE_BAD.replace("common [1].", "common [2]. Joints too [1, 3].")
        + "\n3. Ogdie A, Weiss P. The epidemiology of psoriatic arthritis. Rheum Dis Clin North Am. "
        "2015;41(4):545-68.",
        good=_MD_EXAMPLE_BAD.replace("common [1].", "common [1]. Joints too [2, 3].")
        + "\n3. Ogdie A, Weiss P. The epidemiology of psoriatic arthritis. Rheum Dis Clin North Am. "
        "2015;41(4):545-68.",
        check=check_order,
        scope="document",
        level="warning",
        formats=("markdown", "latex", "docx"),
    ),
]
