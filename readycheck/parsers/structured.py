"""JSON, JSON5/JSONC, TOML and dotenv files."""

from __future__ import annotations

import json
import re
import sys
from typing import Any

from readycheck.bounds import ReadLimits
from readycheck.model import Document, Entry, Problem
from readycheck.parsers.tree import TooBig, bracket_depth, located_entries, tame


def _guard(doc: Document, limits: ReadLimits) -> bool:
    if bracket_depth(doc.text) > limits.max_depth:
        doc.problems.append(Problem("RC005", f"nesting deeper than {limits.max_depth} levels"))
        return False
    return True


def _finish(doc: Document, data: Any, limits: ReadLimits) -> None:
    doc.data = data = tame(data)
    try:
        doc.entries = located_entries(doc.text, data, limits)
    except TooBig as exc:
        doc.problems.append(exc.problem)


def _int(text: str, base: int = 10) -> int | float:
    """A JSON integer; one of thousands of digits as a float (inf), since Python refuses to
    convert it (ValueError) and no such number is a real bound anyway."""
    if base == 10 and len(text) > 1000:
        return float(text)
    return int(text, base)


def parse_json(doc: Document, limits: ReadLimits) -> None:
    if not doc.text.strip():
        return  # an empty file holds nothing, and is not an error for a config
    if not _guard(doc, limits):
        return
    try:
        data = json.loads(doc.text, parse_int=_int)
    except json.JSONDecodeError as exc:
        doc.problems.append(Problem("RC001", f"invalid JSON: {exc.msg}", exc.lineno, exc.colno))
        return
    _finish(doc, data, limits)


def parse_json5(doc: Document, limits: ReadLimits) -> None:
    if not doc.text.strip() or not _guard(doc, limits):
        return
    try:  # most JSON5 files are plain JSON: the C parser reads them 100x faster, alike
        data = json.loads(doc.text, parse_int=_int)
    except json.JSONDecodeError:
        pass
    else:
        _finish(doc, data, limits)
        return
    import json5

    try:
        data = json5.loads(doc.text, parse_int=_int)
    except ValueError as exc:
        line, col = _json5_position(str(exc))
        doc.problems.append(Problem("RC001", f"invalid JSON5: {_first_line(exc)}", line, col))
        return
    _finish(doc, _pairs_joined(data), limits)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _pairs_joined(value: Any) -> Any:
    """json5 reads an escaped surrogate pair ("\\ud83d\\ude00") as two lone surrogates
    where JSON reads one character: joined, as `json.loads` does, so that a file reads the
    same with a comment in it as without (a lone surrogate stays as it is)."""
    if isinstance(value, str):
        if not _SURROGATE.search(value):
            return value
        return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")
    if isinstance(value, dict):
        return {_pairs_joined(k): _pairs_joined(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_pairs_joined(v) for v in value]
    return value


def _json5_position(message: str) -> tuple[int, int]:
    m = re.search(r"<string>:(\d+)(?::(\d+))?", message) or re.search(
        r"line (\d+)(?: column (\d+))?", message
    )
    if not m:
        return 1, 1
    return int(m.group(1)), int(m.group(2) or 1)


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def tomllib_loads(text: str) -> dict[str, Any]:
    """`tomllib.loads` (tomli before Python 3.11); raises ValueError on invalid TOML."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    data: dict[str, Any] = tomllib.loads(text)
    return data


def _dotted_key_too_deep(max_depth: int) -> re.Pattern[str]:
    """A line that starts with a key of more than `max_depth` dotted parts (`a.a.a…`, in a
    table header too): tomllib takes quadratic time on such a key, and the value it names
    would be nested too deep to read anyway."""
    part = r"""(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')"""
    return re.compile(rf"^[ \t]*\[*[ \t]*(?:{part}[ \t]*\.[ \t]*){{{max_depth}}}", re.M)


def parse_toml(doc: Document, limits: ReadLimits) -> None:
    if not _guard(doc, limits):
        return
    if _dotted_key_too_deep(limits.max_depth).search(doc.text):
        doc.problems.append(Problem("RC005", f"nesting deeper than {limits.max_depth} levels"))
        return
    try:
        data = tomllib_loads(doc.text)
    except ValueError as exc:  # TOMLDecodeError is a ValueError
        m = re.search(r"line (\d+), column (\d+)", str(exc))
        line, col = (int(m.group(1)), int(m.group(2))) if m else (1, 1)
        doc.problems.append(Problem("RC001", f"invalid TOML: {_first_line(exc)}", line, col))
        return
    _finish(doc, data, limits)


_ASSIGN = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$")


def parse_dotenv(doc: Document, limits: ReadLimits) -> None:
    data: dict[str, str] = {}
    for number, line in enumerate(doc.text.splitlines(), 1):
        m = _ASSIGN.match(line)
        if m:
            value = m.group(2).strip().strip("\"'")
            data[m.group(1)] = value
            doc.entries.append(Entry((m.group(1),), value, number, 1))
    doc.data = data
