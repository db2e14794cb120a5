"""The Markdown readiness report, for pull-request comments and GitHub job summaries.

A summary line, an overview table when there are several agents, then per agent a table
of the seven items (status, evidence, rules) and, for each item that does not pass, a
collapsible block with its findings, how to fix them and a copy-paste example from the rule
docs. Accepted risk (suppressed findings, with reasons) and notes are always listed.

Everything that comes from the scanned repository (paths, messages quoting its text,
reasons) is escaped: it cannot open HTML, make links or images, @mention anyone, reference
issues, start math, or break a table row. The output stays under `max_bytes` (default just
under GitHub's 1 MiB job-summary limit); what does not fit is replaced by a note.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from readycheck.docs import fence
from readycheck.model import AgentReport, Finding, ItemResult, Location, Report
from readycheck.registry import all_rules
from readycheck.reporters.common import (
    FindingGroups,
    clip,
    findings_by_item,
    one_line,
    rule_order,
    severity_counts,
)

SUMMARY_LIMIT = 1024 * 1024  # GitHub's job summary limit per step, in bytes
MAX_BYTES = SUMMARY_LIMIT - 1024  # room for a newline between steps' summaries and slack
MARKS = {"pass": "✅", "partial": "🟡", "fail": "❌", "n/a": "\u2796"}  # heavy minus sign
MAX_EVIDENCE = 3
MAX_FINDINGS_PER_ITEM = 50
MAX_MESSAGE = 1000
COLLAPSE_READY_AGENTS_OVER = 3  # with more agents than this, ready agents are collapsed
MAX_OVERVIEW_ROWS = 200

# --- escaping -------------------------------------------------------------------------

_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_BACKSLASHED = re.compile(r"([\\`*_{}\[\]|~$])")
_JOIN = "\u2060"  # WORD JOINER: invisible, and breaks autolinks, @mentions and #refs
_AUTOLINK = re.compile(r"(?i)(?<=:)(?=//)|(?<=\bwww)(?=\.)|(?<=[@#])(?=\w)")


def text(value: str) -> str:
    """Untrusted text for a Markdown inline context (table cell, list item, paragraph)."""
    value = html.escape(one_line(value), quote=False)
    value = _BACKSLASHED.sub(r"\\\1", value)
    return _AUTOLINK.sub(_JOIN, value)


def visible(value: str) -> str:
    """Every control character (newlines and tabs too) shown as `\\uXXXX`."""
    return _CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", value)


def code(value: str, table: bool = False) -> str:
    """Untrusted text as an inline code span: literal, so nothing in it is interpreted."""
    value = visible(value)
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    ticks = "`" * (longest + 1)
    if value.startswith(("`", " ")) or value.endswith(("`", " ")) or not value:
        value = f" {value} "
    if table:
        value = value.replace("|", "\\|")
    return f"{ticks}{value}{ticks}"


def html_code(value: str) -> str:
    """Untrusted text inside raw HTML (a `<summary>`): entity-escaped, in `<code>`."""
    return f"<code>{html.escape(visible(value))}</code>"


def where(location: Location, column: bool = False, table: bool = False) -> str:
    position = f"{location.path}:{location.line}"
    if column:
        position += f":{location.column}"
    return code(position, table=table)


# --- blocks ---------------------------------------------------------------------------


@dataclass
class Block:
    """A self-contained piece of the report: cutting between two blocks leaves valid
    Markdown (no open `<details>`, no half row)."""

    text: str
    agent: int | None = None  # index of the agent the block starts, if any
    table_row: bool = False  # a row of the table above: no blank line before it


def render(report: Report, max_bytes: int = MAX_BYTES) -> str:
    return assemble(list(blocks(report)), max_bytes, len(report.agents))


def assemble(parts: list[Block], max_bytes: int, agents: int) -> str:
    """The blocks that fit in `max_bytes` (UTF-8, final newline included), then a note
    saying what was left out. The first block (the headline) is always kept."""
    out: list[str] = []
    size = 1  # the final newline
    reserve = 600  # room for the truncation note
    for index, block in enumerate(parts):
        piece = ("\n" if block.table_row else "\n\n") + block.text if out else block.text
        # A JSON or YAML escape can put a lone surrogate in a message: count it, never fail.
        cost = len(piece.encode("utf-8", "surrogatepass"))
        rest = parts[index + 1 :]
        if size + cost + (reserve if rest else 0) > max_bytes and out:
            out.append("\n\n" + _truncation_note(parts[index:], agents, max_bytes))
            break
        out.append(piece)
        size += cost
    return "".join(out).rstrip("\n") + "\n"


def _truncation_note(left: list[Block], agents: int, max_bytes: int) -> str:
    unseen = sum(1 for b in left if b.agent is not None)
    if unseen:
        what = f"the details of {unseen} of {_n(agents, 'agent')}, and what follows them, are"
    else:
        what = "the end of the report is"
    return (
        "> [!WARNING]\n"
        f"> **Report truncated** to stay under {max_bytes:,} bytes (GitHub's job summary "
        f"limit is 1 MiB): {what} not shown. Run `readycheck check`, or use its SARIF, "
        "JUnit or JSON output, to see every finding."
    )


def blocks(report: Report) -> Iterator[Block]:
    grouped = findings_by_item(report)
    yield Block(_headline(report))
    if report.notes:
        yield Block("> [!NOTE]\n" + "\n".join(f"> - {text(note)}" for note in report.notes))
    # Agents that are not ready first (a reviewer acts on those), each group by path.
    agents = sorted(report.agents, key=lambda a: (a.ready, a.path))
    if len(agents) > 1:
        yield from _overview(agents)
    collapse = len(agents) > COLLAPSE_READY_AGENTS_OVER
    for index, agent in enumerate(agents):
        yield from _agent(index, agent, grouped, collapse and agent.ready)
    agent_paths = {a.path for a in report.agents}
    orphans = [f for f in report.findings if f.agent not in agent_paths]
    if orphans:
        yield Block(f"### Files outside every agent ({len(orphans)} findings)")
        yield from _finding_blocks(orphans)
    if report.suppressed:
        yield from _suppressed(report)


def _headline(report: Report) -> str:
    agents = len(report.agents)
    if not agents:
        return f"## {MARKS['n/a']} readycheck: no agent found"
    ready = sum(a.ready for a in report.agents)
    mark = MARKS["pass"] if report.ready else MARKS["fail"]
    title = f"## {mark} readycheck: {ready} of {agents} agents ready · score {report.score:g}/100"
    counts = severity_counts(report.findings)
    detail = ", ".join(_n(v, k) for k, v in counts.items() if v)
    findings = _n(len(report.findings), "finding") + (f" ({detail})" if detail else "")
    line = f"**{_n(agents, 'agent')}** checked: **{ready} ready**, **{agents - ready} not ready**"
    line += f" · {findings}"
    if report.suppressed:
        line += f" · {_n(report.accepted, 'finding')} accepted as risk"
    return f"{title}\n\n{line}"


def _cap(value: str) -> str:
    return value[:1].upper() + value[1:]


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _overview(agents: list[AgentReport]) -> Iterator[Block]:
    items = [i.item for i in agents[0].items]
    head = "| agent | verdict | score | " + " | ".join(items) + " |"
    rule = "|---|---|--:|" + ":-:|" * len(items)
    yield Block(f"### Agents\n\n{head}\n{rule}")
    for agent in agents[:MAX_OVERVIEW_ROWS]:
        verdict = f"{MARKS['pass']} ready" if agent.ready else f"{MARKS['fail']} not ready"
        marks = " | ".join(MARKS[i.status] for i in agent.items)
        yield Block(
            f"| {code(agent.path, table=True)} | {verdict} | {agent.score:g} | {marks} |",
            table_row=True,
        )
    rest = agents[MAX_OVERVIEW_ROWS:]
    if rest:
        not_ready = sum(not a.ready for a in rest)
        yield Block(f"… and {_n(len(rest), 'more agent')} ({not_ready} not ready) below.")


def _agent(
    index: int,
    agent: AgentReport,
    grouped: FindingGroups,
    collapsed: bool,
) -> Iterator[Block]:
    mark = MARKS["pass"] if agent.ready else MARKS["fail"]
    verdict = "ready" if agent.ready else "not ready"
    about = []
    if agent.markers:
        about.append("found by " + ", ".join(code(m) for m in agent.markers[:5]))
    if agent.frameworks:
        about.append("frameworks: " + ", ".join(text(f) for f in agent.frameworks))
    table = _item_table(agent, grouped)
    if collapsed:
        summary = f"{mark} {html_code(agent.path)}: {verdict} · score {agent.score:g}/100"
        body = "\n\n".join([*(_cap(a) for a in about[:1]), table])
        yield Block(f"<details>\n<summary>{summary}</summary>\n\n{body}\n\n</details>", agent=index)
        return
    heading = f"### {mark} {code(agent.path)}: {verdict} · score {agent.score:g}/100"
    if about:
        heading += "\n\n" + _cap(" · ".join(about))
    yield Block(f"{heading}\n\n{table}", agent=index)
    for item in agent.items:
        if item.status in ("fail", "partial"):
            yield Block(_item_details(item, grouped.get((agent.path, item.item), [])))
    for kind in grouped.others(agent):
        findings = grouped[(agent.path, kind)]
        label = "files" if kind == "general" else kind
        yield Block(
            f"<details>\n<summary>⚠️ <b>{html.escape(label)}</b>: "
            f"{_n(len(findings), 'finding')}</summary>\n\n"
            + "\n".join(_finding_line(f) for f in findings[:MAX_FINDINGS_PER_ITEM])
            + _more(len(findings))
            + "\n\n</details>"
        )


def _item_table(agent: AgentReport, grouped: FindingGroups) -> str:
    rows = ["| | item | status | evidence | rules |", "|:-:|---|---|---|---|"]
    for item in agent.items:
        findings = grouped.get((agent.path, item.item), [])
        if item.status == "n/a":
            evidence = "not applicable" + (f": {text(item.reason)}" if item.reason else "")
        else:
            shown = [where(e, table=True) for e in item.evidence[:MAX_EVIDENCE]]
            extra = len(item.evidence) - MAX_EVIDENCE
            if extra > 0:
                shown.append(f"+{extra} more")
            evidence = ", ".join(shown) or "none found"
        rules = " ".join(rule_order(findings)) if item.status != "pass" else ""
        name = item.item if item.status in ("pass", "n/a") else f"**{item.item}**"
        status = item.status if item.status in ("pass", "n/a") else f"**{item.status}**"
        rows.append(f"| {MARKS[item.status]} | {name} | {status} | {evidence} | {rules} |")
    return "\n".join(rows)


def _item_details(item: ItemResult, findings: list[Finding]) -> str:
    rules = all_rules()
    summary = f"{MARKS[item.status]} <b>{item.item}</b>: {item.status}"
    if findings:
        summary += f" · {_n(len(findings), 'finding')}"
    parts = [f"<details>\n<summary>{summary}</summary>"]
    if findings:
        rank = {rule: i for i, rule in enumerate(rule_order(findings))}
        shown = sorted(findings, key=lambda f: (rank[f.rule], f.location))
        lines = [_finding_line(f) for f in shown[:MAX_FINDINGS_PER_ITEM]]
        parts.append("\n".join(lines) + _more(len(findings)))
    order = [r for r in rule_order(findings) if r in rules]
    if order:
        fixes = [f"- **{r}** `{rules[r].name}`: {' '.join(rules[r].fix.split())}" for r in order]
        parts.append("**How to fix**\n\n" + "\n".join(fixes))
        primary = rules[order[0]]
        parts.append(f"For example ({primary.id}):\n\n{fence(primary.example)}")
    parts.append("</details>")
    return "\n\n".join(parts)


def _finding_line(f: Finding) -> str:
    name = all_rules()[f.rule].name if f.rule in all_rules() else ""
    label = f"**{f.rule}**" + (f" `{name}`" if name else "")
    message = text(clip(f.message, MAX_MESSAGE))
    return f"- {where(f.location, column=True)} {label} ({f.severity}): {message}"


def _more(total: int) -> str:
    extra = total - MAX_FINDINGS_PER_ITEM
    return f"\n- … and {extra} more (run `readycheck check`)" if extra > 0 else ""


def _finding_blocks(findings: list[Finding]) -> Iterator[Block]:
    for start in range(0, len(findings), MAX_FINDINGS_PER_ITEM):
        chunk = findings[start : start + MAX_FINDINGS_PER_ITEM]
        yield Block("\n".join(_finding_line(f) for f in chunk))


def _suppressed(report: Report) -> Iterator[Block]:
    yield Block(
        f"### Accepted risk ({_n(report.accepted, 'suppressed finding')})\n\n"
        "| location | rule | finding | reason | suppressed by | until |\n"
        "|---|---|---|---|---|---|"
    )
    for entry in report.suppressed:
        f = entry.finding
        source = where(entry.source, table=True) if entry.source else "baseline"
        yield Block(
            f"| {where(f.location, table=True)} | {f.rule} | {text(clip(f.message, 300))} "
            f"| {text(clip(entry.reason, 500)) or '*no reason given*'} | {source} "
            f"| {text(entry.until) or '—'} |",
            table_row=True,
        )
