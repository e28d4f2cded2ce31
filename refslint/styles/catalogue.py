"""The citation styles refslint knows, each written down once: `rules/styles/<name>.yaml`.

A style belongs to a family (a start rule of grammars/families.lark: the order of its
elements) and states its conventions: which elements a journal article carries, how names,
titles, journals and page ranges are written. `refslint styles` prints them; the rules read a
list's conventions from here (which elements are missing, whether a title is expected at all),
and the house-style rules judge the rest against the list's own majority.

Adding a style: its family's rule in families.lark (if no family fits), its conventions file
here, and test lists under tests/fixtures/styles. No engine code.
"""

from functools import lru_cache
from typing import Any, NamedTuple

from .. import vocab
from ..errors import ConfigError
from ..yamlio import load_shipped
from .grammar import ALL

ELEMENTS = ("authors", "title", "container", "year", "volume", "issue", "pages")
NEEDS = ("required", "optional", "absent")
CONVENTIONS = {
    "names": ("compact", "inverted", "given-first", "mixed"),
    "initials": ("compact", "periods"),
    "last-author": ("comma", "and", "ampersand"),
    "title-case": ("sentence", "headline", "either"),
    "title-quotes": ("none", "quoted"),
    "journal": ("abbreviated", "full", "either"),
    "journal-periods": ("none", "periods", "either"),
    "page-range": ("elided", "full", "either"),
    "year": ("after-authors", "in-citation", "last"),
    "final-period": ("yes", "no"),
    # Spaces inside a Vancouver citation block: `2019;4(1):1-15`, the Lancet's `2019; 4: 1-15`,
    # PLOS's `2019;4: 1-15`.
    "citation-spaces": ("none", "spaced", "after-colon", "either"),
}


class Style(NamedTuple):
    name: str
    family: str
    title: str
    example: str
    aliases: tuple[str, ...]
    elements: dict[str, str]  # element -> required | optional | absent
    conventions: dict[str, Any]
    et_al: tuple[int, int] | None  # (more than N authors, list the first M), None: never cut


@lru_cache(maxsize=1)
def styles() -> dict[str, Style]:
    folder = vocab.data_dir() / "styles"
    out: dict[str, Style] = {}
    for path in sorted(folder.glob("*.yaml")):
        style = _load(path.stem, load_shipped(path), str(path))
        out[style.name] = style
    return out


def _load(name: str, data: Any, where: str) -> Style:
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: a style file is a mapping")
    family = data.get("family")
    if family not in ALL:
        raise ConfigError(f"{where}: `family` must be one of {', '.join(ALL)}, got {family!r}")
    elements = data.get("elements") or {}
    if set(elements) - set(ELEMENTS) or any(v not in NEEDS for v in elements.values()):
        raise ConfigError(f"{where}: `elements` maps {', '.join(ELEMENTS)} to {', '.join(NEEDS)}")
    conventions = data.get("conventions") or {}
    for key, value in conventions.items():
        if key not in CONVENTIONS or value not in CONVENTIONS[key]:
            raise ConfigError(f"{where}: convention `{key}: {value}` (known: {CONVENTIONS})")
    et_al = data.get("et-al")
    cut = None
    if et_al is not None:
        cut = (int(et_al["more-than"]), int(et_al["list"]))
    return Style(
        name,
        family,
        str(data.get("title", name)),
        str(data.get("example", "")),
        tuple(data.get("aliases") or ()),
        {e: elements.get(e, "optional") for e in ELEMENTS},
        dict(conventions),
        cut,
    )


def style_names() -> list[str]:
    names = [*ALL]
    for style in styles().values():
        names += [style.name, *style.aliases]
    return sorted(set(names))


def canonical(name: str) -> str | None:
    """A style's own name for a style name, an alias or a family's name; None if unknown."""
    key = name.strip().lower().replace("_", "-").replace(" ", "-")
    for style in styles().values():
        if key == style.name or key in style.aliases:
            return style.name
    for family in ALL:
        if key == family.replace("_", "-"):
            return family
    return None


def family_of(name: str) -> str | None:
    """The family a style name (or a family's own name) stands for."""
    key = name.strip().lower().replace("_", "-").replace(" ", "-")
    for family in ALL:
        if key == family.replace("_", "-"):
            return family
    for style in styles().values():
        if key == style.name or key in style.aliases:
            return style.family
    return None


@lru_cache(maxsize=64)
def family_style(family: str) -> Style | None:
    """The style that stands for a family (its first, the family's own name when it has one)."""
    candidates = [s for s in styles().values() if s.family == family]
    for s in candidates:
        if s.name == family.replace("_", "-"):
            return s
    return candidates[0] if candidates else None
