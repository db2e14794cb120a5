"""After `readycheck init` (or before, for a dry run): what is left for a human, and the
summary a user reads."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from readycheck.checklist import ITEM_IDS as ITEMS
from readycheck.commands.scaffold.manifest import TOP_KEY
from readycheck.commands.scaffold.markdown import HEADING
from readycheck.commands.scaffold.plans import Plan, finding_line
from readycheck.model import Report
from readycheck.parsers import PLACEHOLDER, PLACEHOLDER_RULE

PLACEHOLDER_TEXT = re.compile(r"<fill in:[^<>\n]*>")


@dataclass
class Outcome:
    """What is left for a human: after init, or (for a dry run) after the plan."""

    statuses: dict[str, str]  # item -> status, judged after init ({} for a dry run)
    fill_in: list[tuple[str, str]]  # (path:line:col, what) of each placeholder left
    by_hand: list[str]
    exit_code: int  # 0 nothing left to do; 1 something is left for a human (or to write)


def _fill_ins(report: Report) -> list[tuple[str, str]]:
    out = []
    for f in report.findings:
        if f.rule == PLACEHOLDER_RULE and f.agent in (".", ""):
            what = f.message.split(":", 1)[-1].split(" (", 1)[0].strip()
            out.append((f"{f.location.path}:{f.location.line}:{f.location.column}", what))
    return out


# What a placeholder stands in for: until it is filled in, these findings are expected.
_AWAITING = {
    "boot": {"boot-no-age-check", "boot-age-unbounded"},
    "budget": {
        "budget-missing",
        "budget-no-step-limit",
        "budget-no-runtime-limit",
        "budget-no-token-limit",
        "budget-on-limit-without-limit",
    },
    "dlq": {"dlq-missing", "dlq-no-retry-bound"},
    "monitoring": {
        "monitoring-missing",
        "monitoring-logging-only",
        "monitoring-no-condition",
        "monitoring-route-disabled",
    },
}


def outcome(plan: Plan, report: Report) -> Outcome:
    """What is left once the plan is applied, judged on a fresh `report` of the agent."""
    from readycheck.registry import all_rules

    rules = all_rules()
    agent = next((a for a in report.agents if a.path == "."), None)
    statuses: dict[str, str] = {i.item: i.status for i in agent.items} if agent else {}
    fill_in = _fill_ins(report)
    waiting = set(plan.placeholders.values()) | _placeholder_items(plan.agent, fill_in)
    by_hand = list(plan.notes)
    for item in agent.items if agent else []:
        if item.item not in plan.selected or item.status in ("pass", "n/a"):
            continue
        expected = _AWAITING.get(item.item, set()) if item.item in waiting else set()
        for f in item.findings:
            name = rules[f.rule].name if f.rule in rules else f.rule
            if name not in expected and finding_line(f) not in by_hand:
                by_hand.append(finding_line(f))
    done = all(statuses.get(i) in ("pass", "n/a") for i in plan.selected)
    return Outcome(statuses, fill_in, by_hand, 0 if done and not fill_in else 1)


def planned_outcome(plan: Plan, report: Report) -> Outcome:
    """For a dry run: the placeholders already there and those the plan would write."""
    fill_in = _fill_ins(report)
    for change in plan.changes:
        old_lines = set((change.before or "").split("\n"))
        text = change.after
        for m in PLACEHOLDER_TEXT.finditer(text):
            start = text.rfind("\n", 0, m.start()) + 1
            end = text.find("\n", m.end())
            if text[start : end if end >= 0 else len(text)] in old_lines:
                continue  # already there
            line = text.count("\n", 0, m.start()) + 1
            what = m.group(0)[len(PLACEHOLDER) : -1].strip()
            fill_in.append((f"{change.path}:{line}:{m.start() - start + 1}", what))
    by_hand = plan.notes + plan.kept + plan.manual
    nothing = plan.empty and not fill_in and not by_hand
    done = all(s in ("pass", "n/a") for s in plan.before.values())
    return Outcome({}, fill_in, by_hand, 0 if nothing and done else 1)


def _placeholder_items(agent: Path, fill_in: list[tuple[str, str]]) -> set[str]:
    """The items placeholders belong to: the manifest block or Markdown section they sit in."""
    items: set[str] = set()
    for where, _ in fill_in:
        rel, line, _column = where.rsplit(":", 2)
        try:
            lines = (agent / rel).read_text(encoding="utf-8").split("\n")[: int(line)]
        except (OSError, UnicodeDecodeError, ValueError):
            continue
        for text in reversed(lines):
            if rel.endswith((".yaml", ".yml")) and TOP_KEY.match(text):
                key = text.split(":", 1)[0].strip()
                if key in ITEMS:
                    items.add(key)
                break
            heading = HEADING.match(text)
            if rel.endswith(".md") and heading:
                if re.search(r"escalat", heading.group(2), re.I):
                    items.add("escalation")
                break
    return items


_MARKS = {"pass": "✓", "partial": "~", "fail": "✗", "n/a": "-"}


def render(plan: Plan, result: Outcome, *, dry_run: bool, shown: str) -> str:
    """The summary a user reads after `readycheck init` (or before, with --dry-run)."""
    lines = [f"readycheck init {shown}" + (" (dry run: nothing written)" if dry_run else "")]
    if plan.changes:
        width = max(len(c.path) for c in plan.changes)
        lines.append(
            "would write (+ new file, ~ added to):"
            if dry_run
            else "wrote (+ new file, ~ added to):"
        )
        for c in plan.changes:
            lines.append(f"  {'+' if c.before is None else '~'} {c.path:<{width}}  {c.what}")
    else:
        lines.append("nothing to change")
    if result.statuses:
        passing = sum(result.statuses.get(i) in ("pass", "n/a") for i in plan.selected)
        lines.append(f"checklist now: {passing}/{len(plan.selected)} selected items pass")
        for item in plan.selected:
            status = result.statuses.get(item, "fail")
            lines.append(f"  {_MARKS.get(status, '?')} {item:<11} {status}")
    if result.fill_in:
        lines.append("fill in (readycheck check reports each as RC008 until you do):")
        lines.extend(f"  {where}: {what}" for where, what in result.fill_in)
    if result.by_hand:
        lines.append("fix by hand (init never changes what you wrote):")
        lines.extend(f"  {entry}" for entry in result.by_hand)
    if result.fill_in or result.by_hand:
        lines.append(f"then run: readycheck check {shown}")
    return "\n".join(lines) + "\n"
