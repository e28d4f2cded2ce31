"""A baseline: the findings a manuscript had when refslint was adopted, hidden until the
reference they are in changes.

`refslint --write-baseline FILE` records every current finding as (path, code, fingerprint);
`--baseline FILE` (or `baseline:` in the configuration) hides findings that match a record.
The fingerprint is a hash of the code and the reference's text with white space collapsed, not
of its position: renumbering, reordering or editing other references keeps findings hidden,
while editing the reference itself shows its findings again. A finding outside any reference
(a citation in the text) is fingerprinted by its line.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import Counter

from .errors import UsageError
from .fix import write_atomic
from .model import Diagnostic

VERSION = 1


def _context(result, d: Diagnostic) -> str:
    doc = result.document
    text = result.source.text if result.source is not None else ""
    if d.path == result.path and doc is not None and 0 <= d.reference < len(doc.entry_spans):
        span = doc.entry_spans[d.reference]
        return text[span.start : span.end]
    if d.path != result.path:
        return d.message
    start = text.rfind("\n", 0, d.span.start) + 1
    end = text.find("\n", d.span.start)
    return text[start : len(text) if end < 0 else end]


def fingerprint(result, d: Diagnostic) -> str:
    context = " ".join(_context(result, d).split())
    return hashlib.sha256(f"{d.code}\0{context}".encode()).hexdigest()[:20]


def _key(folder: str, result, d: Diagnostic) -> tuple[str, str, str]:
    path = os.path.relpath(os.path.abspath(d.path), folder).replace(os.sep, "/")
    return path, d.code, fingerprint(result, d)


def write(path: str, results: list) -> int:
    folder = os.path.dirname(os.path.abspath(path))
    records = []
    for result in results:
        for d in result.diagnostics:
            p, code, fp = _key(folder, result, d)
            records.append({"path": p, "code": code, "fingerprint": fp, "message": d.message})
    records.sort(key=lambda r: (r["path"], r["code"], r["fingerprint"]))
    data = json.dumps({"version": VERSION, "findings": records}, indent=2, ensure_ascii=False) + "\n"
    try:
        if not os.path.exists(path):
            with open(path, "x", encoding="utf-8"):
                pass
        write_atomic(path, data.encode("utf-8"))
    except OSError as exc:
        raise UsageError(f"cannot write baseline {path}: {exc.strerror or exc}") from None
    return len(records)


def load(path: str) -> Counter[tuple[str, str, str]]:
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except OSError as exc:
        raise UsageError(f"cannot read baseline {path}: {exc.strerror or exc}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise UsageError(f"baseline {path} is not valid JSON ({exc})") from None
    records = data.get("findings") if isinstance(data, dict) else None
    if data.get("version") != VERSION or not isinstance(records, list):  # type: ignore[union-attr]
        raise UsageError(f"baseline {path}: not a refslint baseline (version {VERSION})")
    known: Counter[tuple[str, str, str]] = Counter()
    for r in records:
        if not isinstance(r, dict) or not all(
            isinstance(r.get(k), str) for k in ("path", "code", "fingerprint")
        ):
            raise UsageError(f"baseline {path}: each finding needs path, code and fingerprint")
        known[(r["path"], r["code"], r["fingerprint"])] += 1
    return known


class Baseline:
    def __init__(self, path: str) -> None:
        self.path = path
        self.known = load(path)
        self.folder = os.path.dirname(os.path.abspath(path))

    def filter(self, result) -> list[Diagnostic]:
        """The findings of one file's result that the baseline does not record."""
        left = Counter(self.known)
        kept = []
        for d in result.diagnostics:
            key = _key(self.folder, result, d)
            if left[key] > 0:
                left[key] -= 1
            else:
                kept.append(d)
        return kept
