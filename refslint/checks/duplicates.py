"""D: the same work listed twice. References are grouped by blocking keys (normalised title;
first author + year + volume + first page; DOI) so the rule stays near-linear on very long
lists: only references sharing a key are compared, never all pairs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import SequenceMatcher

from .. import vocab
from ..model import Reference, Related
from ..parse import split_name
from .base import Context, Finding, Rule, ref_name

_NON_ALNUM = re.compile(r"[\W_]+")


def title_key(ref: Reference) -> str:
    title = ref.get("title")
    return _NON_ALNUM.sub("", vocab.fold(title.value)) if title else ""


def _first_author(ref: Reference) -> str:
    authors = ref.get("authors")
    if authors is None:
        return ""
    first = authors.value.split(",", 1)[0].split(";", 1)[0].strip()
    name = split_name(first)
    return _NON_ALNUM.sub("", vocab.fold(name[0] if name else first))


def _first_page(ref: Reference) -> str:
    pages = ref.get("pages")
    return re.split(r"[-–—,\s]", pages.value, maxsplit=1)[0].lower() if pages else ""


def _doi(ref: Reference) -> str:
    for t in ref.trailers:
        m = re.search(r"10\.\d{4,9}/\S+", t.value)
        if m:
            return m.group(0).rstrip(".").lower()
    return ""


def blocking_keys(ref: Reference) -> list[str]:
    keys = []
    t = title_key(ref)
    if len(t) >= 20:
        keys.append("t:" + t)
    year = ref.get("year")
    volume = ref.get("volume")
    page = _first_page(ref)
    author = _first_author(ref)
    if author and year and volume and page:
        keys.append(f"a:{author}|{year.value[:4]}|{volume.value}|{page}")
    if author and year and len(t) >= 20:
        keys.append(f"p:{author}|{year.value[:4]}|{t[:24]}")
    doi = _doi(ref)
    if doi:
        keys.append("d:" + doi)
    return keys


def same_work(a: Reference, b: Reference, threshold: float) -> bool:
    da, db = _doi(a), _doi(b)
    if da and db:
        return da == db
    ta, tb = title_key(a), title_key(b)
    if ta and tb:
        if ta == tb:
            return _first_author(a) == _first_author(b) or not (_first_author(a) and _first_author(b))
        if SequenceMatcher(None, ta, tb).ratio() < threshold:
            return False
    ya, yb = a.get("year"), b.get("year")
    if ya and yb and ya.value[:4] != yb.value[:4]:
        return False
    return _first_author(a) == _first_author(b)


def check_duplicates(refs: list[Reference], ctx: Context) -> Iterator[Finding]:
    threshold = float(ctx.options.get("title-similarity", 0.9))
    first_with_key: dict[str, Reference] = {}
    for ref in refs:
        earlier: Reference | None = None
        for key in blocking_keys(ref):
            other = first_with_key.get(key)
            if other is not None and (earlier is None or other.index < earlier.index):
                if same_work(other, ref, threshold):
                    earlier = other
            else:
                first_with_key.setdefault(key, ref)
        if earlier is None:
            continue
        yield Finding(
            ref.span,
            f"duplicate of reference {ref_name(earlier)} (the same work listed twice)",
            related=(Related(ctx.path, earlier.span, "first listed here"),),
            reference=ref.index,
        )


RULES = [
    Rule(
        code="D001",
        name="duplicate-reference",
        summary="The same work listed twice",
        description="The same article appears under two numbers, exactly or nearly (another "
        "issue, page or journal form). The later entry is reported and points to the earlier "
        "one. There is no automatic fix in a numbered plain-text list: removing an entry would "
        "renumber every later reference and the citations to it.",
        bad="Horie S, Gaynard S. Cytokine pre-activation of stromal cells enhances repair. Intensive Care Med Exp. 2020;8:1.\n"
        "Horie S, Gaynard S. Cytokine pre-activation of stromal cells enhances repair. Intensive Care Med Exp. 2020;8(1):8.",
        good="Horie S, Gaynard S. Cytokine pre-activation of stromal cells enhances repair. Intensive Care Med Exp. 2020;8(1):8.\n"
        "Umezawa Y. Psoriatic arthritis. J Dermatol. 2021;48(6):741-9.",
        check=check_duplicates,
        scope="list",
        level="error",
        options={"title-similarity": 0.9},
        option_docs={"title-similarity": "how alike two titles must be (0-1) for near duplicates"},
    ),
]
