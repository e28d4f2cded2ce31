"""The lexer Lark's parser is given for the reference grammar (parse.py). A module of its own,
imported only when Lark is needed: Lark's grammar cache stores the lexer class by its name."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lark import Token
from lark.lexer import Lexer

from .parse import master_pattern, scan


class SegmentLexer(Lexer):
    """Lark's LALR parser fed by parse.py's master regular expression."""

    def __init__(self, lexer_conf: Any) -> None:
        self.pattern = master_pattern(lexer_conf)

    def lex(self, data: str) -> Iterator[Token]:  # type: ignore[override]
        for tok in scan(data):
            yield Token(tok.type, tok.value, tok.start_pos)
