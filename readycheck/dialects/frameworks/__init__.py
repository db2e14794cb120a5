"""Framework dialects: evidence from each agent framework's own config and code.

One module per framework, each with `LABEL` (the name reports show), `detect(doc)` (the
document is that framework's config or code), `native(doc)` (the document is entirely the
framework's own config, read by its module instead of as generic key/value config) and
`facts(doc)`. Facts carry the native setting as their `key` and the framework as their
`source`; a framework default that leaves the agent unbounded or unsafe is a fact of part
`default` whose value names the default (see `common.FrameworkDefault`). Adding a framework
means adding one module to `FRAMEWORKS`.

Python is read through the shared `ast` parse (and `pyast` for what it drops), never
imported or run, and a generic keyword counts only at a call that resolves, through the
file's imports, into that framework.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from types import ModuleType

from readycheck.dialects.frameworks.common import mask
from readycheck.model import Document, Fact

# Documents any framework module could claim, told apart without importing them: the
# modules are loaded only when a run meets one (most Markdown-only agents never do).
_CONFIG_NAMES = frozenset(
    {
        "openclaw.json",
        "crew.jsonc",
        "langgraph.json",
        "agents.yaml",
        "agents.yml",
        "tasks.yaml",
        "tasks.yml",
    }
)


@lru_cache(maxsize=1)
def frameworks() -> tuple[ModuleType, ...]:
    from readycheck.dialects.frameworks import (
        autogen,
        crewai,
        langgraph,
        openai_agents,
        openclaw,
    )

    return (openclaw, crewai, langgraph, openai_agents, autogen)


def _candidate(doc: Document) -> bool:
    if doc.kind == "python":
        return True
    if doc.kind not in ("json", "json5", "yaml") or not doc.ok:
        return False
    return doc.name in _CONFIG_NAMES or ("autogen" in doc.text and '"provider"' in doc.text)


def framework_facts(doc: Document) -> Iterator[Fact]:
    if not _candidate(doc):
        return
    for framework in frameworks():
        if framework.detect(doc):
            yield from framework.facts(doc)


def native(doc: Document) -> bool:
    """True when a framework reads this whole document itself (`openclaw.json`,
    `langgraph.json`, AutoGen Studio JSON): generic config reading would credit keys that
    mean something else there (a media timeout is not a session runtime limit)."""
    return _candidate(doc) and any(framework.native(doc) for framework in frameworks())


def document_frameworks(doc: Document) -> set[str]:
    """The frameworks whose config or code this document is."""
    if not _candidate(doc) or not doc.ok:
        return set()
    return {framework.LABEL for framework in frameworks() if framework.detect(doc)}


def masked(doc: Document, facts: Iterable[Fact]) -> Iterator[Fact]:
    """Facts with every secret the document holds (tokens, API keys, webhook URLs) masked."""
    return mask(doc, facts)
