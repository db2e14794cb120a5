"""Reading the three-file state in prose: instructions that name a state file."""

from __future__ import annotations

import re
from collections.abc import Iterator

from readycheck.checklist.state.contract import STATE_FILES
from readycheck.model import Fact
from readycheck.reading.sentences import Sentence

ITEM = "state"
_FILE_AFTER = re.compile(r"\s*(file|json|snapshot file|record)\b", re.I)


def read(s: Sentence) -> Iterator[Fact]:
    low = s.text.lower()
    if "task" in low or "snapshot" in low or "context" in low or "outbox" in low:
        for kind, rx in STATE_FILES.items():
            # A file's name ("current-task.json", "current_task"), not the words: "the
            # sidebar shows a Current task field" describes a screen, not a state file.
            named = (
                m
                for m in rx.finditer(s.text)
                if " " not in m.group(0) or _FILE_AFTER.match(s.text, m.end())
            )
            m = next(named, None)
            if m:
                yield s.fact(ITEM, kind, value=m.group(0))
