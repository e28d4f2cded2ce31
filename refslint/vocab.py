"""The knowledge refslint ships: word lists and tables in rules/vocab/, loaded lazily, once.

rules/ is the repository's top-level folder; wheels install it as `refslint/rules`. Running
from a source checkout (`python -m refslint`) finds the top-level folder instead.
"""

from __future__ import annotations

import unicodedata
from functools import cache, lru_cache
from pathlib import Path

from .cache import memo
from .sortedtext import SortedText, framed
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
def _ltwa() -> SortedText:
    """The ISO 4 word list: lines `word<TAB>abbreviation` ("" when LTWA keeps the word whole),
    prefixes written `word-`, sorted; looked up in its text (sortedtext: a run asks a few
    hundred of its 34,000 words)."""
    return _sorted_list("ltwa.tsv", "\t")


@cache
def _ltwa_abbreviations() -> SortedText:
    """Every abbreviation the ISO 4 list gives, sorted, one a line (built once per version of
    the list and kept in the start-up memo with its index)."""

    def build() -> tuple[bytes, tuple[list[bytes], list[int]]]:
        # (a word listed twice: its later line, as in the list's lookups)
        table = dict(line.split("\t", 1) if "\t" in line else (line, "") for line in _lines("ltwa.tsv"))
        text = framed(sorted({abbrev for abbrev in table.values() if abbrev}))
        return text, SortedText.index(text, "\n")

    data, index = memo.derived("iso4-abbreviations", data_dir() / "vocab" / "ltwa.tsv", build)
    return SortedText(data, "\n", index)


def _sorted_list(name: str, sep: str) -> SortedText:
    """A shipped sorted list (tests/test_sorted_lists.py keeps it sorted, with no blank line),
    without the notice at its top; its index is kept in the start-up memo."""
    path = data_dir() / "vocab" / name
    data = b"\n" + path.read_bytes()
    while data.startswith(b"\n#"):  # the notice
        data = data[data.find(b"\n", 1) :] if b"\n" in data[1:] else b"\n"
    if data[data.find(b"\n", 1) - 1 : data.find(b"\n", 1)] == b"\r" or not data.endswith(b"\n"):
        data = framed(_lines(name))  # written with other line ends (a Windows checkout)
    index = memo.derived(f"sorted-index:{name}", path, lambda: SortedText.index(data, sep))
    return SortedText(data, sep, index)


@lru_cache(maxsize=1 << 16)
def ltwa_abbreviation(word: str) -> str | None:
    """The ISO 4 abbreviation of a full word ("" when LTWA keeps it whole), or None when the
    word is not in the list."""
    table = _ltwa()
    key = fold(word)
    if not key.endswith("-"):  # (a prefix is listed as `word-`: no whole word ends so)
        hit = table.value(key)
        if hit is not None:
            return hit
    for k in range(len(key), 2, -1):
        hit = table.value(key[:k] + "-")
        if hit is not None:
            return hit
    return None


def ltwa_exact(word: str) -> bool:
    """A whole word of the ISO 4 list (not one its prefixes cover)."""
    key = fold(word)
    return not key.endswith("-") and key in _ltwa()


def is_ltwa_abbreviation(word: str) -> bool:
    return fold(word.rstrip(".")) in _ltwa_abbreviations()


@cache
def common_words() -> SortedText:
    """The shipped word list (kept sorted), looked up in its text: a short run looks up only a
    few hundred of its 21,000 words (lru-cached)."""
    return _sorted_list("common-words.txt", "\n")


@lru_cache(maxsize=1 << 16)
def is_common_word(word: str) -> bool:
    """A lower-case English word of the shipped list, allowing common inflections."""
    w = fold(word)
    words = common_words()
    if w in words:
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
        if w.endswith(suffix) and w[: -len(suffix)] + repl in words:
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
