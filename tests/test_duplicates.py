"""D001's title similarity decides as difflib's SequenceMatcher.ratio() does (duplicates.py works
out its two quick upper bounds itself, so that difflib is imported only for a pair that passes
them): the same verdict on pairs of real titles and on random strings, at several thresholds."""

from __future__ import annotations

import itertools
from difflib import SequenceMatcher

from hypothesis import given, settings
from hypothesis import strategies as st

from refslint.api import references
from refslint.checks.duplicates import _similar_titles

from .conftest import FIXTURES

THRESHOLDS = (0.5, 0.8, 0.9, 0.95, 1.0)


def _ratio_verdict(a: str, b: str, threshold: float) -> bool:
    m = SequenceMatcher(None, a, b)
    return not (m.real_quick_ratio() < threshold or m.quick_ratio() < threshold or m.ratio() < threshold)


def _titles() -> list[str]:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "clean").glob("*.txt")))
    return [r.fields["title"].value for r in references(text) if "title" in r.fields][:120]


def test_real_titles_get_difflib_s_verdict():
    titles = _titles()
    assert len(titles) >= 100
    # every pair, and each title against itself with a slip (a near-duplicate)
    pairs = [*itertools.combinations(titles, 2), *((t, t.replace("e", "a", 1)) for t in titles)]
    for a, b in pairs:
        for threshold in THRESHOLDS:
            assert _similar_titles(a, b, threshold) == _ratio_verdict(a, b, threshold), (a, b, threshold)


@settings(max_examples=500, deadline=None)
@given(st.text("abcde ’é", min_size=1, max_size=30), st.text("abcde ’é", min_size=1, max_size=30))
def test_random_strings_get_difflib_s_verdict(a, b):
    for threshold in THRESHOLDS:
        assert _similar_titles(a, b, threshold) == _ratio_verdict(a, b, threshold)
