"""Shared helpers: lint text the way users do, and run the installed `refslint` command."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from refslint.api import lint_text
from refslint.config import build_config

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus"


EXTENSION = {"text": "txt", "markdown": "md", "latex": "tex", "bibtex": "bib"}


def codes(text: str, preset: str | None = None, path: str = "list.txt", **kwargs) -> list[str]:
    """Rule codes found in `text` (read as the format path's extension names), in order."""
    config = build_config(isolated=True, preset=preset, **kwargs)
    return [d.code for d in lint_text(text, path, config)]


def example_path(rule) -> str:
    """Where a rule's examples are written: a plain-text list unless the rule is only about
    manuscripts or BibTeX files."""
    fmt = "text" if "text" in rule.formats else rule.formats[0]
    return f"example.{EXTENSION[fmt]}"


def findings(text: str, preset: str | None = None) -> list:
    return lint_text(text, "list.txt", build_config(isolated=True, preset=preset))


def refslint_command() -> list[str]:
    exe = shutil.which("refslint")
    return [exe] if exe else [sys.executable, "-m", "refslint"]


def run(args: list[str], cwd: Path | None = None, stdin: bytes | None = None,
        env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    full_env.update({"NO_COLOR": "1", **(env or {})})
    return subprocess.run(
        [*refslint_command(), *args], cwd=cwd, input=stdin, capture_output=True, env=full_env,
        timeout=120,
    )


@pytest.fixture
def seed_path() -> Path:
    path = CORPUS / "seed" / "references.txt"
    if not path.exists():
        pytest.skip("the shared corpus (../shared/corpus) is not next to this checkout")
    return path
