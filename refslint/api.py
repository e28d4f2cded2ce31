"""What the command line and other programs call: lint a text, a file, or many paths."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config, build_config
from .decode import DecodeError, decode
from .engine import lint_references, unreadable
from .fix import FixResult, fix_text
from .model import Diagnostic, Reference, Source, gc_paused
from .parse import parse
from .sources import plaintext


@dataclass
class FileResult:
    path: str
    source: Source | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    references: int = 0
    verdict: str = ""  # why the file was (or was not) taken for a reference list


def list_verdict(refs: list[Reference]) -> tuple[bool, str]:
    """Is this a reference list? At least half of its entries must read as references (a
    citation block, or authors and a year, or a DOI), so a README, requirements.txt or
    LICENSE.txt passed by the pre-commit hook is left alone."""
    if not refs:
        return False, "not a reference list: no references found"
    like = sum(
        1
        for r in refs
        if "cite" in r.fields
        or ("authors" in r.fields and "year" in r.fields)
        or any("10." in t.value for t in r.trailers)
    )
    n = len(refs)
    if like and like * 2 >= n:
        return True, f"a reference list: {like} of {n} entries read as references"
    return False, f"not a reference list: {like} of {n} entries read as references"


@gc_paused
def references(text: str) -> list[Reference]:
    return [parse(entry, i) for i, entry in enumerate(plaintext.entries(text))]


def lint_text(text: str, path: str = "<text>", config: Config | None = None) -> list[Diagnostic]:
    """Findings for a reference list given as text."""
    config = config or build_config(isolated=True)
    return lint_references(path, references(text), config)


def lint_source(source: Source, config: Config) -> FileResult:
    refs = references(source.text)
    is_list, why = list_verdict(refs)
    if not is_list:
        return FileResult(source.path, source, [], 0, why)
    return FileResult(source.path, source, lint_references(source.path, refs, config), len(refs), why)


def lint_bytes(path: str, data: bytes, config: Config) -> FileResult:
    try:
        source = decode(path, data)
    except DecodeError as exc:
        return FileResult(path, None, unreadable(path, str(exc), config))
    return lint_source(source, config)


def lint_file(path: str, config: Config) -> FileResult:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return FileResult(path, None, unreadable(path, exc.strerror or str(exc), config))
    return lint_bytes(path, data, config)


def fix_source(source: Source, config: Config, unsafe: bool = False) -> tuple[FixResult, FileResult]:
    """Apply the fixable findings of a file's text; returns the fix and the findings left."""

    def lint(text: str) -> list[Diagnostic]:
        return lint_references(source.path, references(text), config)

    fixed = fix_text(source.text, lint, unsafe=unsafe, unfixable=config.unfixable)
    new_source = Source(source.path, fixed.text, source.encoding, source.bom)
    return fixed, FileResult(source.path, new_source, fixed.remaining, len(references(fixed.text)))


def expand_paths(
    paths: list[str], config: Config | None = None, force_exclude: bool = False
) -> Iterator[str]:
    """Files named explicitly are always linted; folders are walked for reference lists."""
    from .files import discover

    config = config or build_config(isolated=True)
    for path, _why in discover(
        paths, config.include, config.exclude, force_exclude, config.respect_gitignore
    ):
        yield path


def lint_paths(paths: list[str], config: Config | None = None) -> list[FileResult]:
    config = config or build_config()
    return [lint_file(p, config) for p in expand_paths(paths)]
