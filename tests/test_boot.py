"""`readycheck boot`: the runtime preflight. Pure checks with an injected `now`, then the
real command line on fresh, stale, missing, malformed and unresolved state, across a time
zone boundary, with each exit code."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from readycheck.checklist.state.contract import is_iso8601
from readycheck.commands import preflight as boot
from readycheck.config import Settings
from readycheck.engine import check
from tests.conftest import run_cli

NOW = datetime(2026, 11, 29, 0, 10, tzinfo=timezone.utc)
NOW_TEXT = "2026-11-29T00:10:00Z"


def write_state(
    root: Path,
    *,
    task: object = None,
    context: object = None,
    outbox: object = None,
    subdir: str = "",
) -> Path:
    """State files as JSON (a `str` is written verbatim); None leaves a file out."""
    base = root / subdir if subdir else root
    base.mkdir(parents=True, exist_ok=True)
    for name, value in (
        ("current-task.json", task),
        ("context-snapshot.json", context),
        ("outbox.json", outbox),
    ):
        if value is not None:
            text = value if isinstance(value, str) else json.dumps(value)
            (base / name).write_text(text, encoding="utf-8")
    return root


def fresh(root: Path, *, now: datetime = NOW, outbox: object = None, subdir: str = "") -> Path:
    stamp = (now - timedelta(minutes=5)).isoformat()
    return write_state(
        root,
        task={"task": "INV-1", "updated_at": stamp},
        context={"summary": "", "updated_at": stamp},
        outbox=outbox if outbox is not None else {"items": []},
        subdir=subdir,
    )


def boot_cli(root: Path, *args: str) -> tuple[int, str, str]:
    result = run_cli("boot", str(root), "--now", NOW_TEXT, *args)
    assert "Traceback" not in result.stderr
    return result.returncode, result.stdout, result.stderr


# --- Values ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "naive"),
    [
        ("2026-11-28T23:30:00Z", datetime(2026, 11, 28, 23, 30, tzinfo=timezone.utc), False),
        ("2026-11-28T23:30:00+02:00", datetime(2026, 11, 28, 21, 30, tzinfo=timezone.utc), False),
        ("2026-11-28T23:30:00+0200", datetime(2026, 11, 28, 21, 30, tzinfo=timezone.utc), False),
        ("2026-11-28 23:30", datetime(2026, 11, 28, 23, 30, tzinfo=timezone.utc), True),
        (
            "2026-11-28T23:30:00.1234567Z",
            datetime(2026, 11, 28, 23, 30, 0, 123456, timezone.utc),
            False,
        ),
        ("2026-11-28", datetime(2026, 11, 28, tzinfo=timezone.utc), True),
    ],
)
def test_parse_timestamp(text: str, expected: datetime, naive: bool) -> None:
    stamp = boot.parse_timestamp(text)
    assert stamp.moment == expected
    assert stamp.moment.tzinfo is not None
    assert stamp.naive is naive


@pytest.mark.parametrize(
    "value",
    ["yesterday", "2026-13-01T00:00:00Z", "2026-11-31", "28/11/2026", "", 1732838400, None],
)
def test_parse_timestamp_rejects(value: object) -> None:
    with pytest.raises(ValueError):
        boot.parse_timestamp(value)


@pytest.mark.parametrize(
    "value",
    [
        "2026-11-28T23:30:00Z",
        "2026-11-28T23:30Z",
        "2026-11-28T23:30:00.5+01:00",
        "2026-11-28 23:30:00",
        "2026-11-28",
        "2026-11-28T25:00:00Z",
        "2026-02-30",
        "tomorrow",
        "2026-11-28T23:30:00 UTC",
    ],
)
def test_boot_accepts_what_check_accepts(value: str) -> None:
    """`readycheck check` and `readycheck boot` agree on a valid timestamp (the state contract)."""
    try:
        boot.parse_timestamp(value)
        accepted = True
    except ValueError:
        accepted = False
    assert accepted is is_iso8601(value)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("4h", 14400), ("90m", 5400), ("PT4H", 14400), ("14400", 14400), ("1h30m", 5400)],
)
def test_parse_max_age(text: str, seconds: float) -> None:
    assert boot.parse_max_age(text) == seconds


@pytest.mark.parametrize("text", ["soon", "0", "-1h", "unlimited", "", "0s"])
def test_parse_max_age_rejects(text: str) -> None:
    with pytest.raises(boot.UsageError):
        boot.parse_max_age(text)


def test_parse_tz() -> None:
    assert boot.parse_tz(None) is None  # local time
    assert boot.parse_tz("UTC") == timezone.utc
    assert boot.parse_tz("Europe/Berlin") == ZoneInfo("Europe/Berlin")
    for bad in ("Mars/Olympus_Mons", "../etc/passwd"):
        with pytest.raises(boot.UsageError):
            boot.parse_tz(bad)


# --- Checks ------------------------------------------------------------------------------


def test_task_fresh_stale_and_at_the_bound() -> None:
    def task(minutes: float) -> boot.Check:
        stamp = (NOW - timedelta(minutes=minutes)).isoformat()
        return boot.check_task({"updated_at": stamp}, NOW, 4 * 3600)

    assert task(5).status == "ok"
    assert task(240).status == "ok"  # exactly the bound is still fresh
    stale = task(241)
    assert stale.status == "stale"
    assert "4h 1m ago, over the 4h limit" in stale.detail


def test_task_timestamp_problems_are_invalid() -> None:
    for data in ({}, {"updated_at": "last night"}, [], "x", None):
        assert boot.check_task(data, NOW, 3600).status == "invalid"
    future = boot.check_task({"updated_at": "2026-11-29T06:00:00Z"}, NOW, 3600)
    assert future.status == "invalid" and "future" in future.detail
    skew = boot.check_task({"updated_at": "2026-11-29T00:12:00Z"}, NOW, 3600)
    assert skew.status == "ok"  # a clock two minutes ahead is skew


def test_task_timestamp_key_alternatives_and_naive_note() -> None:
    result = boot.check_task({"timestamp": "2026-11-29T00:00:00"}, NOW, 3600)
    assert result.status == "ok"
    assert "read as UTC" in result.detail


def test_context_across_a_timezone_boundary() -> None:
    """23:30 UTC on the 28th: yesterday in UTC at 00:10 on the 29th, today in New York."""
    snapshot = {"updated_at": "2026-11-28T23:30:00Z"}
    in_utc = boot.check_context(snapshot, NOW, timezone.utc)
    assert in_utc.status == "stale"
    assert "from 2026-11-28, not today (2026-11-29, UTC)" in in_utc.detail
    in_new_york = boot.check_context(snapshot, NOW, ZoneInfo("America/New_York"))
    assert in_new_york.status == "ok"
    assert "2026-11-28" in in_new_york.detail  # today there is still the 28th
    # The other way round: 22:30 UTC is already tomorrow in Tokyo, 'today' at 00:10 UTC.
    evening = {"updated_at": "2026-11-28T22:30:00+00:00"}
    assert boot.check_context(evening, NOW, ZoneInfo("Asia/Tokyo")).status == "ok"
    assert boot.check_context(evening, NOW, ZoneInfo("Europe/Berlin")).status == "stale"


def test_context_naive_timestamps_are_utc_and_say_so() -> None:
    result = boot.check_context({"updated_at": "2026-11-28T23:30:00"}, NOW, ZoneInfo("Asia/Tokyo"))
    assert result.status == "ok"  # 23:30 UTC is 08:30 on the 29th in Tokyo
    assert "no time zone in the timestamp: read as UTC" in result.detail


def test_context_date_only_is_compared_as_a_date() -> None:
    tz = ZoneInfo("America/New_York")  # still the 28th there
    assert boot.check_context({"updated_at": "2026-11-28"}, NOW, tz).status == "ok"
    assert boot.check_context({"updated_at": "2026-11-28"}, NOW, timezone.utc).status == "stale"


def test_context_local_time_by_default() -> None:
    now = datetime.now(timezone.utc)
    assert boot.check_context({"updated_at": now.isoformat()}, now, None).status == "ok"
    old = {"updated_at": (now - timedelta(days=2)).isoformat()}
    assert boot.check_context(old, now, None).status == "stale"


@pytest.mark.parametrize(
    ("data", "status", "unresolved"),
    [
        ([], "ok", 0),
        ({"items": []}, "ok", 0),
        ({"items": [{"id": "q1", "resolved": True}, {"id": "q2", "status": "Done"}]}, "ok", 0),
        ([{"id": "q1", "status": "answered"}, {"id": "q2", "status": "closed"}], "ok", 0),
        ([{"id": "q1", "status": "resolved"}, {"id": "q2", "status": "open"}], "unresolved", 1),
        ({"pending": [{"question": "Which PO?"}]}, "unresolved", 1),
        (["please call the supplier"], "unresolved", 1),
        ([{"id": "q1", "resolved": False}], "unresolved", 1),
        ({"owner": "dana"}, "invalid", None),
        ("outbox", "invalid", None),
        (None, "invalid", None),
    ],
)
def test_outbox(data: object, status: str, unresolved: int | None) -> None:
    result = boot.check_outbox(data)
    assert result.status == status
    if unresolved is not None:
        assert result.facts["unresolved"] == unresolved


def test_outbox_names_unresolved_items() -> None:
    items = [{"id": f"q{i}", "status": "open"} for i in range(5)]
    result = boot.check_outbox({"items": items})
    assert result.detail == "5 unresolved items: q0, q1, q2 and 2 more"


# --- The agent's files -------------------------------------------------------------------


def test_preflight_fresh_in_state_subdir(tmp_path: Path) -> None:
    fresh(tmp_path, subdir="state")
    result = boot.preflight(tmp_path, now=NOW, tz=timezone.utc)
    assert result.exit_code == 0 and result.verdict == "proceed"
    assert [c.path for c in result.checks] == [
        "state/current-task.json",
        "state/context-snapshot.json",
        "state/outbox.json",
    ]


def test_preflight_reads_manifest_names_and_max_age(tmp_path: Path) -> None:
    (tmp_path / "readycheck.yaml").write_text(
        "# names are declared here\n"
        "state:\n  current_task: run/task.json\n  context_snapshot: run/ctx.json\n"
        "  outbox: run/questions.json\n"
        "boot: {max_age: 5m, check_outbox: true}\n",
        encoding="utf-8",
    )
    (tmp_path / "run").mkdir()
    stamp = (NOW - timedelta(minutes=8)).isoformat()
    (tmp_path / "run/task.json").write_text(json.dumps({"updated_at": stamp}))
    (tmp_path / "run/ctx.json").write_text(json.dumps({"updated_at": stamp}))
    (tmp_path / "run/questions.json").write_text("[]")
    result = boot.preflight(tmp_path, now=NOW, tz=timezone.utc)
    assert result.max_age == 300 and result.max_age_source == "readycheck.yaml boot.max_age"
    assert [c.status for c in result.checks] == ["stale", "ok", "ok"]
    assert result.exit_code == 1
    # --max-age wins over the manifest.
    assert boot.preflight(tmp_path, now=NOW, max_age=3600, tz=timezone.utc).exit_code == 0


def test_preflight_invalid_manifest_is_exit_two(tmp_path: Path) -> None:
    fresh(tmp_path)
    (tmp_path / "readycheck.yaml").write_text("boot: {max_age: soon}\n", encoding="utf-8")
    result = boot.preflight(tmp_path, now=NOW, tz=timezone.utc)
    assert result.exit_code == 2 and "soon" in result.problems[0]
    (tmp_path / "readycheck.yaml").write_text("state: [unclosed\n", encoding="utf-8")
    assert boot.preflight(tmp_path, now=NOW, tz=timezone.utc).exit_code == 2


def test_preflight_ignores_another_tools_agent_yaml(tmp_path: Path) -> None:
    fresh(tmp_path)
    (tmp_path / "agent.yaml").write_text("model: gpt-4o\ntools: [search]\n", encoding="utf-8")
    assert boot.preflight(tmp_path, now=NOW, tz=timezone.utc).exit_code == 0


# --- The command line --------------------------------------------------------------------


def test_cli_fresh_state_proceeds(tmp_path: Path) -> None:
    code, out, _ = boot_cli(fresh(tmp_path), "--tz", "UTC")
    assert code == 0
    assert out.startswith("readycheck boot: proceed")
    assert "✓ task     ok" in out and "updated 5m ago (limit 4h)" in out


def test_cli_real_clock_and_local_zone(tmp_path: Path) -> None:
    """No --now, no --tz: files written a moment ago are fresh and from today."""
    fresh(tmp_path, now=datetime.now(timezone.utc) + timedelta(minutes=5))
    result = run_cli("boot", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_cli_stale_task_stops(tmp_path: Path) -> None:
    write_state(
        tmp_path,
        task={"updated_at": "2026-11-28T19:00:00Z"},
        context={"updated_at": "2026-11-29T00:00:00Z"},
        outbox=[],
    )
    code, out, _ = boot_cli(tmp_path, "--tz", "UTC")
    assert code == 1
    assert "STOP" in out and "✗ task     stale" in out and "5h 10m ago, over the 4h limit" in out
    assert boot_cli(tmp_path, "--tz", "UTC", "--max-age", "6h")[0] == 0
    assert boot_cli(tmp_path, "--tz", "UTC", "--max-age", "PT5H")[0] == 1


def test_cli_missing_state_stops(tmp_path: Path) -> None:
    write_state(tmp_path, task={"updated_at": NOW_TEXT})
    code, out, _ = boot_cli(tmp_path, "--tz", "UTC")
    assert code == 1
    assert "✗ context  missing" in out and "✗ outbox   missing" in out


def test_cli_unresolved_outbox_stops(tmp_path: Path) -> None:
    outbox = {"items": [{"id": "q-17", "question": "Which PO?", "status": "open"}]}
    code, out, _ = boot_cli(fresh(tmp_path, outbox=outbox), "--tz", "UTC")
    assert code == 1
    assert "✗ outbox   unresolved  outbox.json: 1 unresolved item: q-17" in out


@pytest.mark.parametrize(
    ("task", "message"),
    [
        ('{"updated_at": "2026-11-29T00:00:00Z",}', "not valid JSON"),
        ('{"task": "INV-1"}', "has no `updated_at` or `timestamp`"),
        ('{"updated_at": "an hour ago"}', "is not an ISO-8601 timestamp"),
        ("", "is not a JSON object"),
    ],
)
def test_cli_malformed_state_is_exit_two(tmp_path: Path, task: str, message: str) -> None:
    fresh(tmp_path)
    (tmp_path / "current-task.json").write_text(task, encoding="utf-8")
    code, out, _ = boot_cli(tmp_path, "--tz", "UTC")
    assert code == 2
    assert "INVALID" in out and message in out


def test_cli_outbox_of_the_wrong_shape_is_exit_two(tmp_path: Path) -> None:
    code, out, _ = boot_cli(fresh(tmp_path, outbox={"owner": "dana"}), "--tz", "UTC")
    assert code == 2 and "neither a list nor an object with a list" in out


def test_cli_timezone_boundary(tmp_path: Path) -> None:
    """A snapshot from 23:30 UTC is yesterday in UTC at 00:10, today in New York."""
    write_state(
        tmp_path,
        task={"updated_at": "2026-11-29T00:00:00Z"},
        context={"updated_at": "2026-11-28T23:30:00Z"},
        outbox=[],
    )
    code, out, _ = boot_cli(tmp_path, "--tz", "UTC")
    assert code == 1 and "✗ context  stale" in out
    code, out, _ = boot_cli(tmp_path, "--tz", "America/New_York")
    assert code == 0 and "from today (2026-11-28, America/New_York)" in out


def test_cli_json(tmp_path: Path) -> None:
    write_state(
        tmp_path,
        task={"updated_at": "2026-11-28T12:00:00Z"},
        context={"updated_at": "2026-11-29T00:05:00Z"},
        outbox=[{"id": "q1"}],
    )
    code, out, _ = boot_cli(tmp_path, "--json", "--tz", "Europe/Berlin")
    data = json.loads(out)
    assert code == 1 and data["exit_code"] == 1 and data["verdict"] == "stop"
    assert data["timezone"] == "Europe/Berlin" and data["max_age_seconds"] == 14400
    checks = data["checks"]
    assert {k: v["status"] for k, v in checks.items()} == {
        "task": "stale",
        "context": "ok",
        "outbox": "unresolved",
    }
    assert checks["task"]["age_seconds"] == 12 * 3600 + 600
    assert checks["outbox"]["unresolved"] == 1
    assert all(isinstance(v["detail"], str) and v["detail"] for v in checks.values())


@pytest.mark.parametrize(
    "args",
    [
        ["--max-age", "soon"],
        ["--max-age", "0"],
        ["--tz", "Mars/Olympus_Mons"],
        ["--now", "never"],
        ["--frobnicate"],
    ],
)
def test_cli_usage_errors_exit_two(tmp_path: Path, args: list[str]) -> None:
    result = run_cli("boot", str(fresh(tmp_path)), *args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "Error" in result.stderr


def test_cli_agent_dir_must_exist(tmp_path: Path) -> None:
    result = run_cli("boot", str(tmp_path / "nowhere"))
    assert result.returncode == 2 and "Traceback" not in result.stderr


# --- The boot item -----------------------------------------------------------------------


def test_a_boot_script_that_calls_readycheck_boot_passes_the_boot_item(tmp_path: Path) -> None:
    fresh(tmp_path, subdir="state")
    (tmp_path / "SOUL.md").write_text("# Ledger\n\nRun `scripts/boot.sh` first.\n")
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts/boot.sh").write_text(
        "#!/bin/sh\nset -eu\nreadycheck boot . --max-age 4h || exit 1\nexec python -m ledger\n"
    )
    report = check(tmp_path, Settings())
    boot_item = next(i for i in report.agents[0].items if i.item == "boot")
    assert boot_item.status == "pass", boot_item.findings
