"""The words a regular expression requires: one of them occurs in every text it matches.

Read from the parsed pattern (`sre_parse`): a literal run of a sequence, the union over
the branches of an alternation, the body of a repeat done at least once; a class, an
anchor, a lookaround or an optional part requires nothing. Each literal is reduced to its
longest run of word characters ("mail us" -> "mail"), which is what the gates index, so
`required_literals` serves as a second, automatic gate beside the stems a pattern's author
wrote (`readycheck.reading.gates`): the regex "(make|take) (a )?guess" needs "guess" where
its written stems admit every sentence with "ask".
"""

from __future__ import annotations

import re
from typing import Any

try:  # Python 3.11+
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants
    import sre_parse

# A literal shorter than this says little ("a", "to"). Two characters of Chinese ("卡住",
# stuck) are a word.
_MIN_LITERAL = 3
_MIN_WIDE_LITERAL = 2


def required_literals(pattern: str) -> frozenset[str] | None:
    """Words one of which every match of `pattern` (case-insensitive) contains, or None
    when no such words can be read from it."""
    try:
        return _literals(sre_parse.parse(pattern, re.IGNORECASE))
    except (re.error, RecursionError):
        return None


def _literals(tokens: Any) -> frozenset[str] | None:
    """Literal strings, one of which every match of `tokens` contains (None: unknown)."""
    best: frozenset[str] | None = None
    run: list[str] = []

    def consider(candidate: frozenset[str] | None) -> None:
        nonlocal best
        keys = frozenset(map(_key, candidate)) if candidate else None
        if keys and "" not in keys and (best is None or _score(keys) > _score(best)):
            best = keys

    for op, av in tokens:
        if op == sre_constants.LITERAL:
            run.append(chr(av).lower())
            continue
        if run:
            consider(frozenset({"".join(run)}))
            run = []
        consider(_token_literals(op, av))
    if run:
        consider(frozenset({"".join(run)}))
    return best


_WORD_RUN = re.compile(r"[a-z0-9']+")


def _key(literal: str) -> str:
    """What a text containing `literal` surely contains, as the gates look for it: its
    longest run of word characters ("mail us" -> "mail", a word the gates index), else
    the literal itself when it is two characters of Chinese or the like ('' if neither)."""
    runs = _WORD_RUN.findall(literal)
    longest = max(runs, key=len, default="")
    if len(longest) >= _MIN_LITERAL:
        return longest
    if not literal.isascii() and len(literal) >= _MIN_WIDE_LITERAL:
        return literal
    return ""


def _score(candidate: frozenset[str]) -> tuple[int, int]:
    """Longer is rarer; fewer is sharper."""
    return min(map(len, candidate)), -len(candidate)


def _token_literals(op: Any, av: Any) -> frozenset[str] | None:
    if op == sre_constants.SUBPATTERN:
        return _literals(av[-1])
    if op == sre_constants.BRANCH:
        union: set[str] = set()
        for alternative in av[1]:
            found = _literals(alternative)
            if found is None:
                return None
            union |= found
        return frozenset(union)
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and av[0] >= 1:
        return _literals(av[2])
    return None  # a class, a lookaround, an anchor, an optional part: nothing required
