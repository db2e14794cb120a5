"""JUnit XML for GitLab, Jenkins, Azure DevOps and other CI test-report views.

One `<testsuite>` per agent (at most `bounds.MAX_AGENTS_SHOWN`, those not ready first)
and one `<testcase>` per checklist item, named after the item: a `fail` or `partial` item
is a `<failure>` carrying its findings and how to fix them, an `n/a` item is `<skipped>`
with its reason, and files of the agent that could not be read are an `<error>` in an
extra `files` test case. Findings outside every agent get a suite of their own, whose
output carries the notes (how many agents were left out too).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from readycheck.model import AgentReport, Finding, Report
from readycheck.registry import all_rules
from readycheck.reporters.bounds import agents_left_out, shown_agents
from readycheck.reporters.common import FindingGroups, findings_by_item, rule_order

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

# Characters XML 1.0 cannot hold, even escaped.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """`text` that XML 1.0 can hold: forbidden characters shown as `\\uXXXX`."""
    return _INVALID_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _finding_line(f: Finding) -> str:
    loc = f.location
    return f"{loc.path}:{loc.line}:{loc.column}: {f.rule} [{f.severity}] {f.message}"


def _body(findings: list[Finding], with_fix: bool = True) -> str:
    lines = [_finding_line(f) for f in findings]
    if with_fix:
        rules = all_rules()
        fixes = [
            f"{rule_id} {rules[rule_id].name}: {' '.join(rules[rule_id].fix.split())}"
            for rule_id in rule_order(findings)
            if rule_id in rules
        ]
        if fixes:
            lines += ["", "How to fix:", *fixes]
    return "\n".join(lines)


def _el(parent: Element, tag: str, text: str | None = None, **attrs: str) -> Element:
    from xml.etree.ElementTree import SubElement

    child = SubElement(parent, tag, {key: clean(value) for key, value in attrs.items()})
    if text is not None:
        child.text = clean(text)
    return child


def render(report: Report) -> str:
    import xml.etree.ElementTree as ET

    grouped = findings_by_item(report)
    root = ET.Element("testsuites", {"name": "readycheck"})
    totals = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)

    def finish(suite: Element, counts: dict[str, int]) -> None:
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value

    for agent in shown_agents(report.agents):
        suite = _el(root, "testsuite", name=f"readycheck {agent.path}")
        finish(suite, _agent_suite(agent, grouped, suite))

    agent_paths = {a.path for a in report.agents}
    orphans = [f for f in report.findings if f.agent not in agent_paths]
    hidden = agents_left_out(report.agents)
    notes = [*report.notes, hidden] if hidden else report.notes
    if orphans or hidden or not report.agents:
        suite = _el(root, "testsuite", name="readycheck files")
        case = _el(suite, "testcase", classname="readycheck", name="files")
        counts = {"tests": 1, "failures": 0, "errors": 0, "skipped": 0}
        if orphans:
            counts["errors"] = 1
            _el(
                case,
                "error",
                _body(orphans),
                message=f"{len(orphans)} finding(s) outside every agent",
                type=" ".join(rule_order(orphans)),
            )
        if notes:
            _el(case, "system-out", "\n".join(notes))
        finish(suite, counts)

    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _agent_suite(agent: AgentReport, grouped: FindingGroups, suite: Element) -> dict[str, int]:
    counts = dict.fromkeys(("tests", "failures", "errors", "skipped"), 0)
    props = _el(suite, "properties")
    _el(props, "property", name="score", value=f"{agent.score:g}")
    _el(props, "property", name="ready", value=str(agent.ready).lower())
    if agent.frameworks:
        _el(props, "property", name="frameworks", value=", ".join(agent.frameworks))
    for item in agent.items:
        counts["tests"] += 1
        attrs = {"classname": agent.path, "name": item.item}
        findings = grouped.get((agent.path, item.item), [])
        anchor = findings[0].location if findings else next(iter(item.evidence), None)
        if anchor is not None:
            attrs["file"] = anchor.path
            attrs["line"] = str(anchor.line)
        case = _el(suite, "testcase", **attrs)
        if item.status == "n/a":
            counts["skipped"] += 1
            _el(case, "skipped", message=f"n/a: {item.reason}" if item.reason else "n/a")
        elif item.status in ("fail", "partial"):
            counts["failures"] += 1
            codes = " ".join(rule_order(findings))
            _el(
                case,
                "failure",
                _body(findings),
                message=f"{item.item}: {item.status}" + (f" ({codes})" if codes else ""),
                type=item.status,
            )
        if item.evidence:
            evidence = ", ".join(f"{e.path}:{e.line}" for e in item.evidence)
            _el(case, "system-out", f"evidence: {evidence}")
    for kind in grouped.others(agent):
        problems = grouped[(agent.path, kind)]
        counts["tests"] += 1
        counts["errors"] += 1
        name = "files" if kind == "general" else kind
        case = _el(suite, "testcase", classname=agent.path, name=name)
        _el(
            case,
            "error",
            _body(problems),
            message=f"{len(problems)} {name} finding(s)",
            type=" ".join(rule_order(problems)),
        )
    return counts
