"""Author names judged across the list and against its style (issue 13's author examples, each
with the finding it should get, and the look-alikes that must stay quiet)."""

from __future__ import annotations

import pytest

from refslint.api import lint_text
from refslint.config import build_config

# A Vancouver list the examples are placed in (the list's style decides A005, A008 and A009).
NLM_LIST = (
    "Smith AB, Jones CD, Lee K. First title. J Immunol. 2019;4:1-15.\n"
    "Lee K, Park J, Chen L. Second title. Blood. 2011;118:330-8.\n"
    "Chen L, Wu X, Diaz R. Third title. N Engl J Med. 2018;391:101-9.\n"
    "Diaz R, Ruiz M, Kim H. Fourth title. Cell Rep. 2017;20:1-12.\n"
    "Noh MY, Lim SM, Oh S. Fifth title. Stem Cells Transl Med. 2016;5(11):1538-49.\n"
)
APA_LIST = (
    "Smith, A. B., Jones, C. D., & Lee, K. (2019). First title. Journal of Immunology, 4, 1-15.\n"
    "Lee, K., Park, J., & Chen, L. (2011). Second title. Blood, 118, 330-338.\n"
    "Chen, L., Wu, X., & Diaz, R. (2018). Third title. New England Journal of Medicine, 391, 101-109.\n"
    "Diaz, R., Ruiz, M., & Kim, H. (2017). Fourth title. Cell Reports, 20, 1-12.\n"
)


def found(text: str, codes: str = "A", style: str | None = None) -> list[tuple[str, str, str, str | None]]:
    """(code, text under the finding, message, the fixed text of the reference) for the
    findings of the codes given."""
    config = build_config(isolated=True)
    if style is not None:
        config = config.replace(style=style)
    out = []
    for d in lint_text(text, "refs.txt", config):
        if not d.code.startswith(tuple(codes.split(","))):
            continue
        fixed = None
        if d.fix is not None:
            fixed = text
            for edit in sorted(d.fix.edits, reverse=True):
                fixed = fixed[: edit.span.start] + edit.replacement + fixed[edit.span.end :]
            line_start = fixed.rfind("\n", 0, d.span.start) + 1
            fixed = fixed[line_start : fixed.find("\n", d.span.start)]
        out.append((d.code, text[d.span.start : d.span.end], d.message, fixed))
    return out


# --- A004 -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("major", "minor"),
    [("Lötsch J", "Lotsch J"), ("O'Brien K", "OBrien K"), ("Lo Brutto S", "Brutto SL")],
)
def test_one_person_spelled_two_ways_reports_the_minority_with_the_other_reference(major, minor):
    text = (
        NLM_LIST
        + f"{major}, Ultsch A. Sixth title. Pain. 2018;159:623-30.\n"
        + f"Ultsch A, {major}. Seventh title. Pain. 2019;160:1-9.\n"
        + f"Geisslinger G, {minor}. Eighth title. Pain. 2020;161:1-9.\n"
    )
    (code, span, message, fixed), = found(text, "A004")
    assert (code, span) == ("A004", minor)
    assert message.startswith(f"`{minor}` is written `{major}` in reference 6")
    assert fixed is None  # the editor chooses


def test_a_tie_reports_the_spelling_without_the_accent():
    text = NLM_LIST + "Lötsch J, Ultsch A. Sixth title. Pain. 2018;159:623-30.\n" + (
        "Geisslinger G, Lotsch J. Eighth title. Pain. 2020;161:1-9.\n"
    )
    assert [(c, s) for c, s, _m, _f in found(text, "A004")] == [("A004", "Lotsch J")]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Muller J", "Müller K"),  # other initials: another person
        ("Li X", "Lu X"),  # other surname
        ("Mueller J", "Müller J"),  # a transliteration, not a lost accent
        ("SMITH J", "Smith J"),  # capitals are a case question
    ],
)
def test_different_people_and_case_are_not_spellings(one, other):
    text = NLM_LIST + f"{one}, Ultsch A. Sixth title. Pain. 2018;159:623-30.\n" + (
        f"Geisslinger G, {other}. Eighth title. Pain. 2020;161:1-9.\n"
    )
    assert found(text, "A004") == []


# --- A005 -----------------------------------------------------------------------------------------


def test_and_before_the_last_author_in_a_vancouver_list():
    text = NLM_LIST + "Field JJ, Diaz JF, and Miller JH. Microtubule agents. Chem Rev. 2014;114:36-40.\n"
    (code, span, message, fixed), = found(text, "A005")
    assert (code, span) == ("A005", ", and ")
    assert message.startswith("`, and` before the last author (expected comma")
    assert fixed == "Field JJ, Diaz JF, Miller JH. Microtubule agents. Chem Rev. 2014;114:36-40."


def test_ampersand_before_the_last_author_in_a_vancouver_list():
    text = NLM_LIST + "Field JJ & Miller JH. Microtubule agents. Chem Rev. 2014;114:36-40.\n"
    assert [(c, s, f) for c, s, _m, f in found(text, "A005")] == [
        ("A005", " & ", "Field JJ, Miller JH. Microtubule agents. Chem Rev. 2014;114:36-40.")
    ]


def test_and_before_the_last_author_is_right_in_apa_and_in_a_list_that_always_writes_it():
    apa = APA_LIST + "Field, J. J., Diaz, J. F., & Miller, J. H. (2014). Agents. Chemical Reviews, 114, 36-40.\n"
    assert found(apa, "A005") == []
    always = ""
    for line in NLM_LIST.splitlines():
        authors, _, rest = line.partition(". ")
        head, _, last = authors.rpartition(", ")
        always += f"{head}, and {last}. {rest}\n"
    assert always.startswith("Smith AB, Jones CD, and Lee K. First title.")
    assert found(always, "A005") == []


def test_and_in_a_group_author_or_title_is_not_a_joiner():
    text = NLM_LIST + "Smith J, Jones K. Cats and dogs & mice. Chem Rev. 2014;114:36-40.\n"
    assert found(text, "A005") == []


# --- A006 -----------------------------------------------------------------------------------------


def test_a_surname_without_initials():
    text = NLM_LIST + "Santhosh TRLK, Krishnan. Oxidative stress. Indian J Med Res. 2010;131:1-9.\n"
    assert [(c, s, m, f) for c, s, m, f in found(text, "A006")] == [
        ("A006", "Krishnan", "surname `Krishnan` without initials", None)
    ]


def test_group_authors_suffixes_and_a_list_of_mononyms_are_quiet():
    group = NLM_LIST + "Smith J, Writing Committee. Guidelines. Indian J Med Res. 2010;131:1-9.\n"
    assert found(group, "A006") == []
    mononyms = "".join(
        f"Santoso{i}, Wijaya A. Title {i}. Med J Indones. 2010;{i}:1-9.\n" for i in range(1, 8)
    )
    assert found(mononyms, "A006") == []
    short = "Santhosh TRLK, Krishnan. Oxidative stress. Indian J Med Res. 2010;131:1-9.\n"
    assert found(short, "A006") == []  # one reference: no list to compare with


# --- A007 -----------------------------------------------------------------------------------------


def test_given_name_initials_read_as_surnames():
    text = NLM_LIST + (
        "Ab R, Sr K, Chandran D, Hegde S, Upadhya R, Se PK. Seizures. Epilepsy Res. 2015;110:1-9.\n"
        "Rao AB, Hegde S. Neurogenesis. Epilepsia. 2014;55:1-9.\n"
    )
    got = [(c, s, m) for c, s, m, _f in found(text, "A007")]
    assert got == [
        ("A007", "Ab R", "`Ab R` looks like `Rao AB` of reference 7 with its initials read as a surname"),
        ("A007", "Sr K", "`Sr` read as a surname in `Sr K`: initials or a suffix"),
        ("A007", "Se PK", "`Se PK`: `Se` looks like initials read as a surname"),
    ]


@pytest.mark.parametrize(
    "authors",
    [
        "Li X, Xu Y, Ng K, Oh S, Yu J",  # real two-letter surnames
        "Ma J, Wang L",  # `Ma J` with `Jones MA` elsewhere: Ma is a surname
        "Ab R, Chen L",  # one odd name alone, no one to compare with
    ],
)
def test_two_letter_surnames_are_surnames(authors):
    text = NLM_LIST + f"{authors}. Liver cells. Hepatology. 2019;70:1-9.\n" + (
        "Jones MA, Ruiz M. Ninth title. Cell. 2016;55:1-9.\n"
    )
    assert found(text, "A007") == []


# --- A008 -----------------------------------------------------------------------------------------


def test_comma_before_the_suffix_in_a_vancouver_list():
    text = NLM_LIST + "Brewer HB, Jr, Remaley AT. HDL and atherosclerosis. J Lipid Res. 2009;50:S1-9.\n"
    (code, span, message, fixed), = found(text, "A008")
    assert (code, span, message) == ("A008", ", ", "comma before the suffix in `Brewer HB, Jr` (NLM: `Brewer HB Jr`)")
    assert fixed == "Brewer HB Jr, Remaley AT. HDL and atherosclerosis. J Lipid Res. 2009;50:S1-9."


def test_the_suffix_is_read_as_part_of_the_name_not_as_an_author():
    text = NLM_LIST + "Smith J, Brewer HB, Jr. HDL and atherosclerosis. J Lipid Res. 2009;50:S1-9.\n"
    assert [(c, s) for c, s, _m, _f in found(text, "A008,A002,A006")] == [("A008", ", ")]


def test_suffix_forms_that_are_right_stay_quiet():
    nlm = NLM_LIST + "Brewer HB Jr, Remaley AT. HDL and atherosclerosis. J Lipid Res. 2009;50:S1-9.\n"
    assert found(nlm, "A008") == []
    apa = APA_LIST + "Brewer, H. B., Jr., & Remaley, A. T. (2009). HDL. Journal of Lipid Research, 50, 1-9.\n"
    assert found(apa, "A008") == []


# --- A009 -----------------------------------------------------------------------------------------


def test_hyphenated_initials_in_a_vancouver_list():
    text = NLM_LIST + "Zhang Y-B, Li X. Hepatic stellate cells. Hepatology. 2019;70:1-9.\n"
    (code, span, message, fixed), = found(text, "A009")
    assert (code, span, message) == ("A009", "Y-B", "hyphen in the initials `Y-B` (NLM: `YB`)")
    assert fixed is None  # a detected Vancouver list may be BMJ's, which keeps the hyphen
    (_code, _span, _message, fixed), = found(text, "A009", style="vancouver")
    assert fixed == "Zhang YB, Li X. Hepatic stellate cells. Hepatology. 2019;70:1-9."


def test_hyphenated_initials_are_right_outside_nlm_and_hyphenated_surnames_are_names():
    apa = APA_LIST + "Zhang, Y.-B., & Li, X. (2019). Hepatic stellate cells. Hepatology, 70, 1-9.\n"
    assert found(apa, "A009") == []
    nlm = NLM_LIST + "Garcia-Lopez J, Li X. Hepatic stellate cells. Hepatology. 2019;70:1-9.\n"
    assert found(nlm, "A009") == []
    ama = (
        "Smith AB, Jones CD, Lee K. First title. J Immunol. 2019;4:1-15. doi:10.1000/a1\n"
        "Lee K, Park J, Chen L. Second title. Blood. 2011;118:330-338. doi:10.1000/a2\n"
        "Chen L, Wu X, Diaz R. Third title. N Engl J Med. 2018;391:101-109. doi:10.1000/a3\n"
        "Zhang Y-B, Li X. Hepatic stellate cells. Hepatology. 2019;70:1-9. doi:10.1000/a4\n"
    )
    assert found(ama, "A009") == []  # AMA: the rule does not judge the hyphen
    assert found(ama, "A009", style="vancouver")[0][:2] == ("A009", "Y-B")


# --- A003 extended ----------------------------------------------------------------------------------

ET_AL_LIST = (
    "Kim J, Lee JH, Yeo SM, et al. Stem cell factors. In Vitro Cell Dev Biol Anim. 2014;50:146-54.\n"
    "Wu L, Leijten J, Van Blitterswijk CA, et al. Growth factor-1. Stem Cells Dev. 2013;22:2356-67.\n"
    "Choi H, Lee RH, Bazhanov N, et al. Anti-inflammatory protein. Blood. 2011;118:330-8.\n"
)


@pytest.mark.parametrize(
    "authors",
    ["Smith J, Brewer HB, Jr, et al", "Walsh M, Merkel PA, et al; PEXIVAS Investigators"],
)
def test_et_al_counts_neither_a_suffix_nor_a_group_after_it(authors):
    text = ET_AL_LIST + f"{authors}. Plasma exchange. N Engl J Med. 2020;382:622-31.\n"
    got = [(c, s, m) for c, s, m, _f in found(text, "A003")]
    assert got == [("A003", "et al", "et al. after 2 authors (expected 3, as in most of this list)")]


@pytest.mark.parametrize(
    "authors",
    ["Smith J, Brewer HB Jr, Doe A, et al", "Walsh M, Merkel PA, Peh CA, et al; PEXIVAS Investigators"],
)
def test_three_authors_before_et_al_with_a_suffix_or_a_group_are_three(authors):
    text = ET_AL_LIST + f"{authors}. Plasma exchange. N Engl J Med. 2020;382:622-31.\n"
    assert found(text, "A003") == []


def test_a_list_that_hyphenates_initials_throughout_does_so_on_purpose_unless_vancouver_is_set():
    text = NLM_LIST + (
        "Zhang Y-B, Li X. Hepatic stellate cells. Hepatology. 2019;70:1-9.\n"
        "Wang C-C, Chen C-H. Mesenchymal cell bodies. Stem Cells. 2009;27:724-32.\n"
    )
    assert found(text, "A009") == []
    configured = [s for _c, s, _m, _f in found(text, "A009", style="vancouver")]
    assert configured == ["Y-B", "C-C", "C-H"]

