"""Parsers: each turns one file into a Document, once, and never raises on bad input.

`read_document` reads bytes with the size bound, rejects binary and non-UTF-8 content,
and dispatches on the file kind. Every failure becomes a `Problem` on the document.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from readycheck.bounds import DEFAULT_READ_LIMITS, ReadLimits, read_head
from readycheck.model import Document, Problem

Parser = Callable[[Document, ReadLimits], None]
# The kind that reads a file's text within the bounds and parses nothing.
RAW = "raw"

# A value a human must choose, left by `readycheck init` as `<fill in: what>`: reported
# (non-fatal; the file is still read) until someone fills it in.
PLACEHOLDER = "<fill in:"
PLACEHOLDER_RULE = "RC008"
_PLACEHOLDER = re.compile(r"<fill in:[ \t]*([^<>\n]*?)[ \t]*>")

_BY_SUFFIX = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".json5": "json5",
    ".jsonc": "json5",
    ".toml": "toml",
    ".sh": "shell",
    ".bash": "shell",
    ".zsh": "shell",
    ".py": "python",
}
# Files read in a more forgiving dialect than their suffix says.
_BY_NAME = {
    "openclaw.json": "json5",
    ".env.example": "dotenv",
    ".env.sample": "dotenv",
    ".env.template": "dotenv",
}


def kind_of(name: str) -> str | None:
    """The parser kind for a file name, or None when readycheck does not read it."""
    if name in _BY_NAME:
        return _BY_NAME[name]
    dot = name.rfind(".")
    return _BY_SUFFIX.get(name[dot:].lower()) if dot > 0 else None


def _parser(kind: str) -> Parser:
    # Imported on demand: a run only pays for the parsers its files need.
    if kind == "markdown":
        from readycheck.parsers.markdown import parse_markdown

        return parse_markdown
    if kind == "yaml":
        from readycheck.parsers.yamlfile import parse_yaml

        return parse_yaml
    if kind in ("json", "json5", "toml", "dotenv"):
        from readycheck.parsers import structured

        return {
            "json": structured.parse_json,
            "json5": structured.parse_json5,
            "toml": structured.parse_toml,
            "dotenv": structured.parse_dotenv,
        }[kind]
    if kind == "shell":
        from readycheck.parsers.shell import parse_shell

        return parse_shell
    if kind == "python":
        from readycheck.parsers.python import parse_python

        return parse_python
    from readycheck.parsers.text import parse_text

    return parse_text


def read_document(
    path: Path, rel: str, kind: str, limits: ReadLimits = DEFAULT_READ_LIMITS
) -> Document:
    doc = Document(path=rel, kind=kind)
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            doc.problems.append(
                Problem(
                    "RC003",
                    f"file is {size:,} bytes, over the {limits.max_file_bytes:,}-byte bound; "
                    "skipped",
                )
            )
            return doc
        # Bounded again: the file may have grown since it was measured.
        raw = read_head(path, limits.max_file_bytes + 1)
    except OSError as exc:
        doc.problems.append(Problem("RC002", f"cannot read file: {exc.strerror or exc}"))
        return doc
    if len(raw) > limits.max_file_bytes:
        doc.problems.append(
            Problem("RC003", f"file is over the {limits.max_file_bytes:,}-byte bound; skipped")
        )
        return doc
    if b"\x00" in raw[:8192]:
        doc.problems.append(Problem("RC002", "binary file (contains NUL bytes); skipped"))
        return doc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        doc.problems.append(
            Problem("RC002", f"invalid UTF-8 at byte {exc.start}; skipped", line=line)
        )
        return doc
    doc.text = text
    if kind == RAW:
        return doc
    try:
        _parser(kind)(doc, limits)
    except RecursionError:
        doc.problems.append(
            Problem("RC005", f"nesting deeper than the {limits.max_depth}-level bound")
        )
    if PLACEHOLDER in text:
        _placeholders(doc)
    return doc


def _placeholders(doc: Document) -> None:
    """One non-fatal RC008 per `<fill in: ...>` marker, at its line and column."""
    for m in list(_PLACEHOLDER.finditer(doc.text))[:50]:
        start = doc.text.rfind("\n", 0, m.start()) + 1
        doc.problems.append(
            Problem(
                "RC008",
                f"placeholder to fill in: {m.group(1) or 'a value'} "
                "(a value readycheck init left for a human to choose)",
                line=doc.text.count("\n", 0, m.start()) + 1,
                column=m.start() - start + 1,
                fatal=False,
            )
        )
