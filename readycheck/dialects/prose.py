"""Prose: evidence from the sentences of Markdown, text prompts, code strings and the
key/value text of config blocks.

A unit (paragraph, list item, config mapping) is read in the context of its headings and
file name. Each sentence is checked for negation ("TODO", "we have no ... yet"), then
offered to every checklist item's prose reader (`readycheck/checklist/<item>/prose.py`).
Parts that are ambiguous alone (a "stop", a "channel") count only where the unit is about
that item.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

from readycheck.checklist import ITEMS
from readycheck.checklist.boot.words import HEARTBEAT
from readycheck.checklist.budget.prose import unit_is_about as states_a_limit
from readycheck.checklist.escalation.prose import triggers as escalation_triggers
from readycheck.checklist.escalation.words import TRIGGER
from readycheck.dialects.keys import classify_entry
from readycheck.model import Fact, Location, Unit
from readycheck.reading.gates import Gated
from readycheck.reading.negation import negated
from readycheck.reading.sections import (
    DELETE_LIST,
    NEGATED_SECTION,
    PLACEHOLDER_UNIT,
    PROHIBITION_SECTION,
)
from readycheck.reading.sentences import Sentence, Source, sentences

# Each item's prose reader, in checklist order: `read(sentence)` for what an affirmative
# sentence gives, `anti(sentence)` (where the item has anti-patterns) whatever its polarity,
# `unit_is_about(text)` where the item can tell from a unit's own words.
READERS: tuple[tuple[str, ModuleType], ...] = tuple(
    (spec.id, import_module(f"readycheck.checklist.{spec.id}.prose")) for spec in ITEMS
)


# The readers' entry points, looked up once. Budget's `unit_is_about` is the costliest
# test: it runs last (see `unit_about`), and only when still needed.
_UNIT_IS_ABOUT = tuple(
    (item, reader.unit_is_about)
    for item, reader in READERS
    if hasattr(reader, "unit_is_about") and item != "budget"
)
_ANTI = tuple(reader.anti for _, reader in READERS if hasattr(reader, "anti"))
_READ = tuple(reader.read for _, reader in READERS)


def _about_pattern(item: str) -> Gated | re.Pattern[str] | None:
    """The item's `ABOUT` words: what a section or file about it is called (an item with no
    words module, such as state, whose evidence is its files' names, has none). Gated by
    their required words there: they are tried on every distinct heading path."""
    name = f"readycheck.checklist.{item}.words"
    words = import_module(name) if find_spec(name) is not None else None
    about: Gated | re.Pattern[str] | None = getattr(words, "ABOUT", None)
    return about


ABOUT_BY_ITEM: dict[str, Gated | re.Pattern[str]] = {
    spec.id: rx for spec in ITEMS if (rx := _about_pattern(spec.id)) is not None
}

# "Max steps: 50", "max_steps = 50", and a two-column table row "Agent steps | 40".
_CLAUSE_OPENER = re.compile(
    r"(when|whenever|if|unless|once|after|before|while|until|as soon as)\b", re.I
)
_KEY_VALUE = re.compile(r"^\s*(?:[-*+]\s*)?([A-Za-z][\w /\-]{1,40}?)\s*[:=|]\s*(\S.*)$")
_INLINE_KEY = re.compile(r"\b([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\s*[:=]\s*([\w.$-]+)")


@lru_cache(maxsize=4096)
def section_about(headings: tuple[str, ...], topic: str) -> frozenset[str]:
    """The items a section is about, from its headings and its file's name (memoised:
    every unit of a section shares them)."""
    joined = " / ".join(headings)
    context = f"{joined} / {topic}"
    about = {item for item, rx in ABOUT_BY_ITEM.items() if rx.search(context)}
    if TRIGGER.search(joined):
        about.add("escalation")
    if HEARTBEAT.search(context):
        about.discard("boot")  # a periodic checklist is not a boot sequence
        about.add("heartbeat")
    return frozenset(about)


def unit_about(unit: Unit, source: Source) -> set[str]:
    """The items a unit is about, from its section and its own words."""
    about = set(section_about(unit.headings, source.topic))
    text = " ".join(unit.text.split())
    for item, is_about in _UNIT_IS_ABOUT:
        if item not in about and is_about(text):
            about.add(item)
    if "budget" not in about and states_a_limit(text, source, unit.line):
        about.add("budget")  # a unit that states a limit is about the budget
    return about


# A unit that continues the one before it ("Instead, write ...") shares its topic.
_CONTINUES = re.compile(
    r"^(instead|then|also|otherwise|in that case|in this case|after that|afterwards|and|next"
    r"|finally|first|second|third|when that happens|if so|do this|that means)\b",
    re.I,
)
_INHERITED = ("escalation", "boot")


def document_units(units: list[Unit], source: Source) -> Iterator[Fact]:
    """Facts of a document's units in order, carrying a topic across continuing units."""
    previous: Unit | None = None
    previous_about: set[str] = set()
    for unit in units:
        about = unit_about(unit, source)
        inherited: set[str] = set()
        if previous is not None and previous.headings == unit.headings:
            continues = (
                previous.text.rstrip().endswith(":")
                or _CONTINUES.match(unit.text)
                or (unit.lead_in and unit.lead_in == previous.lead_in)
            )
            if continues:
                inherited = previous_about & set(_INHERITED)
                about |= inherited
        yield from unit_facts(unit, source, about, inherited)
        previous, previous_about = unit, about


@lru_cache(maxsize=4096)
def _section_kind(headings: tuple[str, ...]) -> tuple[bool, bool]:
    """Whether a section is planned or missing work (a roadmap, a TODO list), and whether
    it lists what the agent must not do (memoised: every unit of a section shares them)."""
    planned = bool(NEGATED_SECTION.search(" / ".join(headings)))
    prohibitions = bool(PROHIBITION_SECTION.search(headings[-1] if headings else ""))
    return planned, prohibitions


def unit_facts(
    unit: Unit, source: Source, about: set[str] | None = None, inherited: set[str] | None = None
) -> Iterator[Fact]:
    planned, prohibitions = _section_kind(unit.headings)
    if planned or DELETE_LIST.search(unit.lead_in) or PLACEHOLDER_UNIT.search(unit.text):
        return  # planned, missing, or to be deleted: not evidence of anything
    if about is None:
        about = unit_about(unit, source)
    section = section_about(unit.headings, source.topic) | (inherited or set())
    before = ""
    split = list(sentences(unit.text))
    for n, (text, offset) in enumerate(split):
        # "Q: I'm not sure what they mean. What now?": a situation put as a question.
        asks = text.startswith("Q:") or (n + 1 < len(split) and split[n + 1][0].endswith("?"))
        loc = Location(source.path, unit.line + offset)
        # Each sentence gets its own copy: a reader may widen what its sentence is about.
        after = " ".join(t for t, _ in split[n + 1 : n + 3])
        sentence = Sentence(
            text, loc, set(about), prohibitions, source, negated(text), section, before, after, asks
        )
        yield from sentence_facts(sentence)
        before = f"{split[n - 1][0] if n else ''} {text}"  # the two sentences before


def sentence_facts(s: Sentence) -> Iterator[Fact]:
    """What one sentence gives: anti-patterns whatever its polarity; the rest only when it
    is not negated. A question gives only the condition it states."""
    if s.question:
        yield from escalation_triggers(s)
        return
    for anti in _ANTI:
        yield from anti(s)
    if s.negated:
        return
    keyed = _key_values(s)
    yield from keyed
    s.stated_limit = any(f.item == "budget" and f.part == "limit" for f in keyed)
    for read in _READ:
        yield from read(s)


def _key_values(s: Sentence) -> list[Fact]:
    """`Max steps: 50` as a line, or `max_retries: 3` inside a sentence: key/value pairs."""
    if s.source.structured:
        return []
    kv = _KEY_VALUE.match(s.text)
    if kv and (len(kv.group(1).split()) > 5 or _CLAUSE_OPENER.match(kv.group(1))):
        kv = None  # "When a subagent times out: 1) log it" is a clause, not a key
    keyed = (
        list(
            classify_entry(
                kv.group(1).strip(), kv.group(2).strip(), s.loc, s.about, s.source.dialect
            )
        )
        if kv
        else []
    )
    if not any(f.part in ("limit", "retry_bound", "unbounded") for f in keyed):
        inline = _INLINE_KEY.finditer(s.text) if "_" in s.text else ()
        for m in inline:
            keyed.extend(classify_entry(m.group(1), m.group(2), s.loc, s.about, s.source.dialect))
    return keyed
