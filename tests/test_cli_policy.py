"""Configuration, selection, suppressions, baselines and the run cache, through the CLI."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema

from tests.conftest import EXAMPLES, ROOT, report_json, run_cli

SOUL = "# SOUL\n\nIf you are uncertain, stop and write the question to `outbox.json`.\n"


def rules(result) -> set[str]:  # type: ignore[no-untyped-def]
    return {f["rule"] for f in report_json(result)["findings"]}


def test_select_and_ignore_on_the_command_line(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"SOUL.md": SOUL, ".readycheck.yaml": "ignore: [RC4]\n"})
    found = rules(run_cli("check", "--output-format", "json", "--select", "RC4,RC5", str(root)))
    assert found and all(r.startswith("RC5") for r in found)  # config still ignores RC4
    found = rules(
        run_cli("check", "--output-format", "json", "--isolated", "--select", "RC4", str(root))
    )
    assert found == {"RC401"}


def test_invalid_config_exits_two_with_location(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"SOUL.md": SOUL, ".readycheck.yaml": "select: [RC4]\nfail-on: loud\n"})
    result = run_cli("check", str(root))
    assert result.returncode == 2
    assert ".readycheck.yaml:2" in result.stderr and "fail-on" in result.stderr
    assert "Traceback" not in result.stderr


def test_fail_on_and_fail_under_from_flags_and_environment(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"SOUL.md": SOUL, ".readycheck.yaml": "required: []\n"})
    assert run_cli("check", str(root)).returncode == 0
    assert run_cli("check", "--fail-on", "warning", str(root)).returncode == 1
    assert run_cli("check", "--fail-under", "90", str(root)).returncode == 1
    env = {**os.environ, "READYCHECK_FAIL_ON": "error"}
    env.pop("GITHUB_ACTIONS", None)
    assert run_cli("check", str(root), env=env).returncode == 1


def test_no_inline_ignores_flag(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo(
        {
            "SOUL.md": SOUL,
            "budget.yaml": "# readycheck: ignore[RC403] reason: the runner kills us at 30m\n"
            "max_steps: 50\nmax_tokens: 1000\n",
        }
    )
    relaxed = report_json(run_cli("check", "--output-format", "json", cwd=root))
    strict = report_json(
        run_cli("check", "--output-format", "json", "--no-inline-ignores", cwd=root)
    )
    assert "RC403" not in {f["rule"] for f in relaxed["findings"]}
    assert "RC403" in {f["rule"] for f in strict["findings"]}
    accepted = relaxed["suppressed"]
    assert [(a["rule"], a["reason"], a["kind"]) for a in accepted] == [
        ("RC403", "the runner kills us at 30m", "inline")
    ]
    assert accepted[0]["suppressed_at"] == {"path": "budget.yaml", "line": 1}
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(relaxed)
    assert strict["suppressed"] == []


def test_baseline_round_trip(make_repo, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"SOUL.md": SOUL})
    baseline = tmp_path_factory.mktemp("bl") / "baseline.json"
    written = run_cli("check", "--write-baseline", str(baseline), str(root))
    assert written.returncode == 0 and json.loads(baseline.read_text())["findings"]
    assert run_cli("check", "--baseline", str(baseline), str(root)).returncode == 0
    (root / "SOUL.md").write_text(SOUL + "\nIf unsure, make your best guess.\n")
    again = run_cli("check", "--output-format", "json", "--baseline", str(baseline), str(root))
    assert again.returncode == 1 and rules(again) == {"RC105"}


def test_config_command_shows_sources(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({".readycheck.yaml": "max-steps: 300\n"})
    data = json.loads(
        run_cli("config", "--output-format", "json", "--fail-on", "note", str(root)).stdout
    )
    assert data["max-steps"]["value"] == 300
    assert data["max-steps"]["source"].endswith(".readycheck.yaml:1")
    assert data["fail-on"] == {"value": "note", "source": "command line"}
    assert data["max-tokens"]["source"] == "default"


def test_cache_reuses_unchanged_runs_and_sees_changes(make_repo, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    cache = tmp_path_factory.mktemp("cache")
    env = {
        k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "READYCHECK_NO_CACHE")
    }
    env["READYCHECK_CACHE_DIR"] = str(cache)
    root = make_repo({"SOUL.md": SOUL})
    first = run_cli("check", str(root), env=env)
    assert len(list(cache.glob("*.json"))) == 1
    second = run_cli("check", str(root), env=env)
    assert (second.stdout, second.returncode) == (first.stdout, first.returncode)
    assert len(list(cache.glob("*.json"))) == 1  # a hit stores nothing new
    (root / "SOUL.md").write_text(SOUL + "\nIf unsure, make your best guess.\n")
    third = run_cli("check", str(root), env=env)
    assert "RC105" in third.stdout and "RC105" not in first.stdout
    assert not any(p.name.startswith(".readycheck") for p in Path(root).iterdir())


def test_ready_example_through_the_cache(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    env["READYCHECK_CACHE_DIR"] = str(tmp_path)
    for _ in range(2):
        result = run_cli("check", str(EXAMPLES / "ready-agent"), env=env)
        assert result.returncode == 0 and "All checks passed!" in result.stdout


def test_severity_and_per_file_ignores_on_the_command_line(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"SOUL.md": SOUL, ".readycheck.yaml": "severity: {RC401: note}\n"})
    data = report_json(
        run_cli(
            "check",
            "--output-format",
            "json",
            "--severity",
            "RC401=warning",
            "--per-file-ignores",
            "SOUL*:RC5",
            str(root),
        )
    )
    severities = {f["rule"]: f["severity"] for f in data["findings"]}
    assert severities["RC401"] == "warning"  # the command line wins over the config
    assert not any(f["rule"].startswith("RC5") for f in data["findings"])
    bad = run_cli("check", "--severity", "RC401=loud", str(root))
    assert bad.returncode == 2 and "RULE=error|warning|note" in bad.stderr
