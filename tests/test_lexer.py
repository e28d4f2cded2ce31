"""The lexer's shortcut is exact: trying at each position only the tokens that can start with its
character (`TokenSpec.starts`) gives the same tokens as trying every token, on real references
in every style of the test corpora."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from refslint.styles import lexer

FIXTURES = Path(__file__).parent / "fixtures"
_NUMBERING = re.compile(r"^\s*(?:\[\d+\]|\(\d+\)|\d+\.)\s*")


def _corpus() -> list[str]:
    texts = []
    for path in sorted([*FIXTURES.glob("styles/*.txt"), *FIXTURES.glob("no-harm/*.txt")]):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = _NUMBERING.sub("", line).strip()
            if len(line) > 20:
                texts.append(line)
    return texts


def _every_token(first: bool) -> re.Pattern[str]:
    """All token specs in the lexer's priority order, with no shortcut."""
    specs = list(lexer.SPECS)
    if first:
        specs = [*specs[:1], *lexer.NAME_SPECS, *specs[1:]]
    unnamed = re.compile(r"\(\?P<\w+>")
    return re.compile("|".join(f"(?P<{s.name}>{unnamed.sub('(?:', s.pattern)})" for s in specs))


CORPUS = _corpus()


def test_the_corpus_is_large_and_many_styled() -> None:
    assert len(CORPUS) > 400


@pytest.mark.parametrize("first", [True, False])
def test_every_token_starts_with_a_character_its_spec_declares(first: bool) -> None:
    every = _every_token(first)
    starts = {s.name: s.starts for s in (*lexer.SPECS, *lexer.NAME_SPECS)}
    checked = 0
    for text in CORPUS:
        # (tokens start after spaces or at a comma)
        for pos in {0} if first else {m.end() for m in re.finditer(r"\s+|^", text)} | {
            m.start() for m in re.finditer(",", text)
        }:
            m = every.match(text, pos)
            if m is None or m.end() == pos:
                continue
            declared = starts[m.lastgroup]
            assert not declared or text[pos] in declared, (m.lastgroup, text[pos:pos + 40])
            checked += 1
    assert checked > (400 if first else 2000)


def test_scanning_with_the_shortcut_equals_scanning_without() -> None:
    for text in CORPUS:
        tokens = lexer.scan(text)
        for index, tok in enumerate(tokens):
            m = _every_token(index == 0).match(text, tok.start)
            if tok.type in {s.name for s in (*lexer.SPECS, *lexer.NAME_SPECS)} or tok.type == "QUOTEPART":
                assert m is not None and m.end() == tok.end, (text, tok)
                assert m.lastgroup == ("QUOTED" if tok.type == "QUOTEPART" else tok.type)
            else:  # a text segment: no token could start there
                assert m is None or m.end() == tok.start, (text, tok, m and m.lastgroup)
        # Segments and tokens tile the reference: in order, only spaces between them.
        ends = [0] + [t.end for t in tokens]
        assert all(text[end:tok.start].isspace() or end == tok.start for end, tok in zip(ends, tokens, strict=False))
        assert ends[-1] == len(text.rstrip())


@pytest.mark.parametrize("first", [True, False])
def test_stops_found_by_trying_the_tokens_equal_the_alternation(first: bool) -> None:
    """A short list's segments find their stops token by token (no big alternation compiled);
    a long list's by the alternation: the same stops."""
    by_tokens, searched = lexer._Scanner(), lexer._Scanner()
    searched.stops_asked = lexer.STOPS_BY_TOKENS
    checked = 0
    for text in CORPUS:
        for pos in range(1, len(text), 5):
            assert by_tokens.stop_by_tokens(text, pos, first) == searched.stop(text, pos, first), (text, pos)
            checked += 1
    assert checked > 10_000
