"""Reading monitoring from keys: logging and tracing switches (alert routes are read from
whole mappings, see `mappings`)."""

from __future__ import annotations

from readycheck.checklist.monitoring import words as w
from readycheck.model import Fact
from readycheck.reading.keys import KeyValue, switched_off

ITEM = "monitoring"


def read_key(kv: KeyValue) -> list[Fact] | None:
    if w.LOGGING_KEY.search(kv.name) and not switched_off(kv.value):
        return [kv.fact(ITEM, "logging", kv.value)]
    return None
