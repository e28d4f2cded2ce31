"""Long lists and many files: a list checked in chunks (in several processes) gives exactly the
findings of the list checked whole, and --jobs never changes the output."""

from __future__ import annotations

import pytest

import refslint.api as api
import refslint.linting as linting
from refslint.config import build_config
from refslint.model import Source

from .conftest import FIXTURES, run


def _clean_lists() -> str:
    lines = []
    for path in sorted((FIXTURES / "clean").glob("*.txt")):
        lines += [line.split(". ", 1)[1] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    defective = (FIXTURES / "manuscripts" / "references.txt").read_text(encoding="utf-8").splitlines()
    lines += [line.split(". ", 1)[1] for line in defective]
    # Repeat a few with a changed year: duplicates across chunks, and house-style votes.
    lines += [line.replace("20", "19", 1) for line in lines[:40]]
    return "".join(f"{i}. {line}\n" for i, line in enumerate(lines, 1))


@pytest.mark.parametrize("jobs", [1, 2])
def test_chunked_list_gives_the_findings_of_the_whole_list(monkeypatch, jobs):
    text = _clean_lists()
    config = build_config(isolated=True)
    whole = api.lint_source(Source("refs.txt", text), config).diagnostics
    assert {d.code for d in whole} >= {"D001", "P001", "E001", "N002"}
    monkeypatch.setattr(linting, "CHUNK", 37)
    monkeypatch.setattr(linting, "PARALLEL_AT", 40)  # with two jobs: pieces in two workers
    monkeypatch.setattr(linting, "PIECE", 11)
    config.jobs = jobs
    chunked = api.lint_source(Source("refs.txt", text), config)
    assert "judged on the first 37" in chunked.verdict
    assert chunked.diagnostics == whole


def test_jobs_never_change_the_output(tmp_path):
    text = _clean_lists().splitlines(keepends=True)
    for n in range(6):
        (tmp_path / f"list{n}.txt").write_text("".join(text[n * 40 : n * 40 + 60]), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a list\n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\xff\xfe\x00bad")
    outputs = set()
    for jobs in ("1", "2", "0"):
        result = run(["--isolated", "--jobs", jobs, "--format", "json", "."], cwd=tmp_path)
        assert result.returncode == 1
        outputs.add(result.stdout)
    assert len(outputs) == 1


def test_bad_jobs_value_exits_2(tmp_path):
    result = run(["--jobs", "-1", "x.txt"], cwd=tmp_path)
    assert result.returncode == 2 and b"--jobs" in result.stderr


def test_triggers_found_by_plain_string_search_pick_the_references_the_pattern_would():
    """Triggers that match only a few fixed strings are looked for with str.find; the
    references picked are exactly those the regular expression finds."""
    import random
    import re

    from refslint.engine import _Scan, literal_forms, required_strings
    from refslint.model import Reference, Span

    assert literal_forms(r"[’'\"]") is not None and literal_forms(r"\d[a-z]") is None
    assert literal_forms(r"[.,;:][.,;:]") is None  # sixteen pairs: the regex scan is faster
    rnd = random.Random(5)
    alphabet = "ab .,;:'’\u00a0\tÃ\"x"
    refs = [
        Reference(i, "", raw, Span(0, len(raw)))
        for i, raw in enumerate("".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12))) for _ in range(400))
    ]
    scan = _Scan(refs)
    for pattern in (r"[ \t][,.]", r"[ \u00a0][ \u00a0]", r"[’'\"]", r"[.,;:]", r"Ã|x;", r"a\.b"):
        compiled = re.compile(pattern)
        assert literal_forms(compiled.pattern, compiled.flags) is not None
        expected = [r.index for r in refs if compiled.search(r.raw)]
        assert [r.index for r in scan.matching(compiled)] == expected, pattern
    # Triggers searched only in the references that hold one of their required strings (a rare
    # one, `x;`; a common one, `a`, for which the chunk is searched as before), also with
    # look-arounds and word boundaries, which are judged on each reference alone.
    for pattern in (r"[^ ]x;", r"(?<=b)x;\b", r"[^.]a\b", r"b+a:", r"[^a]x;|Ã\t+"):
        compiled = re.compile(pattern)
        assert required_strings(compiled.pattern, compiled.flags) is not None, pattern
        expected = [r.index for r in refs if compiled.search(r.raw)]
        assert [r.index for r in scan.matching(compiled)] == expected, pattern


def test_spawned_workers_give_the_same_findings(monkeypatch, tmp_path):
    """Where fork is unsafe (macOS) or missing (Windows) workers are spawned: they rebuild the
    configuration from its recipe and get the same results as one process."""
    from refslint import cli, engine, workers

    monkeypatch.setattr(workers, "start_method", lambda: "spawn")
    monkeypatch.setattr(engine, "start_method", lambda: "spawn")  # (list rules: in this process)
    text = _clean_lists()
    config = build_config(isolated=True)
    whole = api.lint_source(Source("refs.txt", text), config).diagnostics
    monkeypatch.setattr(linting, "CHUNK", 97)
    config.jobs = 2
    assert api.lint_source(Source("refs.txt", text), config).diagnostics == whole
    # The pieces of one long list, in spawned workers: the document travels pickled.
    monkeypatch.setattr(linting, "PARALLEL_AT", 40)
    monkeypatch.setattr(linting, "PIECE", 11)
    assert api.lint_source(Source("refs.txt", text), config).diagnostics == whole
    lines = text.splitlines(keepends=True)
    files = []
    for n in range(3):
        path = tmp_path / f"list{n}.txt"
        path.write_text("".join(lines[n * 50 : n * 50 + 60]), encoding="utf-8")
        files.append(str(path))
    one = [api.lint_file(f, config).diagnostics for f in files]
    assert [r.diagnostics for r in cli._lint_in_parallel(files, config, None)] == one
    assert workers.worker_state() is None  # the pool's state went with the pool


def test_packed_list_rule_summaries_give_the_same_findings(monkeypatch):
    # A long list keeps each chunk's summaries for a list rule packed until the rule runs;
    # packing every block (and chunks, so there are many) changes no finding.
    import refslint.engine as engine

    text = _clean_lists()
    config = build_config(isolated=True)
    whole = api.lint_source(Source("refs.txt", text), config).diagnostics
    assert {d.code for d in whole} >= {"D001"}
    monkeypatch.setattr(engine, "SUMMARY_PACK_AT", 1)
    monkeypatch.setattr(linting, "CHUNK", 37)
    assert api.lint_source(Source("refs.txt", text), config).diagnostics == whole


def test_leaving_keys_that_occur_once_out_of_the_duplicate_table_changes_no_finding(monkeypatch):
    # A long list's D001 sets aside, with a bitmap, the keys that occur once before it builds
    # its table of keys; a short list's table holds them all.
    import refslint.checks.duplicates as duplicates

    text = _clean_lists()
    config = build_config(isolated=True)
    whole = api.lint_source(Source("refs.txt", text), config).diagnostics
    assert sum(d.code == "D001" for d in whole) >= 10
    monkeypatch.setattr(duplicates, "REPEATED_KEYS_FROM", 0)
    assert api.lint_source(Source("refs.txt", text), config).diagnostics == whole


def test_list_rules_run_in_workers_give_the_findings_of_one_process(monkeypatch):
    """A long list's list rules run each in a forked worker: the same findings, in the same
    order, as one process; a list rule that fails in a worker is reported (X003) and the others'
    findings are kept."""
    from refslint import workers

    if workers.start_method() != "fork":
        pytest.skip("list rules run in workers only where workers are forked")

    def broken(summaries, ctx):
        raise MemoryError("out of memory")
        yield

    text = _clean_lists()
    config = build_config(isolated=True)
    config.rules = tuple(r.replace(check=broken) if r.code == "N009" else r for r in config.rules)
    monkeypatch.setattr(linting, "PARALLEL_AT", 40)
    monkeypatch.setattr(linting, "PIECE", 11)
    results = []
    for jobs in (1, 2):
        config.jobs = jobs
        results.append(list(api.lint_source(Source("refs.txt", text), config).diagnostics))
    one, two = results
    assert two == one
    codes = {d.code for d in one}
    assert {"X003", "D001", "A004", "J004"} <= codes and "N009" not in codes
    assert workers.worker_state() is None


def test_workers_hand_the_shapes_they_parse_to_the_start_up_memo(tmp_path):
    """A long list checked in workers keeps, for the next run, the parse of every new shape of
    reference its workers met (a worker ends without saving the memo): the memo holds what a
    run in one process keeps."""
    import marshal

    lines = _clean_lists().splitlines()
    first = lines[0].split(". ", 1)[1]
    # the first 300 (the style's sample, read by the main process) all of one shape
    body = [first] * 300 + [line.split(". ", 1)[1] for line in lines] * 8
    (tmp_path / "refs.txt").write_text("".join(f"{i}. {r}\n" for i, r in enumerate(body[:2400], 1)))

    def shapes(jobs: str) -> set:
        cache = tmp_path / f"cache-{jobs}"
        run(["--isolated", "--exit-zero", "-q", "--jobs", jobs, "refs.txt"], cwd=tmp_path,
            env={"XDG_CACHE_HOME": str(cache)})
        _stamp, entries = marshal.loads((cache / "refslint" / "startup.marshal").read_bytes())
        return {key for key in entries if key[0] == "roles"}

    one, two = shapes("1"), shapes("2")
    assert len(one) > 10 and two == one
