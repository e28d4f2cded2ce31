"""The lexer: a reference as a handful of coarse, typed tokens, the same for every style.

A token is a whole element whose shape is distinctive: an author list in one of four name
forms, a citation block in one of the shapes styles print it (`2005;201(3):509-15`,
`521, 436–444`, `64:69–114`, `2002, 30, 945–952`, `vol. 3`, `no. 2`, `pp. 1–9`), a year in
parentheses or on its own, a quoted title, an identifier (DOI, URL, PMID), or a segment of
text up to a sentence's end. The family grammars (grammars/families.lark) say which sequences
of token types make a reference in each style and which tokens are which fields; the lexer
only describes shapes.

Every token pattern is composed from the named pieces (pieces.py) by the specs below; the
fields inside a token are its named groups, so one match gives the token and its fields. Each
token's pattern is compiled on its own, when first tried (`_Scanner`). A text segment stops
before any token that may follow it: that stop is built from the same specs, never copied.
Tokens that end a reference (a citation block) must be followed by the end or by identifiers
only, so numbers inside a title (`Effects of 3, 4 and 5`) stay text.
"""

import re
from collections.abc import Callable
from functools import cache, lru_cache
from typing import NamedTuple

from . import pieces as p

SP = p.SP

# What may follow a citation block: the end, or identifiers and notes. (A DOI may stand bare,
# `10.1016/S0002-9149(98)01016-9`, as BMC prints it: still an identifier, not a text segment.)
TRAILER_START = (
    r"(?:doi|DOI|Doi|https?://|www\.|10\.\d{4,9}/|PMID|PMCID|PubMed|\[?Epub|Available{SP}(?:from|at|online)|\[cited"
    r"|Accessed|Retrieved|Published{SP}online|\[Internet\]|Erratum|Comment|Review|Cited{SP}in|Links)"
).replace("{SP}", SP)
END = rf"(?={SP}*(?:[.,;]{SP}*)?(?:$|{TRAILER_START}))"
# The period that ends a reference, taken by the token before it (`pp. 666–679.`).
LAST_PERIOD = rf"(?:\.(?={SP}*(?:$|{TRAILER_START})))?"


class TokenSpec(NamedTuple):
    name: str
    pattern: str  # with a named group for each field
    stops_text: bool = True  # a text segment ends where this token can start
    at_start: bool = False  # only as the first token of a reference (author lists)
    stops_first_only: bool = False  # ... only the first segment (the authors) ends there
    # The characters the token can start with (after spaces), or "" for any: the lexer tries
    # at each position only the tokens that can start with its character (a test checks it).
    starts: str = ""


def f(name: str, piece: str) -> str:
    """A piece as the field `name` of the token being defined."""
    return f"(?P<{name}>{piece})"


ISSUE = rf"(?:{SP}*\({f('issue', p.ISSUE_TEXT)}\))"
_YEAR_PAREN = (
    rf"\({SP}*(?:{f('year', p.YEAR)}(?:,{SP}*{p.MONTH}(?:{SP}+{p.DAY})?)?"
    rf"|n\.{SP}?d\.|in{SP}press|forthcoming)"
    rf"{SP}*\)"
)

# Identifiers and notes after the citation.
TRAILER = (
    r"(?:(?:doi|DOI|Doi)\.?{SP}*:?{SP}*(?:https?://(?:dx\.)?doi\.org/)?10\.\S+"
    + r"|https?://\S+|www\.\S+|10\.\d{4,9}/\S+|(?:PMID|PubMed):?{SP}*\d+\.?|PMCID:?{SP}*PMC\d+\.?"
    r"|\[Epub{SP}ahead{SP}of{SP}print\]\.?|Epub(?:{SP}ahead{SP}of{SP}print)?{SP}+\d{4}[^.\n]{0,20}\.?"
    r"|Available{SP}(?:from|at|online){SP}*:?|\[cited[^\]\n]{0,40}\]\.?"
    r"|(?:Accessed|Published{SP}online|Retrieved)(?::|{SP})[^.\n]{0,40}\.?)"
).replace("{SP}", SP)

_ISSUE_WORD = r"[A-Za-z]{0,4}\d[\w–-]{0,10}"
_PAGE_LABEL = rf"(?:pp?\.|Art\.{SP}*(?:no\.)?|Article(?:{SP}+no\.)?)"  # `pp. 1–9`, `Art. no. 123`
_ARTICLE_LABEL = rf"(?:pp?\.|Article(?:{SP}+no\.)?)"  # (after a volume and a comma)
_CURLY, _STRAIGHT = r"[^“”]{1,1500}", r'[^"]{1,1500}'
_SINGLE_CURLY, _SINGLE = r"[^‘’]{1,1500}", r"[^\n']{1,1500}"

SPECS: tuple[TokenSpec, ...] = (
    TokenSpec("TRAILER", TRAILER),
    # `(2015)`, `(2015).`, `(2015, March 3).`, `(n.d.)`
    TokenSpec("YEARPAREN", _YEAR_PAREN + r"[.,]?"),
    # Vancouver / NLM / AMA / Lancet: `2019 Jul;4(1):1-15`, `2014;(7):CD008582`, `2024:2024.05.28.596319`
    TokenSpec(
        "VCITE",
        f("year", p.YEAR) + f("date", p.DATE_AFTER_YEAR) + "?" + rf"{SP}*"
        rf"(?:;{SP}*(?:(?:[Vv]ol\.?|[Vv]olume){SP}+)?{f('volume', p.VOLUME)}?{ISSUE}?"
        rf"(?:{SP}*(?::|,{SP}*(?:pages|pp?\.)){SP}*{f('pages', p.PAGES)})?"
        rf"|:{SP}*{f('pages2', p.PAGES)})[.,]?",
    ),
    # ACS / RSC: `2002, 30, 945–952.`, `, 1987, 84, 7024.`
    TokenSpec(
        "YVP",
        rf"(?:,{SP}*)?{f('year', p.YEAR)},{SP}*{f('volume', p.VOLUME)}{ISSUE}?,{SP}*"
        rf"{f('pages', p.PAGES)}\.?" + END,
    ),
    # A citation block that lost its pages (M006 says so): `Science 2012, 335.` (ACS),
    # `Journal of Virology, 79.` (APA), `Science 297 (2002).` (Nature), `Microbiol Rev 58.` (ASM)
    TokenSpec("YV", rf"(?:,{SP}*)?{f('year', p.YEAR)},{SP}*{f('volume', p.VOLUME)}{ISSUE}?\.?" + END),
    # Nature / Science / Cell / APA / Harvard: `521, 436–444`, `, 117(3), pp. 497–529.`,
    # `, 13(6), Article e0199123.`
    TokenSpec(
        "VCOMMA",
        rf"(?:,{SP}*)?(?!{p.YEAR},{SP}*pp?\.){f('volume', p.VOLUME)}{ISSUE}?,{SP}*"
        rf"(?:{_ARTICLE_LABEL}{SP}*)?"
        rf"{f('pages', p.PAGES)}[.,]?(?:{END}|(?={SP}*{_YEAR_PAREN}))",
    ),
    # ASM / Chicago / Annual Reviews / Springer: `64:69–114.`, `463: 653–56.`, `181(2):271–80.e8`,
    # and before a year in parentheses: `EMBO J. 4: 167-171 (1985).`
    TokenSpec(
        "VCOLON",
        rf"{f('volume', p.VOLUME)}{ISSUE}?{SP}*:{SP}*{f('pages', p.PAGES)}\.?"
        rf"(?:{END}|(?={SP}*{_YEAR_PAREN}))",
    ),
    TokenSpec(
        "VOLONLY",
        rf"(?:,{SP}*)?(?!{p.YEAR}\.?{END}){f('volume', p.VOLUME)}{ISSUE}?[.,]?"
        rf"(?:{END}|(?={SP}*{_YEAR_PAREN}))",
    ),
    # IEEE / MLA labels: `, vol. 3`, `, no. 2`, `, pp. 1–9`, `, Art. no. 123`
    TokenSpec("VOLLABEL", rf",?{SP}*(?:[Vv]ol\.|[Vv]olume){SP}*{f('volume', p.VOLUME)}(?![\w])"),
    TokenSpec("NOLABEL", rf",?{SP}*(?:[Nn]o\.|[Ii]ssue|[Nn]um\.){SP}*{f('issue', _ISSUE_WORD)}(?![\w])"),
    TokenSpec(
        "PPLABEL",
        rf",?{SP}*{_PAGE_LABEL}{SP}*{f('pages', p.PAGES)}{LAST_PERIOD}",
    ),
    # The year that ends an IEEE or MLA reference: `, 2019.`, `, Jan. 2019.`
    TokenSpec("DATEEND", rf",{SP}*(?:{p.MONTH}{SP}*(?:{p.DAY},?{SP}*)?)?{f('year', p.YEAR)}\.?" + END),
    # A year inside an IEEE conference paper or MLA reference: `, 2015, pp. 234–241.`
    TokenSpec(
        "DATEMID",
        rf",{SP}*(?:{p.MONTH}{SP}*(?:{p.DAY},?{SP}*)?)?{f('year', p.YEAR)}"
        rf"(?=,{SP}*(?:pp?\.|Art|[Pp]ages?))",
    ),
    # A year after a comma, standing as an element: `Editorial, 2010. Title` (Elsevier Harvard)
    TokenSpec(
        "COMMAYEAR",
        rf",{SP}*{f('year', p.YEAR)}(?:{SP}+{p.MONTH}(?:{SP}+{p.DAY})?)?\.(?={SP}|$)",
        stops_first_only=True,  # (in a title, `cattle, Belgium, 2012.` goes on)
    ),
    # A year standing as an element: `Name AB. 2015. Title`, `Name, A., 2015. Title`
    TokenSpec(
        "YEARSEG",
        rf"{f('year', p.YEAR)}(?:{SP}+{p.MONTH}(?:{SP}+{p.DAY})?)?[.,](?={SP}|$)",
        stops_text=False,
    ),
    # A quoted title: `“Title,”`, `“Title.”`, `“Title”,`, `'Title',`
    TokenSpec(
        "QUOTED",
        rf"“{f('text', _CURLY)}”[,.:;]?|\"{f('text2', _STRAIGHT)}\"[,.:;]?"
        rf"|‘{f('text3', _SINGLE_CURLY)}’[,.:;]?|'{f('text4', _SINGLE)}'[,.](?={SP}|$)",
    ),
)


def _names(item: str, sep: str, last: str, end: str, later: str | None = None) -> str:
    """An author list: items separated by `sep`, the last one possibly after `last`, et al.;
    the next element follows after a space (a list that stops at a comma is not this form:
    a garbled one is read loosely)."""
    # (APA 7 cuts a list of 21 or more with an ellipsis before the last name.)
    ellipsis = rf"(?:,?{SP}*(?:…|\.{SP}?\.{SP}?\.){SP}*{item})"
    later = later or item
    tail = rf"(?:{last}{later}|{ellipsis})?(?:,?{SP}*{p.ET_AL})?{end}(?={SP}|$)"
    return rf"{item}(?:{sep}{later}){{0,300}}{tail}"


_DIGITS = "0123456789"
# What each token can start with (`starts`), declared once here; tests/test_lexer.py checks every
# token of the test corpora against it.
_STARTS = {
    "TRAILER": "dDhwPEAR[1",
    "YEARPAREN": "(",
    "VCITE": "12",
    "YVP": ",12",
    "YV": ",12",
    "VCOMMA": "," + _DIGITS + "Ss",
    "VCOLON": _DIGITS + "Ss",
    "VOLONLY": "," + _DIGITS + "Ss",
    "VOLLABEL": ",Vv",
    "NOLABEL": ",NnIi",
    "PPLABEL": ",pPA",
    "DATEEND": ",",
    "DATEMID": ",",
    "COMMAYEAR": ",",
    "YEARSEG": "12",
    "QUOTED": "“\"‘'",
}
SPECS = tuple(spec._replace(starts=_STARTS[spec.name]) for spec in SPECS)

# What each token opens with, implied by its pattern: a token is compiled only when first tried
# where its opening is (a run compiles only the tokens its references may hold), and where a
# text segment may stop, the tokens are tried only where one opens (not at every comma of a
# title, nor at every word that starts with `i`, `p` or `s`).
# (tests/test_lexer_openings.py checks them against every token of the test corpora.)
_YEAR_OPENS = rf"(?:,{SP}*)?{p.YEAR}"
_VOLUME_OPENS = rf"(?:,{SP}*)?(?:\d|[Ss]uppl)"
_DATE_OPENS = rf",{SP}*(?:{p.MONTH}|{p.YEAR})"
OPENINGS = {
    "TRAILER": (
        r"doi|DOI|Doi|https?://|www\.|10\.|PMID|PMCID|PubMed|\[Epub|Epub|Available|\[cited|Accessed|Published"
        r"|Retrieved"
    ),
    "YEARPAREN": r"\(",
    "VCITE": p.YEAR,
    "YVP": _YEAR_OPENS,
    "YV": _YEAR_OPENS,
    "VCOMMA": _VOLUME_OPENS,
    "VCOLON": r"\d|[Ss]uppl",
    "VOLONLY": _VOLUME_OPENS,
    "VOLLABEL": rf",?{SP}*[Vv]ol",
    "NOLABEL": rf",?{SP}*(?:[Nn]o\.|[Ii]ssue|[Nn]um\.)",
    "PPLABEL": rf",?{SP}*(?:pp?\.|Art)",
    "DATEEND": _DATE_OPENS,
    "DATEMID": _DATE_OPENS,
    "COMMAYEAR": rf",{SP}*{p.YEAR}",
    "YEARSEG": p.YEAR,
    "QUOTED": "“|\"|‘|'",
}

# Where a token's opening is, what else its pattern needs before it is worth compiling: the
# token's own pattern cut short after its distinctive punctuation (a cut pattern matches wherever
# the whole one does), or a wider class where the cut would still be long. In a Vancouver list
# the citation-block tokens of other styles open at many numbers of titles and never match; their
# gates keep them from being compiled (on a 200-reference list, 5 ms of a 140 ms run).
# (tests/test_lexer_openings.py checks them against every token of the test corpora.)
_PAGE_OPENS = r"(?:[A-Za-z]{0,4}\d|[ivxlcdm])"  # how every page locator (`p.PAGES`) begins
# (Tokens that open alike share one gate, the union of theirs: compiled once for all three.)
_VOLUME_GATE = (
    rf"(?:,{SP}*)?{p.VOLUME}{ISSUE}?"
    rf"(?:,{SP}*(?:{_ARTICLE_LABEL}{SP}*)?{_PAGE_OPENS}"  # VCOMMA: `21(3), 45`, `21, Article e5`
    rf"|{SP}*:{SP}*{_PAGE_OPENS}"  # VCOLON: `21: 45`
    rf"|[.,]?(?:{END}|(?={SP}*\()))"  # VOLONLY: `21.` at the end, or before `(2019)`
)
_YEAR_VOLUME_GATE = rf"(?:,{SP}*)?{p.YEAR},{SP}*{p.VOLUME}"  # YVP and YV: `2002, 30`
GATES = {
    "VCOMMA": _VOLUME_GATE,
    "VCOLON": _VOLUME_GATE,
    "VOLONLY": _VOLUME_GATE,
    "YVP": _YEAR_VOLUME_GATE,
    "YV": _YEAR_VOLUME_GATE,
    "YEARPAREN": rf"\({SP}*(?:{p.YEAR}|n\.|in{SP}press|forthcoming)",
    "PPLABEL": rf",?{SP}*{_PAGE_LABEL}{SP}*{_PAGE_OPENS}",
}
# ... and of each name form, tried before its first name's pattern (which is long: compiled only
# for a list whose first reference may be in that form). A surname holds neither a comma nor a
# digit; the initials begin with an initial.
NAME_GATES = {
    "compact": rf"[^,\d]+{SP}+{p.INITIAL}",
    "inverted": rf"[^,\d]+,{SP}*{p.INITIAL}",
    "given-first": rf"{p.INITIAL}\.",
}


def name_item(form: str, groups: bool = False) -> str:
    """One name of an author list in a name form; with `groups`, its surname and initials as the
    groups `family` and `initials` (how names.py splits a list)."""
    fam = f"(?P<family>{p.SURNAME})" if groups else p.SURNAME
    if form == "compact":
        # Surname first, initials without a comma: `Smith AB`, also written `Smith A.B.` or
        # `Park H. H` by some journals and exports (A001 judges that).
        # `AB`, `A.B.`, `A-B`, and after a space a dotted initial (`A. B.`) or an undotted one
        # where the name ends (`Park H. H,`), never the first word of the title
        # (`McLafferty E. A review`).
        ini = (
            rf"{p.INITIAL}(?:\.?-?{p.INITIAL}){{0,3}}\.?"
            rf"(?:{SP}{p.INITIAL}(?:\.(?![\w])|(?=[,;]|$))){{0,3}}(?![\w])"
        )
        ini = f"(?P<initials>{ini})" if groups else f"(?:{ini})"
        # A suffix after a comma (`Brewer HB, Jr`, NLM's `Brewer HB Jr` as APA writes it: A008
        # reports it) only where a name ends: `Ab R, Sr K` is two names.
        comma_suffix = rf",{SP}*{p.SUFFIX}(?=[,.;]|{SP}+(?:and|&|et){SP}|{SP}*$)"
        return rf"{fam}{SP}+{ini}(?:{SP}+{p.SUFFIX}|{comma_suffix})?"
    ini = rf"{p.INITIALS_DOTTED}|{p.INITIALS_COMPACT}(?![\w])" if form == "inverted" else p.INITIALS_DOTTED
    ini = f"(?P<initials>{ini})" if groups else f"(?:{ini})"
    if form == "inverted":
        return rf"{fam},{SP}*{ini}(?:,?{SP}*{p.SUFFIX})?"
    return rf"{ini}{SP}*{fam}(?:,?{SP}+{p.SUFFIX})?"  # given first


_COMPACT, _INVERTED, _GIVEN_FIRST = name_item("compact"), name_item("inverted"), name_item("given-first")

NAME_SPECS: tuple[TokenSpec, ...] = (
    # Vancouver / NLM / AMA: `Smith AB, Jones C, et al.`
    TokenSpec(
        # (A comma ends the list only before the year: `Popham R., Narayan R., 1991, ApJ`.)
        "NAMES_COMPACT",
        # (After the first name, a group author may stand among the names: `Rumbold AR, ...,
        # ACTS Study Group.`)
        _names(
            _COMPACT, rf",{SP}*", rf",?{SP}+(?:and|&){SP}+", rf"(?:\.|,(?={SP}+{p.YEAR}))?",
            later=rf"(?:{_COMPACT}|{p.GROUP_NAME})",
        ),
        False,
        True,
    ),
    # Chicago: `Smith, A. B., C. Jones, and E. Doe.`, `Smith, A. B., C. Jones, E. Doe, et al.`
    TokenSpec(
        "NAMES_MIXED",
        rf"{_INVERTED}(?:(?:,{SP}*{_GIVEN_FIRST}){{1,300}}(?:,?{SP}*(?:and|&){SP}+{_GIVEN_FIRST})?"
        rf"|,?{SP}*(?:and|&){SP}+{_GIVEN_FIRST})(?:,?{SP}*{p.ET_AL})?\.?(?={SP}|$)",
        False,
        True,
    ),
    # APA / Nature / Cell / Harvard / ACS: `Smith, A. B., Jones, C. & Doe, E.`, `Brooks, S. A.; Doe, P.`
    TokenSpec(
        "NAMES_INVERTED",
        _names(_INVERTED, rf"[,;]{SP}*", rf"[,;]?{SP}*(?:&|and){SP}+", r",?"),
        False,
        True,
    ),
    # IEEE / Science / RSC / APS: `A. B. Smith, C. Jones, and E. Doe,`
    TokenSpec(
        "NAMES_GIVEN_FIRST",
        _names(_GIVEN_FIRST, rf",{SP}*", rf",?{SP}*(?:and|&){SP}+", r"[,.]?"),
        False,
        True,
    ),
)

# Words that make a segment a group author (only as the first element of a reference).
GROUP = re.compile(rf"\b{p.GROUP_WORD}\b")
# A short segment of capitalised words ending in a period whose last word looks cut short: part
# of an abbreviated journal name (`J.`, `Mol.`, `Biol.`, `J Immunol.`, `Rev. E`) rather than a
# sentence of a title (`Title.`, `Editorial note.`: a full word ends in a vowel or a common
# ending).
_ABBREVIATED_CHAR = p.one_of(r"\w'&\-", "’")
ABBREVIATION = re.compile(
    rf"(?:[A-Z]{_ABBREVIATED_CHAR}{{0,11}}\.?{SP}?){{0,2}}"
    rf"(?:[A-Z][a-z]{{0,2}}|[A-Z]{_ABBREVIATED_CHAR}{{0,10}}(?<![aeiouy])(?<!tion|sion|ment|ness|ship)(?<!ing|ogy|ism|ist|ity))\.$"
)


# A quoted title is a whole element when punctuation ends it at its closing quote: `“Title,”`,
# `“Title.”`, `“Title”,` (IEEE, Chicago, Harvard); else the quote is part of a sentence.
_QUOTE_MARK = p.one_of("\"'", "’”")
_ENDS_ELEMENT = rf"(?:[.,?!]{_QUOTE_MARK}|{_QUOTE_MARK}[.,])$"  # (compiled at a list's first quote)


class Tok(NamedTuple):
    type: str
    start: int
    end: int  # past the token's last character (trailing spaces excluded)
    groups: tuple[tuple[str, int, int], ...] = ()  # (field, start, end) inside the token


_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
_LOWER_WORD = r"(?![a-z]+[A-Z]|npj\b|bioRxiv|medRxiv|arXiv|chemRxiv)[a-z]"


class _Try:
    """One token tried at a position: its pattern compiled on first use, where its conditions
    match (its opening, a small pattern, and its gate): a token a list never holds is never
    compiled. An author list's conditions are its form's gate and its first name: the big
    pattern of a name form a list does not use is never compiled (each costs about 5 ms at
    start-up)."""

    __slots__ = ("conditions", "match", "name", "pattern")

    def __init__(self, spec: TokenSpec, *conditions: str) -> None:
        self.name = spec.name
        # Compiled alone, as written: its groups are the token's fields (parse.cite_pattern is the
        # same pattern as VCITE's, so Python's cache compiles it once for both).
        self.pattern = spec.pattern
        # What must match where the token is tried before it is compiled, cheapest first: its
        # opening, then its gate (GATES), if any.
        self.conditions = conditions
        # `match(text, pos)`: until the first call, one that compiles the pattern; from then on
        # the compiled pattern's own (the lexer calls it hundreds of thousands of times in a
        # long list: no Python call between it and re).
        self.match: Callable[[str, int], re.Match[str] | None] = self._compile_and_match

    def _compile_and_match(self, text: str, pos: int) -> re.Match[str] | None:
        for condition in self.conditions:
            if _compiled(condition).match(text, pos) is None:
                return None  # (the token cannot start here: no need to compile it yet)
        self.match = re.compile(self.pattern).match
        return self.match(text, pos)


def _gate(name: str) -> tuple[str, ...]:
    return (GATES[name],) if name in GATES else ()


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


class _Scanner:
    """The tokens of the lexer, each compiled once and only when first tried, and for each
    character a token may start with, the tokens that can start with it (in priority order);
    where text segments stop.

    Trying the tokens one after another gives what one alternation of them in that order would
    (the first that matches wins), without compiling every token again into an alternation for
    each starting character: that compiling was most of a short run's time."""

    def __init__(self) -> None:
        self._by_char: dict[tuple[str, bool], tuple[_Try, ...]] = {}
        self._tries = {s.name: _Try(s, OPENINGS[s.name], *_gate(s.name)) for s in SPECS}
        # (A list's first name as names.py reads it, with its groups: the same pattern, compiled
        # once for both.)
        forms = {"NAMES_COMPACT": "compact", "NAMES_MIXED": "inverted", "NAMES_INVERTED": "inverted",
                 "NAMES_GIVEN_FIRST": "given-first"}  # fmt: skip
        self._names = tuple(
            _Try(s, NAME_GATES[forms[s.name]], name_item(forms[s.name], groups=True)) for s in NAME_SPECS
        )
        self._stop: re.Pattern[str] | None = None
        self._stop_first: re.Pattern[str] | None = None
        self.stops_asked = 0
        self._stoppers: dict[tuple[str, bool], tuple[_Try, ...]] = {}
        self._candidate: re.Pattern[str] | None = None
        self.fields = _fields()

    def tokens_at(self, char: str, first: bool) -> tuple[_Try, ...]:
        """The tokens that can start with `char`, in the order they are tried."""
        key = (char, first)
        found = self._by_char.get(key)
        if found is None:
            found = tuple(self._tries[s.name] for s in SPECS if not s.starts or char in s.starts)
            if first and found[:1] == (self._tries[SPECS[0].name],):
                found = (*found[:1], *self._names, *found[1:])  # author lists right after identifiers
            elif first:
                found = (*self._names, *found)  # (before any other token: `Suppl`, `S` ...)
            self._by_char[key] = found
        return found

    def stop(self, text: str, pos: int, first: bool) -> int | None:
        """Where the first token that may follow text starts, at or after pos (None: none)."""
        if self._stop is None:
            self.stops_asked += 1
            if self.stops_asked <= STOPS_BY_TOKENS:
                return self.stop_by_tokens(text, pos, first)
            self._stop = self._stop_search(SPECS_STOPPING)
        m = self._stop.search(text, pos)
        if not first:
            return m.start() if m is not None else None
        # The first segment (the authors) also stops before a year after a comma (COMMAYEAR):
        # one more small search, not a second copy of the big pattern. (On the whole text: a
        # shorter one would change what `$` sees.)
        if self._stop_first is None:
            self._stop_first = self._stop_search(SPECS_STOPPING_FIRST)
        other = self._stop_first.search(text, pos)
        if other is not None and (m is None or other.start() < m.start()):
            return other.start()
        return m.start() if m is not None else None

    def stop_by_tokens(self, text: str, pos: int, first: bool, before: int | None = None) -> int | None:
        """What `stop` finds, found by trying the tokens (compiled alone, most of them already
        tried at a token's start) where one may start: no alternation of them all to compile,
        which a short list does not repay. With `before`, only a stop before that position is
        looked for (the tokens still see the whole text)."""
        candidate = self._candidate
        if candidate is None:
            # (One pattern for the first segment and the others: where only the first segment's
            # tokens may start, the others try their tokens in vain.)
            every = SPECS_STOPPING + SPECS_STOPPING_FIRST
            candidate = self._candidate = re.compile(_candidate_pattern(every))
        # (A candidate is one character long: one that starts before `before` ends by it.)
        for m in candidate.finditer(text, pos, len(text) if before is None else before):
            at = m.start()
            key = (text[at], first)
            tries = self._stoppers.get(key)
            if tries is None:
                specs = SPECS_STOPPING + SPECS_STOPPING_FIRST if first else SPECS_STOPPING
                tries = self._stoppers[key] = tuple(self._tries[s.name] for s in specs if key[0] in s.starts)
            for tried in tries:
                if tried.match(text, at) is not None:
                    return at
        return None

    @staticmethod
    def _stop_search(specs: tuple[TokenSpec, ...]) -> re.Pattern[str]:
        """A text segment stops before one of these tokens: at a comma where one starts, or
        after spaces where one starts (the spaces are not part of the segment)."""
        alternatives = "|".join(
            f"(?=[{re.escape(s.starts)}])(?:{_NAMED_GROUP.sub('(?:', s.pattern)})" for s in specs
        )
        return re.compile(rf"(?:(?<=\s)|(?=,))(?:{alternatives})")


def _candidate_pattern(specs: tuple[TokenSpec, ...]) -> str:
    """Where one of these tokens may start: after a space or at a comma, at a character they
    may start with, where one of their openings is."""
    chars = re.escape("".join(sorted({c for s in specs for c in s.starts})))
    openings = "|".join(dict.fromkeys(OPENINGS[s.name] for s in specs))
    return rf"(?:(?<=\s)|(?=,))(?=[{chars}])(?=(?:{openings}))."


# A list's first segments find their stops by trying the tokens one by one; past this many, the
# alternation of them all is compiled once (about 40-70 ms) and searched instead (faster).
STOPS_BY_TOKENS = 2_000
SPECS_STOPPING = tuple(s for s in SPECS if s.stops_text and not s.stops_first_only)
SPECS_STOPPING_FIRST = tuple(s for s in SPECS if s.stops_text and s.stops_first_only)
_SENTENCE_END = re.compile(rf"[.?!]{_QUOTE_MARK}?(?=\s|$)")
# (A period inside a dotted acronym, `U.S. mothers`, `e.g. mice`, or before a word in lower case,
# `C. elegans`, `vs. placebo`, does not end a sentence; but `eLife`, `mBio`, `npj` and the
# preprint servers are journals.)
_NOT_AN_END = re.compile(rf"(?<=\.[A-Za-z])\.(?=\s[^\s\d])|\.(?={SP}{_LOWER_WORD})")


@lru_cache(maxsize=1)
def _scanner() -> _Scanner:
    return _Scanner()


def _segment_end(text: str, pos: int, first: bool) -> int:
    """Where the text segment that starts at pos ends: at a sentence's end (`. `, `? `, `! `,
    possibly with a closing quote), or before a token that may follow text."""
    scanner = _scanner()
    end = _SENTENCE_END.search(text, pos + 1)
    if end is not None and not (end.group(0) == "." and _NOT_AN_END.match(text, end.start())):
        # Most segments end at their first sentence end: it is the segment's end unless a token
        # may start before it or right after it. Only that stretch is searched for one (the
        # rest of the reference, often most of it, is not).
        stop = scanner.stop_by_tokens(text, pos + 1, first, before=end.end() + 1)
        if stop is None:
            return end.end()
    else:  # (no sentence end, or a period that may not be one: where the next token starts decides)
        stop = scanner.stop(text, pos + 1, first)
    limit = len(text)
    if stop is not None:
        limit = stop
        while limit > pos + 1 and text[limit - 1].isspace():
            limit -= 1  # (the spaces before the token are no part of the segment)
    for m in _SENTENCE_END.finditer(text, pos + 1, limit):
        if m.group(0) == "." and _NOT_AN_END.match(text, m.start()):
            genus = m.start() >= 2 and text[m.start() - 1].isupper() and not text[m.start() - 2].isalnum()
            if genus or stop is None or not _compiled(_LOWER_JOURNAL).fullmatch(text, m.end(), limit):
                continue
        return m.end()
    return limit


# What is left before a citation block after a period may be a journal name in lower case (`...
# in erythroid cells. j virol 72: 3018-28`): a few short lower-case words and nothing else. (A
# title's `vs. placebo` has more after it, or no citation block follows; `C. elegans` is a genus.)
# (Compiled when first needed, seldom. Its class is compiled into a 64K-entry table, see
# pieces.one_of, but matches faster than the branches would where it backtracks a lot.)
_LOWER_JOURNAL = rf"{SP}(?:[a-z][a-z'’&-]{{0,11}}\.?{SP}?){{1,6}}"


@lru_cache(maxsize=1)
def _fields() -> dict[str, tuple[str, ...]]:
    """Token type -> its fields (the named groups of its pattern)."""
    return {spec.name: tuple(re.findall(r"\(\?P<(\w+)>", spec.pattern)) for spec in (*SPECS, *NAME_SPECS)}


class Unlexable(Exception):
    """No token can start at some position (the message says where)."""


def scan(text: str) -> list[Tok]:
    """The tokens of one reference."""
    scanner = _scanner()
    fields = scanner.fields
    tokens: list[Tok] = []
    pos, end = 0, len(text)
    while pos < end:
        while pos < end and text[pos].isspace():
            pos += 1
        if pos >= end:
            break
        first = not tokens
        m = None
        for tried in scanner.tokens_at(text[pos], first):
            m = tried.match(text, pos)
            if m is not None:  # the first that matches wins, as in an alternation
                kind = tried.name
                break
        if m is not None and m.end() > pos:
            stop = m.end()
            groups = tuple(
                (name, m.start(name), m.end(name)) for name in fields.get(kind, ()) if m.start(name) >= 0
            )
            if kind == "QUOTED" and not _compiled(_ENDS_ELEMENT).search(text, pos, stop):
                kind = "QUOTEPART"  # `“Rapid-impact interventions”: how a policy ...`: part of a title
            tokens.append(Tok(kind, pos, stop, groups))
        else:
            stop = _segment_end(text, pos, first)
            tokens.append(Tok(_segment_kind(text[pos:stop], first), pos, stop))
        pos = stop
    return tokens


def _segment_kind(text: str, first: bool) -> str:
    if first:
        from ..parse import looks_like_authors  # (parse imports this module)

        if looks_like_authors(text):  # a garbled list (A002 reads it), or one in no name form
            return "NAMES_LOOSE"
        if GROUP.search(text):
            return "GROUP"
    if len(text) <= 24 and ABBREVIATION.match(text):
        return "ABBR"
    return "SEG"
