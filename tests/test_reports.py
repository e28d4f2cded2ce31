"""Machine formats for CI: SARIF (validated against the 2.1.0 schema), GitHub annotations, JUnit."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET

import jsonschema

from .conftest import CORPUS, FIXTURES, run

BAD = ("1. Yao D. Adipose-derived stem cells. Ann Transl Med. 2021;9(22):1653–1653.\n"
       "2. Horie S. Cytokine pre-activation, 100% repair. Intensive Care Med Exp. 2020;8:1.\n"
       "3. Horie S. Cytokine pre-activation, 100% repair. Intensive Care Med Exp. 2020;8(1):8.\n")
# The OASIS schema's excerpt that refslint's output uses (tests/fixtures/sarif/: NOTICE.md, and
# build_excerpt.py to rebuild it), and the full schema when ../shared is next to the checkout.
SARIF_EXCERPT = FIXTURES / "sarif" / "sarif-schema-2.1.0-excerpt.json"
SARIF_FULL = CORPUS.parent / "schemas" / "sarif-schema-2.1.0.json"


def _lint(tmp_path, fmt: str, env=None) -> str:
    (tmp_path / "refs").mkdir(exist_ok=True)
    (tmp_path / "refs" / "list.txt").write_text(BAD, encoding="utf-8")
    r = run(["--format", fmt, "refs/list.txt"] if fmt else ["refs/list.txt"], cwd=tmp_path, env=env)
    assert r.returncode == 1, r.stderr
    return r.stdout.decode()


def _sarif_schemas() -> dict[str, dict]:
    schemas = {"excerpt": json.loads(SARIF_EXCERPT.read_text(encoding="utf-8"))}
    if SARIF_FULL.exists():
        schemas["full"] = json.loads(SARIF_FULL.read_text(encoding="utf-8"))
    return schemas


def _sarif_errors(schema: dict, doc: dict) -> list[jsonschema.ValidationError]:
    validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    return list(validator.iter_errors(doc))


def test_sarif_is_valid_and_has_what_code_scanning_needs(tmp_path):
    doc = json.loads(_lint(tmp_path, "sarif"))
    for name, schema in _sarif_schemas().items():
        jsonschema.Draft4Validator.check_schema(schema)
        errors = _sarif_errors(schema, doc)
        assert not errors, (
            f"refslint's SARIF does not fit the {name} schema"
            + (" (a new property? rebuild it: python tests/fixtures/sarif/build_excerpt.py)" if name == "excerpt" else "")
            + ":\n" + "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])
        )
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


def _set_level(doc):
    doc["runs"][0]["results"][0]["level"] = "fatal"


def _drop_message(doc):
    del doc["runs"][0]["results"][0]["message"]


def _line_as_text(doc):
    doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = "1"


def _unknown_property(doc):
    doc["runs"][0]["results"][0]["severity"] = "error"


def _region_without_start(doc):
    del doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"]


def _rule_without_id(doc):
    del doc["runs"][0]["tool"]["driver"]["rules"][0]["id"]


REGION = ["runs", 0, "results", 0, "locations", 0, "physicalLocation", "region"]
BROKEN_SARIF = [  # (change, the JSON Schema keyword that must reject it, where)
    (_set_level, "enum", ["runs", 0, "results", 0, "level"]),
    (_drop_message, "required", ["runs", 0, "results", 0]),
    (_line_as_text, "type", [*REGION, "startLine"]),
    (_unknown_property, "additionalProperties", ["runs", 0, "results", 0]),
    (_region_without_start, "anyOf", REGION),
    (_rule_without_id, "required", ["runs", 0, "tool", "driver", "rules", 0]),
]


def _same_but_fewer_properties(part, whole, where: str) -> None:
    """`part` has `whole`'s keywords with the same values, but may lack properties and definitions."""
    assert isinstance(part, dict) and isinstance(whole, dict), where
    assert set(part) - {"$comment"} == set(whole), where
    for key, value in part.items():
        if key in ("properties", "definitions"):
            assert set(value) <= set(whole[key]), f"{where}/{key}"
            for name, sub in value.items():
                _same_but_fewer_properties(sub, whole[key][name], f"{where}/{key}/{name}")
        elif key != "$comment":
            assert value == whole[key], f"{where}/{key}"


def test_the_sarif_schema_excerpt_is_a_faithful_part_and_rejects_what_the_full_schema_rejects(tmp_path):
    """Not toothless: a wrong `level`, a result without `message`, ... are refused by the same
    keyword at the same place as by the full schema; and what the excerpt keeps is the full
    schema's, keyword for keyword (checked when ../shared is next to the checkout)."""
    schemas = _sarif_schemas()
    good = json.loads(_lint(tmp_path, "sarif"))
    for change, keyword, where in BROKEN_SARIF:
        doc = copy.deepcopy(good)
        change(doc)
        for name, schema in schemas.items():
            found = [(e.validator, list(e.absolute_path)) for e in _sarif_errors(schema, doc)]
            assert found == [(keyword, where)], (change.__name__, name, found)
    if "full" in schemas:
        _same_but_fewer_properties(schemas["excerpt"], schemas["full"], "#")
        assert len(schemas["excerpt"]["definitions"]) < len(schemas["full"]["definitions"])


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
