"""The one list of agent frameworks readycheck knows, as data.

Discovery (marker files), the engine (which frameworks an agent uses, framework code outside
any agent) and the extraction dispatch all read this list, so adding a framework is one
module beside this one plus one `Framework(...)` line in `REGISTRY`. The list is data only:
a framework's module is imported by `Framework.dialect()` when a document may be its own,
so a run over Markdown-only agents never loads one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from importlib import import_module
from pathlib import PurePosixPath
from typing import Protocol, cast, runtime_checkable

from readycheck.model import Document, Fact


@runtime_checkable
class Dialect(Protocol):
    """What a framework module provides (a module satisfies this by its functions)."""

    def detect(self, doc: Document) -> bool:
        """The document is this framework's config or code."""
        ...

    def native(self, doc: Document) -> bool:
        """The document is wholly the framework's own config, read by its module instead of
        as generic key/value config."""
        ...

    def facts(self, doc: Document) -> Iterator[Fact]:
        """The evidence the document gives, with the native setting as each fact's key."""
        ...


@dataclass(frozen=True)
class Framework:
    id: str  # the name reports show, and the `source` of the facts its module yields
    module: str  # readycheck.frameworks.<module>, which provides `Dialect`
    import_roots: tuple[str, ...] = ()  # top-level packages whose import names it
    config_names: tuple[str, ...] = ()  # file names that name it wherever an agent has them
    markers: tuple[str, ...] = ()  # paths below an agent root that make it a root
    documents: tuple[str, ...] = ()  # JSON/YAML documents (path suffixes) its module reads
    signs: tuple[str, ...] = ()  # text that, all present, makes any JSON/YAML worth asking

    def may_read(self, doc: Document) -> bool:
        """A cheap test, without importing the module, that `detect` could say yes."""
        if doc.kind == "python":
            return bool(self.import_roots)  # a framework without a package has no code
        if doc.kind not in ("json", "json5", "yaml") or not doc.ok:
            return False
        return doc.name in self.document_names or (
            bool(self.signs) and all(s in doc.text for s in self.signs)
        )

    @cached_property
    def document_names(self) -> frozenset[str]:
        """The file names of `documents` (asked for every JSON/YAML file of a run)."""
        return frozenset(PurePosixPath(path).name for path in self.documents)

    def dialect(self) -> Dialect:
        return cast(Dialect, import_module(f"readycheck.frameworks.{self.module}"))


# In the order their facts are extracted.
REGISTRY = (
    Framework(
        "openclaw",
        "openclaw",
        config_names=("openclaw.json",),
        markers=("openclaw.json",),
        documents=("openclaw.json",),
    ),
    Framework(
        "crewai",
        "crewai",
        import_roots=("crewai",),
        config_names=("crew.jsonc",),
        markers=("crew.jsonc", "config/agents.yaml"),  # a CrewAI project root holds config/
        documents=(
            "crew.jsonc",
            "config/agents.yaml",
            "config/agents.yml",
            "config/tasks.yaml",
            "config/tasks.yml",
        ),
    ),
    Framework(
        "langgraph",
        "langgraph",
        import_roots=("langgraph",),
        config_names=("langgraph.json",),
        markers=("langgraph.json",),
        documents=("langgraph.json",),
    ),
    Framework("openai-agents", "openai_agents", import_roots=("agents",)),
    Framework(
        "autogen",
        "autogen",
        import_roots=("autogen", "autogen_agentchat", "autogen_core", "autogen_ext", "ag2"),
        signs=("autogen", '"provider"'),  # an AutoGen Studio component export
    ),
)

FRAMEWORKS = {framework.id: framework for framework in REGISTRY}
FRAMEWORK_OF_IMPORT = {root: f.id for f in REGISTRY for root in f.import_roots}
FRAMEWORK_OF_FILE = {name: f.id for f in REGISTRY for name in f.config_names}
FRAMEWORK_MARKERS = tuple(marker for f in REGISTRY for marker in f.markers)
