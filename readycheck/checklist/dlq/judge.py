"""6. Dead letter queue: a failing task is set aside after bounded retries.

pass: a named destination for failed tasks and a bound on retries. partial: one of the
two. fail: neither, or unbounded retries ("retry until it works", max_retries: -1).
"""

from __future__ import annotations

from readycheck.checklist.verdict import first, quote, result
from readycheck.evidence import Evidence
from readycheck.model import Finding, ItemResult, Status

ITEM = "dlq"


def judge(ev: Evidence) -> ItemResult:
    dest, bound, unbounded = (
        ev.parts(ITEM, p) for p in ("destination", "retry_bound", "unbounded")
    )
    findings = [
        Finding(
            "RC604",
            f"unbounded retries {quote(f.text)}: a failing task is retried "
            "forever instead of being set aside",
            f.location,
            ITEM,
        )
        for f in unbounded
    ]
    if not dest and not bound:
        if not unbounded:
            findings.append(
                Finding(
                    "RC601",
                    "no dead letter queue: failed tasks have nowhere to go and no retry bound",
                    ev.anchor,
                    ITEM,
                )
            )
        return result(ITEM, "fail", [], findings)
    where = first(dest + bound).location
    if not bound:
        findings.append(
            Finding(
                "RC602",
                "failed tasks have a destination but retries have "
                "no bound (e.g. 'after 3 failed attempts')",
                where,
                ITEM,
            )
        )
    if not dest:
        findings.append(
            Finding(
                "RC603",
                "retries are bounded but a task that exhausts them "
                "has nowhere to go (e.g. failed-tasks.json)",
                where,
                ITEM,
            )
        )
    status: Status = "fail" if unbounded else "pass" if dest and bound else "partial"
    evidence = [first(g).location for g in (dest, bound) if g]
    return result(ITEM, status, evidence, findings, dest + bound)
