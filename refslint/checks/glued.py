"""G: text glued together where formatting was lost. Copying a reference out of a web page or a
word processor drops the spaces that italics, links and line breaks stood for (`uponBorrelia
burgdorferiinfection`, `Society.https://...`, `N.et al.`), or keeps the markup itself as text
(`<i>`, `&amp;`, `\\textit{...}`). Each rule looks for one such seam, guarded so that words
that join letters on purpose (`mRNA`, `eLife`, `McDonald`, gene, chemical and product names)
stay quiet; a fix is offered only where the missing character is certain."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache

from .. import vocab
from ..model import LIST_FORMATS, Edit, Fix, Reference
from .base import Context, Finding, Rule, edit_fix, local

# Patterns a rule needs only once its trigger (or a cheaper pattern) has found something are
# kept as text and compiled at their first use: every run pays for what is compiled at import,
# and most lists have no glued links, markup or TeX at all. (A character class that mixes
# characters past U+00FF with others costs ~0.15 ms to compile, a 64K-entry table: the
# look-arounds for `’` are written apart, `(?<![\w'./])(?<!’)`, the same test.)
_pattern = cache(re.compile)

# --- G001: a link glued to the text before it --------------------------------------------------

# A scheme right after a letter, a digit or closing punctuation. Not after `/`, `=`, `%` or an
# opening bracket or quote: there the link is inside another link (`web.archive.org/web/2020/
# https://...`, `?url=https...`) or deliberately set off (`<https://...>`, `(https://...)`).
_GLUED_LINK = r"(?<=[^\W_]|[.,;:\])])(?:https?|ftp)://"
# `doi:https://doi.org/...` is a label written twice (an identifier rule's), not a lost space.
_LABEL_BEFORE = r"(?:doi|DOI|pmid|PMID|urn|URN):$"


def check_glued_link(ref: Reference, ctx: Context) -> Iterator[Finding]:
    raw = ref.raw
    for m in _pattern(_GLUED_LINK).finditer(raw):
        start = m.start()
        word_start = max(raw.rfind(" ", 0, start), raw.rfind("\t", 0, start), raw.rfind("\n", 0, start)) + 1
        if "://" in raw[word_start:start] or _pattern(_LABEL_BEFORE).search(raw, word_start, start):
            continue  # the scheme is inside a link already (`.../redirect.https://...`)
        before = raw[word_start:start]
        yield Finding(
            local(ref, start - 1, start + len(m.group(0))),
            f"link glued to the text before it (`{before[-12:]}{m.group(0)}`)",
            edit_fix("insert a space before the link", local(ref, start, start), " "),
        )


# --- G002: a bracketed web note glued to the text before it --------------------------------------

# The notes a web reference ends with (`[Accessed 2 Sep 2022]`, `[cited 2020 May 1]`,
# `[Internet]`, `(accessed ...)`): always a word of their own.
_NOTE_WORDS = (
    r"[Aa]ccessed|[Cc]ited|[Ii]nternet|[Uu]pdated|[Oo]nline|[Ss]erial|[Rr]etrieved|[Vv]iewed|"
    r"[Ll]ast accessed|[Dd]ate accessed|[Dd]ate cited"
)
_GLUED_NOTE = r"(?<=[^\s(\[{])[\[(](?=(?:" + _NOTE_WORDS + r")\b)"


def check_glued_note(ref: Reference, ctx: Context) -> Iterator[Finding]:
    for m in _pattern(_GLUED_NOTE).finditer(ref.raw):
        start = m.start()
        close = "]" if m.group(0) == "[" else ")"
        end = ref.raw.find(close, start)
        end = end + 1 if end > 0 else start + 1
        yield Finding(
            local(ref, start - 1, end),
            f"`{ref.raw[start:end]}` glued to the text before it",
            edit_fix("insert a space before the bracket", local(ref, start, start), " "),
        )


# --- G003: `et al` glued to the last initial ----------------------------------------------------

# After an initial's period or a comma (`Killeen, N.et al.`, `Smith J,et al`), or right after a
# name's initials (`Smith JRet al`): the space before `et al` is all that is missing.
_GLUED_ET_AL = (
    r"(?:(?<=[.,;])|(?<=(?<![\w'’-])[A-Z])|(?<=(?<![\w'’-])[A-Z]{2})|(?<=(?<![\w'’-])[A-Z]{3}))"
    r"et\.?[ \t]+al\b"
)


def check_glued_et_al(ref: Reference, ctx: Context) -> Iterator[Finding]:
    raw = ref.raw
    for m in _pattern(_GLUED_ET_AL).finditer(raw):
        start = m.start()
        name_start = max(raw.rfind(" ", 0, start), raw.rfind("\t", 0, start)) + 1
        yield Finding(
            local(ref, start - 1, m.end()),
            f"`{raw[name_start : m.end()]}`: `et al` glued to the name before it",
            edit_fix("insert a space before `et al`", local(ref, start, start), " "),
        )


# --- G004: words glued where italics were dropped -----------------------------------------------

# Short words italics are glued to (`uponBorrelia`, `ofDrosophila`): the shipped word list holds
# title words, not these.
_FUNCTION_WORDS = frozenset(
    "a an and as at by for from in into of on or the to upon with within without via among "
    "against during after before between through under over across toward towards versus than "
    "its their his her our is are was were be been this that these those which using".split()
)
# Name particles glued in some spellings (`deVries`, `vanGogh`): a name, not a seam.
_PARTICLES = frozenset("de da del della di du dos das le la van von der den ter ten mac mc al el bin ibn abu".split())
# A lower-case word glued to a capitalised one, the whole a word of its own (not `eLife`, where
# the lower-case part is one letter, nor `mRNA`/`siRNA`, where the rest is capitals).
_CAMEL = r"(?<![\w'\-./])(?<!’)([a-z]{2,})([A-Z][a-z]{2,})(?![\w'\-/])(?!’)"
# A capitalised word and a lower-case one of seven letters or more after it: the genus and a
# glued epithet (checked further in Python: a lookbehind at every position is slow).
_GENUS_EPITHET = re.compile(r"[A-Z][a-z]{3,} ([a-z]{7,})")
# The endings of a Latin species epithet (`burgdorferi`, `coli`, `aureus`, `cerevisiae`).
_EPITHET_END = ("i", "ae", "us", "um", "is", "a", "ans", "ens")
# The genus before it: a capitalised word, or the capitalised end of a glued one (`uponBorrelia`).
_GENUS = r"(?<![^\W\d_])[A-Z][a-z]{3,}$|(?<=[a-z])[A-Z][a-z]{3,}$"


def _known(word: str) -> bool:
    return word.lower() in _FUNCTION_WORDS or vocab.is_known_word(word)


# In a Title Case title: a short function word glued to its neighbour (`TheEducation`,
# `EffectsOf`; not `LinkedIn`, `AddOn`); two content words (`PowerPoint`, `PubMed`,
# `NeuroImage`) are names as often.
_TITLE_CAMEL = r"(?<![\w'./])(?<!’)([A-Z][a-z]+)([A-Z][a-z]+)(?![\w'/])(?!’)"
_CAMEL_TAILS = frozenset("of and the for with from".split())


def _content_pair(left: str, right: str) -> bool:
    """Two content words of five letters or more (`ChronicHeart`, `ThirdEdition`), neither a
    head or tail that names are built with (`BioScience`, `NeuroImage`, `BlueMatter`)."""
    a, b = left.lower(), right.lower()
    return (
        len(a) >= 5
        and len(b) >= 5
        and a not in _PREFIXES_OF_WORDS
        and b not in _TAILS_OF_WORDS
        and vocab.is_common_word(a)
        and vocab.is_common_word(b)
    )


# A word glued to an acronym (`containingRNA`, `shortDNA`); not `mRNA`, `siRNA`, `lncRNA`,
# `microRNA`, whose heads are no words of four letters or are prefixes.
_ACRONYM_GLUE = r"(?<![\w'./])(?<!’)([a-z]{4,})([A-Z]{2,}s?)(?![\w'/])(?!’)"
# An acronym glued to a function word after it (`WASPand`, `DNAfor`).
_ACRONYM_FUNCTION = r"(?<![\w'./])(?<!’)([A-Z]{2,})(and|the|for|with|from)(?![\w'/])(?!’)"


_LOWER_UPPER = re.compile(r"[a-z][A-Z]|[A-Z](?:and|the|for|with|from)\b")


def _camel(ref: Reference, title: str, offset: int) -> Iterator[Finding]:
    if not _LOWER_UPPER.search(title):
        return  # the common case: no seam between cases anywhere in the title
    for m in _pattern(_ACRONYM_FUNCTION).finditer(title):
        yield Finding(
            local(ref, offset + m.start(), offset + m.end()),
            f"`{m.group(0)}`: `{m.group(1)}` and `{m.group(2)}` glued together (a lost space?)",
        )
    for m in _pattern(_ACRONYM_GLUE).finditer(title):
        left = m.group(1)
        if left not in _PREFIXES_OF_WORDS and _known(left):
            yield Finding(
                local(ref, offset + m.start(), offset + m.end()),
                f"`{m.group(0)}`: `{left}` and `{m.group(2)}` glued together (a lost space?)",
            )
    for m in _pattern(_TITLE_CAMEL).finditer(title):
        left, right = m.group(1), m.group(2)
        if title[m.end() : m.end() + 1] == ":":
            continue  # a tool's name opening its own paper (`CloudBurst: highly sensitive ...`)
        if (
            (left.lower() in _FUNCTION_WORDS and len(right) >= 3 and _known(right))
            or (right.lower() in _CAMEL_TAILS and len(left) >= 3 and _known(left))
            or _content_pair(left, right)
        ):
            yield Finding(
                local(ref, offset + m.start(), offset + m.end()),
                f"`{m.group(0)}`: `{left}` and `{right}` glued together (a lost space?)",
            )
    for m in _pattern(_CAMEL).finditer(title):
        left, right = m.group(1), m.group(2)
        if left in _PARTICLES or left in _PREFIXES_OF_WORDS or not _known(left):
            continue
        # After a short function word any capitalised word (`uponBorrelia`, `theUnited`); after
        # another word only a name the word list lacks (`humanHelicobacter`): two listed words
        # are as often a tool's name (`flowCore`, `deepTools`, `featureCounts`), and a short
        # unknown tail is one too (`bioRxiv`).
        if left not in _FUNCTION_WORDS and (len(right) < 5 or vocab.is_common_word(right)):
            continue
        if left in _FUNCTION_WORDS and not (_known(right) or len(right) >= 5):
            continue
        after = title[m.end() : m.end() + 1]
        if after == ":" or (m.start() == 0 and after in ("", ",")):
            continue  # a tool's name opening its own paper (`clusterProfiler: an R package`)
        yield Finding(
            local(ref, offset + m.start(), offset + m.end()),
            f"`{m.group(0)}`: words glued together (italics lost with their space?)",
        )


def _epithet_split(word: str) -> int:
    """Where a species epithet ends inside `word` (`burgdorferiinfection` -> 11), or 0."""
    for k in range(len(word) - 6, 3, -1):  # a tail of six letters (not `coeli|color`)
        head, tail = word[:k], word[k:]
        if head.endswith(_EPITHET_END) and vocab.is_common_word(tail) and not vocab.is_common_word(head):
            return k
    return 0


def _bounded(text: str, start: int, end: int, joiners: str) -> bool:
    """Whether text[start:end] is a whole word: no letter, digit or `joiners` either side."""
    return not any(c and (c.isalnum() or c in joiners) for c in (text[start - 1 : start], text[end : end + 1]))


def _binomial(ref: Reference, title: str, offset: int) -> Iterator[Finding]:
    for m in _GENUS_EPITHET.finditer(title):
        start, end = m.span(1)
        word = m.group(1)
        if not _bounded(title, start, end, "_'’-./") or _known(word):
            continue
        previous = title[: start].rstrip().rsplit(" ", 1)[-1]
        genus = _pattern(_GENUS).search(previous)
        if genus is None or vocab.is_common_word(genus.group(0)):
            continue  # an epithet follows its genus (`Borrelia burgdorferi`)
        k = _epithet_split(word)
        if k:
            yield Finding(
                local(ref, offset + start, offset + end),
                f"`{word}`: `{word[:k]}` glued to `{word[k:]}` (italics lost with their space?)",
            )


# Heads that make words of their own (`nonhuman`, `bioinformatics`) and tails that do
# (`genomewide`, `doselike`): a word built with them is a compound, not two glued words.
_PREFIXES_OF_WORDS = frozenset(
    "non anti pre post sub super supra multi inter intra extra over under out up down co re un de dis "
    "mis bio micro macro mega neuro immuno photo hydro electro thermo geo eco cyber semi hemi mono poly "
    "bi tri tetra penta hexa pan peri para meta proto pseudo quasi self cross counter trans ultra hyper "
    "hypo auto homo hetero iso endo exo ecto epi mid off back fore after head hand foot out door "
    "water air land sea sun moon star day night home work life radio socio paleo palaeo mini onto "
    "ratio green red black white blue nucleo oligo myo baculo pro nano med tet wiki gene word free time "
    "high cloud web net amino methyl hydroxy oxy".split()
)
_TAILS_OF_WORDS = frozenset(
    "like wide based free fold type less able ward wards way ways side work where ever self "
    "house head line body man men woman women land field point ship hood ness some metric back genes "
    "rational ality toolbox tool tools kit suite lab bank base map net web soft ware time times".split()
)
# Also a piece of a hyphenated compound (`sea-levelrise`, `Python-basedsystem`).
_ASCII_WORD = re.compile(r"[A-Za-z]{5,}")


_DOUBLED_INFLECTION = re.compile(r"([b-df-hj-np-tv-z])\1(?:ing|ed|er|est)$")
_Y_INFLECTION = re.compile(r"i(?:es|ed|er|est|ly)$")


def _word_like(word: str) -> bool:
    """A word of the lists, also in the inflections the word list's own lookup does not undo
    (`scarring`, `studies`)."""
    key = word.lower()
    if key in _FUNCTION_WORDS or vocab.is_common_word(key) or vocab.ltwa_exact(key):
        return True
    doubled = _DOUBLED_INFLECTION.search(key)
    if doubled and vocab.is_common_word(key[: doubled.start() + 1]):
        return True
    y_form = _Y_INFLECTION.search(key)
    return bool(y_form and vocab.is_common_word(key[: y_form.start()] + "y"))


# The function words a glued word may begin with: not the short ones that are prefixes too
# (`in-`, `on-`, `to-`, `a-`, `an-`, `at-`, `by-`: `inhomogeneous`, `ongoing`, `atypical`).
_SPLIT_HEADS = _FUNCTION_WORDS - frozenset("a an as at by in on or to is be".split())
# The function words a piece of a hyphenated compound may begin with (`andcarbon-cycle`); not
# `in`, `on`, `to`, `by`, `at`, which begin words too (`in-depth`, `on-site`).
_HYPHEN_HEADS = frozenset("and of the for with from".split())
# The function words a glued word may end with (`effectsof`, `Clinicaland`); not `in`, `on`,
# `an`, `a`, `as`, `at`, `is`, `or`, which end names and words the word list may lack
# (`irisin`, `resistin`, `casein`, `button`, `German`, `Tarsal`, `genesis`) ...
_TAIL_FUNCTION_WORDS = frozenset("of and for with the from".split())
# ... except after a participle or a plural of six letters or more (`basedon`, `signalingin`,
# `oscillationsin`; not `lesson`, `season`).
_SHORT_TAILS = frozenset("in on to at by".split())


def _split(word: str, opening: bool = False, hyphened: bool = False) -> int:
    """Where two words were glued into `word` (`effectsof` -> 7), or 0.

    A function word and a listed word of three letters or more (`effectsof`, `basedon`); `in`,
    `on`, `to` at the head only as below. Or two listed words of four letters or more, ten in
    all (`adultmammals`, `testglobal`): shorter pairs are English compounds the title word list
    may lack (`longwave`, `moderate` = `mode|rate`),
    and so is a head or tail compounds are built with (`wintertime`, `nonhuman`). A capitalised
    opening word takes a function word only at its end (`Clinicaland`; `Inconsistent` is a
    word), a piece of a hyphenated compound only one of `and`, `of`, `the` ... at its head
    (`andcarbon-cycle`; `β-catenin`, `L-alanine`, `re-scan` are names)."""
    key = word.lower()
    for k in range(2, len(key) - 1):
        head, tail = key[:k], key[k:]
        if head in _PREFIXES_OF_WORDS or tail in _TAILS_OF_WORDS:
            continue
        head_fn = head in (_HYPHEN_HEADS if hyphened else () if opening else _SPLIT_HEADS)
        tail_fn = not hyphened and (
            tail in _TAIL_FUNCTION_WORDS
            or (tail in _SHORT_TAILS and (head.endswith(("ed", "ing")) or (len(head) >= 6 and head[-1] == "s")))
        )
        if head_fn and len(tail) >= 3 and vocab.is_common_word(tail):
            return k
        if head in _PREFIX_LIKE_HEADS and not opening and not hyphened and _glued_after_prefix_like(tail):
            return k
        if tail_fn and len(head) >= 3 and vocab.is_common_word(head):
            return k
        shortest = 5 if hyphened or opening else 4
        if (
            min(len(head), len(tail)) >= shortest
            and len(key) >= 10
            and vocab.is_common_word(head)
            and vocab.is_common_word(tail)
        ):
            return k
    return 0


# `in`, `on`, `to` glued to the next word (`inplants`, `innorthern`, `tomultiple`) look like the
# prefix `in-` of a negated adjective (`inhomogeneous`, `inactive`) or a word (`ongoing`): only
# a tail of five letters or more that is no adjective or abstract noun (`-ous`, `-ive`, `-al`,
# `-ence` ...) is taken for a glued word.
_PREFIX_LIKE_HEADS = frozenset(("in", "on", "to"))
_NEGATABLE = r"(?:ous|ive|ent|ant|ible|able|ate|al|ic|ence|ance|ity|ion|ing|ed|er|ly|ure)$"


def _glued_after_prefix_like(tail: str) -> bool:
    return len(tail) >= 5 and not _pattern(_NEGATABLE).search(tail) and vocab.is_common_word(tail)


# A preposition or conjunction glued to the article or determiner after it (`ofthe`, `usingthe`,
# `forthis`); not any two function words (`are|as` is `areas`).
_GLUE_HEADS = frozenset(
    "of in on to and for with from by at using upon into among between during within without via".split()
)
_GLUE_TAILS = frozenset("the its their this these those".split())


def _function_pair(word: str) -> int:
    key = word.lower()
    for k in range(2, len(key) - 2):
        if key[:k] in _GLUE_HEADS and key[k:] in _GLUE_TAILS:
            return k
    return 0


@lru_cache(maxsize=1 << 16)
def _suspect(word: str) -> bool:
    """Not a word of the lists, or two function words: worth a closer look."""
    return bool(_function_pair(word)) or not _word_like(word)


@lru_cache(maxsize=1 << 14)
def _lost_space(word: str, hyphened: bool) -> int:
    """Where a space was lost in `word`, or 0 (a title's words repeat: asked once each)."""
    # Two function words (`ofthe`, `usingthe`) are never one word, though the shipped list,
    # gathered from real titles, holds a few such slips itself.
    k = _function_pair(word)
    if k or _word_like(word):
        return k
    return _split(word, opening=not word.islower(), hyphened=hyphened)


def _spaceless(ref: Reference, title: str, offset: int) -> Iterator[Finding]:
    """Two words that lost the space between them (`effectsof glutathione`): a lower-case word
    in no word list that is two listed words. A capitalised one only where the title begins,
    where no name is expected (`Legalrestrictions on ...`)."""
    if not any(map(_suspect, _ASCII_WORD.findall(title))):
        return  # the common case: every word is a word (asked once per distinct word)
    for m in _ASCII_WORD.finditer(title):
        word = m.group(0)
        if not _suspect(word) or not _bounded(title, m.start(), m.end(), "_'’./"):
            continue  # part of a longer word (`séd|imentaires`), a link or a contraction
        if not word.islower():
            opening = not title[: m.start()].strip() or title[: m.start()].rstrip().endswith(":")
            if not (opening and word[0].isupper() and word[1:].islower()):
                continue
        hyphened = "-" in (title[m.start() - 1 : m.start()], title[m.end() : m.end() + 1])
        k = _lost_space(word, hyphened)
        if k:
            yield Finding(
                local(ref, offset + m.start(), offset + m.end()),
                f"`{word}`: `{word[:k]}` and `{word[k:]}` glued together (a lost space?)",
            )


def check_glued_words(ref: Reference, ctx: Context) -> Iterator[Finding]:
    title = ref.get("title")
    if title is None:
        return
    offset = title.span.start - ref.span.start
    yield from _camel(ref, title.value, offset)
    yield from _binomial(ref, title.value, offset)
    yield from _spaceless(ref, title.value, offset)


# --- G005: markup left in plain text ------------------------------------------------------------

# A tag is its name and attributes (`<span class="x">`), not any text between `<` and `>`
# (`0<a and b>2`).
_TAG = (
    r"(?i)<(/?)(i|b|em|strong|sup|sub|u|sc|span|br|p|a|italic|bold)"
    r"(?:\s+[a-zA-Z-]+=(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s<>]+)){0,4}\s*/?>"
)
_ENTITY = r"&(?:[a-zA-Z]{2,8}|#\d{1,6}|#[xX][0-9a-fA-F]{1,6});"
_TEX_COMMAND = r"\\(textit|textbf|emph|textsc|textsuperscript|textsubscript|textrm|mathrm)\{([^{}\\]*)\}"
_TEX_GROUP = r"\{\\(it|em|bf|sc|sl|itshape|bfseries)\s+([^{}\\]*)\}"
_MARKUP_HINT = re.compile(r"</?[a-zA-Z]|&#?[a-zA-Z0-9]{2,8};")
_TEX_HINT = re.compile(r"\\[a-z]{2,}\{|\{\\[a-z]")


def check_markup(ref: Reference, ctx: Context) -> Iterator[Finding]:
    raw = ref.raw
    if not _MARKUP_HINT.search(raw):
        return
    yield from _tags(ref)
    import html  # (markup is rare: imported when first met)

    for m in _pattern(_ENTITY).finditer(raw):
        char = html.unescape(m.group(0))
        if char == m.group(0):
            continue  # not an entity HTML knows (`&Co;`)
        char = " " if char == "\u00a0" else char
        span = local(ref, m.start(), m.end())
        yield Finding(span, f"HTML entity `{m.group(0)}` left in the text", edit_fix(f"replace with `{char}`", span, char))


def check_tex(ref: Reference, ctx: Context) -> Iterator[Finding]:
    for pattern, shape in ((_pattern(_TEX_COMMAND), "\\{}{{...}}"), (_pattern(_TEX_GROUP), "{{\\{} ...}}")):
        for m in pattern.finditer(ref.raw):
            span = local(ref, m.start(), m.end())
            yield Finding(
                span,
                f"TeX markup `{shape.format(m.group(1))}` left in the text",
                edit_fix("remove the markup", span, m.group(2)),
            )


def _tags(ref: Reference) -> Iterator[Finding]:
    """Each tag, fixed by removing it with its partner when the two enclose plain text."""
    raw = ref.raw
    tags = list(_pattern(_TAG).finditer(raw))
    paired: set[int] = set()
    for i, m in enumerate(tags):
        if m.group(1) or i in paired:
            continue
        name = m.group(2).lower()
        for j in range(i + 1, len(tags)):
            n = tags[j]
            if n.group(2).lower() != name:
                continue
            if n.group(1) and j not in paired:
                paired.update((i, j))
                span = local(ref, m.start(), n.end())
                fix = Fix(
                    f"remove `{m.group(0)}` and `{n.group(0)}`",
                    (Edit(local(ref, m.start(), m.end()), ""), Edit(local(ref, n.start(), n.end()), "")),
                )
                yield Finding(span, f"HTML markup `{m.group(0)}...{n.group(0)}` left in the text", fix)
            break
    for i, m in enumerate(tags):
        if i not in paired:
            yield Finding(local(ref, m.start(), m.end()), f"HTML tag `{m.group(0)}` left in the text")


# --- G006: a chemical locant without its hyphen -------------------------------------------------

_PREFIXES = (
    "deoxy|dideoxy|hydroxy|dihydroxy|trihydroxy|methyl|dimethyl|trimethyl|ethyl|amino|chloro|"
    "dichloro|fluoro|difluoro|bromo|iodo|nitro|oxo|keto|phospho|acetyl|methoxy|ethoxy|dihydro|"
    "tetrahydro|carboxy|mercapto|thio|cyano|benzyl|phenyl|propyl|butyl|isopropyl|formyl|azido|"
    "vinyl|allyl|hydroperoxy|epoxy|dehydro|nor|oxy|oxa|aza"
)
# `1deoxysphingolipids`, `1,25dihydroxyvitamin`, `3′deoxy`: digits, then the prefix, then more of
# the name. Not inside a word or a number (`H2amino`, `2019.5methyl`).
_LOCANT = r"(?<![\w.,\-/′'])(\d{1,2}(?:,\d{1,2})*[′']?)(?=(?:" + _PREFIXES + r")[a-z(\[\-])"
_LOCANT_HINT = re.compile(r"\d[′']?(?:" + _PREFIXES + r")")


def check_locant(ref: Reference, ctx: Context) -> Iterator[Finding]:
    for m in _pattern(_LOCANT).finditer(ref.raw):
        word_end = m.end()
        while word_end < len(ref.raw) and (ref.raw[word_end].isalnum() or ref.raw[word_end] in "-()[],′'"):
            word_end += 1
        word = ref.raw[m.start() : word_end].rstrip(",")
        name = word[len(m.group(1)) :]
        if not name[:1].islower():
            continue  # `2Methyl...`, capitalised: a heading or a label, not a name in a title
        end = m.end()
        yield Finding(
            local(ref, m.start(), m.start() + len(word)),
            f"locant without its hyphen: `{word}` (`{m.group(1)}-{word[len(m.group(1)):]}`)",
            edit_fix(f"insert a hyphen after `{m.group(1)}`", local(ref, end, end), "-", "unsafe"),
        )


RULES = [
    Rule(
        code="G001",
        trigger=re.compile(r"[^\s/=%(<\"'\[](?:https?|ftp)://"),
        name="glued-link",
        summary="A link glued to the text before it",
        description=(
            "A URL or DOI link that follows the previous element without a space "
            "(`Society.https://...`), which a copy from a web page or a word processor leaves "
            "when it drops a line break: readers and link checkers take the word before it for "
            "part of the link. `Available from:https://` is the same slip. A link after `/`, `=`, "
            "`doi:` or an opening bracket or quote (inside another link, a doubled label, or set "
            "off on purpose as `<https://...>`) is not flagged. The fix inserts the space."
        ),
        bad="American Cancer Society. Cancer facts and figures 2020. Atlanta: American Cancer "
        "Society.https://www.cancer.org/research.html",
        good="American Cancer Society. Cancer facts and figures 2020. Atlanta: American Cancer "
        "Society. https://www.cancer.org/research.html",
        check=check_glued_link,
        fix_reads_text=True,
        level="error",
        fix="safe",
    ),
    Rule(
        code="G002",
        trigger=re.compile(r"[^\s(\[{][\[(](?:" + _NOTE_WORDS + r")"),
        name="glued-web-note",
        summary="A bracketed web note glued to the text before it",
        description=(
            "A web reference's note (`[Accessed 2 Sep 2022]`, `[cited 2020 May 1]`, "
            "`[Internet]`, `(accessed ...)`) that follows a link or a word without a space "
            "(`.html[Accessed 2 Sep, 2022]`): the note reads as part of the link. Only brackets "
            "that open with one of these note words are judged. The fix inserts the space."
        ),
        bad="World Health Organization. Dengue and severe dengue. 2022. "
        "https://www.who.int/news-room/dengue.html[Accessed 2 Sep, 2022]",
        good="World Health Organization. Dengue and severe dengue. 2022. "
        "https://www.who.int/news-room/dengue.html [Accessed 2 Sep, 2022]",
        check=check_glued_note,
        fix_reads_text=True,
        level="error",
        fix="safe",
    ),
    Rule(
        code="G003",
        trigger=re.compile(r"[.,;A-Z]et\.?[ \t]+al\b"),
        formats=LIST_FORMATS,
        name="glued-et-al",
        summary="`et al` glued to the last name",
        description=(
            "`et al` written against the last initial or comma without a space (`Killeen, "
            "N.et al.`, `Smith JRet al`), usually where a line break or a tab was lost. Name "
            "lists parse the initials and `et al` as one garbled name. The fix inserts the "
            "space."
        ),
        bad="Killeen, N.et al. Stochastic model of sweeps. Genetics. 2014;196(3):809-23.",
        good="Killeen, N. et al. Stochastic model of sweeps. Genetics. 2014;196(3):809-23.",
        check=check_glued_et_al,
        fix_reads_text=True,
        level="error",
        fix="safe",
    ),
    Rule(
        code="G004",
        name="glued-words",
        summary="Words of the title glued together (italics lost with their spaces)",
        description=(
            "A title whose italic words lost the spaces around them when the formatting was "
            "dropped: a word glued to a capitalised one (`uponBorrelia`), or a species epithet "
            "glued to the next word (`Borrelia burgdorferiinfection`). Judged only in the title, "
            "and only where the pieces are words: the shipped word list (and the short words "
            "italics follow, `of`, `in`, `upon`) for the lower-case part, a capitalised word "
            "for the other; an epithet only after a genus-like capitalised word and with a Latin "
            "ending. Names that join letters on purpose stay quiet: a one-letter head (`eLife`, "
            "`iPhone`), capitals after it (`mRNA`, `siRNA`), name particles (`deVries`), "
            "capitalised heads (`McDonald`, `JavaScript`), gene and chemical symbols with digits "
            "(`BRCA1`, `TGFβ`), and a tool's name opening its own paper (`clusterProfiler: an R "
            "package`). No fix: where the space goes, and whether the words were italic, is the "
            "author's to say."
        ),
        bad="Hodzic E, Imai D, Feng S, Barthold SW. Resurgence of persisting non-cultivable "
        "spirochetes uponBorrelia burgdorferiinfection in mice. PLoS One. 2014;9(1):e86907.",
        good="Hodzic E, Imai D, Feng S, Barthold SW. Resurgence of persisting non-cultivable "
        "spirochetes upon Borrelia burgdorferi infection in mice. PLoS One. 2014;9(1):e86907.",
        check=check_glued_words,
        level="warning",
    ),
    Rule(
        code="G005",
        trigger=_MARKUP_HINT,
        formats=("text", "markdown"),
        name="leftover-html",
        summary="HTML markup left in the text of a list",
        description=(
            "Tags (`<i>`, `</i>`, `<sup>`) and entities (`&amp;`, `&lt;`, `&#8211;`) copied from "
            "a web page into a plain-text list, where they print as themselves. In Markdown, "
            "where HTML is markup, only what still shows after it is read (escaped tags "
            "`&lt;i&gt;`, doubled entities `&amp;amp;`) is judged; LaTeX and BibTeX are not "
            "judged. The fix replaces an entity by its character and removes a pair of tags "
            "around text; a tag without its partner is reported without a fix."
        ),
        bad="Fries A, Kim J. Cytotoxicity of <i>Vibrio cholerae</i> toxins. Genes &amp; Dev. "
        "2018;32(3):12-24.",
        good="Fries A, Kim J. Cytotoxicity of Vibrio cholerae toxins. Genes & Dev. 2018;32(3):12-24.",
        check=check_markup,
        fix_reads_text=True,
        level="error",
        fix="safe",
    ),
    Rule(
        code="G007",
        trigger=_TEX_HINT,
        formats=("text",),
        name="leftover-tex",
        summary="TeX markup left in a plain-text list",
        description=(
            "TeX commands (`\\textit{...}`, `\\emph{...}`, `{\\it ...}`) copied from a LaTeX or "
            "BibTeX source into a plain-text list, where they print as themselves. Judged only "
            "in plain text: LaTeX and BibTeX read them, and a Markdown manuscript may pass them "
            "on to LaTeX on purpose. The fix removes the command around plain text."
        ),
        bad="Fries A, Kim J. Cytotoxicity of \\textit{Vibrio cholerae} toxins. Genes Dev. "
        "2018;32(3):12-24.",
        good="Fries A, Kim J. Cytotoxicity of Vibrio cholerae toxins. Genes Dev. 2018;32(3):12-24.",
        check=check_tex,
        fix_reads_text=True,
        level="error",
        fix="safe",
    ),
    Rule(
        code="G006",
        trigger=_LOCANT_HINT,
        name="locant-without-hyphen",
        summary="A chemical locant glued to its name without a hyphen",
        description=(
            "A position number written against the chemical prefix it numbers "
            "(`1deoxysphingolipids`, `1,25dihydroxyvitamin D`), usually a hyphen lost in a "
            "copy: IUPAC names join the locant with a hyphen (`1-deoxysphingolipids`). Only "
            "digits directly before a known substituent prefix (deoxy, hydroxy, methyl, amino, "
            "chloro ...) followed by more of the name are judged. The unsafe fix inserts the "
            "hyphen (a person should confirm the name)."
        ),
        bad="Othman A, Bianchi R. Lowering plasma 1deoxysphingolipids improves neuropathy in "
        "diabetic rats. Diabetes. 2015;64(3):1035-45.",
        good="Othman A, Bianchi R. Lowering plasma 1-deoxysphingolipids improves neuropathy in "
        "diabetic rats. Diabetes. 2015;64(3):1035-45.",
        check=check_locant,
        fix_reads_text=True,
        level="warning",
        fix="unsafe",
    ),
]
