"""Reading the escalation rule in prose: trigger, stop, channel; anti-patterns; HITL gates."""

from __future__ import annotations

import re
from collections.abc import Iterator

from readycheck.checklist.escalation import words as w
from readycheck.model import Fact
from readycheck.reading.negation import first_affirmed
from readycheck.reading.sentences import Sentence

ITEM = "escalation"


def unit_is_about(text: str) -> bool:
    """A unit that names a trigger or escalation is about this item, whatever its section."""
    return bool(w.TRIGGER.search(text) or re.search(r"escalat", text, re.I))


def anti(s: Sentence) -> Iterator[Fact]:
    """Anti-patterns count whatever else the sentence says; negated ones are good rules."""
    found, all_negated = first_affirmed(w.ANTI, s.text)
    if found and not s.negated and not s.prohibitions:
        yield s.fact(ITEM, "anti", value=found.group(0))
    elif (all_negated or (found and s.prohibitions)) and w.GUESSING.search(s.text):
        # "Never make your best guess" (or "Make your best guess" under "Never"): a stop.
        yield s.fact(ITEM, "stop")
        s.about.add(ITEM)


def read(s: Sentence) -> Iterator[Fact]:
    text = s.text
    hitl = w.HITL.search(text)
    if hitl:
        yield s.fact(ITEM, "hitl", value=hitl.group(0))
    trigger = w.TRIGGER.search(text)
    if trigger:
        yield s.fact(ITEM, "trigger", value=trigger.group(0))
    if ITEM not in s.about and not trigger:
        return
    stop = w.STOP.search(text)
    if stop:
        yield s.fact(ITEM, "stop", value=stop.group(0))
    channel = w.CHANNEL.search(text) or w.NAMED_PERSON.search(text)
    if channel:
        yield s.fact(ITEM, "channel", value=channel.group(0))
