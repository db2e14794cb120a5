"""One verdict, through the command line: "ready" and "All checks passed!" only when every
required item of every agent passes after policy; rule selection narrows what is reported,
never the verdict; no agent found is not "ready"."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from click.testing import CliRunner, Result

from readycheck.cli import cli
from tests.conftest import EXAMPLES

CLEAN_ENV: dict[str, str | None] = {
    "GITHUB_ACTIONS": None,
    "GITHUB_STEP_SUMMARY": None,
    "READYCHECK_OUTPUT_FORMAT": None,
    "READYCHECK_NO_CACHE": "1",
    "NO_COLOR": None,
}


@contextmanager
def _cwd(path: Path) -> Iterator[None]:
    previous = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(previous)


def invoke(*args: str, cwd: Path | None = None, env: dict[str, str | None] | None = None) -> Result:
    """The real command line, in process, from `cwd`, in a clean environment."""
    with _cwd(cwd or Path.cwd()):
        return CliRunner().invoke(cli, list(args), env={**CLEAN_ENV, **(env or {})})


DEMO = str(EXAMPLES / "demo-agent")


def test_a_narrow_selection_does_not_make_a_failing_agent_ready() -> None:
    result = invoke("check", "--select", "RC9", DEMO)
    assert result.exit_code == 1, result.output
    assert "All checks passed!" not in result.stdout
    assert "demo-agent: not ready" in result.stdout
    data = json.loads(invoke("check", "--select", "RC9", "--output-format", "json", DEMO).stdout)
    assert data["ready"] is False and data["agents"][0]["ready"] is False


def test_ignoring_every_finding_of_an_item_does_not_pass_it(tmp_path: Path) -> None:
    (tmp_path / "SOUL.md").write_text("# SOUL\n\nIf you are uncertain, stop and ask.\n")
    (tmp_path / ".readycheck.yaml").write_text("required: [budget]\nignore: [RC4]\n")
    result = invoke("check", str(tmp_path))
    assert result.exit_code == 1, result.output
    assert "RC401" not in result.stdout  # not reported, but the item still fails
    assert "✗ budget" in result.stdout


def test_no_agent_found_is_not_ready(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# nothing here\n")
    result = invoke("check", "--output-format", "json", str(tmp_path))
    assert result.exit_code == 0  # as ruff with no file to check: nothing failed
    assert json.loads(result.stdout)["ready"] is False
    text = invoke("check", str(tmp_path))
    assert text.exit_code == 0
    assert "All checks passed!" not in text.stdout
    assert "No agent found" in text.stdout
    assert "no agent found" in text.stderr


def test_report_takes_no_gate_options() -> None:
    """`report` writes the report and exits 0; `check` is the gate, so `report` does not
    advertise options it would not honour."""
    help_text = invoke("report", "--help").stdout
    assert "--fail-on" not in help_text and "--fail-under" not in help_text
    assert invoke("report", "--fail-on", "note", DEMO).exit_code == 2
    assert invoke("report", DEMO).exit_code == 0
