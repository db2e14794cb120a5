"""Resource bounds for reading untrusted files. One place, so tests and docs agree."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadLimits:
    max_file_bytes: int = 2 * 1024 * 1024  # larger files are skipped with RC003
    max_depth: int = 64  # nesting of mappings/lists
    max_nodes: int = 100_000  # values visited per document; bounds YAML alias expansion


DEFAULT_READ_LIMITS = ReadLimits()
