"""Render the corpus's journal references in every CSL style, one list per article.

    pip install citeproc-py       # a dependency of this benchmark only
    python benchmarks/render_styles.py [--per-style N] [--seed S] [--styles apa,ieee]

Reads the structured records of ../shared/corpus/ (PLOS allofplos, eLife, PMC; `doc` is one
article's reference list), keeps the journal articles whose record has authors, title, journal,
year, volume and a first page or e-locator and whose data are not visibly broken (see
stylebench/records.py for what is dropped), and renders each sampled article's list with every
style of ../shared/corpus/csl-styles/ through citeproc-py. The journal is given to citeproc both
as container-title (the long form) and container-title-short (the NLM abbreviation where the
catalogue has one); the style picks. citeproc-py's own slips are corrected (stylebench/render.py).

Writes benchmarks/.cache/styles/<style>.jsonl: one line per article with the list text (one
entry a line) and, per entry, its text, its text without the page locator, and its true fields;
and benchmarks/.cache/styles/index.json with the parameters (styles_eval.py re-renders when
they differ). Another seed or --per-style writes into a subfolder (seed<S>-<N|auto>/), so that
trying them leaves the default lists alone. The same seeded articles serve every style; by
default as many as give about TARGET_REFS references in each style.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import sys
import time
from collections import Counter
from pathlib import Path

from stylebench.lists import render_article
from stylebench.records import MAX_REFS, load_articles, sample_articles
from stylebench.render import style_info, style_names

CACHE = Path(__file__).resolve().parent / ".cache" / "styles"
TARGET_REFS = 1500
DEFAULT_SEED = 1
FORMAT = 3  # bump when the cache's layout or the rendering changes


def render_style(name: str, order: list, per_style: int | None) -> list[dict]:
    """The style's lists: the first `per_style` articles of the order, or by default as many as
    make TARGET_REFS references."""
    info = style_info(name)
    lists, refs = [], 0
    for art in order:
        if (per_style is not None and len(lists) >= per_style) or (per_style is None and refs >= TARGET_REFS):
            break
        rendered = render_article(art, info)
        if rendered is not None:
            lists.append(rendered)
            refs += len(rendered["refs"])
    return lists


def params(seed: int, per_style: int | None) -> dict:
    return {"format": FORMAT, "seed": seed, "per_style": per_style, "target_refs": TARGET_REFS,
            "max_refs_per_article": MAX_REFS}


def cache_dir(seed: int, per_style: int | None) -> Path:
    if seed == DEFAULT_SEED and per_style is None:
        return CACHE
    return CACHE / f"seed{seed}-{per_style or 'auto'}"


def is_current(styles: list[str], seed: int, per_style: int | None) -> bool:
    cache = cache_dir(seed, per_style)
    try:
        index = json.loads((cache / "index.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return index.get("params") == params(seed, per_style) and all(
        s in index.get("styles", {}) and (cache / f"{s}.jsonl").exists() for s in styles)


def render_all(styles: list[str], seed: int, per_style: int | None, quiet: bool = False) -> None:
    import citeproc  # noqa: F401  (fail early, with the hint below, when it is missing)

    t0 = time.perf_counter()
    articles = load_articles()
    order = sample_articles(articles, len(articles), seed)  # every article, in one seeded order
    cache = cache_dir(seed, per_style)
    cache.mkdir(parents=True, exist_ok=True)
    index_path = cache / "index.json"
    try:
        index = json.loads(index_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        index = {}
    if index.get("params") != params(seed, per_style):
        index = {"params": params(seed, per_style), "styles": {}}
    dropped = Counter()
    for art in articles:
        dropped.update(art.dropped)
    index["dropped"] = dict(dropped.most_common())
    index["usable"] = {"articles": len(articles), "references": sum(len(a.items) for a in articles)}
    global _ORDER
    _ORDER = (order, per_style)
    with _pool(len(styles)) as pool:
        rendered = pool.imap(_render_named, styles) if pool else map(_render_named, styles)
        for name, lists in zip(styles, rendered, strict=True):
            _write(cache, index, name, lists, quiet)
    index_path.write_text(json.dumps(index, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if not quiet:
        took = time.perf_counter() - t0
        print(f"rendered {len(styles)} styles in {took:.0f} s into {cache}", file=sys.stderr)


# citeproc-py takes about 10 ms an entry: the styles are rendered in parallel, by forked workers
# that inherit the loaded articles.
_ORDER: tuple[list, int | None] = ([], None)


def _render_named(name: str) -> list[dict]:
    return render_style(name, *_ORDER)


def _pool(jobs: int):
    if jobs < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return contextlib.nullcontext()
    return multiprocessing.get_context("fork").Pool(min(jobs, os.cpu_count() or 1))


def _write(cache: Path, index: dict, name: str, lists: list[dict], quiet: bool) -> None:
    with (cache / f"{name}.jsonl").open("w", encoding="utf-8") as f:
        for lst in lists:
            f.write(json.dumps(lst, ensure_ascii=False) + "\n")
    n = sum(len(lst["refs"]) for lst in lists)
    index["styles"][name] = {"lists": len(lists), "references": n}
    if not quiet:
        print(f"{name:48} {len(lists):4} lists {n:6} references", file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--per-style", type=int, default=None,
                        help=f"articles per style (default: enough for ~{TARGET_REFS} references)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--styles", help="comma-separated style names (default: every style)")
    args = parser.parse_args()
    styles = args.styles.split(",") if args.styles else style_names()
    unknown = set(styles) - set(style_names())
    if unknown:
        parser.error(f"unknown styles: {', '.join(sorted(unknown))}")
    try:
        render_all(styles, args.seed, args.per_style)
    except ImportError:
        print("render_styles.py needs citeproc-py: pip install citeproc-py", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
