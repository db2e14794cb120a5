"""The minor defects of issue 13's audit (item 12), each through the command line where a
user meets it."""

from __future__ import annotations

import json
import os
from pathlib import Path

from readycheck.bounds import ReadLimits
from readycheck.model import Document
from readycheck.parsers.python import parse_python
from tests.conftest import run_cli, write_files
from tests.test_boot import fresh


def test_items_given_empty_is_a_usage_error(tmp_path: Path) -> None:
    write_files(tmp_path, {"SOUL.md": "# Soul\n\nYou are a bot.\n"})
    for empty in ("", " , "):
        result = run_cli("init", "--items", empty, "--dry-run", str(tmp_path))
        assert result.returncode == 2, result.stdout
        assert "no item given" in result.stderr and "Traceback" not in result.stderr


def test_max_age_must_be_all_duration(tmp_path: Path) -> None:
    """ "1e309h" was read as 309 hours: the prose reader found "309h" inside it."""
    for text in ("1e309h", "4h soon", "x4h"):
        result = run_cli("boot", str(fresh(tmp_path)), "--max-age", text)
        assert result.returncode == 2, (text, result.stdout)
        assert "is not a duration" in result.stderr
    ok = run_cli("boot", str(fresh(tmp_path)), "--max-age", "1h 30m", "--json")
    assert json.loads(ok.stdout)["checks"]["task"]["max_age_seconds"] == 5400


def test_python_nested_too_deeply_says_so() -> None:
    for source in ("x = " + "not " * 100_000 + "1\n", "x = " + "~" * 3000 + "1\n"):
        doc = Document("a.py", "python", source)
        parse_python(doc, ReadLimits())
        assert [(p.rule, p.message) for p in doc.problems] == [
            ("RC001", "invalid Python: nested too deeply to parse")
        ]


def test_a_baseline_that_accepts_everything_does_not_claim_all_passed(tmp_path: Path) -> None:
    agent = write_files(tmp_path / "repo", {"SOUL.md": "# Soul\n\nYou are a bot. Do tasks.\n"})
    baseline = tmp_path / "baseline.json"
    assert run_cli("check", "--write-baseline", str(baseline), str(agent)).returncode == 0
    result = run_cli("check", "--baseline", str(baseline), str(agent))
    assert result.returncode == 0, result.stdout
    assert "✗ budget" in result.stdout
    assert "All checks passed!" not in result.stdout
    assert "are accepted as risk" in result.stdout


def test_init_keeps_classic_mac_line_ends(tmp_path: Path) -> None:
    write_files(tmp_path, {"SOUL.md": b"# Soul\r\rYou are a bot. Do tasks.\r"})
    before = (tmp_path / "SOUL.md").read_bytes()
    result = run_cli("init", str(tmp_path))
    assert result.returncode in (0, 1), result.stderr
    after = (tmp_path / "SOUL.md").read_bytes()
    assert after != before and after.startswith(before.rstrip(b"\r"))
    assert b"\n" not in after


def _killed_while_renaming(*args: str) -> None:
    """Run readycheck in a process that is SIGKILLed where it renames a finished temporary
    file over its target: what a kill -9 (an OOM killer, a CI timeout) leaves behind."""
    import subprocess
    import sys

    code = (
        "import os, signal, sys\n"
        "def killed(*args, **kwargs):\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "os.link = os.replace = killed\n"
        "from readycheck.cli import cli\n"
        "cli(sys.argv[1:])\n"
    )
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, timeout=120)
    assert result.returncode == -9, result.stderr


def test_a_later_run_deletes_what_a_killed_init_left(tmp_path: Path) -> None:
    agent = write_files(tmp_path / "scout", {"SOUL.md": "# Soul\n\nYou are a bot.\n"})
    _killed_while_renaming("init", str(agent))
    left = sorted(p.name for p in agent.rglob(".*.tmp"))
    assert left  # the killed run's temporary file, fsynced and never renamed
    # Files readycheck did not make, however alike their names: kept.
    others = {
        ".notes.tmp": "mine\n",
        ".SOUL.md.abcd1234.tmp": "another tool's\n",
        f".SOUL.md.readycheck-{os.getpid()}-abcd1234.tmp": "a run still under way\n",
    }
    write_files(agent, dict(others))
    link = agent / ".x.readycheck-1-abcd1234.tmp"
    link.symlink_to(agent / "SOUL.md")
    result = run_cli("init", str(agent))
    assert result.returncode == 1, result.stderr  # placeholders are left for a human
    assert not [name for name in left if (agent / name).exists()]
    assert {name: (agent / name).read_text() for name in others} == others
    assert link.is_symlink()


def test_a_later_run_deletes_what_a_killed_output_write_left(tmp_path: Path) -> None:
    repo = write_files(tmp_path / "repo", {"SOUL.md": "# Soul\n\nYou are a bot.\n"})
    report = tmp_path / "out" / "report.json"
    _killed_while_renaming("check", "--no-cache", "-o", str(report), str(repo))
    assert list(report.parent.glob(".*.tmp"))
    run_cli("check", "--no-cache", "-o", str(report), str(repo))
    assert [p.name for p in report.parent.iterdir()] == ["report.json"]
