"""Input and output formats are each one table (refslint/inputs.py, refslint/report/__init__.py):
everything that names formats reads it, so adding a format is adding a row and its module."""

from __future__ import annotations

import importlib
import io
import re

import yaml

from refslint import inputs
from refslint.cli import check_parser
from refslint.config import build_config
from refslint.files import DEFAULT_INCLUDE
from refslint.model import Source
from refslint.report import OUTPUT_TABLE, ReportOptions, writer
from refslint.sources import read

from .conftest import ROOT


def _choices(option: str) -> tuple[str, ...]:
    action = next(a for a in check_parser()._actions if option in a.option_strings)
    return tuple(action.choices)


def test_every_input_format_has_a_reader_and_is_offered_everywhere():
    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    hook_files = re.compile(hook["files"])
    assert _choices("--input-format") == inputs.FORMATS
    for f in inputs.FORMAT_TABLE:
        doc = read(Source(f"empty{f.extensions[0]}", ""), f.name)
        assert doc.format == f.name and list(doc.entries) == []
        for ext in f.extensions:
            assert inputs.format_for(f"paper{ext}") == f.name
            assert f"*{ext}" in DEFAULT_INCLUDE
            assert hook_files.search(f"paper{ext}"), f"the pre-commit hook does not run on {ext} files"
    assert inputs.format_for("notes") == inputs.format_for("-") == inputs.DEFAULT


def test_every_output_format_writes_a_report_of_nothing():
    assert _choices("--format") == tuple(f.name for f in OUTPUT_TABLE)
    for f in OUTPUT_TABLE:
        importlib.import_module(f"refslint.report.{f.module}")
        out = io.StringIO()
        report = writer(f.name, out, ReportOptions(rules=build_config(isolated=True).rules))
        report.close()
        assert out.getvalue().endswith("\n"), f.name
