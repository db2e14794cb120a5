"""Projects: where a scan's files are read from, whatever path is given.

The project root is found as ruff finds it: the nearest directory, at or above the given
path, that holds a readycheck config (`.readycheck.yaml`, or a `pyproject.toml` with a
`[tool.readycheck]` table) or `.git` (a directory, or the file of a work tree or
submodule); without one, the given directory itself. Agents are judged against their
project root (ancestor files are read up to it, paths and fingerprints are relative to it),
so the same agent gets the same answer from any directory and any path argument.

A directory below the root that holds its own config or `.git` is a separate project
(`discover.is_project_root`): the outer project does not read it, and it is checked on its
own, with its own config.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from readycheck.config import Settings
from readycheck.discover import Scan, discover, is_project_root


def find_root(path: Path) -> Path:
    """The project root of `path` (a directory or a file), resolved."""
    directory = _directory(path)
    for candidate in (directory, *directory.parents):
        if is_project_root(candidate):
            return candidate
    return directory


def scope_of(path: Path, root: Path) -> str:
    """`path`'s directory relative to its project root, POSIX ('.' for the root)."""
    return _directory(path).relative_to(root).as_posix()


def _directory(path: Path) -> Path:
    resolved = path.resolve()
    return resolved if resolved.is_dir() else resolved.parent


@dataclass
class Project:
    root: Path  # resolved
    prefix: str  # its root from the first project's root, POSIX ("" for the first)
    settings: Settings
    scan: Scan


def load(path: Path, settings_for: Callable[[Path], Settings]) -> list[Project]:
    """The project of `path`, scoped to it, then every separate project below it."""
    root = find_root(path)
    return _load(root, scope_of(path, root), "", settings_for)


def _load(
    root: Path, scope: str, prefix: str, settings_for: Callable[[Path], Settings]
) -> list[Project]:
    settings = settings_for(root)
    scan = discover(root, settings, scope)
    projects = [Project(root, prefix, settings, scan)]
    for nested in scan.nested:
        inner = f"{prefix}/{nested}" if prefix else nested
        projects.extend(_load(root / nested, ".", inner, settings_for))
    return projects
