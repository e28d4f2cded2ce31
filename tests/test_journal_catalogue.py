"""The shipped journal catalogue (refslint.journal_catalogue): exact forms, case variants, near
misses, truncations, publishers glued to a journal, full titles to NLM abbreviations."""

from __future__ import annotations

import subprocess
import sys

import pytest

from refslint import journal_catalogue as jc
from refslint.vocab import data_dir

from .conftest import ROOT


def test_importing_loads_nothing_and_a_first_lookup_maps_the_file():
    code = (
        "import sys, refslint.journal_catalogue as jc\n"
        "assert jc._file.cache_info().currsize == 0 and jc._record_block.cache_info().currsize == 0\n"
        "assert jc._key_block.cache_info().currsize == 0\n"
        "assert 'sqlite3' not in sys.modules\n"
        "assert jc.lookup('Nature') is not None\n"
        "assert jc._file.cache_info().currsize == 1\n"
    )
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr


def test_the_shipped_file_is_a_catalogue_and_small():
    path = data_dir() / "vocab" / jc.FILE_NAME
    assert path.read_bytes().startswith(jc.MAGIC.encode() + b"\n")
    assert path.stat().st_size < 4_000_000
    assert jc.journal_count() > 45_000 and jc.journal(jc.journal_count() - 1).id == jc.journal_count() - 1
    with pytest.raises(IndexError):
        jc.journal(jc.journal_count())


def test_keys_ignore_case_accents_periods_and_spacing():
    assert jc.form_key("J. Biol. Chem.") == jc.form_key("J Biol Chem") == jc.form_key(" j  biol chem ") == "j biol chem"
    assert jc.form_key("Proc. Natl. Acad. Sci. U.S.A.") == jc.form_key("Proc Natl Acad Sci U S A")
    assert jc.form_key("Annales de Paléontologie") == "annales de paleontologie"
    assert jc.form_key("Behaviour Research & Therapy") == jc.form_key("Behaviour Research and Therapy")
    assert jc.form_key("Proc Natl Acad Sci USA") != jc.form_key("Proc Natl Acad Sci U S A")


@pytest.mark.parametrize(
    "name, form, text, case_exact",
    [
        ("FASEB J", "nlm", "FASEB J", True),
        ("Faseb J", "nlm", "FASEB J", False),
        ("PLoS One", "nlm", "PLoS One", True),
        ("Plos one", "nlm", "PLoS One", False),
        ("BMC Nephrology", "full", "BMC nephrology", True),
        ("Bmc Nephrology", "full", "BMC nephrology", False),
        ("J Biol Chem", "nlm", "J Biol Chem", True),
        ("J. Biol. Chem.", "iso", "J. Biol. Chem.", True),
        ("Phys Rev Lett", "nlm", "Phys Rev Lett", True),
        ("Phys. Rev. Lett.", "iso", "Phys. Rev. Lett.", True),
        ("Elife", "nlm", "Elife", True),
        ("ELife", "nlm", "Elife", False),
        ("eLife", "full", "eLife", True),
    ],
)
def test_lookup_finds_the_form_and_says_whether_its_case_is_the_catalogues(name, form, text, case_exact):
    m = jc.lookup(name)
    assert m is not None and (m.form, m.text, m.case_exact) == (form, text, case_exact)
    assert not m.ambiguous


def test_lookup_gives_the_record_with_every_form():
    j = jc.lookup("Bmc Nephrology").journal
    assert (j.full, j.nlm, "nlm" in j.sources) == ("BMC nephrology", "BMC Nephrol", True)
    j = jc.lookup("phys rev lett").journal
    assert (j.full, j.nlm) == ("Physical review letters", "Phys Rev Lett")
    assert "Phys. Rev. Lett." in j.iso and any(s.startswith("jabref:") for s in j.sources)


def test_titles_are_found_without_the_article_subtitle_or_place_qualifier():
    m = jc.lookup("Journal of Biological Chemistry")
    assert (m.journal.full, m.form, m.derived, m.exact) == ("The Journal of biological chemistry", "full", True, True)
    assert jc.lookup("The Journal of biological chemistry").derived is False
    assert jc.lookup("The FASEB Journal").journal.nlm == "FASEB J"
    assert jc.lookup("Chemical Communications").journal.nlm == "Chem Commun (Camb)"
    m = jc.lookup("Chem Commun")  # the NLM form without its place qualifier
    assert (m.form, m.derived, m.journal.nlm) == ("nlm", True, "Chem Commun (Camb)")
    m = jc.lookup("Brain Inform (2018)")  # a year qualifier tells a conference's volumes apart
    assert m.journal.nlm == "Brain Inform (2018)" and not m.derived


def test_a_key_of_several_journals_lists_them_all():
    matches = jc.lookup_all("Acta Paediatr")
    assert len(matches) >= 2 and {m.journal.nlm for m in matches} == {"Acta Paediatr"}
    assert matches[0].ambiguous
    # a given form beats another journal's derived one, and is then not ambiguous
    m = jc.lookup("Brain Informatics")
    assert m.journal.nlm == "Brain Inform" and not m.ambiguous and len(jc.lookup_all("Brain Informatics")) > 1


@pytest.mark.parametrize(
    "name",
    [
        "HPB (Oxford)", "Antibiotics (Basel)", "Transplant Direct", "Nat Rev Dis Primers", "J Pathol Inform",
        "Int J Environ Res Public Health", "Elife", "Proc Natl Acad Sci U S A", "Phys. Rev. Lett.",
        "J. Am. Chem. Soc.", "J Am Chem Soc", "J Biol Chem.", "Phys. Rev. Lett", "Journal of Biological Chemistry",
        "Nature Biotechnology", "Nature biotechnology", "FASEB J", "PLoS One",
    ],
)
def test_catalogue_forms(name):
    assert jc.is_catalogue_form(name)


@pytest.mark.parametrize(
    "name",
    ["Faseb J", "Plos one", "Bmc Nephrology", "J Biol. Chem", "Phys. Rev Lett", "NATURE BIOTECHNOLOGY", "ELife",
     "Journal of Imaginary Results"],
)
def test_not_catalogue_forms(name):
    assert not jc.is_catalogue_form(name)


def test_exact_forms_keep_their_separators():
    assert jc.lookup("J Biol Chem").exact
    m = jc.lookup("J-Biol-Chem")  # the same key, other separators
    assert m is not None and m.case_exact and not m.exact


@pytest.mark.parametrize(
    "name, text, kind, distance",
    [
        ("Gastroenterolgy", "Gastroenterology", "dropped", 1),
        ("Natrue", "Nature", "transposed", 1),
        ("Appl Enviorn Microbiol", "Appl Environ Microbiol", "transposed", 1),
        ("Appl. Enviorn. Microbiol.", "Appl. Environ. Microbiol.", "transposed", 1),
        ("J Biol Chme", "J Biol Chem", "transposed", 1),
        ("Neuronn", "Neuron", "doubled", 1),
        ("Bloood", "Blood", "doubled", 1),
        ("Phisica D", "Physica D", "replaced", 1),
        ("Jounal of Biological Chemistry", "Journal of biological chemistry", "dropped", 1),
        ("Appl Envir Microbiol", "Appl Environ Microbiol", "edited", 2),
        ("Cell Transpl", "Cell Transplant", "truncated", 3),
        ("Mon Not R Astron", "Mon Not R Astron Soc", "truncated", 4),
        ("Transfus Med Hemotherapy", "Transfus Med Hemother", "extended", 3),
    ],
)
def test_near_misses_have_one_nearest_journal(name, text, kind, distance):
    assert not jc.lookup_all(name)
    best = jc.nearest(name)
    assert best is not None and (best.text, best.kind, best.distance) == (text, kind, distance)
    assert jc.near(name)[0] == best


def test_near_misses_the_catalogue_cannot_give():
    # Nature Reviews Methods Primers began in 2021, after the catalogue's snapshot.
    assert jc.lookup("Nat Rev Methods Primers") is None and jc.nearest("Nat Rev Method Primers") is None
    # IEEE Trans Inf Technol Biomed is several edits away: not a near miss.
    assert jc.near("IEEE Trans Inf Biotechnol") == ()


def test_short_names_are_near_only_by_slips_of_typing():
    for name in ("Cel", "Gutt", "Blod", "Guts"):  # under five letters: no search at all
        assert jc.near(name) == ()
    assert jc.near("Natre")[0].text == "Nature"  # a dropped letter
    assert all(c.kind in {"transposed", "dropped", "doubled"} for c in jc.near("Bloodx"))


def test_near_is_only_for_names_the_catalogue_does_not_know():
    for name in ("Cell", "Gut", "Nature", "Faseb J", "journal of biological chemistry"):
        assert jc.near(name) == ()
    assert jc.near("Journal of Imaginary Results") == () and jc.nearest("Journal of Imaginary Results") is None


def test_ties_are_visible_and_give_no_nearest():
    candidates = jc.near("Br J Psych")  # Br J Psychol? Br J Psychiatry? Br J Psychother?
    assert {"Br J Psychol", "Br J Psychiatry"} <= {c.text for c in candidates}
    assert jc.nearest("Br J Psych") is None
    assert jc.nearest("Stat Methods") is None
    # journals sharing one form are no tie
    assert len(jc.near("Natrue")) > 1 and jc.nearest("Natrue").text == "Nature"


@pytest.mark.parametrize(
    "name, text, nlm",
    [
        ("Springer Brain Informatics", "Brain informatics", "Brain Inform"),
        ("Springer Nature Communications", "Nature communications", "Nat Commun"),
        ("Elsevier Science Advances", "Science advances", "Sci Adv"),
        ("Taylor & Francis Journal of Biological Chemistry", "Journal of biological chemistry", "J Biol Chem"),
        ("Oxford University Press Brain", "Brain", "Brain"),
        ("Wiley-Blackwell: J Biol Chem", "J Biol Chem", "J Biol Chem"),
    ],
)
def test_publisher_glued_before_a_journal(name, text, nlm):
    c = jc.publisher_glued(name)
    assert c is not None and (c.text, c.journal.nlm, c.kind) == (text, nlm, "publisher")


@pytest.mark.parametrize(
    "name",
    ["Frontiers in Immunology", "Frontiers in Imaginary Results", "IEEE Imaginary Results", "BMC Imaginary",
     "Nature Imaginary", "SpringerPlus", "Springer", "Journal of Imaginary Results"],
)
def test_no_publisher_is_taken_off_a_journals_own_name(name):
    assert jc.publisher_glued(name) is None


@pytest.mark.parametrize(
    "name, nlm",
    [
        ("Nature Biotechnology", "Nat Biotechnol"),
        ("Journal of Biological Chemistry", "J Biol Chem"),
        ("The Journal of Biological Chemistry", "J Biol Chem"),
        ("Chemical communications (Cambridge, England)", "Chem Commun (Camb)"),
        ("Chemical Communications", "Chem Commun (Camb)"),
        ("Proceedings of the National Academy of Sciences of the United States of America", "Proc Natl Acad Sci U S A"),
        ("Brain Informatics", "Brain Inform"),
    ],
)
def test_full_title_to_nlm(name, nlm):
    assert jc.full_to_nlm(name) == nlm


def test_full_to_nlm_wants_a_full_title():
    assert jc.full_to_nlm("J Biol Chem") is None and jc.full_to_nlm("Journal of Imaginary Results") is None


def test_one_journal_one_canonical_key():
    forms = ["Journal of Biological Chemistry", "The Journal of biological chemistry", "J Biol Chem",
             "J. Biol. Chem.", "j biol chem", "JOURNAL OF BIOLOGICAL CHEMISTRY"]
    assert {jc.canonical_key(f) for f in forms} == {"j biol chem"}
    assert jc.canonical_key("Chemical Communications") == jc.canonical_key("Chem Commun (Camb)")
    assert jc.canonical_key("Journal of Imaginary Results") == "journal of imaginary results"
    assert jc.canonical_key("Nature") != jc.canonical_key("Nature Biotechnology")


def test_every_sampled_nlm_and_dotted_abbreviation_is_its_journals_exact_form():
    sample = [jc.journal(i) for i in range(0, jc.journal_count(), 97)]
    assert len(sample) > 450
    for j in sample:
        for text in filter(None, (j.nlm, *j.iso)):
            assert any(m.journal.id == j.id and m.exact and m.text == text for m in jc.lookup_all(text)), text
            assert jc.is_catalogue_form(text) and jc.near(text) == ()
        assert any(m.journal.id == j.id for m in jc.lookup_all(j.full)), j.full
