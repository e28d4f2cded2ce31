"""Rule documentation from the rules' own metadata: `refslint rules`, `refslint rule CODE`,
and docs/rules.md (a test keeps that file in step)."""

from __future__ import annotations

import json
import textwrap

from .checks import DEPRECATED, Rule, all_rules, by_code
from .errors import UsageError
from .inputs import FORMAT_TABLE

# A rule's fix is offered where its repair is certain and the list's parse is (see README,
# "A fix only where the parse is certain"), so "safe fix" never promises a fix on every finding.
FIX_WORDS = {
    "safe": "safe fix where the repair is certain (applied by --fix)",
    "unsafe": "unsafe fix where one can be offered (only with --unsafe-fixes)",
    "none": "no automatic fix",
}


FORMAT_WORDS = {f.name: f.title for f in FORMAT_TABLE}


def applies_to(rule: Rule) -> str:
    return ", ".join(FORMAT_WORDS[f] for f in rule.formats)


def example_language(rule: Rule) -> str:
    return "text" if "text" in rule.formats else rule.formats[0]


def find_rule(key: str) -> Rule:
    codes = by_code()
    key = DEPRECATED.get(key, key)
    if key.upper() in codes:
        return codes[key.upper()]
    for rule in codes.values():
        if rule.name == key:
            return rule
    raise UsageError(f"unknown rule code or name `{key}` (see `refslint rules`)")


def rules_table() -> str:
    rows = [("CODE", "NAME", "LEVEL", "FIX", "SUMMARY")]
    for r in all_rules():
        rows.append(
            (r.code, r.name, r.level, {"safe": "safe", "unsafe": "unsafe", "none": "-"}[r.fix], r.summary)
        )
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    return "\n".join(
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4] for row in rows
    )


def rules_json() -> str:
    return json.dumps(
        [
            {
                "code": r.code,
                "name": r.name,
                "summary": r.summary,
                "description": r.description,
                "level": r.level,
                "fix": r.fix,
                "options": dict(r.options),
                "scope": r.scope,
                "formats": list(r.formats),
            }
            for r in all_rules()
        ],
        indent=2,
        ensure_ascii=False,
    )


def _options(rule: Rule) -> list[str]:
    if not rule.options:
        return ["  (none)"]
    lines = []
    for key, default in rule.options.items():
        doc = rule.option_docs.get(key, "")
        lines.append(f"  {key} (default: {json.dumps(default)}){': ' + doc if doc else ''}")
    return lines


def style_words(rule: Rule) -> str:
    """How the list's style bears on a rule: the conventions under which it stays silent and the
    one a style set by the user decides."""
    parts = []
    if rule.off_when:
        silent = "; ".join(f"`{k}: {', '.join(v)}`" for k, v in rule.off_when.items())
        parts.append(f"Silent where the list's style has {silent}.")
    if rule.convention:
        parts.append(
            f"A style set with `style:` or `--style` decides its `{rule.convention}` "
            "(see `refslint styles`); a detected style leaves it to the list's majority."
        )
    return " ".join(parts)


def explain(key: str) -> str:
    r = find_rule(key)
    wrap = textwrap.fill(r.description, width=88)
    return "\n".join(
        [
            f"{r.code} {r.name}: {r.summary}",
            "",
            wrap,
            "",
            f"Default level: {r.level}. Fix: {FIX_WORDS[r.fix]}. Applies to: {applies_to(r)}.",
            *(["", textwrap.fill(style_words(r), width=88)] if style_words(r) else []),
            "",
            "Flagged:",
            *("  " + line for line in r.bad.splitlines()),
            "",
            "Correct:",
            *("  " + line for line in r.good.splitlines()),
            "",
            "Options (set under `rules:` in .refslint.yaml):",
            *_options(r),
        ]
    )


def rules_markdown() -> str:
    out = [
        "# refslint rules",
        "",
        "Generated from the rules' own metadata (`python -m refslint.docs > docs/rules.md`);",
        "a test fails when this file and the code disagree.",
        "",
        "Rules judge each list against its own citation style: see [Citation styles](#citation-styles)",
        "at the end of this page.",
        "",
        "| Code | Name | Level | Fix | Summary |",
        "|---|---|---|---|---|",
    ]
    for r in all_rules():
        out.append(
            f"| [{r.code}](#{r.code.lower()}-{r.name}) | {r.name} | {r.level} | {r.fix} | {r.summary} |"
        )
    for r in all_rules():
        out += [
            "",
            f"## {r.code} {r.name}",
            "",
            f"**{r.summary}.** {r.description}",
            "",
            f"Default level: {r.level}. Fix: {FIX_WORDS[r.fix]}. Applies to: {applies_to(r)}.",
            *(["", style_words(r)] if style_words(r) else []),
            "",
            "Flagged:",
            "",
            f"```{example_language(r)}",
            r.bad,
            "```",
            "",
            "Correct:",
            "",
            f"```{example_language(r)}",
            r.good,
            "```",
            "",
            "Options:",
            "",
        ]
        if r.options:
            for key, default in r.options.items():
                doc = r.option_docs.get(key, "")
                out.append(f"- `{key}` (default `{json.dumps(default)}`){': ' + doc if doc else ''}")
        else:
            out.append("- none")
    return "\n".join(out) + "\n"


def styles_table() -> str:
    """`refslint styles`: each style, its family, an example and what it leaves open."""
    from .styles.catalogue import styles

    out = []
    for style in styles().values():
        aliases = f" (also: {', '.join(style.aliases)})" if style.aliases else ""
        out.append(f"{style.name}: {style.title}{aliases}")
        out.append(f"  family: {style.family}")
        out.append(f"  example: {style.example}")
        absent = [e for e, need in style.elements.items() if need == "absent"]
        if absent:
            out.append(f"  never carries: {', '.join(absent)}")
        conventions = ", ".join(f"{k} {v}" for k, v in style.conventions.items())
        out.append(f"  conventions: {conventions}")
        if style.et_al:
            more, first = style.et_al
            out.append(f"  et al.: more than {more} authors -> the first {first}, et al.")
        out.append("")
    out.append("A list's style is detected from its references (`refslint --verbose`, `refslint parse`);")
    out.append("set it with `style:` in the configuration or `--style`.")
    return "\n".join(out)


def styles_json() -> str:
    from .styles.catalogue import styles

    return json.dumps(
        [
            {
                "name": s.name, "title": s.title, "family": s.family, "aliases": list(s.aliases),
                "example": s.example, "elements": s.elements, "conventions": s.conventions,
                "et-al": {"more-than": s.et_al[0], "list": s.et_al[1]} if s.et_al else None,
            }
            for s in styles().values()
        ],
        indent=2,
        ensure_ascii=False,
    )  # fmt: skip


def styles_markdown() -> str:
    """The styles section of docs/rules.md: what `refslint styles` prints, as a table."""
    from .styles.catalogue import styles

    out = [
        "## Citation styles",
        "",
        "A list's style is detected from its references (`refslint --verbose`, `refslint parse`) or set",
        "with `style:` in the configuration or `--style`. Elements a style never carries are not",
        "missing; questions a style leaves open (`either`) are not judged. Each style is a file in",
        "`rules/styles/`.",
        "",
        "| Style | Family | Example | Never carries | Conventions | Et al. |",
        "|---|---|---|---|---|---|",
    ]
    for style in styles().values():
        absent = ", ".join(e for e, need in style.elements.items() if need == "absent") or "-"
        conventions = "; ".join(f"{k} {v}" for k, v in style.conventions.items())
        et_al = f"> {style.et_al[0]}: first {style.et_al[1]}" if style.et_al else "never cut"
        name = f"`{style.name}`" + (f" ({', '.join(style.aliases)})" if style.aliases else "")
        example = style.example.replace("|", "\\|")
        cells = (f"{name}: {style.title}", style.family, example, absent, conventions, et_al)
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(rules_markdown() + "\n" + styles_markdown(), end="")
