"""Issue 13, part d: what the shape of the whole list reveals (L001-L003), first pages alone,
volumes the same journal contradicts, e-page ends (N008-N010), one work lettered twice (D002),
and the issue's examples that earlier rules already find (P006, N006, N005). Every example of
the issue is a test with its expected finding; the look-alikes that must stay quiet follow."""

from __future__ import annotations

import datetime

from refslint.api import lint_text
from refslint.config import build_config
from refslint.fix import apply_edits

CONFIG = build_config(isolated=True)

# A Vancouver list of journal articles, none with PubMed residue, months, or lone pages.
VANCOUVER = [
    "Lee K, Park J. Anaemia in chronic kidney disease. Blood. 2011;118:330–8.",
    "Chen L, Wu X. Sodium and heart failure. N Engl J Med. 2018;379:101–9.",
    "Diaz R, Ruiz M. Stromal cells in colitis. Gut. 2017;66:1201–12.",
    "Kim H, Oh S. Bone loss in smokers. Bone. 2015;74:45–56.",
    "Novak J, Horak P. Retinal vessels in diabetes. Ophthalmology. 2014;121:330–9.",
    "Berg L, Dahl K. Hearing after meningitis. Otol Neurotol. 2013;34:200–9.",
    "Fox M, Hart D. Nasal polyps in asthma. Rhinology. 2012;50:11–9.",
    "Cole N, Shaw B. Memory after stroke. Brain. 2011;134:1001–9.",
    "Ward S, Reid J. Nerve conduction in leprosy. Neurology. 2010;75:400–9.",
]


def numbered(lines: list[str]) -> str:
    return "".join(f"{i}. {line}\n" for i, line in enumerate(lines, 1))


def findings(text: str, code: str) -> list:
    return [d for d in lint_text(text, "refs.txt", CONFIG) if d.code == code]


def one(text: str, code: str):
    found = findings(text, code)
    assert len(found) == 1, [(d.code, d.message) for d in lint_text(text, "refs.txt", CONFIG)]
    return found[0]


def flagged(text: str, d) -> str:
    return text[d.span.start : d.span.end]


def fixed(text: str, d) -> str:
    assert d.fix is not None
    return apply_edits(text, list(d.fix.edits))


def expect(text: str, code: str, span: str, message: str | None = None, old: str = "", new: str = ""):
    """The one finding of `code`: over `span`, with `message`, and (given `old`) a fix that
    writes `new` for `old`."""
    d = one(text, code)
    assert flagged(text, d) == span
    if message is not None:
        assert d.message == message
    if old:
        assert fixed(text, d) == text.replace(old, new)
    return d


# --- L001: PubMed export residue -------------------------------------------------------------


def _residue(tail: str) -> tuple[str, str]:
    clean = numbered(["Wong T, Lim C. Airway remodelling in asthma. Thorax. 2018;73:10–9.", *VANCOUVER])
    line = "Wong T, Lim C. Airway remodelling in asthma. Thorax. 2018;73:10–9."
    return clean.replace(line, f"{line} {tail}"), clean


def test_pmid_in_one_reference_is_residue_and_the_fix_deletes_it():
    text, clean = _residue("PMID: 30514794.")
    d = one(text, "L001")
    assert flagged(text, d) == "PMID: 30514794."
    assert d.message == (
        "PubMed export residue `PMID: 30514794.`: only 1 of the list's 10 references carry PubMed "
        "identifiers or dates"
    )
    assert d.fix.applicability == "safe"
    assert fixed(text, d) == clean


def test_pubmed_pmid_and_pmcid_together_are_one_residue():
    text, clean = _residue("PubMed PMID: 30514794; PubMed Central PMCID: PMC6279012.")
    d = one(text, "L001")
    assert flagged(text, d) == "PubMed PMID: 30514794; PubMed Central PMCID: PMC6279012."
    assert fixed(text, d) == clean


def test_epub_and_published_dates_of_a_printed_article_are_residue():
    for tail in ("Epub 2018 Nov 3.", "Published 2019 Oct 1."):
        text, clean = _residue(tail)
        d = one(text, "L001")
        assert flagged(text, d) == tail
        assert fixed(text, d) == clean


def test_residue_that_most_of_the_list_carries_is_its_style():
    lines = [f"{line} PMID: {30514794 + i}." for i, line in enumerate(VANCOUVER)]
    text = numbered(lines[:6] + VANCOUVER[6:])
    assert not findings(text, "L001")


def test_pmcids_alone_are_no_residue():
    # PubMed Central holds only some articles: a list that gives PMCIDs gives them to a few.
    text, _ = _residue("PubMed Central PMCID: PMC6279012.")
    assert not findings(text, "L001")


def test_an_epub_date_of_an_article_not_yet_in_print_is_its_locator():
    text, _ = _residue("")
    text = text.replace(
        "Wong T, Lim C. Airway remodelling in asthma. Thorax. 2018;73:10–9. ",
        "Wong T, Lim C. Airway remodelling in asthma. Thorax. 2018. Epub 2018 Nov 3.",
    )
    assert not findings(text, "L001")


def test_a_short_list_has_no_majority_to_differ_from():
    text = numbered(["Wong T, Lim C. Airway remodelling in asthma. Thorax. 2018;73:10–9. PMID: 30514794.",
                     *VANCOUVER[:2]])
    assert not findings(text, "L001")


# --- L002: a month after the year ------------------------------------------------------------


def test_a_month_range_after_the_year_is_residue():
    line = "Smith AB, Jones CD. Dry eye in glaucoma. J Glaucoma. 2016 Jul–Aug;18(7–8):100–9."
    expect(numbered([line, *VANCOUVER]), "L002", "Jul–Aug",
           "month after the year (`Jul–Aug`): only 1 of the list's 10 citations give one (PubMed export residue?)")


def test_a_month_and_day_after_the_year_is_residue():
    line = "Ali M, Khan S. Nanoparticles in caries. Int J Nanomedicine. 2022 Dec 28;15(1):167–70."
    d = expect(numbered([line, *VANCOUVER]), "L002", "Dec 28")
    assert d.fix is None  # NLM allows the month: the editor decides


def test_months_in_most_of_the_list_are_its_style():
    lines = [line.replace(";", " Mar;", 1) if i < 6 else line for i, line in enumerate(VANCOUVER)]
    assert not findings(numbered(lines), "L002")


# --- L003: a period after the journal --------------------------------------------------------

PLOS = [
    "Lee K, Park J (2011) Anaemia in chronic kidney disease. Blood 118: 330–338.",
    "Chen L, Wu X (2018) Sodium and heart failure. N Engl J Med 379: 101–109.",
    "Diaz R, Ruiz M (2017) Stromal cells in colitis. Cell Rep 20: 1201–1212.",
    "Kim H, Oh S (2015) Bone loss in smokers. Bone 74: 45–56.",
    "Novak J, Horak P (2014) Retinal vessels in diabetes. Invest Ophthalmol Vis Sci 55: 330–339.",
    "Berg L, Dahl K (2013) Hearing after meningitis. Otol Neurotol 34: 200–209.",
]


def test_a_period_after_the_journal_in_a_list_without_is_reported_and_deleted():
    line = "Gomez F, Ruiz A (2015) Biofilms on catheters. Microbiology. 161: 516–524."
    expect(numbered([line, *PLOS]), "L003", ".",
           "period after the journal name: 6 of the list's 7 references have none there",
           "Microbiology. 161", "Microbiology 161")


def test_the_issue_example_microbiology_in_a_vancouver_citation_block():
    # `Microbiology. 2015;161:516` in a list that writes `Blood 2011;118:330-8`.
    lines = [line.replace(f"{journal}. 20", f"{journal} 20") for line in VANCOUVER
             for journal in [line.rsplit(". ", 2)[1]]]
    line = "Gomez F, Ruiz A. Biofilms on catheters. Microbiology. 2015;161:516–24."
    expect(numbered([line, *lines]), "L003", ".", None, "Microbiology. 2015", "Microbiology 2015")


def test_no_period_after_a_multiword_journal_in_a_vancouver_list_is_reported():
    line = "Wong T, Lim C. Airway remodelling in asthma. Am J Respir Crit Care Med 2018;198:10–9."
    expect(numbered([line, *VANCOUVER]), "L003", "Am J Respir Crit Care Med",
           "no period after the journal name: 9 of the list's 10 references have one there",
           "Med 2018", "Med. 2018")


def test_a_one_word_journal_without_a_period_is_no_departure():
    # Some lists end abbreviations with a period and leave whole one-word names bare.
    line = "Wong T, Lim C. Airway remodelling in asthma. Cell 2018;173:10–9."
    assert not findings(numbered([line, *VANCOUVER]), "L003")


def test_a_nature_list_dots_its_abbreviations():
    text = (
        "1. LeCun, Y., Bengio, Y. & Hinton, G. Deep learning. Nature 521, 436–444 (2015).\n"
        "2. Silver, D. et al. Mastering the game of Go. Nature 529, 484–489 (2016).\n"
        "3. Hochreiter, S. & Schmidhuber, J. Long short-term memory. Neural Comput. 9, 1735–1780 (1997).\n"
        "4. Jumper, J. et al. Highly accurate protein structure prediction. Nature 596, 583–589 (2021).\n"
        "5. Mnih, V. et al. Human-level control through deep reinforcement learning. Nature 518, 529–533 (2015).\n"
        "6. Rumelhart, D. E. et al. Learning representations by back-propagating errors. Nature 323, 533–536 (1986).\n"
    )
    assert not findings(text, "L003")


# --- earlier rules that find the issue's other list-shape examples ---------------------------


def test_spacing_unlike_the_list_is_p006():
    text = numbered(["Hart P, Lee S. Contact lens teaching. J Optom Ed. 1990; 16:4–9.", *VANCOUVER])
    expect(text, "P006", "; ", "space after `;` in the citation block (expected compact, as in most of this list)",
           "1990; 16", "1990;16")


def test_a_hyphen_range_in_an_en_dash_list_is_n006():
    line = "Hart P, Lee S. Contact lens teaching. J Optom Educ. 1990;16:4-9."
    expect(numbered([line, *VANCOUVER]), "N006", "-", None, "16:4-9", "16:4–9")


# --- N008: a first page alone ------------------------------------------------------------------

RANGES = [
    *VANCOUVER,
    "Ito K, Sato Y. Fibrosis of the liver. Hepatology. 2017;66:50–9.",
    "Roy P, Das A. Fractures in the elderly. J Bone Miner Res. 2019;34:20–9.",
]


def test_the_issue_example_first_page_alone():
    line = "Wu X, Lee K. Pain in migraine. Curr Opin Neurol 2013;26(6):602."
    text = numbered([line.replace("Neurol 2013", "Neurol. 2013"), *RANGES])
    d = one(text, "N008")
    assert flagged(text, d) == "602"
    assert d.message == (
        "first page only: 11 of the list's 12 journal articles give a page range (the last page is "
        "missing, unless the article has one page)"
    )
    assert d.fix is None


def test_article_numbers_and_e_locators_are_no_first_pages():
    lines = [
        "Wu X, Lee K. Antibodies in malaria. PLoS One. 2012;7(3):e29218.",
        "Wu X, Lee K. Sleep in mice. Sci Rep. 2016;6:30121.",
        "Wu X, Lee K. Stromal cells in sepsis. Stem Cell Res Ther. 2019;10:1802.",
        "Wu X, Lee K. Ageing of the skin. Int J Mol Sci. 2021;22:941.",
        "Wu X, Lee K. Tumour markers. Diagn Pathol. 2006;1:4.",
    ]
    assert not findings(numbered([*lines, *RANGES]), "N008")


def test_one_page_items_of_the_weeklies_and_physics_first_pages_are_right():
    lines = [
        "Bonn D. Prostate-cancer screening. Lancet. 2002;360:714.",
        "Spalding KL. Age written in teeth by nuclear tests. Nature. 2005;437:333.",
        "Barry CA. Patients' unvoiced agendas. BMJ. 2000;320:1246.",
        "Landauer R. Maxwell demon. Phys Rev Lett. 1990;65:1387.",
    ]
    assert not findings(numbered([*lines, *RANGES]), "N008")


def test_a_lone_page_by_one_author_is_an_editorial_or_a_letter():
    line = "Ioannidis JP. Journals should publish all null results. Cancer Epidemiol Biomarkers Prev. 2006;15:186."
    assert not findings(numbered([line, *RANGES]), "N008")


def test_first_pages_in_many_references_are_the_lists_style():
    lines = [line.replace("–", "X").split("X")[0] + "." for line in RANGES[:3]]
    assert not findings(numbered([*lines, *RANGES[3:]]), "N008")


# --- N009: a volume the same journal contradicts --------------------------------------------


def test_the_issue_example_issue_written_as_the_volume():
    lines = [
        "Smith AB, Jones CD. Kidney function in dialysis. Iran J Kidney Dis. 2021;1:22–30.",
        "Lee K, Park J. Anaemia in kidney disease. Iran J Kidney Dis. 2019;13(2):100–5.",
    ]
    text = numbered(lines)
    d = one(text, "N009")
    assert flagged(text, d) == "1"
    assert d.span.start == text.index("2021;1:") + 5
    assert d.message == (
        "volume 1 (2021) contradicts volume 13 of Iran J Kidney Dis in 2019 (reference 2): is `1` "
        "its issue, with the volume missing?"
    )
    assert d.related and text[d.related[0].span.start : d.related[0].span.end] == "13"


def test_the_one_volume_that_stands_out_is_reported_once():
    lines = [
        "Price NS. Timescales of decisions. J Neurosci. 2010;30:14036–45.",
        "Shadlen MN. The variable discharge of neurons. J Neurosci. 1998;18:3870–96.",
        "Uka T. Coarse depth discrimination. J Neurosci. 2003;23:3515–30.",
        "Britten KH. Responses of MT neurons. J Neurosci. 1996;76:1000–9.",
    ]
    text = numbered(lines)
    d = one(text, "N009")
    assert flagged(text, d) == "76"
    assert d.message.endswith("and 2 more references to it: its year or volume is wrong")


def test_volumes_that_agree_or_straddle_a_year_are_quiet():
    lines = [
        "Smith AB. Title one. Methods Enzymol. 2011;500:1–20.",
        "Smith AB. Title two. Methods Enzymol. 2012;498:21–40.",  # a series out of order
        "Smith AB. Title three. Lancet. 2005;365:100–9.",
        "Smith AB. Title four. Lancet. 2010;376:200–9.",
        "Smith AB. Title five. Lancet Infect Dis. 2010;10:621–9.",  # another journal
    ]
    assert not findings(numbered(lines), "N009")


# --- N010: an e-page end without its first page ----------------------------------------------


def test_the_issue_example_e_page_end_without_its_range():
    text = numbered(["Wang X, Li Y. Tumour immunity. Cell Metab. 2019;19:530.e7.", *VANCOUVER])
    d = one(text, "N010")
    assert flagged(text, d) == "530.e7"
    assert d.message == (
        "`530.e7` is the end of a page range (the last page 530 and e-pages e1-e7): its first page is missing"
    )


def test_e_page_ranges_and_a_first_e_page_are_quiet():
    lines = [
        "Wang X, Li Y. Tumour immunity. Cell. 2019;177:1–15.e7.",
        "Wang X, Li Y. Preterm birth. Am J Obstet Gynecol. 2009;200(6):645.e1-5.",
        "Wang X, Li Y. Twin pregnancy. Am J Obstet Gynecol. 2010;202:645.e1.",
        "Wang X, Li Y. Emergency airways. Ann Emerg Med. 2012;60(1):12–23.e1.",
    ]
    assert not findings(numbered(lines), "N010")


# --- N005: a year after the current one --------------------------------------------------------


def test_a_year_after_next_year_is_in_the_future_whenever_the_test_runs():
    year = datetime.date.today().year + 2
    text = numbered([f"Smith AB. Title. Gut. {year};66:1201–12.", *VANCOUVER])
    d = one(text, "N005")
    assert flagged(text, d) == str(year)
    assert d.message == f"year {year} is in the future"


# --- D002: one work lettered twice --------------------------------------------------------------

HORIE = "Horie S, Gaynard S ({year}) Cytokine pre-activation of stromal cells enhances repair. Intensive Care Med Exp 8: 8."


def test_one_article_lettered_twice_is_d002_not_d001():
    text = HORIE.format(year="2020a") + "\n" + HORIE.format(year="2020b") + "\n"
    d = one(text, "D002")
    assert flagged(text, d) == "2020b"
    assert d.message == (
        "`2020b` is the same work as reference 1 (`2020a`): one work listed twice under two letters"
    )
    assert text[d.related[0].span.start : d.related[0].span.end] == "2020a"
    assert not findings(text, "D001")


def test_the_same_article_unlettered_is_still_d001():
    text = HORIE.format(year="2020") + "\n" + HORIE.format(year="2020") + "\n"
    assert findings(text, "D001") and not findings(text, "D002")


def test_two_works_lettered_apart_are_quiet():
    text = (
        "Carpenter KE (2002a) The living marine resources of the Western Central Atlantic. Volume 1. "
        "Rome: FAO.\n"
        "Carpenter KE (2002b) The living marine resources of the Western Central Atlantic. Volume 2. "
        "Rome: FAO.\n"
        + HORIE.format(year="2020a") + "\n"
        + HORIE.format(year="2020b").replace("Cytokine pre-activation of stromal cells enhances repair",
                                             "Stromal cells in lung injury") + "\n"
    )
    codes = {d.code for d in lint_text(text, "refs.txt", CONFIG)}
    assert not codes & {"D001", "D002"}
