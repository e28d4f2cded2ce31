"""The shipped word lists are looked up in their sorted text (sortedtext.SortedText), not loaded
into dicts: every lookup gives what a dict built from the list's lines gives."""

from __future__ import annotations

import random

import pytest

from refslint import vocab
from refslint.sortedtext import STEP, SortedText, framed


def _dict_of(lines: list[str]) -> dict[str, str]:
    return dict(line.split("\t", 1) if "\t" in line else (line, "") for line in lines)


def test_a_sorted_text_finds_what_a_dict_of_its_lines_finds():
    rnd = random.Random(3)
    keys = sorted({"".join(rnd.choice("abc-'") for _ in range(rnd.randint(1, 6))) for _ in range(3 * STEP)})
    lines = []
    for key in keys:
        lines.append(f"{key}\t{rnd.choice(['', 'x', 'abbr.'])}")
        if rnd.random() < 0.05:  # a key listed twice: the later line wins, as in a dict
            lines.append(f"{key}\tsecond")
    table = SortedText(framed(lines), "\t")
    oracle = _dict_of(lines)
    random_keys = ["".join(rnd.choice("abc-") for _ in range(4)) for _ in range(500)]
    asked = [*keys, "", "\x00", "zzzz", "a\tb", "a\nb", *random_keys]
    for key in asked:
        assert table.value(key) == oracle.get(key), key
    words = SortedText(framed(keys), "\n")
    for key in asked:
        assert (key in words) == (key in set(keys)), key


@pytest.mark.parametrize("name", ["ltwa.tsv", "common-words.txt"])
def test_the_shipped_lists_are_sorted(name):
    lines = vocab._lines(name)
    keys = [line.split("\t", 1)[0] for line in lines]
    assert keys == sorted(keys), f"rules/vocab/{name} must stay sorted (it is looked up by bisection)"


def test_iso4_lookups_agree_with_the_whole_list_loaded():
    table = _dict_of(vocab._lines("ltwa.tsv"))
    exact = {w: a for w, a in table.items() if not w.endswith("-")}
    prefixes = {w[:-1]: a for w, a in table.items() if w.endswith("-")}
    abbreviations = {a for a in (*exact.values(), *prefixes.values()) if a}

    def expected(word: str) -> str | None:
        key = vocab.fold(word)
        if key in exact:
            return exact[key]
        for k in range(len(key), 2, -1):
            if key[:k] in prefixes:
                return prefixes[key[:k]]
        return None

    rnd = random.Random(11)
    words = list(table) + [w + "ations" for w in list(prefixes)[:3000]] + ["Biological", "Zürich", "anti-", "x"]
    words += [rnd.choice(list(table))[: rnd.randint(1, 9)] for _ in range(3000)]
    for word in words:
        assert vocab.ltwa_abbreviation(word) == expected(word), word
        assert vocab.ltwa_exact(word) == (vocab.fold(word) in exact), word
    for word in [*abbreviations, *(a + "." for a in list(abbreviations)[:2000]), "Nature", "J", "Proc."]:
        assert vocab.is_ltwa_abbreviation(word) == (vocab.fold(word.rstrip(".")) in abbreviations), word


def test_common_words_agree_with_the_whole_list_loaded():
    words = set(vocab._lines("common-words.txt"))
    for word in [*words, *(w + "s" for w in list(words)[:2000]), "Cell-free", "Zebrafish", "xyzzy", ""]:
        assert (vocab.fold(word) in vocab.common_words()) == (vocab.fold(word) in words), word
