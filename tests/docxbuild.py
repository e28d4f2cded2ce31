"""Real Word files for the tests, made with python-docx (and, for what it cannot make, such as
footnotes, by adding the parts to the saved zip), and read back with lxml."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}

# The manuscript fixture's list (tests/fixtures/manuscripts/references.txt has its findings):
# a repeated citation block, a digit inside a word, a one-page range and a doubled space.
REFERENCES = [
    "Yao D, Ye S, He Z. Adipose-derived mesenchymal stem cells for psoriasis. Ann Transl Med. "
    "2021;9(22):1653–1653.",
    "Munoz-Perez E, Gonzalez-Pujana A. Mesenchymal stromal cell secretome for inflammatory diseases. "
    "Pharm0aceutics. 2021;13(11):1802.",
    "Umezawa Y. Psoriatic  arthritis. J Dermatol. 2021;48(6):741–749.",
    "Liu L, Song H, Duan H. TSG-6 attenuates brain injury in Mus musculus. Sci Rep. 2016;6:30121.",
    "Ogdie A, Weiss P. The epidemiology of psoriatic arthritis. Rheum Dis Clin North Am. 2015;41(4):545–68.",
]


def field_runs(instruction: str, result: str, superscript: bool = False) -> list:
    """The runs of a complex field: begin, instruction, separate, the shown result, end."""
    rpr = '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>' if superscript else ""
    xml = [
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        f"<w:r>{rpr}<w:t>{result}</w:t></w:r>",
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    ]
    return [parse_xml(x.replace("<w:r>", f"<w:r {nsdecls('w')}>", 1)) for x in xml]


# Set in italics inside a title, as species names are.
ITALIC = re.compile(r"\bMus musculus\b|\bEscherichia coli\b")


def add_italic_title(paragraph, text: str) -> None:
    """A reference whose journal title is in italics, and a species name in its title: runs of
    two formattings."""
    journal = re.search(r"\. ([A-Z][A-Za-z ]+)\. \d{4};", text)
    italic = [m.span() for m in ITALIC.finditer(text)] + ([journal.span(1)] if journal else [])
    pos = 0
    for a, b in sorted(italic):
        paragraph.add_run(text[pos:a])
        paragraph.add_run(text[a:b]).italic = True
        pos = b
    paragraph.add_run(text[pos:])


def manuscript(path: Path, references: list[str] = REFERENCES, *, numbered: bool = True,
               table: bool = True, italics: bool = True, zotero_citation: bool = True) -> Path:  # fmt: skip
    """A manuscript: a title, an introduction citing [1], ^2,3^ (superscript), a Zotero citation
    field showing [4] and [9] (past the list), a table, then `References` as a heading and
    the list as Word's numbered list (the numbers are not in the text)."""
    d = docx.Document()
    d.add_heading("Stem cells and the skin", 0)
    d.add_heading("Introduction", 1)
    p = d.add_paragraph("Stem cells repair the lung [1], as trials show")
    sup = p.add_run("2,3")
    sup.font.superscript = True
    p.add_run(". Cell therapy helps the skin ")
    if zotero_citation:
        for run in field_runs('ADDIN ZOTERO_ITEM CSL_CITATION {"citationID":"a1"}', "[4]"):
            p._p.append(run)
    else:
        p.add_run("[4]")
    p.add_run(" and the joints [9]. A square of 2 cm")
    p.add_run("2").font.superscript = True
    p.add_run(" was used.")
    if table:
        t = d.add_table(rows=2, cols=2)
        t.cell(0, 0).text = "Reference"
        t.cell(0, 1).text = "Cells"
        t.cell(1, 0).text = "12"
        t.cell(1, 1).text = "1653"
    d.add_heading("References", 1)
    for text in references:
        para = d.add_paragraph(style="List Number" if numbered else None)
        if italics:
            add_italic_title(para, text)
        else:
            para.add_run(text)
    d.add_heading("Figure legends", 1)
    d.add_paragraph("Figure 1. Cells (n = 12).")
    d.save(path)
    return path


ZOTERO_BIBL = 'ADDIN ZOTERO_BIBL {"uncited":[]} CSL_BIBLIOGRAPHY'


def zotero_bibliography(path: Path, references: list[str] = REFERENCES, instruction: str = ZOTERO_BIBL) -> Path:
    """The list as Zotero writes it: one field ADDIN ZOTERO_BIBL around its paragraphs, no
    heading, the numbers typed in the text (or another manager's field: `instruction`)."""
    d = docx.Document()
    p = d.add_paragraph("As shown ")
    for run in field_runs('ADDIN ZOTERO_ITEM CSL_CITATION {"citationID":"b2"}', "[1–3]"):
        p._p.append(run)
    p.add_run(" and [4, 5].")
    paragraphs = [d.add_paragraph() for _ in references]
    begin, instr, separate, _result, end = field_runs(instruction, "")
    paragraphs[0]._p.extend([begin, instr, separate])
    for i, (para, text) in enumerate(zip(paragraphs, references, strict=True), 1):
        para.add_run(f"{i}. {text}")
    paragraphs[-1]._p.append(end)
    d.save(path)
    return path


FOOTNOTES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="{W}">
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""


def add_footnote(path: Path, after: str, text: str) -> None:
    """Footnote 1 with `text`, referenced after the first paragraph that contains `after`
    (python-docx cannot make footnotes: the part, its relationship and content type are added
    to the zip)."""
    d = docx.Document(path)
    para = next(p for p in d.paragraphs if after in p.text)
    para._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                             '<w:footnoteReference w:id="1"/></w:r>'))  # fmt: skip
    buffer = io.BytesIO()
    d.save(buffer)
    parts = {}
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as zf:
        for info in zf.infolist():
            parts[info.filename] = zf.read(info)
    parts["word/footnotes.xml"] = FOOTNOTES.format(W=W, text=text).encode()
    rels = parts["word/_rels/document.xml.rels"].decode()
    rel = ('<Relationship Id="rIdFoot" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
           'relationships/footnotes" Target="footnotes.xml"/>')  # fmt: skip
    parts["word/_rels/document.xml.rels"] = rels.replace("</Relationships>", rel + "</Relationships>").encode()
    types = parts["[Content_Types].xml"].decode()
    override = ('<Override PartName="/word/footnotes.xml" ContentType="application/'
                'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>')  # fmt: skip
    parts["[Content_Types].xml"] = types.replace("</Types>", override + "</Types>").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


def line_break_in(path: Path, paragraph_text: str) -> None:
    d = docx.Document(path)
    para = next(p for p in d.paragraphs if paragraph_text in p.text)
    para.runs[0].add_break(WD_BREAK.LINE)
    d.save(path)


def part(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return zf.read(name)


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def paragraph_texts(path: Path, accept: bool = True) -> list[str]:
    """Each body paragraph's text as Word shows it with every revision accepted (inserted text
    kept, deleted text gone), or rejected (the reverse). Read with lxml."""
    root = etree.fromstring(part(path, "word/document.xml"))
    out = []
    for p in root.iter(f"{{{W}}}p"):
        chunks = []
        for el in p.iter(f"{{{W}}}t", f"{{{W}}}delText"):
            inside = {a.tag for a in el.iterancestors()}
            if accept and (el.tag == f"{{{W}}}delText" or f"{{{W}}}del" in inside):
                continue
            if not accept and f"{{{W}}}ins" in inside:
                continue
            chunks.append(el.text or "")
        out.append("".join(chunks))
    return out


def runs_xml(path: Path) -> list[bytes]:
    """Every run of the body as its exact bytes."""
    xml = part(path, "word/document.xml")
    return re.findall(rb"<w:r>.*?</w:r>|<w:r [^>]*>.*?</w:r>", xml, re.DOTALL)
