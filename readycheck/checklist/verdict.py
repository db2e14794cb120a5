"""Small helpers shared by the item modules."""

from __future__ import annotations

from readycheck.model import Fact, Finding, ItemResult, Location, Status
from readycheck.redact import redact


def result(
    item: str,
    status: Status,
    evidence: list[Location],
    findings: list[Finding],
    facts: list[Fact] | None = None,
) -> ItemResult:
    keys = sorted({f.key for f in facts or [] if f.key and f.source not in ("file",)})
    lines = sorted({Location(loc.path, loc.line) for loc in evidence})  # evidence is by line
    return ItemResult(item, status, lines, findings, keys)


def first(facts: list[Fact]) -> Fact:
    return min(facts, key=lambda f: f.location)


def quote(text: str, limit: int = 60) -> str:
    # Masked before it is cut: a key cut short no longer looks like one, and would leak.
    text = redact(" ".join(text.split()))
    return f"'{text[: limit - 1]}…'" if len(text) > limit else f"'{text}'"
