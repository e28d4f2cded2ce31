"""A fix never damages a correct reference: what each rule declares about its fixes is checked
against what it emits, a fix never changes the year, volume, issue, pages or DOI a reference
says (a repeat it removes must agree with what stays), and the cases that once did damage stay
fixed.

The references are real (PLOS, CC BY 4.0; tests/fixtures/clean and the manuscripts fixture);
the mutations are what exports and copy-paste do to them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings

from refslint.api import lint_source, lint_text, references
from refslint.checks import all_rules
from refslint.config import build_config
from refslint.fix import apply_edits
from refslint.model import Source

from .conftest import FIXTURES, ROOT, run
from .test_properties import mutated_lists

CONFIG = build_config(isolated=True)
CONFIG.jobs = 1
RULES = {r.code: r for r in all_rules()}


def _inputs() -> list[tuple[str, str]]:
    """(path, text) of every list and manuscript the tests ship, in every format."""
    paths = [
        *sorted((FIXTURES / "clean").glob("*.txt")),
        *sorted((FIXTURES / "manuscripts").iterdir()),
        *sorted((FIXTURES / "no-harm").glob("*.*")),
        ROOT / "examples" / "references.txt",
    ]
    return [(p.name, p.read_text(encoding="utf-8")) for p in paths if p.suffix in (".txt", ".md", ".tex", ".bib")]


def _check_declared(diagnostics) -> None:
    for d in diagnostics:
        rule = RULES[d.code]
        if d.fix is None:
            continue
        assert rule.fix != "none", f"{d.code} declares no fix but offered one: {d.fix.message}"
        assert d.fix.applicability == rule.fix, f"{d.code} declares {rule.fix} fixes, offered {d.fix.applicability}"


@pytest.mark.parametrize(("name", "text"), _inputs(), ids=lambda v: v if len(v) < 60 else "")
def test_every_fix_has_the_safety_its_rule_declares(name, text):
    _check_declared(lint_source(Source(name, text), CONFIG).diagnostics)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mutated_lists())
def test_every_fix_of_mutated_lists_has_the_declared_safety(text):
    _check_declared(lint_source(Source("refs.txt", text), CONFIG).diagnostics)


# --- a fix never changes what the reference says ----------------------------------------------

_DIGITS = re.compile(r"\d+")


def _pages(value: str) -> tuple:
    """The pages a locator covers, with elided ends expanded (`706-13` and `706-713` alike)."""
    parts = [p for p in re.split(r"\s*[-–—]\s*", value.strip()) if p]
    nums = [_DIGITS.findall(p) for p in parts]
    if len(parts) == 2 and nums[0] and nums[1]:
        a, b = nums[0][0], nums[1][0]
        if len(b) < len(a):
            b = a[: len(a) - len(b)] + b
        return (re.sub(r"\d+", "#", parts[0]), int(a), int(b))
    if len(parts) == 2 and parts[0] == parts[1]:
        return (parts[0],)
    return tuple(parts)


def _said(ref) -> dict[str, object]:
    """What a reference says about where to find the work."""
    out: dict[str, object] = {}
    for name in ("year", "volume", "issue"):
        f = ref.get(name)
        if f:
            out[name] = f.value
    pages = ref.get("pages")
    if pages:
        value = _pages(pages.value)
        # A one-page range (`1653–1653`) says the same as the page alone.
        if len(value) == 3 and value[1] == value[2]:
            value = (str(value[1]),)
        out["pages"] = value
    dois = [m.group(0).rstrip(".").lower() for t in ref.trailers for m in re.finditer(r"10\.\d{4,9}/\S+", t.value)]
    if dois:
        out["doi"] = dois
    return out


def _protected(ref) -> list[tuple[int, int]]:
    """The spans of the year, volume, issue, pages and DOI of a reference."""
    spans = [ref.get(n).span for n in ("year", "volume", "issue", "pages") if ref.get(n)]
    spans += [t.span for t in ref.trailers if re.search(r"10\.\d{4,9}/", t.value)]
    return [(s.start, s.end) for s in spans]


# Rules whose whole point is that the digits they delete repeat what stays: a one-page range
# (`1653–1653`), the repeated leading digits of a full range (`706-713` -> `706-13`), a
# citation block exported twice.
REPEAT_RULES = {"N002", "N007", "E001", "E002"}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mutated_lists())
# (An elided end was offered for a range whose end has more digits than its start: `5590–51653`
# in a list that elides became `5590–1653`.)
@example(
    text="Oesterhelt D, Stoeckenius W. Rhodopsin-like protein from the purple membrane of Halobacterium"
    " halobium. Nat New Biol. 1971;233:149–52.\nBéjà O, Spudich EN, Spudich JL, Leclerc M, DeLong EF."
    " Proteorhodopsin phototrophy in the ocean. Nature. 2001;411:786–9.\n0Martinez A, Bradley AS,"
    " Waldbauer J, Summons RE, DeLong EF. Proteorhodopsin photosystem gene expression enables"
    " photophosphorylation in heterologous host. Proc Natl Acad Sci U S A. 2007;104:5590–51653–1653.\n"
)
def test_no_fix_deletes_a_digit_of_the_year_volume_pages_or_doi_unless_it_repeats(text):
    refs = {ref.index: ref for ref in references(text)}
    for d in lint_source(Source("refs.txt", text), CONFIG).diagnostics:
        if d.fix is None or d.reference < 0:
            continue
        protected = _protected(refs[d.reference])
        deleted = [
            e
            for e in d.fix.edits
            if any(text[i].isdigit() and any(a <= i < b for a, b in protected) for i in range(*e.span))
            and _DIGITS.findall(text[e.span.start : e.span.end]) != _DIGITS.findall(e.replacement)
        ]
        if not deleted:
            continue  # (an edit that keeps every digit, `2011;Ã©9` -> `2011;é9`, deletes none)
        assert d.code in REPEAT_RULES, (d.code, d.fix.message, text)
        # ... and what the reference says stays the same: the repeat agreed with what stays.
        after = {ref.index: _said(ref) for ref in references(apply_edits(text, list(d.fix.edits)))}
        assert after[d.reference] == _said(refs[d.reference]), (d.code, d.fix.message, text)


# --- the cases that once did damage ------------------------------------------------------------

CORRECT_VANCOUVER = """\
1. Smith AB, Jones CD. Gut microbiota and colitis. Gastroenterology. 2012;143(4):913-6.e7.
2. Lee K, Park J. Hepatic fibrosis signalling. Gastroenterology. 2011;140(5):1388-405.e21.
3. Chen X, Wu Y. Liver regeneration in mice. Gastroenterology. 2014;146(5):1406-23.e16.
4. Ng T, Ho P. Metabolic control of T cells. Cell. 2017;32(2):238-52 e9.
5. Roe J, Ray M. Stem cells in the intestine. Cell Stem Cell. 2022;20:65-73.e1.
6. Kim H, Oh S. A preprint about yeast. bioRxiv. 2024:2024.05.28.596319.
7. Davis R. Sepsis outcomes. Crit Care Med. 2010;38(Suppl 2):S3.
8. Gray L. Cochrane review of aspirin. Cochrane Database Syst Rev. 2014;(7):CD008582.
9. Moore P. Trials of supplements. Am J Clin Nutr. 2015;101 Suppl 1:S12-9.
"""

NATURE = """\
1. LeCun, Y., Bengio, Y. & Hinton, G. Deep learning. Nature 521, 436–444 (2015).
2. Silver, D. et al. Mastering the game of Go with deep neural networks and tree search. Nature 529, 484–489 (2016).
3. Krizhevsky, A., Sutskever, I. & Hinton, G. E. ImageNet classification with deep convolutional neural networks. Commun. ACM 60, 84–90 (2017).
4. Jumper, J. et al. Highly accurate protein structure prediction with AlphaFold. Nature 596, 583–589 (2021).
5. Vaswani, A. et al. Attention is all you need. Adv. Neural Inf. Process. Syst. 30, 5998–6008 (2017).
6. Hochreiter, S. & Schmidhuber, J. Long short-term memory. Neural Comput. 9, 1735–1780 (1997).
7. Mnih, V. et al. Human-level control through deep reinforcement learning. Nature 518, 529–533 (2015).
8. Rumelhart, D. E., Hinton, G. E. & Williams, R. J. Learning representations by back-propagating errors. Nature 323, 533–536 (1986).
"""

HARVARD = """\
Baumeister, R.F. and Leary, M.R. (1995) 'The need to belong: desire for interpersonal attachments as a fundamental human motivation', Psychological Bulletin, 117(3), pp. 497–529.
Deci, E.L. and Ryan, R.M. (2000) 'The "what" and "why" of goal pursuits', Psychological Inquiry, 11(4), pp. 227–268.
Smith, J. (2010) Research methods in psychology. 2nd edn. London: Sage.
Tversky, A. and Kahneman, D. (1974) 'Judgment under uncertainty: heuristics and biases', Science, 185(4157), pp. 1124–1131.
"""


def _fixed(tmp_path: Path, text: str, name: str = "refs.txt") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    run(["--isolated", "--fix", "--unsafe-fixes", name], cwd=tmp_path)
    return path.read_text(encoding="utf-8")


def test_e_pages_supplements_preprints_and_cochrane_are_pages_not_debris(tmp_path):
    codes = {d.code for d in lint_text(CORRECT_VANCOUVER, "refs.txt", CONFIG)}
    assert not codes & {"E001", "E002", "N001", "N003", "M005", "M006"}, codes
    assert _fixed(tmp_path, CORRECT_VANCOUVER) == CORRECT_VANCOUVER


def test_a_nature_list_gets_no_fix_and_its_years_are_no_debris(tmp_path):
    diagnostics = lint_text(NATURE, "refs.txt", CONFIG)
    assert "E001" not in {d.code for d in diagnostics}
    assert all(d.fix is None for d in diagnostics)
    assert _fixed(tmp_path, NATURE) == NATURE


def test_a_harvard_list_gets_no_fix(tmp_path):
    assert all(d.fix is None for d in lint_text(HARVARD, "refs.txt", CONFIG))
    assert _fixed(tmp_path, HARVARD) == HARVARD


def test_a_repeat_that_disagrees_with_the_first_block_is_not_dropped_safely():
    text = "1. Horie S. Cytokine pre-activation. Intensive Care Med Exp. 2020;8(1):8. 2020;8:9.\n"
    [d] = [d for d in lint_text(text, "refs.txt", CONFIG) if d.code in ("E001", "E002")]
    assert d.code == "E002" and d.fix.applicability == "unsafe"


def test_a_page_count_after_an_article_number_is_debris():
    text = "1. Liu L. TSG-6 attenuates inflammation. Sci Rep. 2016;6:30121. 2016;6:1–13.\n"
    [d] = [d for d in lint_text(text, "refs.txt", CONFIG) if d.code in ("E001", "E002")]
    assert d.code == "E001" and d.fix.applicability == "safe"
