"""A short list's rules split between two processes (refslint/split.py): what a user would notice
is only the time. The same report, fixes and memo as one process; one fork, and none when
`--jobs 1` or the library's default asks for one process; a child that fails or never answers
costs nothing but its share's time."""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from refslint import api, split
from refslint.config import build_config

from .conftest import CORPUS, FIXTURES, run

TWO_CPUS = pytest.mark.skipif(split._cpus() < 2 or not split._can_fork(), reason="needs fork and two CPUs")


def _mutated(line: str, i: int) -> str:
    """A real reference with one of the slips the rules on either side of the split find
    (journal case and truncation, glued words, a doubled space, a page range), in turn."""
    slips = (
        lambda s: s.replace("PLoS ONE", "Plos One").replace("Science.", "Sciense."),
        lambda s: s.replace(" of ", " of", 1),
        lambda s: s.replace(". ", ".  ", 1),
        lambda s: re.sub(r"(\d+)–(\d+)\.$", r"\1–\1.", s),
        lambda s: s.replace("J Biol Chem", "J Biol Chme").replace("Nature.", "Natrue."),
        lambda s: s,
    )
    return slips[i % len(slips)](line)


@pytest.fixture(scope="module")
def long_list(tmp_path_factory) -> Path:
    """The clean fixture lists and their mutations, numbered: 354 real references."""
    lines = [
        line.split(". ", 1)[1] if line[:1].isdigit() else line
        for path in sorted((FIXTURES / "clean").glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    lines += [_mutated(line, i) for i, line in enumerate(lines)]
    path = tmp_path_factory.mktemp("split") / "references.txt"
    path.write_text("".join(f"{i}. {line}\n" for i, line in enumerate(lines, 1)), encoding="utf-8")
    return path


def _lists(long_list: Path) -> list[Path]:
    seed = CORPUS / "seed" / "references.txt"
    return [long_list, *([seed] if seed.exists() else [])]


@TWO_CPUS
def test_a_split_run_reports_what_one_process_reports(long_list, tmp_path):
    for path in _lists(long_list):
        for args in (["--format", "json"], ["--diff"], ["--format", "sarif"], ["--statistics"]):
            one = run(["--isolated", "--jobs", "1", *args, str(path)])
            two = run(["--isolated", "--jobs", "2", *args, str(path)])
            assert one.returncode == two.returncode
            assert one.stdout == two.stdout, (path.name, args)
        report = json.loads(run(["--isolated", "--jobs", "2", "--format", "json", str(path)]).stdout)
        sides = {split.in_child(SimpleNamespace(code=d["code"])) for d in report}
        assert sides == {True, False}  # (findings of the rules on both sides)


@TWO_CPUS
def test_a_split_run_fixes_what_one_process_fixes(long_list, tmp_path):
    fixed = []
    for jobs in ("1", "2"):
        copy = tmp_path / f"jobs{jobs}.txt"
        copy.write_bytes(long_list.read_bytes())
        result = run(["--isolated", "--jobs", jobs, "--fix", "--unsafe-fixes", str(copy)])
        fixed.append((result.returncode, copy.read_bytes()))
    assert fixed[0] == fixed[1]
    assert fixed[0][1] != long_list.read_bytes()  # (something was fixed)


@TWO_CPUS
def test_the_child_s_start_up_work_is_saved_in_the_memo(long_list, tmp_path):
    import marshal

    keys = []
    for jobs in ("1", "2"):
        cache = tmp_path / jobs
        run(["--isolated", "--jobs", jobs, str(long_list)], env={"XDG_CACHE_HOME": str(cache), "REFSLINT_NO_CACHE": ""})
        _stamp, entries = marshal.loads((cache / "refslint" / "startup.marshal").read_bytes())
        keys.append(set(entries))
    assert keys[0] == keys[1]


def _lint(path: Path, jobs: int) -> list:
    config = build_config(isolated=True)
    config.jobs = jobs
    return list(api.lint_file(str(path), config).diagnostics)


def _forks(monkeypatch) -> list[int]:
    made: list[int] = []
    fork = os.fork

    def counted() -> int:
        pid = fork()
        if pid:
            made.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", counted)
    monkeypatch.setattr(split, "_cpus", lambda: 2)
    return made


@pytest.mark.skipif(not split._can_fork(), reason="needs fork")
def test_one_fork_per_list_and_the_same_findings(long_list, monkeypatch):
    alone = _lint(long_list, 1)
    made = _forks(monkeypatch)
    assert _lint(long_list, 2) == alone
    assert len(made) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(made[0], os.WNOHANG)  # (the child was reaped)


@pytest.mark.skipif(not split._can_fork(), reason="needs fork")
def test_no_fork_when_one_process_is_asked_or_the_list_is_short(long_list, tmp_path, monkeypatch):
    made = _forks(monkeypatch)
    _lint(long_list, 1)  # --jobs 1, and the library's default
    short = tmp_path / "short.txt"
    short.write_text("".join(long_list.read_text(encoding="utf-8").splitlines(True)[: split.SPLIT_AT - 1]))
    _lint(short, 2)
    assert made == []


@pytest.mark.skipif(not split._can_fork(), reason="needs fork")
def test_a_child_that_fails_costs_nothing_but_time(long_list, monkeypatch):
    alone = _lint(long_list, 1)
    made = _forks(monkeypatch)
    monkeypatch.setattr(split.Child, "result", lambda self: None)  # (as if it had died)
    assert _lint(long_list, 2) == alone
    assert len(made) == 1
    with pytest.raises(ChildProcessError):
        os.waitpid(made[0], os.WNOHANG)  # (cancelled and reaped all the same)


@pytest.mark.skipif(not split._can_fork(), reason="needs fork")
def test_a_child_gives_its_result_or_none():
    assert split.Child(lambda: {"findings": [1, 2]}).result() == {"findings": [1, 2]}
    assert split.Child(lambda: 1 / 0).result() is None
    assert split.Child(lambda: object()).result() is None  # (not plain data: marshal refuses it)
    assert split.Child(lambda: os._exit(3)).result() is None
    sleeper = split.Child(lambda: time.sleep(60))
    start = time.perf_counter()
    sleeper.cancel()
    assert time.perf_counter() - start < 5
    assert sleeper.result() is None
