"""Why an item passed: the files an agent reads (and which it leaves out, by role) and the
facts each item credits, part by part. `check --show-files` and `explain` read the same
documents, roles and judges as `check`, so what they show is what `check` judged."""

from __future__ import annotations

import json
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from readycheck.checklist import BY_ID
from readycheck.config import Settings
from readycheck.discover import Agent, Scan
from readycheck.engine import Documents, agent_evidence, judge_items
from readycheck.model import Fact, Finding, Location, Status
from readycheck.project import Project
from readycheck.redact import redact
from readycheck.reporters.common import join_path
from readycheck.roles import COUNTED, Role

# A credited sentence is quoted up to this many characters: enough to recognise it, short
# enough that a 70-key line of a flat file does not flood the terminal.
QUOTE_LIMIT = 160


@dataclass(frozen=True, order=True)
class FileRole:
    """One file of one agent, with what it is to that agent."""

    agent: str
    path: str
    role: Role

    @property
    def counted(self) -> bool:
        return self.role in COUNTED


@dataclass(frozen=True)
class Credit:
    """A fact an item reads, for one of its parts."""

    part: str
    dimension: str  # a budget limit's dimension (steps, runtime, tokens, cost); else ''
    location: Location
    text: str  # the sentence or `key: value` it was read from, masked and cut
    matched: str  # the words or value the reader took from it, masked


@dataclass(frozen=True)
class ItemExplanation:
    item: str
    status: Status
    reason: str  # why the item is n/a
    credits: list[Credit]
    findings: list[Finding]


@dataclass(frozen=True)
class Explanation:
    agent: str
    items: list[ItemExplanation]
    files: list[FileRole]  # every file of the agent; `read` says whether the judges read it
    read: frozenset[str]


class UnknownAgent(LookupError):
    """The agent asked for is not among the agents found."""


def file_roles(scan: Scan, documents: Documents) -> list[FileRole]:
    """Every agent's files with their roles, sorted by agent root, then path."""
    return sorted(
        FileRole(agent.root, rel, role)
        for agent in scan.selected
        for rel, role in documents.roles(agent).items()
    )


def project_file_roles(projects: list[Project]) -> list[FileRole]:
    """`file_roles` of each project, paths relative to the run's anchor."""
    return sorted(
        FileRole(join_path(p.prefix, row.agent), join_path(p.prefix, row.path), row.role)
        for p in projects
        for row in file_roles(p.scan, Documents(p.scan, p.settings))
    )


def render_files(rows: list[FileRole]) -> str:
    """`agent-root  role  path`, counted roles marked with `*`."""
    if not rows:
        return ""
    roles = [row.role + ("*" if row.counted else "") for row in rows]
    agent_width = max(len(row.agent) for row in rows)
    role_width = max(len(role) for role in roles)
    return "".join(
        f"{row.agent:<{agent_width}}  {role:<{role_width}}  {row.path}\n"
        for row, role in zip(rows, roles, strict=True)
    )


def find_agent(projects: list[Project], name: str, cwd: Path) -> tuple[Project, Agent]:
    """The agent whose root is `name`, read relative to the scanned directory, to the
    project root or, failing that, to the current directory; in whichever project holds
    it (a separate project below the first one included)."""
    first = projects[0].scan
    bases = [first.root / first.targets[0], first.root, cwd]
    wanted = []
    for base in bases:
        with suppress(OSError, ValueError, RuntimeError):
            wanted.append((base / name.replace("\\", "/")).resolve())
    for target in wanted:
        for project in projects:
            for agent in project.scan.selected:
                if project.scan.root / agent.root == target:
                    return project, agent
    known = ", ".join(
        sorted(join_path(p.prefix, a.root) for p in projects for a in p.scan.selected)[:20]
    )
    raise UnknownAgent(f"no agent {name!r} under {first.root}; agents found: {known or 'none'}")


def explain(scan: Scan, settings: Settings, agent: Agent, item: str | None = None) -> Explanation:
    """Each item's status and credited facts for `agent` (or only `item`), and its files."""
    documents = Documents(scan, settings)
    roles = documents.roles(agent)
    ev = agent_evidence(agent, documents, settings)
    items: list[ItemExplanation] = []
    for result in judge_items(ev):
        if item is not None and result.item != item:
            continue
        parts = BY_ID[result.item].parts
        facts: list[Fact] = []
        if result.status != "n/a":  # an item the settings rule out reads nothing
            facts = [f for f in ev.facts if f.item == result.item]
        facts.sort(key=lambda f: (_rank(parts, f.part), f.location))
        findings = [_masked(f) for f in result.findings]
        items.append(
            ItemExplanation(
                result.item, result.status, result.reason, [_credit(f) for f in facts], findings
            )
        )
    files = sorted(FileRole(agent.root, rel, role) for rel, role in roles.items())
    return Explanation(agent.root, items, files, frozenset(ev.docs))


def render_text(explanation: Explanation) -> str:
    lines = [f"agent {explanation.agent}"]
    for entry in explanation.items:
        status = f"{entry.item}  {entry.status}"
        lines.append(status + (f"  ({redact(entry.reason)})" if entry.reason else ""))
        rows = [
            (
                _label(c),
                _where(c.location),
                f'"{c.text}"' + (f"  [{c.matched}]" if c.matched else ""),
            )
            for c in entry.credits
        ]
        rows += [(f.rule, _where(f.location), f.message) for f in entry.findings]
        if not rows and entry.status != "n/a":
            lines.append("  (nothing read for this item)")
        width = max((len(label) for label, _, _ in rows), default=0)
        lines += [f"  {label:<{width}}  {where}  {text}" for label, where, text in rows]
    for title, wanted in (("files read", True), ("files not counted", False)):
        rows_f = [f for f in explanation.files if (f.path in explanation.read) == wanted]
        lines.append(f"{title}:" if rows_f else f"{title}: none")
        width = max((len(f.role) for f in rows_f), default=0)
        lines += [f"  {f.role:<{width}}  {f.path}" for f in rows_f]
    return "\n".join(lines) + "\n"


def render_json(explanation: Explanation) -> str:
    data: dict[str, Any] = {
        "agent": explanation.agent,
        "items": [
            {
                "item": entry.item,
                "status": entry.status,
                "reason": redact(entry.reason),
                "credits": [
                    {
                        "part": c.part,
                        "dimension": c.dimension or None,
                        "path": c.location.path,
                        "line": c.location.line,
                        "text": c.text,
                        "matched": c.matched,
                    }
                    for c in entry.credits
                ],
                "findings": [
                    {
                        "rule": f.rule,
                        "message": f.message,
                        "path": f.location.path,
                        "line": f.location.line,
                    }
                    for f in entry.findings
                ],
            }
            for entry in explanation.items
        ],
        "files": [
            {"path": f.path, "role": f.role, "counted": f.path in explanation.read}
            for f in explanation.files
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _masked(finding: Finding) -> Finding:
    """The judge's finding with its message masked, as `check` prints it."""
    return Finding(finding.rule, redact(finding.message), finding.location, finding.item)


def _credit(fact: Fact) -> Credit:
    dimension = getattr(fact.value, "dimension", "")
    text = fact.text or (f"{fact.key}: {fact.value}" if fact.key else "")
    return Credit(
        fact.part,
        dimension if isinstance(dimension, str) else "",
        fact.location,
        _cut(text),
        _cut(_matched(fact.value)),
    )


def _matched(value: object) -> str:
    """What the reader took from the sentence: a phrase, or a limit as written."""
    if isinstance(value, str):
        return value
    raw = getattr(value, "raw", None)
    return raw if isinstance(raw, str) else ""


def _cut(text: str) -> str:
    # Masked before it is cut: a secret cut short no longer looks like one, and would leak.
    text = redact(" ".join(text.split()))
    return text if len(text) <= QUOTE_LIMIT else text[: QUOTE_LIMIT - 1] + "…"


def _label(credit: Credit) -> str:
    return f"{credit.part} ({credit.dimension})" if credit.dimension else credit.part


def _where(location: Location) -> str:
    return f"{location.path}:{location.line}"


def _rank(parts: tuple[str, ...], part: str) -> int:
    return parts.index(part) if part in parts else len(parts)
