"""Writing a Word file: fixes spliced into the runs' text (or written as tracked changes), and
comments for --add-noqa. The Word row of inputs.FORMAT_TABLE names this module as its `writer`:
`Splicer` is what --fix applies a round's edits with, `add_comments` what --add-noqa calls.

Only the text of the runs a fix touches changes: each edit is made in the part's XML text, so
every other byte of that part, and every other part of the package (styles, images, comments,
settings, relationships), is written back as it was read. With `track` a fix becomes a Word
revision instead: the run is split around the old text, which moves into a `w:del` (as
`w:delText`), and the new text is a `w:ins`, both by author "refslint", with the run's own
formatting, for an editor to accept or reject.
"""

from __future__ import annotations

import io
import os
import re
import time
import zipfile
from collections import defaultdict
from collections.abc import Iterable

from .model import Diagnostic, Edit, Source
from .sources import Document
from .sources.docxedit import Segment, segments
from .sources.docxpackage import COMMENTS, Package, escape, read_package

AUTHOR = "refslint"
REL_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
_W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


class Splicer:
    """The rounds of --fix on a Word file: `apply` makes a round's edits of the text in the
    package and returns the new text; `source` is the Source of any text it made."""

    def __init__(self, source: Source, track: bool = False) -> None:
        self.path = source.path
        self.track = track
        self.packages: dict[str, Package] = {source.text: source.package}

    def source(self, text: str) -> Source:
        pkg = self.packages[text]
        return Source(self.path, pkg.text, "docx", b"", pkg)

    def apply(self, text: str, edits: list[Edit]) -> str:
        pkg = self.packages[text]
        changed = splice(pkg, edits, self.track)
        if changed is None:
            return text
        new = read_package(changed)
        self.packages.setdefault(new.text, new)
        return new.text


def _date() -> str:
    # SOURCE_DATE_EPOCH: reproducible output (the tests, a build) names its own time.
    stamp = os.environ.get("SOURCE_DATE_EPOCH")
    seconds = int(stamp) if stamp and stamp.isdigit() else int(time.time())
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


def splice(pkg: Package, edits: Iterable[Edit], track: bool = False) -> bytes | None:
    """The package's bytes with the edits made in its runs; None when no edit could be made."""
    by_node: dict[int, list[Segment]] = defaultdict(list)
    runs_taken: dict[int, int] = {}  # run -> the one node of it a tracked round edits
    for edit in edits:
        found = segments(pkg, edit)
        if isinstance(found, str):
            continue  # refused: the finding said why
        if track and any(not _trackable(pkg, s.node, runs_taken) for s in found):
            continue  # left for the next round, on the text this round makes
        for s in found:
            by_node[s.node].append(s)
            runs_taken[pkg.nodes[s.node].run] = s.node
    if not by_node:
        return None
    by_part: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    ids = _next_id(pkg)
    date = _date()
    for node_index, segs in by_node.items():
        node = pkg.nodes[node_index]
        segs.sort(key=lambda s: (s.start, s.end))
        if track:
            run = pkg.runs[node.run]
            by_part[node.part].append((run.start, run.end, _tracked(pkg, node_index, segs, ids, date)))
        else:
            out, pos = [], 0
            for s in segs:
                out.append(node.text[pos : s.start] + s.replacement)
                pos = s.end
            out.append(node.text[pos:])
            by_part[node.part].append((node.start, node.end, _text_element(pkg, node_index, "".join(out))))
    parts = {}
    for part, replacements in by_part.items():
        xml = pkg.parts[part]
        for start, end, new in sorted(replacements, reverse=True):
            xml = xml[:start] + new + xml[end:]
        parts[part] = xml.encode("utf-8")
    return rewrite_zip(pkg.data, parts)


def _trackable(pkg: Package, node: int, runs_taken: dict[int, int]) -> bool:
    run_index = pkg.nodes[node].run
    run = pkg.runs[run_index]
    # A revision inside a revision is not valid WordprocessingML; one node a run per round; the
    # revision elements are written `w:`, the prefix (nearly) every Word file uses.
    return (run.parent in ("p", "hyperlink") and runs_taken.get(run_index, node) == node
            and run.part in pkg.w_prefix)  # fmt: skip


def _text_element(pkg: Package, node_index: int, text: str) -> str:
    """The `w:t` element holding text, written as the original was (its tag kept), with
    xml:space="preserve" added when the text now starts or ends with a space."""
    node = pkg.nodes[node_index]
    tag = pkg.parts[node.part][node.start : node.tag_end]
    if not node.preserve and text != text.strip():
        tag = tag[:-1].rstrip("/") + ' xml:space="preserve">'
    close = pkg.parts[node.part][node.content_end : node.end]
    return f"{tag}{escape(text)}{close}"


def _next_id(pkg: Package):
    """Revision ids above every w:id the document's parts use."""
    used = [int(n) for xml in pkg.parts.values() for n in re.findall(r'w:id="(\d{1,9})"', xml)]
    counter = [max(used, default=0)]

    def take() -> int:
        counter[0] += 1
        return counter[0]

    return take


def _tracked(pkg: Package, node_index: int, segs: list[Segment], ids, date: str) -> str:
    """The run holding the node, split around each edit into kept runs, a deletion and an
    insertion, every piece with the run's own formatting."""
    node = pkg.nodes[node_index]
    run = pkg.runs[node.run]
    xml = pkg.parts[node.part]
    open_tag, rpr = xml[run.start : run.open_end], run.rpr
    before = xml[run.rpr_end : node.start]  # the run's other content before the text
    after = xml[node.end : run.close]

    def kept(text: str, head: str = "", tail: str = "") -> str:
        if not (text or head or tail):
            return ""
        body = f'<w:t xml:space="preserve">{escape(text)}</w:t>' if text else ""
        return f"{open_tag}{rpr}{head}{body}{tail}</w:r>"

    def revision(kind: str, text: str) -> str:
        element = "w:delText" if kind == "del" else "w:t"
        return (f'<w:{kind} w:id="{ids()}" w:author="{AUTHOR}" w:date="{date}"><w:r>{rpr}'
                f'<{element} xml:space="preserve">{escape(text)}</{element}></w:r></w:{kind}>')  # fmt: skip

    out, pos, head = [], 0, before
    for s in segs:
        out.append(kept(node.text[pos : s.start], head))
        head = ""
        if s.end > s.start:
            out.append(revision("del", node.text[s.start : s.end]))
        if s.replacement:
            out.append(revision("ins", s.replacement))
        pos = s.end
    out.append(kept(node.text[pos:], head, after))
    return "".join(out)


def rewrite_zip(data: bytes, parts: dict[str, bytes]) -> bytes:
    """The package with `parts` replaced or added; every other member is copied as it was
    (its content, name, order, date, compression and attributes)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = parts.get(info.filename)
            dst.writestr(info, content if content is not None else src.read(info))
        for name in sorted(set(parts) - set(src.namelist())):
            dst.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), parts[name],
                         compress_type=zipfile.ZIP_DEFLATED)  # fmt: skip
    return out.getvalue()


# --- --add-noqa: a Word comment on each entry with findings ------------------------------------


def add_comments(doc: Document, diagnostics: list[Diagnostic]) -> tuple[bytes, int] | None:
    """The package with a comment `refslint: ignore[CODES]` anchored on each entry with
    findings (the comments part, its relationship and content type added when missing), and
    how many were added; None when nothing needs one."""
    pkg: Package = doc.spans.pkg  # type: ignore[union-attr]
    wanted: dict[int, set[str]] = defaultdict(set)  # paragraph -> codes
    from bisect import bisect_right

    from .checks import UNUSED_SUPPRESSION

    for d in diagnostics:
        if d.path != doc.path or d.code == UNUSED_SUPPRESSION.code:
            continue
        span = next((s for s in doc.entry_spans if s.start <= d.span.start <= s.end), d.span)
        wanted[bisect_right(pkg.starts, span.start) - 1].add(d.code)
    if not wanted or "word/document.xml" not in pkg.w_prefix:
        return None
    body = pkg.parts["word/document.xml"]
    comments = pkg.parts.get(COMMENTS)
    ids = _next_comment_id(comments)
    date = _date()
    inserts: list[tuple[int, str]] = []
    new_comments = []
    for index, codes in sorted(wanted.items()):
        p = pkg.paragraphs[index]
        if p.part != "word/document.xml":
            continue
        cid = ids()
        written = ", ".join(sorted(codes))
        new_comments.append(
            f'<w:comment w:id="{cid}" w:author="{AUTHOR}" w:date="{date}" w:initials="RL"><w:p><w:r>'
            f"<w:t>refslint: ignore[{escape(written)}]</w:t></w:r></w:p></w:comment>"
        )
        start, end = _paragraph_content(body, p.start)
        inserts.append((start, f'<w:commentRangeStart w:id="{cid}"/>'))
        reference = f'<w:r><w:commentReference w:id="{cid}"/></w:r>'
        inserts.append((end, f'<w:commentRangeEnd w:id="{cid}"/>{reference}'))
    for pos, text in sorted(inserts, key=lambda x: x[0], reverse=True):
        body = body[:pos] + text + body[pos:]
    parts = {"word/document.xml": body.encode("utf-8")}
    if comments is None:
        parts[COMMENTS] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f"<w:comments {_W_NS}>{''.join(new_comments)}</w:comments>"
        ).encode()
        parts.update(_register_comments(pkg.data))
    else:
        close = comments.rfind("</w:comments>")
        parts[COMMENTS] = (comments[:close] + "".join(new_comments) + comments[close:]).encode("utf-8")
    return rewrite_zip(pkg.data, parts), len(new_comments)


def _next_comment_id(comments: str | None):
    used = [int(n) for n in re.findall(r'<w:comment\b[^>]*w:id="(\d+)"', comments or "")]
    counter = [max(used, default=-1)]

    def take() -> int:
        counter[0] += 1
        return counter[0]

    return take


def _paragraph_content(body: str, start: int) -> tuple[int, int]:
    """Where a paragraph's content starts (after its properties) and ends (before `</w:p>`)."""
    open_end = body.index(">", start) + 1
    ppr = re.compile(r"\s*<w:pPr\b.*?</w:pPr>|\s*<w:pPr\b[^>]*/>", re.DOTALL).match(body, open_end)
    content = ppr.end() if ppr else open_end
    depth, pos = 1, open_end
    tags = re.compile(r"<(/?)w:p\b[^>]*?(/?)>")
    while depth:
        m = tags.search(body, pos)
        if m is None:
            return content, len(body)
        if m.group(1):
            depth -= 1
        elif not m.group(2):
            depth += 1
        pos = m.end()
    return content, m.start()


def _register_comments(data: bytes) -> dict[str, bytes]:
    """The relationship and the content type a new comments part needs."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        rels = zf.read("word/_rels/document.xml.rels").decode("utf-8")
        types = zf.read("[Content_Types].xml").decode("utf-8")
    taken = set(re.findall(r'Id="([^"]+)"', rels))
    rid = next(f"rId{n}" for n in range(1, len(taken) + 2) if f"rId{n}" not in taken)
    relationship = f'<Relationship Id="{rid}" Type="{REL_COMMENTS}" Target="comments.xml"/>'
    rels = _before(rels, "</Relationships>", relationship)
    if "/word/comments.xml" not in types:
        override = f'<Override PartName="/word/comments.xml" ContentType="{CT_COMMENTS}"/>'
        types = _before(types, "</Types>", override)
    return {"word/_rels/document.xml.rels": rels.encode(), "[Content_Types].xml": types.encode()}


def _before(xml: str, close: str, element: str) -> str:
    """element added as the last child of the root element, which `close` ends."""
    at = xml.rfind(close)
    return xml[:at] + element + xml[at:]
