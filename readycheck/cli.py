"""Command line: a thin layer over engine and reporters. Exit codes: 0 ready, 1 not ready,
2 usage, config or internal error."""

from __future__ import annotations

import gc
import math
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from readycheck import __version__
from readycheck.checklist import ITEM_IDS
from readycheck.reporters import FORMATS

if TYPE_CHECKING:
    from readycheck.baseline import Baseline
    from readycheck.config import Settings
    from readycheck.model import Report
    from readycheck.project import Project


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="readycheck")
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
            "--jobs",
            "-j",
            type=click.IntRange(min=1),
            envvar="READYCHECK_JOBS",
            metavar="N",
            help="Worker processes for parsing a large repository (default: the CPUs "
            "available; 1 for none). The results do not depend on it.",
        ),
        click.option(
            "--deadline",
            callback=_deadline,
            envvar="READYCHECK_DEADLINE",
            metavar="DURATION",
            help="The whole run's time (90s, 10m, or seconds; default 10m): files not "
            "read by then are reported (RC007), not read.",
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


def _deadline(_ctx: click.Context, _param: click.Parameter, value: str | None) -> float | None:
    """`--deadline` in seconds: a finite duration above zero."""
    if value is None:
        return None
    from readycheck.quantities import duration

    seconds = duration(value)
    if seconds is None or not 0 < seconds < math.inf:
        raise click.BadParameter(f"{value!r} is not a finite duration such as 90s or 10m")
    return seconds


def gate_options(func: F) -> F:
    """Options of the gate, `check` only: `report` always exits 0."""
    func = click.option(
        "--fail-under",
        type=click.FloatRange(0, 100),
        envvar="READYCHECK_FAIL_UNDER",
        metavar="SCORE",
        help="Also exit 1 when the score is below SCORE.",
    )(func)
    return click.option(
        "--fail-on",
        type=click.Choice(("error", "warning", "note")),
        envvar="READYCHECK_FAIL_ON",
        help="Also exit 1 when a finding has this severity or worse.",
    )(func)


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


def _excludes(patterns: tuple[str, ...], root: Path) -> tuple[str, ...] | None:
    """Exclude patterns from the command line; one with a slash names a path from the
    current directory, as the paths do, and is rewritten to be read from the scanned root
    (one outside it can exclude nothing there)."""
    if not patterns:
        return None
    cwd = Path.cwd().resolve()
    out = []
    for pattern in patterns:
        if "/" in pattern.strip("/") and root.resolve() != cwd:
            moved = os.path.relpath(os.path.join(cwd, pattern), root.resolve())
            if moved.startswith(".."):
                continue
            pattern = Path(moved).as_posix()
        out.append(pattern)
    return tuple(out)


def _settings(root: Path, opts: dict[str, Any]) -> Settings:
    from readycheck.config import ConfigError, load_settings
    from readycheck.prefetch import default_jobs

    overrides = {
        "select": _codes(opts["select"]),
        "extend_select": _codes(opts["extend_select"]),
        "ignore": _codes(opts["ignore"]),
        "fail_on": opts.get("fail_on"),
        "fail_under": opts.get("fail_under"),
        "inline_ignores": False if opts["no_inline_ignores"] else None,
        "exclude": _excludes(opts.get("exclude", ()), root),
        "extend_exclude": _excludes(opts.get("extend_exclude", ()), root),
        "deadline": opts.get("deadline"),
    }
    try:
        settings = load_settings(root, opts["config_file"], opts["isolated"], overrides)
        settings.jobs = opts.get("jobs") or default_jobs()
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


PATHS = click.argument("paths", nargs=-1, type=click.Path(path_type=Path))


def scope_options(func: F) -> F:
    """Which files are read: `--exclude` replaces the default excludes, `--extend-exclude`
    adds to them (as ruff's do); both win over the config file."""
    func = click.option(
        "--extend-exclude",
        multiple=True,
        metavar="PATTERN",
        help="Also skip files and directories matching PATTERN (repeatable).",
    )(func)
    return click.option(
        "--exclude",
        multiple=True,
        metavar="PATTERN",
        help="Skip files and directories matching PATTERN instead of the default list "
        "(.git, node_modules, .venv...); a PATTERN with a slash is read from the current "
        "directory (repeatable).",
    )(func)


@cli.command()
@PATHS
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
@gate_options
@scope_options
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
@click.option("-q", "--quiet", is_flag=True, help="Print the findings and nothing else.")
@click.option(
    "--statistics",
    is_flag=True,
    help="Print how many findings each rule reported instead of the findings (text or json).",
)
@click.option(
    "--color",
    "color",
    type=click.Choice(("auto", "always", "never")),
    default="auto",
    show_default=True,
    help="Colour the text output; auto colours a terminal unless NO_COLOR is set.",
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
    quiet: bool,
    statistics: bool,
    color: str,
    **opts: Any,
) -> None:
    """Check the agents found under PATHS (default: the current directory)."""
    from readycheck import cache
    from readycheck.reporters import auto_format

    main_file, extra = _parse_outputs(outputs)
    if output_format == "auto":
        output_format = "text" if statistics else auto_format(os.environ)
    if statistics:
        from readycheck.reporters import statistics as stats  # it loads the rule registry

        if output_format not in stats.FORMATS:
            raise click.BadParameter(
                f"--statistics prints {' or '.join(stats.FORMATS)}, not {output_format}",
                param_hint="'--output-format'",
            )
    view = View(quiet, statistics, _colour(color, main_file, output_format))
    projects = _projects(paths, opts)
    if not any(p.scan.selected for p in projects) and not quiet:
        # As ruff with no file to check: say so, and exit 0 (nothing failed).
        click.echo("readycheck: warning: no agent found; nothing was checked", err=True)
    base, inside = _place(_anchor(projects))
    if show_files:
        from readycheck.explain import FileRole, project_file_roles, render_files
        from readycheck.reporters.common import from_within, join_path

        def shown(path: str) -> str:
            return join_path(base, from_within(path, inside))

        rows = [
            FileRole(shown(row.agent), shown(row.path), row.role)
            for row in project_file_roles(projects)
        ]
        click.echo(render_files(rows), nl=False)
        return
    baseline = _baseline(baseline_file) if baseline_file else None
    cache.scope(_anchor(projects), disabled=no_cache)
    use_cache = cache.enabled() and write_baseline is None
    key = ""
    if use_cache:
        files = {f"{p.prefix}/{rel}": real for p in projects for rel, real in p.scan.files.items()}
        extra_key = "|".join(
            [
                *(f"{p.prefix}:{p.scan.targets}:{p.settings.fingerprint()}" for p in projects),
                output_format,
                repr(extra),
                base,
                inside,
                repr(view),
                str(date.today()),
                baseline.digest if baseline else "",
                *(repr(p.scan.problems) for p in projects),
            ]
        )
        key = cache.key(files, extra_key, projects[0].settings.read_limits.max_file_bytes)
        hit = cache.load(key)
        if hit is not None and _valid_hit(hit, len(extra)):
            _emit(
                main_file,
                hit["main"],
                [(fmt, path, hit["extra"][i]) for i, (fmt, path) in enumerate(extra)],
                view.colour,
            )
            sys.exit(0 if exit_zero else hit["exit"])
    code, main_text, extra_texts = _check_once(
        projects, output_format, extra, (base, inside), baseline, write_baseline, view
    )
    if use_cache:
        cache.store(key, {"main": main_text, "extra": extra_texts, "exit": code})
    _emit(
        main_file,
        main_text,
        [(f, p, t) for (f, p), t in zip(extra, extra_texts, strict=True)],
        view.colour,
    )
    sys.exit(0 if exit_zero else code)


@dataclass(frozen=True)
class View:
    """How the main output is shown: findings only, counts per rule, ANSI colour."""

    quiet: bool = False
    statistics: bool = False
    colour: bool = False


def _colour(choice: str, main_file: Path | None, output_format: str) -> bool:
    """Colour only text on standard output: `always`, or `auto` on a terminal when NO_COLOR
    is unset or empty (an explicit `--color always` wins over NO_COLOR, as its spec asks)."""
    if main_file is not None or output_format != "text" or choice == "never":
        return False
    if choice == "always":
        return True
    return not os.environ.get("NO_COLOR") and sys.stdout.isatty()


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


def _baseline(path: Path) -> Baseline:
    """The `--baseline` file, read once (bounded: it may be the repository's)."""
    from readycheck.baseline import Baseline

    try:
        return Baseline.load(path)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'--baseline'") from None


def _check_once(
    projects: list[Project],
    output_format: str,
    extra: list[tuple[str, Path]],
    place: tuple[str, str],
    baseline: Baseline | None,
    write_baseline: Path | None,
    view: View,
) -> tuple[int, str, list[str]]:
    """Run the checks and render every requested output: (exit code, main, extras)."""
    from readycheck.engine import check_projects
    from readycheck.policy import exit_code
    from readycheck.reporters import output as render
    from readycheck.reporters import statistics

    report = check_projects(projects, baseline=baseline)
    if write_baseline is not None:
        from readycheck.baseline import render as render_baseline
        from readycheck.engine import documents_of

        docs = documents_of(projects, [f.location.path for f in report.findings])
        prefixes = tuple(p.prefix for p in projects if p.prefix)
        text = render_baseline(write_baseline, report.findings, docs, prefixes, Path(report.root))
        _write(write_baseline, text)
        click.echo(
            f"readycheck: wrote {len(report.findings)} findings to {write_baseline}", err=True
        )
        return 0, "", ["" for _ in extra]
    report, base = _placed(report, place)
    if view.statistics:
        main_text = statistics.render(report, output_format)
    else:
        main_text = render(report, output_format, base, colour=view.colour, quiet=view.quiet)
    return (
        exit_code(report, projects[0].settings),
        main_text,
        [render(report, f, base) for f, _ in extra],
    )


def _emit(
    main_file: Path | None, main_text: str, extra: list[tuple[str, Path, str]], colour: bool
) -> None:
    if main_file:
        _write(main_file, main_text)
    elif main_text:
        click.echo(main_text, nl=False, color=colour)
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


def _place(anchor: Path) -> tuple[str, str]:
    """(base, inside): where the run's paths are printed from. When the current directory
    lies inside the anchor (a run in a subdirectory of the project), base is '' and inside
    the current directory's path from the anchor; else base is `_base` and inside ''."""
    cwd = Path.cwd().resolve()
    if cwd != anchor and cwd.is_relative_to(anchor):
        return "", cwd.relative_to(anchor).as_posix()
    return _base(anchor), ""


def _placed(report: Report, place: tuple[str, str]) -> tuple[Report, str]:
    """The report with its paths from the current directory when that lies inside the
    anchor (see `_place`), and the base the reporters move the paths to."""
    from readycheck.reporters.common import within

    base, inside = place
    if inside:
        return within(report, inside, str(Path.cwd().resolve())), base
    return report, base


def _base(root: Path) -> str:
    """The run's anchor (the project root) as the user sees it: its POSIX path from the
    current directory ('' when it is the current directory), or its absolute path when
    outside it (as ruff prints paths); every output's paths are moved there."""
    from readycheck.discover import printable

    resolved = root.resolve()
    try:
        rel = resolved.relative_to(Path.cwd().resolve())
    except ValueError:
        return printable(resolved.as_posix())
    return "" if rel == Path(".") else printable(rel.as_posix())


def _write(path: Path, text: str) -> None:
    from readycheck.outputs import replace_file

    try:
        replace_file(path, text)
    except OSError as exc:
        click.echo(f"readycheck: cannot write {path}: {exc.strerror or exc}", err=True)
        sys.exit(2)


@cli.command("report")
@PATHS
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
@scope_options
def report_command(
    paths: tuple[Path, ...],
    output: Path | None,
    github_summary: bool,
    max_size: int | None,
    **opts: Any,
) -> None:
    """Write a Markdown readiness report of the agents under PATHS: for a pull-request
    comment or the job summary. Exits 0 whether or not they are ready (`check` gates)."""
    from readycheck.engine import check_projects
    from readycheck.reporters import markdown
    from readycheck.reporters.bounds import bounded
    from readycheck.reporters.common import relocate

    projects = _projects(paths, opts)
    report, base = _placed(check_projects(projects), _place(_anchor(projects)))
    report = bounded(relocate(report, base))
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


def _expand(paths: tuple[Path, ...]) -> list[Path]:
    """Each path as given, or the paths a glob pattern matches (a shell that expands no
    globs, a quoted input in CI); one that matches nothing is a usage error."""
    import glob

    found: list[Path] = []
    for path in paths:
        if path.exists():
            found.append(path)
            continue
        matches = sorted(glob.glob(str(path), recursive=True)) if glob.has_magic(str(path)) else []
        if not matches:
            raise click.BadParameter(f"{str(path)!r} does not exist", param_hint="PATHS")
        found.extend(Path(match) for match in matches)
    return found


def _projects(paths: tuple[Path, ...], opts: dict[str, Any]) -> list[Project]:
    """The projects of the paths asked for (globs expanded): each path's agents are judged
    from its project root, as `check` of that whole root judges them (shared files above
    them included), and the separate projects below a path are checked with their own
    settings (the command line's options apply to every one)."""
    from readycheck import project

    given = _expand(paths or (Path("."),))
    return project.load(given, lambda root: _settings(root, opts))


def _anchor(projects: list[Project]) -> Path:
    """The directory every project of the run lies in: the reports' paths start there."""
    return Path(os.path.commonpath([p.root for p in projects]))


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
@gate_options
def config_command(path: Path, output_format: str, **opts: Any) -> None:
    """Print the effective settings for PATH and where each one came from."""
    from readycheck.config import describe
    from readycheck.project import find_root

    settings = _settings(find_root(path), opts)
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

    options = {**_NO_OVERRIDES, "config_file": config_file, "isolated": isolated}
    projects = _projects((path,), options)
    try:
        project, found = explain.find_agent(projects, agent, Path.cwd())
    except explain.UnknownAgent as exc:
        click.echo(f"readycheck explain: {exc}", err=True)
        sys.exit(2)
    result = explain.explain(project.scan, project.settings, found, item.lower() if item else None)
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
    from readycheck.engine import check_directory as run

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
    # A short run that builds many objects and frees few cycles (syntax trees have none):
    # collect less often, as mypy does. Python-heavy repositories ran 10-20% faster.
    gc.set_threshold(100_000, 50, 100)
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
