"""J006-J010: journal names against the journal catalogue shipped with refslint (the NLM Catalog
and JabRef's lists, refslint/journal_catalogue.py).

A name that is exactly a catalogue form (full title, NLM abbreviation, dotted ISO abbreviation)
is never wrong here. A name the catalogue knows only in another case gets the catalogue's case
(J008); one within a slip of exactly one catalogued journal, or cut short of one, gets "did you
mean" (J006); a publisher's name glued before a catalogued journal (J007) and the NLM Catalog's
place qualifier exported with a full title (J009) are export debris. A name in no catalogue and
near none is unknown, not wrong (journals founded after the 2021 snapshot exist): J010 says so
only when selected, at level info.

Every verdict is per distinct name, cached: a list names each journal many times.
"""

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from .. import journal_catalogue as catalogue
from .. import vocab
from ..model import Reference, Span
from .base import Context, Finding, Rule, edit_fix

# An NLM Catalog place qualifier after a full title: `(Cambridge, England)`, `(Basel,
# Switzerland)`, `(London, England : 1990)`.
_QUALIFIER = re.compile(r"\s*\(([^()]*(?:,|:)[^()]*)\)$")
_WORD = re.compile(r"[^\s.]+")
_DIGIT_IN_WORD = re.compile(r"[^\W\d_]\d+[^\W\d_]")


class Verdict(NamedTuple):
    """What the catalogue says of one journal name: `kind` is `form` (exactly a catalogue
    form), `case` (a form in another case), `near` (a slip of one journal), `variant` (one
    journal's form with its last word abbreviated otherwise), `publisher`,
    `qualifier`, `alias` (J003's table knows it), `known` (a form, ambiguous or with other
    separators: J001's business) or `unknown`; `text` the form to write, `detail` what kind
    of slip (`Candidate.kind`), `start` where a publisher's name ends in the name."""

    kind: str
    text: str = ""
    detail: str = ""
    start: int = 0
    journal: catalogue.Journal | None = None  # (a near miss: the journal it is near)
    form: str = ""  # ... and which of its forms


# A title that ends in what looks like the first word of an abbreviated journal name (`..., J.`,
# `Proc.`; the period that separated it is no longer in the title's value): where the journal
# begins is uncertain, so its name is not judged.
_TITLE_ENDS_IN_ABBREVIATION = re.compile(r"(?:,\s*(?:[A-Z]|[A-Z][a-z]{1,3})|(?:^|\s)[A-Z])\.?$")


def _name(ref: Reference) -> tuple[str, Span] | None:
    """The journal name to judge and its span, if any (asked by five rules: kept in the memo)."""
    memo = ref.memo
    if "journal-name" in memo:
        return memo["journal-name"]
    found = memo["journal-name"] = _journal_name(ref)
    return found


def _journal_name(ref: Reference) -> tuple[str, Span] | None:
    journal = ref.get("journal")
    if journal is None:
        return None
    title = ref.get("title")
    if title is not None and _TITLE_ENDS_IN_ABBREVIATION.search(title.value.rstrip()):
        return None
    value = journal.value.rstrip()
    return (value, journal.span) if value else None


def verdict(name: str, prefer_full: bool = False, nlm_list: bool = False) -> Verdict:
    """The catalogue's verdict on a journal name; `prefer_full`: the list writes journals in
    full, so a case variant takes the full title's case; `nlm_list`: the list prints NLM
    abbreviations, so a full title with the NLM form's very words takes its case (`PloS One`,
    the catalogue's title, is `PLoS One` among NLM abbreviations)."""
    # Always three positional arguments: `lru_cache` keys `verdict(name)` and `verdict(name,
    # False, False)` apart, and J003 and J006-J009 would each work the same name out again.
    return _verdict(name, prefer_full, nlm_list)


@lru_cache(maxsize=1 << 14)
def _verdict(name: str, prefer_full: bool, nlm_list: bool) -> Verdict:
    matches = catalogue.lookup_all(name)
    if matches:
        # (A title's words may start in either case, but not its first word: `science`, `lancet`.)
        exact = [m for m in matches if m.exact and not (name[0].islower() and m.text[0].isupper())]
        if not exact and name[0].islower() and any(m.exact for m in matches):
            m = next(m for m in matches if m.exact)
            text = _recased(name, m.text, m.form) or name
            return Verdict("case", m.text[0] + text[1:])
        if exact:
            m = exact[0]
            if m.form == "full" and (q := _QUALIFIER.search(name)) and _QUALIFIER.search(m.text):
                return Verdict("qualifier", name[: q.start()])
            nlm = m.journal.nlm
            if nlm_list and m.form == "full" and nlm and catalogue.form_key(nlm) == catalogue.form_key(name):
                # Only the capitals inside NLM's words (`PLoS`); the journal's own brand where NLM
                # has none (`eLife` for NLM's `Elife`) stays.
                text = _recased(name, nlm, "full")
                if text and text != name:
                    return Verdict("case", text)
            return Verdict("form")
        case = [m for m in matches if not m.case_exact]
        if len(case) == len(matches) and not matches[0].ambiguous:
            best = matches[0]
            if prefer_full:
                best = next((m for m in matches if m.form == "full"), best)
            text = _recased(name, best.text, best.form)
            if text and text != name:
                return Verdict("case", text)
        qualifier = _QUALIFIER.search(name)
        if qualifier and matches[0].form == "full" and not matches[0].ambiguous:
            return Verdict("qualifier", name[: qualifier.start()])
        return Verdict("known")
    if vocab.journal_key(name) in vocab.journal_aliases():
        return Verdict("alias")
    if _DIGIT_IN_WORD.search(name) or name.count("(") != name.count(")"):
        return Verdict("unknown")  # (P001's and P003's: `Pharm0aceutics`, `(Noisy-le-Grand))`)
    glued = catalogue.publisher_glued(name)
    if glued is not None:
        start = _rest_start(name, glued)
        if start:
            return Verdict("publisher", name[start:], "publisher", start)
    candidate = catalogue.nearest(name)
    # (A full title cut short is a half-abbreviated name, `Science Commun`: J005's question,
    # and the right form is the abbreviation, not the title.)
    if candidate is not None and candidate.kind == "transposed" and _swapped_acronym(name, candidate.text):
        candidate = None
    if candidate is not None and not (candidate.form == "full" and candidate.kind in ("truncated", "extended")):
        if candidate.kind in ("truncated", "extended") and _other_abbreviation(name, candidate.text):
            return Verdict("variant", candidate.text, candidate.kind)
        return Verdict("near", candidate.text, candidate.kind, journal=candidate.journal, form=candidate.form)
    return Verdict("unknown")


def _swapped_acronym(name: str, form: str) -> bool:
    """Whether the letters swapped are in a short word in capitals (`CSA` is no slip of `CAS`)."""
    pairs = zip(_WORD.findall(name), _WORD.findall(form), strict=False)
    return any(a != b and len(a) <= 3 and a.isupper() for a, b in pairs)


def _other_abbreviation(name: str, form: str) -> bool:
    """Whether the name is the form with its last word abbreviated otherwise, ISO 4's way or
    not at all (`Cell Transpl`, `Z Tropenmed Parasit`, `Transfus Med Hemotherapy`): a variant
    form, not a slip (J003 asks for the NLM form in lists of NLM abbreviations)."""
    written, wanted = _WORD.findall(name), _WORD.findall(form)
    if len(written) != len(wanted) or written[:-1] != wanted[:-1]:
        return False
    word, want = written[-1], wanted[-1]
    if word.lower().startswith(want.lower()):
        return True  # the word in full or longer where NLM abbreviates it (`Hemotherapy`)
    return vocab.is_ltwa_abbreviation(word) or vocab.ltwa_abbreviation(word) is not None


def _rest_start(name: str, glued: catalogue.Candidate) -> int:
    """Where, in the name as written, the journal after the publisher's name begins."""
    want = catalogue.form_key(glued.text)
    for m in re.finditer(r"(?<=[\s,:;.\-–])[^\s,:;.\-–]", name):
        if catalogue.form_key(name[m.start() :]) == want or (
            (hit := catalogue.lookup(name[m.start() :])) is not None and hit.journal.id == glued.journal.id
        ):
            return m.start()
    return 0


def _recased(name: str, form: str, kind: str) -> str:
    """The name with the catalogue's case where the case of a word is fixed: every word of an
    abbreviation, and in a full title the words the catalogue writes with capitals inside
    (`BMC`, `PLoS`, `eLife`; a full title's other words may be in title or sentence case).
    Only words that are the same letters; empty when the words do not pair up."""
    written, target = list(_WORD.finditer(name)), _WORD.findall(form)
    if len(written) != len(target):
        return ""
    # A word in capitals among others is typography or the journal's own branding (`PLoS ONE`):
    # not a slip; a whole name in capitals (`J VIROL`, `CHEMOSPHERE`) is, except PLOS's own
    # style of its names (`PLOS ONE`: the publisher's form since 2012, which the 2021 catalogue
    # does not give).
    words = [m.group(0) for m in written]
    all_shouted = all(w.isupper() for w in words if any(c.isalpha() for c in w)) and name != "PLOS ONE"
    out, last = [], 0
    for m, want in zip(written, target, strict=True):
        word = m.group(0)
        if word.lower() != want.lower():
            return ""
        shouted = len(word) > 1 and word.isupper() and not all_shouted
        # Capitals inside a word the catalogue lacks are the journal's own (`NeuroReport`,
        # `eLife` for NLM's `Neuroreport`, `Elife`): kept.
        branded = not word.isupper() and any(c.isupper() and not t.isupper() for c, t in zip(word[1:], want[1:], strict=False))
        fixed = not shouted and not branded and (kind != "full" or want[1:] != want[1:].lower() or all_shouted)
        out.append(name[last : m.start()])
        out.append(want if fixed else word)
        last = m.end()
    out.append(name[last:])
    return "".join(out)


def _judged_as(ref: Reference, ctx: Context, kind: str) -> tuple[str, Span, Verdict] | None:
    """The reference's journal name, its span and the verdict on it, when the verdict is of this
    kind (each of J006, J007, J009 reports one kind)."""
    named = _name(ref)
    if named is None:
        return None
    v = _judged(named[0], ctx)
    return (*named, v) if v.kind == kind else None


def _judged(name: str, ctx: Context) -> Verdict:
    """The verdict on a name under the list's conventions (per rule and name, kept in the
    rule's context: four rules ask it of every reference)."""
    judged = ctx.cache.get("judged")
    if judged is None:
        judged = ctx.cache["judged"] = {}
    found = judged.get(name)
    if found is None:
        conventions = ctx.style_conventions
        nlm_list = conventions.get("journal") == "abbreviated" and conventions.get("journal-periods") == "none"
        found = judged[name] = verdict(name, conventions.get("journal") == "full", nlm_list)
    return found


_WORDS_OF_NAME = re.compile(r"[^\W\d_][\w'’&-]*")


def _aliases(ctx: Context) -> dict[str, str]:
    """The configuration's own journal forms (`journal-aliases:`), folded variant -> form."""
    table = ctx.cache.get("aliases")
    if table is None:
        table = ctx.cache["aliases"] = {
            vocab.journal_key(str(v)): str(form)
            for form, variants in (ctx.options.get("journal-aliases") or {}).items()
            for v in variants or ()
        }
    return table


def check_nlm_form(ref: Reference, ctx: Context) -> Iterator[Finding]:
    named = _name(ref)
    if named is None:
        return
    name, span = named
    # What is wrong with a name depends on the name alone: worked out once per name.
    known = ctx.cache.get("nlm-form")
    if known is None:
        known = ctx.cache["nlm-form"] = {}
    wrong = known.get(name)
    if wrong is None:
        wrong = known[name] = _not_nlm_form(name, ctx)
    for start, end, written, form in wrong:
        where = span if start < 0 else Span(span.start + start, span.start + end)
        yield Finding(where, f"`{written}` is not the NLM form; write `{form}`", edit_fix(f"write `{form}`", where, form))


def _not_nlm_form(name: str, ctx: Context) -> tuple[tuple[int, int, str, str], ...]:
    """The stretches of a journal name that are not the NLM form: (start, end, as written,
    the NLM form), single words or the whole name (start -1: the journal's span)."""
    key = vocab.journal_key(name)
    target = _aliases(ctx).get(key)
    if target is None:
        v = verdict(name)
        if v.kind == "form" and any(m.exact and m.form == "nlm" for m in catalogue.lookup_all(name)):
            return ()  # NLM's own form (`Elife`, `Br Med J`): the catalogue wins over any table
        target = vocab.journal_aliases().get(key)
        if target is None and v.kind == "variant":
            target = v.text
        if target is None and v.kind == "unknown":
            # A journal the catalogue does not know (founded since, or a series): the words whose
            # case is fixed (`Bmc` -> `BMC`), one by one.
            forms = vocab.journal_word_forms()
            words = []
            for m in _WORDS_OF_NAME.finditer(name):
                form = forms.get(vocab.fold(m.group(0)))
                if form and form != m.group(0):
                    words.append((m.start(), m.end(), m.group(0), form))
            return tuple(words)
    if target is not None and target != name:
        return ((-1, -1, name, target),)
    return ()


def check_case(ref: Reference, ctx: Context) -> Iterator[Finding]:
    named = _name(ref)
    if named is None:
        return
    name, span = named
    v = _judged(name, ctx)
    if v.kind == "case":
        yield Finding(
            span,
            f"journal `{name}` is written `{v.text}` in the journal catalogue",
            edit_fix(f"write `{v.text}`", span, v.text),
        )


def check_near(ref: Reference, ctx: Context) -> Iterator[Finding]:
    judged = _judged_as(ref, ctx, "near")
    if judged is None:
        return
    name, span, v = judged
    text = _in_the_lists_form(name, v, ctx)
    if v.detail == "truncated":
        message = f"journal `{name}` looks cut short: did you mean `{text}`?"
    else:
        message = f"no journal `{name}` in the journal catalogue: did you mean `{text}`?"
    yield Finding(span, message, edit_fix(f"write `{text}`", span, text, "unsafe"))


_MINOR_WORDS = frozenset("a an and at by for from in of on or the to with".split())


def _in_the_lists_form(name: str, v: Verdict, ctx: Context) -> str:
    """The journal a near miss is near, in the form the list prints: its NLM abbreviation in a
    list of NLM abbreviations, its dotted one among dotted ones, a full title in the writer's
    case and otherwise in title case (the catalogue writes titles in sentence case:
    `Expert System with Applications` -> `Expert Systems with Applications`)."""
    journal, conventions = v.journal, ctx.style_conventions
    if journal is None or v.form != "full":
        return v.text
    if conventions.get("journal") == "abbreviated":
        if conventions.get("journal-periods") == "none" and journal.nlm:
            return journal.nlm
        if conventions.get("journal-periods") == "periods" and journal.iso:
            return journal.iso[0]
    written = {w.lower(): w for w in name.split()}
    words = v.text.split()
    out = []
    for i, word in enumerate(words):
        if word.lower() in written:
            out.append(written[word.lower()])
        elif word[1:] != word[1:].lower() or (i and word.lower() in _MINOR_WORDS):
            out.append(word)
        else:
            out.append(word[:1].upper() + word[1:])
    return " ".join(out)


def check_publisher(ref: Reference, ctx: Context) -> Iterator[Finding]:
    judged = _judged_as(ref, ctx, "publisher")
    if judged is None:
        return
    name, span, v = judged
    publisher = Span(span.start, span.start + v.start)
    yield Finding(
        publisher,
        f"publisher's name before the journal `{v.text}`: `{name[: v.start].rstrip(' ,:;.-–')}`",
        edit_fix(f"write `{v.text}`", span, v.text, "unsafe"),
    )


def check_qualifier(ref: Reference, ctx: Context) -> Iterator[Finding]:
    judged = _judged_as(ref, ctx, "qualifier")
    if judged is None:
        return
    name, span, v = judged
    cut = Span(span.start + len(v.text), span.end)
    yield Finding(
        cut,
        f"`{name[len(v.text):].strip()}` is the NLM Catalog's qualifier, not part of the journal's title",
        edit_fix(f"write `{v.text}`", span, v.text, "unsafe"),
    )


def check_unknown(ref: Reference, ctx: Context) -> Iterator[Finding]:
    named = _name(ref)
    if named is None:
        return
    name, span = named
    if len(name) >= 4 and _judged(name, ctx).kind == "unknown":
        yield Finding(span, f"journal `{name}` is not in the journal catalogue (NLM Catalog 2021, JabRef)")


_RULE_NOTE = (
    " The catalogue ships with refslint: the NLM Catalog's 37,868 journals with their NLM "
    "abbreviations and JabRef's lists of dotted abbreviations (IEEE, ACS, AMS, physics, life "
    "sciences); see rules/vocab/LICENSES.md."
)

RULES = [
    Rule(
        code="J003",
        name="non-nlm-journal-form",
        summary="Journal name not in its NLM form",
        description="An acronym or other name where NLM has an abbreviation (`IJMS` for `Int J Mol "
        "Sci`, `PNAS`, `NEJM`, `EBio Medicine`), or a catalogued journal's abbreviation with its "
        "last word abbreviated otherwise (`Cell Transpl` for `Cell Transplant`, `Transfus Med "
        "Hemotherapy` for `Transfus Med Hemother`), in a list of NLM abbreviations; or, in a journal "
        "the catalogue does not know, a word whose capitalisation is fixed written otherwise "
        "(`Bmc` for `BMC`; J008 judges the case of catalogued journals). A name that is NLM's "
        "own form is never flagged (`Elife`, `Br Med J`). refslint ships an alias table "
        "(rules/vocab/journal-aliases.yaml); add your own under `journal-aliases:` in the "
        "configuration. The fix writes the NLM form.",
        bad="Ahangar P. Mesenchymal stem cell secretome. IJMS. 2020;21(19):7038.",
        good="Ahangar P. Mesenchymal stem cell secretome. Int J Mol Sci. 2020;21(19):7038.",
        check=check_nlm_form,
        level="warning",
        fix="safe",
        # NLM forms are what lists of NLM abbreviations print; a style that writes journals in
        # full or with periods (APA, ACS) has its own forms.
        off_when={"journal": ("full", "either"), "journal-periods": ("periods", "either")},
        options={"journal-aliases": {}},
        option_docs={"journal-aliases": "your own journal forms: NLM form -> list of variants "
                     "(also the top-level `journal-aliases:`)"},
    ),
    Rule(
        code="J006",
        name="misspelled-journal",
        summary="Journal name a slip away from a catalogued journal",
        description="A journal name that is in no catalogue but within one slip (a letter dropped, "
        "doubled, swapped with its neighbour or replaced; two in a long name) of exactly one "
        "catalogued journal, or cut short of one (`Cell Transpl` for `Cell Transplant`, `Mon Not "
        "R Astron` for `Mon Not R Astron Soc`). Short names are only checked for swapped, dropped "
        "or doubled letters, and names under five letters not at all; a name near two journals "
        "is left alone. The unsafe fix writes the catalogued form." + _RULE_NOTE,
        bad="Lee K, Park J. Colitis in mice. Gastroenterolgy. 2011;141:330-8.\n"
        "Smith AB, Jones CD. Islet grafts. Cell Transpl. 2019;28:1-15.",
        good="Lee K, Park J. Colitis in mice. Gastroenterology. 2011;141:330-8.\n"
        "Smith AB, Jones CD. Islet grafts. Cell Transplant. 2019;28:1-15.",
        check=check_near,
        level="warning",
        fix="unsafe",
    ),
    Rule(
        code="J007",
        name="publisher-in-journal-name",
        summary="Publisher's name glued to the journal's",
        description="A publisher's name exported before a catalogued journal's (`Springer Brain "
        "Informatics`). Words that begin genuine journal names (`Frontiers in`, `IEEE`, `BMC`, "
        "`Nature`, `PLoS`, `Cell`, `ACS`) are never taken for a publisher. The unsafe fix drops "
        "the publisher's name." + _RULE_NOTE,
        bad="Smith AB, Jones CD. Brain networks. Springer Brain Informatics. 2019;6:1-15.",
        good="Smith AB, Jones CD. Brain networks. Brain Informatics. 2019;6:1-15.",
        check=check_publisher,
        level="warning",
        fix="unsafe",
    ),
    Rule(
        code="J008",
        name="journal-name-case",
        summary="Journal name in another case than the catalogue's",
        description="A catalogued journal written in another case: `Faseb J` for `FASEB J`, "
        "`Plos one` for `PLoS One`, `Bmc Nephrology` for `BMC Nephrology`. In abbreviations "
        "every word's case is the catalogue's; in a full title only the words the catalogue "
        "writes with capitals inside (`BMC`, `PLoS`, `eLife`), since full titles are printed in "
        "title or sentence case by style. A name that is exactly a catalogue form is never "
        "flagged (`Elife` is NLM's own form)." + _RULE_NOTE,
        bad="Smith AB, Jones CD. Vascular tone. Faseb J. 2019;33:1-15.",
        good="Smith AB, Jones CD. Vascular tone. FASEB J. 2019;33:1-15.",
        check=check_case,
        level="warning",
        fix="safe",
    ),
    Rule(
        code="J009",
        name="journal-catalogue-qualifier",
        summary="The NLM Catalog's qualifier exported with a full title",
        description="Reference managers copy the NLM Catalog's title with its place qualifier: "
        "`Chemical communications (Cambridge, England)`. The qualifier tells two catalogue "
        "entries apart; it is not part of the journal's title (NLM abbreviations keep theirs: "
        "`Chem Commun (Camb)`). The unsafe fix drops it." + _RULE_NOTE,
        bad="Smith, A. B. (2019). Ring closure. Chemical Communications (Cambridge, England), 55, 1-15.",
        good="Smith, A. B. (2019). Ring closure. Chemical Communications, 55, 1-15.",
        check=check_qualifier,
        level="warning",
        fix="unsafe",
    ),
    Rule(
        code="J010",
        name="unknown-journal",
        summary="Journal not in the journal catalogue",
        description="A journal name the catalogue does not know and that is near none it does. "
        "Not a defect in itself (journals founded after the catalogue's 2021 snapshot, "
        "conference series, local journals), so this rule is off unless selected "
        "(`extend-select: [J010]`), and reports at level info: for editors who want every "
        "journal name looked at." + _RULE_NOTE,
        bad="Smith AB, Jones CD. A new field. Journal of Imaginary Results. 2019;4:1-15.",
        good="Smith AB, Jones CD. A new field. J Biol Chem. 2019;4:1-15.",
        check=check_unknown,
        level="info",
        default=False,
    ),
]
