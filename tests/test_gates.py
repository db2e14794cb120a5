"""Gate soundness: for every gated pattern, a string built from each of its alternatives
gives the same result with and without the gate (a missing stem would hide a match)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

import readycheck.dialects  # noqa: F401  (imports every item's words and readers)
from readycheck.reading.gates import Alternation, Gated, RequiredWords, ignorecase

try:  # Python 3.11+
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

_CATEGORY_CHAR = {
    "CATEGORY_DIGIT": "0",
    "CATEGORY_NOT_DIGIT": "a",
    "CATEGORY_SPACE": " ",
    "CATEGORY_NOT_SPACE": "a",
    "CATEGORY_WORD": "a",
    "CATEGORY_NOT_WORD": " ",
}


def _char(items: Any) -> str:
    """A character of a character class `[...]`."""
    negate = any(op == sre_constants.NEGATE for op, _ in items)
    if negate:
        excluded = {chr(v) for op, v in items if op == sre_constants.LITERAL}
        return next(c for c in " a0-." if c not in excluded)
    for op, value in items:
        if op == sre_constants.LITERAL:
            return chr(value)
        if op == sre_constants.RANGE:
            return chr(value[0])
        if op == sre_constants.CATEGORY:
            return _CATEGORY_CHAR.get(str(value), "a")
    return "a"


def _default(tokens: Any) -> str:
    return next(_variants(tokens))


def _variants(tokens: Any) -> Iterator[str]:
    """The default string of `tokens`, then one string per alternative of each branch
    inside them (the other branches at their default)."""
    pieces = [list(_token_variants(op, av)) for op, av in tokens]
    base = [p[0] for p in pieces]
    yield "".join(base)
    for i, options in enumerate(pieces):
        for option in options[1:]:
            yield "".join([*base[:i], option, *base[i + 1 :]])


def _token_variants(op: Any, av: Any) -> Iterator[str]:
    if op == sre_constants.LITERAL:
        yield chr(av)
    elif op == sre_constants.NOT_LITERAL:
        yield "a" if chr(av) != "a" else "b"
    elif op == sre_constants.ANY:
        yield "a"
    elif op == sre_constants.IN:
        yield _char(av)
    elif op == sre_constants.BRANCH:
        for alternative in av[1]:
            yield from _variants(alternative)
    elif op == sre_constants.SUBPATTERN:
        yield from _variants(av[-1])
    elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
        low, _, body = av
        count = max(low, 1)
        for variant in _variants(body):
            yield variant * count
    else:  # anchors, lookarounds, group references: no text of their own
        yield ""


def _samples(gate: Gated | Alternation) -> list[str]:
    parsed = sre_parse.parse(gate.pattern, re.IGNORECASE)
    return list(dict.fromkeys(_variants(list(parsed))))


def _seen(m: re.Match[str] | None) -> tuple[object, ...] | None:
    return (m.span(), m.groups()) if m else None


GATES = {f"{g.ident}:{g.pattern[:40]}": g for g in Gated.registry}


@pytest.mark.parametrize("name", sorted(GATES))
def test_every_alternative_opens_its_gate(name: str) -> None:
    gate = GATES[name]
    for sample in _samples(gate):
        # Letters a case-insensitive regex reads as `s` and `i`: "\u017f", "\u0131", "\u0130".
        folded = sample.replace("s", "\u017f").replace("i", "\u0131")
        dotted = sample.replace("i", "\u0130")
        for text in (sample, f"Note: {sample} here.", folded, dotted):
            expected = gate.rx.search(text)
            actual = gate.search(text)
            # Same span and same groups: a narrowed pattern keeps every group in place.
            assert _seen(expected) == _seen(actual), f"gate changed the match on {text!r}"
            assert [_seen(m) for m in gate.rx.finditer(text)] == [
                _seen(m) for m in gate.finditer(text)
            ]


@pytest.mark.parametrize("index", range(len(Alternation.registry)))
def test_every_alternative_of_an_alternation_matches_as_joined(index: int) -> None:
    alternation = Alternation.registry[index]
    joined = ignorecase(alternation.pattern)
    samples = _samples(alternation)
    # Two alternatives in one sentence: the leftmost wins, as in the joined pattern.
    pairs = [f"{a} then {b}" for a, b in zip(samples, reversed(samples), strict=True)]
    for sample in [*samples, *pairs]:
        folded = sample.replace("s", "\u017f").replace("i", "\u0131")
        for text in (sample, f"Note: {sample} here.", folded):
            expected = joined.search(text)
            actual = alternation.search(text)
            assert (expected and expected.span()) == (actual and actual.span()), text
            every = [m.span() for m in joined.finditer(text)]
            assert [m.span() for m in alternation.finditer(text)] == every, text


@pytest.fixture
def own_registry() -> Iterator[None]:
    """Patterns made by a test leave the registries as they were (the table of required
    words, and the gates' own tests, are about readycheck's patterns only)."""
    gated, alternations = len(Gated.registry), len(Alternation.registry)
    yield
    del Gated.registry[gated:], Alternation.registry[alternations:]


@pytest.mark.parametrize(
    ("pattern", "parts"),
    [
        (
            r"\b(red|green (tea|ale)|[|)]blue)\b",
            [r"\b(red)\b", r"\b(green (tea|ale))\b", r"\b([|)]blue)\b"],
        ),
        (r"slack|e-?mail us|\bteams\b", ["slack", "e-?mail us", r"\bteams\b"]),
        (r"(page|notify) (the )?human", None),  # one branch at the top: nothing to split
        (r"(\w+) again \1|retry", None),  # a back-reference means nothing alone
        (r"(foo)|(bar)(?(1)x|y)", None),  # nor does a conditional on a group's number
        (r"(?i)slack|teams", None),  # flags for the whole pattern
        (r"\d+ ?(x|times)|retry", None),  # a part requires no word: it could not be gated
    ],
)
def test_an_alternation_is_split_into_parts_gated_by_their_words(
    pattern: str, parts: list[str] | None, own_registry: None
) -> None:
    split = Alternation.of(pattern, "x")
    if parts is None:
        assert isinstance(split, Gated) and split.pattern == pattern
        return
    assert isinstance(split, Alternation) and split.pattern == pattern
    assert [part.pattern for part in split.parts] == parts
    for text in ("a green ale and red", "Red|blue, green tea", "e-mail us on slack or teams"):
        joined = ignorecase(pattern)
        assert [m.span() for m in split.finditer(text)] == [m.span() for m in joined.finditer(text)]


class _Pattern:
    """A plain pattern in the shape `_samples` reads."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern


def _whole_file_patterns() -> dict[str, str]:
    from readycheck.checklist.output.words import VALIDATION_CODE
    from readycheck.dialects.scripts import _VALIDATION_IN_FILE

    patterns = {f"gated {name}": gate.pattern for name, gate in GATES.items()}
    assert _VALIDATION_IN_FILE.literals is not None  # else the prefilter would do nothing
    patterns["VALIDATION_CODE"] = VALIDATION_CODE.pattern
    return patterns


WHOLE_FILE = _whole_file_patterns()


@pytest.mark.parametrize("name", sorted(WHOLE_FILE))
def test_a_file_with_a_match_is_admitted_by_its_required_words(name: str) -> None:
    """`RequiredWords.admit` lets a line-by-line scan skip a file: it must admit every file
    in which the pattern matches, with the letters `lower()` does not fold too."""
    pattern = WHOLE_FILE[name]
    rx = ignorecase(pattern)
    words = RequiredWords(pattern)
    for sample in _samples(_Pattern(pattern)):  # type: ignore[arg-type]
        folded = sample.replace("s", "\u017f").replace("i", "\u0131")
        dotted = sample.replace("i", "\u0130").replace("I", "\u0130")
        for text in (sample, f"x = 1\n{sample.upper()}\n", folded, dotted):
            if rx.search(text):
                assert words.admit(text), f"{text!r} matches but is not admitted"
    assert not words.admit("") or words.literals is None


@pytest.mark.parametrize("name", sorted(GATES))
def test_a_gate_opens_on_every_word_its_regex_requires(name: str) -> None:
    """The gate is the regex's own required words wherever they can be read: written
    stems could miss a match, as they did for "could not be parsed" (below)."""
    from readycheck.reading.literals import required_literals

    gate = GATES[name]
    for word in required_literals(gate.pattern) or ():
        assert gate.opens(f"Note: {word} here."), word


def test_a_doubt_the_written_stems_missed_is_found() -> None:
    from readycheck.checklist.escalation.words import TRIGGER

    found = TRIGGER.search("User response could not be parsed.")
    assert found is not None and found.group(0) == "could not be parsed"


def test_answers_remembered_by_text_are_the_regex_answers_and_bounded(
    own_registry: None,
) -> None:
    from readycheck.reading import gates

    gate = Gated(r"\bretr(y|ies)\b", "retr")
    split = Alternation.of(r"\b(retry|retries|give up)\b", "x")
    assert isinstance(split, Alternation)
    text = "Retry twice, then give up; retries are logged."
    for pattern in (gate, split):
        first = pattern.finditer(text)
        first.clear()  # a caller's list is its own: the remembered answer stays whole
        again = pattern.finditer("".join(text))  # an equal text, another object
        assert [m.span() for m in again] == [
            m.span() for m in ignorecase(pattern.pattern).finditer(text)
        ]
        found = pattern.search(text)
        assert found is not None and found.span() == ignorecase(pattern.pattern).search(text).span()  # type: ignore[union-attr]
    for n in range(gates._MEMO_SIZE + 10):
        gate.search(f"retry {n}")
    assert len(gate._first) <= gates._MEMO_SIZE


@pytest.mark.parametrize(
    "sentence",
    ["The agent doesnt retry failed tasks.", "We dont use a dead letter queue.", "It didnt alert."],
)
def test_an_absence_written_without_its_apostrophe_is_read_as_one(sentence: str) -> None:
    """The negation cues require no readable word, so their written stems gate them: the
    regex reads "doesnt" as "doesn't", and the stems must open on it too."""
    from readycheck.reading.negation import NEGATION, negated

    assert ignorecase(NEGATION.pattern).search(sentence)
    assert negated(sentence)
