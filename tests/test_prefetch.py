"""`--jobs`: a large run parsed in worker processes gives the report a single process gives."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from readycheck import prefetch
from readycheck.cli import cli
from readycheck.config import Settings, load_settings
from readycheck.engine import check
from readycheck.reporters import output
from tests.benchmark import generate


def test_worker_processes_change_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prefetch, "MIN_BYTES", 1)  # a small tree stands for a large one
    used: list[tuple[int, list[str]]] = []
    real_prefetch = prefetch.prefetch

    def counted(
        tasks: Iterable[prefetch.Task], jobs: int, timeout: float
    ) -> dict[str, prefetch.Prefetched]:
        tasks = list(tasks)
        used.append((jobs, [rel for _, rel, _, _ in tasks]))
        return real_prefetch(tasks, jobs, timeout)

    monkeypatch.setattr(prefetch, "prefetch", counted)
    generate(tmp_path, agents=4)
    agent = tmp_path / "agents" / "agent-0000"
    (agent / "broken.yaml").write_text("a: [unclosed\n")
    # A document the instructions point to is read in the second wave.
    with (agent / "SOUL.md").open("a") as soul:
        soul.write("\nRead `guides/alerts.md` and `guides/retries.md` before you act.\n")
    (agent / "guides").mkdir()
    (agent / "guides" / "alerts.md").write_text("# Alerts\n\nPage <fill in: a channel>.\n")
    (agent / "guides" / "retries.md").write_text("# Retries\n\nRetry at most 3 times.\n")
    reports = [output(check(tmp_path, Settings(jobs=jobs)), "json") for jobs in (1, 2)]
    # One wave of the pool, for the jobs=2 run: the agents' files and the files their
    # instructions point to (found in the text, before any parse).
    assert [jobs for jobs, _ in used] == [2]
    assert {
        "agents/agent-0000/guides/alerts.md",
        "agents/agent-0000/guides/retries.md",
        "agents/agent-0000/SOUL.md",
    } <= set(used[0][1])
    assert reports[0] == reports[1]
    assert "RC001" in reports[0]  # a parse problem found in a worker is reported too
    assert "guides/alerts.md" in reports[0]  # and one in a pointed-to file


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


FRAMEWORK_CASES = sorted(
    p for p in (Path(__file__).parent.parent / "fixtures" / "frameworks").iterdir() if p.is_dir()
)


@pytest.mark.parametrize("case", FRAMEWORK_CASES, ids=lambda p: p.name)
def test_framework_code_read_in_workers_is_judged_the_same(
    case: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker keeps a module's calls to itself (the parent gets its facts and the
    frameworks it detected): code-only apps of every framework judge the same."""
    monkeypatch.setattr(prefetch, "MIN_BYTES", 1)  # every case goes through the pool
    settings = load_settings(case)  # a code-only app is declared in the case's config
    reports = [output(check(case, replace(settings, jobs=jobs)), "json") for jobs in (1, 2)]
    assert json.loads(reports[0])["agents"]  # an agent was judged
    assert reports[0] == reports[1]


def test_batches_hold_every_file_once_largest_first_and_balanced() -> None:
    from readycheck.bounds import DEFAULT_READ_LIMITS

    def task(name: str) -> prefetch.Task:
        return (Path(name), name, "markdown", DEFAULT_READ_LIMITS)

    sized = [(400_000, task("big.md"))] + [(1_000, task(f"n{i}.md")) for i in range(500)]
    batches = prefetch._batches(sized, jobs=2)
    names = [t[1] for batch in batches for t in batch]
    assert sorted(names) == sorted(t[1] for _, t in sized)  # each file once
    assert batches[0] == [task("big.md")]  # the largest alone, and first
    assert all(len(b) <= prefetch._MAX_BATCH for b in batches)
    assert len(batches) >= 2 * 2  # enough batches for two workers to share the load
