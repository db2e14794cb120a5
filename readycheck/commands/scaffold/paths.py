"""Paths relative to the agent directory, and the check that keeps init inside it."""

from __future__ import annotations

from pathlib import Path


def parent_dir(rel: str) -> str:
    return rel.rsplit("/", 1)[0] if "/" in rel else ""


def join_path(base: str, name: str) -> str:
    return f"{base}/{name}" if base else name


def inside(agent: Path, path: Path) -> bool:
    try:
        return path.resolve().is_relative_to(agent.resolve())
    except (OSError, RuntimeError):
        return False
