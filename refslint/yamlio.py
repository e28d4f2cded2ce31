"""YAML reading with libyaml's C loader when PyYAML has it (about ten times faster than the
pure-Python loader, which matters for start-up: the rule files are read on every run)."""

from __future__ import annotations

from typing import Any

import yaml

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

YAMLError = yaml.YAMLError


def safe_load(text: str) -> Any:
    return yaml.load(text, Loader=_Loader)
