"""The grammar and the refinement: fields with exact spans, on real references."""

from __future__ import annotations

import json

import pytest

from refslint.api import references

from .conftest import FIXTURES

GOLD = [json.loads(line) for line in (FIXTURES / "plos-gold.jsonl").read_text("utf-8").splitlines()]


def one(text: str):
    [ref] = references(text)
    return ref


def value(ref, name):
    f = ref.get(name)
    return f.value if f else None


@pytest.mark.parametrize("rec", GOLD, ids=[r["id"] for r in GOLD])
def test_printed_plos_references_yield_their_gold_fields(rec):
    ref = one(rec["original"])
    assert value(ref, "journal") == rec["journal"]
    assert value(ref, "year")[:4] == rec["year"]
    assert value(ref, "volume") == rec["volume"]
    assert value(ref, "pages").startswith(rec["fpage"])


def test_field_spans_point_at_their_exact_text():
    text = "Park H. H, Lee S, et al. TGF-β secreted by cells. Stem Cells. 2020;38(7):904–916. doi:10.1/x"
    ref = one(text)
    for f in ref.fields.values():
        assert text[f.span.start : f.span.end] == f.value
    assert value(ref, "title") == "TGF-β secreted by cells"
    assert value(ref, "journal") == "Stem Cells"
    assert (value(ref, "year"), value(ref, "volume"), value(ref, "issue"), value(ref, "pages")) == (
        "2020", "38", "7", "904–916")
    assert [a.text for a in ref.authors] == ["Park H. H", "Lee S"] and ref.et_al is not None
    assert ref.trailers[0].value == "doi:10.1/x"


@pytest.mark.parametrize(
    ("text", "journal", "volume", "issue", "pages"),
    [
        ("Smith J. Some title. Am J Physiol. 1989;256(4 Pt 2):H1060-5.", "Am J Physiol", "256", "4 Pt 2", "H1060-5"),
        ("Smith J. Some title. Ann Oncol. 2010;21 Suppl 7:vii43-8.", "Ann Oncol", "21 Suppl 7", None, "vii43-8"),
        ("Smith J. Some title. PLoS One. 2017;12(3):e0171712.", "PLoS One", "12", "3", "e0171712"),
        ("Smith J. Some title. Arthritis Res Ther. 2010;12(4):R149.", "Arthritis Res Ther", "12", "4", "R149"),
        ("Smith J. Some title. Science 1999; 286:771-774.", "Science", "286", None, "771-774"),
        ("Smith J. Some title. Nature. 2004 Jan 12;428(6983):664-8.", "Nature", "428", "6983", "664-8"),
        ("Smith J. Some title. Mol. Cell. Toxicol. 2017;13(2):133–141.", "Mol. Cell. Toxicol", "13", "2", "133–141"),
        ("Smith J. Some title. J Gen Intern Med. 2007;:45–8.", "J Gen Intern Med", None, None, "45–8"),
    ],
)
def test_citation_blocks_of_nlm_forms(text, journal, volume, issue, pages):
    ref = one(text)
    assert (value(ref, "journal"), value(ref, "volume"), value(ref, "issue"), value(ref, "pages")) == (
        journal, volume, issue, pages)


def test_author_year_style_as_plos_prints_it():
    ref = one("Prescott DM (1994) The DNA of ciliated protozoa. Microbiol Rev 58: 233–267.")
    assert ref.style == "author_paren"
    assert (value(ref, "year"), value(ref, "journal"), value(ref, "volume"), value(ref, "pages")) == (
        "1994", "Microbiol Rev", "58", "233–267")
    assert value(ref, "title") == "The DNA of ciliated protozoa"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Ross KA. Elementary analysis. 2nd ed. New York: Springer; 1980.", "book"),
        ("Smith J. Stem cells. In: Jones K, editors. Cell therapy. Berlin: Springer; 2010. p. 1-20.", "chapter"),
        ("World Health Organization. Global report [Internet]. Geneva: WHO; 2020 [cited 2021 Jan 5]. "
         "Available from: https://www.who.int/x.html", "web"),
        ("Smith J. Stem cells in mice [dissertation]. Boston: Harvard University; 2001.", "thesis"),
        ("Umezawa Y. Psoriatic arthritis. J Dermatol. 2021;48(6):741-9.", "journal"),
    ],
)
def test_books_chapters_and_web_pages_are_recognised(text, kind):
    assert one(text).kind == kind


def test_export_debris_is_kept_after_the_citation_block():
    ref = one("Smith J. Some title. Nature. 2004;428(6983):664–668. 2004;428:664–668.")
    assert value(ref, "pages") == "664–668"
    assert [e.value for e in ref.extras] == ["2004;428:664–668."]


def test_unparseable_text_keeps_its_raw_span():
    ref = one("1. ((((( ;;;; ))))) 2001")
    assert ref.raw == "((((( ;;;; ))))) 2001"
