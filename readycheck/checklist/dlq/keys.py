"""Reading the dead letter queue from keys: retry bounds and failed-task destinations."""

from __future__ import annotations

import math
import re

from readycheck import quantities as q
from readycheck.checklist.dlq import words as w
from readycheck.model import Fact
from readycheck.reading.keys import KeyValue, unreadable

ITEM = "dlq"

_DESTINATION_KEY = (
    "destination",
    "target",
    "path",
    "queue",
    "topic",
    "file",
    "write_to",
    "location",
    "sink",
    "dead_letter",
    "dead_letter_queue",
    "exchange",
    "bucket",
)
_RETRY_WORD = re.compile(r"(^|_)(retr\w*|attempts?|tries)(_|$)")  # attempts_before_parking
# Retry settings that are not a count: "retry_delay: 5", "retryable: false", "retry_on: [429]".
_NOT_A_COUNT = re.compile(
    r"delay|backoff|interval|wait|timeout|jitter|factor|multiplier|sleep|period|able"
    r"|(^|_)(codes?|status(es)?|errors?|exceptions?|policy|strategy|mode|min)(_|$)|_(on|if|for)$"
)


def read_key(kv: KeyValue) -> list[Fact] | None:
    name, value = kv.name, kv.value
    retry_key = w.RETRY_KEY.search(name) or _RETRY_WORD.search(name)
    if retry_key and (
        ITEM in kv.about
        or "retr" in name
        or "attempt" in name
        or "receive" in name
        or "tries" in name
    ):
        if (
            unreadable(value)
            or isinstance(value, bool)
            or not isinstance(value, (int, float, str))
            or _NOT_A_COUNT.search(name)
        ):
            return []
        count = q.amount(value)
        if count is None or not 0 < count < math.inf:
            return [kv.fact(ITEM, "unbounded", value)]
        return [kv.fact(ITEM, "retry_bound", count)]
    if ITEM in kv.about and name in _DESTINATION_KEY and isinstance(value, str) and value.strip():
        return [kv.fact(ITEM, "destination", value)]
    return None
