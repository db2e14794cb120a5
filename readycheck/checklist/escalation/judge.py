"""1. Escalation rule: when uncertain, stop and hand the question to a human.

pass: a trigger (uncertainty), a stop (halt, do not guess) and a channel (outbox, handoff,
ticket, chat), in one rule or split across files. partial: one or two parts, or a
framework human-in-the-loop setting without an uncertainty trigger. fail: nothing, or an
anti-pattern ("make your best guess", "never stop"), which overrides any good rule.
"""

from __future__ import annotations

from readycheck.checklist.verdict import first, quote, result
from readycheck.evidence import Evidence
from readycheck.model import Fact, Finding, ItemResult, Status
from readycheck.reading.places import skill_of

ITEM = "escalation"


def judge(ev: Evidence) -> ItemResult:
    triggers, stops, channels = (ev.parts(ITEM, p) for p in ("trigger", "stop", "channel"))
    antis, hitl = ev.parts(ITEM, "anti"), ev.parts(ITEM, "hitl")
    found = {"trigger": triggers, "stop": stops, "channel": channels}
    present = [f for group in found.values() for f in group]
    parts = _one_scope(found)
    evidence = [first(g).location for g in found.values() if g]
    findings: list[Finding] = []

    for anti in antis:
        findings.append(
            Finding(
                "RC105",
                f"anti-pattern {quote(str(anti.value))}: the agent is told to push on instead of "
                "stopping to ask a human",
                anti.location,
                ITEM,
            )
        )
    if not present and not hitl:
        if not antis:
            findings.append(
                Finding(
                    "RC101",
                    "no escalation rule: nothing says what to do when uncertain (trigger, stop, "
                    "channel)",
                    ev.anchor,
                    ITEM,
                )
            )
        return result(ITEM, "fail", [], findings)

    where = first(present).location if present else first(hitl).location
    missing = {
        "trigger": (
            "RC102",
            "escalation rule has no trigger: say when to escalate "
            "(uncertain, scope unclear, confidence below a threshold, blocked)",
        ),
        "stop": (
            "RC103",
            "escalation rule has no stop: say that the agent halts and does not guess or proceed",
        ),
        "channel": (
            "RC104",
            "escalation rule has no channel: say where the question, "
            "blockers and last state go (outbox file, handoff, ticket, chat channel)",
        ),
    }
    if not present:
        findings.append(
            Finding(
                "RC106",
                f"only framework human-in-the-loop ({hitl[0].key or hitl[0].text}) with no "
                "uncertainty trigger, stop or channel",
                where,
                ITEM,
            )
        )
    else:
        for part, (rule, message) in missing.items():
            if not parts[part]:
                findings.append(Finding(rule, message, where, ITEM))
    if antis:
        status: Status = "fail"
    elif all(parts.values()):
        status = "pass"
    else:
        status = "partial"
    return result(ITEM, status, evidence or [where], findings, present + hitl)


def _one_scope(found: dict[str, list[Fact]]) -> dict[str, list[Fact]]:
    """The parts of the agent's own rule. A skill's "stop when blocked, don't guess" (even a
    whole rule in a skill) applies while that skill runs: it neither completes the agent's
    "when in doubt, ask" nor makes the item pass alone (it still makes it partial). Parts in
    different files of the agent's own instructions do combine."""
    return {
        part: [f for f in group if not skill_of(f.location.path)] for part, group in found.items()
    }
