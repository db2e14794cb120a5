"""Command line: a thin layer over engine and reporters. Exit codes: 0 ready, 1 not ready,
2 usage, config or internal error."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from readycheck import __version__
from readycheck.checklist import ITEM_IDS
from readycheck.reporters import FORMATS

if TYPE_CHECKING:
    from readycheck.config import Settings
    from readycheck.discover import Scan
    from readycheck.model import Report


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="readycheck")
def cli() -> None:
    """Static production-readiness checks for AI agents."""


F = TypeVar("F", bound=Callable[..., Any])


def _codes(values: tuple[str, ...]) -> tuple[str, ...] | None:
    """Repeatable, comma-separated rule selectors; None when not given."""
    codes = tuple(c.strip() for v in values for c in v.split(",") if c.strip())
    return codes or None


def policy_options(func: F) -> F:
    """Options shared by `check` and `report`: config file and policy overrides. The
    command line wins over the config file, which wins over the defaults."""
    options = [
        click.option(
            "--config",
            "config_file",
            type=click.Path(exists=True, dir_okay=False, path_type=Path),
            help="Use this config file (also $READYCHECK_CONFIG).",
        ),
        click.option("--isolated", is_flag=True, help="Ignore every config file."),
        click.option(
            "--select",
            multiple=True,
            metavar="RULES",
            help="Only these rules: codes, prefixes (RC4) or names; comma-separated.",
        ),
        click.option(
            "--extend-select",
            multiple=True,
            metavar="RULES",
            help="Rules to report in addition to the selected ones.",
        ),
        click.option("--ignore", multiple=True, metavar="RULES", help="Rules never to report."),
        click.option(
            "--per-file-ignores",
            multiple=True,
            metavar="GLOB:RULES",
            help="Rules to ignore in files matching GLOB, e.g. 'legacy/**:RC1,RC4'.",
        ),
        click.option(
            "--severity",
            multiple=True,
            metavar="RULE=LEVEL",
            help="Override a rule's severity, e.g. RC703=error or RC4=note.",
        ),
        click.option(
            "--fail-on",
            type=click.Choice(("error", "warning", "note")),
            envvar="READYCHECK_FAIL_ON",
            help="Also exit 1 when a finding has this severity or worse.",
        ),
        click.option(
            "--fail-under",
            type=click.FloatRange(0, 100),
            envvar="READYCHECK_FAIL_UNDER",
            metavar="SCORE",
            help="Also exit 1 when the score is below SCORE.",
        ),
        click.option(
            "--no-inline-ignores",
            is_flag=True,
            envvar="READYCHECK_NO_INLINE_IGNORES",
            help="Honour no `readycheck: ignore` comment (for CI).",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _per_file(values: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for value in values:
        glob, sep, codes = value.rpartition(":")
        if not sep or not glob or not _codes((codes,)):
            raise click.BadParameter(
                f"{value!r}: expected GLOB:RULES", param_hint="--per-file-ignores"
            )
        out[glob] = _codes((codes,)) or ()
    return out


def _levels(values: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for value in values:
        rule, sep, level = value.partition("=")
        if not sep or level not in ("error", "warning", "note") or not rule:
            raise click.BadParameter(
                f"{value!r}: expected RULE=error|warning|note", param_hint="--severity"
            )
        out[rule.strip()] = level
    return out


def _check_selectors(settings: Settings) -> None:
    """Every rule selector names a rule: `--select RC4O1` or a misspelt name in the config
    is a usage error (exit 2), never a run that selects nothing and passes."""
    from readycheck.selectors import check_all

    def where(name: str) -> str:
        return f"{name.replace('_', '-')} ({settings.origins.get(name, 'default')})"

    per_file = [code for codes in settings.per_file_ignores.values() for code in codes]
    problems = check_all(
        [
            (where("select"), settings.select),
            (where("extend_select"), settings.extend_select),
            (where("ignore"), settings.ignore),
            (where("per_file_ignores"), per_file),
            (where("severity"), settings.severity),
        ]
    )
    if problems:
        from readycheck.redact import redact

        for problem in problems:
            click.echo(f"readycheck: {redact(problem)}", err=True)
        sys.exit(2)


def _settings(root: Path, opts: dict[str, Any]) -> Settings:
    from readycheck.config import ConfigError, load_settings

    overrides = {
        "select": _codes(opts["select"]),
        "extend_select": _codes(opts["extend_select"]),
        "ignore": _codes(opts["ignore"]),
        "fail_on": opts["fail_on"],
        "fail_under": opts["fail_under"],
        "inline_ignores": False if opts["no_inline_ignores"] else None,
    }
    try:
        settings = load_settings(root, opts["config_file"], opts["isolated"], overrides)
        # Mapping options add to the config's mapping; the command line wins per key.
        for name, pairs in (
            ("per_file_ignores", _per_file(opts["per_file_ignores"])),
            ("severity", _levels(opts["severity"])),
        ):
            if pairs:
                setattr(settings, name, {**getattr(settings, name), **pairs})
                settings.origins[name] = "command line"
        _check_selectors(settings)
        return settings
    except ConfigError as exc:
        from readycheck.redact import redact

        # The config may be the scanned repository's: its values are masked like findings.
        click.echo(f"readycheck: invalid config: {redact(str(exc))}", err=True)
        sys.exit(2)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--output-format",
    "output_format",
    type=click.Choice(("auto", *FORMATS)),
    default="auto",
    envvar="READYCHECK_OUTPUT_FORMAT",
    show_default=True,
    help="How to print the results; auto is github on GitHub Actions, else text.",
)
@click.option(
    "-o",
    "--output",
    "outputs",
    multiple=True,
    metavar="[FORMAT:]FILE",
    help="Write the results to FILE instead of standard output; FORMAT:FILE writes that "
    f"format to FILE as well (repeatable; FORMAT is one of {', '.join(FORMATS)}).",
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when an agent is not ready.")
@policy_options
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Report only findings not recorded in this baseline.",
)
@click.option(
    "--write-baseline",
    "write_baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Record today's findings in FILE (then exit 0).",
)
@click.option(
    "--no-cache",
    is_flag=True,
    envvar="READYCHECK_NO_CACHE",
    help="Do not reuse or store the result of an unchanged run.",
)
@click.option(
    "--show-files",
    is_flag=True,
    help="List each agent's files with their roles (agent-root  role  path; a role that "
    "counts as evidence is marked *), check nothing, exit 0.",
)
def check(
    paths: tuple[Path, ...],
    output_format: str,
    outputs: tuple[str, ...],
    exit_zero: bool,
    baseline_file: Path | None,
    write_baseline: Path | None,
    no_cache: bool,
    show_files: bool,
    **opts: Any,
) -> None:
    """Check the agents found under PATHS (default: the current directory)."""
    from readycheck import cache
    from readycheck.discover import discover
    from readycheck.reporters import auto_format

    main_file, extra = _parse_outputs(outputs)
    if output_format == "auto":
        output_format = auto_format(os.environ)
    root = _root(paths)
    settings = _settings(root, opts)
    scan = discover(root.resolve(), settings)
    if show_files:
        from readycheck.engine import Documents
        from readycheck.explain import file_roles, render_files

        click.echo(render_files(file_roles(scan, Documents(scan, settings))), nl=False)
        return
    base = _base(root)
    cache.scope(root, disabled=no_cache)
    use_cache = cache.enabled() and write_baseline is None
    key = ""
    if use_cache:
        baseline_text = baseline_file.read_text(errors="replace") if baseline_file else ""
        extra_key = "|".join(
            [
                settings.fingerprint(),
                output_format,
                repr(extra),
                base,
                str(date.today()),
                baseline_text,
                repr(scan.problems),
            ]
        )
        key = cache.key(scan.files, extra_key, settings.read_limits.max_file_bytes)
        hit = cache.load(key)
        if hit is not None and _valid_hit(hit, len(extra)):
            _emit(
                main_file,
                hit["main"],
                [(fmt, path, hit["extra"][i]) for i, (fmt, path) in enumerate(extra)],
            )
            sys.exit(0 if exit_zero else hit["exit"])
    code, main_text, extra_texts = _check_once(
        root, settings, scan, output_format, extra, base, baseline_file, write_baseline
    )
    if use_cache:
        cache.store(key, {"main": main_text, "extra": extra_texts, "exit": code})
    _emit(main_file, main_text, [(f, p, t) for (f, p), t in zip(extra, extra_texts, strict=True)])
    sys.exit(0 if exit_zero else code)


def _valid_hit(hit: dict[str, Any], extras: int) -> bool:
    """Whether a cache entry is what `check` stores for this run: an exit code a check can
    give, the main output, and one text per extra output. Anything else is a miss."""
    texts = hit.get("extra")
    return (
        hit.get("exit") in (0, 1)
        and not isinstance(hit.get("exit"), bool)
        and isinstance(hit.get("main"), str)
        and isinstance(texts, list)
        and len(texts) == extras
        and all(isinstance(t, str) for t in texts)
    )


def _check_once(
    root: Path,
    settings: Settings,
    scan: Scan,
    output_format: str,
    extra: list[tuple[str, Path]],
    base: str,
    baseline_file: Path | None,
    write_baseline: Path | None,
) -> tuple[int, str, list[str]]:
    """Run the checks and render every requested output: (exit code, main, extras)."""
    from readycheck.baseline import Baseline
    from readycheck.engine import check as run
    from readycheck.policy import exit_code
    from readycheck.reporters import output as render

    baseline = None
    if baseline_file is not None:
        try:
            baseline = Baseline.load(baseline_file)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="'--baseline'") from None
    report = run(root, settings, scan, baseline=baseline)
    if write_baseline is not None:
        from readycheck.baseline import write
        from readycheck.engine import Documents

        docs = Documents(scan, settings)
        for finding in report.findings:
            if finding.location.path in scan.files:
                docs.get(finding.location.path)
        write(write_baseline, report.findings, docs.parsed())
        click.echo(
            f"readycheck: wrote {len(report.findings)} findings to {write_baseline}", err=True
        )
        return 0, "", ["" for _ in extra]
    main_text = render(report, output_format, base)
    return exit_code(report, settings), main_text, [render(report, f, base) for f, _ in extra]


def _emit(main_file: Path | None, main_text: str, extra: list[tuple[str, Path, str]]) -> None:
    if main_file:
        _write(main_file, main_text)
    elif main_text:
        click.echo(main_text, nl=False)
    for _fmt, path, text in extra:
        _write(path, text)


def _parse_outputs(outputs: tuple[str, ...]) -> tuple[Path | None, list[tuple[str, Path]]]:
    """`-o FILE` (the main format) and `-o FORMAT:FILE` (an extra output) values."""
    main_file: Path | None = None
    extra: list[tuple[str, Path]] = []
    for value in outputs:
        fmt, sep, rest = value.partition(":")
        if sep and fmt not in FORMATS and fmt.isalnum() and len(fmt) > 1 and rest:
            # `-o xml:foo.xml`: a format that does not exist, not a file named "xml:foo.xml"
            # (a one-letter drive, `C:\\out.txt`, stays a path).
            raise click.BadParameter(
                f"{value!r}: unknown format {fmt!r}; choose from {', '.join(FORMATS)}",
                param_hint="-o",
            )
        if sep and fmt in FORMATS:
            if not rest:
                raise click.BadParameter(f"{value!r}: no file after {fmt}:", param_hint="-o")
            extra.append((fmt, Path(rest)))
        elif main_file is not None:
            raise click.BadParameter(
                "give -o FILE once; use -o FORMAT:FILE for more outputs", param_hint="-o"
            )
        else:
            main_file = Path(value)
    return main_file, extra


def _base(root: Path) -> str:
    """The scanned root's POSIX path from the current directory ('' when it is the current
    directory or outside it): formats read from the repository root need it."""
    from readycheck.discover import printable

    try:
        rel = root.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return ""
    return "" if rel == Path(".") else printable(rel.as_posix())


def _write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", errors="backslashreplace")
    except OSError as exc:
        click.echo(f"readycheck: cannot write {path}: {exc.strerror or exc}", err=True)
        sys.exit(2)


@cli.command("report")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to FILE instead of standard output.",
)
@click.option(
    "--github-summary",
    is_flag=True,
    help="Append the report to the GitHub Actions job summary ($GITHUB_STEP_SUMMARY).",
)
@click.option(
    "--max-size",
    "max_size",
    type=click.IntRange(min=2048),
    default=None,
    metavar="BYTES",
    help="Truncate the report to at most BYTES (default: under GitHub's 1 MiB summary "
    "limit; a pull-request comment holds 65536 characters).",
)
@policy_options
def report_command(
    paths: tuple[Path, ...],
    output: Path | None,
    github_summary: bool,
    max_size: int | None,
    **opts: Any,
) -> None:
    """Write a Markdown readiness report of the agents under PATHS: for a pull-request
    comment or the job summary. Exits 0 whether or not they are ready (`check` gates)."""
    from readycheck.reporters import markdown
    from readycheck.reporters.common import relocate

    root = _root(paths)
    report = relocate(_run(root, _settings(root, opts)), _base(root))
    limit = max_size or markdown.MAX_BYTES
    summary = os.environ.get("GITHUB_STEP_SUMMARY", "") if github_summary else ""
    if github_summary and not summary:
        click.echo("readycheck: GITHUB_STEP_SUMMARY is not set; writing to stdout", err=True)
    if summary:
        path = Path(summary)
        used = path.stat().st_size if path.is_file() else 0
        room = markdown.SUMMARY_LIMIT - used - 1
        if room < 2048:
            click.echo(f"readycheck: the job summary is full ({used} bytes); not written", err=True)
            return
        text = markdown.render(report, min(limit, room))
        try:
            with path.open("a", encoding="utf-8", errors="backslashreplace") as handle:
                handle.write(("\n" if used else "") + text)
        except OSError as exc:
            click.echo(f"readycheck: cannot write {path}: {exc.strerror or exc}", err=True)
            sys.exit(2)
        if output:
            _write(output, markdown.render(report, limit))
        return
    text = markdown.render(report, limit)
    if output:
        _write(output, text)
    else:
        click.echo(text, nl=False)


def _root(paths: tuple[Path, ...]) -> Path:
    roots = list(paths) or [Path(".")]
    if len(roots) > 1:
        raise click.UsageError("give one directory to check (its agents are found below it)")
    return roots[0] if roots[0].is_dir() else roots[0].parent


def _run(root: Path, settings: Settings) -> Report:
    from readycheck.engine import check as run

    return run(root, settings)


@cli.command("config")
@click.argument("path", required=False, default=".", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--output-format",
    "output_format",
    type=click.Choice(("text", "json")),
    default="text",
    show_default=True,
)
@policy_options
def config_command(path: Path, output_format: str, **opts: Any) -> None:
    """Print the effective settings for PATH and where each one came from."""
    from readycheck.config import describe

    settings = _settings(_root((path,)), opts)
    rows = describe(settings)
    if output_format == "json":
        import json

        data = {key: {"value": value, "source": source} for key, value, source in rows}
        click.echo(json.dumps(data, indent=2, default=str))
        return
    for key, value, source in rows:
        click.echo(f"{key} = {value!r}  # {source}")


RULE_FORMATS = click.Choice(("text", "json"))


@cli.command("rule")
@click.argument("rule_id")
@click.option(
    "--output-format", "output_format", type=RULE_FORMATS, default="text", show_default=True
)
def rule_command(rule_id: str, output_format: str) -> None:
    """Explain one rule: what it checks, why it matters, how to fix it."""
    from readycheck.docs import rule_dict, rule_markdown
    from readycheck.registry import all_rules

    rules = all_rules()
    key = rule_id.upper()
    found = rules.get(key) or next((r for r in rules.values() if r.name == rule_id), None)
    if found is None:
        raise click.BadParameter(f"unknown rule {rule_id!r}", param_hint="RULE_ID")
    if output_format == "json":
        import json

        click.echo(json.dumps(rule_dict(found), indent=2, ensure_ascii=False))
        return
    click.echo(rule_markdown(found), nl=False)


@cli.command("rules")
@click.option(
    "--output-format", "output_format", type=RULE_FORMATS, default="text", show_default=True
)
def rules_command(output_format: str) -> None:
    """List every rule by checklist item."""
    from readycheck.docs import rule_dict
    from readycheck.registry import all_rules

    if output_format == "json":
        import json

        rules = [rule_dict(r) for r in all_rules().values()]
        click.echo(json.dumps(rules, indent=2, ensure_ascii=False))
        return
    for r in all_rules().values():
        click.echo(f"{r.id}  {r.name:<32} {r.item:<11} {r.severity:<8} {r.summary}")


@cli.command("explain")
@click.argument("agent")
@click.argument(
    "item", required=False, metavar="[ITEM]", type=click.Choice(ITEM_IDS, case_sensitive=False)
)
@click.option(
    "--path",
    "path",
    default=".",
    show_default=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The directory to scan, as given to `check` (AGENT is read relative to it).",
)
@click.option(
    "--output-format", "output_format", type=RULE_FORMATS, default="text", show_default=True
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Use this config file (also $READYCHECK_CONFIG).",
)
@click.option("--isolated", is_flag=True, help="Ignore every config file.")
def explain_command(
    agent: str,
    item: str | None,
    path: Path,
    output_format: str,
    config_file: Path | None,
    isolated: bool,
) -> None:
    """Show why each item of AGENT has its status (or only ITEM's): the facts credited
    for each part (trigger, stop, channel; limit by dimension; route, alert, logging...)
    with file:line and the quoted text, the judge's findings (before rule selection and
    suppressions), then the agent's files read and those not counted, with their role
    (documentation, test, data, tool-config, readycheck-output, other).

    AGENT is an agent root as `check` prints it: relative to the scanned directory
    (--path, default: the current directory) or to the current directory. Exit 0, or 2
    when no such agent is found.
    """
    from readycheck import explain
    from readycheck.discover import discover

    settings = _settings(path, {**_NO_OVERRIDES, "config_file": config_file, "isolated": isolated})
    scan = discover(path.resolve(), settings)
    try:
        found = explain.find_agent(scan, agent, Path.cwd())
    except explain.UnknownAgent as exc:
        click.echo(f"readycheck explain: {exc}", err=True)
        sys.exit(2)
    result = explain.explain(scan, settings, found, item.lower() if item else None)
    render = explain.render_json if output_format == "json" else explain.render_text
    click.echo(render(result), nl=False)


# Policy options `explain` does not take: it shows measurements, not what a policy reports.
_NO_OVERRIDES: dict[str, Any] = {
    "select": (),
    "extend_select": (),
    "ignore": (),
    "fail_on": None,
    "fail_under": None,
    "no_inline_ignores": False,
    "per_file_ignores": (),
    "severity": (),
}


# An agent directory argument, optional, defaulting to the current directory.
agent_dir_argument = click.argument(
    "agent_dir",
    required=False,
    default=".",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
)


@cli.command("boot")
@agent_dir_argument
@click.option(
    "--max-age",
    "max_age",
    metavar="DURATION",
    help="Oldest acceptable current task: 4h, 90m, PT4H. "
    "Default: the manifest's boot max_age, else 4h.",
)
@click.option(
    "--tz",
    "tz",
    metavar="ZONE",
    help="IANA time zone that decides what 'today' is (e.g. Europe/Berlin). Default: local.",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON object instead of text.")
@click.option("--now", "now", metavar="TIMESTAMP", hidden=True, help="Judge as of this time.")
def boot_command(
    agent_dir: Path, max_age: str | None, tz: str | None, as_json: bool, now: str | None
) -> None:
    """Preflight for an agent's start: exit 0 to proceed, 1 to stop and escalate (stale,
    missing or unresolved state), 2 for invalid files or usage."""
    from readycheck.commands import preflight

    try:
        seconds = preflight.parse_max_age(max_age) if max_age is not None else None
        zone = preflight.parse_tz(tz)
        moment = preflight.parse_now(now) if now else None
    except preflight.UsageError as exc:
        raise click.UsageError(str(exc)) from None
    result = preflight.preflight(agent_dir, max_age=seconds, tz=zone, now=moment)
    click.echo((preflight.render_json if as_json else preflight.render_text)(result), nl=False)
    sys.exit(result.exit_code)


@cli.command("init")
@agent_dir_argument
@click.option(
    "--items",
    "items",
    metavar="ITEMS",
    help="Comma-separated items to scaffold, e.g. budget,dlq (default: all seven).",
)
@click.option("--dry-run", is_flag=True, help="Print a unified diff of the changes; write nothing.")
def init_command(agent_dir: Path, items: str | None, dry_run: bool) -> None:
    """Scaffold what the agent in AGENT_DIR is missing, so that each item passes. Exit 0
    when nothing is left to do, 1 when something is left for a human (listed), 2 on error."""
    from readycheck.commands.scaffold import applying, outcome, planning
    from readycheck.commands.scaffold.plans import InitError
    from readycheck.config import ConfigError
    from readycheck.engine import check as run

    try:
        selected = planning.parse_items(items)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'--items'") from None
    shown = str(agent_dir)
    try:
        plan = planning.plan(agent_dir, selected)
        if dry_run:
            click.echo(applying.diff(plan), nl=False)
            result = outcome.planned_outcome(plan, run(agent_dir))
            click.echo(outcome.render(plan, result, dry_run=True, shown=shown), nl=False, err=True)
        else:
            applying.apply(plan)
            result = outcome.outcome(plan, run(agent_dir))
            click.echo(outcome.render(plan, result, dry_run=False, shown=shown), nl=False)
    except (InitError, ConfigError) as exc:
        from readycheck.redact import redact

        click.echo(f"readycheck init: {redact(str(exc))}", err=True)
        sys.exit(2)
    except OSError as exc:
        click.echo(f"readycheck init: cannot write: {exc}", err=True)
        sys.exit(2)
    sys.exit(result.exit_code)


def main() -> None:
    # A path that is not UTF-8 holds surrogate escapes: print them escaped rather than
    # fail on them where the locale asks for strict encoding.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    try:
        cli(standalone_mode=True)
    except SystemExit:
        raise
    except Exception as exc:  # an internal error: never a traceback for the user
        from readycheck.redact import redact

        # The message may quote a scanned file (a schema, a value): mask its secrets.
        message = redact(f"{type(exc).__name__}: {exc}")
        click.echo(f"readycheck: internal error: {message}", err=True)
        click.echo("Please report this with the command you ran.", err=True)
        sys.exit(2)
