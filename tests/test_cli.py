"""The command line, run as a subprocess: exit codes, text output, JSON contract."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import EXAMPLES, ROOT, report_json, run_cli

ITEMS = ["escalation", "boot", "state", "budget", "output", "dlq", "monitoring"]


def report_schema() -> dict:  # type: ignore[type-arg]
    return json.loads((ROOT / "schemas" / "report.schema.json").read_text())


def test_ready_example_exits_zero() -> None:
    result = run_cli("check", str(EXAMPLES / "ready-agent"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All checks passed!" in result.stdout
    assert "1/1 agents ready" in result.stdout


def test_demo_example_exits_one_and_names_every_missing_item() -> None:
    result = run_cli("check", str(EXAMPLES / "demo-agent"))
    assert result.returncode == 1
    out = result.stdout
    for rule in ("RC105", "RC301", "RC401", "RC501", "RC604", "RC702"):
        assert rule in out
    # Findings are `path:line:col: RULE message`, sorted by location.
    lines = [line for line in out.splitlines() if ": RC" in line]
    assert lines and all(line.split(":")[1].isdigit() for line in lines)
    keys = [
        (line.split(":")[0], int(line.split(":")[1]), int(line.split(":")[2])) for line in lines
    ]
    assert keys == sorted(keys)
    assert "SOUL.md:9:1: RC105" in out


def test_exit_zero_flag() -> None:
    assert run_cli("check", "--exit-zero", str(EXAMPLES / "demo-agent")).returncode == 0


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--output-format", "yaml", "."],
        ["check", "/no/such/path"],
        ["check", "--no-such-flag"],
        ["frobnicate"],
        ["rule", "RC999"],
    ],
)
def test_usage_errors_exit_two(args: list[str]) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("example", ["ready-agent", "demo-agent"])
def test_json_output_follows_the_contract(example: str) -> None:
    result = run_cli("check", "--output-format", "json", str(EXAMPLES / example))
    data = report_json(result)
    jsonschema.Draft202012Validator(report_schema()).validate(data)
    assert data["version"] == 1 and data["tool"]["name"] == "readycheck"
    # Paths are relative to the current directory (the repository root here).
    assert [a["path"] for a in data["agents"]] == [f"fixtures/examples/{example}"]
    for agent in data["agents"]:
        assert [i["id"] for i in agent["items"]] == ITEMS
    for finding in data["findings"]:
        assert finding["path"].startswith(f"fixtures/examples/{example}/")
    assert data["ready"] is (example == "ready-agent")


def test_json_schema_rejects_a_broken_report() -> None:
    data = report_json(run_cli("check", "--output-format", "json", str(EXAMPLES / "ready-agent")))
    data["agents"][0]["items"] = data["agents"][0]["items"][1:]  # an item missing
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(report_schema()).validate(data)


def test_output_file_and_env_format(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    result = run_cli(
        "check",
        "-o",
        str(out),
        str(EXAMPLES / "ready-agent"),
        env={**__import__("os").environ, "READYCHECK_OUTPUT_FORMAT": "json"},
    )
    assert result.returncode == 0
    assert result.stdout == ""
    assert json.loads(out.read_text())["ready"] is True


def test_no_agent_says_so(tmp_path: Path) -> None:
    (tmp_path / "CLAUDE.md").write_text("# Coding assistant\nRun the tests before committing.\n")
    result = run_cli("check", str(tmp_path))
    assert result.returncode == 0
    assert "no agent found" in result.stdout


def test_python_dash_m_and_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0 and "readycheck" in result.stdout


def test_rule_docs_from_the_cli() -> None:
    result = run_cli("rule", "RC401")
    assert result.returncode == 0
    assert "budget-missing" in result.stdout and "Why is this bad?" in result.stdout
    assert run_cli("rule", "budget-missing").stdout == result.stdout
    listing = run_cli("rules").stdout
    assert "RC101" in listing and "RC701" in listing
