"""How well refslint reads and lints reference lists in every common citation style.

    pip install citeproc-py      # only to render the lists (render_styles.py), once
    python benchmarks/styles_eval.py [--styles apa,ieee] [--limit N] [--seed S] [--json OUT]

The lists are the corpus's journal references rendered by render_styles.py (run first when its
cache, benchmarks/.cache/styles/, is missing or was made with other parameters). Per style:

a. field agreement: `parse_text` against the true fields (first author's family name, title,
   container title, year, volume, first page; `all` = the six right), compared normalised (NFKC,
   case-folded, dashes unified, surrounding punctuation and quotes stripped, spaces squashed; a
   title without its final punctuation; a page range by its first page; the container title in
   the form the style printed); and the style refslint detected (the most common `style` of a
   list's references; share of lists);
b. clean lists flagged: references with at least one finding of `refslint --isolated --format
   json` on the rendered lists, which are correct by construction but for the records' own data
   (their journal names are as the authors wrote them: `non-J %` leaves out the references whose
   only findings are journal-name ones); the 5 commonest codes (references flagged with each);
c. injected defects found: one defect in about one reference in six of each list (see
   stylebench/defects.py); recall per kind (the kind's code reported on that reference), and the
   findings on the references not injected (false alarms; `new`: not on the clean list);
d. parse throughput: references per second of CPU time of `parse_text` alone (best of 3, and
   the first run), next to a bare regular-expression split of the same text;
e. real strings: the same field agreement on the hand-labelled anystyle and GROBID references
   (each string its own list), by source and the labels' style guess.

Figures only; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from render_styles import DEFAULT_SEED, cache_dir, is_current, render_all
from stylebench.defects import KINDS
from stylebench.evaluate import fields_and_speed, lint_figures, real_strings
from stylebench.fields import FIELDS, HEADERS

# The rendered lists' style names are long; the tables use these.
SHORT = {
    "american-chemical-society": "acs", "american-medical-association": "ama",
    "american-physics-society": "aps", "american-society-for-microbiology": "asm",
    "chicago-author-date": "chicago-ad", "elsevier-harvard": "els-harvard",
    "elsevier-vancouver": "els-vancouver", "harvard-cite-them-right": "harvard-ctr",
    "modern-language-association": "mla", "springer-basic-author-date": "springer-ad",
    "springer-vancouver": "springer-vanc", "taylor-and-francis-national-library-of-medicine": "tandf-nlm",
    "the-lancet": "lancet",
}
KIND_HEADERS = {"digit": "digit", "reversed": "reversed", "missing_pages": "no pages",
                "doubled_period": "doubled .", "duplicate": "duplicate", "journal_typo": "journal"}


def pct(num: float, den: float) -> str:
    return f"{100 * num / den:.1f}" if den else "-"


def table(title: str, headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows, strict=True)]
    lines = [title, "  ".join(h.ljust(w) if i == 0 else h.rjust(w) for i, (h, w) in enumerate(
        zip(headers, widths, strict=True)))]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append("  ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)
                               for i, (c, w) in enumerate(zip(row, widths, strict=True))))
    return "\n".join(lines) + "\n"


def agreement_cells(agree: dict) -> list[str]:
    return [pct(agree[f]["right"], agree[f]["scored"]) for f in (*FIELDS, "all")]


def detected_cell(detected: dict[str, int]) -> str:
    total = sum(detected.values())
    return " ".join(f"{s} {100 * n / total:.0f}%" for s, n in list(detected.items())[:2])


def report(results: dict[str, dict], real: dict | None) -> str:
    names = list(results)
    out = []
    rows = [[SHORT.get(s, s), r["lists"], r["references"], *agreement_cells(r["agreement"]),
             detected_cell(r["detected_style"])] for s, r in results.items()]
    headers = ["style", "lists", "refs", *(HEADERS[f] for f in FIELDS), "all 6", "detected style (lists)"]
    out.append(table("a. Field agreement of `refslint parse` with the true fields (% of references)",
                     headers, rows))
    rows = []
    for s in names:
        c = results[s]["lint"]["clean"]
        top = " ".join(f"{code}:{n}" for code, n in c["top_codes"].items())
        rows.append([SHORT.get(s, s), c["references"], pct(c["flagged"], c["references"]),
                     pct(c["flagged_not_journal"], c["references"]), c["lists_not_taken"], top])
    out.append(table("b. Clean lists: references with at least one finding (and one of a rule other than"
                     " the journal rules, J)",
                     ["style", "refs", "flagged %", "non-J %", "not lists", "top codes (references)"], rows))
    rows = []
    for s in names:
        inj = results[s]["lint"]["injected"]
        cells = [f"{v['found']}/{v['injected']}" for v in (inj["recall"][k] for k in KINDS)]
        found = sum(v["found"] for v in inj["recall"].values())
        tried = sum(v["injected"] for v in inj["recall"].values())
        rows.append([SHORT.get(s, s), *cells, pct(found, tried), inj["false_alarms"], inj["new_false_alarms"],
                     pct(inj["false_alarms"], inj["uninjected_references"])])
    out.append(table("c. Injected defects found (found/injected) and findings on references not injected",
                     ["style", *(KIND_HEADERS[k] for k in KINDS), "recall %", "false alarms", "new",
                      "per 100 refs"], rows))
    rows = []
    for s in names:
        t = results[s]["throughput"]
        ratio = t["regex_refs_per_s"] / t["parse_refs_per_s"] if t["parse_refs_per_s"] else 0
        rows.append([SHORT.get(s, s), results[s]["references"], f"{t['parse_refs_per_s']:,.0f}",
                     f"{t['parse_first_run_refs_per_s']:,.0f}", f"{t['regex_refs_per_s']:,.0f}",
                     f"{ratio:.0f}x"])
    headers = ["style", "refs", "parse_text best of 3", "first run", "regex split", "regex/parse"]
    out.append(table("d. Parse throughput (references per CPU second)", headers, rows))
    if real is not None:
        rows = [[group, t["references"],
                 *(f"{pct(t[f]['right'], t[f]['scored'])} ({t[f]['scored']})" for f in (*FIELDS, "all"))]
                for group, t in real.items()]
        out.append(table("e. Real strings: field agreement, % (references scored)",
                         ["source / style guess", "refs", *(HEADERS[f] for f in FIELDS), "all 6"], rows))
    return "\n".join(out)


def load_lists(cache: Path, style: str, limit: int | None) -> list[dict]:
    lists = []
    with (cache / f"{style}.jsonl").open(encoding="utf-8") as f:
        for line in f:
            if limit is not None and len(lists) >= limit:
                break
            lists.append(json.loads(line))
    return lists


def warm_up() -> None:
    """Pay refslint's start-up (grammars, vocabularies) before anything is timed."""
    from refslint.api import parse_text

    probe = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "style-probe"
    for path in sorted(probe.glob("*.txt")):
        parse_text(path.read_text(encoding="utf-8"), path.name)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--styles", help="comma-separated style names (default: every CSL style)")
    parser.add_argument("--limit", type=int, help="at most N lists per style and N real strings per group")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="sampling and defect seed")
    parser.add_argument("--per-style", type=int, default=None, help="articles per style when rendering")
    parser.add_argument("--no-real", action="store_true", help="skip the real strings (e)")
    parser.add_argument("--json", metavar="OUT", help="write the figures as JSON to OUT")
    args = parser.parse_args()

    from stylebench.render import style_names

    styles = args.styles.split(",") if args.styles else style_names()
    unknown = set(styles) - set(style_names())
    if unknown:
        parser.error(f"unknown styles: {', '.join(sorted(unknown))}")
    if not is_current(styles, args.seed, args.per_style):
        print("rendering the lists first (render_styles.py) ...", file=sys.stderr)
        try:
            render_all(styles, args.seed, args.per_style)
        except ImportError:
            print("rendering needs citeproc-py: pip install citeproc-py", file=sys.stderr)
            return 2

    import refslint

    where = str(Path(refslint.__file__).resolve().parent)
    print(f"measuring refslint {getattr(refslint, '__version__', '?')} from {where}", file=sys.stderr)
    warm_up()
    results = {}
    for style in styles:
        print(f"evaluating {style} ...", file=sys.stderr)
        lists = load_lists(cache_dir(args.seed, args.per_style), style, args.limit)
        results[style] = fields_and_speed(lists)
        results[style]["lint"] = lint_figures(lists, args.seed, style)
    real = None
    if not args.no_real:
        print("evaluating the real strings ...", file=sys.stderr)
        real = real_strings(args.limit)
    print(f"refslint from {where}\n")
    print(report(results, real))
    if args.json:
        params = {"seed": args.seed, "limit": args.limit, "per_style": args.per_style, "refslint": where}
        Path(args.json).write_text(json.dumps({"params": params, "styles": results, "real": real}, indent=1)
                                   + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
