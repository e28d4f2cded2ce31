"""Configuration: discovery (.refslint.yaml, [tool.refslint] in pyproject.toml), presets,
validation against each rule's options, and the command line's overrides.

Order of precedence: rule defaults < preset (`extends:`) < configuration file < command line.
Every unknown key, rule, option or value is a ConfigError that names it.
"""

from __future__ import annotations

import fnmatch
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from . import vocab
from .checks import DEPRECATED, Rule, builtin_rules, load_rule_files
from .errors import ConfigError
from .files import DEFAULT_EXCLUDE, DEFAULT_INCLUDE
from .model import Record, Severity
from .yamlio import YAMLError, load_shipped, safe_load

CONFIG_NAMES = (".refslint.yaml", ".refslint.yml", "refslint.yaml")
PRESETS = ("vancouver", "ama")
TOP_KEYS = {
    "extends",
    "select",
    "extend-select",
    "ignore",
    "per-file-ignores",
    "rules",
    "accepted-words",
    "journal-aliases",
    "per-reference-ignores",
    "unfixable",
    "include",
    "exclude",
    "extend-exclude",
    "respect-gitignore",
    "baseline",
    "rule-files",
    "style",
}
LEVELS = ("error", "warning", "info")
# Top-level keys that feed the option of the same name of every rule that has one (words the
# digit and title rules accept; journal forms the alias rule knows).
SHARED_OPTIONS = ("accepted-words", "journal-aliases")


class Config(Record):
    __slots__ = (
        "baseline",
        "exclude",
        "include",
        "input_format",
        "jobs",
        "levels",
        "options",
        "per_file_ignores",
        "per_reference_ignores",
        "preset",
        "recipe",
        "respect_gitignore",
        "rules",
        "selected",
        "source",
        "style",
        "unfixable",
        "warnings",
    )

    def __init__(
        self,
        selected: set[str],
        levels: dict[str, Severity],
        options: dict[str, dict[str, Any]],
        per_file_ignores: list[tuple[str, set[str]]] | None = None,
        per_reference_ignores: dict[str, set[str]] | None = None,
        preset: str | None = None,
        unfixable: frozenset[str] = frozenset(),
        include: tuple[str, ...] = DEFAULT_INCLUDE,
        exclude: tuple[str, ...] = DEFAULT_EXCLUDE,
        respect_gitignore: bool = True,
        source: str | None = None,  # the file it came from
        input_format: str | None = None,  # --input-format: read every file as this format
        baseline: str | None = None,  # findings recorded here are hidden (see baseline.py)
        jobs: int = 1,  # --jobs: processes for many files and for very long lists
        style: str | None = None,  # `style:` / --style: read every list in this style
        warnings: list[str] | None = None,
        rules: tuple[Rule, ...] = (),  # refslint's rules and the configuration's own rule files
        recipe: dict[str, Any] | None = None,  # build_config's arguments
    ) -> None:
        self.selected = selected
        self.levels = levels
        self.options = options
        self.per_file_ignores: list[tuple[str, set[str]]] = per_file_ignores or []
        self.per_reference_ignores: dict[str, set[str]] = per_reference_ignores or {}
        self.preset = preset
        self.unfixable = unfixable
        self.include = include
        self.exclude = exclude
        self.respect_gitignore = respect_gitignore
        self.source = source
        self.input_format = input_format
        self.baseline = baseline
        self.jobs = jobs
        self.style = style
        self.warnings: list[str] = [] if warnings is None else warnings
        self.rules = rules
        self.recipe: dict[str, Any] = {} if recipe is None else recipe

    def __reduce__(self):
        # A configuration holds compiled rules (closures of YAML rules) that do not pickle; a
        # spawned worker rebuilds it from the same arguments instead.
        attributes = {"jobs": self.jobs, "input_format": self.input_format, "style": self.style}
        return _rebuild, (self.recipe, attributes)

    def rule(self, code: str) -> Rule | None:
        for r in self.rules:
            if r.code == code:
                return r
        return None

    def active(self, path: str, fmt: str | None = None) -> list[Rule]:
        """The rules that run on path (in format fmt, when given)."""
        ignored: set[str] = set()
        for pattern, codes in self.per_file_ignores:
            if fnmatch.fnmatch(path, pattern) or fnmatch.fnmatch(Path(path).name, pattern):
                ignored |= codes
        return [
            r
            for r in self.rules
            if r.code in self.selected and r.code not in ignored and (fmt is None or fmt in r.formats)
        ]


def check_style(value: Any, where: str) -> str | None:
    """The style a `style` setting names (a style of `refslint styles`, an alias of one, or a
    family), as its canonical name; None for auto (each list's own)."""
    from .styles.catalogue import canonical, style_names

    if value in (None, "auto"):
        return None
    name = canonical(str(value))
    if name is None:
        raise ConfigError(
            f"{where}: unknown style `{value}`{nearest(str(value), style_names())} (see `refslint styles`)"
        )
    return name


def _rebuild(recipe: dict[str, Any], attributes: dict[str, Any]) -> Config:
    config = build_config(**recipe)
    for key, value in attributes.items():
        setattr(config, key, value)
    return config


def resolve_selectors(items: Iterable[Any], where: str, rules: tuple[Rule, ...] | None = None) -> set[str]:
    """Codes for selectors: ALL, a code or a family prefix (`J`, `j001`: codes in any case),
    or a rule name."""
    rules = rules if rules is not None else builtin_rules()
    names = {r.name: r.code for r in rules}
    codes: set[str] = set()
    for item in items:
        sel = str(item).strip()
        if not sel:
            continue
        upper = sel.upper()
        if upper == "ALL":
            codes |= {r.code for r in rules}
        elif sel in names:
            codes.add(names[sel])
        elif upper in DEPRECATED:
            codes.add(DEPRECATED[upper])
        else:
            hits = {r.code for r in rules if r.code.startswith(upper)}
            if not hits or not upper[:1].isalpha():
                hint = nearest(sel, [*names, *(r.code for r in rules)])
                raise ConfigError(f"{where}: unknown rule code or name `{sel}`{hint}")
            codes |= hits
    return codes


def nearest(word: str, choices: Iterable[str]) -> str:
    """`; did you mean X` for the closest choice, or nothing."""
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean `{close[0]}`?" if close else ""


def _as_list(value: Any, key: str, where: str) -> list[Any]:
    if isinstance(value, str):
        return [x for x in value.replace(",", " ").split()]
    if not isinstance(value, list):
        raise ConfigError(f"{where}: `{key}` must be a list")
    return value


def find_config(start: Path) -> Path | None:
    start = start.resolve()
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _pyproject_section(pyproject) is not None:
            return pyproject
    return None


def _toml():
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    return tomllib


def _pyproject_section(path: Path) -> dict | None:
    toml = _toml()
    try:
        data = toml.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, toml.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read ({exc})") from None
    section = data.get("tool", {}).get("refslint")
    return section if isinstance(section, dict) else None


def read_file(path: Path) -> dict:
    if path.name == "pyproject.toml":
        return _pyproject_section(path) or {}
    try:
        data = safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read configuration ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: configuration is not UTF-8") from None
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark else ""
        raise ConfigError(f"{path}: invalid YAML{where}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the configuration must be a mapping of keys")
    return data


def load_preset(name: str, where: str) -> dict:
    if name not in PRESETS:
        raise ConfigError(f"{where}: unknown preset `{name}` in `extends` (known: {', '.join(PRESETS)})")
    data = load_shipped(vocab.data_dir() / "presets" / f"{name}.yaml")
    return data if isinstance(data, dict) else {}


def _check_option(rule: Rule, key: str, value: Any, where: str) -> Any:
    if key not in rule.options:
        known = ", ".join(["level", *rule.options]) or "level"
        hint = nearest(key, ["level", *rule.options])
        raise ConfigError(f"{where}: rule {rule.code} has no option `{key}`{hint} (options: {known})")
    default = rule.options[key]
    if key == "style":
        if value == "auto" or value in rule.style_values:
            return value
        if rule.numeric_style and isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
        allowed = ", ".join(["auto", *rule.style_values]) if rule.style_values else "auto or a number"
        raise ConfigError(f"{where}: {rule.code} `style` must be {allowed}, got {value!r}")
    if default is None:
        if value is not None and not (isinstance(value, int) and not isinstance(value, bool)):
            raise ConfigError(f"{where}: {rule.code} `{key}` must be a number or null")
        return value
    if isinstance(default, bool) or not isinstance(value, type(default)):
        if isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        raise ConfigError(f"{where}: {rule.code} `{key}` must be {type(default).__name__}, got {value!r}")
    if isinstance(default, list):
        return [str(v) for v in value]
    if isinstance(default, dict):  # a table of lists (B001 `required`): merged over the defaults
        if not all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in value.values()):
            raise ConfigError(f"{where}: {rule.code} `{key}` must map names to lists of text")
        return {**default, **{str(k): list(v) for k, v in value.items()}}
    return value


def _apply_rules_section(cfg: Config, section: Any, where: str) -> None:
    if section is None:
        return
    if not isinstance(section, dict):
        raise ConfigError(f"{where}: `rules` must map rule codes or names to settings")
    codes = {r.code: r for r in cfg.rules}
    names = {r.name: r.code for r in cfg.rules}
    for key, settings in section.items():
        code = names.get(str(key)) or DEPRECATED.get(str(key).upper(), str(key).upper())
        rule = codes.get(code)
        if rule is None:
            hint = nearest(str(key), [*names, *codes])
            raise ConfigError(f"{where}: unknown rule code or name `{key}` in `rules`{hint}")
        if settings is None:
            continue
        if isinstance(settings, str) and settings in LEVELS:
            cfg.levels[code] = settings  # type: ignore[assignment]
            continue
        if not isinstance(settings, dict):
            raise ConfigError(f"{where}: settings of {key} must be a mapping")
        for opt, value in settings.items():
            if opt == "level":
                if value not in LEVELS:
                    raise ConfigError(f"{where}: {code} `level` must be error, warning or info")
                cfg.levels[code] = value
            else:
                cfg.options[code][opt] = _check_option(rule, opt, value, where)


def build_config(
    path: Path | None = None,
    *,
    cwd: Path | None = None,
    select: list[str] | None = None,
    extend_select: list[str] | None = None,
    ignore: list[str] | None = None,
    preset: str | None = None,
    isolated: bool = False,
) -> Config:
    data: dict = {}
    source: str | None = None
    if path is not None:
        if not path.is_file():
            raise ConfigError(f"{path}: configuration file not found")
        data, source = read_file(path), str(path)
    elif not isolated:
        found = find_config(cwd or Path.cwd())
        if found is not None:
            data, source = read_file(found), str(found)
    where = source or "configuration"
    unknown = set(data) - TOP_KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise ConfigError(f"{where}: unknown key `{key}`{nearest(str(key), TOP_KEYS)}")
    rules = builtin_rules()
    if "rule-files" in data:  # your own YAML rules, before anything selects or configures them
        folder = Path(source).parent if source else Path.cwd()
        names = _as_list(data["rule-files"], "rule-files", where)
        rules = (*rules, *load_rule_files([folder / str(n) for n in names], where, rules))
    cfg = Config(
        selected={r.code for r in rules if r.default},
        levels={r.code: r.level for r in rules},
        options={r.code: dict(r.options) for r in rules},
        rules=tuple(sorted(rules, key=lambda r: r.code)),
    )
    # What a spawned worker needs to build the same configuration (the file found, not the
    # search: a worker may start elsewhere).
    cfg.recipe = {
        "path": Path(source) if source else None, "isolated": source is None, "select": select,
        "extend_select": extend_select, "ignore": ignore, "preset": preset,
    }  # fmt: skip
    cfg.source = source
    chosen = preset or data.get("extends")
    if chosen is not None:
        if not isinstance(chosen, str):
            raise ConfigError(f"{where}: `extends` must name a preset ({', '.join(PRESETS)})")
        cfg.preset = chosen
        preset_data = load_preset(chosen, where)
        _apply_rules_section(cfg, preset_data.get("rules"), f"preset {chosen}")
    def codes(key: str) -> set[str]:
        return resolve_selectors(_as_list(data[key], key, where), where, cfg.rules)

    if "select" in data:
        cfg.selected = codes("select")
    if "extend-select" in data:
        cfg.selected |= codes("extend-select")
    if "ignore" in data:
        cfg.selected -= codes("ignore")
    _apply_rules_section(cfg, data.get("rules"), where)
    _apply_vocabulary(cfg, data, where)
    for key in ("include", "exclude", "extend-exclude"):
        if key in data:
            globs = tuple(str(g) for g in _as_list(data[key], key, where))
            if key == "include":
                cfg.include = globs
            elif key == "exclude":
                cfg.exclude = globs
            else:
                cfg.exclude = (*cfg.exclude, *globs)
    if "style" in data:
        cfg.style = check_style(data["style"], where)
    if "respect-gitignore" in data:
        if not isinstance(data["respect-gitignore"], bool):
            raise ConfigError(f"{where}: `respect-gitignore` must be true or false")
        cfg.respect_gitignore = data["respect-gitignore"]
    if "baseline" in data:
        if not isinstance(data["baseline"], str) or not data["baseline"].strip():
            raise ConfigError(f"{where}: `baseline` must be the path of a baseline file")
        folder = Path(cfg.source).parent if cfg.source else Path.cwd()
        cfg.baseline = str(folder / data["baseline"])
    if "unfixable" in data:
        cfg.unfixable = frozenset(codes("unfixable"))
    pfi = data.get("per-file-ignores") or {}
    if not isinstance(pfi, dict):
        raise ConfigError(f"{where}: `per-file-ignores` must map glob patterns to rule lists")
    for pattern, items in pfi.items():
        cfg.per_file_ignores.append(
            (str(pattern), resolve_selectors(_as_list(items, "per-file-ignores", where), where, cfg.rules))
        )
    pri = data.get("per-reference-ignores") or {}
    if not isinstance(pri, dict):
        raise ConfigError(f"{where}: `per-reference-ignores` must map reference numbers or keys to rules")
    for label, items in pri.items():
        cfg.per_reference_ignores[str(label)] = resolve_selectors(
            _as_list(items, "per-reference-ignores", where), where, cfg.rules
        )
    # The command line beats the file.
    if select:
        cfg.selected = resolve_selectors(select, "--select", cfg.rules)
    if extend_select:
        cfg.selected |= resolve_selectors(extend_select, "--extend-select", cfg.rules)
    if ignore:
        cfg.selected -= resolve_selectors(ignore, "--ignore", cfg.rules)
    given = {str(x).upper() for x in (*(select or []), *(ignore or []))}
    for code in DEPRECATED:
        if code in given:
            cfg.warnings.append(f"rule code {code} is deprecated; use {DEPRECATED[code]}")
    return cfg


def _apply_vocabulary(cfg: Config, data: Mapping[str, Any], where: str) -> None:
    """Top-level vocabulary (`accepted-words`, `journal-aliases`) goes to every rule that has
    an option of that name, added to what the rule already has."""
    for key in SHARED_OPTIONS:
        value = data.get(key)
        if value is None:
            continue
        if key == "journal-aliases":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: `journal-aliases` must map NLM forms to lists of variants")
            value = {str(k): [str(v) for v in _as_list(vs, key, where)] for k, vs in value.items()}
        else:
            value = [str(w) for w in _as_list(value, key, where)]
        for options in cfg.options.values():
            if key in options:
                old = options[key]
                options[key] = {**old, **value} if isinstance(old, dict) else [*old, *value]
