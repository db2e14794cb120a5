"""`readycheck init`'s planner: for each selected item that does not pass, what to add.

Which pieces an item needs is read from its findings (by rule name); what init cannot do
is listed for a human. Planning reads, never writes (see applying.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from readycheck.checklist import ITEM_IDS as ITEMS
from readycheck.checklist.state.contract import DEFAULT_NAMES, STATE_DIR, default_places
from readycheck.commands.preflight import MANIFEST_NAMES, read_manifest
from readycheck.commands.scaffold.manifest import ManifestEdit
from readycheck.commands.scaffold.markdown import (
    heading_level,
    section_end,
    unclosed_fence,
    wrap,
    wrap_width,
)
from readycheck.commands.scaffold.native import native_note
from readycheck.commands.scaffold.paths import inside, join_path, parent_dir
from readycheck.commands.scaffold.plans import (
    Change,
    InitError,
    Plan,
    finding_line,
    read_text,
)
from readycheck.model import AgentReport, Finding, ItemResult, Report

SCHEMA_PATH = "schemas/output.schema.json"
DEAD_LETTER_NAME = "failed-tasks.json"
# Instruction files an escalation rule can be written into, most likely first.
INSTRUCTION_FILES = (
    "SOUL.md",
    "AGENTS.md",
    "INSTRUCTIONS.md",
    "instructions.md",
    "SYSTEM_PROMPT.md",
    "system_prompt.md",
    "system-prompt.md",
    "prompt.md",
    "CLAUDE.md",
)
ALERT_PLACEHOLDER = "<fill in: alert channel>"
OWNER_PLACEHOLDER = "<fill in: outbox owner>"
# Limits only a human can choose: init writes these, never a number of its own, so that
# an item does not pass on a value nobody decided.
LIMIT_PLACEHOLDERS = {
    "max_steps": "<fill in: most steps per run>",
    "max_runtime": "<fill in: longest run, as a duration>",
    "max_tokens": "<fill in: most tokens per run>",
    "max_age": "<fill in: oldest task state to act on, as a duration>",
    "max_retries": "<fill in: most retries of a failing task>",
}
# A default state file named by path in the agent's text: `state/outbox.json`.
_STATE_MENTION = re.compile(
    r"(?<![\w./-])((?:\./)?(?:[\w.-]+/)*)("
    + "|".join(re.escape(name) for name in DEFAULT_NAMES.values())
    + r")\b"
)


def parse_items(text: str | None) -> tuple[str, ...]:
    """`budget,dlq` -> ('budget', 'dlq') in checklist order; all items when the option is
    not given or is `all`; ValueError for unknown items and for none (`--items ''`)."""
    if text is None or text.strip() == "all":
        return ITEMS
    wanted = {w.strip().lower() for w in text.split(",") if w.strip()}
    if not wanted:
        raise ValueError(f"no item given; choose from {', '.join(ITEMS)} or all")
    unknown = sorted(wanted - set(ITEMS))
    if unknown:
        raise ValueError(f"unknown item(s) {', '.join(unknown)}; choose from {', '.join(ITEMS)}")
    return tuple(item for item in ITEMS if item in wanted)


class Planner:
    def __init__(self, agent: Path, agent_report: AgentReport | None, now: datetime) -> None:
        from readycheck.registry import all_rules

        self.agent = agent
        self.report = agent_report
        self.now = now
        self.rules = all_rules()
        self.changes: dict[str, Change] = {}
        self.manual: list[str] = []  # findings init does not fix
        self.notes: list[str] = []  # what init could not write, and why
        self.placeholders: dict[str, str] = {}
        _refuse_links_out(agent)
        manifest = read_manifest(agent)
        if manifest.problems:
            raise InitError("; ".join(manifest.problems) + ": fix it, then run init again")
        self.manifest = ManifestEdit(agent, manifest.path)
        self.declared = dict(manifest.state)
        self.paths = self._state_paths()

    # Facts about the agent ------------------------------------------------------------

    def item(self, name: str) -> ItemResult | None:
        if self.report is None:
            return None
        return next((i for i in self.report.items if i.item == name), None)

    def names(self, result: ItemResult | None) -> set[str]:
        if result is None:  # no agent here yet: everything is missing
            return {f"{i}-missing" for i in ITEMS}
        return {self.name(f) for f in result.findings}

    def _state_paths(self) -> dict[str, str]:
        """Where each state file is or will be: declared in the manifest, found on disk,
        written in the agent's instructions or manifest, or else under state/."""
        paths: dict[str, str] = {}
        found: dict[str, str] = {}
        for kind in DEFAULT_NAMES:
            if kind in self.declared:
                paths[kind] = self.declared[kind]
                continue
            for rel in default_places(kind):
                if (self.agent / rel).exists():
                    found[kind] = rel
                    break
        mentioned = self._mentions()
        anchors = [*paths.values(), *found.values(), *mentioned.values()]
        base = parent_dir(anchors[0]) if anchors else STATE_DIR
        for kind, name in DEFAULT_NAMES.items():
            paths.setdefault(kind, found.get(kind) or mentioned.get(kind) or join_path(base, name))
        return paths

    def _mentions(self) -> dict[str, str]:
        """State files the agent's manifest and Markdown name by path: `state/outbox.json`."""
        texts = []
        for path in sorted(self.agent.glob("*.md")) + sorted(self.agent.glob("*.y*ml")):
            if not inside(self.agent, path):
                continue  # a link out of the agent directory is not the agent's
            try:
                texts.append(read_text(path).text[:200_000])
            except InitError:
                continue
        kinds = {name: kind for kind, name in DEFAULT_NAMES.items()}
        mentions: dict[str, str] = {}
        for m in _STATE_MENTION.finditer("\n".join(texts)):
            rel = (m.group(1) or "").removeprefix("./") + m.group(2)
            if ".." not in rel.split("/"):
                mentions.setdefault(kinds[m.group(2)], rel)
        return mentions

    def instruction_file(self) -> Path | None:
        for name in INSTRUCTION_FILES:
            path = self.agent / name
            if path.is_file():
                return path
        return None

    # Outputs ----------------------------------------------------------------------------

    def name(self, finding: Finding) -> str:
        rule = self.rules.get(finding.rule)
        return rule.name if rule else finding.rule

    def by_hand(self, findings: Iterable[Finding], keep: set[str]) -> None:
        """Findings init does not fix (anti-patterns, invalid files...): for a human."""
        for f in findings:
            if self.name(f) not in keep:
                self.manual.append(finding_line(f))

    def new_file(self, rel: str, text: str, what: str) -> None:
        path = self.agent / rel
        if path.exists() or path.is_symlink() or rel in self.changes:
            return  # never overwrite: what is there stays
        if not inside(self.agent, path):
            self.notes.append(f"{rel}: outside the agent directory; create it by hand")
            return
        self.changes[rel] = Change(rel, None, text, what)

    def json_file(self, rel: str, data: Any, what: str) -> None:
        self.new_file(rel, json.dumps(data, indent=2, ensure_ascii=False) + "\n", what)

    def stamp(self) -> str:
        return (
            self.now.astimezone(timezone.utc)
            .replace(microsecond=0)
            .isoformat()
            .replace("+00:00", "Z")
        )

    # The seven items ------------------------------------------------------------------

    def escalation(self, result: ItemResult | None) -> None:
        names = self.names(result)
        parts = {
            "escalation-missing": ("when", "action", "write_to"),
            "escalation-hitl-only": ("when", "action", "write_to"),
            "escalation-no-trigger": ("when",),
            "escalation-no-stop": ("action",),
            "escalation-no-channel": ("write_to",),
        }
        wanted = [k for name, keys in parts.items() if name in names for k in keys]
        if result is not None and result.status == "fail" and not result.evidence:
            wanted = ["when", "action", "write_to"]
        self.by_hand(result.findings if result else [], set(parts))
        if not wanted:
            return
        outbox = self.paths["outbox"]
        block = self.manifest.block("escalation")
        doc = self.instruction_file()
        if isinstance(block, dict) or doc is None or not self._prose(doc, outbox):
            values: dict[str, Any] = {
                "when": ["uncertain", "scope_unclear", "missing_information"],
                "action": "stop",
                "write_to": outbox,
                "owner": OWNER_PLACEHOLDER,
            }
            keys = list(dict.fromkeys(wanted))
            if "write_to" in keys:
                keys.append("owner")
            self.manifest.add("escalation", {k: values[k] for k in keys}, self.notes)
        self.placeholders[OWNER_PLACEHOLDER] = "escalation"

    def _prose(self, doc: Path, outbox: str) -> bool:
        """Write the escalation rule into the agent's instructions; False when it cannot."""
        rel = doc.relative_to(self.agent).as_posix()
        if not inside(self.agent, doc):
            return False
        try:
            source = read_text(doc)
        except InitError:
            return False  # not UTF-8: the manifest takes the rule instead
        text = source.text
        sentence = (
            "If you are uncertain, the scope of a task is unclear or information is missing, "
            "stop: do not guess and do not proceed. Write the question, what you checked and "
            f"the last known state to `{outbox}`, then wait for `{OWNER_PLACEHOLDER}` to "
            "answer it."
        )
        if sentence.split(". ", 1)[0] in " ".join(text.split()):
            return True  # written by an earlier run (its owner perhaps filled in since)
        lines = text.split("\n")
        if unclosed_fence(lines):
            return False
        paragraph = wrap(sentence, wrap_width(lines))
        section = section_end(lines, re.compile(r"escalat", re.I))
        if section is not None:
            end = section
            while end > 0 and not lines[end - 1].strip():
                end -= 1
            new_lines = [*lines[:end], "", *paragraph.split("\n"), *lines[end:]]
            after = "\n".join(new_lines)
            what = "escalation rule in its Escalation section (trigger, stop, channel)"
        else:
            heading = "#" * heading_level(lines) + " Escalation"
            sep = (
                "" if not text or text.endswith("\n\n") else "\n" if text.endswith("\n") else "\n\n"
            )
            after = f"{text}{sep}{heading}\n\n{paragraph}\n"
            what = "Escalation section (trigger, stop, channel)"
        self.changes[rel] = Change(rel, text, after, what, source.newline, source.bom)
        return True

    def boot(self, result: ItemResult | None) -> None:
        names = self.names(result)
        parts = {
            "boot-missing": ("read", "max_age", "check_outbox"),
            "boot-no-task-read": ("read",),
            "boot-no-age-check": ("max_age",),
            "boot-age-unbounded": ("max_age",),
            "boot-no-outbox-check": ("check_outbox",),
        }
        wanted = [k for name, keys in parts.items() if name in names for k in keys]
        self.by_hand(result.findings if result else [], set(parts))
        values = {
            "read": self.paths["task"],
            "max_age": LIMIT_PLACEHOLDERS["max_age"],
            "check_outbox": True,
        }
        if wanted:
            keys = dict.fromkeys(wanted)
            self.manifest.add("boot", {k: values[k] for k in keys}, self.notes)
            self._limits("boot", keys)

    def state(self, result: ItemResult | None) -> None:
        names = self.names(result)
        parts = {
            "state-missing": ("task", "context", "outbox"),
            "state-no-task": ("task",),
            "state-no-context": ("context",),
            "state-no-outbox": ("outbox",),
        }
        kinds = [k for name, keys in parts.items() if name in names for k in keys]
        self.by_hand(result.findings if result else [], set(parts))
        stubs: dict[str, Any] = {
            "task": {"task": None, "status": "idle", "updated_at": self.stamp()},
            "context": {"summary": "", "updated_at": self.stamp()},
            "outbox": {"items": []},
        }
        # Every state file that does not exist yet, so that `readycheck boot` can start.
        for kind, stub in stubs.items():
            self.json_file(self.paths[kind], stub, f"{kind} state stub")
        if kinds:
            # A new `state:` block names all three files; an existing one gets what it lacks.
            named = kinds if isinstance(self.manifest.block("state"), dict) else DEFAULT_NAMES
            declare = {k: self.paths[k] for k in DEFAULT_NAMES if k in named}
            self.manifest.add("state", declare, self.notes)

    def budget(self, result: ItemResult | None) -> None:
        names = self.names(result)
        parts = {
            "budget-missing": ("max_steps", "max_runtime", "max_tokens", "on_limit"),
            "budget-no-step-limit": ("max_steps",),
            "budget-no-runtime-limit": ("max_runtime",),
            "budget-no-token-limit": ("max_tokens",),
            "budget-no-on-limit": ("on_limit",),
            "budget-on-limit-without-limit": ("max_steps", "max_runtime", "max_tokens"),
        }
        wanted = [k for name, keys in parts.items() if name in names for k in keys]
        if result is not None and result.status == "fail" and not result.evidence:
            wanted += ["max_steps", "max_runtime", "max_tokens"]
            if "budget-on-limit-without-limit" not in names:
                wanted.append("on_limit")
        self.by_hand(result.findings if result else [], set(parts))
        values = {
            "max_steps": LIMIT_PLACEHOLDERS["max_steps"],
            "max_runtime": LIMIT_PLACEHOLDERS["max_runtime"],
            "max_tokens": LIMIT_PLACEHOLDERS["max_tokens"],
            "on_limit": f"write a handoff to {self.paths['outbox']} and stop",
        }
        order = [k for k in values if k in wanted]
        if order:
            self.manifest.add("budget", {k: values[k] for k in order}, self.notes)
            self._limits("budget", order)

    def output(self, result: ItemResult | None) -> None:
        names = self.names(result)
        parts = {
            "output-missing",
            "output-not-enforced",
            "output-schema-unreferenced",
            "output-schema-not-found",
        }
        findings = result.findings if result else []
        block = self.manifest.block("output")
        declared = block.get("schema") if isinstance(block, dict) else None
        add: dict[str, Any] = {}
        if isinstance(declared, str) and declared.strip():
            # The manifest names a schema: create the template there if it is missing.
            if not (self.agent / declared.strip()).exists():
                self.new_file(declared.strip(), SCHEMA_TEMPLATE, "output schema template")
        else:
            parts.discard("output-schema-not-found")  # named in prose: only a human knows
            unreferenced = sorted(
                f.location.path for f in findings if self.name(f) == "output-schema-unreferenced"
            )
            if unreferenced:
                add["schema"] = unreferenced[0]
            elif "output-missing" in names:
                add["schema"] = SCHEMA_PATH
                self.new_file(SCHEMA_PATH, SCHEMA_TEMPLATE, "output schema template")
        self.by_hand(findings, parts)
        if add or "output-not-enforced" in names:
            add["on_invalid"] = "reject"
        if add:
            self.manifest.add("output", add, self.notes)

    def dlq(self, result: ItemResult | None) -> None:
        names = self.names(result)
        parts = {
            "dlq-missing": ("max_retries", "destination"),
            "dlq-no-retry-bound": ("max_retries",),
            "dlq-no-destination": ("destination",),
        }
        wanted = [k for name, keys in parts.items() if name in names for k in keys]
        if result is not None and result.status == "fail" and not result.evidence:
            wanted += ["max_retries", "destination"]
        self.by_hand(result.findings if result else [], set(parts))
        destination = join_path(parent_dir(self.paths["outbox"]), DEAD_LETTER_NAME)
        values: dict[str, Any] = {
            "max_retries": LIMIT_PLACEHOLDERS["max_retries"],
            "destination": destination,
        }
        order = [k for k in values if k in wanted]
        if "destination" in order:
            self.json_file(destination, [], "dead-letter file")
        if order:
            self.manifest.add("dlq", {k: values[k] for k in order}, self.notes)
            self._limits("dlq", order)

    def _limits(self, item: str, keys: Iterable[str]) -> None:
        for key in keys:
            if key in LIMIT_PLACEHOLDERS:
                self.placeholders[LIMIT_PLACEHOLDERS[key]] = item

    def monitoring(self, result: ItemResult | None) -> None:
        names = self.names(result)
        parts = {"monitoring-missing", "monitoring-logging-only", "monitoring-no-condition"}
        self.by_hand(result.findings if result else [], parts)
        if names & parts or result is None:
            # Switched off until a human names the channel: a placeholder tells no one.
            alert = {
                "channel": ALERT_PLACEHOLDER,
                "when": ["run_failed", "missed_heartbeat", "dead_letter_growth"],
                "enabled": False,
            }
            self.manifest.add("monitoring", {"alerts": [alert]}, self.notes)
            self.placeholders[ALERT_PLACEHOLDER] = "monitoring"


def _refuse_links_out(agent: Path) -> None:
    """A manifest that links out of the agent directory is not the agent's (check skips
    it with RC004): init neither reads it, which would print a file from anywhere in the
    diff, nor edits it."""
    for name in MANIFEST_NAMES:
        path = agent / name
        if path.is_symlink() and not inside(agent, path):
            raise InitError(
                f"{name} is a link out of the agent directory; init does not read or edit it"
            )


def plan(
    agent: Path,
    items: Iterable[str] = ITEMS,
    *,
    now: datetime | None = None,
    report: Report | None = None,
) -> Plan:
    """What init would change in `agent` for the selected items. Reads, never writes."""
    from readycheck.engine import check_directory

    agent = agent.resolve()
    wanted = set(items)
    selected = tuple(i for i in ITEMS if i in wanted)
    report = report or check_directory(agent)
    # An agent that holds this directory is not the one to scaffold here.
    below = [a for a in report.agents if a.path.split("/")[0] != ".."]
    agent_report = next((a for a in below if a.path == "."), None)
    if agent_report is None and below:
        nested = ", ".join(a.path for a in below[:5])
        raise InitError(
            f"{agent} is not an agent itself but holds agents ({nested}): "
            "run readycheck init on one of them"
        )
    planner = Planner(agent, agent_report, now or datetime.now(timezone.utc))
    before: dict[str, str] = {}
    frameworks = agent_report.frameworks if agent_report else []
    for item in selected:
        result = planner.item(item)
        before[item] = result.status if result else "fail"
        if before[item] in ("pass", "n/a"):
            continue
        in_prose = item == "escalation" and planner.instruction_file() is not None
        if frameworks and not in_prose:
            # A manifest block would pass the item on paper only: the framework never
            # reads it. Escalation prose goes into instructions the agent does read.
            planner.notes.append(native_note(item, frameworks))
            continue
        getattr(planner, item)(result)
    manifest_change = planner.manifest.render(planner.notes)
    if manifest_change is not None:
        planner.changes[manifest_change.path] = manifest_change
    # Edits first, then new files, each in the order the items asked for them.
    changes = sorted(planner.changes.values(), key=lambda c: c.before is None)
    written = "".join(c.after for c in changes)
    return Plan(
        agent,
        selected,
        before,
        changes,
        list(dict.fromkeys(planner.manual)),
        list(dict.fromkeys(planner.notes)),
        list(dict.fromkeys(planner.manifest.kept)),
        {p: i for p, i in planner.placeholders.items() if p in written},
    )


SCHEMA_TEMPLATE = """\
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Agent output",
  "description": "<fill in: what this agent returns; then make the properties below say it>",
  "type": "object",
  "required": ["status", "summary"],
  "properties": {
    "status": {"enum": ["done", "escalated", "failed"]},
    "summary": {"type": "string", "minLength": 1}
  }
}
"""
