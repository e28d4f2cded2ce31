"""refslint.patterns: the reader of `re` syntax on public APIs, the fixed strings a pattern can
match, and the check that keeps catastrophically backtracking patterns out of YAML rules."""

from __future__ import annotations

import ast
import itertools
import re
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refslint.patterns import (
    Alt,
    Anchor,
    Backref,
    Chars,
    Group,
    PatternSyntax,
    Repeat,
    Seq,
    backtracking_risk,
    literal_forms,
    parse,
    required_strings,
)

ROOT = Path(__file__).resolve().parent.parent


# --- the reader ----------------------------------------------------------------------------


def lit(c: str) -> Chars:
    return Chars(((ord(c), ord(c)),))


TREES = [
    ("ab", Seq((lit("a"), lit("b")))),
    ("a|b", Alt((lit("a"), lit("b")))),
    (r"\d\W\s", Seq((Chars(("d",)), Chars(("W",)), Chars(("s",))))),
    (
        r"\b^$\A\Z\B",
        Seq((Anchor(r"\b"), Anchor("^"), Anchor("$"), Anchor(r"\A"), Anchor(r"\Z"), Anchor(r"\B"))),
    ),
    (r"\n\t\x41\u00e9\U0001F600\N{EM DASH}\.\0\101", Seq(tuple(lit(c) for c in "\n\tAé😀—.\0A"))),
    (r"[^a-c\d\]\-x]", Chars(((97, 99), "d", (93, 93), (45, 45), (120, 120)), negated=True)),
    ("[]a-]", Chars(((93, 93), (97, 97), (45, 45)))),
    (r"[\b]", Chars(((8, 8),))),
    (".", Chars(((10, 10),), negated=True)),
    ("(?s).", Chars((), negated=True)),
    ("(?i)a", Chars(((97, 97),), icase=True)),
    ("(?P<x>a)(?P=x)", Seq((Group(lit("a"), "(", "x"), Backref("x")))),
    (r"(a)\1", Seq((Group(lit("a")), Backref(1)))),
    (
        "(?:a)(?=b)(?!c)(?<=d)(?<!e)",
        Seq(tuple(Group(lit(c), k) for c, k in zip("abcde", ("?:", "?=", "?!", "?<=", "?<!"), strict=True))),
    ),
    (
        "(?i:a)(?-i:b)",
        Seq((Group(Chars(((97, 97),), icase=True), "?:", None, re.I), Group(lit("b"), "?:", None, 0, re.I))),
    ),
    (
        "(a)?(?(1)b|c)",
        Seq((Repeat(Group(lit("a")), 0, 1, src="(a)?"), Group(Alt((lit("b"), lit("c"))), "?(", "1"))),
    ),
    ("a(?#note)b", Seq((lit("a"), lit("b")))),
    ("a(?#note)*", Repeat(lit("a"), 0, None, src="a(?#note)*")),
    ("(?x) a b # comment\n c*", Seq((lit("a"), lit("b"), Repeat(lit("c"), 0, None, src="c*")))),
    ("a*?", Repeat(lit("a"), 0, None, "?", "a*?")),
    ("a{2}", Repeat(lit("a"), 2, 2, src="a{2}")),
    ("a{2,}", Repeat(lit("a"), 2, None, src="a{2,}")),
    ("a{,3}", Repeat(lit("a"), 0, 3, src="a{,3}")),
    ("a{1,3}?", Repeat(lit("a"), 1, 3, "?", "a{1,3}?")),
    ("a{}b{", Seq(tuple(lit(c) for c in "a{}b{"))),
]
PY311 = pytest.mark.skipif(
    sys.version_info < (3, 11), reason="atomic groups and possessive repeats: Python 3.11+"
)
TREES += [
    pytest.param("(?>a)", Group(lit("a"), "?>"), marks=PY311),
    pytest.param("a++", Repeat(lit("a"), 1, None, "+", "a++"), marks=PY311),
]


@pytest.mark.parametrize(
    ("pattern", "tree"), TREES, ids=[str(t[0]) if isinstance(t, tuple) else t.values[0] for t in TREES]
)
def test_reads_the_syntax_into_a_tree(pattern, tree):
    assert parse(pattern).tree == tree


@pytest.mark.parametrize("pattern", ["a)", "(a", "[a", "a**", r"\q", "(?<n>a)", "(?P=nope)"])
def test_an_invalid_pattern_is_a_pattern_syntax_error(pattern):
    with pytest.raises(PatternSyntax, match="invalid regular expression"):
        parse(pattern)


@pytest.mark.parametrize("pattern", ["(?a:x)", "(" * 300 + ")" * 300], ids=["scoped-ascii", "deep"])
def test_valid_syntax_the_reader_does_not_take_is_a_pattern_syntax_error(pattern):
    re.compile(pattern)
    with pytest.raises(PatternSyntax):
        parse(pattern)
    assert literal_forms(pattern) is None
    assert backtracking_risk(pattern)  # not proven safe, so not accepted


# --- fixed strings -------------------------------------------------------------------------

LITERALS = [
    (r"[.,;:][.,;:]", [a + b for a in ".,;:" for b in ".,;:"]),
    ("Scholar|View Article", ["Scholar", "View Article"]),
    ("[’'\"]", ["’", "'", '"']),
    (r"(?:Ã|x);", ["Ã;", "x;"]),
    (r"a\.b", ["a.b"]),
    ("[a-c]x", ["ax", "bx", "cx"]),
    (r"View\ Article\ \#\[Ref", ["View Article #[Ref"]),
    ("[aa]", ["a"]),
]
NOT_LITERAL = [
    r"\d[a-z]",
    "a+",
    "a?",
    "^a",
    r"a\b",
    "(?=a)a",
    "[^a]",
    ".",
    r"\w",
    "(?i)abc",
    "(?i:a)",
    "a\nb",
    "a|",
    "(a)\\1",
]


@pytest.mark.parametrize(("pattern", "forms"), LITERALS, ids=[p for p, _ in LITERALS])
def test_literal_forms(pattern, forms):
    assert literal_forms(pattern) == tuple(forms)


@pytest.mark.parametrize("pattern", NOT_LITERAL)
def test_no_literal_forms(pattern):
    assert literal_forms(pattern) is None


def test_literal_forms_limit_and_flags():
    assert literal_forms("[a-p]") is not None and literal_forms("[a-p]", limit=15) is None
    assert literal_forms("[ab][ab][ab]", limit=7) is None and len(literal_forms("[ab][ab][ab]", limit=8)) == 8
    assert literal_forms("abc", re.IGNORECASE) is None and literal_forms("abc", re.MULTILINE) == ("abc",)


def _engine_policy(forms):
    """engine.literal_forms's cost rule: single characters by the sixteen, longer strings four."""
    if forms is None or len(forms) > (16 if all(len(f) == 1 for f in forms) else 4):
        return None
    return forms


# refslint's own triggers (checks/*.py `trigger=`, tests/test_scale.py) and what the engine's
# reading through re._parser gave for them.
TRIGGERS = [
    ("-[A-Z][a-z]", None),
    (r"\d[a-z]", None),
    (r"[.,;:][.,;:]", None),
    (r"[ \t\u00a0][,.]", None),
    (r"[ \u00a0][ \u00a0]", ("  ", " \xa0", "\xa0 ", "\xa0\xa0")),
    ("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\ufffd]", None),
    ("[\u00c3\u00c2\u00e2\u00ce\u00ef]", tuple("ÃÂâÎï")),
    ("[’'′″\"“”‘`´]", tuple("’'′″\"“”‘`´")),
    (r"[ \t][,.]", (" ,", " .", "\t,", "\t.")),
    (r"[.,;:]", tuple(".,;:")),
    (r"Ã|x;", ("Ã", "x;")),
    (r"a\.b", ("a.b",)),
]


@pytest.mark.parametrize(("pattern", "expected"), TRIGGERS)
def test_keeps_the_engine_behaviour_on_refslint_triggers(pattern, expected):
    assert _engine_policy(literal_forms(pattern, re.UNICODE, limit=16)) == expected


def test_every_rule_trigger_is_read():
    from refslint.checks import PYTHON_RULE_MODULES

    triggers = [r.trigger for m in PYTHON_RULE_MODULES for r in m.RULES if r.trigger is not None]
    assert triggers
    for trigger in triggers:
        parse(trigger.pattern, trigger.flags)
        for form in literal_forms(trigger.pattern, trigger.flags) or ():
            assert trigger.fullmatch(form), (trigger.pattern, form)


def test_a_yaml_prefilter_trigger_gives_back_its_strings():
    """yamlrules makes a trigger of plain prefilter strings by escaping and joining them."""
    words = ["Scholar", "View Article", "[Ref", "PubMed/NCBI", "a#b", "x.y*"]
    assert literal_forms("|".join(re.escape(w) for w in words)) == tuple(words)


# --- backtracking --------------------------------------------------------------------------

UNSAFE = [
    r"(a+)+",
    r"(?:\w+\s?)+",
    r"(?:\s*(?:x|\d+))+",
    r"(?:a|aa)+x",
    r"(?:a|a)*",
    r"(\w|\d)+$",
    r"(?:a+a)+",  # a character is required between the repeats, but the inner one can take it
    r"(?:a|ab|b)*c",  # `ab` is one iteration or two
    r"(?:[ \t]+(?:Suppl|Suppl\.)\.?)+",  # `Suppl.` is `Suppl` then `\.?`, or `Suppl\.`
    r"(a*)*",
    r"(?:a{1,3})+",
    r"(?:\d+|\s+)*",
    r"(?:a?b?)*c",
    r"(?:,?\s*\w+)*",
    r"(?:a|a){0,30}",  # more than BOUND copies count as unbounded
    r"(?:\w+\s?){0,5}",  # polynomial, degree 5
    r"\d+\d*\d+",  # polynomial, degree 3
    r"(\d+)\s*\d+\d+",
    r"\s*\d*\s*\d*\s*",
    r"(?i)(?:a|A)+",
    "(?x) ( a + ) +",
    r"(?=(a+)+b)",  # a look-around's body is checked too
    r"(?:[^x]|\w)+",
    r"(?:(a)\1?)+",  # a backreference may be any text
]
SAFE = [
    r"[a-z]+(?:-[a-z]+)*",
    r"\b\d{2} (?:[a-z]+ ){0,5}[a-z]+ \d{4} [a-z]+(?: (?:and|of|[a-z]+)){0,4}\b",
    r"\[(?:Google Scholar|CrossRef|Crossref|PubMed|Ref list|Green Version|PMC free article)\]",
    r"\b(?:View Article|PubMed/NCBI|Google Scholar|CrossRef|Crossref)(?:\s+(?:View Article|PubMed/NCBI|Google Scholar|CrossRef|Crossref))+",
    r'"(?:[^"\\]|\\.)*"',
    r"(?:a|A)+",  # case matters without IGNORECASE
    r"\d+(?:\.\d+)*",
    r"\w+(?:\s+\w+)*",
    r"(?:\d+\s)+",
    r"\s*[,;]\s*",
    r"(?:\w+\s?){0,2}",  # quadratic at most
    r"(?:[a-z]|\d)+",
    r"(?:[^\W\d_]|\d)+",
    r"\d+ \d+ \d+",
    r"(?:foo|bar)*baz",
    r"(?:ab|a)*c",  # after `a` comes `a` or `c`, never `b`
    r"(?:[ \t]+(?:[Ss]uppl|Pt|Spec No|[Ss]uppl\.))*",  # after `Suppl` comes a space, never `.`
    r"[A-Z][a-z]+(?:, [A-Z]{1,3})*",
    "abc",
]
# Safe, but the check cannot tell: pinned so that a change here is a decision.
FALSE_REJECTIONS = [
    r"(?:a?)*",  # re ends a loop at an empty iteration
    r"(?:\s*,\d+(?:\s*-\d+)?)*",  # the shared \s* hides the deciding character
    r"(?:[ \t]+(?:Suppl|Pt)[ \t]*\w*)*",  # the same: [ \t]* or the next [ \t]+ takes the spaces
    pytest.param(r"(?>a+)+", marks=PY311),  # atomic groups are read as ordinary ones
    r"(?:[^x]|[^y])+y",  # two unlisted classes
]


@pytest.mark.parametrize("pattern", UNSAFE)
def test_rejects_shapes_that_backtrack_catastrophically(pattern):
    reason = backtracking_risk(pattern)
    assert reason and "\n" not in reason


@pytest.mark.parametrize("pattern", SAFE)
def test_allows_common_safe_shapes(pattern):
    assert backtracking_risk(pattern) is None


@pytest.mark.parametrize("pattern", FALSE_REJECTIONS)
def test_known_false_rejections(pattern):
    assert backtracking_risk(pattern)


def test_ignorecase_makes_cases_overlap():
    assert backtracking_risk("(?:a|A)+") is None
    assert backtracking_risk("(?:a|A)+", re.IGNORECASE)
    assert backtracking_risk("(?:k|\u212a)+", re.IGNORECASE)  # the Kelvin sign folds to k


def test_an_invalid_pattern_is_left_to_re_compile():
    assert backtracking_risk("(a+") is None
    # Not re.error: the caller's re.compile would raise these, so they are reasons here.
    assert backtracking_risk("(" * 1000 + ")" * 1000).startswith("re.compile fails")  # RecursionError
    assert backtracking_risk("a{4294967296}").startswith("re.compile fails")  # OverflowError


def test_the_reported_repeat_is_named():
    assert "(?:a|aa)+" in backtracking_risk("x(?:a|aa)+x")
    assert "`a+`" in backtracking_risk("(a+)+")


def _shipped_rule_patterns():
    """(where, pattern, flags) of each pattern of rules/*.yaml, prefilter `/regexes/` included."""
    for path in sorted((ROOT / "rules").glob("*.yaml")):
        for rule in yaml.safe_load(path.read_text(encoding="utf-8"))["rules"]:
            flags = re.IGNORECASE if rule.get("ignorecase") else 0
            prefilter = rule.get("prefilter") or []
            prefilter = prefilter if isinstance(prefilter, list) else [prefilter]
            slashed = [p[1:-1] for p in prefilter if len(p) > 2 and p[0] == p[-1] == "/"]
            for pattern in [*rule.get("patterns", []), *slashed]:
                yield f"{path.name} {rule['code']}", pattern, flags


SHIPPED = list(_shipped_rule_patterns())


@pytest.mark.parametrize(("where", "pattern", "flags"), SHIPPED, ids=[f"{w} {p[:30]}" for w, p, _ in SHIPPED])
def test_shipped_rule_patterns_pass_the_check(where, pattern, flags):
    assert backtracking_risk(pattern, flags) is None, where


def test_there_are_shipped_rule_patterns():
    assert len(SHIPPED) >= 4


# --- differential: refslint's own regular expressions, and random ones ------------------------


def _compile_calls(tree: ast.AST):
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "compile"
        ):
            if isinstance(node.func.value, ast.Name) and node.func.value.id in ("re", "rx") and node.args:
                yield node


def _lazy_patterns(tree: ast.Module):
    """Calls `_pattern(NAME)` (`cache(re.compile)`: compiled at first use) on a module-level
    string literal, as calls on the literal itself."""
    literals = {
        node.targets[0].id: node.value
        for node in tree.body
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
        and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
    }  # fmt: skip
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_pattern"
            and node.args and isinstance(node.args[0], ast.Name) and node.args[0].id in literals
        ):  # fmt: skip
            yield ast.Call(node.func, [literals[node.args[0].id], *node.args[1:]], [], lineno=node.lineno)


def _source_patterns():
    """(where, pattern, flags) of every re.compile / rx.compile call on a string literal in
    refslint, and of every pattern compiled at first use (`_pattern(NAME)`)."""
    for path in sorted((ROOT / "refslint").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        seen: set[tuple[str, int]] = set()
        for call in (*_compile_calls(tree), *_lazy_patterns(tree)):
            pattern = call.args[0]
            if isinstance(pattern, ast.Constant) and isinstance(pattern.value, str):
                if (pattern.value, call.lineno) in seen:
                    continue
                seen.add((pattern.value, call.lineno))
                flags = 0
                for n in ast.walk(call.args[1]) if len(call.args) > 1 else ():  # re.IGNORECASE | re.X
                    if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == "re":
                        flags |= getattr(re, n.attr)
                yield f"{path.relative_to(ROOT)}:{call.lineno}", pattern.value, flags


SOURCE = list(_source_patterns())


def _count_groups(node) -> tuple[int, set[str]]:
    """Capturing groups and group names in a tree."""
    count, names = 0, set()
    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, Group):
            if node.kind == "(":
                count += 1
                names |= {node.name} if node.name else set()
            stack.append(node.body)
        elif isinstance(node, Repeat):
            stack.append(node.body)
        elif isinstance(node, Seq):
            stack.extend(node.items)
        elif isinstance(node, Alt):
            stack.extend(node.branches)
    return count, names


def _differential(pattern: str, flags: int) -> None:
    """The reader reads a valid pattern or says it cannot, never fails otherwise; what it reads
    has re's groups; literal forms are matched by re, and are all that re matches."""
    compiled = re.compile(pattern, flags)
    try:
        regex = parse(pattern, flags)
    except PatternSyntax:
        assert literal_forms(pattern, flags) is None
    else:
        assert _count_groups(regex.tree) == (compiled.groups, set(compiled.groupindex))
    risk = backtracking_risk(pattern, flags)
    assert risk is None or isinstance(risk, str)
    _required_hold(compiled, _random_texts(pattern))
    forms = literal_forms(pattern, flags)
    if forms:
        assert all(compiled.fullmatch(f) for f in forms), forms
        alphabet = sorted(set("".join(forms)) | {"z"})
        for n in {len(f) for f in forms}:
            if len(alphabet) ** n <= 5000:
                for chars in itertools.product(alphabet, repeat=n):
                    text = "".join(chars)
                    assert bool(compiled.fullmatch(text)) == (text in forms), text


def _random_texts(pattern: str, n: int = 300) -> list[str]:
    """Short texts of the pattern's own characters (and a few others): where its matches are."""
    import random

    rnd = random.Random(pattern)
    alphabet = sorted(set(pattern) | set("z .,-1A\n"))
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 14))) for _ in range(n)]


def _required_hold(compiled: re.Pattern[str], texts) -> None:
    """Every text the pattern matches holds one of its required strings."""
    strings = required_strings(compiled.pattern, compiled.flags)
    if strings is None:
        return
    assert strings and all(strings), strings
    for text in texts:
        if compiled.search(text):
            assert any(s in text for s in strings), (compiled.pattern, strings, text)


REQUIRED = [
    (r"[^\s/=%(<\"'\[](?:https?|ftp)://", ("http://", "https://", "ftp://")),
    (r"[^\s(][\[(](?:[Aa]ccessed|[Cc]ited|[Ll]ast accessed)", ("Accessed", "accessed", "Cited", "cited")),
    (r"[^\s(][\[(](?:[Aa]ccessed|[Cc]ited|[Ii]nternet|[Uu]pdated|[Oo]nline)", ("ccessed", "ited", "nternet", "pdated", "nline")),
    (r"\d\.e\d", (".e",)),
    (r"a+b", ("ab",)),
    (r"(ab)+c", ("abc",)),
    (r"x[ \t]+y", ("x ", "x\t")),
    (r"deoxy|dideoxy|methyl|ethyl", ("deoxy", "ethyl")),  # a string that holds another adds nothing
    (r"a(?=b)b\b", ("ab",)),  # zero-width: adjacent all the same
    (r"</?[a-z]|&#?[a-z0-9]{2,8};", ("<", "&")),
    (r"\d[a-z]", None),  # a wide class alone: nothing to look for
    (r"ab|c*", None),  # the empty string matches
    (r"(?i)doi", None),  # a case-insensitive `s` matches `ſ` too
    (r"a(?i:b)", ("a",)),
    (r"(a|b)\1", ("a", "b")),  # a backreference only ends a run
]


@pytest.mark.parametrize(("pattern", "expected"), REQUIRED)
def test_required_strings(pattern, expected):
    assert required_strings(pattern, limit=8) == expected
    _required_hold(re.compile(pattern), _random_texts(pattern, 2000))


def test_required_strings_of_rule_triggers_hold_on_real_references():
    """Every reference of the real lists in tests/fixtures (and each with its characters
    shuffled about) that a rule's trigger matches holds one of the trigger's required strings."""
    import random

    from refslint.checks import PYTHON_RULE_MODULES

    texts = []
    for path in sorted((ROOT / "tests" / "fixtures").rglob("*.txt")):
        texts += path.read_text(encoding="utf-8").splitlines()
    rnd = random.Random(3)
    texts += ["".join(rnd.sample(t, len(t))) for t in texts]
    triggers = [r.trigger for m in PYTHON_RULE_MODULES for r in m.RULES if r.trigger is not None]
    assert sum(required_strings(t.pattern, t.flags) is not None for t in triggers) >= 5
    for trigger in triggers:
        _required_hold(trigger, texts)


def test_there_are_source_patterns():
    assert len(SOURCE) > 50


@pytest.mark.parametrize(("where", "pattern", "flags"), SOURCE, ids=[w for w, _, _ in SOURCE])
def test_refslint_own_patterns(where, pattern, flags):
    _differential(pattern, flags)


ATOMS = st.sampled_from(
    r"a b ab . \d \w \s \b ^ $ [ab] [^a] [a-c] \. \n ( ) (?: (?P<g> (?= (?<! | * + ? {2} {1,3} {,2} *? ++".split()
    + r"\1 (?i) (?i: (?x) (?#c) # { } \101 \x41 [\]a] [a-] [\d-]".split()
    + [" ", "\n"]
)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # Python 3.10: `(?i)` not at the start
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ATOMS, max_size=10).map("".join))
def test_random_patterns(pattern):
    try:
        re.compile(pattern)
    except re.error:
        with pytest.raises(PatternSyntax):
            parse(pattern)
        return
    _differential(pattern, 0)
