"""Plain-text instructions (system prompts in .txt): one prose unit per paragraph.

A line in capitals ("WHEN YOU ARE UNSURE"), a short line ending in a colon, or a `#` line
is a heading for the paragraphs below it, as it would be in Markdown.
"""

from __future__ import annotations

import re

from readycheck.bounds import ReadLimits
from readycheck.model import Document, Unit

# The first capital starts the "caps" title (`[^a-zA-Z]*`, not `[^a-z]*`): trying every
# capital of "AAA…Aa" as the start was quadratic.
_HEADING = re.compile(
    r"^(?:#+\s*(?P<hash>.+)|(?P<caps>[^a-zA-Z]*[A-Z][^a-z]{2,})|(?P<colon>.{2,60}):)$"
)


def _heading(line: str) -> str | None:
    m = _HEADING.match(line.strip())
    if not m:
        return None
    title = m.group("hash") or m.group("caps") or m.group("colon")
    return title.strip() if title and sum(c.isalpha() for c in title) >= 3 else None


def paragraphs(text: str, first_line: int = 1) -> list[Unit]:
    units: list[Unit] = []
    block: list[str] = []
    start = first_line
    headings: tuple[str, ...] = ()

    def flush() -> None:
        if block:
            units.append(Unit("\n".join(block), start, headings))
            block.clear()

    for number, line in enumerate(text.splitlines(), first_line):
        stripped = line.strip()
        title = _heading(stripped) if stripped else None
        if title is not None and not block:
            headings = (title,)
            continue
        if stripped:
            if not block:
                start = number
            block.append(stripped)
        else:
            flush()
    flush()
    return units


def parse_text(doc: Document, limits: ReadLimits) -> None:
    doc.units = paragraphs(doc.text)
