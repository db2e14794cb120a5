"""Policy over findings (facts, then policy): severities, rule selection, per-file ignores,
inline suppressions, the baseline, and readiness.

Item statuses are measurements and never change here. A finding that is suppressed or
baselined stops counting against readiness and is kept on the report, with its reason, as
accepted risk. Rule selection (select, ignore, per-file-ignores) only decides what is
reported: a deselected finding is not shown, but its item still does not pass, so a
narrow `--select` cannot make an agent ready.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from fnmatch import fnmatch

from readycheck import scoring, suppress
from readycheck.baseline import Baseline
from readycheck.config import SEVERITIES, Settings
from readycheck.model import Document, Finding, Location, Report, Suppressed
from readycheck.redact import redact
from readycheck.registry import all_rules


def apply_policy(
    report: Report,
    settings: Settings,
    docs: dict[str, Document],
    baseline: Baseline | None = None,
    today: date | None = None,
) -> None:
    names = {rule.id: rule.name for rule in all_rules().values()}
    # An agent whose files the run's deadline left unread was not judged whole: whatever
    # selection, suppression or baseline make of its RC007, it is not ready.
    cut_short = {f.agent for f in report.findings if f.rule == "RC007"}
    findings = [f for f in report.findings if _selected(f, settings, names)]
    if settings.inline_ignores:
        findings, suppressed, hygiene = suppress.apply(findings, docs, names, today or date.today())
        # Reasons, dates and rule codes are the scanned files' text: masked like messages.
        report.suppressed.extend(
            Suppressed(f, redact(d.reason), d.location, redact(d.until)) for f, d in suppressed
        )
        findings.extend(f for f in _with_severity(hygiene) if _selected(f, settings, names))
    if baseline is not None:
        findings, known = baseline.split(findings, docs)
        report.suppressed.extend(Suppressed(f, "baseline") for f in known)
    findings = [_override(f, settings, names) for f in findings]
    report.findings = sorted(findings, key=lambda f: (f.location, f.rule, f.message))

    active = {(f.rule, f.location, f.agent) for f in report.findings}
    accepted: dict[str, set[tuple[str, Location]]] = {}
    for entry in report.suppressed:
        accepted.setdefault(entry.finding.agent, set()).add(
            (entry.finding.rule, entry.finding.location)
        )
    for agent in report.agents:
        agent.ready = agent.path not in cut_short and scoring.ready(
            agent.items, settings, accepted.get(agent.path, set())
        )
        for item in agent.items:
            item.findings = [f for f in item.findings if (f.rule, f.location, agent.path) in active]
    # No agent found is nothing ready, not everything ready.
    report.ready = bool(report.agents) and all(a.ready for a in report.agents)


def exit_code(report: Report, settings: Settings) -> int:
    """0 ready, or no agent found (as ruff with no file to check: nothing failed); 1 not
    ready, score under `fail-under`, or a finding at `fail-on` or worse."""
    if report.agents and not report.ready:
        return 1
    if settings.fail_under is not None and report.agents and report.score < settings.fail_under:
        return 1
    if settings.fail_on is not None:
        floor = SEVERITIES.index(settings.fail_on)
        if any(SEVERITIES.index(f.severity) >= floor for f in report.findings):
            return 1
    return 0


def _selected(finding: Finding, settings: Settings, names: dict[str, str]) -> bool:
    name = names.get(finding.rule, "")
    chosen = (*settings.select, *settings.extend_select)
    if not any(suppress.matches(s, finding.rule, name) for s in chosen):
        return False
    if any(suppress.matches(s, finding.rule, name) for s in settings.ignore):
        return False
    for glob, codes in settings.per_file_ignores.items():
        if fnmatch(finding.location.path, glob) and any(
            suppress.matches(c, finding.rule, name) for c in codes
        ):
            return False
    return True


def _with_severity(findings: list[Finding]) -> list[Finding]:
    rules = all_rules()
    return [
        replace(f, message=redact(f.message), severity=rules[f.rule].severity)  # type: ignore[arg-type]
        for f in findings
    ]


def _override(finding: Finding, settings: Settings, names: dict[str, str]) -> Finding:
    """The most specific severity override wins: a code over a prefix, a longer prefix over
    a shorter one; a rule name counts as a full code."""
    best: tuple[int, str] | None = None
    for selector, severity in settings.severity.items():
        if suppress.matches(selector, finding.rule, names.get(finding.rule, "")):
            weight = 4 if selector == names.get(finding.rule) else len(selector)
            if best is None or weight > best[0]:
                best = (weight, severity)
    return replace(finding, severity=best[1]) if best else finding  # type: ignore[arg-type]
