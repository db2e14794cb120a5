"""A budget limit and the dimension a key limits."""

from __future__ import annotations

import math
from dataclasses import dataclass

from readycheck import quantities as q
from readycheck.checklist.budget import words as w

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


def dimension_of(key: str, about: set[str] | frozenset[str] = frozenset()) -> str | None:
    """The budget dimension a key limits, or None when it is not a budget key."""
    name = q.snake(key)
    if w.NOT_BUDGET_KEY.search(name):
        return None
    bounded = bool(w.BOUND_KEY.search(name)) or "budget" in about
    if w.TOKEN_KEY.search(name) and bounded:
        return "cost" if "token" not in name else "tokens"
    if w.STEP_KEY.search(name) and (bounded or name == "recursion_limit"):
        return "steps"
    if w.RUNTIME_KEY.search(name) and (bounded or name.startswith("timeout")):
        return "runtime"
    return None
