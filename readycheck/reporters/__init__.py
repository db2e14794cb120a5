"""Output formats: each is a pure function `Report -> str`, looked up by name."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import PurePosixPath

from readycheck.model import Report

Renderer = Callable[[Report], str]
FORMATS = ("text", "json", "sarif", "github", "junit", "markdown")


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


def output(
    report: Report, name: str, base: str = "", *, colour: bool = False, quiet: bool = False
) -> str:
    """`report` rendered as `name`, its paths moved from the scanned root to where the user
    opens them: `base` is the scanned root's path from the current directory (absolute
    when the root is outside it). SARIF keeps paths relative to a base URI it names, so an
    absolute `base` leaves its paths relative to the scanned root. `colour` and `quiet`
    shape the text format only (machine formats are always whole and plain). Every format
    shows the report within the bounds of `reporters.bounds`."""
    from readycheck.reporters.bounds import bounded

    report = bounded(report)
    if base and not (name == "sarif" and PurePosixPath(base).is_absolute()):
        from readycheck.reporters.common import relocate

        report = relocate(report, base)
    if name == "text":
        from readycheck.reporters import text

        return text.render(report, colour=colour, quiet=quiet)
    return renderer(name)(report)
