"""The plain classes a run builds (`model.Record`: no `dataclasses` on a run) behave as the
dataclasses they replaced: equality field by field, `replace`, and a pickled copy equal to
the original, field for field (worker processes send references and documents pickled)."""

from __future__ import annotations

import copy
import pickle

import pytest

from refslint.api import read_document
from refslint.checks.base import Context
from refslint.config import build_config
from refslint.fix import FixResult
from refslint.model import Field, Reference, Source, Span
from refslint.parse import parse
from refslint.sources import plaintext

from .conftest import FIXTURES


def _reference() -> Reference:
    text = (FIXTURES / "manuscripts" / "references.txt").read_text(encoding="utf-8")
    entry = plaintext.entries(text)[0]
    ref = parse(entry, 0, "vancouver")
    ref.memo["journal-name"] = ("J Biol Chem", Span(1, 2))
    assert ref.fields and ref.authors  # (split: its names travel too)
    return ref


def _records():
    config = build_config(isolated=True)
    source = Source("refs.txt", (FIXTURES / "manuscripts" / "references.txt").read_text(encoding="utf-8"))
    return [
        _reference(),
        Context("refs.txt", {"style": "auto"}, "nlm", style="apa", settled=False),
        FixResult("fixed text", [], []),
        read_document(source),
        config.rule("D001"),
    ]


def _same(a, b) -> bool:
    """Equal, or (a compact table that compares by identity) the same items."""
    return a == b or (type(a) is type(b) and hasattr(a, "__len__") and list(a) == list(b))


@pytest.mark.parametrize("record", _records(), ids=lambda r: type(r).__name__)
def test_a_pickled_or_copied_record_is_the_same_field_for_field(record):
    for again in (pickle.loads(pickle.dumps(record, pickle.HIGHEST_PROTOCOL)), copy.copy(record)):
        assert type(again) is type(record)
        for name in record.__slots__:
            assert _same(getattr(again, name), getattr(record, name)), name


def test_records_compare_by_their_fields_and_replace_makes_a_changed_copy():
    ref = _reference()
    other = ref.replace(kind="book")
    assert other.kind == "book" and ref.kind == "journal" and other != ref
    assert other.replace(kind="journal") == ref
    assert ref.replace(fields={**ref.fields, "x": Field("x", "y", Span(0, 1))}) != ref
    with pytest.raises(TypeError, match="no field 'colour'"):
        ref.replace(colour="red")
    with pytest.raises(TypeError):
        hash(ref)
    rule = build_config(isolated=True).rule("T001")
    assert rule.replace(level="info").level == "info" and rule.level == "warning"
    with pytest.raises(AttributeError, match="frozen"):
        rule.level = "info"


def test_a_finding_travels_as_plain_data_and_comes_back_equal():
    """A split run's child sends its findings marshalled (Diagnostic.plain): every part of a
    finding (its fix's edits, related places, style) comes back as it was."""
    import marshal

    from refslint.api import lint_text
    from refslint.model import Diagnostic, Edit, Fix, Related

    text = (FIXTURES / "manuscripts" / "references.txt").read_text(encoding="utf-8")
    found = list(lint_text(text, "refs.txt", build_config(isolated=True)))
    made = Diagnostic(
        "refs.txt", "X999", "made", "a finding", Span(3, 9), "info",
        Fix("fix it", (Edit(Span(3, 4), "a"), Edit(Span(8, 9), "")), "unsafe"),
        (Related("other.bib", Span(0, 5), "here too"),), ("case", "title"), 4,
    )  # fmt: skip
    assert any(d.fix for d in found) and any(d.related for d in found)
    for d in [*found, made]:
        back = Diagnostic.from_plain(marshal.loads(marshal.dumps(d.plain())))
        assert back == d and type(back.span) is Span and (back.fix is None) == (d.fix is None)
