"""Command line: a thin layer over engine and reporters. Exit codes: 0 ready, 1 not ready,
2 usage, config or internal error."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from readycheck import __version__
from readycheck.reporters import FORMATS


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="readycheck")
def cli() -> None:
    """Static production-readiness checks for AI agents."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--output-format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    envvar="READYCHECK_OUTPUT_FORMAT",
    show_default=True,
    help="How to print the results.",
)
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the results to FILE instead of standard output.",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when an agent is not ready.")
def check(
    paths: tuple[Path, ...], output_format: str, output: Path | None, exit_zero: bool
) -> None:
    """Check the agents found under PATHS (default: the current directory)."""
    from readycheck.config import ConfigError
    from readycheck.engine import check as run
    from readycheck.reporters import renderer

    roots = list(paths) or [Path(".")]
    if len(roots) > 1:
        raise click.UsageError("give one directory to check (its agents are found below it)")
    root = roots[0] if roots[0].is_dir() else roots[0].parent
    try:
        report = run(root)
    except ConfigError as exc:
        click.echo(f"readycheck: invalid config: {exc}", err=True)
        sys.exit(2)
    text = renderer(output_format)(report)
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)
    sys.exit(0 if report.ready or exit_zero else 1)


@cli.command("rule")
@click.argument("rule_id")
def rule_command(rule_id: str) -> None:
    """Explain one rule: what it checks, why it matters, how to fix it."""
    from readycheck.registry import all_rules

    rules = all_rules()
    key = rule_id.upper()
    found = rules.get(key) or next((r for r in rules.values() if r.name == rule_id), None)
    if found is None:
        raise click.BadParameter(f"unknown rule {rule_id!r}", param_hint="RULE_ID")
    click.echo(f"# {found.name} ({found.id})\n")
    click.echo(f"Item: {found.item}   Default severity: {found.severity}\n")
    click.echo(f"## What it does\n{found.summary}\n")
    click.echo(f"## Why is this bad?\n{found.why}\n")
    click.echo(f"## How to fix\n{found.fix}\n")
    click.echo(f"## Example\n```\n{found.example}\n```")


@cli.command("rules")
def rules_command() -> None:
    """List every rule by checklist item."""
    from readycheck.registry import all_rules

    for r in all_rules().values():
        click.echo(f"{r.id}  {r.name:<32} {r.item:<11} {r.severity:<8} {r.summary}")


def main() -> None:
    try:
        cli(standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:  # an internal error: never a traceback for the user
        click.echo(f"readycheck: internal error: {type(exc).__name__}: {exc}", err=True)
        click.echo("Please report this with the command you ran.", err=True)
        sys.exit(2)
