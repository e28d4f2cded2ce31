"""TeX markup in references (`\\bibitem` entries and BibTeX field values), read as text.

`\\textit{Nature}` and `{\\em Nature}` read `Nature`, `M\\'{e}ndez` reads `Méndez`, `--` an en
dash, `~` a space, `\\&` an ampersand, `\\url{...}` its address; other commands are dropped and
their arguments kept. Every character keeps the file offsets it came from (see mapped.py), so
positions point into the file and fixes never rewrite markup.
"""

from __future__ import annotations

import re
import unicodedata

from ..mapped import MappedText

_ACCENTS = {
    "'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304",
    ".": "\u0307", "c": "\u0327", "v": "\u030c", "u": "\u0306", "H": "\u030b", "r": "\u030a",
    "d": "\u0323", "b": "\u0331", "k": "\u0328",
}  # fmt: skip
_LETTERS = {
    "ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å",
    "AA": "Å", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "textendash": "–", "textemdash": "—",
    "textquoteright": "’", "textquoteleft": "‘", "textquotedblleft": "“", "textquotedblright": "”",
    "ldots": "…", "dots": "…", "textellipsis": "…", "S": "§", "P": "¶", "textregistered": "®",
    "copyright": "©", "texttrademark": "™", "textasciitilde": "~", "textmu": "µ", "textdegree": "°",
    "textpm": "±", "pm": "±", "times": "×", "textperiodcentered": "·", "cdot": "·",
    "textunderscore": "_", "textbackslash": "\\", "textbar": "|", "textless": "<",
    "textgreater": ">", "slash": "/", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ",
    "ng": "ŋ", "NG": "Ŋ", "dj": "đ", "DJ": "Đ",
}  # fmt: skip
_GREEK = (
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma tau"
    " upsilon phi chi psi omega"
).split()
for _name, _char in zip(_GREEK, "αβγδεζηθικλμνξπρστυφχψω", strict=True):
    _LETTERS[_name] = _char
    _LETTERS[_name.capitalize()] = _char.upper()
_LETTERS["varepsilon"], _LETTERS["varphi"], _LETTERS["vartheta"] = "ε", "φ", "ϑ"
_SYMBOLS = {"&": "&", "%": "%", "_": "_", "#": "#", "$": "$", "{": "{", "}": "}", " ": " ",
            ",": " ", ";": " ", ":": " ", "!": "", "/": "", "-": "", "@": "", "\\": " "}  # fmt: skip
# Commands whose first argument is not text: dropped with it.
_DROP_ARGUMENT = frozenset({"bibinfo", "bibfield", "noopsort", "href", "label", "BibitemShut", "natexlab"})
# Commands whose argument is copied as it is written (addresses keep `_`, `%`, `~`).
_VERBATIM = frozenset({"url", "path", "nolinkurl", "doi"})

_TOKEN = re.compile(
    r"(?P<accent>\\([\'`^\"~=.])[ \t]*(?:\{[ \t]*(\\?[A-Za-z])[ \t]*\}|(\\?[A-Za-z])))"
    r"|(?P<waccent>\\([cvuHrdbk])(?:[ \t]*\{[ \t]*(\\?[A-Za-z])[ \t]*\}|[ \t]+([A-Za-z])))"
    r"|(?P<cmd>\\[A-Za-z]+\*?)"
    r"|(?P<sym>\\[^A-Za-z\n])"
    r"|(?P<dash>---?)"
    r"|(?P<quote>``|'')"
    r"|(?P<tilde>~)"
    r"|(?P<brace>[{}$])"
    r"|(?P<comment>(?<!\\)%[^\n]*)"
)
_ARGUMENT = re.compile(r"[ \t]*\{")


def clean(text: str, start: int, end: int, out: MappedText | None = None) -> MappedText:
    """text[start:end] read as TeX, mapped to the file."""
    out = out if out is not None else MappedText()
    pos = start
    while pos < end:
        m = _TOKEN.search(text, pos, end)
        if m is None:
            break
        out.copy(text, pos, m.start())
        pos = m.end()
        kind = m.lastgroup
        if kind in ("accent", "waccent"):
            groups = m.groups()
            if kind == "accent":
                mark, base = groups[1], groups[2] or groups[3]
            else:
                mark, base = groups[5], groups[6] or groups[7]
            base = {"\\i": "i", "\\j": "j"}.get(base, base)
            out.put(unicodedata.normalize("NFC", base + _ACCENTS[mark]), m.start(), m.end())
        elif kind == "cmd":
            pos = _command(text, m, end, out)
        elif kind == "sym":
            char = _SYMBOLS.get(m.group(0)[1], m.group(0)[1])
            if char:
                out.put(char, m.start(), m.end())
        elif kind == "dash":
            out.put("–" if len(m.group(0)) == 2 else "—", m.start(), m.end())
        elif kind == "quote":
            out.put("“" if m.group(0) == "``" else "”", m.start(), m.end())
        elif kind == "tilde":
            out.put(" ", m.start(), m.end())
        # braces, math shifts and comments are dropped
    out.copy(text, pos, end)
    return out


def _argument_end(text: str, open_brace: int, end: int) -> int:
    """Offset after the `}` closing the group opened at open_brace (end if unclosed)."""
    depth = 0
    i = open_brace
    while i < end:
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return end


_SPACES = re.compile(r"[ \t]*")


def _command(text: str, m: re.Match[str], end: int, out: MappedText) -> int:
    name = m.group(0)[1:].rstrip("*")
    pos = _SPACES.match(text, m.end(), end).end()  # type: ignore[union-attr]  # TeX skips them
    if name in _LETTERS:
        out.put(_LETTERS[name], m.start(), pos)
        brace = _ARGUMENT.match(text, pos, end)
        if brace and text.startswith("}", brace.end()):  # `\ss{}`
            return brace.end() + 1
        return pos
    if name in _VERBATIM or name in _DROP_ARGUMENT:
        brace = _ARGUMENT.match(text, pos, end)
        if brace is None:
            return pos
        close = _argument_end(text, brace.end() - 1, end)
        if name in _VERBATIM:
            out.copy(text, brace.end(), max(brace.end(), close - 1))
        return close
    return pos
