"""`check --show-files` and `explain`, through the command line: which files an agent
reads in which role, and which facts each item credits, with file:line and the text."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import run_cli

ITEMS = ["escalation", "boot", "state", "budget", "output", "dlq", "monitoring"]
RULE = (
    "When you are uncertain about the scope, stop and do not guess: "
    "write the question to outbox.md and wait for a human."
)
HOOK = "https://hooks.slack.com/services/T000/B000/XXXXSECRET123"
FILES = {
    "repo/SOUL.md": f"# Soul\n\n{RULE}\n\nFor limits, follow docs/x.md.\n\n"
    f"When you are blocked, stop and post the blocker to {HOOK} for a human.\n",
    # An alert rule in documentation: listed, never credited.
    "repo/README.md": "# Demo\n\nWhen a task fails, post an alert to the #ops Slack channel.\n",
    "repo/docs/x.md": "# Limits\n\nStop after 30 steps per session and hand off to a human "
    "when the limit is reached.\n",
}


@pytest.fixture
def workdir(make_repo: Callable[[dict[str, str | bytes]], Path]) -> Path:
    """The directory holding `repo/`, the scanned tree."""
    return make_repo(dict(FILES))


def test_show_files_lists_each_file_with_its_role(workdir: Path) -> None:
    result = run_cli("check", "--show-files", "repo", cwd=workdir)
    assert result.returncode == 0, result.stderr
    rows = [line.split() for line in result.stdout.splitlines()]
    # Paths from the current directory, as `check` prints them.
    assert rows == [
        ["repo", "documentation", "repo/README.md"],
        ["repo", "instruction*", "repo/SOUL.md"],
        ["repo", "referenced*", "repo/docs/x.md"],
    ]


def test_explain_credits_each_part_and_lists_what_is_left_out(workdir: Path) -> None:
    result = run_cli("explain", ".", "--path", "repo", cwd=workdir)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "agent ."
    assert [line.split()[0] for line in lines if not line.startswith(" ")][1:8] == ITEMS
    assert "escalation  pass" in lines
    for part, matched in (("trigger", "uncertain"), ("stop", "stop"), ("channel", "write")):
        assert any(
            line.split()[:2] == [part, "SOUL.md:3"]
            and f'"{RULE}"' in line
            and f"[{matched}" in line
            for line in lines
        ), part
    budget = next(line for line in lines if line.strip().startswith("limit (steps)"))
    assert budget.split()[2] == "docs/x.md:3" and "[30 steps]" in budget
    # The README's alert rule is documentation: monitoring fails and nothing cites README.md.
    assert "monitoring  fail" in lines
    assert not any("README.md:" in line for line in lines)
    read = lines.index("files read:")
    left_out = lines.index("files not counted:")
    assert [line.split() for line in lines[read + 1 : left_out]] == [
        ["instruction", "SOUL.md"],
        ["referenced", "docs/x.md"],
    ]
    assert [line.split() for line in lines[left_out + 1 :]] == [["documentation", "README.md"]]


def test_explain_masks_secrets_in_quoted_text(workdir: Path) -> None:
    result = run_cli("explain", ".", "escalation", "--path", "repo", cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert "SECRET" not in result.stdout
    assert "SOUL.md:7" in result.stdout and "hooks.slack.com/services/****" in result.stdout


def test_explain_one_item_and_an_agent_relative_to_the_current_directory(workdir: Path) -> None:
    result = run_cli("explain", "repo/", "Budget", "--path", "repo", cwd=workdir)
    assert result.returncode == 0, result.stderr
    heads = [line for line in result.stdout.splitlines() if not line.startswith(" ")]
    assert heads == ["agent .", "budget  partial", "files read:", "files not counted:"]


def test_explain_json_shape(workdir: Path) -> None:
    result = run_cli("explain", ".", "--path", "repo", "--output-format", "json", cwd=workdir)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"agent", "items", "files"} and data["agent"] == "."
    assert [entry["item"] for entry in data["items"]] == ITEMS
    for entry in data["items"]:
        assert set(entry) == {"item", "status", "reason", "credits", "findings"}
        assert entry["status"] in ("pass", "partial", "fail", "n/a")
        for credit in entry["credits"]:
            assert set(credit) == {"part", "dimension", "path", "line", "text", "matched"}
            assert isinstance(credit["line"], int) and credit["line"] >= 1
        for finding in entry["findings"]:
            assert set(finding) == {"rule", "message", "path", "line"}
    escalation = data["items"][0]
    assert escalation["status"] == "pass"
    assert {(c["part"], c["path"], c["line"]) for c in escalation["credits"]} >= {
        ("trigger", "SOUL.md", 3),
        ("stop", "SOUL.md", 3),
        ("channel", "SOUL.md", 3),
    }
    limit = next(c for c in data["items"][3]["credits"] if c["part"] == "limit")
    assert (limit["dimension"], limit["path"], limit["matched"]) == (
        "steps",
        "docs/x.md",
        "30 steps",
    )
    assert data["files"] == [
        {"path": "README.md", "role": "documentation", "counted": False},
        {"path": "SOUL.md", "role": "instruction", "counted": True},
        {"path": "docs/x.md", "role": "referenced", "counted": True},
    ]
    assert "SECRET" not in result.stdout


@pytest.mark.parametrize("args", [["nowhere"], ["docs", "--path", "repo"]])
def test_an_unknown_agent_is_a_usage_error(workdir: Path, args: list[str]) -> None:
    result = run_cli("explain", *args, cwd=workdir)
    assert result.returncode == 2
    assert "no agent" in result.stderr and "agents found" in result.stderr
    assert "Traceback" not in result.stderr and not result.stdout


def test_an_unknown_item_is_a_usage_error(workdir: Path) -> None:
    result = run_cli("explain", ".", "speed", "--path", "repo", cwd=workdir)
    assert result.returncode == 2 and "speed" in result.stderr
