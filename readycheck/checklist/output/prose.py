"""Reading the output schema in prose: schema paths and enforcement ("if the output does
not validate, treat it as a failure")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from readycheck.checklist.output import words as w
from readycheck.model import Fact
from readycheck.reading.sentences import Sentence

ITEM = "output"


def unit_is_about(text: str) -> bool:
    return bool(w.ABOUT.search(text) or "validat" in text.lower())


def read(s: Sentence) -> Iterator[Fact]:
    sentence = s.text
    low = sentence.lower()
    paths = w.SCHEMA_PATH.finditer(sentence) if ".json" in low or ".y" in low else ()
    for m in paths:
        if sentence[max(0, m.start() - 3) : m.start()].endswith((":", "/")) or m.group(
            0
        ).startswith("//"):
            continue  # part of a URL: never fetched, never a local schema
        yield s.fact(ITEM, "schema_ref", value=m.group(0))
    if w.ENFORCE.search(sentence) and (
        ITEM in s.about
        or re.search(r"output|response|result|schema|json|payload|valid", sentence, re.I)
    ):
        yield s.fact(ITEM, "enforce")
