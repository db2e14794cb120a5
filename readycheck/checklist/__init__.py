"""The seven checklist items: the one list, and one package per item.

Everything that knows about one item lives in `readycheck/checklist/<item>/` (its words,
its readers, its judge, its `init` scaffold) beside its data in `rules/<item>/` (rule
metadata and data cases). Weights, doc titles, discovery's manifest-block pattern and the
schemas' item enums are derived from `ITEMS` or checked against it by a test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from readycheck.evidence import Evidence
    from readycheck.model import ItemResult


@dataclass(frozen=True)
class ItemSpec:
    """One checklist item: what it is called, how much it weighs, which rules and fact
    parts are its own."""

    id: str  # also its manifest block key (`budget:`) and its package name
    title: str  # one line for the rule docs
    weight: float  # default weight in the score (risk of a silent failure)
    prefix: str  # its rule codes: RC1 -> RC101, RC102...
    parts: tuple[str, ...]  # the fact parts its readers may emit and its judge reads

    @property
    def judge(self) -> Callable[[Evidence], ItemResult]:
        """The item's judge, imported on first use."""
        module = import_module(f"readycheck.checklist.{self.id}.judge")
        judge: Callable[[Evidence], ItemResult] = module.judge
        return judge


ITEMS: tuple[ItemSpec, ...] = (
    ItemSpec(
        "escalation",
        "Escalation rule: when uncertain, the agent stops and asks a human",
        10,
        "RC1",
        ("trigger", "stop", "channel", "anti", "hitl"),
    ),
    ItemSpec(
        "boot",
        "Boot sequence: on start, the agent refuses to act on stale context",
        7.5,
        "RC2",
        ("sequence", "task_read", "age_check", "outbox_check"),
    ),
    ItemSpec(
        "state",
        "Three-file state: after a crash the agent knows its task, context and outbox",
        5,
        "RC3",
        ("task", "context", "outbox", "declared", "checkpointer", "default"),
    ),
    ItemSpec(
        "budget",
        "Session budget: a loop cannot run forever or burn unbounded cost",
        10,
        "RC4",
        ("limit", "on_limit", "anti", "default"),
    ),
    ItemSpec(
        "output",
        "Output schema: malformed output is caught and treated as a failure",
        7.5,
        "RC5",
        ("schema_ref", "schema_file", "sample", "enforce", "native", "default"),
    ),
    ItemSpec(
        "dlq",
        "Dead letter queue: a failing task is set aside after bounded retries",
        5,
        "RC6",
        ("destination", "retry_bound", "unbounded"),
    ),
    ItemSpec(
        "monitoring",
        "Monitoring: when things go wrong, a human is told",
        7.5,
        "RC7",
        ("alert", "route", "logging", "alert_rule", "disabled", "default"),
    ),
)
ITEM_IDS: tuple[str, ...] = tuple(spec.id for spec in ITEMS)
BY_ID: dict[str, ItemSpec] = {spec.id: spec for spec in ITEMS}
# Rule groups that are not checklist items: parsing problems and suppression hygiene.
OTHER_GROUPS: dict[str, str] = {
    "general": "General: files that could not be read or agents that are not scored",
    "suppression": "Suppression hygiene: accepted risk says why, and until when",
}
