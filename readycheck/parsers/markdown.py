"""Markdown instructions through markdown-it-py: sections, list items, tables, fences.

Each paragraph, list item and table row becomes a `Unit` carrying the headings above it and
the lead-in sentence of its list ("Delete these files:"). Fenced blocks that read as YAML or
JSON mappings become entries; other fences become line units. HTML comments and YAML front
matter are not prose: comments are dropped, front matter is read as YAML.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from typing import Any

from readycheck.bounds import ReadLimits
from readycheck.model import Document, Unit

_EMPHASIS = re.compile(r"(\*\*|__|`|~~|\*)")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.S)
_STRUCTURED_FENCES = {"", "yaml", "yml", "json", "json5", "jsonc", "toml"}


@lru_cache(maxsize=1)
def _markdown() -> Any:
    from markdown_it import MarkdownIt

    # Block structure only: readycheck reads each inline token's source text, never its
    # parsed children (emphasis, links), and the inline pass costs ~45% of the parse.
    return MarkdownIt("commonmark").enable("table").disable("inline")


def clean(text: str) -> str:
    """Inline Markdown to plain text: links keep text and target, emphasis marks go."""
    text = _sub_comments(text, lambda comment: " ")
    text = _sub_links(text)
    return _EMPHASIS.sub("", text).strip()


def _sub_comments(text: str, replace: Callable[[str], str]) -> str:
    """`<!--.*?-->` (re.S) substituted, in linear time: the regex retries every `<!--`
    against the rest of the text when no `-->` closes it (minutes on a hostile file)."""
    out: list[str] = []
    pos = 0
    while (start := text.find("<!--", pos)) >= 0:
        end = text.find("-->", start + 4)
        if end < 0:
            break  # nothing closes after here, so no later `<!--` closes either
        out += [text[pos:start], replace(text[start : end + 3])]
        pos = end + 3
    out.append(text[pos:])
    return "".join(out)


def _sub_links(text: str) -> str:
    """`!?\\[([^\\]]*)\\]\\(([^)]*)\\)` replaced by `\\1 (\\2)`, in linear time: the regex
    scans to the same `]` or `)` from every `[` of a long run of brackets."""
    out: list[str] = []
    pos = search = 0
    while (opening := text.find("[", search)) >= 0:
        closing = text.find("]", opening + 1)
        if closing < 0:
            break  # no later `[` has a `]` after it either
        if not text.startswith("(", closing + 1):
            search = closing + 1  # every `[` before `closing` stops at it too
            continue
        end = text.find(")", closing + 2)
        if end < 0:
            break  # no later link can close either
        start = opening - 1 if opening > pos and text[opening - 1] == "!" else opening
        out += [text[pos:start], f"{text[opening + 1 : closing]} ({text[closing + 2 : end]})"]
        pos = search = end + 1
    out.append(text[pos:])
    return "".join(out)


def parse_markdown(doc: Document, limits: ReadLimits) -> None:
    text = doc.text
    front = _FRONT_MATTER.match(text)
    if front:
        _read_block(doc, front.group(1), 1, (), limits)
        # Blank the front matter, keeping line numbers, so it is not read as prose.
        text = "\n" * front.group(0).count("\n") + text[front.end() :]
    # Comments are not instructions: blank them out, keeping line numbers.
    text = _sub_comments(text, lambda comment: "\n" * comment.count("\n"))
    tokens = _markdown().parse(text)

    headings: list[tuple[int, str]] = []
    lead_ins: list[str] = []  # one per open list
    last_paragraph = ""
    row: list[str] = []
    row_line = 0
    depth_inline_parent = ""
    for i, tok in enumerate(tokens):
        kind = tok.type
        if kind == "heading_open":
            level = int(tok.tag[1:])
            title = clean(tokens[i + 1].content)
            headings = [h for h in headings if h[0] < level] + [(level, title)]
            last_paragraph = ""
        elif kind in ("bullet_list_open", "ordered_list_open"):
            lead = last_paragraph if last_paragraph.rstrip().endswith(":") else ""
            lead_ins.append(lead or (lead_ins[-1] if lead_ins else ""))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lead_ins.pop()
            last_paragraph = ""
        elif kind in ("paragraph_open", "th_open", "td_open"):
            depth_inline_parent = kind
        elif kind == "tr_open":
            row, row_line = [], (tok.map[0] + 1 if tok.map else 1)
        elif kind == "tr_close" and row:
            doc.units.append(Unit(" | ".join(row), row_line, _titles(headings)))
        elif kind == "inline" and tokens[i - 1].type != "heading_open":
            content = clean(tok.content)
            if not content:
                continue
            if depth_inline_parent in ("th_open", "td_open"):
                row.append(content)
                continue
            line = tok.map[0] + 1 if tok.map else 1
            lead = lead_ins[-1] if lead_ins else ""
            doc.units.append(Unit(content, line, _titles(headings), lead))
            last_paragraph = content
        elif kind in ("fence", "code_block"):
            start = (tok.map[0] + 1) if tok.map else 1
            info = (tok.info or "").strip().split(" ")[0].lower()
            offset = start if kind == "fence" else start - 1
            read = info in _STRUCTURED_FENCES and _read_block(
                doc, tok.content, offset, _titles(headings), limits
            )
            if not read:
                for n, code_line in enumerate(tok.content.splitlines(), offset + 1):
                    stripped = code_line.strip()
                    if stripped and not stripped.startswith("#"):
                        doc.units.append(Unit(stripped, n, _titles(headings)))


def _titles(headings: list[tuple[int, str]]) -> tuple[str, ...]:
    return tuple(title for _, title in headings)


def _read_block(
    doc: Document, text: str, line_offset: int, context: tuple[str, ...], limits: ReadLimits
) -> bool:
    """Read a fenced or front-matter block as YAML (JSON is read the same way).

    Returns False when the block is not a mapping, so the caller keeps it as text.
    """
    from readycheck.parsers.yamlfile import parse_yaml

    block = Document(path=doc.path, kind="yaml", text=text)
    parse_yaml(block, limits, line_offset)
    if not isinstance(block.data, dict) or any(p.rule == "RC001" for p in block.problems):
        return False
    doc.entries.extend(replace(e, context=context) for e in block.entries)
    doc.problems.extend(p for p in block.problems if p.rule != "RC001")
    return True
