"""Reading monitoring in plain Python: a post to a human channel (a Slack or Discord
webhook, PagerDuty, e-mail) from an `except` block, from a function called there, or from a
function named for the failure it reports (`alert_failure`) is an alert with a condition;
elsewhere it is a route. Logging calls, `print` and a
framework's `verbose=True` are logging."""

from __future__ import annotations

import re
from collections.abc import Iterator

from readycheck.model import Call, Document, Fact, Location, NonLiteral

ITEM = "monitoring"
_SEND = re.compile(
    r"(^|\.)(post|request|urlopen|chat_postMessage|send_message|sendmail|send|notify|publish"
    r"|create_event|trigger_incident|webhook)$"
)
_HUMAN_CHANNEL = re.compile(
    r"slack|discord|teams|pagerduty|opsgenie|telegram|ntfy|pushover|webhook|alert|oncall"
    r"|on_call|smtp|sns|healthchecks|hc-ping|cronitor",
    re.I,
)
# A sending function whose name says when it runs: `alert_failure`, `notify_on_error`.
_FAILURE_NAME = re.compile(r"fail|error|alert|incident|page|oncall|crash|exception|down", re.I)
_LOGGING = re.compile(r"^(logging|logger|log|structlog|loguru)\.|^print$|(^|\.)getLogger$")


def _target(call: Call) -> str:
    """The text a call sends to: its arguments and keywords as written."""
    parts = [*call.args, *call.keywords.values()]
    return " ".join(p.source if isinstance(p, NonLiteral) else str(p) for p in parts)


def _serves(call: Call) -> bool:
    """`@router.post("/webhooks/github")`: a web route that receives, not a post."""
    first = call.args[0] if call.args else None
    return isinstance(first, str) and first.startswith("/")


def code_facts(doc: Document) -> Iterator[Fact]:
    senders = [
        c
        for c in doc.calls
        if _SEND.search(c.name) and _HUMAN_CHANNEL.search(_target(c)) and not _serves(c)
    ]
    # Functions that send (`def alert_failure(...)`), and every call of them.
    sending = {c.function for c in senders if c.function}
    relayed = [c for c in doc.calls if c.name.rsplit(".", 1)[-1] in sending]
    for call in [*senders, *relayed]:
        loc = Location(doc.path, call.line, call.column)
        on_failure = call.handler or bool(_FAILURE_NAME.search(call.function))
        part = "alert" if on_failure else "route"
        yield Fact(ITEM, part, loc, f"{call.name}(...)", "code", value=call.name)
    for call in doc.calls:
        if _LOGGING.search(call.name) or call.keywords.get("verbose") is True:
            loc = Location(doc.path, call.line, call.column)
            yield Fact(ITEM, "logging", loc, f"{call.name}(...)", "code", value=call.name)
            break  # one logging fact a file is enough
