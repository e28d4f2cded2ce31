"""Citation styles: the pieces references are written with, the lexer, the family grammars, the
conventions of each style and how a list's style is recognised."""
