"""The real pre-commit, in a temporary git repository, running the hook of this repository at
its current commit (pre-commit installs it into its own environment from a clean clone)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT

DEFECTIVE = "1. Yao D. Adipose-derived stem cells. Ann Transl Med. 2021;9(22):1653–1653.\n"
CLEAN = "1. Umezawa Y. Psoriatic arthritis. J Dermatol. 2021;48(6):741–749.\n"
NOT_A_LIST = "lark>=1.1.9\npyyaml>=6.0\n"


def _git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    if head.returncode != 0:
        pytest.skip("this checkout is not a git repository")
    work = tmp_path_factory.mktemp("manuscript")
    _git("init", "-q", cwd=work)
    home = tmp_path_factory.mktemp("pre-commit-home")
    return work, head.stdout.strip(), home


def _run(work, rev, home, args_line: str = "", files: list[str] | None = None) -> subprocess.CompletedProcess:
    (work / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {rev}\n    hooks:\n      - id: refslint\n{args_line}",
        encoding="utf-8",
    )
    _git("add", "-A", cwd=work)
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", *(["--files", *files] if files else ["--all-files"]),
         "--color", "never"],
        cwd=work, capture_output=True, text=True, env=env, timeout=900,
    )


def test_hook_fails_on_a_defective_list_passes_a_clean_one_and_fixes_with_args(hook_repo):
    work, rev, home = hook_repo
    (work / "references.txt").write_text(DEFECTIVE, encoding="utf-8")
    (work / "requirements.txt").write_text(NOT_A_LIST, encoding="utf-8")
    r = _run(work, rev, home)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "references.txt:1:66: N002" in r.stdout
    assert "requirements.txt" not in r.stdout.replace("references.txt", "")

    (work / "references.txt").write_text(CLEAN, encoding="utf-8")
    r = _run(work, rev, home)
    assert r.returncode == 0, r.stdout + r.stderr

    (work / "references.txt").write_text(DEFECTIVE, encoding="utf-8")
    r = _run(work, rev, home, "        args: [--fix]\n")
    assert r.returncode == 1  # a hook that changes files fails, as pre-commit does
    assert (work / "references.txt").read_text(encoding="utf-8") == DEFECTIVE.replace("1653–1653", "1653")
    assert (work / "requirements.txt").read_text(encoding="utf-8") == NOT_A_LIST


def test_hook_covers_manuscripts_and_reads_the_bib_a_manuscript_names(hook_repo):
    work, rev, home = hook_repo
    for name in ("references.txt", "requirements.txt"):
        (work / name).unlink(missing_ok=True)
    manuscripts = ROOT / "tests" / "fixtures" / "manuscripts"
    for name in ("manuscript.tex", "references.bib", "pandoc.md"):
        shutil.copy(manuscripts / name, work / name)
    (work / "README.md").write_text("# A manuscript repository\n\nSee [1] below.\n", encoding="utf-8")
    r = _run(work, rev, home)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "manuscript.tex:17:23: P001" in r.stdout
    assert "references.bib:42:20: B003" in r.stdout
    assert "README.md" not in r.stdout
    # Only the manuscript is passed (as when only it changed): its .bib is still read.
    r = _run(work, rev, home, files=["pandoc.md"])
    assert r.returncode == 1
    assert "pandoc.md:6:" in r.stdout and "references.bib:201:10: C001" in r.stdout


def test_hook_reads_word_files_and_no_other_binary_file(hook_repo):
    from .docxbuild import manuscript

    work, rev, home = hook_repo
    for path in work.iterdir():
        if path.is_file() and not path.name.startswith("."):
            path.unlink()
    manuscript(work / "paper.docx")
    (work / "figure.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    r = _run(work, rev, home)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "paper.docx:¶9:101: N002" in r.stdout
    assert "figure.png" not in r.stdout
