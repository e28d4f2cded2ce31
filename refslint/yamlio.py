"""YAML reading. PyYAML is imported only when a YAML text has to be parsed: the files refslint
ships (rules, presets, journal aliases) come from the start-up memo on most runs, so a run
without a YAML configuration does not load a YAML parser at all. libyaml's C loader is used
when PyYAML has it (about ten times faster than the pure-Python loader)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .cache import memo


class YAMLError(Exception):
    """A YAML syntax error, with PyYAML's `problem` and `problem_mark` when it gives them."""

    def __init__(self, original: Exception) -> None:
        super().__init__(str(original))
        self.problem = getattr(original, "problem", None)
        self.problem_mark = getattr(original, "problem_mark", None)


def safe_load(text: str) -> Any:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # SafeLoader: PyYAML without libyaml
    try:
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        raise YAMLError(exc) from None


def load_shipped(path: Path) -> Any:
    """A YAML file of refslint's own, parsed once per version of the file (cache.Memo)."""
    return memo.derived("yaml", path, lambda: safe_load(path.read_text(encoding="utf-8")))
