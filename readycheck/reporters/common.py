"""Helpers shared by the reporters: grouping findings, moving paths, cleaning text.

Reporters read messages from `report.findings` (redacted and with their final severity by
the engine), never from `ItemResult.findings` (the judges' raw findings).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path, PurePosixPath

from readycheck.model import AgentReport, Finding, Location, Report, Suppressed

SEVERITY_RANK = {"error": 0, "warning": 1, "note": 2}

# C0/C1 controls (but tab), DEL, line/paragraph separators, and the bidirectional
# overrides and isolates that can make text read differently from what it is.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SPACE = re.compile(r"[ \t\r\n]+")


def one_line(text: str) -> str:
    """`text` on one line: newlines and tabs become spaces, other controls are made
    visible as `\\uXXXX` (a control character is never passed through)."""
    text = _SPACE.sub(" ", text)
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text).strip()


_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def controls_visible(text: str) -> str:
    """Control characters (but tab, CR and LF) and bidirectional overrides as `\\uXXXX`:
    an escape sequence in a file name must not colour or rewrite a terminal or a CI log."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def join_path(base: str, path: str) -> str:
    """`path` (relative to the scanned root) prefixed with `base` (POSIX, may be '')."""
    if not base or base == ".":
        return path
    if path in ("", "."):
        return base
    return f"{base.rstrip('/')}/{path}"


def from_within(path: str, inside: str) -> str:
    """`path` (relative to the scanned root) from `inside`, a directory below that root:
    `agents/writer/SOUL.md` from `agents` is `writer/SOUL.md`, `AGENTS.md` is `../AGENTS.md`."""
    if not path:
        return path
    parts = [p for p in path.split("/") if p not in ("", ".")]
    start = [p for p in inside.split("/") if p not in ("", ".")]
    common = 0
    while common < min(len(parts), len(start)) and parts[common] == start[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + parts[common:]) or "."


def within(report: Report, inside: str, root: str) -> Report:
    """A copy of `report` whose paths are relative to `inside` (a directory below the
    scanned root, at `root`): what a user working in a subdirectory of the project opens."""
    return remap(report, lambda path: from_within(path, inside), root)


def relocate(report: Report, base: str) -> Report:
    """A copy of `report` whose paths are relative to a directory above the scanned root
    (or absolute), and whose `root` is that directory ('/' for absolute paths).

    `base` is the scanned root's path from there (e.g. 'agents/support' when the scan
    root is ./agents/support and paths should be relative to '.'), or the root's absolute
    path: what a user opens, and what tools that resolve files from the repository root
    (code scanning, annotations, CI test reports) need.
    """
    if not base or base == ".":
        return report
    moved = PurePosixPath(base)
    parents = Path(report.root).parents
    if moved.is_absolute():
        root = "/"
    elif len(moved.parts) <= len(parents):
        root = str(parents[len(moved.parts) - 1])
    else:
        root = report.root
    return remap(report, lambda path: join_path(base, path), root)


def remap(report: Report, move: Callable[[str], str], root: str | None = None) -> Report:
    """A copy of `report` with every path (files, agents, markers) passed through `move`,
    and `root` as its root (unchanged when None)."""

    def loc(location: Location) -> Location:
        return replace(location, path=move(location.path))

    def finding(f: Finding) -> Finding:
        agent = move(f.agent) if f.agent else ""
        return replace(f, location=loc(f.location), agent=agent)

    agents = [
        replace(
            agent,
            path=move(agent.path),
            markers=[move(m) for m in agent.markers],
            items=[
                replace(
                    item,
                    evidence=[loc(e) for e in item.evidence],
                    findings=[finding(f) for f in item.findings],
                )
                for item in agent.items
            ],
        )
        for agent in report.agents
    ]
    suppressed = [
        Suppressed(
            finding(s.finding),
            s.reason,
            loc(s.source) if s.source is not None else None,
            s.until,
        )
        for s in report.suppressed
    ]
    return replace(
        report,
        root=report.root if root is None else root,
        agents=agents,
        findings=[finding(f) for f in report.findings],
        suppressed=suppressed,
    )


def once_each(findings: list[Finding]) -> list[tuple[Finding, int]]:
    """Each distinct finding (location, rule, message) once, in order, with the number of
    agents it counts against: a finding in a file several agents share is one line to
    read and fix, not one per agent (the JSON and SARIF reports keep one per agent)."""
    agents: dict[tuple[Location, str, str], set[str]] = {}
    first: dict[tuple[Location, str, str], Finding] = {}
    for f in findings:
        key = (f.location, f.rule, f.message)
        first.setdefault(key, f)
        agents.setdefault(key, set()).add(f.agent)
    return [(f, len(agents[key] - {""}) or 1) for key, f in first.items()]


class FindingGroups(dict[tuple[str, str], list[Finding]]):
    """Findings by (agent path, item), with the kinds each agent has findings of."""

    def __init__(self) -> None:
        super().__init__()
        self.kinds: dict[str, set[str]] = defaultdict(set)

    def others(self, agent: AgentReport) -> list[str]:
        """Finding groups of `agent` outside its checklist items: file problems ('general')
        first, then any other kind (suppression hygiene). Looked up by agent: scanning
        every group for every agent made reports quadratic in the number of agents."""
        own = {i.item for i in agent.items}
        extra = self.kinds.get(agent.path, set()) - own
        return sorted(extra, key=lambda item: (item != "general", item))


def findings_by_item(report: Report) -> FindingGroups:
    """Report findings grouped by (agent path, item); file-level findings under 'general'."""
    groups = FindingGroups()
    for f in report.findings:
        groups.setdefault((f.agent, f.item), []).append(f)
        groups.kinds[f.agent].add(f.item)
    return groups


def rule_order(findings: list[Finding]) -> list[str]:
    """The distinct rules of `findings`, most severe first, then by ID."""
    rules: dict[str, int] = {}
    for f in findings:
        rank = SEVERITY_RANK.get(f.severity, 0)
        rules[f.rule] = min(rank, rules.get(f.rule, rank))
    return sorted(rules, key=lambda r: (rules[r], r))


def severity_counts(findings: list[Finding]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "note": 0}
    for f in findings:
        counts[f.severity] = counts.get(f.severity, 0) + 1
    return counts
