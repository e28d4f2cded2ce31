"""Clean, real reference lists are left alone (false-positive guard)."""

from __future__ import annotations

import pytest

from .conftest import FIXTURES, codes

LISTS = sorted((FIXTURES / "clean").glob("*.txt"))
# Slips in the publishers' own metadata that refslint rightly finds in these otherwise clean lists.
KNOWN = {
    # `Plan Ecol` for `Plant Ecol`; `Carrière Y` beside `Carriére Y` (A004); `Alcázar et al` (A006)
    "journal.pone.0080518": ["J006", "A004", "A006"],
    "journal.pbio.1000359": ["A004"],  # `Gomez-Consarnau L` beside `Gómez-Consarnau L`
    "journal.pntd.0001969": ["J003"],  # `Z Tropenmed Parasit`: ISO 4's form; NLM's is `Parasitol`
    # Not a slip: `Submission of data to GenBank. PNAS 1989;86:408` is a one-page note, which N008
    # (info) cannot tell from a range that lost its end among 13 ranges; its message says so.
    "journal.pbio.1001636": ["N008"],
}


@pytest.mark.parametrize("path", LISTS, ids=[p.stem for p in LISTS])
def test_clean_rendered_list_has_no_findings(path):
    assert codes(path.read_text(encoding="utf-8")) == KNOWN.get(path.stem, [])


@pytest.mark.parametrize("path", LISTS, ids=[p.stem for p in LISTS])
def test_clean_rendered_list_has_no_defects_under_the_vancouver_preset(path):
    # The preset may disagree with a house style (dash, elision, et al.), never find defects.
    style_rules = {"N006", "N007", "A003", "P006", "J005", "T002", "A001", "J001", "P007"}
    found = [c for c in codes(path.read_text(encoding="utf-8"), preset="vancouver") if c not in style_rules]
    assert found == KNOWN.get(path.stem, [])
