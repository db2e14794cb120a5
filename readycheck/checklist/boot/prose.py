"""Reading the boot sequence in prose: the steps, the task read, the age check and its
bound, the outbox check; a call to `readycheck boot` does all three."""

from __future__ import annotations

import re
from collections.abc import Iterator

from readycheck import quantities as q
from readycheck.checklist.boot import words as w
from readycheck.checklist.state.contract import STATE_FILES
from readycheck.model import Fact
from readycheck.reading.sentences import Sentence

ITEM = "boot"


def unit_is_about(text: str) -> bool:
    return bool(w.BOOT_CUE.search(text) and not w.HEARTBEAT.search(text))


def read(s: Sentence) -> Iterator[Fact]:
    if ITEM not in s.about:
        return
    text = s.text
    if w.BOOT_ACTION.search(text) or STATE_FILES["task"].search(text):
        yield s.fact(ITEM, "sequence")
    call = w.READYCHECK_BOOT.search(text)
    if call:
        max_age = q.duration(call.group(1)) if call.group(1) else 4 * 3600.0
        for part in ("task_read", "outbox_check"):
            yield s.fact(ITEM, part, value="readycheck boot")
        yield s.fact(ITEM, "age_check", value=max_age)
        return
    if w.TASK_READ.search(text):
        yield s.fact(ITEM, "task_read")
    if w.AGE_WORD.search(text):
        yield s.fact(ITEM, "age_check", value=_age_bound(text))
    if w.OUTBOX_CHECK.search(text):
        yield s.fact(ITEM, "outbox_check")


def _age_bound(text: str) -> float | None:
    """The bound of an age check in seconds: `-mmin 240`, "older than 4 hours", "today"."""
    mmin = re.search(r"-mmin\s+[-+]?(\d+)", text)
    if mmin:
        return float(mmin.group(1)) * 60
    found = q.first_duration(text)
    if found:
        return found[0]
    if w.TODAY.search(text):
        return 86400.0
    return None
