"""The rule registry: an explicit list, not a directory scan, so what ships is what is listed.

Python rules come from the modules below; declarative rules from the YAML files listed in
BUILTIN_RULE_FILES (top-level rules/ folder, installed as refslint/rules).
"""

from __future__ import annotations

from functools import cache

from .. import vocab
from . import (
    author_list,
    authors,
    bibtex,
    crossref,
    debris,
    duplicates,
    glued,
    identifiers,
    journal_names,
    journals,
    list_shape,
    numbers,
    structure,
    titles,
    typography,
)
from .base import Context, Finding, Rule

BUILTIN_RULE_FILES = ("missing.yaml", "titles.yaml", "journals.yaml")
PYTHON_RULE_MODULES = (
    debris, typography, authors, author_list, numbers, titles, journals, journal_names, duplicates, identifiers,
    structure, bibtex, crossref, list_shape, glued,
)


def _no_check(*_args: object) -> list[Finding]:
    return []


# File-level problems are reported by the engine itself; the rule exists so that its code is
# documented, selectable and ignorable like any other.
UNREADABLE = Rule(
    code="X001",
    name="unreadable-file",
    summary="The file cannot be read as text",
    description="The file could not be read, or it is not UTF-8, UTF-8 with a byte-order mark "
    "or UTF-16 with a byte-order mark (a binary file, or text in a legacy encoding). Re-save it "
    "as UTF-8. The other files are still linted.",
    bad="(a file saved as Latin-1 or a PDF)",
    good="(the same list saved as UTF-8)",
    check=_no_check,
    level="error",
)

# Reported by api.py for entries it does not parse.
TOO_LONG = Rule(
    code="X002",
    name="entry-too-long",
    summary="An entry too long to be one reference",
    description="An entry of more than 20,000 characters is not parsed or checked: no real "
    "reference is that long, so it is usually many references without line breaks between "
    "them, or a file that is not a reference list. Checking it would take long and report "
    "nonsense; split it into references instead.",
    bad="(one line holding a whole reference list)",
    good="(one reference a line)",
    check=_no_check,
    level="warning",
)

# Reported by the engine (a rule that raised on one reference) and by api.py (a file whose
# reading or checking failed): refslint's own failure, confined to where it happened.
CHECK_FAILED = Rule(
    code="X003",
    name="check-failed",
    summary="refslint could not check this reference or file",
    description="A rule (or the reading of the file) failed with an internal error on this "
    "reference or file. The other references, rules and files are still checked, and this one "
    "is reported so the gap is not silent. It is a bug in refslint: please report it with the "
    "reference.",
    bad="(a reference on which a rule fails)",
    good="(the same reference, once the bug is fixed)",
    check=_no_check,
    level="warning",
)

# Reported by the command line when --fix cannot write a file.
NOT_WRITTEN = Rule(
    code="X004",
    name="fix-not-written",
    summary="Fixes found but not written",
    description="`--fix` found fixes for the file but left it as it was: the file is read-only, "
    "or it has other hard links (replacing it would separate them from the fixed text). Symbolic "
    "links are followed: the file they point to is fixed and the link kept. Make the file "
    "writable, or fix the linked copy yourself (`--diff` shows the changes).",
    bad="(a read-only file with fixable findings, run with --fix)",
    good="(the same file, writable)",
    check=_no_check,
    level="error",
)

# Reported by suppress.py, which applies the suppression comments.
UNUSED_SUPPRESSION = Rule(
    code="S001",
    name="unused-suppression",
    summary="A suppression comment that suppresses nothing",
    description="A `refslint-disable` comment, `% refslint: ignore[...]` or Word comment "
    "`refslint: ignore[...]` that no finding matches (the problem was fixed, or the code is "
    "mistyped or unknown): it would hide a future problem without anyone noticing. Codes of rules "
    "that are not selected are not reported. The fix removes the comment, or the codes in it that "
    "are unused (not in Word, where the comment is left for a person to delete).",
    bad="% refslint: ignore[P005]\n@article{k, author = {Kim, H.}, title = {T}, journal = {IJMS},\n"
    "  year = 2020, volume = 21, pages = {7038}}",
    good="@article{k, author = {Kim, H.}, title = {T}, journal = {IJMS},\n"
    "  year = 2020, volume = 21, pages = {7038}}",
    check=_no_check,
    level="warning",
    fix="safe",
    formats=("bibtex", "latex", "markdown", "docx"),
)

# Codes that were renamed or removed keep working, with a warning (none yet).
DEPRECATED: dict[str, str] = {}


@cache
def builtin_rules() -> tuple[Rule, ...]:
    from ..yamlrules import load_file  # imported late: yamlrules imports this package's base

    rules = [UNREADABLE, TOO_LONG, CHECK_FAILED, NOT_WRITTEN, UNUSED_SUPPRESSION]
    for module in PYTHON_RULE_MODULES:
        rules.extend(module.RULES)
    for name in BUILTIN_RULE_FILES:
        rules.extend(load_file(vocab.data_dir() / name, shipped=True))
    codes = [r.code for r in rules]
    assert len(codes) == len(set(codes)), "duplicate rule code"
    return tuple(sorted(rules, key=lambda r: r.code))


def load_rule_files(paths, where: str, taken: tuple[Rule, ...]) -> tuple[Rule, ...]:
    """The rules of the user's YAML rule files (the configuration's `rule-files`): they belong
    to that configuration, not to the process. Their codes must be new."""
    from ..errors import ConfigError
    from ..yamlrules import load_file

    codes = {r.code: r.origin for r in taken}
    builtin = {r.code for r in builtin_rules()}
    loaded: list[Rule] = []
    for path in paths:
        if not path.is_file():
            raise ConfigError(f"{where}: rule file {path} not found")
        for r in load_file(path):
            if r.code in builtin:
                raise ConfigError(f"{path}: rule {r.code} is a code of refslint's own; choose another")
            if r.code in codes:
                raise ConfigError(f"{path}: rule {r.code} is already defined in {codes[r.code]}")
            codes[r.code] = r.origin
            loaded.append(r)
    return tuple(loaded)


def all_rules() -> tuple[Rule, ...]:
    """refslint's own rules (a configuration adds the user's: `Config.rules`)."""
    return builtin_rules()


def by_code(rules: tuple[Rule, ...] | None = None) -> dict[str, Rule]:
    return {r.code: r for r in (rules if rules is not None else builtin_rules())}


__all__ = [
    "CHECK_FAILED",
    "NOT_WRITTEN",
    "TOO_LONG",
    "UNREADABLE",
    "UNUSED_SUPPRESSION",
    "Context",
    "Finding",
    "Rule",
    "all_rules",
    "builtin_rules",
    "by_code",
    "load_rule_files",
]
