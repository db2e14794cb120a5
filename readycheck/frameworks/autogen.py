"""AutoGen (AgentChat 0.4+, AutoGen Studio component JSON) and AG2 / autogen 0.2.

AgentChat teams (`RoundRobinGroupChat`, `SelectorGroupChat`, `Swarm`, `GraphFlow`...) stop
on a `termination_condition` or `max_turns`; a team with neither runs until something
outside stops it, which is a finding. Termination conditions are the budget:
`MaxMessageTermination` (steps), `TokenUsageTermination` (tokens), `TimeoutTermination`
(runtime); `HandoffTermination` and a `UserProxyAgent` hand the turn to a human (human in
the loop). `AssistantAgent(output_content_type=Model)` is a validated output type.

AG2: `max_consecutive_auto_reply` (steps), `GroupChat(max_round=...)` (steps),
`initiate_chat(..., max_turns=...)` (steps), `human_input_mode="ALWAYS" | "TERMINATE"`
(human in the loop), `runtime_logging.start()` (logging).

AutoGen Studio saves the same components as JSON (`{"provider": "autogen_agentchat.teams.
RoundRobinGroupChat", "config": {...}}`): they are read with the same rules, positions from
the JSON keys.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from readycheck.dialects.prose import unit_facts
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
from readycheck.model import Document, Fact, Location, NonLiteral, Unit
from readycheck.reading.sentences import Source

SPEC = FRAMEWORKS["autogen"]
LABEL = SPEC.id
_TOPS = SPEC.import_roots
_TEAMS = frozenset(
    {"RoundRobinGroupChat", "SelectorGroupChat", "Swarm", "MagenticOneGroupChat", "GraphFlow"}
)
_BOUNDED_BY_DEFAULT = frozenset({"MagenticOneGroupChat"})  # max_turns defaults to 20
_TOKEN_KEYS = ("max_total_token", "max_prompt_token", "max_completion_token")
_CHATS = frozenset({"initiate_chat", "a_initiate_chat", "initiate_chats", "run"})
_HUMAN_MODES = frozenset({"ALWAYS", "TERMINATE"})
_NO_TERMINATION = (
    "{cls} has no termination_condition and no max_turns: an AutoGen team without them "
    "keeps taking turns until something outside stops it"
)


@dataclass(frozen=True)
class Component:
    """A constructor call in code, or a component in AutoGen Studio JSON."""

    module: str  # resolved dotted name or provider
    keywords: dict[str, Any]
    positional: list[Any]
    loc: Location
    keyword_loc: Callable[[str], Location]
    python: bool

    @property
    def cls(self) -> str:
        return class_name(self.module)

    @property
    def agentchat(self) -> bool:
        return self.module.startswith(("autogen_agentchat.", "autogen_ext."))

    def arg(self, *names: str) -> Any:
        """A keyword, else the first positional argument; None when absent."""
        for name in names:
            if name in self.keywords:
                return self.keywords[name]
        return self.positional[0] if self.positional else None

    def arg_key(self, *names: str) -> str:
        return next((n for n in names if n in self.keywords), names[0])


def detect(doc: Document) -> bool:
    if doc.kind == "python":
        return imports_any(doc, _TOPS)
    return native(doc)


def native(doc: Document) -> bool:
    """AutoGen Studio component JSON (a team, agent or gallery export)."""
    if doc.kind not in ("json", "json5") or '"provider"' not in doc.text:
        return False
    if "autogen" not in doc.text:
        return False
    return next(_components(doc.data, ()), None) is not None


def facts(doc: Document) -> Iterator[Fact]:
    for component in _python(doc) if doc.kind == "python" else _studio(doc):
        yield from _rules(doc, component)
    if doc.kind != "python":
        yield from _studio_prose(doc)


def _python(doc: Document) -> Iterator[Component]:
    info = pyast.info(doc)
    for call in doc.calls:
        top = call.name.split(".", 1)[0]
        method = class_name(call.name)
        if top not in _TOPS and method not in _CHATS:
            continue
        kw = {k: constant(doc, v) for k, v in call.keywords.items()}

        def where(key: str, call: Any = call) -> Location:
            return keyword_loc(doc, call, key)

        yield Component(
            call.name if top in _TOPS else f"chat.{method}",
            kw,
            [constant(doc, v) for v in info.positional(call)],
            Location(doc.path, call.line, call.column),
            where,
            True,
        )


def _components(
    data: Any, keys: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], dict[str, Any]]]:
    if isinstance(data, dict):
        provider = data.get("provider")
        if (
            isinstance(provider, str)
            and provider.startswith(("autogen", "ag2"))
            and isinstance(data.get("config"), dict)
        ):
            yield keys, data
        for key, value in data.items():
            if isinstance(value, (dict, list)):
                yield from _components(value, (*keys, str(key)))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _components(value, (*keys, i))


_PROSE_KEYS = ("system_message", "description", "instructions")


def _studio_prose(doc: Document) -> Iterator[Fact]:
    """The agents' system messages: Studio JSON is read natively, its prose still counts."""
    at = Entries(doc)
    source = Source(doc.path, " ".join(re.findall(r"[A-Za-z]+", doc.name.rsplit(".", 1)[0])))
    for keys, node in _components(doc.data, ()):
        for key in _PROSE_KEYS:
            text = node["config"].get(key)
            if isinstance(text, str) and len(text.split()) >= 4:
                line = at.loc((*keys, "config", key)).line
                yield from unit_facts(Unit(text, line, (class_name(node["provider"]),)), source)


def _studio(doc: Document) -> Iterator[Component]:
    at = Entries(doc)
    for keys, node in _components(doc.data, ()):

        def where(key: str, keys: tuple[str | int, ...] = keys) -> Location:
            return at.loc((*keys, "config", key))

        yield Component(
            node["provider"], node["config"], [], at.loc((*keys, "provider")), where, False
        )


def _rules(doc: Document, c: Component) -> Iterator[Fact]:
    cls, kw = c.cls, c.keywords
    if cls in _TEAMS:
        yield from _team(c)
    elif cls == "MaxMessageTermination":
        key = c.arg_key("max_messages")
        yield from limit_fact("steps", c.arg("max_messages"), c.keyword_loc(key), LABEL, cls)
    elif cls == "TokenUsageTermination":
        value = next((kw[k] for k in _TOKEN_KEYS if kw.get(k) is not None), c.arg(*_TOKEN_KEYS))
        key = c.arg_key(*_TOKEN_KEYS)
        yield from limit_fact("tokens", value, c.keyword_loc(key), LABEL, cls)
    elif cls == "TimeoutTermination":
        key = c.arg_key("timeout_seconds")
        value = c.arg("timeout_seconds")
        yield from limit_fact("runtime", value, c.keyword_loc(key), LABEL, cls)
    elif cls == "HandoffTermination":
        yield fact("escalation", "hitl", c.loc, LABEL, cls, c.arg("target"))
    elif cls == "GroupChat" and "max_round" in kw:
        yield from limit_fact(
            "steps", kw["max_round"], c.keyword_loc("max_round"), LABEL, "max_round"
        )
    elif cls in _CHATS and "max_turns" in kw:
        yield from limit_fact(
            "steps", kw["max_turns"], c.keyword_loc("max_turns"), LABEL, "max_turns"
        )
    elif cls == "start" and c.module.endswith("runtime_logging.start"):
        yield fact("monitoring", "logging", c.loc, LABEL, "runtime_logging")
    elif cls.endswith("Agent"):
        yield from _agent(c)


def _team(c: Component) -> Iterator[Fact]:
    kw = c.keywords
    if "max_turns" in kw:
        yield from limit_fact(
            "steps", kw["max_turns"], c.keyword_loc("max_turns"), LABEL, "max_turns"
        )
    terminated = kw.get("termination_condition") is not None or (c.python and len(c.positional) > 1)
    if not terminated and "max_turns" not in kw and c.cls not in _BOUNDED_BY_DEFAULT:
        message = _NO_TERMINATION.format(cls=c.cls)
        yield default("budget", c.loc, LABEL, "termination_condition", message, "steps")


def _agent(c: Component) -> Iterator[Fact]:
    kw = c.keywords
    if "max_consecutive_auto_reply" in kw:
        key = "max_consecutive_auto_reply"
        yield from limit_fact("steps", kw[key], c.keyword_loc(key), LABEL, key)
    mode = kw.get("human_input_mode")
    if isinstance(mode, str) and mode.strip().upper() in _HUMAN_MODES:
        loc = c.keyword_loc("human_input_mode")
        yield fact("escalation", "hitl", loc, LABEL, "human_input_mode", mode)
    elif c.cls == "UserProxyAgent" and (c.agentchat or mode is None):
        # AgentChat's UserProxyAgent asks a human on its turn; AG2's does by default (ALWAYS).
        yield fact("escalation", "hitl", c.loc, LABEL, "UserProxyAgent")
    output = kw.get("output_content_type")
    if output is not None and truthy(output):
        shown = output.source if isinstance(output, NonLiteral) else str(output)
        loc = c.keyword_loc("output_content_type")
        yield fact("output", "native", loc, LABEL, "output_content_type", shown)
        # Structured messages are parsed with the model's validator, which raises.
        yield fact("output", "enforce", loc, LABEL, "output_content_type", shown)
