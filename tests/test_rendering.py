"""What refslint writes into a manuscript never changes what the manuscript renders.

Markdown is rendered with markdown-it-py (a CommonMark implementation): `--add-noqa` and `--fix`
must leave the block structure (paragraphs, lists, items, code) and the text outside the
reference entries exactly as they were. LaTeX is compared as the stream of TeX tokens outside
comments: `--add-noqa` may only add comment lines, and `--fix` may only change text inside the
bibliography. refslint's own reading of Markdown code blocks is compared with markdown-it-py's
on generated documents.
"""

from __future__ import annotations

import random
import re
from bisect import bisect_right

import pytest
from markdown_it import MarkdownIt

from refslint.sources.mdblocks import code_block_lines

from .conftest import FIXTURES, ROOT, run

MD = MarkdownIt("commonmark")

# Two paragraphs (one cites past the end of the list) and one numbered list whose items have
# findings, one of them wrapped over two lines: what --add-noqa once split into 3 paragraphs and
# 5 lists.
MANUSCRIPT = """# Results

Stem cells repair the lung [1], as trials show [2, 3], and more [9].
They also help the skin [4].

Second paragraph, no citation.{TWO_SPACES}
A hard line break above, and one here\\
and the paragraph goes on.

## References

1. Yao D, Ye S. Adipose-derived stem cells for psoriasis. Ann Transl Med. 2021;9(22):1653–1653.
2. Munoz-Perez E. Secretome for inflammatory diseases. Pharm0aceutics.
   2021;13(11):1802. Vol Page 2021;13:1802.
3. Umezawa Y. Psoriatic  arthritis. J Dermatol. 2021;48(6):741–749.
4. Liu L, Song H. TSG-6 attenuates burn-induced inflammation. Sci Rep. 2016;6:30121.
""".replace("{TWO_SPACES}", "  ")


def _blocks(text: str) -> list[tuple[str, int]]:
    """The block structure: (token type, nesting level) of every block token."""
    return [(t.type, t.level) for t in MD.parse(text) if t.type != "inline"]


def _html_without_comments(text: str) -> str:
    html = re.sub(r"<!--.*?-->", "", MD.render(text), flags=re.DOTALL)
    return re.sub(r"\s+", " ", html).replace(" </", "</")


def _write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_add_noqa_leaves_the_rendered_markdown_as_it_was(tmp_path):
    path = _write(tmp_path, "paper.md", MANUSCRIPT)
    assert run(["--isolated", "paper.md"], cwd=tmp_path).returncode == 1
    result = run(["--isolated", "--add-noqa", "paper.md"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    after = path.read_text(encoding="utf-8")
    assert after != MANUSCRIPT and after.count("refslint-disable-line") >= 4
    assert _blocks(after) == _blocks(MANUSCRIPT)
    counts = [t for t, _level in _blocks(after)]
    assert counts.count("paragraph_open") == 2 + 4 and counts.count("ordered_list_open") == 1
    assert _html_without_comments(after) == _html_without_comments(MANUSCRIPT)
    assert "here\\\n" in after and "citation.  \n" in after  # hard breaks kept last on their lines
    assert run(["--isolated", "paper.md"], cwd=tmp_path).returncode == 0  # and they suppress


def test_fix_changes_only_the_text_of_reference_entries(tmp_path):
    path = _write(tmp_path, "paper.md", MANUSCRIPT)
    run(["--isolated", "--fix", "paper.md"], cwd=tmp_path)
    after = path.read_text(encoding="utf-8")
    assert "1653–1653" not in after and "Pharmaceutics" in after
    assert _blocks(after) == _blocks(MANUSCRIPT)
    before_prose = MANUSCRIPT.split("## References")[0]
    assert after.split("## References")[0] == before_prose


def _tex_tokens(text: str, keep_bibliography: bool = True) -> list[str]:
    """TeX's view of the text: comments dropped (with their line end), control words and single
    characters, runs of white space as one space."""
    text = re.sub(r"(?<!\\)%[^\n]*\n?[ \t]*", "", text)
    if not keep_bibliography:
        text = re.sub(r"\\begin\{thebibliography\}.*?\\end\{thebibliography\}", "", text, flags=re.DOTALL)
    return re.findall(r"\\[A-Za-z]+|\\.|\s+|.", re.sub(r"[ \t]*\n[ \t]*(?!\n)", " ", text))


def test_latex_add_noqa_adds_only_comments_and_fix_only_touches_the_bibliography(tmp_path):
    source = (FIXTURES / "manuscripts" / "manuscript.tex").read_text(encoding="utf-8")
    path = _write(tmp_path, "paper.tex", source)
    run(["--isolated", "--add-noqa", "paper.tex"], cwd=tmp_path)
    annotated = path.read_text(encoding="utf-8")
    assert annotated != source and _tex_tokens(annotated) == _tex_tokens(source)
    path.write_text(source, encoding="utf-8")
    run(["--isolated", "--fix", "paper.tex"], cwd=tmp_path)
    fixed = path.read_text(encoding="utf-8")
    assert fixed != source
    assert _tex_tokens(fixed, keep_bibliography=False) == _tex_tokens(source, keep_bibliography=False)
    # The unsafe merge of a duplicate also points its citations to the entry kept: only keys.
    path.write_text(source, encoding="utf-8")
    run(["--isolated", "--fix", "--unsafe-fixes", "paper.tex"], cwd=tmp_path)
    merged = _tex_tokens(path.read_text(encoding="utf-8"), keep_bibliography=False)
    original = "".join(_tex_tokens(source, keep_bibliography=False))
    assert "".join(merged) == original.replace("\\cite{beja2001b}", "\\cite{beja2001}")


# --- refslint's reading of code blocks against markdown-it-py -------------------------------

BLOCKS = [
    "Para text line.\nsecond line of para.", "    indented after para?", "- item one\n- item two",
    "1. first\n2. second", "10. ten\n11. eleven", "- item\n\n      code in item",
    "1. item\n\n       code in ordered item", "```\nfenced <!-- refslint-disable T001 -->\n```",
    "~~~~\ncode\n~~~\nstill\n~~~~", "   ```\nindented fence\n   ```", "    code block\n    more code",
    "\tcode with tab", "# Heading", "Setext\n======", "* * *", "- item\n  continuation\n\n  para in item",
    "- item\n\n    para or code?", "- a\n  - nested\n\n        nested code",
    "1. item\n   ```\n   fenced in item\n   ```", "- ```\n  fence on marker line\n  ```",
    "text\n    lazy continuation", "- \n  empty item content", "*emphasis* and `code`",
    "2. starts at two\n3. three", "para\n1. one after para", "para\n2. not a list", "-    five spaces item",
    "- item\n\n\n    after two blanks",
]  # fmt: skip
# Block quotes are not modelled by refslint's reader (their lines are read as text): left out.


def _code_lines_ours(text: str) -> set[int]:
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    lines = text.split("\n")
    found = set()
    for a, b in code_block_lines(text):
        first, last = bisect_right(starts, a) - 1, bisect_right(starts, max(a, b - 1)) - 1
        found.update(n for n in range(first, last + 1) if lines[n].strip())
    return found


def _code_lines_commonmark(text: str) -> set[int]:
    lines = text.split("\n")
    found = set()
    for t in MD.parse(text):
        if t.type in ("code_block", "fence") and t.map:
            found.update(n for n in range(*t.map) if n < len(lines) and lines[n].strip())
    return found


@pytest.mark.parametrize("seed", range(4))
def test_code_blocks_are_where_commonmark_puts_them(seed):
    rng = random.Random(seed)
    for _ in range(500):
        parts = [rng.choice(BLOCKS) for _ in range(rng.randint(1, 5))]
        text = parts[0] + "".join(rng.choice(["\n\n", "\n"]) + p for p in parts[1:]) + "\n"
        assert _code_lines_ours(text) == _code_lines_commonmark(text), text


def test_suppression_comments_in_code_are_text(tmp_path):
    text = (
        "# Contributing\n\nHide a finding with `<!-- refslint-disable-next-line P005 -->`.\n\n"
        "```markdown\n<!-- refslint-disable T001 -->\n```\n\n    <!-- refslint-disable-next-line E001 -->\n"
    )
    _write(tmp_path, "CONTRIBUTING.md", text)
    result = run(["--isolated", "CONTRIBUTING.md"], cwd=tmp_path)
    assert result.returncode == 0 and b"S001" not in result.stdout
    run(["--isolated", "--fix", "CONTRIBUTING.md"], cwd=tmp_path)
    assert (tmp_path / "CONTRIBUTING.md").read_text(encoding="utf-8") == text


def test_the_projects_own_documents_get_no_findings():
    """README, CHANGELOG and docs quote references and refslint's own comments in code: once
    the CHANGELOG got S001 and --fix rewrote its quoted comments."""
    names = ["README.md", "CHANGELOG.md", "docs/design.md", "docs/rules.md"]
    result = run(["--isolated", *names], cwd=ROOT)
    assert result.returncode == 0 and result.stdout.decode().startswith("All clean"), result.stdout
