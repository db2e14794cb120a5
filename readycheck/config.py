"""Settings for one run, and where each came from.

Precedence, highest first: the command line, the config file (``--config FILE``,
``$READYCHECK_CONFIG``, else the closest ``.readycheck.yaml`` or ``pyproject.toml`` with a
``[tool.readycheck]`` table, searching from the project root up), the files it ``extend``s,
then the defaults. Paths in a config (agents, not-applicable, per-file-ignores, excludes)
are relative to the file that declares them and are made relative to the project root.
``--isolated`` ignores every config file. A config is validated against
``schemas/config.schema.json``; an invalid one is a ``ConfigError`` naming file, line and
problem (the CLI exits 2).
"""

from __future__ import annotations

import json
import math
import os
import stat
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from readycheck.bounds import DEFAULT_READ_LIMITS, ReadLimits, read_whole
from readycheck.checklist import ITEMS

DEFAULT_WEIGHTS: dict[str, float] = {spec.id: spec.weight for spec in ITEMS}

DEFAULT_EXCLUDE = (
    ".git",
    ".hg",
    ".svn",
    "node_modules",
    ".venv",
    "venv",
    "__pycache__",
    ".tox",
    ".nox",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    "site-packages",
    ".github",
    ".gitlab",
)
SEVERITIES = ("note", "warning", "error")  # in increasing order


class ConfigError(Exception):
    """An invalid project config; the CLI exits 2 with this message."""


@dataclass
class Settings:
    # Policy
    required: tuple[str, ...] = tuple(DEFAULT_WEIGHTS)
    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    not_applicable: dict[str, dict[str, str]] = field(default_factory=dict)  # agent -> item -> why
    fail_under: float | None = None
    fail_on: str | None = None
    # Rule selection
    select: tuple[str, ...] = ("ALL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    severity: dict[str, str] = field(default_factory=dict)
    inline_ignores: bool = True
    # Thresholds
    max_steps: float = 1000
    max_runtime_seconds: float = 24 * 3600
    max_tokens: float = 10_000_000
    max_context_age_seconds: float = 24 * 3600
    # Discovery
    agents: tuple[str, ...] = ()  # extra agent roots, relative to the scanned root
    extra_markers: tuple[str, ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    read_limits: ReadLimits = DEFAULT_READ_LIMITS
    # Worker processes for parsing a large run (`--jobs`); changes no result.
    jobs: int = 1
    # The whole run's time: once it has passed, no further file is read (RC007). A run cut
    # short is never cached, so it is no part of the cache key.
    deadline_seconds: float = 600.0
    # Provenance: the config files read (closest last) and where each setting came from.
    source: str = ""
    origins: dict[str, str] = field(default_factory=dict)

    def not_applicable_for(self, agent: str) -> dict[str, str]:
        return {**self.not_applicable.get("*", {}), **self.not_applicable.get(agent, {})}

    def fingerprint(self) -> str:
        """A stable text of every setting that changes a result (for the run cache)."""
        data = {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if f.name not in ("origins", "jobs", "deadline_seconds")
        }
        return json.dumps(data, sort_keys=True, default=str)


# Config key (kebab-case) -> Settings field, for keys whose names differ.
_FIELD = {
    "max-runtime": "max_runtime_seconds",
    "max-context-age": "max_context_age_seconds",
    "deadline": "deadline_seconds",
}
_TUPLES = (
    "agents",
    "extra_markers",
    "exclude",
    "extend_exclude",
    "select",
    "extend_select",
    "ignore",
    "required",
)
_DURATIONS = ("max_runtime_seconds", "max_context_age_seconds", "deadline_seconds")


def field_for(key: str) -> str:
    kebab = key.replace("_", "-")
    return _FIELD.get(kebab, kebab.replace("-", "_"))


def load_settings(
    path: Path,
    config_file: Path | None = None,
    isolated: bool = False,
    overrides: dict[str, Any] | None = None,
) -> Settings:
    """The effective settings for a run over `path`."""
    settings = Settings()
    settings.origins = {f.name: "default" for f in fields(Settings)}
    if not isolated:
        found = config_file or _from_env() or find_config(path)
        if found is not None:
            project = path.resolve()
            project = project if project.is_dir() else project.parent
            for declared_in, source, raw, lines in _chain(found):
                _apply(settings, _rebased(raw, declared_in.parent, project), source, lines)
    for key, value in (overrides or {}).items():
        if value is None:
            continue
        name = field_for(key)
        setattr(settings, name, _convert(name, value))
        settings.origins[name] = "command line"
    return settings


def _from_env() -> Path | None:
    value = os.environ.get("READYCHECK_CONFIG")
    return Path(value) if value else None


CONFIG_NAMES = (".readycheck.yaml", ".readycheck.yml")


def find_config(path: Path) -> Path | None:
    """The closest config file at or above `path`: `.readycheck.yaml`, else a
    `pyproject.toml` that has a `[tool.readycheck]` table (one without it does not count).
    The search stops at the project root, a directory holding `.git`: a config above a
    repository (in a shared temporary folder, say) is not the repository's."""
    start = path.resolve()
    directory = start if start.is_dir() else start.parent
    for candidate in (directory, *directory.parents):
        found = config_in(candidate)
        if found is not None or has_git(candidate):
            return found
    return None


def has_git(directory: Path) -> bool:
    """Whether `directory` holds `.git` (a directory, or the file of a work tree)."""
    return _stat(directory / ".git") is not None


def _stat(path: Path) -> os.stat_result | None:
    """`path`'s status, or None when it is absent or cannot be looked at (a directory that
    is readable but not searchable: Path.exists() raises there on Python 3.11)."""
    try:
        return os.stat(path)
    except (OSError, ValueError):
        return None


def _is_file(path: Path) -> bool:
    status = _stat(path)
    return status is not None and stat.S_ISREG(status.st_mode)


def config_in(directory: Path) -> Path | None:
    """The config file directly in `directory`, if any. A shared temporary folder (world
    writable, sticky: /tmp) holds none: anyone could have put it there."""
    if _shared(directory):
        return None
    for name in CONFIG_NAMES:
        if _is_file(directory / name):
            return directory / name
    pyproject = directory / "pyproject.toml"
    if _is_file(pyproject) and has_tool_table(pyproject):
        return pyproject
    return None


def _shared(directory: Path) -> bool:
    status = _stat(directory)
    shared = stat.S_IWOTH | stat.S_ISVTX
    return status is not None and status.st_mode & shared == shared


def has_tool_table(pyproject: Path) -> bool:
    try:
        text = read_whole(pyproject, DEFAULT_READ_LIMITS.max_file_bytes).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return "[tool.readycheck" in text


# A chain of configs each extending the next; a repository could make it recurse without end.
MAX_EXTEND_DEPTH = 32


def _chain(path: Path, seen: tuple[Path, ...] = ()) -> list[tuple[Path, str, dict[str, Any], Any]]:
    """The config at `path` preceded by the configs it extends (inherited first), each as
    (its file, source label, settings, key path -> line function)."""
    path = path.resolve()
    if path in seen:
        raise ConfigError(f"{path}: `extend` loops back to this file")
    if len(seen) >= MAX_EXTEND_DEPTH:
        raise ConfigError(f"{path}: `extend` chain longer than {MAX_EXTEND_DEPTH} files")
    raw, source, lines = _read(path)
    chain: list[tuple[Path, str, dict[str, Any], Any]] = []
    base = raw.get("extend")
    if isinstance(base, str):
        target = (path.parent / base).resolve()
        if not target.is_file():
            raise ConfigError(f"{source}:{lines(('extend',))}: extended config {base!r} not found")
        chain.extend(_chain(target, (*seen, path)))
    chain.append((path, source, raw, lines))
    return chain


def _rebased(raw: dict[str, Any], declared_in: Path, project: Path) -> dict[str, Any]:
    """`raw` with its paths, which are relative to the file that declares them, made
    relative to the project root (the same file gives the same agents from any directory).
    A glob that names a place outside the project is dropped."""
    if declared_in == project:
        return raw
    out = dict(raw)
    if isinstance(raw.get("agents"), list):
        agents = [_rebase_path(str(p), declared_in, project) for p in raw["agents"]]
        if project.is_relative_to(declared_in):
            # A config above the project speaks for a larger tree: its other agents are
            # not this project's.
            agents = [a for a in agents if a != ".." and not a.startswith("../")]
        out["agents"] = agents
    if isinstance(raw.get("not-applicable"), dict):
        out["not-applicable"] = {
            agent if agent == "*" else _rebase_path(agent, declared_in, project): items
            for agent, items in raw["not-applicable"].items()
        }
    if isinstance(raw.get("per-file-ignores"), dict):
        out["per-file-ignores"] = {
            rebased: codes
            for glob, codes in raw["per-file-ignores"].items()
            if (rebased := _rebase_glob(glob, declared_in, project)) is not None
        }
    for key in ("exclude", "extend-exclude"):
        if isinstance(raw.get(key), list):
            globs = (_rebase_glob(str(g), declared_in, project) for g in raw[key])
            out[key] = [g for g in globs if g is not None]
    return out


def _rebase_path(path: str, declared_in: Path, project: Path) -> str:
    target = os.path.normpath(declared_in / path.replace("\\", "/").strip("/"))
    return Path(os.path.relpath(target, project)).as_posix()


def _rebase_glob(glob: str, declared_in: Path, project: Path) -> str | None:
    """A glob relative to `declared_in` as a glob relative to `project`. A glob without a
    slash matches a name anywhere and stays as it is."""
    if "/" not in glob.strip("/"):
        return glob
    if declared_in.is_relative_to(project):
        return f"{declared_in.relative_to(project).as_posix()}/{glob.lstrip('/')}"
    if not project.is_relative_to(declared_in):
        return glob if glob.startswith("*") else None
    below = project.relative_to(declared_in).as_posix() + "/"
    if glob.startswith(below):
        return glob[len(below) :]
    return glob if glob.startswith("*") else None


def _read(path: Path) -> tuple[dict[str, Any], str, Any]:
    """(settings mapping with kebab-case keys, source label, key path -> line function)."""
    from readycheck.bounds import DEFAULT_READ_LIMITS as limits
    from readycheck.model import Document

    try:
        text = read_whole(path, limits.max_file_bytes).decode("utf-8-sig")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: cannot read config: {exc}") from exc
    doc = Document(path=str(path), kind="toml" if path.suffix == ".toml" else "yaml", text=text)
    prefix: tuple[str, ...] = ()
    if doc.kind == "toml":
        from readycheck.parsers.structured import parse_toml

        parse_toml(doc, limits)
        prefix = ("tool", "readycheck")
        source = f"{path} [tool.readycheck]"
    else:
        from readycheck.parsers.yamlfile import parse_yaml

        parse_yaml(doc, limits)
        source = str(path)
    if doc.problems:
        problem = doc.problems[0]
        raise ConfigError(f"{path}:{problem.line}:{problem.column}: {problem.message}")
    data: Any = doc.data if doc.data is not None else {}
    for key in prefix:
        data = data.get(key, {}) if isinstance(data, dict) else {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1: the readycheck config must be a mapping")
    raw = {str(k).replace("_", "-"): v for k, v in data.items()}
    entries = {
        tuple(str(k) for k in e.keys[len(prefix) :]): e.line
        for e in doc.entries
        if tuple(e.keys[: len(prefix)]) == prefix
    }

    def line_of(keys: tuple[Any, ...]) -> int:
        keys = tuple(str(k) for k in keys)
        while keys:
            for variant in (keys, (keys[0].replace("-", "_"), *keys[1:])):
                if variant in entries:
                    return entries[variant]
            keys = keys[:-1]
        return 1

    _validate(raw, source, line_of)
    return raw, source, line_of


@lru_cache(maxsize=1)
def config_schema() -> dict[str, Any]:
    from importlib import resources  # it imports tempfile: only when a config is validated

    text = resources.files("readycheck.schemas").joinpath("config.schema.json").read_text()
    schema: dict[str, Any] = json.loads(text)
    return schema


def _validate(raw: dict[str, Any], source: str, line_of: Any) -> None:
    if not raw:
        return  # an empty config (comments only) is valid: spare the jsonschema import
    from jsonschema import Draft202012Validator

    errors = sorted(
        Draft202012Validator(config_schema()).iter_errors(raw),
        key=lambda e: list(map(str, e.absolute_path)),
    )
    if errors:
        error = errors[0]
        where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        raise ConfigError(
            f"{source}:{line_of(tuple(error.absolute_path))}: {where}: {error.message}"
        )


def _apply(settings: Settings, raw: dict[str, Any], source: str, line_of: Any) -> None:
    for key, value in raw.items():
        if key == "extend":
            continue
        name = field_for(key)
        if name == "not_applicable":
            value = {agent.strip("/") or ".": dict(items) for agent, items in value.items()}
        setattr(settings, name, _convert(name, value))
        settings.origins[name] = f"{source}:{line_of((key,))}"
    settings.source = source


def _convert(name: str, value: Any) -> Any:
    if name in _TUPLES and isinstance(value, (list, tuple)):
        return tuple(value)
    if name in _DURATIONS:
        from readycheck.quantities import duration

        seconds = duration(value)
        if seconds is None or seconds <= 0 or math.isinf(seconds):
            raise ConfigError(f"{name.replace('_', '-')}: {value!r} is not a finite duration")
        return seconds
    if name == "per_file_ignores":
        return {glob: tuple(codes) for glob, codes in value.items()}
    if name in ("fail_under", "max_steps", "max_tokens") and value is not None:
        return float(value)
    return value


def describe(settings: Settings) -> list[tuple[str, Any, str]]:
    """(config key, effective value, where it came from) for `readycheck config`."""
    inverse = {v: k for k, v in _FIELD.items()}
    rows = []
    for f in fields(Settings):
        if f.name in ("read_limits", "source", "origins"):
            continue
        key = inverse.get(f.name, f.name.replace("_", "-"))
        value = getattr(settings, f.name)
        if isinstance(value, tuple):
            value = list(value)
        rows.append((key, value, settings.origins.get(f.name, "default")))
    return rows


def reference_markdown() -> str:
    """The configuration reference table, generated from the config schema (the README
    embeds it; a test keeps the two in step)."""
    schema = config_schema()
    rows = ["| key | type | default | meaning |", "|---|---|---|---|"]
    for key, spec in schema["properties"].items():
        kind = spec.get("type") or ("duration" if "$ref" in spec else "")
        if "enum" in spec:
            kind = " \\| ".join(f"`{v}`" for v in spec["enum"])
        elif isinstance(kind, list):
            kind = " or ".join(kind)
        default = json.dumps(spec["default"]) if "default" in spec else ""
        text = spec.get("description", "").replace("|", "\\|")
        rows.append(f"| `{key}` | {kind} | {f'`{default}`' if default else ''} | {text} |")
    return "\n".join(rows) + "\n"
