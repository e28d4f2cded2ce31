"""Property-based tests over the grammar, the engine and --fix, and fuzzing of what refslint
reads: random and mutated reference lists never crash refslint, every finding lies inside the
file, --fix is idempotent, edits only inside the spans it reports and never increases the
number of problems; arbitrary bytes and Unicode give findings or X001, never a traceback.

The references are real (PLOS, CC BY 4.0; tests/fixtures/clean and the manuscripts fixture)."""

from __future__ import annotations

import codecs
from collections import Counter

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from refslint.api import fix_source, lint_bytes, lint_source
from refslint.config import build_config
from refslint.engine import is_style_rule
from refslint.model import Source

from .conftest import FIXTURES

CONFIG = build_config(isolated=True)
CONFIG.jobs = 1


def _real_references() -> list[str]:
    refs = []
    for path in [*sorted((FIXTURES / "clean").glob("*.txt")), FIXTURES / "manuscripts" / "references.txt"]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                refs.append(line.split(". ", 1)[1] if line[:1].isdigit() else line)
    return refs


REFS = _real_references()
# What reference managers and copy-paste leave behind, and what breaks parsers.
DEBRIS = [
    " 2019;4:1–15.", ". Vol Page 2020;21:7038", "0", ".", "..", ",", ";", ":", "  ", "(", ")", "[", "]",
    "–", "-", "’", '"', "et al.", " The. ", "\t", "\u00a0", "\u200f", "\u202e", "\u0301", "Ã©", "\ufeff",
    "\x07", "doi:10.1000/xyz", " https://example.org ", "1653–1653", "R149–12", "2016; 6:30121",
]  # fmt: skip


@st.composite
def mutated_lists(draw) -> str:
    refs = draw(st.lists(st.sampled_from(REFS), min_size=1, max_size=12))
    out = []
    for ref in refs:
        for _ in range(draw(st.integers(0, 3))):
            pos = draw(st.integers(0, len(ref)))
            action = draw(st.sampled_from(["insert", "delete", "repeat"]))
            if action == "insert":
                ref = ref[:pos] + draw(st.sampled_from(DEBRIS)) + ref[pos:]
            elif action == "delete":
                ref = ref[:pos] + ref[pos + draw(st.integers(1, 12)) :]
            else:
                ref = ref[:pos] + ref[max(0, pos - 20) : pos] + ref[pos:]
        out.append(ref)
    numbered = draw(st.booleans())
    return "".join(f"{i}. {r}\n" if numbered else f"{r}\n" for i, r in enumerate(out, 1))


SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(text=mutated_lists())
@example(
    text="Musser FR, Lorenz GM, Stewart SD, Bagwell RD, Leonard BR, et al. Tarnished plant bug thresholds for "
    "cotton. J Econ Entomol. 2009;102:2109–15.\n 2019;4:1–15. 2019;4:1–15.Oesterhelt D, Stoeckenius W. "
    "Rhodopsin-like protein. Nat New Biol. 1971;233:149–52.\nMusser R,Musser R, Lorenz GM\t, Stewart SD, "
    "Bagwell RD, Leonard BR, et al. Tarnished plant bug thresholds for cotton. J Econ Entomol. "
    "2009;102:2109–15.\n"
)
@example(
    text="Oesterhelt D, Stoeckenius W. Rhodopsin-like protein. Nat New Biol. 1971;233:149–52.\n"
    "Atamna-Ismaeel N,Atamna-Ismaeel N, Sabehi G, Sharon I, Witzel K-P, Labrenz M, et al. Widespread "
    "distribution of proteorhodopsins. ISME J. 2008;2:656–62.\nGlinz D, Silué KD, Knopp S, Lohourignon LK, "
    "Yao KP, et al. Comparing diagnostic accuracy. PLoS Negl Trop Dis. 2010;4:e754.\nCoulibaly JT, Knopp S, "
    "N'Guessan N  A, Silué KD, Fürst T, et al. Accuracy of urine CCA test. PLoS Negl Trop Dis. 2011;5:e1384.\n"
)
def test_fix_is_idempotent_stays_inside_reported_spans_and_never_adds_problems(text):
    source = Source("refs.txt", text)
    before = lint_source(source, CONFIG).diagnostics
    for d in before:
        assert 0 <= d.span.start <= d.span.end <= len(text)
    fixed, after = fix_source(source, CONFIG)
    for d in fixed.fixed:
        for edit in d.fix.edits:
            assert d.span.start <= edit.span.start <= edit.span.end <= d.span.end, (d.code, d, edit)
    # No new problem anywhere the fix did not edit. A reference it edited may show what the repair
    # made readable (`Musser R,Musser R, Lorenz GM\t, ...`: once the tab before the comma is gone
    # the author list reads, and its et al. count and its twin elsewhere in the list are seen).
    # A finding that pairs two references (a duplicate) may appear on the other one too. A house
    # style is the list's majority, so a reference the repair made readable votes, and another
    # reference may now stand out against it (`N'Guessan N  A` read as five authors before et al.
    # once the double space is gone: the six of `Atamna-Ismaeel N,Atamna-Ismaeel N, ...` are the
    # minority).
    edited = {d.reference for d in fixed.fixed}
    paired = {(d.code, d.reference) for d in after.diagnostics if d.related and edited}
    house = {r.code for r in CONFIG.rules if is_style_rule(r)} if edited else set()
    added = Counter((d.code, d.reference) for d in after.diagnostics)
    added.subtract(Counter((d.code, d.reference) for d in before))
    new = [key for key, n in added.items() if n > 0 and key[1] not in edited and key not in paired]
    assert not [key for key in new if key[0] not in house], added
    again, _ = fix_source(Source("refs.txt", fixed.text), CONFIG)
    assert again.text == fixed.text


@SETTINGS
@given(text=mutated_lists())
def test_unsafe_fixes_are_idempotent_too(text):
    fixed, _ = fix_source(Source("refs.txt", text), CONFIG, unsafe=True)
    again, _ = fix_source(Source("refs.txt", fixed.text), CONFIG, unsafe=True)
    assert again.text == fixed.text


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=3000))
def test_arbitrary_bytes_never_crash(data):
    result = lint_bytes("fuzz.txt", data, CONFIG)
    if result.source is None:
        assert [d.code for d in result.diagnostics] == ["X001"]


UNICODE = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from(["\u200f", "\u202e", "\u0301", "\u0308", "\x00", "\x1b", "\r", "\n", "\t", "1", ".", ";"]),
    ),
    max_size=400,
)


@settings(max_examples=300, deadline=None)
@given(text=UNICODE, encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_arbitrary_unicode_in_every_readable_encoding(text, encoding):
    result = lint_bytes("fuzz.txt", text.encode(encoding), CONFIG)
    if "\x00" in text and encoding == "utf-8":
        assert [d.code for d in result.diagnostics] == ["X001"]  # NUL: a binary file
    elif result.source is not None:
        for d in result.diagnostics:
            assert 0 <= d.span.start <= d.span.end <= len(result.source.text)


@settings(max_examples=100, deadline=None)
@given(text=UNICODE.filter(lambda t: any(ord(c) > 127 for c in t)))
def test_latin1_and_lone_surrogates_are_reported_not_guessed(text):
    latin1 = text.encode("latin-1", errors="ignore") + "é".encode("latin-1")
    result = lint_bytes("legacy.txt", latin1, CONFIG)
    if result.source is None:
        assert "legacy.txt" in result.diagnostics[0].message
    surrogate = text.encode("utf-8") + "\ud800".encode("utf-8", "surrogatepass")
    result = lint_bytes("broken.txt", surrogate, CONFIG)
    assert [d.code for d in result.diagnostics] == ["X001"]


def test_utf16_without_bom_is_reported():
    data = "1. Umezawa Y. Psoriatic arthritis. J Dermatol. 2021;48(6):741-9.\n".encode("utf-16-le")
    assert [d.code for d in lint_bytes("x.txt", data, CONFIG).diagnostics] == ["X001"]
    with_bom = codecs.BOM_UTF16_LE + data
    assert lint_bytes("x.txt", with_bom, CONFIG).source is not None
