"""Reports stay linear in the number of agents (issue 13, item 8): Markdown and JUnit looked
for each agent's file findings by scanning the findings of every agent."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest

from readycheck.engine import check_directory
from readycheck.model import Report
from readycheck.reporters import renderer

GROWTH_LIMIT = 20  # per eightfold of agents: linear is 8, quadratic 64


def _many(one: Report, n: int) -> Report:
    """`one`'s agent n times, each with its own path and its own copy of the findings."""
    agents, findings = [], []
    for i in range(n):
        path = f"agents/a{i}"
        agents.append(dataclasses.replace(one.agents[0], path=path))
        findings += [dataclasses.replace(f, agent=path) for f in one.findings]
    return dataclasses.replace(one, agents=agents, findings=findings)


@pytest.fixture(scope="module")
def one_agent(tmp_path_factory: pytest.TempPathFactory) -> Report:
    root = tmp_path_factory.mktemp("one")
    (root / "SOUL.md").write_text("# Soul\n\nYou are a bot.\n")
    (root / "notes.json").write_text("{ broken")  # a file finding: the 'general' group
    report = check_directory(Path(root))
    assert len(report.agents) == 1 and any(f.item == "general" for f in report.findings)
    return report


def _seconds(report: Report, name: str) -> float:
    best = float("inf")
    for _ in range(2):
        start = time.process_time()
        renderer(name)(report)
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize("name", ["markdown", "junit", "text", "json", "sarif", "github"])
def test_report_time_grows_linearly_with_agents(one_agent: Report, name: str) -> None:
    small = _seconds(_many(one_agent, 500), name)
    large = _seconds(_many(one_agent, 4000), name)
    assert large < GROWTH_LIMIT * small, f"{small:.3f}s -> {large:.3f}s"
