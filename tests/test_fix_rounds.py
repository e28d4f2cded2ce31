"""--fix re-checks only what its edits touched: on plain lists, the fixed text, what was fixed
and what remains are exactly what fixing with a lint of the whole text every round gives, and
after the report's lint the text is linted whole once, for the findings left (twice when that
lint finds more to fix: a house style the fixes changed)."""

from __future__ import annotations

import pytest

from refslint import api, linting
from refslint.config import build_config
from refslint.fix import fix_text
from refslint.model import Source

from .conftest import CORPUS, FIXTURES, ROOT


def _lists() -> list[tuple[str, str]]:
    paths = [ROOT / "examples" / "references.txt", CORPUS / "seed" / "references.txt"]
    paths += sorted((FIXTURES / "no-harm").glob("*.txt"))[:6] + sorted((FIXTURES / "styles").glob("*.txt"))[:6]
    lists = [(str(p), p.read_text(encoding="utf-8")) for p in paths if p.exists()]
    # Fixes that lead to more fixes (a doubled period left by a repeated block dropped ...), and
    # the same defects twice in one list so that later references move.
    chained = (
        "1. Smith AB, Jones C. A title about things. J Immunol. 2019;4(1):1. 2019;4:1–15..\n"
        "2. Park H. H, Lee K. Cell-free DNA in plasma. Sci Rep. 2017;7(1):1653–1653\n"
        "3. Kim S  , Cho Y. Pharm0aceutics of a drug. IJMS. 2020;21:100-9.\n"
        "4. Smith AB, Jones C. A title about things. J Immunol. 2019;4(1):1. 2019;4:1–15..\n"
        "5. Doe J. Another title here. Faseb J. 2018;32(2):706-713.\n"
    )
    return [*lists, ("chained.txt", chained * 3)]


def _whole_every_round(source: Source, config) -> tuple:
    lints = []

    def lint(text: str):
        lints.append(1)
        return list(api.lint_text(text, source.path, config))

    fixed = fix_text(source.text, lint, unsafe=True, unfixable=config.unfixable)
    return (fixed.text, fixed.fixed, fixed.remaining), len(lints)


@pytest.mark.parametrize("path,text", _lists(), ids=lambda v: str(v).rsplit("/", 1)[-1][:40])
def test_rechecking_the_touched_references_fixes_as_linting_the_whole_text(path, text, monkeypatch):
    config = build_config(isolated=True)
    source = Source(path, text)
    expected, lints = _whole_every_round(source, config)
    linted = api.lint_source(source, config)
    whole = []
    original = linting.lint_document
    monkeypatch.setattr(api, "lint_document", lambda doc, cfg: whole.append(1) or original(doc, cfg))
    fixed, after = api.fix_source(source, config, unsafe=True, linted=linted)
    assert (fixed.text, fixed.fixed, fixed.remaining) == expected
    assert list(after.diagnostics) == expected[2]
    if fixed.text == text:
        assert not whole
    else:  # (whole every round: the text as reported, after each round; `fix_source` also
        # linted the fixed text once more, and threw those findings away)
        assert len(whole) <= min(2, lints - 1), (len(whole), lints)


def test_a_list_with_nothing_to_fix_is_not_linted_again(monkeypatch):
    config = build_config(isolated=True)
    source = Source("clean.txt", "1. Smith AB. A title. J Immunol. 2019;4(1):1-15.\n")
    linted = api.lint_source(source, config)
    monkeypatch.setattr(api, "lint_document", lambda *a: pytest.fail("linted again"))
    fixed, after = api.fix_source(source, config, linted=linted)
    assert fixed.text == source.text and after.diagnostics == list(linted.diagnostics)
