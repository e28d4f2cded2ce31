"""The knowledge refslint ships: word lists and tables in rules/vocab/, loaded lazily, once.

rules/ is the repository's top-level folder; wheels install it as `refslint/rules`. Running
from a source checkout (`python -m refslint`) finds the top-level folder instead.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from functools import cache, lru_cache
from pathlib import Path

from .cache import memo
from .yamlio import load_shipped

_HERE = Path(__file__).resolve().parent


@cache
def data_dir() -> Path:
    for candidate in (_HERE / "rules", _HERE.parent / "rules"):
        if (candidate / "vocab").is_dir():
            return candidate
    raise FileNotFoundError("refslint's rules/ folder is missing from the installation")


def _lines(name: str) -> list[str]:
    text = (data_dir() / "vocab" / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def fold(word: str) -> str:
    """Lower case without accents: the key words are looked up by."""
    word = word.lower()
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@cache
def _ltwa() -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    """The ISO 4 word list as (exact words, prefixes, abbreviations); built once per version of
    the file and kept in the start-up memo (splitting its 34,000 lines is most of its cost)."""
    return memo.derived("ltwa", data_dir() / "vocab" / "ltwa.tsv", _build_ltwa)


def _build_ltwa() -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    table = dict(line.split("\t", 1) if "\t" in line else (line, "") for line in _lines("ltwa.tsv"))
    prefixes = {word[:-1]: abbrev for word, abbrev in table.items() if word.endswith("-")}
    exact = {word: abbrev for word, abbrev in table.items() if not word.endswith("-")}
    abbrevs = frozenset(a for a in (*exact.values(), *prefixes.values()) if a)
    return exact, prefixes, abbrevs


@lru_cache(maxsize=1 << 16)
def ltwa_abbreviation(word: str) -> str | None:
    """The ISO 4 abbreviation of a full word ("" when LTWA keeps it whole), or None when the
    word is not in the list."""
    exact, prefixes, _ = _ltwa()
    key = fold(word)
    if key in exact:
        return exact[key]
    for k in range(len(key), 2, -1):
        hit = prefixes.get(key[:k])
        if hit is not None:
            return hit
    return None


def ltwa_exact(word: str) -> bool:
    """A whole word of the ISO 4 list (not one its prefixes cover)."""
    return fold(word) in _ltwa()[0]


def is_ltwa_abbreviation(word: str) -> bool:
    return fold(word.rstrip(".")) in _ltwa()[2]


@cache
def common_words() -> list[str]:
    """The shipped word list, sorted (the file is kept sorted): looked up by bisection. Splitting
    the file costs a third of building a set of its 21,000 words, and a short run looks up only
    a few hundred words (lru-cached), so start-up wins."""
    text = (data_dir() / "vocab" / "common-words.txt").read_text(encoding="utf-8")
    return [w for w in text.split("\n") if w and w[0] != "#"]


def _listed(word: str, words: list[str]) -> bool:
    i = bisect_left(words, word)
    return i < len(words) and words[i] == word


@lru_cache(maxsize=1 << 16)
def is_common_word(word: str) -> bool:
    """A lower-case English word of the shipped list, allowing common inflections."""
    w = fold(word)
    words = common_words()
    if _listed(w, words):
        return True
    for suffix, repl in (
        ("ed", ""),
        ("ed", "e"),
        ("ing", ""),
        ("ing", "e"),
        ("s", ""),
        ("es", ""),
        ("ly", ""),
    ):
        if w.endswith(suffix) and _listed(w[: -len(suffix)] + repl, words):
            return True
    return False


def is_known_word(word: str, extra: frozenset[str] = frozenset()) -> bool:
    key = fold(word)
    return is_common_word(key) or key in extra or ltwa_abbreviation(key) is not None


@cache
def journals() -> dict[str, str]:
    """Known journal names, keyed by their folded form without periods (built once per version
    of the list and kept in the start-up memo: folding 2,000 names is most of a short run's
    vocabulary work)."""
    path = data_dir() / "vocab" / "journals.txt"
    return memo.derived("journals", path, lambda: {journal_key(j): j for j in _lines("journals.txt")})


def journal_key(name: str) -> str:
    return " ".join(fold(name).replace(".", " ").split())


@cache
def _aliases_file() -> dict:
    return load_shipped(data_dir() / "vocab" / "journal-aliases.yaml")


@cache
def journal_aliases() -> dict[str, str]:
    """Variant (folded) -> the NLM form; from journal-aliases.yaml."""
    data = _aliases_file()
    table: dict[str, str] = {}
    for canonical, variants in (data.get("aliases") or {}).items():
        for v in variants or []:
            table[journal_key(str(v))] = str(canonical)
    return table


@cache
def journal_word_forms() -> dict[str, str]:
    """Words with a fixed spelling inside journal names (FASEB, PLoS, EBioMedicine), folded."""
    data = _aliases_file()
    return {fold(w): w for w in data.get("word-forms") or []}


@cache
def nlm_whole_words() -> frozenset[str]:
    """Words (folded) NLM abbreviations keep whole although ISO 4 abbreviates them."""
    return frozenset(_lines("nlm-whole-words.txt"))


@cache
def article_number_journals() -> tuple[frozenset[str], tuple[str, ...]]:
    """Journals that publish article numbers, not page ranges: exact names and prefixes."""
    names, prefixes = set(), []
    for line in _lines("article-number-journals.txt"):
        if line.endswith("*"):
            prefixes.append(journal_key(line[:-1]))
        else:
            names.add(journal_key(line))
    return frozenset(names), tuple(prefixes)


def publishes_article_numbers(journal: str) -> bool:
    names, prefixes = article_number_journals()
    key = journal_key(journal)
    return key in names or key.startswith(prefixes)
