"""Build tests/fixtures/manuscripts/: one reference list in every format refslint reads.

The references are those of PLOS Biology journal.pbio.1000359 (CC BY 4.0), from the structured
records of ../shared/corpus/plos-allofplos/references.jsonl. The same defects are injected in
every format (see DEFECTS) and the manuscripts cite the list with known citation problems (see
the text below), so the tests can check that each format gives the findings of the plain list
at the right positions.

    python scripts/build_manuscript_fixtures.py
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "plos-allofplos" / "references.jsonl"
OUT = ROOT / "tests" / "fixtures" / "manuscripts"
ARTICLE = "journal.pbio.1000359"

# label in the article -> change, applied to the structured record before rendering
DEFECTS = {
    "4": ("title", "Bacterial rhodopsin", "Bacterial rhod0psin"),  # P001
    "9": ("lpage", None, "66"),  # N002: 66–66 (written in full, see _pages)
    "15": ("title", "proteorhodopsin-like gene", "proteorhodopsin-like  gene"),  # P005
    # The citation block exported twice (E001); in BibTeX the debris lands in the journal (B003).
    "6": ("debris", None, " 2002;415:590–1."),
}
DUPLICATE_OF = "5"  # appended again, in a slightly different form (D001)


def records() -> list[dict]:
    found = []
    with CORPUS.open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r["doc"] == ARTICLE and r.get("pub_type") == "journal":
                found.append(r)
    for r in found:
        if r["label"] in DEFECTS:
            key, old, new = DEFECTS[r["label"]]
            r[key] = r[key].replace(old, new) if old else new  # type: ignore[index]
    dup = dict(next(r for r in found if r["label"] == DUPLICATE_OF))
    dup["authors"] = [{**a, "family": _ascii(_family(a))} for a in dup["authors"]]
    dup["title"] = dup["title"].rstrip(".")
    found.append(dup)
    return found


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _pages(r: dict, dash: str) -> str:
    first, last = r.get("fpage", ""), r.get("lpage", "")
    if not last:
        return first
    if first != last and len(first) == len(last):  # Vancouver elides: 149–152 -> 149–52
        i = 0
        while i < len(first) - 1 and first[i] == last[i]:
            i += 1
        last = last[i:]
    return f"{first}{dash}{last}"


def _family(a: dict) -> str:
    return a.get("family") or a.get("literal") or a.get("collab") or ""


def _authors(r: dict, tex: bool = False) -> str:
    names = []
    for a in r["authors"][:6]:
        initials = (a.get("given") or "").replace(".", "").replace(" ", "")
        family = _tex(_family(a)) if tex else _family(a)
        names.append(f"{family} {initials}".strip())
    text = ", ".join(names)
    if r.get("etal") or len(r["authors"]) > 6:
        text += ", et al"
    return text


def _title(r: dict) -> str:
    title = r["title"].strip()
    return title if title.endswith((".", "?", "!")) else title + "."


_TEX_ACCENTS = {"\u0301": "'", "\u0300": "`", "\u0308": '"', "\u0303": "~", "\u0302": "^"}


def _tex(text: str) -> str:
    out = []
    for c in (
        text.replace("\\", "\\textbackslash{}").replace("%", "\\%").replace("&", "\\&").replace("#", "\\#")
    ):
        d = unicodedata.normalize("NFD", c)
        if len(d) == 2 and d[1] in _TEX_ACCENTS:
            out.append(f"\\{_TEX_ACCENTS[d[1]]}{{{d[0]}}}")
        else:
            out.append(c)
    return "".join(out)


def _journal(r: dict) -> str:
    return r["journal"].rstrip(".")


def plain(r: dict) -> str:
    block = f"{r['year']};{r['volume']}:{_pages(r, '–')}.{r.get('debris', '')}"
    return f"{_authors(r)}. {_title(r)} {_journal(r)}. {block}"


def markdown(r: dict) -> str:
    block = f"{r['year']};{r['volume']}:{_pages(r, '–')}.{r.get('debris', '')}"
    return f"{_authors(r)}. {_title(r)} *{_journal(r)}*. {block}"


def latex(r: dict) -> str:
    block = f"{r['year']};{r['volume']}:{_pages(r, '--')}.{r.get('debris', '').replace('–', '--')}"
    title = f"\\newblock {_tex(_title(r))}"
    return f"{_authors(r, tex=True)}.\n  {title}\n  \\newblock \\textit{{{_tex(_journal(r))}}}. {block}"


def key(r: dict, seen: set[str]) -> str:
    base = (
        "".join(c for c in _ascii(_family(r["authors"][0])).lower() if c.isalnum())[:20]
        + "".join(c for c in r["year"] if c.isdigit())[:4]
    )
    k, n = base, 1
    while k in seen:
        n += 1
        k = f"{base}{chr(ord('a') + n - 1)}"
    seen.add(k)
    return k


def bibtex(r: dict, k: str) -> str:
    authors = " and ".join(
        f"{_tex(_family(a))}, {a['given']}" if a.get("given") else f"{{{_tex(_family(a))}}}"
        for a in r["authors"]
    )
    if r.get("etal"):
        authors += " and others"
    pages = (
        _pages(r, "--")
        if r["label"] == "9"
        else f"{r['fpage']}--{r['lpage']}"
        if r.get("lpage")
        else r["fpage"]
    )
    debris = ". " + r["debris"].strip(" .").replace("–", "--") if r.get("debris") else ""
    return (
        f"@article{{{k},\n"
        f"  author  = {{{authors}}},\n"
        f"  title   = {{{_tex(r['title'].rstrip('.'))}}},\n"
        f"  journal = {{{r['journal']}{debris}}},\n"
        f"  year    = {{{r['year']}}},\n"
        f"  volume  = {{{r['volume']}}},\n"
        f"  pages   = {{{pages}}}\n"
        "}\n"
    )


# The running text cites by position in the list (1-based). Problems, in every manuscript:
# the first citation of 8 comes before that of 7 (C003), 23 is never cited (C001), and a
# citation points past the end of the list (C002).
CITATIONS = [[1], [2, 3], [4], [5, 6], [8], [7], [9, 10, 11], [12], [13, 14, 15], [16],
             [17, 18, 19], [20], [21, 22], [24], [25], [26]]  # fmt: skip


def _numbers(group: list[int]) -> str:
    if len(group) >= 3 and group == list(range(group[0], group[-1] + 1)):
        return f"{group[0]}–{group[-1]}"
    return ", ".join(map(str, group))


def sentences(cite) -> str:
    words = ["Microbial rhodopsins are light-driven pumps", "first found in archaea",
             "and later in marine bacteria", "where they are abundant", "across the oceans",
             "in coastal waters", "and in metagenomes", "of many taxa", "including Flavobacteria",
             "whose growth light stimulates", "as in heterologous hosts", "and in SAR11",
             "with carotenoid antennae", "and shared ancestry", "and in SAR86", "among others"]  # fmt: skip
    return ", ".join(f"{w} {cite(g)}" for w, g in zip(words, CITATIONS, strict=True)) + "."


def main() -> None:
    refs = records()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "references.txt").write_text(
        "".join(f"{i}. {plain(r)}\n" for i, r in enumerate(refs, 1)), encoding="utf-8"
    )
    md = [
        "---",
        "title: Proteorhodopsin in the sea",
        "---",
        "",
        "# Introduction",
        "",
        sentences(lambda g: f"[{_numbers(g)}]"),
        "",
        "```text",
        "[99] a code block is not a citation",
        "```",
        "",
        "## References",
        "",
        *(f"{i}. {markdown(r)}" for i, r in enumerate(refs, 1)),
        "",
    ]
    (OUT / "manuscript.md").write_text("\n".join(md), encoding="utf-8")
    seen: set[str] = set()
    keys = [key(r, seen) for r in refs]

    def tex_cite(group: list[int]) -> str:
        return "\\cite{" + ",".join(keys[n - 1] if n <= len(keys) else "nosuchkey2020" for n in group) + "}"

    tex = [
        "\\documentclass{article}",
        "\\begin{document}",
        "% A comment is not a citation: \\cite{commented2000}",
        sentences(tex_cite),
        "",
        "\\begin{thebibliography}{99}",
        *(f"\\bibitem{{{k}}}\n  {latex(r)}" for k, r in zip(keys, refs, strict=True)),
        "\\end{thebibliography}",
        "\\end{document}",
        "",
    ]
    (OUT / "manuscript.tex").write_text("\n".join(tex), encoding="utf-8")
    bib = ["% References of PLOS Biol journal.pbio.1000359 (CC BY 4.0), with injected defects.", ""]
    bib += [bibtex(r, k) for k, r in zip(keys, refs, strict=True)]
    (OUT / "references.bib").write_text("\n".join(bib), encoding="utf-8")
    pandoc = ["---", "title: Proteorhodopsin in the sea", "bibliography: references.bib", "---", "",
              sentences(lambda g: "[" + "; ".join(f"@{keys[n - 1]}" if n <= len(keys) else "@nosuchkey2020"
                                                  for n in g) + "]"), ""]  # fmt: skip
    (OUT / "pandoc.md").write_text("\n".join(pandoc), encoding="utf-8")
    print(f"wrote {len(refs)} references in 5 files to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
