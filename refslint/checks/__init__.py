"""The rule registry: an explicit list, not a directory scan, so what ships is what is listed.

Python rules come from the modules below; declarative rules from the YAML files listed in
BUILTIN_RULE_FILES (top-level rules/ folder, installed as refslint/rules).
"""

from __future__ import annotations

from functools import cache

from .. import vocab
from . import authors, bibtex, crossref, debris, duplicates, journals, numbers, titles, typography
from .base import Context, Finding, Rule

BUILTIN_RULE_FILES = ("missing.yaml", "titles.yaml", "journals.yaml")
PYTHON_RULE_MODULES = (debris, typography, authors, numbers, titles, journals, duplicates, bibtex, crossref)


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

# Reported by suppress.py, which applies the suppression comments.
UNUSED_SUPPRESSION = Rule(
    code="S001",
    name="unused-suppression",
    summary="A suppression comment that suppresses nothing",
    description="A `refslint-disable` comment or `% refslint: ignore[...]` that no finding "
    "matches (the problem was fixed, or the code is mistyped or unknown): it would hide a "
    "future problem without anyone noticing. Codes of rules that are not selected are not "
    "reported. The fix removes the comment, or the codes in it that are unused.",
    bad="% refslint: ignore[P005]\n@article{k, author = {Kim, H.}, title = {T}, journal = {IJMS},\n"
    "  year = 2020, volume = 21, pages = {7038}}",
    good="@article{k, author = {Kim, H.}, title = {T}, journal = {IJMS},\n"
    "  year = 2020, volume = 21, pages = {7038}}",
    check=_no_check,
    level="warning",
    fix="safe",
    formats=("bibtex", "latex", "markdown"),
)

# Codes that were renamed or removed keep working, with a warning (none yet).
DEPRECATED: dict[str, str] = {}


@cache
def builtin_rules() -> tuple[Rule, ...]:
    from ..yamlrules import load_file  # imported late: yamlrules imports this package's base

    rules = [UNREADABLE, TOO_LONG, UNUSED_SUPPRESSION]
    for module in PYTHON_RULE_MODULES:
        rules.extend(module.RULES)
    for name in BUILTIN_RULE_FILES:
        rules.extend(load_file(vocab.data_dir() / name, shipped=True))
    codes = [r.code for r in rules]
    assert len(codes) == len(set(codes)), "duplicate rule code"
    return tuple(sorted(rules, key=lambda r: r.code))


# Rules from the configuration's `rule-files`, by file (a process lints with one configuration).
_RULE_FILES: dict[str, tuple[Rule, ...]] = {}


def add_rule_file(path, where: str) -> None:
    """Load a YAML rule file of the user's; its codes must be new."""
    from ..errors import ConfigError
    from ..yamlrules import load_file

    key = str(path)
    if key in _RULE_FILES:
        return
    if not path.is_file():
        raise ConfigError(f"{where}: rule file {path} not found")
    rules = tuple(load_file(path))
    builtin = {r.code for r in builtin_rules()}
    taken = {r.code: r for r in all_rules()}
    for r in rules:
        if r.code in builtin:
            raise ConfigError(f"{path}: rule {r.code} is a code of refslint's own; choose another")
        if r.code in taken:
            raise ConfigError(f"{path}: rule {r.code} is already defined in {taken[r.code].origin}")
    _RULE_FILES[key] = rules
    all_rules.cache_clear()


@cache
def all_rules() -> tuple[Rule, ...]:
    extra = [r for rules in _RULE_FILES.values() for r in rules]
    return tuple(sorted((*builtin_rules(), *extra), key=lambda r: r.code))


def by_code() -> dict[str, Rule]:
    return {r.code: r for r in all_rules()}


__all__ = ["TOO_LONG", "UNREADABLE", "UNUSED_SUPPRESSION", "Context", "Finding", "Rule", "add_rule_file", "all_rules", "by_code"]
