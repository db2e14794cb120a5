"""Python source, read with `ast` only: never imported, never run.

Records the file's imports (alias -> module), every call with its resolved dotted name and
literal keyword values, constant assignments, dict-literal keys, and long string literals
(system prompts written in code) as prose units.
"""

from __future__ import annotations

import ast
from typing import Any

from readycheck.bounds import ReadLimits
from readycheck.model import Call, Document, Entry, NonLiteral, Problem, Unit
from readycheck.parsers.tree import tame


def parse_python(doc: Document, limits: ReadLimits) -> None:
    try:
        tree = ast.parse(doc.text, filename=doc.path)
    except SyntaxError as exc:
        doc.problems.append(
            Problem("RC001", f"invalid Python: {exc.msg}", exc.lineno or 1, exc.offset or 1)
        )
        return
    except (ValueError, MemoryError) as exc:  # NUL bytes, absurd nesting
        doc.problems.append(Problem("RC001", f"invalid Python: {exc}"))
        return
    imports = _imports(tree)
    doc.imports = imports
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = resolve(node.func, imports)
            if name:
                doc.calls.append(_call(node, name))
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                value = literal(node.value)
                if not isinstance(value, NonLiteral):
                    doc.entries.append(Entry((target.id,), value, node.lineno, node.col_offset + 1))
        elif isinstance(node, ast.Dict):
            for key, value_node in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    doc.entries.append(
                        Entry((key.value,), literal(value_node), key.lineno, key.col_offset + 1)
                    )
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and len(node.value.split()) >= 4
        ):
            doc.units.append(Unit(node.value.strip(), node.lineno))


def _imports(tree: ast.Module) -> dict[str, str]:
    names: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                names[alias.asname or alias.name.split(".")[0]] = (
                    alias.name if alias.asname else alias.name.split(".")[0]
                )
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                names[alias.asname or alias.name] = f"{node.module}.{alias.name}"
    return names


def resolve(func: ast.expr, imports: dict[str, str]) -> str:
    """Dotted name of a call target through the file's imports ('' when not a name)."""
    parts: list[str] = []
    while isinstance(func, ast.Attribute):
        parts.append(func.attr)
        func = func.value
    if isinstance(func, ast.Call):  # Runner().run(...) -> Runner.run
        inner = resolve(func.func, imports)
        return ".".join([inner, *reversed(parts)]) if inner else ""
    if not isinstance(func, ast.Name):
        return ""
    head = imports.get(func.id, func.id)
    return ".".join([head, *reversed(parts)])


def literal(node: ast.expr) -> Any:
    """A literal value (safe: `ast.literal_eval` evaluates no code), else its source text."""
    try:
        return _tamed(ast.literal_eval(node))
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        pass
    try:
        return NonLiteral(ast.unparse(node))
    except ValueError:  # an integer of thousands of digits cannot be printed
        return NonLiteral("<expression>")


def _tamed(value: Any) -> Any:
    """A literal with its integers beyond the float range made +/-inf (see `tame`)."""
    if isinstance(value, dict):
        return {tame(k): _tamed(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return type(value)(_tamed(v) for v in value)
    return tame(value)


def _call(node: ast.Call, name: str) -> Call:
    keywords: dict[str, Any] = {}
    lines: dict[str, int] = {}
    for kw in node.keywords:
        if kw.arg:
            keywords[kw.arg] = literal(kw.value)
            lines[kw.arg] = kw.value.lineno
    return Call(name, node.lineno, node.col_offset + 1, keywords, lines)
