"""The named pieces every citation style is written with, defined once: a year, a page range
with its e-page suffix, a volume and its issue, initials, a surname, a DOI ...

A piece is a regular-expression body. Token patterns (lexer.py) are composed from pieces with
`field(name, piece)`, which wraps a piece in a named group: the lexer's one match of a token
then gives every field inside it (a citation block's year, volume, issue and pages) with its
exact span, and no pattern is written twice. Every piece is checked by the tests for
catastrophic backtracking (`patterns.backtracking_risk`) and for what it must and must not
match.
"""

from __future__ import annotations

SP = r"\s"  # a space inside a reference: a wrapped entry keeps its line breaks


def one_of(latin: str, beyond: str) -> str:
    """One character of the class `[latin beyond]`, where `latin` is a class body of characters
    up to U+00FF (`\\w` allowed) and `beyond` characters past it in at most two runs (`’`, `–—`).

    Written as two branches because of what compiling costs at every start-up: re turns a class
    whose characters past U+00FF fall into more than two runs into a 64K-entry table (about
    0.2 ms each; the name patterns held dozens). `(?=[beyond]).` keeps the second branch a
    branch: two single-character branches would be merged back into one class."""
    return rf"(?:[{latin}]|(?=[{beyond}]).)"


APOSTROPHE_OR_HYPHEN = one_of("-'", "’")
DASH = one_of("-", "‐‑–—")  # hyphen, Unicode hyphen, non-breaking hyphen, en dash, em dash
_DASH_OR_SLASH = one_of("-/", "–")

YEAR = r"(?:1[5-9]\d\d|20\d\d)[a-z]?(?![\d])"
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|Spring|Summer|Fall|Autumn|Winter)\.?"
)
DAY = r"\d{1,2}(?!\d)"
# `2019 Jul`, `2019 Jul-Aug`, `2019 Jul 15`, `2019 Jul 15-30`, `2019 Jul/Aug`
DATE_AFTER_YEAR = (
    rf"(?:{SP}+{MONTH}(?:{SP}*{_DASH_OR_SLASH}{SP}*{MONTH})?(?:{SP}+{DAY}(?:{SP}*[-–]{SP}*{DAY})?)?)"
)

# A page or article locator: `1653`, `e1000029`, `R149`, `S12`, `CD008582`, `2005.0006`,
# `2024.05.28.596319` (a preprint), `13,345` (thousands separator), `xiv`.
PAGE = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|[A-Za-z]{0,4}\d[\w]*(?:\.\d+)*|[ivxlcdm]{1,8}(?![\w]))"
# The last page of a range may be elided (`706-13`); an e-page suffix follows it (`913-6.e7`,
# `238-52 e9`); a supplement's pages carry a prefix (`S12-9`).
E_PAGE = rf"(?:\.?{SP}?e\d{{1,4}}(?![\w]))"
PAGE_RANGE = rf"(?:{PAGE}(?:{SP}*{DASH}{SP}*{PAGE})?{E_PAGE}?)"
# Several ranges: `12-5, 18` (a list's items are not years: `pp. 527–539, 2006` ends with the
# year).
PAGES = rf"(?:{PAGE_RANGE}(?:{SP}*,{SP}*(?=[A-Za-z]{{0,4}}\d)(?!{YEAR}){PAGE_RANGE}){{0,8}})"

# A volume: `21`, `4A`, `27.1`, `38 Suppl 2`, `Suppl 1`, `101 Pt 3`, `2017` (volumes that are
# years), `11-12` (double volume).
VOLUME = (
    rf"(?:\d{{1,5}}(?:\.\d{{1,3}})?[A-Za-z]?(?:{SP}*{_DASH_OR_SLASH}{SP}*\d{{1,5}})?(?:{SP}+(?:Suppl|suppl|Pt|Spec{SP}No)\.?(?:{SP}*\w{{1,6}})?)?"
    rf"|(?:Suppl|suppl)\.?{SP}*\w{{1,6}})"
)
# What stands in an issue's parentheses: `3`, `3-4`, `Suppl 2`, `Pt 1`, `7 Suppl`.
ISSUE_TEXT = r"[^()\n]{1,40}"

# (Œ, Š and Ž as branches of their own: see one_of.)
INITIAL = r"(?:[A-Z]|Ch|Th|Ph|Sh|Yu|Zh|[ÀÁÂÄÅÆÇÉÈÊËÍÎÏÑÓÒÔÖØÚÙÛÜÝ]|Œ|Š|Ž)"
# `AB`, `ABC`, `A-B` (compact, NLM); `A. B.`, `A.B.`, `A.-B.` (dotted)
INITIALS_COMPACT = rf"(?:{INITIAL}(?:-?{INITIAL}){{0,3}})"
INITIALS_DOTTED = rf"(?:{INITIAL}\.(?:{SP}?-?{SP}?{INITIAL}\.){{0,3}})"
SUFFIX = r"(?:Jr|Jnr|Sr|Snr|III|II|IV|2nd|3rd|4th)\.?(?![\w])"
# A surname: capitalised, with particles (`van der Berg`, `De la Cruz`, `d'Alembert`,
# `vanEngelsdorp`, `O'Brien`, `Ramón y Cajal`), hyphens (`Wray-Cahen`), apostrophes; any
# script's letters. A later word in capitals only (`Chapin FS III`) is initials, not surname.
# (`[^\W\d_]` excludes apostrophes and hyphens already: they are not word characters.)
_NAME_WORD = rf"[^\W\d_]+(?:{APOSTROPHE_OR_HYPHEN}[^\W\d_]+)*"
# (Particles that share a first letter are one branch, tried in the same order: `[Dd](?:er|en|e|el|
# ...)` is `[Dd]er|[Dd]en|[Dd]e|[Dd]el|...`, fewer branches to compile and to try at each name.)
PARTICLE = (
    r"(?:[Vv](?:an|on)|[Dd](?:er|en|e|el|ella|i|a|os|as|es|u)|[Ll](?:a|as|os|e)|[Tt]e[nr]"
    r"|bin|ibn|al|el|y|e|zu|St\.)"
)
# (The first word is capitalised: the look-ahead, since `[^\W\d_]` takes any letter.)
SURNAME = (
    rf"(?:(?:{PARTICLE}{SP}+){{0,3}}(?:[dDlL]['’]|(?:v[ao]n|d[eiau]|l[ae]|te[nr]|mac|mc)(?=[A-Z])"
    rf"|(?:ben|bin|ibn|al|el|abu|bar)-(?=[A-Z]))?"
    rf"(?=[^\W\d_a-z]){_NAME_WORD}"
    rf"(?:{SP}+(?:{PARTICLE}{SP}+){{0,2}}(?=[^\W\d_a-z])(?![A-Z]{{1,4}}(?!\w|{APOSTROPHE_OR_HYPHEN})){_NAME_WORD}){{0,2}})"
)
# Words that make a name a group author's: `ACTS Study Group`, `FlyBase Consortium`.
GROUP_WORD = (
    r"(?:Group|Consortium|Organi[sz]ation|Committee|Collaborat\w*|Network|Society|Association|"
    r"Council|Coordinators|Investigators|Team|Task{SP}Force|Institutes?|Agency|Cent(?:re|er)s?|Federation|"
    r"[Mm]embers|[Cc]ommunity|Anon|Anonymous|Editorial|Editors|College|Board|Ministry|Foundation|"
    r"Initiative|Alliance|Panel|Program(?:me)?|Project|Study|Working|Academy|Department|Office|Service)"
).replace("{SP}", SP)
# A group author inside a list of names: capitalised words, one of them a group word
# (`for the AIDS Clinical Trials Group Study A5095 Team`).
_GROUP_WORD_CHAR = one_of(r"\w'&/-", "’")
GROUP_NAME = (
    rf"(?:for{SP}+(?:the{SP}+)?)?(?:[A-Z]{_GROUP_WORD_CHAR}*{SP}+(?:(?:of|for|and|on|the|in){SP}+)?){{0,8}}"
    rf"{GROUP_WORD}(?!\w|{APOSTROPHE_OR_HYPHEN})(?:{SP}+[A-Z0-9][\w-]*){{0,4}}"
)
ET_AL = rf"(?:et{SP}+al\.?|and{SP}+others|et{SP}+coll\.?|u\.{SP}?a\.)"

DOI = r"10\.\d{4,9}/[^\s\"<>]+"
URL = r"(?:https?://|www\.)\S+"
