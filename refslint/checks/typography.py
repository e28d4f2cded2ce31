"""P: punctuation and typography defects that are wrong in every style, plus the two
house-style choices of spacing in the citation block and the final period."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

from .. import vocab
from ..model import LIST_FORMATS, Reference, Span
from .base import Context, Finding, Rule, edit_fix, lazy_fix, local

# Patterns only some inputs need are compiled at their first use, not at import (those a cheap
# search gates, below, included).
_pattern = cache(re.compile)

_DIGIT_IN_WORD = r"(?<![\w-])([^\W\d_]{2,})(\d)([a-z]{2,})(?![\w-])"
_DOUBLED = re.compile(r"([.,;:])\1(?!\1)|[,;]\.|,;|;,")
# Only `,` and `.`: French typography puts a space before `;` and `:`.
_SPACE_BEFORE = r"(?<=[^\s.])[ \t\u00a0]+([,.])(?=\s|$)"
_DOUBLE_SPACE = r"(?<=\S)[ \u00a0]{2,}(?=\S)"
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\ufffd]")

_MOJIBAKE = r"(?:Ã[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u2122]|Â[\u00a0-\u00bf]|â€[\u0080-\u00bf\u2018-\u203a\u2122\u0153\u02dc]?|Î[\u00b1-\u00bf\u0080-\u00a0]|ï¬[\u0080-\u00bf])"
_LONE_QUOTE = re.compile(r"(?<!\S)[’'′″\"“”‘`´](?!\S)")
_SEPARATOR = re.compile(r"([;:])([ \t]*)(?=\S)")
_OPEN, _CLOSE = "([{", ")]}"


# Patterns start with their rarest character so that the scan fails fast at most positions.
# Triggers: cheap patterns the findings need (the engine searches the whole list with them).
_LETTER_DIGIT_LETTER = re.compile(r"[^\W\d_]\d[a-z]")
# The trigger: a superset of the above that starts with a digit. A Unicode letter class at the
# front is tested at every position of the list (13 us a reference; this takes 3).
_DIGIT_LETTER = re.compile(r"\d[a-z]")


def check_digit_in_word(ref: Reference, ctx: Context) -> Iterator[Finding]:
    if not _LETTER_DIGIT_LETTER.search(ref.raw):
        return  # the common case, decided by one fast scan
    accepted = ctx.cache.get("accepted")
    if accepted is None:
        accepted = ctx.cache["accepted"] = frozenset(vocab.fold(w) for w in ctx.options["accepted-words"])
    for m in _pattern(_DIGIT_IN_WORD).finditer(ref.raw):
        word = m.group(0)
        mended = m.group(1) + m.group(3)
        known = vocab.is_known_word(mended, accepted)
        if vocab.fold(word) in accepted:
            continue
        if not known and not m.group(1).islower():
            continue  # `Matrilin3a`, gene-like symbols: only flag plain lower-case words
        span = local(ref, m.start(), m.end())
        fix = edit_fix(f"replace with `{mended}`", span, mended) if known else None
        yield Finding(span, f"digit inside the word `{word}`", fix)


# One character class is scanned many times faster than an alternation: each check below first
# asks a cheap question of the raw text and returns at once for the (common) clean reference.
_TWO_MARKS = re.compile(r"[.,;:][.,;:]")
_SPACE_MARK = re.compile(r"[ \t\u00a0][,.]")
_TWO_SPACES = re.compile(r"[ \u00a0][ \u00a0]")
_MOJIBAKE_LEAD = re.compile("[\u00c3\u00c2\u00e2\u00ce\u00ef]")


def check_doubled_punctuation(ref: Reference, ctx: Context) -> Iterator[Finding]:
    if not _TWO_MARKS.search(ref.raw):
        return
    for m in _DOUBLED.finditer(ref.raw):
        if m.group(0) == ".." and ref.raw[m.start() - 1 : m.start()] == ".":
            continue
        span = local(ref, m.start(), m.end())
        keep = m.group(0)[-1] if m.group(0)[-1] == "." else m.group(0)[0]
        fix = edit_fix(f"replace with `{keep}`", span, keep) if m.group(1) else None
        yield Finding(span, f"doubled punctuation `{m.group(0)}`", fix)


_BRACKET = re.compile(r"[()\[\]{}]")


def check_brackets(ref: Reference, ctx: Context) -> Iterable[Finding]:
    raw = ref.raw
    if (
        raw.count("(") == raw.count(")")
        and raw.count("[") == raw.count("]")
        and "{" not in raw
        and "}" not in raw
    ):
        if raw.find(")") >= raw.find("(") and raw.find("]") >= raw.find("["):
            return ()  # balanced counts, opened before closed: the common case, in C (and no generator)
    return _unbalanced(ref)


def _unbalanced(ref: Reference) -> Iterator[Finding]:
    stack: list[tuple[str, int]] = []
    for m in _BRACKET.finditer(ref.raw):
        i, ch = m.start(), m.group(0)
        if ch in _OPEN:
            stack.append((ch, i))
        elif ch in _CLOSE:
            want = _OPEN[_CLOSE.index(ch)]
            if stack and stack[-1][0] == want:
                stack.pop()
            else:
                yield Finding(local(ref, i, i + 1), f"unmatched closing bracket `{ch}`")
                stack.clear()
    for ch, i in stack:
        yield Finding(local(ref, i, i + 1), f"unclosed bracket `{ch}`")


def check_space_before_punctuation(ref: Reference, ctx: Context) -> Iterator[Finding]:
    if not _SPACE_MARK.search(ref.raw):
        return
    for m in _pattern(_SPACE_BEFORE).finditer(ref.raw):
        if any(t.span.end == ref.span.start + m.start() for t in ref.trailers):
            continue  # "doi: 10.1/x ." keeps the period off the link on purpose
        span = local(ref, m.start(), m.end(1))
        yield Finding(span, f"space before `{m.group(1)}`", edit_fix("remove the space", span, m.group(1)))


def check_doubled_space(ref: Reference, ctx: Context) -> Iterator[Finding]:
    if not _TWO_SPACES.search(ref.raw):
        return
    for m in _pattern(_DOUBLE_SPACE).finditer(ref.raw):
        span = local(ref, m.start(), m.end())
        yield Finding(span, "doubled space", edit_fix("use one space", span, " "))


# (separator, spaced?) -> the vote: made once, not per citation block.
_SPACING_VOTE = {
    (";", True): "spaced@;", (":", True): "spaced@:", (";", False): "compact@;", (":", False): "compact@:",
}  # fmt: skip


def check_cite_spacing(ref: Reference, ctx: Context) -> list[Finding]:
    """House style: `2016;6:30121` or `2016; 6: 30121`. Each citation block votes.

    A plain function, not a generator: it runs on every reference of the list."""
    fields = ref.fields
    cite = fields.get("cite")
    if cite is None or ref.style != "vancouver":
        return []
    volume = fields.get("volume")
    if volume is None or not (volume.value.isdigit() or any(c.isdigit() for c in volume.value)):
        # Not a citation block: a conference's dates and place (`2001 Sep 13-15; Leeds`), a
        # web page's `[updated 2002 May 16; cited 2002 Jul 9]`.
        return []
    # (A `:` right after the year is judged too: the volume is there, so it is not the `2021:741`
    # of a missing volume.)
    found = []
    for m in _SEPARATOR.finditer(cite.value):
        sep, space = m.groups()
        style = _SPACING_VOTE[sep, bool(space)]
        if not ctx.wants(style):
            continue  # decided before any object is built: most references follow the style
        start = cite.span.start + m.start()
        if space:
            span = Span(start, start + len(m.group(0)))
            message = f"space after `{sep}` in the citation block ({{expected}})"
            fix = lazy_fix("remove the space", span, sep)
        else:
            span = Span(start, start + 1)
            message = f"no space after `{sep}` in the citation block ({{expected}})"
            fix = lazy_fix("add a space", span, sep + " ")
        found.append(Finding(span, message, fix, style=style))
    return found


def check_final_period(ref: Reference, ctx: Context) -> tuple[Finding, ...]:
    """House style: a final period or none. A plain function: it runs on every reference."""
    raw = ref.raw.rstrip()
    if not raw:
        return ()
    last_trailer = ref.trailers[-1] if ref.trailers else None
    if last_trailer and last_trailer.span.end >= ref.span.start + len(raw):
        return ()  # a reference may end with a DOI or URL, where a period would break the link
    end = ref.span.start + len(raw)
    if raw.endswith((";", ":", ",")):
        return ()  # an unfinished citation block: M005/M006 say what is missing
    if ref.extras and ref.extras[-1].span.end >= ref.span.start + len(raw):
        return ()  # ends with export debris (E001); removing it restores the period
    if raw.endswith((".", "?", "!", ".)", ".]", '."', ".”")):
        if ctx.wants("period"):
            return (Finding(Span(end - 1, end), "final period ({expected})", style="period"),)
    elif ctx.wants("none"):
        return (
            Finding(
                Span(end - 1, end),
                "reference does not end with a period ({expected})",
                lazy_fix("add a final period", Span(end, end), "."),
                style="none",
            ),
        )
    return ()


def check_control(ref: Reference, ctx: Context) -> Iterator[Finding]:
    for m in _CONTROL.finditer(ref.raw):
        span = local(ref, m.start(), m.end())
        name = f"U+{ord(m.group(0)):04X}"
        if m.group(0) == "\ufffd":
            yield Finding(span, "replacement character U+FFFD: a character was lost in conversion")
        else:
            yield Finding(span, f"invisible control character {name}", edit_fix("remove it", span, ""))


def _demojibake(text: str) -> str | None:
    try:
        fixed = text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        try:
            fixed = text.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return None
    return fixed if fixed != text else None


def check_mojibake(ref: Reference, ctx: Context) -> Iterator[Finding]:
    if not _MOJIBAKE_LEAD.search(ref.raw):
        return
    for m in _pattern(_MOJIBAKE).finditer(ref.raw):
        # Widen to the whole word so the fix re-decodes complete byte sequences.
        start, end = m.start(), m.end()
        while start > 0 and not ref.raw[start - 1].isspace():
            start -= 1
        while end < len(ref.raw) and not ref.raw[end].isspace():
            end += 1
        word = ref.raw[start:end]
        mended = _demojibake(word)
        span = local(ref, start, end)
        fix = edit_fix(f"replace with `{mended}`", span, mended) if mended else None
        yield Finding(span, f"mojibake `{word}` (UTF-8 read as Windows-1252)", fix)


_QUOTE = re.compile("[’'′″\"“”‘`´]")


def check_lone_quote(ref: Reference, ctx: Context) -> Iterator[Finding]:
    if not _QUOTE.search(ref.raw):
        return
    authors = ref.get("authors")
    for m in _LONE_QUOTE.finditer(ref.raw):
        span = local(ref, m.start(), m.end())
        if authors and authors.span.start <= span.start < authors.span.end:
            continue  # reported as a garbled author name (A002)
        yield Finding(span, f"stray quote mark `{m.group(0)}`")


RULES = [
    Rule(
        code="P001",
        trigger=_DIGIT_LETTER,
        name="digit-in-word",
        summary="A digit inside a word",
        description=(
            "A digit between letters (`Pharm0aceutics`) is a typing or OCR slip. Words that mix "
            "letters and digits by design (gene and product names such as `Matrilin3`) are "
            "left alone unless removing the digit gives a known word. The fix removes the digit "
            "when exactly one known word results."
        ),
        bad="Munoz-Perez E. Secretome delivery. Pharm0aceutics. 2021;13(11):1802.",
        good="Munoz-Perez E. Secretome delivery. Pharmaceutics. 2021;13(11):1802.",
        check=check_digit_in_word,
        level="error",
        fix="safe",
        options={"accepted-words": []},
        option_docs={"accepted-words": "words with digits that are correct (matched ignoring case)"},
    ),
    Rule(
        code="P002",
        trigger=_TWO_MARKS,
        name="doubled-punctuation",
        summary="Doubled punctuation",
        description="Two punctuation marks where one belongs (`JD..`, `,,`, `;.`). An ellipsis "
        "`...` is not flagged. The fix keeps one mark when both are the same.",
        bad="Starnes CW, Welsh JD.. Intestinal sucrase deficiency. N Engl J Med. 1970;282:1023-4.",
        good="Starnes CW, Welsh JD. Intestinal sucrase deficiency. N Engl J Med. 1970;282:1023-4.",
        check=check_doubled_punctuation,
        level="error",
        fix="safe",
    ),
    Rule(
        code="P003",
        name="unbalanced-brackets",
        summary="Unbalanced brackets",
        description="A parenthesis or bracket without its partner, often from a journal name "
        "exported with an extra `)` or a title cut short.",
        bad="Nazemian V. Long term treatment. Cell Mol Biol (Noisy-le-Grand)). 2018;64(1):19-26.",
        good="Nazemian V. Long term treatment. Cell Mol Biol (Noisy-le-Grand). 2018;64(1):19-26.",
        check=check_brackets,
        level="error",
    ),
    Rule(
        code="P004",
        trigger=_SPACE_MARK,
        name="space-before-punctuation",
        summary="Space before punctuation",
        description="A space before a period or a comma (`restenosis . J Am`). Spaces before "
        "`;` and `:` are left alone (French typography uses them). The fix removes the space.",
        bad="Mufson L. A randomized trial of aspirin . J Am Coll Cardiol. 1988;11:236-64.",
        good="Mufson L. A randomized trial of aspirin. J Am Coll Cardiol. 1988;11:236-64.",
        check=check_space_before_punctuation,
        level="warning",
        fix="safe",
    ),
    Rule(
        code="P005",
        trigger=_TWO_SPACES,
        name="doubled-space",
        summary="Doubled space",
        description="Two or more spaces between words. Line breaks and indentation of wrapped "
        "references are not flagged.",
        bad="Umezawa Y. Psoriatic  arthritis. J Dermatol. 2021;48(6):741-9.",
        good="Umezawa Y. Psoriatic arthritis. J Dermatol. 2021;48(6):741-9.",
        check=check_doubled_space,
        level="warning",
        fix="safe",
    ),
    Rule(
        code="P006",
        formats=LIST_FORMATS,
        name="citation-block-spacing",
        summary="Spacing in the citation block",
        description="Vancouver/NLM writes the citation block without spaces (`2016;6:30121`); "
        "some journals print `2016; 6: 30121` or, like PLOS, `2011;144: 910`. The spacing after "
        "`;` and after `:` are judged separately. The rule follows the `style` option, a preset, "
        "or else the list's majority, and flags the odd ones out (`2016; 6:30121` in a compact "
        "list). The fix adds or removes the space.",
        bad="Liu L. TSG-6 attenuates burn-induced inflammation. Sci Rep. 2016; 6:30121.\n"
        "Umezawa Y. Psoriatic arthritis. J Dermatol. 2021;48(6):741-9.\n"
        "Han S. The acute respiratory distress syndrome. J Immunol. 2015;194(3):855-60.",
        good="Liu L. TSG-6 attenuates burn-induced inflammation. Sci Rep. 2016;6:30121.\n"
        "Umezawa Y. Psoriatic arthritis. J Dermatol. 2021;48(6):741-9.\n"
        "Han S. The acute respiratory distress syndrome. J Immunol. 2015;194(3):855-60.",
        check=check_cite_spacing,
        level="warning",
        fix="safe",
        options={"style": "auto"},
        style_values=("compact", "spaced"),
        convention="citation-spaces",
        convention_variants={"none": "compact"},
        option_docs={
            "style": "auto (the list's majority), compact (`2016;6:30121`) or spaced (`2016; 6: 30121`)"
        },
    ),
    Rule(
        code="P007",
        formats=LIST_FORMATS,
        name="missing-final-period",
        summary="Missing final period",
        description="Vancouver, NLM and AMA end every reference with a period (a reference "
        "ending in a DOI or URL is exempt). Follows the `style` option, a preset, or else the "
        "list's majority. The fix adds the period.",
        bad="Donath MY. Type 2 diabetes as an inflammatory disease. Nat Rev Immunol. 2011;11:98-107\n"
        "Umezawa Y. Psoriatic arthritis. J Dermatol. 2021;48(6):741-9.\n"
        "Han S. The acute respiratory distress syndrome. J Immunol. 2015;194(3):855-60.",
        good="Donath MY. Type 2 diabetes as an inflammatory disease. Nat Rev Immunol. 2011;11:98-107.\n"
        "Umezawa Y. Psoriatic arthritis. J Dermatol. 2021;48(6):741-9.\n"
        "Han S. The acute respiratory distress syndrome. J Immunol. 2015;194(3):855-60.",
        off_when={"final-period": ("either",)},
        check=check_final_period,
        level="warning",
        fix="safe",
        options={"style": "auto"},
        style_values=("period", "none"),
        convention="final-period",
        convention_variants={"yes": "period", "no": "none"},
        option_docs={"style": "auto (the list's majority), period, or none"},
    ),
    Rule(
        code="P008",
        trigger=_CONTROL,
        name="control-character",
        summary="Invisible control character",
        description="Zero-width spaces, direction marks, byte-order marks and other invisible "
        "characters pasted from web pages break searching and matching; U+FFFD marks a "
        "character lost in a conversion. The fix removes invisible characters.",
        bad="Umezawa Y. Psoriatic\u200b arthritis. J Dermatol. 2021;48(6):741-9.",
        good="Umezawa Y. Psoriatic arthritis. J Dermatol. 2021;48(6):741-9.",
        check=check_control,
        level="error",
        fix="safe",
    ),
    Rule(
        code="P009",
        trigger=_MOJIBAKE_LEAD,
        name="mojibake",
        summary="Mojibake (UTF-8 read as Windows-1252)",
        description="Text decoded with the wrong encoding turns `é` into `Ã©` and `β` into `Î²`. "
        "The fix re-decodes the word when that gives valid text.",
        bad="Rossato C, BrandÃ£o WN. Stem cells reduce inflammation. Biologicals. 2017;49:62-8.",
        good="Rossato C, Brandão WN. Stem cells reduce inflammation. Biologicals. 2017;49:62-8.",
        check=check_mojibake,
        level="error",
        fix="safe",
    ),
    Rule(
        code="P010",
        trigger=_QUOTE,
        name="stray-quote-mark",
        summary="Stray quote mark",
        description="A quote, apostrophe or prime standing alone between spaces, usually what "
        "is left of a name or an accent that an export broke.",
        bad="Smith J. Effects of ’ melatonin on kidney. Stem Cells. 2008;26:1749-57.",
        good="Smith J. Effects of melatonin on kidney. Stem Cells. 2008;26:1749-57.",
        check=check_lone_quote,
        level="error",
    ),
]
