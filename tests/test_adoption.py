"""Suppression comments, unused suppressions (S001), --add-noqa and baselines: adopting
refslint on a long existing manuscript."""

from __future__ import annotations

import json
import shutil

from refslint.api import lint_text
from refslint.config import build_config

from .conftest import FIXTURES, run

REF_A = "Umezawa Y. Psoriatic arthritis. J Dermatol. 2021;48(6):741-9."
REF_B = "Ritchlin CT, Colbert RA, Gladman DD. Psoriatic arthritis. N Engl J Med. 2017;376(10):957-70."
DOUBLED = REF_A.replace("Psoriatic arthritis", "Psoriatic  arthritis")
DIGIT = REF_B.replace("arthritis", "arthr1tis")
REF_C = (
    "Ogdie A, Weiss P. The epidemiology of psoriatic arthritis. Rheum Dis Clin North Am. 2015;41(4):545-68."
)
DOUBLED_C = REF_C.replace("The epidemiology", "The  epidemiology")


def codes(text: str, path: str, **kwargs) -> list[str]:
    return [d.code for d in lint_text(text, path, build_config(isolated=True, **kwargs))]


def test_markdown_disable_next_line_covers_the_whole_entry():
    text = (
        "## References\n\n<!-- refslint-disable-next-line P005 -->\n1. Umezawa Y. Psoriatic  arthritis.\n"
        "   J Dermatol.  2021;48(6):741-9.\n2. " + DIGIT + "\n"
    )
    assert codes(text, "p.md") == ["P001"]


def test_markdown_disable_enable_block_and_all_codes():
    text = (
        "## References\n\n<!-- refslint-disable -->\n1. " + DOUBLED + "\n2. " + DIGIT + "\n"
        "<!-- refslint-enable -->\n3. " + DOUBLED_C + "\n"
    )
    assert codes(text, "p.md") == ["P005"]
    by_name = text.replace("refslint-disable -->", "refslint-disable digit-in-word -->")
    assert codes(by_name, "p.md") == ["P005", "P005"]


def test_tex_and_bibtex_ignore_comments_cover_the_next_entry():
    tex = (
        "\\begin{thebibliography}{9}\n% refslint: ignore[P005]\n\\bibitem{a} " + DOUBLED + "\n"
        "\\bibitem{b} " + DIGIT + "\n\\end{thebibliography}\n"
    )
    assert codes(tex, "p.tex") == ["P001"]
    bib = (
        "% refslint: ignore\n@article{a,\n  title = {Psoriatic  arthritis},\n  journal = {Pharm0aceutics}}\n"
    )
    assert codes(bib, "r.bib") == []


def test_unused_and_unknown_suppressions_are_reported():
    text = "## References\n\n<!-- refslint-disable-next-line P005, P001, Q999 -->\n1. " + DOUBLED + "\n"
    diagnostics = lint_text(text, "p.md", build_config(isolated=True))
    assert [(d.code, d.message) for d in diagnostics] == [
        ("S001", "unknown rule code Q999; P001 suppresses nothing here")
    ]
    # A code whose rule is not selected is not reported as unused.
    assert codes(text, "p.md", select=["P005", "S001"]) == ["S001"]
    assert (
        "P001" not in lint_text(text, "p.md", build_config(isolated=True, select=["P005", "S001"]))[0].message
    )


def test_fix_removes_unused_suppressions(tmp_path):
    text = (
        "## References\n\n<!-- refslint-disable-next-line P001 -->\n1. " + REF_A + "\n"
        "<!-- refslint-disable-next-line P005, P001 -->\n2. " + DOUBLED_C + "\n"
    )
    (tmp_path / "p.md").write_text(text)
    assert run(["--isolated", "--fix", "p.md"], cwd=tmp_path).returncode == 0
    assert (tmp_path / "p.md").read_text() == (
        "## References\n\n1. " + REF_A + "\n<!-- refslint-disable-next-line P005 -->\n2. " + DOUBLED_C + "\n"
    )


def _copy_manuscripts(tmp_path):
    for name in ("manuscript.md", "manuscript.tex", "references.bib", "references.txt"):
        shutil.copy(FIXTURES / "manuscripts" / name, tmp_path / name)


def test_add_noqa_silences_every_current_finding_and_is_stable(tmp_path):
    _copy_manuscripts(tmp_path)
    names = ["manuscript.md", "manuscript.tex", "references.bib"]
    assert run(["--isolated", *names], cwd=tmp_path).returncode == 1
    result = run(["--isolated", "--add-noqa", *names], cwd=tmp_path)
    assert result.returncode == 0
    assert "Added" in result.stderr.decode()
    after = {n: (tmp_path / n).read_text() for n in names}
    assert "among others [26]. <!-- refslint-disable-line C002, C003 -->\n" in after["manuscript.md"]
    assert "% refslint: ignore[P001]\n\\bibitem{beja2000}" in after["manuscript.tex"]
    clean = run(["--isolated", *names], cwd=tmp_path)
    assert clean.returncode == 0, clean.stdout.decode()
    run(["--isolated", "--add-noqa", *names], cwd=tmp_path)
    assert {n: (tmp_path / n).read_text() for n in names} == after


def test_add_noqa_points_plain_text_to_a_baseline(tmp_path):
    _copy_manuscripts(tmp_path)
    result = run(["--isolated", "--add-noqa", "references.txt"], cwd=tmp_path)
    assert result.returncode == 0
    assert "plain text has no comments; record its findings with --write-baseline" in result.stderr.decode()
    assert (tmp_path / "references.txt").read_text() == (
        FIXTURES / "manuscripts" / "references.txt"
    ).read_text()


def test_baseline_hides_known_findings_until_the_reference_changes(tmp_path):
    _copy_manuscripts(tmp_path)
    result = run(["--isolated", "--write-baseline", "baseline.json", "references.txt"], cwd=tmp_path)
    assert result.returncode == 0
    records = json.loads((tmp_path / "baseline.json").read_text())["findings"]
    # (A004: the source records' own slips, `Gomez-Consarnau L` / `Gómez-Consarnau L`, `Beja O` / `Béjà O`.)
    assert sorted(r["code"] for r in records) == ["A004", "A004", "D001", "E001", "N002", "P001", "P005"]
    assert run(["--isolated", "--baseline", "baseline.json", "references.txt"], cwd=tmp_path).returncode == 0
    # Moving references around keeps their findings hidden ...
    lines = (tmp_path / "references.txt").read_text().splitlines()
    bodies = [line.split(". ", 1)[1] for line in lines]
    bodies[0], bodies[1] = bodies[1], bodies[0]
    (tmp_path / "references.txt").write_text("".join(f"{i}. {b}\n" for i, b in enumerate(bodies, 1)))
    assert run(["--isolated", "--baseline", "baseline.json", "references.txt"], cwd=tmp_path).returncode == 0
    # ... editing one brings its findings back, and a new problem is reported.
    bodies[2] = bodies[2].replace("Science", "Science ")
    bodies[5] = bodies[5].replace("Nat Rev", "Nat  Rev")
    (tmp_path / "references.txt").write_text("".join(f"{i}. {b}\n" for i, b in enumerate(bodies, 1)))
    out = run(["--isolated", "--baseline", "baseline.json", "references.txt"], cwd=tmp_path).stdout.decode()
    assert "references.txt:3:" in out and "P001" in out
    assert "references.txt:6:" in out and "P005" in out
    assert "E001" not in out


def test_baseline_from_configuration_and_fix_leaves_baselined_findings(tmp_path):
    _copy_manuscripts(tmp_path)
    run(["--write-baseline", "known.json", "references.txt"], cwd=tmp_path)
    (tmp_path / ".refslint.yaml").write_text("baseline: known.json\n")
    before = (tmp_path / "references.txt").read_text()
    assert run(["references.txt"], cwd=tmp_path).returncode == 0
    assert run(["--fix", "references.txt"], cwd=tmp_path).returncode == 0
    assert (tmp_path / "references.txt").read_text() == before


def test_bad_baseline_and_conflicting_options_exit_2(tmp_path):
    _copy_manuscripts(tmp_path)
    (tmp_path / "bad.json").write_text("{not json")
    result = run(["--baseline", "bad.json", "references.txt"], cwd=tmp_path)
    assert result.returncode == 2 and b"bad.json is not valid JSON" in result.stderr
    result = run(["--baseline", "missing.json", "references.txt"], cwd=tmp_path)
    assert result.returncode == 2 and b"cannot read baseline missing.json" in result.stderr
    result = run(["--add-noqa", "--fix", "references.txt"], cwd=tmp_path)
    assert result.returncode == 2 and b"--add-noqa cannot be combined with --fix" in result.stderr
