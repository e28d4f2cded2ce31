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

import benchmarks.formats_eval as fe  # noqa: E402 - the Word writer, after the path is set


class _Writer:
    """formats_eval's writer interface over (before the journal, journal, after) triples."""

    @staticmethod
    def markdown(r: tuple[str, str, str]) -> str:
        return f"{r[0]}*{r[1]}*{r[2]}"

    @staticmethod
    def plain(r: tuple[str, str, str]) -> str:
        return "".join(r)


def references(n: int) -> tuple[object, list]:
    """A writer and n references for it: the corpus's, or the test list's repeated."""
    try:
        w = fe.writers()
        out = [r for refs in fe.articles().values() for r in refs][:n]
        if len(out) == n:
            return w, out
    except OSError:
        pass
    from tests.docxbuild import REFERENCES

    base = [(r.split(" Ann ")[0] + " ", "Ann Transl Med", ". 2021;9(22):1653.") for r in REFERENCES]
    return _Writer(), [base[i % len(base)] for i in range(n)]


def resaved(data: bytes) -> bytes:
    """document.xml after python-docx opened the file and saved it, changing nothing."""
    out = io.BytesIO()
    docx.Document(io.BytesIO(data)).save(out)
    with zipfile.ZipFile(out) as zf:
        return zf.read("word/document.xml")


def replace_part(data: bytes, name: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, content if info.filename == name else src.read(info))
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
    w, refs = references(args.references)
    numbers = range(1, len(refs) + 1)
    prose = [f"Paragraph {i} of the running text says something and cites [{i}]." for i in numbers]
    data = fe.word(w, refs, prose)
    plain = "".join(f"{i}. {w.plain(r)}\n" for i, r in enumerate(refs, 1))
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
    own = resaved(data) == xml
    # Word writes its declaration with double quotes and CRLF, and may write `&apos;`.
    word_form = xml.replace(b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n",
                            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n')  # fmt: skip
    word_form = word_form.replace(b"<w:t>References</w:t>", b"<w:t>References &apos;</w:t>")
    kept = resaved(replace_part(data, "word/document.xml", word_form)) == word_form
    print(f"{len(refs)} references, {len(data):,}-byte .docx, document.xml {len(xml):,} bytes")
    print(f"refslint's reader (zip + XML scan):       {reader * 1000:7.1f} ms")
    print(f"python-docx open + every paragraph's text: {library * 1000:7.1f} ms")
    print(f"lint the .docx:                           {word * 1000:7.1f} ms")
    print(f"lint the same list as .txt:               {text * 1000:7.1f} ms  (ratio {word / text:.2f})")
    for what, same in (("its own .docx", own), ("document.xml as Word writes it", kept)):
        print(f"python-docx open + save, {what}: {'byte for byte' if same else 'rewritten'}")


if __name__ == "__main__":
    main()
