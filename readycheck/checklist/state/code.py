"""Reading the three-file state in plain Python: the state files named by path constants
(`STATE / "current-task.json"`) are files the code reads or writes."""

from __future__ import annotations

from collections.abc import Iterator

from readycheck.checklist.state.contract import STATE_FILES
from readycheck.model import Document, Fact, Location

ITEM = "state"


def code_facts(doc: Document) -> Iterator[Fact]:
    for text, line in doc.names:
        for kind, rx in STATE_FILES.items():
            m = rx.search(text)
            if m and "." in text:  # a file name, not a variable called `outbox`
                yield Fact(ITEM, kind, Location(doc.path, line), text, "code", value=m.group(0))
