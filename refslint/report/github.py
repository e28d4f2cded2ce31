"""GitHub Actions workflow commands: `::error file=...,line=...,col=...::message`, with the
property and message escapes GitHub requires (%, CR, LF; and `:` `,` in properties)."""

from __future__ import annotations

from typing import TextIO

from . import ReportOptions, located

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class Writer:
    def __init__(self, out: TextIO, options: ReportOptions) -> None:
        self.out = out
        self.count = 0

    def file(self, result) -> None:
        for d, index in located(result):
            row, col, end_row, end_col = index.positions(d.span.start, d.span.end)
            props = [f"file={escape_property(d.path)}", f"line={row}", f"col={col}"]
            if end_row == row:
                props.append(f"endColumn={end_col}")
            else:
                props.append(f"endLine={end_row}")
            props.append(f"title={escape_property(f'refslint {d.code} ({d.name})')}")
            message = escape_data(f"{d.code} {d.message}")
            self.out.write(f"::{LEVELS[d.severity]} {','.join(props)}::{message}\n")
            self.count += 1

    def close(self, fixed: int = 0) -> None:
        if not self.count:  # (the report is one empty line, as it always was)
            self.out.write("\n")
