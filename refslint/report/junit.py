"""JUnit XML: one test suite per file, one failing test case per finding (a clean file is one
passing test case), for CI systems that show test reports.

The root element carries the totals, known only at the end: the suites are written to a
temporary file as they come (in memory while it is small) and copied after the root's start.
Each element is written by ElementTree itself, so escaping and layout are its own."""

from __future__ import annotations

import tempfile
from typing import TextIO
from xml.etree import ElementTree as ET

from . import ReportOptions, located

HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n'
_SPOOL_IN_MEMORY = 8 << 20  # characters of suites kept in memory before they go to disk


def _xml(element: ET.Element, level: int) -> str:
    ET.indent(element, level=level)
    return ET.tostring(element, encoding="unicode")


def _start_tag(tag: str, **attributes: str) -> str:
    empty = ET.tostring(ET.Element(tag, attributes), encoding="unicode")  # `<tag a="1" />`
    return empty[: -len(" />")] + ">"


class Writer:
    def __init__(self, out: TextIO, options: ReportOptions) -> None:
        self.out = out
        self.spool = tempfile.SpooledTemporaryFile(_SPOOL_IN_MEMORY, mode="w+", encoding="utf-8", newline="")
        self.suites = self.total = self.failures = 0

    def file(self, result) -> None:
        n = len(result.diagnostics)
        write = self.spool.write
        counts = {"tests": str(max(n, 1)), "failures": str(n), "errors": "0"}
        write("\n  " + _start_tag("testsuite", name=result.path, **counts))
        if not n:
            case = ET.Element("testcase", name=f"{result.path}: no problems", classname=result.path)
            write("\n    " + _xml(case, 2))
        for d, index in located(result):
            row, col = index.position(d.span.start)
            name = f"{d.code} at {row}:{col}"
            case = ET.Element("testcase", name=name, classname=result.path, file=result.path, line=str(row))
            failure = ET.SubElement(case, "failure", message=f"{d.code} {d.message}", type=d.code)
            failure.text = f"{d.path}:{row}:{col}: {d.code} {d.message}"
            write("\n    " + _xml(case, 2))
        write("\n  </testsuite>")
        self.suites += 1
        self.total += max(n, 1)
        self.failures += n

    def close(self, fixed: int = 0) -> None:
        totals = {"tests": str(self.total), "failures": str(self.failures)}
        out = self.out
        if not self.suites:
            root = ET.Element("testsuites", name="refslint", **totals)
            out.write(HEADER + ET.tostring(root, encoding="unicode") + "\n")
            return
        out.write(HEADER + _start_tag("testsuites", name="refslint", **totals))
        self.spool.seek(0)
        while True:
            piece = self.spool.read(1 << 20)
            if not piece:
                break
            out.write(piece)
        self.spool.close()
        out.write("\n</testsuites>\n")
