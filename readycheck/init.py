"""`readycheck init`: for each checklist item that does not pass, scaffold the smallest
correct piece that makes it pass, in the agent's own style.

- escalation: a paragraph (trigger, stop, channel) in the agent's `## Escalation` section
  of SOUL.md or its main instruction file, or a new section at the end; a manifest
  `escalation:` block when the agent has no instruction file or already uses that block;
- boot, state, budget, output, dlq, monitoring: blocks (or the missing keys of existing
  blocks) in the agent's readycheck manifest, edited with ruamel.yaml round-trip so the
  user's comments, key order, quoting and indentation survive; a new `readycheck.yaml`
  when there is none;
- files: state stubs with ISO-8601 timestamps, an output schema template, a dead-letter
  file.

Which pieces an item needs is read from its findings (by rule name); what init cannot do
(remove an anti-pattern, repair an invalid file, change a value the user set) is listed for
a human, as are the `<fill in: ...>` placeholders for values only a human can choose
(`readycheck check` reports them as RC008). init never overwrites or deletes user content:
new files are created only where nothing exists, edits only add text (checked), writes are
atomic, and a second run changes nothing.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import stat
import tempfile
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

from readycheck.boot import MANIFEST_NAMES, read_manifest
from readycheck.checklist import ITEM_IDS as ITEMS
from readycheck.checklist.state.contract import DEFAULT_NAMES, STATE_DIR, default_places
from readycheck.bounds import DEFAULT_READ_LIMITS, read_head
from readycheck.model import AgentReport, Finding, ItemResult, Report
from readycheck.parsers import PLACEHOLDER, PLACEHOLDER_RULE
from readycheck.redact import redact

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
_PLACEHOLDER_TEXT = re.compile(r"<fill in:[^<>\n]*>")
# A default state file named by path in the agent's text: `state/outbox.json`.
_STATE_MENTION = re.compile(
    r"(?<![\w./-])((?:\./)?(?:[\w.-]+/)*)("
    + "|".join(re.escape(name) for name in DEFAULT_NAMES.values())
    + r")\b"
)


class InitError(Exception):
    """init cannot run (not an agent, unreadable files...): the command exits 2."""


def parse_items(text: str | None) -> tuple[str, ...]:
    """`budget,dlq` -> ('budget', 'dlq') in checklist order; ValueError for unknown items."""
    if not text or not text.strip() or text.strip() == "all":
        return ITEMS
    wanted = {w.strip().lower() for w in text.split(",") if w.strip()}
    unknown = sorted(wanted - set(ITEMS))
    if unknown:
        raise ValueError(f"unknown item(s) {', '.join(unknown)}; choose from {', '.join(ITEMS)}")
    return tuple(item for item in ITEMS if item in wanted)


# --- Plans -------------------------------------------------------------------------------


@dataclass
class Change:
    path: str  # POSIX, relative to the agent directory
    before: str | None  # None: a new file
    after: str
    what: str
    newline: str = "\n"
    bom: bool = False

    def data(self) -> bytes:
        text = self.after.replace("\n", self.newline) if self.newline != "\n" else self.after
        return ("\ufeff" if self.bom else "").encode() + text.encode("utf-8")


@dataclass
class Plan:
    agent: Path
    selected: tuple[str, ...]
    before: dict[str, str]  # item -> status before init
    changes: list[Change] = field(default_factory=list)
    manual: list[str] = field(default_factory=list)  # findings init does not fix
    notes: list[str] = field(default_factory=list)  # what init could not write, and why
    kept: list[str] = field(default_factory=list)  # values the user set that do not count
    placeholders: dict[str, str] = field(default_factory=dict)  # placeholder -> item

    @property
    def empty(self) -> bool:
        return not self.changes


@dataclass
class _Text:
    text: str
    newline: str = "\n"
    bom: bool = False


def _read_text(path: Path) -> _Text:
    limit = DEFAULT_READ_LIMITS.max_file_bytes
    try:
        raw = read_head(path, limit + 1)  # bounded, and never a FIFO or a device
    except OSError as exc:
        raise InitError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(raw) > limit:
        raise InitError(f"{path} is over the {limit:,}-byte bound; init does not edit it")
    bom = raw.startswith(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InitError(f"{path} is not UTF-8 text; init does not edit it") from None
    if "\r\n" in text and text.count("\n") == text.count("\r\n"):
        return _Text(text.replace("\r\n", "\n"), "\r\n", bom)
    return _Text(text, "\n", bom)  # LF, or mixed line ends: kept byte for byte


# --- Planning ----------------------------------------------------------------------------


class _Planner:
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
        manifest = read_manifest(agent)
        if manifest.problems:
            raise InitError("; ".join(manifest.problems) + ": fix it, then run init again")
        self.manifest = _ManifestEdit(agent, manifest.path)
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
        base = _parent(anchors[0]) if anchors else STATE_DIR
        for kind, name in DEFAULT_NAMES.items():
            paths.setdefault(kind, found.get(kind) or mentioned.get(kind) or _join(base, name))
        return paths

    def _mentions(self) -> dict[str, str]:
        """State files the agent's manifest and Markdown name by path: `state/outbox.json`."""
        texts = []
        for path in sorted(self.agent.glob("*.md")) + sorted(self.agent.glob("*.y*ml")):
            if not _inside(self.agent, path):
                continue  # a link out of the agent directory is not the agent's
            try:
                texts.append(_read_text(path).text[:200_000])
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
                self.manual.append(_line(f))

    def new_file(self, rel: str, text: str, what: str) -> None:
        path = self.agent / rel
        if path.exists() or path.is_symlink() or rel in self.changes:
            return  # never overwrite: what is there stays
        if not _inside(self.agent, path):
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
        if not _inside(self.agent, doc):
            return False
        try:
            source = _read_text(doc)
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
        if _unclosed_fence(lines):
            return False
        paragraph = _wrap(sentence, _width(lines))
        section = _section(lines, re.compile(r"escalat", re.I))
        if section is not None:
            end = section
            while end > 0 and not lines[end - 1].strip():
                end -= 1
            new_lines = [*lines[:end], "", *paragraph.split("\n"), *lines[end:]]
            after = "\n".join(new_lines)
            what = "escalation rule in its Escalation section (trigger, stop, channel)"
        else:
            heading = "#" * _heading_level(lines) + " Escalation"
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
        values = {"read": self.paths["task"], "max_age": "4h", "check_outbox": True}
        if wanted:
            self.manifest.add("boot", {k: values[k] for k in dict.fromkeys(wanted)}, self.notes)

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
            "max_steps": 50,
            "max_runtime": "15m",
            "max_tokens": 200000,
            "on_limit": f"write a handoff to {self.paths['outbox']} and stop",
        }
        order = [k for k in values if k in wanted]
        if order:
            self.manifest.add("budget", {k: values[k] for k in order}, self.notes)

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
        destination = _join(_parent(self.paths["outbox"]), DEAD_LETTER_NAME)
        values: dict[str, Any] = {"max_retries": 3, "destination": destination}
        order = [k for k in values if k in wanted]
        if "destination" in order:
            self.json_file(destination, [], "dead-letter file")
        if order:
            self.manifest.add("dlq", {k: values[k] for k in order}, self.notes)

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


def plan(
    agent: Path,
    items: Iterable[str] = ITEMS,
    *,
    now: datetime | None = None,
    report: Report | None = None,
) -> Plan:
    """What init would change in `agent` for the selected items. Reads, never writes."""
    from readycheck.engine import check

    agent = agent.resolve()
    wanted = set(items)
    selected = tuple(i for i in ITEMS if i in wanted)
    report = report or check(agent)
    agent_report = next((a for a in report.agents if a.path == "."), None)
    if agent_report is None and report.agents:
        nested = ", ".join(a.path for a in report.agents[:5])
        raise InitError(
            f"{agent} is not an agent itself but holds agents ({nested}): "
            "run readycheck init on one of them"
        )
    planner = _Planner(agent, agent_report, now or datetime.now(timezone.utc))
    before: dict[str, str] = {}
    for item in selected:
        result = planner.item(item)
        before[item] = result.status if result else "fail"
        if before[item] not in ("pass", "n/a"):
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


# --- The manifest ------------------------------------------------------------------------


class _ManifestEdit:
    """Blocks and keys to add to the agent's readycheck manifest, rendered once."""

    def __init__(self, agent: Path, name: str) -> None:
        self.name = name or _existing_readycheck(agent) or "readycheck.yaml"
        self.path = agent / self.name
        self.source: _Text | None = _read_text(self.path) if self.path.is_file() else None
        self.data: Any = None
        if self.source is not None:
            from readycheck.parsers import read_document

            self.data = read_document(self.path, self.name, "yaml").data
        self.additions: dict[str, dict[str, Any]] = {}
        self.kept: list[str] = []  # keys init would set but the user already has

    def block(self, name: str) -> Any:
        return self.data.get(name) if isinstance(self.data, dict) else None

    def add(self, block: str, values: dict[str, Any], notes: list[str]) -> None:
        """Add the keys of `values` that the block lacks; a key the user set is left alone."""
        if self.data is not None and not isinstance(self.data, dict):
            notes.append(f"{self.name}: not a mapping; add a `{block}:` block by hand")
            return
        existing = self.block(block)
        if existing is not None and not isinstance(existing, dict):
            notes.append(f"{self.name}: `{block}:` is not a mapping; add {_inline(values)} by hand")
            return
        for key, value in values.items():
            if isinstance(existing, dict) and key in existing:
                if PLACEHOLDER not in json.dumps(existing[key], default=str):
                    self.kept.append(
                        f"{self.name}: `{block}.{key}` is already set "
                        f"({redact(_inline(existing[key]))}); "
                        f"init leaves it to you (e.g. {key}: {_inline(value)})"
                    )
                continue
            self.additions.setdefault(block, {})[key] = value

    def render(self, notes: list[str]) -> Change | None:
        if not self.additions:
            return None
        blocks = {b: self.additions[b] for b in ITEMS if b in self.additions}
        if self.source is None:
            style = _Style(blank_lines=True)
            text = _HEADER + "\n" + _dump_blocks(blocks, style, new=set(blocks))
            return Change(self.name, None, text, "manifest: " + ", ".join(blocks))
        text = self.source.text
        after = _merge(text, blocks) if isinstance(self.data, dict) else None
        if after is None:
            # Not editable in place without reformatting: append new blocks, list the rest.
            new = {b: v for b, v in blocks.items() if self.block(b) is None}
            for b, values in blocks.items():
                if b not in new:
                    notes.append(
                        f"{self.name}: add {_inline(values)} under `{b}:` by hand (init could "
                        "not edit the file without reformatting it)"
                    )
            if not new or _multi_document(text):
                if new:
                    notes.append(
                        f"{self.name}: several YAML documents; add {', '.join(new)} "
                        "to the first by hand"
                    )
                return None
            style = _guess_style(text)
            body = text if text.endswith("\n") or not text else text + "\n"
            sep = "\n" if style.blank_lines and body.strip() else ""
            after = body + sep + _dump_blocks(new, style, new=set(new))
            blocks = new
        if after == text:
            return None
        parts = [
            f"{b}.{{{', '.join(v)}}}" if isinstance(self.block(b), dict) else b
            for b, v in blocks.items()
        ]
        source = self.source
        return Change(self.name, text, after, ", ".join(parts), source.newline, source.bom)


def _multi_document(text: str) -> bool:
    lines = [line for line in text.split("\n") if line.strip() and not line.startswith("#")]
    return any(re.match(r"^(---|\.\.\.)(\s|$)", line) for line in lines[1:])


_HEADER = (
    "# readycheck agent manifest (written by `readycheck init`): the limits, routes and\n"
    "# state files this agent runs with. Tune the values to the agent, and replace each\n"
    "# fill-in placeholder; `readycheck check` lists them until you do.\n"
)
_BLOCK_COMMENTS = {
    "boot": "# Run `readycheck boot` on every start: it enforces this block and the state files.",
    "monitoring": (
        "# Who is told when the agent fails: replace the placeholder with a channel such as\n"
        "# slack (with webhook_env: SLACK_WEBHOOK_URL), pagerduty or email, then enable it."
    ),
}


_EOL_COMMENTS = {"enabled": "# set to true once the channel is filled in"}


@dataclass
class _Style:
    mapping: int = 2
    sequence: int = 4
    offset: int = 2
    flow: bool = False
    blank_lines: bool = False
    double_quotes: bool = False
    null: str = ""  # how the file writes null: "" (empty), "null" or "~"


def _yaml(style: _Style) -> Any:
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=style.mapping, sequence=style.sequence, offset=style.offset)
    if style.null:
        yaml.Representer = _null_representer(style.null)
    return yaml


@lru_cache(maxsize=4)
def _null_representer(text: str) -> Any:
    """A round-trip representer that writes null as `text` (ruamel writes it empty)."""
    from ruamel.yaml.representer import RoundTripRepresenter

    class Representer(RoundTripRepresenter):
        pass

    def represent_none(self: Any, data: Any) -> Any:
        return self.represent_scalar("tag:yaml.org,2002:null", text)

    Representer.add_representer(type(None), represent_none)
    return Representer


def _dumps(yaml: Any, data: Any) -> str:
    import io

    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


_TOP_KEY = re.compile(r"^[A-Za-z_][\w-]*\s*:")


def _guess_style(text: str) -> _Style:
    lines = text.split("\n")
    style = _Style()
    mapping = re.compile(r"^( +)[A-Za-z_\"'][^:#]*:(\s|$)")
    for i, line in enumerate(lines[:-1]):
        if _TOP_KEY.match(line) and line.rstrip().endswith(":"):
            nxt = next(
                (n for n in lines[i + 1 :] if n.strip() and not n.lstrip().startswith("#")), ""
            )
            m = mapping.match(nxt)
            if m and not nxt.lstrip().startswith("- "):
                style.mapping = len(m.group(1))
                break
    for i, line in enumerate(lines[:-1]):
        stripped = line.rstrip()
        if stripped.endswith(":") and not stripped.lstrip().startswith(("#", "-")):
            indent = len(line) - len(line.lstrip())
            nxt = lines[i + 1]
            dash = len(nxt) - len(nxt.lstrip())
            if nxt.lstrip().startswith("- "):
                style.offset = max(dash - indent, 0)
                style.sequence = style.offset + 2
                break
    else:
        style.offset, style.sequence = style.mapping, style.mapping + 2
    tops = [i for i, line in enumerate(lines) if _TOP_KEY.match(line)]
    if len(tops) > 1:
        spaced = 0
        for i in tops[1:]:
            j = i - 1
            while j >= 0 and lines[j].lstrip().startswith("#"):
                j -= 1
            spaced += j >= 0 and not lines[j].strip()
        style.blank_lines = spaced * 2 >= len(tops) - 1
    style.double_quotes = text.count(': "') > text.count(": '")
    return style


def _node(value: Any, style: _Style, top: bool = False) -> Any:
    """Plain values as ruamel nodes: scalar lists in flow style, like `when: [a, b]`."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if isinstance(value, dict):
        node = CommentedMap()
        for k, v in value.items():
            node[k] = _node(v, style)
            if k in _EOL_COMMENTS and v is False and not style.flow:
                node.yaml_add_eol_comment(_EOL_COMMENTS[k], k)
        if style.flow and top:
            node.fa.set_flow_style()
        return node
    if isinstance(value, list):
        seq = CommentedSeq(_node(v, style) for v in value)
        if all(not isinstance(v, (dict, list)) for v in value) or style.flow:
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str) and style.double_quotes and value.startswith("<"):
        return DoubleQuotedScalarString(value)
    return value


def _dump_blocks(blocks: dict[str, dict[str, Any]], style: _Style, new: set[str]) -> str:
    from ruamel.yaml.comments import CommentedMap

    data = CommentedMap()
    for name, values in blocks.items():
        data[name] = _node(values, style, top=True)
    return _decorate(_dumps(_yaml(style), data), new, style)


def _decorate(text: str, new: set[str], style: _Style) -> str:
    """Comments above new top-level blocks, and blank lines where the file has them."""
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        m = _TOP_KEY.match(line)
        key = line.split(":", 1)[0].strip() if m else ""
        if key in new:
            if style.blank_lines and out and out[-1].strip():
                out.append("")
            if key in _BLOCK_COMMENTS:
                out.extend(_BLOCK_COMMENTS[key].split("\n"))
        out.append(line)
    return "\n".join(out)


def _merge(text: str, blocks: dict[str, dict[str, Any]]) -> str | None:
    """`text` with `blocks` merged in by ruamel round-trip, or None when that would change
    anything the user wrote (the check: the edit only adds lines or characters)."""
    from ruamel.yaml.comments import CommentedMap

    guess = _guess_style(text)
    shapes = [(guess.mapping, guess.sequence, guess.offset)]
    shapes += [(m, o + 2, o) for m in (2, 4) for o in (0, 2, m)]
    candidates = [
        _Style(m, seq, o, blank_lines=guess.blank_lines, double_quotes=guess.double_quotes, null=n)
        for n in ("", "null", "~")
        for m, seq, o in dict.fromkeys(shapes)
    ]
    for style in candidates:
        yaml = _yaml(style)
        try:
            data = yaml.load(text)
            if not isinstance(data, CommentedMap) or _dumps(yaml, data) != text:
                continue
        except Exception:  # ruamel raises many kinds of error; the fallback is safe
            return None
        existing = [v for v in data.values() if isinstance(v, CommentedMap)]
        style.flow = bool(existing) and all(v.fa.flow_style() for v in existing)
        new = set()
        for name, values in blocks.items():
            current = data.get(name)
            if current is None and name not in data:
                _append(data, name, _node(values, style, top=True))
                new.add(name)
            elif isinstance(current, CommentedMap):
                for key, value in values.items():
                    if key not in current:
                        _append(current, key, _node(value, style))
            else:
                return None
        after = _comment_gaps(text, _decorate(_dumps(yaml, data), new, style))
        return after if _only_adds(text, after) else None
    return None


_EOL_COMMENT = re.compile(r"^(.*?\S)(\s+)(#[^\n]*)$")


def _comment_gaps(before: str, after: str) -> str:
    """Keep the spaces before an end-of-line comment on a line that grew (ruamel writes one:
    `budget: {max_steps: 50, max_runtime: 15m}   # tuned` stays three)."""
    old, new = before.split("\n"), after.split("\n")
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace":
            continue
        j = j1
        for i in range(i1, i2):
            was = _EOL_COMMENT.match(old[i])
            if not was:
                continue
            for k in range(j, j2):
                now = _EOL_COMMENT.match(new[k])
                if now and now.group(3) == was.group(3):
                    new[k] = now.group(1) + was.group(2) + now.group(3)
                    j = k + 1
                    break
    return "\n".join(new)


def _last(node: Any) -> tuple[Any, Any, int] | None:
    """(container, key, slot) of the comment token that follows a block's last line."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, CommentedMap) and len(node) and not node.fa.flow_style():
        key = list(node.keys())[-1]
        return _last(node[key]) or (node, key, 2)
    if isinstance(node, CommentedSeq) and len(node) and not node.fa.flow_style():
        index = len(node) - 1
        return _last(node[index]) or (node, index, 0)
    return None


def _append(mapping: Any, key: str, value: Any) -> None:
    """Add `key` at the end of `mapping`, moving the blank lines and comments that followed
    the old last line after the new one, where they were (ruamel keeps them on the old)."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    source = _last(mapping)
    mapping[key] = value
    if source is None:
        return
    container, old, slot = source
    comments = container.ca.items.get(old)
    token = comments[slot] if comments else None
    if token is None:
        return
    value_text = token.value
    cut = value_text.find("\n")
    if cut < 0 or cut == len(value_text) - 1:
        return
    head, rest = value_text[: cut + 1], value_text[cut + 1 :]
    if head.strip():
        token.value = head
    else:
        comments[slot] = None
    target = _last(mapping) or (mapping, key, 2)
    holder, new_key, new_slot = target
    slots = holder.ca.items.setdefault(new_key, [None, None, None, None])
    if slots[new_slot] is not None:  # the new line's own comment stays on its line
        slots[new_slot].value = slots[new_slot].value.rstrip("\n") + "\n" + rest
    else:
        slots[new_slot] = CommentToken("\n" + rest, CommentMark(0), None)


def _only_adds(before: str, after: str) -> bool:
    """True when `after` keeps every line and character of `before`, in order."""
    old, new = before.split("\n"), after.split("\n")
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "delete":
            return False
        if tag == "replace" and not _subsequence("\n".join(old[i1:i2]), "\n".join(new[j1:j2])):
            return False
    return True


def _subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


def _existing_readycheck(agent: Path) -> str:
    for name in MANIFEST_NAMES[:2]:
        if (agent / name).is_file():
            return name
    return ""


def _inline(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


SCHEMA_TEMPLATE = """\
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Agent output",
  "description": "Template from readycheck init: describe what this agent returns.",
  "type": "object",
  "required": ["status", "summary"],
  "properties": {
    "status": {"enum": ["done", "escalated", "failed"]},
    "summary": {"type": "string", "minLength": 1}
  }
}
"""


# --- Markdown ----------------------------------------------------------------------------

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def _headings(lines: list[str]) -> list[tuple[int, int, str]]:
    """(line index, level, text) of the ATX headings outside code fences."""
    out = []
    fenced = False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        m = None if fenced else _HEADING.match(line)
        if m:
            out.append((i, len(m.group(1)), m.group(2)))
    return out


def _unclosed_fence(lines: list[str]) -> bool:
    return sum(1 for line in lines if _FENCE.match(line)) % 2 == 1


def _section(lines: list[str], title: re.Pattern[str]) -> int | None:
    """The line index where the first section whose heading matches `title` ends."""
    heads = _headings(lines)
    for n, (_, level, text) in enumerate(heads):
        if title.search(text):
            for j, other_level, _ in heads[n + 1 :]:
                if other_level <= level:
                    return j
            end = len(lines)
            while end > 0 and not lines[end - 1].strip():
                end -= 1
            return end
    return None


def _heading_level(lines: list[str]) -> int:
    levels = [level for _, level, _ in _headings(lines)]
    if levels.count(1) > 1 and 2 not in levels:
        return 1
    return 2


def _width(lines: list[str]) -> int:
    """Wrap new prose like the file: at its longest prose line, or not at all."""
    fenced = False
    longest = 0
    for line in lines:
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced or line.startswith(("#", "|")) or not line.strip():
            continue
        longest = max(longest, len(line))
    if longest == 0:
        return 88
    return 0 if longest > 100 else max(longest, 72)


def _wrap(text: str, width: int) -> str:
    if width <= 0:
        return text
    # Keep code spans (and so placeholders) on one line.
    protected = re.sub(r"`[^`]*`", lambda m: m.group(0).replace(" ", "\x00"), text)
    wrapped = textwrap.fill(protected, width, break_long_words=False, break_on_hyphens=False)
    return wrapped.replace("\x00", " ")


# --- Paths -------------------------------------------------------------------------------


def _parent(rel: str) -> str:
    return rel.rsplit("/", 1)[0] if "/" in rel else ""


def _join(base: str, name: str) -> str:
    return f"{base}/{name}" if base else name


def _inside(agent: Path, path: Path) -> bool:
    try:
        return path.resolve().is_relative_to(agent.resolve())
    except (OSError, RuntimeError):
        return False


# --- Applying ----------------------------------------------------------------------------


def diff(plan: Plan) -> str:
    """The plan as a unified diff (`git apply` / `patch -p1` can apply it)."""
    out: list[str] = []
    for change in plan.changes:
        old = (change.before or "").splitlines(keepends=True)
        new = change.after.splitlines(keepends=True)
        src = f"a/{change.path}" if change.before is not None else "/dev/null"
        for line in difflib.unified_diff(old, new, src, f"b/{change.path}"):
            out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def apply(plan: Plan) -> None:
    """Write the plan: each file atomically (temp file + rename); never over a new file."""
    for change in plan.changes:
        _write(plan.agent, change)


def _write(agent: Path, change: Change) -> None:
    path = agent / change.path
    if not _inside(agent, path):
        raise InitError(f"{change.path}: outside the agent directory; not written")
    if change.before is None:
        if path.exists() or path.is_symlink():
            return  # appeared since the plan: it is the user's now
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = 0o666 & ~_umask()
    else:
        path = path.resolve()  # edit a linked file where it lives
        current = _read_text(path)
        if current.text != change.before:
            raise InitError(f"{change.path} changed while init was running; not written")
        mode = stat.S_IMODE(path.stat().st_mode)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(change.data())
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if change.before is None:
            try:
                os.link(tmp, path)  # atomic, and fails rather than replace a file
            except FileExistsError:
                return
            except OSError:
                if path.exists():
                    return
                os.replace(tmp, path)
        else:
            os.replace(tmp, path)
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --- After -------------------------------------------------------------------------------


def _line(f: Finding) -> str:
    # Item findings are the judges' raw ones: their quotes are not masked yet.
    message = redact(f.message)
    return f"{f.location.path}:{f.location.line}:{f.location.column}: {f.rule} {message}"


@dataclass
class Outcome:
    """What is left for a human: after init, or (for a dry run) after the plan."""

    statuses: dict[str, str]  # item -> status, judged after init ({} for a dry run)
    fill_in: list[tuple[str, str]]  # (path:line:col, what) of each placeholder left
    by_hand: list[str]
    exit_code: int  # 0 nothing left to do; 1 something is left for a human (or to write)


def _fill_ins(report: Report) -> list[tuple[str, str]]:
    out = []
    for f in report.findings:
        if f.rule == PLACEHOLDER_RULE and f.agent in (".", ""):
            what = f.message.split(":", 1)[-1].split(" (", 1)[0].strip()
            out.append((f"{f.location.path}:{f.location.line}:{f.location.column}", what))
    return out


# What a placeholder stands in for: until it is filled in, these findings are expected.
_AWAITING = {
    "monitoring": {
        "monitoring-missing",
        "monitoring-logging-only",
        "monitoring-no-condition",
        "monitoring-route-disabled",
    },
}


def outcome(plan: Plan, report: Report) -> Outcome:
    """What is left once the plan is applied, judged on a fresh `report` of the agent."""
    from readycheck.registry import all_rules

    rules = all_rules()
    agent = next((a for a in report.agents if a.path == "."), None)
    statuses: dict[str, str] = {i.item: i.status for i in agent.items} if agent else {}
    fill_in = _fill_ins(report)
    waiting = set(plan.placeholders.values()) | _placeholder_items(plan.agent, fill_in)
    by_hand = list(plan.notes)
    for item in agent.items if agent else []:
        if item.item not in plan.selected or item.status in ("pass", "n/a"):
            continue
        expected = _AWAITING.get(item.item, set()) if item.item in waiting else set()
        for f in item.findings:
            name = rules[f.rule].name if f.rule in rules else f.rule
            if name not in expected and _line(f) not in by_hand:
                by_hand.append(_line(f))
    done = all(statuses.get(i) in ("pass", "n/a") for i in plan.selected)
    return Outcome(statuses, fill_in, by_hand, 0 if done and not fill_in else 1)


def planned_outcome(plan: Plan, report: Report) -> Outcome:
    """For a dry run: the placeholders already there and those the plan would write."""
    fill_in = _fill_ins(report)
    for change in plan.changes:
        old_lines = set((change.before or "").split("\n"))
        text = change.after
        for m in _PLACEHOLDER_TEXT.finditer(text):
            start = text.rfind("\n", 0, m.start()) + 1
            end = text.find("\n", m.end())
            if text[start : end if end >= 0 else len(text)] in old_lines:
                continue  # already there
            line = text.count("\n", 0, m.start()) + 1
            what = m.group(0)[len(PLACEHOLDER) : -1].strip()
            fill_in.append((f"{change.path}:{line}:{m.start() - start + 1}", what))
    by_hand = plan.notes + plan.kept + plan.manual
    nothing = plan.empty and not fill_in and not by_hand
    done = all(s in ("pass", "n/a") for s in plan.before.values())
    return Outcome({}, fill_in, by_hand, 0 if nothing and done else 1)


def _placeholder_items(agent: Path, fill_in: list[tuple[str, str]]) -> set[str]:
    """The items placeholders belong to: the manifest block or Markdown section they sit in."""
    items: set[str] = set()
    for where, _ in fill_in:
        rel, line, _column = where.rsplit(":", 2)
        try:
            lines = (agent / rel).read_text(encoding="utf-8").split("\n")[: int(line)]
        except (OSError, UnicodeDecodeError, ValueError):
            continue
        for text in reversed(lines):
            if rel.endswith((".yaml", ".yml")) and _TOP_KEY.match(text):
                key = text.split(":", 1)[0].strip()
                if key in ITEMS:
                    items.add(key)
                break
            heading = _HEADING.match(text)
            if rel.endswith(".md") and heading:
                if re.search(r"escalat", heading.group(2), re.I):
                    items.add("escalation")
                break
    return items


_MARKS = {"pass": "✓", "partial": "~", "fail": "✗", "n/a": "-"}


def render(plan: Plan, result: Outcome, *, dry_run: bool, shown: str) -> str:
    """The summary a user reads after `readycheck init` (or before, with --dry-run)."""
    lines = [f"readycheck init {shown}" + (" (dry run: nothing written)" if dry_run else "")]
    if plan.changes:
        width = max(len(c.path) for c in plan.changes)
        lines.append(
            "would write (+ new file, ~ added to):"
            if dry_run
            else "wrote (+ new file, ~ added to):"
        )
        for c in plan.changes:
            lines.append(f"  {'+' if c.before is None else '~'} {c.path:<{width}}  {c.what}")
    else:
        lines.append("nothing to change")
    if result.statuses:
        passing = sum(result.statuses.get(i) in ("pass", "n/a") for i in plan.selected)
        lines.append(f"checklist now: {passing}/{len(plan.selected)} selected items pass")
        for item in plan.selected:
            status = result.statuses.get(item, "fail")
            lines.append(f"  {_MARKS.get(status, '?')} {item:<11} {status}")
    if result.fill_in:
        lines.append("fill in (readycheck check reports each as RC008 until you do):")
        lines.extend(f"  {where}: {what}" for where, what in result.fill_in)
    if result.by_hand:
        lines.append("fix by hand (init never changes what you wrote):")
        lines.extend(f"  {entry}" for entry in result.by_hand)
    if result.fill_in or result.by_hand:
        lines.append(f"then run: readycheck check {shown}")
    return "\n".join(lines) + "\n"
