"""Facts from framework documents: each framework's module is asked only about the
documents it may read, and imported only then (most Markdown-only agents load none)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from readycheck.frameworks.registry import REGISTRY
from readycheck.model import Document, Fact


def framework_facts(doc: Document) -> Iterator[Fact]:
    for framework in REGISTRY:
        if framework.may_read(doc):
            dialect = framework.dialect()
            if dialect.detect(doc):
                yield from dialect.facts(doc)


def native(doc: Document) -> bool:
    """True when a framework reads this whole document itself (`openclaw.json`,
    `langgraph.json`, AutoGen Studio JSON): generic config reading would credit keys that
    mean something else there (a media timeout is not a session runtime limit)."""
    return any(f.may_read(doc) and f.dialect().native(doc) for f in REGISTRY)


def document_frameworks(doc: Document) -> set[str]:
    """The frameworks whose config or code this document is (remembered on it)."""
    if doc.frameworks is None:
        doc.frameworks = frozenset(
            f.id for f in REGISTRY if doc.ok and f.may_read(doc) and f.dialect().detect(doc)
        )
    return set(doc.frameworks)


def masked(doc: Document, facts: Iterable[Fact]) -> Iterator[Fact]:
    """Facts with every secret the document holds (tokens, API keys, webhook URLs) masked."""
    # Imported here: `common` imports readycheck.dialects, whose package imports this module.
    from readycheck.frameworks.common import mask

    return mask(doc, facts)
