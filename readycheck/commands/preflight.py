"""`readycheck boot`: the preflight an agent runs on every start, before it acts.

It reads the three state files where `readycheck check` looks for them (the state
contract, readycheck/checklist/state/contract.py: names from the manifest's `state:` block,
else `current-task.json`, `context-snapshot.json` and `outbox.json` in the agent directory
or its `state/` subdirectory) and decides whether the agent may proceed:

- task: the current task's ISO-8601 `updated_at` (or `timestamp`) is at most `max_age`
  old (`--max-age`, else the manifest's `boot: {max_age: ...}`, else 4h);
- context: the context snapshot is from today in the given time zone (local by default);
- outbox: no item is unresolved (`resolved: true`, or `status` resolved/done/closed/
  answered).

Exit codes: 0 proceed; 1 stop and escalate (stale, missing, unresolved); 2 invalid files
(bad JSON, missing or invalid timestamps, an unreadable manifest) or usage. Every check is
a pure function of the file's parsed content and an injectable `now`; only `preflight`
reads files, and nothing here prints.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any, Literal

from readycheck.bounds import read_head
from readycheck.checklist import ITEM_IDS
from readycheck.checklist.state.contract import (
    DEFAULT_NAMES,
    KINDS,
    Stamp,
    declared_paths,
    default_places,
    outbox_items,
    parse_timestamp,
    timestamp_key,
)
from readycheck.quantities import whole_duration
from readycheck.redact import redact

CheckStatus = Literal["ok", "stale", "missing", "unresolved", "invalid"]
DEFAULT_MAX_AGE = 4 * 3600.0
MANIFEST_NAMES = ("readycheck.yaml", "readycheck.yml", "agent.yaml", "agent.yml")
RESOLVED_STATUSES = frozenset({"resolved", "done", "closed", "answered"})
# A clock a little ahead of ours is skew, not a timestamp from the future.
CLOCK_SKEW = timedelta(minutes=5)

_MANIFEST_BLOCK = re.compile(rf"^({'|'.join(ITEM_IDS)})\s*:", re.MULTILINE)


class UsageError(ValueError):
    """A bad option value: the command exits 2 with this message."""


# --- Values ------------------------------------------------------------------------------


def parse_max_age(text: str) -> float:
    """Seconds for `4h`, `90m`, `PT4H`, `14400`, `four hours`; UsageError when unreadable."""
    text = text.strip()
    seconds = whole_duration(text) if text and not text.startswith("-") else None
    if seconds is None or math.isnan(seconds):
        raise UsageError(f"{text!r} is not a duration (try 4h, 90m or PT4H)")
    if not 0 < seconds < math.inf:
        raise UsageError(f"{text!r} is not a finite, positive duration")
    return seconds


def _manifest_seconds(value: object) -> float:
    """A manifest's max_age: a duration string, or a number of seconds."""
    if isinstance(value, bool):
        raise UsageError(f"{value!r} is not a duration")
    if isinstance(value, (int, float)):
        if not 0 < value < math.inf:
            raise UsageError(f"{value!r} is not a finite, positive duration")
        return float(value)
    return parse_max_age(str(value))


def parse_tz(name: str | None) -> tzinfo | None:
    """An IANA time zone (`Europe/Berlin`); None for the system's local time."""
    if name is None or not name.strip():
        return None
    name = name.strip()
    if name.upper() in ("UTC", "Z", "ETC/UTC"):
        return timezone.utc
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError(
            f"unknown time zone {name!r} (use an IANA name such as Europe/Berlin)"
        ) from None


def parse_now(text: str) -> datetime:
    try:
        return parse_timestamp(text).moment
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def human(seconds: float) -> str:
    """`5h 12m`, `3d 2h`, `4h`, `45s`: the largest unit and the next one when it is not 0."""
    s = max(0, round(seconds))
    if s < 60:
        return f"{s}s"
    units = [(s // 86400, "d"), (s % 86400 // 3600, "h"), (s % 3600 // 60, "m"), (s % 60, "s")]
    first = next(i for i, (n, _) in enumerate(units) if n)
    shown = [units[first]]
    if first + 1 < len(units) and units[first + 1][0]:
        shown.append(units[first + 1])
    return " ".join(f"{n}{unit}" for n, unit in shown)


# --- Checks ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    name: str  # task | context | outbox
    status: CheckStatus
    detail: str
    path: str = ""  # as the user would write it, relative to the agent directory
    facts: dict[str, Any] = field(default_factory=dict)  # extra fields for --json

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def _timestamp(data: object) -> tuple[str, object, Stamp] | str:
    """(key, value as written, stamp) of a state object's timestamp, or why there is none."""
    if not isinstance(data, dict):
        return "is not a JSON object with an `updated_at` timestamp"
    key = timestamp_key(data)
    if key is None:
        return "has no `updated_at` or `timestamp`"
    try:
        return key, data[key], parse_timestamp(data[key])
    except ValueError as exc:
        return f"`{key}`: {exc}"


def check_task(data: object, now: datetime, max_age: float, path: str = "") -> Check:
    """The current task is fresh: its timestamp is at most `max_age` seconds old."""
    found = _timestamp(data)
    if isinstance(found, str):
        return Check("task", "invalid", f"current task {found}", path)
    key, raw, stamp = found
    age = (now - stamp.moment).total_seconds()
    facts: dict[str, Any] = {
        "updated_at": stamp.moment.isoformat(),
        "age_seconds": round(max(age, 0.0)),
        "max_age_seconds": max_age,
    }
    if stamp.moment - now > CLOCK_SKEW:
        detail = f"`{key}` {raw!r} is {human(-age)} in the future{stamp.note}"
        return Check("task", "invalid", detail, path, facts)
    if age > max_age:
        detail = f"updated {human(age)} ago, over the {human(max_age)} limit{stamp.note}"
        return Check("task", "stale", detail, path, facts)
    detail = f"updated {human(age)} ago (limit {human(max_age)}){stamp.note}"
    return Check("task", "ok", detail, path, facts)


def local_date(moment: datetime, tz: tzinfo | None) -> date:
    """The calendar date of `moment` in `tz` (None: the system's local time, DST-aware)."""
    return moment.astimezone(tz).date()


def zone_name(tz: tzinfo | None, now: datetime) -> str:
    if tz is None:
        return f"local time, {now.astimezone().tzname() or 'system zone'}"
    return str(getattr(tz, "key", None) or tz.tzname(now) or tz)


def check_context(data: object, now: datetime, tz: tzinfo | None, path: str = "") -> Check:
    """The context snapshot is from today, in `tz`."""
    found = _timestamp(data)
    if isinstance(found, str):
        return Check("context", "invalid", f"context snapshot {found}", path)
    key, raw, stamp = found
    today = local_date(now, tz)
    day = stamp.moment.date() if stamp.date_only else local_date(stamp.moment, tz)
    where = zone_name(tz, now)
    facts = {"updated_at": stamp.moment.isoformat(), "date": day.isoformat()}
    facts["today"] = today.isoformat()
    if day > today and stamp.moment - now > CLOCK_SKEW:
        detail = f"`{key}` {raw!r} is in the future ({day}; today is {today}, {where})"
        return Check("context", "invalid", detail, path, facts)
    if day < today:
        detail = f"from {day}, not today ({today}, {where}){stamp.note}"
        return Check("context", "stale", detail, path, facts)
    return Check("context", "ok", f"from today ({today}, {where}){stamp.note}", path, facts)


def is_resolved(item: object) -> bool:
    if not isinstance(item, dict):
        return False  # a bare string or number is a message nobody has marked answered
    resolved = item.get("resolved")
    if resolved is True or (isinstance(resolved, str) and resolved.strip().lower() == "true"):
        return True
    status = item.get("status")
    return isinstance(status, str) and status.strip().lower() in RESOLVED_STATUSES


def _label(item: object, index: int) -> str:
    if isinstance(item, dict):
        for key in ("id", "title", "question", "subject", "summary", "message", "text"):
            value = item.get(key)
            if isinstance(value, (str, int)) and str(value).strip():
                return _short(str(value))
    elif isinstance(item, str) and item.strip():
        return _short(item)
    return f"#{index + 1}"


def _short(text: str) -> str:
    """One line of at most 50 characters, its secrets masked before it is cut."""
    text = redact(" ".join(text.split()))
    return text if len(text) <= 50 else text[:49] + "…"


def check_outbox(data: object, path: str = "") -> Check:
    """The outbox holds no unresolved item."""
    items = outbox_items(data)
    if items is None:
        return Check(
            "outbox", "invalid", "outbox is neither a list nor an object with a list of items", path
        )
    pending = [(i, item) for i, item in enumerate(items) if not is_resolved(item)]
    facts = {"items": len(items), "unresolved": len(pending)}
    if pending:
        shown = ", ".join(_label(item, i) for i, item in pending[:3])
        more = f" and {len(pending) - 3} more" if len(pending) > 3 else ""
        noun = "item" if len(pending) == 1 else "items"
        return Check(
            "outbox",
            "unresolved",
            f"{len(pending)} unresolved {noun}: {shown}{more}",
            path,
            facts,
        )
    if not items:
        return Check("outbox", "ok", "empty", path, facts)
    noun = "item" if len(items) == 1 else "items"
    return Check("outbox", "ok", f"{len(items)} {noun}, all resolved", path, facts)


# --- The agent's files -------------------------------------------------------------------


@dataclass
class Manifest:
    path: str = ""  # the manifest file read, relative to the agent directory
    state: dict[str, str] = field(default_factory=dict)  # kind -> declared path
    max_age: Any = None  # the boot block's max_age, as written
    problems: list[str] = field(default_factory=list)


def _read(path: Path, rel: str, kind: str) -> tuple[Any, str | None]:
    """(data, None) for a readable, parseable file; (None, why) otherwise."""
    from readycheck.parsers import read_document

    if not path.is_file():
        return None, "is not a file"
    doc = read_document(path, rel, kind)
    bad = next((p for p in doc.problems if p.fatal), None)
    if bad is not None:
        where = f" (line {bad.line})" if bad.line > 1 else ""
        return None, f"{bad.message}{where}"
    return doc.data, None


def read_manifest(agent: Path) -> Manifest:
    """The agent's readycheck manifest: declared state files and the boot block's max_age."""
    for name in MANIFEST_NAMES:
        path = agent / name
        if not path.is_file():
            continue
        try:
            head = read_head(path, 256 * 1024).decode("utf-8", errors="replace")
        except OSError as exc:
            return Manifest(name, problems=[f"{name}: cannot read: {exc.strerror or exc}"])
        if not name.startswith("readycheck") and not _MANIFEST_BLOCK.search(head):
            continue  # another tool's agent.yaml
        data, why = _read(path, name, "yaml")
        if why is not None:
            return Manifest(name, problems=[f"{name}: {why}"])
        manifest = Manifest(name)
        if data is None:
            return manifest
        if not isinstance(data, dict):
            manifest.problems.append(f"{name}: the manifest is not a mapping")
            return manifest
        state = data.get("state")
        if isinstance(state, dict):
            manifest.state = declared_paths(state.items())
        elif state is not None:
            manifest.problems.append(f"{name}: `state:` is not a mapping of state files")
        boot = data.get("boot")
        if isinstance(boot, dict) and "max_age" in boot:
            manifest.max_age = boot["max_age"]
        return manifest
    return Manifest()


def locate(agent: Path, manifest: Manifest) -> dict[str, tuple[Path, str, bool]]:
    """Each kind's (path, shown path, declared). Undeclared: the agent dir, then state/."""
    found: dict[str, tuple[Path, str, bool]] = {}
    for kind in KINDS:
        declared = manifest.state.get(kind)
        if declared:
            found[kind] = (agent / declared, declared, True)
            continue
        places = default_places(kind)
        for shown in places:
            if (agent / shown).exists():
                found[kind] = (agent / shown, shown, False)
                break
        else:
            found[kind] = (agent / places[0], places[0], False)
    return found


# --- The preflight -----------------------------------------------------------------------


@dataclass(frozen=True)
class BootResult:
    agent: str
    now: datetime
    zone: str
    max_age: float
    max_age_source: str  # --max-age | <manifest> boot.max_age | default
    checks: tuple[Check, ...]
    problems: tuple[str, ...] = ()  # manifest problems: invalid files

    @property
    def exit_code(self) -> int:
        if self.problems or any(c.status == "invalid" for c in self.checks):
            return 2
        return 0 if all(c.ok for c in self.checks) else 1

    @property
    def verdict(self) -> str:
        return {0: "proceed", 1: "stop", 2: "invalid"}[self.exit_code]


def preflight(
    agent: Path,
    *,
    max_age: float | None = None,
    tz: tzinfo | None = None,
    now: datetime | None = None,
) -> BootResult:
    """Run the three checks for the agent in `agent`. `max_age=None`: from the manifest."""
    now = now or datetime.now(timezone.utc)
    if now.tzinfo is None:
        now = now.replace(tzinfo=timezone.utc)
    manifest = read_manifest(agent)
    problems = list(manifest.problems)
    source = "--max-age"
    if max_age is None:
        max_age, source = DEFAULT_MAX_AGE, "default"
        if manifest.max_age is not None:
            try:
                max_age = _manifest_seconds(manifest.max_age)
                source = f"{manifest.path} boot.max_age"
            except UsageError:
                problems.append(
                    f"{manifest.path}: boot max_age {manifest.max_age!r} is not a finite, "
                    "positive duration"
                )

    checks: list[Check] = []
    for kind, (path, shown, declared) in locate(agent, manifest).items():
        if not path.exists():
            where = (
                f"{shown} (declared in {manifest.path}) does not exist"
                if declared
                else f"no {DEFAULT_NAMES[kind]} in the agent directory or its state/"
            )
            checks.append(Check(kind, "missing", where, shown if declared else ""))
            continue
        data, why = _read(path, shown, "json")
        if why is not None:
            checks.append(Check(kind, "invalid", f"not valid JSON: {why}", shown))
        elif kind == "task":
            checks.append(check_task(data, now, max_age, shown))
        elif kind == "context":
            checks.append(check_context(data, now, tz, shown))
        else:
            checks.append(check_outbox(data, shown))
    return BootResult(
        str(agent), now, zone_name(tz, now), max_age, source, tuple(checks), tuple(problems)
    )


# --- Output ------------------------------------------------------------------------------

_HEADLINE = {
    "proceed": "readycheck boot: proceed",
    "stop": "readycheck boot: STOP — do not act on this context; escalate to a human",
    "invalid": "readycheck boot: INVALID — a state file or the manifest cannot be trusted; "
    "escalate to a human",
}
_MARKS = {"ok": "✓", "stale": "✗", "missing": "✗", "unresolved": "✗", "invalid": "!"}


def render_text(result: BootResult) -> str:
    # Details quote the state files and the manifest (a timestamp that is not one): masked.
    lines = [_HEADLINE[result.verdict]]
    for problem in result.problems:
        lines.append(f"  ! {'manifest':<8} {'invalid':<11} {redact(problem)}")
    for c in result.checks:
        where = f"{c.path}: " if c.path else ""
        lines.append(f"  {_MARKS[c.status]} {c.name:<8} {c.status:<11} {where}{redact(c.detail)}")
    return "\n".join(lines) + "\n"


def render_json(result: BootResult) -> str:
    data = {
        "agent": result.agent,
        "verdict": result.verdict,
        "exit_code": result.exit_code,
        "now": result.now.isoformat(),
        "timezone": result.zone,
        "max_age_seconds": result.max_age,
        "max_age_source": result.max_age_source,
        "checks": {
            c.name: {"status": c.status, "detail": redact(c.detail), "path": c.path, **c.facts}
            for c in result.checks
        },
        "problems": [redact(problem) for problem in result.problems],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
