"""Build rules/vocab/journal-catalogue.bin, the journal catalogue `refslint.journal_catalogue`
reads, from the journal lists of the shared corpus.

    python scripts/build_journal_catalogue.py [PATH/TO/shared/corpus/journals] [--check]

Sources (licences in rules/vocab/LICENSES.md):

* nlm-catalog-abbreviations.json: the NLM Catalog's full titles and NLM abbreviations, as
  compiled by the citation-style-language/abbreviations project (MIT; the data is a US
  government work);
* jabref/journal_abbreviations_*.csv: JabRef's lists of dotted abbreviations (CC0).

Each NLM Catalog title is a journal. A JabRef row joins the journal whose full title (or a
title derived from it: no `The`, no subtitle, no place qualifier) has the key of its title, or
else of its title's core (`Nature (London, United Kingdom)`), when one journal fits best; else
the one journal whose NLM abbreviation has its abbreviation's key (JabRef's title then becomes
one of the journal's `titles`, unless it is within two edits of one: JabRef has misspellings
such as `Monthy Notices`); else it is a journal of its own (JabRef rows with one title key are
one journal). Rows in TeX markup (`$K$-Theory`) are left out.

The output is the same for the same input, byte for byte, with the same zlib (sorted
everywhere, level 9). `--check` builds in memory and exits 1 when the shipped file differs.
A build takes 5-15 s.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import zlib
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from refslint.journal_catalogue import (  # noqa: E402 (the checkout's module, not an installed one)
    FILE_NAME,
    KEY_WIDTH,
    MAGIC,
    Journal,
    _edit,
    form_key,
    index_keys,
    title_cores,
    title_variants,
)

DEFAULT_SOURCE = ROOT.parent / "shared" / "corpus" / "journals"
OUT = ROOT / "rules" / "vocab" / FILE_NAME
# Lines a compressed block. Measured when both key tables still held every form's key and
# ids: 32 lines gave 4.6 MB, 64 lines 4.3 MB, 128 lines 4.1 MB. A block of 64 lines inflates
# in 30-45 µs on the build machine (a third of it the preset dictionary's set-up).
BLOCK_LINES = 64
ZDICT_SIZE = 32768  # deflate's window: a preset dictionary longer than this is not used


class Draft:
    """A journal while it is built."""

    def __init__(self, full: str, nlm: str | None, source: str) -> None:
        self.full, self.nlm = full, nlm
        self.iso: list[str] = []
        self.titles: list[str] = []
        self.sources = [source]

    def add(self, source: str, title: str | None, abbreviation: str) -> None:
        if abbreviation and abbreviation != self.nlm and abbreviation not in self.iso:
            self.iso.append(abbreviation)
        if title and title not in self.titles and title != self.full:
            self.titles.append(title)
        if source not in self.sources:
            self.sources.append(source)


def jabref_rows(source: Path):
    """(list name, full title, abbreviation) of every JabRef row that is not TeX markup."""
    for path in sorted((source / "jabref").glob("journal_abbreviations_*.csv")):
        name = path.stem.removeprefix("journal_abbreviations_")
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.reader(f):
                if len(row) < 2:
                    continue
                # The AEA list has commas inside abbreviations without quotes: the abbreviation
                # runs over the following columns (`"Acc."," Bus. Finan. Hist.",""`).
                fields = row[1:] if name == "aea" else row[1:2]
                title = " ".join(row[0].split())
                abbreviation = " ".join(",".join(x for x in fields if x.strip()).split())
                if not title or any(c in title + abbreviation for c in "$\\{}"):
                    continue
                yield name, title, abbreviation


def build(source: Path) -> list[Journal]:
    with (source / "nlm-catalog-abbreviations.json").open(encoding="utf-8") as f:
        nlm = json.load(f)["default"]["container-title"]
    drafts = [Draft(" ".join(t.split()), " ".join(a.split()) or None, "nlm") for t, a in sorted(nlm.items())]

    by_title: dict[str, list[tuple[int, bool]]] = defaultdict(list)  # key -> (draft, derived)
    by_abbreviation: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(drafts):
        for n, text in enumerate(title_variants(d.full)):
            by_title[form_key(text)].append((i, n > 0))
        if d.nlm:
            by_abbreviation[form_key(d.nlm)].append(i)

    own: dict[str, Draft] = {}  # JabRef-only journals by title key
    for name, title, abbreviation in jabref_rows(source):
        source_name = f"jabref:{name}"
        target = _nlm_journal(title, abbreviation, drafts, by_title, by_abbreviation)
        if target is None:
            key = form_key(title)
            if key not in own:
                own[key] = Draft(title, None, source_name)
            own[key].add(source_name, None, abbreviation)
            continue
        draft = drafts[target]
        title_keys = {form_key(t) for t in title_variants(draft.full)}
        key = form_key(title)
        known = key in title_keys or any(_edit(key, k, 2) for k in title_keys)
        draft.add(source_name, None if known else title, abbreviation)

    drafts += [own[key] for key in sorted(own)]
    return [
        Journal(i, d.full, d.nlm, tuple(d.iso), tuple(d.titles), tuple(d.sources))
        for i, d in enumerate(drafts)
    ]


def _nlm_journal(title, abbreviation, drafts, by_title, by_abbreviation) -> int | None:
    """The NLM Catalog journal a JabRef row belongs to, or None: by JabRef's title, else by its
    title without qualifier and subtitle (`Nature (London, United Kingdom)`), else by the
    abbreviation."""
    abbreviation_key = form_key(abbreviation)

    def rank(hit: tuple[int, bool]) -> tuple[bool, bool]:
        # Best: the same abbreviation, then the catalogue's own title (not a derived one).
        i, derived = hit
        same = bool(drafts[i].nlm) and form_key(drafts[i].nlm) == abbreviation_key
        return (not same, derived)

    for keys in ([form_key(title)], [form_key(core) for core in title_cores(title)]):
        hits = sorted({hit for key in keys for hit in by_title.get(key, ())}, key=rank)
        if hits:
            if len(hits) == 1 or rank(hits[0]) < rank(hits[1]):
                return hits[0][0]
            return None
    same = by_abbreviation.get(abbreviation_key, [])
    return same[0] if len(same) == 1 else None


def index(journals: list[Journal]) -> dict[str, list[int]]:
    keys: dict[str, set[int]] = defaultdict(set)
    for j in journals:
        for key in index_keys(j):
            keys[key].add(j.id)
    if max(map(len, keys)) >= 10**KEY_WIDTH:
        raise ValueError("a key is too long for the length field")
    return {k: sorted(v) for k, v in keys.items()}


def table(lines: list[str], with_heads: bool) -> dict[str, bytes]:
    """A table as blocks of BLOCK_LINES lines, each deflated with a preset dictionary: the
    table's commonest words, the commonest last (nearest, so cheapest to refer to). Words
    beat lines sampled evenly from the table by 3-7%."""
    counts = Counter(w for line in lines for w in line.split("\t", 1)[0].split())
    zdict = " ".join(w for w, _ in reversed(counts.most_common(8000))).encode("utf-8")[-ZDICT_SIZE:]
    blocks, offsets, heads = [], [0], []
    for start in range(0, len(lines), BLOCK_LINES):
        chunk = lines[start : start + BLOCK_LINES]
        deflate = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, zdict)
        blocks.append(deflate.compress("\n".join(chunk).encode("utf-8")) + deflate.flush())
        offsets.append(offsets[-1] + len(blocks[-1]))
        heads.append(chunk[0])
    out = {
        "zdict": zdict,
        "offsets": " ".join(map(str, offsets)).encode("ascii"),
        "blocks": b"".join(blocks),
    }
    if with_heads:
        out["heads"] = "\n".join(heads).encode("utf-8")
    return out


def record_line(j: Journal) -> str:
    fields = (j.full, j.nlm or "", "|".join(j.iso), "|".join(j.titles), ",".join(j.sources))
    if any("\t" in f or "\n" in f for f in fields) or any("|" in x for x in (*j.iso, *j.titles)):
        raise ValueError(f"a separator inside the record of {j.full!r}")
    return "\t".join(fields)


def serialise(journals: list[Journal]) -> bytes:
    keys = index(journals)

    # The reversed table has no ids: the few keys a near-miss search finds there are looked up
    # in the key table (its ids would cost 370 KB).
    sections: dict[str, bytes] = {}
    for name, lines, with_heads in (
        ("keys", sorted(f"{len(k):0{KEY_WIDTH}d}{k}\t{','.join(map(str, keys[k]))}" for k in keys), True),
        ("rkeys", sorted(f"{len(k):0{KEY_WIDTH}d}{k[::-1]}" for k in keys), True),
        ("records", [record_line(j) for j in journals], False),
    ):
        for part, data in table(lines, with_heads).items():
            sections[f"{name}.{part}"] = data
    header, offset, body = [MAGIC, f"block-lines {BLOCK_LINES}", f"journals {len(journals)}"], 0, []
    for name in sorted(sections):
        header.append(f"{name} {offset} {len(sections[name])}")
        offset += len(sections[name])
        body.append(sections[name])
    return ("\n".join(header) + "\n\n").encode("ascii") + b"".join(body)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--check", action="store_true", help="compare with the shipped file; write nothing")
    args = parser.parse_args(argv)
    journals = build(args.source)
    data = serialise(journals)
    if args.check:
        same = OUT.is_file() and OUT.read_bytes() == data
        print(f"{OUT.name}: {'up to date' if same else 'differs from a fresh build'}")
        return 0 if same else 1
    OUT.write_bytes(data)
    nlm = sum(1 for j in journals if "nlm" in j.sources)
    print(f"{OUT.relative_to(ROOT)}: {len(data):,} bytes, {len(journals):,} journals ({nlm:,} NLM Catalog)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
