"""Start-up work kept between runs (cache.Memo): the shipped YAML and the parse of each shape
of reference. What a user would notice: the same findings with or without the memo, a damaged
memo is replaced without a word, and a warm run of a plain list loads neither a YAML parser nor
Lark. And no private interpreter internals anywhere."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import refslint

from .conftest import FIXTURES, run

LIST = FIXTURES / "manuscripts" / "references.txt"


def _env(cache: Path) -> dict[str, str]:
    return {"XDG_CACHE_HOME": str(cache), "REFSLINT_NO_CACHE": ""}


def test_the_memo_changes_nothing_but_time(tmp_path):
    without = run(["--isolated", str(LIST)], env={"REFSLINT_NO_CACHE": "1"})
    first = run(["--isolated", str(LIST)], env=_env(tmp_path))
    memo = tmp_path / "refslint" / "startup.marshal"
    assert memo.is_file()
    second = run(["--isolated", str(LIST)], env=_env(tmp_path))
    assert without.returncode == first.returncode == second.returncode == 1
    assert without.stdout == first.stdout == second.stdout
    assert b"D001" in second.stdout


def test_a_damaged_memo_is_replaced_silently(tmp_path):
    run(["--isolated", str(LIST)], env=_env(tmp_path))
    memo = tmp_path / "refslint" / "startup.marshal"
    good = run(["--isolated", str(LIST)], env=_env(tmp_path)).stdout
    for damage in (b"", b"\x00garbage", memo.read_bytes()[:100]):
        memo.write_bytes(damage)
        result = run(["--isolated", str(LIST)], env=_env(tmp_path))
        assert result.stdout == good and result.stderr == b""
        assert memo.stat().st_size > 1000  # written again


def test_a_warm_run_of_a_plain_list_loads_neither_yaml_nor_lark(tmp_path):
    run(["--isolated", str(LIST)], env=_env(tmp_path))
    probe = (
        "import sys\n"
        "from refslint.cli import main\n"
        f"sys.argv = ['refslint', '--isolated', {str(LIST)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('loaded:', [m for m in ('yaml', 'lark') if m in sys.modules], file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": str(tmp_path),
             "PYTHONPATH": str(Path(refslint.__file__).parent.parent)},
    )
    assert "loaded: []" in result.stderr, result.stderr
    assert "D001" in result.stdout


def test_modules_that_define_namedtuples_do_not_defer_their_annotations():
    """typing.NamedTuple compiles every field annotation written as a string (as `from __future__
    import annotations` writes them all) into a ForwardRef: ~1 ms at every start for the 216
    fields refslint imports. Such modules evaluate their annotations (forward references
    quoted)."""
    for path in Path(refslint.__file__).parent.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        named = any(
            isinstance(node, ast.ClassDef) and any(getattr(b, "id", None) == "NamedTuple" for b in node.bases)
            for node in ast.walk(tree)
        )
        deferred = any(
            isinstance(node, ast.ImportFrom) and node.module == "__future__"
            and any(a.name == "annotations" for a in node.names)
            for node in tree.body
        )  # fmt: skip
        assert not (named and deferred), path.name


def test_no_private_interpreter_internals_are_imported():
    """`_sre`, `re._parser`, `re._compiler`, `sre_parse`: they change between CPython releases
    (3.13 and 3.14 differ), and a quiet fallback would hide the breakage."""
    private = {"_sre", "sre_parse", "sre_compile", "sre_constants", "_parser", "_compiler", "_constants"}
    for path in Path(refslint.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [part for a in node.names for part in a.name.split(".")]
            elif isinstance(node, ast.ImportFrom):
                names = [*(node.module or "").split("."), *(a.name for a in node.names)]
            elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "re":
                names = [node.attr]
            assert not private & set(names), f"{path.name}:{node.lineno}: {names}"


def test_the_command_ends_without_teardown_yet_loses_nothing(tmp_path):
    """`refslint` ends its process without the interpreter's teardown (cli.run): its report
    must still be whole, on a pipe and in an `-o` file, its exit status kept and its memo
    saved."""
    for fmt in ("text", "json"):
        cache = tmp_path / fmt
        piped = run(["--isolated", "--format", fmt, str(LIST)], env=_env(cache))
        out = tmp_path / f"report.{fmt}"
        written = run(["--isolated", "--format", fmt, "-o", str(out), str(LIST)], env=_env(cache))
        assert piped.returncode == written.returncode == 1
        assert piped.stdout and piped.stdout == out.read_bytes()
        assert (cache / "refslint" / "startup.marshal").is_file()


def test_what_was_derived_from_an_earlier_state_of_a_file_is_dropped(tmp_path, monkeypatch):
    """Each edit or reinstall of a shipped file (its time changes) derives its data anew; the
    memo keeps only the latest (a checkout installed a dozen times carried 2 MB of old ones)."""
    import marshal
    import os

    from refslint import cache

    monkeypatch.setattr(cache, "_ON_DISK", True)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("REFSLINT_NO_CACHE", raising=False)
    words = tmp_path / "words.txt"
    for n, text in enumerate(("alpha\n", "alpha\nbeta\n", "alpha\nbeta\ngamma\n"), 1):
        words.write_text(text)
        os.utime(words, ns=(n * 10**9, n * 10**9))
        memo = cache.Memo()
        assert memo.derived("lines", words, lambda: words.read_text().split()) == text.split()
        memo.save()
        _stamp, entries = marshal.loads((tmp_path / "cache" / "refslint" / "startup.marshal").read_bytes())
        assert [k[2:] for k in entries if k[:2] == ("lines", str(words))] == [(n * 10**9, len(text))]
    # ... and so does an entry a worker or a split run's child derived and handed back
    old = cache.Memo()
    old.derived("lines", words, lambda: ["stale"])
    words.write_text("delta\n")
    child = cache.Memo()
    child.derived("lines", words, lambda: ["delta"])
    old.update(child.added())
    old.save()
    _stamp, entries = marshal.loads((tmp_path / "cache" / "refslint" / "startup.marshal").read_bytes())
    assert [marshal.loads(v) for k, v in entries.items() if k[:2] == ("lines", str(words))] == [["delta"]]
