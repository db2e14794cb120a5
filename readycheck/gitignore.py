"""Git's ignore rules, applied as git applies them (gitignore(5); git's dir.c and
wildmatch.c): within a file the last matching line wins, a deeper .gitignore outranks the
ones above it, and nothing inside an ignored directory can be re-included.

Each pattern becomes a regular expression over bytes, as git matches bytes, matched by RE2
in time linear in the name: a pattern such as `a*a*a*a*b`, which a backtracking engine
takes hours over on a long name, costs no more than any other.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from readycheck.untrusted_regex import Unsupported, check_length, compile_bytes

_SLASH = ord("/")
_BACKSLASH = ord("\\")
_STAR = ord("*")
_OPEN = ord("[")
_CLOSE = ord("]")
_COLON = ord(":")
_DASH = ord("-")
_BOM = b"\xef\xbb\xbf"
_WILDCARD = re.compile(rb"[*?\[\\]")
# git's character classes are ASCII-only (git-compat-util's sane ctype).
_CLASSES: dict[bytes, frozenset[int]] = {
    name.encode(): frozenset(members.encode())
    for name, members in {
        "alnum": string.ascii_letters + string.digits,
        "alpha": string.ascii_letters,
        "blank": " \t",
        "cntrl": "".join(map(chr, [*range(32), 127])),
        "digit": string.digits,
        "graph": "".join(map(chr, range(33, 127))),
        "lower": string.ascii_lowercase,
        "print": "".join(map(chr, range(32, 127))),
        "punct": string.punctuation,
        "space": " \t\n\r",
        "upper": string.ascii_uppercase,
        "xdigit": string.hexdigits,
    }.items()
}


class Matcher(Protocol):
    def fullmatch(self, text: bytes) -> object | None: ...


@dataclass(frozen=True)
class Rule:
    regex: Matcher  # RE2, or a plain comparison for a literal or `*literal` line
    negative: bool  # `!pattern`: a match re-includes
    directory_only: bool  # `pattern/`
    basename_only: bool  # no slash: matches the last component, at any depth below the file


@dataclass(frozen=True)
class IgnoreFile:
    base: bytes  # the directory that holds the file, relative to the root: b"" or b"a/b/"
    rules: tuple[Rule, ...]
    # Lines RE2 cannot compile (a pattern too large for its memory bound): not honoured.
    unsupported: tuple[tuple[int, str], ...] = ()

    def last_match(self, path: bytes, is_dir: bool) -> Rule | None:
        """The rule that decides `path` (relative to the root, below `base`), or None."""
        name = path[len(self.base) :]
        basename = name.rpartition(b"/")[2]
        for rule in reversed(self.rules):
            if rule.directory_only and not is_dir:
                continue
            if rule.regex.fullmatch(basename if rule.basename_only else name):
                return rule
        return None


def parse(text: bytes, base: bytes) -> IgnoreFile:
    """The rules of one ignore file whose directory is `base` (b"" or ending in b"/")."""
    if text.startswith(_BOM):
        text = text[len(_BOM) :]
    rules: list[Rule] = []
    unsupported: list[tuple[int, str]] = []
    for number, pattern in _patterns(text):
        try:
            rule = _rule(pattern)
        except Unsupported as error:
            unsupported.append((number, str(error)))
            continue
        if rule is not None:
            rules.append(rule)
    return IgnoreFile(base, tuple(rules), tuple(unsupported))


def _patterns(text: bytes) -> Iterator[tuple[int, bytes]]:
    """Each pattern line with its 1-based line number."""
    for number, line in enumerate(text.split(b"\n"), start=1):
        if not line or line.startswith(b"#"):
            continue
        line = line.removesuffix(b"\r").partition(b"\0")[0]  # C strings end at NUL
        yield number, _trim_trailing_spaces(line)


def _trim_trailing_spaces(line: bytes) -> bytes:
    """Trailing spaces go unless a backslash escapes them (dir.c trim_trailing_spaces)."""
    last_space: int | None = None
    i = 0
    while i < len(line):
        if line[i] == ord(" "):
            if last_space is None:
                last_space = i
        else:
            if line[i] == _BACKSLASH:
                i += 1
                if i == len(line):
                    return line
            last_space = None
        i += 1
    return line if last_space is None else line[:last_space]


def _rule(pattern: bytes) -> Rule | None:
    """The rule of one pattern line; None for a line that matches nothing."""
    negative = pattern.startswith(b"!")
    if negative:
        pattern = pattern[1:]
    directory_only = pattern.endswith(b"/")
    if directory_only:
        pattern = pattern[:-1]
    if not pattern:
        return None  # `!` or `/` alone: git matches nothing with it
    check_length(pattern)
    basename_only = b"/" not in pattern
    # Most lines are a name, a path or `*.ext`: compared as bytes, faster than any engine.
    if not _WILDCARD.search(pattern):
        name = pattern if basename_only else pattern.removeprefix(b"/")
        return Rule(_Literal(name), negative, directory_only, basename_only)
    if basename_only and not _WILDCARD.search(pattern.lstrip(b"*")):
        return Rule(_Suffix(pattern.lstrip(b"*")), negative, directory_only, basename_only)
    if basename_only:
        source = _translate(pattern, pathname=False)
    else:
        pattern = pattern.removeprefix(b"/")
        # git compares the part before the first wildcard literally and matches only the
        # rest with wildmatch, which sees the rest's start as the pattern's start: that
        # decides whether a `**` there may cross directories (`foo**/bar` matches foo/x/bar).
        wildcard = _WILDCARD.search(pattern)
        literal = wildcard.start() if wildcard else len(pattern)
        rest = _translate(pattern[literal:], pathname=True)
        source = None if rest is None else _escape(pattern[:literal]) + rest
    if source is None:
        return None
    return Rule(compile_bytes(source), negative, directory_only, basename_only)


@dataclass(frozen=True)
class _Literal:
    """A pattern without wildcards: it matches the one name it spells."""

    name: bytes

    def fullmatch(self, text: bytes) -> object | None:
        return True if text == self.name else None


@dataclass(frozen=True)
class _Suffix:
    """`*` then a literal (`*.log`): a name that ends with the literal."""

    end: bytes

    def fullmatch(self, text: bytes) -> object | None:
        return True if text.endswith(self.end) else None


def _escape(literal: bytes) -> bytes:
    """`literal` as RE2 source: every byte but a letter or digit as `\\xHH`."""
    return b"".join(bytes([b]) if bytes([b]).isalnum() else b"\\x%02x" % b for b in literal)


def _class(members: set[int]) -> bytes:
    """A bracket expression of `members`, consecutive bytes written as ranges."""
    ranges: list[bytes] = []
    ordered = sorted(members)
    start = previous = ordered[0]
    for member in [*ordered[1:], -1]:
        if member != previous + 1:
            ranges.append(
                b"\\x%02x" % start + (b"-\\x%02x" % previous if previous > start else b"")
            )
            start = member
        previous = member
    return b"[" + b"".join(ranges) + b"]"


def _translate(pattern: bytes, *, pathname: bool) -> bytes | None:
    """wildmatch's `pattern` as a regular expression; WM_PATHNAME when `pathname`; None
    when it matches nothing."""
    out: list[bytes] = []
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == _BACKSLASH:
            if i + 1 == len(pattern):
                return None  # a trailing backslash matches nothing
            out.append(_escape(pattern[i + 1 : i + 2]))
            i += 2
        elif char == ord("?"):
            out.append(b"[^/]" if pathname else b".")
            i += 1
        elif char == _STAR:
            end = i
            while end < len(pattern) and pattern[end] == _STAR:
                end += 1
            rest = pattern[end:]
            crosses = (
                end - i > 1
                and (i == 0 or pattern[i - 1] == _SLASH)
                and (not rest or rest.startswith((b"/", b"\\/")))
            )
            if not pathname:
                out.append(b".*")
            elif crosses and rest.startswith(b"/"):
                out.append(b"(?:.*/)?")  # `**/`: zero or more directories
                end += 1
            elif crosses:
                out.append(b".*")
            else:
                out.append(b"[^/]*")
            i = end
        elif char == _OPEN:
            parsed = _bracket(pattern, i)
            if parsed is None:
                return None  # an unterminated or malformed class matches nothing
            members, i = parsed
            if pathname:
                members -= {_SLASH}
            if not members:
                return None
            out.append(_class(members))
        else:
            out.append(_escape(bytes([char])))
            i += 1
    return b"".join(out)


def _bracket(pattern: bytes, start: int) -> tuple[set[int], int] | None:
    """The bytes that the class opening at `start` matches and the index after it, read
    as wildmatch reads it (`]` first is a member, `!` or `^` negates, `[:name:]`)."""

    def at(k: int) -> int:
        return pattern[k] if k < len(pattern) else 0

    k = start + 1
    char = at(k)
    negated = char in (ord("!"), ord("^"))
    if negated:
        k += 1
        char = at(k)
    members: set[int] = set()
    previous = 0
    while True:
        if not char:
            return None
        if char == _BACKSLASH:
            k += 1
            char = at(k)
            if not char:
                return None
            members.add(char)
        elif char == _DASH and previous and at(k + 1) and at(k + 1) != _CLOSE:
            k += 1
            char = at(k)
            if char == _BACKSLASH:
                k += 1
                char = at(k)
                if not char:
                    return None
            members.update(range(previous, char + 1))
            char = 0  # a range is no start of the next range
        elif char == _OPEN and at(k + 1) == _COLON:
            name_start = k + 2
            close = pattern.find(b"]", name_start)
            if close < 0:
                return None
            if close - name_start - 1 < 0 or pattern[close - 1] != _COLON:
                members.add(_OPEN)  # no `:]`: the `[` is an ordinary member
            else:
                named = _CLASSES.get(pattern[name_start : close - 1])
                if named is None:
                    return None
                members.update(named)
                k = close
                char = 0
        else:
            members.add(char)
        previous = char
        k += 1
        char = at(k)
        if char == _CLOSE:
            break
    if negated:
        members = set(range(256)) - members
    return members, k + 1
