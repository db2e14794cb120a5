"""Numbers, durations and amounts as people write them in configs and prose.

`15m`, `15 minutes`, `900s`, `PT15M`, `1h30m`, `three hours`, `half an hour`, `200k`,
`$5`, `1,000`; a bare number takes its unit from its key (`max_runtime_minutes: 15`).
"""

from __future__ import annotations

import math
import re

_WORDS = {
    "zero": 0,
    "a": 1,
    "an": 1,
    "one": 1,
    "once": 1,
    "single": 1,
    "two": 2,
    "twice": 2,
    "three": 3,
    "thrice": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "twenty-four": 24,
    "thirty": 30,
    "forty": 40,
    "forty-five": 45,
    "fifty": 50,
    "sixty": 60,
    "ninety": 90,
    "hundred": 100,
    "a hundred": 100,
    "one hundred": 100,
    "half a": 0.5,
    "half an": 0.5,
    "a couple of": 2,
    "couple of": 2,
    "a few": 3,
    "several": 3,
    "a dozen": 12,
    "dozen": 12,
}
NUMBER_WORDS = "|".join(sorted((re.escape(w) for w in _WORDS), key=len, reverse=True))
# Never starting inside a run of digits and separators: a match from there ends where the
# match from the run's start ended, so it adds nothing, and "1,1,1,..." made searches
# quadratic (each start rescanned the run to its end).
DIGITS = r"(?<!\d)(?<![\d,_][,_])\d[\d,_]*(?:\.\d+)?"
NUMBER = rf"(?:{DIGITS}|\b(?:{NUMBER_WORDS})\b)"  # no k/M suffix: "15m" is minutes
AMOUNT = rf"(?:{DIGITS}\s*[kKmM]?\b|\b(?:{NUMBER_WORDS})\b)"

_SECONDS = {
    "ms": 0.001,
    "millisecond": 0.001,
    "milliseconds": 0.001,
    "millis": 0.001,
    "s": 1,
    "sec": 1,
    "secs": 1,
    "second": 1,
    "seconds": 1,
    "m": 60,
    "min": 60,
    "mins": 60,
    "minute": 60,
    "minutes": 60,
    "h": 3600,
    "hr": 3600,
    "hrs": 3600,
    "hour": 3600,
    "hours": 3600,
    "d": 86400,
    "day": 86400,
    "days": 86400,
    "w": 604800,
    "week": 604800,
    "weeks": 604800,
}
TIME_UNIT = (
    r"(?:milliseconds?|millis|ms|seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d"
    r"|weeks?|w)(?![a-z])"
)
# `\s*(?:-\s*)?` reads what `\s*-?\s*` reads, but a run of spaces splits only one way
# (two adjacent `\s*` backtrack quadratically on "1" and a long run of spaces).
_DURATION = re.compile(rf"(?<![\d.])({NUMBER})\s*(?:-\s*)?({TIME_UNIT})", re.I)
_ISO = re.compile(
    r"^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$",
    re.I,
)
UNLIMITED = re.compile(
    r"^\s*(?:unlimited|infinite|infinity|inf|\.inf|none|null|no limit|never|forever|"
    r"unbounded|disabled|off|n/?a|-)\s*$",
    re.I,
)


def number(text: str) -> float | None:
    """A number written with digits, separators, a k/M suffix, or in words."""
    text = text.strip().lower()
    if text in _WORDS:
        return float(_WORDS[text])
    m = re.fullmatch(r"\$?\s*(-?\d[\d,_]*(?:\.\d+)?)\s*([km])?", text)
    if not m:
        return None
    value = float(m.group(1).replace(",", "").replace("_", ""))
    return value * {"k": 1e3, "m": 1e6}.get(m.group(2) or "", 1)


def unit_of_key(key: str) -> float | None:
    """Seconds per unit named by a key (`timeoutSeconds`, `max_runtime_minutes`)."""
    words = re.findall(r"[a-z]+", _snake(key))
    for word in reversed(words):
        if word in _SECONDS and len(word) > 1:
            return _SECONDS[word]
    return None


def duration(value: object, key: str = "") -> float | None:
    """Seconds for a duration value; math.inf for 'unlimited'; None when unreadable."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value) * (unit_of_key(key) or 1.0)
    text = str(value).strip()
    if UNLIMITED.match(text):
        return math.inf
    if re.fullmatch(DIGITS, text):
        return float(text.replace(",", "").replace("_", "")) * (unit_of_key(key) or 1.0)
    iso = _ISO.match(text)
    if iso and any(iso.groups()):
        days, hours, minutes, seconds = (float(g) if g else 0.0 for g in iso.groups())
        return days * 86400 + hours * 3600 + minutes * 60 + seconds
    total = 0.0
    found = False
    for m in _DURATION.finditer(text):
        amount = number(m.group(1))
        unit = m.group(2).lower()
        if amount is None:
            continue
        total += amount * _SECONDS.get(unit, _SECONDS.get(unit.rstrip("s"), 1))
        found = True
    return total if found else None


_BETWEEN_DURATIONS = re.compile(r"(?:\s|,|\band\b)*", re.I)


def whole_duration(text: str) -> float | None:
    """Seconds for text that is nothing but a duration ("4h", "1h 30m", "PT4H", "14400"),
    None otherwise: `duration` reads prose, so it finds "309h" in "1e309h"."""
    text = text.strip()
    if re.fullmatch(DIGITS, text) or _ISO.match(text) or UNLIMITED.match(text):
        return duration(text)
    pos = 0
    for m in _DURATION.finditer(text):
        if not _BETWEEN_DURATIONS.fullmatch(text, pos, m.start()):
            return None
        pos = m.end()
    return duration(text) if pos and _BETWEEN_DURATIONS.fullmatch(text, pos) else None


def first_duration(text: str) -> tuple[float, str] | None:
    """The first duration written in prose, as (seconds, matched text)."""
    for m in _DURATION.finditer(text):
        amount = number(m.group(1))
        if amount is None:
            continue
        unit = m.group(2).lower()
        # A bare "m"/"s"/"d" after a word number is too ambiguous ("a m", "one s").
        if len(unit) == 1 and not re.match(r"\d", m.group(1)):
            continue
        return amount * _SECONDS.get(unit, 1), m.group(0)
    return None


def amount(value: object) -> float | None:
    """A count, token or money amount; math.inf for 'unlimited'; None when unreadable."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip()
    if UNLIMITED.match(text):
        return math.inf
    m = re.match(rf"^[$€£]?\s*({AMOUNT})", text, re.I)
    return number(m.group(1)) if m else None


def _snake(key: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", key).lower().replace("-", "_")


def snake(key: str) -> str:
    """`timeoutSeconds` -> `timeout_seconds`; `max-steps` -> `max_steps`."""
    return _snake(key).replace(" ", "_")


def human_duration(seconds: float) -> str:
    if seconds == math.inf:
        return "unlimited"
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)}{unit}"
    return f"{seconds:g}s"
