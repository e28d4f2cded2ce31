"""Reading Word files: refslint's standard-library reader against python-docx, and a Word
manuscript against the same list as plain text.

A 300-reference manuscript (PLOS references from ../shared/corpus, or the test list repeated
when the corpus is absent) is written with python-docx: 300 paragraphs of text citing every
reference, a `References` heading, Word's numbered list with italic journals. Measured (median
of --repeat runs, CPU time of one core):

* refslint's reader (zip + scanning the XML): the package to the paragraphs' text and map;
* python-docx opening the same file and reading every paragraph's text (what the issue
  suggested), and whether saving it again keeps document.xml byte for byte;
* the whole lint of the Word file against the whole lint of the list as plain text.

    python benchmarks/docx_speed.py [--references 300] [--repeat 9]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
import zipfile
from pathlib import Path

import docx

from refslint.api import lint_bytes, lint_document, read_document
from refslint.config import build_config
from refslint.model import Source
from refslint.sources.docxpackage import read_package

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def references(n: int) -> list[tuple[str, str, str]]:
    """(before the journal, journal, after) of n references."""
    try:
        import benchmarks.formats_eval as fe

        w = fe.writers()
        out = []
        for refs in fe.articles().values():
            for r in refs:
                before, journal, after = w.markdown(r).rsplit("*", 2)  # a title may hold a `*`
                out.append((before, journal, after))
                if len(out) == n:
                    return out
    except (OSError, ImportError):
        pass
    from tests.docxbuild import REFERENCES

    base = [(r.split(" Ann ")[0] + " ", "Ann Transl Med", ". 2021;9(22):1653.") for r in REFERENCES]
    return [base[i % len(base)] for i in range(n)]


def manuscript(refs: list[tuple[str, str, str]]) -> bytes:
    d = docx.Document()
    d.add_heading("Introduction", 1)
    for i in range(len(refs)):
        d.add_paragraph(f"Paragraph {i + 1} of the running text says something and cites [{i + 1}].")
    d.add_heading("References", 1)
    for before, journal, after in refs:
        p = d.add_paragraph(style="List Number")
        p.add_run(before)
        p.add_run(journal).italic = True
        p.add_run(after)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--references", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=9)
    args = ap.parse_args()
    refs = references(args.references)
    data = manuscript(refs)
    plain = "".join(f"{i}. {b}{j}{a}\n" for i, (b, j, a) in enumerate(refs, 1))
    config = build_config(isolated=True)
    lint_bytes("paper.docx", data, config)  # warm: the parse shapes are remembered after this

    def python_docx() -> list[str]:
        return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]

    reader = median_time(lambda: read_package(data), args.repeat)
    library = median_time(python_docx, args.repeat)
    word = median_time(lambda: lint_bytes("paper.docx", data, config), args.repeat)
    text = median_time(lambda: lint_document(read_document(Source("list.txt", plain)), config), args.repeat)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        xml = zf.read("word/document.xml")
    again = io.BytesIO()
    docx.Document(io.BytesIO(data)).save(again)
    with zipfile.ZipFile(again) as zf:
        resaved = zf.read("word/document.xml")
    print(f"{len(refs)} references, {len(data):,}-byte .docx, document.xml {len(xml):,} bytes")
    print(f"refslint's reader (zip + XML scan):       {reader * 1000:7.1f} ms")
    print(f"python-docx open + every paragraph's text: {library * 1000:7.1f} ms")
    print(f"lint the .docx:                           {word * 1000:7.1f} ms")
    print(f"lint the same list as .txt:               {text * 1000:7.1f} ms  (ratio {word / text:.2f})")
    same = "byte for byte" if resaved == xml else f"changed ({len(xml):,} -> {len(resaved):,} bytes)"
    print(f"python-docx open + save, document.xml:    {same}")


if __name__ == "__main__":
    main()
