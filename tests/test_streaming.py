"""Every report is written as the findings are produced, and is byte for byte the report that
was built whole in memory before (tests/oracle_reports.py keeps those renderers): the same
findings, in the same order, in every format, for one file or many, short lists and long ones
checked in chunks, in one process or several."""

from __future__ import annotations

import pickle
import shutil

import pytest

from refslint import api, cli, findings, linting
from refslint.baseline import Baseline
from refslint.config import build_config

from . import oracle_reports as oracle
from .conftest import CORPUS, FIXTURES
from .test_scale import _clean_lists

FORMATS = ("text", "json", "sarif", "github", "junit")


def _expected(paths: list[str], fmt: str, jobs: int = 1, baseline: str | None = None, **text) -> str:
    """The report as it was: each file linted through the API, results merged per file, the
    whole report rendered at once."""
    config = build_config(isolated=True)
    config.jobs = jobs
    hide = Baseline(baseline) if baseline else None
    results = []
    for path in api.expand_paths(paths, config):
        result = api.lint_file(path, config)
        for r in (result, *result.companions):
            if hide is not None:
                r.diagnostics = hide.filter(r)
            results.append(r)
    results = oracle.by_file(results)
    if fmt == "text":
        return oracle.text_report(results, **text)
    if fmt == "sarif":
        return oracle.sarif_report(results, config.rules)
    return oracle.REPORTS[fmt](results)


def _streamed(capsys, args: list[str]) -> str:
    capsys.readouterr()
    cli._check(["--isolated", "--exit-zero", *args])
    return capsys.readouterr().out


def _manuscripts(tmp_path):
    folder = tmp_path / "paper"
    shutil.copytree(FIXTURES / "manuscripts", folder)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "notes.txt").write_text("Nothing here is a reference.\n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\xff\xfe\x00\xd8bad")
    return ["paper"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_manuscripts_and_their_bibliographies(tmp_path, monkeypatch, capsys, fmt):
    """Markdown, LaTeX and BibTeX manuscripts (findings of one file reported in another, and a
    .bib linted on its own too), a clean list, an unreadable file, a file that is no list."""
    paths = _manuscripts(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert _streamed(capsys, ["--format", fmt, *paths]) == _expected(paths, fmt)


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("fmt", FORMATS)
def test_a_long_list_checked_in_chunks(tmp_path, monkeypatch, capsys, fmt, jobs):
    (tmp_path / "refs.txt").write_text(_clean_lists(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    expected = _expected(["refs.txt"], fmt)
    monkeypatch.setattr(linting, "CHUNK", 37)
    monkeypatch.setattr(linting, "PARALLEL_AT", 40)  # with --jobs 2: pieces in two workers
    monkeypatch.setattr(linting, "PIECE", 11)
    monkeypatch.setattr(findings, "PACK_AT", 7)  # findings packed, and unpacked to be reported
    assert _streamed(capsys, ["--format", fmt, "--jobs", str(jobs), "refs.txt"]) == expected


@pytest.mark.parametrize("fmt", FORMATS)
def test_word_manuscripts(tmp_path, monkeypatch, capsys, fmt):
    """Word files: paragraphs as lines, `¶n` and the list number in text, the region's message
    in SARIF; two files, so they come back from worker processes (the package pickled without
    its parts) next to a Markdown manuscript."""
    pytest.importorskip("docx")
    from . import docxbuild as build

    folder = tmp_path / "paper"
    folder.mkdir()
    build.manuscript(folder / "paper.docx")
    build.manuscript(folder / "notes.docx")
    build.add_footnote(folder / "notes.docx", "Stem cells repair", "See also [5].")
    shutil.copy(FIXTURES / "manuscripts" / "manuscript.md", folder)
    monkeypatch.chdir(tmp_path)
    assert _streamed(capsys, ["--format", fmt, "paper"]) == _expected(["paper"], fmt)
    if fmt == "text":
        out = _streamed(capsys, ["--show-source", "--statistics", "paper"])
        assert out == _expected(["paper"], fmt, show_source=True, statistics=True)
        assert "paper/paper.docx:¶9:101: N002" in out and "(reference 1)" in out


def test_text_with_source_statistics_and_quiet(tmp_path, monkeypatch, capsys):
    paths = _manuscripts(tmp_path)
    monkeypatch.chdir(tmp_path)
    out = _streamed(capsys, ["--show-source", "--statistics", *paths])
    assert out == _expected(paths, "text", show_source=True, statistics=True)
    assert _streamed(capsys, ["-q", *paths]) == _expected(paths, "text", quiet=True)


def test_no_files_and_clean_files(tmp_path, monkeypatch, capsys):
    (tmp_path / "empty").mkdir()
    clean = tmp_path / "clean.txt"
    shutil.copy(sorted((FIXTURES / "clean").glob("*.txt"))[0], clean)
    monkeypatch.chdir(tmp_path)
    for paths in (["empty"], ["clean.txt"]):
        for fmt in FORMATS:
            assert _streamed(capsys, ["--format", fmt, *paths]) == _expected(paths, fmt), (paths, fmt)


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_baseline_hides_the_same_findings(tmp_path, monkeypatch, capsys, fmt):
    paths = _manuscripts(tmp_path)
    monkeypatch.chdir(tmp_path)
    cli._check(["--isolated", "--write-baseline", "base.json", "paper/manuscript.md"])
    expected = _expected(paths, fmt, baseline="base.json")
    assert _streamed(capsys, ["--baseline", "base.json", "--format", fmt, *paths]) == expected


def test_the_seed_list_in_every_format(monkeypatch, capsys):
    seed = CORPUS / "seed" / "references.txt"
    if not seed.exists():
        pytest.skip("the shared corpus (../shared/corpus) is not next to this checkout")
    monkeypatch.chdir(CORPUS.parent)
    path = str(seed.relative_to(CORPUS.parent))
    for fmt in FORMATS:
        assert _streamed(capsys, ["--format", fmt, path]) == _expected([path], fmt), fmt


def test_an_output_file_holds_the_same_report(tmp_path, monkeypatch, capsys):
    paths = _manuscripts(tmp_path)
    monkeypatch.chdir(tmp_path)
    for fmt in FORMATS:
        assert _streamed(capsys, ["--format", fmt, "-o", "report.out", *paths]) == ""
        assert (tmp_path / "report.out").read_text(encoding="utf-8") == _expected(paths, fmt), fmt


@pytest.mark.parametrize(("pack_at", "aside"), [(4_096, 16_384), (7, 20), (7, 0)])
def test_stores_merged_packed_or_live_keep_the_order_findings_were_added(monkeypatch, pack_at, aside):
    """Findings stores merged one after another (a worker's part, a list rule's findings), some
    packed and some live, read back in report order, ties in the order they were added; live
    findings set aside before a packed store, or packed once too many are (also in stores that
    are themselves merged into another)."""
    import random

    from refslint.model import Diagnostic, Span

    monkeypatch.setattr(findings, "PACK_AT", pack_at)
    monkeypatch.setattr(findings, "ASIDE_AT_MOST", aside)
    rnd = random.Random(2)
    bounds = (0, 50, 120)
    added: list[Diagnostic] = []
    whole = findings.Findings(bounds)
    for _round in range(3):
        middle = findings.Findings(bounds)
        for n in range(40):
            store = findings.Findings(bounds)
            for k in range(rnd.randint(0, 30)):
                start = rnd.randint(0, 160)
                d = Diagnostic("f.txt", rnd.choice(["A001", "B002"]), "x", f"{n}-{k}", Span(start, start + 1), "error")
                store.add(d)
                added.append(d)
            middle.merge(store.pack(always=rnd.random() < 0.5))
        whole.merge(middle.pack(always=rnd.random() < 0.5))
    assert len(whole) == len(added)
    assert list(whole) == sorted(added, key=findings.sort_key)
    assert pickle.loads(pickle.dumps(whole)) == whole
