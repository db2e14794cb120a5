"""Turn a parsed value into `Entry` rows, with the depth and size bounds applied."""

from __future__ import annotations

import math
import re
import sys
from bisect import bisect_right
from typing import Any

from readycheck.bounds import ReadLimits
from readycheck.model import Entry, Problem


class TooBig(Exception):
    """A document exceeds a ReadLimits bound."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def tame(value: Any) -> Any:
    """An integer beyond the float range as +/-inf: no such number is a real bound, and
    Python refuses to print one of over 4,300 digits (str() raises ValueError)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > sys.float_info.max:
        return math.inf if value > 0 else -math.inf
    return value


def line_index(text: str) -> list[int]:
    """Offsets at which each line starts, for offset -> 1-based line conversion."""
    return [0] + [m.end() for m in re.finditer("\n", text)]


def line_at(starts: list[int], offset: int) -> int:
    return bisect_right(starts, offset)


MISSED_KEY_SEARCHES = 16  # full-length searches: each reads the rest of the text
_NEAR = 1024


def located_entries(text: str, data: Any, limits: ReadLimits) -> list[Entry]:
    """Entries for a JSON/JSON5/TOML value, located by scanning the text in key order.

    These parsers give no positions, so each key is searched for after the previous one;
    keys keep their document order in Python dicts, so the scan finds them in turn. A key
    found moves the scan forward, so finding them all reads the text about once; a key not
    spelled as it parses (`"\\u0061"`) is searched for to the end. After MISSED_KEY_SEARCHES
    such keys, keys are searched for only in the next _NEAR characters (a key not found is
    placed with the key before it): thousands of full searches made the scan quadratic.
    """
    starts = line_index(text)
    entries: list[Entry] = []
    budget = [limits.max_nodes]
    misses = [0]

    def find_key(key: str, pos: int) -> int:
        end = len(text)
        if misses[0] >= MISSED_KEY_SEARCHES:
            end = min(end, pos + _NEAR)
            if text.find(key, pos, end) < 0:
                return -1
        pattern = r"(?<![\w$-])[\"']?" + re.escape(key) + r"[\"']?\s*(?:[:=\].])"
        m = re.compile(pattern).search(text, pos, end)
        if m is None:
            misses[0] += 1
        return m.start() if m else -1

    def walk(value: Any, keys: tuple[str | int, ...], pos: int, depth: int) -> int:
        budget[0] -= 1
        if budget[0] < 0:
            raise TooBig(Problem("RC005", f"more than {limits.max_nodes:,} values"))
        if depth > limits.max_depth:
            raise TooBig(Problem("RC005", f"nesting deeper than {limits.max_depth} levels"))
        if isinstance(value, dict):
            for k, v in value.items():
                v = value[k] = tame(v)
                found = find_key(str(k), pos)
                if found >= 0:
                    pos = found
                entries.append(Entry((*keys, str(k)), v, line_at(starts, pos)))
                pos = walk(v, (*keys, str(k)), pos + 1 if found >= 0 else pos, depth + 1)
        elif isinstance(value, list):
            for i, v in enumerate(value):
                v = value[i] = tame(v)
                entries.append(Entry((*keys, i), v, line_at(starts, pos)))
                pos = walk(v, (*keys, i), pos, depth + 1)
        return pos

    walk(data, (), 0, 0)
    return entries


def bracket_depth(text: str) -> int:
    """Maximum nesting of [ and { — a cheap guard before handing text to a parser."""
    depth = best = 0
    for m in re.finditer(r"[\[\]{}]", text):
        if m.group() in "[{":
            depth += 1
            best = max(best, depth)
        else:
            depth = max(0, depth - 1)
    return best
