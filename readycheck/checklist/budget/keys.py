"""Reading the session budget from keys: limits with their units, on-limit behaviour."""

from __future__ import annotations

from readycheck import quantities as q
from readycheck.checklist.budget import words as w
from readycheck.checklist.budget.limits import Limit, dimension_of
from readycheck.model import Fact
from readycheck.reading.keys import KeyValue, switched_off, unreadable
from readycheck.reading.places import tool_file

ITEM = "budget"


def read_key(kv: KeyValue) -> list[Fact] | None:
    """Facts for a budget key; None when the key is not this item's. A container is no
    value: it is claimed with no fact, so no other item reads it either."""
    if w.ON_LIMIT_KEY.search(kv.name):
        if kv.value and not switched_off(kv.value):
            return [kv.fact(ITEM, "on_limit", kv.value)]
        return []
    if isinstance(kv.value, (dict, list)):
        return []
    dimension = dimension_of(kv.key, kv.about)
    if dimension is None:
        return None
    if tool_file(kv.loc.path) and ITEM not in kv.about:
        return []  # a skill's tool setting (`timeout: 15` in its wait script)
    if unreadable(kv.value):
        return []  # "Max steps: see limits.yaml" names no value, finite or not
    value = kv.value
    amount = q.duration(value, kv.key) if dimension == "runtime" else q.amount(value)
    return [kv.fact(ITEM, "limit", Limit(dimension, amount, str(value)))]
