"""An author list split into names, by the name form its token was read in.

Each form's name pattern is the lexer's own (lexer.name_item), with the surname and the
initials as groups: `Smith AB` (compact), `Smith, A. B.` (inverted), `A. B. Smith` (given
first), and Chicago's inverted first name followed by given-first names. Text between names
that is not a separator (`, `, `; `, `and`, `&`) is kept as a name without a surname: what is
left of a garbled name (A002 reports it). Lists read loosely (garbled, or a group author) are
split at commas and semicolons (parse.split_author_list).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Author, Field, Reference, Span
from . import lexer, pieces

_FORMS = {
    "NAMES_COMPACT": ("compact",),
    "NAMES_INVERTED": ("inverted",),
    "NAMES_GIVEN_FIRST": ("given-first",),
    "NAMES_MIXED": ("inverted", "given-first"),  # the first name inverted, the others not
}
_SEPARATOR = re.compile(r"[\s,;]*(?:(?:and|&)\s+)?[\s,;]*")
_ET_AL = re.compile(rf",?\s*{pieces.ET_AL}\s*$")


@lru_cache(maxsize=8)
def _item(form: str) -> re.Pattern[str]:
    return re.compile(lexer.name_item(form, groups=True))


def split(ref: Reference) -> bool:
    """Fill ref.split_authors (and split_et_al) from the authors field; False when the list's
    form is not one of the four (the caller splits it at commas)."""
    forms = _FORMS.get(str(ref.memo.get("name-form")))
    field = ref.fields.get("authors")
    if forms is None or field is None:
        return False
    text, base = field.value, field.span.start
    out = ref.split_authors
    assert out is not None
    et_al = _ET_AL.search(text)
    end = len(text)
    if et_al:
        start = et_al.start() + len(et_al.group(0)) - len(et_al.group(0).lstrip(" ,"))
        ref.split_et_al = Field("et_al", text[start:end], Span(base + start, base + end))
        end = et_al.start()
    # (The patterns and methods looked up once a list, not once a name.)
    pattern, later = _item(forms[0]), _item(forms[-1])  # NAMES_MIXED: the first name inverted
    separator, append = _SEPARATOR.match, out.append
    pos = 0
    while pos < end:
        pos = separator(text, pos, end).end()  # type: ignore[union-attr]  # (it matches the empty string too)
        if pos >= end:
            break
        m = pattern.match(text, pos, end)
        pattern = later
        if m is None or m.end() == pos:
            nxt = text.find(",", pos, end)
            stop = end if nxt < 0 else nxt
            piece = text[pos:stop].strip()
            if piece:
                append(Author(piece, Span(base + pos, base + pos + len(piece))))
            pos = stop + 1
        else:
            body_end = m.end()
            while body_end > pos and text[body_end - 1] in " ,":
                body_end -= 1
            family, initials = m.group("family", "initials")
            append(Author(text[pos:body_end], Span(base + pos, base + body_end), family, initials))
            pos = m.end()
    return True
