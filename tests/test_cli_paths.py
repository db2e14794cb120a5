"""Several paths and globs in `check` and `report`, and `--exclude` on the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import write_files
from tests.test_cli_verdict import invoke

SOUL = "# SOUL\n\nIf you are uncertain, stop and write the question to `outbox.json`.\n"
# A shared budget above the agents: each agent reads it, whichever path names the agent.
BUDGET = "budget:\n  max_steps: 40\n  max_runtime: 15m\n  on_limit: write handoff.json and stop\n"


@pytest.fixture
def monorepo(tmp_path: Path) -> Path:
    return write_files(
        tmp_path,
        {
            "agents/budget.yaml": BUDGET,
            "agents/writer/SOUL.md": SOUL,
            "agents/planner/SOUL.md": SOUL,
            "agents/legacy/SOUL.md": SOUL,
            "agents/README.md": "# the agents\n",
            "other/SOUL.md": SOUL,
        },
    )


def agents(*args: str, cwd: Path) -> dict[str, dict[str, Any]]:
    result = invoke("check", "--output-format", "json", *args, cwd=cwd)
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    return {
        agent["path"]: {item["id"]: item["status"] for item in agent["items"]}
        for agent in data["agents"]
    }


def test_several_directories_are_judged_against_one_root(monorepo: Path) -> None:
    whole = agents("agents", cwd=monorepo)
    two = agents("agents/writer", "agents/planner", cwd=monorepo)
    assert sorted(two) == ["agents/planner", "agents/writer"]
    assert two["agents/writer"] == whole["agents/writer"]
    assert two["agents/writer"]["budget"] != "fail"  # the shared agents/budget.yaml counts


def test_a_glob_is_expanded_when_the_shell_did_not(monorepo: Path) -> None:
    # What a shell gives for `agents/*`, and the pattern itself (a Windows shell, the
    # Action's quoted input) give the same agents.
    expanded = [f"agents/{name}" for name in ("README.md", "budget.yaml", "legacy", "planner")]
    found = agents(*expanded, "agents/writer", cwd=monorepo)
    assert sorted(found) == ["agents/legacy", "agents/planner", "agents/writer"]
    assert agents("agents/*", cwd=monorepo) == found


def test_a_file_path_checks_the_agent_that_holds_it(monorepo: Path) -> None:
    assert sorted(agents("agents/writer/SOUL.md", cwd=monorepo)) == ["agents/writer"]


def test_a_path_that_matches_nothing_is_a_usage_error(monorepo: Path) -> None:
    for missing in ("agents/nope", "agents/nope*"):
        result = invoke("check", missing, cwd=monorepo)
        assert result.exit_code == 2
        assert "nope" in result.output


def test_report_takes_several_paths(monorepo: Path) -> None:
    result = invoke("report", "agents/writer", "other", cwd=monorepo)
    assert result.exit_code == 0, result.output
    assert "agents/writer" in result.stdout and "other" in result.stdout
    assert "agents/planner" not in result.stdout


def test_exclude_on_the_command_line(monorepo: Path) -> None:
    found = agents("--extend-exclude", "legacy", "agents", cwd=monorepo)
    assert sorted(found) == ["agents/planner", "agents/writer"]
    # A pattern with a slash is read from the current directory, like the paths.
    found = agents("--exclude", "agents/legacy", "agents", cwd=monorepo)
    assert sorted(found) == ["agents/planner", "agents/writer"]
    # --exclude replaces the default list (as ruff's does); --extend-exclude adds to it.
    (monorepo / "node_modules/pkg").mkdir(parents=True)
    (monorepo / "node_modules/pkg/SOUL.md").write_text(SOUL)
    assert "node_modules/pkg" not in agents(".", cwd=monorepo)
    assert "node_modules/pkg" in agents("--exclude", "legacy", ".", cwd=monorepo)


def test_problems_elsewhere_in_the_tree_are_not_reported(monorepo: Path) -> None:
    (monorepo / "agents/legacy/gone.md").symlink_to(monorepo / "nowhere.md")
    (monorepo / "agents/writer/gone.md").symlink_to(monorepo / "nowhere.md")
    result = invoke(
        "check", "--output-format", "json", "agents/writer", "agents/planner", cwd=monorepo
    )
    broken = {f["path"] for f in json.loads(result.stdout)["findings"] if f["rule"] == "RC004"}
    assert broken == {"agents/writer/gone.md"}
