"""7. Monitoring: when things go wrong, a human is told.

pass: an alert route to a human (chat, pager, e-mail, webhook, dead-man's switch...) with a
condition (failure, missed heartbeat, dead-letter growth, error rate). partial: logging or
tracing only, or a route with no condition. fail: nothing. A switched-off route is no route.
"""

from __future__ import annotations

from readycheck.checklist.verdict import first, result
from readycheck.evidence import Evidence
from readycheck.model import Finding, ItemResult

ITEM = "monitoring"


def judge(ev: Evidence) -> ItemResult:
    alerts, routes, logging, disabled = (
        ev.parts(ITEM, p) for p in ("alert", "route", "logging", "disabled")
    )
    findings = [
        Finding(
            "RC704",
            "alert route is switched off (enabled: false / target: none): it tells no one",
            f.location,
            ITEM,
        )
        for f in disabled
    ]
    rules = ev.parts(ITEM, "alert_rule")
    if rules and routes:  # Prometheus alert rules delivered through Alertmanager receivers
        alerts = alerts + rules
    if alerts:
        return result(ITEM, "pass", [first(alerts).location], findings, alerts)
    # A framework default that delivers alerts to no one (OpenClaw's heartbeat target).
    findings += [
        Finding("RC705", str(d.value), d.location, ITEM) for d in ev.parts(ITEM, "default")
    ]
    if routes:
        findings.append(
            Finding(
                "RC703",
                "alert channel has no condition: say when it fires "
                "(on failure, missed heartbeat, dead-letter growth)",
                first(routes).location,
                ITEM,
            )
        )
        return result(ITEM, "partial", [first(routes).location], findings, routes)
    if logging:
        findings.append(
            Finding(
                "RC702",
                "logging or tracing only: nothing alerts a human when the agent fails",
                first(logging).location,
                ITEM,
            )
        )
        return result(ITEM, "partial", [first(logging).location], findings, logging)
    if not disabled:
        findings.append(
            Finding(
                "RC701",
                "no monitoring: nothing alerts a human when the agent fails or goes silent",
                ev.anchor,
                ITEM,
            )
        )
    return result(ITEM, "fail", [], findings)
