"""The whole run has a deadline (issue 13): once it has passed, no further file is read, and
each agent with files left unread gets an RC007 finding that says how many; never a
traceback, and the exit code of a check (0/1)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema

from tests.conftest import EXAMPLES, ROOT, run_cli, write_files
from tests.test_reporters import validate_sarif

TINY = "0.000001"  # a microsecond: gone before the first file is read


def _two_agents(root: Path) -> Path:
    return write_files(
        root,
        {
            "a/SOUL.md": "# Soul\n\nIf unsure, stop and ask.\n",
            "a/readycheck.yaml": "budget: {max_steps: 40}\n",
            "b/SOUL.md": "# Soul\n\nYou are a bot.\n",
        },
    )


def test_a_passed_deadline_leaves_files_unread_and_says_so(tmp_path: Path) -> None:
    repo = _two_agents(tmp_path)
    result = run_cli(
        "check", "--no-cache", "--deadline", TINY, "--output-format", "json", str(repo)
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    data = json.loads(result.stdout)
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(data)
    deadline = {Path(f["agent"]).name: f for f in data["findings"] if f["rule"] == "RC007"}
    assert sorted(deadline) == ["a", "b"]
    assert "2 of its files were not read" in deadline["a"]["message"]
    assert "1 of its files was not read" in deadline["b"]["message"]
    assert deadline["a"]["severity"] == "error"
    assert not any(a["ready"] for a in data["agents"])
    for output_format in ("text", "github", "junit", "markdown"):
        shown = run_cli(
            "check", "--no-cache", "--deadline", TINY, "--output-format", output_format, str(repo)
        )
        assert shown.returncode == 1 and "Traceback" not in shown.stderr
        assert "deadline" in shown.stdout
    validate_sarif(
        run_cli("check", "--deadline", TINY, "--output-format", "sarif", str(repo)).stdout
    )


def test_the_deadline_is_a_config_setting_and_the_command_line_wins(tmp_path: Path) -> None:
    ready = EXAMPLES / "ready-agent"
    repo = tmp_path / "repo"
    for path in ready.rglob("*"):
        if path.is_file():
            write_files(repo, {str(path.relative_to(ready)): path.read_bytes()})
    config = repo / ".readycheck.yaml"
    config.write_text(config.read_text() + f"deadline: {TINY}\n")
    cut_short = run_cli("check", "--no-cache", str(repo))
    assert cut_short.returncode == 1 and "RC007" in cut_short.stdout
    assert run_cli("check", "--no-cache", "--deadline", "10m", str(repo)).returncode == 0


def test_a_run_cut_short_is_not_cached(tmp_path: Path) -> None:
    # A run that passed its deadline (a loaded machine) must not become the answer of the
    # next run on the same files.
    repo = EXAMPLES / "ready-agent"
    env = {**os.environ, "READYCHECK_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("READYCHECK_NO_CACHE", None)
    assert run_cli("check", "--deadline", TINY, str(repo), env=env).returncode == 1
    assert run_cli("check", str(repo), env=env).returncode == 0


def test_a_deadline_must_be_a_finite_duration(tmp_path: Path) -> None:
    repo = _two_agents(tmp_path)
    for value in ("0", "-5", "forever", "soon"):
        result = run_cli("check", "--deadline", value, str(repo))
        assert result.returncode == 2, value
        assert "deadline" in result.stderr and "Traceback" not in result.stderr


def test_worker_processes_stop_at_the_deadline(tmp_path: Path) -> None:
    from readycheck.bounds import DEFAULT_READ_LIMITS
    from readycheck.prefetch import MIN_BYTES, prefetch

    count = 40  # enough text for the pool (see MIN_BYTES)
    padding = "word " * (MIN_BYTES // count // 5 + 1)
    files = {f"n{i}.md": f"# Note {i}\n\n{padding}\n" for i in range(count)}
    write_files(tmp_path, dict(files))
    tasks = [(tmp_path / rel, rel, "markdown", DEFAULT_READ_LIMITS) for rel in files]
    assert prefetch(tasks, 2, 1e-9) == {}  # no worker has answered a nanosecond in
    assert prefetch(tasks, 2, -1.0) == {}  # passed already: no pool at all
    assert len(prefetch(tasks, 2, 120.0)) == count


def test_a_large_run_in_worker_processes_is_cut_short_too(tmp_path: Path) -> None:
    from readycheck.prefetch import MIN_BYTES

    count = 40  # enough text for the pool (see MIN_BYTES)
    padding = "Notes. " * (MIN_BYTES // count // 7 + 1)
    soul = f"# Soul\n\nIf unsure, stop and ask.\n\n{padding}\n"
    files = {f"a{i:03}/SOUL.md": soul for i in range(count)}
    repo = write_files(tmp_path, dict(files))
    result = run_cli("check", "--no-cache", "--jobs", "2", "--deadline", TINY, str(repo))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.count(" RC007 ") == count
