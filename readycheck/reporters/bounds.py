"""Overall bounds on what a report shows, whatever the format: a hostile repository (one
shared file of 200 anti-pattern sentences read by 2,000 agents) made 402k findings and a
358 MB SARIF file. What is left out is counted in a note, as ruff says "N more"."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from readycheck.model import AgentReport, Finding, Report
from readycheck.reporters.common import clip

MAX_FINDINGS_PER_RULE_AND_FILE = 200  # and as many accepted (suppressed) ones
MAX_MESSAGE = 2000  # characters of one finding's message or one note
MAX_NOTES = 100
# Agents whose checklist a format shows one by one (text, JUnit, SARIF); the summary
# counts every agent, and the JSON report lists them all.
MAX_AGENTS_SHOWN = 200


def bounded(report: Report) -> Report:
    """`report` with at most MAX_FINDINGS_PER_RULE_AND_FILE findings of each rule in each
    file (accepted ones apart), messages and notes clipped to MAX_MESSAGE, at most
    MAX_NOTES notes; a note says how many of each were left out. Only what is shown
    changes: the verdict, the exit code and a written baseline come from the whole report."""
    shown, left_out = _per_rule_and_file(report.findings)
    accepted, accepted_left_out = _per_rule_and_file([s.finding for s in report.suppressed])
    notes = [clip(note, MAX_MESSAGE) for note in report.notes]
    for what, counts in (("", left_out), ("accepted ", accepted_left_out)):
        notes += [
            f"{count:,} more {what}{rule} finding(s) in {path} not shown "
            f"(at most {MAX_FINDINGS_PER_RULE_AND_FILE} per rule and file)"
            for (path, rule), count in sorted(counts.items())
        ]
    if len(notes) > MAX_NOTES:
        hidden = len(notes) - (MAX_NOTES - 1)
        notes = [*notes[: MAX_NOTES - 1], f"{hidden:,} more notes not shown"]
    suppressed = [
        replace(s, finding=f)
        for s, f in zip(report.suppressed, accepted, strict=True)
        if f is not None
    ]
    findings = [f for f in shown if f is not None]
    return replace(
        report,
        findings=findings,
        notes=notes,
        suppressed=suppressed,
        suppressed_not_shown=report.suppressed_not_shown + accepted_left_out.total(),
    )


def _per_rule_and_file(
    findings: list[Finding],
) -> tuple[list[Finding | None], Counter[tuple[str, str]]]:
    """Each finding, clipped, or None where its rule and file are over the cap (so that the
    result lines up with `findings`); and how many were left out per (path, rule)."""
    shown: list[Finding | None] = []
    kept: Counter[tuple[str, str]] = Counter()
    left_out: Counter[tuple[str, str]] = Counter()
    for f in findings:
        key = (f.location.path, f.rule)
        if kept[key] < MAX_FINDINGS_PER_RULE_AND_FILE:
            kept[key] += 1
            shown.append(f if len(f.message) <= MAX_MESSAGE else _clipped(f))
        else:
            left_out[key] += 1
            shown.append(None)
    return shown, left_out


def shown_agents(agents: list[AgentReport]) -> list[AgentReport]:
    """At most MAX_AGENTS_SHOWN agents, those not ready first, in their report order."""
    if len(agents) <= MAX_AGENTS_SHOWN:
        return agents
    chosen = sorted(range(len(agents)), key=lambda i: (agents[i].ready, i))[:MAX_AGENTS_SHOWN]
    return [agents[i] for i in sorted(chosen)]


def agents_left_out(agents: list[AgentReport]) -> str | None:
    """The note that says how many agents `shown_agents` leaves out, if any."""
    hidden = len(agents) - MAX_AGENTS_SHOWN
    if hidden <= 0:
        return None
    return f"{hidden:,} more agents not shown (ready ones first); the JSON report lists all"


def _clipped(f: Finding) -> Finding:
    shown = clip(f.message, MAX_MESSAGE)  # ends with "…"
    more = len(f.message) - (len(shown) - 1)
    return replace(f, message=f"{shown} ({more:,} more characters)")
