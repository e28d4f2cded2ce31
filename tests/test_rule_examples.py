"""Every rule's documented bad example is flagged by that rule and its good example is not."""

from __future__ import annotations

import pytest

from refslint.checks import all_rules

from .conftest import codes, example_path

RULES = [r for r in all_rules() if r.family != "X"]  # X: file-level problems, described


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_bad_example_is_flagged(rule):
    chosen = {} if rule.default else {"extend_select": [rule.code]}  # (a rule off by default)
    assert rule.code in codes(rule.bad + "\n", path=example_path(rule), **chosen), rule.bad


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_good_example_is_not_flagged(rule):
    chosen = {} if rule.default else {"extend_select": [rule.code]}
    assert rule.code not in codes(rule.good + "\n", path=example_path(rule), **chosen), rule.good


def test_rule_metadata_is_complete_and_codes_are_unique():
    seen = set()
    for r in all_rules():
        assert r.code not in seen
        seen.add(r.code)
        assert r.name and r.name == r.name.lower() and " " not in r.name
        assert r.summary and r.description and r.bad and r.good
        assert r.fix in ("safe", "unsafe", "none")
    families = {r.family for r in all_rules()}
    assert not any(a != b and b.startswith(a) for a in families for b in families)
