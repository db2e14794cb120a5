"""Config files and manifest blocks: YAML, JSON, JSON5, TOML, dotenv, and the YAML-like
blocks fenced in Markdown.

Each scalar is classified by its key (limits, retries, schema paths...). Each mapping is
also read as one sentence of its `key value` pairs, so that a manifest block such as
`escalation: {when: [uncertain], action: stop, write_to: outbox.json}` is judged by the
same words as prose, in the context of its key path.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from functools import lru_cache
from typing import Any

from readycheck import quantities as q
from readycheck.checklist.escalation.words import TRIGGER
from readycheck.checklist.monitoring import words as monitoring
from readycheck.dialects.keys import classify_entry
from readycheck.dialects.prose import ABOUT_BY_ITEM, unit_facts
from readycheck.model import Document, Entry, Fact, Location, Unit
from readycheck.reading.sentences import Source

_BARE_BOUND = frozenset({"max", "maximum", "limit", "cap", "ceiling", "value", "amount", "upto"})


_ONE_SENTENCE = 12  # the most settings of one mapping read together as one sentence
# A template's placeholder value (`threshold: <alert condition>`) says nothing.
_TEMPLATE = re.compile(r"<[a-z][^<>]{0,40}>")  # `'threshold': '<alert condition>'` in a value
# A value of 200 or more characters with no space in it (a `data:` URL, base64, a hash).
_OPAQUE = re.compile(r"\S{200,}")
_PLACEHOLDER_VALUE = re.compile(r"^\s*(<[^<>]*>|\.\.\.|…|TODO|TBD|CHANGEME|xxx+)\s*$", re.I)


def config_facts(doc: Document, topic: str) -> Iterator[Fact]:
    if doc.kind == "python" or not doc.entries:
        return
    # Group the scalars of each mapping so a mapping reads as one unit.
    groups: dict[tuple[str | int, ...], list[Entry]] = {}
    for entry in doc.entries:
        parent = entry.keys[:-1]
        if isinstance(entry.value, dict):
            groups.setdefault(entry.keys, [])
        groups.setdefault(parent, []).append(entry)

    for entry in doc.entries:
        if not isinstance(entry.key, str) or isinstance(entry.keys[-1], int):
            continue
        about = _about(entry.keys[:-1], entry.context, topic)
        loc = Location(doc.path, entry.line, entry.column)
        value = entry.value
        if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
            value = ", ".join(str(v) for v in value)
        key = entry.key
        if key.lower() in _BARE_BOUND and len(entry.keys) > 1 and isinstance(entry.keys[-2], str):
            key = f"{entry.keys[-2]}_{key}"  # `steps: {max: 45}` reads as steps_max
        yield from classify_entry(key, value, loc, about, "config")
        if len(entry.keys) == 2 and entry.keys[0] == "state" and isinstance(value, str):
            yield Fact("state", "declared", loc, value, "config", key=entry.key, value=value)

    units: dict[tuple[str | int, ...], list[Entry]] = {}
    for parent, members in groups.items():
        if doc.kind == "dotenv" or len(members) > _ONE_SENTENCE:
            # A flat `.env` or a long mapping is a list of settings, not one sentence:
            # `WEBHOOK` in one key and `TIMEOUT` in another make no alert together.
            for n, entry in enumerate(members):
                one: tuple[str | int, ...] = (*parent, -1 - n)
                units[one] = [entry]
        else:
            units[parent] = members

    for parent, members in units.items():
        words = [_words(e) for e in members]
        text = "; ".join(w for w in words if w)
        if not text:
            continue
        first = members[0]
        headings = tuple(str(k) for k in parent if isinstance(k, str)) or (topic,)
        # `pagerduty: {when: failure}`: the mapping's key names its route.
        route_key = next((k for k in reversed(parent) if isinstance(k, str)), "")
        if monitoring.ROUTE_KEY.search(q.snake(route_key)):
            text = f"{_label(route_key)}: {text}"
        names = {e.key for e in members}
        # A Prometheus alerting rule or a CloudWatch alarm: a condition for a route elsewhere.
        if {"alert", "expr"} <= names or {"Threshold", "ComparisonOperator"} <= names:
            yield Fact(
                "monitoring",
                "alert_rule",
                Location(doc.path, first.line),
                text[:160],
                "prometheus",
                key="alert",
            )
        if any(_route_key(e.key, names) for e in members):
            headings = (*headings, "alerts")  # `SLACK_WEBHOOK_URL=...` is an alert channel
        unit = Unit(text, first.line, (*first.context, *headings))
        facts = unit_facts(unit, Source(doc.path, topic, structured=True, dialect="config"))
        if _disabled(members):
            # A switched-off route is no route: report it, and credit nothing it says.
            if monitoring.ROUTE.search(text) or monitoring.ROUTE_KEY.search(
                " ".join(str(e.key) for e in members)
            ):
                loc = Location(doc.path, first.line)
                yield Fact("monitoring", "disabled", loc, text[:160], "config")
            facts = (f for f in facts if f.item != "monitoring")
        yield from facts
    yield from _nested_alerts(doc, groups)


def _nested_alerts(
    doc: Document, groups: dict[tuple[str | int, ...], list[Entry]]
) -> Iterator[Fact]:
    """An alert whose condition and route sit at different depths of one small block:
    `- when: apply_failed\n  notify: {email: oncall@...}`."""
    for path, subtree in _subtrees(doc.entries, groups).items():
        scalars = [e for e in subtree if not isinstance(e.value, (dict, list))]
        if not scalars or len(scalars) > 15 or len(subtree) == len(groups.get(path, [])):
            continue  # nothing nested, or too big to be one alert
        keys = {e.keys[-1] for e in subtree}
        text = "; ".join(
            f"{_label(str(e.keys[-1]))} {_readable(e.value)}"
            if isinstance(e.keys[-1], str)
            else _readable(e.value)
            for e in subtree
        )
        if _disabled(subtree) or _TEMPLATE.search(text):
            continue  # switched off, or a template still to be filled in
        if (
            monitoring.ROUTE.search(text)
            or any(_route_key(e.keys[-1], keys) for e in subtree if isinstance(e.keys[-1], str))
        ) and _failure_condition(text.replace("_", " ")):
            line = subtree[0].line
            yield Fact("monitoring", "alert", Location(doc.path, line), text[:160], "config")


def _route_key(key: object, siblings: Collection[object]) -> bool:
    """A key that names an alert route; not a Prometheus rule's `alert:` (its name, beside
    `expr:`), which is a condition for a route that Alertmanager must supply."""
    if str(key).lower() == "alert" and "expr" in siblings:
        return False
    return bool(monitoring.ROUTE_KEY.search(q.snake(str(key))))


def _subtrees(
    entries: list[Entry], groups: dict[tuple[str | int, ...], list[Entry]]
) -> dict[tuple[str | int, ...], list[Entry]]:
    """The entries strictly below each group's path, in document order, in one pass over
    the entries: a scan of every entry per group is quadratic (minutes for a long list)."""
    subtrees: dict[tuple[str | int, ...], list[Entry]] = {path: [] for path in groups}
    for entry in entries:
        for depth in range(len(entry.keys)):
            below = subtrees.get(entry.keys[:depth])
            if below is not None:
                below.append(entry)
    return subtrees


def _failure_condition(text: str) -> bool:
    """A condition that means failure; next to an uncertainty trigger, only an explicit one
    (a `confidence_threshold` in an escalation block is no alert condition)."""
    if TRIGGER.search(text):
        return bool(monitoring.FAILURE_CONDITION.search(text))
    return bool(monitoring.CONDITION.search(text))


def _about(keys: tuple[str | int, ...], context: tuple[str, ...], topic: str) -> set[str]:
    names = tuple(k for k in keys if isinstance(k, str))
    return set(_about_names(names, context, topic))


@lru_cache(maxsize=4096)
def _about_names(names: tuple[str, ...], context: tuple[str, ...], topic: str) -> frozenset[str]:
    text = " / ".join([*context, *names, topic])
    return frozenset(item for item, rx in ABOUT_BY_ITEM.items() if rx.search(text))


def _label(key: str) -> str:
    return key.replace("_", " ").replace("-", " ")


def _readable(value: object) -> str:
    """A value as text, '' for an image's base64, a hash, a minified blob: data, never
    words (inside a mapping or a list too). A long URL stays (a Teams webhook is 200
    characters)."""
    return str(_without_blobs(value))


def _without_blobs(value: object) -> object:
    if isinstance(value, str):
        return "" if _OPAQUE.fullmatch(value) and "://" not in value else value
    if isinstance(value, dict):
        return {k: _without_blobs(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_blobs(v) for v in value]
    return value


def _words(entry: Entry) -> str:
    """`write_to: outbox.json` -> 'write to outbox.json'; containers contribute their key."""
    key = entry.key.replace("_", " ").replace("-", " ") if isinstance(entry.keys[-1], str) else ""
    value: Any = entry.value
    if isinstance(value, dict):
        return ""
    if isinstance(value, list):
        if any(isinstance(v, (dict, list)) for v in value):
            return ""
        value = ", ".join(str(v).replace("_", " ") for v in value)
    elif isinstance(value, bool):
        return key if value else ""  # `check_outbox: false` says nothing is done
    elif (
        value is None
        or _PLACEHOLDER_VALUE.match(str(value))
        or _TEMPLATE.search(str(value))
        or str(value).rstrip().endswith("?")  # a question bank's entry instructs nothing
    ):
        return ""
    elif not _readable(value):
        return key
    else:
        value = str(value).replace("_", " ") if len(str(value)) < 40 else str(value)
    return f"{key} {value}".strip()


def _disabled(members: list[Entry]) -> bool:
    for e in members:
        name = e.key.lower()
        if name == "enabled" and e.value is False:
            return True
        if (
            name in ("target", "to", "channel", "mode")
            and isinstance(e.value, str)
            and monitoring.DISABLED_VALUE.match(e.value.strip())
        ):
            return True
    return False
