"""`--jobs`: a large run parsed in worker processes gives the report a single process gives."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pytest
from click.testing import CliRunner

from readycheck import prefetch
from readycheck.cli import cli
from readycheck.config import Settings
from readycheck.engine import check
from readycheck.reporters import output
from tests.benchmark import generate


def test_worker_processes_change_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prefetch, "MIN_FILES", 20)  # a small tree stands for a large one
    used: list[int] = []
    real_prefetch = prefetch.prefetch

    def counted(
        tasks: Iterable[prefetch.Task], jobs: int, timeout: float
    ) -> dict[str, prefetch.Prefetched]:
        used.append(jobs)
        return real_prefetch(tasks, jobs, timeout)

    monkeypatch.setattr(prefetch, "prefetch", counted)
    generate(tmp_path, agents=4)
    (tmp_path / "agents" / "agent-0000" / "broken.yaml").write_text("a: [unclosed\n")
    reports = [output(check(tmp_path, Settings(jobs=jobs)), "json") for jobs in (1, 2)]
    assert used == [2]  # the pool ran once, for the jobs=2 run
    assert reports[0] == reports[1]
    assert "RC001" in reports[0]  # a parse problem found in a worker is reported too


def test_jobs_option(tmp_path: Path) -> None:
    generate(tmp_path, agents=3)
    runner = CliRunner()
    runs = [
        runner.invoke(
            cli, ["check", "--no-cache", "-j", jobs, "--output-format", "json", str(tmp_path)]
        )
        for jobs in ("1", "2")
    ]
    assert [r.exit_code for r in runs] == [runs[0].exit_code] * 2
    assert json.loads(runs[0].output)["agents"] == json.loads(runs[1].output)["agents"]
    bad = runner.invoke(cli, ["check", "-j", "0", str(tmp_path)])
    assert bad.exit_code == 2
