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


class _StemIndex:
    """Which gates a word or a sentence opens, for the gates registered so far.

    One scan per word: `(?=(stem|...))` (longest first) finds, at every position, the
    longest stem starting there; every other stem starting there is a prefix of it, so
    crediting each stem with the gates of all stems it contains makes the scan exact."""

    def __init__(self, gates: list[Gated]) -> None:
        self.size = len(gates)
        owners: dict[str, set[int]] = {}
        for gate in gates:
            for stem in gate.word_stems:
                owners.setdefault(stem, set()).add(gate.ident)
        self.word_gates = {
            stem: frozenset().union(*(ids for other, ids in owners.items() if other in stem))
            for stem in owners
        }
        stems = sorted(owners, key=len, reverse=True)
        self.scan = re.compile("(?=(" + "|".join(map(re.escape, stems)) + "))") if stems else None
        self.phrases: dict[str, frozenset[int]] = {}
        for gate in gates:
            for stem in gate.phrase_stems:
                self.phrases[stem] = self.phrases.get(stem, frozenset()) | {gate.ident}
        self.words: dict[str, frozenset[int]] = {}

    def of_word(self, word: str) -> frozenset[int]:
        found = self.words.get(word)
        if found is None:
            found = frozenset()
            if self.scan is not None:
                for stem in set(self.scan.findall(word)):
                    found |= self.word_gates[stem]
            if len(self.words) < 65536:
                self.words[word] = found
        return found


_index: _StemIndex | None = None


def _current_index() -> _StemIndex:
    """The index of every gate registered so far (rebuilt when a module adds gates)."""
    global _index
    if _index is None or _index.size != len(Gated.registry):
        _index = _StemIndex(Gated.registry)
        _open_gates.cache_clear()  # entries for the old index can never be asked again
    return _index


def open_gates(text: str) -> frozenset[int]:
    """The gates whose stems occur in `text` (memoised: every gate asks about the same
    sentence in turn)."""
    return _open_gates(text, _current_index())


@lru_cache(maxsize=4096)
def _open_gates(text: str, index: _StemIndex) -> frozenset[int]:
    low = text.lower()
    gates: set[int] = set()
    for word in set(_WORD.findall(low)):
        gates |= index.of_word(word)
    for stem, ids in index.phrases.items():
        if not ids <= gates and stem in low:
            gates |= ids
    return frozenset(gates)
