"""Manifest editing for `readycheck init`: blocks and keys added to the agent's readycheck
manifest with ruamel.yaml round-trip, so the user's comments, key order, quoting and
indentation survive; an edit that would change anything the user wrote is not made."""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from readycheck.checklist import ITEM_IDS as ITEMS
from readycheck.commands.preflight import MANIFEST_NAMES
from readycheck.commands.scaffold.plans import Change, SourceText, read_text
from readycheck.parsers import PLACEHOLDER
from readycheck.redact import redact


class ManifestEdit:
    """Blocks and keys to add to the agent's readycheck manifest, rendered once."""

    def __init__(self, agent: Path, name: str) -> None:
        self.name = name or _existing_readycheck(agent) or "readycheck.yaml"
        self.path = agent / self.name
        self.source: SourceText | None = read_text(self.path) if self.path.is_file() else None
        self.data: Any = None
        if self.source is not None:
            from readycheck.parsers import read_document

            self.data = read_document(self.path, self.name, "yaml").data
        self.additions: dict[str, dict[str, Any]] = {}
        self.kept: list[str] = []  # keys init would set but the user already has

    def block(self, name: str) -> Any:
        return self.data.get(name) if isinstance(self.data, dict) else None

    def add(self, block: str, values: dict[str, Any], notes: list[str]) -> None:
        """Add the keys of `values` that the block lacks; a key the user set is left alone."""
        if self.data is not None and not isinstance(self.data, dict):
            notes.append(f"{self.name}: not a mapping; add a `{block}:` block by hand")
            return
        existing = self.block(block)
        if existing is not None and not isinstance(existing, dict):
            notes.append(f"{self.name}: `{block}:` is not a mapping; add {_inline(values)} by hand")
            return
        for key, value in values.items():
            if isinstance(existing, dict) and key in existing:
                if PLACEHOLDER not in json.dumps(existing[key], default=str):
                    self.kept.append(
                        f"{self.name}: `{block}.{key}` is already set "
                        f"({redact(_inline(existing[key]))}); "
                        f"init leaves it to you (e.g. {key}: {_inline(value)})"
                    )
                continue
            self.additions.setdefault(block, {})[key] = value

    def render(self, notes: list[str]) -> Change | None:
        if not self.additions:
            return None
        blocks = {b: self.additions[b] for b in ITEMS if b in self.additions}
        if self.source is None:
            style = _Style(blank_lines=True)
            text = _HEADER + "\n" + _dump_blocks(blocks, style, new=set(blocks))
            return Change(self.name, None, text, "manifest: " + ", ".join(blocks))
        text = self.source.text
        after = _merge(text, blocks) if isinstance(self.data, dict) else None
        if after is None:
            # Not editable in place without reformatting: append new blocks, list the rest.
            new = {b: v for b, v in blocks.items() if self.block(b) is None}
            for b, values in blocks.items():
                if b not in new:
                    notes.append(
                        f"{self.name}: add {_inline(values)} under `{b}:` by hand (init could "
                        "not edit the file without reformatting it)"
                    )
            if not new or _multi_document(text):
                if new:
                    notes.append(
                        f"{self.name}: several YAML documents; add {', '.join(new)} "
                        "to the first by hand"
                    )
                return None
            style = _guess_style(text)
            body = text if text.endswith("\n") or not text else text + "\n"
            sep = "\n" if style.blank_lines and body.strip() else ""
            after = body + sep + _dump_blocks(new, style, new=set(new))
            blocks = new
        if after == text:
            return None
        parts = [
            f"{b}.{{{', '.join(v)}}}" if isinstance(self.block(b), dict) else b
            for b, v in blocks.items()
        ]
        source = self.source
        return Change(self.name, text, after, ", ".join(parts), source.newline, source.bom)


def _multi_document(text: str) -> bool:
    lines = [line for line in text.split("\n") if line.strip() and not line.startswith("#")]
    return any(re.match(r"^(---|\.\.\.)(\s|$)", line) for line in lines[1:])


_HEADER = (
    "# readycheck agent manifest (written by `readycheck init`): the limits, routes and\n"
    "# state files this agent runs with. Replace each fill-in placeholder with a value you\n"
    "# choose; `readycheck check` lists them until you do. readycheck reads this file, the\n"
    "# agent does not: make what runs the agent enforce what it says.\n"
)
_BLOCK_COMMENTS = {
    "boot": "# Run `readycheck boot` on every start: it enforces this block and the state files.",
    "monitoring": (
        "# Who is told when the agent fails: replace the placeholder with a channel such as\n"
        "# slack (with webhook_env: SLACK_WEBHOOK_URL), pagerduty or email, then enable it."
    ),
}


_EOL_COMMENTS = {"enabled": "# set to true once the channel is filled in"}


@dataclass
class _Style:
    mapping: int = 2
    sequence: int = 4
    offset: int = 2
    flow: bool = False
    blank_lines: bool = False
    double_quotes: bool = False
    null: str = ""  # how the file writes null: "" (empty), "null" or "~"


def _yaml(style: _Style) -> Any:
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=style.mapping, sequence=style.sequence, offset=style.offset)
    if style.null:
        yaml.Representer = _null_representer(style.null)
    return yaml


@lru_cache(maxsize=4)
def _null_representer(text: str) -> Any:
    """A round-trip representer that writes null as `text` (ruamel writes it empty)."""
    from ruamel.yaml.representer import RoundTripRepresenter

    class Representer(RoundTripRepresenter):
        pass

    def represent_none(self: Any, data: Any) -> Any:
        return self.represent_scalar("tag:yaml.org,2002:null", text)

    Representer.add_representer(type(None), represent_none)
    return Representer


def _dumps(yaml: Any, data: Any) -> str:
    import io

    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


TOP_KEY = re.compile(r"^[A-Za-z_][\w-]*\s*:")


def _guess_style(text: str) -> _Style:
    lines = text.split("\n")
    style = _Style()
    mapping = re.compile(r"^( +)[A-Za-z_\"'][^:#]*:(\s|$)")
    for i, line in enumerate(lines[:-1]):
        if TOP_KEY.match(line) and line.rstrip().endswith(":"):
            nxt = next(
                (n for n in lines[i + 1 :] if n.strip() and not n.lstrip().startswith("#")), ""
            )
            m = mapping.match(nxt)
            if m and not nxt.lstrip().startswith("- "):
                style.mapping = len(m.group(1))
                break
    for i, line in enumerate(lines[:-1]):
        stripped = line.rstrip()
        if stripped.endswith(":") and not stripped.lstrip().startswith(("#", "-")):
            indent = len(line) - len(line.lstrip())
            nxt = lines[i + 1]
            dash = len(nxt) - len(nxt.lstrip())
            if nxt.lstrip().startswith("- "):
                style.offset = max(dash - indent, 0)
                style.sequence = style.offset + 2
                break
    else:
        style.offset, style.sequence = style.mapping, style.mapping + 2
    tops = [i for i, line in enumerate(lines) if TOP_KEY.match(line)]
    if len(tops) > 1:
        spaced = 0
        for i in tops[1:]:
            j = i - 1
            while j >= 0 and lines[j].lstrip().startswith("#"):
                j -= 1
            spaced += j >= 0 and not lines[j].strip()
        style.blank_lines = spaced * 2 >= len(tops) - 1
    style.double_quotes = text.count(': "') > text.count(": '")
    return style


def _node(value: Any, style: _Style, top: bool = False) -> Any:
    """Plain values as ruamel nodes: scalar lists in flow style, like `when: [a, b]`."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    if isinstance(value, dict):
        node = CommentedMap()
        for k, v in value.items():
            node[k] = _node(v, style)
            if k in _EOL_COMMENTS and v is False and not style.flow:
                node.yaml_add_eol_comment(_EOL_COMMENTS[k], k)
        if style.flow and top:
            node.fa.set_flow_style()
        return node
    if isinstance(value, list):
        seq = CommentedSeq(_node(v, style) for v in value)
        if all(not isinstance(v, (dict, list)) for v in value) or style.flow:
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str) and style.double_quotes and value.startswith("<"):
        return DoubleQuotedScalarString(value)
    return value


def _dump_blocks(blocks: dict[str, dict[str, Any]], style: _Style, new: set[str]) -> str:
    from ruamel.yaml.comments import CommentedMap

    data = CommentedMap()
    for name, values in blocks.items():
        data[name] = _node(values, style, top=True)
    return _decorate(_dumps(_yaml(style), data), new, style)


def _decorate(text: str, new: set[str], style: _Style) -> str:
    """Comments above new top-level blocks, and blank lines where the file has them."""
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        m = TOP_KEY.match(line)
        key = line.split(":", 1)[0].strip() if m else ""
        if key in new:
            if style.blank_lines and out and out[-1].strip():
                out.append("")
            if key in _BLOCK_COMMENTS:
                out.extend(_BLOCK_COMMENTS[key].split("\n"))
        out.append(line)
    return "\n".join(out)


def _merge(text: str, blocks: dict[str, dict[str, Any]]) -> str | None:
    """`text` with `blocks` merged in by ruamel round-trip, or None when that would change
    anything the user wrote (the check: the edit only adds lines or characters)."""
    from ruamel.yaml.comments import CommentedMap

    guess = _guess_style(text)
    shapes = [(guess.mapping, guess.sequence, guess.offset)]
    shapes += [(m, o + 2, o) for m in (2, 4) for o in (0, 2, m)]
    candidates = [
        _Style(m, seq, o, blank_lines=guess.blank_lines, double_quotes=guess.double_quotes, null=n)
        for n in ("", "null", "~")
        for m, seq, o in dict.fromkeys(shapes)
    ]
    for style in candidates:
        yaml = _yaml(style)
        try:
            data = yaml.load(text)
            if not isinstance(data, CommentedMap) or _dumps(yaml, data) != text:
                continue
        except Exception:  # ruamel raises many kinds of error; the fallback is safe
            return None
        existing = [v for v in data.values() if isinstance(v, CommentedMap)]
        style.flow = bool(existing) and all(v.fa.flow_style() for v in existing)
        new = set()
        for name, values in blocks.items():
            current = data.get(name)
            if current is None and name not in data:
                _append(data, name, _node(values, style, top=True))
                new.add(name)
            elif isinstance(current, CommentedMap):
                for key, value in values.items():
                    if key not in current:
                        _append(current, key, _node(value, style))
            else:
                return None
        after = _comment_gaps(text, _decorate(_dumps(yaml, data), new, style))
        return after if only_adds(text, after) else None
    return None


_EOL_COMMENT = re.compile(r"^(.*?\S)(\s+)(#[^\n]*)$")


def _comment_gaps(before: str, after: str) -> str:
    """Keep the spaces before an end-of-line comment on a line that grew (ruamel writes one:
    `budget: {max_steps: 50, max_runtime: 15m}   # tuned` stays three)."""
    old, new = before.split("\n"), after.split("\n")
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace":
            continue
        j = j1
        for i in range(i1, i2):
            was = _EOL_COMMENT.match(old[i])
            if not was:
                continue
            for k in range(j, j2):
                now = _EOL_COMMENT.match(new[k])
                if now and now.group(3) == was.group(3):
                    new[k] = now.group(1) + was.group(2) + now.group(3)
                    j = k + 1
                    break
    return "\n".join(new)


def _last(node: Any) -> tuple[Any, Any, int] | None:
    """(container, key, slot) of the comment token that follows a block's last line."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, CommentedMap) and len(node) and not node.fa.flow_style():
        key = list(node.keys())[-1]
        return _last(node[key]) or (node, key, 2)
    if isinstance(node, CommentedSeq) and len(node) and not node.fa.flow_style():
        index = len(node) - 1
        return _last(node[index]) or (node, index, 0)
    return None


def _append(mapping: Any, key: str, value: Any) -> None:
    """Add `key` at the end of `mapping`, moving the blank lines and comments that followed
    the old last line after the new one, where they were (ruamel keeps them on the old)."""
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    source = _last(mapping)
    mapping[key] = value
    if source is None:
        return
    container, old, slot = source
    comments = container.ca.items.get(old)
    token = comments[slot] if comments else None
    if token is None:
        return
    value_text = token.value
    cut = value_text.find("\n")
    if cut < 0 or cut == len(value_text) - 1:
        return
    head, rest = value_text[: cut + 1], value_text[cut + 1 :]
    if head.strip():
        token.value = head
    else:
        comments[slot] = None
    target = _last(mapping) or (mapping, key, 2)
    holder, new_key, new_slot = target
    slots = holder.ca.items.setdefault(new_key, [None, None, None, None])
    if slots[new_slot] is not None:  # the new line's own comment stays on its line
        slots[new_slot].value = slots[new_slot].value.rstrip("\n") + "\n" + rest
    else:
        slots[new_slot] = CommentToken("\n" + rest, CommentMark(0), None)


def only_adds(before: str, after: str) -> bool:
    """True when `after` keeps every line and character of `before`, in order."""
    old, new = before.split("\n"), after.split("\n")
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "delete":
            return False
        if tag == "replace" and not _subsequence("\n".join(old[i1:i2]), "\n".join(new[j1:j2])):
            return False
    return True


def _subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


def _existing_readycheck(agent: Path) -> str:
    for name in MANIFEST_NAMES[:2]:
        if (agent / name).is_file():
            return name
    return ""


def _inline(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
