"""Settings for one run: policy thresholds, agent markers and where the scan may go.

The project config is read from `.readycheck.yaml` or `[tool.readycheck]` in
`pyproject.toml` at the scanned root; keys use the same names as the fields below, with
dashes or underscores.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from readycheck.limits import DEFAULT_READ_LIMITS, ReadLimits

DEFAULT_WEIGHTS: dict[str, float] = {
    "escalation": 10,
    "budget": 10,
    "output": 7.5,
    "boot": 7.5,
    "monitoring": 7.5,
    "state": 5,
    "dlq": 5,
}

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


class ConfigError(Exception):
    """An invalid project config; the CLI exits 2 with this message."""


@dataclass
class Settings:
    # Policy
    required: tuple[str, ...] = tuple(DEFAULT_WEIGHTS)
    weights: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_WEIGHTS))
    not_applicable: dict[str, dict[str, str]] = field(default_factory=dict)  # agent -> item -> why
    # Thresholds
    max_steps: float = 1000
    max_runtime_seconds: float = 24 * 3600
    max_tokens: float = 10_000_000
    max_context_age_seconds: float = 24 * 3600
    # Discovery
    agents: tuple[str, ...] = ()  # extra agent roots, relative to the scanned root
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    read_limits: ReadLimits = DEFAULT_READ_LIMITS
    source: str = ""  # the config file these settings came from, if any


def load_settings(root: Path) -> Settings:
    """Settings from the project config at `root`, or the defaults when there is none."""
    settings = Settings()
    raw, source = _find_config(root)
    if raw is None:
        return settings
    if not isinstance(raw, dict):
        raise ConfigError(f"{source}: the readycheck config must be a mapping")
    known = {f.name for f in fields(Settings)}
    for key, value in raw.items():
        name = str(key).replace("-", "_")
        if name not in known or name in ("read_limits", "source"):
            raise ConfigError(f"{source}: unknown setting {key!r}")
        if name in ("agents", "exclude", "extend_exclude", "required"):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{source}: {key!r} must be a list of strings")
            value = tuple(value)
        elif name in (
            "max_steps",
            "max_runtime_seconds",
            "max_tokens",
            "max_context_age_seconds",
        ) and (isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0):
            raise ConfigError(f"{source}: {key!r} must be a positive number")
        setattr(settings, name, value)
    settings.source = source
    return settings


def _find_config(root: Path) -> tuple[Any, str]:
    dotfile = root / ".readycheck.yaml"
    if dotfile.is_file():
        import yaml

        try:
            return yaml.safe_load(dotfile.read_text(encoding="utf-8")) or {}, str(dotfile)
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{dotfile}: {exc}") from exc
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        from readycheck.parsers.structured import tomllib_loads

        try:
            data = tomllib_loads(pyproject.read_text(encoding="utf-8"))
        except ValueError as exc:
            raise ConfigError(f"{pyproject}: {exc}") from exc
        section = data.get("tool", {}).get("readycheck")
        if section is not None:
            return section, f"{pyproject} [tool.readycheck]"
    return None, ""
