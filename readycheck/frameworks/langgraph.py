"""LangGraph: `langgraph.json` and graph code.

- `langgraph.json`: `graphs` (detection), `checkpointer` (state for task and context),
  `webhooks` (a route with no condition), `env` (LangSmith tracing is logging);
- `recursion_limit` in a run config handed to `.invoke` / `.stream` / `.batch` (as a dict,
  a variable bound to one, or `RunnableConfig(...)`) or to `.with_config(...)`: the step
  limit. A graph whose file never sets one relies on LangGraph's default recursion limit,
  which has moved between releases (25, then 1,000 and 10,000) and bounds neither runtime
  nor tokens: a finding of its own;
- `compile(checkpointer=...)` (also `create_react_agent` / `create_agent`): a persistent
  saver covers task and context; `MemorySaver` / `InMemorySaver` (or SQLite `:memory:`)
  keeps them in process memory only, which a crash erases;
- `compile(interrupt_before=..., interrupt_after=...)` and `interrupt(...)`: human in the
  loop; `RetryPolicy(max_attempts=...)`: a retry bound;
- `except GraphRecursionError` or a `RemainingSteps` state field: an on-limit behaviour;
- `response_format=` / `.with_structured_output(...)`: a native output schema (the
  latter raises on output that does not parse);
- `asyncio.wait_for(graph.ainvoke(...), timeout=...)`: a runtime limit; `max_tokens` of a
  LangChain chat model: a token limit.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from typing import Any

from readycheck.frameworks import pyast
from readycheck.frameworks.common import (
    Entries,
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

SPEC = FRAMEWORKS["langgraph"]
LABEL = SPEC.id
# Calls into LangChain and Deep Agents build LangGraph graphs too.
_TOPS = (*SPEC.import_roots, "langchain", "langchain_core", "deepagents")
_BUILDERS = frozenset({"create_react_agent", "create_agent", "create_deep_agent", "entrypoint"})
_MEMORY = re.compile(r"\b(In)?MemorySaver\b|:memory:")
_PERSISTENT = re.compile(r"Saver\b|checkpointer", re.I)
_DEFAULT = (
    "recursion_limit is never set: the graph relies on LangGraph's default recursion limit "
    "(25 in older releases, 1,000 or 10,000 in newer ones), a step cap that moves between "
    "versions and bounds neither runtime nor tokens"
)
_TRACING_ENV = frozenset({"LANGSMITH_TRACING", "LANGCHAIN_TRACING_V2", "LANGCHAIN_TRACING"})


def detect(doc: Document) -> bool:
    if doc.kind == "python":
        return imports_any(doc, SPEC.import_roots) or _builds_graph(doc)
    return native(doc)


def native(doc: Document) -> bool:
    return doc.name in SPEC.config_names and isinstance(doc.data, dict)


def facts(doc: Document) -> Iterator[Fact]:
    if doc.kind == "python":
        yield from _code(doc)
    else:
        yield from _config(doc)


def _config(doc: Document) -> Iterator[Fact]:
    data: dict[str, Any] = doc.data
    at = Entries(doc)
    if isinstance(data.get("checkpointer"), dict):
        yield fact("state", "checkpointer", at.loc(("checkpointer",)), LABEL, "checkpointer")
    if isinstance(data.get("webhooks"), dict) and data["webhooks"]:
        text = "langgraph.json webhooks: run webhooks"
        yield fact("monitoring", "route", at.loc(("webhooks",)), LABEL, "webhooks", None, text)
    env = data.get("env")
    if isinstance(env, dict):
        for name, value in env.items():
            if name.upper() in _TRACING_ENV and truthy(value):
                loc = at.loc(("env", name))
                yield fact("monitoring", "logging", loc, LABEL, name)


def _builds_graph(doc: Document) -> bool:
    return any(
        c.name.split(".", 1)[0] in _TOPS and class_name(c.name) in _BUILDERS for c in doc.calls
    )


def _code(doc: Document) -> Iterator[Fact]:
    if not imports_any(doc, _TOPS):
        return
    info = pyast.info(doc)
    graphs: list[Call] = []
    limited = False
    modules = {m.split(".", 1)[0] for m in doc.imports.values()} - set(_TOPS)
    for call in doc.calls:
        cls = class_name(call.name)
        top = call.name.split(".", 1)[0]
        framework_call = top in _TOPS
        # `builder.compile(...)` on a graph, never `re.compile(...)` or the builtin
        compiles = cls == "compile" and "." in call.name and top not in modules
        if compiles or (framework_call and cls in _BUILDERS):
            graphs.append(call)
            yield from _graph(doc, call, info)
        elif framework_call and cls == "interrupt":
            loc = Location(doc.path, call.line, call.column)
            yield fact("escalation", "hitl", loc, LABEL, "interrupt", None, "interrupt(...)")
        elif framework_call and cls == "RetryPolicy" and "max_attempts" in call.keywords:
            yield from _retry(doc, call)
        elif framework_call and cls == "RunnableConfig" and "recursion_limit" in call.keywords:
            limited = True
            yield from limit_fact(
                "steps",
                constant(doc, call.keywords["recursion_limit"]),
                keyword_loc(doc, call, "recursion_limit"),
                LABEL,
                "recursion_limit",
            )
        elif cls == "with_structured_output":
            yield from _structured(doc, call)
        elif top.startswith("langchain") and (cls.startswith("Chat") or cls == "init_chat_model"):
            for key in ("max_tokens", "max_completion_tokens"):
                if key in call.keywords:
                    value = constant(doc, call.keywords[key])
                    yield from limit_fact("tokens", value, keyword_loc(doc, call, key), LABEL, key)
    for item in info.run_config:
        if item.key == "recursion_limit":
            limited = True
            value = constant(doc, item.value)
            yield from limit_fact(
                "steps", value, Location(doc.path, item.line), LABEL, "recursion_limit"
            )
    for timeout in info.timeouts:  # asyncio.wait_for(graph.ainvoke(...), timeout=300)
        if any(class_name(n) in pyast.RUN_METHODS for n in timeout.bounds):
            value = constant(doc, timeout.value)
            loc = Location(doc.path, timeout.line)
            yield from limit_fact("runtime", value, loc, LABEL, "timeout")
    for name, line in info.caught:
        if class_name(name) == "GraphRecursionError":
            loc = Location(doc.path, line)
            yield fact("budget", "on_limit", loc, LABEL, "GraphRecursionError", "except")
    if any(class_name(m) in ("RemainingSteps", "IsLastStep") for m in doc.imports.values()):
        yield fact("budget", "on_limit", _import_loc(doc), LABEL, "RemainingSteps")
    if graphs and not limited:
        first = graphs[0]
        loc = Location(doc.path, first.line, first.column)
        yield default("budget", loc, LABEL, "recursion_limit", _DEFAULT, "steps")


def _graph(doc: Document, call: Call, info: pyast.PyInfo) -> Iterator[Fact]:
    kw = call.keywords
    if "checkpointer" in kw:
        yield from _checkpointer(doc, call, kw["checkpointer"], info)
    for key in ("interrupt_before", "interrupt_after"):
        if key in kw and truthy(kw[key]):
            yield fact("escalation", "hitl", keyword_loc(doc, call, key), LABEL, key)
    if "response_format" in kw and truthy(kw["response_format"]):
        value = kw["response_format"]
        shown = value.source if isinstance(value, NonLiteral) else str(value)
        loc = keyword_loc(doc, call, "response_format")
        yield fact("output", "native", loc, LABEL, "response_format", shown)


def _checkpointer(doc: Document, call: Call, value: Any, info: pyast.PyInfo) -> Iterator[Fact]:
    loc = keyword_loc(doc, call, "checkpointer")
    if not isinstance(value, NonLiteral):
        return  # None / False: no checkpointer; True: a subgraph uses its parent's
    bound = info.bound_to(value)
    shown = value.source if bound is None else f"{value.source} = {ast.unparse(bound)}"
    source = f"{shown} ({info.name_of(bound)})" if bound is not None else shown
    if _MEMORY.search(source):
        message = (
            f"checkpointer `{shown}` keeps the graph's state in process memory: "
            "a crash or restart erases the task and its context"
        )
        yield default("state", loc, LABEL, "checkpointer", message)
    elif bound is None or _PERSISTENT.search(source):
        yield fact("state", "checkpointer", loc, LABEL, "checkpointer", value.source)


def _retry(doc: Document, call: Call) -> Iterator[Fact]:
    value = constant(doc, call.keywords["max_attempts"])
    loc = keyword_loc(doc, call, "max_attempts")
    if isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 1:
        yield fact("dlq", "retry_bound", loc, LABEL, "RetryPolicy.max_attempts", float(value))
    elif not isinstance(value, NonLiteral):
        yield fact("dlq", "unbounded", loc, LABEL, "RetryPolicy.max_attempts", value)


def _structured(doc: Document, call: Call) -> Iterator[Fact]:
    loc = Location(doc.path, call.line, call.column)
    key = "with_structured_output"
    yield fact("output", "native", loc, LABEL, key)
    if call.keywords.get("include_raw") is not True:  # parse errors raise
        yield fact("output", "enforce", loc, LABEL, key)


def _import_loc(doc: Document) -> Location:
    m = re.search(r"\b(RemainingSteps|IsLastStep)\b", doc.text)
    return Location(doc.path, doc.text.count("\n", 0, m.start()) + 1 if m else 1)
