"""I: identifiers. A DOI, PMID or PMCID is what a reader (and a reference manager) follows to the
work, so a broken one costs more than a misprinted title: spaces or punctuation inside a DOI, a
prefix written twice, a DOI cut short or another article's, a PMID that is not a PubMed number,
and DOIs written three ways in one list.

Several publishers build the DOI from the citation (PLOS and eLife from the e-locator, Frontiers
from the year and article number, MDPI from the volume, issue and article number, Cochrane from
the review number, the old Sci Rep, Nat Commun and BMC schemes from the article number), so the
two can be checked against each other. Each scheme was checked on the DOIs of ../shared/corpus
before it was encoded; schemes that could not be checked there (the s41598-0YY-... DOIs of
Springer Nature, PeerJ) are not judged."""

import re
from collections.abc import Iterator
from functools import cache
from typing import NamedTuple

from ..model import LIST_FORMATS, Edit, Fix, Reference
from .base import Context, Finding, Rule, edit_fix, lazy_fix, local

# A DOI as printed: `10.` + registrant + `/` + a suffix up to the next space (the suffix may be
# empty when a space was typed after the slash).
_DOI = re.compile(r"(?<![\w.])10\.\d{4,9}/\S*")
_CLOSERS = {")": "(", "]": "["}
_LABEL = r"(?:doi|DOI|Doi)\.?[ \t]*:?[ \t]*"
_URL = r"https?://(?:dx\.)?doi\.org/"

# The patterns of rules whose trigger a list may never fire (I001, I004, I005) are compiled at
# their first use, not at import: start-up is paid by every run, and most lists need few of them.
_pattern = cache(re.compile)


class Doi(NamedTuple):
    """One DOI of a reference, in offsets into `ref.raw`: the DOI itself (`start`, `end`, without
    the punctuation after it) and the punctuation after it up to a space or the end (`tail`)."""

    start: int
    end: int
    value: str
    tail: str


def _core_end(raw: str, start: int, end: int) -> int:
    """The end of a DOI without the punctuation that follows it. A closing bracket is the DOI's
    when the DOI opened it (`10.1016/S0002-9149(98)01016-9`)."""
    while end > start:
        c = raw[end - 1]
        if c in ".,;:":
            end -= 1
        elif c in _CLOSERS and raw.count(_CLOSERS[c], start, end) < raw.count(c, start, end):
            end -= 1
        else:
            break
    return end


def dois(ref: Reference) -> list[Doi]:
    """The DOIs of a reference (cached: four rules and D001 ask)."""
    found = ref.memo.get("dois")
    if found is None:
        raw = ref.raw
        found = []
        for m in _DOI.finditer(raw):
            end = _core_end(raw, m.start(), m.end())
            found.append(Doi(m.start(), end, raw[m.start() : end], raw[end : m.end()]))
        ref.memo["dois"] = found
    return found  # type: ignore[return-value]


def normal_doi(text: str) -> str:
    """A DOI as D001 compares it: its own characters only, lower-cased (DOIs are case-blind)."""
    m = _DOI.search(text)
    if not m:
        return ""
    return text[m.start() : _core_end(text, m.start(), m.end())].lower()


# --- I001 a prefix written twice ------------------------------------------------------------

_DOUBLED = rf"(?P<first>{_LABEL}|{_URL})(?P<second>{_LABEL}|{_URL})(?=10\.\d)"


def check_doubled_prefix(ref: Reference, ctx: Context) -> Iterator[Finding]:
    for m in _pattern(_DOUBLED).finditer(ref.raw):
        first, second = m.group("first"), m.group("second")
        if first.startswith("http") and not second.startswith("http"):
            drop = m.span("second")  # `https://doi.org/doi:10...`: the label breaks the link
        else:
            drop = m.span("first")  # `doi: doi:`, `doi:https://doi.org/`, the first of two links
        span = local(ref, m.start(), m.end())
        what = ref.raw[drop[0] : drop[1]].strip()
        yield Finding(
            span,
            f"DOI prefix written twice: `{ref.raw[m.start() : m.end()].strip()}`",
            edit_fix(f"remove `{what}`", local(ref, *drop), ""),
        )


# --- I002 a space inside a DOI --------------------------------------------------------------

# Spaces where a DOI cannot end or start: after `10.`, around the registrant's slash. Certain.
_SPACE_AT_SLASH = r"(?<![\w./])10\.(?P<s1>[ \t]*)\d{4,9}(?P<s2>[ \t]*)/(?P<s3>[ \t]+)?(?=\S)"
# What continues a DOI after a stray space: a run with a digit, the reference's last word (or
# followed by the period that ends it, or by another identifier or note).
_CONTINUATION = (
    r"[ \t]+(?P<c>[A-Za-z0-9][\w.\-/()<>;:]*?)[ \t]*[.,;]?"
    r"(?:[ \t]*$|[ \t]+(?=PMID|PubMed|PMCID|\[?Epub|Available|Accessed|doi|DOI|https?:))"
)
_YEARISH = r"\(?(?:1[89]|20)\d\d[a-z]?\)?"


def _continuation(ref: Reference, doi: Doi) -> tuple[int, int] | None:
    """Where the text after a space that is still the DOI's (`10.3390/ijerph 18063432`) is, in
    offsets into `ref.raw`, or None.

    Only as the reference's last word or before another identifier or note, and only where the
    DOI before the space cannot end (on `-`, `/`, `_`, or a letter that the continuation's
    digits follow; after `.` only a run that no element after a DOI looks like: not a word, a
    year, a PMID)."""
    raw = ref.raw
    if doi.tail not in ("", "."):
        return None
    m = _pattern(_CONTINUATION).match(raw, doi.end + len(doi.tail))
    if not m:
        return None
    c, where = m.group("c"), m.span("c")
    if not any(ch.isdigit() for ch in c) or _pattern(_YEARISH).fullmatch(c) or c.upper().startswith(("PMC", "PMID")):
        return None
    last = raw[doi.end - 1] if not doi.tail else "."
    if last in "-/_":
        return where
    if last.isalpha() and c[0].isdigit() and not doi.tail:
        return where
    if last == ".":
        # After a period a new element may start (`URL`, `No`, `ISBN`, a year ...): only a run
        # that is no word continues the DOI (`pbio. 1001425`, `j. cell.2017.01.001`).
        if c.isdigit():  # (eight digits are a PMID's: `doi:10.1/x. 28157385.`)
            return where if (len(c) >= 3 and len(c) != 8) or c[0] == "0" else None
        return where if (c[0].islower() or c[0].isdigit()) and any(ch in ".-/" for ch in c) else None
    return None


def check_doi_space(ref: Reference, ctx: Context) -> Iterator[Finding]:
    raw = ref.raw
    for m in _pattern(_SPACE_AT_SLASH).finditer(raw):
        spaces = [m.span(g) for g in ("s1", "s2", "s3") if m.group(g)]
        if not spaces:
            continue
        edits = tuple(Edit(local(ref, *s), "") for s in spaces)
        shown = raw[m.start() : m.end()] + raw[m.end() :].split(None, 1)[0][:12]
        yield Finding(
            local(ref, m.start(), m.end()),
            f"space inside the DOI `{shown.strip()}`: a DOI has no spaces",
            Fix("remove the space", edits),
        )
    for doi in dois(ref):
        if not doi.value.split("/", 1)[1]:
            continue  # the space after the slash, above
        where = _continuation(ref, doi)
        if where is None:
            continue
        yield Finding(
            local(ref, doi.start, where[1]),
            f"space inside the DOI `{raw[doi.start : where[1]]}`: a DOI has no spaces",
        )


# --- I003 punctuation glued to the end of a DOI ----------------------------------------------


def _opened_before(raw: str, start: int, closer: str) -> bool:
    opener = _CLOSERS[closer]
    return raw.count(opener, 0, start) > raw.count(closer, 0, start)


def check_doi_punctuation(ref: Reference, ctx: Context) -> Iterator[Finding]:
    raw = ref.raw
    for doi in dois(ref):
        tail = doi.tail
        if not tail or tail == ".":
            continue
        rest = raw[doi.end + len(tail) :]
        at_end = not rest.strip()
        bad: list[int] = []  # offsets in the tail of the marks to delete
        for i, c in enumerate(tail):
            if c in ",;:":
                # `doi:10.1/x; PMID: 1` separates two identifiers; at the end, or before another
                # mark, the mark is stray.
                if at_end or i + 1 < len(tail):
                    bad.append(i)
            elif c in _CLOSERS:
                if not _opened_before(raw, doi.start, c):
                    bad.append(i)
                elif i > 0 and tail[i - 1] == ".":
                    bad.append(i - 1)  # `(doi:10.1/x.)`: the period is inside the brackets
        if not bad:
            continue
        marks = "".join(tail[i] for i in sorted(set(bad)))
        kept = "".join(c for i, c in enumerate(tail) if i not in set(bad))
        span = local(ref, doi.start, doi.end + len(tail))
        yield Finding(
            span,
            f"`{marks}` glued to the end of the DOI `{doi.value}`",
            edit_fix(f"remove `{marks}`", local(ref, doi.end, doi.end + len(tail)), kept),
        )


# --- I004 a DOI that disagrees with its own citation ---------------------------------------

_ARTICLE = r"\s*([A-Za-z]{0,2})(\d+)"
_PAGE_COUNT = r"\s*1\s*[-–—]\s*\d+\s*$"


def _article(ref: Reference) -> int | None:
    """The article number (or first page) the citation gives; None for a page count `1-15`,
    which some exports print for article-numbered journals."""
    pages = ref.get("pages")
    if pages is None or _pattern(_PAGE_COUNT).match(pages.value):
        return None
    m = _pattern(_ARTICLE).match(pages.value)
    return int(m.group(2)) if m else None


def _number(ref: Reference, name: str) -> int | None:
    f = ref.get(name)
    return int(f.value) if f and f.value.isdigit() else None


class Scheme(NamedTuple):
    publisher: str
    pattern: re.Pattern[str]
    digits: tuple[int, ...]  # the lengths its number has (empty: any)
    journals: re.Pattern[str] | None  # the journal names its DOIs belong to (None: too many to say)


@cache
def _schemes() -> tuple[Scheme, ...]:
    """The publishers' DOI schemes (compiled when I004 first meets one of their DOIs)."""
    return (
        Scheme("PLOS", re.compile(r"10\.1371/journal\.p[a-z]{3}\.(\d+)", re.I), (7,),
               re.compile(r"plos|public library of science", re.I)),
        Scheme("eLife", re.compile(r"10\.7554/elife\.(\d+)(?:\.\d+)?", re.I), (5, 6), re.compile(r"elife", re.I)),
        Scheme("Frontiers", re.compile(r"10\.3389/f[a-z]+\.(\d{4})\.(\d+)", re.I), (5, 6), re.compile(r"\bfront", re.I)),
        Scheme("MDPI", re.compile(r"10\.3390/[a-z]+(\d+)", re.I), (), None),
        Scheme("Cochrane", re.compile(r"10\.1002/14651858\.cd(\d+)(?:\.pub\d+)?", re.I), (6,),
               re.compile(r"cochrane", re.I)),
        Scheme("Sci Rep", re.compile(r"10\.1038/srep(\d+)", re.I), (5,), re.compile(r"sci\.? ?rep|scientific reports", re.I)),
        Scheme("Nat Commun", re.compile(r"10\.1038/ncomms(\d+)", re.I), (4, 5),
               re.compile(r"nat\.? commun|nature communications", re.I)),
        Scheme("BMC", re.compile(r"10\.1186/\d{4}-\d{3}[\dx]-(\d+)-(\d+)", re.I), (), None),
    )  # fmt: skip


_CD = r"\bCD(\d{6})\b"


# DOIs of a fixed shape whose number the citation does not give (Springer Nature's
# s41598-020-12345-6, whose year and article sequence are not the citation's; BMC's
# 1471-2105-10-316 with its article part): only a DOI cut short is told. 85 of the corpus's 87
# s-DOIs have the shape (the other two have text glued after it); all 27 ISSN-form BMC DOIs.
@cache
def _shapes() -> tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...]:
    """(publisher, the shape's start, the whole shape)."""
    return (
        ("Springer Nature", re.compile(r"10\.(?:1186|1038|1007)/s\d{5}-", re.I),
         re.compile(r"10\.(?:1186|1038|1007)/s\d{5}-\d{3}-\d{4,5}-[0-9a-z](?![\w-])", re.I)),
        ("BMC", re.compile(r"10\.1186/\d{4}-\d{3}[\dx]-", re.I),
         re.compile(r"10\.1186/\d{4}-\d{3}[\dx]-\d+-[0-9a-z]", re.I)),
    )  # fmt: skip


def _scheme(doi: Doi) -> tuple[Scheme, re.Match[str]] | None:
    for scheme in _schemes():
        m = scheme.pattern.fullmatch(doi.value)
        if m:
            return scheme, m
    return None


def _misshapen(doi: Doi) -> str | None:
    """A DOI shorter than its publisher's fixed shape, whatever the citation says."""
    for publisher, start, whole in _shapes():
        if start.match(doi.value) and not whole.match(doi.value):
            return f"a {publisher} DOI of this form is longer: this one is cut short"
    found = _scheme(doi)
    if found is not None:
        scheme, m = found
        if scheme.digits and len(m.groups()[-1]) not in scheme.digits:
            n = " or ".join(str(d) for d in scheme.digits)
            return f"a {scheme.publisher} DOI ends in {n} digits: this one is cut short or mistyped"
    return None


def _disagreement(ref: Reference, doi: Doi) -> str | None:
    """What the DOI says that the citation contradicts, or None."""
    found = _scheme(doi)
    if found is None:
        return None
    scheme, m = found
    number = m.groups()[-1]
    name = scheme.publisher
    journal = ref.get("journal")
    if journal is not None and scheme.journals is not None and not scheme.journals.search(journal.value):
        if ref.kind == "journal" and any(c.isalpha() for c in journal.value):
            return f"a {name} DOI on an article of {journal.value} (another article's DOI?)"
    article, volume, issue = _article(ref), _number(ref, "volume"), _number(ref, "issue")
    n = int(number)
    if name == "PLOS":
        # Since 2005 the e-locator's digits (e0123456); before, the volume and the e-locator
        # (PLoS Biol 2:e116 -> journal.pbio.0020116), except PLoS Biol's first volume (2003:
        # `1: E5` is journal.pbio.0000035). Early PLOS Biol printed page numbers (2095-7): only an
        # e-locator is compared.
        pages = ref.get("pages")
        if article is None or pages is None or pages.value.lstrip()[:1] not in ("e", "E"):
            return None
        if n == article or (volume is not None and number == f"{volume:03d}{article:04d}"):
            return None
        if number[0] == "1" and int(number[1:]) == article:
            return None  # PubMed's short e-locator: PLoS Biol 7:e13 is journal.pbio.1000013
        if volume == 1 and number.startswith("000"):
            return None
        return _says(name, f"article e{number}", f"e{article}")
    if name in ("eLife", "Sci Rep"):
        return None if article is None or n == article else _says(name, f"article {number}", str(article))
    if name == "Nat Commun":  # ncomms numbers are the article number plus 1000
        if article is None or n == article + 1000:
            return None
        return _says(name, f"article {n - 1000}", str(article))
    if name == "Frontiers":
        year = ref.get("year")
        if article is not None and n != article:
            return _says(name, f"article {number}", str(article))
        if year is not None and year.value[:4].isdigit() and year.value[:4] != m.group(1):
            return _says(name, f"the year {m.group(1)}", year.value[:4])
        return None
    if name == "Cochrane":
        cited = [c for c in _pattern(_CD).findall(ref.raw[: doi.start] + " " + ref.raw[doi.end :]) if c != number]
        return _says(name, f"review CD{number}", f"CD{cited[0]}") if cited else None
    if name == "BMC":  # 10.1186/1471-2180-11-174: volume 11, article 174
        vol, art = int(m.group(1)), n
        if volume is not None and vol != volume:
            return _says(name, f"volume {vol}", str(volume))
        return None if article is None or art == article else _says(name, f"article {art}", str(article))
    # MDPI: the volume, the issue in two digits and the article number (ijerph18063432 is
    # volume 18, issue 6, article 3432).
    if volume is None or article is None:
        return None
    vol = str(volume)
    rest = number[len(vol) :]
    if not number.startswith(vol) or len(rest) < 3:
        return _says(name, f"`{number}`", f"volume {volume}, article {article}")
    if issue is not None and int(rest[:2]) != issue:
        return _says(name, f"issue {int(rest[:2])}", f"issue {issue}")
    if int(rest[2:]) != article:
        return _says(name, f"article {int(rest[2:])}", str(article))
    return None


def _says(publisher: str, doi_says: str, cited: str) -> str:
    cut = doi_says.split()[-1].strip("`e").lstrip("0")
    hint = "cut short" if cut and cited.lstrip("e").startswith(cut) and cut != cited.lstrip("e") else "another article's"
    return f"the {publisher} DOI encodes {doi_says}, the citation gives {cited} (the DOI is {hint}?)"


def _cited_elsewhere(ref: Reference, doi: Doi) -> bool:
    """Whether the DOI's last number stands in the reference outside the DOI (`7: e2080 accessed
    April 20, 2013`, whose pages a rough reading took for `2013`): then the DOI agrees with what
    the reference says, whatever the fields."""
    m = re.search(r"(\d+)\D*$", doi.value)
    if m is None or not m.group(1).strip("0"):
        return False
    number = m.group(1).lstrip("0")
    rest = ref.raw[: doi.start] + " " + ref.raw[doi.end :]
    return re.search(rf"(?<![\w.])(?:e|E|CD|RP)?0*{number}(?![\w.]|\.\d)", rest) is not None


def check_doi_citation(ref: Reference, ctx: Context) -> Iterator[Finding]:
    for doi in dois(ref):
        why = _misshapen(doi)
        if why is None:
            why = _disagreement(ref, doi)
            if why is None or _cited_elsewhere(ref, doi):
                continue
        yield Finding(local(ref, doi.start, doi.end), f"DOI `{doi.value}` disagrees with its citation: {why}")


# --- I005 PMIDs and PMCIDs of the wrong shape -----------------------------------------------

_PMID = r"\b(?P<label>PMID|PubMed(?:[ \t]+ID)?)(?![ \t]+Central)[ \t]*:?[ \t]*(?P<id>[A-Za-z0-9]*\d[A-Za-z0-9]*)"
_PMCID = r"\bPMCID[ \t]*:?[ \t]*(?P<id>[A-Za-z0-9]*\d[A-Za-z0-9]*)"
_GOOD_PMID = r"[1-9]\d{0,7}"
_GOOD_PMCID = r"PMC[1-9]\d{0,8}"
_DOUBLED_PMC = r"PMC(?:PMC|Pmc|pmc)([1-9]\d{0,8})"


def _pmid_problem(value: str) -> str:
    if value.upper().startswith("PMC"):
        return "a PMCID where the PMID belongs"
    if not value.isdigit():
        return "a PMID is digits only (a letter O, l or I typed for a digit?)"
    if value.startswith("0"):
        return "a PMID has no leading zeros"
    return "a PMID has at most 8 digits"


def check_pubmed_ids(ref: Reference, ctx: Context) -> Iterator[Finding]:
    raw = ref.raw
    for m in _pattern(_PMID).finditer(raw):
        value = m.group("id")
        if _pattern(_GOOD_PMID).fullmatch(value):
            continue
        yield Finding(local(ref, m.start("id"), m.end("id")), f"`{value}` is not a PMID: {_pmid_problem(value)}")
    for m in _pattern(_PMCID).finditer(raw):
        value = m.group("id")
        if _pattern(_GOOD_PMCID).fullmatch(value):
            continue
        span = local(ref, m.start("id"), m.end("id"))
        doubled = _pattern(_DOUBLED_PMC).fullmatch(value)
        if doubled:
            # `PMCPMC3640091`, `PMCPmc3640091`: a reference manager added `PMC` to a field that had
            # it (EndNote's PubMed import); the number is intact.
            fixed = "PMC" + doubled.group(1)
            yield Finding(span, f"`{value}` is not a PMCID: `PMC` written twice", edit_fix(f"write `{fixed}`", span, fixed))
            continue
        why = "a PMCID is `PMC` and digits" if not value.upper().startswith("PMC") else "a PMCID is `PMC` and digits only"
        yield Finding(span, f"`{value}` is not a PMCID: {why}")


# --- I006 DOIs written three ways in one list -----------------------------------------------

_FORM_BEFORE = rf"(?:(?P<url>{_URL})|(?P<label>{_LABEL}))$"  # (compiled once a DOI is found)
# How the fix writes a form (the list's own spelling of it is not known to a vote).
_FORMS = {"label": "doi:", "url": "https://doi.org/", "bare": ""}
_FORM_NAMES = {"label": "after `doi:`", "url": "as a doi.org link", "bare": "bare"}


def _form(raw: str, start: int) -> tuple[str, int] | None:
    """How a DOI at `start` is written, and where its prefix starts; None where it stands inside
    a publisher's link (`.../doi/10.1002/...`) or after two prefixes (I001)."""
    m = _pattern(_FORM_BEFORE).search(raw, max(0, start - 24), start)
    if m is None:
        if start == 0 or raw[start - 1] in " \t(":
            return "bare", start
        return None
    if _pattern(_FORM_BEFORE).search(raw, max(0, m.start() - 24), m.start()):
        return None  # doubled: I001
    if m.start() > 0 and not (raw[m.start() - 1] in " \t([" or raw[m.start() - 1] in ".,;"):
        return None  # `...org/doi:10.` or a word ending in `doi`
    return ("url" if m.group("url") else "label"), m.start()


def check_doi_form(ref: Reference, ctx: Context) -> Iterator[Finding]:
    found = dois(ref)
    if not found:
        return
    forms = [(f, doi) for doi in found if (f := _form(ref.raw, doi.start)) is not None]
    if not forms:
        return
    # A reference that writes its DOI two ways (`Available from: http://dx.doi.org/... doi: ...`)
    # fits either: it is judged only when neither is the list's.
    vote = "|".join(sorted({variant for (variant, _), _ in forms}))
    if not ctx.wants(vote):
        return
    chosen = ctx.fixed if ctx.fixed is not None else ctx.chosen.get("")
    (variant, start), doi = forms[0]
    span = local(ref, start, doi.end)
    fix = None
    if chosen in _FORMS and len(forms) == 1:
        fix = lazy_fix(f"write the DOI {_FORM_NAMES[chosen]}", local(ref, start, doi.start), _FORMS[chosen], "unsafe")
    yield Finding(span, f"DOI written {_FORM_NAMES[variant]} ({{expected}})", fix, style=vote)


_DOI_TRIGGER = re.compile(r"10\.\d")

RULES = [
    Rule(
        code="I001",
        name="doi-prefix-doubled",
        summary="A DOI prefix written twice",
        description="`doi: doi:10...`, `https://doi.org/https://doi.org/10...` or "
        "`doi:https://doi.org/10...`: a reference manager's field that already held the prefix "
        "was printed with the prefix again, and the link no longer resolves. The fix removes the "
        "label (`doi:`), or the first of two links.",
        bad="Ng T, Ho P. Metabolic control of T cells. Cell. 2017;32(2):238-52. doi: doi:10.1016/j.cell.2017.01.001.",
        good="Ng T, Ho P. Metabolic control of T cells. Cell. 2017;32(2):238-52. doi:10.1016/j.cell.2017.01.001.",
        check=check_doubled_prefix,
        # (A BibTeX `doi` field holding a link is printed after `doi:` by refslint's reading of
        # the entry, not by the user: the bibliography style decides the prefix.)
        formats=LIST_FORMATS,
        trigger=re.compile(r"(?i)doi\W{0,8}(?:doi|https?:)|doi\.org/(?:https?:|doi)"),
        level="error",
        fix="safe",
    ),
    Rule(
        code="I002",
        name="doi-space",
        summary="A space inside a DOI",
        description="A DOI has no spaces; one typed or left by a line break (`10.1016/ j.cell`, "
        "`10.3390/ijerph 18063432`) breaks the identifier in two. Reported where the DOI cannot "
        "end before the space (after `10.`, the slash, a hyphen, or letters the continuation's "
        "digits follow) and the continuation ends the reference; silent for a year, a page or a "
        "PMID after a DOI. The fix removes a space around the registrant's slash, where the "
        "repair is certain; other spaces are left to a person.",
        bad="Ng T, Ho P. Metabolic control of T cells. Cell. 2017;32(2):238-52. doi:10.1016/ j.cell.2017.01.001.",
        good="Ng T, Ho P. Metabolic control of T cells. Cell. 2017;32(2):238-52. doi:10.1016/j.cell.2017.01.001.",
        check=check_doi_space,
        trigger=_DOI_TRIGGER,
        level="error",
        fix="safe",
    ),
    Rule(
        code="I003",
        name="doi-trailing-punctuation",
        summary="Punctuation glued to the end of a DOI",
        description="A comma, semicolon or colon after a DOI at the end of the reference "
        "(`10.1000/xyz;`), a closing bracket nothing opened (`10.1000/xyz)`), or a period inside "
        "the brackets around a DOI (`(doi:10.1000/xyz.)`): reference managers and readers take "
        "the mark for part of the DOI, and the link fails. Silent for a final period, a bracket "
        "the DOI itself opened (`10.1016/S0002-9149(98)01016-9`) and a separator before another "
        "identifier (`doi:10.1/x; PMID: 1`). The fix removes the mark.",
        bad="Ng T, Ho P. Metabolic control of T cells. Cell. 2017;32(2):238-52. doi:10.1016/j.cell.2017.01.001;",
        good="Ng T, Ho P. Metabolic control of T cells. Cell. 2017;32(2):238-52. doi:10.1016/j.cell.2017.01.001",
        check=check_doi_punctuation,
        trigger=_DOI_TRIGGER,
        level="error",
        fix="safe",
    ),
    Rule(
        code="I004",
        name="doi-citation-mismatch",
        summary="A DOI that disagrees with its own citation",
        description="Some publishers build the DOI from the citation: PLOS and eLife from the "
        "e-locator (`e0123456` -> `journal.pone.0123456`), Frontiers from the year and article "
        "number (`2021;8:666554` -> `fmed.2021.666554`), MDPI from the volume, two-digit issue "
        "and article number (`18(6):3432` -> `ijerph18063432`), Cochrane from the review number, "
        "Sci Rep (`srep01665`), Nat Commun (`ncomms7500` is article 6500) and old BMC DOIs "
        "(`1471-2180-11-174`) from the article number. A DOI of such a journal whose number is "
        "too short, or says another article, volume or issue than the citation, or that names "
        "another journal (a PLOS DOI on a BMC article), was cut short in copying or belongs to "
        "another article; a Springer Nature DOI (`s41598-020-12345-6`) shorter than its fixed "
        "shape was cut short. Silent where the citation gives no article number, or only a page "
        "count (`1-15`), and where the number the DOI encodes stands elsewhere in the reference.",
        bad="Lee K. Telemedicine in rural care. Front Med (Lausanne). 2021;8:666554. doi:10.3389/fmed.2021.66655",
        good="Lee K. Telemedicine in rural care. Front Med (Lausanne). 2021;8:666554. doi:10.3389/fmed.2021.666554",
        check=check_doi_citation,
        trigger=re.compile(r"10\.(?:1371|7554|3389|3390|1002|1038|1186|1007)/"),
        level="error",
    ),
    Rule(
        code="I005",
        name="pubmed-id-shape",
        summary="A PMID or PMCID of the wrong shape",
        description="A PMID is a number of 1 to 8 digits without leading zeros; a PMCID is `PMC` "
        "and digits. A PMCID in the PMID's place, a letter O or l typed for a digit, or too many "
        "digits (two numbers run together) leads nowhere in PubMed. The fix removes a doubled "
        "`PMC` (`PMCPMC3640091`, as EndNote exports it), the one repair that is certain.",
        bad="Ng T, Ho P. Metabolic control of T cells. Cell. 2017;32(2):238-52. PMID: 3O514794.",
        good="Ng T, Ho P. Metabolic control of T cells. Cell. 2017;32(2):238-52. PMID: 30514794.",
        check=check_pubmed_ids,
        trigger=re.compile(r"PMC|PMID|PubMed"),
        level="error",
        fix="safe",
    ),
    Rule(
        code="I006",
        name="doi-form",
        summary="DOIs written in more than one form",
        description="A list writes its DOIs one way: `doi:10...` (Vancouver, AMA), "
        "`https://doi.org/10...` (APA, and most journals now) or bare. The rule follows the "
        "`style` option, or else the list's majority, and flags the odd ones out. A DOI inside a "
        "publisher's link (`.../doi/10.1002/...`) is not judged. The unsafe fix writes the DOI in "
        "the majority's form (`doi:` or `https://doi.org/`, as the list spells it or not).",
        bad="Ng T, Ho P. Metabolic control of T cells. Cell. 2017;32(2):238-52. https://doi.org/10.1016/j.cell.2017.01.001\n"
        "Umezawa Y. Psoriatic arthritis. J Dermatol. 2021;48(6):741-9. doi:10.1111/1346-8138.15889\n"
        "Han S. The acute respiratory distress syndrome. J Immunol. 2015;194(3):855-60. doi:10.4049/jimmunol.1402513",
        good="Ng T, Ho P. Metabolic control of T cells. Cell. 2017;32(2):238-52. doi:10.1016/j.cell.2017.01.001\n"
        "Umezawa Y. Psoriatic arthritis. J Dermatol. 2021;48(6):741-9. doi:10.1111/1346-8138.15889\n"
        "Han S. The acute respiratory distress syndrome. J Immunol. 2015;194(3):855-60. doi:10.4049/jimmunol.1402513",
        check=check_doi_form,
        formats=LIST_FORMATS,
        level="warning",
        fix="unsafe",
        options={"style": "auto"},
        style_values=("label", "url", "bare"),
        option_docs={"style": "auto (the list's majority), label (`doi:10...`), url (`https://doi.org/10...`) or bare"},
    ),
]
