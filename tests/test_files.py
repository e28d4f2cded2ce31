"""Files as a manuscript repository holds them, and the smaller command-line options."""

from __future__ import annotations

import json
import subprocess

from refslint.fix import apply_edits, fix_text
from refslint.model import Diagnostic, Edit, Fix, Span

from .conftest import run

BAD = "1. Yao D. Adipose-derived stem cells. Ann Transl Med. 2021;9(22):1653–1653.\n"


def _tree(tmp_path):
    (tmp_path / "paper").mkdir()
    (tmp_path / "paper" / "refs.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "paper" / "drafts").mkdir()
    (tmp_path / "paper" / "drafts" / "old.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "paper" / "scratch.txt").write_text(BAD, encoding="utf-8")
    (tmp_path / "paper" / "requirements.txt").write_text("lark>=1.1\npyyaml>=6\n", encoding="utf-8")
    (tmp_path / "paper" / "LICENSE.txt").write_text(
        "MIT License\n\nCopyright (c) 2026 Someone\n\nPermission is hereby granted, free of charge.\n",
        encoding="utf-8")


def _files(out: str) -> set[str]:
    return {line.split(":")[0] for line in out.splitlines() if ": N002" in line}


def test_folders_are_walked_and_non_lists_give_nothing(tmp_path):
    _tree(tmp_path)
    r = run(["paper"], cwd=tmp_path)
    assert _files(r.stdout.decode()) == {"paper/refs.txt", "paper/drafts/old.txt", "paper/scratch.txt"}


def test_gitignore_is_respected_inside_a_git_work_tree(tmp_path):
    _tree(tmp_path)
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    (tmp_path / ".gitignore").write_text("scratch.txt\n", encoding="utf-8")
    out = run(["paper"], cwd=tmp_path).stdout.decode()
    assert _files(out) == {"paper/refs.txt", "paper/drafts/old.txt"}
    assert "N002" in run(["paper/scratch.txt"], cwd=tmp_path).stdout.decode()  # named: linted


def test_exclude_extend_exclude_include_and_force_exclude(tmp_path):
    _tree(tmp_path)
    (tmp_path / ".refslint.yaml").write_text("extend-exclude: [drafts]\n", encoding="utf-8")
    assert _files(run(["paper"], cwd=tmp_path).stdout.decode()) == {"paper/refs.txt", "paper/scratch.txt"}
    assert run(["paper/drafts/old.txt"], cwd=tmp_path).returncode == 1
    assert run(["--force-exclude", "paper/drafts/old.txt"], cwd=tmp_path).returncode == 0
    (tmp_path / ".refslint.yaml").write_text("include: ['refs.*']\n", encoding="utf-8")
    assert _files(run(["paper"], cwd=tmp_path).stdout.decode()) == {"paper/refs.txt"}


def test_verbose_says_why_a_file_is_or_is_not_a_reference_list(tmp_path):
    _tree(tmp_path)
    err = run(["-v", "paper"], cwd=tmp_path).stderr.decode()
    assert "paper/requirements.txt: not a reference list: no references found" in err
    assert "paper/refs.txt: a reference list: 1 of 1 entries read as references" in err
    assert "paper/LICENSE.txt: not a reference list" in err


def test_show_settings_prints_the_resolved_configuration(tmp_path):
    (tmp_path / ".refslint.yaml").write_text("extends: ama\nignore: [T002]\n", encoding="utf-8")
    r = run(["--show-settings", "refs.txt"], cwd=tmp_path)
    settings = json.loads(r.stdout)
    assert r.returncode == 0 and settings["preset"] == "ama"
    assert "T002" not in settings["rules"] and settings["rules"]["A003"]["style"] == 3


def test_show_source_puts_a_caret_under_the_span(tmp_path):
    (tmp_path / "refs.txt").write_text(BAD, encoding="utf-8")
    lines = run(["--show-source", "refs.txt"], cwd=tmp_path).stdout.decode().splitlines()
    assert lines[1] == "    " + BAD.rstrip("\n")
    assert lines[2] == "    " + " " * 65 + "^" * 9


def test_colour_only_when_asked_or_on_a_terminal(tmp_path):
    (tmp_path / "refs.txt").write_text(BAD, encoding="utf-8")
    assert b"\x1b[" not in run(["refs.txt"], cwd=tmp_path).stdout  # piped
    assert b"\x1b[" in run(["--color", "always", "refs.txt"], cwd=tmp_path).stdout


def _diag(start: int, end: int, text: str) -> Diagnostic:
    return Diagnostic("x", "P999", "test", "m", Span(start, end), fix=Fix("f", (Edit(Span(start, end), text),)))


def test_overlapping_edits_are_applied_in_rounds_on_fresh_findings():
    # Two fixes want the same span; the second is applied only after re-linting.
    rounds = []

    def lint(text: str):
        rounds.append(text)
        if "abc" in text:
            i = text.index("abc")
            return [_diag(i, i + 3, "ABC"), _diag(i + 1, i + 3, "XY")]
        if "ABC" in text and "!" not in text:
            return [_diag(len(text), len(text), "!")]
        return []

    result = fix_text("x abc", lint)
    assert result.text == "x ABC!"
    assert len(rounds) == 3 and [d.code for d in result.fixed] == ["P999", "P999"]
    assert apply_edits("hello", [Edit(Span(0, 1), "J"), Edit(Span(5, 5), "!")]) == "Jello!"
