"""A list's style is the family most of its references fit, and the style of that family whose
conventions they follow.

One reference alone is often ambiguous (a book reads alike in every style) or fits a family by
accident; a list is not. Each reference votes for every family whose grammar can place it (a
share of one vote each), books and web pages (no family) abstain, and the family with the most
votes is the list's; ties go to the more common family (grammar.FAMILIES order). Within the
family, the style (rules/styles/*.yaml) whose conventions the references follow best (name form,
quoted titles, the final period) is the list's style: its conventions say which elements a
reference carries and which house-style questions the style leaves open.
"""

import re
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from . import catalogue, grammar, lexer

SAMPLE = 300  # references looked at: a list keeps its style, and a long one need not be read twice

_NAME_FORMS = {
    "NAMES_COMPACT": "compact",
    "NAMES_INVERTED": "inverted",
    "NAMES_GIVEN_FIRST": "given-first",
    "NAMES_MIXED": "mixed",
}


class Detection(NamedTuple):
    family: str
    votes: dict[str, float]  # family -> votes
    references: int  # references that voted (fit at least one family)
    looked_at: int
    style: str = ""  # the style of the family whose conventions the list follows
    configured: bool = False  # set by the user (`style:`, --style), not guessed

    @property
    def settled(self) -> bool:
        """The list's style is certain: set by the user, or fitting most of the references that
        fit a style (a mixed list is not judged as mixed)."""
        if self.configured:
            return True
        return self.references > 0 and self.votes.get(self.family, 0.0) >= 0.6 * self.references

    @property
    def conventions(self) -> dict:
        """The style's conventions, with its et-al policy as `et-al` (authors listed before et
        al.) and `et-al-more-than` (from how many authors on)."""
        style = catalogue.styles().get(self.style)
        if style is None:
            return {}
        if style.et_al is None:
            return style.conventions
        more, listed = style.et_al
        return {**style.conventions, "et-al": listed, "et-al-more-than": more}

    def describe(self) -> str:
        name = catalogue.styles()[self.style].title if self.style in catalogue.styles() else self.family
        if self.configured:
            return f"style: {name} (configured)"
        if not self.references:
            return f"style: none recognised in {self.looked_at} references"
        share = self.votes.get(self.family, 0.0) / self.references
        return f"style: {name} ({share:.0%} of {self.references} references that fit a style)"


def default() -> Detection:
    return Detection("vancouver", {}, 0, 0, "vancouver")


def list_family(
    texts: Iterable[str], configured: str | None = None, lexed: dict[str, list[lexer.Tok]] | None = None
) -> Detection:
    """The style of a list from its first references. `configured`: a style or family name the
    user set (`style:`, --style); the family is then not guessed. `lexed`, when given, keeps
    each text's tokens, for the parse that follows."""
    votes: Counter[str] = Counter()
    features: list[tuple[list[lexer.Tok], str]] = []  # (tokens, text) of each voter
    voters = looked = 0
    for text in texts:
        if looked >= SAMPLE:
            break
        looked += 1
        try:
            toks = lexer.scan(text)
        except lexer.Unlexable:
            continue
        if lexed is not None:
            lexed[text] = toks
        types = tuple(t.type for t in toks)
        weights = {f: _weight(f, r) for f in grammar.FAMILIES if (r := grammar.roles(f, types)) is not None}
        if not weights:
            continue
        voters += 1
        features.append((toks, text))
        total = sum(weights.values())
        for f, w in weights.items():
            votes[f] += w / total
    if configured:
        family = catalogue.family_of(configured) or "vancouver"
        chosen = configured if configured in catalogue.styles() else _style_of(family, features)
        return Detection(family, dict(votes), voters, looked, chosen, configured=True)
    if not votes:
        return Detection("vancouver", {}, 0, looked, "vancouver")
    best = max(grammar.FAMILIES, key=lambda f: (votes.get(f, 0.0), -grammar.FAMILIES.index(f)))
    return Detection(best, dict(votes), voters, looked, _style_of(best, features))


def _style_of(family: str, features: list[tuple[list[lexer.Tok], str]]) -> str:
    """The style of `family` whose conventions the references it places follow best: the name
    form, how the last author is joined, quoted titles, periods in journal names, the final
    period."""
    candidates = [s for s in catalogue.styles().values() if s.family == family]
    if not candidates:
        return family
    own = family.replace("_", "-")
    candidates.sort(key=lambda s: (s.name != own, s.name))
    # References that show the same conventions (most of a list) are scored once, as many.
    shown: Counter[tuple[tuple[str, str], ...]] = Counter()
    for toks, text in features:
        types = tuple(t.type for t in toks)
        roles = grammar.roles(family, types)
        if roles is None:
            continue
        shown[tuple(_conventions_seen(toks, roles, text).items())] += 1
    scores: Counter[str] = Counter()
    for seen, times in shown.items():
        for style in candidates:
            c = style.conventions
            scores[style.name] += times * sum(_WEIGHT.get(k, 1) * _fit(c.get(k), value) for k, value in seen)
    return max(candidates, key=lambda s: scores[s.name]).name


# How the last author is joined is written in every reference with two or more authors and
# distinguishes styles that agree on everything else (Cell's `and`, APA's `&`).
_WEIGHT = {"last-author": 2}


def _fit(prescribed: str | None, shown: str) -> float:
    """How well a style's convention fits what a reference shows: what it prescribes, fully; a
    question it leaves open (`either`: Harvard prints page ranges as the source gives them),
    half, so an open style can be the list's without outweighing one that prescribes what the
    list does."""
    if prescribed == shown:
        return 1.0
    return 0.5 if prescribed == "either" else 0.0


_RANGE = re.compile(r"(\d+)\s*[-–]\s*(\d+)")


def _conventions_seen(toks: list[lexer.Tok], roles: tuple[str, ...], text: str) -> dict[str, str]:
    """The conventions one reference shows (catalogue.CONVENTIONS' keys and values)."""
    seen = {"final-period": "yes" if text.rstrip().endswith(".") else "no"}
    by_role: dict[str, list[lexer.Tok]] = {}
    for tok, role in zip(toks, roles, strict=True):
        by_role.setdefault(role, []).append(tok)
    authors = by_role.get("authors")
    if authors and authors[0].type in _NAME_FORMS:
        seen["names"] = _NAME_FORMS[authors[0].type]
        names = text[authors[0].start : authors[0].end]
        if "&" in names:
            seen["last-author"] = "ampersand"
        elif " and " in names:
            seen["last-author"] = "and"
        elif names.count(",") + names.count(";") > 1:
            seen["last-author"] = "comma"
    title = by_role.get("title")
    if title:
        seen["title-quotes"] = "quoted" if any(t.type == "QUOTED" for t in title) else "none"
    for tok in (*by_role.get("cite", ()), *by_role.get("pages", ())):
        for field, start, end in tok.groups:
            if field in ("pages", "pages2") and (m := _RANGE.match(text, start, end)):
                first, last = m.groups()
                if len(last) < len(first):
                    seen["page-range"] = "elided"
                elif len(last) == len(first) > 1 and first[0] == last[0]:
                    seen["page-range"] = "full"  # (`57–70` could be either)
        if tok.type == "VCITE":
            block = text[tok.start : tok.end]
            spaced = "spaced" if "; " in block else "after-colon" if ": " in block else "none"
            seen["citation-spaces"] = spaced
    container = by_role.get("container")
    if container:
        journal = text[container[0].start : container[-1].end].rstrip(".,")
        if " " in journal:
            seen["journal-periods"] = "periods" if "." in journal else "none"
    return seen


def _weight(family: str, roles: tuple[str, ...]) -> float:
    """How well a family reads a reference: fully when every element its style requires is
    there, half when one is missing (`Name 1991, ApJ, 370, 604` reads as author-date without a
    title, and as astronomy's titleless style in full)."""
    style = catalogue.family_style(family)
    if style is None:
        return 1.0
    present = set(roles)
    for element in ("authors", "title", "container"):
        if style.elements.get(element) == "required" and element not in present:
            return 0.5
    return 1.0
