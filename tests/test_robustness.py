"""What users throw at a linter by accident: huge lines, binary files, legacy encodings, files
that vanish, and a --fix killed half-way. Exit 0, 1 or 2 with a clear message, never a
traceback, never a hang, never a damaged file."""

from __future__ import annotations

import os
import signal
import subprocess
import time

import pytest

from .conftest import FIXTURES, refslint_command, run

REF = "Umezawa Y. Psoriatic  arthritis. J Dermatol. 2021;48(6):741-9.\n"


def _no_traceback(result: subprocess.CompletedProcess) -> None:
    assert result.returncode in (0, 1, 2)
    assert b"Traceback" not in result.stderr and b"Traceback" not in result.stdout


def test_a_ten_megabyte_line_is_reported_not_parsed(tmp_path):
    huge = "1. " + REF + "2. " + REF + "3. " + "Smith J, " * 1_200_000 + "\n"
    (tmp_path / "huge.txt").write_text(huge, encoding="utf-8")
    start = time.monotonic()
    result = run(["--isolated", "huge.txt"], cwd=tmp_path)
    assert time.monotonic() - start < 60
    _no_traceback(result)
    out = result.stdout.decode()
    assert "X002 entry of 10,799,999 characters: too long to be one reference" in out
    assert "P005" in out  # the other references are still checked


def test_a_single_huge_line_is_not_a_reference_list(tmp_path):
    (tmp_path / "blob.txt").write_bytes(b"x" * 10_000_000)
    result = run(["--isolated", "-v", "blob.txt"], cwd=tmp_path)
    _no_traceback(result)
    assert result.returncode == 0 and b"not a reference list" in result.stderr


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"1. Smith J. Title.\x00\x00 Nature. 2001;1:1-2.\n", b"binary file"),
        ("1. Müller J. Title. Nature. 2001;1:1-2.\n".encode("latin-1"), b"not valid UTF-8"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40, b"cannot read"),
        ("1. Smith J. Title. Nature. 2001;1:1-2.\n".encode("utf-16-le"), b"cannot read"),
    ],
)
def test_unreadable_files_get_a_finding_naming_them_and_the_run_goes_on(tmp_path, data, message):
    (tmp_path / "bad.txt").write_bytes(data)
    (tmp_path / "good.txt").write_text(REF, encoding="utf-8")
    result = run(["--isolated", "bad.txt", "good.txt"], cwd=tmp_path)
    _no_traceback(result)
    assert result.returncode == 1
    assert b"bad.txt:1:1: X001 cannot read bad.txt" in result.stdout
    assert message in result.stdout
    assert b"good.txt:1:21: P005" in result.stdout


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_files_with_a_byte_order_mark_are_read(tmp_path, encoding):
    text = "1. \u200f" + REF + "2. " + REF.replace("Umezawa", "Ume\u0301zawa")
    (tmp_path / "refs.txt").write_bytes(text.encode(encoding))
    result = run(["--isolated", "refs.txt"], cwd=tmp_path)
    _no_traceback(result)
    out = result.stdout.decode()
    assert "refs.txt:1:4: P008" in out  # the right-to-left mark
    assert "refs.txt:1:25: P005" in out and "refs.txt:2:25: P005" in out


def test_empty_and_whitespace_files_are_clean(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("\n\n   \n", encoding="utf-8")
    result = run(["--isolated", "empty.txt", "blank.txt"], cwd=tmp_path)
    assert result.returncode == 0


@pytest.mark.skipif(
    getattr(os, "geteuid", lambda: 1)() == 0, reason="runs as root, who can read a file with no permissions"
)
def test_a_file_that_cannot_be_opened(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text(REF, encoding="utf-8")
    path.chmod(0)
    result = run(["--isolated", "locked.txt"], cwd=tmp_path)
    assert result.returncode == 1 and b"X001 cannot read locked.txt" in result.stdout


def test_fix_killed_at_any_moment_leaves_the_old_or_the_new_file(tmp_path):
    lines = (FIXTURES / "manuscripts" / "references.txt").read_text(encoding="utf-8").splitlines()
    bodies = [line.split(". ", 1)[1] for line in lines] * 800  # 20,000 references, many fixable
    original = "".join(f"{i}. {b}\n" for i, b in enumerate(bodies, 1))
    reference = tmp_path / "expected.txt"
    reference.write_text(original, encoding="utf-8")
    run(["--isolated", "--fix", "expected.txt"], cwd=tmp_path)
    fixed = reference.read_text(encoding="utf-8")
    assert fixed != original
    target = tmp_path / "refs.txt"
    for delay in (0.2, 0.6, 1.0, 1.5, 2.0, 3.0):
        target.write_text(original, encoding="utf-8")
        proc = subprocess.Popen(
            [*refslint_command(), "--isolated", "--fix", "-q", "refs.txt"],
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert target.read_text(encoding="utf-8") in (original, fixed)


@pytest.mark.parametrize("unit", ["1-", "2019Vol2019In:", "Vol a-", ")-Suppl", "Vol-", "(", "Smith J, "])
def test_pathological_entries_finish(tmp_path, unit):
    """Long runs that once backtracked for minutes (found by benchmarks/adversarial.py): the
    run must end (run() gives up after 120 s) with the entry checked."""
    body = (unit * (19_000 // len(unit) + 1))[:19_000]
    (tmp_path / "refs.txt").write_text("1. " + REF + "2. " + body + "\n", encoding="utf-8")
    result = run(["--isolated", "refs.txt"], cwd=tmp_path)
    _no_traceback(result)
    assert b"X002" not in result.stdout


def test_an_entry_of_a_thousand_parenthesised_years_ends_nothing(tmp_path):
    # 15,611 characters, under the entry-size limit: once a RecursionError that ended the
    # whole run with exit 2 and left the other files of the command unreported.
    (tmp_path / "years.txt").write_text("Smith AB. " + "Title (2001) " * 1200 + "\n", encoding="utf-8")
    (tmp_path / "other.txt").write_text("1. " + REF, encoding="utf-8")
    result = run(["--isolated", "years.txt", "other.txt"], cwd=tmp_path)
    _no_traceback(result)
    assert result.returncode == 1 and b"internal error" not in result.stderr
    assert b"other.txt:1:" in result.stdout


def test_a_rule_that_fails_on_one_reference_is_reported_there_and_the_run_goes_on():
    from refslint.api import lint_text
    from refslint.config import build_config

    def broken(ref, ctx):
        if "Umezawa" in ref.raw:
            raise RecursionError("maximum recursion depth exceeded")
        yield from ()

    config = build_config(isolated=True)
    config.rules = tuple(r.replace(check=broken) if r.code == "P005" else r for r in config.rules)
    text = "1. " + REF + "2. Han S. The  acute syndrome. J Immunol. 2015;194(3):855-60.\n"
    found = [(d.code, d.reference) for d in lint_text(text, "refs.txt", config)]
    assert ("X003", 0) in found and ("X003", 1) not in found
    assert ("M006", 0) not in found  # other rules still ran: the reference has its pages


def test_a_file_whose_reading_fails_is_reported_and_the_next_file_is_checked(tmp_path, monkeypatch):
    from refslint import api
    from refslint.config import build_config
    from refslint.sources import plaintext

    def broken(text):
        if "BREAK" in text:
            raise RecursionError("maximum recursion depth exceeded")
        return real(text)

    real = plaintext.entry_spans
    monkeypatch.setattr(plaintext, "entry_spans", broken)
    (tmp_path / "a.txt").write_text("BREAK\n1. " + REF, encoding="utf-8")
    (tmp_path / "b.txt").write_text("1. " + REF, encoding="utf-8")
    config = build_config(isolated=True)
    first = api.lint_file(str(tmp_path / "a.txt"), config)
    second = api.lint_file(str(tmp_path / "b.txt"), config)
    assert [d.code for d in first.diagnostics] == ["X003"]
    assert "RecursionError" in first.diagnostics[0].message
    assert "P005" in [d.code for d in second.diagnostics]
