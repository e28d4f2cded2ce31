"""Journal names judged against the journal catalogue shipped with refslint (issue 12's examples,
each with the finding it should get or the absence of one)."""

from __future__ import annotations

import pytest
import yaml

from refslint import journal_catalogue, vocab
from refslint.api import lint_text
from refslint.config import build_config

from .conftest import ROOT, run

# A Vancouver list of NLM abbreviations the examples are placed in (the list's style matters:
# J003 and J005's fix ask for a list of NLM abbreviations).
NLM_LIST = (
    "Smith AB, Jones CD. First title. J Immunol. 2019;4:1-15.\n"
    "Lee K, Park J. Second title. Blood. 2011;118:330-8.\n"
    "Chen L, Wu X. Third title. N Engl J Med. 2018;391:101-9.\n"
    "Diaz R, Ruiz M. Fourth title. Cell Rep. 2017;20:1-12.\n"
)


def _journal_findings(journal: str, codes: str = "J") -> list[tuple[str, str, str | None]]:
    """(code, message, replacement of the fix) of the journal findings on one reference with
    this journal, placed last in NLM_LIST."""
    text = NLM_LIST + f"Kim H, Oh S. A fifth title. {journal}. 2015;12:45-56.\n"
    start = len(NLM_LIST)
    out = []
    for d in lint_text(text, "refs.txt", build_config(isolated=True)):
        if d.span.start >= start and d.code.startswith(codes):
            fix = d.fix.edits[0].replacement if d.fix else None
            out.append((d.code, d.message, fix))
    return out


@pytest.mark.parametrize(
    ("journal", "code", "suggestion"),
    [
        ("Gastroenterolgy", "J006", "Gastroenterology"),
        ("Natrue", "J006", "Nature"),
        ("Appl Enviorn Microbiol", "J006", "Appl Environ Microbiol"),
        ("J Biol Chme", "J006", "J Biol Chem"),
        ("Cell Transpl", "J003", "Cell Transplant"),  # (ISO 4's abbreviation, not NLM's)
        ("Transfus Med Hemotherapy", "J003", "Transfus Med Hemother"),
        ("Mon Not R Astron", "J006", "Mon Not R Astron Soc"),
        ("Springer Brain Informatics", "J007", "Brain Informatics"),
        ("Faseb J", "J008", "FASEB J"),
        ("J BIOL CHEM", "J008", "J Biol Chem"),  # (shouted, not a journal's own capitals)
        ("ANAEROBE", "J008", "Anaerobe"),
        ("Plos one", "J008", "PLoS One"),
        ("PloS One", "J008", "PLoS One"),  # the catalogue's full title, among NLM abbreviations
        ("Bmc Nephrology", "J008", "BMC Nephrology"),
        ("Nature Biotechnology", "J005", "Nat Biotechnol"),
        ("Chemical communications (Cambridge, England)", "J009", "Chemical communications"),
        ("IJMS", "J003", "Int J Mol Sci"),
        ("PNAS", "J003", "Proc Natl Acad Sci U S A"),
    ],
)
def test_a_wrong_journal_name_gets_its_finding_with_the_right_form(journal, code, suggestion):
    found = _journal_findings(journal)
    assert any(c == code and (fix == suggestion or f"`{suggestion}`" in message) for c, message, fix in found), found


@pytest.mark.parametrize(
    "journal",
    [
        "HPB (Oxford)", "Antibiotics (Basel)", "Transplant Direct", "Nat Rev Dis Primers", "J Pathol Inform",
        "Int J Environ Res Public Health", "Elife", "Proc Natl Acad Sci U S A", "Br Med J", "Chem Commun (Camb)",
        "Front Med (Lausanne)", "NPJ Regen Med", "mBio", "iScience", "EBioMedicine", "J Am Med Assoc",
    ],
)  # fmt: skip
def test_an_nlm_form_gets_no_journal_finding(journal):
    assert _journal_findings(journal) == []


@pytest.mark.parametrize(
    "journal",
    [
        "Nat Rev Method Primers",  # (founded 2021: not in the 2021 catalogue, and near nothing)
        "IEEE Trans Inf Biotechnol",  # (several edits from IEEE Trans Inf Technol Biomed)
        "Journal of Imaginary Results",
        "Cel",  # (too short to call a slip)
    ],
)
def test_an_unknown_name_near_no_single_journal_is_not_called_wrong(journal):
    assert not [c for c, *_ in _journal_findings(journal) if c in ("J003", "J006", "J007", "J008")]


def test_another_abbreviation_of_a_catalogued_journal_is_right_outside_nlm_lists():
    acs = (
        "Smith, A. B.; Jones, C. D. Islet Grafts. Cell Transpl. 2019, 28, 1–15.\n"
        "Lee, K.; Park, J. Second Title. J. Am. Chem. Soc. 2011, 118, 330–338.\n"
        "Chen, L.; Wu, X. Third Title. Angew. Chem., Int. Ed. 2018, 57, 101–109.\n"
    )
    found = {d.code for d in lint_text(acs, "refs.txt", build_config(isolated=True))}
    assert not found & {"J003", "J006"}, found


def test_fix_keeps_nlms_own_forms_and_writes_the_catalogue_case(tmp_path):
    path = tmp_path / "refs.txt"
    path.write_text(
        NLM_LIST + "Kim H. A fifth title. Elife. 2015;4:e05005.\nOh S. A sixth title. Faseb J. 2016;30:1-9.\n",
        encoding="utf-8",
    )
    run(["--fix", str(path)])
    text = path.read_text(encoding="utf-8")
    assert "Elife. 2015" in text and "FASEB J. 2016" in text


def test_one_journal_written_in_full_and_abbreviated_in_one_list_is_one_journal():
    text = NLM_LIST + (
        "Kim H. A fifth title. Journal of Immunology. 2015;12:45-56.\n"
        "Oh S. A sixth title. J Immunol. 2016;13:5-9.\n"
    )
    found = [d for d in lint_text(text, "refs.txt", build_config(isolated=True)) if d.code == "J004"]
    assert [d.message for d in found] == [
        "journal written `Journal of Immunology` here but `J Immunol` elsewhere in the list"
    ]


def test_the_journal_rules_find_a_journal_among_full_titles_by_its_case_too():
    apa = (
        "Baker, R. E. (2009). Cell migration. Bulletin of Mathematical Biology, 72(3), 719–762.\n"
        "Binder, B. J. (2009). Exclusion processes. Journal of Theoretical Biology, 259, 541–551.\n"
        "Cole, K. (2010). A third title. Bmc Nephrology, 11, 1–9.\n"
    )
    found = [(d.code, d.fix.edits[0].replacement) for d in lint_text(apa, "refs.txt", build_config(isolated=True))
             if d.code.startswith("J") and d.fix]  # fmt: skip
    assert found == [("J008", "BMC Nephrology")]


def test_unknown_journals_are_reported_only_when_asked_and_at_level_info():
    text = NLM_LIST + "Kim H. A fifth title. Journal of Imaginary Results. 2015;12:45-56.\n"
    assert "J010" not in {d.code for d in lint_text(text, "refs.txt", build_config(isolated=True))}
    asked = [d for d in lint_text(text, "refs.txt", build_config(isolated=True, extend_select=["J010"]))
             if d.code == "J010"]  # fmt: skip
    assert len(asked) == 1 and asked[0].severity == "info"


def test_the_alias_table_never_contradicts_the_catalogue():
    data = yaml.safe_load((ROOT / "rules" / "vocab" / "journal-aliases.yaml").read_text(encoding="utf-8"))
    for form, variants in data["aliases"].items():
        match = journal_catalogue.lookup(form)
        assert match is None or (match.exact and match.form == "nlm"), f"{form} is not the NLM form"
        for variant in variants:
            assert not any(m.exact and m.form == "nlm" for m in journal_catalogue.lookup_all(variant)), variant
            assert vocab.journal_key(variant) != vocab.journal_key(form)


# What a copy editor rejected in a judged sample of journal findings on CSL-rendered lists: each
# look-alike stays quiet, each kept finding speaks in the list's own form.


def _findings_in(text: str, prefix: str = "J") -> list[tuple[str, str, str | None]]:
    return [
        (d.code, d.message, d.fix.edits[0].replacement if d.fix else None)
        for d in lint_text(text, "refs.txt", build_config(isolated=True))
        if d.code.startswith(prefix)
    ]


def test_a_title_whose_last_word_runs_into_the_journal_is_not_a_stray_period():
    text = NLM_LIST + "Kim H, Oh S. Vulval development in C. Elegans. Development. 2015;12:45-56.\n"
    assert not [c for c, *_ in _findings_in(text) if c == "J001"]


def test_a_meeting_name_is_not_a_full_journal_title_to_abbreviate():
    text = NLM_LIST + "Kim H, Oh S. A title. Proceedings of the International Symposium on Imaging. 2015;12:45-56.\n"
    assert not [c for c, *_ in _findings_in(text) if c == "J005"]


def test_an_exact_catalogue_form_in_the_minority_is_not_a_second_spelling():
    # Two journals' forms side by side are not one journal written two ways unless they are the
    # same journal; a minority that is itself an exact catalogue form is the writer's to choose.
    text = NLM_LIST + (
        "Kim H. A fifth title. J Immunology. 2015;12:45-56.\n"
        "Oh S. A sixth title. J Immunology. 2016;13:5-9.\n"
        "Ro T. A seventh title. J Immunol. 2016;13:5-9.\n"
    )
    assert not [m for c, m, _ in _findings_in(text) if c == "J004" and m.startswith("journal written `J Immunol`")]


def test_did_you_mean_speaks_in_the_lists_form():
    apa = (
        "Baker, R. E. (2009). Cell migration. Bulletin of Mathematical Biology, 72(3), 719–762.\n"
        "Binder, B. J. (2009). Exclusion processes. Journal of Theoretical Biology, 259, 541–551.\n"
        "Cole, K. (2010). A third title. Journal of Immunolgy, 11, 1–9.\n"
    )
    found = [(c, m) for c, m, _ in _findings_in(apa) if c == "J006"]
    assert found and "`Journal of Immunology`" in found[0][1], found


def test_the_case_fix_keeps_the_writers_internal_capitals():
    text = NLM_LIST + "Kim H. A fifth title. Neuroreport. 2015;12:45-56.\nOh S. A sixth title. NeuroReport. 2016;13:5-9.\n"
    fixes = [fix for c, _, fix in _findings_in(text) if c == "J008"]
    assert "NEUROREPORT" not in fixes and "Neuroreport" not in fixes, fixes
