"""The held-out benchmarks' mutations (benchmarks/mutations.py) produce what they claim: a
journal name that is no catalogue form, a truncated DOI that is a prefix of the real one, one
entry unlike the rest of its list. Small inline examples only; no corpus."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import mutations as mu

CATALOGUE = mu.Catalogue({
    "Monthly notices of the Royal Astronomical Society": "Mon Not R Astron Soc",
    "PloS one": "PLoS One",
    "FASEB journal : official publication of the Federation of American Societies for Experimental Biology":
        "FASEB J",
    "The Journal of biological chemistry": "J Biol Chem",
    "Journal of biological education": "J Biol Educ",
    "Brain informatics": "Brain Inform",
    "Cell reports": "Cell Rep",
    "Cell research": "Cell Res",
    "Cell": "Cell",
    "Seminars in immunopathology": "Semin Immunopathol",
    "Springer seminars in immunopathology": "Springer Semin Immunopathol",
    "Virology": "Virology",
    "Journal of virology": "J Virol",
})
SEEDS = range(40)


def mutations_of(name: str, kind: str) -> list[mu.JournalMutation]:
    out = [mu.mutate_journal(name, kind, random.Random(seed), CATALOGUE) for seed in SEEDS]
    return [m for m in out if m is not None]


@pytest.mark.parametrize("kind", mu.JOURNAL_KINDS)
@pytest.mark.parametrize("name", ["Mon Not R Astron Soc", "PLoS One", "FASEB J", "J Biol Chem", "Brain Inform",
                                  "Cell Rep", "Semin Immunopathol", "J Virol"])
def test_a_mutated_journal_is_no_catalogue_form(name: str, kind: str) -> None:
    for m in mutations_of(name, kind):
        assert m.original == name and m.mutated != name
        if kind == "full_title":
            assert not CATALOGUE.is_abbreviation(m.mutated)  # a full title, never an abbreviation
        elif kind == "case":
            assert m.mutated.casefold() == name.casefold() and not CATALOGUE.is_exact_form(m.mutated)
        else:
            assert not CATALOGUE.is_form(m.mutated)


@pytest.mark.parametrize("kind", ["drop_letter", "swap_letters", "double_letter"])
def test_letter_slips_are_one_edit_from_this_journal_alone(kind: str) -> None:
    for name in ("Mon Not R Astron Soc", "Cell Rep", "J Biol Chem"):
        for m in mutations_of(name, kind):
            assert CATALOGUE.near_forms(m.mutated) == {mu.fold(name)}
    # Cell Rep and Cell Res are one letter apart: no slip of one may also be one from the other.
    assert all(mu.fold("Cell Res") not in CATALOGUE.near_forms(m.mutated) for m in mutations_of("Cell Rep", kind))
    assert mutations_of("Cell", kind) == []  # too short to say which journal a slip was


def test_examples_of_the_issue() -> None:
    assert {m.mutated for m in mutations_of("Mon Not R Astron Soc", "cut_last_word")} == {"Mon Not R Astron"}
    assert mutations_of("J Biol Chem", "cut_last_word") == []  # J Biol begins two abbreviations
    assert "Plos one" in {m.mutated for m in mutations_of("PLoS One", "case")}
    assert "Faseb J" in {m.mutated for m in mutations_of("FASEB J", "case")}
    titles = {m.mutated for m in mutations_of("J Biol Chem", "full_title")}
    assert titles <= {"Journal of Biological Chemistry", "The Journal of Biological Chemistry"} and titles
    assert mutations_of("Virology", "full_title") == []  # the full title is the abbreviation
    for m in mutations_of("Brain Inform", "publisher"):
        assert m.mutated.endswith(" Brain Inform") and m.mutated[: -len(" Brain Inform")] in mu.PUBLISHERS
    # Springer Semin Immunopathol is another journal.
    assert "Springer Semin Immunopathol" not in {m.mutated for m in mutations_of("Semin Immunopathol", "publisher")}


def test_right_suggestion() -> None:
    line = "1. Doe J. A title. Springer Brain Inform. 2019;6:1."
    clean = "1. Doe J. A title. Brain Inform. 2019;6:1."
    quoting = mu.Finding("J003", "`Springer Brain Inform` is not the NLM form", 1, 20, 1, 41)
    assert not mu.right_suggestion(quoting, 1, line, clean, "Springer Brain Inform", "Brain Inform")
    fixing = mu.Finding("J003", "publisher before the journal", 1, 20, 1, 29, "drop it", [(1, 20, 1, 29, "")])
    assert mu.right_suggestion(fixing, 1, line, clean, "Springer Brain Inform", "Brain Inform")
    assert fixing.overlaps(1, len(line), (19, 40)) and not fixing.overlaps(1, len(line), (0, 5))


@pytest.mark.parametrize("doi", ["10.1371/journal.pone.0123456", "10.7554/eLife.12345",
                                 "10.3389/fimmu.2019.01234", "10.3390/ijms20123456",
                                 "10.1038/s41598-017-12345-6", "10.1186/1471-2180-11-174"])
def test_a_truncated_doi_is_a_shorter_prefix(doi: str) -> None:
    assert mu.article_number_doi(doi) is not None
    for seed in SEEDS:
        cut = mu.truncate_doi(doi, random.Random(seed))
        assert cut and cut != doi and doi.startswith(cut) and 1 <= len(doi) - len(cut) <= 3
        assert cut[-1].isalnum()


def test_only_article_number_dois_are_truncated() -> None:
    assert mu.article_number_doi("10.1038/nrmicro1460") is None
    assert mu.truncate_doi("10.1083/jcb.200510010", random.Random(1)) is None


def test_derived_dois() -> None:
    assert mu.derived_doi({"journal": "PLoS One", "fpage": "e12345"}) == "10.1371/journal.pone.0012345"
    assert mu.derived_doi({"journal": "PLoS Biol", "volume": "2", "fpage": "e116"}) == "10.1371/journal.pbio.0020116"
    assert mu.derived_doi({"journal": "PLoS Genet", "volume": "5", "fpage": "e1000345"}) == \
        "10.1371/journal.pgen.1000345"
    assert mu.derived_doi({"journal": "eLife", "fpage": "e04111"}) == "10.7554/eLife.04111"
    assert mu.derived_doi({"journal": "J Virol", "fpage": "e01234"}) == ""


def test_bad_pmids_are_not_pubmed_shaped() -> None:
    for seed in SEEDS:
        bad, _ = mu.bad_pmid(random.Random(seed))
        assert not re.fullmatch(r"\d{1,8}", bad)


# --- whole lists ----------------------------------------------------------------------------------


def entry(authors: list[tuple[str, str]], title: str, journal: str, year: str, vol: str, fpage: str, lpage: str,
          block: str, doi: str = "") -> tuple[str, dict]:
    names = ", ".join(f"{f} {g}" for f, g in authors)
    text = f"{names}. {title}. {journal}. {block}"
    if doi:
        text += f" doi:{doi}."
    fields = {"authors": [{"family": f, "given": g} for f, g in authors], "title": title, "journal": journal,
              "year": year, "volume": vol, "issue": "", "fpage": fpage, "lpage": lpage, "doi": doi, "pmid": ""}
    return text, fields


VANCOUVER = [
    entry([("Lötsch", "J"), ("Smith", "AB")], "Pain genes in mice", "J Biol Chem", "2016", "291",
          "1012", "1020", "2016;291:1012–20.", "10.1074/jbc.M115.1"),
    entry([("Doe", "J"), ("Lötsch", "J"), ("Roe", "KL")], "Another study of pain", "PLoS One", "2019", "14",
          "e0212345", "", "2019;14:e0212345.", "10.1371/journal.pone.0212345"),
    entry([("O'Brien", "P"), ("Zhang", "YB")], "Genomes of bacteria upon Borrelia", "Nature", "2012", "491",
          "56", "65", "2012;491:56–65.", "10.1038/nature11632"),
    entry([("Park", "HH")], "Signals and cells", "Cell Rep", "2018", "22", "101", "9", "2018;22:101–9."),
    entry([("Kim", "S"), ("O'Brien", "P")], "Ticks in the city", "Mon Not R Astron Soc", "2015", "450",
          "317", "26", "2015;450:317–26."),
    entry([("Brewer", "HB"), ("Lee", "C")], "Lipids and more lipids", "Brain Inform", "2017", "4", "11", "19",
          "2017;4:11–9."),
]
LANCET = [(t.replace(". 20", " 20").replace(";", "; "), f) for t, f in VANCOUVER]


def context(entries: list[tuple[str, dict]], taken: set[int] | None = None) -> mu.ListContext:
    pool = {"10.1371/journal.pone.": ["10.1371/journal.pone.0099999"]}
    return mu.make_context([mu.locate(t, f) for t, f in entries], taken, pool)


@pytest.mark.parametrize("kind", list(mu.LIST_KINDS))
@pytest.mark.parametrize("entries", [VANCOUVER, LANCET], ids=["vancouver", "lancet"])
def test_every_list_defect_changes_the_entry_and_points_inside_it(kind: str, entries: list) -> None:
    for seed in range(6):
        ctx = context(entries)
        for i in range(len(entries)):
            m = mu.LIST_KINDS[kind](ctx, i, random.Random(seed))
            if m is None:
                continue
            assert m.text != entries[i][0]
            assert 0 <= m.span[0] < m.span[1] <= len(m.text)
            for j, (s, e) in m.partners:
                assert j != i and 0 <= s < e <= len(entries[j][0])


def apply(kind: str, entries: list, i: int, seed: int = 1, taken: set[int] | None = None) -> mu.Mutation | None:
    return mu.LIST_KINDS[kind](context(entries, taken), i, random.Random(seed))


def test_pubmed_residue() -> None:
    m = apply("month_day", VANCOUVER, 3)
    assert m and re.search(r"2018 [A-Z][a-z]{2}(?:–[A-Z][a-z]{2}| \d{1,2})?;22:101–9", m.text)
    assert m.text[m.span[0]:m.span[1]].startswith("2018 ")
    m = apply("pubmed_pmcid", VANCOUVER, 3)
    assert m and re.search(r"101–9\. PubMed PMID: \d+; PubMed Central PMCID: PMC\d+\.$", m.text)
    residue = [(t + " PMID: 123.", f) for t, f in VANCOUVER]
    assert apply("pmid", residue, 3) is None  # the list already has PMIDs: nothing odd about one more


def test_one_entry_unlike_the_list() -> None:
    m = apply("dash", VANCOUVER, 3)
    assert m and "2018;22:101-9." in m.text
    m = apply("semicolon_space", VANCOUVER, 3)
    assert m and "2018; 22:101–9." in m.text
    m = apply("semicolon_space", LANCET, 3)
    assert m and "Cell Rep 2018;22:101–9." in m.text
    assert apply("journal_period", VANCOUVER, 3) is None  # every journal has its period already
    m = apply("journal_period", LANCET, 3)
    assert m and "Cell Rep. 2018; 22" in m.text
    m = apply("doi_prefix", VANCOUVER, 0)
    assert m and "doi:10.1074" not in m.text and "10.1074/jbc.M115.1" in m.text


def test_identifiers() -> None:
    m = apply("doi_truncated", VANCOUVER, 1)
    assert m and "journal.pone.0212345" not in m.text
    cut = m.text[m.span[0]:m.span[1]]
    assert "10.1371/journal.pone.0212345".startswith(cut) and cut != "10.1371/journal.pone.0212345"
    assert apply("doi_truncated", VANCOUVER, 0) is None  # the DOI says no article number
    m = apply("doi_other", VANCOUVER, 1)
    assert m and "10.1371/journal.pone.0099999" in m.text
    m = apply("doi_label_doubled", VANCOUVER, 2)
    assert m and "doi: doi:10.1038/nature11632" in m.text
    m = apply("doi_space", VANCOUVER, 2)
    assert m and " " in m.text[m.span[0]:m.span[1]] and m.text[m.span[0]:m.span[1]].replace(" ", "") == \
        "10.1038/nature11632"


def test_authors() -> None:
    m = apply("author_accent", VANCOUVER, 1)  # Lötsch J is also an author of entry 0
    assert m and m.text.startswith("Doe J, Lotsch J, Roe KL.") and m.partners[0][0] == 0
    m = apply("author_apostrophe", VANCOUVER, 4)  # O'Brien P also wrote entry 2
    assert m and "Kim S, OBrien P." in m.text and m.partners[0][0] == 2
    assert apply("author_apostrophe", VANCOUVER, 4, taken={2}) is None  # the partner must stay untouched
    m = apply("and_before_last", VANCOUVER, 1)
    assert m and m.text.startswith("Doe J, Lötsch J, and Roe KL.")
    m = apply("hyphen_initials", VANCOUVER, 2)
    assert m and "Zhang Y-B." in m.text
    m = apply("suffix_comma", VANCOUVER, 3)
    assert m and m.text.startswith("Park HH, Jr. Signals")
    m = apply("no_initials", VANCOUVER, 3)
    assert m and m.text.startswith("Park. Signals")


def test_glued_and_missing() -> None:
    m = apply("glued_title", VANCOUVER, 2)
    assert m and m.text[m.span[0]:m.span[1]] in {"Genomesof", "ofbacteria", "bacteriaupon", "uponBorrelia"}
    m = apply("first_page_only", VANCOUVER, 3)
    assert m and m.text.endswith("2018;22:101.")
    m = apply("missing_volume", VANCOUVER, 3)
    assert m and m.text.endswith("2018:101–9.")
    m = apply("future_year", VANCOUVER, 3)
    assert m and int(re.search(r"(\d{4});22", m.text).group(1)) >= 2028
    m = apply("html_entity", VANCOUVER, 3)
    assert m and "Signals &amp; cells" in m.text
