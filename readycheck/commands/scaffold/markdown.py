"""Markdown editing for `readycheck init`: find a section, match the file's headings and
line width."""

from __future__ import annotations

import re
import textwrap

_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def _headings(lines: list[str]) -> list[tuple[int, int, str]]:
    """(line index, level, text) of the ATX headings outside code fences."""
    out = []
    fenced = False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        m = None if fenced else HEADING.match(line)
        if m:
            out.append((i, len(m.group(1)), m.group(2)))
    return out


def unclosed_fence(lines: list[str]) -> bool:
    return sum(1 for line in lines if _FENCE.match(line)) % 2 == 1


def section_end(lines: list[str], title: re.Pattern[str]) -> int | None:
    """The line index where the first section whose heading matches `title` ends."""
    heads = _headings(lines)
    for n, (_, level, text) in enumerate(heads):
        if title.search(text):
            for j, other_level, _ in heads[n + 1 :]:
                if other_level <= level:
                    return j
            end = len(lines)
            while end > 0 and not lines[end - 1].strip():
                end -= 1
            return end
    return None


def heading_level(lines: list[str]) -> int:
    levels = [level for _, level, _ in _headings(lines)]
    if levels.count(1) > 1 and 2 not in levels:
        return 1
    return 2


def wrap_width(lines: list[str]) -> int:
    """Wrap new prose like the file: at its longest prose line, or not at all."""
    fenced = False
    longest = 0
    for line in lines:
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced or line.startswith(("#", "|")) or not line.strip():
            continue
        longest = max(longest, len(line))
    if longest == 0:
        return 88
    return 0 if longest > 100 else max(longest, 72)


def wrap(text: str, width: int) -> str:
    if width <= 0:
        return text
    # Keep code spans (and so placeholders) on one line.
    protected = re.sub(r"`[^`]*`", lambda m: m.group(0).replace(" ", "\x00"), text)
    wrapped = textwrap.fill(protected, width, break_long_words=False, break_on_hyphens=False)
    return wrapped.replace("\x00", " ")
