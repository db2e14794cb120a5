"""The words of every item: gating never changes a match, on every sentence of the fixtures and
of the sentence cases (rules/*/cases.yaml, run by tests/test_cases.py)."""

from __future__ import annotations

import pytest

import readycheck.dialects  # noqa: F401  (imports every item's words and readers)
from readycheck.parsers import kind_of, read_document
from readycheck.reading.gates import Alternation, Gated, ignorecase
from readycheck.reading.sentences import sentences
from tests.conftest import FIXTURES
from tests.test_cases import SENTENCE_CASES

GATED = {f"{g.ident}:{g.pattern[:30]}": g for g in Gated.registry}  # every gate, anywhere


def _fixture_sentences() -> list[str]:
    out: list[str] = []
    for path in sorted(FIXTURES.rglob("*")):
        kind = kind_of(path.name)
        if not path.is_file() or kind not in ("markdown", "text", "shell", "python"):
            continue
        doc = read_document(path, path.name, kind)
        out.extend(s for unit in doc.units for s, _ in sentences(unit.text))
    out.extend(case.data["text"] for case in SENTENCE_CASES)
    return out


SENTENCES = _fixture_sentences()


@pytest.mark.parametrize("name", sorted(GATED))
def test_gate_never_changes_a_match(name: str) -> None:
    gated = GATED[name]
    assert len(SENTENCES) > 500
    for sentence in SENTENCES:
        expected = gated.rx.search(sentence)
        actual = gated.search(sentence)
        assert (expected and (expected.span(), expected.groups())) == (
            actual and (actual.span(), actual.groups())
        ), sentence


@pytest.mark.parametrize("index", range(len(Alternation.registry)))
def test_an_alternation_in_parts_matches_as_the_joined_pattern(index: int) -> None:
    alternation = Alternation.registry[index]
    joined = ignorecase(alternation.pattern)
    for sentence in SENTENCES:
        expected = joined.search(sentence)
        actual = alternation.search(sentence)
        assert (expected and expected.span()) == (actual and actual.span()), sentence
        every = [m.span() for m in joined.finditer(sentence)]
        assert [m.span() for m in alternation.finditer(sentence)] == every, sentence
