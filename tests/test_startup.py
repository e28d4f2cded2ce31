"""Start-up work kept between runs (cache.Memo): compiled patterns and the shipped YAML. What
a user would notice: the same findings with or without the memo, a damaged memo is replaced
without a word, and a warm run of a plain list loads neither a YAML parser nor Lark."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from pathlib import Path

import refslint
from refslint import rx

from .conftest import FIXTURES, run

LIST = FIXTURES / "manuscripts" / "references.txt"


def _module_patterns() -> list[re.Pattern[str]]:
    # Loaded for their module-level patterns: the parser, the rules and every reader.
    for name in ("api", "sources.bibtex", "sources.latex", "sources.markdown"):
        importlib.import_module(f"refslint.{name}")

    found = []
    for name, module in list(sys.modules.items()):
        if name.startswith("refslint"):
            found += [v for v in vars(module).values() if isinstance(v, re.Pattern)]
    return found


def test_every_pattern_rebuilt_from_its_code_is_the_pattern_re_compiles():
    patterns = _module_patterns()
    assert len(patterns) > 80
    for p in patterns:
        again = rx.compile(p.pattern, p.flags)
        assert again == re.compile(p.pattern, p.flags), p.pattern  # equality compares the code
        assert again.groupindex == p.groupindex and again.groups == p.groups


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


def test_a_bad_stored_code_or_a_changed_compiler_falls_back_to_re_compile(monkeypatch, tmp_path):
    """Stored code that _sre rejects (a damaged memo), or a Python whose private compiler
    changed: the pattern is compiled as usual, and nothing wrong is stored."""
    from refslint.cache import memo

    pattern = r"(?P<year>(?:19|20)\d\d);(?P<volume>\d+)"
    key = ("re", pattern, 0)
    stored = {key: (32, [1, 2, 3], 2, {}, ())}
    monkeypatch.setattr(memo, "_entries", stored)
    monkeypatch.setattr(memo, "_path", str(tmp_path / "memo"))
    monkeypatch.setattr(memo, "_changed", True)  # (no save at exit for this test's memo)
    compiled = rx.compile(pattern)
    assert compiled == re.compile(pattern)
    assert compiled.match("2019;4").group("volume") == "4"
    assert stored[key][1] != [1, 2, 3]  # replaced by the real code

    def changed(*_args):
        raise AttributeError("no such private function")

    monkeypatch.setattr(rx, "_code", changed)
    stored.clear()
    assert rx.compile(pattern) == re.compile(pattern)
    assert stored == {}
