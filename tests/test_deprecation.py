"""Rule codes are stable: a renamed code keeps working, with a warning."""

from __future__ import annotations

from refslint import checks, docs
from refslint.config import build_config


def test_a_renamed_code_keeps_working_with_a_deprecation_warning(monkeypatch):
    monkeypatch.setitem(checks.DEPRECATED, "P099", "P001")
    config = build_config(isolated=True, select=["P099"])
    assert config.selected == {"P001"}
    assert any("P099" in w and "P001" in w for w in config.warnings)
    assert docs.find_rule("P099").code == "P001"
