"""The compact author-name summaries the list rules A004 and A007 read (NameUses), and the
fast paths of the surname key and the initials' normal form."""

from __future__ import annotations

import pickle
from array import array

import pytest

from refslint.checks.author_list import NameUses, _initials, name_key
from refslint.model import Span


@pytest.mark.parametrize(
    ("family", "key"),
    [
        ("Smith", "smith"),  # ASCII letters: the fast path
        ("McDonald", "mcdonald"),
        ("Lötsch", "lotsch"),
        ("O'Brien", "obrien"),
        ("O’Brien", "obrien"),
        ("Van der Berg", "vanderberg"),
        ("Wray-Cahen", "wraycahen"),
        ("Łukasz", "lukasz"),
        ("Strauß", "strauss"),
    ],
)
def test_name_key_folds_case_accents_and_marks(family, key):
    assert name_key(family) == key


@pytest.mark.parametrize(("written", "compact"), [("AB", "AB"), ("A. B.", "AB"), ("A-B", "AB"), ("ab", "AB"), ("É", "É")])
def test_initials_are_compacted(written, compact):
    assert _initials(written) == compact


def test_name_uses_give_each_name_with_its_span_and_survive_pickling():
    bounds = array("q", [10, 18, 20, 28]).tobytes()
    uses = NameUses(4, "5", ("Smith", "Jones"), ("AB", "C"), bounds)
    again = pickle.loads(pickle.dumps(uses, pickle.HIGHEST_PROTOCOL))
    for record in (uses, again):
        assert len(record) == 2
        first, second = record.use(0), record.use(1)
        assert (first.index, first.ref, first.family, first.initials, first.span) == (4, "5", "Smith", "AB", Span(10, 18))
        assert (second.family, second.initials, second.span) == ("Jones", "C", Span(20, 28))
