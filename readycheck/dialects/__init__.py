"""Dialects turn parsed documents into facts for the seven checklist items.

Each dialect reads one kind of evidence: prose (Markdown and text instructions), config
files and manifest blocks, the files themselves (state files, schemas, samples), and boot
scripts. A framework (OpenClaw, CrewAI, ...) is one more module that yields facts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from readycheck.checklist.budget.code import code_facts as budget_code
from readycheck.checklist.dlq.code import code_facts as dlq_code
from readycheck.checklist.monitoring.code import code_facts as monitoring_code
from readycheck.checklist.output.code import code_facts as output_code
from readycheck.checklist.output.words import SAMPLE_NAME
from readycheck.checklist.state.code import code_facts as state_code
from readycheck.checklist.state.contract import STATE_FILES
from readycheck.dialects.files import is_schema
from readycheck.dialects.mappings import config_facts
from readycheck.dialects.prose import document_units
from readycheck.dialects.scripts import script_facts
from readycheck.frameworks.extract import framework_facts, masked, native
from readycheck.model import Document, Fact
from readycheck.reading.sentences import Source

# Plain-Python idioms each item reads: retry loops, path constants, alert posts, caps.
CODE_READERS = (budget_code, dlq_code, monitoring_code, output_code, state_code)
_TOPIC_WORDS = re.compile(r"[A-Za-z]+")


def topic_of(path: str) -> str:
    """Words from a file's name and directories: `ops/budget.yaml` -> 'ops budget'."""
    stem = path.rsplit(".", 1)[0] if "." in path.rsplit("/", 1)[-1] else path
    return " ".join(_TOPIC_WORDS.findall(stem.replace("_", " ")))


def is_data_file(doc: Document) -> bool:
    """State files, schemas and sample outputs: judged as files, never read as instructions."""
    if doc.kind not in ("json", "json5", "yaml"):
        return False
    name = doc.name.lower()
    return (
        is_schema(doc)
        or any(rx.search(name) for rx in STATE_FILES.values())
        or bool(SAMPLE_NAME.search(doc.path.lower()) and doc.kind != "yaml")
    )


def document_facts(doc: Document) -> Iterator[Fact]:
    """Every fact one document gives, independent of the agent reading it; the secrets the
    document holds are masked in every fact."""
    if not doc.ok or is_data_file(doc):
        return
    yield from masked(doc, _facts(doc))


def _facts(doc: Document) -> Iterator[Fact]:
    topic = topic_of(doc.path)
    if doc.kind in ("markdown", "text", "python", "shell"):
        primary = doc.kind in ("markdown", "text") and "/skills/" not in f"/{doc.path}"
        dialect = {"shell": "script"}.get(doc.kind, "prose")
        source = Source(doc.path, topic, dialect=dialect, primary=primary)
        yield from document_units(doc.units, source)
    if not native(doc):  # a framework's own config file is read by its framework dialect
        yield from config_facts(doc, topic)
    yield from script_facts(doc)
    if doc.kind == "python":
        for read_code in CODE_READERS:
            yield from read_code(doc)
    yield from framework_facts(doc)
