"""4. Session budget: a loop cannot run forever or burn unbounded cost.

pass: finite limits on steps, runtime and tokens-or-cost, and an on-limit behaviour.
partial: some limits, or limits with no on-limit behaviour. fail: no valid limit, an
on-limit behaviour with nothing to reach, or an instruction to run without limit.
A limit of 0, -1, null, "unlimited", inf or above the ceiling does not count.
"""

from __future__ import annotations

import math

from readycheck.checklist.budget.limits import DIMENSIONS, Limit
from readycheck.checklist.verdict import first, quote, result
from readycheck.evidence import Evidence
from readycheck.model import Fact, Finding, ItemResult, Status
from readycheck.quantities import human_duration

ITEM = "budget"
_MISSING = {
    "steps": ("RC402", "no finite step limit (max_steps, max_iter, max_turns, recursion_limit...)"),
    "runtime": ("RC403", "no finite runtime limit (max_runtime, timeout, max_execution_time...)"),
    "tokens": (
        "RC404",
        "no finite token or cost limit (max_tokens, token_limit, max_budget_usd...)",
    ),
}


def _show(limit: Limit) -> str:
    if limit.dimension == "runtime" and limit.amount is not None:
        return human_duration(limit.amount)
    return f"{limit.amount:g}" if limit.amount is not None else "null"


def judge(ev: Evidence) -> ItemResult:
    s = ev.settings
    ceilings = {
        "steps": s.max_steps,
        "runtime": s.max_runtime_seconds,
        "tokens": s.max_tokens,
        "cost": math.inf,
    }
    findings: list[Finding] = []
    valid: list[Fact] = []
    for fact in ev.parts(ITEM, "limit"):
        limit: Limit = fact.value
        name = fact.key or limit.raw
        if not limit.finite:
            findings.append(
                Finding(
                    "RC405",
                    f"{limit.dimension} limit {quote(name, 40)} = {limit.raw!r} is not a "
                    "finite positive value, so it is no limit",
                    fact.location,
                    ITEM,
                )
            )
        elif limit.amount is not None and limit.amount > ceilings[limit.dimension]:
            ceiling = ceilings[limit.dimension]
            shown = human_duration(ceiling) if limit.dimension == "runtime" else f"{ceiling:g}"
            findings.append(
                Finding(
                    "RC406",
                    f"{limit.dimension} limit {quote(name, 40)} = {_show(limit)} is above "
                    f"the ceiling of {shown}",
                    fact.location,
                    ITEM,
                )
            )
        else:
            valid.append(fact)
    on_limit, antis = ev.parts(ITEM, "on_limit"), ev.parts(ITEM, "anti")
    for anti in antis:
        findings.append(
            Finding(
                "RC408",
                f"instruction to run without limit {quote(str(anti.value))}",
                anti.location,
                ITEM,
            )
        )
    covered = {f.value.satisfies for f in valid}
    # A framework default the agent relies on (LangGraph's recursion limit, an AutoGen team
    # with no termination): named, unless something else bounds the same dimension.
    relied = [
        Finding("RC410", f"relies on a framework default: {d.value}", d.location, ITEM)
        for d in ev.parts(ITEM, "default")
        if not getattr(d.value, "dimension", "") or d.value.dimension not in covered
    ]
    if not valid:
        if on_limit:
            findings.append(
                Finding(
                    "RC409",
                    "an on-limit behaviour is set but there is no valid limit to reach",
                    first(on_limit).location,
                    ITEM,
                )
            )
        elif not findings:
            findings.append(
                Finding(
                    "RC401",
                    "no session budget: no limit on steps, runtime or tokens",
                    ev.anchor,
                    ITEM,
                )
            )
        return result(ITEM, "fail", [], findings + relied)
    where = first(valid).location
    for dimension in DIMENSIONS:
        if dimension not in covered:
            rule, message = _MISSING[dimension]
            findings.append(Finding(rule, message, where, ITEM))
    if not on_limit:
        findings.append(
            Finding(
                "RC407",
                "budget has no on-limit behaviour: say what happens when a limit is hit "
                "(e.g. write handoff.json and stop)",
                where,
                ITEM,
            )
        )
    findings.extend(relied)
    if antis:
        status: Status = "fail"
    elif len(covered) == len(DIMENSIONS) and on_limit:
        status = "pass"
    else:
        status = "partial"
    by_dimension: dict[str, Fact] = {}
    for fact in valid:
        by_dimension.setdefault(fact.value.satisfies, fact)
    evidence = [f.location for f in by_dimension.values()]
    if on_limit:
        evidence.append(first(on_limit).location)
    return result(ITEM, status, evidence, findings, valid + on_limit)
