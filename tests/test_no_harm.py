"""No harm: `refslint --fix --unsafe-fixes` leaves a correct reference list byte for byte alone.

Every file of tests/fixtures/no-harm/ is one real reference list (or manuscript) that is correct
in its own style (Vancouver, AMA, Lancet, BMJ, Nature, Science, Cell, APA, Harvard, Chicago,
ASM, IEEE, ACS, Annual Reviews, APS, RSC, AGU, PLOS), with e-pages (`271-80.e8`), supplements,
article numbers, Cochrane and preprint locators, group authors, suffixes, particles and
non-English titles. SOURCES.md there says where each comes from;
scripts/build_no_harm.py regenerates the lists. Whatever refslint reports on them, its fixes
must not change a single byte.
"""

from __future__ import annotations

import shutil

import pytest

from .conftest import FIXTURES, run

NO_HARM = FIXTURES / "no-harm"
FILES = sorted(
    p for p in NO_HARM.iterdir()
    if p.suffix in {".txt", ".md", ".tex"} and p.name not in {"SOURCES.md", "README.md"}
)


def test_the_corpus_is_there():
    names = {p.name for p in FILES}
    assert len(FILES) >= 20
    assert {p.suffix for p in FILES} == {".txt", ".md", ".tex"}
    assert "vancouver-icmje.txt" in names and "manuscript-ieee.tex" in names


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_fix_changes_nothing_in_a_correct_list(path, tmp_path):
    target = tmp_path / path.name
    shutil.copyfile(path, target)
    before = target.read_bytes()
    result = run(["--fix", "--unsafe-fixes", "--isolated", path.name], cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr.decode(errors="replace")
    after = target.read_bytes()
    if after != before:
        shutil.copyfile(path, target)  # show what the fix would do to the original
        diff = run(["--diff", "--unsafe-fixes", "--isolated", path.name], cwd=tmp_path)
        pytest.fail(f"refslint --fix changed the correct list {path.name}:\n"
                    + diff.stdout.decode(errors="replace")[:6000])
    assert after == before
