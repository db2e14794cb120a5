"""Rewrite readycheck/reading/literals_table.py, the words each of readycheck's own gated
patterns requires, after a pattern changed (tests/test_literals.py says when):

    python -m tests.literals_table
"""

from __future__ import annotations

from pathlib import Path

from readycheck.reading import literals

TABLE = Path(literals.__file__).with_name("literals_table.py")


def own_patterns() -> list[str]:
    """Every pattern readycheck asks `required_literals` about: the gated patterns, and the
    patterns read whole-file (`RequiredWords`)."""
    import readycheck.dialects  # noqa: F401  (imports every item's words and readers)
    from readycheck.reading.gates import Gated, RequiredWords

    return [gate.pattern for gate in Gated.registry] + [w.pattern for w in RequiredWords.made]


if __name__ == "__main__":
    TABLE.write_text(literals.table_source(own_patterns()), encoding="utf-8")
    print(f"wrote {TABLE}")
