"""Do Markdown, LaTeX, BibTeX and Word give the findings of the same references in plain text?

Every PLOS article of ../shared/corpus with structured journal references is written as a plain
Vancouver list, a Markdown and a LaTeX manuscript, a BibTeX file (the writers of
scripts/build_manuscript_fixtures.py, no defects injected) and, when python-docx is installed
(the test extra), a Word manuscript: a `References` heading over Word's numbered list, the
journal in italics. For each format: the share of references whose findings (rule codes that
apply to the format) equal those of the plain list, the share flagged at all, and the speed
(reading included: for Word, the zip and its XML).

    python benchmarks/formats_eval.py [--articles N]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import time
from collections import Counter, defaultdict
from pathlib import Path

from refslint.api import lint_bytes, lint_document, read_document
from refslint.checks import by_code
from refslint.config import build_config
from refslint.model import Source

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "plos-allofplos" / "references.jsonl"


def writers():
    spec = importlib.util.spec_from_file_location(
        "fixtures", ROOT / "scripts" / "build_manuscript_fixtures.py"
    )
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def articles() -> dict[str, list[dict]]:
    docs: dict[str, list[dict]] = defaultdict(list)
    with CORPUS.open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r.get("pub_type") == "journal" and all(
                r.get(k) for k in ("authors", "title", "journal", "year", "volume", "fpage")
            ):
                docs[r["doc"]].append(r)
    return {d: rs for d, rs in docs.items() if len(rs) >= 5}


def word(w, refs: list[dict], prose: list[str] = ()) -> bytes | None:
    """The list as a Word manuscript made with python-docx (paragraphs of `prose` first, then a
    `References` heading over Word's numbered list, journals in italics), or None without it."""
    try:
        import docx
    except ImportError:
        return None
    import io

    d = docx.Document()
    if prose:
        d.add_heading("Introduction", 1)
    for text in prose:
        d.add_paragraph(text)
    d.add_heading("References", 1)
    for r in refs:
        before, journal, after = w.markdown(r).rsplit("*", 2)  # a title may hold a `*`
        p = d.add_paragraph(style="List Number")
        p.add_run(before)
        p.add_run(journal).italic = True
        p.add_run(after)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def by_reference(result, fmt: str) -> dict[int, frozenset[str]]:
    rules = by_code()
    found: dict[int, set[str]] = defaultdict(set)
    for d in result.diagnostics:
        if d.reference >= 0 and d.code[0] not in "BCS" and fmt in rules[d.code].formats:
            found[d.reference].add(d.code)
    return {i: frozenset(c) for i, c in found.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=0, help="limit (0: all)")
    args = ap.parse_args()
    w = writers()
    config = build_config(isolated=True)
    docs = articles()
    if args.articles:
        docs = dict(list(docs.items())[: args.articles])
    same: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    total = 0
    seconds: Counter[str] = Counter()
    differing: Counter[tuple[str, str]] = Counter()
    for refs in docs.values():
        seen: set[str] = set()
        keys = [w.key(r, seen) for r in refs]
        texts = {
            "text": ("list.txt", "".join(f"{i}. {w.plain(r)}\n" for i, r in enumerate(refs, 1))),
            "markdown": (
                "paper.md",
                "## References\n\n" + "".join(f"{i}. {w.markdown(r)}\n" for i, r in enumerate(refs, 1)),
            ),
            "latex": (
                "paper.tex",
                "\\begin{thebibliography}{99}\n"
                + "".join(f"\\bibitem{{{k}}}\n  {w.latex(r)}\n" for k, r in zip(keys, refs, strict=True))
                + "\\end{thebibliography}\n",
            ),
            "bibtex": ("refs.bib", "\n".join(w.bibtex(r, k) for k, r in zip(keys, refs, strict=True))),
        }
        results = {}
        for fmt, (name, text) in texts.items():
            start = time.process_time()
            results[fmt] = lint_document(read_document(Source(name, text)), config)
            seconds[fmt] += time.process_time() - start
        data = word(w, refs)
        if data is not None:
            start = time.process_time()
            results["docx"] = lint_bytes("paper.docx", data, config)
            seconds["docx"] += time.process_time() - start
            texts["docx"] = ("paper.docx", "")
        total += len(refs)
        for fmt in texts:
            mine = by_reference(results[fmt], fmt)
            plain = by_reference(results["text"], fmt)
            flagged[fmt] += len(mine)
            for i in range(len(refs)):
                a, b = mine.get(i, frozenset()), plain.get(i, frozenset())
                if a == b:
                    same[fmt] += 1
                else:
                    for code in a ^ b:
                        differing[(fmt, code)] += 1
    print(f"{len(docs)} articles, {total} references")
    for fmt in ("text", "markdown", "latex", "bibtex", "docx"):
        if not seconds[fmt]:
            print(f"{fmt:9} not measured (python-docx is not installed)")
            continue
        print(
            f"{fmt:9} same findings as plain text: {same[fmt] / total:7.2%}"
            f"   flagged: {flagged[fmt] / total:6.2%}   {total / seconds[fmt]:8.0f} references/s"
        )
    for (fmt, code), n in differing.most_common(12):
        print(f"  differs: {fmt} {code} in {n} references")


if __name__ == "__main__":
    main()
