"""Gated patterns: a regex runs only when a cheap substring test says it can match.

Most sentences mention no route, no retry, no trigger: gating skips most regex work. Every
gated pattern is registered, so tests can check that a gate never changes a match.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import ClassVar


def ignorecase(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


class Gated:
    """A pattern behind a cheap test: the regex runs only when one of `stems` (lower-case
    substrings, at least one of which every match contains) is in the text.

    Most sentences mention no route, no retry, no trigger: gating skips most regex work.
    All gates of a sentence are opened at once from its words (`open_gates`), so the cost
    per sentence is one tokenisation, whatever the number of patterns.
    tests/test_lexicon.py checks that gating never changes a result."""

    __slots__ = ("_rx", "ident", "pattern", "phrase_stems", "stems", "word_stems")
    registry: ClassVar[list[Gated]] = []

    def __init__(self, pattern: str, stems: str) -> None:
        self._rx: re.Pattern[str] | None = None  # compiled when a gate first opens
        self.pattern = pattern
        self.stems = tuple(stems.split("|"))
        self.word_stems = tuple(x for x in self.stems if _WORD.fullmatch(x))
        self.phrase_stems = tuple(x for x in self.stems if not _WORD.fullmatch(x))
        self.ident = len(Gated.registry)
        Gated.registry.append(self)

    @property
    def rx(self) -> re.Pattern[str]:
        if self._rx is None:
            self._rx = ignorecase(self.pattern)
        return self._rx

    def opens(self, text: str) -> bool:
        """Whether a stem occurs in `text` (no regex is run)."""
        return self.ident in open_gates(text)

    def search(self, text: str) -> re.Match[str] | None:
        return self.rx.search(text) if self.ident in open_gates(text) else None

    def finditer(self, text: str) -> list[re.Match[str]]:
        return list(self.rx.finditer(text)) if self.ident in open_gates(text) else []


_WORD = re.compile(r"[a-z0-9']+")


class AnyOf:
    """Several gated patterns read as one: a sentence opens only the parts it can match."""

    __slots__ = ("parts",)

    def __init__(self, *parts: Gated) -> None:
        self.parts = parts

    def search(self, text: str) -> re.Match[str] | None:
        for part in self.parts:
            found = part.search(text)
            if found:
                return found
        return None


@lru_cache(maxsize=65536)
def _word_gates(word: str) -> frozenset[int]:
    return frozenset(g.ident for g in Gated.registry if any(x in word for x in g.word_stems))


@lru_cache(maxsize=4096)
def open_gates(text: str) -> frozenset[int]:
    """The gates whose stems occur in `text` (memoised: every gate asks about the same
    sentence in turn)."""
    low = text.lower()
    gates: set[int] = set()
    for word in set(_WORD.findall(low)):
        gates |= _word_gates(word)
    for gate in Gated.registry:
        if gate.ident not in gates and any(x in low for x in gate.phrase_stems):
            gates.add(gate.ident)
    return frozenset(gates)
