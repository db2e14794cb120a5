"""Sentences: how a unit of prose is split, and one sentence as the item readers see it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from readycheck.model import Fact, Location

# Sentences end at . ! ? before a capital, or at a line that starts a list item; soft line
# breaks inside a paragraph are not boundaries.
_SENTENCE_END = re.compile(
    r"(?<=[.!?])\s+(?=[A-Z0-9\"'`*(\[])|\n\s*\n|\n(?=\s*(?:[-*+•]|\d+[.)])\s)"
)
_LOWER_START = re.compile(r"(?<=[a-z0-9)\]`'\"])\.\s+(?=[a-z])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:e\.g|i\.e|etc|vs|approx|cf|incl|resp|no|min|max|sec)|\.\w)$", re.I
)


@dataclass(frozen=True)
class Source:
    """Where a unit comes from: its file, the topic its file name gives, what kind it is."""

    path: str
    topic: str = ""  # file stem and directory words, e.g. "boot" for BOOT.md
    structured: bool = False  # a synthetic unit built from a config mapping
    dialect: str = "prose"
    # An instruction file of the agent itself (not a skill's notes or a string in code):
    # a bare quantity there ("You have 15 minutes") is about the agent's own run.
    primary: bool = False


@dataclass
class Sentence:
    """One sentence being read: its text and place, the items its section is about, and
    whether it sits under a prohibitions heading ("Never do these")."""

    text: str
    loc: Location
    about: set[str]
    prohibitions: bool
    source: Source
    negated: bool = False  # it says something is absent or only planned
    # The items its headings, file name or the unit it continues are about (`about` adds
    # what the words of its own unit are about).
    section: frozenset[str] = frozenset()
    before: str = ""  # the two sentences before it in the same unit
    after: str = ""  # the two sentences after it in the same unit
    asked: bool = False  # put as a question: "Q: ...", or followed by "What now?"

    @property
    def question(self) -> bool:
        """A question instructs nothing ("What would make you stop?"), though it can state
        a condition ("Unsure a quote is attributed? Don't publish it.")."""
        return self.text.rstrip().endswith("?")

    # Set by the key/value reading before the items read the sentence as prose.
    stated_limit: bool = field(default=False)

    def fact(self, item: str, part: str, **kw: Any) -> Fact:
        return Fact(item, part, self.loc, self.text[:160], self.source.dialect, **kw)


def sentences(text: str) -> Iterator[tuple[str, int]]:
    """Sentences of a unit with their line offset inside it."""
    for chunk, offset in _sentences(text):
        # "...to logs/sprout.log. we don't alert anyone yet." is two sentences too.
        start = 0
        for m in _LOWER_START.finditer(chunk):
            if _ABBREVIATION.search(chunk[max(0, m.start() - 8) : m.start()]):
                continue
            yield chunk[start : m.start() + 1], offset
            start = m.end()
        yield chunk[start:], offset


def _sentences(text: str) -> Iterator[tuple[str, int]]:
    # Lines are counted from the previous sentence on, not from the start of the unit:
    # counting from the start for each of many sentences was quadratic.
    pos = counted = lines = 0
    for m in _SENTENCE_END.finditer(text):
        chunk = text[pos : m.start()]
        if chunk.strip():
            lines += text.count("\n", counted, pos)
            counted = pos
            yield " ".join(chunk.split()), lines
        pos = m.end()
    if text[pos:].strip():
        yield " ".join(text[pos:].split()), lines + text.count("\n", counted, pos)
