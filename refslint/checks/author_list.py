"""A: author names judged against the rest of the list and its style: one person spelled two
ways, `, and` before the last author, a surname without initials, initials read as a surname,
`Brewer HB, Jr` and `Zhang Y-B` where the list's style is NLM's."""

import re
import sys
import unicodedata
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator, Set
from functools import cache, lru_cache
from typing import NamedTuple

from ..model import LIST_FORMATS, Reference, Related, Span
from ..styles import lexer
from .base import Context, Finding, Rule, edit_fix, lazy_fix, ref_name

# --- shared ---------------------------------------------------------------------------------------


def _compact_style(ctx: Context) -> bool:
    """The list's style writes names NLM's way (`Smith AB`): the Vancouver family and AMA."""
    return ctx.style_conventions.get("names") == "compact"


def _compact_ref(ref: Reference) -> bool:
    return ref.memo.get("name-form") == "NAMES_COMPACT"


# Letters a copy editor's eye reads through: export slips drop or add them, the person is one.
_LETTER_FOLDS = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ı": "i", "ß": "ss", "æ": "ae", "œ": "oe"})
_MARKS = re.compile(r"[\s'’‘ʼ`´.\-]")


def name_key(family: str) -> str:
    """A surname without case, accents, apostrophes, spaces and hyphens: `Lötsch` and `Lotsch`,
    `O'Brien` and `OBrien`, `Van der Berg` and `Vanderberg` have one key."""
    if family.isascii() and family.isalpha():
        return family.lower()  # (most surnames: nothing to fold or drop)
    folded = _MARKS.sub("", family.lower().translate(_LETTER_FOLDS))
    if folded.isascii():
        return folded
    return "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))


_INITIAL_MARKS = re.compile(r"[\s.\-]")


def _initials(initials: str) -> str:
    if initials.isalpha():
        return initials.upper()  # (`AB`: no period, space or hyphen to drop)
    return _INITIAL_MARKS.sub("", initials).upper()


# --- A004: one person spelled two ways ------------------------------------------------------------


class NameUse(NamedTuple):
    """One personal name of the list, as A004 and A007 keep it."""

    index: int
    ref: str  # how a person names the reference
    family: str
    initials: str  # compact, upper case
    span: Span


# Particles that an export may read as the last initial (`Lo Brutto S` as `Brutto SL`).
_PARTICLE = re.compile(
    r"^(?:lo|la|le|li|de|di|da|do|du|del|della|dos|das|van|von|der|den|ter|ten|mac|mc)\s+(?=\S)", re.I
)


class NameUses:
    """The personal names of one reference, kept compactly: a long list holds millions of them
    until its list rules run (as NameUse objects they took 1.5 KB a reference: 3 GB for a
    million). The checks read the tuples and make a NameUse (use(i)) only for a name they
    report or keep: making one per name took most of their time. The names' spans (start,
    end) are kept as the bytes of an array of int64 (an array pickled and unpickled several
    times slower, and a long list's summaries are pickled once and unpickled for each rule)."""

    __slots__ = ("bounds", "families", "index", "initials", "ref")

    def __init__(self, index: int, ref: str, families: tuple[str, ...], initials: tuple[str, ...], bounds: bytes):
        self.index, self.ref, self.families, self.initials, self.bounds = index, ref, families, initials, bounds

    def __len__(self) -> int:
        return len(self.families)

    def use(self, i: int) -> NameUse:
        """The reference's i-th name."""
        bounds = memoryview(self.bounds).cast("q")
        span = Span(bounds[2 * i], bounds[2 * i + 1])
        return NameUse(self.index, self.ref, self.families[i], self.initials[i], span)

    def __reduce__(self):  # (sent back from worker processes)
        return NameUses, (self.index, self.ref, self.families, self.initials, self.bounds)


def summarize_names(ref: Reference) -> NameUses | None:
    if "authors" not in ref.fields:
        return None
    names = [a for a in ref.authors if a.family and a.initials and not a.group]
    if not names:
        return None
    # Interned: a long list names the same people again and again.
    intern = sys.intern
    return NameUses(
        ref.index,
        intern(ref_name(ref)),
        tuple([intern(a.family) for a in names]),
        tuple([_compact_initials(a.initials) for a in names]),
        array("q", [n for a in names for n in a.span]).tobytes(),
    )


@lru_cache(maxsize=4096)
def _compact_initials(initials: str) -> str:
    """`A. B.` -> `AB`, interned: a list writes the same few hundred initials again and again."""
    return sys.intern(_initials(initials))


def _is_caps(family: str) -> bool:
    return family.isupper() and len(family) > 1


@lru_cache(maxsize=1 << 16)
def _key(family: str) -> str:
    return name_key(family)


def _surnames(records: list[NameUses]) -> set[str]:
    """The list's distinct surnames: a long list names the same people again and again, so
    A004 judges each surname once, not each use of it."""
    families: set[str] = set()
    for uses in records:
        families.update(uses.families)
    return families


def _spellings(records: list[NameUses], families: set[str]) -> dict[tuple[str, str], dict[str, list[NameUse]]]:
    """(surname key, first initial) -> surname as written -> its uses, for the names written
    more than one way. Only a surname whose key another surname shares can be one of them:
    they are few, so only their uses are made."""
    key_of = _shared_keys(families)
    groups: dict[tuple[str, str], dict[str, list[NameUse]]] = defaultdict(lambda: defaultdict(list))
    for uses in _naming(records, key_of.keys()):
        for i, family in enumerate(uses.families):
            key = key_of.get(family)
            if key is not None:
                groups[(key, uses.initials[i][:1])][family].append(uses.use(i))
    # Two surnames with one key may still stand with different first initials: two people.
    return {key: forms for key, forms in groups.items() if len(forms) > 1}


def _shared_keys(families: set[str]) -> dict[str, str]:
    """Surname -> its key, for the surnames whose key another surname shares. (Worked out with
    set operations and C-level map / filter: a long list has hundreds of thousands of surnames,
    and A004 runs alone at the end of a run.)"""
    # A list in capitals is a case question, not a spelling.
    judged = families - {f for f in filter(str.isupper, families) if _is_caps(f)}
    # The key of a surname of ASCII letters alone is the surname in lower case (name_key).
    plain = set(filter(str.isascii, filter(str.isalpha, judged)))
    key_of = {family: _key(family) for family in judged - plain}
    counts = Counter(map(str.lower, plain))
    counts.update(key_of.values())
    shared = {key for key, n in counts.items() if n > 1}
    if not shared:
        return {}
    key_of.update((family, family.lower()) for family in plain)
    return {family: key for family, key in key_of.items() if key in shared}


def _naming(records: list[NameUses], families: Set[str]) -> Iterator[NameUses]:
    """The references that name one of `families` (a set test per reference, not per name)."""
    if families:
        for uses in records:
            if not families.isdisjoint(uses.families):
                yield uses


def _compatible(a: str, b: str) -> bool:
    """Initials that can be one person's: equal, or one the start of the other (`J`, `JA`)."""
    return a.startswith(b) or b.startswith(a)


def _marks(family: str) -> int:
    return sum(1 for c in family if not c.isascii() or c in "'’")


def check_spelled_two_ways(records: list[NameUses], ctx: Context) -> Iterator[Finding]:
    families = _surnames(records)
    for forms in _spellings(records, families).values():
        # The majority spelling: the one in most references; in a tie the one that keeps its
        # accents and apostrophes (exports lose them far more often than they add them).
        def weight(item: tuple[str, list[NameUse]]) -> tuple[int, int, int]:
            family, uses = item
            return len({u.index for u in uses}), _marks(family), -uses[0].index

        ranked = sorted(forms.items(), key=weight, reverse=True)
        major_uses = ranked[0][1]
        partners: dict[str, NameUse | None] = {}  # initials -> the first major use they fit
        for _family, uses in ranked[1:]:
            for use in uses:
                if use.initials not in partners:
                    partners[use.initials] = next(
                        (m for m in major_uses if _compatible(m.initials, use.initials)), None
                    )
                partner = partners[use.initials]
                if partner is None or partner.index == use.index:
                    continue
                yield _two_ways(use, partner, f"{partner.family} {partner.initials}", ctx)
    yield from _particle_as_initial(records, families, ctx)


def _two_ways(use: NameUse, partner: NameUse, other: str, ctx: Context, why: str = "") -> Finding:
    return Finding(
        use.span,
        f"`{use.family} {use.initials}` is written `{other}` in reference {partner.ref}{why}",
        related=(Related(ctx.path, partner.span, f"`{other}` here"),),
        reference=use.index,
    )


def _particle_as_initial(records: list[NameUses], families: set[str], ctx: Context) -> Iterator[Finding]:
    """`Brutto SL` where the list also has `Lo Brutto S`: the particle read as an initial."""
    # (A particle stands before a space: a surname of letters alone, most of them, has none.)
    with_particles = {f for f in families if not f.isalpha() and _PARTICLE.match(f)}
    with_particle: dict[tuple[str, str], list[NameUse]] = defaultdict(list)
    for uses in _naming(records, with_particles):
        for i, family in enumerate(uses.families):
            m = _PARTICLE.match(family) if family in with_particles else None
            if m:
                particle = m.group(0).strip()
                rest = family[m.end():]
                with_particle[(name_key(rest), uses.initials[i] + particle[0].upper())].append(uses.use(i))
    # Only a name with the initials of one of them can be its partner: few references have one.
    wanted = {initials for _key, initials in with_particle}
    for uses in records:
        if wanted.isdisjoint(uses.initials):
            continue
        for i, initials in enumerate(uses.initials):
            family = uses.families[i]
            if initials not in wanted or len(initials) < 2 or _is_caps(family):
                continue
            partners = with_particle.get((_key(family), initials))
            if partners and all(p.index != uses.index for p in partners):
                partner = partners[0]
                yield _two_ways(
                    uses.use(i), partner, f"{partner.family} {partner.initials}", ctx,
                    f" (`{partner.family.split()[0]}` read as an initial?)",
                )


# --- A005: `, and` before the last author in an NLM list --------------------------------------------


@cache
def _joiner() -> re.Pattern[str]:  # (compiled on first use: only for `and` or `&` in an NLM list)
    return re.compile(r"^,?\s*(and|&)\s+$")


def check_and_before_last(ref: Reference, ctx: Context) -> Iterator[Finding]:
    authors = ref.get("authors")
    if authors is None or not _compact_style(ctx) or not _compact_ref(ref):
        return
    text = authors.value
    if " and " not in text and "&" not in text:
        if "," in text:
            ctx.wants("comma")  # a vote only: a comma is never reported
        return
    names = [a for a in ref.authors if a.text]
    if len(names) < 2:
        return
    prev, last = names[-2], names[-1]
    gap = Span(prev.span.end, last.span.start)
    m = _joiner().match(ref.text_of(gap))
    if m is None:
        return
    variant = "and" if m.group(1) == "and" else "ampersand"
    if not ctx.wants(variant):
        return
    yield Finding(
        gap,
        f"`{ref.text_of(gap).strip()}` before the last author ({{expected}})",
        lazy_fix("join the last author with a comma", gap, ", ") if ctx.family == "vancouver" else None,
        style=variant,
    )


# --- A006: a surname without initials ---------------------------------------------------------------


@cache
def _bare_surname() -> re.Pattern[str]:  # (compiled on first use: only for a name without initials)
    return re.compile(r"[A-Z][a-z][^\W\d_]*(?:[-'’][A-Z]?[^\W\d_]+)?")


_NOT_NAMES = {"Jr", "Jnr", "Sr", "Snr", "Others", "Editors", "Eds", "Ed"}


class BareNames(NamedTuple):
    index: int
    personal: int  # names with initials
    bare: tuple[tuple[str, Span], ...]  # surnames standing alone


def summarize_bare(ref: Reference) -> BareNames | bool | None:
    """The surnames standing alone in a reference with personal names; False for such a
    reference without any, the common case (it counts towards the list's size, and a bare
    False costs nothing to pickle and keep)."""
    if "authors" not in ref.fields or ref.memo.get("name-form") not in ("NAMES_COMPACT", "NAMES_LOOSE"):
        return None
    authors = ref.authors
    others = [a for a in authors if not a.initials]
    personal = len(authors) - len(others)
    if not personal:
        return None  # a group author, or a list in no name form: nothing to compare with
    bare = tuple(
        (a.text, a.span) for a in others
        if not a.group and not a.family and a.text not in _NOT_NAMES
        and _bare_surname().fullmatch(a.text) and not lexer.GROUP.search(a.text)
    )
    return BareNames(ref.index, personal, bare) if bare else False


def check_bare_surname(records: list[BareNames | bool], ctx: Context) -> Iterator[Finding]:
    if not _compact_style(ctx):
        return
    flagged = [r for r in records if isinstance(r, BareNames)]
    # Only in a list whose names carry initials: a handful of references, not a habit.
    if not flagged or len(records) < 5 or len(flagged) > max(1, len(records) // 20):
        return
    for record in flagged:
        for text, span in record.bare:
            yield Finding(span, f"surname `{text}` without initials", reference=record.index)


# --- A007: initials read as a surname -----------------------------------------------------------------

_SUFFIXES = {"Jr", "Jnr", "Sr", "Snr"}
_TWO_LETTERS = re.compile(r"[A-Z][a-z]")
# Two-letter surnames that are surnames (Chinese, Korean, Vietnamese, Burmese, Yoruba ...):
# never taken for initials on the shape of the reference alone.
_SHORT_SURNAMES = frozenset(
    "An Ai Au Ba Bi Bo Cu Da Do Du Ee Er Fa Fu Ge Gu Ha He Ho Hu Im Ip Ji Jo Ju Ka Ke Ki Ko Ku Ky La Le Li "
    "Lo Lu Ly Ma Mo Mu Na Ng Ni No Ny Oh Ok Om On Oo Ou Ow Pe Po Pu Qi Qu Ra Re Ro Ru Sa Si So Su Ta Te Ti To "
    "Tu Ty Uy Vo Vu Wa We Wo Wu Xi Xu Ya Ye Yi Yo Yu Za Ze Zi Zu".split()
)


def check_initials_as_surname(records: list[NameUses], ctx: Context) -> Iterator[Finding]:
    """`Ab R` where the list has `Rao AB`: the given names' initials taken for a surname, and
    the surname cut to its initial. `Sr K`: a suffix is never a surname."""
    suspects = _suspects(records)
    partners = _by_initials(records, {uses.families[i].upper() for uses, i in suspects})
    for uses, i in suspects:
        family, initials = uses.families[i], uses.initials[i]
        if family.rstrip(".") in _SUFFIXES and len(uses) > 1:
            yield Finding(
                uses.use(i).span,
                f"`{family}` read as a surname in `{family} {initials}`: initials or a suffix",
                reference=uses.index,
            )
            continue
        if not _TWO_LETTERS.fullmatch(family) or len(initials) > 2 or family in _SHORT_SURNAMES:
            continue
        other = partners.get((family.upper(), initials[:1].lower()))
        if other is not None and other.index != uses.index:
            yield _initials_partner(uses.use(i), other, ctx)
        elif sum(1 for f in uses.families if _unknown_short(f)) >= 2:
            # The shape of the reference: two or more such "surnames" in one author list.
            yield Finding(
                uses.use(i).span,
                f"`{family} {initials}`: `{family}` looks like initials read as a surname",
                reference=uses.index,
            )


def _suspects(records: list[NameUses]) -> list[tuple[NameUses, int]]:
    """The names, in list order, whose surname may be initials: two letters, or a suffix."""
    suspects = []
    for uses in records:
        for i, family in enumerate(uses.families):
            # (The length first: most surnames are longer than two letters and no suffix.)
            if len(family) == 2 or family.rstrip(".") in _SUFFIXES:
                suspects.append((uses, i))
    return suspects


def _by_initials(records: list[NameUses], wanted: set[str]) -> dict[tuple[str, str], NameUse]:
    """(initials, first letter of the surname's key) -> the first name so written, for the
    initials in `wanted` (the suspects' surnames in capitals: only those are looked up)."""
    found: dict[tuple[str, str], NameUse] = {}
    if not wanted:
        return found
    for uses in records:
        if wanted.isdisjoint(uses.initials):
            continue
        for i, initials in enumerate(uses.initials):
            if initials in wanted and len(initials) >= 2:
                key = (initials, _key(uses.families[i])[:1])
                if key not in found:
                    found[key] = uses.use(i)
    return found


def _unknown_short(family: str) -> bool:
    return _TWO_LETTERS.fullmatch(family) is not None and family not in _SHORT_SURNAMES


def _initials_partner(use: NameUse, other: NameUse, ctx: Context) -> Finding:
    return Finding(
        use.span,
        f"`{use.family} {use.initials}` looks like `{other.family} {other.initials}` of reference "
        f"{other.ref} with its initials read as a surname",
        related=(Related(ctx.path, other.span, f"`{other.family} {other.initials}` here"),),
        reference=use.index,
    )


# --- A008: `Brewer HB, Jr` --------------------------------------------------------------------------


@cache
def _comma_suffix() -> re.Pattern[str]:  # (compiled on first use: only for references its trigger finds)
    return re.compile(r",(\s*)(?:Jr|Jnr|Sr|Snr|III|II|IV|2nd|3rd|4th)\.?$")


def check_suffix_comma(ref: Reference, ctx: Context) -> Iterator[Finding]:
    if "authors" not in ref.fields or not _compact_style(ctx) or not _compact_ref(ref):
        return
    for a in ref.authors:
        m = _comma_suffix().search(a.text) if a.initials else None
        if m is None:
            continue
        comma = Span(a.span.start + m.start(), a.span.start + m.start(1) + len(m.group(1)))
        suffix = a.text[m.start(1) + len(m.group(1)):]
        yield Finding(
            comma,
            f"comma before the suffix in `{a.text}` (NLM: `{a.text[: m.start()]} {suffix.rstrip('.')}`)",
            lazy_fix("write the suffix after the initials", comma, " ") if ctx.family == "vancouver" else None,
        )


# --- A009: hyphenated initials ------------------------------------------------------------------------


class Hyphenated(NamedTuple):
    index: int
    names: tuple[tuple[str, Span], ...]  # (initials, their span)


def summarize_hyphenated(ref: Reference) -> Hyphenated | bool | None:
    """The hyphenated initials of a reference whose names are NLM's form; False for such a
    reference without any (it counts towards the list's habit)."""
    if "authors" not in ref.fields or not _compact_ref(ref):
        return None
    if "-" not in ref.fields["authors"].value:
        return False
    names = []
    for a in ref.authors:
        if a.initials and "-" in a.initials and "." not in a.initials:
            start = a.span.start + a.text.rfind(a.initials)
            names.append((a.initials, Span(start, start + len(a.initials))))
    return Hyphenated(ref.index, tuple(names)) if names else False


def check_hyphenated_initials(records: list[Hyphenated | bool], ctx: Context) -> Iterator[Finding]:
    if ctx.style != "vancouver":
        return  # NLM's rule; AMA's and other styles' handling of the hyphen is not settled enough
    found = [r for r in records if isinstance(r, Hyphenated)]
    # With Vancouver set by the user every hyphen is NLM's to judge. In a list only detected as
    # Vancouver the list's own habit decides: renderers keep the hyphen (CSL's Vancouver does),
    # so a list that hyphenates in several references does so on purpose; the one reference
    # that does it in a list that otherwise does not is the slip.
    configured = ctx.options.get("initials") == "compact"
    if not configured and (len(found) != 1 or len(records) < 5):
        return
    for record in found:
        for initials, span in record.names:
            joined = initials.replace("-", "")
            # A fix only where the user set the style: a detected Vancouver list may be a house
            # variant that keeps the hyphen (BMJ's lists do).
            yield Finding(
                span,
                f"hyphen in the initials `{initials}` (NLM: `{joined}`)",
                edit_fix(f"write `{joined}`", span, joined) if configured else None,
                reference=record.index,
            )


_NLM_STYLE_NOTE = "Judged only where the list's style writes names NLM's way (`Smith AB`: Vancouver, AMA)."

RULES = [
    Rule(
        code="A004",
        name="author-spelled-two-ways",
        summary="One person's name spelled two ways in the list",
        description="The same person written two ways in one list (`Lotsch J` and `Lötsch J`, "
        "`OBrien K` and `O'Brien K`, `Brutto SL` and `Lo Brutto S`): an export lost an accent "
        "or an apostrophe, or read a particle as an initial. Names are compared by surname "
        "without case, accents, apostrophes, spaces and hyphens, with initials that can be one "
        "person's (`J` and `JA`). The spelling in fewer references is reported, with the "
        "reference that writes it otherwise; in a tie the one without accents. A list in "
        "capitals is not judged. No fix: which spelling is the person's is the editor's call.",
        bad="Lötsch J, Geisslinger G. Pain genes. Trends Mol Med. 2010;16:1-9.\n"
        "Lotsch J, Ultsch A. Machine learning in pain research. Pain. 2018;159:623-30.\n"
        "Han S. The acute respiratory distress syndrome. J Immunol. 2015;194(3):855-60.",
        good="Lötsch J, Geisslinger G. Pain genes. Trends Mol Med. 2010;16:1-9.\n"
        "Lötsch J, Ultsch A. Machine learning in pain research. Pain. 2018;159:623-30.\n"
        "Han S. The acute respiratory distress syndrome. J Immunol. 2015;194(3):855-60.",
        check=check_spelled_two_ways,
        summarize=summarize_names,
        scope="list",
        level="warning",
        formats=LIST_FORMATS,
    ),
    Rule(
        code="A005",
        name="and-before-last-author",
        summary="`and` before the last author in an NLM list",
        description="Vancouver, NLM and AMA join every author with a comma (`Field JJ, Diaz JF, "
        "Miller JH`); `, and` or `&` before the last one is APA's, Chicago's or IEEE's, and is "
        "silent there. " + _NLM_STYLE_NOTE + " Follows the `style` option, a preset or the "
        "list's style, else its majority. The fix writes a comma (in the Vancouver family's lists).",
        bad="Field JJ, Diaz JF, and Miller JH. Microtubule-targeting agents. Chem Rev. 2014;114:36-40.\n"
        "Umezawa Y, Kim J. Psoriatic arthritis. J Dermatol. 2021;48(6):741-9.\n"
        "Han S, Lee K, Park J. The acute respiratory distress syndrome. J Immunol. 2015;194(3):855-60.",
        good="Field JJ, Diaz JF, Miller JH. Microtubule-targeting agents. Chem Rev. 2014;114:36-40.\n"
        "Umezawa Y, Kim J. Psoriatic arthritis. J Dermatol. 2021;48(6):741-9.\n"
        "Han S, Lee K, Park J. The acute respiratory distress syndrome. J Immunol. 2015;194(3):855-60.",
        check=check_and_before_last,
        level="warning",
        fix="safe",
        formats=LIST_FORMATS,
        options={"style": "auto"},
        style_values=("comma", "and", "ampersand"),
        convention="last-author",
        option_docs={"style": "auto (the list's style or majority), comma, and or ampersand"},
    ),
    Rule(
        code="A006",
        name="surname-without-initials",
        summary="A surname without initials",
        description="A name without its initials (`Santhosh TRLK, Krishnan`) in a list whose "
        "names all carry them: the initials were lost, or two names were run together. "
        + _NLM_STYLE_NOTE + " Silent where more than one reference in 20 has such a name (a "
        "list that cites mononymous authors), in lists of fewer than 5 references, and for "
        "group authors. No fix: the initials are not in the text.",
        bad="Santhosh TRLK, Krishnan. Oxidative stress in pterygium. Indian J Med Res. 2010;131:1-9.\n"
        "Umezawa Y, Kim J. Psoriatic arthritis. J Dermatol. 2021;48(6):741-9.\n"
        "Han S, Lee K, Park J. The acute respiratory distress syndrome. J Immunol. 2015;194(3):855-60.\n"
        "Suh N. Molecular signatures of secretomes. Mol Cell Toxicol. 2017;13(2):133-41.\n"
        "Noh MY, Lim SM. Stem cells modulate microglia. Stem Cells Transl Med. 2016;5(11):1538-49.",
        good="Santhosh TRLK, Krishnan K. Oxidative stress in pterygium. Indian J Med Res. 2010;131:1-9.\n"
        "Umezawa Y, Kim J. Psoriatic arthritis. J Dermatol. 2021;48(6):741-9.\n"
        "Han S, Lee K, Park J. The acute respiratory distress syndrome. J Immunol. 2015;194(3):855-60.\n"
        "Suh N. Molecular signatures of secretomes. Mol Cell Toxicol. 2017;13(2):133-41.\n"
        "Noh MY, Lim SM. Stem cells modulate microglia. Stem Cells Transl Med. 2016;5(11):1538-49.",
        check=check_bare_surname,
        summarize=summarize_bare,
        scope="list",
        level="warning",
        formats=LIST_FORMATS,
    ),
    Rule(
        code="A007",
        name="initials-read-as-surname",
        summary="Given-name initials read as a surname",
        description="A name whose surname is its owner's initials (`Ab R, Sr K, ..., Se PK`): "
        "the names were exported given names first and read back the wrong way round. Reported "
        "where the same person stands the right way round elsewhere in the list (`Ab R` and "
        "`Rao AB`), or where the surname is a suffix (`Sr K`), never for two-letter surnames on "
        "their own (`Li`, `Xu`, `Ng`, `Oh`, `Yu` are real). No fix: the full surname is not "
        "in the text.",
        bad="Ab R, Sr K, Chandran D, Hegde S. Seizure control. Epilepsy Res. 2015;110:1-9.\n"
        "Rao AB, Hegde S. Hippocampal neurogenesis. Epilepsia. 2014;55:1-9.\n"
        "Han S. The acute respiratory distress syndrome. J Immunol. 2015;194(3):855-60.",
        good="Rao AB, Shetty K, Chandran D, Hegde S. Seizure control. Epilepsy Res. 2015;110:1-9.\n"
        "Rao AB, Hegde S. Hippocampal neurogenesis. Epilepsia. 2014;55:1-9.\n"
        "Han S. The acute respiratory distress syndrome. J Immunol. 2015;194(3):855-60.",
        check=check_initials_as_surname,
        summarize=summarize_names,
        scope="list",
        level="warning",
        formats=LIST_FORMATS,
    ),
    Rule(
        code="A008",
        name="comma-before-suffix",
        summary="A comma before Jr or Sr in an NLM list",
        description="NLM writes a suffix after the initials without a comma (`Brewer HB Jr`); "
        "`Brewer HB, Jr` is APA's form, and the comma makes the suffix read as another author "
        "(an et-al count goes wrong). " + _NLM_STYLE_NOTE + " The fix drops the comma (in the "
        "Vancouver family's lists).",
        bad="Brewer HB, Jr, Remaley AT. HDL and atherosclerosis. J Lipid Res. 2009;50:S1-9.",
        good="Brewer HB Jr, Remaley AT. HDL and atherosclerosis. J Lipid Res. 2009;50:S1-9.",
        check=check_suffix_comma,
        trigger=re.compile(r",\s*(?:Jr|Jnr|Sr|Snr|III|II|IV|2nd|3rd|4th)\b"),
        level="warning",
        fix="safe",
        formats=LIST_FORMATS,
    ),
    Rule(
        code="A009",
        name="hyphenated-initials",
        summary="Hyphenated initials in an NLM list",
        description="NLM runs the initials of a hyphenated given name together: Yu-Bing Zhang is "
        "`Zhang YB`, not `Zhang Y-B`. Judged only in a Vancouver / NLM list; silent in other "
        "styles, which keep the hyphen (`Zhang, Y.-B.`) or leave it to the journal (AMA). With "
        "the Vancouver style set (`style: vancouver`) every hyphen is reported; in a list only "
        "detected as Vancouver, only the one reference that hyphenates initials in a list that "
        "otherwise does not (reference managers' Vancouver styles keep the hyphen, so a list "
        "that hyphenates throughout does so on purpose). The fix removes the hyphen, only where "
        "the style is set (BMJ's Vancouver variant keeps the hyphen).",
        bad="Zhang Y-B, Li X. Hepatic stellate cells. Hepatology. 2019;70:1-9.\n"
        "Umezawa Y, Kim JH. Psoriatic arthritis. J Dermatol. 2021;48(6):741-9.\n"
        "Han S, Lee KW, Park J. The acute respiratory distress syndrome. J Immunol. 2015;194(3):855-60.\n"
        "Suh N. Molecular signatures of secretomes. Mol Cell Toxicol. 2017;13(2):133-41.\n"
        "Noh MY, Lim SM. Stem cells modulate microglia. Stem Cells Transl Med. 2016;5(11):1538-49.",
        good="Zhang YB, Li X. Hepatic stellate cells. Hepatology. 2019;70:1-9.\n"
        "Umezawa Y, Kim JH. Psoriatic arthritis. J Dermatol. 2021;48(6):741-9.\n"
        "Han S, Lee KW, Park J. The acute respiratory distress syndrome. J Immunol. 2015;194(3):855-60.\n"
        "Suh N. Molecular signatures of secretomes. Mol Cell Toxicol. 2017;13(2):133-41.\n"
        "Noh MY, Lim SM. Stem cells modulate microglia. Stem Cells Transl Med. 2016;5(11):1538-49.",
        check=check_hyphenated_initials,
        summarize=summarize_hyphenated,
        scope="list",
        options={"initials": None},
        style_options={"initials": "initials"},
        option_docs={"initials": "set from a configured style (`compact` in Vancouver): report every hyphen"},
        level="warning",
        fix="safe",
        formats=LIST_FORMATS,
    ),
]
