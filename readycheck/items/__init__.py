"""The seven checklist items, one module each, in checklist order.

Each module has `judge(ev: Evidence) -> ItemResult`: a status and the findings that
explain it. Items decide status only; severity, suppression and exit codes are policy.
"""

from __future__ import annotations

from collections.abc import Callable

from readycheck.evidence import Evidence
from readycheck.items import boot, budget, dlq, escalation, monitoring, output, state
from readycheck.model import Fact, ItemResult, Location

JUDGES: dict[str, Callable[[Evidence], ItemResult]] = {
    "escalation": escalation.judge,
    "boot": boot.judge,
    "state": state.judge,
    "budget": budget.judge,
    "output": output.judge,
    "dlq": dlq.judge,
    "monitoring": monitoring.judge,
}


def first_locations(*groups: list[Fact]) -> list[Location]:
    """The first location of each non-empty group, for an item's evidence."""
    seen: list[Location] = []
    for group in groups:
        if group:
            loc = min(f.location for f in group)
            if loc not in seen:
                seen.append(loc)
    return seen
