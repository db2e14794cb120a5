"""Mask secrets before anything reaches an output: API keys, tokens, passwords."""

from __future__ import annotations

import re

_SECRET = re.compile(
    r"\b(sk-[A-Za-z0-9_-]{8,}|sk-ant-[A-Za-z0-9_-]{8,}|xox[abprs]-[A-Za-z0-9-]{8,}"
    r"|gh[pousr]_[A-Za-z0-9]{16,}|github_pat_[A-Za-z0-9_]{16,}|AKIA[0-9A-Z]{16}"
    r"|AIza[0-9A-Za-z_-]{20,}|eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]+"
    r"|[A-Fa-f0-9]{32,}|[A-Za-z0-9+/_-]{40,}={0,2}"
    # Stripe, GitLab, Slack app, SendGrid, Hugging Face keys and Telegram bot tokens.
    r"|[rs]k_(?:live|test)_[A-Za-z0-9]{10,}|glpat-[A-Za-z0-9_-]{20,}|xapp-\d-[A-Za-z0-9-]{10,}"
    r"|SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}|hf_[A-Za-z0-9]{30,}|\d{8,10}:[A-Za-z0-9_-]{30,}"
    # Discord bot tokens: the bot's id in base64, a timestamp, an HMAC.
    r"|[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40})"
)
# `Authorization: Bearer <token>` and the password of `scheme://user:password@host`.
_BEARER = re.compile(r"(\bBearer\s+)[A-Za-z0-9._~+/-]{12,}=*", re.I)
_URL_PASSWORD = re.compile(r"(://[^\s/:@]+:)[^\s/@]+(@)")
_ASSIGNED = re.compile(
    # A budget key is no secret: `max_tokens: inf` and `token_limit = 500` stay readable.
    r"((?<!max_)(?<!min_)(?<!max-)(?:token(?!s\b|s?[_-]?(limit|budget|count|usage|cap|max))"
    r"|secret|password|passwd|api[_-]?key|apikey|auth(?!or)|credential|private[_-]?key"
    # The rest of the key is bounded: `[\w.-]*` rescanned a long value from every
    # "token" in it (minutes for one 200 kB string).
    r"|webhook[_-]?url|hooks\.slack\.com/services)[\w.-]{0,64}[\"']?\s*[:=]\s*[\"']?)"
    r"([^\s\"',;}]+)",
    re.I,
)
_SLACK_HOOK = re.compile(r"(hooks\.slack\.com/services/)\S+")


def redact(text: str) -> str:
    text = _SLACK_HOOK.sub(r"\1****", text)
    text = _BEARER.sub(r"\1****", text)
    text = _URL_PASSWORD.sub(r"\1****\2", text)
    text = _ASSIGNED.sub(lambda m: m.group(1) + "****", text)
    return _SECRET.sub("****", text)
