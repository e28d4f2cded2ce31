"""One reference list in every format (tests/fixtures/manuscripts, built by
scripts/build_manuscript_fixtures.py from PLOS Biol journal.pbio.1000359, CC BY 4.0): each
format gives the plain list's findings at the right positions, the citation cross-check finds
every injected problem, and --fix leaves the rest of the document byte for byte."""

from __future__ import annotations

import difflib
import shutil
from collections import defaultdict

import pytest

from refslint.api import lint_document, lint_text, read_document
from refslint.config import build_config
from refslint.model import Source
from refslint.sources import markdown, plaintext, texmarkup

from .conftest import FIXTURES, run

HERE = FIXTURES / "manuscripts"
CLEANERS = {"md": markdown.clean, "tex": texmarkup.clean}


def lint(name: str, **kwargs):
    path = HERE / name
    return lint_text(path.read_text(encoding="utf-8"), str(path), build_config(isolated=True, **kwargs))


def by_reference(diagnostics) -> dict[int, set[str]]:
    found: dict[int, set[str]] = defaultdict(set)
    for d in diagnostics:
        if d.reference >= 0 and d.code[0] not in "BCS":
            found[d.reference].add(d.code)
    return dict(found)


def plain_findings():
    return lint("references.txt")


@pytest.mark.parametrize("name", ["manuscript.md", "manuscript.tex"])
def test_manuscript_has_the_plain_lists_findings_at_the_same_text(name):
    plain = plain_findings()
    plain_text = (HERE / "references.txt").read_text(encoding="utf-8")
    found = lint(name)
    assert by_reference(found) == by_reference(plain)
    text = (HERE / name).read_text(encoding="utf-8")
    clean = CLEANERS[name.rsplit(".", 1)[1]]
    expected = {(d.reference, d.code): plain_text[d.span.start : d.span.end] for d in plain}
    for d in found:
        if d.code[0] in "BCS":
            continue
        at = " ".join(clean(text, d.span.start, d.span.end).text.split())
        assert at == " ".join(expected[(d.reference, d.code)].split()), (d.code, at)


def test_plain_list_findings_are_the_injected_ones():
    assert by_reference(plain_findings()) == {
        2: {"P001"},
        4: {"E001"},
        7: {"N002"},
        13: {"P005"},
        # The source records' own slips (A004): `Gomez-Consarnau L` beside `Gómez-Consarnau L`,
        # `Beja O` beside `Béjà O`.
        21: {"A004"},
        24: {"A004", "D001"},
    }


def test_bibtex_has_the_plain_lists_findings_where_they_apply():
    plain = by_reference(plain_findings())
    from refslint.checks import by_code

    rules = by_code()
    expected = {i: {c for c in codes if "bibtex" in rules[c].formats} for i, codes in plain.items()}
    expected = {i: c for i, c in expected.items() if c}
    found = lint("references.bib")
    assert by_reference(found) == expected
    # The repeated citation block is debris inside the journal field, at its exact position.
    debris = [d for d in found if d.code == "B003"]
    text = (HERE / "references.bib").read_text(encoding="utf-8")
    assert [text[d.span.start : d.span.end] for d in debris] == [". 2002;415:590--1"]
    assert debris[0].reference == 4


def positions(name: str, code_prefix: str = "C") -> list[tuple[str, str]]:
    path = HERE / name
    text = path.read_text(encoding="utf-8")
    out = []
    for d in lint(name):
        if d.code.startswith(code_prefix) and d.path == str(path):
            out.append((d.code, text[d.span.start : d.span.end]))
    return out


def test_cross_check_finds_every_injected_citation_problem_in_markdown():
    assert positions("manuscript.md") == [
        ("C003", "8"),  # first cited before 7
        ("C002", "26"),  # past the end of the list
        ("C001", "23."),  # never cited
    ]


def test_cross_check_in_latex_uses_bibitem_keys_and_ignores_comments():
    assert positions("manuscript.tex") == [
        ("C003", "venter2004"),
        ("C002", "nosuchkey2020"),
        ("C001", "mccarren2007"),
    ]


def test_pandoc_keys_are_checked_against_the_bib_the_front_matter_names():
    path = HERE / "pandoc.md"
    result = lint_document(read_document(Source(str(path), path.read_text())), build_config(isolated=True))
    found = result.diagnostics + [d for other in result.companions for d in other.diagnostics]
    bib = str(HERE / "references.bib")
    assert [(d.code, d.path == bib) for d in found] == [("C002", False), ("C001", True)]
    bib_text = (HERE / "references.bib").read_text(encoding="utf-8")
    uncited = found[1]
    assert bib_text[uncited.span.start : uncited.span.end] == "mccarren2007"


def test_bib_named_by_the_manuscript_is_read_even_when_only_the_manuscript_is_linted(tmp_path):
    for name in ("pandoc.md", "references.bib"):
        shutil.copy(HERE / name, tmp_path / name)
    result = run(["--isolated", "pandoc.md"], cwd=tmp_path)
    assert result.returncode == 1
    out = result.stdout.decode()
    assert "pandoc.md:6:" in out and "C002" in out
    assert "references.bib:201:10: C001 `mccarren2007` is never cited" in out


def test_missing_bibliography_is_reported(tmp_path):
    (tmp_path / "paper.md").write_text("---\nbibliography: gone.bib\n---\n\nAs shown [@smith2019].\n")
    result = run(["--isolated", "paper.md"], cwd=tmp_path)
    assert result.returncode == 1
    assert "C002 the bibliography `gone.bib` this manuscript names does not exist" in result.stdout.decode()


def _changed_regions(before: str, after: str) -> list[tuple[int, int]]:
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return [(i1, i2) for tag, i1, i2, _j1, _j2 in matcher.get_opcodes() if tag != "equal"]


@pytest.mark.parametrize("name", ["manuscript.md", "manuscript.tex", "references.bib"])
def test_fix_edits_only_inside_entries_and_keeps_the_document(tmp_path, name):
    target = tmp_path / name
    shutil.copy(HERE / name, target)
    before = target.read_text(encoding="utf-8")
    result = run(["--isolated", "--fix", name], cwd=tmp_path)
    assert result.returncode == 1  # problems without a fix remain
    after = target.read_text(encoding="utf-8")
    assert after != before
    doc = read_document(Source(name, before))
    regions = _changed_regions(before, after)
    assert regions
    for start, end in regions:
        assert any(s.start <= start and end <= s.end for s in doc.entry_spans), before[start - 20 : end + 20]
    # Fixing again changes nothing.
    run(["--isolated", "--fix", name], cwd=tmp_path)
    assert target.read_text(encoding="utf-8") == after


def test_fixed_manuscript_entries_read_like_the_fixed_plain_list(tmp_path):
    for name in ("references.txt", "manuscript.md", "manuscript.tex"):
        shutil.copy(HERE / name, tmp_path / name)
    run(["--isolated", "--fix", "references.txt", "manuscript.md", "manuscript.tex"], cwd=tmp_path)
    plain = [e.text for e in plaintext.entries((tmp_path / "references.txt").read_text())]
    for name in ("manuscript.md", "manuscript.tex"):
        doc = read_document(Source(name, (tmp_path / name).read_text()))
        assert [" ".join(e.text.split()) for e in doc.entries] == [" ".join(t.split()) for t in plain]


def test_unsafe_fix_merges_a_duplicate_and_renumbers_markdown_citations(tmp_path):
    target = tmp_path / "manuscript.md"
    shutil.copy(HERE / "manuscript.md", target)
    run(["--isolated", "--fix", "--unsafe-fixes", "--select", "D001", "manuscript.md"], cwd=tmp_path)
    text = target.read_text(encoding="utf-8")
    intro = text.split("## References")[0]
    assert "shared ancestry [24], and in SAR86 [4], among others [25]." in intro
    assert "\n25. " not in text and "\n24. Sabehi G" in text
    found = lint_text(text, "manuscript.md", build_config(isolated=True))
    assert "D001" not in {d.code for d in found}


def test_unsafe_fix_merges_a_duplicate_bibitem_and_its_citations(tmp_path):
    target = tmp_path / "manuscript.tex"
    shutil.copy(HERE / "manuscript.tex", target)
    run(["--isolated", "--fix", "--unsafe-fixes", "--select", "D001", "manuscript.tex"], cwd=tmp_path)
    text = target.read_text(encoding="utf-8")
    assert "beja2001b" not in text
    assert "and in SAR86 \\cite{beja2001}" in text
