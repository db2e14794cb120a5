"""Reading the dead letter queue in prose: where failed tasks go, how many retries, and
unbounded retries ("retry until it works")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from readycheck import quantities as q
from readycheck.checklist.dlq import words as w
from readycheck.model import Fact
from readycheck.reading.gates import required_words_gated
from readycheck.reading.negation import first_affirmed
from readycheck.reading.sentences import Sentence

ITEM = "dlq"

# "A study that fails three times goes to `needs-manual/`": a directory failed work moves to.
_MOVED_TO_DIR = re.compile(
    r"\b(go|goes|went|move[sd]?|moving|put|placed|filed|sent|written|dropped|parked|routed"
    r"|copied|land|lands|end up|ends up)\b[^.;]{0,25}\b(to|into|in|under)\s+[`'\"]?"
    r"(?!(logs?|tmp|temp|outputs?|reports?|archive|cache|build|dist|results?)/)[\w.-]+/",
    re.I,
)
# Gated by the words they require: they are tried on every sentence.
_FAILURE = required_words_gated(
    r"\bfail|\berror|\breject|can'?t be (parsed|processed|read)|attempt|retr"
)
_CRASH = re.compile(r"\bcrash|still (failing|broken|crashing)", re.I)
_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5}


def anti(s: Sentence) -> Iterator[Fact]:
    found, _ = first_affirmed(w.RETRY_UNBOUNDED, s.text)
    if found and not s.prohibitions:
        yield s.fact(ITEM, "unbounded", value=found.group(0))


def read(s: Sentence) -> Iterator[Fact]:
    sentence = s.text
    quarantine = w.QUARANTINE.search(sentence) or w.PARKING_LOT.search(sentence)
    if quarantine and not _failing(sentence, s.before):
        quarantine = None  # a security quarantine, not where failing work goes
    dest = (
        w.DLQ_DESTINATION.search(sentence)
        or (_FAILURE.search(sentence) and _MOVED_TO_DIR.search(sentence))
        or quarantine
    )
    if dest:
        yield s.fact(ITEM, "destination", value=dest.group(0))
    bound = w.RETRY_BOUND.search(sentence)
    if bound and re.search(r"retr|attempt|tries|\btry|fail|again|chance", sentence, re.I):
        count = retry_count(bound.group(0))
        if count is not None and count > 0:
            yield s.fact(ITEM, "retry_bound", value=count)


def _failing(sentence: str, before: str) -> bool:
    """Failing work in the sentence or the two before it ("Still crashing? Move it ...")."""
    return bool(_FAILURE.search(sentence) or _FAILURE.search(before) or _CRASH.search(sentence))


def retry_count(text: str) -> float | None:
    """The number in a retry bound: 'at most twice', '3rd fail', 'after three attempts'."""
    m = re.search(
        rf"(\d+)(?:st|nd|rd|th)?|\b({q.NUMBER_WORDS}|second|third|fourth|fifth)\b", text, re.I
    )
    if not m:
        return None
    if m.group(1):
        return float(m.group(1))
    word = m.group(2).lower()
    return float(_ORDINALS[word]) if word in _ORDINALS else q.number(word)
