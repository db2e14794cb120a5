"""Policy over facts: weights, required items, n/a, the score and readiness.

Score = 100 x sum(weight x credit) / sum(weight of applicable items), with credit 1 for
pass and 0.5 for partial. An agent is ready when every required, applicable item passes,
or every finding against it is accepted risk (suppressed with a reason, or baselined).
"""

from __future__ import annotations

from collections.abc import Collection

from readycheck.config import Settings
from readycheck.model import ItemResult, Location

CREDIT = {"pass": 1.0, "partial": 0.5, "fail": 0.0}


def score(items: list[ItemResult], settings: Settings) -> float:
    applicable = [i for i in items if i.status != "n/a"]
    total = sum(settings.weights.get(i.item, 0) for i in applicable)
    if not total:
        return 100.0
    earned = sum(settings.weights.get(i.item, 0) * CREDIT[i.status] for i in applicable)
    return round(100 * earned / total, 1)


def ready(
    items: list[ItemResult],
    settings: Settings,
    accepted: Collection[tuple[str, Location]] = (),
) -> bool:
    """Every required item passes, is n/a, or has every finding against it accepted:
    `accepted` holds the (rule, location) of the agent's suppressed and baselined findings.
    A finding that rule selection leaves out is not reported, but its item still fails."""
    return all(
        i.status in ("pass", "n/a")
        or (i.findings and all((f.rule, f.location) in accepted for f in i.findings))
        for i in items
        if i.item in settings.required
    )
