"""Human output: sorted `path:line:col: RC401 message` lines, then a checklist per agent.

A finding in a file shared by several agents (a root AGENTS.md) is printed once, with the
number of agents it counts against (the JSON report names them). Control characters from
scanned files are made visible.
"""

from __future__ import annotations

import shlex

from readycheck.model import Finding, Report
from readycheck.reporters.bounds import agents_left_out, shown_agents
from readycheck.reporters.common import once_each, one_line

MARKS = {"pass": "✓", "partial": "~", "fail": "✗", "n/a": "-"}


def _path(path: str) -> str:
    """A path that cannot start a workflow command: a file named `::error file=x::pwned`
    or `##[error]x` would be read by the GitHub Actions runner as one, so it is printed
    as `./::error...`."""
    shown = one_line(path)
    return f"./{shown}" if shown.startswith(("::", "##[")) else shown


def _finding_lines(findings: list[Finding], several_agents: bool, paint: Paint) -> list[str]:
    lines = []
    for f, count in once_each(findings):
        line = f"{paint(_path(f.location.path), 'bold')}:{f.location.line}:{f.location.column}: "
        line += f"{paint(f.rule, 'bold', 'red')} {one_line(f.message)}"
        if several_agents and count > 1:
            line += f" ({count} agents)"  # which ones: the JSON report lists them
        lines.append(line)
    return lines


def render(report: Report, *, colour: bool = False, quiet: bool = False) -> str:
    """The text report; `colour` adds ANSI styles (for a terminal), `quiet` keeps only the
    finding lines, as ruff's --quiet does."""
    paint = Paint(colour)
    lines = _finding_lines(report.findings, len(report.agents) > 1, paint)
    if quiet:
        return "".join(line + "\n" for line in lines)
    if lines:
        lines.append("")
    for note in report.notes:
        lines.append(f"{paint('note:', 'bold')} {one_line(note)}")
    for agent in shown_agents(report.agents):
        frameworks = f" [{', '.join(agent.frameworks)}]" if agent.frameworks else ""
        verdict = paint("ready", "green") if agent.ready else paint("not ready", "red")
        lines.append(
            f"agent {paint(one_line(agent.path), 'bold')}{frameworks}: {verdict}, "
            f"score {agent.score:g}/100"
        )
        for item in agent.items:
            where = ", ".join(f"{one_line(e.path)}:{e.line}" for e in item.evidence[:3])
            detail = one_line(item.reason) if item.status == "n/a" else where
            codes = " ".join(sorted({f.rule for f in item.findings}))
            extra = f"  ({detail})" if detail else ""
            rules = f"  {codes}" if codes and item.status != "pass" else ""
            colour_of = STATUS_COLOURS[item.status]
            mark, status = paint(MARKS[item.status], colour_of), paint(item.status, colour_of)
            padding = " " * (8 - len(item.status))
            lines.append(f"  {mark} {item.item:<11} {status}{padding}{rules}{extra}")
        lines.append("")
    hidden = agents_left_out(report.agents)
    if hidden:
        lines += [hidden, ""]
    if report.suppressed:
        lines.append(
            f"{report.accepted} finding(s) accepted as risk (suppressed or "
            "baselined); see --output-format json or markdown for the reasons"
        )
    if report.agents:
        ready = sum(a.ready for a in report.agents)
        lines.append(f"{ready}/{len(report.agents)} agents ready, score {report.score:g}/100")
    else:
        lines.append("No agent found: nothing was checked.")
    # Findings accepted as risk make an agent ready, but its items still fail: saying
    # "All checks passed!" under them would be false.
    accepted = sum(i.status in ("fail", "partial") for a in report.agents for i in a.items)
    if not report.findings and report.ready and report.suppressed and accepted:
        lines.append(f"No new findings; {accepted} item(s) not passing are accepted as risk.")
    elif not report.findings and report.ready:
        lines.append(paint("All checks passed!", "green"))
    hint = _hint(report)
    if hint:
        lines.append(f"{paint('hint:', 'bold', 'cyan')} {hint}")
    return "\n".join(lines).rstrip() + "\n"


def _hint(report: Report) -> str:
    """What to run next, with the first rule reported and the first agent not ready."""
    steps = []
    if report.findings:
        rule = report.findings[0].rule
        steps.append(f"`readycheck rule {rule}` explains a rule and how to fix it")
    not_ready = [agent.path for agent in report.agents if not agent.ready]
    if not_ready:
        agent = shlex.quote(one_line(not_ready[0]))
        steps.append(f"`readycheck init {agent}` scaffolds what an agent is missing")
    return "; ".join(steps)


STATUS_COLOURS = {"pass": "green", "partial": "yellow", "fail": "red", "n/a": "dim"}
_SGR = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "cyan": "36"}


class Paint:
    """ANSI styles when on, else the text unchanged: stripping the styles from coloured
    output gives the plain output exactly."""

    def __init__(self, on: bool) -> None:
        self.on = on

    def __call__(self, text: str, *styles: str) -> str:
        if not self.on or not text:
            return text
        return f"\x1b[{';'.join(_SGR[style] for style in styles)}m{text}\x1b[0m"
