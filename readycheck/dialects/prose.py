"""Prose: evidence from the sentences of Markdown, text prompts, code strings and the
key/value text of config blocks.

A unit (paragraph, list item, config mapping) is read in the context of its headings and
file name. Each sentence is checked for negation ("TODO", "we have no ... yet") and for the
parts of each item. Parts that are ambiguous alone (a "stop", a "channel") count only where
the unit is about that item.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from readycheck import quantities as q
from readycheck.dialects import lexicon as lx
from readycheck.dialects.limits import Limit, classify_entry
from readycheck.model import Fact, Location, Unit

# Sentences end at . ! ? before a capital, or at a line that starts a list item; soft line
# breaks inside a paragraph are not boundaries.
_SENTENCE_END = re.compile(
    r"(?<=[.!?])\s+(?=[A-Z0-9\"'`*(\[])|\n\s*\n|\n(?=\s*(?:[-*+•]|\d+[.)])\s)"
)
# "Max steps: 50", "max_steps = 50", and a two-column table row "Agent steps | 40".
_KEY_VALUE = re.compile(r"^\s*(?:[-*+]\s*)?([A-Za-z][\w /\-]{1,40}?)\s*[:=|]\s*(\S.*)$")
_CUE_AFTER = re.compile(
    r"^\s*-?\s*(limit|cap|timeout|time-?out|budget|max|maximum|ceiling|hard limit)\b"
    r"|^,?\s*(tops|max|at most|or fewer|or less|and no more)\b",
    re.I,
)
# Durations in these sentences are schedules, back-offs or ages, not runtime limits.
_NON_RUNTIME = re.compile(
    r"retr|backoff|\bwait\b|sleep|between|interval|\bcron\b|schedule|heartbeat|\bago\b"
    r"|older|\bage\b|stale|fresh",
    re.I,
)
_SCHEDULE_BEFORE = re.compile(r"\b(every|each|per|in|after|ago)\s*$", re.I)
_RATE_AFTER = re.compile(r"^\s*(per|/|a|an|each)\s+(minute|second|hour|day|min|sec)", re.I)

_STEP_QTY = lx.Gated(
    rf"({q.NUMBER})\s*-?\s*{lx.STEP_UNIT}\b",
    "step|iter|turn|call|action|round|loop|cycle|request|repl|message|hop|attempt",
)
_TIME_QTY = re.compile(rf"(?<![\d.])({q.NUMBER})\s*-?\s*({q.TIME_UNIT})", re.I)
_TOKEN_QTY = lx.Gated(rf"({q.AMOUNT})\s*-?\s*(tokens?|tok)\b", "tok")
_COST_QTY = lx.Gated(
    rf"[$€£]\s*({q.DIGITS})|({q.DIGITS})\s*(usd|dollars|euros?|eur|gbp)\b",
    "$|€|£|usd|dollar|euro|eur|gbp",
)
_STRONG_CUE = re.compile(lx.LIMIT_CUE + r"[^.;]{0,25}$", re.I)
_WEAK_CUE = re.compile(lx.WEAK_LIMIT_CUE, re.I)


@dataclass(frozen=True)
class Source:
    """Where a unit comes from: its file, the topic its file name gives, what kind it is."""

    path: str
    topic: str = ""  # file stem and directory words, e.g. "boot" for BOOT.md
    structured: bool = False  # a synthetic unit built from a config mapping
    dialect: str = "prose"


_LOWER_START = re.compile(r"(?<=[a-z0-9)\]`'\"])\.\s+(?=[a-z])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:e\.g|i\.e|etc|vs|approx|cf|incl|resp|no|min|max|sec)|\.\w)$", re.I
)


def sentences(text: str) -> Iterator[tuple[str, int]]:
    """Sentences of a unit with their line offset inside it."""
    for chunk, offset in _sentences(text):
        # "...to logs/sprout.log. we don't alert anyone yet." is two sentences too.
        start = 0
        for m in _LOWER_START.finditer(chunk):
            if _ABBREVIATION.search(chunk[max(0, m.start() - 8) : m.start()]):
                continue
            yield chunk[start : m.start() + 1], offset
            start = m.end()
        yield chunk[start:], offset


def _sentences(text: str) -> Iterator[tuple[str, int]]:
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        chunk = text[pos : m.start()]
        if chunk.strip():
            yield " ".join(chunk.split()), text.count("\n", 0, pos)
        pos = m.end()
    if text[pos:].strip():
        yield " ".join(text[pos:].split()), text.count("\n", 0, pos)


def negated(sentence: str) -> bool:
    for m in lx.NEGATION.finditer(sentence):
        before = sentence[: m.start()]
        if lx.CONDITIONAL.search(before[-40:]):
            continue  # "if there is no answer": a trigger, not an absence
        clause = before.rsplit(",", 1)[-1].lstrip()
        if clause.startswith(("or ", "and ")) and lx.CONDITIONAL_START.search(before):
            continue  # "if X is ambiguous, or you do not have the data"
        return True
    return False


def _anti(pattern: lx.Gated, sentence: str) -> tuple[re.Match[str] | None, bool]:
    """(the first anti-pattern match, whether every match is negated: "never guess")."""
    matches = pattern.finditer(sentence)
    for m in matches:
        if not lx.NEGATOR.search(sentence[max(0, m.start() - 30) : m.start()]):
            return m, False
    return None, bool(matches)


@lru_cache(maxsize=4096)
def section_about(headings: tuple[str, ...], topic: str) -> frozenset[str]:
    """The items a section is about, from its headings and its file's name (memoised:
    every unit of a section shares them)."""
    joined = " / ".join(headings)
    context = f"{joined} / {topic}"
    about = {item for item, rx in lx.CONTEXT.items() if rx.search(context)}
    if lx.TRIGGER.search(joined):
        about.add("escalation")
    if lx.HEARTBEAT.search(context):
        about.discard("boot")  # a periodic checklist is not a boot sequence
        about.add("heartbeat")
    return frozenset(about)


def unit_about(unit: Unit, source: Source) -> set[str]:
    """The items a unit is about, from its section and its own words."""
    about = set(section_about(unit.headings, source.topic))
    text = " ".join(unit.text.split())
    if lx.TRIGGER.search(text) or re.search(r"escalat", text, re.I):
        about.add("escalation")
    if lx.BOOT_CUE.search(text) and not lx.HEARTBEAT.search(text):
        about.add("boot")
    if lx.TOPIC_IN_TEXT["monitoring"].search(text):
        about.add("monitoring")
    if lx.TOPIC_IN_TEXT["output"].search(text) or "validat" in text.lower():
        about.add("output")
    if "budget" not in about and lx.QUANTITY.opens(text):
        probe = Location(source.path, unit.line)
        if any(True for _ in _prose_limits(text, probe, set(), source)):
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
        if previous is not None and previous.headings == unit.headings:
            continues = (
                previous.text.rstrip().endswith(":")
                or _CONTINUES.match(unit.text)
                or (unit.lead_in and unit.lead_in == previous.lead_in)
            )
            if continues:
                about |= previous_about & set(_INHERITED)
        yield from unit_facts(unit, source, about)
        previous, previous_about = unit, about


def unit_facts(unit: Unit, source: Source, about: set[str] | None = None) -> Iterator[Fact]:
    headings = " / ".join(unit.headings)
    if (
        lx.NEGATED_SECTION.search(headings)
        or lx.DELETE_LIST.search(unit.lead_in)
        or lx.PLACEHOLDER_UNIT.search(unit.text)
    ):
        return  # planned, missing, or to be deleted: not evidence of anything
    prohibitions = bool(lx.PROHIBITION_SECTION.search(unit.headings[-1] if unit.headings else ""))
    if about is None:
        about = unit_about(unit, source)
    for sentence, offset in sentences(unit.text):
        loc = Location(source.path, unit.line + offset)
        yield from _sentence_facts(sentence, loc, about, prohibitions, source)


def _fact(item: str, part: str, loc: Location, text: str, source: Source, **kw: object) -> Fact:
    return Fact(item, part, loc, text[:160], source.dialect, **kw)  # type: ignore[arg-type]


def _sentence_facts(
    sentence: str, loc: Location, about: set[str], prohibitions: bool, source: Source
) -> Iterator[Fact]:
    neg = negated(sentence)

    # Anti-patterns count whatever else the sentence says; negated ones are good rules.
    anti, negated_anti = _anti(lx.ESCALATION_ANTI, sentence)
    if anti and not neg and not prohibitions:
        yield _fact("escalation", "anti", loc, sentence, source, value=anti.group(0))
    elif (negated_anti or (anti and prohibitions)) and lx.GUESSING.search(sentence):
        # "Never make your best guess" (or "Make your best guess" under "Never"): a stop.
        yield _fact("escalation", "stop", loc, sentence, source)
        about = about | {"escalation"}
    budget_anti, _ = _anti(lx.BUDGET_ANTI, sentence)
    if budget_anti and not prohibitions:
        yield _fact("budget", "anti", loc, sentence, source, value=budget_anti.group(0))
    retry_anti, _ = _anti(lx.RETRY_UNBOUNDED, sentence)
    if retry_anti and not prohibitions:
        yield _fact("dlq", "unbounded", loc, sentence, source, value=retry_anti.group(0))
    if neg:
        return

    yield from _escalation(sentence, loc, about, source)
    yield from _boot(sentence, loc, about, source)
    low = sentence.lower()
    if "task" in low or "snapshot" in low or "context" in low or "outbox" in low:
        for kind, rx in lx.STATE_FILES.items():
            m = rx.search(sentence)
            if m:
                yield _fact("state", kind, loc, sentence, source, value=m.group(0))
    yield from _budget(sentence, loc, about, source)
    yield from _output(sentence, loc, about, source)
    yield from _dlq(sentence, loc, source)
    yield from _monitoring(sentence, loc, about, source)


def _escalation(sentence: str, loc: Location, about: set[str], source: Source) -> Iterator[Fact]:
    hitl = lx.HITL.search(sentence)
    if hitl:
        yield _fact("escalation", "hitl", loc, sentence, source, value=hitl.group(0))
    trigger = lx.TRIGGER.search(sentence)
    if trigger:
        yield _fact("escalation", "trigger", loc, sentence, source, value=trigger.group(0))
    if "escalation" not in about and not trigger:
        return
    stop = lx.STOP.search(sentence)
    if stop:
        yield _fact("escalation", "stop", loc, sentence, source, value=stop.group(0))
    channel = lx.CHANNEL.search(sentence) or lx.NAMED_PERSON.search(sentence)
    if channel:
        yield _fact("escalation", "channel", loc, sentence, source, value=channel.group(0))


def _boot(sentence: str, loc: Location, about: set[str], source: Source) -> Iterator[Fact]:
    if "boot" not in about:
        return
    if lx.BOOT_ACTION.search(sentence) or lx.STATE_FILES["task"].search(sentence):
        yield _fact("boot", "sequence", loc, sentence, source)
    call = lx.READYCHECK_BOOT.search(sentence)
    if call:
        max_age = q.duration(call.group(1)) if call.group(1) else 4 * 3600.0
        for part in ("task_read", "outbox_check"):
            yield _fact("boot", part, loc, sentence, source, value="readycheck boot")
        yield _fact("boot", "age_check", loc, sentence, source, value=max_age)
        return
    if lx.TASK_READ.search(sentence):
        yield _fact("boot", "task_read", loc, sentence, source)
    if lx.AGE_WORD.search(sentence):
        found = q.first_duration(sentence)
        mmin = re.search(r"-mmin\s+[-+]?(\d+)", sentence)
        if mmin:
            bound: float | None = float(mmin.group(1)) * 60
        elif found:
            bound = found[0]
        elif lx.TODAY.search(sentence):
            bound = 86400.0
        else:
            bound = None
        yield _fact("boot", "age_check", loc, sentence, source, value=bound)
    if lx.OUTBOX_CHECK.search(sentence):
        yield _fact("boot", "outbox_check", loc, sentence, source)


def _budget(sentence: str, loc: Location, about: set[str], source: Source) -> Iterator[Fact]:
    if not source.structured:
        kv = _KEY_VALUE.match(sentence)
        keyed = (
            list(
                classify_entry(kv.group(1).strip(), kv.group(2).strip(), loc, about, source.dialect)
            )
            if kv
            else []
        )
        if not any(f.part in ("limit", "retry_bound", "unbounded") for f in keyed):
            # `max_retries: 3` written inside a sentence is a key/value pair too.
            inline = _INLINE_KEY.finditer(sentence) if "_" in sentence else ()
            for m in inline:
                keyed.extend(classify_entry(m.group(1), m.group(2), loc, about, source.dialect))
        yield from keyed  # "Max steps: 50" reads as a key; "Budget: at most 35 steps" as prose
        prose_ok = source.dialect != "script"  # `cd "$(dirname "$0")"` is no $0 budget
        if prose_ok and not any(f.item == "budget" and f.part == "limit" for f in keyed):
            yield from _prose_limits(sentence, loc, about, source)
    if (
        lx.ON_LIMIT.search(sentence)
        and (lx.ON_LIMIT_TOPIC.search(sentence) or "budget" in about)
        and lx.ON_LIMIT_ACTION.search(sentence)
        and not lx.AGE_WORD.search(sentence)
    ):
        yield _fact("budget", "on_limit", loc, sentence, source)


def _prose_limits(sentence: str, loc: Location, about: set[str], source: Source) -> Iterator[Fact]:
    if not lx.QUANTITY.opens(sentence) or sentence.rstrip().endswith("?"):
        return  # a question ("Is lag under 1,000 messages?") is a check, not a limit
    if lx.ROUTE.search(sentence) and lx.CONDITION.search(sentence):
        return  # an alert rule ("page on-call if errors exceed 5% for 10 minutes"), no limit
    in_budget = "budget" in about

    # In a condition ("if the GPS gap is over 20 minutes"), a comparison is no limit.
    conditional = bool(lx.CONDITIONAL_START.search(sentence) or lx.TRIGGER.search(sentence))

    def cued(start: int, end: int) -> bool:
        if _RATE_AFTER.match(sentence[end:]):
            return False
        before = sentence[max(0, start - 40) : start]
        return (
            in_budget
            or bool(_STRONG_CUE.search(before))
            or (not conditional and bool(_WEAK_CUE.search(before)))
            or bool(_CUE_AFTER.match(sentence[end:]))
        )

    for m in _STEP_QTY.finditer(sentence):
        value = q.amount(m.group(1))
        if value is not None and cued(m.start(), m.end()):
            yield _limit(Limit("steps", value, m.group(0)), loc, sentence, source)
    ages = lx.AGE_WORD.search(sentence)
    if not _NON_RUNTIME.search(sentence) and not lx.BOOT_CUE.search(sentence) and not ages:
        for m in _TIME_QTY.finditer(sentence):
            seconds = q.duration(m.group(0))
            unit = m.group(2)
            if len(unit) == 1 and not m.group(1)[0].isdigit():
                continue
            if _SCHEDULE_BEFORE.search(sentence[max(0, m.start() - 12) : m.start()]):
                continue
            if seconds is not None and cued(m.start(), m.end()):
                yield _limit(Limit("runtime", seconds, m.group(0)), loc, sentence, source)
    for m in _TOKEN_QTY.finditer(sentence):
        value = q.amount(m.group(1))
        if value is not None and cued(m.start(), m.end()):
            yield _limit(Limit("tokens", value, m.group(0)), loc, sentence, source)
    for m in _COST_QTY.finditer(sentence):
        value = q.amount(m.group(1) or m.group(2))
        if value is not None and cued(m.start(), m.end()):
            yield _limit(Limit("cost", value, m.group(0)), loc, sentence, source)


def _limit(limit: Limit, loc: Location, sentence: str, source: Source) -> Fact:
    return _fact("budget", "limit", loc, sentence, source, value=limit)


def _output(sentence: str, loc: Location, about: set[str], source: Source) -> Iterator[Fact]:
    low = sentence.lower()
    paths = lx.SCHEMA_PATH.finditer(sentence) if ".json" in low or ".y" in low else ()
    for m in paths:
        if sentence[max(0, m.start() - 3) : m.start()].endswith((":", "/")) or m.group(
            0
        ).startswith("//"):
            continue  # part of a URL: never fetched, never a local schema
        yield _fact("output", "schema_ref", loc, sentence, source, value=m.group(0))
    if lx.ENFORCE.search(sentence) and (
        "output" in about
        or re.search(r"output|response|result|schema|json|payload|valid", sentence, re.I)
    ):
        yield _fact("output", "enforce", loc, sentence, source)


# "A study that fails three times goes to `needs-manual/`": a directory failed work moves to.
_MOVED_TO_DIR = re.compile(
    r"\b(go|goes|went|move[sd]?|moving|put|placed|filed|sent|written|dropped|parked|routed"
    r"|copied|land|lands|end up|ends up)\b[^.;]{0,25}\b(to|into|in|under)\s+[`'\"]?"
    r"(?!(logs?|tmp|temp|outputs?|reports?|archive|cache|build|dist|results?)/)[\w.-]+/",
    re.I,
)
_FAILURE = re.compile(
    r"\bfail|\berror|\breject|can'?t be (parsed|processed|read)|attempt|retr", re.I
)
_INLINE_KEY = re.compile(r"\b([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\s*[:=]\s*([\w.$-]+)")


def _dlq(sentence: str, loc: Location, source: Source) -> Iterator[Fact]:
    dest = lx.DLQ_DESTINATION.search(sentence) or (
        _FAILURE.search(sentence) and _MOVED_TO_DIR.search(sentence)
    )
    if dest:
        yield _fact("dlq", "destination", loc, sentence, source, value=dest.group(0))
    bound = lx.RETRY_BOUND.search(sentence)
    if bound and re.search(r"retr|attempt|tries|\btry|fail|again|chance", sentence, re.I):
        count = _retry_count(bound.group(0))
        if count is not None and count > 0:
            yield _fact("dlq", "retry_bound", loc, sentence, source, value=count)


# "Send a summary e-mail to the team after every run": a channel, though with no condition.
_STATUS_REPORT = re.compile(
    r"\b(send|post|notify|report|mail|message|ping)\b.{0,60}\b(summary|status|report|digest"
    r"|update|recap)\b|\b(summary|status|digest|recap)\b.{0,40}\b(send|post|mail)",
    re.I,
)
# "Keep raw logs of what happened in memory/2026-11-29.md": a diary, not monitoring.
_MEMORY_NOTES = re.compile(r"\bmemory\b|\bjournal\b|\bdiary\b|daily notes?|\bnotes?/", re.I)
_ORDINALS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5}


def _retry_count(text: str) -> float | None:
    """The number in a retry bound: 'at most twice', '3rd fail', 'after three attempts'."""
    m = re.search(
        rf"(\d+)(?:st|nd|rd|th)?|\b({q.NUMBER_WORDS}|second|third|fourth|fifth)\b", text, re.I
    )
    if not m:
        return None
    if m.group(1):
        return float(m.group(1))
    word = m.group(2).lower()
    return float(_ORDINALS[word]) if word in _ORDINALS else q.number(word)


def _monitoring(sentence: str, loc: Location, about: set[str], source: Source) -> Iterator[Fact]:
    route = lx.ROUTE.search(sentence)
    condition = lx.CONDITION.search(sentence)
    if condition and lx.TRIGGER.search(sentence) and not lx.FAILURE_CONDITION.search(sentence):
        condition = None  # "when confidence is below the threshold": uncertainty, not failure
    if route:
        # An escalation channel that fires on uncertainty is not a monitoring route.
        uncertainty_only = lx.TRIGGER.search(sentence) and not condition
        if condition or "heartbeat" in about:
            # A heartbeat delivered to a human is an alert: its condition is the missed beat.
            yield _fact("monitoring", "alert", loc, sentence, source, value=route.group(0))
        elif ("monitoring" in about or _STATUS_REPORT.search(sentence)) and not uncertainty_only:
            yield _fact("monitoring", "route", loc, sentence, source, value=route.group(0))
    elif (
        lx.LOGGING.search(sentence)
        and ("monitoring" in about or not source.structured)
        and not _MEMORY_NOTES.search(sentence)
    ):
        yield _fact("monitoring", "logging", loc, sentence, source)


def is_finite_positive(value: float) -> bool:
    return value > 0 and not math.isinf(value) and not math.isnan(value)
