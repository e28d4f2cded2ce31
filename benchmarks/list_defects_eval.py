"""What only the whole list, the identifiers and the authors reveal (issue 13): defects injected
into real reference lists, and how many of them refslint reports.

    python benchmarks/list_defects_eval.py [--sources vancouver,ama,...] [--limit N] [--seed S]
        [--share F] [--codes CODES] [--by-source] [--show KIND [N]] [--show-clean CODE [N]]
        [--json [OUT]]

The lists (one per article, at least MIN_REFS references):
- `vancouver`: the PLOS / eLife / PMC records rendered in NLM Vancouver (`2011;92:2467–84`, no
  DOIs), numbered;
- `ama`: the same records rendered in AMA (hyphens, full ranges, `doi:10...`); PLOS and eLife
  entries whose record lacks the DOI get the one their e-locator gives (mutations.derived_doi),
  as AMA prints every DOI it knows;
- `plos-original`: the strings PLOS printed (author-(year) house style: `Prescott DM (1994) The
  DNA of ciliated protozoa. Microbiol Rev 58: 233–267.`), real text;
- `csl:<style>` (default `csl:apa`, author-date with `https://doi.org/` links, derived DOIs
  added, and `csl:the-lancet`, `2012; 335: 1028–9`): the renders of benchmarks/.cache/styles/
  (made by render_styles.py; a style whose cache is missing is skipped with a note).

Into about --share (default 15%) of each list's references one defect each is injected, each
kind at most once per list (and one PMID-like and one date stamp per list: the residue is
residue because the rest of the list has none). The kinds are taken least-used first, each into
a random reference of the list that can take it (one with a DOI, an NLM author list, a page
range, in a list with a majority to differ from), so that every kind gets about as many
references as the lists allow. The kinds (mutations.KIND_GROUPS; mutations.py says what each one writes):

  PubMed residue    month_day, epub, published, pmid, pubmed_pmcid
  unlike the list   journal_period, semicolon_space, dash, doi_prefix
  identifiers       doi_truncated, doi_other (DOIs that encode the article number: PLOS, eLife,
                    Frontiers, MDPI, Sci Rep, BMC), doi_space, doi_trailing_punct,
                    doi_label_doubled, doi_url_doubled, pmid_malformed
  authors           author_accent, author_apostrophe (one author of another reference of the
                    list, spelled otherwise), and_before_last, no_initials, suffix_comma,
                    hyphen_initials
  glued text        glued_title, glued_url, html_tag, html_entity
  other             first_page_only, missing_volume, future_year (2028 and later)

Every list is linted twice by `python -m refslint --isolated --format json` (this checkout's
refslint, one run for all clean lists and one for all injected ones), as plain-text files.

Figures, per kind:
- n: references injected;
- span %: a finding on the reference whose span overlaps the injected text (for the two-way
  author kinds, or the other spelling in the partner reference), of a code the reference did
  not have in the clean list (a finding over the whole reference that was there before, M006
  on an entry without pages, says nothing about the defect);
- new %: the reference has a finding (any code) it did not have in the clean list;
- any %: the reference has any finding at all (including what the clean list already had);
- codes: the codes of the findings counted in span %, commonest first;
- with --codes: `codes %`, span % counting only those codes.
And the untouched references of the injected lists (neither injected nor a partner): the share
flagged by any rule, the share with a finding the clean list did not have there (`new`), per
code; with --codes the same for those codes together.

--show KIND N prints N missed references of a kind (clean and injected text, and what refslint
said about them); --show-clean CODE N prints N untouched references flagged by CODE. --json
writes every figure (to OUT, or to standard output instead of the tables). Deterministic for a
seed; figures only, nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import mutations as mu
from mutations import pct, table

DEFAULT_SOURCES = ("vancouver", "ama", "plos-original", "csl:apa", "csl:the-lancet")
# What a style prints before and after a DOI, for the entries given a derived DOI in a list
# that prints none.
DOI_FORMS = {"ama": ("doi:", "."), "csl:apa": ("https://doi.org/", ""),
             "csl:american-medical-association": ("doi:", ".")}
MIN_REFS = 6  # a shorter list has no majority for an odd one out to differ from
TRIES = 40  # references tried for a kind in one list before the next kind
Lists = mu.Lists


@dataclass
class Injection:
    kind: str
    source: str
    file: str
    index: int  # 0-based entry index; the file's row is index + 1
    prefix: str  # the list number before the entry
    clean: str
    text: str
    span: mu.Span
    detail: str
    partners: list[tuple[int, str, mu.Span]] = field(default_factory=list)  # index, line, span in line


def prepare(sources: list[str], limit: int | None, seed: int) -> tuple[Lists, list[str]]:
    """Every list of at least MIN_REFS references; derived DOIs where the style prints DOIs."""
    def with_dois(source: str, lst: mu.RefList) -> mu.RefList:
        if source in DOI_FORMS or source.startswith("csl:"):
            return mu.add_derived_dois(lst, DOI_FORMS.get(source))
        return lst

    return mu.prepare_lists(sources, limit, seed, lambda lst: len(lst.refs) >= MIN_REFS, with_dois)


def doi_pool(lists: Lists) -> dict[str, list[str]]:
    pool: dict[str, set[str]] = defaultdict(set)
    for _, lst in lists:
        for ref in lst.refs:
            loc = mu.locate(ref.text, ref.fields)
            if loc.doi:
                doi = loc.text[loc.doi[0]:loc.doi[1]]
                fam = mu.article_number_doi(doi)
                if fam:
                    pool[fam[0]].add(doi)
    return {k: sorted(v) for k, v in pool.items()}


def inject(lists: Lists, seed: int, share: float) -> tuple[dict[str, str], list[Injection]]:
    pool = doi_pool(lists)
    used: Counter[str] = Counter()
    texts, injections = {}, []
    for name, lst in lists:
        rng = random.Random(f"{seed}:{name}:{lst.name}")
        located = [mu.locate(r.text, r.fields) for r in lst.refs]
        budget = min(len(mu.LIST_KINDS), max(1, round(len(located) * share)))
        ctx = mu.make_context(located, set(), pool)
        out = [r.text for r in lst.refs]
        here: set[str] = set()
        partners_here: set[int] = set()
        # Kind first, then a reference that can take it: the kinds few references can take
        # (a DOI with an article number, an apostrophe) get their share. A partner (the other
        # spelling of an author) is never injected itself, an injected reference never a partner.
        for kind in sorted(mu.LIST_KINDS, key=lambda kind: (used[kind], rng.random())):
            if len(ctx.taken) >= budget:
                break
            if any(kind in g and g & here for g in mu.EXCLUSIVE):
                continue
            free = [i for i in range(len(located)) if i not in ctx.taken and i not in partners_here]
            for i in rng.sample(free, min(len(free), TRIES)):
                m = mu.LIST_KINDS[kind](ctx, i, rng)
                if m is None or m.text == out[i]:
                    continue
                used[kind] += 1
                here.add(kind)
                ctx.taken.add(i)
                out[i] = m.text
                partners = []
                for j, (s, e) in m.partners:
                    pre = lst.prefix(j)
                    partners_here.add(j)
                    partners.append((j, pre + out[j], (len(pre) + s, len(pre) + e)))
                injections.append(Injection(kind, lst.source, name, i, lst.prefix(i), lst.refs[i].text,
                                            m.text, m.span, m.detail, partners))
                break
        texts[name] = lst.render(out)
    return texts, injections


def codes_on(findings: list[mu.Finding]) -> Counter[str]:
    return Counter(f.code for f in findings)


def evaluate(lists: Lists, injections: list[Injection], clean: mu.LintRun,
             injected: mu.LintRun, codes: set[str] | None) -> dict:
    def picked(code: str) -> bool:
        return codes is None or any(code.startswith(c) for c in codes)

    clean_rows = {name: mu.by_row(clean.findings.get(name, [])) for name, _ in lists}
    inj_rows = {name: mu.by_row(injected.findings.get(name, [])) for name, _ in lists}
    kinds: dict[str, dict] = {}
    per_source: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    misses: dict[str, list[dict]] = defaultdict(list)
    for inj in injections:
        row = inj.index + 1
        line = inj.prefix + inj.text
        off = len(inj.prefix)
        here = inj_rows[inj.file].get(row, [])
        new = codes_on(here) - codes_on(clean_rows[inj.file].get(row, []))
        # A finding the reference already had in the clean list (M006 over a whole reference
        # without pages) overlaps whatever was injected: only codes new on the reference count.
        hits = [f for f in here if f.code in new
                and f.overlaps(row, len(line), (off + inj.span[0], off + inj.span[1]))]
        for j, pline, pspan in inj.partners:
            there = inj_rows[inj.file].get(j + 1, [])
            new_there = codes_on(there) - codes_on(clean_rows[inj.file].get(j + 1, []))
            hits += [f for f in there if f.code in new_there and f.overlaps(j + 1, len(pline), pspan)]
        k = kinds.setdefault(inj.kind, {"n": 0, "span": 0, "new": 0, "any": 0, "codes_span": 0,
                                        "span_codes": Counter()})
        found = bool(hits)
        k["n"] += 1
        k["span"] += found
        k["new"] += bool(new)
        k["any"] += bool(here)
        k["codes_span"] += any(picked(f.code) for f in hits)
        k["span_codes"].update({f.code for f in hits})
        src = per_source[inj.source][inj.kind]
        src["n"] += 1
        src["span"] += found
        if not found:
            misses[inj.kind].append({
                "file": inj.file, "row": row, "detail": inj.detail, "clean": inj.clean, "injected": inj.text,
                "changed": inj.text[inj.span[0]:inj.span[1]],
                "findings": [f"{f.code} {f.message}" for f in here]})
    # Untouched references: neither injected nor the other half of a two-way defect.
    touched = {(inj.file, inj.index) for inj in injections}
    touched |= {(inj.file, j) for inj in injections for j, _, _ in inj.partners}
    untouched = flagged = flagged_new = sel = sel_new = 0
    per_code: Counter[str] = Counter()
    per_code_new: Counter[str] = Counter()
    clean_flagged = total = 0
    examples: dict[str, list[dict]] = defaultdict(list)
    for name, lst in lists:
        for i in range(len(lst.refs)):
            total += 1
            clean_flagged += bool(clean_rows[name].get(i + 1))
            if (name, i) in touched:
                continue
            untouched += 1
            here = codes_on(inj_rows[name].get(i + 1, []))
            new = here - codes_on(clean_rows[name].get(i + 1, []))
            flagged += bool(here)
            flagged_new += bool(new)
            sel += any(picked(c) for c in here)
            sel_new += any(picked(c) for c in new)
            per_code.update(set(here))
            per_code_new.update(set(new))
            for f in inj_rows[name].get(i + 1, []):
                examples[f.code].append({"file": name, "row": i + 1, "message": f.message,
                                         "reference": lst.refs[i].text})
    for k in kinds.values():
        k["span_codes"] = dict(k["span_codes"].most_common())
    return {
        "kinds": kinds,
        "per_source": {s: {k: dict(c) for k, c in d.items()} for s, d in per_source.items()},
        "untouched": {"references": untouched, "flagged": flagged, "flagged_new": flagged_new,
                      "flagged_by_codes": sel if codes else None,
                      "flagged_new_by_codes": sel_new if codes else None,
                      "per_code": dict(sorted(per_code.items())),
                      "per_code_new": dict(sorted(per_code_new.items()))},
        "clean_lists": {"references": total, "flagged": clean_flagged},
        "_misses": misses, "_examples": examples,
    }


def report(res: dict, lists: Lists, injections: list[Injection], codes: set[str] | None,
           by_source: bool) -> str:
    out = []
    refs = sum(len(lst.refs) for _, lst in lists)
    sources = Counter(lst.source for _, lst in lists)
    per_source = ", ".join(f"{s} {n}" for s, n in sources.items())
    out.append(f"{len(lists)} lists ({per_source}), {refs} references, "
               f"{len(injections)} injected ({pct(len(injections), refs)}%); clean lists: "
               f"{pct(res['clean_lists']['flagged'], refs)}% of references flagged\n")
    rows = []
    for group, kinds in mu.KIND_GROUPS.items():
        for kind in kinds:
            k = res["kinds"].get(kind)
            if not k:
                rows.append([f"{group}: {kind}", 0, "-", "-", "-", *(["-"] if codes else []), ""])
                continue
            top = " ".join(f"{c}:{n}" for c, n in list(k["span_codes"].items())[:4])
            rows.append([f"{group}: {kind}", k["n"], pct(k["span"], k["n"]), pct(k["new"], k["n"]),
                         pct(k["any"], k["n"]), *([pct(k["codes_span"], k["n"])] if codes else []), top])
    n = sum(k["n"] for k in res["kinds"].values())
    rows.append(["all", n, pct(sum(k["span"] for k in res["kinds"].values()), n),
                 pct(sum(k["new"] for k in res["kinds"].values()), n),
                 pct(sum(k["any"] for k in res["kinds"].values()), n),
                 *([pct(sum(k["codes_span"] for k in res["kinds"].values()), n)] if codes else []), ""])
    headers = ["kind", "n", "span %", "new %", "any %", *(["codes %"] if codes else []), "codes (span)"]
    out.append(table("Injected defects found (span: a finding over the injected text; new: a finding the "
                     "clean list did not have; any: any finding)", headers, rows))
    if by_source:
        srcs = list(res["per_source"])
        rows = []
        for kinds in mu.KIND_GROUPS.values():
            for kind in kinds:
                cells = []
                for s in srcs:
                    c = res["per_source"][s].get(kind, {})
                    cells.append(f"{pct(c.get('span', 0), c.get('n', 0))} ({c.get('n', 0)})")
                rows.append([kind, *cells])
        out.append(table("span % (n) by source", ["kind", *srcs], rows, note=False))
    u = res["untouched"]
    line = (f"Untouched references of the injected lists: {u['references']}; flagged by any rule "
            f"{pct(u['flagged'], u['references'])}%, with a finding the clean list did not have "
            f"{pct(u['flagged_new'], u['references'])}%")
    if codes:
        line += (f"; by {','.join(sorted(codes))}: {pct(u['flagged_by_codes'], u['references'])}% "
                 f"(new {pct(u['flagged_new_by_codes'], u['references'])}%)")
    out.append(line + "\n")
    new = u["per_code_new"]
    rows = [[c, n, pct(n, u["references"]), new.get(c, 0), pct(new.get(c, 0), u["references"])]
            for c, n in sorted(u["per_code"].items(), key=lambda kv: -kv[1])]
    headers = ["code", "refs", "%", "new", "new %"]
    out.append(table("Untouched references flagged, per code", headers, rows, note=False))
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    mu.add_common_arguments(parser, DEFAULT_SOURCES, limit=150, share=0.15)
    parser.add_argument("--codes", help="comma-separated codes (or families) of the rules under test")
    parser.add_argument("--by-source", action="store_true", help="also print span %% per source")
    parser.add_argument("--show", nargs="+", metavar=("KIND", "N"), help="print N misses of KIND")
    parser.add_argument("--show-clean", nargs="+", metavar=("CODE", "N"),
                        help="print N untouched references flagged by CODE")
    args = parser.parse_args()
    if args.show and args.show[0] not in mu.LIST_KINDS:
        parser.error(f"unknown kind {args.show[0]}; kinds: {', '.join(mu.LIST_KINDS)}")
    codes = set(args.codes.split(",")) if args.codes else None

    lists, notes = prepare(args.sources.split(","), args.limit, args.seed)
    for note in notes:
        print(note, file=sys.stderr)
    texts, injections = inject(lists, args.seed, args.share)
    print(f"measuring refslint from {mu.refslint_location()}: {len(lists)} lists ...", file=sys.stderr)
    clean = mu.run_refslint({name: lst.render() for name, lst in lists})
    injected = mu.run_refslint(texts)
    print(f"linted in {clean.seconds:.0f} s and {injected.seconds:.0f} s", file=sys.stderr)
    res = evaluate(lists, injections, clean, injected, codes)
    not_lists = sorted(clean.not_lists | injected.not_lists)
    if args.json != "-":
        print(f"refslint from {mu.refslint_location()}\n")
        print(report(res, lists, injections, codes, args.by_source))
        if not_lists:
            print(f"not taken for reference lists: {', '.join(not_lists)}")
    if args.show:
        n = int(args.show[1]) if len(args.show) > 1 else 10
        mu.show(f"misses of {args.show[0]}", res["_misses"].get(args.show[0], []), n, args.seed,
                lambda m: f"{m['file']}:{m['row']} ({m['detail']}) changed: {m['changed']!r}\n"
                          f"  clean:    {m['clean']}\n  injected: {m['injected']}")
    if args.show_clean:
        n = int(args.show_clean[1]) if len(args.show_clean) > 1 else 10
        mu.show(f"findings of {args.show_clean[0]} on untouched references",
                res["_examples"].get(args.show_clean[0], []), n, args.seed,
                lambda e: f"{e['file']}:{e['row']} {e['message']}\n  {e['reference']}")
    if args.json:
        figures = {k: v for k, v in res.items() if not k.startswith("_")}
        params = {"sources": args.sources, "limit": args.limit, "seed": args.seed, "share": args.share,
                  "codes": sorted(codes) if codes else None, "refslint": mu.refslint_location(),
                  "lists": len(lists), "not_lists": not_lists}
        mu.write_json(args.json, {"params": params, **figures})
    return 0


if __name__ == "__main__":
    sys.exit(main())
