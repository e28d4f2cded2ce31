"""Which text nodes of a Word file an edit of its paragraphs' text touches, or why it may not.

An edit may change the text of runs, never the XML around them: it is refused when it touches
a tab, a break or a paragraph's end (no run holds them), when it crosses runs of different
formatting (the result would have to choose one), and inside a field's result: a reference
manager (Zotero, EndNote, Mendeley) writes its citations and bibliography from its own
database and overwrites any change made in Word, and Word regenerates its other fields.
"""

import re
from typing import NamedTuple

from ..model import Edit
from .docxpackage import Package


class Segment(NamedTuple):
    """Replace characters start..end of text node `node` with `replacement`."""

    node: int
    start: int
    end: int
    replacement: str


def segments(pkg: Package, edit: Edit) -> list[Segment] | str:
    """The node edits that make `edit` (in `pkg.text` coordinates), or why it cannot be made."""
    a, b = edit.span
    if a == b:  # an insertion goes after the character before it, or before the one after it
        for i, after in ((a - 1, True), (a, False)):
            if 0 <= i < len(pkg.node_of) and pkg.node_of[i] >= 0:
                why = _refused(pkg, [pkg.node_of[i]])
                if why:
                    return why
                offset = pkg.index_in[i] + (1 if after else 0)
                return [Segment(pkg.node_of[i], offset, offset, edit.replacement)]
        return "no run holds the text there"
    found: list[list[int]] = []  # [node, start, end]
    for i in range(a, b):
        node = pkg.node_of[i] if i < len(pkg.node_of) else -1
        if node < 0:
            return "the text is not a run's own text (a tab, a break or the end of a paragraph)"
        offset = pkg.index_in[i]
        if found and found[-1][0] == node and found[-1][2] == offset:
            found[-1][2] = offset + 1
        else:
            found.append([node, offset, offset + 1])
    why = _refused(pkg, [f[0] for f in found])
    if why:
        return why
    if len(found) == 1:
        n, s, e = found[0]
        head, tail = _kept(pkg.nodes[n].text[s:e], edit.replacement)
        return [Segment(n, s + head, e - tail, edit.replacement[head : len(edit.replacement) - tail])]
    return [Segment(n, s, e, edit.replacement if k == 0 else "") for k, (n, s, e) in enumerate(found)]


def _kept(old: str, new: str) -> tuple[int, int]:
    """How many characters at the start and at the end old and new share: a revision shows only
    what changes (`1653–1653` -> `1653` deletes `–1653`, `Pharm0aceutics` deletes `0`). A
    replacement keeps whole words, so an editor reads `IJMS` -> `Int J Mol Sci`, not `I` kept
    and `JMS` -> `nt J Mol Sci`."""
    head = len(_shared(old, new))
    tail = len(_shared(old[head:][::-1], new[head:][::-1]))
    if head < len(old) - tail and head < len(new) - tail:  # text deleted and text inserted
        while 0 < head < len(old) and old[head - 1].isalnum() and old[head].isalnum():
            head -= 1
        while 0 < tail < len(old) and old[len(old) - tail].isalnum() and old[len(old) - tail - 1].isalnum():
            tail -= 1
    return head, tail


def _shared(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _refused(pkg: Package, nodes: list[int]) -> str:
    runs = [pkg.runs[pkg.nodes[n].run] for n in nodes]
    for run in runs:
        field = run.field
        if field is not None and field.kind:
            return (f"inside {field.manager}'s {field.kind} field: fix it in {field.manager}, "
                    "which would overwrite a change made in Word")  # fmt: skip
        if field is not None and field.instruction != "HYPERLINK":
            return f"inside a Word field ({field.instruction or 'unnamed'}), which Word regenerates"
    if len({_look(run.rpr) for run in runs}) > 1:
        return "the text crosses runs of different formatting"
    return ""


_UNSEEN = re.compile(r"<w:(?:lang|noProof|webHidden)\b[^<>]*/>|\s+w:hint=\"[^\"<]*\"")


def _look(rpr: str) -> str:
    """A run's formatting as the reader sees it: the language (for spelling), `noProof` and a
    font hint for East Asian text change nothing on the page, and Word splits runs on them."""
    rpr = re.sub(r"<w:rFonts\s*/>", "", _UNSEEN.sub("", rpr))
    return "" if re.fullmatch(r"<w:rPr\s*/>|<w:rPr\s*>\s*</w:rPr>", rpr) else rpr
