"""What the command line and other programs call: lint a text, a file, or many paths."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config, build_config
from .decode import DecodeError, decode
from .engine import lint_references, unreadable
from .fix import FixResult, fix_text
from .model import Diagnostic, Reference, Source
from .parse import parse
from .sources import plaintext

LIST_SUFFIXES = (".txt",)


@dataclass
class FileResult:
    path: str
    source: Source | None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    references: int = 0


def references(text: str) -> list[Reference]:
    return [parse(entry, i) for i, entry in enumerate(plaintext.entries(text))]


def lint_text(text: str, path: str = "<text>", config: Config | None = None) -> list[Diagnostic]:
    """Findings for a reference list given as text."""
    config = config or build_config(isolated=True)
    return lint_references(path, references(text), config)


def lint_source(source: Source, config: Config) -> FileResult:
    refs = references(source.text)
    return FileResult(source.path, source, lint_references(source.path, refs, config), len(refs))


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


def expand_paths(paths: list[str]) -> Iterator[str]:
    """Files named explicitly are always linted; folders are walked for reference lists."""
    for p in paths:
        if p == "-" or not os.path.isdir(p):
            yield p
            continue
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.endswith(LIST_SUFFIXES):
                    yield os.path.join(root, name)


def lint_paths(paths: list[str], config: Config | None = None) -> list[FileResult]:
    config = config or build_config()
    return [lint_file(p, config) for p in expand_paths(paths)]
