"""3. Three-file state: the current task, a context snapshot and the outbox are persisted.

pass: all three, shown by the files existing or by instructions/code writing them (names
from the manifest's `state:` block, else current-task.json, context-snapshot.json,
outbox.json); a framework checkpointer covers task and context. partial: one or two.
fail: none. A state file that exists must be valid JSON, with an ISO-8601 `updated_at` or
`timestamp` (task, context) or a list of items (outbox); an invalid one does not count
and rules out pass.
"""

from __future__ import annotations

from readycheck.checklist.state.contract import (
    KINDS,
    is_default_name,
    is_iso8601,
    outbox_items,
    timestamp_key,
)
from readycheck.checklist.verdict import first, result
from readycheck.evidence import Evidence
from readycheck.model import Document, Finding, ItemResult, Location, Status

ITEM = "state"
_MISSING = {
    "task": ("RC302", "the current task is not persisted ({name})"),
    "context": ("RC303", "no context snapshot is persisted ({name})"),
    "outbox": ("RC304", "no outbox is persisted ({name})"),
}


def problem(kind: str, doc: Document) -> tuple[str, str, int] | None:
    """(rule, message, line) when an existing state file is invalid; None when valid."""
    if not doc.ok:
        bad = next((p for p in doc.problems if p.fatal), None)
        line = bad.line if bad else 1
        if bad and bad.rule == "RC001":
            return "RC305", f"state file is not valid JSON: {bad.message}", line
        return "RC305", f"state file cannot be read: {bad.message if bad else ''}", line
    data = doc.data
    if kind == "outbox":
        if outbox_items(data) is not None:
            return None
        return "RC307", "outbox is neither a list nor an object with a list of items", 1
    if not isinstance(data, dict):
        return "RC306", "state file is not an object with an `updated_at` timestamp", 1
    key = timestamp_key(data)
    if key is not None:
        if is_iso8601(data[key]):
            return None
        line = next((e.line for e in doc.entries if e.keys == (key,)), 1)
        return "RC306", f"`{key}` is not an ISO-8601 timestamp: {data[key]!r}", line
    return "RC306", "state file has no ISO-8601 `updated_at` or `timestamp`", 1


def judge(ev: Evidence) -> ItemResult:
    findings: list[Finding] = []
    valid: dict[str, list[Location]] = {}
    invalid: set[str] = set()
    facts = []
    for kind in KINDS:
        for fact in ev.parts(ITEM, kind):
            if fact.source == "file":
                doc = ev.docs[str(fact.value)]
                ev.claimed.add(doc.path)
                bad = problem(kind, doc)
                if bad:
                    rule, message, line = bad
                    findings.append(Finding(rule, message, Location(doc.path, line), ITEM))
                    invalid.add(kind)
                    continue
            valid.setdefault(kind, []).append(fact.location)
            facts.append(fact)
        if kind != "outbox" and ev.has(ITEM, "checkpointer"):
            checkpointer = ev.parts(ITEM, "checkpointer")
            valid.setdefault(kind, []).append(first(checkpointer).location)
            facts.extend(checkpointer)
        declared = ev.state_names[kind]
        if kind not in valid and not is_default_name(declared):
            hit = _mention(ev, declared)
            if hit:
                valid[kind] = [hit]
    # A framework store that keeps task and context in process memory only (LangGraph
    # MemorySaver, an Agents SDK SQLiteSession without a file): named where it leaves a gap.
    in_memory = [
        Finding("RC308", str(f.value), f.location, ITEM) for f in ev.parts(ITEM, "default")
    ]
    if not valid:
        if not invalid:
            findings.append(
                Finding(
                    "RC301",
                    "no state is persisted: none of current task, context snapshot and outbox",
                    ev.anchor,
                    ITEM,
                )
            )
        return result(ITEM, "fail", [], findings + in_memory)
    for kind in KINDS:
        if kind not in valid and kind not in invalid:
            rule, message = _MISSING[kind]
            findings.append(
                Finding(rule, message.format(name=ev.state_names[kind]), ev.anchor, ITEM)
            )
    status: Status = "pass" if len(valid) == 3 and not invalid else "partial"
    if "task" not in valid or "context" not in valid:
        findings.extend(in_memory)
    evidence = [min(locs) for locs in valid.values()]
    return result(ITEM, status, evidence, findings, facts)


def _mention(ev: Evidence, name: str) -> Location | None:
    """A declared state name written in any instruction or config of the agent."""
    base = name.rsplit("/", 1)[-1]
    for doc in ev.docs.values():
        for unit in doc.units:
            if base in unit.text:
                return Location(doc.path, unit.line)
        for entry in doc.entries:
            if entry.value == name or entry.value == base:
                return Location(doc.path, entry.line)
    return None
