"""What every rule is made of: its metadata (code, name, docs, options, fix safety) and the
findings its check yields. Python rules and YAML rules both end up as `Rule` objects."""

import re
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import Any, Literal, NamedTuple

from ..model import FORMATS, Edit, Fix, Record, Reference, Related, Severity, Span

FixSafety = Literal["safe", "unsafe", "none"]
Scope = Literal["entry", "list", "document"]


class Finding(NamedTuple):
    """What a check yields; the engine turns it into a Diagnostic (code, path, severity).

    `style` marks a house-style observation: the variant this reference shows. The engine
    keeps it only when the variant differs from the chosen style (the `style` option, a preset,
    or else the list's majority), and fills `{expected}` in the message with that choice."""

    span: Span
    message: str
    fix: Fix | Callable[[], Fix] | None = None  # a callable is built only if the finding is kept
    style: str | None = None
    related: tuple[Related, ...] = ()
    reference: int = -1
    path: str | None = None  # another file the finding is in (a .bib a manuscript names)


class Context(Record):
    """What a check may consult besides the reference: its options and the file's path, and
    for house-style rules the chosen style.

    A house-style rule asks `ctx.wants(variant)` before it builds a finding. While the engine
    collects the list's votes (`votes` is a set), `wants` records the variant and says no, so
    no finding is built for the many references that follow the majority; once the style is
    chosen, it says yes only for variants other than the chosen one."""

    __slots__ = (
        "cache",
        "chosen",
        "family",
        "fixed",
        "options",
        "path",
        "preset",
        "settled",
        "style",
        "style_conventions",
        "votes",
    )  # fmt: skip

    def __init__(
        self,
        path: str,
        options: Mapping[str, Any],
        preset: str | None = None,
        cache: dict[str, Any] | None = None,
        chosen: dict[str, str | None] | None = None,  # dimension -> variant
        fixed: str | None = None,  # the configured style, for every dimension
        votes: set[str] | None = None,
        family: str = "vancouver",  # the list's style family (styles/grammar.py)
        style: str = "vancouver",  # the list's style (rules/styles/<style>.yaml)
        style_conventions: Mapping[str, Any] | None = None,  # ... and its conventions
        settled: bool = True,  # most references that fit a style fit the list's (R002 judges then)
    ) -> None:
        self.path, self.options, self.preset = path, options, preset
        self.cache: dict[str, Any] = {} if cache is None else cache
        self.chosen: dict[str, str | None] = {} if chosen is None else chosen
        self.fixed, self.votes, self.family, self.style = fixed, votes, family, style
        self.style_conventions: Mapping[str, Any] = {} if style_conventions is None else style_conventions
        self.settled = settled

    def wants(self, style: str) -> bool:
        """`variant@dimension`; a reference that fits several variants votes `a|b@dimension`
        (a page range `92–96` is full and Chicago's elision alike) and is judged to fit any."""
        votes = self.votes
        if votes is not None:
            votes.add(style)
            return False
        variants, dimension = _variants(style)
        chosen = self.fixed if self.fixed is not None else self.chosen.get(dimension)
        return chosen is not None and chosen not in variants


@lru_cache(maxsize=256)
def _variants(style: str) -> tuple[tuple[str, ...], str]:
    """`a|b@dimension` read as ((a, b), dimension): a rule asks of few styles, many times over
    (every reference, when the style is configured)."""
    variants, _, dimension = style.partition("@")
    return tuple(variants.split("|")), dimension


EntryCheck = Callable[[Reference, Context], Iterable[Finding]]
ListCheck = Callable[[list[Reference], Context], Iterable[Finding]]


# Rule fields that default to a new empty mapping.
_DICT_FIELDS = frozenset({"options", "option_docs", "off_when", "convention_variants", "style_options"})


class Rule(Record):
    """A rule: its metadata (code, name, docs, options, fix safety) and its check. Frozen:
    a run shares its rules between files and worker processes; `replace` makes a changed copy."""

    __slots__ = (
        "bad",
        "check",
        "code",
        "convention",
        "convention_variants",
        "default",
        "description",
        "document_fix",
        "fix",
        "fix_reads_text",
        "formats",
        "good",
        "level",
        "name",
        "numeric_style",
        "off_when",
        "only_if_missing",
        "option_docs",
        "options",
        "origin",
        "scope",
        "style_options",
        "style_values",
        "summarize",
        "summary",
        "trigger",
    )

    def __init__(
        self,
        code: str,
        name: str,
        summary: str,  # one line: what is wrong
        description: str,  # a paragraph: what it finds and why it matters
        bad: str,  # a reference (or several lines) the rule flags
        good: str,  # the same, corrected: the rule must not flag it
        check: Callable[..., Iterable[Finding]],
        scope: Scope = "entry",
        level: Severity = "warning",
        fix: FixSafety = "none",
        options: Mapping[str, Any] | None = None,
        option_docs: Mapping[str, str] | None = None,
        style_values: tuple[str, ...] = (),  # values of the `style` option besides "auto"
        origin: str = "python",
        # When set, the check runs only on references whose raw text contains this pattern: the
        # engine asks one fast regular expression instead of starting the check (most references
        # have nothing for most rules).
        trigger: re.Pattern[str] | None = None,
        # When set, the rule reports only references that lack one of these fields: the engine
        # skips it, without starting the check, for references that have them all.
        only_if_missing: tuple[str, ...] = (),
        # The source formats the rule applies to (model.FORMATS). "document" rules judge a whole
        # document (BibTeX fields, citations) rather than parsed references.
        formats: tuple[str, ...] = FORMATS,
        # For list rules: a compact record of one reference (or None to skip it). When set, the
        # check receives the records instead of the references, so a list of any length can be
        # linted without holding it parsed in memory.
        summarize: Callable[[Reference], Any] | None = None,
        # The `style` option also takes a positive number (the authors before et al.).
        numeric_style: bool = False,
        # A fix that needs the whole document, built for a finding of this rule once every rule
        # has run (a duplicate deleted and the citations renumbered): (document, references,
        # diagnostic) -> Fix or None. Offered only where the list's parse is certain.
        document_fix: Callable[..., Fix | None] | None = None,
        # Conventions of the list's style (rules/styles/*.yaml) under which the rule does not
        # judge: J001 says nothing on periods in journal names where the style allows either.
        off_when: Mapping[str, tuple[str, ...]] | None = None,
        # The convention of rules/styles/*.yaml this house-style rule judges, and how its values
        # name the rule's variants where they differ (`headline` is T002's `title`): when the user
        # sets the list's style (`style:`, --style), the style's convention is the expected
        # variant instead of the list's majority.
        convention: str | None = None,
        convention_variants: Mapping[str, str] | None = None,
        style_options: Mapping[str, str] | None = None,  # option -> convention
        # Selected unless the configuration says otherwise; a rule off by default (J010, for
        # editors who want every journal name looked at) runs when selected by code or family.
        default: bool = True,
        # The fix follows from the text alone (a space inserted before `https://`), not from where
        # the parse put the elements: it is kept where the parse is uncertain (a web page read as
        # `other`, the author list a glued `et al` garbles).
        fix_reads_text: bool = False,
    ) -> None:
        given = locals()
        for name in self.__slots__:
            value = given[name]
            object.__setattr__(self, name, {} if value is None and name in _DICT_FIELDS else value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"a Rule is frozen: use replace({name}=...)")

    def replace(self, **changes: Any) -> "Rule":
        """A copy with some fields changed."""
        unknown = set(changes) - set(self.__slots__)
        if unknown:
            raise TypeError(f"Rule has no field {sorted(unknown)[0]!r}")
        return Rule(**{name: changes.get(name, getattr(self, name)) for name in self.__slots__})

    def variant_of(self, conventions: Mapping[str, Any]) -> str | None:
        """The variant a style's conventions ask of this rule, if they say."""
        if self.convention is None or self.convention not in conventions:
            return None
        value = str(conventions[self.convention])
        value = self.convention_variants.get(value, value)
        if self.numeric_style and value.isdigit():
            return value
        return value if value in self.style_values else None

    def options_from(self, options: Mapping[str, Any], conventions: Mapping[str, Any]) -> Mapping[str, Any]:
        """The options with those left unset (None) taken from the style's conventions
        (`style_options`: option -> convention)."""
        taken = {
            option: conventions[key]
            for option, key in self.style_options.items()
            if options.get(option) is None and key in conventions
        }
        return {**options, **taken} if taken else options

    @property
    def family(self) -> str:
        return self.code.rstrip("0123456789")


def edit_fix(message: str, span: Span, replacement: str, safety: FixSafety = "safe") -> Fix:
    return Fix(message, (Edit(span, replacement),), "unsafe" if safety == "unsafe" else "safe")


def lazy_fix(message: str, span: Span, replacement: str, safety: FixSafety = "safe") -> Callable[[], Fix]:
    """For house-style observations, most of which are discarded: build the fix on demand."""
    return lambda: edit_fix(message, span, replacement, safety)


def ref_name(ref: Reference) -> str:
    """How a person names the reference: its number (`[12]`, `12.`), its key (`\\bibitem{smith}`,
    `@article{smith,`), else its position in the list (also in a bulleted list: `•` names
    nothing)."""
    label = ref.label.strip("[](). \t")
    # (`isalnum` first: a number or a key, nearly every label, is told without a loop.)
    return label if label.isalnum() or any(c.isalnum() for c in label) else str(ref.index + 1)


def local(ref: Reference, start: int, end: int) -> Span:
    """A span given in offsets into `ref.raw`."""
    return Span(ref.span.start + start, ref.span.start + end)
