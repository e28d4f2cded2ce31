"""A reader of Python `re` syntax on public APIs only, and two questions asked of what it reads.

refslint read patterns through CPython's private parser (`re._parser`, `sre_parse`), whose
output changes between releases. `parse` reads the syntax itself into a tiny tree, always after
`re.compile` has accepted the pattern, so it never judges validity; valid syntax it does not
know raises PatternSyntax rather than being guessed at.

* `literal_forms`: the few fixed strings a pattern can match (for a `str.find` prefilter).
* `required_strings`: strings one of which its every match holds (a looser prefilter).
* `backtracking_risk`: why a user's rule pattern could backtrack catastrophically.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations


class PatternSyntax(ValueError):
    """re.compile rejects the pattern (the message says why), or this reader cannot read it."""


# Frozen dataclasses, not NamedTuples: as tuples Seq((a, b)) would equal Alt((a, b)).
@dataclass(frozen=True)
class Chars:  # one character from a set: (lo, hi) code point ranges and `dDwWsS` categories
    items: tuple[tuple[int, int] | str, ...]
    negated: bool = False
    icase: bool = False


@dataclass(frozen=True)
class Anchor:  # ^ $ \b \B \A \Z
    kind: str


@dataclass(frozen=True)
class Backref:
    group: int | str


@dataclass(frozen=True)
class Group:
    body: Node
    kind: str = "("  # "(" capturing, "?:", "?=", "?!", "?<=", "?<!", "?>" atomic, "?(" conditional
    name: str | None = None  # the group's name, or the condition of "?("
    on: int = 0  # scoped inline flags: (?i:...), (?-i:...)
    off: int = 0


@dataclass(frozen=True)
class Repeat:
    body: Node
    min: int
    max: int | None  # None: unbounded
    mode: str = ""  # "" greedy, "?" lazy, "+" possessive
    src: str = ""  # as written, for messages


@dataclass(frozen=True)
class Seq:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Alt:
    branches: tuple[Node, ...]


@dataclass(frozen=True)
class Regex:
    tree: Node
    flags: int  # re.compile's, so global inline flags such as (?i) are included


Node = Chars | Anchor | Backref | Group | Repeat | Seq | Alt
ANY = Chars((), negated=True)
_FLAG = {"a": re.A, "i": re.I, "L": re.L, "m": re.M, "s": re.S, "u": re.U, "x": re.X}
_FLAGS = re.compile(r"([aiLmsux]*)(?:-([imsx]*))?([:)])")
_BRACES = re.compile(r"\{(\d*)(?:(,)(\d*))?\}")
_SIMPLE = {"a": 7, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11}
_LOOK = ("?=", "?!", "?<=", "?<!")


def parse(pattern: str, flags: int = 0) -> Regex:
    """The tree of a pattern; PatternSyntax if re.compile rejects it or this reader cannot read it."""
    try:
        compiled = re.compile(pattern, flags)
    except (re.error, RecursionError, OverflowError) as exc:  # the latter two: too deep, too many
        raise PatternSyntax(f"invalid regular expression: {exc}") from exc
    reader = _Reader(pattern, compiled.flags)
    try:
        tree = reader.alternation()
    except RecursionError:
        raise PatternSyntax("nested too deeply to read") from None
    if reader.pos != len(pattern):
        raise PatternSyntax(f"unbalanced ) at position {reader.pos}")
    return Regex(tree, compiled.flags)


class _Reader:
    def __init__(self, text: str, flags: int) -> None:
        self.text, self.pos, self.flags = text, 0, flags

    def peek(self, n: int = 1) -> str:
        return self.text[self.pos : self.pos + n]

    def take(self, n: int = 1) -> str:
        got = self.peek(n)
        if len(got) < n:
            raise PatternSyntax("unexpected end of pattern")
        self.pos += n
        return got

    def eat(self, s: str) -> bool:
        found = self.text.startswith(s, self.pos)
        self.pos += len(s) if found else 0
        return found

    def until(self, end: str) -> str:
        stop = self.text.find(end, self.pos)
        if stop < 0:
            raise PatternSyntax(f"missing {end}")
        got, self.pos = self.text[self.pos : stop], stop + 1
        return got

    def alternation(self) -> Node:
        branches = [self.sequence()]
        while self.eat("|"):
            branches.append(self.sequence())
        return branches[0] if len(branches) == 1 else Alt(tuple(branches))

    def sequence(self) -> Node:
        items: list[Node] = []
        start = self.pos
        while True:
            while self.flags & re.X and self.peek() and self.peek() in " \t\n\r\v\f#":  # verbose
                end = self.text.find("\n", self.pos) if self.peek() == "#" else self.pos
                self.pos = len(self.text) if end < 0 else end + 1
            if self.peek() in ("", "|", ")"):
                return items[0] if len(items) == 1 else Seq(tuple(items))
            if quantifier := self.quantifier():  # applies past a comment too: `a(?#...)*`
                if not items:
                    raise PatternSyntax(f"nothing to repeat at position {start}")
                items[-1] = Repeat(items[-1], *quantifier, src=self.text[start : self.pos])
            else:
                begin = self.pos
                if (atom := self.atom(begin)) is not None:  # None: a comment or global flags
                    items.append(atom)
                    start = begin

    def quantifier(self) -> tuple[int, int | None, str] | None:
        c = self.peek()
        if c in ("*", "+", "?"):
            low, high = {"*": (0, None), "+": (1, None), "?": (0, 1)}[self.take()]
        elif c == "{" and (m := _BRACES.match(self.text, self.pos)) and (m[1] or m[2]):
            low, high = int(m[1] or 0), (int(m[3]) if m[3] else None) if m[2] else int(m[1])
            self.pos = m.end()
        else:
            return None
        return low, high, self.take() if self.peek() in ("?", "+") else ""

    def atom(self, begin: int) -> Node | None:
        c = self.take()
        if c == "(":
            return self.group(begin)
        if c == "[":
            return self.charset()
        if c == ".":
            return Chars(() if self.flags & re.S else ((10, 10),), True)
        if c in "^$":
            return Anchor(c)
        got = self.escape(in_class=False) if c == "\\" else ord(c)
        if isinstance(got, (int, str)):
            return Chars((got if isinstance(got, str) else (got, got),), False, bool(self.flags & re.I))
        return got

    def group(self, begin: int) -> Node | None:
        if not self.eat("?"):
            return Group(self.body())
        if self.eat("P<"):
            name = self.until(">")
            return Group(self.body(), "(", name)
        if self.eat("P="):
            return Backref(self.until(")"))
        if self.eat("#"):
            self.until(")")
            return None
        if self.eat("("):
            condition = self.until(")")
            return Group(self.body(), "?(", condition)
        for kind in ("<=", "<!", "=", "!", ":", ">"):
            if self.eat(kind):
                return Group(self.body(), "?" + kind)
        m = _FLAGS.match(self.text, self.pos)
        if not m:
            raise PatternSyntax(f"unknown group syntax at position {begin}")
        self.pos = m.end()
        on, off = (sum(_FLAG[f] for f in letters or "") for letters in (m[1], m[2]))
        if m[3] == ")":
            return None  # global flags: re.compile's flags hold them
        if (on | off) & (re.A | re.U | re.L):  # would mix two meanings of \w \d \s in one pattern
            raise PatternSyntax(f"scoped a/u/L flags are not supported (position {begin})")
        saved, self.flags = self.flags, (self.flags | on) & ~off
        try:
            return Group(self.body(), "?:", None, on, off)
        finally:
            self.flags = saved

    def body(self) -> Node:
        node = self.alternation()
        if not self.eat(")"):
            raise PatternSyntax("missing )")
        return node

    def charset(self) -> Chars:
        negated, first = self.eat("^"), True
        items: list[tuple[int, int] | str] = []
        while (c := self.take()) != "]" or first:  # a `]` first is a literal one
            first = False
            low = self.member(c)
            if isinstance(low, int) and self.peek() == "-" and self.peek(2) != "-]":
                self.pos += 1
                high = self.member(self.take())
                if not isinstance(high, int):
                    raise PatternSyntax(f"bad character range at position {self.pos}")
                items.append((low, high))
            else:
                items.append((low, low) if isinstance(low, int) else low)
        return Chars(tuple(items), negated, bool(self.flags & re.I))

    def member(self, c: str) -> int | str:
        got = self.escape(in_class=True) if c == "\\" else ord(c)
        if not isinstance(got, (int, str)):
            raise PatternSyntax(f"unexpected escape in a character class at position {self.pos}")
        return got

    def escape(self, in_class: bool) -> int | str | Node:
        """A code point, a category letter, or (outside classes) an anchor or backreference."""
        c = self.take()
        if c in "dDwWsS":
            return c
        if c in _SIMPLE or (c == "b" and in_class):
            return _SIMPLE.get(c, 8)
        if c in "bBAZz":  # \z: Python 3.14's spelling of \Z
            return Anchor("\\" + c)
        if c in "xuU":
            return int(self.take({"x": 2, "u": 4, "U": 8}[c]), 16)
        if c == "N" and self.eat("{"):
            try:
                return ord(unicodedata.lookup(self.until("}")))
            except KeyError as exc:
                raise PatternSyntax(f"unknown character name {exc}") from None
        if c not in "0123456789":
            return ord(c)  # escaped punctuation (re.compile rejects unknown letters)
        octal = "01234567"
        if c == "0" or in_class:  # \0, \07, \177
            while len(c) < 3 and self.peek() and self.peek() in octal:
                c += self.take()
            return int(c, 8)
        if c in octal and len(self.peek(2)) == 2 and all(d in octal for d in self.peek(2)):
            return int(c + self.take(2), 8)
        if self.peek() and self.peek() in "0123456789":
            c += self.take()
        return Backref(int(c))


# --- fixed strings -------------------------------------------------------------------------


@lru_cache(maxsize=256)
def literal_forms(pattern: str, flags: int = 0, limit: int = 64) -> tuple[str, ...] | None:
    """The fixed strings a pattern can match, when that is all it can match: literal characters,
    classes of them and alternations (`[.,;:][.,;:]`, `[’'"]`, `Scholar|View Article`). None
    for more than `limit` strings (while expanding too), an empty one or one with a newline,
    repeats, anchors, look-arounds, backreferences, categories, negated classes, scoped flags,
    IGNORECASE (also as `(?i)`), or a pattern this reader cannot read. Whether so many strings
    are worth a `str.find` each is the caller's choice."""
    try:
        regex = parse(pattern, flags)
    except PatternSyntax:
        return None
    forms = None if regex.flags & re.IGNORECASE else _forms(regex.tree, limit)
    if not forms or any(not f or "\n" in f for f in forms):
        return None
    return tuple(dict.fromkeys(forms))


def _forms(node: Node, limit: int, loose: bool = False) -> list[str] | None:
    """The strings the node matches, when they are few. `loose`: the strings its matches are
    among (anchors and look-arounds add no text, bounded repeats are spelt out, an atomic group
    read as a plain one): enough to say what a match contains, not which texts it matches."""
    if isinstance(node, Chars):
        spans = [i for i in node.items if isinstance(i, tuple)]
        if node.negated or node.icase or len(spans) < len(node.items):
            return None
        if sum(h - lo + 1 for lo, h in spans) > limit:
            return None
        return [chr(c) for lo, h in spans for c in range(lo, h + 1)]
    if loose and (isinstance(node, Anchor) or (isinstance(node, Group) and node.kind in _LOOK)):
        return [""]
    if isinstance(node, Group) and _plain(node, atomic=loose):
        return _forms(node.body, limit, loose)
    if loose and isinstance(node, Repeat) and node.max is not None and node.max <= limit:
        return _repeated(node, limit)
    if not isinstance(node, (Seq, Alt)):  # repeats, anchors, look-arounds, backreferences
        return None
    results: list[str] = [""] if isinstance(node, Seq) else []
    for part in node.items if isinstance(node, Seq) else node.branches:
        options = _forms(part, limit, loose)
        if options is None:
            return None
        results = [r + o for r in results for o in options] if isinstance(node, Seq) else results + options
        if len(results) > limit:
            return None
    return list(dict.fromkeys(results))


def _plain(group: Group, atomic: bool) -> bool:
    """A group that matches what its body matches: capturing or not, no scoped flags; an atomic
    one too where a superset will do (`(?>ab|a)b` never matches `ab`)."""
    kinds = ("(", "?:", "?>") if atomic else ("(", "?:")
    return group.kind in kinds and not group.on and not group.off


def _repeated(node: Repeat, limit: int) -> list[str] | None:
    """A bounded repeat's strings: its body's, from `min` to `max` copies."""
    body = _forms(node.body, limit, loose=True)
    if body is None or node.max is None:
        return None
    out: list[str] = []
    copies = [""]
    for count in range(node.max + 1):
        if count >= node.min:
            out.extend(copies)
        if len(out) > limit:
            return None
        if count < node.max:
            copies = list(dict.fromkeys(c + b for c in copies for b in body))
    return list(dict.fromkeys(out))


def required_strings(pattern: str, flags: int = 0, limit: int = 16) -> tuple[str, ...] | None:
    """Strings of which every match of the pattern contains at least one (`://` for
    `[^\\s"](?:https?|ftp)://`, the note words for `[^\\s(][\\[(](?:[Aa]ccessed|[Cc]ited)`), the
    longest such set this reader finds; None when it finds none (a pattern that can match the
    empty string or only single characters of a wide class: `\\d[a-z]`), for more than `limit`
    strings, and on the same grounds as `literal_forms` (IGNORECASE: a case-insensitive `s`
    also matches `ſ`). A text that contains none of them cannot match: a `str.find` prefilter."""
    try:
        regex = parse(pattern, flags)
    except PatternSyntax:
        return None
    if regex.flags & re.IGNORECASE:
        return None
    found = _required(regex.tree, limit)
    if not found or any(not s or "\n" in s for s in found):
        return None
    return tuple(_minimal(found))


def _minimal(strings: Iterable[str]) -> list[str]:
    """The strings without those that contain another: a text with `methyl` has `ethyl`."""
    unique = list(dict.fromkeys(strings))
    return [s for s in unique if not any(t != s and t in s for t in unique)]


def _required(node: Node, limit: int) -> list[str] | None:
    """The best of `_options`: the longest shortest string, then the fewest strings."""
    options = _options(node, limit)
    return max(options, key=_score) if options else None


def _score(strings: list[str]) -> tuple[int, int]:
    return min(map(len, strings)), -len(strings)


def _options(node: Node, limit: int) -> list[list[str]]:
    """Sets of strings one of which every match of the node contains (each set will do)."""
    whole = _forms(node, limit, loose=True)
    if whole is not None and (len(whole) == 1 or not isinstance(node, Seq)):
        return [] if "" in whole else [whole]
    if isinstance(node, Group):
        return _options(node.body, limit) if _plain(node, atomic=True) else []
    if isinstance(node, Repeat):
        return _options(node.body, limit) if node.min >= 1 else []
    if isinstance(node, Alt):
        # Every branch must give one of its sets: its best, or its smallest (which keeps the
        # union under the limit: `[Aa]ccessed|[Cc]ited` as `ccessed`, `ited`).
        per_branch = [_options(branch, limit) for branch in node.branches]
        if not all(per_branch):
            return []
        unions = []
        for pick in (_score, lambda c: (-len(c), min(map(len, c)))):
            union = _minimal(s for options in per_branch for s in max(options, key=pick))
            if len(union) <= limit:
                unions.append(union)
        return unions
    if not isinstance(node, Seq):
        return []
    # In a sequence, each item's sets are the sequence's; so is every run of adjacent items
    # whose strings are few (their product), and the part of a run after its last class
    # (`ccessed` of `[Aa]ccessed`: one string, not two). An unbounded repeat of a few strings
    # ends a run with its least copies and begins the next with them.
    candidates: list[list[str]] = [whole] if whole is not None else []
    run, tail = [""], [""]
    for item in node.items:
        strings = _forms(item, limit, loose=True)
        if strings is not None:
            product = list(dict.fromkeys(r + s for r in run for s in strings))
            if len(product) > limit:
                candidates.append(run)
                product = strings
            run = product
            if len(strings) > 1:
                candidates.append(tail)
                tail = [""]
            else:
                tail = [t + strings[0] for t in tail]
            continue
        candidates += [run, tail]
        before, run, tail = run, [""], [""]
        candidates.extend(_options(item, limit))
        if isinstance(item, Repeat) and item.max is None and item.min >= 1:
            least = _forms(Repeat(item.body, item.min, item.min), limit, loose=True)
            if least is not None:
                candidates.append(list(dict.fromkeys(r + s for r in before for s in least)))
                run = least
    candidates += [run, tail]
    return [c for c in candidates if c and "" not in c and len(c) <= limit]


# --- backtracking --------------------------------------------------------------------------

BOUND = 10  # a repeat of at most this many copies is bounded: it costs a constant factor
DEGREE = 3  # k repeats trading text cost n**k steps when searched; from this k on, rejected
_EXP, _POLY = "exponential backtracking", "polynomial backtracking"


def backtracking_risk(pattern: str, flags: int = 0) -> str | None:
    """Why `pattern` could backtrack exponentially, or polynomially of degree DEGREE or more,
    on some text, in one line; None when no check below fires.

    Contract: None for a pattern re.compile rejects with re.error (the caller's re.compile
    reports that error); a reason for a valid pattern this reader cannot read (unread is not
    proven safe) and for one re.compile fails on otherwise (RecursionError when nested too
    deeply, OverflowError for a repeat count over 4294967295).

    * Inside an unbounded repeat (`*`, `+`, `{m,}`, over BOUND copies) the next character must
      settle every choice, so that no two paths through an iteration consume the same text
      (which exponential backtracking needs). An optional or repeated part's "once more" and
      "stop" must start with disjoint characters, "stop" being whatever may follow, the next
      iteration included; so must the alternatives of an alternation, except that two
      starting with fixed strings may differ later (`CrossRef|Crossref`), and after a fixed
      alternative that is a prefix of another, what follows must differ from the other's next
      character (`(?:ab|a)*c` passes: after `a` comes `a` or `c`, never `b`). Rejects `(a+)+`,
      `(?:\\w+\\s?)+`, `(?:a|aa)+x`, `(\\w|\\d)+$`, `(?:\\d+|\\s+)*`; allows `[a-z]+(?:-[a-z]+)*`.
    * Inside a bounded repeat of 3 to BOUND copies, an unbounded repeat that can stop where the
      next copy starts (`(?:\\w+\\s?){0,5}`: polynomial, degree 5).
    * DEGREE unbounded repeats in a row, with optional parts only between them, each able to
      start with a character the one before can consume (`\\d+\\s*\\d*\\d+`). A heuristic.
    Known false rejections: a shared `\\s*` hiding the deciding character
    (`(?:\\s*,\\d+(?:\\s*-\\d+)?)*`), `(?:a?)*` (re ends a loop at an empty iteration), atomic
    groups and possessive repeats (read as ordinary ones), two classes too large to list
    (`[^"]`, `\\w`, ranges over 256 characters) compared beyond the categories' own relations
    (`\\d` and `\\s` are disjoint), and a degree counted from copies rather than measured.
    Anchors and look-arounds consume nothing here (a look-around's body is checked on its
    own); a backreference may be any text."""
    try:
        re.compile(pattern, flags)
    except re.error:
        return None
    except (RecursionError, OverflowError) as exc:  # not re.error: the caller would not report it
        return f"re.compile fails: {exc}"
    try:
        return _risk(parse(pattern, flags).tree, None, None)
    except (PatternSyntax, RecursionError) as exc:
        return f"cannot be checked for backtracking ({exc})"


def _is_loop(node: Node | None) -> bool:
    return isinstance(node, Repeat) and (node.max is None or node.max > BOUND)


def _risk(node: Node, follow: list[Chars] | None, outer: Repeat | None) -> str | None:
    """`outer`: the enclosing repeat being checked; `follow`: the characters that may come
    right after `node` inside it, its next copy included. Both None outside any repeat."""
    if isinstance(node, Group):
        return _risk(node.body, None, None) if node.kind in _LOOK else _risk(node.body, follow, outer)
    if isinstance(node, Repeat):
        if outer and node.min != node.max and _overlaps(_first(node.body), follow or []):
            if _is_loop(outer):
                return f"`{outer.src}` holds `{node.src}`, which can stop where the next part starts: {_EXP}"
            if _is_loop(node):
                return f"`{outer.src}` holds `{node.src}`, which can stop where the next copy starts: {_POLY}"
        inner = node if not _is_loop(outer) and (_is_loop(node) or (node.max or 0) >= 3) else outer
        again = _first(node.body) if node.max is None or node.max > 1 else []
        return _risk(node.body, again + (follow or []) if inner else None, inner)
    if isinstance(node, Alt):
        if outer and _is_loop(outer) and follow is not None:
            if any(_same_start(a, b, follow) for a, b in combinations(node.branches, 2)):
                return f"`{outer.src}` repeats a choice whose alternatives can match the same text: {_EXP}"
        return next((r for b in node.branches if (r := _risk(b, follow, outer))), None)
    if not isinstance(node, Seq):
        return None
    run = _run(node.items)
    if len(run) >= DEGREE:
        return f"{' then '.join(f'`{r.src}`' for r in run)} can hand text to one another: {_POLY}"
    follows, after = [], follow
    for item in reversed(node.items):  # what may follow each item
        follows.append(after)
        after = None if after is None else _first(item) + (after if _nullable(item) else [])
    pairs = zip(node.items, reversed(follows), strict=True)
    return next((r for item, f in pairs if (r := _risk(item, f, outer))), None)


def _same_start(a: Node, b: Node, follow: list[Chars]) -> bool:
    """Whether two alternatives might consume the same text; True when unsure."""
    if _nullable(a) and _nullable(b):
        return True
    fixed_a, fixed_b = _prefix(a), _prefix(b)
    if any(not _overlap(x, y) for x, y in zip(fixed_a, fixed_b, strict=False)):
        return False
    for whole, fixed, longer in ((a, fixed_a, fixed_b), (b, fixed_b, fixed_a)):
        if _fixed(whole) is not None and len(longer) > len(fixed):  # `a|ab`: after `a`, is `b` next?
            return _overlaps([longer[len(fixed)]], follow)
    if fixed_a and fixed_b:
        return True  # alike as far as both are fixed
    return _overlaps(*(_first(n) + (follow if _nullable(n) else []) for n in (a, b)))


def _prefix(node: Node) -> list[Chars]:
    """The characters every match of `node` starts with, one set a position."""
    out: list[Chars] = []
    for item in node.items if isinstance(node, Seq) else (node,):
        if (fixed := _fixed(item)) is None:
            break
        out += fixed
    return out


def _fixed(node: Node) -> list[Chars] | None:
    """The characters of `node`, one set a position, when it always matches that many."""
    if isinstance(node, Chars):
        return [node]
    if isinstance(node, Anchor) or (isinstance(node, Group) and node.kind in _LOOK):
        return []
    if isinstance(node, Group) and node.kind != "?(":
        return _fixed(node.body)
    if isinstance(node, Seq):
        parts = [_fixed(item) for item in node.items]
        return None if any(p is None for p in parts) else [c for p in parts for c in p or ()]
    if isinstance(node, Repeat) and node.min == node.max and node.min <= BOUND:
        body = _fixed(node.body)
        return None if body is None else body * node.min
    return None


def _first(node: Node) -> list[Chars]:
    """The sets of characters a non-empty match of `node` can start with."""
    if isinstance(node, Seq):
        out: list[Chars] = []
        for item in node.items:
            out += _first(item)
            if not _nullable(item):
                break
        return out
    if isinstance(node, Alt):
        return [c for branch in node.branches for c in _first(branch)]
    if isinstance(node, (Group, Repeat)):
        look = isinstance(node, Group) and node.kind in _LOOK
        return [] if look or (isinstance(node, Repeat) and node.max == 0) else _first(node.body)
    return [node] if isinstance(node, Chars) else [ANY] if isinstance(node, Backref) else []


def _nullable(node: Node) -> bool:
    if isinstance(node, Seq):
        return all(_nullable(item) for item in node.items)
    if isinstance(node, Alt):
        return any(_nullable(branch) for branch in node.branches)
    if isinstance(node, Group):
        return node.kind in (*_LOOK, "?(") or _nullable(node.body)
    if isinstance(node, Repeat):
        return node.min == 0 or _nullable(node.body)
    return not isinstance(node, Chars)  # anchors; a backreference to an empty group


def _atoms(node: Node) -> list[Chars]:
    """Every set of characters `node` can consume."""
    if isinstance(node, (Seq, Alt)):
        return [c for part in (node.items if isinstance(node, Seq) else node.branches) for c in _atoms(part)]
    if isinstance(node, (Group, Repeat)):
        return [] if isinstance(node, Group) and node.kind in _LOOK else _atoms(node.body)
    return [node] if isinstance(node, Chars) else [ANY] if isinstance(node, Backref) else []


def _run(items: tuple[Node, ...]) -> list[Repeat]:
    """The longest run of unbounded repeats that can hand text to one another (see DEGREE),
    skipping optional parts; plain groups are opened first: `(\\d+)\\s*\\d+` is a run of two."""
    best: list[Repeat] = []
    runs: dict[int, list[Repeat]] = {}  # the longest run ending at each repeat still in reach
    for at, item in enumerate(_flat(items)):
        if isinstance(item, Repeat) and _is_loop(item):
            linked = [r for r in runs.values() if _overlaps(_first(item.body), _atoms(r[-1].body))]
            run = [*max(linked, key=len, default=[]), item]
            runs = {**runs, at: run} if _nullable(item) else {at: run}
            best = max(best, run, key=len)
        elif not _nullable(item):
            runs = {}
    return best


def _flat(items: tuple[Node, ...]) -> Iterator[Node]:
    for item in items:
        if isinstance(item, Group) and item.kind in ("(", "?:", "?>"):
            yield from _flat(item.body.items if isinstance(item.body, Seq) else (item.body,))
        else:
            yield item


# --- character sets ------------------------------------------------------------------------

# Which categories lie inside which (\d in \w and \S; \s in \D and \W; \W in \D), in Unicode and
# ASCII mode alike; two are disjoint when one lies inside the other's complement.
_SUB = {"d": "dwS", "w": "wS", "s": "sDW", "D": "D", "W": "WD", "S": "S"}
_LISTABLE = 256  # a class of at most this many characters is compared character by character


def _overlaps(xs: list[Chars], ys: list[Chars]) -> bool:
    return any(_overlap(x, y) for x in xs for y in ys)


@lru_cache(maxsize=4096)
def _overlap(a: Chars, b: Chars) -> bool:
    """Whether some character may match both sets; True when unsure."""
    icase = a.icase or b.icase
    for small, other in ((a, b), (b, a)):
        if (listed := _listed(small, icase)) is not None:  # ask re: its own case folding applies
            test = re.compile(_source(other), re.I if icase else 0).fullmatch
            return any(test(c) for c in listed)
    if (a.negated and b.negated) or (icase and not all(isinstance(i, str) for i in a.items + b.items)):
        return True
    if a.negated:
        a, b = b, a
    if b.negated:  # disjoint when all of `a` lies inside what `b` excludes
        return not all(_inside(i, b.items) for i in a.items)
    return not all(_apart(i, j) for i in a.items for j in b.items)


def _listed(chars: Chars, icase: bool) -> set[str] | None:
    spans = [i for i in chars.items if isinstance(i, tuple)]
    if chars.negated or len(spans) < len(chars.items) or sum(h - lo + 1 for lo, h in spans) > _LISTABLE:
        return None
    listed = {chr(c) for lo, h in spans for c in range(lo, h + 1)}
    if icase:  # re matches other cases too
        listed |= {v for c in listed for v in (c.lower(), c.upper(), c.casefold()) if len(v) == 1}
    return listed


def _source(chars: Chars) -> str:
    body = "".join(f"\\{i}" if isinstance(i, str) else f"\\U{i[0]:08x}-\\U{i[1]:08x}" for i in chars.items)
    return f"[{'^' if chars.negated else ''}{body}]" if chars.items else "(?s:.)"


def _inside(item: tuple[int, int] | str, items: tuple[tuple[int, int] | str, ...]) -> bool:
    if isinstance(item, str):
        return any(isinstance(j, str) and j in _SUB[item] for j in items)
    return any(isinstance(j, tuple) and j[0] <= item[0] and item[1] <= j[1] for j in items)


def _apart(i: tuple[int, int] | str, j: tuple[int, int] | str) -> bool:
    if isinstance(i, str) and isinstance(j, str):
        return j.swapcase() in _SUB[i]
    if isinstance(i, tuple) and isinstance(j, tuple):
        return i[1] < j[0] or j[1] < i[0]
    return False  # a large range against a category: unsure
