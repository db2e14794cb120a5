"""Reading the output schema from keys: schema references and what happens on invalid
output."""

from __future__ import annotations

from readycheck.checklist.output import words as w
from readycheck.model import Fact
from readycheck.reading.keys import KeyValue

ITEM = "output"


def read_key(kv: KeyValue) -> list[Fact] | None:
    if w.ENFORCE_KEY.search(kv.name):
        # `on_invalid: log` names the key but enforces nothing: no fact.
        if w.ENFORCE_VALUE.search(str(kv.value).strip()):
            return [kv.fact(ITEM, "enforce", kv.value)]
        return []
    if w.SCHEMA_KEY.search(kv.name) and isinstance(kv.value, str) and kv.value.strip():
        return [kv.fact(ITEM, "schema_ref", kv.value.strip())]
    return None
