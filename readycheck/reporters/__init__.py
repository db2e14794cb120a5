"""Output formats: each is a pure function `Report -> str`, looked up by name."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from readycheck.model import Report

Renderer = Callable[[Report], str]
FORMATS = ("text", "json", "sarif", "github", "junit", "markdown")
# Formats read by tools that open files from the repository root (code scanning,
# annotations, CI test reports, a PR comment): their paths are made relative to the
# current directory rather than to the scanned root.
REPO_RELATIVE = frozenset({"sarif", "github", "junit", "markdown"})


def renderer(name: str) -> Renderer:
    """The `render` function of format `name`; its module is imported only now."""
    if name not in FORMATS:
        raise ValueError(f"unknown output format {name!r}")
    from importlib import import_module

    render: Renderer = import_module(f"readycheck.reporters.{name}").render
    return render


def auto_format(environ: Mapping[str, str]) -> str:
    """What `--output-format auto` means here: annotations on GitHub Actions, else text."""
    return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"


def output(report: Report, name: str, base: str = "") -> str:
    """`report` rendered as `name`; `base` is the scanned root's path from the current
    directory, prefixed to paths in the formats that need repository-relative paths."""
    if base and name in REPO_RELATIVE:
        from readycheck.reporters.common import relocate

        report = relocate(report, base)
    return renderer(name)(report)
