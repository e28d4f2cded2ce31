"""The input formats: where references are read from, and everything the rest of refslint asks of
a format. Adding a format is one entry here and its reader module in refslint/sources/ (see
docs/design.md, "Adding an input format"); the command line, the file discovery, the rules'
`formats`, the documentation and --add-noqa all read this table.

Nothing is imported here: the table is read at start-up, a reader only when a file of its
format is read.
"""

from typing import NamedTuple


class InputFormat(NamedTuple):
    name: str  # --input-format NAME; rules name it in `formats`
    title: str  # how the documentation and messages name it
    # With the dot, as files are written (matched without regard to case; a folder is searched
    # for each as written); the first format to claim one wins.
    extensions: tuple[str, ...]
    # The module of refslint.sources whose `read(source) -> Document` reads the format.
    reader: str
    # The list is printed as written, so house style (initials, punctuation, case) is the
    # author's to get right; in BibTeX the bibliography style prints it.
    prints_list: bool = True
    # Nothing in the format needs every reference at once (no citations to match, no document
    # rules): a long list is parsed and checked a chunk at a time, in several processes.
    chunked: bool = False
    # Taken for a reference list only when most of its entries read as references (a README is
    # not one); a BibTeX database always is.
    judged: bool = True
    # How --add-noqa writes a suppression comment: "html" (`<!-- refslint-disable-line -->` at
    # the end of the entry's line), "percent" (a `% refslint: ignore[...]` line above it), "word"
    # (a Word comment on the entry, outside the text: written by the format's `writer`, and an
    # unused one is left for a person to delete), or "" (the format has no comments:
    # per-reference-ignores or a baseline instead).
    comments: str = ""
    # A fix's replacement is written the TeX way (`--` for an en dash).
    tex: bool = False
    # A manuscript: its citations may point into other files (the .bib it names, a list it
    # \input s), so its lint may report findings in them (uncited entries).
    cites: bool = False
    # "module:function" turning the file's bytes into a `Source` (the text the reader reads),
    # for a format that is not text (a .docx); None: decoded as UTF-8 / UTF-16 text.
    decoder: str | None = None
    # --fix may write the file back (edited only inside its findings).
    writable: bool = True
    # The module that writes a format that is not text (its text is derived from the file's
    # bytes, which the decoder keeps as the Source's `package`): `Splicer(source, track_changes)`
    # makes --fix's edits of the text in the file (`.apply(text, edits) -> text`,
    # `.source(text) -> Source`), `add_comments(document, findings) -> (bytes, count) | None`
    # --add-noqa's comments. None: the edited text is the file, encoded as it was read.
    writer: str | None = None


FORMAT_TABLE: tuple[InputFormat, ...] = (
    InputFormat("text", "plain-text lists", (".txt",), "plaintext", chunked=True),
    InputFormat(
        "markdown", "Markdown", (".md", ".markdown", ".qmd", ".Rmd", ".rmd"), "markdown",
        comments="html", cites=True,
    ),
    InputFormat("latex", "LaTeX", (".tex", ".bbl"), "latex", comments="percent", tex=True, cites=True),
    InputFormat(
        "bibtex", "BibTeX", (".bib",), "bibtex",
        prints_list=False, judged=False, comments="percent", tex=True,
    ),
    # Paragraphs one a line; the file's bytes are kept, and fixes are spliced into its runs.
    InputFormat(
        "docx", "Word (.docx)", (".docx",), "docx", comments="word", cites=True,
        decoder="refslint.sources.docxpackage:decode", writer="refslint.docxwrite",
    ),
)  # fmt: skip

BY_NAME = {f.name: f for f in FORMAT_TABLE}
_BY_EXTENSION: dict[str, str] = {}
for _f in FORMAT_TABLE:
    for _ext in _f.extensions:
        _BY_EXTENSION.setdefault(_ext.lower(), _f.name)
FORMATS = tuple(BY_NAME)
LIST_FORMATS = tuple(f.name for f in FORMAT_TABLE if f.prints_list)
# The format a file of unknown extension (standard input, `.text`, none) is read as.
DEFAULT = "text"


def input_format(name: str) -> InputFormat:
    return BY_NAME[name]


def format_for(path: str, override: str | None = None) -> str:
    """The format given on the command line, else the one the file's extension names, else
    plain text."""
    if override:
        return override
    from pathlib import PurePath

    return _BY_EXTENSION.get(PurePath(path).suffix.lower(), DEFAULT)


def include_globs() -> tuple[str, ...]:
    """The files a folder is searched for (glob patterns, matched case-sensitively)."""
    return tuple(f"*{ext}" for f in FORMAT_TABLE for ext in f.extensions)
