"""J: journal names: periods in abbreviations, split or garbled names, and words that ISO 4
abbreviates but the list writes in full. (Aliases and one journal written two ways are the
declarative rules J003/J004 in rules/journals.yaml.)"""

import re
import sys
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import NamedTuple

from .. import journal_catalogue, vocab
from ..model import LIST_FORMATS, Reference, Span
from .base import Context, Finding, Rule, edit_fix, lazy_fix

_DOTTED = re.compile(r"([^\W\d_][\w'’&-]*)\.(?=\s)")
_ARTICLE_DOT = re.compile(r"(?<![\w-])(The|A|An|Of|And|In|For|On|Le|La|Der|Die|Das)\.(?=\s)")
_STOPWORDS = {"of", "the", "and", "for", "in", "on", "de", "der", "und", "la", "le", "et", "du", "des"}
_WORDS = re.compile(r"[^\W\d_][\w'’&-]*")
_MEETING = r"\b(?:Symposium|Conference|Congress|Workshop|Meeting|Colloquium)\b"  # (compiled at first use)
_pattern = cache(re.compile)


@lru_cache(maxsize=1 << 14)
def period_profile(journal: str) -> tuple[str | None, str | None]:
    """(variant, the name without periods when that repair is certain), once per name."""
    if " " not in journal or _ARTICLE_DOT.search(journal):
        return None, None
    dotted = list(_DOTTED.finditer(journal))
    if not dotted:
        return "none", None
    if any(m.exact and m.form == "full" for m in journal_catalogue.lookup_all(journal)):
        return None, None  # a title's own period (`Nature Reviews. Genetics`), not an abbreviation
    first = dotted[0]
    word = first.group(1)
    if (
        first.start() == 0
        and len(word) > 4
        and not vocab.is_ltwa_abbreviation(word)
        and journal_catalogue.lookup_all(journal[first.end() :].strip())
    ):
        # `Elegans. Development`: the title's last word read into the journal (the parse is
        # uncertain there), not a period in an abbreviation.
        return None, None
    plain = _DOTTED.sub(r"\1", journal)
    # Certain when the name without periods is a catalogued NLM form (`Mol. Cell. Toxicol.`);
    # else when every dotted word is an ISO 4 abbreviation (the word list loads only then).
    certain = any(m.exact and m.form == "nlm" for m in journal_catalogue.lookup_all(plain)) or all(
        vocab.is_ltwa_abbreviation(m.group(1)) or len(m.group(1)) == 1 for m in dotted
    )
    return "periods", plain if certain else None


def check_periods(ref: Reference, ctx: Context) -> Iterator[Finding]:
    journal = ref.get("journal")
    if journal is None:
        return
    variant, fixed = period_profile(journal.value)
    if variant == "none":
        if ctx.wants("none"):
            yield Finding(journal.span, "journal abbreviation without periods ({expected})", style="none")
        return
    fix = lazy_fix(f"write `{fixed}`", journal.span, fixed) if fixed else None
    if variant == "periods" and ctx.wants("periods"):
        yield Finding(
            journal.span,
            f"periods in the journal abbreviation `{journal.value}` ({{expected}})",
            fix,
            style="periods",
        )


class JournalUse(NamedTuple):
    """What J002 keeps of a reference: its journal, and a short last sentence of its title
    with the text from there to the journal's end (a journal name split in two)."""

    index: int
    journal: str
    span: Span
    tail: str = ""
    tail_span: Span | None = None
    tail_text: str = ""


def summarize_journal(ref: Reference) -> JournalUse | str | None:
    """A JournalUse when the reference may have something to report; else only its journal
    name (interned: a long list names a few thousand journals)."""
    journal, title = ref.get("journal"), ref.get("title")
    if journal is None:
        return None
    if title is not None:
        head, sep, last = title.value.rpartition(". ")
        if sep and len(last.split()) <= 4:
            span = Span(title.span.start + len(head) + len(sep), journal.span.end)
            return JournalUse(ref.index, journal.value, journal.span, last, span, ref.text_of(span))
    if _ARTICLE_DOT.search(journal.value):
        return JournalUse(ref.index, journal.value, journal.span)
    return sys.intern(journal.value)


def check_garbled(records: list[JournalUse | str], ctx: Context) -> Iterator[Finding]:
    known: dict[str, str] = {}
    uses = []
    for record in records:
        journal = record if isinstance(record, str) else record.journal
        if "." not in journal:
            known.setdefault(vocab.journal_key(journal), journal)
        if not isinstance(record, str):
            uses.append(record)
    for use in uses:
        journal = use.journal
        m = _ARTICLE_DOT.search(journal)
        if m:
            start = use.span.start + m.start()
            gap = len(journal[m.end() :]) - len(journal[m.end() :].lstrip())
            drop = Span(start, start + len(m.group(0)) + gap)
            fix = None
            if m.group(1) in ("The", "A", "An", "Le", "La", "Der", "Die", "Das") and m.start() == 0:
                fix = edit_fix(f"drop `{m.group(0)}`", drop, "", "unsafe")
            yield Finding(
                Span(start, start + len(m.group(0))),
                f"garbled journal name `{journal}`: `{m.group(0)}` is not an abbreviation",
                fix,
                reference=use.index,
            )
            continue
        if use.tail_span is None:
            continue
        # "... syndrome. Stem cells. Transl Med.": the journal name split by a period, its first
        # part taken for the end of the title.
        joined = vocab.journal_key(f"{use.tail} {journal}")
        form = known.get(joined)
        if form and vocab.journal_key(journal) != joined:
            yield Finding(
                use.tail_span,
                f"journal name split in two: `{use.tail_text}` is `{form}`",
                edit_fix(f"write `{form}`", use.tail_span, form, "unsafe"),
                reference=use.index,
            )


@lru_cache(maxsize=1 << 14)
def abbreviation_profile(journal: str) -> tuple[str | None, tuple[tuple[int, int, str, str], ...]]:
    """How a journal name is written, judged once per distinct name (lists repeat journals):
    ("full" | "abbreviated" | None, words written in full inside an abbreviated name as
    (start, end, word, ISO 4 abbreviation))."""
    words = list(_WORDS.finditer(journal))
    if len(words) < 2:
        return None, ()  # ISO 4 never abbreviates a one-word title
    key = vocab.journal_key(journal)
    if key in vocab.journal_aliases():
        return None, ()  # J003's business
    matches = journal_catalogue.lookup_all(journal)
    if matches:
        # A catalogued journal: its form says which it is (NLM keeps some words ISO 4 would
        # cut: `J Pathol Inform`, `Int J Environ Res Public Health`); a near miss is J006's. A
        # title whose NLM abbreviation is the same words (`PLoS One`) is either.
        best = matches[0]
        key = journal_catalogue.form_key(journal)
        titles = {journal_catalogue.form_key(t) for t in journal_catalogue.title_variants(best.journal.full)}
        nlm = best.journal.nlm
        abbreviation = best.form != "full" or (nlm is not None and journal_catalogue.form_key(nlm) == key)
        if abbreviation and key in titles:
            return None, ()  # both (`Stem Cells`, `PLoS One`, `Cell Cycle`: the title is its abbreviation)
        return ("abbreviated" if abbreviation else "full"), ()
    if key in vocab.journals():
        return None, ()
    if _pattern(_MEETING, re.IGNORECASE).search(journal):
        return None, ()  # proceedings of a symposium or conference keep their names in full
    full, short = [], 0
    has_stopword = False
    for m in words:
        w = m.group(0)
        if w.lower() in _STOPWORDS:
            has_stopword = True
            continue
        abbrev = vocab.ltwa_abbreviation(w)
        if abbrev and abbrev != vocab.fold(w) and len(w) >= len(abbrev) + 3:
            if vocab.fold(w) not in vocab.nlm_whole_words():  # (NLM writes `Environ`, `Primers`)
                full.append((m.start(), m.end(), w, abbrev.capitalize()))
        elif w[0].isupper() and (
            w == "J" or (abbrev is None and vocab.is_ltwa_abbreviation(w) and not vocab.is_common_word(w))
        ):
            short += 1
    if has_stopword:  # "Journal of Immunology" is a full name, not a half-abbreviated one
        short = 0
    if full and short:
        return None, tuple(full)
    return ("full" if full else "abbreviated" if short else None), ()


def check_unabbreviated(ref: Reference, ctx: Context) -> Iterator[Finding]:
    journal = ref.get("journal")
    if journal is None:
        return
    style, mixed = abbreviation_profile(journal.value)
    base = journal.span.start
    for start, end, word, abbrev in mixed:
        yield Finding(
            Span(base + start, base + end),
            f"`{word}` is not abbreviated in `{journal.value}` (ISO 4: `{abbrev}`)",
        )
    if style == "full" and ctx.wants("full"):
        nlm = journal_catalogue.full_to_nlm(journal.value)
        fix = None
        conventions = ctx.style_conventions
        if nlm and conventions.get("journal") == "abbreviated" and conventions.get("journal-periods") == "none":
            # Certain where the list's style prints NLM abbreviations; elsewhere the message
            # names the NLM form and the abbreviation is the writer's to choose.
            fix = lazy_fix(f"write `{nlm}`", journal.span, nlm)
        message = f"journal name in full ({{expected}}; NLM: `{nlm}`)" if nlm else "journal name in full ({expected})"
        yield Finding(journal.span, message, fix, style="full")
    elif style == "abbreviated" and ctx.wants("abbreviated"):
        yield Finding(journal.span, "abbreviated journal name ({expected})", style="abbreviated")


RULES = [
    Rule(
        code="J001",
        formats=LIST_FORMATS,
        name="periods-in-journal-abbreviation",
        summary="Periods in a journal abbreviation",
        description="NLM abbreviations carry no periods (`Mol Cell Toxicol`); some styles keep "
        "them (`Mol. Cell. Toxicol.`). Follows the `style` option, a preset, or else the list's "
        "majority. The fix removes the periods when every dotted word is an ISO 4 abbreviation.",
        bad="Suh N. Molecular signatures of secretomes. Mol. Cell. Toxicol. 2017;13(2):133-41.\n"
        "Umezawa Y. Psoriatic arthritis. J Dermatol. 2021;48(6):741-9.\n"
        "Han S. The acute respiratory distress syndrome. J Immunol. 2015;194(3):855-60.",
        good="Suh N. Molecular signatures of secretomes. Mol Cell Toxicol. 2017;13(2):133-41.\n"
        "Umezawa Y. Psoriatic arthritis. J Dermatol. 2021;48(6):741-9.\n"
        "Han S. The acute respiratory distress syndrome. J Immunol. 2015;194(3):855-60.",
        off_when={"journal-periods": ("either",)},
        check=check_periods,
        level="warning",
        fix="safe",
        options={"style": "auto"},
        style_values=("none", "periods"),
        convention="journal-periods",
        option_docs={"style": "auto (the list's majority), none (`Mol Cell Toxicol`) or periods"},
    ),
    Rule(
        code="J002",
        name="garbled-journal-name",
        summary="Split or garbled journal name",
        description="A journal name broken by an export: an article with a period (`The. J "
        "Immunol.`), or a name split in two so that its first part reads as the end of the "
        "title (`... syndrome. Stem cells. Transl Med.`), recognised when the joined name is a "
        "known journal or appears elsewhere in the list. The unsafe fix joins the name.",
        bad="Xu AL. Stem cells reconditioned in their own serum. Stem cells. Transl Med. 2019;8:1092-106.\n"
        "Noh MY. Stem cells modulate microglia. Stem Cells Transl Med. 2016;5(11):1538-49.",
        good="Xu AL. Stem cells reconditioned in their own serum. Stem Cells Transl Med. 2019;8:1092-106.\n"
        "Noh MY. Stem cells modulate microglia. Stem Cells Transl Med. 2016;5(11):1538-49.",
        check=check_garbled,
        summarize=summarize_journal,
        scope="list",
        level="error",
        fix="unsafe",
    ),
    Rule(
        code="J005",
        name="journal-word-not-abbreviated",
        summary="Journal word not abbreviated",
        description="In an abbreviated journal name every word that ISO 4 (the LTWA) abbreviates "
        "is abbreviated: `J Immunology` mixes forms. Names the journal catalogue gives (NLM "
        "abbreviations keep some words ISO 4 would cut: `J Pathol Inform`) are never mixed; the "
        "ISO 4 word list judges only names the catalogue lacks. A whole name in full in a list "
        "of abbreviations (or the reverse) follows the `style` option, a preset, or else the "
        "list's majority; a catalogued full title gets its NLM abbreviation, written by the fix "
        "where the list's style prints NLM abbreviations.",
        bad="Han S. The acute respiratory distress syndrome. J Immunology. 2015;194(3):855-60.",
        good="Han S. The acute respiratory distress syndrome. J Immunol. 2015;194(3):855-60.",
        off_when={"journal": ("either",)},
        check=check_unabbreviated,
        level="warning",
        fix="safe",
        options={"style": "auto"},
        style_values=("abbreviated", "full"),
        convention="journal",
        option_docs={"style": "auto (the list's majority), abbreviated or full"},
    ),
]
