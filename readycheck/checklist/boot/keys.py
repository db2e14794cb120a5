"""Reading the boot sequence from keys: the context-age bound (`max_age: 4h`)."""

from __future__ import annotations

import math

from readycheck import quantities as q
from readycheck.model import Fact
from readycheck.reading.keys import KeyValue

ITEM = "boot"

_AGE_KEY = (
    "max_age",
    "max_context_age",
    "max_task_age",
    "stale_after",
    "max_staleness",
    "context_max_age",
    "freshness",
    "max_state_age",
    "reject_older_than",
)


def read_key(kv: KeyValue) -> list[Fact] | None:
    if kv.name in _AGE_KEY or (kv.name.endswith("max_age") and ITEM in kv.about):
        seconds = q.duration(kv.value, kv.key)
        bound = seconds if seconds not in (None, math.inf) else None
        return [kv.fact(ITEM, "age_check", bound)]
    return None
