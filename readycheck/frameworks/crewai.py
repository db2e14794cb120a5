"""CrewAI: `config/agents.yaml`, `config/tasks.yaml`, `crew.jsonc`, and the keywords of
`Agent(...)`, `Task(...)`, `Crew(...)` and `LLM(...)` calls resolved through the imports.

The YAML and JSONC files are also read by the config dialect, which already turns their
limit keys (`max_iter`, `max_execution_time`, `max_tokens`) and retry bound
(`max_retry_limit`) into facts and their role / goal / backstory / description prose into
instructions. This module adds what only CrewAI knows:

- `human_input: true` pauses for a human (human-in-the-loop, partial escalation at most);
- `output_json` / `output_pydantic` is a native output schema; a `guardrail` enforces it,
  and without one CrewAI hands back the raw text when the conversion fails;
- `max_execution_time` defaults to None: an agent without it has no runtime limit;
- in code, the same keywords count only at a CrewAI call (`crewai.Agent`, also when
  imported under another name), never in an unrelated call or dict.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

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

SPEC = FRAMEWORKS["crewai"]
LABEL = SPEC.id
_YAML = tuple(path for path in SPEC.documents if path.endswith((".yaml", ".yml")))
_CLASSES = frozenset({"Agent", "Task", "Crew", "LLM"})
_LIMITS = {"max_iter": "steps", "max_execution_time": "runtime", "max_tokens": "tokens"}
_OUTPUTS = ("output_json", "output_pydantic")
_GUARDRAILS = ("guardrail", "guardrails")
_RUNTIME_DEFAULT = (
    "max_execution_time is not set for {who}: CrewAI's default is None, no runtime limit"
)
_RAW_OUTPUT = (
    "{key} without a guardrail on {who}: when the conversion fails CrewAI hands back the "
    "raw text instead of failing the task"
)


def detect(doc: Document) -> bool:
    if doc.kind == "python":
        return imports_any(doc, SPEC.import_roots)
    return _config_kind(doc) != ""


def native(doc: Document) -> bool:
    return False  # the config dialect reads the prose of agents.yaml and tasks.yaml too


def facts(doc: Document) -> Iterator[Fact]:
    if doc.kind == "python":
        yield from _code(doc)
        return
    kind = _config_kind(doc)
    data = doc.data
    at = Entries(doc)
    # Limits and retry bounds of YAML / JSONC agents come from the config dialect.
    if kind == "crew":
        agents, tasks = (
            _items(data.get("agents"), ("agents",)),
            _items(data.get("tasks"), ("tasks",)),
        )
    elif kind == "agents":
        agents, tasks = _items(data, ()), iter(())
    else:
        agents, tasks = iter(()), _items(data, ())
    for keys, item in tasks:
        yield from _task(keys, item, at)
    yield from _runtime_default(agents, at)


def _config_kind(doc: Document) -> str:
    if doc.name in SPEC.config_names and isinstance(doc.data, dict):
        return "crew"
    if doc.kind == "yaml" and doc.path.endswith(_YAML) and isinstance(doc.data, dict):
        return "agents" if "/agents.y" in f"/{doc.path}" else "tasks"
    return ""


def _items(
    container: Any, prefix: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], dict[str, Any]]]:
    """Named agent or task definitions: a mapping of mappings, or a list of mappings."""
    if isinstance(container, dict):
        for name, item in container.items():
            if isinstance(item, dict):
                yield (*prefix, str(name)), item
    elif isinstance(container, list):
        for i, item in enumerate(container):
            if isinstance(item, dict):
                yield (*prefix, i), item


def _name(keys: tuple[str | int, ...], item: dict[str, Any]) -> str:
    """`researcher` for a YAML agent; the name (or role) of an agent in a JSONC list."""
    label = keys[-1] if isinstance(keys[-1], str) else item.get("name") or item.get("role")
    return " ".join(str(label).split())[:40]


def _task(keys: tuple[str | int, ...], item: dict[str, Any], at: Entries) -> Iterator[Fact]:
    who = f"task {_name(keys, item)!r}"
    if truthy(item.get("human_input", False)):
        yield fact("escalation", "hitl", at.loc((*keys, "human_input")), LABEL, "human_input")
    outputs = [k for k in _OUTPUTS if item.get(k)]
    for key in outputs:
        loc = at.loc((*keys, key))
        yield fact("output", "native", loc, LABEL, key, str(item[key]), f"{key}: {item[key]}")
    guarded = [k for k in _GUARDRAILS if truthy(item.get(k))]
    for key in guarded:
        yield fact("output", "enforce", at.loc((*keys, key)), LABEL, key)
    if outputs and not guarded:
        key = outputs[0]
        message = _RAW_OUTPUT.format(key=key, who=who)
        yield default("output", at.loc((*keys, key)), LABEL, key, message)


def _runtime_default(
    items: Iterator[tuple[tuple[str | int, ...], dict[str, Any]]], at: Entries
) -> Iterator[Fact]:
    missing = [(keys, item) for keys, item in items if "max_execution_time" not in item]
    if not missing:
        return
    names = ", ".join(repr(_name(k, i)) for k, i in missing[:3])
    more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
    who = f"agent{'s' if len(missing) > 1 else ''} {names}{more}"
    message = _RUNTIME_DEFAULT.format(who=who)
    yield default("budget", at.loc(missing[0][0]), LABEL, "max_execution_time", message, "runtime")


def _code(doc: Document) -> Iterator[Fact]:
    for call in doc.calls:
        if not call.name.startswith("crewai.") or class_name(call.name) not in _CLASSES:
            continue
        cls = class_name(call.name)
        kw = {k: constant(doc, v) for k, v in call.keywords.items()}
        if cls in ("Agent", "LLM"):
            for key, dimension in _LIMITS.items():
                if key in kw and (cls == "Agent" or key == "max_tokens"):
                    yield from limit_fact(
                        dimension, kw[key], keyword_loc(doc, call, key), LABEL, key
                    )
        if cls == "Agent":
            yield from _code_agent(doc, call, kw)
        elif cls == "Task":
            yield from _code_task(doc, call, kw)
        elif cls == "Crew" and truthy(kw.get("output_log_file", False)):
            loc = keyword_loc(doc, call, "output_log_file")
            yield fact("monitoring", "logging", loc, LABEL, "output_log_file")


def _code_agent(doc: Document, call: Call, kw: dict[str, Any]) -> Iterator[Fact]:
    if "max_retry_limit" in kw:
        value = kw["max_retry_limit"]
        loc = keyword_loc(doc, call, "max_retry_limit")
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            yield fact("dlq", "retry_bound", loc, LABEL, "max_retry_limit", float(value))
        elif not isinstance(value, NonLiteral):
            yield fact("dlq", "unbounded", loc, LABEL, "max_retry_limit", value)
    if "max_execution_time" not in kw and "config" not in kw:
        role = kw.get("role")
        who = f"agent {' '.join(str(role).split())[:40]!r}" if isinstance(role, str) else "Agent"
        loc = Location(doc.path, call.line, call.column)
        message = _RUNTIME_DEFAULT.format(who=who)
        yield default("budget", loc, LABEL, "max_execution_time", message, "runtime")


def _code_task(doc: Document, call: Call, kw: dict[str, Any]) -> Iterator[Fact]:
    if truthy(kw.get("human_input", False)):
        yield fact(
            "escalation", "hitl", keyword_loc(doc, call, "human_input"), LABEL, "human_input"
        )
    outputs = [k for k in _OUTPUTS if k in kw and truthy(kw[k])]
    for key in outputs:
        value = kw[key]
        shown = value.source if isinstance(value, NonLiteral) else str(value)
        loc = keyword_loc(doc, call, key)
        yield fact("output", "native", loc, LABEL, key, shown, f"{key}={shown}")
    guarded = [k for k in _GUARDRAILS if k in kw and truthy(kw[k])]
    for key in guarded:
        yield fact("output", "enforce", keyword_loc(doc, call, key), LABEL, key)
    if outputs and not guarded:
        key = outputs[0]
        message = _RAW_OUTPUT.format(key=key, who="Task")
        yield default("output", keyword_loc(doc, call, key), LABEL, key, message)
