"""Plain-text instructions (system prompts in .txt): one prose unit per paragraph."""

from __future__ import annotations

from readycheck.limits import ReadLimits
from readycheck.model import Document, Unit


def paragraphs(text: str, first_line: int = 1) -> list[Unit]:
    units: list[Unit] = []
    block: list[str] = []
    start = first_line
    for number, line in enumerate(text.splitlines(), first_line):
        if line.strip():
            if not block:
                start = number
            block.append(line.strip())
        elif block:
            units.append(Unit("\n".join(block), start))
            block = []
    if block:
        units.append(Unit("\n".join(block), start))
    return units


def parse_text(doc: Document, limits: ReadLimits) -> None:
    doc.units = paragraphs(doc.text)
