"""Configuration files, presets and their validation."""

from __future__ import annotations

from .conftest import run

LIST = (
    "1. Liu L. TSG-6 attenuates burn-induced inflammation. Sci Rep. 2016; 6:30121.\n"
    "2. Umezawa Y. Psoriatic arthritis. J Dermatol. 2021; 48(6):741-9.\n"
    "3. Han S. The acute respiratory distress syndrome. J Immunol. 2015;194(3):855-60.\n"
)


def _write(tmp_path, config: str, name: str = ".refslint.yaml") -> None:
    (tmp_path / "refs.txt").write_text(LIST, encoding="utf-8")
    (tmp_path / name).write_text(config, encoding="utf-8")


def test_house_style_follows_the_majority_without_a_preset(tmp_path):
    _write(tmp_path, "")
    out = run(["refs.txt"], cwd=tmp_path).stdout.decode()
    # two of three write `; ` so the compact one is the odd one out
    assert "refs.txt:3:" in out and "P006" in out and "refs.txt:1:" not in out


def test_extends_vancouver_makes_nlm_choices_absolute(tmp_path):
    _write(tmp_path, "extends: vancouver\n")
    out = run(["--select", "P006", "refs.txt"], cwd=tmp_path).stdout.decode()
    assert out.count("P006") == 2 and "preset vancouver" in out


def test_rule_level_and_options_are_applied(tmp_path):
    _write(tmp_path, "rules:\n  P006: {level: info, style: compact}\n")
    r = run(["--select", "P006", "--format", "json", "refs.txt"], cwd=tmp_path)
    import json

    items = json.loads(r.stdout)
    assert len(items) == 2 and {i["severity"] for i in items} == {"info"}
    assert r.returncode == 0  # info findings do not fail the run


def test_pyproject_section_is_discovered(tmp_path):
    _write(tmp_path, '[tool.refslint]\nignore = ["P006"]\n', name="pyproject.toml")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "refs.txt").write_text(LIST, encoding="utf-8")
    assert run(["refs.txt"], cwd=sub).returncode == 0


def test_command_line_beats_the_file(tmp_path):
    _write(tmp_path, "ignore: [P006]\n")
    assert run(["refs.txt"], cwd=tmp_path).returncode == 0
    assert run(["--select", "P006", "refs.txt"], cwd=tmp_path).returncode == 1


def test_per_file_and_per_reference_ignores(tmp_path):
    _write(tmp_path, "per-file-ignores:\n  'refs.txt': [P006]\n")
    assert run(["refs.txt"], cwd=tmp_path).returncode == 0
    _write(tmp_path, "per-reference-ignores:\n  '3': [P006]\n")
    assert run(["refs.txt"], cwd=tmp_path).returncode == 0


def _config_error(tmp_path, config: str) -> str:
    _write(tmp_path, config)
    r = run(["refs.txt"], cwd=tmp_path)
    assert r.returncode == 2, r.stdout
    err = r.stderr.decode().strip()
    assert "\n" not in err and "Traceback" not in err
    return err


def test_broken_configurations_exit_2_naming_the_problem(tmp_path):
    assert "unknown key `colour`" in _config_error(tmp_path, "colour: red\n")
    assert "invalid YAML" in _config_error(tmp_path, "rules: [\n")
    assert "Q001" in _config_error(tmp_path, "select: [Q001]\n")
    assert "no option `depth`" in _config_error(tmp_path, "rules:\n  P006: {depth: 3}\n")
    assert "`style` must be" in _config_error(tmp_path, "rules:\n  P006: {style: loose}\n")
    assert "unknown preset `chicago`" in _config_error(tmp_path, "extends: chicago\n")
    assert "level" in _config_error(tmp_path, "rules:\n  P006: {level: fatal}\n")
    assert "must be int" in _config_error(tmp_path, "rules:\n  N004: {max-pages: many}\n")


def test_missing_config_file_given_explicitly_exits_2(tmp_path):
    (tmp_path / "refs.txt").write_text(LIST, encoding="utf-8")
    r = run(["--config", "nope.yaml", "refs.txt"], cwd=tmp_path)
    assert r.returncode == 2 and b"nope.yaml" in r.stderr


def test_accepted_words_and_journal_aliases_from_config(tmp_path):
    (tmp_path / "refs.txt").write_text(
        "1. Smith J. Secretome of the cells. Pharm0aceutics. 2021;13:1802.\n"
        "2. Jones K. A study of things. J Nephro Res. 2020;1:2-3.\n", encoding="utf-8")
    (tmp_path / ".refslint.yaml").write_text(
        "accepted-words: [Pharm0aceutics]\njournal-aliases:\n  J Nephrol Res: [J Nephro Res]\n",
        encoding="utf-8")
    out = run(["refs.txt"], cwd=tmp_path).stdout.decode()
    assert "P001" not in out and "J003" in out and "J Nephrol Res" in out


RULE_FILE = """rules:
  - code: {code}
    name: {name}
    type: existence
    summary: Preprint server named as a journal
    description: A preprint cited as if it were a journal article.
    bad: "Smith J. Title. bioRxiv. 2020;1:1-2."
    good: "Smith J. Title. Nature. 2020;1:1-2."
    message: "preprint server `{{match}}` as a journal"
    field: journal
    patterns: [{pattern}]
"""


def _with_rule_file(tmp_path, code="Z101", name="preprint-as-journal", pattern="'bioRxiv'") -> None:
    (tmp_path / "house.yaml").write_text(RULE_FILE.format(code=code, name=name, pattern=pattern), encoding="utf-8")
    _write(tmp_path, "rule-files: [house.yaml]\n")


def test_own_yaml_rules_from_rule_files(tmp_path):
    _with_rule_file(tmp_path)
    (tmp_path / "refs.txt").write_text(
        "1. Smith J. Title of the work. bioRxiv. 2020;1:1-2.\n2. Umezawa Y. Psoriatic arthritis. "
        "J Dermatol. 2021;48(6):741-9.\n",
        encoding="utf-8",
    )
    r = run(["refs.txt"], cwd=tmp_path)
    assert r.returncode == 1
    assert "refs.txt:1:32: Z101 preprint server `bioRxiv` as a journal" in r.stdout.decode()
    assert run(["--ignore", "Z101", "refs.txt"], cwd=tmp_path).returncode == 0


def test_hostile_rule_files_are_rejected_naming_the_file_and_key(tmp_path):
    _with_rule_file(tmp_path, pattern="'(a+)+$'")
    assert "house.yaml: rule Z101" in _config_error(tmp_path, "rule-files: [house.yaml]\n")
    # Nesting through groups and alternatives counts too (the shape of a rule that once hung).
    _with_rule_file(tmp_path, pattern="'(?:\\s*(?:Vol|[0-9;:]+))+x'")
    assert "could backtrack for ever" in _config_error(tmp_path, "rule-files: [house.yaml]\n")
    _with_rule_file(tmp_path, pattern="'(?:\\w+\\s?)+$'")
    assert "could backtrack for ever" in _config_error(tmp_path, "rule-files: [house.yaml]\n")
    # Alternatives that can match the same text: 15 s on 38 `a`s before it was rejected.
    _with_rule_file(tmp_path, pattern="'(?:a|aa)+x'")
    assert "could backtrack for ever" in _config_error(tmp_path, "rule-files: [house.yaml]\n")
    _with_rule_file(tmp_path, pattern="'" + "a" * 5000 + "'")
    assert "longer than" in _config_error(tmp_path, "rule-files: [house.yaml]\n")
    _with_rule_file(tmp_path, pattern="'(unclosed'")
    assert "invalid regular expression" in _config_error(tmp_path, "rule-files: [house.yaml]\n")
    _with_rule_file(tmp_path, code="P001")
    assert "P001 is a code of refslint's own" in _config_error(tmp_path, "rule-files: [house.yaml]\n")
    (tmp_path / "house.yaml").write_text("rules: {not: a list}\n", encoding="utf-8")
    assert "house.yaml" in _config_error(tmp_path, "rule-files: [house.yaml]\n")
    (tmp_path / "house.yaml").write_text("rules: [\n", encoding="utf-8")
    assert "house.yaml: invalid YAML" in _config_error(tmp_path, "rule-files: [house.yaml]\n")
    assert "rule file" in _config_error(tmp_path, "rule-files: [missing.yaml]\n")


def test_hostile_configuration_values(tmp_path):
    assert "`select` must be a list" in _config_error(tmp_path, "select: {a: 1}\n")
    assert "`respect-gitignore` must be true or false" in _config_error(tmp_path, "respect-gitignore: 3\n")
    assert "`per-file-ignores` must map" in _config_error(tmp_path, "per-file-ignores: [1, 2]\n")
    assert "mapping" in _config_error(tmp_path, "- just\n- a list\n") or "configuration" in _config_error(
        tmp_path, "- just\n- a list\n"
    )
    assert "invalid YAML" in _config_error(tmp_path, "a: b: c:\n")
    assert "B001 `required` must map" in _config_error(tmp_path, "rules:\n  B001: {required: {article: 3}}\n")


def test_unknown_keys_rules_and_options_suggest_the_nearest(tmp_path):
    (tmp_path / "refs.txt").write_text("1. Umezawa Y. Psoriatic arthritis. J Dermatol. 2021;48(6):741-9.\n")
    cases = {
        "selct: [N]\n": "unknown key `selct`; did you mean `select`?",
        "rules:\n  N0022: error\n": "did you mean `N002`?",
        "rules:\n  N005: {futur-years: 2}\n": "has no option `futur-years`; did you mean `future-years`?",
        "select: [digit-in-wrd]\n": "did you mean `digit-in-word`?",
    }
    for text, message in cases.items():
        (tmp_path / ".refslint.yaml").write_text(text, encoding="utf-8")
        r = run(["refs.txt"], cwd=tmp_path)
        assert r.returncode == 2 and message in r.stderr.decode(), (text, r.stderr)
