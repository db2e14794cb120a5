"""The state-file contract: the three files, where they are, and what makes each valid.

`readycheck check` (the state judge and the engine), `readycheck boot` and `readycheck
init` all read the contract from here, so that they agree on an agent's state files:

- three kinds: the current task, the context snapshot and the outbox;
- their names: a manifest's `state:` block (any key naming the kind: `task`,
  `current_task`, `task_file`, `snapshot_path`, `context_file`, `outbox_file`...), else the
  defaults below, in the agent directory or its `state/` subdirectory;
- a task or context file is a JSON object with an ISO-8601 timestamp under one of
  `TIMESTAMP_KEYS`; an outbox is a list of items, or an object holding lists.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

KINDS = ("task", "context", "outbox")
DEFAULT_NAMES = {
    "task": "current-task.json",
    "context": "context-snapshot.json",
    "outbox": "outbox.json",
}
# Where an undeclared state file may also sit, below the agent directory.
STATE_DIR = "state"
TIMESTAMP_KEYS = ("updated_at", "timestamp", "updatedAt")
# The state files as prose names them ("write the current task to current_task.json").
STATE_FILES: dict[str, re.Pattern[str]] = {
    "task": re.compile(r"current[-_ ]task(\.json)?\b|\btask[-_]state\.json", re.IGNORECASE),
    "context": re.compile(r"context[-_ ]snapshot(\.json)?\b|\bcontext\.json\b", re.IGNORECASE),
    "outbox": re.compile(r"\boutbox(\.json|\.jsonl)?\b", re.IGNORECASE),
}

# Date, optional time of day, optional offset: `2026-11-28`, `2026-11-28 23:30`,
# `2026-11-28T23:30:00.5+0200`.
_ISO = re.compile(
    r"^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::(\d{2})(?:\.(\d+))?)?"
    r"(Z|[+-]\d{2}:?\d{2})?)?$"
)


# --- Names -------------------------------------------------------------------------------


def state_kind(key: str) -> str | None:
    """The kind of state a manifest `state:` key names: `outbox_file` -> outbox,
    `snapshot_path` -> context, `current_task` -> task; None for other keys."""
    key = key.lower()
    if "outbox" in key:
        return "outbox"
    if "snapshot" in key or "context" in key:
        return "context"
    if "task" in key:
        return "task"
    return None


def declared_paths(pairs: Iterable[tuple[object, object]]) -> dict[str, str]:
    """kind -> path from the (key, value) pairs of a manifest's `state:` block, in order.

    The last key naming a kind wins; values that are not a non-empty string name nothing."""
    paths: dict[str, str] = {}
    for key, value in pairs:
        kind = state_kind(str(key))
        if kind and isinstance(value, str) and value.strip():
            paths[kind] = value.strip()
    return paths


def default_places(kind: str) -> tuple[str, str]:
    """Where an undeclared state file is looked for, first match first."""
    name = DEFAULT_NAMES[kind]
    return name, f"{STATE_DIR}/{name}"


def is_default_name(path: str) -> bool:
    """True when the file name (any directory) is one of the three default names."""
    return path.rsplit("/", 1)[-1] in DEFAULT_NAMES.values()


# --- Timestamps --------------------------------------------------------------------------


@dataclass(frozen=True)
class Stamp:
    """A timestamp read from a state file."""

    moment: datetime  # always timezone-aware
    naive: bool = False  # written without an offset: read as UTC
    date_only: bool = False  # a date with no time of day

    @property
    def note(self) -> str:
        if self.date_only:
            return " (a date without a time: read as 00:00 UTC)"
        if self.naive:
            return " (no time zone in the timestamp: read as UTC)"
        return ""


def parse_timestamp(value: object) -> Stamp:
    """An ISO-8601 timestamp as an aware datetime; naive ones are UTC. ValueError if not."""
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not an ISO-8601 timestamp")
    m = _ISO.match(value.strip())
    if not m:
        raise ValueError(f"{value!r} is not an ISO-8601 timestamp")
    day, hm, seconds, fraction, offset = m.groups()
    text = day
    if hm:
        micro = (fraction or "")[:6].ljust(6, "0")
        text += f"T{hm}:{seconds or '00'}.{micro}"
        if offset:
            offset = "+00:00" if offset == "Z" else offset
            text += offset if ":" in offset else f"{offset[:3]}:{offset[3:]}"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"{value!r} is not a valid date and time: {exc}") from None
    naive = moment.tzinfo is None
    if naive:
        moment = moment.replace(tzinfo=timezone.utc)
    return Stamp(moment, naive=naive, date_only=not hm)


def is_iso8601(value: object) -> bool:
    try:
        parse_timestamp(value)
    except ValueError:
        return False
    return True


def timestamp_key(data: dict[Any, Any]) -> str | None:
    """The key a task or context object keeps its timestamp under, if any."""
    return next((key for key in TIMESTAMP_KEYS if key in data), None)


# --- The outbox --------------------------------------------------------------------------


def outbox_items(data: object) -> list[Any] | None:
    """The items of an outbox: a list, or an object's `items` list (else all its lists);
    None when it is no outbox."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        if isinstance(data.get("items"), list):
            return list(data["items"])
        lists = [v for v in data.values() if isinstance(v, list)]
        if lists:
            return [item for values in lists for item in values]
    return None
