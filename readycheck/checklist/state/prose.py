"""Reading the three-file state in prose: instructions that name a state file."""

from __future__ import annotations

from collections.abc import Iterator

from readycheck.checklist.state.contract import STATE_FILES
from readycheck.model import Fact
from readycheck.reading.sentences import Sentence

ITEM = "state"


def read(s: Sentence) -> Iterator[Fact]:
    low = s.text.lower()
    if "task" in low or "snapshot" in low or "context" in low or "outbox" in low:
        for kind, rx in STATE_FILES.items():
            m = rx.search(s.text)
            if m:
                yield s.fact(ITEM, kind, value=m.group(0))
