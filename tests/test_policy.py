"""Configuration, selection, suppressions and the baseline (issue: configure, suppress and
gate like a serious linter)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from readycheck.baseline import Baseline, render
from readycheck.config import ConfigError, describe, find_config, load_settings
from readycheck.engine import Documents, check
from readycheck.policy import exit_code

SOUL = """# SOUL

You are a test agent.

## Escalation

If you are uncertain, stop and write the question to `outbox.json`.
"""
TODAY = date(2026, 11, 29)


def rules_of(report) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(f.rule for f in report.findings)


def item(report, name: str):  # type: ignore[no-untyped-def]
    return next(i for i in report.agents[0].items if i.item == name)


# --- config files and precedence ----------------------------------------------------


def test_defaults_without_config(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"SOUL.md": SOUL})
    settings = load_settings(root)
    assert settings.max_steps == 1000 and settings.source == ""
    assert dict((k, o) for k, _, o in describe(settings))["max-steps"] == "default"


def test_closest_config_wins_and_pyproject_needs_the_table(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo(
        {
            ".readycheck.yaml": "max-steps: 500\n",
            "team/pyproject.toml": "[project]\nname = 'x'\n",  # no [tool.readycheck]: ignored
            "team/agent/pyproject.toml": "[tool.readycheck]\nmax-steps = 200\n",
            "team/agent/SOUL.md": SOUL,
        }
    )
    assert load_settings(root / "team").max_steps == 500
    assert load_settings(root / "team" / "agent").max_steps == 200
    assert find_config(root / "team") == root / ".readycheck.yaml"


def test_extend_inherits_and_overrides(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo(
        {
            "base.yaml": "max-steps: 300\nmax-tokens: 5000\n",
            "svc/.readycheck.yaml": "extend: ../base.yaml\nmax-tokens: 9000\n",
        }
    )
    settings = load_settings(root / "svc")
    assert (settings.max_steps, settings.max_tokens) == (300, 9000)
    origins = {k: o for k, _, o in describe(settings)}
    assert origins["max-steps"].endswith("base.yaml:1")
    assert origins["max-tokens"].endswith(".readycheck.yaml:2")


def test_command_line_beats_config(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({".readycheck.yaml": "max-steps: 500\nfail-on: warning\n"})
    settings = load_settings(root, overrides={"max_steps": 50, "fail_on": None})
    assert settings.max_steps == 50 and settings.fail_on == "warning"
    assert {k: o for k, _, o in describe(settings)}["max-steps"] == "command line"


def test_isolated_and_explicit_config(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({".readycheck.yaml": "max-steps: 500\n", "other.yaml": "max-steps: 7\n"})
    assert load_settings(root, isolated=True).max_steps == 1000
    assert load_settings(root, config_file=root / "other.yaml").max_steps == 7


def test_environment_names_the_config(make_repo, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"ci.yaml": "max-tokens: 42\n"})
    monkeypatch.setenv("READYCHECK_CONFIG", str(root / "ci.yaml"))
    assert load_settings(root).max_tokens == 42


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("max-steps: 10\nmax-stepz: 5\n", 1, "Additional properties"),
        ("select: [RC4]\nfail-on: fatal\n", 2, "fail-on"),
        ("weights:\n  budget: -1\n", 2, "weights/budget"),
        ("not-applicable:\n  agents/x:\n    dlq: ''\n", 3, "not-applicable/agents/x/dlq"),
        ("max-runtime: forever\n", 1, "max-runtime"),
        ("max-steps: [\n", 2, "invalid YAML"),
    ],
)
def test_invalid_config_is_located(make_repo, text, line, words) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({".readycheck.yaml": text})
    with pytest.raises(ConfigError) as caught:
        load_settings(root)
    message = str(caught.value)
    assert f".readycheck.yaml:{line}" in message and words in message


def test_invalid_pyproject_table_is_located(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"pyproject.toml": "[project]\nname='x'\n\n[tool.readycheck]\nselect = 4\n"})
    with pytest.raises(ConfigError, match=r"pyproject.toml \[tool.readycheck\]:5: select"):
        load_settings(root)


# --- selection and severities --------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "present", "absent"),
    [
        ("select: [RC4]\n", ["RC401"], ["RC302", "RC501"]),
        ("select: [budget-missing]\n", ["RC401"], ["RC302"]),
        ("select: [RC3]\nextend-select: [RC40]\n", ["RC302", "RC401"], ["RC501"]),
        ("ignore: [RC4, output-missing]\n", ["RC302"], ["RC401", "RC501"]),
        ("per-file-ignores:\n  'SOUL*': [RC3]\n", ["RC401"], ["RC302"]),
    ],
)
def test_selection_forms(make_repo, config, present, absent) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"SOUL.md": SOUL, ".readycheck.yaml": config})
    found = rules_of(check(root, load_settings(root), today=TODAY))
    for rule in present:
        assert rule in found
    for rule in absent:
        assert rule not in found


def test_ignored_rules_are_not_reported_but_their_item_still_blocks(make_repo) -> None:  # type: ignore[no-untyped-def]
    files = {"SOUL.md": SOUL, ".readycheck.yaml": "required: [budget]\nignore: [RC4]\n"}
    report = check(make_repo(files), load_settings(make_repo(files)), today=TODAY)
    assert item(report, "budget").status == "fail"
    assert not [f for f in report.findings if f.rule.startswith("RC4")]
    assert report.ready is False  # accepting a gap takes a reason, or `required`


def test_severity_overrides_most_specific_wins(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo(
        {
            "SOUL.md": SOUL,
            ".readycheck.yaml": (
                "severity:\n  RC4: note\n  RC401: warning\n  output-missing: note\n"
            ),
        }
    )
    report = check(root, load_settings(root), today=TODAY)
    by_rule = {f.rule: f.severity for f in report.findings}
    assert (by_rule["RC401"], by_rule["RC501"], by_rule["RC302"]) == ("warning", "note", "warning")


def test_fail_on_and_fail_under(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"SOUL.md": SOUL, ".readycheck.yaml": "required: []\n"})
    settings = load_settings(root)
    report = check(root, settings, today=TODAY)
    assert report.ready and exit_code(report, settings) == 0
    settings.fail_on = "error"
    assert exit_code(report, settings) == 1
    settings.fail_on, settings.fail_under = None, 99.0
    assert exit_code(report, settings) == 1


def test_not_applicable_needs_and_shows_a_reason(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo(
        {
            "SOUL.md": SOUL,
            ".readycheck.yaml": (
                "not-applicable:\n  .:\n    dlq: one-shot job, nothing is retried\n"
            ),
        }
    )
    report = check(root, load_settings(root), today=TODAY)
    dlq = item(report, "dlq")
    assert dlq.status == "n/a" and dlq.reason == "one-shot job, nothing is retried"
    assert "RC601" not in rules_of(report)


# --- inline suppressions ---------------------------------------------------------------

BUDGET = "max_steps: 50\nmax_tokens: 1000\n"


def test_suppression_with_reason_moves_finding_to_accepted_risk(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo(
        {
            "SOUL.md": SOUL,
            "budget.yaml": "# readycheck: ignore[RC403] reason: the job runner kills us at 30m\n"
            + BUDGET,
        }
    )
    report = check(root, load_settings(root), today=TODAY)
    assert "RC403" not in rules_of(report)
    accepted = [s for s in report.suppressed if s.finding.rule == "RC403"]
    assert accepted and accepted[0].reason == "the job runner kills us at 30m"
    assert accepted[0].source is not None and accepted[0].source.line == 1


def test_same_line_markdown_and_file_level(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo(
        {
            "SOUL.md": "<!-- readycheck: ignore-file[RC302, RC501] reason: stateless demo -->\n"
            + SOUL
            + "\nIf unsure, make your best guess. "
            + "<!-- readycheck: ignore[RC105] reason: demo -->\n",
        }
    )
    report = check(root, load_settings(root), today=TODAY)
    assert not {"RC302", "RC501", "RC105"} & set(rules_of(report))
    assert {"RC302", "RC501", "RC105"} <= {s.finding.rule for s in report.suppressed}


def test_suppression_without_reason_is_refused(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"SOUL.md": SOUL, "budget.yaml": "# readycheck: ignore[RC403]\n" + BUDGET})
    found = rules_of(check(root, load_settings(root), today=TODAY))
    assert "RC403" in found and "RC901" in found


def test_expired_suppression(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo(
        {
            "SOUL.md": SOUL,
            "budget.yaml": "# readycheck: ignore[RC403] reason: temporary until: 2026-01-31\n"
            + BUDGET,
        }
    )
    found = rules_of(check(root, load_settings(root), today=TODAY))
    assert "RC403" in found and "RC902" in found
    fresh = check(root, load_settings(root), today=date(2026, 1, 1))
    assert "RC403" not in rules_of(fresh)


def test_unused_and_unknown_suppressions(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo(
        {
            "SOUL.md": SOUL,
            "budget.yaml": "# readycheck: ignore[RC701, RC4O3] reason: typo and nothing here\n"
            + BUDGET,
        }
    )
    found = rules_of(check(root, load_settings(root), today=TODAY))
    assert "RC903" in found and "RC904" in found


def test_no_inline_ignores(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo(
        {
            "SOUL.md": SOUL,
            "budget.yaml": "# readycheck: ignore[RC403] reason: runner timeout\n" + BUDGET,
        }
    )
    settings = load_settings(root, overrides={"inline_ignores": False})
    report = check(root, settings, today=TODAY)
    assert "RC403" in rules_of(report) and not report.suppressed


def test_suppressing_every_gap_of_an_item_accepts_it(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo(
        {
            "SOUL.md": SOUL,
            ".readycheck.yaml": "required: [budget]\n",
            "budget.yaml": "# readycheck: ignore[RC403, RC407] reason: runner enforces both\n"
            + BUDGET,
        }
    )
    report = check(root, load_settings(root), today=TODAY)
    assert item(report, "budget").status == "partial"  # the measurement stays honest
    assert report.ready  # the gate honours the reasoned acceptance


# --- baseline -------------------------------------------------------------------------


def test_baseline_survives_line_moves_and_reports_drift(make_repo, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"SOUL.md": SOUL, "prompts/old.md": "If unsure, make your best guess.\n"})
    settings = load_settings(root)
    first = check(root, settings, today=TODAY)
    baseline_file = tmp_path_factory.mktemp("b") / "baseline.json"
    from readycheck.discover import discover

    docs = Documents(discover(root.resolve(), settings), settings)
    for f in first.findings:
        docs.get(f.location.path)
    baseline_file.write_text(render(baseline_file, first.findings, docs.parsed()))
    assert json.loads(baseline_file.read_text())["findings"]

    # Move lines: prepend text. Add a new problem. Delete a file.
    (root / "SOUL.md").write_text(
        "# Moved\n\n\n" + SOUL.replace("# SOUL\n", "# SOUL\n\nNever stop.\n")
    )
    (root / "prompts" / "old.md").unlink()
    again = check(root, settings, baseline=Baseline.load(baseline_file), today=TODAY)
    assert rules_of(again) == ["RC105"]  # only the new anti-pattern
    assert any(s.reason == "baseline" for s in again.suppressed)
    assert any("file is gone" in n for n in again.notes)


def test_bad_baseline_file(tmp_path: Path) -> None:
    bad = tmp_path / "b.json"
    bad.write_text('{"not": "a baseline"}')
    with pytest.raises(ValueError, match="not a readycheck baseline"):
        Baseline.load(bad)


def test_a_directive_above_a_block_covers_the_block() -> None:
    from readycheck.model import Document
    from readycheck.suppress import directives

    yaml_doc = Document(
        path="budget.yaml",
        kind="yaml",
        text="# readycheck: ignore[RC403] reason: r\nbudget:\n  max_steps: 40\n\n"
        "  on_limit: stop\nother: 1\n",
    )
    (one,) = directives(yaml_doc)
    assert [line for line in range(1, 8) if one.covers(line)] == [2, 3, 4, 5]
    md_doc = Document(
        path="SOUL.md",
        kind="markdown",
        text="# A\n<!-- readycheck: ignore[RC304] reason: r -->\n## State\ntext\n### Sub\n"
        "more\n## Next\n",
    )
    (section,) = directives(md_doc)
    assert [line for line in range(1, 9) if section.covers(line)] == [3, 4, 5, 6]
    inline = Document(
        path="x.yaml", kind="yaml", text="a: 1  # readycheck: ignore[RC1] reason: r\n"
    )
    (own,) = directives(inline)
    assert [line for line in range(1, 3) if own.covers(line)] == [1]


def test_agent_level_findings_stay_put_when_a_marker_is_added(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"SOUL.md": "# Agent\n\nYou write reports.\n"})
    before = {(f.rule, f.location.path) for f in check(root, load_settings(root)).findings}
    (root / "BOOT.md").write_text("# Boot\n\nRead the notes.\n")
    (root / "HEARTBEAT.md").write_text("# Heartbeat\n\nCheck the inbox.\n")
    after = check(root, load_settings(root)).findings
    assert ("RC101", "SOUL.md") in before
    assert {f.location.path for f in after if f.rule in ("RC101", "RC401", "RC501")} == {"SOUL.md"}
