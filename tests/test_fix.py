"""--fix repairs what is certain and leaves every other byte alone."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

import pytest

from refslint.api import lint_text
from refslint.config import build_config
from refslint.fix import fix_text

from .conftest import run

SEED_LIKE = (
    "References\n\n"
    "1. Pittenger MF, Discher DE. Mesenchymal stem cell perspective. Npj Regen Med. 2019;4(1):1. 2019;4:1–15.\n"
    "2. Munoz-Perez E. Secretome for inflammatory diseases. Pharm0aceutics. 2021;13(11):1802. Vol Page 2021;13:1802.\n"
    "3. Park H. H, Lee S, Yu Y. TGF-β ameliorates atopic dermatitis. Stem Cells. 2020;38(7):904–916.\n"
    "4. Liu L, Song H. TSG-6 attenuates burn-induced inflammation. Sci Rep. 2016; 6:30121.\n"
    "5. Yao D, Ye S. Adipose-derived stem cells for psoriasis. Ann Transl Med. 2021;9(22):1653–1653.\n"
    "6. Suh N, Lee MY. Molecular signatures of secretomes. Mol. Cell. Toxicol. 2017;13(2):133–141.\n"
    "7. Starnes CW, Welsh JD.. Intestinal sucrase deficiency. N Engl J Med. 1970;282:1023–1024.\n"
    "8. Umezawa Y. Psoriatic  arthritis. J Dermatol. 2021;48(6):741–749\n"
)
FIXED = (
    "References\n\n"
    "1. Pittenger MF, Discher DE. Mesenchymal stem cell perspective. NPJ Regen Med. 2019;4(1):1.\n"
    "2. Munoz-Perez E. Secretome for inflammatory diseases. Pharmaceutics. 2021;13(11):1802.\n"
    "3. Park HH, Lee S, Yu Y. TGF-β ameliorates atopic dermatitis. Stem Cells. 2020;38(7):904–916.\n"
    "4. Liu L, Song H. TSG-6 attenuates burn-induced inflammation. Sci Rep. 2016;6:30121.\n"
    "5. Yao D, Ye S. Adipose-derived stem cells for psoriasis. Ann Transl Med. 2021;9(22):1653.\n"
    "6. Suh N, Lee MY. Molecular signatures of secretomes. Mol Cell Toxicol. 2017;13(2):133–141.\n"
    "7. Starnes CW, Welsh JD. Intestinal sucrase deficiency. N Engl J Med. 1970;282:1023–1024.\n"
    "8. Umezawa Y. Psoriatic arthritis. J Dermatol. 2021;48(6):741–749.\n"
)


def _fix(text: str, unsafe: bool = False) -> str:
    config = build_config(isolated=True)
    return fix_text(text, lambda t: lint_text(t, "x.txt", config), unsafe=unsafe).text


def test_certain_repairs_of_the_seed_defects():
    assert _fix(SEED_LIKE) == FIXED


def test_fixing_twice_changes_nothing_the_second_time():
    once = _fix(SEED_LIKE)
    assert _fix(once) == once


def test_unsafe_fixes_only_with_unsafe_fixes(tmp_path):
    text = ("1. Wang G. Kynurenic acid. Cell Death Differ. 2018;25(7):1209–1223. 2017;25:1209–1223.\n"
            "2. Cahill EF. Protection against Bleomycin-Induced pulmonary fibrosis. Stem Cells Transl Med. 2016;5(10):1307–1318.\n")
    assert _fix(text) == text
    fixed = _fix(text, unsafe=True)
    assert "2017;25" not in fixed and "against bleomycin-induced pulmonary" in fixed


def test_fix_writes_the_file_and_reports_what_remains(tmp_path):
    path = tmp_path / "refs.txt"
    path.write_text(SEED_LIKE + "9. Mohanty ST. Self-renewal in arthritis. Arthritis Res Ther. 2010;12(4):R149–12.\n",
                    encoding="utf-8")
    r = run(["--fix", "refs.txt"], cwd=tmp_path)
    out = r.stdout.decode()
    assert out.splitlines()[0] == "Fixing refs.txt"
    assert "N003" in out and r.returncode == 1  # the malformed range has no certain fix
    assert path.read_text(encoding="utf-8").startswith(FIXED)


def test_bytes_outside_the_edits_are_untouched_bom_crlf_and_no_final_newline(tmp_path):
    body = "1. Yao D. Adipose-derived stem cells. Ann Transl Med. 2021;9(22):1653–1653.\r\n" \
           "2. Umezawa Y. Psoriatic arthritis. J Dermatol. 2021;48(6):741–749."
    path = tmp_path / "refs.txt"
    path.write_bytes(codecs.BOM_UTF8 + body.encode("utf-8"))
    assert run(["--fix", "refs.txt"], cwd=tmp_path).returncode == 0
    assert path.read_bytes() == codecs.BOM_UTF8 + body.replace("1653–1653", "1653").encode("utf-8")


def test_utf16_file_is_written_back_as_utf16(tmp_path):
    body = "1. Yao D. Adipose-derived stem cells. Ann Transl Med. 2021;9(22):1653–1653.\n"
    path = tmp_path / "refs.txt"
    path.write_bytes(body.encode("utf-16"))
    assert run(["--fix", "refs.txt"], cwd=tmp_path).returncode == 0
    assert path.read_bytes() == body.replace("1653–1653", "1653").encode("utf-16")


def test_permissions_are_kept_and_no_temporary_file_is_left(tmp_path):
    path = tmp_path / "refs.txt"
    path.write_text("1. Yao D. Stem cells for psoriasis. Ann Transl Med. 2021;9(22):1653–1653.\n", encoding="utf-8")
    os.chmod(path, 0o640)
    run(["--fix", "refs.txt"], cwd=tmp_path)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["refs.txt"]


def test_a_read_only_file_is_reported_and_the_run_goes_on(tmp_path):
    text = "1. Yao D. Stem cells for psoriasis. Ann Transl Med. 2021;9(22):1653–1653.\n"
    locked, other = tmp_path / "refs.txt", tmp_path / "other.txt"
    locked.write_text(text, encoding="utf-8")
    other.write_text(text, encoding="utf-8")
    os.chmod(locked, 0o444)
    r = run(["--fix", "refs.txt", "other.txt"], cwd=tmp_path)
    out = r.stdout.decode()
    assert r.returncode == 1 and b"Traceback" not in r.stderr
    assert "refs.txt:1:1: X004 fixes not written: the file is read-only" in out
    assert "refs.txt:1:64: N002" in out  # its findings are still reported
    assert locked.read_text(encoding="utf-8") == text
    assert other.read_text(encoding="utf-8") == text.replace("1653–1653", "1653")


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name != "posix", reason="symbolic links: POSIX only")
def test_fix_through_a_symbolic_link_fixes_the_target_and_keeps_the_link(tmp_path):
    text = "1. Yao D. Stem cells for psoriasis. Ann Transl Med. 2021;9(22):1653–1653.\n"
    (tmp_path / "shared").mkdir()
    target = tmp_path / "shared" / "refs.txt"
    target.write_text(text, encoding="utf-8")
    link = tmp_path / "refs.txt"
    link.symlink_to(Path("shared") / "refs.txt")
    r = run(["--fix", "refs.txt"], cwd=tmp_path)
    assert r.returncode == 0, r.stdout
    assert link.is_symlink() and os.readlink(link) == str(Path("shared") / "refs.txt")
    assert target.read_text(encoding="utf-8") == text.replace("1653–1653", "1653")
    assert sorted(p.name for p in (tmp_path / "shared").iterdir()) == ["refs.txt"]


@pytest.mark.skipif(os.name != "posix", reason="hard links counted by st_nlink: POSIX only")
def test_a_file_with_other_hard_links_is_left_as_it_was_and_reported(tmp_path):
    text = "1. Yao D. Stem cells for psoriasis. Ann Transl Med. 2021;9(22):1653–1653.\n"
    first = tmp_path / "refs.txt"
    first.write_text(text, encoding="utf-8")
    os.link(first, tmp_path / "copy.txt")
    r = run(["--fix", "refs.txt"], cwd=tmp_path)
    assert r.returncode == 1
    assert "X004 fixes not written: the file has 2 hard links" in r.stdout.decode()
    assert first.read_text(encoding="utf-8") == text and os.stat(first).st_nlink == 2


def test_diff_prints_a_unified_diff_and_writes_nothing(tmp_path):
    path = tmp_path / "refs.txt"
    text = "1. Yao D. Stem cells for psoriasis. Ann Transl Med. 2021;9(22):1653–1653.\n"
    path.write_text(text, encoding="utf-8")
    r = run(["--diff", "refs.txt"], cwd=tmp_path)
    out = r.stdout.decode()
    assert r.returncode == 1
    assert "-1. Yao D." in out and "+1. Yao D. Stem cells for psoriasis. Ann Transl Med. 2021;9(22):1653.\n" in out
    assert path.read_text(encoding="utf-8") == text


def test_show_fixes_lists_the_repairs(tmp_path):
    (tmp_path / "refs.txt").write_text(
        "1. Yao D. Stem cells for psoriasis. Ann Transl Med. 2021;9(22):1653–1653.\n", encoding="utf-8")
    out = run(["--fix", "--show-fixes", "refs.txt"], cwd=tmp_path).stdout.decode()
    assert "refs.txt:1:64: N002 write `1653`" in out


def test_unfixable_in_config_turns_a_fix_off(tmp_path):
    path = tmp_path / "refs.txt"
    text = "1. Yao D. Stem cells for psoriasis. Ann Transl Med. 2021;9(22):1653–1653.\n"
    path.write_text(text, encoding="utf-8")
    (tmp_path / ".refslint.yaml").write_text("unfixable: [N002]\n", encoding="utf-8")
    r = run(["--fix", "refs.txt"], cwd=tmp_path)
    assert r.returncode == 1 and path.read_text(encoding="utf-8") == text


def test_stdin_fix_prints_the_fixed_text():
    text = "1. Yao D. Stem cells for psoriasis. Ann Transl Med. 2021;9(22):1653–1653.\n"
    r = run(["--fix", "-"], stdin=text.encode())
    assert r.stdout.decode() == text.replace("1653–1653", "1653")
    assert r.returncode == 0


def test_duplicates_in_a_numbered_list_have_no_fix():
    text = ("1. Horie S. Cytokine pre-activation of stromal cells enhances repair. Intensive Care Med Exp. 2020;8:1.\n"
            "2. Horie S. Cytokine pre-activation of stromal cells enhances repair. Intensive Care Med Exp. 2020;8(1):8.\n")
    [dup] = [d for d in lint_text(text, "x", build_config(isolated=True)) if d.code == "D001"]
    assert dup.fix is None
