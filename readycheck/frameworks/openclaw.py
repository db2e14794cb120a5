"""OpenClaw (formerly Clawdbot / Moltbot): `openclaw.json`, JSON5 with comments.

The workspace Markdown (`SOUL.md`, `AGENTS.md` with its "Session Startup" and "Red Lines"
sections, `BOOT.md`, `HEARTBEAT.md`) is read as prose like any instructions. This module
reads the gateway config natively, per agent scope (`agents.defaults`, `agents.list[]`,
`agents.entries.*`, the legacy `agent`):

- `timeoutSeconds`: the agent run's runtime limit;
- `subagents.runTimeoutSeconds`: 0 (the default) means subagents run without a timeout;
- `tools.loopDetection`: off by default, which leaves nothing to stop a tool loop before
  the run timeout; enabled, it stops runs that make no progress, which is a guard, not a
  step limit (a run that keeps "progressing" is not capped by it);
- `heartbeat.every` / `target` / `to`: a heartbeat whose target is not `none` is an alert
  route with a condition (the heartbeat checklist, a missed heartbeat); current releases
  default the target to `none`;
- `cron.failureAlert` (off by default) and `cron.failureDestination`: alerts on failed runs;
  `cron.retry.maxAttempts`: a retry bound;
- `logging.file`, `diagnostics.otel`: logging only.

Every other key is OpenClaw's own business (channels, models, gateway auth...), and the
secrets among them are never carried into a fact.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from readycheck.frameworks.common import (
    Entries,
    default,
    dotted,
    fact,
    limit_fact,
    native_limit,
)
from readycheck.frameworks.registry import FRAMEWORKS
from readycheck.model import Document, Fact

SPEC = FRAMEWORKS["openclaw"]
LABEL = SPEC.id
_OFF_EVERY = {"0", "0m", "0s", "0h", "0ms"}

Keys = tuple[str | int, ...]


def detect(doc: Document) -> bool:
    return doc.name in SPEC.config_names and isinstance(doc.data, dict)


def native(doc: Document) -> bool:
    return detect(doc)


def facts(doc: Document) -> Iterator[Fact]:
    data: dict[str, Any] = doc.data
    at = Entries(doc)
    scopes = list(_scopes(data))
    cron: dict[str, Any] = data["cron"] if isinstance(data.get("cron"), dict) else {}
    cron_off = cron.get("enabled") is False

    for keys, scope in scopes:
        if "timeoutSeconds" in scope:
            where = (*keys, "timeoutSeconds")
            yield from limit_fact(
                "runtime",
                scope["timeoutSeconds"],
                at.loc(where),
                LABEL,
                dotted(where),
                "timeoutSeconds",
            )
        yield from _subagents(keys, scope, at)

    yield from _loop_detection(data, scopes, at)
    yield from _heartbeats(data, scopes, at, cron_off)
    yield from _cron(cron, at)
    yield from _logging(data, at)


def _scopes(data: dict[str, Any]) -> Iterator[tuple[Keys, dict[str, Any]]]:
    """Each mapping that configures an agent run."""
    agents = data.get("agents")
    if isinstance(agents, dict):
        if isinstance(agents.get("defaults"), dict):
            yield ("agents", "defaults"), agents["defaults"]
        if isinstance(agents.get("list"), list):
            for i, item in enumerate(agents["list"]):
                if isinstance(item, dict):
                    yield ("agents", "list", i), item
        if isinstance(agents.get("entries"), dict):
            for name, item in agents["entries"].items():
                if isinstance(item, dict):
                    yield ("agents", "entries", str(name)), item
    if isinstance(data.get("agent"), dict):  # the single-agent config of early releases
        yield ("agent",), data["agent"]


def _subagents(keys: Keys, scope: dict[str, Any], at: Entries) -> Iterator[Fact]:
    sub = scope.get("subagents")
    if not isinstance(sub, dict):
        return
    where = (*keys, "subagents", "runTimeoutSeconds")
    if "runTimeoutSeconds" not in sub:
        yield default(
            "budget",
            at.loc((*keys, "subagents")),
            LABEL,
            dotted(where),
            f"{dotted(where)} is not set: OpenClaw's default is 0, no timeout, so a spawned "
            "subagent can run forever",
        )
        return
    limit = native_limit("runtime", sub["runTimeoutSeconds"], "runTimeoutSeconds")
    if limit is not None and not limit.finite:  # 0 means "no timeout": its own finding
        yield fact(
            "budget",
            "limit",
            at.loc(where),
            LABEL,
            dotted(where),
            limit,
            f"{dotted(where)}: {sub['runTimeoutSeconds']}",
        )


def _loop_detection(
    data: dict[str, Any], scopes: list[tuple[Keys, dict[str, Any]]], at: Entries
) -> Iterator[Fact]:
    found: list[tuple[Keys, dict[str, Any]]] = []
    tools = data.get("tools")
    if isinstance(tools, dict) and isinstance(tools.get("loopDetection"), dict):
        found.append((("tools", "loopDetection"), tools["loopDetection"]))
    for keys, scope in scopes:
        scoped = scope.get("tools")
        if isinstance(scoped, dict) and isinstance(scoped.get("loopDetection"), dict):
            found.append(((*keys, "tools", "loopDetection"), scoped["loopDetection"]))
    if not found:
        yield default(
            "budget",
            at.loc(("tools",)) if "tools" in data else at.loc(()),
            LABEL,
            "tools.loopDetection",
            "tools.loopDetection is not set: OpenClaw's tool-loop detection is off by "
            "default, so nothing stops a looping run before its timeout",
            "steps",
        )
        return
    # Enabled, it is a guard against no-progress loops, not a cap on steps: a run that
    # keeps making "progress" is not stopped by it, so it satisfies no budget dimension.
    for keys, loop in found:
        if loop.get("enabled") is not True:
            yield default(
                "budget",
                at.loc((*keys, "enabled")),
                LABEL,
                dotted(keys),
                f"{dotted(keys)} is not enabled (OpenClaw's default is off), so nothing stops "
                "a looping run before its timeout",
                "steps",
            )


def _heartbeats(
    data: dict[str, Any],
    scopes: list[tuple[Keys, dict[str, Any]]],
    at: Entries,
    cron_off: bool,
) -> Iterator[Fact]:
    beats: list[tuple[Keys, dict[str, Any]]] = [
        ((*keys, "heartbeat"), scope["heartbeat"])
        for keys, scope in scopes
        if isinstance(scope.get("heartbeat"), dict)
    ]
    if isinstance(data.get("heartbeat"), dict):
        beats.append((("heartbeat",), data["heartbeat"]))
    if not beats:
        yield default(
            "monitoring",
            at.loc(("agents",)) if "agents" in data else at.loc(()),
            LABEL,
            "heartbeat.target",
            "no heartbeat is configured: OpenClaw's default heartbeat target is `none`, so "
            "heartbeat results reach no one",
        )
        return
    for keys, beat in beats:
        every = beat.get("every")
        if every is not None and str(every).strip().lower() in _OFF_EVERY:
            where = (*keys, "every")
            yield fact("monitoring", "disabled", at.loc(where), LABEL, dotted(where), every)
            continue
        if "target" not in beat:
            yield default(
                "monitoring",
                at.loc(keys),
                LABEL,
                f"{dotted(keys)}.target",
                f"{dotted(keys)}.target is not set: OpenClaw's default heartbeat target is "
                "`none`, so heartbeat results reach no one",
            )
            continue
        target = beat["target"]
        where = (*keys, "target")
        if target is None or str(target).strip().lower() in ("none", "off", ""):
            yield fact("monitoring", "disabled", at.loc(where), LABEL, dotted(where), target)
        elif cron_off:  # scheduled heartbeats need the cron scheduler
            yield fact("monitoring", "disabled", at.loc(("cron", "enabled")), LABEL, "cron.enabled")
        else:
            text = f"{dotted(where)}: {target} (alerts on what HEARTBEAT.md checks)"
            yield fact("monitoring", "alert", at.loc(where), LABEL, dotted(where), target, text)


def _cron(cron: dict[str, Any], at: Entries) -> Iterator[Fact]:
    alert = cron.get("failureAlert")
    alert_off = False
    where: Keys
    if isinstance(alert, dict):
        where = ("cron", "failureAlert")
        enabled = alert.get("enabled")
        if enabled is True:
            after = alert.get("after")
            text = "cron.failureAlert" + (f": after {after} consecutive failures" if after else "")
            yield fact("monitoring", "alert", at.loc(where), LABEL, "cron.failureAlert", None, text)
        elif enabled is False:
            alert_off = True
            loc = at.loc((*where, "enabled"))
            yield fact("monitoring", "disabled", loc, LABEL, "cron.failureAlert.enabled")
        else:
            yield default(
                "monitoring",
                at.loc(where),
                LABEL,
                "cron.failureAlert.enabled",
                "cron.failureAlert.enabled is not set: OpenClaw's default is false, so a "
                "failing cron run alerts no one",
            )
    destination = cron.get("failureDestination")
    if (
        isinstance(destination, dict)
        and not alert_off
        and (destination.get("to") or destination.get("channel"))
    ):
        where = ("cron", "failureDestination")
        text = "cron.failureDestination: failure notifications"
        yield fact(
            "monitoring", "alert", at.loc(where), LABEL, "cron.failureDestination", None, text
        )
    retry = cron.get("retry")
    if isinstance(retry, dict) and "maxAttempts" in retry:
        where = ("cron", "retry", "maxAttempts")
        attempts = retry["maxAttempts"]
        part = (
            "retry_bound"
            if isinstance(attempts, int) and not isinstance(attempts, bool) and attempts >= 0
            else "unbounded"
        )
        yield fact("dlq", part, at.loc(where), LABEL, dotted(where), attempts)


def _logging(data: dict[str, Any], at: Entries) -> Iterator[Fact]:
    logging = data.get("logging")
    if isinstance(logging, dict) and logging.get("file"):
        yield fact("monitoring", "logging", at.loc(("logging", "file")), LABEL, "logging.file")
    diagnostics = data.get("diagnostics")
    otel = diagnostics.get("otel") if isinstance(diagnostics, dict) else None
    if isinstance(otel, dict) and otel.get("enabled") is True:
        where = ("diagnostics", "otel")
        yield fact("monitoring", "logging", at.loc(where), LABEL, "diagnostics.otel")
