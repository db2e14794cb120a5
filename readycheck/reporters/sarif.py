"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One run; `tool.driver.rules` holds every documented rule (so `ruleIndex` is stable across
runs), each result points at a repo-relative URI under `%SRCROOT%`, and
`partialFingerprints` identify a result by rule, file, agent and message, not by line, so
that an alert survives the lines above it moving. Accepted risk (`report.suppressed`) is
reported as results with `suppressions`, never dropped.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from readycheck import __version__
from readycheck.model import Finding, Location, Report, Suppressed
from readycheck.registry import Rule, all_rules
from readycheck.reporters.bounds import MAX_AGENTS_SHOWN, agents_left_out, shown_agents

SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
INFORMATION_URI = "https://pypi.org/project/agent-readycheck/"
FINGERPRINT_KEY = "readycheck/v1"
LEVELS = {"error": "error", "warning": "warning", "note": "note"}


def render(report: Report) -> str:
    return json.dumps(as_dict(report), indent=2, ensure_ascii=False) + "\n"


def as_dict(report: Report) -> dict[str, Any]:
    rules = all_rules()
    index = {rule_id: i for i, rule_id in enumerate(rules)}
    fingerprints = _Fingerprints()
    results = [_result(f, index, fingerprints) for f in report.findings]
    results += [_suppressed(s, index, fingerprints) for s in report.suppressed]
    hidden = agents_left_out(report.agents)
    notes = [*report.notes, hidden] if hidden else report.notes
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "readycheck",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [_rule(r) for r in rules.values()],
            }
        },
        "invocations": [
            {
                "executionSuccessful": True,
                "toolExecutionNotifications": [
                    {"level": "note", "message": {"text": _text(note)}} for note in notes
                ],
            }
        ],
        **_base_uri(report.root),
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {
            "ready": report.ready,
            "score": report.score,
            "agents": [
                {
                    "path": agent.path,
                    "ready": agent.ready,
                    "score": agent.score,
                    "items": {item.item: item.status for item in agent.items},
                }
                for agent in shown_agents(report.agents)
            ],
            **({"agentsNotShown": len(report.agents) - MAX_AGENTS_SHOWN} if hidden else {}),
        },
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _base_uri(root: str) -> dict[str, Any]:
    """Where `%SRCROOT%` is: the directory the result paths are relative to (the current
    directory, or the scanned root when that is outside it), so that a viewer away from
    the repository root can still open each file."""
    if not root or root == "/" or not PurePath(root).is_absolute():
        return {}
    uri = PurePath(root).as_uri().rstrip("/") + "/"
    return {"originalUriBaseIds": {"%SRCROOT%": {"uri": uri}}}


def _rule(rule: Rule) -> dict[str, Any]:
    from readycheck.docs import rule_markdown

    text = (
        f"{rule.summary}\n\nWhy is this bad?\n{rule.why}\n\nHow to fix\n{rule.fix}\n\n"
        f"Example\n{rule.example}\n"
    )
    return {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.why},
        "help": {"text": text, "markdown": rule_markdown(rule, level=2, title=False)},
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
        "properties": {
            "tags": ["readycheck", "production-readiness", rule.item],
            "precision": "high",
            "problem.severity": {"note": "recommendation"}.get(rule.severity, rule.severity),
        },
    }


def _result(finding: Finding, index: dict[str, int], fps: _Fingerprints) -> dict[str, Any]:
    result: dict[str, Any] = {"ruleId": finding.rule}
    if finding.rule in index:
        result["ruleIndex"] = index[finding.rule]
    result["level"] = LEVELS.get(finding.severity, "warning")
    result["message"] = {"text": _text(finding.message)}
    result["locations"] = [_location(finding.location)]
    result["partialFingerprints"] = {FINGERPRINT_KEY: fps.of(finding)}
    properties: dict[str, Any] = {"item": finding.item}
    if finding.agent:
        properties["agent"] = finding.agent
    result["properties"] = properties
    return result


def _suppressed(entry: Suppressed, index: dict[str, int], fps: _Fingerprints) -> dict[str, Any]:
    result = _result(entry.finding, index, fps)
    suppression: dict[str, Any] = {
        "kind": "inSource" if entry.source is not None else "external",
        "status": "accepted",
        "justification": entry.reason,
    }
    if entry.source is not None:
        suppression["location"] = _location(entry.source)
    if entry.until:
        suppression["properties"] = {"until": entry.until}
    result["suppressions"] = [suppression]
    return result


def _location(location: Location) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": uri(location.path), "uriBaseId": "%SRCROOT%"},
            "region": {
                "startLine": max(1, location.line),
                "startColumn": max(1, location.column),
            },
        }
    }


def uri(path: str) -> str:
    """A relative URI reference for a POSIX path: every character outside the unreserved
    set is percent-encoded (so ':' in the first segment cannot read as a scheme)."""
    return quote(path, safe="/")


_LINK_CHARS = re.compile(r"\\(?=[\[\]])|[\[\]]")


def _text(message: str) -> str:
    """Plain-text SARIF message: literal brackets (and a backslash before one) are escaped,
    as SARIF §3.11.6 requires, so that no text from a scanned file reads as a link."""
    return _LINK_CHARS.sub(lambda m: "\\" + m.group(), message)


_NUMBER = re.compile(r"\d+")
_WS = re.compile(r"\s+")


class _Fingerprints:
    """Stable identities: hash of rule, path, agent and normalised message (never the
    line), plus an occurrence counter for identical keys within one run."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def of(self, finding: Finding) -> str:
        message = _WS.sub(" ", finding.message).strip().lower()
        # Numbers in a message are mostly positions or counts that move with edits.
        message = _NUMBER.sub("0", message)
        key = "\0".join((finding.rule, finding.location.path, finding.agent, message))
        digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]
        count = self._seen.get(digest, 0) + 1
        self._seen[digest] = count
        return f"{digest}:{count}"
