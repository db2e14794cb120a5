"""The evidence of one agent: its documents, the facts they give, and its settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from readycheck.config import Settings
from readycheck.discover import Agent
from readycheck.frameworks.registry import FRAMEWORK_OF_IMPORT
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

    @cached_property
    def anchor(self) -> Location:
        """Where an agent-level finding points: its first marker file, line 1; for an agent
        declared in the config with no marker (a code-only app), the first of its own files
        that imports an agent framework, so that an editor, an annotation or code scanning
        can open it. The agent's directory only when it has no such file."""
        markers = [m for m in self.agent.markers if not m.endswith("/")]
        if markers:
            return Location(min(markers, key=_marker_rank), 1)
        root = self.agent.root
        prefix = "" if root == "." else root + "/"
        for path in sorted(self.docs):
            doc = self.docs[path]
            if path.startswith(prefix) and any(
                module.split(".")[0] in FRAMEWORK_OF_IMPORT for module in doc.imports.values()
            ):
                return Location(path, 1)
        return Location(root, 1)


# Agent-level findings point at the agent's primary marker, in this fixed order (then by
# path), so that adding a BOOT.md beside SOUL.md never moves them (README, "Suppressions").
MARKER_ORDER = (
    "SOUL.md",
    "readycheck.yaml",
    "agent.yaml",
    "openclaw.json",
    "langgraph.json",
    "crew.jsonc",
    "agents.yaml",
    "HEARTBEAT.md",
    "BOOT.md",
)


def _marker_rank(path: str) -> tuple[int, str]:
    name = path.rsplit("/", 1)[-1]
    rank = MARKER_ORDER.index(name) if name in MARKER_ORDER else len(MARKER_ORDER)
    return rank, path
