"""The same answer from any directory (issue 12, item 2): the project root is found like
ruff finds it, a config's paths are relative to the file that declares them, a nested
config is a separate project, ancestor files are read up to the project root, and
baselines match whatever path the run is given. Through the CLI."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from typing import Any

from tests.conftest import EXAMPLES, ROOT, report_json, run_cli, write_files

WRITER_SOUL = """# Writer

Write the weekly newsletter from the notes in notes/.
"""

MONOREPO: dict[str, str | bytes] = {
    ".git/HEAD": "ref: refs/heads/main\n",
    ".readycheck.yaml": (
        "agents: [services/support-bot]\n"
        "not-applicable:\n"
        '  agents/writer: {dlq: "one-shot run; a failed run is re-run by hand"}\n'
    ),
    # Shared by every agent below the root.
    "AGENTS.md": (
        "# Rules for every agent\n\n"
        "When you are uncertain about the scope, stop and do not guess: write the question "
        "to outbox.json and wait for a human.\n"
    ),
    "budget.yaml": (
        "budget: {max_steps: 40, max_runtime: 20m, on_limit: write handoff.json and stop}\n"
    ),
    "agents/writer/SOUL.md": WRITER_SOUL,
    "services/support-bot/main.py": "from agents import Agent, Runner\n",
    # A separate project: its own config applies to it, from the root too.
    "agents/planner/.readycheck.yaml": (
        'not-applicable: {".": {monitoring: "runs inside the writer\'s supervisor"}}\n'
    ),
    "agents/planner/SOUL.md": "# Planner\n\nPlan the week.\n",
}


def _agents(result: Any) -> dict[str, dict[str, Any]]:
    """Each agent of a JSON report by its path, as printed: from the current directory."""
    return {agent["path"]: agent for agent in report_json(result)["agents"]}


def _statuses(agent: dict[str, Any]) -> dict[str, str]:
    return {item["id"]: item["status"] for item in agent["items"]}


def _findings(result: Any, prefix: str = "") -> set[tuple[str, str, int]]:
    """(rule, path from the repository root, line) of every finding of a JSON report run
    from the directory `prefix` names (paths are printed from the current directory)."""
    findings = report_json(result)["findings"]
    return {(f["rule"], posixpath.normpath(f"{prefix}{f['path']}"), f["line"]) for f in findings}


def test_a_subdirectory_is_judged_as_from_the_root(tmp_path: Path) -> None:
    root = write_files(tmp_path / "repo", MONOREPO)
    whole = run_cli("check", "--no-cache", "--output-format", "json", ".", cwd=root)
    sub = run_cli("check", "--no-cache", "--output-format", "json", "agents/writer", cwd=root)
    inside = run_cli(
        "check", "--no-cache", "--output-format", "json", "writer", cwd=root / "agents"
    )
    writer = _agents(whole)["agents/writer"]
    for other, printed, prefix in ((sub, "agents/writer", ""), (inside, "writer", "agents/")):
        assert other.returncode == whole.returncode == 1, other.stderr
        # Judged from the project root, printed from the current directory.
        assert list(_agents(other)) == [printed]
        mine = _agents(other)[printed]
        assert _statuses(mine) == _statuses(writer)
        assert mine["score"] == writer["score"]
        # The shared AGENTS.md and budget.yaml count from any directory ...
        assert _statuses(mine)["escalation"] == "pass"
        assert _statuses(mine)["budget"] != "fail"
        # ... and so does the root config: its `not-applicable` entry, and no complaint
        # about an agent root declared elsewhere in the project.
        assert _statuses(mine)["dlq"] == "n/a"
        assert "RC004" not in {rule for rule, _, _ in _findings(other)}
        assert _findings(other, prefix) <= _findings(whole)


def test_a_nested_config_is_a_separate_project(tmp_path: Path) -> None:
    root = write_files(tmp_path / "repo", MONOREPO)
    whole = run_cli("check", "--no-cache", "--output-format", "json", ".", cwd=root)
    alone = run_cli(
        "check", "--no-cache", "--output-format", "json", "planner", cwd=root / "agents"
    )
    planner = _agents(whole)["agents/planner"]
    assert _statuses(planner)["monitoring"] == "n/a"
    # Its own project: the root's shared files are not its evidence, from anywhere.
    assert _statuses(planner)["escalation"] == "fail"
    assert _statuses(_agents(alone)["planner"]) == _statuses(planner)
    assert _findings(alone, "agents/") == {
        f for f in _findings(whole) if f[1].startswith("agents/planner/")
    }


def test_config_paths_are_relative_to_the_file_that_declares_them(tmp_path: Path) -> None:
    root = write_files(
        tmp_path / "repo",
        {
            **MONOREPO,
            ".readycheck.yaml": "extend: config/base.yaml\n",
            "config/base.yaml": (
                "agents: [../services/support-bot]\n"
                "not-applicable:\n"
                '  ../agents/writer: {dlq: "re-run by hand"}\n'
            ),
        },
    )
    for path in (".", "agents/writer"):
        result = run_cli("check", "--no-cache", "--output-format", "json", path, cwd=root)
        assert _statuses(_agents(result)["agents/writer"])["dlq"] == "n/a", result.stdout
    whole = _agents(run_cli("check", "--no-cache", "--output-format", "json", ".", cwd=root))
    assert "services/support-bot" in whole


def test_a_baseline_matches_from_any_directory(tmp_path: Path) -> None:
    root = write_files(tmp_path / "repo", MONOREPO)
    baseline = tmp_path / "baseline.json"
    assert run_cli("check", "--write-baseline", str(baseline), str(root)).returncode == 0
    for args, cwd in (
        ((str(root),), None),
        ((str(root / "agents/writer"),), None),
        (("writer",), root / "agents"),
        (("planner",), root / "agents"),
    ):
        result = run_cli("check", "--no-cache", "--baseline", str(baseline), *args, cwd=cwd)
        assert result.returncode == 0, (args, result.stdout)
        # Baselined findings of agents outside the path given are not "fixed".
        assert "no longer occurs" not in result.stdout


def test_a_baseline_written_for_a_subdirectory_matches_from_the_root(tmp_path: Path) -> None:
    root = write_files(tmp_path / "repo", MONOREPO)
    baseline = tmp_path / "baseline.json"
    written = run_cli("check", "--write-baseline", str(baseline), "writer", cwd=root / "agents")
    assert written.returncode == 0
    result = run_cli(
        "check", "--no-cache", "--output-format", "json", "--baseline", str(baseline), str(root)
    )
    assert not {f for f in _findings(result) if f[1].startswith("agents/writer/")}


def test_without_a_marker_the_given_directory_is_the_project(tmp_path: Path) -> None:
    root = write_files(tmp_path / "plain", {"shared.md": "x\n", "a/SOUL.md": WRITER_SOUL})
    result = run_cli("check", "--no-cache", "--show-files", "a", cwd=root)
    # The project is `a`: the file beside it is no ancestor file of its agent.
    assert "a/SOUL.md" in result.stdout and "shared.md" not in result.stdout


def test_readycheck_judges_its_own_ready_example_as_it_does_alone() -> None:
    """The issue's acceptance test: `readycheck check .` in readycheck's own repository
    judges fixtures/examples/ready-agent exactly as checking that directory does."""
    whole = run_cli("check", "--no-cache", "--output-format", "json", ".", cwd=ROOT)
    alone = run_cli(
        "check", "--no-cache", "--output-format", "json", ".", cwd=EXAMPLES / "ready-agent"
    )
    prefix = "fixtures/examples/ready-agent"
    agent = _agents(whole)[prefix]
    mine = _agents(alone)["."]
    assert agent["ready"] and mine["ready"]
    assert agent["score"] == mine["score"] == 100
    relocated = json.loads(json.dumps(mine["items"]).replace('"path": "', f'"path": "{prefix}/'))
    assert agent["items"] == relocated
    assert _findings(alone, prefix + "/") == {
        f for f in _findings(whole) if f[1].startswith(prefix + "/")
    }


def test_explain_finds_an_agent_from_any_directory_and_in_a_separate_project(
    tmp_path: Path,
) -> None:
    root = write_files(tmp_path / "repo", MONOREPO)
    for args, cwd in (
        (("agents/writer", "escalation"), root),
        (("writer", "escalation"), root / "agents"),
        (("agents/writer", "escalation", "--path", "agents"), root),
    ):
        result = run_cli("explain", *args, cwd=cwd)
        assert result.returncode == 0, (args, result.stderr)
        # The shared AGENTS.md above the agent is read, whatever the directory.
        assert "escalation  pass" in result.stdout and "AGENTS.md" in result.stdout
    nested = run_cli("explain", "agents/planner", "monitoring", cwd=root)
    assert nested.returncode == 0, nested.stderr
    assert "monitoring  n/a" in nested.stdout


def test_a_root_without_agents_above_a_separate_project_is_no_empty_run(tmp_path: Path) -> None:
    root = write_files(
        tmp_path / "repo",
        {".git/HEAD": "ref: refs/heads/main\n", "apps/bot/.git": "gitdir: ../../.git/modules/bot\n"}
        | {"apps/bot/SOUL.md": WRITER_SOUL},
    )
    result = report_json(run_cli("check", "--no-cache", "--output-format", "json", cwd=root))
    assert [agent["path"] for agent in result["agents"]] == ["apps/bot"]
    assert not any(note.startswith("no agent found") for note in result["notes"])


def test_a_separate_project_under_a_config_ignores_the_agents_it_declares_elsewhere(
    tmp_path: Path,
) -> None:
    """A submodule (its own .git, no config) takes the closest config above it; the agent
    roots that config declares outside the submodule are not the submodule's concern."""
    root = write_files(
        tmp_path / "repo",
        {**MONOREPO, "vendor/tool/.git": "gitdir: x\n", "vendor/tool/SOUL.md": WRITER_SOUL},
    )
    for path in (root, root / "vendor/tool"):
        result = run_cli("check", "--no-cache", "--output-format", "json", str(path))
        assert "RC004" not in {rule for rule, _, _ in _findings(result)}, result.stdout


# Several paths (issue 12, item 1) with project roots: each path is judged from its own
# project, and the run puts them together with paths from the current directory.


def test_paths_in_two_projects_are_each_judged_from_their_own_root(tmp_path: Path) -> None:
    write_files(tmp_path / "one", MONOREPO)
    write_files(
        tmp_path / "two",
        {
            ".git/HEAD": "ref: refs/heads/main\n",
            ".readycheck.yaml": 'not-applicable: {bot: {dlq: "a one-shot job"}}\n',
            "bot/SOUL.md": WRITER_SOUL,
        },
    )
    both = run_cli(
        "check",
        "--no-cache",
        "--output-format",
        "json",
        "one/agents/writer",
        "two/bot",
        cwd=tmp_path,
    )
    found = _agents(both)
    assert sorted(found) == ["one/agents/writer", "two/bot"], both.stdout
    # one's shared files above the writer count; two's config applies to its agent.
    assert _statuses(found["one/agents/writer"])["escalation"] == "pass"
    assert _statuses(found["two/bot"])["dlq"] == "n/a"
    alone = _agents(
        run_cli("check", "--no-cache", "--output-format", "json", ".", cwd=tmp_path / "two")
    )
    assert _statuses(alone["bot"]) == _statuses(found["two/bot"])


def test_a_glob_over_a_separate_project_checks_it_with_its_own_config(tmp_path: Path) -> None:
    root = write_files(tmp_path / "repo", MONOREPO)
    result = run_cli("check", "--no-cache", "--output-format", "json", "agents/*", cwd=root)
    found = _agents(result)
    assert sorted(found) == ["agents/planner", "agents/writer"], result.stdout
    assert _statuses(found["agents/planner"])["monitoring"] == "n/a"
    assert _statuses(found["agents/planner"])["escalation"] == "fail"  # not the root's files
    assert _statuses(found["agents/writer"])["escalation"] == "pass"


def test_a_baseline_of_two_projects_matches_from_inside_either(tmp_path: Path) -> None:
    write_files(tmp_path / "one", MONOREPO)
    write_files(tmp_path / "two", {".git/HEAD": "ref: x\n", "bot/SOUL.md": WRITER_SOUL})
    baseline = tmp_path / "baseline.json"
    written = run_cli("check", "--write-baseline", str(baseline), "one", "two", cwd=tmp_path)
    assert written.returncode == 0, written.stderr
    for args, cwd in (
        (("one", "two"), tmp_path),
        ((".",), tmp_path / "two"),
        (("writer",), tmp_path / "one/agents"),
    ):
        result = run_cli("check", "--no-cache", "--baseline", str(baseline), *args, cwd=cwd)
        assert result.returncode == 0, (args, result.stdout)
        assert "no longer occurs" not in result.stdout


def test_show_files_from_a_subdirectory_prints_paths_from_it(tmp_path: Path) -> None:
    root = write_files(tmp_path / "repo", MONOREPO)
    result = run_cli("check", "--show-files", "writer", cwd=root / "agents")
    assert result.returncode == 0, result.stderr
    rows = {tuple(line.split()) for line in result.stdout.splitlines()}
    assert rows == {
        ("writer", "instruction*", "writer/SOUL.md"),
        ("writer", "instruction*", "../AGENTS.md"),  # shared files above the current directory
        ("writer", "config*", "../budget.yaml"),
    }
