"""Discovery: walk the scanned tree once, find agent roots by their markers, and decide
which files each agent reads (its own subtree, minus nested agents, plus the files that
sit directly in each ancestor directory up to the scanned root).

Links are never followed out of the tree; links inside it are read at their real path.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path, PurePosixPath
from typing import Any

from readycheck.bounds import ReadLimits, Timeout, read_head, time_limit
from readycheck.checklist import ITEM_IDS
from readycheck.config import Settings
from readycheck.frameworks.registry import FRAMEWORK_MARKERS
from readycheck.model import Problem
from readycheck.parsers import kind_of

# Exact file names that make their directory an agent root; a framework's marker below
# the root (CrewAI's config/agents.yaml) makes the directory that holds its path the root.
MARKERS = frozenset(
    {"SOUL.md", "HEARTBEAT.md", "BOOT.md", *(m for m in FRAMEWORK_MARKERS if "/" not in m)}
)
NESTED_MARKERS = tuple(m for m in FRAMEWORK_MARKERS if "/" in m)
MANIFESTS = frozenset({"readycheck.yaml", "readycheck.yml", "agent.yaml", "agent.yml"})
_MANIFEST_BLOCK = re.compile(rf"^({'|'.join(ITEM_IDS)})\s*:", re.MULTILINE)
# Config files of other tools: never evidence about an agent.
IGNORED_NAMES = frozenset(
    {
        "package.json",
        "package-lock.json",
        "tsconfig.json",
        "pnpm-lock.yaml",
        "yarn.lock",
        "poetry.lock",
        ".pre-commit-config.yaml",
        ".pre-commit-hooks.yaml",
        "docker-compose.yml",
        "docker-compose.yaml",
        "mkdocs.yml",
        ".readycheck.yaml",
        "pyproject.toml",
        "Cargo.toml",
        "renovate.json",
        ".markdownlint.json",
    }
)


@dataclass
class Agent:
    root: str  # POSIX, relative to the scanned root; "." for the root itself
    markers: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


@dataclass
class Scan:
    root: Path
    files: dict[str, Path]  # relative POSIX path -> real path to read
    kinds: dict[str, str]
    agents: list[Agent]
    unowned: list[str]  # files under no agent and in no agent's ancestor directory
    problems: list[tuple[str, Problem]]


def discover(root: Path, settings: Settings) -> Scan:
    root = root.resolve()
    files: dict[str, Path] = {}
    kinds: dict[str, str] = {}
    problems: list[tuple[str, Problem]] = []
    for rel, real, kind in _walk(root, settings, problems):
        files[rel] = real
        kinds[rel] = kind

    roots: dict[str, list[str]] = {}
    extra = frozenset(settings.extra_markers)
    for rel in files:
        marker_root = _marker_root(rel, files[rel], extra)
        if marker_root is not None:
            roots.setdefault(marker_root, []).append(rel)
    for declared in settings.agents:
        norm = _normalise(declared)
        if (root / norm).is_dir():
            roots.setdefault(norm, []).append(f"{norm}/" if norm != "." else "./")
        else:
            problems.append(
                (".", Problem("RC004", f"configured agent root {declared!r} is not a directory"))
            )

    agents = [Agent(r, sorted(m)) for r, m in sorted(roots.items())]
    owned: set[str] = set()
    by_root = {a.root: a for a in agents}
    for rel in files:
        owner = _owner(PurePosixPath(rel).parent.as_posix(), by_root)
        if owner is not None:
            by_root[owner].files.append(rel)
            owned.add(rel)
    # Files directly in an ancestor directory apply to every agent below it.
    by_dir: dict[str, list[str]] = {}
    for rel in files:
        by_dir.setdefault(PurePosixPath(rel).parent.as_posix(), []).append(rel)
    for agent in agents:
        for ancestor in _ancestors(agent.root):
            for rel in by_dir.get(ancestor, []):
                if rel not in agent.files:
                    agent.files.append(rel)
                owned.add(rel)
        agent.files.sort()
    unowned = sorted(set(files) - owned)
    return Scan(root, files, kinds, agents, unowned, problems)


def _walk(
    root: Path, settings: Settings, problems: list[tuple[str, Problem]]
) -> Iterator[tuple[str, Path, str]]:
    excludes = settings.exclude + settings.extend_exclude
    limits = settings.read_limits
    ignores: list[tuple[str, Any]] = []  # (directory, compiled .gitignore spec)

    def unreadable(error: OSError) -> None:
        where = Path(error.filename or root)
        rel = printable(where.relative_to(root).as_posix()) if where.is_relative_to(root) else "."
        problems.append(
            (rel, Problem("RC002", f"cannot read directory: {error.strerror or error}; skipped"))
        )

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable, followlinks=False):
        here = Path(dirpath)
        rel_dir = here.relative_to(root).as_posix()
        if settings.respect_gitignore and ".gitignore" in filenames:
            spec = _gitignore(here / ".gitignore", limits)
            if spec is not None:
                ignores.append((rel_dir, spec))
        kept = []
        for name in sorted(dirnames):
            rel = _join(rel_dir, name)
            if _excluded(rel, name, excludes) or _ignored(rel + "/", ignores, limits, problems):
                continue
            if (here / name).is_symlink():
                _check_link(root, here / name, printable(rel), problems, directory=True)
                continue
            kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            rel = _join(rel_dir, name)
            kind = kind_of(name)
            if kind is None or name in IGNORED_NAMES:
                continue
            if _excluded(rel, name, excludes) or _ignored(rel, ignores, limits, problems):
                continue
            path = here / name
            if path.is_symlink():
                real = _check_link(root, path, printable(rel), problems, directory=False)
                if real is None:
                    continue
                yield printable(rel), real, kind
            elif _special(path):
                problems.append(
                    (
                        printable(rel),
                        Problem("RC002", "not a regular file (a FIFO, socket or device); skipped"),
                    )
                )
            else:
                yield printable(rel), path, kind


def _check_link(
    root: Path, link: Path, rel: str, problems: list[tuple[str, Problem]], *, directory: bool
) -> Path | None:
    """The link's target when it is a file inside the tree; otherwise a problem and None."""
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):
        problems.append((rel, Problem("RC004", "broken symbolic link; skipped")))
        return None
    if not target.is_relative_to(root):
        problems.append(
            (rel, Problem("RC004", "symbolic link points outside the scanned tree; not followed"))
        )
        return None
    if directory:
        return None  # inside the tree: its real directory is scanned where it is
    return target if target.is_file() else None


def printable(rel: str) -> str:
    """`rel` as text that can be printed: a file name that is not UTF-8 holds surrogate
    escapes, which no output can encode; they are shown as `\\xff`."""
    return os.fsencode(rel).decode("utf-8", "backslashreplace") if _SURROGATE.search(rel) else rel


_SURROGATE = re.compile("[\udc80-\udcff]")


def _special(path: Path) -> bool:
    """A FIFO, socket or device: reading one blocks the scan or never ends."""
    try:
        return not stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False  # gone or unreadable: reading it reports that


def _gitignore(path: Path, limits: ReadLimits) -> Any:
    try:
        raw = read_head(path, limits.max_file_bytes)
    except OSError:
        return None
    lines = raw.decode("utf-8", errors="replace").splitlines()
    import pathspec

    try:
        return pathspec.GitIgnoreSpec.from_lines(lines)
    except ValueError:  # git skips a line it cannot read (`!` alone); so does readycheck
        return pathspec.GitIgnoreSpec.from_lines(line for line in lines if _valid(line))


def _valid(line: str) -> bool:
    import pathspec

    try:
        pathspec.GitIgnoreSpec.from_lines([line])
    except ValueError:
        return False
    return True


def _ignored(
    rel: str,
    ignores: list[tuple[str, Any]],
    limits: ReadLimits,
    problems: list[tuple[str, Problem]],
) -> bool:
    for index, (base, spec) in enumerate(ignores):
        if base == ".":
            path = rel
        elif rel.startswith(base + "/"):
            path = rel[len(base) + 1 :]
        else:
            continue
        try:
            with time_limit(limits.max_match_seconds):
                matched = spec.match_file(path)
        except Timeout:
            # A pattern such as `a*a*a*a*a*b` backtracks for hours on a long name: a
            # .gitignore that cannot be matched in time is not honoured, and said so.
            del ignores[index]
            gitignore = _join(base, ".gitignore")
            message = "a pattern takes too long to match; this .gitignore is not honoured"
            problems.append((printable(gitignore), Problem("RC005", message)))
            return _ignored(rel, ignores, limits, problems)
        if matched:
            return True
    return False


def _excluded(rel: str, name: str, patterns: tuple[str, ...]) -> bool:
    if name in patterns:  # most excludes are plain names: skip the glob matching
        return True
    return any(fnmatch(name, p) or fnmatch(rel, p) for p in patterns if _GLOB.search(p))


_GLOB = re.compile(r"[*?\[/]")


def _join(rel_dir: str, name: str) -> str:
    return name if rel_dir == "." else f"{rel_dir}/{name}"


def _normalise(path: str) -> str:
    norm = PurePosixPath(path.replace("\\", "/")).as_posix().strip("/")
    return norm or "."


def _marker_root(rel: str, real: Path, extra: frozenset[str] = frozenset()) -> str | None:
    """The agent root that `rel` marks, or None when it is no marker."""
    parts = PurePosixPath(rel)
    parent = parts.parent.as_posix()
    name = parts.name
    if name in MARKERS or name in extra:
        return parent
    if name in MANIFESTS and _is_manifest(real):
        return parent
    for marker in NESTED_MARKERS:
        if rel == marker:
            return "."
        if rel.endswith("/" + marker):
            return rel[: -len(marker) - 1]
    return None


def _is_manifest(path: Path) -> bool:
    try:
        head = read_head(path, 256 * 1024).decode("utf-8", errors="replace")
    except OSError:
        return False
    return bool(_MANIFEST_BLOCK.search(head))


def _owner(directory: str, by_root: dict[str, Agent]) -> str | None:
    """The deepest agent root that contains `directory`."""
    probe = PurePosixPath(directory)
    while True:
        key = probe.as_posix()
        if key in by_root:
            return key
        if key == ".":
            return None
        probe = probe.parent


def _ancestors(root: str) -> list[str]:
    """Directories strictly above `root`, up to the scanned root ('.')."""
    if root == ".":
        return []
    return [p.as_posix() for p in PurePosixPath(root).parents]
