"""Reading the output schema in plain Python: a model bound to a schema
(`llm.with_structured_output(Report)`) is a framework-native output type, and an `except`
that catches the validation error and raises (`except ValidationError: raise`) makes an
invalid output a failure."""

from __future__ import annotations

import re
from collections.abc import Iterator

from readycheck.model import Document, Fact, Location, NonLiteral

ITEM = "output"
_STRUCTURED = re.compile(r"(^|\.)with_structured_output$")
_INVALID_OUTPUT = re.compile(r"ValidationError|OutputParserException|SchemaError|JSONDecodeError")


def code_facts(doc: Document) -> Iterator[Fact]:
    for call in doc.calls:
        if _STRUCTURED.search(call.name) and call.args:
            first = call.args[0]
            shown = first.source if isinstance(first, NonLiteral) else str(first)
            loc = Location(doc.path, call.line, call.column)
            text = f"with_structured_output({shown})"
            yield Fact(ITEM, "native", loc, text, "code", key="with_structured_output", value=shown)
    for names, raises, line in doc.handlers:
        if raises and any(_INVALID_OUTPUT.search(n) for n in names):
            text = f"except {', '.join(names)}: raise"
            yield Fact(ITEM, "enforce", Location(doc.path, line), text, "code")
