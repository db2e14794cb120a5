"""A second, framework-aware look at a Python file's syntax tree (never imported, never run).

The shared parser keeps each call's resolved name and literal keywords. Framework dialects
also need what it drops: positional arguments (`MaxMessageTermination(10)`), what a name
was bound to (`memory = MemorySaver()`, `with SqliteSaver.from_conn_string(...) as cp:`),
the run configs handed to a graph (`graph.invoke(x, {"recursion_limit": 50})`), the
exceptions a file catches (`except GraphRecursionError:`), and timeouts wrapped around a run
(`asyncio.wait_for(Runner.run(...), timeout=300)`). One parse per file, cached on its text.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from readycheck.model import Call, Document, NonLiteral
from readycheck.parsers.python import literal, recent_nodes, resolve

# Methods of a LangChain runnable / LangGraph graph that take a run config.
RUN_METHODS = frozenset(
    {
        "invoke",
        "ainvoke",
        "stream",
        "astream",
        "batch",
        "abatch",
        "stream_events",
        "astream_events",
        "with_config",
    }
)
_TIMEOUT_WRAPPERS = frozenset(
    {"asyncio.wait_for", "asyncio.timeout", "anyio.fail_after", "async_timeout.timeout"}
)


@dataclass(frozen=True)
class RunConfigKey:
    """A key of a run config handed to a graph: where, which key, its literal value."""

    line: int
    key: str
    value: Any


@dataclass(frozen=True)
class Timeout:
    """A timeout wrapped around calls: its line, value, and the calls it bounds."""

    line: int
    value: Any
    bounds: tuple[str, ...]


@dataclass
class PyInfo:
    calls: dict[tuple[int, int], ast.Call] = field(default_factory=dict)
    assigned: dict[str, ast.expr] = field(default_factory=dict)
    run_config: list[RunConfigKey] = field(default_factory=list)
    caught: list[tuple[str, int]] = field(default_factory=list)
    timeouts: list[Timeout] = field(default_factory=list)
    imports: dict[str, str] = field(default_factory=dict)
    # Calls of a subscripted class, `Agent[Context](...)`, which the shared parse skips.
    generic_calls: list[Call] = field(default_factory=list)

    def node(self, call: Call) -> ast.Call | None:
        return self.calls.get((call.line, call.column))

    def positional(self, call: Call) -> list[Any]:
        node = self.node(call)
        return [literal(a) for a in node.args] if node is not None else []

    def bound_to(self, value: Any) -> ast.expr | None:
        """The expression a bare name was bound to (`cp` in `checkpointer=cp`)."""
        if isinstance(value, NonLiteral) and value.source.isidentifier():
            return self.assigned.get(value.source)
        return None

    def name_of(self, node: ast.expr | None) -> str:
        """The resolved dotted name of a call expression (`MemorySaver()` ->
        `langgraph.checkpoint.memory.MemorySaver`), '' for anything else."""
        if isinstance(node, ast.Call):
            return resolve(node.func, self.imports)
        return ""


def info(doc: Document) -> PyInfo:
    return _analyse(doc.text, tuple(sorted(doc.imports.items())))


@lru_cache(maxsize=64)
def _analyse(text: str, imports: tuple[tuple[str, str], ...]) -> PyInfo:
    result = PyInfo(imports=dict(imports))
    # The kinds of node read below, in `ast.walk` order, as the module's parse kept them.
    nodes = recent_nodes(text)
    if nodes is None:
        try:
            nodes = list(ast.walk(ast.parse(text)))
        except (SyntaxError, ValueError, MemoryError, RecursionError):
            return result
    names = result.imports
    for node in nodes:  # bindings first: a run config may be bound after it is used
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    result.assigned[target.id] = node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            if isinstance(node.target, ast.Name):
                result.assigned[node.target.id] = node.value
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                if isinstance(item.optional_vars, ast.Name):
                    result.assigned[item.optional_vars.id] = item.context_expr
    for node in nodes:
        if isinstance(node, ast.Call):
            result.calls[(node.lineno, node.col_offset + 1)] = node
            _run_config(node, result)
            if isinstance(node.func, ast.Subscript):
                generic = resolve(node.func.value, names)
                if generic:
                    result.generic_calls.append(_generic_call(node, generic))
            if resolve(node.func, names) == "asyncio.wait_for" and node.args:
                timeout = _keyword(node, "timeout")
                if timeout is None and len(node.args) > 1:
                    timeout = node.args[1]
                inner = _called(node.args[0], names)
                if timeout is not None:
                    result.timeouts.append(Timeout(node.lineno, literal(timeout), tuple(inner)))
        elif isinstance(node, (ast.With, ast.AsyncWith)):
            for item in node.items:
                ctx = item.context_expr
                if isinstance(ctx, ast.Call) and resolve(ctx.func, names) in _TIMEOUT_WRAPPERS:
                    value = ctx.args[0] if ctx.args else _keyword(ctx, "delay")
                    inner = [name for stmt in node.body for name in _called(stmt, names)]
                    if value is not None:
                        result.timeouts.append(Timeout(node.lineno, literal(value), tuple(inner)))
        elif isinstance(node, ast.ExceptHandler) and node.type is not None:
            types = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
            for t in types:
                name = resolve(t, names)
                if name:
                    result.caught.append((name, node.lineno))
    return result


def _generic_call(node: ast.Call, name: str) -> Call:
    keywords = {kw.arg: literal(kw.value) for kw in node.keywords if kw.arg}
    lines = {kw.arg: kw.value.lineno for kw in node.keywords if kw.arg}
    return Call(name, node.lineno, node.col_offset + 1, keywords, lines)


def _called(tree: ast.AST, names: dict[str, str]) -> list[str]:
    """Resolved names of every call inside `tree`."""
    return [resolve(n.func, names) for n in ast.walk(tree) if isinstance(n, ast.Call)]


def _keyword(node: ast.Call, name: str) -> ast.expr | None:
    return next((kw.value for kw in node.keywords if kw.arg == name), None)


def _run_config(node: ast.Call, result: PyInfo) -> None:
    """Keys of run configs handed to `.invoke(...)`, `.stream(...)`, `.with_config(...)`."""
    if not isinstance(node.func, ast.Attribute) or node.func.attr not in RUN_METHODS:
        return
    candidates: list[ast.expr] = list(node.args)
    for kw in node.keywords:
        if kw.arg in ("config", None):
            candidates.append(kw.value)
        elif node.func.attr == "with_config":
            result.run_config.append(RunConfigKey(kw.value.lineno, kw.arg, literal(kw.value)))
    for candidate in candidates:
        _config_keys(candidate, result, depth=0)


def _config_keys(node: ast.expr, result: PyInfo, depth: int) -> None:
    if depth > 3:
        return
    if isinstance(node, ast.Dict):
        for key, value in zip(node.keys, node.values, strict=True):
            if key is None:  # {**base, ...}
                _config_keys(value, result, depth + 1)
            elif isinstance(key, ast.Constant) and isinstance(key.value, str):
                result.run_config.append(RunConfigKey(key.lineno, key.value, literal(value)))
    elif isinstance(node, ast.Call):
        for kw in node.keywords:  # RunnableConfig(recursion_limit=...), dict(...)
            if kw.arg:
                result.run_config.append(RunConfigKey(kw.value.lineno, kw.arg, literal(kw.value)))
            else:
                _config_keys(kw.value, result, depth + 1)
        for arg in node.args:
            _config_keys(arg, result, depth + 1)
    elif isinstance(node, ast.Name):
        bound = result.assigned.get(node.id)
        if bound is not None:
            _config_keys(bound, result, depth + 1)
