"""What the framework dialects share: facts named by their native key, limits read from
native values, module constants, walking config mappings, and masking the secrets that a
framework config holds before any fact carries them towards an output."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Any

from readycheck import quantities as q
from readycheck.checklist.budget.limits import Limit
from readycheck.model import Call, Document, Entry, Fact, Location, NonLiteral
from readycheck.redact import redact


@dataclass(frozen=True)
class FrameworkDefault:
    """A framework default the agent relies on that is unbounded or unsafe.

    `message` names the setting and its default; `dimension` is the budget dimension it
    leaves unbounded, so that the finding is dropped when something else bounds that
    dimension ('' when the finding stands whatever else the agent has).
    """

    message: str
    dimension: str = ""

    def __str__(self) -> str:
        return self.message


def fact(
    item: str,
    part: str,
    loc: Location,
    source: str,
    key: str,
    value: Any = None,
    text: str = "",
) -> Fact:
    return Fact(item, part, loc, (text or key)[:160], source, key=key, value=value)


def default(
    item: str, loc: Location, source: str, key: str, message: str, dimension: str = ""
) -> Fact:
    return fact(item, "default", loc, source, key, FrameworkDefault(message, dimension), message)


def native_limit(dimension: str, value: Any, unit_key: str = "") -> Limit | None:
    """A budget limit from a native setting's value; None when it cannot be read statically.

    `None`, `null`, 0 and negative values become limits that are not finite (the budget item
    reports them); durations take their unit from `unit_key` (`timeoutSeconds`) or seconds.
    """
    if isinstance(value, (NonLiteral, dict, list, tuple)):
        return None
    if value is None or isinstance(value, bool):
        return Limit(dimension, None, str(value))
    amount = q.duration(value, unit_key) if dimension == "runtime" else q.amount(value)
    return Limit(dimension, amount, str(value))


def limit_fact(
    dimension: str, value: Any, loc: Location, source: str, key: str, unit_key: str = ""
) -> Iterator[Fact]:
    limit = native_limit(dimension, value, unit_key)
    if limit is not None:
        yield fact("budget", "limit", loc, source, key, limit, f"{key}: {value}")


_GETENV_DEFAULT = re.compile(
    r"(?:getenv|environ\.get)\(\s*['\"][^'\"]+['\"]\s*,\s*['\"]?(-?\d+(?:\.\d+)?)['\"]?\s*\)"
)


def constant(doc: Document, value: Any) -> Any:
    """A keyword value with module constants and `os.getenv("X", "15")` defaults resolved."""
    if not isinstance(value, NonLiteral):
        return value
    source = value.source.strip()
    if source.isidentifier():
        for entry in doc.entries:
            if entry.keys == (source,):
                return entry.value
        return value
    m = _GETENV_DEFAULT.search(source)
    if m:
        return float(m.group(1))
    return value


def keyword_loc(doc: Document, call: Call, keyword: str) -> Location:
    return Location(doc.path, call.keyword_lines.get(keyword, call.line))


def call_loc(doc: Document, call: Call) -> Location:
    return Location(doc.path, call.line, call.column)


def class_name(name: str) -> str:
    return name.rsplit(".", 1)[-1]


def imports_any(doc: Document, tops: Iterable[str]) -> bool:
    wanted = set(tops)
    return any(module.split(".", 1)[0] in wanted for module in doc.imports.values())


def truthy(value: Any) -> bool:
    """A setting that is switched on (`true`, `"always"`, a non-empty list...)."""
    if isinstance(value, NonLiteral):
        return value.source not in ("None", "False")
    if isinstance(value, str):
        return value.strip().lower() not in ("", "false", "no", "off", "none", "never", "0")
    return bool(value)


class Entries:
    """A structured document's entries by key path, for positions of native keys."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.by_keys: dict[tuple[str | int, ...], Entry] = {e.keys: e for e in doc.entries}

    def loc(self, keys: tuple[str | int, ...]) -> Location:
        probe = keys
        while probe:
            entry = self.by_keys.get(probe)
            if entry is not None:
                return Location(self.doc.path, entry.line, entry.column)
            probe = probe[:-1]
        return Location(self.doc.path, 1)


def dotted(keys: tuple[str | int, ...]) -> str:
    """`('agents', 'list', 0, 'timeoutSeconds')` -> `agents.list[0].timeoutSeconds`."""
    out = ""
    for k in keys:
        out += f"[{k}]" if isinstance(k, int) else (f".{k}" if out else k)
    return out


# --- Secrets -----------------------------------------------------------------------------

_SECRET_STEMS = (
    "token", "secret", "pass", "key", "credential", "cookie", "bearer", "url", "dsn", "pat",
)  # fmt: skip
_SECRET_WORDS = frozenset(
    {"token", "secret", "password", "passwd", "passphrase", "apikey", "credential",
     "credentials", "cookie", "bearer", "pat", "dsn"}
)  # fmt: skip
_SECRET_PAIRS = frozenset(
    {("api", "key"), ("private", "key"), ("access", "key"), ("signing", "key"),
     ("secret", "key"), ("webhook", "url"), ("hook", "url"), ("auth", "header"),
     ("client", "secret"), ("license", "key")}
)  # fmt: skip
_NOT_SECRET_WORDS = frozenset(
    {"max", "min", "limit", "limits", "tokens", "threshold", "budget", "count", "usage", "ttl",
     "expiry", "expires", "mode", "env", "file", "path", "header", "prefix", "name", "type"}
)  # fmt: skip
_ENV_REFERENCE = re.compile(r"^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$|^env:|^\{\{.*\}\}$")


def secret_key(key: str) -> bool:
    low = key.lower()
    if not any(stem in low for stem in _SECRET_STEMS):
        return False
    words = re.findall(r"[a-z0-9]+", q.snake(key))
    if not words or _NOT_SECRET_WORDS & set(words[-1:]):
        return False
    if _SECRET_WORDS & set(words):
        return not (_NOT_SECRET_WORDS & set(words) and "token" in words)
    return any(pair in _SECRET_PAIRS for pair in pairwise(words))


def _secret_value(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = value.strip()
    if len(text) < 6 or _ENV_REFERENCE.match(text):
        return None
    return text


def _looks_secret(text: str) -> bool:
    """A value shaped like a key or token whatever its key (`sk-...`, a Slack webhook)."""
    return len(text) >= 16 and " " not in text and redact(text) != text


def secret_values(doc: Document) -> set[str]:
    """String values a document holds under secret-named keys, or that look like keys."""
    found: set[str] = set()
    for entry in doc.entries:
        text = _secret_value(entry.value)
        if text is None:
            continue
        if (isinstance(entry.key, str) and secret_key(entry.key)) or _looks_secret(text):
            found.add(text)
    for call in doc.calls:
        for name, value in call.keywords.items():
            text = _secret_value(value)
            if text is not None and (secret_key(name) or _looks_secret(text)):
                found.add(text)
    return found


def mask(doc: Document, facts: Iterable[Fact]) -> Iterator[Fact]:
    """The facts of one document with every secret value it holds replaced by `****`."""
    secrets: set[str] | None = None
    for f in facts:
        if secrets is None:
            secrets = secret_values(doc)
        if not secrets:
            yield f
            continue
        text = _masked(f.text, secrets)
        value = _masked(f.value, secrets) if isinstance(f.value, str) else f.value
        yield f if text is f.text and value is f.value else replace(f, text=text, value=value)


def _masked(text: str, secrets: set[str]) -> str:
    out = text
    for secret in secrets:
        if secret in out:
            out = out.replace(secret, "****")
        else:  # a fact's text is cut at 160 characters: never leave a secret's first half
            for size in range(min(len(secret) - 1, len(out)), 3, -1):
                if out.endswith(secret[:size]):
                    out = out[:-size] + "****"
                    break
    return out if out != text else text
