"""One `key: value` pair as the item key readers see it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from readycheck import quantities as q
from readycheck.model import Fact, Location


@dataclass(frozen=True)
class KeyValue:
    """A key with a scalar value — from YAML/JSON/TOML, a fenced block, a "Max steps: 50"
    line in prose, or a framework keyword — and the items its section is about.
    `name` is the key in snake case (`maxSteps` -> `max_steps`)."""

    key: str
    name: str
    value: Any
    loc: Location
    about: frozenset[str] | set[str]
    dialect: str

    def fact(self, item: str, part: str, value: Any = None) -> Fact:
        text = f"{self.key}: {self.value}"
        return Fact(item, part, self.loc, text[:160], self.dialect, key=self.key, value=value)


_OFF = ("continue", "ignore", "none", "nothing", "false", "no", "off", "")


def switched_off(value: object) -> bool:
    """`on_limit: continue`, `logging: off`: a value that says nothing is done."""
    return str(value).strip().lower() in _OFF


def unreadable(value: object) -> bool:
    """A text value that is neither a number, a duration nor an 'unlimited' word."""
    if not isinstance(value, str):
        return False
    text = value.strip()
    return q.amount(text) is None and q.duration(text) is None and not q.UNLIMITED.match(text)
