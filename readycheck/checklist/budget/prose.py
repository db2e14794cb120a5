"""Reading the session budget in prose: limits written as quantities with a cue ("at most
40 steps", "a 15-minute timeout"), the on-limit behaviour, and unbounded-work anti-patterns."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from readycheck import quantities as q
from readycheck.checklist.boot.words import AGE_WORD, BOOT_CUE
from readycheck.checklist.budget import words as w
from readycheck.checklist.budget.limits import Limit
from readycheck.checklist.escalation.words import TRIGGER
from readycheck.checklist.monitoring.words import CONDITION, ROUTE
from readycheck.model import Fact, Location
from readycheck.reading.gates import Gated
from readycheck.reading.negation import CONDITIONAL_START, first_affirmed
from readycheck.reading.places import tool_file
from readycheck.reading.sentences import Sentence, Source

ITEM = "budget"

# Read with .match(sentence, end): a cue right after the quantity. `\s*(?:-\s*)?` reads
# what `\s*-?\s*` reads, but a run of spaces splits only one way (no quadratic backtracking).
_CUE_AFTER = re.compile(
    r"\s*(?:-\s*)?(limit|cap|timeout|time-?out|budget|max|maximum|ceiling|hard limit)\b"
    r"|,?\s*(tops|max|at most|or fewer|or less|and no more)\b",
    re.I,
)
# Durations in these sentences are schedules, back-offs, ages or the user's calendar, not
# runtime limits ("waiting 5 min", "time slots shorter than 15 minutes", "events (<2h)").
_NON_RUNTIME = re.compile(
    r"retr|backoff|\bwait(s|ing|ed)?\b|sleep|between|interval|\bcron\b|schedule|heartbeat"
    r"|\bago\b|older|\bage\b|stale|fresh|\bslots?\b|\bevents?\b|appointment|meeting"
    r"|calendar|\bnext \d",
    re.I,
)
_SCHEDULE_BEFORE = re.compile(r"\b(every|each|per|in|after|ago)\s*$", re.I)
_RATE_AFTER = re.compile(  # read with .match(sentence, end), as _CUE_AFTER
    r"\s*((per|/|a|an|each)\s*|every\s*(\d+\s*)?(?:-\s*)?)(minute|second|hour|day|week"
    r"|month|year|min|sec)",
    re.I,
)
# A rate limit (of an API, a platform) is not a session budget.
_RATE_LIMIT = re.compile(r"rate[- ]?limit|\brpm\b|\btpm\b|requests? per", re.I)
# What a runtime or cost limit outside a budget section must be about: the agent's own run
# and spend, not a video's length, a reply deadline or the user's personal budget.
_OWN_RUN = re.compile(
    r"\b(run|runs|session|task|job|execution|loop|agent|whole|total|wall[- ]?clock|timeout"
    r"|time[- ]?out|time limit|time budget|budget|llm|model|api|tokens?|compute"
    r"|inference|cycle|iteration|turn|step|pass|passe|attempt|finish|complete|work"
    r"|working|spend)s?\b",
    re.I,
)
# What a cost limit outside a budget section must be about: the agent's spend on models,
# not a refund threshold or a price.
_OWN_SPEND = re.compile(
    r"\b(api|llm|model|tokens?|spend|spending|costs?|budget|compute|inference|billing|openai"
    r"|anthropic|run|session|task)\b",
    re.I,
)
# A model's context window is a property of the model, not a session budget.
# The size of something stored ("core memory cap: 3,000 tokens"), not of a session.
_STORED_TEXT = re.compile(
    r"\b(memory|memories|file|document|note|notes|summary|chunk|embedding|history)\b", re.I
)
_CONTEXT_WINDOW = re.compile(r"context[- ](window|length|size|limit)|\bwindow of\b", re.I)

# A skill's notes and scripts set up a tool: their limits are the tool's unless they name
# the agent's own run ("each run of this skill may use at most 20 tool calls").
_AGENT_RUN = re.compile(
    r"\b(session|run|runs|task|agent|conversation|per (run|session|task|turn))\b", re.I
)
# "1) Log the failure": a numbered step, not a quantity.
_LIST_MARKER = re.compile(r"[).]\s")

_STEP_QTY = Gated(
    rf"({q.NUMBER})\s*(?:-\s*)?{w.STEP_UNIT}\b",
    "step|iter|turn|call|action|round|loop|cycle|request|repl|message|hop|attempt",
)
_TIME_QTY = re.compile(rf"(?<![\d.])({q.NUMBER})\s*(?:-\s*)?({q.TIME_UNIT})", re.I)
_TOKEN_QTY = Gated(rf"({q.AMOUNT})\s*(?:-\s*)?(tokens?|tok)\b", "tok")
_COST_QTY = Gated(
    rf"[$€£]\s*({q.DIGITS})|({q.DIGITS})\s*(usd|dollars|euros?|eur|gbp)\b",
    "$|€|£|usd|dollar|euro|eur|gbp",
)
_QUANTITIES = (_STEP_QTY, _TIME_QTY, _TOKEN_QTY, _COST_QTY)
_STRONG_CUE = re.compile(w.LIMIT_CUE + r"[^.;]{0,25}$", re.I)
_WEAK_CUE = re.compile(w.WEAK_LIMIT_CUE, re.I)


@lru_cache(maxsize=4096)
def _has_quantity(sentence: str) -> bool:
    """Memoised: a one-sentence unit is asked about as a unit, then as its sentence."""
    return any(qty.search(sentence) for qty in _QUANTITIES)


def unit_is_about(text: str, source: Source, line: int) -> bool:
    """A unit that states a limit is about the budget."""
    if not w.QUANTITY.opens(text):
        return False
    probe = Sentence(text, Location(source.path, line), set(), False, source)
    return any(True for _ in limits(probe))


def anti(s: Sentence) -> Iterator[Fact]:
    found, _ = first_affirmed(w.BUDGET_ANTI, s.text)
    if found and not s.prohibitions:
        yield s.fact(ITEM, "anti", value=found.group(0))


def read(s: Sentence) -> Iterator[Fact]:
    # "Max steps: 50" reads as a key (see dialects.prose); "Budget: at most 35 steps" as
    # prose. A script's `cd "$(dirname "$0")"` is no $0 budget.
    if not s.source.structured and s.source.dialect != "script" and not s.stated_limit:
        yield from limits(s)
    text = s.text
    if (
        w.ON_LIMIT.search(text)
        and (w.ON_LIMIT_TOPIC.search(text) or ITEM in s.about)
        and w.ON_LIMIT_ACTION.search(text)
        and not AGE_WORD.search(text)
    ):
        yield s.fact(ITEM, "on_limit")


def limits(s: Sentence) -> Iterator[Fact]:
    """Limits stated as cued quantities in one sentence."""
    sentence = s.text
    if not w.QUANTITY.opens(sentence) or sentence.rstrip().endswith("?"):
        return  # a question ("Is lag under 1,000 messages?") is a check, not a limit
    if not _has_quantity(sentence):
        return  # no quantity at all: nothing below can yield (the common case, and cheap)
    if ROUTE.search(sentence) and CONDITION.search(sentence):
        return  # an alert rule ("page on-call if errors exceed 5% for 10 minutes"), no limit
    if _RATE_LIMIT.search(sentence):
        return
    in_budget = ITEM in s.about
    if not in_budget and tool_file(s.source.path) and not _AGENT_RUN.search(sentence):
        return  # a skill's tool settings ("console limit=10", "timeoutSeconds: 120")
    # What the quantity is about: in the agent's own instructions a strong cue ("you have
    # 15 minutes", "at most 40 steps") is about its run; a weak one ("within 10 minutes",
    # "more than 5") and anything in a skill's notes or a string in code ("videos up to
    # 10 min", "refunds within 14 days") must name the run.
    names_run = in_budget or bool(_OWN_RUN.search(sentence))
    own_run = names_run or s.source.primary

    # In a condition ("if the GPS gap is over 20 minutes"), a comparison is no limit.
    conditional = bool(CONDITIONAL_START.search(sentence) or TRIGGER.search(sentence))

    def cued(start: int, end: int, own: bool = False) -> bool:
        """Whether a limit word cues the quantity; `own`: it counts the agent's own steps
        ("more than 30 tool calls"), so a weak cue is enough."""
        if _RATE_AFTER.match(sentence, end):  # at `end`, not on a copy of the rest
            return False
        before = sentence[max(0, start - 40) : start]
        return (
            in_budget
            or bool(_STRONG_CUE.search(before))
            or (not conditional and (names_run or own) and bool(_WEAK_CUE.search(before)))
            or bool(_CUE_AFTER.match(sentence, end))
        )

    for m in _STEP_QTY.finditer(sentence):
        value = q.amount(m.group(1))
        if value is None or value != int(value) or _LIST_MARKER.match(sentence, m.end(1)):
            continue  # "BCT 1.4 Action Planning", "on timeout: 1) log it" are no counts
        if cued(m.start(), m.end(), own=True):
            yield s.fact(ITEM, "limit", value=Limit("steps", value, m.group(0)))
    ages = AGE_WORD.search(sentence)
    runtime_ok = own_run and not _NON_RUNTIME.search(sentence)
    if runtime_ok and not BOOT_CUE.search(sentence) and not ages:
        for m in _TIME_QTY.finditer(sentence):
            seconds = q.duration(m.group(0))
            unit = m.group(2)
            if len(unit) == 1 and not m.group(1)[0].isdigit():
                continue
            if _SCHEDULE_BEFORE.search(sentence[max(0, m.start() - 12) : m.start()]):
                continue
            if _LIST_MARKER.match(sentence, m.end(1)):
                continue
            if seconds is not None and cued(m.start(), m.end()):
                yield s.fact(ITEM, "limit", value=Limit("runtime", seconds, m.group(0)))
    window = _CONTEXT_WINDOW.search(sentence) or _STORED_TEXT.search(sentence)
    tokens = _TOKEN_QTY.finditer(sentence) if not window else []
    for m in tokens:
        value = q.amount(m.group(1))
        if value is not None and cued(m.start(), m.end()):
            yield s.fact(ITEM, "limit", value=Limit("tokens", value, m.group(0)))
    spend = in_budget or s.source.primary or bool(_OWN_SPEND.search(sentence))
    for m in _COST_QTY.finditer(sentence) if spend else ():
        value = q.amount(m.group(1) or m.group(2))
        if value is not None and cued(m.start(), m.end()):
            yield s.fact(ITEM, "limit", value=Limit("cost", value, m.group(0)))
