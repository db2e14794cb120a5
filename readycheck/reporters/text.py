"""Human output: sorted `path:line:col: RC401 message` lines, then a checklist per agent."""

from __future__ import annotations

from readycheck.model import Report

MARKS = {"pass": "✓", "partial": "~", "fail": "✗", "n/a": "-"}


def render(report: Report) -> str:
    lines = [
        f"{f.location.path}:{f.location.line}:{f.location.column}: {f.rule} {f.message}"
        for f in report.findings
    ]
    if lines:
        lines.append("")
    for note in report.notes:
        lines.append(f"note: {note}")
    for agent in report.agents:
        frameworks = f" [{', '.join(agent.frameworks)}]" if agent.frameworks else ""
        verdict = "ready" if agent.ready else "not ready"
        lines.append(f"agent {agent.path}{frameworks}: {verdict}, score {agent.score:g}/100")
        for item in agent.items:
            where = ", ".join(f"{e.path}:{e.line}" for e in item.evidence[:3])
            detail = item.reason if item.status == "n/a" else where
            codes = " ".join(sorted({f.rule for f in item.findings}))
            extra = f"  ({detail})" if detail else ""
            rules = f"  {codes}" if codes and item.status != "pass" else ""
            lines.append(f"  {MARKS[item.status]} {item.item:<11} {item.status:<8}{rules}{extra}")
        lines.append("")
    if report.agents:
        ready = sum(a.ready for a in report.agents)
        lines.append(f"{ready}/{len(report.agents)} agents ready, score {report.score:g}/100")
    if not report.findings and report.agents and report.ready:
        lines.append("All checks passed!")
    return "\n".join(lines).rstrip() + "\n"
