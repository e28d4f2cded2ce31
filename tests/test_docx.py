"""Word manuscripts: real .docx files made with python-docx are read, cross-checked and fixed, and
everything refslint did not mean to change stays byte for byte."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from lxml import etree

from refslint.api import decode_input, lint_file
from refslint.config import build_config
from refslint.sources import plaintext, read

from . import docxbuild as build
from .conftest import FIXTURES, run
from .test_manuscripts import by_reference

CONFIG = build_config(isolated=True)


def lint(path):
    return lint_file(str(path), CONFIG).diagnostics


def document(path):
    source = decode_input(str(path), path.read_bytes())
    return source, read(source, "docx")


@pytest.fixture
def paper(tmp_path):
    return build.manuscript(tmp_path / "paper.docx")


def test_the_numbered_list_is_read_with_the_numbers_word_shows(paper):
    _source, doc = document(paper)
    assert [e.label for e in doc.entries] == ["1", "2", "3", "4", "5"]
    # Italic journal titles are their own runs: the entry reads through them.
    assert [e.text for e in doc.entries] == build.REFERENCES
    assert doc.numbered


def test_findings_equal_those_of_the_same_list_as_plain_text(paper, tmp_path):
    plain = tmp_path / "list.txt"
    plain.write_text("".join(f"{i}. {t}\n" for i, t in enumerate(build.REFERENCES, 1)), encoding="utf-8")
    assert by_reference(lint(paper)) == by_reference(lint(plain))
    assert by_reference(lint(paper)) == {0: {"N002"}, 1: {"P001"}, 2: {"P005"}}


def _one_line(text: str) -> str:
    """A wrapped entry as one paragraph: its line breaks (and the indents after them) a space."""
    return re.sub(r"[ \t]*\n[ \t]*", " ", text)


def test_the_manuscript_fixture_list_as_word_has_the_plain_lists_findings_at_the_same_text(tmp_path):
    """The list of tests/fixtures/manuscripts (25 references, defects injected), written as Word's
    numbered list with italic journals: the plain list's findings, on the same characters."""
    plain_path = FIXTURES / "manuscripts" / "references.txt"
    plain_text = plain_path.read_text(encoding="utf-8")
    entries = plaintext.entries(plain_text)
    d = docx.Document()
    d.add_heading("References", 1)
    for e in entries:
        build.add_italic_title(d.add_paragraph(style="List Number"), _one_line(e.text))
    path = tmp_path / "list.docx"
    d.save(path)
    plain = lint(plain_path)
    found = lint(path)
    assert by_reference(found) == by_reference(plain) != {}
    source, _doc = document(path)
    expected = {(x.reference, x.code): _one_line(plain_text[x.span.start : x.span.end]) for x in plain}
    for x in found:
        assert source.text[x.span.start : x.span.end] == expected[(x.reference, x.code)], x.code


def test_citations_brackets_superscripts_and_zotero_fields_are_cross_checked(paper):
    source, _doc = document(paper)
    found = [(d.code, source.text[d.span.start : d.span.end]) for d in lint(paper) if d.code[0] == "C"]
    # [1], superscript 2,3 and Zotero's [4] cite; [9] is past the list; 5 is never cited. The
    # superscript 2 of `cm2`, the table's numbers and `(n = 12)` are not citations.
    assert found == [("C002", "9"), ("C001", build.REFERENCES[4])]


def test_citation_order_is_checked(paper):
    assert "C003" not in [d.code for d in lint(paper)]  # cited 1, 2, 3, 4 in order
    d = docx.Document(paper)
    para = next(p for p in d.paragraphs if "Stem cells repair" in p.text)
    para.runs[0].text = para.runs[0].text.replace("[1]", "[3]")  # 3 first, then 2
    d.save(paper)
    source, _doc = document(paper)
    c003 = [source.text[d.span.start : d.span.end] for d in lint(paper) if d.code == "C003"]
    assert c003 == ["3"]


def test_superscripts_by_character_style_and_raised_text_cite(tmp_path):
    from docx.enum.style import WD_STYLE_TYPE

    d = docx.Document()
    style = d.styles.add_style("Citation", WD_STYLE_TYPE.CHARACTER)
    style.font.superscript = True
    p = d.add_paragraph("Cells repair the lung")
    p.add_run("1,2").style = style
    p.add_run(" and the skin")
    raised = p.add_run("3")
    raised._r.get_or_add_rPr().append(parse_xml(f'<w:position {nsdecls("w")} w:val="6"/>'))
    p.add_run(".")
    d.add_heading("References", 1)
    for text in build.REFERENCES[:3]:
        d.add_paragraph(text, style="List Number")
    path = tmp_path / "s.docx"
    d.save(path)
    _source, doc = document(path)
    assert [c.labels for c in doc.citations] == [("1", "2"), ("3",)]


def test_a_citation_in_a_footnote_counts(tmp_path):
    path = build.manuscript(tmp_path / "p.docx")
    build.add_footnote(path, "Stem cells repair", "See also [5].")
    codes = [d.code for d in lint(path) if d.code[0] == "C"]
    assert codes == ["C002"]  # reference 5 is cited now, in the footnote


def test_author_date_citations_against_first_authors_and_years(tmp_path):
    refs = sorted(build.REFERENCES)
    d = docx.Document()
    d.add_paragraph("Psoriasis (Liu et al., 2016; Munoz-Perez 2021) and arthritis (Umezawa 2021). "
                    "Ogdie and Weiss (2015) agree; so does (Smith et al., 2019).")  # fmt: skip
    d.add_heading("References", 1)
    for text in refs:
        d.add_paragraph(text)
    path = tmp_path / "ad.docx"
    d.save(path)
    source, doc = document(path)
    assert not doc.numbered
    found = [(d.code, source.text[d.span.start : d.span.end]) for d in lint(path) if d.code[0] == "C"]
    assert found == [("C002", "Smith et al., 2019"), ("C001", refs[4])]  # Yao 2021 is not cited


def test_text_output_names_the_paragraph_and_the_reference(paper, tmp_path):
    result = run(["--isolated", "paper.docx"], cwd=tmp_path)
    out = result.stdout.decode()
    assert result.returncode == 1
    # ¶1 the title, ¶2 Introduction, ¶3 the text, ¶4-7 the table's cells, ¶8 References.
    assert "paper.docx:¶9:101: N002 [*] page range `1653–1653` starts and ends on the same page (reference 1)" in out
    assert "paper.docx:¶10:" in out and "(reference 2)" in out


def test_json_and_sarif_carry_the_paragraph_as_the_line(paper, tmp_path):
    found = json.loads(run(["--isolated", "--format", "json", "paper.docx"], cwd=tmp_path).stdout)
    n002 = next(d for d in found if d["code"] == "N002")
    assert n002["location"] == {"row": 9, "column": 101}
    sarif = json.loads(run(["--isolated", "--format", "sarif", "paper.docx"], cwd=tmp_path).stdout)
    region = next(r for r in sarif["runs"][0]["results"] if r["ruleId"] == "N002")["locations"][0][
        "physicalLocation"]["region"]  # fmt: skip
    assert region["startLine"] == 9 and region["startColumn"] == 101
    assert "paragraph 9 (¶9)" in region["message"]["text"]
    from .test_reports import _sarif_errors, _sarif_schemas

    for name, schema in _sarif_schemas().items():  # the OASIS schema, and the excerpt CI has
        assert not _sarif_errors(schema, sarif), name


def test_fix_edits_the_runs_and_keeps_everything_else(paper, tmp_path):
    before = build.members(paper)
    runs_before = build.runs_xml(paper)
    result = run(["--isolated", "--fix", "paper.docx"], cwd=tmp_path)
    assert result.returncode == 1  # the citation problems remain
    assert "Fixing paper.docx" in result.stdout.decode()
    texts = [p.text for p in docx.Document(paper).paragraphs]
    expected = [t.replace("1653–1653", "1653").replace("Pharm0aceutics", "Pharmaceutics")
                .replace("Psoriatic  arthritis", "Psoriatic arthritis") for t in build.REFERENCES]  # fmt: skip
    assert texts[texts.index("References") + 1 :][:5] == expected
    after = build.members(paper)
    assert list(after) == list(before)  # the same parts, in the same order
    assert {n for n in before if before[n] != after[n]} == {"word/document.xml"}
    runs_after = build.runs_xml(paper)
    assert len(runs_after) == len(runs_before)
    changed = [a for a, b in zip(runs_before, runs_after, strict=True) if a != b]
    assert len(changed) == 3 and all(b"<w:i/>" not in r for r in changed)  # the three runs fixed
    # A second --fix changes nothing.
    data = paper.read_bytes()
    run(["--isolated", "--fix", "paper.docx"], cwd=tmp_path)
    assert paper.read_bytes() == data


@pytest.mark.parametrize("track", [False, True])
def test_fix_source_from_the_reports_findings_equals_a_fresh_lint(paper, track, monkeypatch):
    """The command's --fix starts from the report's lint (`linted`); a Word file's rounds are
    made by its format's writer either way, and give the same package."""
    from refslint.api import fix_source, lint_source

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the revisions' date

    source = decode_input(str(paper), paper.read_bytes())
    fresh, after_fresh = fix_source(source, CONFIG, track_changes=track)
    reported, after = fix_source(source, CONFIG, linted=lint_source(source, CONFIG), track_changes=track)
    assert fresh.text == reported.text != source.text
    assert [d.code for d in fresh.fixed] == [d.code for d in reported.fixed] == ["N002", "P001", "P005"]
    assert after.source.package.data == after_fresh.source.package.data != source.package.data
    assert list(after.diagnostics) == list(after_fresh.diagnostics)


def test_nothing_to_fix_leaves_the_file_byte_for_byte(tmp_path):
    clean = [r for r in build.REFERENCES if "1653" not in r and "Pharm0" not in r and "  " not in r]
    path = build.manuscript(tmp_path / "clean.docx", clean)
    data = path.read_bytes()
    stat = path.stat()
    run(["--isolated", "--fix", "clean.docx"], cwd=tmp_path)
    assert path.read_bytes() == data and path.stat().st_mtime_ns == stat.st_mtime_ns


def test_a_fix_across_runs_of_different_formatting_is_not_applied(tmp_path):
    d = docx.Document()
    d.add_heading("References", 1)
    p = d.add_paragraph(style="List Number")
    p.add_run("Umezawa Y. Psoriatic ")
    p.add_run(" arthritis").italic = True  # the doubled space: one plain, one italic
    p.add_run(". J Dermatol. 2021;48(6):741–749.")
    path = tmp_path / "r.docx"
    d.save(path)
    p005 = next(x for x in lint(path) if x.code == "P005")
    assert p005.fix is None
    assert "(not fixed: the text crosses runs of different formatting)" in p005.message
    data = path.read_bytes()
    run(["--isolated", "--fix", "r.docx"], cwd=tmp_path)
    assert path.read_bytes() == data


def test_runs_that_differ_only_in_language_are_fixed_as_one(tmp_path):
    d = docx.Document()
    d.add_heading("References", 1)
    p = d.add_paragraph(style="List Number")
    p.add_run("Umezawa Y. Psoriatic ")
    other = p.add_run(" arthritis")  # Word splits runs on the spelling language
    other._r.get_or_add_rPr().append(parse_xml(f'<w:lang {nsdecls("w")} w:val="en-GB"/>'))
    p.add_run(". J Dermatol. 2021;48(6):741–749.")
    path = tmp_path / "lang.docx"
    d.save(path)
    run(["--isolated", "--fix", "lang.docx"], cwd=tmp_path)
    assert docx.Document(path).paragraphs[1].text == "Umezawa Y. Psoriatic arthritis. J Dermatol. 2021;48(6):741–749."


def test_a_list_that_restarts_at_1_is_numbered_from_1(tmp_path):
    path = build.manuscript(tmp_path / "r.docx")
    d = docx.Document(path)
    methods = [d.add_paragraph(f"Step {n}.", style="List Number") for n in (1, 2)]
    refs_heading = next(p for p in d.paragraphs if p.text == "References")
    for p in methods:  # a numbered list before the references, on the same definition
        refs_heading._p.addprevious(p._p)
    numbering = d.part.numbering_part.element
    style_num = d.styles["List Number"].element.pPr.numPr.numId.val
    abstract = next(n for n in numbering.num_lst if n.numId == style_num).abstractNumId.val
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="99"><w:abstractNumId w:val="{abstract}"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))  # fmt: skip
    for p in d.paragraphs:
        if p.text in build.REFERENCES:
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="99"/></w:numPr>'))  # fmt: skip
    d.save(path)
    _source, doc = document(path)
    assert [e.label for e in doc.entries] == ["1", "2", "3", "4", "5"]


def test_a_fix_inside_a_reference_managers_bibliography_says_fix_it_there(tmp_path):
    path = build.zotero_bibliography(tmp_path / "z.docx")
    _source, doc = document(path)
    assert [e.label for e in doc.entries] == ["1.", "2.", "3.", "4.", "5."]
    found = lint(path)
    assert by_reference(found) == {0: {"N002"}, 1: {"P001"}, 2: {"P005"}}
    for d in found:
        if d.code in ("N002", "P001", "P005"):
            assert d.fix is None and "fix it in Zotero" in d.message
    assert [d.code for d in found if d.code[0] == "C"] == []  # [1–3] (Zotero's) and [4, 5] cite all
    data = path.read_bytes()
    run(["--isolated", "--fix", "z.docx"], cwd=tmp_path)
    assert path.read_bytes() == data


@pytest.mark.parametrize(
    ("instruction", "manager"),
    [("ADDIN EN.REFLIST", "EndNote"), ("ADDIN Mendeley Bibliography CSL_BIBLIOGRAPHY", "Mendeley")],
)
def test_endnote_and_mendeley_bibliographies_are_read_and_left_to_them(tmp_path, instruction, manager):
    path = build.zotero_bibliography(tmp_path / "m.docx", instruction=instruction)
    found = lint(path)
    assert by_reference(found) == {0: {"N002"}, 1: {"P001"}, 2: {"P005"}}
    assert all(f"fix it in {manager}" in d.message for d in found if d.reference >= 0)


def test_a_mendeley_content_control_holds_the_list(tmp_path):
    d = docx.Document()
    d.add_paragraph("Cited [1-5].")
    sdt = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtPr><w:tag w:val="MENDELEY_BIBLIOGRAPHY"/></w:sdtPr>'
                    "<w:sdtContent/></w:sdt>")  # fmt: skip
    content = sdt[1]
    for text in build.REFERENCES:
        p = d.add_paragraph(text)
        content.append(p._p)  # moved into the control
    d.element.body.insert(1, sdt)
    path = tmp_path / "mendeley.docx"
    d.save(path)
    found = lint(path)
    assert by_reference(found) == {0: {"N002"}, 1: {"P001"}, 2: {"P005"}}
    assert all("fix it in Mendeley" in x.message for x in found if x.reference >= 0)


def test_strict_open_xml_is_read(paper):
    data = build.members(paper)
    data["word/document.xml"] = data["word/document.xml"].replace(
        build.W.encode(), b"http://purl.oclc.org/ooxml/wordprocessingml/main"
    )
    _zip(paper, data)
    assert by_reference(lint(paper)) == {0: {"N002"}, 1: {"P001"}, 2: {"P005"}}


def test_standard_input_with_fix_writes_the_fixed_word_file(paper, tmp_path):
    result = run(["--isolated", "--fix", "-", "--stdin-filename", "paper.docx"], cwd=tmp_path,
                 stdin=paper.read_bytes())  # fmt: skip
    out = tmp_path / "out.docx"
    out.write_bytes(result.stdout)
    assert "Pharmaceutics" in "".join(p.text for p in docx.Document(out).paragraphs)


def test_track_changes_writes_revisions_an_editor_can_accept_or_reject(paper, tmp_path):
    original = build.paragraph_texts(paper)
    result = run(["--isolated", "--fix", "--track-changes", "paper.docx"], cwd=tmp_path,
                 env={"SOURCE_DATE_EPOCH": "1700000000"})  # fmt: skip
    assert result.returncode == 1
    root = etree.fromstring(build.part(paper, "word/document.xml"))
    W = build.W
    revisions = root.findall(f".//{{{W}}}del") + root.findall(f".//{{{W}}}ins")
    assert revisions and all(r.get(f"{{{W}}}author") == "refslint" for r in revisions)
    assert {r.get(f"{{{W}}}date") for r in revisions} == {"2023-11-14T22:13:20Z"}
    ids = [r.get(f"{{{W}}}id") for r in revisions]
    assert len(set(ids)) == len(ids)
    deleted = ["".join(t.text for t in r.iter(f"{{{W}}}delText")) for r in root.iter(f"{{{W}}}del")]
    assert deleted == ["–1653", "0", " "]  # the smallest change: only what the fix removes
    accepted = build.paragraph_texts(paper, accept=True)
    assert [t for t in accepted if t.startswith(("Yao", "Munoz", "Umezawa"))] == [
        build.REFERENCES[0].replace("1653–1653", "1653"),
        build.REFERENCES[1].replace("Pharm0aceutics", "Pharmaceutics"),
        build.REFERENCES[2].replace("  ", " "),
    ]
    assert build.paragraph_texts(paper, accept=False) == original
    # The kept pieces of a split run keep its formatting: the italic journal is untouched.
    assert docx.Document(paper).paragraphs  # python-docx opens it
    # Read again, the revisions count as accepted: nothing is left to fix.
    assert not [d for d in lint(paper) if d.fix is not None]


def test_a_tracked_replacement_shows_whole_words(tmp_path):
    d = docx.Document()
    d.add_heading("References", 1)
    for text in (build.REFERENCES[3], "Kim H, Lee J. Macrophages in psoriasis. IJMS. 2020;21(19):7038.",
                 build.REFERENCES[4]):  # fmt: skip
        d.add_paragraph(text, style="List Number")
    path = tmp_path / "j.docx"
    d.save(path)
    run(["--isolated", "--fix", "--track-changes", "j.docx"], cwd=tmp_path)
    root = etree.fromstring(build.part(path, "word/document.xml"))
    W = build.W
    assert ["".join(r.itertext()) for r in root.iter(f"{{{W}}}del")] == ["IJMS"]
    assert ["".join(r.itertext()) for r in root.iter(f"{{{W}}}ins")] == ["Int J Mol Sci"]


def test_add_noqa_writes_word_comments_that_suppress(paper, tmp_path):
    result = run(["--isolated", "--add-noqa", "paper.docx"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    members = build.members(paper)
    assert "word/comments.xml" in members
    assert b"comments.xml" in members["word/_rels/document.xml.rels"]
    assert b"/word/comments.xml" in members["[Content_Types].xml"]
    comments = [(c.author, c.text) for c in docx.Document(paper).comments]  # python-docx reads them
    assert ("refslint", "refslint: ignore[N002]") in comments
    assert run(["--isolated", "paper.docx"], cwd=tmp_path).returncode == 0


def test_an_unused_comment_suppression_is_reported_without_a_fix(paper, tmp_path):
    run(["--isolated", "--add-noqa", "paper.docx"], cwd=tmp_path)
    data = build.members(paper)
    data["word/comments.xml"] = data["word/comments.xml"].replace(b"ignore[N002]", b"ignore[N002, J003]")
    with zipfile.ZipFile(paper, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in data.items():
            zf.writestr(name, content)
    s001 = [d for d in lint(paper) if d.code == "S001"]
    assert len(s001) == 1 and "J003" in s001[0].message and s001[0].fix is None


def test_per_reference_ignores_use_the_numbers_word_shows(paper, tmp_path):
    (tmp_path / ".refslint.yaml").write_text('per-reference-ignores:\n  "2": [P001]\n', encoding="utf-8")
    out = run(["paper.docx"], cwd=tmp_path).stdout.decode()
    assert "P001" not in out and "N002" in out


def _zip(path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"""


def test_bad_word_files_get_a_finding_and_the_run_goes_on(paper, tmp_path):
    (tmp_path / "corrupt.docx").write_bytes(b"PK\x03\x04 not really a zip")
    _zip(tmp_path / "empty.docx", {"[Content_Types].xml": b"<Types/>"})
    _zip(tmp_path / "bomb.docx", {"word/document.xml": BOMB})
    _zip(tmp_path / "broken.docx", {"word/document.xml": b"<w:document xmlns:w='x'><w:body><w:p></w:body></w:document>"})
    with zipfile.ZipFile(tmp_path / "huge.docx", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"<" + b" " * (101 * 1024 * 1024) + b"/>")
    names = ["corrupt.docx", "empty.docx", "bomb.docx", "broken.docx", "huge.docx", "paper.docx"]
    result = run(["--isolated", *names], cwd=tmp_path)
    out = result.stdout.decode()
    assert result.returncode == 1 and "Traceback" not in result.stderr.decode()
    lines = {line.split(":")[0]: line for line in out.splitlines() if ": X001 " in line}
    assert set(lines) == set(names[:5])
    assert "damaged zip" in lines["corrupt.docx"]
    assert "no word/document.xml" in lines["empty.docx"]
    assert "expands no entities" in lines["bomb.docx"]
    assert "not well-formed" in lines["broken.docx"]
    assert "more than refslint reads" in lines["huge.docx"]
    assert "paper.docx:¶9:101: N002" in out  # and the good file is still checked


@pytest.mark.parametrize(
    "xml",
    [b"<!--" * 500_000, b"<" * 2_000_000, b"<?" * 1_000_000, b'<w:p a="' + b"x<" * 1_000_000,
     b"<w:style" * 250_000],
    ids=["comments", "angles", "instructions", "attribute", "styles"],
)  # fmt: skip
def test_hostile_xml_is_read_in_linear_time(xml):
    import time

    from refslint.decode import DecodeError
    from refslint.sources.docxpackage import read_package

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", xml)
        zf.writestr("word/styles.xml", xml)
    start = time.process_time()
    try:
        read_package(buffer.getvalue())
    except DecodeError:
        pass
    assert time.process_time() - start < 5  # about 0.1 s; a quadratic scan takes hours


def test_folders_include_word_files(paper, tmp_path):
    (tmp_path / "notes.txt").write_text("not a list\n", encoding="utf-8")
    out = run(["--isolated", "."], cwd=tmp_path).stdout.decode()
    assert "paper.docx:¶9:101: N002" in out


def test_the_write_follows_a_symlink_and_keeps_the_permissions(paper, tmp_path):
    os.chmod(paper, 0o640)
    link = tmp_path / "link.docx"
    link.symlink_to(paper)
    run(["--isolated", "--fix", "link.docx"], cwd=tmp_path)
    assert link.is_symlink() and (paper.stat().st_mode & 0o777) == 0o640
    assert "Pharmaceutics" in "".join(p.text for p in docx.Document(paper).paragraphs)


def test_diff_shows_the_paragraphs_and_writes_nothing(paper, tmp_path):
    data = paper.read_bytes()
    out = run(["--isolated", "--diff", "paper.docx"], cwd=tmp_path).stdout.decode()
    assert "-Munoz-Perez E, Gonzalez-Pujana A." in out and "+Munoz-Perez E, Gonzalez-Pujana A." in out
    assert paper.read_bytes() == data


def test_track_changes_needs_fix(paper, tmp_path):
    result = run(["--isolated", "--track-changes", "paper.docx"], cwd=tmp_path)
    assert result.returncode == 2 and b"--track-changes" in result.stderr


def _soffice(tmp_path, path, to: str):
    """LibreOffice's conversion of path (`txt:Text`, `odt`), in a folder of its own."""
    home, out = tmp_path / "lo-home", tmp_path / "out"
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{home}", "--convert-to", to,
         "--outdir", str(out), str(path)],
        capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    return out / f"{path.stem}.{to.split(':')[0]}"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_reads_the_fixed_document(paper, tmp_path):
    tracked = tmp_path / "tracked.docx"
    shutil.copy(paper, tracked)
    run(["--isolated", "--fix", "paper.docx"], cwd=tmp_path)
    run(["--isolated", "--fix", "--track-changes", "tracked.docx"], cwd=tmp_path)
    # LibreOffice takes the revisions for what they are: the three deletions (`–1653`, `0`, a
    # space) by refslint, waiting for a person to accept them.
    with zipfile.ZipFile(_soffice(tmp_path, tracked, "odt")) as zf:
        content = zf.read("content.xml").decode()
    assert content.count("<text:deletion>") == 3
    assert content.count("<dc:creator>refslint</dc:creator>") == 3
    text = _soffice(tmp_path, paper, "txt:Text").read_text(encoding="utf-8-sig")
    lines = [line.strip() for line in text.splitlines()]
    for expected in (build.REFERENCES[0].replace("1653–1653", "1653"),
                     build.REFERENCES[1].replace("Pharm0aceutics", "Pharmaceutics")):  # fmt: skip
        assert any(line.endswith(expected) for line in lines), expected
