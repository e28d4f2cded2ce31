"""Run `refslint --isolated --format json` on many lists at once and sort its findings by list
and row. One process lints every list of a style: start-up is paid once, as a user linting a
folder pays it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class LintResult:
    # findings[list name][row] = codes reported on that row
    findings: dict[str, dict[int, list[str]]] = field(default_factory=dict)
    not_taken: set[str] = field(default_factory=set)  # lists refslint did not read as reference lists


_VERDICT = re.compile(r"^refslint: (.+?): (?:\w+: )?(not )?a reference list")


def lint_lists(texts: dict[str, str]) -> LintResult:
    """texts: name (a relative path ending in .txt) -> list text."""
    result = LintResult()
    with tempfile.TemporaryDirectory(prefix="refslint-styles-") as tmp:
        for name, text in texts.items():
            path = Path(tmp, name)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        folders = sorted({Path(name).parts[0] for name in texts})
        proc = subprocess.run(
            [sys.executable, "-m", "refslint", "--isolated", "--format", "json", "-v", *folders],
            cwd=tmp, capture_output=True, text=True, check=False,
        )
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"refslint failed ({proc.returncode}): {proc.stderr[-2000:]}")
    for finding in json.loads(proc.stdout or "[]"):
        name = Path(finding["filename"]).as_posix()
        rows = result.findings.setdefault(name, {})
        rows.setdefault(finding["location"]["row"], []).append(finding["code"])
    for line in proc.stderr.splitlines():
        m = _VERDICT.match(line)
        if m and m.group(2):
            result.not_taken.add(Path(m.group(1)).as_posix())
    return result
