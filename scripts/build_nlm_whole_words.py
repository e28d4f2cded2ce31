"""Build rules/vocab/nlm-whole-words.txt: words NLM abbreviations keep whole although the ISO 4
word list abbreviates them (`Environ`, `Inform`, `Transplant`).

    python scripts/build_nlm_whole_words.py [PATH/TO/nlm-catalog-abbreviations.json] [--check]

J005 judges a word written in full inside an abbreviated journal name by the ISO 4 list only
for names the journal catalogue lacks; where NLM itself writes the word whole, the ISO 4
abbreviation is no certain correction, so J005 leaves such words alone. Source and licence:
rules/vocab/LICENSES.md (the NLM Catalog compilation, MIT; NLM data a US government work).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from refslint import vocab  # noqa: E402

SOURCE = ROOT.parent / "shared" / "corpus" / "journals" / "nlm-catalog-abbreviations.json"
TARGET = ROOT / "rules" / "vocab" / "nlm-whole-words.txt"
_WORD = re.compile(r"[^\W\d_][\w'’&-]*")


def build(source: Path) -> str:
    titles = json.loads(source.read_text(encoding="utf-8"))["default"]["container-title"]
    seen: Counter[str] = Counter(vocab.fold(w) for a in titles.values() for w in _WORD.findall(a))
    whole = set()
    for word, count in seen.items():
        short = vocab.ltwa_abbreviation(word)
        # NLM's usage, not an odd title: kept whole at least twice, and at least a quarter as
        # often as the ISO 4 form appears (`Environ` 369 to `Env` 2, `Inform` 81 to `Inf` 218;
        # but `Research` 6 to `Res` 2,027 is abbreviated).
        abbreviates = short and short != word and len(word) >= len(short) + 3
        if abbreviates and count >= 2 and 4 * count >= seen[short]:
            whole.add(word)
    header = (
        "# Words NLM abbreviations keep whole that ISO 4 abbreviates (folded), from the NLM Catalog;\n"
        "# written by scripts/build_nlm_whole_words.py. Licence: LICENSES.md.\n"
    )
    return header + "".join(f"{w}\n" for w in sorted(whole))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", type=Path, default=SOURCE)
    parser.add_argument("--check", action="store_true", help="exit 1 when the shipped file differs")
    args = parser.parse_args()
    text = build(args.source)
    if args.check:
        return 0 if TARGET.read_text(encoding="utf-8") == text else 1
    TARGET.write_text(text, encoding="utf-8")
    print(f"{TARGET}: {text.count(chr(10)) - 2} words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
