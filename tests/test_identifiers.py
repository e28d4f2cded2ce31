"""I rules (identifiers) and D001 on DOIs: the examples of issue 13, each with its expected
finding, position, message and fixed text, and the look-alikes that must stay quiet."""

from __future__ import annotations

import pytest

from refslint.api import lint_text
from refslint.config import build_config
from refslint.fix import apply_edits

CONFIG = build_config(isolated=True)

# Three references that make a list's majority (DOIs written `doi:`), for the list rules.
CELL = "Ng T, Ho P. Metabolic control of T cells. Cell. 2017;32(2):238-52. doi:10.1016/j.cell.2017.01.001."
DERM = "Umezawa Y. Psoriatic arthritis. J Dermatol. 2021;48(6):741-9. doi:10.1111/1346-8138.15889."
IMMUNOL = "Han S. The acute respiratory distress syndrome. J Immunol. 2015;194(3):855-60. doi:10.4049/jimmunol.1402513."


def lint(*refs: str, code: str | None = None, **options):
    text = "".join(f"{i}. {r}\n" for i, r in enumerate(refs, 1))
    config = build_config(isolated=True, **options) if options else CONFIG
    found = [d for d in lint_text(text, "list.txt", config) if code is None or d.code == code]
    return text, found


def one(ref: str, code: str):
    """The single finding of `code` on a reference, with the text it covers and the fixed line."""
    text, found = lint(ref, code=code)
    assert len(found) == 1, [(d.code, d.message) for d in found]
    d = found[0]
    fixed = apply_edits(text, list(d.fix.edits)).split(". ", 1)[1].rstrip("\n") if d.fix else None
    return d, text[d.span.start : d.span.end], fixed


# --- I001 doubled prefix ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("doi", "covered", "fixed"),
    [
        ("doi: doi:10.1016/j.cell.2017.01.001.", "doi: doi:", "doi:10.1016/j.cell.2017.01.001."),
        (
            "https://doi.org/https://doi.org/10.1016/j.cell.2017.01.001",
            "https://doi.org/https://doi.org/",
            "https://doi.org/10.1016/j.cell.2017.01.001",
        ),
        ("doi:https://doi.org/10.1016/j.cell.2017.01.001", "doi:https://doi.org/", "https://doi.org/10.1016/j.cell.2017.01.001"),
        ("https://doi.org/doi:10.1016/j.cell.2017.01.001", "https://doi.org/doi:", "https://doi.org/10.1016/j.cell.2017.01.001"),
    ],
)
def test_doubled_prefix_is_reported_and_the_extra_prefix_removed(doi, covered, fixed):
    head = "Ng T, Ho P. Metabolic control of T cells. Cell. 2017;32(2):238-52. "
    d, text, after = one(head + doi, "I001")
    assert text == covered
    assert d.message == f"DOI prefix written twice: `{covered.strip()}`"
    assert d.fix.applicability == "safe"
    assert after == head + fixed


# --- I002 spaces ------------------------------------------------------------------------------


def test_space_after_the_slash_is_removed():
    d, text, fixed = one(CELL.replace("10.1016/j", "10.1016/ j"), "I002")
    assert text == "10.1016/ "
    assert d.message == "space inside the DOI `10.1016/ j.cell.2017.`: a DOI has no spaces"
    assert fixed == CELL


@pytest.mark.parametrize(
    ("tail", "covered"),
    [
        ("doi:10.1371/journal.pbio. 1001425", "10.1371/journal.pbio. 1001425"),
        ("doi:10.1016/j. memsci.2011.11.020.", "10.1016/j. memsci.2011.11.020"),
        ("doi:10.1016/S0045- 6535(00)00505-1.", "10.1016/S0045- 6535(00)00505-1"),
        ("doi:10.1038/nature 03354. PubMed: 15744310.", "10.1038/nature 03354"),  # before another identifier
        ("doi: 10.1146/annurev. publhealth.19.1.203 .", "10.1146/annurev. publhealth.19.1.203"),
        ("doi: 10.1016/j.preteyeres.2009. 05.002", "10.1016/j.preteyeres.2009. 05.002"),
        ("doi:10.1103/PhysRevD.7. 2333.", "10.1103/PhysRevD.7. 2333"),  # a number, but no year
    ],
)
def test_real_spaces_inside_dois(tail, covered):
    d, text, fixed = one("Ng T, Ho P. Metabolic control of T cells. Cell. 2017;32(2):238-52. " + tail, "I002")
    assert text == covered
    assert d.message == f"space inside the DOI `{covered}`: a DOI has no spaces"
    assert fixed is None


def test_space_inside_the_suffix_is_reported_without_a_fix():
    ref = "Kim H. Air pollution and asthma. Int J Environ Res Public Health. 2021;18(6):3432. doi:10.3390/ijerph 18063432"
    d, text, fixed = one(ref, "I002")
    assert text == "10.3390/ijerph 18063432"
    assert d.message == "space inside the DOI `10.3390/ijerph 18063432`: a DOI has no spaces"
    assert fixed is None


@pytest.mark.parametrize(
    "tail",
    [
        "doi:10.1016/j.cell.2017.01.001 (2017).",  # a year after the DOI
        "doi:10.1016/j.cell.2017.01.001. 28157385.",  # a PMID-like number after its period
        "doi:10.1016/j.cell.2017.01.001. PMID: 28157385.",
        "doi:10.1016/j.cell.2017.01.001. Epub 2017 Feb 2.",
        "doi:10.1016/j.cell.2017.01.001. 2017.",
        "doi:10.1016/j.cell.2017.01.001. ISBN 978-3-16-148410-0.",
        "doi:10.1016/j.cell.2017.01.001. URL http://www.ncbi.nlm.nih.gov/pubmed/25023516.",
    ],
)
def test_what_follows_a_doi_is_not_a_space_inside_it(tail):
    _, found = lint("Ng T, Ho P. Metabolic control of T cells. Cell. 2017;32(2):238-52. " + tail, code="I002")
    assert found == []


# --- I003 trailing punctuation ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("doi", "marks", "fixed"),
    [
        ("doi:10.1016/j.cell.2017.01.001;", ";", "doi:10.1016/j.cell.2017.01.001"),
        ("doi:10.1016/j.cell.2017.01.001,.", ",", "doi:10.1016/j.cell.2017.01.001."),
        ("doi:10.1016/j.cell.2017.01.001).", ")", "doi:10.1016/j.cell.2017.01.001."),
        ("(doi:10.1000/xyz.)", ".", "(doi:10.1000/xyz)"),
    ],
)
def test_punctuation_glued_to_a_doi_is_removed(doi, marks, fixed):
    head = "Ng T, Ho P. Metabolic control of T cells. Cell. 2017;32(2):238-52. "
    d, text, after = one(head + doi, "I003")
    assert text.startswith("10.")
    value = doi.split(":", 1)[1].rstrip(".,;)")
    assert d.message == f"`{marks}` glued to the end of the DOI `{value}`"
    assert after == head + fixed


@pytest.mark.parametrize(
    "tail",
    [
        "doi:10.1016/S0002-9149(98)01016-9.",  # brackets of the DOI itself
        "(doi:10.1016/j.cell.2017.01.001).",  # brackets around the DOI
        "doi:10.1016/j.cell.2017.01.001; PMID: 28157385.",  # a separator before another identifier
        "doi:10.1002/(SICI)1097-0258(19980715)17:13<1455::AID-SIM834>3.0.CO;2-7.",
    ],
)
def test_punctuation_that_belongs_is_not_reported(tail):
    _, found = lint("Ng T, Ho P. Metabolic control of T cells. Cell. 2017;32(2):238-52. " + tail, code="I003")
    assert found == []


# --- I004 the DOI against its citation --------------------------------------------------------


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        (
            "Lee K. Telemedicine in rural care. Front Med (Lausanne) 2021;8:666554. 10.3389/fmed.2021.66655",
            "DOI `10.3389/fmed.2021.66655` disagrees with its citation: the Frontiers DOI encodes article 66655, "
            "the citation gives 666554 (the DOI is cut short?)",
        ),
        (
            "Kim H. Air pollution and asthma. Int J Environ Res Public Health. 2021;18:3432. doi:10.3390/ijerph190100",
            "DOI `10.3390/ijerph190100` disagrees with its citation: the MDPI DOI encodes `190100`, the citation "
            "gives volume 18, article 3432 (the DOI is another article's?)",
        ),
        (
            "Kim H. Air pollution and asthma. Int J Environ Res Public Health. 2021;18(5):3432. doi:10.3390/ijerph18063432",
            "DOI `10.3390/ijerph18063432` disagrees with its citation: the MDPI DOI encodes issue 6, the citation "
            "gives issue 5 (the DOI is another article's?)",
        ),
        (
            "Roe J. Sleep in teenagers. PLoS One. 2015;10(3):e0123456. doi:10.1371/journal.pone.0123465",
            "DOI `10.1371/journal.pone.0123465` disagrees with its citation: the PLOS DOI encodes article e0123465, "
            "the citation gives e123456 (the DOI is another article's?)",
        ),
        (
            "Roe J. Sleep in teenagers. PLoS One. 2015;10(3):e0123456. doi:10.1371/journal.pone.012345",
            "DOI `10.1371/journal.pone.012345` disagrees with its citation: a PLOS DOI ends in 7 digits: this one "
            "is cut short or mistyped",
        ),
        (
            "Roe J. Stress granules. eLife. 2017;6:e29218. doi:10.7554/eLife.29281",
            "DOI `10.7554/eLife.29281` disagrees with its citation: the eLife DOI encodes article 29281, the "
            "citation gives 29218 (the DOI is another article's?)",
        ),
        (
            "Gray L. Aspirin for prevention. Cochrane Database Syst Rev. 2014;(7):CD012345. "
            "doi:10.1002/14651858.CD012354.pub2",
            "DOI `10.1002/14651858.CD012354.pub2` disagrees with its citation: the Cochrane DOI encodes review "
            "CD012354, the citation gives CD012345 (the DOI is another article's?)",
        ),
        (
            "Liu L. Burn-induced inflammation. Sci Rep. 2013;3:1665. doi:10.1038/srep01656",
            "DOI `10.1038/srep01656` disagrees with its citation: the Sci Rep DOI encodes article 01656, the "
            "citation gives 1665 (the DOI is another article's?)",
        ),
        (
            "Rolls MM, Doe CQ. Polarity of Drosophila neurons. Neural Dev. 2007;2:7. doi:10.1371/journal.pone.0000711.",
            "DOI `10.1371/journal.pone.0000711` disagrees with its citation: a PLOS DOI on an article of Neural Dev "
            "(another article's DOI?)",
        ),
        (
            "Lonnstedt IM. Deciphering clonality. Genome Biol. 2014;15:470. doi: 10.1186/s13059-014-047",
            "DOI `10.1186/s13059-014-047` disagrees with its citation: a Springer Nature DOI of this form is "
            "longer: this one is cut short",
        ),
        (
            "Young HM. Colonizing while migrating. BMC Biol. 2014;12:23. doi: 10.1186/1741-7007-12",
            "DOI `10.1186/1741-7007-12` disagrees with its citation: a BMC DOI of this form is longer: this one "
            "is cut short",
        ),
    ],
)
def test_a_doi_that_disagrees_with_its_citation(ref, message):
    d, text, fixed = one(ref, "I004")
    assert text == d.message.split("`")[1]
    assert d.message == message
    assert fixed is None


@pytest.mark.parametrize(
    "ref",
    [
        "Lee K. Telemedicine in rural care. Front Med (Lausanne) 2021;8:666554. doi:10.3389/fmed.2021.666554",
        "Kim H. Air pollution. Int J Environ Res Public Health. 2021;18(6):3432. doi:10.3390/ijerph18063432",
        "Kim H. Meta-analysis. Nutrients. 2013;5(4):1384-416. doi: 10.3390/nu5041384.",  # old MDPI: first page
        "Kim H. Sensors. Sensors (Basel). 2010;10(4):2869-84. doi:10.3390/s100402869.",
        "Kim H. A review. Int J Mol Sci. 2020;21(3):1-15. doi:10.3390/ijms21031234.",  # a page count, not the article
        "Roe J. Sleep. PLoS One. 2015;10(3):e0123456. https://doi.org/10.1371/journal.pone.0123456",
        "Roe J. Old PLOS. PLoS Biol. 2004;2:e116. doi:10.1371/journal.pbio.0020116",  # the volume, then e116
        "Roe J. Granules. eLife. 2015;4:e06807. doi:10.7554/eLife.06807.",
        "Roe J. Granules. Elife. 2015;4:e06807. doi:10.7554/eLife.06807.",  # NLM's spelling
        "Roe J. Burns. Scientific Reports. 2013;3:1665. doi:10.1038/srep01665.",
        "Roe J. Sleep. Public Library of Science ONE. 2015;10(3):e0123456. doi:10.1371/journal.pone.0123456",
        "Roe J. Reviewed preprint. eLife. 2023;12:RP88888. doi:10.7554/eLife.88888.3",
        "Gray L. Aspirin. Cochrane Database Syst Rev. 2005;(1):CD001497. doi: 10.1002/14651858.CD001497.pub2",
        "Roe J. Neural progenitors. Nat Commun. 2015;6:6500. doi: 10.1038/ncomms7500",  # article + 1000
        "Avery SV. Heterogeneity. BMC Microbiol. 2011;11:174. doi:10.1186/1471-2180-11-174",
        "Roe J. Nature paper. Nat Electron. 2020;3:51-8. doi:10.1038/s41928-019-0353-8",  # not judged
        "Roe J. Energy. Nat Energy. 2018;3:68-74. doi:10.1038/s41560-017-0067-y(2018).",  # text glued after
        "Roe J. Supplement. BMC Bioinformatics. 2009;10 Suppl 1:S2. doi:10.1186/1471-2105-10-S1-S2",
        "Roe J. No number. Frontiers in Neural Circuits. 2013;7. doi:10.3389/fncir.2013.00065",
        "Roe J. First volume. PLoS Biol. 2003;1:E5. doi:10.1371/journal.pbio.0000035",  # 2003's own scheme
        "Roe J. Short e-locator. PLoS Biol. 2009;7:e13. doi:10.1371/journal.pbio.1000013",  # as PubMed prints it
        "Roe J. Printed pages. PLoS Biol. 2007;5:2095-7. doi:10.1371/journal.pbio.0050285",  # pages, no e-locator
        # the reference gives the article number where a rough reading did not look
        "Roe J, et al. (2013) A success story. PLOS Negl Trop Dis 7: e2080 accessed April 20, 2013. "
        "doi: 10.1371/journal.pntd.0002080",
    ],
)
def test_a_doi_that_agrees_or_cannot_be_checked_is_not_reported(ref):
    assert lint(ref, code="I004")[1] == []


# --- I005 PMIDs and PMCIDs ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("ident", "covered", "message"),
    [
        ("PMID: 3O514794.", "3O514794", "`3O514794` is not a PMID: a PMID is digits only (a letter O, l or I typed for a digit?)"),
        ("PMID: 305147941234.", "305147941234", "`305147941234` is not a PMID: a PMID has at most 8 digits"),
        ("PMID: PMC5123456.", "PMC5123456", "`PMC5123456` is not a PMID: a PMCID where the PMID belongs"),
        ("PMID: 030514794.", "030514794", "`030514794` is not a PMID: a PMID has no leading zeros"),
        ("PubMed PMID: 30514794; PubMed Central PMCID: 5123456.", "5123456",
         "`5123456` is not a PMCID: a PMCID is `PMC` and digits"),
    ],
)
def test_malformed_pubmed_ids(ident, covered, message):
    d, text, fixed = one("Ng T, Ho P. Metabolic control of T cells. Cell. 2017;32(2):238-52. " + ident, "I005")
    assert text == covered
    assert d.message == message
    assert fixed is None


def test_a_doubled_pmc_is_removed():
    head = "Ng T, Ho P. Metabolic control of T cells. Cell. 2017;32(2):238-52. PubMed Central PMCID: "
    d, text, fixed = one(head + "PMCPmc3685476.", "I005")
    assert text == "PMCPmc3685476"
    assert d.message == "`PMCPmc3685476` is not a PMCID: `PMC` written twice"
    assert d.fix.applicability == "safe"
    assert fixed == head + "PMC3685476."


def test_well_formed_pubmed_ids_are_quiet():
    ref = "Ng T. Metabolic control. Cell. 2017;32(2):238-52. PubMed PMID: 30514794; PubMed Central PMCID: PMC5123456."
    assert lint(ref, code="I005")[1] == []


# --- I006 one form of DOI in a list -----------------------------------------------------------


def test_the_minority_form_is_reported_and_moved_to_the_majority():
    url = CELL.replace("doi:", "https://doi.org/").rstrip(".")
    text, found = lint(url, DERM, IMMUNOL, code="I006")
    assert len(found) == 1
    d = found[0]
    assert text[d.span.start : d.span.end] == "https://doi.org/10.1016/j.cell.2017.01.001"
    assert d.message == "DOI written as a doi.org link (expected label, as in most of this list)"
    assert d.fix.applicability == "unsafe"
    assert apply_edits(text, list(d.fix.edits)).splitlines()[0] == "1. " + CELL.rstrip(".")


def test_a_bare_doi_in_a_list_of_links():
    links = [r.replace("doi:", "https://doi.org/") for r in (CELL, DERM, IMMUNOL)]
    bare = links[0].replace("https://doi.org/", "")
    text, found = lint(bare, *links[1:], code="I006")
    assert [text[d.span.start : d.span.end] for d in found] == ["10.1016/j.cell.2017.01.001"]
    assert found[0].message == "DOI written bare (expected url, as in most of this list)"
    assert apply_edits(text, list(found[0].fix.edits)).splitlines()[0] == "1. " + links[0]


@pytest.mark.parametrize(
    "refs",
    [
        (CELL, DERM, IMMUNOL),  # one form
        (CELL, DERM.replace("doi:", "DOI: "), IMMUNOL),  # `DOI: ` is the same form as `doi:`
        # a publisher's link is not a way of writing the DOI
        (CELL, DERM, IMMUNOL.replace("doi:", "https://onlinelibrary.wiley.com/doi/")),
        # a reference that writes its DOI both ways fits the list's way
        (CELL.replace("doi:", "Available from: http://dx.doi.org/10.1016/j.cell.2017.01.001 doi: "), DERM, IMMUNOL),
    ],
)
def test_one_form_is_quiet(refs):
    assert lint(*refs, code="I006")[1] == []


# --- D001 the same DOI ------------------------------------------------------------------------


def test_two_references_with_one_doi_are_duplicates_whatever_their_text():
    other = "Roe J, Ray M. Stem cells in the intestine. Cell Stem Cell. 2022;20:65-73. https://doi.org/10.1016/J.CELL.2017.01.001;"
    text, found = lint(CELL, DERM, other, code="D001")
    assert len(found) == 1
    assert found[0].message == "duplicate of reference 1 (the same DOI, 10.1016/j.cell.2017.01.001)"
    assert text[found[0].span.start : found[0].span.end] == other


def test_bare_dois_are_identifiers_too():
    a = "Ng T, Ho P. Metabolic control of T cells. Cell. 2017;32(2):238-52. 10.1016/j.cell.2017.01.001"
    b = "Roe J, Ray M. Stem cells in the intestine. Cell Stem Cell. 2022;20:65-73. 10.1016/j.cell.2017.01.001"
    assert [d.code for d in lint(a, DERM, b)[1] if d.code == "D001"] == ["D001"]


def test_different_dois_are_different_works():
    b = CELL.replace("01.001", "01.002").replace("Metabolic control of T cells", "Another title entirely here")
    assert lint(CELL, b, code="D001")[1] == []
