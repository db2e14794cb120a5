"""The pipeline: discover -> parse once -> extract facts -> judge items -> score."""

from __future__ import annotations

import math
import posixpath
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

from readycheck import cache, scoring
from readycheck.baseline import Baseline
from readycheck.bounds import read_head
from readycheck.checklist import ITEMS
from readycheck.checklist.state import contract as state_contract
from readycheck.config import Settings, load_settings
from readycheck.dialects import document_facts
from readycheck.dialects.files import file_facts
from readycheck.discover import Agent, Scan, discover, within
from readycheck.evidence import Evidence
from readycheck.frameworks.extract import document_frameworks
from readycheck.frameworks.registry import FRAMEWORK_OF_FILE, FRAMEWORK_OF_IMPORT, REGISTRY
from readycheck.model import (
    AgentReport,
    Document,
    Fact,
    Finding,
    ItemResult,
    Location,
    Problem,
    Report,
)
from readycheck.parsers import RAW, read_document
from readycheck.policy import apply_policy
from readycheck.prefetch import Prefetched, Task
from readycheck.project import Project
from readycheck.redact import redact
from readycheck.registry import all_rules
from readycheck.reporters.common import join_path, relocate, remap
from readycheck.roles import COUNTED, Role, pointers, role_of


class Documents:
    """Each file parsed once per run, and its facts extracted once; none read after the
    `deadline` (a time.monotonic() instant), whose files are `unread`."""

    def __init__(self, scan: Scan, settings: Settings, deadline: float = math.inf) -> None:
        self._scan = scan
        self._settings = settings
        self._deadline = deadline
        self.unread: set[str] = set()
        self._docs: dict[str, Document] = {}
        self._facts: dict[str, list[Fact]] = {}
        self._pointed: dict[str, frozenset[str]] = {}
        self._own_roles: dict[str, dict[str, Role]] = {}
        self._roots: frozenset[str] | None = None

    def get(self, rel: str) -> Document:
        doc = self._docs.get(rel)
        if doc is None:
            if self._late():
                self.unread.add(rel)  # unparsed to the judges; one RC007 per agent says why
                return Document(rel, self._scan.kinds[rel], problems=[_UNREAD])
            doc = read_document(
                self._scan.files[rel], rel, self._scan.kinds[rel], self._settings.read_limits
            )
            self._docs[rel] = doc
        return doc

    def facts(self, rel: str) -> list[Fact]:
        facts = self._facts.get(rel)
        if facts is None:
            facts = list(document_facts(self.get(rel)))
            self._facts[rel] = facts
        return facts

    def text(self, rel: str) -> str:
        """The file's text, read within the bounds but not parsed ('' when unreadable, or
        after the deadline)."""
        doc = self._docs.get(rel)
        if doc is None:
            if self._late():
                return ""
            doc = read_document(self._scan.files[rel], rel, RAW, self._settings.read_limits)
        return doc.text

    def _late(self) -> bool:
        if time.monotonic() < self._deadline:
            return False
        cache.cut_short()
        return True

    def parsed(self) -> dict[str, Document]:
        return self._docs

    def files(self) -> dict[str, Path]:
        return self._scan.files

    def roles(self, agent: Agent) -> dict[str, Role]:
        """Each file of the agent with its role (see `roles`): what it is to this agent,
        from its place under the agent's root; documentation a counted file names by
        path is `referenced`."""
        roles = dict(self.own_roles(agent))
        pointable = {r for r, role in roles.items() if role in ("documentation", "other")}
        for rel, role in list(roles.items()):
            if role in _POINTER_SOURCES:
                targets = self._pointers(rel)
                for target in targets & pointable:
                    roles[target] = "referenced"
                if role in ("instruction", "config"):
                    # "Read `shared/STANDARDS.md` first": a file outside the agent that its
                    # instructions point to is theirs too.
                    for target in targets - roles.keys():
                        if self._shareable(agent, target):
                            roles[target] = "referenced"
        return roles

    def own_roles(self, agent: Agent) -> dict[str, Role]:
        """Each file's role from its name, place and head alone (before pointers; once
        per agent: the pool, the pointers and the judges all ask)."""
        known = self._own_roles.get(agent.root)
        if known is None:
            known = self._own_roles[agent.root] = self._roles_by_name(agent)
        return known

    def _roles_by_name(self, agent: Agent) -> dict[str, Role]:
        prefix = "" if agent.root == "." else agent.root + "/"
        roles: dict[str, Role] = {}
        for rel in agent.files:
            inside = rel[len(prefix) :] if rel.startswith(prefix) else rel.rsplit("/", 1)[-1]
            kind = self._scan.kinds[rel]
            role = role_of(inside, kind)
            if role in COUNTED and kind in ("json", "markdown", "text"):
                role = role_of(inside, kind, self._head(rel))  # readycheck's own outputs
            roles[rel] = role
        return roles

    def prefetch(self, jobs: int) -> None:
        """Parse and extract, in `jobs` processes, the files every run parses anyway: the
        agents' own counted files and the files those point to, in one wave (a second pool
        for the pointed files cost 0.1-0.3 s): the pointers are read from the files' text,
        which needs no parse."""
        from readycheck import prefetch as pool  # a process pool only for large runs

        agents = self._scan.selected  # the agents judged, not the whole tree
        for agent in agents:
            for rel, role in self.own_roles(agent).items():
                # Read as text here, parsed in a worker: a pointer needs no parse.
                if role in _POINTER_SOURCES and rel not in self._pointed and not self._late():
                    self._pointed[rel] = self._pointers_in(rel, self.text(rel))
        counted = (
            rel for agent in agents for rel, role in self.roles(agent).items() if role in COUNTED
        )
        self._take(pool.prefetch(self._tasks(counted), jobs, self._deadline - time.monotonic()))

    def _tasks(self, rels: Iterable[str]) -> list[Task]:
        limits = self._settings.read_limits
        return [(self._scan.files[r], r, self._scan.kinds[r], limits) for r in sorted(set(rels))]

    def _take(self, prefetched: dict[str, Prefetched]) -> None:
        for rel, (doc, facts) in prefetched.items():
            self._docs[rel] = doc
            self._facts[rel] = facts

    def _shareable(self, agent: Agent, rel: str) -> bool:
        """Whether `rel`, outside the agent, may be its evidence when pointed to: a policy
        or config file (not documentation) under no agent, or under an agent containing
        this one (`operator/shared/STANDARDS.md` for `operator/agents/red`), never in
        another agent's own subtree."""
        kind = self._scan.kinds.get(rel)
        if kind not in _POINTABLE_KINDS or role_of(rel, kind) not in _SHAREABLE:
            return False
        owner = self._owner_root(rel)
        return owner in ("", ".") or within(agent.root, owner)

    def _owner_root(self, rel: str) -> str:
        """The deepest agent root containing `rel` ("" when none does)."""
        if self._roots is None:
            self._roots = frozenset(a.root for a in self._scan.agents)
        parts = rel.split("/")
        for depth in range(len(parts) - 1, 0, -1):
            folder = "/".join(parts[:depth])
            if folder in self._roots:
                return folder
        return "." if "." in self._roots else ""

    def _pointers(self, rel: str) -> frozenset[str]:
        """The paths a file names (once per run: an ancestor file serves many agents)."""
        found = self._pointed.get(rel)
        if found is None:
            found = self._pointed[rel] = self._pointers_in(rel, self.get(rel).text)
        return found

    @staticmethod
    def _pointers_in(rel: str, text: str) -> frozenset[str]:
        return pointers(text, rel.rsplit("/", 1)[0] if "/" in rel else "")

    def _head(self, rel: str) -> str:
        if self._late():
            return ""
        try:
            return read_head(self._scan.files[rel], 600).decode("utf-8", "replace")
        except OSError:
            return ""


_UNREAD = Problem("RC007", "not read: the run's deadline had passed")


NO_AGENT = (
    "no agent found: no SOUL.md, HEARTBEAT.md, BOOT.md, openclaw.json, "
    "readycheck.yaml/agent.yaml manifest, CrewAI config/agents.yaml or "
    "crew.jsonc, or langgraph.json (declare others under `agents:`)"
)


def check_directory(path: Path) -> Report:
    """What `readycheck check PATH` judges, with paths relative to PATH (a file above it
    is `../budget.yaml`): for commands that work inside one agent's directory (init)."""
    from readycheck import project

    projects = project.load([path], load_settings)
    target = projects[0].scan.targets[0]
    report = check_projects(projects)
    if target == ".":
        return report
    return remap(report, lambda rel: posixpath.relpath(rel, target) if rel else rel)


def check_projects(
    projects: list[Project], baseline: Baseline | None = None, today: date | None = None
) -> Report:
    """Check each project on its own (its settings, its policy), then put the reports
    together, paths relative to the run's anchor (see `project.load`). The first
    project's settings decide the run's gates (`fail-on`, `fail-under`)."""
    reports = [
        relocate(
            check(
                p.root,
                p.settings,
                p.scan,
                baseline,
                today,
                baseline_notes=False,
                started=p.started,
            ),
            p.prefix,
        )
        for p in projects
    ]
    report, *others = reports
    for inner in others:
        report.agents.extend(inner.agents)
        report.findings.extend(inner.findings)
        report.suppressed.extend(inner.suppressed)
        report.notes.extend(inner.notes)
    if others:
        # One project without agents is no news when the run found some elsewhere.
        notes = [n for n in report.notes if n != NO_AGENT]
        report.notes = notes if report.agents else [NO_AGENT, *notes]
        report.findings.sort(key=lambda f: (f.location, f.rule, f.message))
        report.agents.sort(key=lambda a: a.path)
        agents = report.agents
        report.score = round(sum(a.score for a in agents) / len(agents), 1) if agents else 0.0
        report.ready = all(a.ready for a in agents)
    if baseline is not None:
        targets = tuple(join_path(p.prefix, t) for p in projects for t in p.scan.targets)
        report.notes.extend(redact(n) for n in baseline.gone(Path(report.root), targets))
    return report


def documents_of(projects: list[Project], paths: list[str]) -> dict[str, Document]:
    """The documents at `paths` (relative to the first project's root), each parsed by
    its own project."""
    documents = [(p.prefix, Documents(p.scan, p.settings)) for p in projects]
    found: dict[str, Document] = {}
    for path in paths:
        for prefix, docs in sorted(documents, key=lambda d: len(d[0]), reverse=True):
            local = path.removeprefix(prefix + "/") if prefix else path
            if (not prefix or path.startswith(prefix + "/")) and local in docs.files():
                found[path] = docs.get(local)
                break
    return found


def check(
    root: Path,
    settings: Settings | None = None,
    scan: Scan | None = None,
    baseline: Baseline | None = None,
    today: date | None = None,
    *,
    baseline_notes: bool = True,
    started: float | None = None,
) -> Report:
    """Check the agents of the project at `root` that the `scan`'s paths ask for, then
    apply the policy (selection, suppressions, baseline). A `scan` already made for these
    settings is reused. With `settings.jobs` > 1 a large run parses its files in that many
    processes (same report). No file is read after `settings.deadline_seconds` from
    `started` (default: now)."""
    started = time.monotonic() if started is None else started
    root = root.resolve()
    cache.exclude(root)  # the judges remember verdicts; never inside the scanned tree
    settings = settings or load_settings(root)
    scan = scan or discover(root, settings)
    documents = Documents(scan, settings, started + settings.deadline_seconds)
    if settings.jobs > 1:
        documents.prefetch(settings.jobs)
    findings: list[Finding] = []
    claimed: set[str] = set()
    agents: list[AgentReport] = []
    for agent in scan.selected:
        agent_report, agent_findings, agent_claims = _judge_agent(agent, documents, settings)
        agents.append(agent_report)
        findings.extend(agent_findings)
        claimed |= agent_claims
    findings.extend(_unread(scan.selected, documents.unread, settings.deadline_seconds))

    owners = _owners(scan.agents)
    for rel, doc in documents.parsed().items():
        for problem in doc.problems:
            if rel in claimed and problem.rule == "RC001":
                continue  # the item that reads this file reports it in its own terms
            findings.append(
                Finding(
                    problem.rule,
                    problem.message,
                    Location(rel, problem.line, problem.column),
                    "general",
                    agent=owners.get(rel, ""),
                )
            )
    for rel, problem in scan.problems:
        if not scan.concerns(rel):
            continue  # a problem in a part of the tree no path asked for
        findings.append(
            Finding(
                problem.rule,
                problem.message,
                Location(rel, problem.line),
                "general",
                agent=owners.get(rel, ""),
            )
        )
    notes = _undeclared(scan, documents, findings)
    if not scan.selected:
        notes.insert(0, NO_AGENT)

    findings = sorted(_finalise(findings), key=lambda f: (f.location, f.rule, f.message))
    report = Report(str(root), agents, findings, notes)
    report.score = round(sum(a.score for a in agents) / len(agents), 1) if agents else 0.0
    apply_policy(report, settings, documents.parsed(), baseline, today)
    if baseline is not None and baseline_notes:
        report.notes.extend(redact(note) for note in baseline.gone(root, scan.targets))
    return report


def _judge_agent(
    agent: Agent, documents: Documents, settings: Settings
) -> tuple[AgentReport, list[Finding], set[str]]:
    ev = agent_evidence(agent, documents, settings)
    items = judge_items(ev)
    findings = [replace(f, agent=agent.root) for i in items for f in i.findings]
    report = AgentReport(
        agent.root,
        agent.markers,
        ev.frameworks,
        items,
        scoring.score(items, settings),
        scoring.ready(items, settings),
    )
    return report, findings, ev.claimed


def agent_evidence(agent: Agent, documents: Documents, settings: Settings) -> Evidence:
    """What the judges read for one agent: its counted files (and the state files its
    manifest names, whatever their role), their facts and the agent's frameworks."""
    counted = [rel for rel, role in documents.roles(agent).items() if role in COUNTED]
    docs = {rel: documents.get(rel) for rel in counted}
    facts = [fact for rel in counted for fact in documents.facts(rel)]
    state_names = _state_names(facts)
    # The manifest's own state files are state, whatever their names say otherwise.
    declared = {name.rsplit("/", 1)[-1] for name in state_names.values()}
    for rel in agent.files:
        if rel not in docs and rel.rsplit("/", 1)[-1] in declared:
            docs[rel] = documents.get(rel)
    facts.extend(file_facts(docs.values(), state_names))
    return Evidence(agent, docs, facts, settings, state_names, _frameworks(agent, docs))


def judge_items(ev: Evidence) -> list[ItemResult]:
    """Each item's status and findings, in checklist order; `n/a` where the settings say so."""
    items: list[ItemResult] = []
    reasons = ev.settings.not_applicable_for(ev.agent.root)
    for spec in ITEMS:
        if spec.id in reasons:
            items.append(ItemResult(spec.id, "n/a", reason=reasons[spec.id]))
            continue
        items.append(spec.judge(ev))
    return items


def _state_names(facts: list[Fact]) -> dict[str, str]:
    """State file names: the manifest's `state:` block, else the contract's defaults."""
    declared = [
        (fact.key, fact.value) for fact in facts if fact.item == "state" and fact.part == "declared"
    ]
    return {**state_contract.DEFAULT_NAMES, **state_contract.declared_paths(declared)}


def _frameworks(agent: Agent, docs: dict[str, Document]) -> list[str]:
    found = set()
    for doc in docs.values():
        if doc.name in FRAMEWORK_OF_FILE:
            found.add(FRAMEWORK_OF_FILE[doc.name])
        for module in doc.imports.values():
            top = module.split(".")[0]
            if top in FRAMEWORK_OF_IMPORT:
                found.add(FRAMEWORK_OF_IMPORT[top])
        if doc.kind == "json":  # e.g. an AutoGen Studio team export
            found |= document_frameworks(doc)
    # An agent found by a framework's marker is that framework's: CrewAI's agents.yaml names
    # no framework by itself, but config/agents.yaml marking the root does.
    marked_by = {m.rsplit("/", 1)[-1] for m in agent.markers}
    found |= {f.id for f in REGISTRY if marked_by & {m.rsplit("/", 1)[-1] for m in f.markers}}
    return sorted(found)


def _owners(agents: list[Agent]) -> dict[str, str]:
    """The agent a file belongs to: the deepest agent root that contains it."""
    owners: dict[str, str] = {}
    for agent in sorted(agents, key=lambda a: a.root.count("/") + (a.root != ".")):
        prefix = "" if agent.root == "." else agent.root + "/"
        for rel in agent.files:
            if rel.startswith(prefix):
                owners[rel] = agent.root
    return owners


# Roles a shared file outside the agent may have when an instruction points to it: shared
# standards and policies, not the project's documentation (a quick-start guide the root
# SKILL.md names for the person installing it).
_SHAREABLE = frozenset({"other", "instruction", "config"})
_POINTABLE_KINDS = frozenset({"markdown", "text", "yaml", "json"})
# The roles whose files can point to others ("follow docs/escalation.md").
_POINTER_SOURCES = frozenset({"instruction", "config", "script", "code"})

_IMPORT = re.compile(
    rf"^\s*(?:from|import)\s+({'|'.join(map(re.escape, FRAMEWORK_OF_IMPORT))})\b", re.MULTILINE
)


def _undeclared(scan: Scan, documents: Documents, findings: list[Finding]) -> list[str]:
    """Framework code in a directory with no agent marker: say so, do not score it."""
    notes: list[str] = []
    seen: set[str] = set()
    for rel in scan.unowned:
        if scan.kinds[rel] != "python" or not scan.targeted(rel):
            continue
        directory = rel.rsplit("/", 1)[0] if "/" in rel else "."
        if directory in seen:
            continue
        # Only its imports matter: a file no agent reads is searched, not parsed (and
        # its syntax is not readycheck's business) unless it holds a finding.
        text = documents.text(rel)
        m = _IMPORT.search(text)
        if not m:
            continue
        seen.add(directory)
        documents.get(rel)  # the file of a finding is read whole: its suppressions apply
        framework = FRAMEWORK_OF_IMPORT[m.group(1)]
        findings.append(
            Finding(
                "RC006",
                f"{framework} code in {directory!r} but no agent marker there: declare it "
                "under `agents:` in the project config to have it scored",
                Location(rel, text.count("\n", 0, m.start()) + 1),
                "general",
            )
        )
        notes.append(
            f"{framework} code found in {directory} with no agent marker "
            "(not scored; declare it under `agents:`)"
        )
    return notes


def _unread(agents: list[Agent], unread: set[str], deadline: float) -> Iterator[Finding]:
    """RC007 for each agent with files left unread by the run's deadline, at the first."""
    if not unread:
        return
    for agent in agents:
        missed = sorted(unread.intersection(agent.files))
        if missed:
            count = f"{len(missed):,} of its files " + ("was" if len(missed) == 1 else "were")
            yield Finding(
                "RC007",
                f"the run's deadline ({deadline:g} s) passed: {count} not read, so this "
                "agent's checklist is incomplete and it is not ready",
                Location(missed[0], 1),
                "general",
                agent=agent.root,
            )


def _finalise(findings: list[Finding]) -> list[Finding]:
    """Apply rule severities and mask secrets; drop exact duplicates."""
    rules = all_rules()
    out: dict[tuple[object, ...], Finding] = {}
    for f in findings:
        severity = rules[f.rule].severity if f.rule in rules else "error"
        final = replace(f, message=redact(f.message), severity=severity)  # type: ignore[arg-type]
        out.setdefault((final.rule, final.location, final.message, final.agent), final)
    return list(out.values())
