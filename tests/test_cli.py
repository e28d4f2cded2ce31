"""The installed command as a user runs it: exit codes, formats, subcommands, bad input."""

from __future__ import annotations

import codecs
import json

from .conftest import ROOT, run

GOOD = "1. Umezawa Y. Psoriatic arthritis. J Dermatol. 2021;48(6):741-9.\n"
BAD = "1. Yao D. Adipose-derived stem cells. Ann Transl Med. 2021;9(22):1653–1653.\n"


def test_clean_list_exits_0_and_says_so(tmp_path):
    (tmp_path / "refs.txt").write_text(GOOD, encoding="utf-8")
    r = run(["refs.txt"], cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert b"All clean" in r.stdout


def test_problem_is_reported_with_path_line_column_code_and_exit_1(tmp_path):
    (tmp_path / "refs.txt").write_text("References\n\n" + BAD, encoding="utf-8")
    r = run(["refs.txt"], cwd=tmp_path)
    assert r.returncode == 1
    first = r.stdout.decode().splitlines()[0]
    assert first.startswith("refs.txt:3:66: N002 [*] ")


def test_json_output_has_ruff_shaped_objects(tmp_path):
    (tmp_path / "refs.txt").write_text(BAD, encoding="utf-8")
    r = run(["--format", "json", "refs.txt"], cwd=tmp_path)
    assert r.returncode == 1
    [item] = json.loads(r.stdout)
    assert item["filename"] == "refs.txt" and item["code"] == "N002" and item["severity"] == "error"
    assert item["location"] == {"row": 1, "column": 66}
    assert item["end_location"] == {"row": 1, "column": 75}
    assert item["fix"]["applicability"] == "safe"
    assert item["fix"]["edits"][0]["content"] == "1653"


def test_select_and_ignore_filter_by_code_family_and_name(tmp_path):
    (tmp_path / "refs.txt").write_text(BAD, encoding="utf-8")
    assert run(["--ignore", "N002", "refs.txt"], cwd=tmp_path).returncode == 0
    assert run(["--ignore", "N", "refs.txt"], cwd=tmp_path).returncode == 0
    assert run(["--ignore", "degenerate-page-range", "refs.txt"], cwd=tmp_path).returncode == 0
    assert run(["--select", "P", "refs.txt"], cwd=tmp_path).returncode == 0
    assert run(["--select", "N002", "refs.txt"], cwd=tmp_path).returncode == 1


def test_unknown_rule_code_exits_2_with_one_line_naming_it(tmp_path):
    (tmp_path / "refs.txt").write_text(GOOD, encoding="utf-8")
    r = run(["--select", "Q999", "refs.txt"], cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr.decode().strip().count("\n") == 0 and "Q999" in r.stderr.decode()


def test_bad_option_exits_2_with_one_line(tmp_path):
    r = run(["--no-such-option", "x.txt"], cwd=tmp_path)
    assert r.returncode == 2
    err = r.stderr.decode().strip()
    assert "--no-such-option" in err and "\n" not in err


def test_missing_path_exits_2(tmp_path):
    r = run(["nope.txt"], cwd=tmp_path)
    assert r.returncode == 2 and b"nope.txt" in r.stderr


def test_stdin_is_read_with_dash_and_named_with_stdin_filename():
    r = run(["--stdin-filename", "paper/refs.txt", "-"], stdin=BAD.encode())
    assert r.returncode == 1
    assert r.stdout.decode().startswith("paper/refs.txt:1:66: N002")


def test_empty_file_is_clean(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert run(["empty.txt"], cwd=tmp_path).returncode == 0


def test_utf8_bom_and_utf16_files_are_read_with_positions_in_characters(tmp_path):
    (tmp_path / "bom.txt").write_bytes(codecs.BOM_UTF8 + BAD.encode("utf-8"))
    (tmp_path / "u16.txt").write_bytes(BAD.encode("utf-16"))
    for name in ("bom.txt", "u16.txt"):
        r = run([name], cwd=tmp_path)
        assert r.returncode == 1
        assert r.stdout.decode().startswith(f"{name}:1:66: N002"), r.stdout


def test_binary_and_latin1_files_get_a_per_file_error_and_the_run_goes_on(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "b.txt").write_bytes("Müller J. Title. Cell. 2001;1:2-3.\n".encode("latin-1"))
    (tmp_path / "c.txt").write_text(BAD, encoding="utf-8")
    r = run(["a.txt", "b.txt", "c.txt"], cwd=tmp_path)
    out = r.stdout.decode()
    assert r.returncode == 1
    assert "a.txt:1:1: X001" in out and "b.txt:1:1: X001" in out and "c.txt:1:66: N002" in out
    assert "Traceback" not in r.stderr.decode()


def test_unreadable_file_gets_a_per_file_error(tmp_path):
    d = tmp_path / "folder.txt"
    d.mkdir()
    (tmp_path / "ok.txt").write_text(GOOD, encoding="utf-8")
    r = run(["ok.txt", str(d / "..") + "/folder.txt"], cwd=tmp_path)
    assert r.returncode in (0, 1)  # a folder named *.txt is walked, not read
    assert "Traceback" not in r.stderr.decode()


def test_rules_lists_every_rule_and_rule_explains_one():
    r = run(["rules"])
    assert r.returncode == 0
    out = r.stdout.decode()
    for code in ("E001", "P001", "J003", "M003", "D001", "X001"):
        assert code in out
    r = run(["rule", "P001"])
    assert r.returncode == 0
    text = r.stdout.decode()
    assert "digit-in-word" in text and "Pharm0aceutics" in text and "safe fix" in text
    assert run(["rule", "digit-in-word"]).returncode == 0
    r = run(["rule", "Z123"])
    assert r.returncode == 2 and b"Z123" in r.stderr


def test_a_file_named_like_a_subcommand_stays_lintable(tmp_path):
    (tmp_path / "rules").write_text(BAD, encoding="utf-8")
    for args in (["check", "rules"], ["--", "rules"], ["./rules"]):
        r = run(args, cwd=tmp_path)
        assert r.returncode == 1 and b"N002" in r.stdout, args


def test_version_and_exit_zero(tmp_path):
    assert run(["--version"]).stdout.decode().startswith("refslint ")
    (tmp_path / "refs.txt").write_text(BAD, encoding="utf-8")
    assert run(["--exit-zero", "refs.txt"], cwd=tmp_path).returncode == 0


def test_statistics_counts_per_rule(tmp_path):
    (tmp_path / "refs.txt").write_text(BAD + BAD.replace("1.", "2.", 1), encoding="utf-8")
    r = run(["--statistics", "refs.txt"], cwd=tmp_path)
    assert "2  N002  [*] degenerate-page-range" in r.stdout.decode()


def test_folders_are_walked_for_text_lists(tmp_path):
    (tmp_path / "paper").mkdir()
    (tmp_path / "paper" / "refs.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "paper" / "notes.md").write_text(BAD, encoding="utf-8")
    r = run(["paper"], cwd=tmp_path)
    assert r.returncode == 1
    assert r.stdout.decode().count("N002") == 1


def test_example_list_of_the_readme_gives_findings():
    r = run([str(ROOT / "examples" / "references.txt")])
    assert r.returncode == 1
    assert b"E001" in r.stdout and b"D001" in r.stdout


def test_a_duplicate_in_a_bulleted_list_names_the_earlier_reference_by_position(tmp_path):
    ref = "Horie S, Gaynard S. Cytokine pre-activation of stromal cells enhances repair. Intensive Care Med Exp. 2020;8(1):8."
    other = "Umezawa Y. Psoriatic arthritis. J Dermatol. 2021;48(6):741-9."
    (tmp_path / "refs.txt").write_text(f"• {ref}\n• {other}\n• {ref}\n", encoding="utf-8")
    out = run(["--isolated", "--select", "D001", "refs.txt"], cwd=tmp_path).stdout.decode()
    assert "refs.txt:3:3: D001 duplicate of reference 1 " in out


def test_no_path_lints_the_current_folder(tmp_path):
    (tmp_path / "refs").mkdir()
    (tmp_path / "refs" / "list.txt").write_text(BAD, encoding="utf-8")
    r = run(["--isolated"], cwd=tmp_path)
    assert r.returncode == 1 and r.stdout.decode().startswith("refs/list.txt:1:66: N002")


def test_help_lists_the_subcommands():
    out = run(["--help"]).stdout.decode()
    for command in ("refslint [check]", "refslint rules", "refslint rule CODE", "refslint version"):
        assert command in out


def test_select_takes_codes_in_any_case(tmp_path):
    (tmp_path / "refs.txt").write_text(BAD, encoding="utf-8")
    assert run(["--isolated", "--select", "n002", "refs.txt"], cwd=tmp_path).returncode == 1
    assert run(["--isolated", "--ignore", "n", "refs.txt"], cwd=tmp_path).returncode == 0


def test_info_findings_say_so_and_are_counted_apart(tmp_path):
    (tmp_path / "refs.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / ".refslint.yaml").write_text("rules:\n  N002: info\n", encoding="utf-8")
    r = run(["refs.txt"], cwd=tmp_path)
    lines = r.stdout.decode().splitlines()
    assert r.returncode == 0
    assert lines[0].startswith("refs.txt:1:66: N002 [*] info: page range")
    assert lines[-1] == "All clean: 1 reference checked. 1 info finding (not problems)."


def test_a_bib_file_is_reported_once_when_also_named_by_a_manuscript(tmp_path):
    (tmp_path / "paper.md").write_text(
        "---\nbibliography: refs.bib\n---\n\nSee [@kim2020].\n", encoding="utf-8"
    )
    (tmp_path / "refs.bib").write_text(
        "@article{kim2020, author = {Kim, H.}, title = {Secretome of stem cells}, journal = {Cells},\n"
        "  year = 2020, volume = 9, pages = {100--110}}\n"
        "@article{lee2019, author = {Lee, J.}, title = {Uncited work here}, journal = {Cells},\n"
        "  year = 2019, volume = 8, pages = {1--2}, pages = {1--2}}\n",
        encoding="utf-8",
    )
    out = run(["--isolated", "paper.md", "refs.bib"], cwd=tmp_path).stdout.decode().splitlines()
    bib = [i for i, line in enumerate(out) if line.startswith("refs.bib:")]
    assert len(bib) >= 2 and bib == list(range(bib[0], bib[0] + len(bib)))  # together
    assert sum(1 for line in out if " C001 " in line) == 1  # the uncited entry, once
