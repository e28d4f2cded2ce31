"""The lexer's shortcuts in finding where a text segment ends are exact: a token that starts
with a letter opens with one of its declared words (`lexer.LETTER_OPENINGS`), and a segment's
end found from its first sentence end is the one found from the next token anywhere after it."""

from __future__ import annotations

import re

import pytest

from refslint.styles import lexer

from .test_lexer import CORPUS


def test_every_token_that_starts_with_a_letter_opens_with_a_declared_word() -> None:
    checked = 0
    for spec in lexer.SPECS:
        compiled = re.compile(spec.pattern)
        opening = re.compile(lexer.LETTER_OPENINGS.get(spec.name, "(?!)"))
        for text in CORPUS:
            for m in re.finditer(r"(?<=\s)[^\W\d_]", text):
                if compiled.match(text, m.start()):
                    assert opening.match(text, m.start()), (spec.name, text[m.start() : m.start() + 40])
                    checked += 1
    assert checked > 300


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
