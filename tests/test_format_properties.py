"""Random documents in every format, built from real reference fragments and markup: refslint
never crashes, every finding and edit lies inside the file, and --fix is idempotent."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from refslint.api import fix_source, lint_document, read_document
from refslint.config import build_config
from refslint.model import Source

REF = "Umezawa Y. Psoriatic arthritis. J Dermatol. 2021;48(6):741-9."
PIECES = [
    "## References\n", "1. ", "2. ", "- ", "[1]", "[2, 3-5]", "^2^", "[@a]", "[@b; @c]", "---\n", "```\n",
    "<!-- refslint-disable -->", "<!-- refslint-enable -->", "<!-- refslint-disable-next-line P005 -->\n",
    "\\begin{thebibliography}{9}\n", "\\end{thebibliography}\n", "\\bibitem{a} ", "\\bibitem[x]{b} ",
    "\\cite{a}", "\\nocite{*}", "\\textit{", "{\\em ", "\\'{e}", "--", "~", "% comment\n",
    "% refslint: ignore[P005]\n", "@article{", "@string{j = \"J\"}", "title = {", "pages = {1--1},",
    "journal = {IJMS. 2020;21(19):7038},", "}", ",", "\n", "\n\n", REF, REF.replace("  ", " "),
    REF.replace("arthritis", "arthr1tis"), REF.replace("Psoriatic arthritis", "Psoriatic  arthritis"),
    "*J Dermatol*", "[N Engl J Med](https://nejm.org)", "<https://doi.org/10.1056/x>", "&ndash;",
]  # fmt: skip
documents = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=40).map("".join)
CONFIG = build_config(isolated=True)


@pytest.mark.parametrize("name", ["paper.md", "paper.tex", "refs.bib", "list.txt"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=documents)
def test_any_document_is_linted_and_fixed_safely(name, text):
    result = lint_document(read_document(Source(name, text)), CONFIG)
    for d in result.diagnostics:
        assert 0 <= d.span.start <= d.span.end <= len(text)
        for edit in d.fix.edits if d.fix else ():
            assert 0 <= edit.span.start <= edit.span.end <= len(text)
    fixed, _after = fix_source(Source(name, text), CONFIG, unsafe=True)
    again, _ = fix_source(Source(name, fixed.text), CONFIG, unsafe=True)
    assert again.text == fixed.text
