"""How often the fields refslint extracts equal the publisher's structured fields.

    python benchmarks/parse_agreement.py

Printed PLOS journal references (`original`) against their JATS fields: journal, year,
volume and first page must all be equal for a reference to count as agreeing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from refslint.api import references  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "plos-allofplos" / "references.jsonl"


def main() -> None:
    total = agree = 0
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if not rec.get("original") or rec.get("pub_type") != "journal":
            continue
        if not (rec.get("journal") and rec.get("volume") and rec.get("fpage")):
            continue
        total += 1
        refs = references(" ".join(rec["original"].split()))
        if len(refs) != 1:
            continue
        fields = {name: f.value for name, f in refs[0].fields.items()}

        def value(name: str, fields: dict = fields) -> str:
            return fields.get(name, "")

        first_page = value("pages").replace("–", "-").split("-")[0].strip()
        got = (value("journal"), value("year")[:4], value("volume"), first_page)
        want = (rec["journal"], rec.get("year", "")[:4], rec["volume"], rec["fpage"])
        agree += got == want
    print(f"PLOS printed journal references: {total}, fields agree for {agree} ({100 * agree / total:.1f}%)")


if __name__ == "__main__":
    main()
