"""The lexer Lark is given for the family grammars: the "text" it parses is a reference's token
types, separated by spaces (the real tokens come from styles/lexer.py). A module of its own,
imported only when Lark is: Lark's grammar cache stores the lexer class by its name."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lark import Token
from lark.lexer import Lexer


class TypeSequenceLexer(Lexer):
    def __init__(self, lexer_conf: Any) -> None:
        pass

    def lex(self, data: str) -> Iterator[Token]:  # type: ignore[override]
        for i, kind in enumerate(data.split()):
            yield Token(kind, kind, i)
