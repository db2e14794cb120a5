"""GitHub Actions workflow commands: one annotation per finding (a finding in a file several
agents share once, with their number), then a checklist per agent (at most
`bounds.MAX_AGENTS_SHOWN`, those not ready first).

    ::error file=SOUL.md,line=9,col=1,title=RC105 escalation-anti-pattern::anti-pattern ...

Escaping follows @actions/core (`escapeData` / `escapeProperty`) and the runner's parser:
in the message `%`, CR and LF are encoded; in properties also `:` and `,`. A message may
hold `::` freely: the runner ends the command at the first `::` after the properties.
Other control characters (an ANSI escape in a file name) are shown as `\\uXXXX`.
"""

from __future__ import annotations

from readycheck.model import Finding, Report
from readycheck.registry import all_rules
from readycheck.reporters.bounds import agents_left_out, shown_agents
from readycheck.reporters.common import controls_visible, once_each, one_line

COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}
MARKS = {"pass": "✓", "partial": "~", "fail": "✗", "n/a": "-"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding, agents: int = 1) -> str:
    rule = all_rules().get(finding.rule)
    title = f"{finding.rule} {rule.name}" if rule else finding.rule
    props = {
        "file": controls_visible(finding.location.path),
        "line": str(max(1, finding.location.line)),
        "col": str(max(1, finding.location.column)),
        "title": title,
    }
    command = COMMANDS.get(finding.severity, "warning")
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props.items())
    message = finding.message + (f" ({agents} agents)" if agents > 1 else "")
    return f"::{command} {joined}::{escape_data(controls_visible(message))}"


def _plain(text: str) -> str:
    """Text for a log line that is not a command: one line, and no legacy `##[` command."""
    return one_line(text).replace("##[", "#\u2060#[")


def render(report: Report) -> str:
    # One annotation per place: a shared file's finding is not repeated for every agent.
    lines = [annotation(f, agents) for f, agents in once_each(report.findings)]
    hidden = agents_left_out(report.agents)
    notes = [*report.notes, hidden] if hidden else report.notes
    lines += [f"::notice title=readycheck::{escape_data(controls_visible(note))}" for note in notes]
    for agent in shown_agents(report.agents):
        verdict = "ready" if agent.ready else "not ready"
        title = f"readycheck: agent {agent.path}: {verdict}, score {agent.score:g}/100"
        lines.append(f"::group::{escape_data(one_line(title))}")
        for item in agent.items:
            where = ", ".join(f"{e.path}:{e.line}" for e in item.evidence[:3])
            detail = item.reason if item.status == "n/a" else where
            codes = " ".join(sorted({f.rule for f in item.findings}))
            rules = f"  {codes}" if codes and item.status != "pass" else ""
            extra = f"  ({_plain(detail)})" if detail else ""
            lines.append(f"  {MARKS[item.status]} {item.item:<11} {item.status:<8}{rules}{extra}")
        lines.append("::endgroup::")
    if report.suppressed:
        lines.append(
            f"{report.accepted} finding(s) accepted as risk (suppressed); "
            "see the job summary or the SARIF output for the reasons"
        )
    if report.agents:
        ready = sum(a.ready for a in report.agents)
        lines.append(
            f"readycheck: {ready}/{len(report.agents)} agents ready, score {report.score:g}/100"
        )
    return "\n".join(lines) + "\n" if lines else ""
