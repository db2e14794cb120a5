"""Projects: where a scan's files are read from, whatever path is given.

The project root is found as ruff finds it: the nearest directory, at or above the given
path, that holds a readycheck config (`.readycheck.yaml`, or a `pyproject.toml` with a
`[tool.readycheck]` table) or `.git` (a directory, or the file of a work tree or
submodule); without one, the given directory itself (the directory holding every such
path, when a run is given several). A config in a shared temporary folder does not count
(`config.config_in`), and none above a `.git` applies (`config.find_config`). Agents are
judged against their project root (ancestor files are read up to it, paths and
fingerprints are relative to it), so the same agent gets the same answer from any
directory and any path argument.

A directory below the root that holds its own config or `.git` is a separate project
(`discover.is_project_root`): the outer project does not read it, and it is checked on its
own, with its own config.

A run given several paths (`check agents/a 'services/*'`) checks each path's project once,
targeted at the paths in it (`Scan.targets`); its reports are put together with paths
relative to the anchor, the directory holding every project root of the run.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from readycheck.config import Settings
from readycheck.discover import Scan, discover, is_project_root


def find_root(path: Path) -> Path:
    """The project root of `path` (a directory or a file), resolved."""
    return marked_root(path) or _directory(path)


def marked_root(path: Path) -> Path | None:
    """The nearest directory at or above `path` that holds a config or `.git`, if any."""
    directory = _directory(path)
    for candidate in (directory, *directory.parents):
        if is_project_root(candidate):
            return candidate
    return None


def target_of(path: Path, root: Path) -> str:
    """`path` (a directory or a file) relative to its project root, POSIX ('.' for the
    root itself)."""
    return path.resolve().relative_to(root).as_posix()


def _directory(path: Path) -> Path:
    resolved = path.resolve()
    return resolved if resolved.is_dir() else resolved.parent


@dataclass
class Project:
    root: Path  # resolved
    prefix: str  # its root from the run's anchor, POSIX ("" for the anchor itself)
    settings: Settings
    scan: Scan
    started: float  # time.monotonic() when the run began: its deadline counts from here


def load(paths: Sequence[Path], settings_for: Callable[[Path], Settings]) -> list[Project]:
    """The projects of a run: each path's project, targeted at the paths given in it, then
    every separate project below a path (checked whole). The paths without a config or
    .git above them share one project, the directory that holds them all (`check agents/a
    agents/b` judges each agent as `check agents` does). The anchor, the directory their
    prefixes are relative to, is the deepest directory that holds every project root:
    the project root itself when all paths share one. Shallower projects come first; the
    first path's project is the first of its depth."""
    started = time.monotonic()
    roots = {path: marked_root(path) for path in paths}
    # Paths with no config or .git above share one project: the directory holding them.
    unmarked = [_directory(path) for path, root in roots.items() if root is None]
    fallback = Path(os.path.commonpath(unmarked)) if unmarked else None
    wanted: dict[Path, tuple[str, ...]] = {}
    for path, marked in roots.items():
        root = marked or fallback or _directory(path)
        wanted[root] = (*wanted.get(root, ()), target_of(path, root))
    anchor = Path(os.path.commonpath(list(wanted)))
    projects: list[Project] = []
    while wanted:
        root = min(wanted, key=lambda r: len(r.parts))
        targets = tuple(sorted(set(wanted.pop(root))))
        settings = settings_for(root)
        scan = discover(root, settings, targets)
        prefix = root.relative_to(anchor).as_posix()
        projects.append(Project(root, "" if prefix == "." else prefix, settings, scan, started))
        for nested in scan.nested:
            wanted[root / nested] = (".",)  # a whole separate project below a path
    return projects
