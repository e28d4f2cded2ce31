"""The lexer's shortcuts are exact: a token opens with its declared opening (`lexer.OPENINGS`:
it is compiled only where that is, and a text segment stops only where one is), and a segment's
end found from its first sentence end is the one found from the next token anywhere after it."""

from __future__ import annotations

import re

import pytest

from refslint.styles import lexer

from .test_lexer import CORPUS


def test_every_token_has_an_opening() -> None:
    assert set(lexer.OPENINGS) == {s.name for s in lexer.SPECS}


@pytest.mark.parametrize("spec", lexer.SPECS, ids=lambda s: s.name)
def test_every_token_opens_with_its_opening(spec: lexer.TokenSpec) -> None:
    compiled = re.compile(spec.pattern)
    opening = re.compile(lexer.OPENINGS[spec.name])
    checked = 0
    for text in CORPUS:
        for at in range(len(text)):
            if compiled.match(text, at):
                assert opening.match(text, at), (spec.name, text[at : at + 40])
                checked += 1
    assert checked > 0


@pytest.mark.parametrize("name", sorted(lexer.GATES))
def test_every_token_passes_its_gate(name: str) -> None:
    """A gate is a necessary condition: wherever the token matches, so does its gate."""
    spec = next(s for s in lexer.SPECS if s.name == name)
    compiled, gate = re.compile(spec.pattern), re.compile(lexer.GATES[name])
    checked = 0
    for text in CORPUS:
        for at in range(len(text)):
            if compiled.match(text, at):
                assert gate.match(text, at), (name, text[at : at + 40])
                checked += 1
    assert checked > 0


@pytest.mark.parametrize("spec", lexer.NAME_SPECS, ids=lambda s: s.name)
def test_every_author_list_passes_its_name_forms_gate(spec: lexer.TokenSpec) -> None:
    scanner = lexer._Scanner()
    (tried,) = [t for t in scanner._names if t.name == spec.name]
    gate, first_name = (re.compile(c) for c in tried.conditions)
    compiled = re.compile(spec.pattern)
    checked = 0
    for text in CORPUS:
        if compiled.match(text):
            assert gate.match(text) and first_name.match(text), (spec.name, text[:60])
            checked += 1
        elif first_name.match(text):  # (the first name alone: what names.py reads)
            assert gate.match(text), (spec.name, text[:60])
    assert checked > 0


def test_a_token_that_cannot_match_is_not_compiled() -> None:
    """In a Vancouver list the other styles' citation blocks open at numbers in titles and
    never match: their gates keep them from being compiled."""
    text = "Smith AB, Jones C. Effects of 3 doses, 5 mg and 12: a trial. Lancet. 2019;393(1):1-15."
    lexer._scanner.cache_clear()  # (a scanner of its own, its tokens not yet compiled)
    try:
        assert [t.type for t in lexer.scan(text)] == ["NAMES_COMPACT", "SEG", "ABBR", "VCITE"]
        tokens = lexer._scanner()._tries
        assert tokens["VCITE"].match != tokens["VCITE"]._compile_and_match
        for name in ("VCOMMA", "VCOLON", "YVP", "VOLONLY"):
            assert tokens[name].match == tokens[name]._compile_and_match, name
    finally:
        lexer._scanner.cache_clear()


def _segment_end_from_the_next_token(text: str, pos: int, first: bool) -> int:
    """`_segment_end` as it was: the next token found first, anywhere after pos."""
    stop = lexer._Scanner().stop(text, pos + 1, first)
    limit = len(text)
    if stop is not None:
        limit = stop
        while limit > pos + 1 and text[limit - 1].isspace():
            limit -= 1
    for m in lexer._SENTENCE_END.finditer(text, pos + 1, limit):
        if m.group(0) == "." and lexer._NOT_AN_END.match(text, m.start()):
            genus = m.start() >= 2 and text[m.start() - 1].isupper() and not text[m.start() - 2].isalnum()
            if genus or stop is None or not re.compile(lexer._LOWER_JOURNAL).fullmatch(text, m.end(), limit):
                continue
        return m.end()
    return limit


@pytest.mark.parametrize("first", [True, False])
def test_segment_ends_found_from_the_first_sentence_end_are_the_same(first: bool) -> None:
    checked = 0
    for text in CORPUS[::3]:
        for pos in range(0, len(text) - 1, 7):
            assert lexer._segment_end(text, pos, first) == _segment_end_from_the_next_token(text, pos, first), (
                text,
                pos,
            )
            checked += 1
    assert checked > 2000
