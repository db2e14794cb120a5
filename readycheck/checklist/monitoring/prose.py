"""Reading monitoring in prose: an alert route to a human with a condition, a route
alone, or logging."""

from __future__ import annotations

import re
from collections.abc import Iterator

from readycheck.checklist.escalation.words import TRIGGER
from readycheck.checklist.monitoring import words as w
from readycheck.model import Fact
from readycheck.reading.negation import NEGATOR
from readycheck.reading.sentences import Sentence

ITEM = "monitoring"

# "Send a summary e-mail to the team after every run": a channel, though with no condition.
_STATUS_REPORT = re.compile(
    r"\b(send|post|notify|report|mail|message|ping|share|deliver)\b.{0,60}\b(summary|summaries"
    r"|status|report|digest|update|recap|findings|briefing|news|highlights|insights)\b"
    r"|\b(summary|summaries|status|digest|recap|findings|briefing|highlights)\b"
    r".{0,40}\b(send|post|mail|share|deliver)",
    re.I,
)
# The heartbeat's own delivery: "results are delivered to Telegram", "message me on Slack";
# not a channel named in a checklist item ("[x] WhatsApp API").
_DELIVERS = re.compile(
    r"\b(deliver\w*|send|sends|sent|post|posts|posted|message|messages|notify|notifies|tell"
    r"|inform|page|ping|pings|alert|alerts|dm|announce\w*|report|reports|reply|replies"
    r"|goes to|go to|routed?)\b|发送|通知|告警|推送|提醒",
    re.I,
)
# A script that writes a log (`>> "$LOG"`, `logger`, `tee run.log`), not one that mentions
# logs in a message to the user ("echo 'Check logs: journalctl ...'").
_SCRIPT_LOGS = re.compile(
    r">>?\s*\S*log|\blogger\b|\btee\b[^|;]*log|\blog_?file\b|--log(-|\b)", re.I
)
# "Keep raw logs of what happened in memory/2026-11-29.md": a diary, not monitoring.
_MEMORY_NOTES = re.compile(r"\bmemory\b|\bjournal\b|\bdiary\b|daily notes?|\bnotes?/", re.I)


def unit_is_about(text: str) -> bool:
    return bool(w.ABOUT.search(text))


def read(s: Sentence) -> Iterator[Fact]:
    sentence = s.text
    route = w.ROUTE.search(sentence)
    condition = w.CONDITION.search(sentence)
    if condition and TRIGGER.search(sentence) and not w.FAILURE_CONDITION.search(sentence):
        condition = None  # "when confidence is below the threshold": uncertainty, not failure
    if route:
        # An escalation channel that fires on uncertainty is not a monitoring route.
        uncertainty_only = TRIGGER.search(sentence) and not condition
        # In a config, a heartbeat's `target: telegram` is its delivery.
        heartbeat_delivery = (
            "heartbeat" in s.about
            and (s.source.structured or _DELIVERS.search(sentence))
            and not _STATUS_REPORT.search(sentence)
        )
        if condition or heartbeat_delivery:
            # A heartbeat delivered to a human is an alert: its condition is the missed beat.
            # A report the heartbeat sends ("compile findings and send them to Telegram")
            # is a channel with no condition.
            yield s.fact(ITEM, "alert", value=route.group(0))
        elif (ITEM in s.about or _STATUS_REPORT.search(sentence)) and not uncertainty_only:
            yield s.fact(ITEM, "route", value=route.group(0))
    elif (
        (logs := w.LOGGING.search(sentence))
        and (ITEM in s.about or not s.source.structured)
        and not _MEMORY_NOTES.search(sentence)
        and not s.negated
        and not NEGATOR.search(sentence[max(0, logs.start() - 30) : logs.start()])
        and (s.source.dialect != "script" or _SCRIPT_LOGS.search(sentence))
    ):
        yield s.fact(ITEM, "logging")
