"""What ruff-like tools offer: -V, -q, --statistics, colour, and a hint at what to run next."""

from __future__ import annotations

import json
import re

import pytest

from readycheck import __version__
from tests.conftest import ROOT
from tests.test_cli_verdict import invoke

DEMO = "fixtures/examples/demo-agent"
READY = "fixtures/examples/ready-agent"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version(flag: str) -> None:
    result = invoke(flag)
    assert result.exit_code == 0 and result.stdout == f"readycheck, version {__version__}\n"


@pytest.mark.parametrize("flag", ["-q", "--quiet"])
def test_quiet_prints_the_findings_and_nothing_else(flag: str) -> None:
    full = invoke("check", DEMO, cwd=ROOT)
    quiet = invoke("check", flag, DEMO, cwd=ROOT)
    assert quiet.exit_code == full.exit_code == 1
    findings = [line for line in full.stdout.splitlines() if ": RC" in line]
    assert quiet.stdout.splitlines() == findings
    ready = invoke("check", flag, READY, cwd=ROOT)
    assert ready.exit_code == 0 and ready.stdout == ""


def test_statistics_count_each_rule() -> None:
    result = invoke("check", "--statistics", DEMO, cwd=ROOT)
    assert result.exit_code == 1
    rows = [line.split() for line in result.stdout.splitlines()]
    assert ["1", "RC105", "escalation-anti-pattern"] in rows
    counts = [int(row[0]) for row in rows]
    assert counts == sorted(counts, reverse=True)
    data = json.loads(
        invoke("check", "--statistics", "--output-format", "json", DEMO, cwd=ROOT).stdout
    )
    assert {"code": "RC105", "name": "escalation-anti-pattern", "count": 1} in data
    assert invoke("check", "--statistics", "--output-format", "sarif", DEMO).exit_code == 2


def test_colour_follows_the_flag_the_terminal_and_no_color() -> None:
    plain = invoke("check", DEMO, cwd=ROOT).stdout
    assert not ANSI.search(plain)  # not a terminal: auto is off
    always = invoke("check", "--color", "always", DEMO, cwd=ROOT).stdout
    assert ANSI.search(always) and ANSI.sub("", always) == plain
    assert not ANSI.search(invoke("check", "--color", "never", DEMO, cwd=ROOT).stdout)
    # NO_COLOR turns auto off; an explicit --color always still wins, as the spec asks.
    assert ANSI.search(invoke("check", "--color", "always", DEMO, env={"NO_COLOR": "1"}).stdout)
    # Machine formats never carry colour.
    sarif = invoke("check", "--color", "always", "--output-format", "sarif", DEMO).stdout
    assert not ANSI.search(sarif)


def test_a_hint_names_what_to_run_next() -> None:
    out = invoke("check", DEMO, cwd=ROOT).stdout
    hint = out.splitlines()[-1]
    assert hint.startswith("hint: ")
    assert f"readycheck init {DEMO}" in hint and "readycheck rule RC" in hint
    assert "hint:" not in invoke("check", READY, cwd=ROOT).stdout
