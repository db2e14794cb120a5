"""Discovery: walk the scanned tree once, find agent roots by their markers, and decide
which files each agent reads (its whole subtree, nested agents' directories included, plus
the files that sit directly in each ancestor directory up to the scanned root).

The files walked are the ones git would list: .gitignore files apply as git applies them
(readycheck.gitignore), and a file git tracks is never ignored (readycheck.gitindex).
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

from readycheck.bounds import ReadLimits, read_head
from readycheck.checklist import ITEM_IDS
from readycheck.config import Settings, config_in, has_git
from readycheck.frameworks.registry import FRAMEWORK_MARKERS
from readycheck.gitignore import IgnoreFile
from readycheck.gitignore import parse as parse_ignore_file
from readycheck.gitindex import NOTHING_TRACKED, Tracked, UnreadableIndex, read_tracked
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
    root: Path  # the project root
    files: dict[str, Path]  # relative POSIX path -> real path to read
    kinds: dict[str, str]
    agents: list[Agent]  # every agent under the root: each file's owner is decided by all
    unowned: list[str]  # files under no agent and in no agent's ancestor directory
    problems: list[tuple[str, Problem]]
    # The paths asked for, relative to the root ("." for all of it), and their agents.
    targets: tuple[str, ...]
    selected: list[Agent]
    nested: list[str] = field(default_factory=list)  # separate projects below, targeted

    def targeted(self, rel: str) -> bool:
        """Whether a file is at or under a path asked for."""
        return any(within(rel, target) for target in self.targets)

    def concerns(self, rel: str) -> bool:
        """Whether a problem met while walking belongs to this run: at or under a path
        asked for, in a file a selected agent reads, or about the walk itself (the
        config's agent roots, the git index, an ignore file)."""
        if rel == "." or rel.startswith(".git/") or rel.rsplit("/", 1)[-1] == ".gitignore":
            return True
        return self.targeted(rel) or any(rel in agent.files for agent in self.selected)


def is_project_root(directory: Path) -> bool:
    """Whether `directory` holds a readycheck config or `.git` (see readycheck.project)."""
    return has_git(directory) or config_in(directory) is not None


def discover(root: Path, settings: Settings, targets: tuple[str, ...] = (".",)) -> Scan:
    """The files and agents of the project at `root`. `targets` (paths relative to `root`)
    choose the agents to check; the rest of the project is still walked, so that an agent
    named by one path reads the same shared files as when the whole root is checked. A
    separate project below the root is not walked but listed in `nested` when targeted."""
    root = root.resolve()
    files: dict[str, Path] = {}
    kinds: dict[str, str] = {}
    problems: list[tuple[str, Problem]] = []
    nested: list[str] = []
    for rel, real, kind in _walk(root, settings, problems, nested):
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
        if not (root / norm).resolve().is_relative_to(root):
            message = f"configured agent root {declared!r} is outside the project"
            problems.append((".", Problem("RC004", message)))
        elif (root / norm).is_dir():
            roots.setdefault(norm, []).append(f"{norm}/" if norm != "." else "./")
        elif any(within(norm, target) for target in targets):
            message = f"configured agent root {declared!r} is not a directory"
            problems.append((".", Problem("RC004", message)))

    agents = [Agent(r, sorted(m)) for r, m in sorted(roots.items())]
    read_by: dict[str, set[str]] = {a.root: set() for a in agents}
    by_dir: dict[str, list[str]] = {}
    for rel in files:
        # Every agent whose root holds the file reads it: a nested marker directory (an
        # OpenClaw instance's workspace/ with its SOUL.md) is part of the agent around it.
        for directory in _ancestors(rel):
            if directory in read_by:
                read_by[directory].add(rel)
        by_dir.setdefault(rel.rpartition("/")[0] or ".", []).append(rel)
    # Files directly in an ancestor directory apply to every agent below it.
    for agent in agents:
        for ancestor in _ancestors(agent.root):
            read_by[agent.root].update(by_dir.get(ancestor, []))
        agent.files = sorted(read_by[agent.root])
    owned = set().union(*read_by.values())
    unowned = sorted(set(files) - owned)
    selected = _select(agents, targets)
    nested = [rel for rel in nested if any(within(rel, target) for target in targets)]
    return Scan(root, files, kinds, agents, unowned, problems, targets, selected, nested)


def _select(agents: list[Agent], targets: tuple[str, ...]) -> list[Agent]:
    """The agents a path asks for: those at or under it, else (a file, or a directory
    inside an agent) the deepest agent that holds it."""
    chosen: set[str] = set()
    for target in targets:
        below = {a.root for a in agents if within(a.root, target)}
        if not below:
            holders = [a.root for a in agents if within(target, a.root)]
            below = {max(holders, key=_depth)} if holders else set()
        chosen |= below
    return [a for a in agents if a.root in chosen]


def within(rel: str, directory: str) -> bool:
    """Whether `rel` is `directory` or below it ("." holds everything)."""
    return directory == "." or rel == directory or rel.startswith(directory + "/")


def _depth(rel: str) -> int:
    return 0 if rel == "." else rel.count("/") + 1


def _walk(
    root: Path, settings: Settings, problems: list[tuple[str, Problem]], nested: list[str]
) -> Iterator[tuple[str, Path, str]]:
    """Every file to read, as `git ls-files --cached --others --exclude-standard` lists
    them (when .gitignore files are respected), minus the configured excludes and the
    separate projects below the root (added to `nested`)."""
    excludes = _Excludes(settings.exclude + settings.extend_exclude)
    limits = settings.read_limits
    ignores = _Ignores(root, limits, problems) if settings.respect_gitignore else None
    tracked = _tracked(root, problems) if ignores is not None else NOTHING_TRACKED
    # Ignored directories walked only for the tracked paths below them: git reads no
    # .gitignore there and keeps nothing else.
    ignored_dirs: set[str] = set()

    def unreadable(error: OSError) -> None:
        where = Path(error.filename or root)
        rel = printable(where.relative_to(root).as_posix()) if where.is_relative_to(root) else "."
        problems.append(
            (rel, Problem("RC002", f"cannot read directory: {error.strerror or error}; skipped"))
        )

    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable, followlinks=False):
        here = Path(dirpath)
        rel_dir = here.relative_to(root).as_posix()
        inside_ignored = rel_dir in ignored_dirs
        if ignores is not None and not inside_ignored and ".gitignore" in filenames:
            ignores.read(rel_dir, here / ".gitignore", _join(rel_dir, ".gitignore"))
        kept = []
        for name in sorted(dirnames):
            rel = _join(rel_dir, name)
            if excludes.match(rel, name):
                continue
            link = (here / name).is_symlink()  # to git a link is a file, never a directory
            if _ignored(rel, not link, inside_ignored, ignores, tracked):
                if link or not tracked.holds(rel):
                    continue
                ignored_dirs.add(rel)
            if link:
                _check_link(root, here / name, printable(rel), problems, directory=True)
                continue
            if _depth(rel) > limits.max_dir_depth:
                message = f"directory nested deeper than {limits.max_dir_depth} levels; not read"
                problems.append((printable(rel), Problem("RC005", message)))
                continue
            why = _unsearchable(here / name)
            if why is not None:
                message = f"cannot search directory: {why}; skipped"
                problems.append((printable(rel), Problem("RC002", message)))
                continue
            if is_project_root(here / name):
                nested.append(rel)
                continue
            kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            rel = _join(rel_dir, name)
            kind = kind_of(name)
            if kind is None or name in IGNORED_NAMES:
                continue
            if excludes.match(rel, name):
                continue
            if _ignored(rel, False, inside_ignored, ignores, tracked):
                continue
            path = here / name
            mode = _mode(os.path.join(dirpath, name))  # one lstat: link, special or file
            if stat.S_ISLNK(mode):
                real = _check_link(root, path, printable(rel), problems, directory=False)
                if real is None:
                    continue
                yield printable(rel), real, kind
            elif not stat.S_ISREG(mode):
                problems.append(
                    (
                        printable(rel),
                        Problem("RC002", "not a regular file (a FIFO, socket or device); skipped"),
                    )
                )
            else:
                yield printable(rel), path, kind


def _ignored(
    rel: str, is_dir: bool, inside_ignored: bool, ignores: _Ignores | None, tracked: Tracked
) -> bool:
    """Whether git ignores `rel`: never when it tracks it; always inside an ignored
    directory; otherwise as the closest matching ignore file says."""
    if ignores is None or tracked.tracks(rel):
        return False
    return inside_ignored or ignores.ignored(rel, is_dir=is_dir)


def _tracked(root: Path, problems: list[tuple[str, Problem]]) -> Tracked:
    """The paths git tracks, which no .gitignore hides; nothing outside a work tree."""
    try:
        return read_tracked(root)
    except (OSError, UnreadableIndex) as error:
        why = error.strerror if isinstance(error, OSError) else str(error)
        message = f"cannot read the git index ({why}); files a .gitignore lists are skipped"
        problems.append((".git/index", Problem("RC002", message + " even where git tracks them")))
        return NOTHING_TRACKED


_INFO_EXCLUDE = ""  # the key of .git/info/exclude: no directory is keyed ""


class _Ignores:
    """The ignore files read so far, keyed by the directory that holds them, and the
    work tree's .git/info/exclude, which every .gitignore outranks."""

    def __init__(self, root: Path, limits: ReadLimits, problems: list[tuple[str, Problem]]):
        self.limits = limits
        self.problems = problems
        self.files: dict[str, tuple[str, IgnoreFile]] = {}  # key -> (its path, its rules)
        if _is_directory(root / ".git"):
            self.read(_INFO_EXCLUDE, root / ".git" / "info" / "exclude", ".git/info/exclude")

    def read(self, key: str, path: Path, source: str) -> None:
        base = b"" if key in (".", _INFO_EXCLUDE) else os.fsencode(key) + b"/"
        parsed = _read_ignore_file(path, base, self.limits)
        if parsed is None:
            return
        self.files[key] = (source, parsed)
        for line, why in parsed.unsupported:
            message = (
                f"a pattern cannot be matched in linear time ({why}); this line is not honoured"
            )
            self.problems.append((printable(source), Problem("RC005", message, line)))

    def ignored(self, rel: str, *, is_dir: bool) -> bool:
        """Whether the closest ignore file with a line that matches `rel` ignores it."""
        path = os.fsencode(rel)
        for key in [*_ancestors(rel), _INFO_EXCLUDE]:
            if key in self.files and (rule := self.files[key][1].last_match(path, is_dir)):
                return not rule.negative
        return False


def _read_ignore_file(path: Path, base: bytes, limits: ReadLimits) -> IgnoreFile | None:
    """The rules of an ignore file; git follows no link to one (since git 2.32)."""
    try:
        if not stat.S_ISREG(path.lstat().st_mode):
            return None
        return parse_ignore_file(read_head(path, limits.max_file_bytes), base)
    except OSError:
        return None


def _unsearchable(directory: Path) -> str | None:
    """Why the files in `directory` cannot be looked at (a directory that is readable but
    not searchable lists its names, then fails on each of them), or None."""
    try:
        os.stat(os.path.join(directory, "."))
    except OSError as error:
        return error.strerror or str(error)
    return None


def _is_directory(path: Path) -> bool:
    try:
        return stat.S_ISDIR(path.lstat().st_mode)
    except OSError:
        return False


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


def _mode(path: str) -> int:
    """The file type bits of `path` itself (a link is a link): a FIFO, socket or device is
    not read, since reading one blocks the scan or never ends. A file that is gone or
    cannot be looked at counts as a regular one: reading it reports that."""
    try:
        return os.lstat(path).st_mode
    except OSError:
        return stat.S_IFREG


class _Excludes:
    """The configured excludes: plain names, looked up at once, and globs, matched
    against a path's name and the whole path."""

    def __init__(self, patterns: tuple[str, ...]) -> None:
        self.names = frozenset(patterns)
        self.globs = tuple(p for p in patterns if _GLOB.search(p))

    def match(self, rel: str, name: str) -> bool:
        if name in self.names:
            return True
        return any(fnmatch(name, p) or fnmatch(rel, p) for p in self.globs)


_GLOB = re.compile(r"[*?\[/]")


def _join(rel_dir: str, name: str) -> str:
    return name if rel_dir == "." else f"{rel_dir}/{name}"


def _normalise(path: str) -> str:
    norm = PurePosixPath(path.replace("\\", "/")).as_posix().strip("/")
    return norm or "."


def _marker_root(rel: str, real: Path, extra: frozenset[str] = frozenset()) -> str | None:
    """The agent root that `rel` marks, or None when it is no marker."""
    parent, _, name = rel.rpartition("/")  # string work, as in `_ancestors`
    parent = parent or "."
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


def _ancestors(rel: str) -> list[str]:
    """Directories strictly above `rel`, the closest first, up to the scanned root ('.')."""
    if rel == ".":
        return []
    found: list[str] = []
    while "/" in rel:  # string work: PurePosixPath's parents cost a tenth of a large walk
        rel = rel.rsplit("/", 1)[0]
        found.append(rel)
    found.append(".")
    return found
