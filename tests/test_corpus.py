"""Every label of the example corpus: the expected status of every item of every agent."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.corpus import cases, verdicts

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CORPUS = FIXTURES / "corpus"
# The development corpus and three holdouts, each written from CHECKLIST.md by a different
# author; all labels must hold.
ALL_CASES = [
    c for name in ("corpus", "holdout", "holdout2", "holdout3") for c in cases(FIXTURES / name)
]


def test_corpus_is_big_enough() -> None:
    all_cases = cases(CORPUS)
    agents = sum(len(verdicts(c)[1]) for c in all_cases)
    assert len(all_cases) >= 30
    assert agents >= 30


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_corpus_case(case: Path) -> None:
    results, expected, found = verdicts(case)
    assert found == expected, "the agents readycheck finds differ from the labelled agents"
    wrong = [
        f"{v.agent} {v.item}: expected {v.expected}, got {v.actual}"
        for v in results
        if v.expected != v.actual
    ]
    assert not wrong, "\n".join(wrong)
