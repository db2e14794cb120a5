"""The words of the session budget: limit cues, on-limit behaviour, unbounded-work
anti-patterns, and the key names of structured limits (after `quantities.snake`)."""

from __future__ import annotations

import re

from readycheck.reading.gates import Gated, ignorecase, required_words_gated

# A section, file or unit about this item.
ABOUT = required_words_gated(
    r"budget|\blimits?\b|\bcaps?\b|ceiling|guardrail|quota|runaway|resource"
)
STEP_UNIT = (
    r"(steps?|iterations?|iters?|turns?|tool[- ]calls?|calls|actions?|rounds?|loops?|cycles?"
    r"|llm[- ]calls?|model[- ]calls?|requests|replies|messages|hops|attempts at the task)"
)
LIMIT_CUE = (
    r"(max(imum)?|at most|no more than|exceed(s|ing)?"
    r"|\bcaps?\b|hard cap|you (get|have)|\bgets\b|(are |is )?(allowed|given)|allowance|budget"
    r"|not (to )?exceed|up to|limit(ed)? (of|to|at)|cap(ped)?"
    r" (at|of|to)|capped|budget (of|is)|(stop|halt|end|abort) (after|at)"
    r"|ceiling of|hard limit|limit|never (exceed|run (for )?more than|use"
    r" more than|spend more than)|don'?t (exceed|spend more than|run longer than))"
)
# Comparison words are cues only right before the number: "more than 40 steps", but not
# "if the error rate goes over 5% for 10 minutes".
WEAK_LIMIT_CUE = (
    r"\b(more than|longer than|past|beyond|over|within|less than|fewer than|under)\s*$|[<≤]=?\s*$"
)
ON_LIMIT = Gated(
    r"\b(when|if|once|on|upon|after|whenever|whichever|as soon as|before)\b[^.;]{0,40}"
    r"\b(hit|hits|hitting|reach|reaches"
    r"|reached|reaching|exceed|exceeds|exceeded|exceeding|run out|runs out|running out"
    r"|exhaust|exhausts|exhausted|go over|goes over|is over|are over|used up|spent|expire"
    r"|expires|times out)\b"
    r"|\b(hit|hitting|reach|reaching|exceed|exceeding)\s+(any|a|the|either|one|one of the"
    r"|your)?\s*(caps?|limits?|budgets?|ceilings?|max\w*)\b"
    r"|\b(budget|limit|cap|timeout|ceiling|quota)s? (is |are |gets |get )?(hit|reached"
    r"|exceeded|exhausted|used up|spent)\b|\bon[- ](limit|budget[- ]exceeded|timeout)\b"
    # "Stop after 40 steps ..., whichever comes first": stopping at the limit is the
    # on-limit behaviour.
    r"|\b(stop|halt|abort|end the run)\b (work(ing)? )?(after|at)\b[^.;]{0,12}\d"
    r"|\bwhichever (comes|is hit|happens|is reached) first\b",
    "hit|reach|exceed|run out|runs out|running out|exhaust|go over|goes over|is over|"
    "are over|used up|spent|expire|times out|on-|on |stop|halt|abort|end the run|whichever",
)
ON_LIMIT_TOPIC = ignorecase(
    r"budget|limit|\bcap\b|ceiling|quota|timeout|time out|max(imum)?|steps|turns|iterations"
    r"|tokens|runtime|time|cost|spend"
)
ON_LIMIT_ACTION = ignorecase(
    r"\b(stop|halt|abort|end|exit|terminate|write|save|persist|hand ?off|handoff|escalate"
    r"|notify|report|checkpoint|summari[sz]e|wrap up|return|yield|pause|kill|fail)"
)
BUDGET_ANTI = Gated(
    r"\b(run|work|keep (going|working|running)|continue|loop)\b[^.;]{0,30}\b(until (it'?s |the "
    r"task is |you'?re |everything is )?(done|finished|complete|completed)\b[^.;]{0,30}\b(no "
    r"matter how long|however long|whatever it takes)|forever|indefinitely|as long as (it "
    r"takes|needed|necessary))|\b(no|unlimited|without) (step|time|token|cost|turn|iteration)s?"
    r" (limit|budget|cap)s?\b|\btake as (long|many (steps|turns|tokens)) as (you need|needed"
    r"|it takes)\b|\bunlimited (steps|turns|tokens|time|budget|iterations)\b"
    r"|\b(no matter how long( it takes)?|however long it takes|as long as it takes"
    r"|whatever it costs)\b|\b(run|work|keep (going|working|running|trying)|continue|loop)\b"
    r"[^.;]{0,60}\b(forever|indefinitely|endlessly|without (a )?(stopping|break|end))\b",
    "forever|indefinitely|endless|without|as long as|no matter|however long|whatever it takes|"
    "whatever it costs|"
    "limit|budget|"
    "cap|take as|unlimited",
)

# A number with a unit of steps, time, tokens or money: the gate for prose limits.
_QUANTITY_STEMS = (
    "0|1|2|3|4|5|6|7|8|9|hour|minute|second|day|week|token|step|iter|turn|call|action|round|"
    "loop|cycle|request|repl|message|hop|attempt|usd|dollar|euro|eur|gbp|min|sec|hr|$|€|£"
)
QUANTITY = Gated("|".join(re.escape(x) for x in _QUANTITY_STEMS.split("|")), _QUANTITY_STEMS)

# Key words of structured limits, after `snake()`: a key names a dimension and a bound.
STEP_KEY = ignorecase(
    r"(^|_)(steps?|iter|iters|iterations?|turns?|rounds?|recursion|auto_reply|tool_calls"
    r"|loops?|actions?|llm_calls|model_calls|messages|cycles|hops)(_|$)"
)
RUNTIME_KEY = ignorecase(
    r"(^|_)(runtime|run_time|time|timeout|duration|wall|wallclock|execution_time|deadline"
    r"|seconds|minutes|hours|time_limit|elapsed)(_|$)"
)
TOKEN_KEY = ignorecase(
    r"(^|_)(tokens?|cost|usd|dollars|spend|spending|price|credits|eur|budget_usd)(_|$)"
)
BOUND_KEY = ignorecase(
    r"(^|_)(max|maximum|limit|limits|cap|ceiling|budget|timeout|recursion_limit)(_|$)"
)
NOT_BUDGET_KEY = ignorecase(
    r"(^|_)(retr\w*|backoff|rpm|tpm|per_minute|rate|interval|poll\w*|heartbeat|ttl|cache\w*|age"
    r"|requests?|connect\w*|socket|http|read|idle|keepalive|sleep|delay|cooldown|window|input"
    r"|history|memory|embedding\w*|chunk\w*|batch\w*|concurren\w*|parallel\w*|workers?"
    r"|threads?)(_|$)"
)
ON_LIMIT_KEY = ignorecase(
    r"^on_(limit|budget|exceed|timeout|max|overrun|exhaust)|^(when|if)_(exceeded|limit)"
    r"|_exceeded$|^on_budget_exceeded$|^limit_action$|^exceeded_action$"
)
