"""Regular expressions written by the scanned repository (.gitignore lines, JSON Schema
`pattern`s), matched with RE2: its matching time is linear in the input, so no pattern can
backtrack for hours, and no timer or signal handler is needed to stop one.

RE2 has no backreferences and no lookaround. A pattern that needs them, that is too large
for RE2's memory bound, or that is longer than any path (whose compilation RE2 would log
to standard error), is `Unsupported`: its caller says that it is not honoured.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Protocol

MAX_PATTERN_LENGTH = 4096  # PATH_MAX: no real pattern, and no path a pattern matches, is longer


class Regex(Protocol):
    def search(self, text: str | bytes) -> object | None: ...

    def fullmatch(self, text: str | bytes) -> object | None: ...


class Unsupported(ValueError):
    """A pattern RE2 cannot match: its message says why (`invalid perl operator: (?=`)."""


def compile_bytes(pattern: bytes) -> Regex:
    """`pattern` over bytes, one byte to a character, as git matches names; `.` matches
    a newline too. The caller checks the length of what it translated into `pattern`."""
    import re2  # lazily: most repositories have no pattern that needs it

    options = _options()
    options.encoding = re2.Options.Encoding.LATIN1
    options.dot_nl = True
    return _compile(pattern, options)


@lru_cache(maxsize=1024)
def compile_text(pattern: str) -> Regex:
    """`pattern` over text; compiled once however often a schema applies it."""
    check_length(pattern)
    return _compile(pattern, _options())


def _options() -> Any:
    import re2

    options = re2.Options()
    options.log_errors = False  # RE2 would print each refused pattern to standard error
    return options


def check_length(pattern: str | bytes) -> None:
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise Unsupported(f"longer than {MAX_PATTERN_LENGTH} characters")


def _compile(pattern: str | bytes, options: Any) -> Regex:
    import re2

    try:
        regex: Regex = re2.compile(pattern, options)
    except re2.error as error:
        why = error.args[0] if error.args else ""
        why = why.decode("utf-8", "replace") if isinstance(why, bytes) else str(why)
        raise Unsupported(why or "RE2 cannot compile it") from None
    return regex
