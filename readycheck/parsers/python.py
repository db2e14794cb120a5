"""Python source, read with `ast` only: never imported, never run.

Records the file's imports (alias -> module), every call with its resolved dotted name and
literal keyword values, constant assignments, dict-literal keys, and long string literals
(system prompts written in code) as prose units.
"""

from __future__ import annotations

import ast
import math
import re
from collections import deque
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
    except ValueError as exc:  # NUL bytes
        doc.problems.append(Problem("RC001", f"invalid Python: {exc}"))
        return
    except (MemoryError, RecursionError):  # `not not … 1`, `~~…1`: the parser's stack
        doc.problems.append(Problem("RC001", "invalid Python: nested too deeply to parse"))
        return
    nodes, context = _walk(tree)  # one traversal, shared by every pass below
    _RECENT.append((doc.text, nodes))
    imports = _imports(nodes)
    doc.imports = imports
    not_prose = _not_prose(nodes)
    for node in nodes:
        if type(node) not in _READ_NODES:
            continue  # a module, class, function, raise or import: read by the passes above
        if isinstance(node, ast.Call):
            name = resolve(node.func, imports)
            if name:
                function, handler = context.get(id(node), ("", False))
                doc.calls.append(_call(node, name, function, handler))
        elif isinstance(node, ast.ExceptHandler):
            caught = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
            names = tuple(ast.unparse(t) for t in caught if t is not None)
            raises = any(isinstance(n, ast.Raise) for b in node.body for n in ast.walk(b))
            doc.handlers.append((names, raises, node.lineno))
        elif isinstance(node, ast.For):
            loop = _counted_loop(node)
            if loop:
                doc.loops.append(loop)
        elif (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and node.value is not None
        ):  # `max_llm_retries: int = 3` in a settings class
            value = literal(node.value)
            if not isinstance(value, NonLiteral):
                doc.entries.append(
                    Entry((node.target.id,), value, node.lineno, node.col_offset + 1)
                )
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
            and id(node) not in not_prose
            and not _is_source_code(node.value)
        ):
            doc.units.append(Unit(node.value.strip(), node.lineno))
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and 2 < len(node.value) <= 120
            and " " not in node.value.strip()
            and id(node) not in not_prose
        ):
            doc.names.append((node.value, node.lineno))


# Deeper syntax trees are refused (RC005): a non-literal's text is written later, by
# recursion (`ast.unparse`), which must not fail where it is read. Real modules reach 88
# levels (a generated table); a chain of hundreds of `+` is hostile.
MAX_TREE_DEPTH = 150

# The kinds of node the loop above reads.
_READ_NODES = frozenset(
    {ast.Call, ast.ExceptHandler, ast.For, ast.AnnAssign, ast.Assign, ast.Dict, ast.Constant}
)

# The kinds of node any pass reads: the loop above, `_imports`, `_not_prose`, and the
# frameworks' own reading (`frameworks.pyast`). The walk keeps only these (names,
# attributes and operators are most of a tree).
_KEPT_NODES = _READ_NODES | {
    ast.Module,
    ast.ClassDef,
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.Raise,
    ast.Import,
    ast.ImportFrom,
    ast.With,
    ast.AsyncWith,
}

# The last modules parsed and their kept nodes: a framework's reader asks about a module
# right after it is parsed, and parsing it again cost a tenth of a code-heavy run.
_RECENT: deque[tuple[str, list[ast.AST]]] = deque(maxlen=4)


def recent_nodes(text: str) -> list[ast.AST] | None:
    """The kept nodes (`_KEPT_NODES`, in `ast.walk` order) of `text` when it is one of the
    last modules parsed (the same string, not an equal one), else None."""
    for parsed, nodes in _RECENT:
        if parsed is text:
            return nodes
    return None


# A line of Python source: a string holding a script the code writes out is not prose.
_CODE_LINE = re.compile(
    r"^\s*(def \w+\(|class \w+[(:]|import \w|from [\w.]+ import |return\b|try:|except\b"
    r"|(if|elif|for|while|with) [^\n]*:\s*$)",
    re.MULTILINE,
)


def _is_source_code(text: str) -> bool:
    lines = text.count("\n") + 1
    code = len(_CODE_LINE.findall(text, 0, 200_000))
    return code >= 3 and code * 5 >= lines


# Calls whose string arguments are messages to a log, a console or a UI, not instructions
# to the agent: `logger.error("Failed to send e-mail")` is logging, never an alert route.
_MESSAGE_CALLS = frozenset(
    {
        "print",
        "log",
        "debug",
        "info",
        "warning",
        "warn",
        "error",
        "exception",
        "critical",
        "fatal",
        "echo",
        "secho",
        "write",
        "markdown",
        "success",
        "caption",
        "title",
        "header",
        "subheader",
        "text",
        "toast",
    }
)


def _not_prose(nodes: list[ast.AST]) -> set[int]:
    """String constants that are not prose for the agent: docstrings (documentation of the
    code), exception messages, and messages to logs, consoles and UIs."""
    skipped: set[int] = set()

    def skip(node: ast.AST) -> None:
        skipped.update(id(n) for n in ast.walk(node) if isinstance(n, ast.Constant))

    for node in nodes:
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                skipped.add(id(body[0].value))
        elif isinstance(node, ast.Raise) and node.exc is not None:
            skip(node.exc)
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in _MESSAGE_CALLS:
                for arg in [*node.args, *(k.value for k in node.keywords)]:
                    skip(arg)
    return skipped


def _imports(nodes: list[ast.AST]) -> dict[str, str]:
    names: dict[str, str] = {}
    for node in nodes:
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
    # The common cases first, as `literal_eval` and `unparse` would answer them.
    kind = type(node)
    if kind is ast.Constant:
        return tame(node.value)  # type: ignore[attr-defined]
    if kind is ast.Name:
        return NonLiteral(node.id)  # type: ignore[attr-defined]
    if kind is ast.Attribute:
        dotted = _dotted(node)
        if dotted:
            return NonLiteral(dotted)
    if kind not in _MAYBE_LITERAL or (kind is ast.Call and not _is_empty_set(node)):
        return NonLiteral(node=node)  # refused by `literal_eval` at once: no exception
    try:
        return _tamed(ast.literal_eval(node))
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        pass
    return NonLiteral(node=node)  # its text written when first read


# The kinds of node `literal_eval` reads (besides constants): any other is refused whole.
_MAYBE_LITERAL = frozenset(
    {ast.Tuple, ast.List, ast.Set, ast.Dict, ast.Call, ast.BinOp, ast.UnaryOp}
)


def _is_empty_set(node: ast.expr) -> bool:
    """`set()`, the one call `literal_eval` reads."""
    return (
        isinstance(node, ast.Call)
        and type(node.func) is ast.Name
        and node.func.id == "set"
        and not node.args
        and not node.keywords
    )


def _dotted(node: ast.expr) -> str:
    """`a.b.c` for an attribute chain on a name ('' for anything else)."""
    parts: list[str] = []
    while type(node) is ast.Attribute:
        parts.append(node.attr)
        node = node.value
    if type(node) is not ast.Name:
        return ""
    parts.append(node.id)
    return ".".join(reversed(parts))


def _tamed(value: Any) -> Any:
    """A literal with its integers beyond the float range made +/-inf (see `tame`)."""
    if isinstance(value, dict):
        return {tame(k): _tamed(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return type(value)(_tamed(v) for v in value)
    return tame(value)


def _call(node: ast.Call, name: str, function: str = "", handler: bool = False) -> Call:
    keywords: dict[str, Any] = {}
    lines: dict[str, int] = {}
    for kw in node.keywords:
        if kw.arg:
            keywords[kw.arg] = literal(kw.value)
            lines[kw.arg] = kw.value.lineno
    args = tuple(literal(a) for a in node.args[:4])
    return Call(name, node.lineno, node.col_offset + 1, keywords, lines, args, function, handler)


def _walk(tree: ast.Module) -> tuple[list[ast.AST], dict[int, tuple[str, bool]]]:
    """The nodes the passes read (`_KEPT_NODES`) in `ast.walk` order, and for each call
    the function it is written in and whether it is in an `except` block, in one traversal
    (walking a large file once per question was most of the time spent on code-heavy
    repositories)."""
    nodes: list[ast.AST] = []
    contexts: dict[int, tuple[str, bool]] = {}
    queue: deque[tuple[ast.AST, str, bool]] = deque([(tree, "", False)])
    depth, left = 1, 1  # breadth first: when a level is done, the queue holds the next one
    kept = _KEPT_NODES
    while queue:
        node, function, handler = queue.popleft()
        kind = type(node)
        if kind in kept:
            nodes.append(node)
        if kind is ast.FunctionDef or kind is ast.AsyncFunctionDef:
            function, handler = node.name, False  # type: ignore[attr-defined]
        elif kind is ast.ExceptHandler:
            handler = True
        elif kind is ast.Call:
            contexts[id(node)] = (function, handler)
        # `ast.iter_child_nodes`, inlined, without the `Load`/`Store` markers of names:
        # they are a fifth of the nodes and no pass reads them.
        for field in node._fields:
            value = getattr(node, field, None)
            if isinstance(value, ast.AST):
                if not isinstance(value, ast.expr_context):
                    queue.append((value, function, handler))
            elif isinstance(value, list):
                queue.extend(
                    (item, function, handler) for item in value if isinstance(item, ast.AST)
                )
        left -= 1
        if left == 0:
            left, depth = len(queue), depth + 1
            if left and depth > MAX_TREE_DEPTH:
                raise RecursionError  # read_document reports it (RC005)
    return nodes, contexts


def _counted_loop(node: ast.For) -> tuple[str, float, int, str] | None:
    """`for attempt in range(3)` (or `range(1, 4)`): the loop variable and its count; for
    `range(MAX_TRIES)`, NaN and the constant's name."""
    call = node.iter
    if not (
        isinstance(node.target, ast.Name)
        and isinstance(call, ast.Call)
        and isinstance(call.func, ast.Name)
        and call.func.id == "range"
        and 1 <= len(call.args) <= 2
    ):
        return None
    bounds = [literal(a) for a in call.args]
    if len(bounds) == 1 and isinstance(bounds[0], NonLiteral) and bounds[0].source.isidentifier():
        return (node.target.id, math.nan, node.lineno, bounds[0].source)  # `range(MAX_TRIES)`
    if not all(isinstance(b, int) and not isinstance(b, bool) for b in bounds):
        return None
    count = bounds[0] if len(bounds) == 1 else bounds[1] - bounds[0]
    return (node.target.id, float(count), node.lineno, "")
