"""GitHub Actions workflow commands: `::error file=...,line=...,col=...::message`, with the
property and message escapes GitHub requires (%, CR, LF; and `:` `,` in properties)."""

from __future__ import annotations

from collections.abc import Sequence

from . import line_index

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(results: Sequence) -> str:
    lines = []
    for result in results:
        index = line_index(result.source)
        for d in result.diagnostics:
            row, col = index.position(d.span.start)
            end_row, end_col = index.position(d.span.end)
            props = [f"file={escape_property(d.path)}", f"line={row}", f"col={col}"]
            if end_row == row:
                props.append(f"endColumn={end_col}")
            else:
                props.append(f"endLine={end_row}")
            props.append(f"title={escape_property(f'refslint {d.code} ({d.name})')}")
            lines.append(f"::{LEVELS[d.severity]} {','.join(props)}::{escape_data(f'{d.code} {d.message}')}")
    return "\n".join(lines)
