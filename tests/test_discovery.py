"""Finding agents and the files each one reads."""

from __future__ import annotations

from pathlib import Path

from readycheck.config import Settings
from readycheck.discover import discover
from readycheck.engine import check

SOUL = "# SOUL\n\nYou are an agent.\n"


def agents(root: Path, settings: Settings | None = None) -> dict[str, list[str]]:
    scan = discover(root, settings or Settings())
    return {a.root: a.files for a in scan.agents}


def test_markers_by_exact_name(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo(
        {
            "a/SOUL.md": SOUL,
            "b/HEARTBEAT.md": "# beat\n",
            "c/BOOT.md": "# boot\n",
            "d/openclaw.json": "{}",
            "e/readycheck.yaml": "budget:\n  max_steps: 5\n",
            "f/agent.yaml": "pipeline: jenkins\n",  # no checklist block: not a manifest
            "g/crew/config/agents.yaml": "researcher:\n  role: r\n",
            "h/crew.jsonc": "{}",
            "i/langgraph.json": "{}",
            "j/SOUL.md.j2": SOUL,  # a template is no marker
            "k/AGENTS.md": "# coding assistant\n",
            "k/CLAUDE.md": "# coding assistant\n",
            "l/.claude/agents/reviewer.md": "# sub-agent\n",
        }
    )
    assert sorted(agents(root)) == ["a", "b", "c", "d", "e", "g/crew", "h", "i"]


def test_ancestor_files_apply_and_siblings_do_not(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo(
        {
            "budget.yaml": "max_steps: 5\n",
            "agents/AGENTS.md": "shared\n",
            "agents/alpha/SOUL.md": SOUL,
            "agents/alpha/notes/extra.md": "alpha only\n",
            "agents/beta/SOUL.md": SOUL,
            "docs/guide.md": "not an ancestor\n",
        }
    )
    found = agents(root)
    assert found["agents/alpha"] == [
        "agents/AGENTS.md",
        "agents/alpha/SOUL.md",
        "agents/alpha/notes/extra.md",
        "budget.yaml",
    ]
    assert "agents/alpha/notes/extra.md" not in found["agents/beta"]
    assert "docs/guide.md" not in found["agents/beta"]


def test_nested_agent_subtree_is_its_own(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"SOUL.md": SOUL, "sub/SOUL.md": SOUL, "sub/budget.yaml": "max_steps: 5\n"})
    found = agents(root)
    assert "sub/budget.yaml" not in found["."]
    assert found["sub"] == ["SOUL.md", "sub/SOUL.md", "sub/budget.yaml"]


def test_gitignore_and_excludes(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo(
        {
            ".gitignore": "build/\n*.log.md\n",
            "SOUL.md": SOUL,
            "build/SOUL.md": SOUL,
            "run.log.md": "x\n",
            "node_modules/pkg/SOUL.md": SOUL,
            "vendor/x.md": "x\n",
        }
    )
    found = agents(root, Settings(extend_exclude=("vendor",)))
    assert list(found) == ["."]
    assert found["."] == ["SOUL.md"]
    assert "build" in agents(root, Settings(respect_gitignore=False))


def test_declared_agents_and_extra_markers(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo(
        {
            "apps/sdk/main.py": "from agents import Agent, Runner\n",
            "apps/other/PERSONA.md": "# persona\n",
        }
    )
    assert agents(root) == {}
    found = agents(root, Settings(agents=("apps/sdk",), extra_markers=("PERSONA.md",)))
    assert sorted(found) == ["apps/other", "apps/sdk"]


def test_framework_code_without_marker_is_named_not_scored(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"apps/sdk/main.py": "from agents import Agent, Runner\n"})
    report = check(root, Settings())
    assert report.agents == []
    assert [f.rule for f in report.findings] == ["RC006"]
    assert any("apps/sdk" in note for note in report.notes)


def test_no_agent_found_note(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"AGENTS.md": "# coding assistant\n", "CLAUDE.md": "# rules\n"})
    report = check(root, Settings())
    assert report.agents == [] and report.notes[0].startswith("no agent found")
