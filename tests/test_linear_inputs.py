"""Hostile inputs that took quadratic time in readycheck's readers (issue 13, item 2).

The growth test (test_linear_patterns.py) builds inputs from each pattern's own literals;
these are the shapes it does not build: a run closed by a different character, a call
opened many times on one line, keys spelled with escapes, a deep dotted TOML key, a unit of
thousands of sentences. Each is timed at a size and at ten times that size: linear time
grows about tenfold, quadratic a hundredfold.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import pytest

from readycheck.bounds import ReadLimits
from readycheck.checklist.escalation.words import CHANNEL
from readycheck.checklist.output.words import VALIDATION_CODE
from readycheck.dialects.scripts import _TIMEDELTA
from readycheck.model import Document
from readycheck.parsers import text as plain_text
from readycheck.parsers.structured import parse_json, parse_toml
from readycheck.parsers.tree import located_entries
from readycheck.parsers.yamlfile import parse_yaml
from readycheck.reading.sentences import sentences

GROWTH_LIMIT = 30  # per tenfold of input: linear is 10, quadratic 100
MEASURABLE = 0.02  # seconds: below this, a ratio is noise


def _seconds(work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def _escaped_keys(n: int) -> None:
    text = "{" + ",".join(f'"\\u0061{i}": {i}' for i in range(n // 14)) + "}"
    located_entries(text, json.loads(text), ReadLimits())


def _dotted_toml_key(n: int) -> None:
    parse_toml(Document("x.toml", "toml", "a" + ".a" * (n // 2) + " = 1\n"), ReadLimits())


CASES: dict[str, Callable[[int], object]] = {
    "text heading on 'A'*n+'a'": lambda n: plain_text._HEADING.match("A" * n + "a"),
    "VALIDATION_CODE on 'XValidator('*n": lambda n: VALIDATION_CODE.search(
        "XValidator(" * (n // 11)
    ),
    "timedelta on 'timedelta('*n": lambda n: _TIMEDELTA.search("timedelta(" * (n // 10)),
    "CHANNEL on 'question'*n": lambda n: CHANNEL.search("question" * (n // 8)),
    "CHANNEL on 'inbox'*n": lambda n: CHANNEL.search("inbox" * (n // 5)),
    "key positions of escaped JSON keys": _escaped_keys,
    "TOML dotted key a.a.a...": _dotted_toml_key,
    "YAML base-60 integer 1:59:59...": lambda n: parse_yaml(
        Document("x.yaml", "yaml", "x: 1" + ":59" * (n // 3) + "\n"), ReadLimits()
    ),
    "line offsets of many sentences": lambda n: list(sentences("Stop. " * (n // 6))),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_time_grows_linearly(name: str) -> None:
    work = CASES[name]
    small = _seconds(lambda: work(20_000))
    large = _seconds(lambda: work(200_000))
    assert large < MEASURABLE or large < GROWTH_LIMIT * small, f"{small:.4f}s -> {large:.4f}s"


def test_a_key_spelled_with_escapes_is_still_read() -> None:
    doc = Document("x.json", "json", '{"\\u0061": 1, "b": {"c": 2}}')
    parse_json(doc, ReadLimits())
    assert (doc.entries[0].keys, doc.entries[0].value) == (("a",), 1)
    assert not doc.problems


def test_a_dotted_toml_key_deeper_than_the_bound_is_a_finding() -> None:
    limits = ReadLimits()
    too_deep = Document("x.toml", "toml", "[" + ".".join(["t"] * (limits.max_depth + 1)) + "]\n")
    parse_toml(too_deep, limits)
    assert [p.rule for p in too_deep.problems] == ["RC005"]
    within = Document("x.toml", "toml", "a" + ".a" * (limits.max_depth - 1) + " = 1\n")
    parse_toml(within, limits)
    assert not within.problems


def test_sentence_line_offsets_are_unchanged() -> None:
    text = "One here.\nTwo there. Three\nspans lines.\n\nFour."
    assert list(sentences(text)) == [
        ("One here.", 0),
        ("Two there.", 1),
        ("Three spans lines.", 1),
        ("Four.", 4),
    ]
