"""Human output: sorted `path:line:col: RC401 message` lines, then a checklist per agent.

A finding in a file shared by several agents (a root AGENTS.md) is printed once, with the
number of agents it counts against (the JSON report names them). Control characters from
scanned files are made visible.
"""

from __future__ import annotations

from readycheck.model import Finding, Location, Report
from readycheck.reporters.common import one_line

MARKS = {"pass": "✓", "partial": "~", "fail": "✗", "n/a": "-"}


def _path(path: str) -> str:
    """A path that cannot start a workflow command: a file named `::error file=x::pwned`
    or `##[error]x` would be read by the GitHub Actions runner as one, so it is printed
    as `./::error...`."""
    shown = one_line(path)
    return f"./{shown}" if shown.startswith(("::", "##[")) else shown


def _finding_lines(findings: list[Finding], several_agents: bool) -> list[str]:
    agents: dict[tuple[Location, str, str], list[str]] = {}
    order: list[tuple[Location, str, str]] = []
    for f in findings:
        key = (f.location, f.rule, f.message)
        if key not in agents:
            agents[key] = []
            order.append(key)
        if f.agent and f.agent not in agents[key]:
            agents[key].append(f.agent)
    lines = []
    for key in order:
        location, rule, message = key
        line = f"{_path(location.path)}:{location.line}:{location.column}: {rule} "
        line += one_line(message)
        count = len(agents[key])
        if several_agents and count > 1:
            line += f" ({count} agents)"  # which ones: the JSON report lists them
        lines.append(line)
    return lines


def render(report: Report) -> str:
    lines = _finding_lines(report.findings, len(report.agents) > 1)
    if lines:
        lines.append("")
    for note in report.notes:
        lines.append(f"note: {one_line(note)}")
    for agent in report.agents:
        frameworks = f" [{', '.join(agent.frameworks)}]" if agent.frameworks else ""
        verdict = "ready" if agent.ready else "not ready"
        lines.append(
            f"agent {one_line(agent.path)}{frameworks}: {verdict}, score {agent.score:g}/100"
        )
        for item in agent.items:
            where = ", ".join(f"{one_line(e.path)}:{e.line}" for e in item.evidence[:3])
            detail = one_line(item.reason) if item.status == "n/a" else where
            codes = " ".join(sorted({f.rule for f in item.findings}))
            extra = f"  ({detail})" if detail else ""
            rules = f"  {codes}" if codes and item.status != "pass" else ""
            lines.append(f"  {MARKS[item.status]} {item.item:<11} {item.status:<8}{rules}{extra}")
        lines.append("")
    if report.suppressed:
        lines.append(
            f"{len(report.suppressed)} finding(s) accepted as risk (suppressed or "
            "baselined); see --output-format json or markdown for the reasons"
        )
    if report.agents:
        ready = sum(a.ready for a in report.agents)
        lines.append(f"{ready}/{len(report.agents)} agents ready, score {report.score:g}/100")
    else:
        lines.append("No agent found: nothing was checked.")
    if not report.findings and report.ready:
        lines.append("All checks passed!")
    return "\n".join(lines).rstrip() + "\n"
