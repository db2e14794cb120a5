"""Reading the dead letter queue in plain Python: retry bounds and failed-task stores.

`for attempt in range(3)`, tenacity's `stop_after_attempt(3)`, LangChain's
`.with_retry(stop_after_attempt=3)` and `max_retries=3` are bounds; a path constant such as
`"failed-tasks.json"` or `"dead-letter/"` is where failed tasks go.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from readycheck.checklist.dlq import words as w
from readycheck.model import Document, Fact, Location, NonLiteral

ITEM = "dlq"
_RETRY_VARIABLE = re.compile(r"^_?(attempt|attempts|retry|retries|try|tries|n_?tries|tries_left)$")
_ATTEMPTS_CALL = re.compile(r"(^|\.)stop_after_attempt$")
_KEYWORD = re.compile(r"^(max_)?(retries|attempts|retry_attempts|stop_after_attempt)$|_retries$")


def code_facts(doc: Document) -> Iterator[Fact]:
    constants = {str(e.keys[0]): e.value for e in doc.entries if len(e.keys) == 1}
    for variable, count, line, named in doc.loops:
        if named:
            count = _count(constants.get(named)) or 0.0
        if _RETRY_VARIABLE.match(variable) and count > 0:
            text = f"for {variable} in range({count:g})"
            yield Fact(ITEM, "retry_bound", Location(doc.path, line), text, "code", value=count)
    for call in doc.calls:
        loc = Location(doc.path, call.line, call.column)
        first = _count(call.args[0]) if call.args else None
        if _ATTEMPTS_CALL.search(call.name) and first:
            yield Fact(ITEM, "retry_bound", loc, f"{call.name}({first:g})", "code", value=first)
        for key, value in call.keywords.items():
            bound = _count(value)
            if _KEYWORD.search(key) and bound:
                text = f"{key}={value}"
                yield Fact(ITEM, "retry_bound", loc, text, "code", key=key, value=bound)
    for entry in doc.entries:  # `MAX_RETRIES = 3`, `max_llm_retries: int = 3`
        key = str(entry.keys[-1]) if entry.keys else ""
        bound = _count(entry.value)
        if _KEYWORD.search(key.lower()) and bound:
            loc = Location(doc.path, entry.line, entry.column)
            text = f"{key} = {entry.value}"
            yield Fact(ITEM, "retry_bound", loc, text, "code", key=key, value=bound)
    for text, line in doc.names:
        # A file, directory or queue name ("failed-tasks.json", "dead-letter/"), not a
        # variable or key that happens to say failed_tasks.
        if w.DLQ_DESTINATION.search(text) and any(c in text for c in "./-"):
            loc = Location(doc.path, line)
            yield Fact(ITEM, "destination", loc, text, "code", value=text)


def _count(value: object) -> float | None:
    if isinstance(value, (NonLiteral, bool)):
        return None
    if isinstance(value, (int, float)) and 0 < value < 1000:
        return float(value)
    return None
