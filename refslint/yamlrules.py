"""Declarative rules (rules/*.yaml), in the spirit of Vale: the patterns that need no code.

Four types:
* existence     a pattern found in a field is a problem          (`patterns`, optional `fix: remove`)
* substitution  a form that should be another, with a fix        (`swap` and/or a built-in `table`)
* consistency   one form of a field across the list              (`key`: how forms are compared)
* conditional   a reference of some kinds must have a field      (`when`/`kinds`, `require`)

Every file is validated on load; a bad rule is a ConfigError naming the file, the rule and the
key, never a traceback.
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache, partial
from pathlib import Path
from typing import Any

from . import vocab
from .checks.base import Context, Finding, Rule, edit_fix
from .errors import ConfigError
from .model import FORMATS, Reference, Span
from .styles.catalogue import family_style
from .yamlio import YAMLError, load_shipped, safe_load

TYPES = ("existence", "substitution", "consistency", "conditional")
FIELDS = ("raw", "authors", "title", "journal", "year", "volume", "issue", "pages", "container")
KINDS = ("journal", "preprint", "book", "chapter", "web", "thesis", "conference", "report", "other")
_COMMON = {
    "code", "name", "type", "summary", "description", "bad", "good", "level", "message", "formats",
    "off-when",
}
_ALLOWED = {
    "existence": _COMMON | {"field", "patterns", "ignorecase", "fix", "prefilter"},
    "substitution": _COMMON | {"field", "swap", "table", "words", "fix"},
    "consistency": _COMMON | {"field", "key", "fix", "accept"},
    "conditional": _COMMON | {"when", "require"},
}
_CODE = re.compile(r"[A-Z]{1,3}\d{3}$")
_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
MAX_PATTERN = 1000
_WORD = re.compile(r"[^\W\d_]\w*")
_OPTION_DOCS = {
    "kinds": "reference kinds that must have this element",
    "journal-aliases": "your own journal forms: NLM form -> list of variants (also the top-level "
    "`journal-aliases` key)",
}


def load_file(path: Path, shipped: bool = False) -> list[Rule]:
    """The rules of a YAML rule file (`shipped`: one of refslint's own, read through the memo)."""
    where = str(path)
    try:
        data = load_shipped(path) if shipped else safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{where}: cannot read rule file ({exc})") from None
    except YAMLError as exc:
        raise ConfigError(f"{where}: invalid YAML ({_yaml_problem(exc)})") from None
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise ConfigError(f"{where}: a rule file is a mapping with a `rules:` list")
    return [build(spec, where, trusted=shipped) for spec in data["rules"]]


def _yaml_problem(exc: YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return f"{problem} at line {mark.line + 1}" if mark else problem


def build(spec: Any, where: str, trusted: bool = False) -> Rule:
    """A Rule from its YAML spec. `trusted`: one of refslint's own files, whose patterns the
    tests check for backtracking (the check is not repeated at every start)."""
    if not isinstance(spec, dict):
        raise ConfigError(f"{where}: each rule is a mapping, got {type(spec).__name__}")
    code = spec.get("code")
    if not isinstance(code, str) or not _CODE.match(code):
        raise ConfigError(f"{where}: rule code {code!r} must be 1-3 capital letters and 3 digits")
    here = f"{where}: rule {code}"
    kind = spec.get("type")
    if kind not in TYPES:
        raise ConfigError(f"{here}: `type` must be one of {', '.join(TYPES)}, got {kind!r}")
    unknown = set(spec) - _ALLOWED[kind]
    if unknown:
        raise ConfigError(f"{here}: unknown key `{sorted(unknown)[0]}` for a {kind} rule")
    for key in ("name", "summary", "description", "bad", "good", "message"):
        if not isinstance(spec.get(key), str) or not spec[key].strip():
            raise ConfigError(f"{here}: `{key}` is required and must be text")
    if not _NAME.match(spec["name"]):
        raise ConfigError(f"{here}: `name` must be kebab-case, got {spec['name']!r}")
    level = spec.get("level", "warning")
    if level not in ("error", "warning", "info"):
        raise ConfigError(f"{here}: `level` must be error, warning or info, got {level!r}")
    field = spec.get("field", "raw")
    if kind != "conditional" and field not in FIELDS:
        raise ConfigError(f"{here}: `field` must be one of {', '.join(FIELDS)}, got {field!r}")
    off_when = _off_when(spec.get("off-when"), here)
    formats = spec.get("formats", list(FORMATS))
    if not isinstance(formats, list) or not formats or any(f not in FORMATS for f in formats):
        raise ConfigError(f"{here}: `formats` must be a list of {', '.join(FORMATS)}")
    message = spec["message"]
    options: dict[str, Any] = {}
    fix = "none"
    required: list[str] = []
    if kind == "existence":
        check, fix = _existence(spec, here, field, message, trusted)
    elif kind == "substitution":
        check, fix = _substitution(spec, here, field, message)
        if spec.get("table") == "journal-aliases":  # the configuration's `journal-aliases` add to it
            options = {"journal-aliases": {}}
    elif kind == "consistency":
        check, fix = _consistency(spec, here, field, message)
    else:
        check, options = _conditional(spec, here, message)
        required = [spec["require"]] if isinstance(spec["require"], str) else list(spec["require"])
    return Rule(
        only_if_missing=tuple(required) if kind == "conditional" else (),
        code=code,
        name=spec["name"],
        summary=spec["summary"].strip(),
        description=" ".join(spec["description"].split()),
        bad=spec["bad"].strip(),
        good=spec["good"].strip(),
        check=check,
        level=level,
        fix=fix,
        options=options,
        option_docs={k: _OPTION_DOCS[k] for k in options},
        scope="list" if kind == "consistency" else "entry",
        summarize=getattr(check, "summarize", None),
        trigger=getattr(check, "trigger", None),
        origin=where,
        formats=tuple(formats),
        off_when=off_when,
    )


def _off_when(value: Any, here: str) -> dict[str, tuple[str, ...]]:
    """`off-when: {journal: [full, either]}`: the list styles' conventions under which the rule
    does not judge (see rules/styles/*.yaml and `refslint styles`)."""
    from .styles.catalogue import CONVENTIONS

    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ConfigError(f"{here}: `off-when` maps conventions to lists of their values")
    out = {}
    for key, values in value.items():
        values = [values] if isinstance(values, str) else values
        known = CONVENTIONS.get(key)
        if known is None or not isinstance(values, list) or any(v not in known for v in values):
            raise ConfigError(f"{here}: `off-when: {key}` must list values among {CONVENTIONS.get(key, ())}")
        out[str(key)] = tuple(values)
    return out


def compile_pattern(pattern: Any, here: str, flags: int = 0, trusted: bool = False) -> re.Pattern[str]:
    if not isinstance(pattern, str) or not pattern:
        raise ConfigError(f"{here}: a pattern must be non-empty text, got {pattern!r}")
    if len(pattern) > MAX_PATTERN:
        raise ConfigError(f"{here}: pattern longer than {MAX_PATTERN} characters")
    risk = None
    if not trusted:  # refslint's own patterns are checked by the tests, not at every start
        from .patterns import backtracking_risk

        risk = backtracking_risk(pattern, flags)
    if risk is not None:
        raise ConfigError(f"{here}: pattern {pattern!r} could backtrack for ever: {risk}")
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise ConfigError(f"{here}: invalid regular expression {pattern!r} ({exc})") from None


def _field_of(ref: Reference, field: str) -> tuple[str, int] | None:
    if field == "raw":
        return ref.raw, ref.span.start
    f = ref.fields.get(field)
    return (f.value, f.span.start) if f else None


def _existence(spec: dict, here: str, field: str, message: str, trusted: bool = False):
    patterns = spec.get("patterns")
    if not isinstance(patterns, list) or not patterns:
        raise ConfigError(f"{here}: `patterns` must be a non-empty list")
    flags = re.IGNORECASE if spec.get("ignorecase") else 0
    # Each pattern validated, then all scanned at once. refslint's own rules (`trusted`: the
    # tests compile them) are compiled at their first prefilter hit: most lists have none.
    if not trusted:
        for p in patterns:
            compile_pattern(p, here, flags)
    scan = cache(partial(re.compile, "|".join(f"(?:{p})" for p in patterns), flags))
    if not trusted:
        scan()  # (a user's patterns that do not combine: `(?i)` inside one is an error here, now)
    # An optional quick pattern (ideally a literal or one character class) that every match
    # contains: when it is absent, the slower alternation of patterns is not run at all.
    pre = spec.get("prefilter")
    if pre is not None and not isinstance(pre, list):
        pre = [pre]
    # Several short patterns, each searched on its own: literals are found by a fast scan,
    # where one alternation would be tried at every position.
    # Entries are plain text, looked for with `in` (a few) or one alternation of them (more:
    # see `literal_scan`), or a regular expression written between slashes: `/\d\d [a-z]/`.
    prefilters = list(pre) if pre else None
    if prefilters is not None and any(not isinstance(p, str) or not p for p in prefilters):
        raise ConfigError(f"{here}: `prefilter` entries must be non-empty text")
    literals = [p for p in prefilters or () if not (len(p) > 2 and p[0] == p[-1] == "/")]
    patterns_only = [
        compile_pattern(p[1:-1], here, flags, trusted) for p in prefilters or () if p not in literals
    ]
    if flags:
        patterns_only += [re.compile(re.escape(p), flags) for p in literals]
        literals = []
    fix = spec.get("fix", "none")
    if fix not in ("none", "remove", "remove-unsafe"):
        raise ConfigError(f"{here}: `fix` must be none, remove or remove-unsafe, got {fix!r}")

    # Several strings are found faster by one alternation of them (the regular-expression engine
    # skips to their first characters) than by an `in` test each.
    literal_scan = re.compile("|".join(map(re.escape, literals))).search if len(literals) > 3 else None

    def prefiltered(text: str) -> bool:
        """Whether the text holds one of the prefilter's strings or patterns."""
        if literal_scan is not None:
            if literal_scan(text):
                return True
        else:
            for word in literals:
                if word in text:
                    return True
        for pattern in patterns_only:
            if pattern.search(text):
                return True
        return False

    def findings(text: str, base: int) -> Iterator[Finding]:
        covered = -1
        for m in scan().finditer(text):
            if m.start() == m.end() or m.start() < covered:
                continue  # empty, or inside what an earlier match already reported
            covered = max(covered, m.end())
            span = Span(base + m.start(), base + m.end())
            edit = None
            if fix != "none":
                # Remove the match with the space before it, so no doubled space is left.
                lead = len(text[: m.start()]) - len(text[: m.start()].rstrip())
                edit = edit_fix(
                    "remove it",
                    Span(span.start - lead, span.end),
                    "",
                    "unsafe" if fix == "remove-unsafe" else "safe",
                )
            yield Finding(span, message.format(match=m.group(0)), edit)

    def check(ref: Reference, ctx: Context) -> Iterable[Finding]:
        # (Not a generator itself: it runs on every reference, and most have nothing.)
        if field == "raw":
            text, base = ref.raw, ref.span.start
        else:
            got = _field_of(ref, field)
            if got is None:
                return ()
            text, base = got
        if prefilters is not None and not prefiltered(text):
            return ()
        return findings(text, base)

    if prefilters is not None and field == "raw" and not patterns_only:
        # Plain strings only: the engine finds them in the whole chunk with str.find and starts
        # the check only where one is. (An alternation with a regular expression in it scans
        # no faster than the check's own prefilter; another field's text is not the raw text.)
        check.trigger = re.compile("|".join(re.escape(p) for p in literals))  # type: ignore[attr-defined]
    safety = {"none": "none", "remove": "safe", "remove-unsafe": "unsafe"}[fix]
    return check, safety


def _substitution(spec: dict, here: str, field: str, message: str):
    swap = spec.get("swap") or {}
    if not isinstance(swap, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in swap.items()
    ):
        raise ConfigError(f"{here}: `swap` must map text to text")
    table = spec.get("table")
    if table not in (None, "journal-aliases"):
        raise ConfigError(f"{here}: unknown `table` {table!r} (known: journal-aliases)")
    words = spec.get("words")
    if words not in (None, "journal-word-forms"):
        raise ConfigError(f"{here}: unknown `words` {words!r} (known: journal-word-forms)")
    if not swap and not table and not words:
        raise ConfigError(f"{here}: a substitution needs `swap`, `table` or `words`")
    fix = spec.get("fix", "safe")
    if fix not in ("safe", "unsafe", "none"):
        raise ConfigError(f"{here}: `fix` must be safe, unsafe or none, got {fix!r}")
    local_swap = {vocab.journal_key(k): v for k, v in swap.items()}

    def substitutions(text: str, extra: dict) -> list[tuple[int, int, str, str]]:
        """(start, end, found, replacement) within text: the whole field, or single words."""
        key = vocab.journal_key(text)
        target = local_swap.get(key) or extra.get(key)
        if target is None and table:
            target = vocab.journal_aliases().get(key)
        if target is not None and target != text:
            return [(0, len(text), text, target)]
        found = []
        if words:
            forms = vocab.journal_word_forms()
            for m in _WORD.finditer(text):
                form = forms.get(vocab.fold(m.group(0)))
                if form and form != m.group(0):
                    found.append((m.start(), m.end(), m.group(0), form))
        return found

    def check(ref: Reference, ctx: Context) -> Iterator[Finding]:
        got = _field_of(ref, field)
        if got is None:
            return
        text, base = got
        memo = ctx.cache.setdefault("substitutions", {})  # a list names each journal many times
        subs = memo.get(text)
        if subs is None:
            extra = ctx.cache.get("aliases")
            if extra is None:  # the configuration's own forms: canonical -> variants
                extra = ctx.cache["aliases"] = {
                    vocab.journal_key(v): canonical
                    for canonical, variants in (ctx.options.get("journal-aliases") or {}).items()
                    for v in variants
                }
            subs = memo[text] = substitutions(text, extra)
        for start, end, found, replacement in subs:
            span = Span(base + start, base + end)
            yield Finding(
                span,
                message.format(match=found, replacement=replacement),
                None if fix == "none" else edit_fix(f"write `{replacement}`", span, replacement, fix),
            )

    return check, fix


def _journal_key(name: str) -> str:
    """One key for every form of a catalogued journal (full title, NLM and dotted
    abbreviations, any case); an unknown name keeps its own folded form."""
    from .journal_catalogue import canonical_key

    return canonical_key(name)


_KEYS = {
    "journal": _journal_key,
    "fold": vocab.fold,
    "no-periods": lambda s: s.replace(".", " "),
    "no-spaces": lambda s: "".join(s.split()),
    "squash": lambda s: " ".join(s.split()),
}


def _consistency(spec: dict, here: str, field: str, message: str):
    key = spec.get("key", ["fold", "no-periods", "squash"])
    if not isinstance(key, list) or any(k not in _KEYS for k in key):
        raise ConfigError(f"{here}: `key` must be a list of {', '.join(_KEYS)}")
    fix = spec.get("fix", "unsafe")
    if fix not in ("unsafe", "none"):
        raise ConfigError(f"{here}: `fix` of a consistency rule must be unsafe or none")
    steps = [_KEYS[k] for k in key]
    accept = spec.get("accept")
    if accept not in (None, "catalogue-forms"):
        raise ConfigError(f"{here}: `accept` must be catalogue-forms")

    def standard(text: str) -> bool:
        """A form that stands whatever the majority writes (`accept: catalogue-forms`: a journal
        name exactly as the journal catalogue gives it)."""
        if accept is None:
            return False
        from .journal_catalogue import is_catalogue_form

        return is_catalogue_form(text)

    def normal(text: str) -> str:
        for step in steps:
            text = step(text)
        return text

    # A list names each journal many times, and its key (the catalogue's canonical form, for
    # `key: [journal]`) is a pure function of the text: each distinct text is keyed once.
    # Whether it is a standard form is asked here too, with the summary: the list rule runs
    # in a process of its own, where the catalogue's lookups would all be cold again.
    @lru_cache(maxsize=1 << 14)
    def keyed(text: str) -> tuple[str, str, bool]:
        """The text, its key (both interned: the summaries of a long list share them), and
        whether it is a standard form."""
        return sys.intern(text), sys.intern(normal(text)), standard(text)

    def summarize(ref: Reference) -> tuple[int, str, int, str, bool] | None:
        got = _field_of(ref, field)
        if got is None:
            return None
        text, base = got
        text, key, is_standard = keyed(text)
        return ref.index, text, base, key, is_standard

    def check(uses: list[tuple[int, str, int, str, bool]], ctx: Context) -> Iterator[Finding]:
        forms: dict[str, Counter[str]] = defaultdict(Counter)
        standards: dict[str, bool] = {}
        for _index, text, _base, k, is_standard in uses:
            forms[k][text] += 1
            standards[text] = is_standard
        for index, text, base, k, is_standard in uses:
            counts = forms[k]
            if len(counts) < 2:
                continue
            (top, n), *rest = counts.most_common()
            if text == top or (rest and rest[0][1] == n):
                continue  # the majority form, or no majority to follow
            if is_standard and not standards[top]:
                continue  # (`Nature Reviews Genetics` is right; `Nature Reviews, Genetics` is not)
            span = Span(base, base + len(text))
            yield Finding(
                span,
                message.format(value=text, majority=top),
                None if fix == "none" else edit_fix(f"write `{top}`", span, top, "unsafe"),
                reference=index,
            )

    check.summarize = summarize  # type: ignore[attr-defined]
    return check, fix


def _conditional(spec: dict, here: str, message: str):
    when = spec.get("when") or {}
    if not isinstance(when, dict) or set(when) - {"kind", "style"}:
        raise ConfigError(f"{here}: `when` takes `kind` and `style`")
    kinds = when.get("kind", list(KINDS))
    kinds = [kinds] if isinstance(kinds, str) else kinds
    if not isinstance(kinds, list) or any(k not in KINDS for k in kinds):
        raise ConfigError(f"{here}: `when.kind` must list kinds among {', '.join(KINDS)}")
    styles = when.get("style")
    require = spec.get("require")
    required = [require] if isinstance(require, str) else require
    if not isinstance(required, list) or not required or any(r not in FIELDS for r in required):
        raise ConfigError(f"{here}: `require` must name fields among {', '.join(FIELDS)}")
    return partial(_conditional_check, styles, required, message), {"kinds": list(kinds)}


# Reference fields -> the elements a style's conventions name (styles/catalogue.py).
_ELEMENT = {"journal": "container", "container": "container"}


def _conditional_check(styles, required, message, ref: Reference, ctx: Context) -> tuple[Finding, ...]:
    # A plain function, not a generator: the engine runs it on every reference that lacks one
    # of the fields (M005 on every reference without an issue).
    kinds = ctx.cache.get("kinds")
    if kinds is None:
        kinds = ctx.cache["kinds"] = frozenset(ctx.options.get("kinds", ()))
    # First whether a required field is there (most references without an issue have their
    # volume): the tests below only spare the finding too.
    fields = ref.fields
    for r in required:
        if r in fields:
            return ()
    if ref.kind not in kinds or (styles and ref.style not in styles) or ref.memo.get("unplaced"):
        return ()  # (an unreadable reference is reported once, by R001)
    style = family_style(ref.style)
    if style is not None:
        # An element the reference's style never carries (APS: no title) is not missing.
        if all(style.elements.get(_ELEMENT.get(r, r)) == "absent" for r in required):
            return ()
    return (Finding(ref.span, message.format(kind=ref.kind)),)
