"""T: article titles: Title-Case words inside sentence-case titles, and Title-Case titles in a
sentence-case list. Gene and protein symbols (`TGF-β1`, `IL-1β`, `NF-κB`, `CD34+`, `iPSC`),
proper nouns (`Goto-Kakizaki`, `Epstein-Barr`) and titles in languages that capitalise nouns
are not flagged: only common English words (from the shipped word list) count."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import vocab
from ..model import LIST_FORMATS, Reference, Span
from .base import Context, Finding, Rule, edit_fix

_HYPHEN_CAP_QUICK = re.compile(r"-[A-Z][a-z]")
_HYPHEN_CAP = re.compile(r"(?<=[\w+)\]])-([A-Z][a-z]{2,})(?![\w'’])")
_WORD = re.compile(r"(?<![\w-])([A-Za-z][a-z]{3,})(?![\w-])")
_FOREIGN = re.compile(
    r"\b(?:der|die|das|und|von|mit|für|bei|zur|zum|über|eine?|ist|dem|des|im|auf|nach|aus|"
    r"les|une|pour|dans|avec|sur|del|los|las|para|con|por|och|het|een|voor)\b"
)


# Words capitalised in any title: places and peoples that end hyphenated compounds and stand in
# sentence-case titles (`pan-Arctic`, `sub-Saharan`, `the United States`).
PROPER_ADJECTIVES = frozenset(
    "Arctic Antarctic Atlantic Pacific Mediterranean Saharan African American Asian European "
    "Australian British Chinese Indian Japanese Latin Caribbean Alpine Amazonian Andean Himalayan "
    "Nordic Scandinavian Caucasian Hispanic Arabian Siberian Eurasian Indo Anglo Franco Afro".split()
)


def _is_foreign(title: str) -> bool:
    return len(_FOREIGN.findall(title)) >= 2


def title_case_share(title: str) -> tuple[int, int]:
    """(capitalised, total) common words after the first word of each sentence."""
    caps = total = 0
    is_common = vocab.is_common_word
    for sentence in _SENTENCES.split(title):
        # the first word of the title or of a subtitle may be capitalised
        for word in _WORD.findall(sentence, 1):
            if is_common(word):
                total += 1
                if word[0].isupper():
                    caps += 1
    return caps, total


_SENTENCES = re.compile(r"[:.?!—–]\s*")
_CAPITALISED = re.compile(r"[\s\-(][A-Z][a-z]{3}")
_LOWER_WORDS = re.compile(r" [a-z]{4,}")


def _share(ref: Reference, title: str) -> tuple[int, int]:
    cached = ref.memo.get("title-case")
    if cached is None:
        if not _CAPITALISED.search(title):
            # No capitalised word after the first: sentence case, counted without a word loop.
            cached = (0, len(_LOWER_WORDS.findall(title)))
        else:
            cached = title_case_share(title)
        ref.memo["title-case"] = cached
    return cached  # type: ignore[return-value]


def _word_before(text: str, end: int) -> str:
    """The last piece of the hyphenated word that ends at `end`: the word characters (and `+`)
    back to a hyphen or a space. Scanned backwards and only that far, so that a long chain of
    hyphenated words costs linear time."""
    start = end
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_+β"):
        start -= 1
    return text[start:end]


def check_capitalised_compound(ref: Reference, ctx: Context) -> Iterator[Finding]:
    title = ref.get("title")
    if title is None or "-" not in title.value or not _HYPHEN_CAP.search(title.value):
        return  # most titles have no capitalised compound: one scan decides
    if _is_foreign(title.value):
        return
    caps, total = _share(ref, title.value)
    if total and caps * 2 > total:
        return  # a Title-Case title: T002 reports the title as a whole
    accepted = {vocab.fold(w) for w in ctx.options.get("accepted-words", ())}
    text = title.value
    for m in _HYPHEN_CAP.finditer(text):
        word = m.group(1)
        if word.lower() in accepted or not vocab.is_common_word(word):
            continue
        head = _word_before(text, m.start())
        if len(head) <= 1 or head.isdigit() or len(word) < 4:
            continue  # c-Fos, E-Predict, 4-Quinolone, CRISPR-Cas: symbols and names
        if head[:1].isupper() and head[1:].islower() and not vocab.is_common_word(head):
            continue  # Goto-Kakizaki: proper nouns
        if head[:1].isupper() and any(c.isupper() for c in head[1:]) and any(c.islower() for c in head):
            continue  # KwaZulu-Natal, McArthur-Smith: a name with capitals inside (not iPSC-Derived)
        if word in PROPER_ADJECTIVES:
            continue  # pan-Arctic, trans-Atlantic, sub-Saharan: always capitalised
        following = re.match(r"\s+([A-Z][a-z]+)\b", text[m.end() :])
        if following and vocab.is_common_word(following.group(1)):
            continue  # Mid-Ocean Ridge: inside a capitalised name
        start = title.span.start + m.start(1)
        span = Span(start, start + len(word))
        # `Cell-Free` in mid-sentence: the head is a capitalised common word too, and the
        # repair writes the whole compound in lower case (`cell-free`, not `Cell-free`).
        head_start = m.start() - len(head)
        if _capitalised_common(head) and not _starts_sentence(text, head_start):
            edit = Span(title.span.start + head_start, span.end)
            compound = text[head_start : m.end()]
            fix = edit_fix(f"write `{compound.lower()}`", edit, compound.lower(), "unsafe")
        else:
            edit, fix = span, edit_fix(f"write `{word.lower()}`", span, word.lower(), "unsafe")
        yield Finding(edit, f"`{word}` is capitalised inside a sentence-case title", fix)


def _capitalised_common(word: str) -> bool:
    return word[:1].isupper() and word[1:].islower() and vocab.is_common_word(word)


def _starts_sentence(text: str, pos: int) -> bool:
    """Is pos the start of the title or of a sentence (or subtitle) in it?"""
    before = text[:pos].rstrip()
    return not before or before[-1] in ".:?!—–"


def check_title_case(ref: Reference, ctx: Context) -> tuple[Finding, ...]:
    """A plain function, not a generator: it runs on every reference."""
    title = ref.fields.get("title")
    if title is None:
        return ()
    caps, total = _share(ref, title.value)
    # (Four common words at least: in `Intestinal nematodes in the United States` two of three
    # are a proper name.)
    if total < 4:
        return ()
    if caps >= 0.6 * total:
        style = "title"
    elif caps <= 0.2 * total:
        style = "sentence"
    else:
        return ()  # neither case: nothing to say, in any language
    if caps and _is_foreign(title.value):
        return ()  # (a title without capitals cannot be German nouns: no language check needed)
    if not ctx.wants(style):
        return ()
    if style == "title":
        return (Finding(title.span, "title in Title Case ({expected})", style="title"),)
    return (Finding(title.span, "title in sentence case ({expected})", style="sentence"),)


RULES = [
    Rule(
        code="T001",
        formats=LIST_FORMATS,
        trigger=_HYPHEN_CAP_QUICK,
        name="capitalised-word-in-title",
        summary="Title-Case word in a sentence-case title",
        description="Reference managers capitalise the second part of hyphenated words "
        "(`Cell-Free`, `Bleomycin-Induced`) in titles that are otherwise in sentence case. Only "
        "common English words are flagged, so symbols (`TGF-β1`, `NF-κB`, `miR-24`), proper "
        "nouns (`Goto-Kakizaki`) and German titles are left alone. The unsafe fix lowercases the word.",
        bad="Cahill EF. Hepatocyte growth factor protects against Bleomycin-Induced pulmonary "
        "fibrosis. Stem Cells Transl Med. 2016;5(10):1307-18.",
        good="Cahill EF. Hepatocyte growth factor protects against bleomycin-induced pulmonary "
        "fibrosis. Stem Cells Transl Med. 2016;5(10):1307-18.",
        off_when={"title-case": ("headline", "either")},
        check=check_capitalised_compound,
        level="warning",
        fix="unsafe",
        options={"accepted-words": []},
        option_docs={"accepted-words": "capitalised words that are correct in your titles"},
    ),
    Rule(
        code="T002",
        formats=LIST_FORMATS,
        name="title-case-title",
        summary="Title in another case than the list's",
        description="Vancouver, NLM and AMA write article titles in sentence case; some styles "
        "use Title Case. A title in the other case than the `style` option, a preset, or else "
        "the list's majority is flagged. No fix: only a person knows which words are proper nouns.",
        bad="Smith J. The Development of Stem Cell Exosomes as a Regenerative Medicine. Cells. 2014;3:1-12.\n"
        "Umezawa Y. Psoriatic arthritis in adults and children with skin disease. J Dermatol. 2021;48(6):741-9.\n"
        "Han S. The acute respiratory distress syndrome from mechanism to translation. J Immunol. 2015;194(3):855-60.",
        good="Smith J. The development of stem cell exosomes as a regenerative medicine. Cells. 2014;3:1-12.\n"
        "Umezawa Y. Psoriatic arthritis in adults and children with skin disease. J Dermatol. 2021;48(6):741-9.\n"
        "Han S. The acute respiratory distress syndrome from mechanism to translation. J Immunol. 2015;194(3):855-60.",
        off_when={"title-case": ("either",)},
        check=check_title_case,
        level="warning",
        options={"style": "auto"},
        style_values=("sentence", "title"),
        convention="title-case",
        convention_variants={"headline": "title"},
        option_docs={"style": "auto (the list's majority), sentence or title"},
    ),
]
