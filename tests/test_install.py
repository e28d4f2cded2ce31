"""A clean `pip install` (what pre-commit does) gives a refslint that finds its rules/ data."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

from .conftest import ROOT


def test_package_installs_into_a_fresh_venv_with_its_rules_inside_the_package(tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bindir = env_dir / ("Scripts" if sys.platform == "win32" else "bin")
    pip = subprocess.run(
        [str(bindir / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(ROOT)],
        capture_output=True, text=True, timeout=600,
    )
    assert pip.returncode == 0, pip.stderr[-2000:]
    work = tmp_path / "elsewhere"  # not the checkout: the installed package must stand alone
    work.mkdir()
    example = (ROOT / "examples" / "references.txt").read_text(encoding="utf-8")
    (work / "refs.txt").write_text(example, encoding="utf-8")
    r = subprocess.run([str(bindir / "refslint"), "refs.txt"], cwd=work, capture_output=True, text=True)
    assert r.returncode == 1, r.stderr
    assert "E001" in r.stdout and "D001" in r.stdout and "P001" in r.stdout
    rules = subprocess.run([str(bindir / "refslint"), "rules"], cwd=work, capture_output=True, text=True)
    assert "M003" in rules.stdout and "J003" in rules.stdout  # YAML rules found in the package
    site = subprocess.run(
        [str(bindir / "python"), "-c", "import refslint, pathlib; print(pathlib.Path(refslint.__file__).parent.parent)"],
        cwd=work, capture_output=True, text=True,
    ).stdout.strip()
    site_packages = Path(site)
    assert (site_packages / "refslint" / "rules" / "vocab" / "ltwa.tsv").is_file()
    assert (site_packages / "refslint" / "rules" / "vocab" / "journal-catalogue.bin").is_file()
    assert (site_packages / "refslint" / "rules" / "presets" / "vancouver.yaml").is_file()
    assert not (site_packages / "rules").exists()
