"""Rule documentation from rules/*.yaml: `readycheck rule`, SARIF help, docs/rules.md.

    python -m readycheck.docs            # rewrite docs/rules.md
    python -m readycheck.docs --check    # exit 1 when docs/rules.md is stale

One function renders a rule, so the terminal, code scanning and the docs say the same.
"""

from __future__ import annotations

import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from readycheck.checklist import ITEMS, OTHER_GROUPS
from readycheck.registry import Rule, all_rules

ITEM_TITLES = {
    "general": OTHER_GROUPS["general"],
    **{spec.id: spec.title for spec in ITEMS},
    "suppression": OTHER_GROUPS["suppression"],
}
DOCS_PATH = Path("docs") / "rules.md"


def fence(text: str, info: str = "") -> str:
    """`text` in a fenced code block whose fence no backtick run inside can close."""
    longest = max((len(run) for run in text.split("\n") for run in _backtick_runs(run)), default=0)
    marks = "`" * max(3, longest + 1)
    return f"{marks}{info}\n{text.rstrip()}\n{marks}"


def _backtick_runs(line: str) -> list[str]:
    runs, current = [], ""
    for char in line:
        if char == "`":
            current += "`"
        elif current:
            runs.append(current)
            current = ""
    if current:
        runs.append(current)
    return runs


def rule_markdown(rule: Rule, level: int = 1, title: bool = True) -> str:
    """One rule's documentation as Markdown; `level` is the level of its title heading."""
    h = "#" * level
    sub = "#" * (level + 1)
    parts = []
    if title:
        parts.append(f"{h} {rule.name} ({rule.id})")
    parts += [
        f"Item: `{rule.item}` · Default severity: `{rule.severity}`",
        f"{sub} What it does\n\n{rule.summary}",
        f"{sub} Why is this bad?\n\n{rule.why}",
        f"{sub} How to fix\n\n{rule.fix}",
        f"{sub} Example\n\n{fence(rule.example)}",
    ]
    return "\n\n".join(parts) + "\n"


def rule_dict(rule: Rule) -> dict[str, Any]:
    return asdict(rule)


def rules_markdown() -> str:
    """docs/rules.md: every rule by checklist item, each as `readycheck rule ID` prints it."""
    rules = list(all_rules().values())
    lines = [
        "<!-- Generated from rules/*/rules.yaml by `python -m readycheck.docs`; do not edit. -->",
        "",
        "# readycheck rules",
        "",
        "Every rule readycheck reports, by checklist item. `readycheck rule RC401` prints the "
        "same text for one rule, `readycheck rules` lists them all, and both take "
        "`--output-format json`.",
        "",
    ]
    items = sorted({r.item for r in rules}, key=_item_rank)
    for item in items:
        lines.append(f"- [{_title(item)}](#{_anchor(_title(item))})")
    lines.append("")
    for item in items:
        members = [r for r in rules if r.item == item]
        lines += [f"## {_title(item)}", "", "| rule | name | severity | what it does |"]
        lines.append("|---|---|---|---|")
        for r in members:
            anchor = _anchor(f"{r.name} ({r.id})")
            summary = r.summary.replace("|", "\\|")
            lines.append(f"| [{r.id}](#{anchor}) | `{r.name}` | {r.severity} | {summary} |")
        lines.append("")
        for r in members:
            lines += [rule_markdown(r, level=3)]
    return "\n".join(lines).rstrip() + "\n"


def _item_rank(item: str) -> tuple[int, str]:
    order = list(ITEM_TITLES)
    return (order.index(item) if item in order else len(order), item)


def _title(item: str) -> str:
    return ITEM_TITLES.get(item, item.capitalize())


def _anchor(heading: str) -> str:
    """GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens."""
    kept = "".join(c for c in heading.lower() if c.isalnum() or c in " -_")
    return kept.replace(" ", "-")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path(__file__).resolve().parent.parent
    path = root / DOCS_PATH
    text = rules_markdown()
    if "--check" in args:
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        if current != text:
            print(f"{DOCS_PATH} is stale: run `python -m readycheck.docs`", file=sys.stderr)
            return 1
        return 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {DOCS_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
