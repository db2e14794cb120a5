"""Keys with values: each `key: value` pair is offered to the items' key readers.

The pair comes from YAML/JSON/TOML, a fenced block, a "Max steps: 50" line in prose, or a
framework keyword. The first reader that claims the key wins: budget first, because its
on-limit keys take containers too and it claims every other container (a container is no
value, so no item reads it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from readycheck import quantities as q
from readycheck.checklist.boot.keys import read_key as boot_key
from readycheck.checklist.budget.keys import read_key as budget_key
from readycheck.checklist.dlq.keys import read_key as dlq_key
from readycheck.checklist.monitoring.keys import read_key as monitoring_key
from readycheck.checklist.output.keys import read_key as output_key
from readycheck.model import Fact, Location
from readycheck.reading.keys import KeyValue

KEY_READERS: tuple[Callable[[KeyValue], list[Fact] | None], ...] = (
    budget_key,
    dlq_key,
    output_key,
    boot_key,
    monitoring_key,
)


def classify_entry(
    key: str, value: object, loc: Location, about: set[str], dialect: str
) -> Iterator[Fact]:
    """Facts for one key/value pair."""
    kv = KeyValue(key, q.snake(key), value, loc, about, dialect)
    for read_key in KEY_READERS:
        facts = read_key(kv)
        if facts is not None:
            yield from facts
            return
