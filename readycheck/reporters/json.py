"""The machine-readable report (schemas/report.schema.json, version 1)."""

from __future__ import annotations

import json
from typing import Any

from readycheck import __version__
from readycheck.model import Finding, Report


def as_dict(report: Report) -> dict[str, Any]:
    return {
        "version": 1,
        "tool": {"name": "readycheck", "version": __version__},
        "score": report.score,
        "ready": report.ready,
        "agents": [
            {
                "path": agent.path,
                "score": agent.score,
                "ready": agent.ready,
                "frameworks": agent.frameworks,
                "markers": agent.markers,
                "items": [
                    {
                        "id": item.item,
                        "status": item.status,
                        "evidence": [{"path": e.path, "line": e.line} for e in item.evidence],
                        "findings": sorted({f.rule for f in item.findings}),
                        **({"native_keys": item.native_keys} if item.native_keys else {}),
                        **({"reason": item.reason} if item.status == "n/a" else {}),
                    }
                    for item in agent.items
                ],
            }
            for agent in report.agents
        ],
        "findings": [_finding(f) for f in report.findings],
        "notes": report.notes,
        # Accepted risk: findings an inline suppression or the baseline took out of the gate.
        "suppressed": [
            {
                **_finding(s.finding),
                "reason": s.reason,
                "kind": "baseline" if s.source is None else "inline",
                **(
                    {"suppressed_at": {"path": s.source.path, "line": s.source.line}}
                    if s.source
                    else {}
                ),
                **({"until": s.until} if s.until else {}),
            }
            for s in report.suppressed
        ],
    }


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "item": f.item,
        "severity": f.severity,
        "agent": f.agent,
        "path": f.location.path,
        "line": f.location.line,
        "column": f.location.column,
        "message": f.message,
    }


def render(report: Report) -> str:
    return json.dumps(as_dict(report), indent=2, ensure_ascii=False) + "\n"
