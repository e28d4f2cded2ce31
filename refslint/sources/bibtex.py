"""BibTeX databases (`.bib`), parsed with grammars/bibtex.lark.

Each entry keeps its type, key and fields with exact spans (the field name, the whole value,
the value's text inside its delimiters). For the reference rules an entry is rendered as a
Vancouver reference (`Family AB, Family C. Title. Journal. 2019;4(1):1-15.`) whose characters
map back to the field values (see mapped.py): a finding points into the field it is about and a
fix edits only inside a field, never separators refslint made up, comments or layout. Authors
are rendered as family name (from the file) and initials (made up): the bibliography style
decides how initials look.

A file that does not parse as a whole is read entry by entry (each `@` at the start of a line
begins one); what still does not parse is reported with its position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from lark import Lark, Token, Tree
from lark.exceptions import LarkError, UnexpectedEOF, UnexpectedInput

from ..cache import grammar_cache
from ..mapped import MappedText
from ..model import Source, Span
from . import Document, mapped_document
from .suppressions import tex_suppressions
from .texmarkup import clean

MONTHS = {
    m[:3]: m
    for m in "January February March April May June July August September October November December".split()
}
_MONTH_MACROS = {k.lower(): v for k, v in MONTHS.items()}
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_ENTRY_START = re.compile(r"^[ \t]*@", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class BibField:
    name: str  # lower case
    name_span: Span
    value_span: Span  # the whole value, delimiters included
    content_span: Span  # inside the delimiters of a single braced or quoted value, else the value
    text: MappedText  # the value read as text (macros expanded, TeX markup removed)


@dataclass(slots=True)
class BibEntry:
    type: str  # lower case, without @
    key: str
    key_span: Span
    span: Span
    type_span: Span
    fields: dict[str, BibField] = field(default_factory=dict)
    repeated: list[BibField] = field(default_factory=list)  # a field given a second time

    def value(self, *names: str) -> BibField | None:
        for name in names:
            if name in self.fields and self.fields[name].text.text.strip():
                return self.fields[name]
        return None


@cache
def parser() -> Lark:
    from importlib.resources import files

    grammar = files("refslint").joinpath("grammars/bibtex.lark").read_text(encoding="utf-8")
    cache = grammar_cache("bibtex")
    return Lark(grammar, parser="lalr", propagate_positions=True, maybe_placeholders=False, cache=cache)


def read(source: Source) -> Document:
    text = source.text
    entries, problems = parse_entries(text)
    labels, texts, fallbacks = [], [], []
    for entry in entries:
        labels.append(entry.key)
        texts.append(render(entry))
        fallbacks.append(entry.key_span if entry.key else entry.type_span)
    doc = mapped_document(source, "bibtex", labels, texts, fallbacks, [e.key_span for e in entries])
    doc.entry_spans = [e.span for e in entries]
    doc.bib = entries
    doc.problems = problems
    doc.suppressions = tex_suppressions(text, doc.entry_spans)
    return doc


def parse_entries(text: str) -> tuple[list[BibEntry], list[tuple[Span, str]]]:
    macros = dict(_MONTH_MACROS)
    try:
        return _entries(parser().parse(text), text, 0, macros), []
    except LarkError:
        pass
    # Entry by entry: one broken entry costs that entry, not the file.
    starts = [m.start() for m in _ENTRY_START.finditer(text)]
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    entries, problems = [], []
    for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
        chunk = text[start:end]
        try:
            tree = parser().parse(chunk)
        except UnexpectedEOF as exc:
            problems.append((Span(start, start + 1), _problem(exc)))
            continue
        except UnexpectedInput as exc:
            pos = start + (exc.pos_in_stream or 0)
            problems.append((Span(pos, min(pos + 1, len(text))), _problem(exc)))
            continue
        except LarkError as exc:
            problems.append((Span(start, start), f"cannot parse this entry: {type(exc).__name__}"))
            continue
        entries.extend(_entries(tree, text, start, macros))
    return entries, problems


def _problem(exc: UnexpectedInput) -> str:
    token = getattr(exc, "token", None)
    if token is not None and str(token):
        shown = str(token)[:20].replace("\n", " ")
        return f"BibTeX syntax error: unexpected `{shown}`"
    char = getattr(exc, "char", None)
    if char:
        return f"BibTeX syntax error: unexpected `{char}` (unbalanced braces or quotes?)"
    return "BibTeX syntax error: the entry is not closed"


def _entries(tree: Tree, text: str, base: int, macros: dict[str, str]) -> list[BibEntry]:
    found = []
    for item in tree.children:
        if not isinstance(item, Tree):
            continue
        if item.data == "string":
            name, value = item.children[1], item.children[2]
            macros[str(name).lower()] = _value_text(value, text, base, macros).text
        elif item.data == "entry":
            found.append(_entry(item, text, base, macros))
    return found


def _entry(item: Tree, text: str, base: int, macros: dict[str, str]) -> BibEntry:
    type_tok: Token = item.children[0]  # type: ignore[assignment]
    body: Tree = item.children[1]  # type: ignore[assignment]
    type_span = Span(base + type_tok.start_pos, base + type_tok.end_pos)  # type: ignore[operator]
    span = Span(base + item.meta.start_pos, base + item.meta.end_pos)
    key, key_span = "", type_span
    entry_type = str(type_tok).lstrip("@ \t").lower()
    fields: dict[str, BibField] = {}
    repeated: list[BibField] = []
    for child in body.children:
        if isinstance(child, Token):
            key = str(child)
            key_span = Span(base + child.start_pos, base + child.end_pos)  # type: ignore[operator]
            continue
        name_tok: Token = child.children[0]  # type: ignore[assignment]
        value: Tree = child.children[1]  # type: ignore[assignment]
        name = str(name_tok).lower()
        pieces = value.children
        whole = Span(base + value.meta.start_pos, base + value.meta.end_pos)
        content = whole
        if len(pieces) == 1 and str(pieces[0])[:1] in '{"':
            content = Span(whole.start + 1, whole.end - 1)
        bib_field = BibField(
            name,
            Span(base + name_tok.start_pos, base + name_tok.end_pos),  # type: ignore[operator]
            whole,
            content,
            _value_text(value, text, base, macros),
        )
        if name in fields:
            repeated.append(bib_field)
        else:
            fields[name] = bib_field
    return BibEntry(entry_type, key, key_span, span, type_span, fields, repeated)


def _value_text(value: Tree, text: str, base: int, macros: dict[str, str]) -> MappedText:
    out = MappedText()
    for piece in value.children:
        start = base + piece.start_pos  # type: ignore[union-attr,operator]
        end = base + piece.end_pos  # type: ignore[union-attr,operator]
        raw = str(piece)
        if raw[:1] in '{"':
            clean(text, start + 1, end - 1, out)
        elif raw.isdigit():
            out.copy(text, start, end)
        else:
            out.put(macros.get(raw.lower(), raw), start, end)
    return out


# --- rendering an entry as a Vancouver reference -------------------------------------------

_CONTAINER = {
    "article": ("journal", "journaltitle"),
    "inproceedings": ("booktitle",),
    "conference": ("booktitle",),
    "incollection": ("booktitle",),
    "inbook": ("booktitle",),
}


def render(entry: BibEntry) -> MappedText:
    out = MappedText()
    names = entry.value("author") or entry.value("editor")
    if names is not None:
        _names(names, out)
        _end(out)
    title = entry.value("title")
    if title is not None:
        _append(out, title.text)
        _end(out)
    container = next((entry.value(n) for n in _CONTAINER.get(entry.type, ()) if entry.value(n)), None)
    if container is not None:
        if entry.type != "article":
            out.make("In: ")
        _append(out, container.text)
        _end(out)
    year = entry.value("year", "date")
    if entry.type == "article":
        _citation_block(entry, year, out)
    else:
        _publication(entry, year, out)
    for name, prefix in (("doi", "doi:"), ("url", "Available from: ")):
        value = entry.value(name)
        if value is not None:
            out.make(prefix)
            _append(out, value.text)
            if not out.text.endswith("."):
                out.make(". ")
            else:
                out.make(" ")
    return out.strip()


def _append(out: MappedText, part: MappedText) -> None:
    out.extend(part.strip())


def _end(out: MappedText) -> None:
    """Close a part with a period unless it already ends with one (or ? !)."""
    out.make(" " if out.text.rstrip()[-1:] in ".?!" else ". ")


def _citation_block(entry: BibEntry, year: BibField | None, out: MappedText) -> None:
    if year is not None:
        _append(out, year.text)
    volume, number, pages = entry.value("volume"), entry.value("number", "issue"), entry.value("pages")
    if volume is not None:
        out.make(";")
        _append(out, volume.text)
    if number is not None:
        out.make("(")
        _append(out, number.text)
        out.make(")")
    if pages is not None:
        out.make(":")
        _append(out, pages.text)
    if year is not None or volume is not None or pages is not None:
        _end(out)


def _publication(entry: BibEntry, year: BibField | None, out: MappedText) -> None:
    place = entry.value("address", "location")
    publisher = entry.value("publisher", "school", "institution", "organization", "howpublished")
    if place is not None:
        _append(out, place.text)
        out.make(": " if publisher is not None else "; ")
    if publisher is not None:
        _append(out, publisher.text)
        out.make("; " if year is not None else ". ")
    if year is not None:
        _append(out, year.text)
        _end(out)
    pages = entry.value("pages")
    if pages is not None:
        out.make("p. ")
        _append(out, pages.text)
        _end(out)


def _names(value: BibField, out: MappedText) -> None:
    """`Family AB, Family C, et al`: family names from the file, initials made up."""
    text = value.text
    raw = text.text
    pieces = _split_names(raw)
    first = True
    for a, b in pieces:
        name = raw[a:b].strip()
        if not name:
            continue
        if not first:
            out.make(", ")
        first = False
        if name.lower() == "others":
            out.make("et al")
            continue
        lead = a + (len(raw[a:b]) - len(raw[a:b].lstrip()))
        family, given = _family_given(raw, lead, lead + len(name))
        _append(out, text.slice(*family))
        initials = _initials(raw[given[0] : given[1]])
        if initials:
            out.make(" " + initials)


def _split_names(raw: str) -> list[tuple[int, int]]:
    """Split at ` and ` (group names in braces were already unbraced by texmarkup, so a group
    name containing `and` is split too; rare, and only the rendering is affected)."""
    spans, pos = [], 0
    for m in _AND.finditer(raw):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(raw)))
    return spans


def _family_given(raw: str, a: int, b: int) -> tuple[tuple[int, int], tuple[int, int]]:
    name = raw[a:b]
    if "," in name:
        parts = name.split(",")
        family_end = a + len(parts[0])
        given_start = a + len(parts[0]) + 1
        if len(parts) > 2:  # Family, Jr, Given
            given_start = a + len(parts[0]) + len(parts[1]) + 2
        return (a, family_end), (given_start, b)
    words = list(re.finditer(r"\S+", name))
    if len(words) == 1:
        return (a, b), (b, b)
    # First von Last: the family name starts at the first lower-case word after the first.
    family_from = len(words) - 1
    for i, w in enumerate(words[1:-1], start=1):
        if w.group(0)[:1].islower():
            family_from = i
            break
    return (a + words[family_from].start(), b), (a, a + words[family_from - 1].end())


def _initials(given: str) -> str:
    """`Hyun Ho` -> `HH`, `J. D.` -> `JD`, `SK` (already initials) -> `SK`."""
    letters = []
    for word in re.split(r"[\s.\-~]+", given):
        if not word or not word[0].isalpha() or not word[0].isupper():
            continue
        letters.append(word if len(word) <= 3 and word.isupper() else word[0])
    return "".join(letters)
