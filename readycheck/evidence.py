"""The evidence of one agent: its documents, the facts they give, and its settings."""

from __future__ import annotations

from dataclasses import dataclass, field

from readycheck.config import Settings
from readycheck.discover import Agent
from readycheck.model import Document, Fact, Location


@dataclass
class Evidence:
    agent: Agent
    docs: dict[str, Document]
    facts: list[Fact]
    settings: Settings
    state_names: dict[str, str]
    frameworks: list[str] = field(default_factory=list)
    claimed: set[str] = field(default_factory=set)  # files an item reports on itself
    _index: dict[tuple[str, str], list[Fact]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for fact in self.facts:  # the judges ask for facts by (item, part) dozens of times
            self._index.setdefault((fact.item, fact.part), []).append(fact)

    def parts(self, item: str, part: str) -> list[Fact]:
        return list(self._index.get((item, part), ()))

    def has(self, item: str, part: str) -> bool:
        return (item, part) in self._index

    @property
    def anchor(self) -> Location:
        """Where an agent-level finding points: its first marker file, line 1."""
        markers = [m for m in self.agent.markers if not m.endswith("/")]
        if markers:
            return Location(markers[0], 1)
        root = self.agent.root
        return Location(root if root != "." else ".", 1)
