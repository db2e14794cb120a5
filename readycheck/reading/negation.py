"""Negation: a sentence that says something is absent or only planned, and the words that
negate an anti-pattern written just after them ("never guess")."""

from __future__ import annotations

import re

from readycheck.reading.gates import Alternation, Gated, ignorecase

NEGATION = Gated(
    r"\b(todo|tbd|fixme|xxx)\b"
    r"|\bnot (yet )?(implemented|configured|set up|defined|in place|wired|enabled|supported"
    r"|written|done|decided|monitored|validated|enforced|persisted|tracked|alerted|bounded"
    r"|limited)\b"
    r"|\b(we|this (agent|repo|project|bot|workspace|setup)|the (agent|bot|system|project"
    r"|workspace)|there|currently)\b[^.;:]{0,20}?\b(has|have|had|is|are)\s+no\b"
    r"|\bthere'?s no\b|\bno\b[^.;]{0,40}\byet\b"
    # "We don't retry" says something is absent; an imperative "Don't retry forever" is a rule.
    r"|\b(we|it|this agent|the agent|the bot|the system|they|currently|still)\s+(does|do|did)"
    r"(n'?t| not) (have|use|define|set|track|persist|save|write|alert|monitor"
    r"|validate|check|retry|read|escalate|enforce|keep|record)\b"
    r"|\b(should|need to|needs to|will|'ll|plan to|planning to|going to|want to|would like to"
    r"|have yet to|has yet to|eventually|someday|at some point)\b[^.;]{0,20}?\b(add|set up"
    r"|setup|define|implement|configure|introduce|wire up|build|create)\b"
    r"|\b(coming soon|in the future|future work|nice to have|wishlist|roadmap"
    r"|to be (added|defined|decided|determined|written|done|configured))\b"
    r"|\b(no|without)\s+(an?\s+)?(escalation|budget|limits?|schema|dead[- ]letter|dlq|alerts?"
    r"|alerting|monitoring|boot|state|retry|retries|step limit|time limit|timeout|token limit"
    r"|output schema|validation)\b"
    r"|\b(missing|lacks?|lacking|absent)\b[^.;]{0,20}\b(escalation|budget|limits?|schema"
    r"|dead[- ]letter|dlq|alerts?|monitoring|boot|state|retry|outbox)\b"
    # "Don't use a DLQ" says one is absent; "never use more than 30 calls" is a limit.
    r"|\b(do not|don'?t|never) (use|rely on|bother with)\b(?!\s+(more|over|beyond|up to|at most"
    r"|fewer|less))"
    r"|\bnothing (is|gets|will be) (written|saved|persisted|monitored|validated|alerted)\b",
    # "dont", "doesnt", "didnt": the apostrophe is optional in the regex, so in the stems.
    "todo|tbd|fixme|xxx|no|n't|dont|doesnt|didnt|never|without|missing|lack|absent|should|"
    "need|will|'ll|plan|"
    "going to|want|would like|yet|eventually|someday|some point|coming soon|future|"
    "nice to have|wishlist|roadmap|placeholder|to be ",
)
# A negation inside a condition is a trigger, not an absence ("if there is no answer").
CONDITIONAL = ignorecase(
    r"\b(if|when|whenever|unless|in case|once|where|that|which|who|whose)\b[^.;,]{0,30}$"
)
CONDITIONAL_START = ignorecase(r"^\W*(if|when|whenever|unless|in case)\b")
# Words that negate an anti-pattern written just after them.
NEGATOR = ignorecase(
    r"\b(never|not|don'?t|do not|no|avoid|instead of|rather than|without|refuse to|must not"
    r"|mustn'?t|should not|shouldn'?t|cannot|can'?t|nor|stop)\b[^.;:,()]{0,15}$"
)


def negated(sentence: str) -> bool:
    """Whether the sentence says something is absent or only planned."""
    for m in NEGATION.finditer(sentence):
        before = sentence[: m.start()]
        if CONDITIONAL.search(before[-40:]):
            continue  # "if there is no answer": a trigger, not an absence
        clause = before.rsplit(",", 1)[-1].lstrip()
        if clause.startswith(("or ", "and ")) and CONDITIONAL_START.search(before):
            continue  # "if X is ambiguous, or you do not have the data"
        return True
    return False


def first_affirmed(
    pattern: Gated | Alternation, sentence: str
) -> tuple[re.Match[str] | None, bool]:
    """(the first match not negated just before it, whether every match is negated:
    "never guess")."""
    matches = pattern.finditer(sentence)
    for m in matches:
        if not NEGATOR.search(sentence[max(0, m.start() - 30) : m.start()]):
            return m, False
    return None, bool(matches)
