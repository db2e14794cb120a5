"""Overall bounds on what a report shows, whatever the format: a hostile repository (one
shared file of 200 anti-pattern sentences read by 2,000 agents) made 402k findings and a
358 MB SARIF file. What is left out is counted in a note, as ruff says "N more"."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from readycheck.model import Finding, Report
from readycheck.reporters.common import clip

MAX_FINDINGS_PER_RULE_AND_FILE = 200
MAX_MESSAGE = 2000  # characters of one finding's message or one note
MAX_NOTES = 100


def bounded(report: Report) -> Report:
    """`report` with at most MAX_FINDINGS_PER_RULE_AND_FILE findings of each rule in each
    file, messages and notes clipped to MAX_MESSAGE, at most MAX_NOTES notes; a note says
    how many of each were left out. Only what is shown changes: the verdict, the exit code
    and a written baseline come from the whole report."""
    shown: list[Finding] = []
    kept: Counter[tuple[str, str]] = Counter()
    left_out: Counter[tuple[str, str]] = Counter()
    for f in report.findings:
        key = (f.location.path, f.rule)
        if kept[key] < MAX_FINDINGS_PER_RULE_AND_FILE:
            kept[key] += 1
            shown.append(f if len(f.message) <= MAX_MESSAGE else _clipped(f))
        else:
            left_out[key] += 1
    notes = [clip(note, MAX_MESSAGE) for note in report.notes]
    notes += [
        f"{count:,} more {rule} finding(s) in {path} not shown "
        f"(at most {MAX_FINDINGS_PER_RULE_AND_FILE} per rule and file)"
        for (path, rule), count in sorted(left_out.items())
    ]
    if len(notes) > MAX_NOTES:
        hidden = len(notes) - (MAX_NOTES - 1)
        notes = [*notes[: MAX_NOTES - 1], f"{hidden:,} more notes not shown"]
    return replace(report, findings=shown, notes=notes)


def _clipped(f: Finding) -> Finding:
    shown = clip(f.message, MAX_MESSAGE)  # ends with "…"
    more = len(f.message) - (len(shown) - 1)
    return replace(f, message=f"{shown} ({more:,} more characters)")
