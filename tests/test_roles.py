"""What a file is to an agent (readycheck/roles.py): only what configures or instructs it
counts, as the checklist's "Files read for an agent" says."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from readycheck.config import load_settings
from readycheck.engine import check
from readycheck.roles import COUNTED, pointers, role_of


@pytest.mark.parametrize(
    ("path", "kind", "role"),
    [
        ("SOUL.md", "markdown", "instruction"),
        ("AGENTS.md", "markdown", "instruction"),
        ("HEARTBEAT.md", "markdown", "instruction"),
        ("skills/triage/SKILL.md", "markdown", "instruction"),
        ("skills/triage/references/notes.md", "markdown", "documentation"),
        ("skills/triage/notes.md", "markdown", "other"),
        ("prompts/system.txt", "text", "instruction"),
        ("system-prompt.txt", "text", "instruction"),
        ("agents/ceo.md", "markdown", "instruction"),
        ("policies/escalation.md", "markdown", "instruction"),
        ("MONITORING.md", "markdown", "instruction"),
        ("monitoring-design.md", "markdown", "other"),
        ("PLAN.md", "markdown", "other"),
        ("README.md", "markdown", "documentation"),
        ("CHANGELOG.md", "markdown", "documentation"),
        ("docs/escalation.md", "markdown", "documentation"),
        ("adk-reference-notes/agents/x.txt", "text", "documentation"),
        ("vendor/lib/SOUL.md", "markdown", "documentation"),
        ("tests/test_agent.py", "python", "test"),
        ("eval/cases.json", "json", "test"),
        ("memory/2026-01-02.md", "markdown", "data"),
        ("MEMORY.md", "markdown", "data"),
        ("logs/run.jsonl", "json", "data"),
        ("railway.json", "json", "tool-config"),
        ("docker-compose.yml", "yaml", "tool-config"),
        ("package.json", "json", "tool-config"),
        ("state/current-task.json", "json", "state"),
        ("state/failed-tasks.json", "json", "state"),
        ("schemas/report.schema.json", "json", "schema"),
        ("budget.yaml", "yaml", "config"),
        (".env.example", "dotenv", "config"),
        ("boot.sh", "shell", "script"),
        ("agent.py", "python", "code"),
        (".readycheck-baseline.json", "json", "readycheck-output"),
        # A CLI's shell completions ("--failure-alert-mode[...]") are not the agent's.
        ("completions/openclaw.zsh", "shell", "tool-config"),
        ("scripts/openclaw-completion.bash", "shell", "tool-config"),
        # A script's saved records under state/ are data; the contract's files stay state.
        ("projects/watch/state/latest_release.json", "json", "data"),
        ("state/current-task.json", "json", "state"),
    ],
)
def test_role_of(path: str, kind: str, role: str) -> None:
    assert role_of(path, kind) == role


def test_readycheck_outputs_are_known_by_content() -> None:
    head = '{\n  "version": 1,\n  "tool": {"name": "readycheck"},\n  "agents": []'
    assert role_of("report.json", "json", head) == "readycheck-output"
    assert role_of("report.json", "json", '{"agents": []}') == "config"
    assert "readycheck-output" not in COUNTED and "documentation" not in COUNTED


def test_pointers_are_relative_to_the_file_or_the_root() -> None:
    text = "Follow `docs/escalation.md` and ../common/limits.yaml; see https://x.io/a.md"
    found = pointers(text, "agents/writer")
    assert "agents/writer/docs/escalation.md" in found and "docs/escalation.md" in found
    assert "agents/common/limits.yaml" in found


def test_pointers_may_be_relative_to_a_directory_above() -> None:
    # "Read `shared/STANDARDS.md`" in operator/agents/red/AGENTS.md means operator/shared/...
    found = pointers("Read `shared/STANDARDS.md` first.", "operator/agents/red")
    assert "operator/shared/STANDARDS.md" in found and "shared/STANDARDS.md" in found


def test_a_shared_file_an_instruction_points_to_is_evidence(
    make_repo: Callable[[dict[str, str]], Path],
) -> None:
    rule = "When in doubt, stop and write the question to outbox.json.\n"
    root = make_repo(
        {
            "team/openclaw.json": "{}",
            "team/shared/STANDARDS.md": f"# Standards\n\n{rule}",
            "team/agents/red/SOUL.md": "# Red\n\nRead `shared/STANDARDS.md` first.\n",
            "team/agents/blue/SOUL.md": "# Blue\n\nYou write reports.\n",
            "other/SOUL.md": "# Other\n\nNothing shared here.\n",
            "other/notes/RULES.md": f"# Rules\n\n{rule}",
        }
    )
    report = check(root, load_settings(root))
    status = {a.path: {i.item: i.status for i in a.items} for a in report.agents}
    assert status["team/agents/red"]["escalation"] == "pass"
    assert status["team/agents/blue"]["escalation"] == "fail"  # it names no shared file
    # A pointer never reaches into another agent's own subtree.
    (root / "team/agents/blue/SOUL.md").write_text("# Blue\n\nSee `other/notes/RULES.md`.\n")
    report = check(root, load_settings(root))
    blue = next(a for a in report.agents if a.path == "team/agents/blue")
    assert next(i for i in blue.items if i.item == "escalation").status == "fail"
