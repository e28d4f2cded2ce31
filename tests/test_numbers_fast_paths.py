"""The fast paths of the N rules give what the slow ones give (issue 14's speed work)."""

from refslint.checks.numbers import _RANGE, _simple_range


def test_simple_range_reads_as_the_range_pattern():
    for value in ["855-60", "1023–1031", "1-11", "12-12", "025003-1", "5590–1653"]:
        r = _simple_range(value, 100)
        assert r is not None
        (m,) = list(_RANGE.finditer(value))
        assert (r.first, r.last, r.dash) == (m.group("first"), m.group("last"), m.group("dash"))
        assert (r.start, r.dash_start, r.last_start, r.last_end, r.end) == (
            100 + m.start(), 100 + m.start("dash"), 100 + m.start("last"), 100 + m.end("last"), 100 + m.end(),
        )  # fmt: skip


def test_simple_range_leaves_other_texts_to_the_pattern():
    for value in ["e52-8", "13,345–13,372", "174 -184", "913-6.e7", "1-2-3", "１２-１３", "12—13", "-12", "12-"]:
        assert _simple_range(value, 0) is None
