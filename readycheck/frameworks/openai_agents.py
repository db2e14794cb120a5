"""OpenAI Agents SDK (`pip install openai-agents`, imported as `agents`): code only.

- `Runner.run` / `run_sync` / `run_streamed(..., max_turns=N)`: the step limit;
  `max_turns=None` is unbounded. Without `max_turns` the SDK stops after 10 turns, a
  default that is not written down and so not credited (but not unsafe either);
- `error_handlers={"max_turns": ...}` (or `except MaxTurnsExceeded`): the on-limit
  behaviour; `asyncio.wait_for(Runner.run(...), timeout=...)`: a runtime limit;
- `ModelSettings(max_tokens=...)`: a token limit;
- `Agent(output_type=Model)`: a native output schema that the SDK enforces (it raises on
  output that does not validate); `output_guardrails=[...]`: enforcement;
- `needs_approval=...` on tools, `require_approval` on hosted MCP tools: human in the loop;
- sessions (`SQLiteSession("id", "conversations.db")`, Redis, SQLAlchemy, Dapr, OpenAI
  conversations) persist task and context like a checkpointer; `SQLiteSession` without a
  file keeps them in memory;
- `add_trace_processor` / `set_trace_processors`: tracing, which is logging only.

A keyword counts only at a call that resolves into the `agents` package.
"""

from __future__ import annotations

from collections.abc import Iterator

from readycheck.frameworks import pyast
from readycheck.frameworks.common import (
    class_name,
    constant,
    default,
    fact,
    imports_any,
    keyword_loc,
    limit_fact,
    truthy,
)
from readycheck.frameworks.registry import FRAMEWORKS
from readycheck.model import Call, Document, Fact, Location, NonLiteral

SPEC = FRAMEWORKS["openai-agents"]
LABEL = SPEC.id
_RUNS = frozenset({"run", "run_sync", "run_streamed"})
_IN_MEMORY_SESSIONS = frozenset({"SQLiteSession", "AdvancedSQLiteSession"})
_TRACING = frozenset({"add_trace_processor", "set_trace_processors"})
_TEXT_TYPES = frozenset({"str", "None"})


def detect(doc: Document) -> bool:
    return doc.kind == "python" and imports_any(doc, SPEC.import_roots)


def native(doc: Document) -> bool:
    return False


def _sdk(name: str) -> bool:
    return name.startswith("agents.")


def facts(doc: Document) -> Iterator[Fact]:
    info = pyast.info(doc)
    for call in [*doc.calls, *info.generic_calls]:  # Agent[Context](...) too
        if not _sdk(call.name):
            continue
        cls = class_name(call.name)
        parent = class_name(call.name.rsplit(".", 1)[0]) if "." in call.name else ""
        if parent == "Runner" and cls in _RUNS:
            yield from _run(doc, call)
        elif cls == "Agent":
            yield from _agent(doc, call)
        elif cls == "ModelSettings" and "max_tokens" in call.keywords:
            value = constant(doc, call.keywords["max_tokens"])
            loc = keyword_loc(doc, call, "max_tokens")
            yield from limit_fact("tokens", value, loc, LABEL, "max_tokens")
        elif cls.endswith("Session") or parent.endswith("Session"):  # also .from_url(...)
            store = cls if cls.endswith("Session") else parent
            yield from _session(doc, call, store, info)
        elif cls in _TRACING:
            loc = Location(doc.path, call.line, call.column)
            yield fact("monitoring", "logging", loc, LABEL, cls)
        yield from _approval(doc, call)
    for timeout in info.timeouts:
        if any(_sdk(n) and class_name(n) in _RUNS for n in timeout.bounds):
            loc = Location(doc.path, timeout.line)
            yield from limit_fact("runtime", constant(doc, timeout.value), loc, LABEL, "timeout")
    for name, line in info.caught:
        if class_name(name) == "MaxTurnsExceeded" and _sdk(name):
            loc = Location(doc.path, line)
            yield fact("budget", "on_limit", loc, LABEL, "MaxTurnsExceeded", "except")


def _run(doc: Document, call: Call) -> Iterator[Fact]:
    kw = call.keywords
    if "max_turns" in kw:
        loc = keyword_loc(doc, call, "max_turns")
        yield from limit_fact("steps", constant(doc, kw["max_turns"]), loc, LABEL, "max_turns")
    handlers = kw.get("error_handlers")
    if handlers is not None:
        shown = handlers.source if isinstance(handlers, NonLiteral) else str(handlers)
        if "max_turns" in shown:
            loc = keyword_loc(doc, call, "error_handlers")
            text = f"error_handlers: {shown}"
            yield fact("budget", "on_limit", loc, LABEL, "error_handlers", shown, text)


def _agent(doc: Document, call: Call) -> Iterator[Fact]:
    kw = call.keywords
    output = kw.get("output_type")
    shown = output.source if isinstance(output, NonLiteral) else str(output)
    if output is not None and shown not in _TEXT_TYPES:
        loc = keyword_loc(doc, call, "output_type")
        yield fact("output", "native", loc, LABEL, "output_type", shown, f"output_type={shown}")
        # The SDK validates structured output and raises ModelBehaviorError when it fails.
        yield fact("output", "enforce", loc, LABEL, "output_type", shown, f"output_type={shown}")
    if truthy(kw.get("output_guardrails", [])):
        loc = keyword_loc(doc, call, "output_guardrails")
        yield fact("output", "enforce", loc, LABEL, "output_guardrails")


def _approval(doc: Document, call: Call) -> Iterator[Fact]:
    value = call.keywords.get("needs_approval")
    if value is not None and truthy(value):
        loc = keyword_loc(doc, call, "needs_approval")
        yield fact("escalation", "hitl", loc, LABEL, "needs_approval")
    config = call.keywords.get("tool_config")
    text = config.source if isinstance(config, NonLiteral) else str(config or "")
    if "require_approval" in text and "never" not in text:
        loc = keyword_loc(doc, call, "tool_config")
        yield fact("escalation", "hitl", loc, LABEL, "require_approval")


def _session(doc: Document, call: Call, cls: str, info: pyast.PyInfo) -> Iterator[Fact]:
    loc = Location(doc.path, call.line, call.column)
    if cls in _IN_MEMORY_SESSIONS:
        args = info.positional(call)
        db = call.keywords.get("db_path", args[1] if len(args) > 1 else None)
        if db is None or (isinstance(db, str) and db.strip() in ("", ":memory:")):
            message = (
                f"{cls} without a db_path keeps the session in memory (':memory:'): a crash "
                "or restart erases the task and its context"
            )
            yield default("state", loc, LABEL, cls, message)
            return
    if cls == "Session":  # the protocol itself, not a store
        return
    yield fact("state", "checkpointer", loc, LABEL, cls, cls)
