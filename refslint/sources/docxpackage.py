"""A Word `.docx` package read with the standard library: its paragraphs as text, and for every
character the way back to the XML it came from.

A `.docx` is a zip of XML parts. The body (`word/document.xml`), the footnotes and the endnotes
are scanned with a regular expression over the decoded part, not parsed into a tree: every run
(`w:r`) and text node (`w:t`) keeps its exact offsets in the part, so a fix can be spliced into
the part's text and every byte outside it stays as Word wrote it (an XML library re-serialises
the whole part). The scanner never expands entities: only the five predefined ones and
character references are read, and a part with a document type declaration is refused, so no
entity "bomb" can grow. Sizes are capped before anything is decompressed and while it is.

The paragraphs become the lines of a plain text (`Package.text`): line n is paragraph n, its
column the offset in the paragraph's text, so reports and fixes work on it as on any file.
Tabs and line breaks inside a paragraph are read as a tab and a space that no run holds (an
edit there is refused), deleted revisions are not text, inserted ones are.
"""

import io
import re
import zipfile
from array import array
from dataclasses import dataclass, field
from typing import NamedTuple

from ..decode import DecodeError
from ..model import Source

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# Word's "Strict Open XML" files name the same vocabulary otherwise.
W_NAMES = (W, "http://purl.oclc.org/ooxml/wordprocessingml/main")
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
BODY = "word/document.xml"
NOTES = ("word/footnotes.xml", "word/endnotes.xml")
COMMENTS = "word/comments.xml"

# Caps: a real manuscript's document.xml is a few megabytes; these leave a hundredfold margin
# and keep a zip bomb (a small file that inflates to gigabytes) from being inflated.
MAX_PACKAGE = 200 * 1024 * 1024
MAX_PART = 100 * 1024 * 1024
MAX_MEMBERS = 10_000

# A tag, or the opening of a comment, processing instruction, CDATA section or declaration
# (their ends are found with str.find). No part of a pattern can run past the next `<`: a
# hostile part (`<!--<!--<!--...`, `<<<<...`) is scanned in linear time, never quadratic.
_TOKEN = re.compile(
    r"(<!--|<\?|<!\[CDATA\[|<!)"
    r"|<(/?)([^\s/>!?<]+)((?:\s+[^\s=/><]+\s*=\s*(?:\"[^\"<]*\"|'[^'<]*'))*)\s*(/?)>"
)
_SPECIAL_END = {"<!--": "-->", "<?": "?>", "<![CDATA[": "]]>"}
_ATTR = re.compile(r"([^\s=/>]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_ENTITY = re.compile(r"&(?:(amp|lt|gt|quot|apos)|#(\d{1,7})|#x([0-9A-Fa-f]{1,6}));|&")
_LINE_END = re.compile(r"[\r\n\v]")
_SEPARATORS = ("separator", "continuationSeparator", "continuationNotice")
_PREDEFINED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}

# The fields reference managers write: (kind, manager) by the start of the instruction.
_MANAGER = re.compile(
    r"\s*ADDIN\s+(?:(ZOTERO_BIBL)|(ZOTERO_ITEM)|(EN\.REFLIST)|(EN\.CITE)|(Mendeley\s+Bibliography)"
    r"|(CSL_CITATION|Mendeley\s+Citation))",
    re.IGNORECASE,
)
_MANAGER_KIND = (
    ("bibliography", "Zotero"), ("citation", "Zotero"), ("bibliography", "EndNote"),
    ("citation", "EndNote"), ("bibliography", "Mendeley"), ("citation", "Mendeley"),
)  # fmt: skip
# Mendeley Cite and Zotero's newer plug-ins may use content controls with a tag instead.
_SDT_TAG = re.compile(r"(MENDELEY|ZOTERO)_(BIBLIOGRAPHY|BIBL|CITATION|ITEM)", re.IGNORECASE)


def unescape(raw: str) -> str:
    def one(m: re.Match[str]) -> str:
        if m.group(1):
            return _PREDEFINED[m.group(1)]
        number = int(m.group(2)) if m.group(2) else int(m.group(3), 16) if m.group(3) else -1
        if number < 0:
            raise DecodeError("an `&` that starts no entity in the document's XML")
        return chr(number) if 0 < number < 0x110000 else "\ufffd"

    return _ENTITY.sub(one, raw) if "&" in raw else raw


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass(frozen=True)
class Field:
    """A Word field (or content control) whose displayed result holds text: `kind` is
    "citation" or "bibliography" for a reference manager's, "" for any other."""

    kind: str
    manager: str  # Zotero, EndNote, Mendeley, or "Word"
    instruction: str


@dataclass
class Run:
    part: str
    start: int  # `<w:r`
    open_end: int  # after the run's start tag
    rpr: str  # the run's formatting element as written ("" when it has none)
    rpr_end: int  # after the formatting element
    rpr_start: int = -1
    close: int = -1  # `</w:r>`
    end: int = -1  # after `</w:r>`
    superscript: bool = False
    style: str = ""  # its character style (which may make it a superscript)
    field: Field | None = None  # the field whose result the run is part of
    parent: str = "p"  # the element holding the run (p, hyperlink, ins, ...)


@dataclass
class TextNode:
    """A `w:t` element: its text and where it is written."""

    run: int  # index into Package.runs
    part: str
    start: int  # `<w:t`
    tag_end: int  # after the start tag (the content starts here)
    content_end: int  # `</w:t>`
    end: int  # after `</w:t>`
    text: str
    preserve: bool  # xml:space="preserve"


@dataclass
class Paragraph:
    part: str
    start: int
    style: str = ""
    num_id: str = ""
    level: int = 0
    outline: int = -1  # the paragraph's own outline level (0: a top heading), -1 none
    in_table: bool = False
    note: str = ""  # "fn3" / "en2" for a paragraph of a footnote or endnote
    pieces: list = field(default_factory=list)  # (text, node index or -1, offset in node)
    length: int = 0  # of the text so far
    comments: list = field(default_factory=list)  # (comment id, offset in the paragraph's text)
    fields: set = field(default_factory=set)  # manager fields whose result reaches this paragraph

    def text(self) -> str:
        return "".join(p[0] for p in self.pieces)


@dataclass
class Package:
    """A decoded Word file. `text` holds the paragraphs, one a line; `node_of[i]` is the text
    node character i of `text` came from (-1: none, a tab, break or paragraph end) and
    `index_in[i]` its position in that node's text."""

    data: bytes
    parts: dict[str, str]  # the XML parts read, decoded
    paragraphs: list[Paragraph]
    runs: list[Run]
    nodes: list[TextNode]
    text: str = ""
    node_of: array = field(default_factory=lambda: array("i"))
    index_in: array = field(default_factory=lambda: array("i"))
    starts: list[int] = field(default_factory=list)  # where each paragraph starts in `text`
    headings: dict[int, int] = field(default_factory=dict)  # paragraph -> heading level (1 top)
    numbers: dict[int, str] = field(default_factory=dict)  # paragraph -> its list number as shown
    comments: dict[str, str] = field(default_factory=dict)  # comment id -> its text
    note_numbers: dict[str, int] = field(default_factory=dict)  # "fn3" -> number shown
    w_prefix: set[str] = field(default_factory=set)  # parts that write Word's elements as `w:`

    def location(self, paragraph: int) -> str:
        """How a person finds paragraph n (1-based): `¶214`, or `footnote 2 ¶1`."""
        if not 0 < paragraph <= len(self.paragraphs):
            return f"¶{paragraph}"
        p = self.paragraphs[paragraph - 1]
        if not p.note:
            return f"¶{paragraph}"
        first = next(i for i, q in enumerate(self.paragraphs) if q.note == p.note)
        kind = "footnote" if p.note.startswith("fn") else "endnote"
        shown = self.note_numbers.get(p.note, int(p.note[2:]))
        return f"{kind} {shown} ¶{paragraph - first}"

    def number_of(self, paragraph: int) -> str:
        """The number Word shows before paragraph n (1-based) of a numbered list ("" for
        others): it is not in the paragraph's text, so reports name it."""
        return self.numbers.get(paragraph - 1, "")

    def __getstate__(self) -> dict:
        # Sent back from worker processes with the lint result: the report needs only the
        # locations, not the parts and character maps.
        return {**self.__dict__, "data": b"", "parts": {}, "runs": [], "nodes": [],
                "node_of": array("i"), "index_in": array("i")}  # fmt: skip


# --- the zip ----------------------------------------------------------------------------------


def open_zip(data: bytes) -> zipfile.ZipFile:
    if len(data) > MAX_PACKAGE:
        raise DecodeError(f"a Word file of {len(data):,} bytes: larger than refslint reads ({MAX_PACKAGE:,})")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise DecodeError(f"not a readable Word file (a damaged zip: {exc})") from None
    if len(infos) > MAX_MEMBERS:
        raise DecodeError(f"a Word file of {len(infos):,} parts: more than refslint reads")
    return zf


def read_part(zf: zipfile.ZipFile, name: str, required: bool = False) -> str | None:
    try:
        info = zf.getinfo(name)
    except KeyError:
        if required:
            raise DecodeError(f"not a Word document: the package has no {name}") from None
        return None
    if info.file_size > MAX_PART:
        raise DecodeError(f"{name} inflates to {info.file_size:,} bytes: more than refslint reads")
    try:
        with zf.open(info) as f:
            raw = f.read(MAX_PART + 1)  # the declared size may lie: never inflate past the cap
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise DecodeError(f"{name} cannot be read ({exc})") from None
    if len(raw) > MAX_PART:
        raise DecodeError(f"{name} inflates past {MAX_PART:,} bytes: more than refslint reads")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise DecodeError(f"{name} is not UTF-8 XML") from None
    if re.search(r"<!(?:DOCTYPE|ENTITY)", text):
        raise DecodeError(f"{name} declares a document type: refslint expands no entities")
    return text


# --- the XML scanner --------------------------------------------------------------------------


class _Names:
    """Element names resolved to (namespace, local name) by the prefixes the part declares."""

    def __init__(self) -> None:
        self.prefixes: dict[str, str] = {"xml": "http://www.w3.org/XML/1998/namespace"}
        self.known: dict[str, tuple[str, str]] = {}

    def declare(self, attrs: dict[str, str]) -> None:
        for name, value in attrs.items():
            if name.startswith("xmlns:"):
                self.prefixes[name[6:]] = value
                self.known.clear()

    def resolve(self, name: str) -> tuple[str, str]:
        found = self.known.get(name)
        if found is None:
            prefix, _, local = name.rpartition(":")
            found = self.known[name] = (self.prefixes.get(prefix, ""), local)
        return found


def attributes(raw: str) -> dict[str, str]:
    return {m.group(1): unescape(m.group(2) if m.group(2) is not None else m.group(3) or "")
            for m in _ATTR.finditer(raw)}  # fmt: skip


def _attr(attrs: dict[str, str], local: str) -> str:
    for name, value in attrs.items():
        if name == local or name.endswith(":" + local):
            return value
    return ""


class _Scanner:
    """Reads the paragraphs of one part into the package's lists."""

    def __init__(self, pkg: Package, part: str, text: str) -> None:
        self.pkg, self.part, self.xml = pkg, part, text
        self.names = _Names()
        self.open: list[str] = []  # every open element, as written
        self.stack: list[str] = []  # local names of the open W elements
        self.paragraphs: list[Paragraph] = []  # open paragraphs (text boxes nest them)
        self.run: Run | None = None
        self.fields: list[list] = []  # [Field or None, instruction, in result]
        self.controls: list[Field | None] = []  # content controls: a manager's, or None
        self.fallback = 0  # depth inside mc:Fallback (a copy of what mc:Choice holds)
        self.note = ""
        self.note_type = ""
        self.in_ppr = self.in_rpr = False
        self.tables = 0
        self.node_start = self.node_tag_end = -1  # the open w:t element
        self.node_attrs: dict[str, str] = {}
        self.instr_start = -1  # the open w:instrText's content

    def scan(self) -> None:
        xml = self.xml
        pos = 0
        while True:
            m = _TOKEN.search(xml, pos)
            if m is None:
                break
            pos = m.end()
            special = m.group(1)
            if special:
                if special == "<!":
                    raise DecodeError(f"{self.part} declares a document type: refslint expands no entities")
                end = xml.find(_SPECIAL_END[special], pos)
                if end < 0:
                    raise DecodeError(f"{self.part} is not well-formed XML ({special} is never closed)")
                pos = end + len(_SPECIAL_END[special])
                continue
            close, name, raw, empty = m.group(2), m.group(3), m.group(4), m.group(5)
            if close:  # every element is closed in order, whatever its namespace
                if not self.open or self.open.pop() != name:
                    where = f"</{name}> at character {m.start():,}"
                    raise DecodeError(f"{self.part} is not well-formed XML ({where})")
            elif not empty:
                self.open.append(name)
            attrs = attributes(raw) if raw else {}
            if attrs:
                self.names.declare(attrs)
            ns, local = self.names.resolve(name)
            if ns == MC:
                self._compat(local, bool(close), bool(empty))
                continue
            if ns not in W_NAMES or self.fallback:
                continue
            if close:
                self._end(local, m)
            else:
                self._start(local, attrs, m)
                if empty:
                    self._end(local, m, empty=True)
        if self.open:
            raise DecodeError(f"{self.part} is not well-formed XML (<{self.open[-1]}> is never closed)")
        if self.names.prefixes.get("w") in W_NAMES:
            self.pkg.w_prefix.add(self.part)

    def _compat(self, local: str, close: bool, empty: bool) -> None:
        if local == "Fallback" and not empty:
            self.fallback += -1 if close else 1

    def _start(self, local: str, attrs: dict[str, str], m: re.Match[str]) -> None:
        self.stack.append(local)
        if local == "p":
            p = Paragraph(self.part, m.start(), in_table=self.tables > 0, note=self.note)
            self.paragraphs.append(p)
            if self.note_type not in _SEPARATORS:  # the line above the notes is no text
                self.pkg.paragraphs.append(p)
            # A manager's field that is still open carries on into this paragraph.
            for f in self._open_managers():
                p.fields.add(f)
        elif local == "pPr":
            self.in_ppr = True
        elif self.in_ppr and self.paragraphs:
            p = self.paragraphs[-1]
            if local == "pStyle":
                p.style = _attr(attrs, "val")
            elif local == "numId":
                p.num_id = _attr(attrs, "val")
            elif local == "ilvl":
                p.level = _int(_attr(attrs, "val"))
            elif local == "outlineLvl":
                p.outline = _int(_attr(attrs, "val"), -1)
        elif local == "r" and self.paragraphs:
            parent = self.stack[-2] if len(self.stack) > 1 else ""
            field = self._visible_field()
            self.run = Run(self.part, m.start(), m.end(), "", m.end(), field=field, parent=parent)
            self.pkg.runs.append(self.run)
        elif local == "rPr" and self.run is not None and not self.in_ppr:
            self.in_rpr = True
            self.run.rpr_start = m.start()
        elif local == "vertAlign" and self.in_rpr and self.run is not None:
            self.run.superscript = _attr(attrs, "val") == "superscript"
        elif local == "position" and self.in_rpr and self.run is not None:
            # Raised text (LibreOffice writes HTML's <sup> so) reads as a superscript.
            self.run.superscript = self.run.superscript or _int(_attr(attrs, "val")) > 0
        elif local == "rStyle" and self.in_rpr and self.run is not None:
            self.run.style = _attr(attrs, "val")
        elif local == "t" and self.run is not None and self._visible():
            self.node_start = m.start()
            self.node_attrs = attrs
            self.node_tag_end = m.end()
        elif local == "instrText":
            self.instr_start = m.end()
        elif local in ("tab", "ptab") and self.run is not None and self._visible():
            self._piece("\t")
        elif local in ("br", "cr") and self.run is not None and self._visible():
            self._piece(" ")
        elif local == "noBreakHyphen" and self.run is not None and self._visible():
            self._piece("-")
        elif local == "fldChar":
            kind = _attr(attrs, "fldCharType")
            if kind == "begin":
                self.fields.append([None, "", False])
            elif kind == "separate" and self.fields:
                entry = self.fields[-1]
                entry[0], entry[2] = _field(entry[1]), True
                self._mark_paragraph()
            elif kind == "end" and self.fields:
                self.fields.pop()
        elif local == "fldSimple":
            self.fields.append([_field(_attr(attrs, "instr")), "", True])
            self._mark_paragraph()
        elif local == "sdt":
            self.controls.append(None)
        elif local == "tag" and self.controls and self.stack[-2:-1] == ["sdtPr"]:
            tag = _SDT_TAG.search(_attr(attrs, "val"))
            if tag:
                kind = "bibliography" if tag.group(2).upper().startswith("BIBL") else "citation"
                self.controls[-1] = Field(kind, tag.group(1).capitalize(), _attr(attrs, "val"))
        elif local == "sdtContent":
            self._mark_paragraph()
        elif local in ("commentRangeStart", "commentReference") and self.paragraphs:
            p = self.paragraphs[-1]
            p.comments.append((_attr(attrs, "id"), p.length))
        elif local in ("footnoteReference", "endnoteReference"):
            key = ("fn" if local[0] == "f" else "en") + _attr(attrs, "id")
            shown = sum(1 for k in self.pkg.note_numbers if k[:2] == key[:2]) + 1  # in order of reference
            self.pkg.note_numbers.setdefault(key, shown)
        elif local in ("footnote", "endnote"):
            self.note = ("fn" if local[0] == "f" else "en") + _attr(attrs, "id")
            self.note_type = _attr(attrs, "type")
        elif local == "tbl":
            self.tables += 1

    def _end(self, local: str, m: re.Match[str], empty: bool = False) -> None:
        if self.stack:
            self.stack.pop()
        if local == "p" and self.paragraphs:
            self.paragraphs.pop()
        elif local == "pPr":
            self.in_ppr = False
        elif local == "rPr" and self.in_rpr and self.run is not None:
            self.in_rpr = False
            start = self.run.rpr_start
            self.run.rpr, self.run.rpr_end = self.xml[start : m.end()], m.end()
        elif local == "r" and self.run is not None:
            self.run.close, self.run.end = (m.end(), m.end()) if empty else (m.start(), m.end())
            self.run = None
        elif local == "t" and self.node_start >= 0:
            if not empty:
                raw = self.xml[self.node_tag_end : m.start()]
                text = unescape(raw)
                preserve = _attr(self.node_attrs, "space") == "preserve"
                node = TextNode(len(self.pkg.runs) - 1, self.part, self.node_start, self.node_tag_end,
                                m.start(), m.end(), text, preserve)  # fmt: skip
                self.pkg.nodes.append(node)
                index = len(self.pkg.nodes) - 1
                pos = 0
                # A line end written inside a text node is shown as a space that no run holds.
                for end in [m.start() for m in _LINE_END.finditer(text)] + [len(text)]:
                    self._piece(text[pos:end], index, pos)
                    if end < len(text):
                        self._piece(" ")
                    pos = end + 1
            self.node_start = -1
        elif local == "instrText":
            if self.fields and not empty:
                self.fields[-1][1] += unescape(self.xml[self.instr_start : m.start()])
        elif local == "fldSimple" and self.fields:
            self.fields.pop()
        elif local == "sdt" and self.controls:
            self.controls.pop()
        elif local in ("footnote", "endnote"):
            self.note = self.note_type = ""
        elif local == "tbl":
            self.tables -= 1

    def _visible(self) -> bool:
        """Not inside a field's instruction (its result is what the document shows)."""
        return all(f[2] for f in self.fields) and "del" not in self.stack and "moveFrom" not in self.stack

    def _visible_field(self) -> Field | None:
        fields = [f[0] for f in self.fields if f[0] is not None] + [c for c in self.controls if c]
        managers = [f for f in fields if f.kind]
        return managers[0] if managers else fields[0] if fields else None

    def _open_managers(self) -> list[Field]:
        return [f for f in ([x[0] for x in self.fields] + self.controls) if f is not None and f.kind]

    def _mark_paragraph(self) -> None:
        if self.paragraphs:
            self.paragraphs[-1].fields.update(self._open_managers())

    def _piece(self, text: str, node: int = -1, offset: int = 0) -> None:
        if self.paragraphs and text:
            p = self.paragraphs[-1]
            p.pieces.append((text, node, offset))
            p.length += len(text)


def _int(value: str, default: int = 0) -> int:
    try:
        return int(value)
    except ValueError:
        return default


def _field(instruction: str) -> Field:
    m = _MANAGER.match(instruction)
    if m is None:
        name = instruction.split()[0].upper() if instruction.split() else ""
        return Field("", "Word", name)
    kind, manager = _MANAGER_KIND[m.lastindex - 1]  # type: ignore[operator]
    return Field(kind, manager, instruction.strip())


# --- styles and numbering ---------------------------------------------------------------------

def _elements(xml: str, name: str):
    """(attributes as written, content) of each `w:name` element, found in linear time."""
    opening = re.compile(rf"<w:{name}\b([^<>]*?)(/?)>")
    close = f"</w:{name}>"
    pos = 0
    while True:
        m = opening.search(xml, pos)
        if m is None:
            return
        if m.group(2):
            yield m.group(1), ""
            pos = m.end()
            continue
        end = xml.find(close, m.end())
        if end < 0:
            return
        yield m.group(1), xml[m.end() : end]
        pos = end + len(close)


def _value(body: str, tag: str) -> str | None:
    found = re.search(rf"<w:{tag}\b([^<>]*)>", body)
    return _attr(attributes(found.group(1)), "val") if found else None


def _styles(xml: str | None) -> dict[str, dict[str, str]]:
    """Style id -> its name, outline level, numbering and parent (`w:` prefixed parts only:
    Word and every writer we know of use it for styles)."""
    styles: dict[str, dict[str, str]] = {}
    for attrs, body in _elements(xml or "", "style"):
        info = {}
        for key, tag in (("name", "name"), ("outline", "outlineLvl"), ("num", "numId"), ("based", "basedOn"),
                         ("level", "ilvl"), ("valign", "vertAlign")):  # fmt: skip
            value = _value(body, tag)
            if value is not None:
                info[key] = value
        styles[_attr(attributes(attrs), "styleId")] = info
    return styles


def _style_value(styles: dict[str, dict[str, str]], sid: str, key: str) -> str:
    seen = set()
    while sid and sid not in seen:
        seen.add(sid)
        info = styles.get(sid, {})
        if key in info:
            return info[key]
        sid = info.get("based", "")
    return ""


def heading_level(p: Paragraph, styles: dict[str, dict[str, str]]) -> int:
    """1 for a top heading ... 9; 0 when the paragraph is not a heading."""
    if p.outline >= 0:
        return p.outline + 1 if p.outline < 9 else 0
    outline = _style_value(styles, p.style, "outline")
    if outline.isdigit() and int(outline) < 9:
        return int(outline) + 1
    name = _style_value(styles, p.style, "name").lower() or p.style.lower()
    m = re.fullmatch(r"heading\s*(\d)", name)
    if m:
        return int(m.group(1))
    return 1 if name in ("title", "subtitle") else 0


class _Numbering(NamedTuple):
    nums: dict[str, str]  # num id -> abstract id
    levels: dict[tuple[str, int], tuple[int, str, str]]  # (abstract id, level) -> start, format, text
    restarts: dict[tuple[str, int], int]  # (num id, level) -> the number it starts again at


def _numbering(xml: str | None) -> _Numbering:
    nums: dict[str, str] = {}
    levels: dict[tuple[str, int], tuple[int, str, str]] = {}
    restarts: dict[tuple[str, int], int] = {}
    if not xml:
        return _Numbering(nums, levels, restarts)
    for attrs, body in _elements(xml, "abstractNum"):
        aid = _attr(attributes(attrs), "abstractNumId")
        for lvl_attrs, lvl in _elements(body, "lvl"):
            ilvl = _int(_attr(attributes(lvl_attrs), "ilvl"))
            start, fmt, shown = (_value(lvl, tag) or "" for tag in ("start", "numFmt", "lvlText"))
            levels[(aid, ilvl)] = (_int(start, 1), fmt or "decimal", shown)
    for attrs, body in _elements(xml, "num"):
        aid = _value(body, "abstractNumId")
        if aid is None:
            continue
        num_id = _attr(attributes(attrs), "numId")
        nums[num_id] = aid
        for over_attrs, over in _elements(body, "lvlOverride"):
            start = _value(over, "startOverride")
            if start is not None:
                restarts[(num_id, _int(_attr(attributes(over_attrs), "ilvl")))] = _int(start, 1)
    return _Numbering(nums, levels, restarts)


def _number_paragraphs(pkg: Package, styles: dict[str, dict[str, str]], numbering: str | None) -> None:
    """The numbers Word shows before numbered paragraphs (decimal lists; bullets have none).

    The lists that share an abstract definition count on together (a second "List Number" list
    goes on from the first), except a list whose definition restarts a level ("Restart at 1"
    writes a w:num with a startOverride): it counts on its own from there."""
    nums, levels, restarts = _numbering(numbering)
    counters: dict[tuple[str, int], int] = {}
    for i, p in enumerate(pkg.paragraphs):
        num_id = p.num_id or _style_value(styles, p.style, "num")
        if not num_id or num_id == "0" or num_id not in nums:
            continue
        level = p.level if p.num_id else _int(_style_value(styles, p.style, "level"))
        aid = nums[num_id]
        start, fmt, _shown = levels.get((aid, level), (1, "decimal", f"%{level + 1}."))
        owner = "num " + num_id if (num_id, level) in restarts else "abstract " + aid
        start = restarts.get((num_id, level), start)
        key = (owner, level)
        counters[key] = counters.get(key, start - 1) + 1
        for deeper in [k for k in counters if k[0] == owner and k[1] > level]:
            del counters[deeper]
        if fmt == "decimal":
            pkg.numbers[i] = str(counters[key])


# --- the package ------------------------------------------------------------------------------


def decode(path: str, data: bytes) -> Source:
    """The Word format's decoder (inputs.FORMAT_TABLE): the paragraphs are the text, the
    package is kept for the writer."""
    package = read_package(data)
    return Source(path, package.text, "docx", b"", package)


def read_package(data: bytes) -> Package:
    """The Word file's paragraphs as text with the way back to its XML; DecodeError when it is
    not a Word document refslint can read (the run goes on: X001 for this file)."""
    zf = open_zip(data)
    with zf:
        body = read_part(zf, BODY, required=True)
        parts = {BODY: body}
        for name in (*NOTES, COMMENTS):
            text = read_part(zf, name)
            if text is not None:
                parts[name] = text
        styles = _styles(read_part(zf, "word/styles.xml"))
        numbering = read_part(zf, "word/numbering.xml")
    pkg = Package(data, parts, [], [], [])  # type: ignore[arg-type]
    for name in (BODY, *NOTES):
        if name in parts:
            _Scanner(pkg, name, parts[name]).scan()
    for run in pkg.runs:  # a character style such as "Endnote Reference" raises its runs
        if run.style and not run.superscript:
            run.superscript = _style_value(styles, run.style, "valign") == "superscript"
    for i, p in enumerate(pkg.paragraphs):
        level = heading_level(p, styles) if not p.note else 0
        if level:
            pkg.headings[i] = level
    _number_paragraphs(pkg, styles, numbering)
    if COMMENTS in parts:
        pkg.comments = _comments(parts[COMMENTS])
    _flatten(pkg)
    return pkg


def _comments(xml: str) -> dict[str, str]:
    out = {}
    for attrs, body in _elements(xml, "comment"):
        texts = re.findall(r"<w:t\b[^<>]*>([^<]*)</w:t>", body)
        out[_attr(attributes(attrs), "id")] = unescape("".join(texts))
    return out


def _flatten(pkg: Package) -> None:
    chunks: list[str] = []
    node_of, index_in = array("i"), array("i")
    pos = 0
    for p in pkg.paragraphs:
        pkg.starts.append(pos)
        for text, node, offset in p.pieces:
            n = len(text)
            chunks.append(text)
            node_of.extend(array("i", [node]) * n)
            index_in.extend(array("i", range(offset, offset + n)))
            pos += n
        chunks.append("\n")
        node_of.append(-1)
        index_in.append(0)
        pos += 1
    pkg.text, pkg.node_of, pkg.index_in = "".join(chunks), node_of, index_in
