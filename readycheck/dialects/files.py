"""Evidence from files themselves: state files that exist, JSON Schemas, sample outputs."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from readycheck.checklist.dlq.words import FAILED_TASK_STORE
from readycheck.checklist.output.words import SAMPLE_NAME
from readycheck.model import Document, Fact, Location


def is_schema(doc: Document) -> bool:
    name = doc.name.lower()
    if name.endswith((".schema.json", ".schema.yaml", ".schema.yml")):
        return True
    data = doc.data
    if isinstance(data, dict) and doc.kind in ("json", "json5", "yaml"):
        if "$schema" in data:  # a config file may name its own schema (langgraph.json)
            return "json-schema.org" in str(data["$schema"]) or bool(
                {"properties", "type"} & set(data)
            )
        return "schema" in doc.path.lower() and ("properties" in data or "type" in data)
    return False


def file_facts(docs: Iterable[Document], state_names: dict[str, str]) -> Iterator[Fact]:
    by_name = {name.rsplit("/", 1)[-1]: kind for kind, name in state_names.items()}
    for doc in docs:
        loc = Location(doc.path, 1)
        kind = by_name.get(doc.name)
        if kind is not None:
            yield Fact("state", kind, loc, doc.name, "file", key=doc.path, value=doc.path)
            continue
        if doc.kind not in ("json", "json5", "yaml"):
            continue
        if FAILED_TASK_STORE.search(doc.path):
            # `state/failed-tasks.json`, `dead-letter/x.json`: the store exists.
            yield Fact("dlq", "destination", loc, doc.name, "file", value=doc.path)
            continue
        if is_schema(doc) or (not doc.ok and "schema" in doc.name.lower()):
            yield Fact("output", "schema_file", loc, doc.name, "file", value=doc.path)
        elif SAMPLE_NAME.search(doc.path.lower()) and doc.kind != "yaml":
            yield Fact("output", "sample", loc, doc.name, "file", value=doc.path)
