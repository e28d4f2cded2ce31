"""Knows every journal (issue 12): are catalogue journal names left alone, and are misspelled,
cut, mis-cased, written-out and publisher-prefixed ones found, with the right form proposed?

    python benchmarks/journals_eval.py [--sources vancouver,plos-original,...] [--limit N]
        [--seed S] [--share F] [--rounds R] [--show KIND [N]] [--json [OUT]]

The references: those of the corpus whose journal, as printed, is exactly an abbreviation of the
NLM Catalogue (../shared/corpus/journals/nlm-catalog-abbreviations.json), in their lists as users
have them (one list per article, the article's other references included but not measured):
- `vancouver`: the PLOS / eLife / PMC records rendered in NLM Vancouver, numbered;
- `plos-original`: the strings PLOS printed (`Microbiol Rev 58: 233–267.`), real text;
- `csl:<style>`: the renders of benchmarks/.cache/styles/ (render_styles.py; default AMA, the
  Lancet, Nature and Elsevier Harvard: `J Virol. 2011;`, `J Virol 2011;`, `Nature 451, 990`,
  `J Virol 79, 10420`);
- `real-strings`: the GROBID and anystyle strings of vancouver-strings/real-vancouver-like.tsv,
  each its own list (they belong to no article), with the journal their labels give: clean
  lists only.

a. Clean lists: the share of those references with any journal finding (a code starting with
   J) on them, and per code. Target: none.

b. Mutated names: in --rounds copies of every list of at least MIN_REFS references, about
   --share of its references (measured ones, one mutation each) get their journal name
   changed, either their own journal (`own`) or one drawn from the whole catalogue (`catalogue`:
   the issue is that refslint knows every journal, not only the corpus's few hundred):
     drop_letter    J Virl              cut_last_word  Mon Not R Astron
     swap_letters   J Viorl             case           Plos one, Faseb J, J BIOL CHEM
     double_letter  J Virrol            full_title     Journal of Biological Chemistry
     publisher      Springer Brain Inform
   A mutation that gives another catalogue form (any case), a name one edit from another
   catalogue form, a cut name that begins more than one abbreviation, or a full title that more
   than one abbreviation abbreviates is skipped, as are names of fewer than five letters;
   mutations.mutate_journal says how. Kinds are tried least-used first. `(none)` is the control:
   a catalogue journal put in unmutated, which nothing should flag.
   Per kind and origin: n; found % (a J finding whose span overlaps the name in that
   reference); right % (such a finding whose message or fix names the catalogue form, the
   mutated name blanked out first, or whose fix restores the clean reference). Target (issue
   12): at least 95% found with the right suggestion. And the references left as they were in
   the same lists: the share with a J finding, per code.

c. How often a drawn name could not take a kind (too short, nothing to change, the result a
   catalogue form, or ambiguous), per kind: the reference then took another kind or name.

Both are `python -m refslint --isolated --format json` (this checkout's refslint) on plain-text
files, one run for the clean lists and one for the mutated ones. --show KIND N prints N
references of a kind that were missed or got no right suggestion, with what refslint said;
--show clean N prints clean references with a J finding. --json writes every figure (to OUT, or
to standard output instead of the tables). Deterministic for a seed; figures only.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass

import mutations as mu
from mutations import pct, table

DEFAULT_SOURCES = ("vancouver", "plos-original", "csl:american-medical-association", "csl:the-lancet",
                   "csl:nature", "csl:elsevier-harvard", "real-strings")
MIN_REFS = 5
ORIGINS = ("own", "catalogue")
CONTROL = "(none)"
SKIPS = ("too short", "nothing to change", "catalogue form", "ambiguous")
Lists = mu.Lists


@dataclass
class Mutated:
    kind: str
    origin: str
    source: str
    file: str
    index: int
    prefix: str
    clean: str  # the entry with the journal it should have (for `catalogue`: the drawn one)
    text: str
    span: mu.Span  # the journal in `text`
    correct: str
    mutated: str
    detail: str


# The journal as a field of its own: right after the title (only punctuation between), and
# followed by punctuation or the volume or year, not by more words (a record that says
# `Neoplasia` where the string prints `J. Mammary Gland Biol. Neoplasia`).
_GAP = re.compile(r"[\s.,:;?!)\]\"'”’]*")
_AFTER = re.compile(r"[.,;:]|\s*[\d(]|\s*$")


def measurable(lst: mu.RefList, cat: mu.Catalogue) -> dict[int, mu.Span]:
    """Entries whose journal is printed exactly as a catalogue abbreviation, and where."""
    out = {}
    for i, ref in enumerate(lst.refs):
        journal = ref.fields.get("journal") or ""
        if journal in cat.abbrs:
            loc = mu.locate(ref.text, ref.fields)
            if (loc.journal and loc.title and _GAP.fullmatch(ref.text, loc.title[1], loc.journal[0])
                    and _AFTER.match(ref.text, loc.journal[1])):
                out[i] = loc.journal
    return out


def prepare(sources: list[str], limit: int | None, seed: int, cat: mu.Catalogue) -> tuple[Lists, list[str]]:
    return mu.prepare_lists(sources, limit, seed, lambda lst: bool(measurable(lst, cat)))


def mutate_lists(lists: Lists, cat: mu.Catalogue, seed: int, share: float, rounds: int
                 ) -> tuple[dict[str, str], list[Mutated], dict[str, Counter[str]]]:
    combos = [(k, o) for k in mu.JOURNAL_KINDS for o in ORIGINS] + [(CONTROL, "catalogue")]
    pool = cat.sampleable()
    used: Counter[tuple[str, str]] = Counter()
    skipped: dict[str, Counter[str]] = defaultdict(Counter)  # kind -> why a name could not take it
    texts, records = {}, []
    for r in range(rounds):
        for name, lst in lists:
            if len(lst.refs) < MIN_REFS:
                continue
            rng = random.Random(f"{seed}:{r}:{name}:{lst.name}")
            spots = measurable(lst, cat)
            # (A full title is a finding only among abbreviations: in a list that prints journals
            # in full it is the list's own style.)
            journals = [ref.fields.get("journal") for ref in lst.refs]
            abbreviated = sum(bool(j) and cat.is_abbreviation(j) for j in journals) >= 0.6 * len(journals)
            k = min(len(spots), max(1, round(len(lst.refs) * share)))
            out = [ref.text for ref in lst.refs]
            for i in sorted(rng.sample(sorted(spots), k)):
                for kind, origin in sorted(combos, key=lambda c: (used[c], rng.random())):
                    if kind == "full_title" and not abbreviated:
                        continue
                    journal = lst.refs[i].fields["journal"]
                    made = _mutate_one(out[i], spots[i], journal, kind, origin, rng, cat, pool, skipped[kind])
                    if made is None:
                        continue
                    clean, text, span, m = made
                    used[kind, origin] += 1
                    out[i] = text
                    records.append(Mutated(kind, origin, lst.source, f"round{r}/{name}", i, lst.prefix(i),
                                           clean, text, span, m.original, m.mutated, m.detail))
                    break
            texts[f"round{r}/{name}"] = lst.render(out)
    return texts, records, skipped


def _mutate_one(entry: str, where: mu.Span, journal: str, kind: str, origin: str, rng: random.Random,
                cat: mu.Catalogue, pool: list[str], skipped: Counter[str]
                ) -> tuple[str, str, mu.Span, mu.JournalMutation] | None:
    """(clean entry, mutated entry, the journal's span in it, the mutation), or None."""
    for _ in range(1 if origin == "own" else 20):
        name = journal if origin == "own" else rng.choice(pool)
        if kind == CONTROL:
            m = mu.JournalMutation(CONTROL, name, name, "")
        else:
            m = mu.mutate_journal(name, kind, rng, cat, skipped)
            if m is None:
                continue
        s, e = where
        clean = entry[:s] + name + entry[e:]
        return clean, entry[:s] + m.mutated + entry[e:], (s, s + len(m.mutated)), m
    return None


def is_journal_code(code: str) -> bool:
    return code.startswith("J")


def clean_figures(lists: Lists, run: mu.LintRun, cat: mu.Catalogue) -> dict:
    by_source: dict[str, Counter] = defaultdict(Counter)
    per_code: Counter[str] = Counter()
    examples = []
    for name, lst in lists:
        rows = mu.by_row(run.findings.get(name, []))
        for i in measurable(lst, cat):
            js = [f for f in rows.get(i + 1, []) if is_journal_code(f.code)]
            by_source[lst.source]["references"] += 1
            by_source[lst.source]["flagged"] += bool(js)
            per_code.update({f.code for f in js})
            for f in js:
                examples.append({"file": name, "row": i + 1, "finding": f"{f.code} {f.message}",
                                 "journal": lst.refs[i].fields["journal"], "reference": lst.refs[i].text})
    total = sum(c["references"] for c in by_source.values())
    return {"references": total, "flagged": sum(c["flagged"] for c in by_source.values()),
            "by_source": {s: dict(c) for s, c in by_source.items()}, "per_code": dict(per_code.most_common()),
            "_examples": examples}


def mutated_figures(lists: Lists, records: list[Mutated], run: mu.LintRun, cat: mu.Catalogue,
                    rounds: int) -> dict:
    cells: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    misses: dict[str, list[dict]] = defaultdict(list)
    rows_of = {}
    for rec in records:
        rows = rows_of.setdefault(rec.file, mu.by_row(run.findings.get(rec.file, [])))
        row = rec.index + 1
        line = rec.prefix + rec.text
        off = len(rec.prefix)
        here = rows.get(row, [])
        js = [f for f in here if is_journal_code(f.code)]
        over = [f for f in js if f.overlaps(row, len(line), (off + rec.span[0], off + rec.span[1]))]
        right = [f for f in over if mu.right_suggestion(f, row, line, rec.prefix + rec.clean, rec.mutated,
                                                         rec.correct)]
        c = cells[rec.kind][rec.origin]
        c["n"] += 1
        c["found"] += bool(over)
        c["right"] += bool(right)
        c["any_j"] += bool(js)
        c.update(f"code:{f.code}" for f in {f.code: f for f in over}.values())
        if (rec.kind == CONTROL and js) or (rec.kind != CONTROL and not right):
            misses[rec.kind].append({
                "origin": rec.origin, "file": rec.file, "row": row, "correct": rec.correct,
                "mutated": rec.mutated, "detail": rec.detail, "reference": rec.text,
                "findings": [f"{f.code} {f.message}" + (f" [fix: {f.fix_message}]" if f.fix_message else "")
                             for f in here]})
    # The references of the mutated lists left as they were.
    touched = {(rec.file, rec.index) for rec in records}
    untouched = flagged = 0
    per_code: Counter[str] = Counter()
    for r in range(rounds):
        for name, lst in lists:
            file = f"round{r}/{name}"
            if len(lst.refs) < MIN_REFS:
                continue
            rows = rows_of.setdefault(file, mu.by_row(run.findings.get(file, [])))
            for i in measurable(lst, cat):
                if (file, i) in touched:
                    continue
                js = {f.code for f in rows.get(i + 1, []) if is_journal_code(f.code)}
                untouched += 1
                flagged += bool(js)
                per_code.update(js)
    return {"kinds": {k: {o: dict(c) for o, c in d.items()} for k, d in cells.items()},
            "untouched": {"references": untouched, "flagged": flagged,
                          "per_code": dict(per_code.most_common())},
            "_misses": misses}


def report(clean: dict, mutated: dict, lists: Lists, skipped: dict[str, Counter[str]]) -> str:
    out = []
    sources = Counter(lst.source for _, lst in lists)
    out.append(f"{len(lists)} lists: " + ", ".join(f"{s} {n}" for s, n in sources.items()) + "\n")
    rows = [[s, c["references"], pct(c["flagged"], c["references"])] for s, c in clean["by_source"].items()]
    rows.append(["all", clean["references"], pct(clean["flagged"], clean["references"])])
    out.append(table("a. Clean lists: references whose journal is an NLM abbreviation, with a J finding",
                     ["source", "refs", "J-flagged %"], rows, note=False))
    if clean["per_code"]:
        out.append("   per code: " + ", ".join(f"{c} {n} ({pct(n, clean['references'])}%)"
                                              for c, n in clean["per_code"].items()) + "\n")
    rows = []
    totals: dict[str, Counter] = defaultdict(Counter)
    for kind in (*mu.JOURNAL_KINDS, CONTROL):
        d = mutated["kinds"].get(kind, {})
        row: list = [kind]
        allc: Counter = Counter()
        for origin in ORIGINS:
            c = Counter(d.get(origin, {}))
            allc.update(c)
            totals[origin].update(c if kind != CONTROL else {})
            if kind == CONTROL and origin == "own":
                row += ["", "", ""]
                continue
            row += [c["n"], pct(c["found"], c["n"]), pct(c["right"], c["n"])]
        codes = Counter({k[5:]: v for k, v in allc.items() if k.startswith("code:")})
        row += [allc["n"], pct(allc["found"], allc["n"]), pct(allc["right"], allc["n"]),
                " ".join(f"{c}:{n}" for c, n in codes.most_common(3))]
        rows.append(row)
    allc = totals["own"] + totals["catalogue"]
    cells = [x for o in ORIGINS for x in (totals[o]["n"], pct(totals[o]["found"], totals[o]["n"]),
                                          pct(totals[o]["right"], totals[o]["n"]))]
    rows.append(["all mutated", *cells, allc["n"], pct(allc["found"], allc["n"]),
                 pct(allc["right"], allc["n"]), ""])
    headers = ["kind", "own n", "found %", "right %", "cat. n", "found %", "right %", "all n", "found %",
               "right %", "codes (found)"]
    out.append(table("b. Mutated journal names (found: a J finding over the name; right: it proposes the "
                     "catalogue form). (none): a catalogue journal put in unmutated; found % = flagged",
                     headers, rows))
    u = mutated["untouched"]
    codes = "".join(f", {c} {n}" for c, n in u["per_code"].items())
    out.append(f"   references left as they were in the same lists: {u['references']}, J-flagged "
               f"{pct(u['flagged'], u['references'])}%{codes}\n")
    rows = [[kind, *(skipped.get(kind, {}).get(why, 0) for why in SKIPS)] for kind in mu.JOURNAL_KINDS]
    out.append(table("c. Names that could not take a kind (and took another kind or name instead)",
                     ["kind", *SKIPS], rows, note=False))
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    mu.add_common_arguments(parser, DEFAULT_SOURCES, limit=None, share=0.15)
    parser.add_argument("--rounds", type=int, default=2, help="mutated copies of every list (default 2)")
    parser.add_argument("--show", nargs="+", metavar=("KIND", "N"),
                        help="print N misses of KIND (a mutation kind, `(none)`, or `clean`)")
    args = parser.parse_args()
    if args.show and args.show[0] not in (*mu.JOURNAL_KINDS, CONTROL, "clean"):
        parser.error(f"unknown kind {args.show[0]}; kinds: {', '.join(mu.JOURNAL_KINDS)}, {CONTROL}, clean")

    cat = mu.Catalogue.from_file()
    lists, notes = prepare(args.sources.split(","), args.limit, args.seed, cat)
    for note in notes:
        print(note, file=sys.stderr)
    texts, records, skipped = mutate_lists(lists, cat, args.seed, args.share, args.rounds)
    print(f"measuring refslint from {mu.refslint_location()}: {len(lists)} lists, {len(records)} mutated "
          "references ...", file=sys.stderr)
    clean_run = mu.run_refslint({name: lst.render() for name, lst in lists})
    mutated_run = mu.run_refslint(texts)
    print(f"linted in {clean_run.seconds:.0f} s and {mutated_run.seconds:.0f} s", file=sys.stderr)
    clean = clean_figures(lists, clean_run, cat)
    mutated = mutated_figures(lists, records, mutated_run, cat, args.rounds)
    if args.json != "-":
        print(f"refslint from {mu.refslint_location()}\n")
        print(report(clean, mutated, lists, skipped))
    if args.show:
        n = int(args.show[1]) if len(args.show) > 1 else 10
        if args.show[0] == "clean":
            mu.show("J findings on clean references", clean["_examples"], n, args.seed,
                    lambda e: f"{e['file']}:{e['row']} `{e['journal']}`: {e['finding']}\n  {e['reference']}")
        else:
            what = "flagged" if args.show[0] == CONTROL else "missed or without the right suggestion"
            mu.show(f"of {args.show[0]} {what}", mutated["_misses"].get(args.show[0], []), n, args.seed,
                    lambda m: f"{m['file']}:{m['row']} [{m['origin']}] `{m['correct']}` -> `{m['mutated']}` "
                              f"({m['detail']})\n  {m['reference']}")
    if args.json:
        params = {"sources": args.sources, "limit": args.limit, "seed": args.seed, "share": args.share,
                  "rounds": args.rounds, "refslint": mu.refslint_location(), "lists": len(lists),
                  "not_lists": sorted(clean_run.not_lists | mutated_run.not_lists)}
        mu.write_json(args.json, {
            "params": params, "clean": {k: v for k, v in clean.items() if not k.startswith("_")},
            "mutated": {k: v for k, v in mutated.items() if not k.startswith("_")},
            "skipped": {k: dict(c) for k, c in skipped.items()}})
    return 0


if __name__ == "__main__":
    sys.exit(main())
