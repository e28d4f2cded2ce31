"""The seed list: every defect family found, reference by reference (fixtures/seed-expected.yaml
was written from a reading of each of the 136 references)."""

from __future__ import annotations

from collections import defaultdict

import yaml

from refslint.api import lint_text, references
from refslint.config import build_config

from .conftest import FIXTURES


def test_seed_list_findings_match_the_expected_findings_reference_by_reference(seed_path):
    text = seed_path.read_text(encoding="utf-8")
    expected = yaml.safe_load((FIXTURES / "seed-expected.yaml").read_text(encoding="utf-8"))
    refs = references(text)
    assert len(refs) == 136
    got: dict[int, list[str]] = defaultdict(list)
    for d in lint_text(text, "seed.txt", build_config(isolated=True)):
        got[d.reference + 1].append(d.code)
    actual = {n: sorted(c) for n, c in got.items()}
    want = {int(n): sorted(c) for n, c in expected.items()}
    missing = {n: c for n, c in want.items() if actual.get(n) != c}
    extra = {n: c for n, c in actual.items() if n not in want}
    assert not missing and not extra, f"differs from fixture: expected {missing}, unexpected {extra}"


def test_every_defect_family_of_the_brief_is_found_in_the_seed_list(seed_path):
    found = {d.code for d in lint_text(seed_path.read_text("utf-8"), "s", build_config(isolated=True))}
    families = {
        "export debris": {"E001", "E002"}, "digit in word": {"P001"}, "garbled journal": {"J002"},
        "non-NLM journal": {"J003"}, "inconsistent journal": {"J004"}, "missing elements": {"M003", "M006"},
        "page ranges": {"N002", "N003", "N004"}, "duplicates": {"D001"}, "garbled authors": {"A002"},
        "initials": {"A001"}, "stray space": {"P006"}, "title case": {"T001", "T002"}, "junk": {"T003"},
        "periods in journal": {"J001"}, "brackets": {"P003"},
    }
    for family, wanted in families.items():
        assert wanted <= found, family


def test_duplicates_point_from_the_later_entry_to_the_earlier_one(seed_path):
    text = seed_path.read_text(encoding="utf-8")
    dups = [d for d in lint_text(text, "s", build_config(isolated=True)) if d.code == "D001"]
    refs = references(text)
    pairs = sorted((d.reference + 1, refs.index(next(r for r in refs if r.span == d.related[0].span)) + 1)
                   for d in dups)
    assert pairs == [(96, 65), (125, 99)]


def test_the_whole_web_page_gives_the_same_findings_as_the_bare_list(seed_path):
    page = (seed_path.parent / "000_788ddb9193a3082d.txt").read_text(encoding="utf-8")
    bare = seed_path.read_text(encoding="utf-8")
    cfg = build_config(isolated=True)
    assert len(references(page)) == 136
    assert [(d.code, d.message) for d in lint_text(page, "p", cfg)] == [
        (d.code, d.message) for d in lint_text(bare, "b", cfg)
    ]
