"""Markdown, LaTeX and BibTeX as users write them: markup around fields, positions in the
original file, code blocks and comments ignored, BibTeX syntax and its field rules.

References are real (PLOS, CC BY 4.0; see fixtures/SOURCES.md); the markup is added."""

from __future__ import annotations

import pytest

from refslint.api import lint_text, read_document
from refslint.config import build_config
from refslint.model import Source

from .conftest import run

REF_A = "Umezawa Y. Psoriatic arthritis. J Dermatol. 2021;48(6):741-9."
REF_B = "Ritchlin CT, Colbert RA, Gladman DD. Psoriatic arthritis. N Engl J Med. 2017;376(10):957-70."
REF_C = (
    "Ogdie A, Weiss P. The epidemiology of psoriatic arthritis. Rheum Dis Clin North Am. 2015;41(4):545-68."
)


def found(text: str, path: str, **kwargs) -> list[tuple[str, str]]:
    """(code, file text at the finding) pairs."""
    config = build_config(isolated=True, **kwargs)
    return [(d.code, text[d.span.start : d.span.end]) for d in lint_text(text, path, config)]


def entries(text: str, path: str) -> list[str]:
    return [e.text for e in read_document(Source(path, text)).entries]


# --- Markdown ---------------------------------------------------------------------------------


def test_markdown_markup_is_read_through_and_positions_point_into_the_file():
    text = (
        "# Paper\n\nSome text.\n\n## References\n\n"
        "1. Umezawa Y. Psoriatic  arthritis. *J Dermatol*. 2021;48(6):741-9.\n"
        "2. Ritchlin CT, Colbert RA, Gladman DD. **Psoriatic arthritis**. "
        "[N Engl J Med](https://www.nejm.org/). 2017;376(10):957-70. <https://doi.org/10.1056/NEJMra1505557>\n"
        "3. Ogdie A, Weiss P. The epidemiology of psoriatic arthritis. _Rheum Dis Clin North Am_. "
        "2015;41(4):545&ndash;68.\n"
    )
    assert entries(text, "paper.md") == [
        "Umezawa Y. Psoriatic  arthritis. J Dermatol. 2021;48(6):741-9.",
        "Ritchlin CT, Colbert RA, Gladman DD. Psoriatic arthritis. N Engl J Med. 2017;376(10):957-70. "
        "https://doi.org/10.1056/NEJMra1505557",
        "Ogdie A, Weiss P. The epidemiology of psoriatic arthritis. Rheum Dis Clin North Am. 2015;41(4):545–68.",
    ]
    assert ("P005", "  ") in found(text, "paper.md")


def test_markdown_without_a_reference_section_gives_nothing():
    text = "# Notes\n\n- Umezawa Y. Psoriatic  arthritis. J Dermatol. 2021;48(6):741-9.\n"
    assert found(text, "README.md") == []


@pytest.mark.parametrize("heading", ["## References", "# Bibliography", "Literature cited\n----------------"])
def test_markdown_reference_headings(heading):
    text = (
        f"Intro.\n\n{heading}\n\n- {REF_A.replace('  ', ' ').replace('arthritis', 'arthr1tis')}\n- {REF_B}\n"
    )
    assert [c for c, _ in found(text, "paper.md")] == ["P001"]


def test_markdown_section_ends_at_the_next_heading_and_code_blocks_are_skipped():
    text = (
        "## References\n\n[1] " + REF_A + "\n[2] " + REF_B + "\n\n"
        "```\n[3] Smith  J. Not linted. J Dermatol. 2021;48:741-9.\n```\n\n"
        "## Appendix\n\n- Smith  J. Not a reference list. J Dermatol. 2021;48:741-9.\n"
    )
    assert entries(text, "paper.md") == [REF_A, REF_B]
    assert found(text, "paper.md") == []


def test_markdown_front_matter_and_comments_are_not_references_or_citations():
    text = (
        "---\ntitle: A [1] paper\n---\n\n<!-- see [7] -->\nAs shown [1, 2].\n\n## References\n\n"
        f"1. {REF_A}\n2. {REF_B}\n"
    )
    assert found(text, "paper.md") == []


def test_markdown_citation_forms():
    text = (
        "One [1], ranges [2-3] and [4–5], lists [1, 3], superscripts ^6^ and <sup>7</sup>; "
        "a link [8](http://example.org) and an image ![9](x.png) are not citations.\n\n## References\n\n"
        + "".join(f"{i}. {ref}\n" for i, ref in enumerate([REF_A, REF_B, REF_C] * 2 + [REF_A], 1))
    )
    doc = read_document(Source("paper.md", text))
    assert [c.labels for c in doc.citations] == [("1",), ("2", "3"), ("4", "5"), ("1", "3"), ("6",), ("7",)]


def test_markdown_numbered_list_with_wrapped_items_and_blank_lines():
    text = (
        "## References\n\n1. Umezawa Y. Psoriatic arthritis.\n   J Dermatol. 2021;48(6):741-9.\n\n2. "
        + REF_B
        + "\n"
    )
    assert [" ".join(e.split()) for e in entries(text, "paper.md")] == [REF_A, REF_B]


# --- LaTeX ------------------------------------------------------------------------------------


def test_latex_markup_accents_and_dashes_are_understood():
    text = (
        "\\begin{thebibliography}{9}\n"
        "\\bibitem{rappe2002} Rapp\\'{e} MS, Connon SA, Vergin KL, Giovannoni SJ.\n"
        "  \\newblock Cultivation of the ubiquitous {SAR11} marine bacterioplankton clade.\n"
        "  \\newblock {\\em Nature}. 2002;418:630--3. \\url{https://doi.org/10.1038/nature00917}\n"
        "\\bibitem[G\\\"unther(2008)]{gonzalez2008} Gonz\\'alez JM, Fern\\`andez~A. Genome analysis.\n"
        "  \\textit{Proc Natl Acad Sci U S A}. 2008;105:8724--9. % checked\n"
        "\\end{thebibliography}\n"
    )
    assert [" ".join(e.split()) for e in entries(text, "paper.tex")] == [
        "Rappé MS, Connon SA, Vergin KL, Giovannoni SJ. Cultivation of the ubiquitous SAR11 marine "
        "bacterioplankton clade. Nature. 2002;418:630–3. https://doi.org/10.1038/nature00917",
        "González JM, Fernàndez A. Genome analysis. Proc Natl Acad Sci U S A. 2008;105:8724–9.",
    ]


def test_latex_positions_and_fix_keep_the_markup(tmp_path):
    text = (
        "\\begin{thebibliography}{9}\n"
        "\\bibitem{a} Umezawa Y. Psoriatic  arthritis. \\textit{J Dermatol}. 2021;48(6):741--9.\n"
        "\\bibitem{b} Ritchlin CT, Colbert RA. Psoriatic arthritis. \\textit{Pharm0aceutics}. 2017;376:957--70.\n"
        "\\end{thebibliography}\n"
    )
    assert found(text, "paper.tex") == [("P005", "  "), ("P001", "Pharm0aceutics")]
    (tmp_path / "paper.tex").write_text(text)
    run(["--isolated", "--fix", "paper.tex"], cwd=tmp_path)
    assert (tmp_path / "paper.tex").read_text() == text.replace("  arthritis", " arthritis").replace(
        "Pharm0aceutics", "Pharmaceutics"
    )


def test_latex_fix_writes_dashes_the_tex_way(tmp_path):
    lines = [f"\\bibitem{{r{i}}} {ref}" for i, ref in enumerate([REF_A, REF_B, REF_C])]
    lines[0] = lines[0].replace("741-9", "741--741")
    text = "\\begin{thebibliography}{9}\n" + "\n".join(lines) + "\n\\end{thebibliography}\n"
    (tmp_path / "p.tex").write_text(text)
    run(["--isolated", "--fix", "p.tex"], cwd=tmp_path)
    assert "2021;48(6):741.\n" in (tmp_path / "p.tex").read_text()


def test_bbl_file_is_read_as_latex():
    text = "\\begin{thebibliography}{1}\n\\bibitem{a}\nUmezawa Y. Psoriatic arthritis.\n\\newblock {\\em J Dermatol}, 2021;48(6):741-9.\n\\end{thebibliography}\n"
    assert len(entries(text, "paper.bbl")) == 1


def test_latex_citations_nocite_and_duplicate_bibitem_keys():
    body = "".join(
        f"\\bibitem{{{k}}} {ref}\n" for k, ref in zip(["a", "b", "A"], [REF_A, REF_B, REF_C], strict=True)
    )
    text = f"See \\citep[p.~3]{{a}} and \\citet{{b,c}}.\n\\begin{{thebibliography}}{{9}}\n{body}\\end{{thebibliography}}\n"
    assert [c for c, _ in found(text, "p.tex")] == ["C002", "B002", "C001"]
    everything = text.replace("See", "\\nocite{*}See")
    assert [c for c, _ in found(everything, "p.tex")] == ["C002", "B002"]


# --- BibTeX -----------------------------------------------------------------------------------

BIB = """% My library
@string{jd = "J Dermatol"}

@article{umezawa2021,
  author = {Umezawa, Yoshinori},
  title = {Psoriatic  arthritis},
  journal = jd,
  year = 2021, volume = {48}, number = {6},
  pages = {741--749},
}

Free text between entries is a comment.

@Article(ritchlin2017,
  author = "Ritchlin, Christopher T. and Colbert, Robert A. and Gladman, Dafna D.",
  title = "{Psoriatic} arthritis",
  journal = {Pharm0aceutics},
  year = {2017}, volume = 376, number = 10, pages = {957--970})
"""


def test_bibtex_entries_render_and_findings_point_into_fields():
    assert entries(BIB, "refs.bib") == [
        "Umezawa Y. Psoriatic  arthritis. J Dermatol. 2021;48(6):741–749.",
        "Ritchlin CT, Colbert RA, Gladman DD. Psoriatic arthritis. Pharm0aceutics. 2017;376(10):957–970.",
    ]
    assert found(BIB, "refs.bib") == [("P005", "  "), ("P001", "Pharm0aceutics")]


def test_bibtex_fix_edits_only_inside_fields(tmp_path):
    (tmp_path / "refs.bib").write_text(BIB)
    assert run(["--isolated", "--fix", "refs.bib"], cwd=tmp_path).returncode == 0
    assert (tmp_path / "refs.bib").read_text() == BIB.replace(
        "Psoriatic  arthritis", "Psoriatic arthritis"
    ).replace("Pharm0aceutics", "Pharmaceutics")


def test_bibtex_field_rules():
    text = """@article{a, author = {Kim, H.}, title = {T}, journal = {IJMS. 2020;21(19):7038},
  year = 2020, volume = {21(19)}, pages = {pp. 7038}}
@article{A, author = {Lee, J.}, title = {U}, year = {2019;4}, title = {V}}
"""
    assert found(text, "refs.bib", select=["B"]) == [
        ("B003", ". 2020;21(19):7038"),
        ("B003", "21(19)"),
        ("B003", "pp. "),
        ("B001", "A"),
        ("B002", "A"),
        ("B003", "2019;4"),
        ("B004", "title"),
    ]


def test_bibtex_required_fields_are_configurable(tmp_path):
    (tmp_path / "refs.bib").write_text(
        "@article{a, author = {Kim, H.}, title = {T}, journal = {J}, year = 2020}\n"
    )
    (tmp_path / ".refslint.yaml").write_text(
        "rules:\n  B001:\n    required: {article: [author, title, journal, year, volume, pages|eid]}\n"
    )
    out = run(["refs.bib"], cwd=tmp_path).stdout.decode()
    assert "B001 @article `a` has no `volume`" in out and "has no `pages` or `eid`" in out


def test_bibtex_syntax_error_is_reported_and_the_rest_is_still_linted():
    text = "@article{a, title = {Unclosed, year = 2019}\n\n@article{b, author = {Kim, H.}, title = {Pharm0aceutics}}\n"
    codes = [c for c, _ in found(text, "refs.bib")]
    assert "B005" in codes and "P001" in codes


@pytest.mark.parametrize(
    "text",
    ["", "@", "@article", "@article{", "}}}}", "@string{x = }", "% only a comment\n", "@comment{a {b} c}"],
)
def test_broken_bibtex_never_crashes(text, tmp_path):
    (tmp_path / "x.bib").write_text(text)
    result = run(["--isolated", "x.bib"], cwd=tmp_path)
    assert result.returncode in (0, 1)
    assert b"Traceback" not in result.stderr


def test_input_format_overrides_the_extension(tmp_path):
    (tmp_path / "refs.txt").write_text(BIB)
    out = run(["--isolated", "--input-format", "bibtex", "refs.txt"], cwd=tmp_path).stdout.decode()
    assert "P001" in out
    md = "## References\n\n1. " + REF_A.replace("arthritis", "arthr1tis") + "\n"
    result = run(["--isolated", "--stdin-filename", "paper.md", "-"], cwd=tmp_path, stdin=md.encode())
    assert "paper.md:3:" in result.stdout.decode()


def test_folders_are_walked_for_manuscripts(tmp_path):
    (tmp_path / "paper.md").write_text(
        "## References\n\n1. " + REF_A.replace("arthritis", "arthr1tis") + "\n"
    )
    (tmp_path / "refs.bib").write_text(BIB)
    (tmp_path / "README.md").write_text("# Project\n\nNothing to see.\n")
    out = run(["--isolated", "."], cwd=tmp_path).stdout.decode()
    assert "paper.md:3:" in out and "refs.bib:" in out and "README" not in out


def test_latex_list_kept_in_an_input_file_is_read_for_the_cross_check(tmp_path):
    items = "".join(f"\\bibitem{{{k}}} {ref}\n" for k, ref in zip(["a", "b"], [REF_A, REF_B], strict=True))
    (tmp_path / "refs.tex").write_text(f"\\begin{{thebibliography}}{{9}}\n{items}\\end{{thebibliography}}\n")
    (tmp_path / "paper.tex").write_text("As shown \\cite{a,c}.\n\\input{refs}\n")
    out = run(["--isolated", "paper.tex"], cwd=tmp_path).stdout.decode()
    assert "paper.tex:1:18: C002 cites key c" in out
    assert "refs.tex:3:10: C001 `b` is never cited" in out
