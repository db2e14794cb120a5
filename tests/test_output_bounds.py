"""Overall bounds on output (issue 13, item 8): at most MAX_FINDINGS_PER_RULE_AND_FILE
findings of a rule in a file, messages and notes clipped, at most MAX_NOTES notes; each
thing left out is counted in a note, and JSON and SARIF stay valid."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import jsonschema
import pytest

from readycheck.model import Finding, Location, Report
from readycheck.reporters import bounds
from readycheck.reporters.bounds import bounded
from tests.conftest import ROOT, run_cli, write_files
from tests.test_reporters import validate_sarif


def _validate_report(text: str) -> dict:  # type: ignore[type-arg]
    data = json.loads(text)
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(data)
    return data  # type: ignore[no-any-return]


RULE_LINES = 250  # over the cap of 200: one unknown-rule directive per line


def _noisy(root: Path) -> Path:
    lines = [f"Never do thing {i}. <!-- readycheck: ignore[RC999] -->" for i in range(RULE_LINES)]
    return write_files(root, {"SOUL.md": "# Soul\n\n" + "\n".join(lines) + "\n"})


def test_findings_of_a_rule_in_a_file_are_capped_and_counted(tmp_path: Path) -> None:
    repo = _noisy(tmp_path)
    result = run_cli("check", "--output-format", "json", str(repo))
    data = _validate_report(result.stdout)
    per_rule: dict[str, int] = {}
    for f in data["findings"]:
        per_rule[f["rule"]] = per_rule.get(f["rule"], 0) + 1
    assert max(per_rule.values()) == bounds.MAX_FINDINGS_PER_RULE_AND_FILE
    assert "50 more RC901 finding(s) in SOUL.md not shown" in " ".join(data["notes"])
    text = run_cli("check", str(repo)).stdout
    assert "note: 50 more RC901 finding(s) in SOUL.md not shown" in text
    sarif = validate_sarif(run_cli("check", "--output-format", "sarif", str(repo)).stdout)
    assert len(sarif["runs"][0]["results"]) < 2 * RULE_LINES


def _finding(i: int, message: str = "m", path: str = "a.md") -> Finding:
    return Finding("RC901", message, Location(path, i + 1), "general")


def test_a_long_message_is_clipped_and_says_how_much() -> None:
    long = "x" * (bounds.MAX_MESSAGE + 500)
    shown = bounded(Report(".", [], [_finding(0, long)])).findings[0].message
    assert len(shown) < bounds.MAX_MESSAGE + 40
    assert shown.endswith("(501 more characters)")


def test_notes_are_capped_and_the_rest_counted() -> None:
    notes = [f"note {i}" for i in range(bounds.MAX_NOTES + 20)]
    shown = bounded(Report(".", [], [], notes)).notes
    assert len(shown) == bounds.MAX_NOTES
    assert shown[-1] == "21 more notes not shown"


def test_a_normal_report_is_shown_whole() -> None:
    report = Report(".", [], [_finding(i, path=f"f{i}.md") for i in range(300)], ["a note"])
    assert bounded(report) == report


def test_text_shows_at_most_max_agents_checklists_not_ready_first(tmp_path: Path) -> None:
    files = {
        f"a{i:04}/SOUL.md": "# Soul\n\nYou are a bot.\n" for i in range(bounds.MAX_AGENTS_SHOWN + 5)
    }
    result = run_cli("check", str(write_files(tmp_path, files)))
    shown = [line for line in result.stdout.splitlines() if line.startswith("agent ")]
    assert len(shown) == bounds.MAX_AGENTS_SHOWN
    assert "5 more agents not shown (ready ones first); the JSON report lists all" in result.stdout
    assert f"0/{bounds.MAX_AGENTS_SHOWN + 5} agents ready" in result.stdout


def test_agents_not_ready_are_shown_before_ready_ones_are() -> None:
    from readycheck.model import AgentReport

    agents = [AgentReport(f"a{i}", [], [], [], ready=i % 2 == 0) for i in range(500)]
    shown = bounds.shown_agents(agents)
    assert len(shown) == bounds.MAX_AGENTS_SHOWN
    assert sum(not a.ready for a in shown) == 200  # 250 not ready: all places go to them
    assert shown == sorted(shown, key=lambda a: int(a.path[1:]))


def test_accepted_findings_of_a_rule_in_a_file_are_capped_and_counted(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # A baseline that accepts 250 findings of one rule in one file: the JSON report's
    # `suppressed` list (and SARIF's suppressed results) are bounded as the findings are.
    repo = _noisy(tmp_path)
    baseline = tmp_path_factory.mktemp("baseline") / "baseline.json"  # outside the tree
    run_cli("check", "--write-baseline", str(baseline), str(repo))
    accepted = ("check", "--baseline", str(baseline), "--output-format")
    data = _validate_report(run_cli(*accepted, "json", str(repo)).stdout)
    per_rule = Counter(s["rule"] for s in data["suppressed"])
    assert per_rule["RC901"] == bounds.MAX_FINDINGS_PER_RULE_AND_FILE
    notes = " ".join(data["notes"])
    assert "50 more accepted RC901 finding(s) in SOUL.md not shown" in notes
    sarif = validate_sarif(run_cli(*accepted, "sarif", str(repo)).stdout)
    results = sarif["runs"][0]["results"]
    assert len(results) == len(data["suppressed"]) < 2 * RULE_LINES
    # The summaries count every accepted finding, shown or not.
    total = len(data["suppressed"]) + 2 * (RULE_LINES - bounds.MAX_FINDINGS_PER_RULE_AND_FILE)
    text = run_cli(*accepted, "text", str(repo)).stdout
    assert f"{total} finding(s) accepted as risk" in text
    markdown = run_cli(*accepted, "markdown", str(repo)).stdout
    assert f"{total} findings accepted as risk" in markdown


def _many_agents(root: Path) -> Path:
    """MAX_AGENTS_SHOWN + 5 agents, none ready."""
    files = {
        f"a{i:04}/SOUL.md": "# Soul\n\nYou are a bot.\n" for i in range(bounds.MAX_AGENTS_SHOWN + 5)
    }
    return write_files(root, dict(files))


def test_junit_shows_at_most_max_agents_suites_and_says_how_many_more(tmp_path: Path) -> None:
    repo = _many_agents(tmp_path)
    result = run_cli("check", "--output-format", "junit", str(repo))
    root = ET.fromstring(result.stdout)
    suites = [s for s in root.iter("testsuite") if s.get("name") != "readycheck files"]
    assert len(suites) == bounds.MAX_AGENTS_SHOWN
    assert "5 more agents not shown (ready ones first); the JSON report lists all" in (
        result.stdout
    )
    assert int(root.get("tests", "0")) == sum(int(s.get("tests", "0")) for s in root)


def test_sarif_lists_at_most_max_agents_and_says_how_many_more(tmp_path: Path) -> None:
    repo = _many_agents(tmp_path)
    run = validate_sarif(run_cli("check", "--output-format", "sarif", str(repo)).stdout)["runs"][0]
    assert len(run["properties"]["agents"]) == bounds.MAX_AGENTS_SHOWN
    assert run["properties"]["agentsNotShown"] == 5
    notes = [n["message"]["text"] for n in run["invocations"][0]["toolExecutionNotifications"]]
    assert "5 more agents not shown (ready ones first); the JSON report lists all" in notes


def test_github_shows_at_most_max_agents_checklists_and_says_how_many_more(
    tmp_path: Path,
) -> None:
    repo = _many_agents(tmp_path)
    result = run_cli("check", "--output-format", "github", str(repo))
    groups = [line for line in result.stdout.splitlines() if line.startswith("::group::")]
    assert len(groups) == bounds.MAX_AGENTS_SHOWN
    assert (
        "::notice title=readycheck::5 more agents not shown (ready ones first); "
        "the JSON report lists all"
    ) in result.stdout
