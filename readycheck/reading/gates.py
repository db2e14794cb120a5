"""Gated patterns: a regex runs only when a cheap substring test says it can match.

Most sentences mention no route, no retry, no trigger: gating skips most regex work. Every
gated pattern is registered, so tests can check that a gate never changes a match.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import ClassVar, TypeVar

from readycheck.reading.literals import required_literals


def ignorecase(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


class Gated:
    """A pattern behind a cheap test: the regex runs only when the text holds one of the
    words every match of it contains, read from the regex itself (`literals`); for a
    pattern from which none can be read, one of the written `stems` (lower-case
    substrings, at least one of which every match contains).

    Most sentences mention no route, no retry, no trigger: gating skips most regex work.
    All gates of a sentence are opened at once from its words (`open_gates`), so the cost
    per sentence is one tokenisation, whatever the number of patterns.
    tests/test_gates.py and tests/test_words.py check that gating never changes a match."""

    __slots__ = (
        "_every",
        "_first",
        "_rx",
        "ident",
        "pattern",
        "stems",
    )
    registry: ClassVar[list[Gated]] = []

    def __init__(self, pattern: str, stems: str) -> None:
        self._rx: re.Pattern[str] | None = None  # compiled when a gate first opens
        # Answers by text: a sentence is asked about by several readers, as part of its
        # unit and as the one before the next, and templated agents repeat whole files
        # (a third to a half of the regex runs on real repositories were repeats).
        self._first: dict[str, re.Match[str] | None] = {}
        self._every: dict[str, tuple[re.Match[str], ...]] = {}
        self.pattern = pattern
        self.stems = tuple(stems.split("|"))
        self.ident = len(Gated.registry)
        Gated.registry.append(self)
        _forget_last()  # the last sentence's gates were worked out without this one

    @property
    def rx(self) -> re.Pattern[str]:
        if self._rx is None:
            self._rx = ignorecase(self.pattern)
        return self._rx

    def opens(self, text: str) -> bool:
        """Whether the gate opens on `text` (no regex is run)."""
        return self.ident in open_gates(text)

    def search(self, text: str) -> re.Match[str] | None:
        last = _last  # `open_gates`' own memo, inline: this runs for every pattern
        if self.ident not in (last[1] if last[0] is text else open_gates(text)):
            return None
        found = self._first.get(text, _UNKNOWN)
        if found is _UNKNOWN:
            found = _kept(self._first, text, self.rx.search(text))
        return found  # type: ignore[return-value]

    def finditer(self, text: str) -> list[re.Match[str]]:
        if self.ident not in open_gates(text):
            return []
        every = self._every.get(text)
        if every is None:
            every = _kept(self._every, text, tuple(self.rx.finditer(text)))
        return list(every)


# The answers a pattern remembers (then it forgets them all: texts seldom come back late).
_MEMO_SIZE = 2048
_UNKNOWN = object()
_T = TypeVar("_T")


def _kept(memo: dict[str, _T], text: str, answer: _T) -> _T:
    """`answer`, remembered for `text` in a pattern's bounded memo."""
    if len(memo) >= _MEMO_SIZE:
        memo.clear()
    memo[text] = answer
    return answer


_WORD = re.compile(r"[a-z0-9']+")
# The letters a case-insensitive regex reads as `s` and `i` whose `lower()` is not: the
# long s (U+017F) and the dotless i (U+0131) stay as they are, the dotted capital I
# (U+0130) becomes "i" and a combining dot. Folded before the stems are looked for, or a
# dotless "retries" would close a gate its regex opens.
_FOLD = str.maketrans({"\u017f": "s", "\u0131": "i", "\u0307": ""})


def required_words_gated(pattern: str) -> Gated | re.Pattern[str]:
    """`pattern` gated by the words its own regex requires (no stems written by hand), or
    plain when none can be read from it. For patterns tried on many short texts, such as
    the `ABOUT` words on every distinct section heading: a case-insensitive alternation
    tries each branch at each position, a gate one tokenisation."""
    literals = required_literals(pattern)
    return Gated(pattern, "|".join(sorted(literals))) if literals else ignorecase(pattern)


class RequiredWords:
    """Whether a whole text (a file) can hold a match of `pattern` anywhere: one of the
    words its regex requires occurs in it. For a pattern tried line by line on every file,
    which most files never match: one test per file instead of one regex per line."""

    __slots__ = ("literals", "pattern")
    made: ClassVar[list[RequiredWords]] = []

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.literals = required_literals(pattern)
        RequiredWords.made.append(self)

    def admit(self, text: str) -> bool:
        if self.literals is None:
            return True
        low = _folded(text)
        return any(literal in low for literal in self.literals)


class AnyOf:
    """Several gated patterns read as one: a sentence opens only the parts it can match."""

    __slots__ = ("parts",)

    def __init__(self, *parts: Gated | Alternation) -> None:
        self.parts = parts

    def search(self, text: str) -> re.Match[str] | None:
        for part in self.parts:
            found = part.search(text)
            if found:
                return found
        return None


class Alternation:
    """One alternation `a|b|c` written as gated parts, in order: the same match as the
    joined pattern, but a sentence runs only the parts its words open.

    A regex alternation of many branches tries every branch at every position; most
    sentences can match only one or two of them. The joined pattern's match is the
    leftmost, and at one position its earliest branch's: the minimum over the parts of
    (start, part order), because each part's own search obeys the same rule."""

    __slots__ = ("_every", "_found", "idents", "parts", "pattern")
    registry: ClassVar[list[Alternation]] = []

    def __init__(self, *parts: Gated, pattern: str = "") -> None:
        self.parts = parts
        self.idents = frozenset(part.ident for part in parts)
        self._found: dict[str, re.Match[str] | None] = {}  # answers by text, as `Gated`
        self._every: dict[str, tuple[re.Match[str], ...]] = {}
        self.pattern = pattern or "|".join(part.pattern for part in parts)
        Alternation.registry.append(self)

    @classmethod
    def of(cls, pattern: str, stems: str) -> Alternation | Gated:
        """`pattern`, a top-level alternation (`a|b|c`, or one group of it between word
        boundaries, `\\b(a|b|c)\\b`), in parts gated by the words each requires. A
        pattern that cannot be split so, or with a part that requires no word, stays one
        pattern behind `stems`. A match's span is the joined pattern's; its numbered groups
        are not (the consumers read spans)."""
        prefix, body, suffix = _wrapped(pattern)
        branches = _top_level_branches(body) or []
        wrap = f"{prefix}({{}}){suffix}" if prefix or suffix else "{}"
        parts = [wrap.format(branch) for branch in branches]
        literals = [required_literals(part) for part in parts]
        if len(parts) < 2 or _UNSPLITTABLE.search(pattern) or None in literals:
            return Gated(pattern, stems)
        gated = [
            Gated(part, "|".join(sorted(words or ())))
            for part, words in zip(parts, literals, strict=True)
        ]
        return cls(*gated, pattern=pattern)

    def _first(self, text: str, gates: frozenset[int], pos: int) -> re.Match[str] | None:
        best: re.Match[str] | None = None
        if self.idents.isdisjoint(gates):
            return None  # most sentences open no part
        for part in self.parts:
            if part.ident not in gates:
                continue
            found = part.rx.search(text, pos)
            if found and (best is None or found.start() < best.start()):
                best = found
                if best.start() == pos:
                    break  # no part can start further left
        return best

    def search(self, text: str) -> re.Match[str] | None:
        found = self._found.get(text, _UNKNOWN)
        if found is _UNKNOWN:
            found = _kept(self._found, text, self._first(text, open_gates(text), 0))
        return found  # type: ignore[return-value]

    def finditer(self, text: str) -> list[re.Match[str]]:
        """The joined pattern's `finditer`: each next match searched from the end of the
        last (every part requires a word, so no match is empty)."""
        every = self._every.get(text)
        if every is None:
            gates = open_gates(text)
            found: list[re.Match[str]] = []
            pos = 0
            while (m := self._first(text, gates, pos)) is not None:
                found.append(m)
                pos = max(m.end(), pos + 1)
            every = _kept(self._every, text, tuple(found))
        return list(every)


def _wrapped(pattern: str) -> tuple[str, str, str]:
    """(`\\b`, the body, `\\b`) when the whole pattern is one group `(...)` between word
    boundaries (either may be missing), else ('', the pattern, '')."""
    for prefix in ("\\b(", "("):
        for suffix in (")\\b", ")"):
            if pattern.startswith(prefix) and pattern.endswith(suffix):
                body = pattern[len(prefix) : len(pattern) - len(suffix)]
                if body and not body.startswith("?") and _top_level_branches(body) is not None:
                    return prefix[:-1], body, suffix[1:]
    return "", pattern, ""


def _top_level_branches(body: str) -> list[str] | None:
    """`body` split at each `|` outside every group and class; None when a group closes
    that `body` did not open, or one it opened stays open."""
    branches: list[str] = []
    depth, start, i, in_class = 0, 0, 0, False
    while i < len(body):
        char = body[i]
        if char == "\\":
            i += 2  # an escaped character, whatever it is
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            i += 1
            if body[i : i + 1] == "^":
                i += 1
            if body[i : i + 1] == "]":
                i += 1  # a `]` first in a class is one of its letters
            continue
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return None
        elif char == "|" and depth == 0:
            branches.append(body[start:i])
            start = i + 1
        i += 1
    if depth != 0 or in_class:
        return None
    return [*branches, body[start:]]


# A back-reference, a conditional on a group, or flags for the whole pattern: a part would
# not mean the same alone (its groups are numbered afresh).
_UNSPLITTABLE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(|^\(\?[aiLmsux]+\)")


class _StemIndex:
    """Which gates a word or a sentence opens, for the gates registered so far.

    A word is scanned once from each position, extending while the text read so far is
    the start of some stem (a set of all stems' prefixes): most positions stop after a
    character or two, so a word costs a few dictionary lookups per character whatever the
    number of stems."""

    def __init__(self, gates: list[Gated]) -> None:
        self.size = len(gates)
        self.last = gates[-1] if gates else None  # (a registry cut back and refilled)
        owners: dict[str, set[int]] = {}
        phrases: dict[str, set[int]] = {}

        def add(stem: str, ident: int) -> None:
            (owners if _WORD.fullmatch(stem) else phrases).setdefault(stem, set()).add(ident)

        # A gate opens on the words its own regex requires, where they can be read from it:
        # they cannot miss a match, and written stems can (a part whose stems named
        # "cannot" but not "parsed" hid "could not be parsed"). The written stems gate
        # only the patterns that require no word.
        for gate in gates:
            for stem in required_literals(gate.pattern) or gate.stems:
                add(stem, gate.ident)
        ident = len(gates)
        # A phrase ("come back", "e-mail us") is looked for in the text only where the
        # sentence has its longest word (itself a stem, with an id of its own); a phrase
        # of other letters (Chinese, "não") only in text that is not plain ASCII; the
        # rest ("$", "#", ".md") always.
        self.keyed: dict[int, list[tuple[str, frozenset[int]]]] = {}
        self.wide: dict[str, list[tuple[str, frozenset[int]]]] = {}  # by a letter of theirs
        self.bare: list[tuple[str, frozenset[int]]] = []
        keys: dict[str, int] = {}
        for stem, phrase_ids in phrases.items():
            entry = (stem, frozenset(phrase_ids))
            word = max(_WORD.findall(stem), key=len, default="")
            if len(word) >= 3:
                if word not in keys:
                    keys[word] = ident
                    owners.setdefault(word, set()).add(ident)
                    ident += 1
                self.keyed.setdefault(keys[word], []).append(entry)
            elif not stem.isascii():
                letter = next(c for c in stem if not c.isascii())
                self.wide.setdefault(letter, []).append(entry)
            else:
                self.bare.append(entry)
        self.phrase_keys = frozenset(self.keyed)
        self.wide_letters = frozenset(self.wide)
        self.word_gates = {stem: frozenset(ids) for stem, ids in owners.items()}
        self.prefixes = frozenset(stem[:n] for stem in owners for n in range(1, len(stem) + 1))
        self.words: dict[str, frozenset[int]] = {}

    def phrases_to_test(self, gates: set[int], low: str) -> list[tuple[str, frozenset[int]]]:
        """The phrases `low` may hold: those always looked for, those of other letters
        whose letter it has, those whose longest word it has (`gates`)."""
        phrases = list(self.bare)
        if not low.isascii():
            for letter in self.wide_letters.intersection(low):
                phrases += self.wide[letter]
        for key in self.phrase_keys & gates:
            phrases += self.keyed[key]
        return phrases

    def of_word(self, word: str) -> frozenset[int]:
        found = self.words.get(word)
        if found is None:
            ids: set[int] = set()
            prefixes, stems, end = self.prefixes, self.word_gates, len(word)
            for start in range(end):
                stop = start + 1
                while stop <= end and (piece := word[start:stop]) in prefixes:
                    if piece in stems:
                        ids |= stems[piece]
                    stop += 1
            found = frozenset(ids)
            if len(self.words) < 65536:
                self.words[word] = found
        return found


_index: _StemIndex | None = None


def _current_index() -> _StemIndex:
    """The index of every gate registered so far (rebuilt when a module adds gates)."""
    global _index
    registry = Gated.registry
    if (
        _index is None
        or _index.size != len(registry)
        or (registry and _index.last is not registry[-1])
    ):
        _index = _StemIndex(registry)
        _open_gates.cache_clear()  # entries for the old index can never be asked again
    return _index


# The last sentence asked about and its gates: every reader asks about the same sentence
# object in turn, and an identity test is cheaper than the memo's hashing.
# Forgotten whenever a gate is registered (its answer was worked out without that gate).
_last: tuple[str, frozenset[int]] = ("", frozenset())


def _forget_last() -> None:
    global _last
    _last = ("", frozenset())


def open_gates(text: str) -> frozenset[int]:
    """The gates whose stems occur in `text` (memoised: every gate asks about the same
    sentence in turn)."""
    global _last
    last = _last
    if last[0] is text:
        return last[1]
    gates = _open_gates(text, _current_index())
    _last = (text, gates)
    return gates


def _folded(text: str) -> str:
    """`text` in lower case, with the letters a case-insensitive regex reads as `s` and `i`
    folded (translating is slow: only when there is one)."""
    low = text.lower()
    if not low.isascii() and ("\u017f" in low or "\u0131" in low or "\u0307" in low):
        low = low.translate(_FOLD)
    return low


@lru_cache(maxsize=4096)
def _open_gates(text: str, index: _StemIndex) -> frozenset[int]:
    low = _folded(text)
    known, of_word = index.words.get, index.of_word
    opened = []
    for word in set(_WORD.findall(low)):
        ids = known(word)
        if ids is None:
            ids = of_word(word)
        if ids:
            opened.append(ids)
    gates: set[int] = set().union(*opened)
    for stem, ids in index.phrases_to_test(gates, low):
        if not ids <= gates and stem in low:
            gates |= ids
    return frozenset(gates)
