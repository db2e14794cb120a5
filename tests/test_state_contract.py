"""The state-file contract: `check`, `boot` and `init` agree on where the three state files
are and whether they are there, for every way a manifest can name them.

`check` is static: a manifest that declares the files counts as the agent writing them, so
only `boot` (at run time) reports them missing."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from readycheck.commands import preflight as boot
from readycheck.commands.scaffold import applying, planning
from readycheck.config import Settings
from readycheck.engine import check
from readycheck.model import ItemResult

NOW = datetime(2026, 11, 29, 0, 10, tzinfo=timezone.utc)
KINDS = ("task", "context", "outbox")

# Manifest `state:` blocks, by key style: (key per kind, path per kind). None: no block.
STYLES: dict[str, tuple[tuple[str, str, str] | None, tuple[str, str, str]]] = {
    "short keys": (
        ("task", "context", "outbox"),
        ("run/task.json", "run/context.json", "run/outbox.json"),
    ),
    "current_task and context_snapshot": (
        ("current_task", "context_snapshot", "outbox"),
        ("run/now.json", "run/ctx.json", "run/questions.json"),
    ),
    "_file keys": (
        ("task_file", "context_file", "outbox_file"),
        ("run/task.json", "run/context.json", "run/outbox.json"),
    ),
    "_path keys and a snapshot": (
        ("task_path", "snapshot_path", "outbox_path"),
        ("data/a/task.json", "data/b/snap.json", "data/c/outbox.json"),
    ),
    "default names in a declared directory": (
        ("task_file", "context_file", "outbox_file"),
        ("run/current-task.json", "run/context-snapshot.json", "run/outbox.json"),
    ),
    "nested paths": (
        ("current_task", "snapshot", "outbox_file"),
        ("var/agent/state/t.json", "var/agent/state/c.json", "var/agent/out/o.json"),
    ),
    "defaults in the agent directory": (
        None,
        ("current-task.json", "context-snapshot.json", "outbox.json"),
    ),
    "defaults in state/": (
        None,
        ("state/current-task.json", "state/context-snapshot.json", "state/outbox.json"),
    ),
}


def make_agent(root: Path, style: str, *, files: bool) -> tuple[str, str, str]:
    keys, paths = STYLES[style]
    (root / "SOUL.md").write_text("# Ledger\n\nYou reconcile invoices.\n", encoding="utf-8")
    if keys is not None:
        block = "".join(f"  {key}: {path}\n" for key, path in zip(keys, paths, strict=True))
        (root / "readycheck.yaml").write_text(f"state:\n{block}", encoding="utf-8")
    if files:
        stamp = (NOW - timedelta(minutes=5)).isoformat()
        contents = ({"updated_at": stamp}, {"updated_at": stamp}, {"items": []})
        for path, data in zip(paths, contents, strict=True):
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(json.dumps(data), encoding="utf-8")
    return paths


def state_item(root: Path) -> ItemResult:
    report = check(root, Settings())
    (agent,) = report.agents
    return next(i for i in agent.items if i.item == "state")


@pytest.mark.parametrize("style", STYLES)
def test_present_files_pass_everywhere(tmp_path: Path, style: str) -> None:
    paths = make_agent(tmp_path, style, files=True)
    assert state_item(tmp_path).status == "pass"
    result = boot.preflight(tmp_path, now=NOW, tz=timezone.utc)
    assert [(c.name, c.status, c.path) for c in result.checks] == [
        (kind, "ok", path) for kind, path in zip(KINDS, paths, strict=True)
    ]
    # init finds nothing to scaffold for the state.
    assert planning.plan(tmp_path, ["state"], now=NOW).empty


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("broken", range(3))
def test_check_and_boot_read_the_same_files(tmp_path: Path, style: str, broken: int) -> None:
    paths = make_agent(tmp_path, style, files=True)
    (tmp_path / paths[broken]).write_text("{", encoding="utf-8")
    state = state_item(tmp_path)
    assert [(f.rule, f.location.path) for f in state.findings] == [("RC305", paths[broken])]
    result = boot.preflight(tmp_path, now=NOW, tz=timezone.utc)
    assert [(c.status, c.path) for c in result.checks if c.status != "ok"] == [
        ("invalid", paths[broken])
    ]


@pytest.mark.parametrize("style", STYLES)
def test_missing_files(tmp_path: Path, style: str) -> None:
    paths = make_agent(tmp_path, style, files=False)
    declared = STYLES[style][0] is not None
    # A manifest naming the files is the agent writing them (check is static)...
    assert state_item(tmp_path).status == ("pass" if declared else "fail")
    # ...and boot, at run time, finds none of them, where the manifest says.
    result = boot.preflight(tmp_path, now=NOW, tz=timezone.utc)
    assert [(c.name, c.status) for c in result.checks] == [(k, "missing") for k in KINDS]
    plan = planning.plan(tmp_path, ["state"], now=NOW)
    if declared:
        assert [c.path for c in result.checks] == list(paths)
        assert plan.empty  # the state passes: init leaves it alone
        return
    # init writes the stubs and declares them, and boot and check then find them.
    stubs = [c.path for c in plan.changes if c.what.endswith("state stub")]
    applying.apply(plan)
    assert state_item(tmp_path).status == "pass"
    after = boot.preflight(tmp_path, now=NOW, tz=timezone.utc)
    assert [(c.name, c.status, c.path) for c in after.checks] == [
        (kind, "ok", path) for kind, path in zip(KINDS, stubs, strict=True)
    ]
