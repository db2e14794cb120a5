"""The prose lexicon: gating never changes a match, and sentence cases read as expected.

Cases are data (tests/cases/prose.yaml, in the style of sqlfluff's rule tests): a unit of
text, optional headings, and the facts ("item.part") it must and must not give.
"""

from __future__ import annotations

import pytest
import yaml

from readycheck.dialects import lexicon as lx
from readycheck.dialects.prose import Source, document_units, sentences
from readycheck.model import Unit
from readycheck.parsers import kind_of, read_document
from tests.conftest import FIXTURES, ROOT

CASES = yaml.safe_load((ROOT / "tests" / "cases" / "prose.yaml").read_text())
GATED = {f"{g.ident}:{g.pattern[:30]}": g for g in lx.Gated.registry}  # every gate, anywhere


def _fixture_sentences() -> list[str]:
    out: list[str] = []
    for path in sorted(FIXTURES.rglob("*")):
        kind = kind_of(path.name)
        if not path.is_file() or kind not in ("markdown", "text", "shell", "python"):
            continue
        doc = read_document(path, path.name, kind)
        out.extend(s for unit in doc.units for s, _ in sentences(unit.text))
    out.extend(case["text"] for case in CASES)
    return out


SENTENCES = _fixture_sentences()


@pytest.mark.parametrize("name", sorted(GATED))
def test_gate_never_changes_a_match(name: str) -> None:
    gated = GATED[name]
    assert len(SENTENCES) > 500
    for sentence in SENTENCES:
        expected = gated.rx.search(sentence)
        actual = gated.search(sentence)
        assert (expected and expected.group(0)) == (actual and actual.group(0)), sentence


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:50] for c in CASES])
def test_prose_case(case: dict) -> None:  # type: ignore[type-arg]
    unit = Unit(case["text"], 1, tuple(case.get("headings", ())))
    facts = {f"{f.item}.{f.part}" for f in document_units([unit], Source("SOUL.md"))}
    for wanted in case.get("gives", []):
        assert wanted in facts, f"{wanted} missing from {sorted(facts)}"
    for unwanted in case.get("not", []):
        assert unwanted not in facts, f"{unwanted} wrongly in {sorted(facts)}"
