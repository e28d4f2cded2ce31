"""docs/rules.md is generated from the rules' metadata and must stay in step with the code."""

from __future__ import annotations

from refslint.docs import rules_markdown, styles_markdown

from .conftest import ROOT


def test_docs_rules_md_is_up_to_date():
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == rules_markdown() + "\n" + styles_markdown(), "run: python -m refslint.docs > docs/rules.md"


def test_readme_mentions_every_rule_family():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "refslint rules" in readme and "docs/rules.md" in readme
