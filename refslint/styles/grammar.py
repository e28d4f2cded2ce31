"""The family grammars (grammars/families.lark) parse a reference's sequence of token types.

A family's parse tree names what each token is: its *role* (`authors`, `title`, `container`,
`cite`, `year`, `volume`, `number`, `pages`, `trailer`, `extra`, or `element` in the `other`
family). The tree depends only on the sequence of token types, so it is computed once per
sequence and family and kept as a tuple of roles, one per token: in this process and in the
start-up memo (keyed by the grammar's checksum). Real lists produce a few hundred sequences; a
run over familiar shapes never imports Lark.

The grammar is ambiguous where the text is: the split between a title and its container. Every
reading is kept (Earley, explicit ambiguity) and the preferred one chosen (`_preference`): a
title rather than none, abbreviations to the container.
"""

from __future__ import annotations

import zlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..cache import memo

# In the order a tie between families is broken (most common first).
FAMILIES = (
    "vancouver", "author_paren", "author_year", "nature", "ieee", "acs", "aps", "rsc", "aas", "journal_year",
)
ALL = (*FAMILIES, "other")

# Grammar rule -> the role of the tokens under it.
_ROLES = {
    "authors": "authors",
    "title": "title",
    "quoted_title": "title",
    "container": "container",
    "container_rest": "container",
    "body": "body",
    "year_paren": "year",
    "year_element": "year",
    "date_end": "year",
    "date_mid": "year",
    "cite_vancouver": "cite",
    "cite_after_year": "cite",
    "cite_comma": "cite",
    "cite_colon": "cite",
    "cite_year_first": "cite",
    "volume_label": "volume",
    "number_label": "number",
    "pages_label": "pages",
    "trailer": "trailer",
    "extra": "extra",
}


@lru_cache(maxsize=1)
def _grammar() -> str:
    # (A path beside the package, not importlib.resources: that machinery costs more to import
    # than a short run's parsing. refslint is always installed as files.)
    return (Path(__file__).resolve().parent.parent / "grammars" / "families.lark").read_text("utf-8")


@lru_cache(maxsize=1)
def grammar_id() -> tuple[int, int]:
    text = _grammar().encode("utf-8")
    return zlib.crc32(text), len(text)


@lru_cache(maxsize=1)
def _parser() -> Any:
    from lark import Lark

    from .larktokens import TypeSequenceLexer

    # (Lark caches only LALR analyses; an Earley parser is built in a few milliseconds, and only
    # in a run that meets a new sequence of token types.)
    return Lark(_grammar(), parser="earley", lexer=TypeSequenceLexer, start=list(ALL), ambiguity="explicit")


# (family, token types) -> roles, or None when the family cannot place the sequence
_SEEN: dict[tuple[str, tuple[str, ...]], tuple[str, ...] | None] = {}


def roles(family: str, types: tuple[str, ...]) -> tuple[str, ...] | None:
    """The role of each token when the family's grammar reads these token types, or None."""
    key = (family, types)
    if key in _SEEN:
        return _SEEN[key]
    stored_key = ("roles", *grammar_id(), family, types)
    stored = memo.get(stored_key)
    if isinstance(stored, tuple) or stored == "-":
        found = None if stored == "-" else stored
    else:
        found = _parse(family, types)
        memo.put(stored_key, found if found is not None else "-")
    if len(_SEEN) < 200_000:
        _SEEN[key] = found
    return found


def _parse(family: str, types: tuple[str, ...]) -> tuple[str, ...] | None:
    from lark.exceptions import UnexpectedInput
    from lark.visitors import CollapseAmbiguities

    try:
        tree = _parser().parse(" ".join(types), start=family)
    except UnexpectedInput:  # the family cannot place this sequence (not a failure of refslint)
        return None
    readings = []
    for candidate in CollapseAmbiguities().transform(tree)[:_MAX_READINGS]:
        out: list[str] = []
        _walk(candidate, "element", out)
        if len(out) == len(types):
            readings.append(tuple(out))
    return max(readings, key=lambda r: _preference(r, types)) if readings else None


_MAX_READINGS = 256


def _preference(roles: tuple[str, ...], types: tuple[str, ...]) -> tuple[int, ...]:
    """How good a reading is where the grammar allows several (the split between the title and
    the container): a title rather than none, then the longest run of abbreviations in the
    container (`Title. J. Mol. Biol.`), then the fewest text elements left as extras."""
    has_title = "title" in roles or "body" in roles
    container = sum(1 for r in roles if r == "container")
    extras = sum(1 for r, t in zip(roles, types, strict=True) if r == "extra" and t in ("SEG", "ABBR"))
    return (has_title, container, -extras)


def _walk(node: Any, role: str, out: list[str]) -> None:
    from lark import Tree

    if isinstance(node, Tree):
        role = _ROLES.get(str(node.data), role)
        for child in node.children:
            _walk(child, role, out)
    else:
        out.append(role)


def failure(family: str, types: tuple[str, ...]) -> int | None:
    """Where the family's grammar stops reading a sequence it cannot place: the index of the
    first token it cannot take (len(types): the sequence ended too early), or None when it
    reads it all."""
    key = ("failure", *grammar_id(), family, types)
    stored = memo.get(key)
    if isinstance(stored, int):
        return None if stored < 0 else stored
    from lark.exceptions import UnexpectedEOF, UnexpectedInput, UnexpectedToken

    try:
        _parser().parse(" ".join(types), start=family)
        found = None
    except UnexpectedEOF:
        found = len(types)
    except UnexpectedToken as exc:
        found = int(exc.token.start_pos) if isinstance(exc.token.start_pos, int) else len(types)
    except UnexpectedInput as exc:
        found = getattr(exc, "pos_in_stream", None) or len(types)
    memo.put(key, -1 if found is None else found)
    return found
