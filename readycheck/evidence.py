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

    def parts(self, item: str, part: str) -> list[Fact]:
        return [f for f in self.facts if f.item == item and f.part == part]

    def has(self, item: str, part: str) -> bool:
        return any(f.item == item and f.part == part for f in self.facts)

    @property
    def anchor(self) -> Location:
        """Where an agent-level finding points: its first marker file, line 1."""
        markers = [m for m in self.agent.markers if not m.endswith("/")]
        if markers:
            return Location(markers[0], 1)
        root = self.agent.root
        return Location(root if root != "." else ".", 1)
