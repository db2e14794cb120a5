"""YAML through libyaml's composer: node positions for every key, one pass, bounded.

Values are built from the composed nodes here rather than by PyYAML's constructor, so the
walk that records positions is also the walk that builds data, and the node budget bounds
alias expansion (a "billion laughs" document stops at `max_nodes`).
"""

from __future__ import annotations

import math
from typing import Any

import yaml

from readycheck.bounds import ReadLimits
from readycheck.model import Document, Entry, Problem
from readycheck.parsers.tree import TooBig, tame

_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_RANGE_SEXAGESIMAL_PARTS = 175  # 60**174 > 1.8e308, the largest float

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(doc: Document, limits: ReadLimits, line_offset: int = 0) -> None:
    """Parse `doc.text` as a YAML stream; lines are shifted by `line_offset` (fenced blocks)."""
    loader = _Loader(doc.text)
    entries: list[Entry] = []
    budget = [limits.max_nodes]

    def build(node: yaml.Node, keys: tuple[str | int, ...], depth: int) -> Any:
        budget[0] -= 1
        if budget[0] < 0:
            raise TooBig(
                Problem("RC005", f"more than {limits.max_nodes:,} values (alias expansion?)")
            )
        if depth > limits.max_depth:
            raise TooBig(Problem("RC005", f"nesting deeper than {limits.max_depth} levels"))
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for knode, vnode in node.value:
                key = str(knode.value) if isinstance(knode, yaml.ScalarNode) else "?"
                if key == "<<":
                    continue  # merge keys: the merged mapping is reported where it is defined
                path = (*keys, key)
                value = build(vnode, path, depth + 1)
                result[key] = value
                mark = knode.start_mark
                entries.append(Entry(path, value, mark.line + 1 + line_offset, mark.column + 1))
            return result
        if isinstance(node, yaml.SequenceNode):
            items: list[Any] = []
            for i, child in enumerate(node.value):
                value = build(child, (*keys, i), depth + 1)
                items.append(value)
                mark = child.start_mark
                entries.append(
                    Entry((*keys, i), value, mark.line + 1 + line_offset, mark.column + 1)
                )
            return items
        if node.tag == _INT_TAG and node.value.count(":") > _FLOAT_RANGE_SEXAGESIMAL_PARTS:
            # YAML 1.1 base 60 (`1:59:59`): PyYAML builds it in quadratic time, and one of
            # this many parts is beyond the float range, which `tame` makes infinite anyway.
            return -math.inf if node.value.startswith("-") else math.inf
        try:
            return tame(loader.construct_object(node))
        except (yaml.YAMLError, ValueError, OverflowError):
            # An unknown tag, an integer of thousands of digits, a date that does not
            # exist (2024-13-45): keep the text.
            return node.value

    try:
        first = True
        while loader.check_node():
            node = loader.get_node()
            if node is None:
                break
            data = build(node, (), 0)
            if first:
                doc.data, first = data, False
    except TooBig as exc:
        doc.problems.append(exc.problem)
        return
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        col = mark.column + 1 if mark else 1
        doc.problems.append(Problem("RC001", f"invalid YAML: {exc.problem or exc}", line, col))
        return
    except yaml.YAMLError as exc:
        doc.problems.append(Problem("RC001", f"invalid YAML: {exc}", 1 + line_offset))
        return
    finally:
        loader.dispose()
    entries.sort(key=lambda e: (e.line, e.column))
    doc.entries.extend(entries)
