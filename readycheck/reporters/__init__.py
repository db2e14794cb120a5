"""Output formats: each is a pure function `Report -> str`, looked up by name."""

from __future__ import annotations

from collections.abc import Callable

from readycheck.model import Report

Renderer = Callable[[Report], str]
FORMATS = ("text", "json")


def renderer(name: str) -> Renderer:
    if name == "json":
        from readycheck.reporters.json import render
    else:
        from readycheck.reporters.text import render
    return render
