"""2. Boot sequence with context-age validation: refuse to act on stale context.

pass: a boot sequence that reads the current task, checks its age against an explicit
bound of at most 24 hours (configurable), and checks the outbox for unresolved items.
partial: a boot sequence missing any of those. fail: no boot sequence.
"""

from __future__ import annotations

import math

from readycheck.checklist.verdict import first, result
from readycheck.evidence import Evidence
from readycheck.model import Fact, Finding, ItemResult, Status
from readycheck.quantities import human_duration

ITEM = "boot"


def _naming(facts: list[Fact], name: str) -> list[Fact]:
    base = name.rsplit("/", 1)[-1]
    return [f for f in facts if base in f.text]


def judge(ev: Evidence) -> ItemResult:
    sequence, tasks, ages, outbox = (
        ev.parts(ITEM, p) for p in ("sequence", "task_read", "age_check", "outbox_check")
    )
    # Steps that name the manifest's own state files (`state: {outbox: questions.json}`).
    steps = sequence + tasks + ages + outbox
    tasks = tasks or _naming(steps, ev.state_names["task"])
    outbox = outbox or _naming(steps, ev.state_names["outbox"])
    everything = sequence + tasks + ages + outbox
    if not everything:
        finding = Finding(
            "RC201",
            "no boot sequence: nothing reads the task state and checks its age on start",
            ev.anchor,
            ITEM,
        )
        return result(ITEM, "fail", [], [finding])

    where = first(sequence or everything).location
    findings: list[Finding] = []
    ceiling = ev.settings.max_context_age_seconds
    bounded = [f for f in ages if isinstance(f.value, float)]
    within = [f for f in bounded if math.isnan(f.value) or f.value <= ceiling]
    if not tasks:
        findings.append(
            Finding(
                "RC202",
                "boot sequence does not read the current task state (current-task.json)",
                where,
                ITEM,
            )
        )
    if not ages:
        findings.append(
            Finding(
                "RC203",
                "boot sequence does not validate the age of its context "
                "(e.g. 'reject current-task.json if older than 4h')",
                where,
                ITEM,
            )
        )
    elif not bounded:
        findings.append(
            Finding(
                "RC204",
                "context-age check has no explicit bound: say how old is too old",
                first(ages).location,
                ITEM,
            )
        )
    elif not within:
        worst = first(bounded)
        findings.append(
            Finding(
                "RC205",
                f"context-age bound of {human_duration(worst.value)} is over the "
                f"{human_duration(ceiling)} ceiling",
                worst.location,
                ITEM,
            )
        )
    if not outbox:
        findings.append(
            Finding(
                "RC206",
                "boot sequence does not check the outbox for unresolved items",
                where,
                ITEM,
            )
        )
    status: Status = "pass" if tasks and within and outbox else "partial"
    evidence = [first(g).location for g in (sequence, tasks, within or ages, outbox) if g]
    return result(ITEM, status, evidence, findings, everything)
