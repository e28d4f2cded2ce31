"""Machine formats for CI: SARIF (validated against the 2.1.0 schema), GitHub annotations, JUnit."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import jsonschema
import pytest

from .conftest import CORPUS, run

BAD = ("1. Yao D. Adipose-derived stem cells. Ann Transl Med. 2021;9(22):1653–1653.\n"
       "2. Horie S. Cytokine pre-activation, 100% repair. Intensive Care Med Exp. 2020;8:1.\n"
       "3. Horie S. Cytokine pre-activation, 100% repair. Intensive Care Med Exp. 2020;8(1):8.\n")
SCHEMA = CORPUS.parent / "schemas" / "sarif-schema-2.1.0.json"


def _lint(tmp_path, fmt: str, env=None) -> str:
    (tmp_path / "refs").mkdir(exist_ok=True)
    (tmp_path / "refs" / "list.txt").write_text(BAD, encoding="utf-8")
    r = run(["--format", fmt, "refs/list.txt"] if fmt else ["refs/list.txt"], cwd=tmp_path, env=env)
    assert r.returncode == 1, r.stderr
    return r.stdout.decode()


def test_sarif_is_valid_and_has_what_code_scanning_needs(tmp_path):
    if not SCHEMA.exists():
        pytest.skip("shared/schemas is not next to this checkout")
    doc = json.loads(_lint(tmp_path, "sarif"))
    jsonschema.validate(doc, json.loads(SCHEMA.read_text(encoding="utf-8")))
    run_ = doc["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    rules = {r["id"]: r for r in run_["tool"]["driver"]["rules"]}
    for r in rules.values():
        assert r["name"] and r["shortDescription"]["text"] and r["fullDescription"]["text"] and r["help"]["text"]
    res = {x["ruleId"]: x for x in run_["results"]}
    n002 = res["N002"]
    loc = n002["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"] == "refs/list.txt"
    assert loc["region"] == {"startLine": 1, "startColumn": 66, "endLine": 1, "endColumn": 75}
    assert n002["level"] == "error" and run_["tool"]["driver"]["rules"][n002["ruleIndex"]]["id"] == "N002"
    assert res["D001"]["relatedLocations"][0]["physicalLocation"]["region"]["startLine"] == 2


def test_github_annotations_are_escaped():
    from refslint.report.github import escape_data, escape_property

    assert escape_data("100% done\nnext") == "100%25 done%0Anext"
    assert escape_property("a:b,c") == "a%3Ab%2Cc"


def test_github_format_is_chosen_inside_github_actions(tmp_path):
    out = _lint(tmp_path, "", env={"GITHUB_ACTIONS": "true"})
    first = out.splitlines()[0]
    assert first.startswith("::error file=refs/list.txt,line=1,col=66,endColumn=75,title=refslint N002")
    assert first.endswith("::N002 page range `1653–1653` starts and ends on the same page")


def test_junit_has_a_failing_case_per_finding(tmp_path):
    root = ET.fromstring(_lint(tmp_path, "junit"))
    cases = root.findall(".//testcase")
    assert int(root.get("failures")) == len(cases) >= 2
    assert any(c.find("failure").get("type") == "N002" for c in cases)


def test_output_file(tmp_path):
    (tmp_path / "list.txt").write_text(BAD, encoding="utf-8")
    r = run(["--format", "json", "-o", "report.json", "list.txt"], cwd=tmp_path)
    assert r.returncode == 1 and r.stdout == b""
    assert {d["code"] for d in json.loads((tmp_path / "report.json").read_text())} >= {"N002", "D001"}
