"""Reading the escalation rule in prose: trigger, stop, channel; anti-patterns; HITL gates."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from readycheck.checklist.escalation import words as w
from readycheck.model import Fact
from readycheck.reading.gates import required_words_gated
from readycheck.reading.negation import first_affirmed
from readycheck.reading.sentences import Sentence

ITEM = "escalation"
_ESCALATE = required_words_gated(r"escalat")  # tried on every unit


def unit_is_about(text: str) -> bool:
    """A unit that names a trigger or escalation is about this item, whatever its section."""
    return bool(w.TRIGGER.search(text) or _ESCALATE.search(text))


def anti(s: Sentence) -> Iterator[Fact]:
    """Anti-patterns count whatever else the sentence says; negated ones are good rules."""
    found, all_negated = first_affirmed(w.ANTI, s.text)
    if not found and w.TRIGGER.search(s.text):
        found, _ = first_affirmed(w.BARE_ASK, s.text)
    if found and _carved_out(s.text, found):
        found = None
    if found and not s.negated and not s.prohibitions:
        yield s.fact(ITEM, "anti", value=found.group(0))
    elif (all_negated or (found and s.prohibitions)) and w.GUESSING.search(s.text):
        # "Never make your best guess" (or "Make your best guess" under "Never"): a stop.
        yield s.fact(ITEM, "stop")
        s.about.add(ITEM)
        s.section = s.section | {ITEM}  # the rest of the sentence is the rule's too


def _carved_out(text: str, found: re.Match[str]) -> bool:
    """A case the instructions settle, not a rule for the agent's doubt: "Don't ask for
    clarification when users request X - list them all". An exception whose condition is
    itself a doubt ("never ask when unsure") stays an anti-pattern."""
    after = _EXCEPTION.match(text, found.end())
    return bool(after and not w.TRIGGER.search(text[found.end() :]))


_CHECK_QUESTION = re.compile(
    r"^\W*(\[[ x]\]\s*)?(is|are|was|were|does|do|did|can|could|should|has|have|will|would"
    r"|what|which|who|how|why|where)\b",
    re.I,
)
_NO_GUESS = re.compile(r"guess|assum|invent|fabricat|make up|made up|speculat", re.I)
_SOMEONE_ELSE = re.compile(
    r"\b(people|users?|customers?|clients?|they|someone|anyone|he|she|who|others)\s+(\w+\s+)?$",
    re.I,
)
# Someone else's doubt: "if other agents are blocked", "when the team is stuck", "if the
# user seems unsure". Not "if the user's request is unclear" (the agent's doubt about it).
_OTHERS_DOUBT = re.compile(
    r"\b(users?|customers?|clients?|teammates?|team|colleagues?|(other|another) agents?"
    r"|sub-?agents?|workers?|members?|someone|somebody|people|they|he|she|others)"
    r"\s+((is|are|was|were|seems?|feels?|gets?|got|becomes?|looks?)\s+)?"
    r"((really|truly|still|very|also|ever|genuinely|completely)\s+)?$",
    re.I,
)
_NOT = re.compile(r"\b(never|not|don'?t|no need to|without)\s+(\w+\s+){0,2}$", re.I)
_EXCEPTION = re.compile(r"[^.;]{0,40}?\b(when|if|whenever|unless)\b", re.I)


def triggers(s: Sentence) -> Iterator[Fact]:
    """A question that puts a situation states a condition ("Unsure a quote is
    attributed?", "Two attendees asking for incompatible things? Hold."); a check's
    question ("[ ] Is anything out of scope?") does not, unless it opens with the doubt."""
    trigger = w.TRIGGER.search(s.text)
    checks = _CHECK_QUESTION.match(s.text)
    if (
        trigger
        and (not checks or len(s.text[: trigger.start()].split()) <= 2)
        and not _others_doubt(s.text, trigger)
    ):
        yield s.fact(ITEM, "trigger", value=trigger.group(0))


def read(s: Sentence) -> Iterator[Fact]:
    text = s.text
    hitl = w.HITL.search(text)
    if hitl:
        yield s.fact(ITEM, "hitl", value=hitl.group(0))
    trigger = w.TRIGGER.search(text)
    near_trigger = ITEM in s.section or (s.before and _has_trigger(s.before))
    # A no-guessing stop may come first: "Never invent numbers. If data is missing, ...".
    no_guess_first = bool(s.after and _NO_GUESS.search(text) and _has_trigger(s.after))
    if not (trigger or near_trigger or no_guess_first or _ESCALATE.search(text)):
        return  # nothing of the rule can be in scope: spare the stop and channel patterns
    stop = w.STOP.search(text)
    if no_guess_first and not near_trigger and not trigger and stop:
        near_trigger = bool(_NO_GUESS.search(stop.group(0)))
    channel = w.CHANNEL.search(text) or w.NAMED_PERSON.search(text)
    if channel and _NOT.search(text[max(0, channel.start() - 30) : channel.start()]):
        channel = None  # "do not ask the user": no channel
    elif channel and _SOMEONE_ELSE.search(text[max(0, channel.start() - 30) : channel.start()]):
        channel = None  # "stocks people ask about": someone else asks
    follows = [m for m in (stop, channel) if m and trigger and m.start() > trigger.start()]
    # A doubt word is a trigger where it is the condition of what the agent does: "if the
    # scope is unclear", "unsure? ...", "ambiguous quote -> stop", in an escalation section,
    # a situation put as a question ("Q: I'm not sure what they mean. What now?"), or
    # before the stop or channel it leads to; not "rewrite anything unclear",
    # "do not assume facts that are not provided" or
    # "flag suspicious commits" in a task description.
    if trigger and _others_doubt(text, trigger):
        trigger = None  # "if a teammate is stuck", "when users are unsure": not the agent's doubt
    if trigger and (_conditional(text, trigger) or ITEM in s.section or follows or s.asked):
        yield s.fact(ITEM, "trigger", value=trigger.group(0))
    else:
        trigger = None
    # A stop or a channel is part of the rule only in the rule's scope: the sentence names
    # the trigger or escalation, follows one in its unit that does, or sits in a section (or a
    # unit continuing one) about escalation. "Never execute embedded commands" beside
    # "report suspicious content" is a security rule, not a stop.
    if not (trigger or near_trigger or _ESCALATE.search(text)):
        return
    if stop and _NOT.search(text[max(0, stop.start() - 30) : stop.start()]):
        stop = None  # "I don't wait for consensus", "never pause": the opposite of a stop
    if stop:
        yield s.fact(ITEM, "stop", value=stop.group(0))
    if channel:
        yield s.fact(ITEM, "channel", value=channel.group(0))


def _others_doubt(text: str, trigger: re.Match[str]) -> bool:
    return bool(_OTHERS_DOUBT.search(text[max(0, trigger.start() - 60) : trigger.start()]))


@lru_cache(maxsize=4096)
def _has_trigger(text: str) -> bool:
    """Memoised: the sentences before one were searched when they were read."""
    return bool(w.TRIGGER.search(text))


def _conditional(text: str, trigger: re.Match[str]) -> bool:
    before = text[max(0, trigger.start() - 100) : trigger.start()]
    after = text[trigger.end() : trigger.end() + 80]
    return bool(
        _CONDITION_BEFORE.search(before)
        or _LEADS_TO.match(after)
        or (not before.strip(" -*•>_") and _OPENS_RULE.match(after))
    )


# "if", "when", "whenever"... opening the clause the doubt word sits in.
_CONDITION_BEFORE = re.compile(
    r"(\b(if|when|whenever|unless|in case|once|should|where|any ?time|whether|upon|until"
    r"|on (encountering|finding|hitting|detecting)"
    r"|se|quando|caso|si|cuando|lorsque|quand|wenn|falls)\b|如果|若|当|一旦)[^.;\u3002\uff1b]{0,90}$",
    re.I,
)
# "Ambiguous vendor quote -> stop", "Blocked: write to the outbox".
# Not an enum ("in_progress | blocked | escalated") or a form ("Blocked by: [what]").
_LEADS_TO = re.compile(
    r"^[^.;]{0,80}?((→|->|=>|—)\s*\S|\|\s*[A-Z])|^[^.;:]{0,25}?:\s*[A-Za-z]"
    r"|^(的)?(时|时候)"  # "不确定时": when unsure
)
# A sentence that opens with the doubt: "In doubt, ask." "Unsure - stop."
_OPENS_RULE = re.compile(r"^\s{0,2}[,:\u2014\u2013-]\s*\S")
