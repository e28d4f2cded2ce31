"""JUnit XML: one test suite per file, one failing test case per finding (a clean file is one
passing test case), for CI systems that show test reports."""

from __future__ import annotations

from collections.abc import Sequence
from xml.etree import ElementTree as ET

from . import line_index


def render(results: Sequence) -> str:
    suites = ET.Element("testsuites", name="refslint")
    total = failures = 0
    for result in results:
        index = line_index(result.source)
        n = len(result.diagnostics)
        suite = ET.SubElement(
            suites, "testsuite", name=result.path, tests=str(max(n, 1)), failures=str(n), errors="0"
        )
        if not n:
            ET.SubElement(suite, "testcase", name=f"{result.path}: no problems", classname=result.path)
        for d in result.diagnostics:
            row, col = index.position(d.span.start)
            case = ET.SubElement(
                suite,
                "testcase",
                name=f"{d.code} at {row}:{col}",
                classname=result.path,
                file=result.path,
                line=str(row),
            )
            failure = ET.SubElement(case, "failure", message=f"{d.code} {d.message}", type=d.code)
            failure.text = f"{d.path}:{row}:{col}: {d.code} {d.message}"
        total += max(n, 1)
        failures += n
    suites.set("tests", str(total))
    suites.set("failures", str(failures))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode")
