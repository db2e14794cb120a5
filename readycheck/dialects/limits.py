"""Keys with values: the structured half of the lexicon.

`classify_entry` reads one `key: value` pair — from YAML/JSON/TOML, a fenced block, a
"Max steps: 50" line in prose, or a framework keyword — and yields facts for budget limits,
on-limit behaviour, retry bounds, output enforcement, schema references, context-age bounds
and logging switches. Values are parsed with their units.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from readycheck import quantities as q
from readycheck.dialects import lexicon as lx
from readycheck.model import Fact, Location

DIMENSIONS = ("steps", "runtime", "tokens")  # "cost" satisfies "tokens"


@dataclass(frozen=True)
class Limit:
    """A budget limit: `amount` is steps, seconds, tokens or money; inf or <=0 is no limit."""

    dimension: str  # steps | runtime | tokens | cost
    amount: float | None  # None: null / unreadable
    raw: str

    @property
    def satisfies(self) -> str:
        return "tokens" if self.dimension == "cost" else self.dimension

    @property
    def finite(self) -> bool:
        return self.amount is not None and 0 < self.amount < math.inf


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
_OFF = ("continue", "ignore", "none", "nothing", "false", "no", "off", "")


def dimension_of(key: str, about: set[str] | frozenset[str] = frozenset()) -> str | None:
    """The budget dimension a key limits, or None when it is not a budget key."""
    name = q.snake(key)
    if lx.NOT_BUDGET_KEY.search(name):
        return None
    bounded = bool(lx.BOUND_KEY.search(name)) or "budget" in about
    if lx.TOKEN_KEY.search(name) and bounded:
        return "cost" if "token" not in name else "tokens"
    if lx.STEP_KEY.search(name) and (bounded or name == "recursion_limit"):
        return "steps"
    if lx.RUNTIME_KEY.search(name) and (bounded or name.startswith("timeout")):
        return "runtime"
    return None


def _unreadable(value: object) -> bool:
    """A text value that is neither a number, a duration nor an 'unlimited' word."""
    if not isinstance(value, str):
        return False
    text = value.strip()
    return q.amount(text) is None and q.duration(text) is None and not q.UNLIMITED.match(text)


def classify_entry(
    key: str, value: object, loc: Location, about: set[str], dialect: str
) -> Iterator[Fact]:
    """Facts for one key/value pair. Containers are not values: callers pass scalars."""
    name = q.snake(key)
    text = f"{key}: {value}"

    def fact(item: str, part: str, val: object = None) -> Fact:
        return Fact(item, part, loc, text[:160], dialect, key=key, value=val)

    if lx.ON_LIMIT_KEY.search(name):
        if value and str(value).strip().lower() not in _OFF:
            yield fact("budget", "on_limit", value)
        return
    if isinstance(value, (dict, list)):
        return
    dimension = dimension_of(key, about)
    if dimension is not None:
        if _unreadable(value):
            return  # "Max steps: see limits.yaml" names no value, finite or not
        amount = q.duration(value, key) if dimension == "runtime" else q.amount(value)
        yield fact("budget", "limit", Limit(dimension, amount, str(value)))
        return
    retry_key = lx.RETRY_KEY.search(name) or _RETRY_WORD.search(name)
    if retry_key and (
        "dlq" in about
        or "retr" in name
        or "attempt" in name
        or "receive" in name
        or "tries" in name
    ):
        if _unreadable(value):
            return
        count = q.amount(value)
        if count is None or not 0 < count < math.inf:
            yield fact("dlq", "unbounded", value)
        else:
            yield fact("dlq", "retry_bound", count)
        return
    if "dlq" in about and name in _DESTINATION_KEY and isinstance(value, str) and value.strip():
        yield fact("dlq", "destination", value)
        return
    if lx.ENFORCE_KEY.search(name):
        if lx.ENFORCE_VALUE.search(str(value).strip()):
            yield fact("output", "enforce", value)
        else:
            yield fact("output", "weak_enforce", value)
        return
    if lx.SCHEMA_KEY.search(name) and isinstance(value, str) and value.strip():
        yield fact("output", "schema_ref", value.strip())
        return
    if name in _AGE_KEY or (name.endswith("max_age") and "boot" in about):
        seconds = q.duration(value, key)
        yield fact("boot", "age_check", seconds if seconds not in (None, math.inf) else None)
        return
    if lx.LOGGING_KEY.search(name) and str(value).strip().lower() not in _OFF:
        yield fact("monitoring", "logging", value)
