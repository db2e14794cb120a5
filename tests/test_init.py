"""`readycheck init`: scaffold what an agent is missing, in its own style, and nothing
else. Through the real command line where it matters: a bare SOUL.md agent ends with every
item passing but those waiting for the placeholders it lists (init invents no limit); a
framework agent gets no manifest block its framework never reads; a second run is a no-op;
a user's manifest keeps its comments, order and quoting; --dry-run writes nothing; --items
limits it."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml

from readycheck.commands.scaffold import applying, outcome, planning
from readycheck.commands.scaffold.manifest import only_adds
from readycheck.config import Settings
from readycheck.engine import check, check_directory
from readycheck.model import Report
from readycheck.parsers import read_document
from tests.conftest import EXAMPLES, FIXTURES, run_cli
from tests.corpus import cases

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=timezone.utc)
BARE_SOUL = """\
# SOUL.md — Scout

You are Scout, a research assistant. You read the request in `tasks/`, search the
web, and write a short report to `reports/`.
"""


def statuses(root: Path) -> dict[str, str]:
    report = check(root, Settings())
    agent = next(a for a in report.agents if a.path == ".")
    return {i.item: i.status for i in agent.items}


def rules_found(root: Path) -> list[str]:
    return [f.rule for f in check(root, Settings()).findings]


def snapshot(root: Path) -> dict[str, str]:
    """Every file under `root` and the hash of its bytes."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def bare(tmp_path: Path) -> Path:
    agent = tmp_path / "scout"
    agent.mkdir()
    (agent / "SOUL.md").write_text(BARE_SOUL, encoding="utf-8")
    return agent


# --- A bare SOUL.md agent ----------------------------------------------------------------


# Every value init writes that only a human can choose, as `readycheck check` lists it.
LIMIT_FILL_INS = (
    "oldest task state to act on, as a duration",
    "most steps per run",
    "longest run, as a duration",
    "most tokens per run",
    "most retries of a failing task",
)


def fill_in(agent: Path) -> None:
    """Replace every placeholder init wrote with a value a human chose."""
    manifest = agent / "readycheck.yaml"
    text = manifest.read_text()
    for placeholder, value in {
        "'<fill in: alert channel>'": "slack",
        "enabled: false": "enabled: true",
        "'<fill in: oldest task state to act on, as a duration>'": "4h",
        "'<fill in: most steps per run>'": "50",
        "'<fill in: longest run, as a duration>'": "15m",
        "'<fill in: most tokens per run>'": "200000",
        "'<fill in: most retries of a failing task>'": "3",
    }.items():
        text = text.replace(placeholder, value)
    manifest.write_text(text, encoding="utf-8")
    soul = agent / "SOUL.md"
    soul.write_text(
        soul.read_text().replace("`<fill in: outbox owner>`", "Dana (@dana)"), encoding="utf-8"
    )
    schema = agent / "schemas/output.schema.json"
    schema.write_text(
        schema.read_text().replace(
            "<fill in: what this agent returns; then make the properties below say it>",
            "A research report: its status and a summary.",
        ),
        encoding="utf-8",
    )


def test_init_on_a_bare_agent_passes_all_but_the_placeholders(bare: Path) -> None:
    assert set(statuses(bare).values()) == {"fail"}
    result = run_cli("init", str(bare))
    assert "Traceback" not in result.stderr
    assert result.returncode == 1  # something is left for a human: the placeholders
    after = statuses(bare)
    # Limits are placeholders, so the items that need one do not pass until it is set.
    assert {item: s for item, s in after.items() if s != "pass"} == {
        "boot": "partial",
        "budget": "fail",
        "dlq": "partial",
        "monitoring": "fail",
    }
    out = result.stdout
    assert "fill in (readycheck check reports each as RC008 until you do):" in out
    assert "readycheck.yaml:" in out and ": alert channel" in out
    assert "SOUL.md:" in out and ": outbox owner" in out
    for what in LIMIT_FILL_INS:
        assert f": {what}\n" in out
    assert "fix by hand" not in out
    # The pieces: an Escalation section, the manifest blocks, stubs, schema, dead letters.
    soul = (bare / "SOUL.md").read_text()
    assert soul.startswith(BARE_SOUL) and "\n## Escalation\n\nIf you are uncertain" in soul
    manifest = yaml.safe_load((bare / "readycheck.yaml").read_text())
    assert list(manifest) == ["boot", "state", "budget", "output", "dlq", "monitoring"]
    assert manifest["output"] == {"schema": "schemas/output.schema.json", "on_invalid": "reject"}
    assert manifest["monitoring"]["alerts"][0]["channel"] == "<fill in: alert channel>"
    for rel in manifest["state"].values():
        doc = read_document(bare / rel, rel, "json")
        assert doc.ok
    assert yaml.safe_load((bare / "state/failed-tasks.json").read_text()) == []
    # `readycheck check` reports the placeholders as RC008 warnings, not as passes.
    report = run_cli("check", str(bare))
    assert report.returncode == 1
    assert report.stdout.count(" RC008 placeholder to fill in: ") == 8
    assert "✗ monitoring" in report.stdout and "✗ budget" in report.stdout


def test_init_invents_no_limit(bare: Path) -> None:
    """Issue 12: `init --items budget` wrote 50 steps, 15 min and 200k tokens, and budget
    passed on numbers nobody chose."""
    result = run_cli("init", "--items", "budget", str(bare))
    assert result.returncode == 1
    budget = yaml.safe_load((bare / "readycheck.yaml").read_text())["budget"]
    assert budget == {
        "max_steps": "<fill in: most steps per run>",
        "max_runtime": "<fill in: longest run, as a duration>",
        "max_tokens": "<fill in: most tokens per run>",
        "on_limit": "write a handoff to state/outbox.json and stop",
    }
    assert statuses(bare)["budget"] == "fail"
    assert "0/1 selected items pass" in result.stdout
    assert "fix by hand" not in result.stdout  # what is missing waits for the placeholders


def test_the_loop_check_init_fill_in_check(bare: Path) -> None:
    assert run_cli("check", str(bare)).returncode == 1
    run_cli("init", str(bare))
    fill_in(bare)
    result = run_cli("check", str(bare))
    assert result.returncode == 0, result.stdout
    assert "All checks passed!" in result.stdout
    again = run_cli("init", str(bare))
    assert again.returncode == 0 and "nothing to change" in again.stdout
    assert run_cli("boot", str(bare)).returncode == 0  # the stubs are fresh


def test_a_second_init_is_a_no_op(bare: Path) -> None:
    first = run_cli("init", str(bare))
    assert first.returncode == 1
    before = snapshot(bare)
    second = run_cli("init", str(bare))
    assert second.returncode == 1  # the placeholders are still there
    assert "nothing to change" in second.stdout
    assert snapshot(bare) == before
    dry = run_cli("init", "--dry-run", str(bare))
    assert dry.stdout == ""  # an empty diff


def test_dry_run_changes_nothing_and_prints_the_diff(bare: Path) -> None:
    before = snapshot(bare)
    result = run_cli("init", "--dry-run", str(bare))
    assert result.returncode == 1
    assert snapshot(bare) == before
    diff = result.stdout
    assert "--- a/SOUL.md\n+++ b/SOUL.md\n" in diff
    assert "--- /dev/null\n+++ b/readycheck.yaml\n" in diff
    assert "+## Escalation" in diff and "+  max_steps: '<fill in: most steps per run>'" in diff
    assert "would write" in result.stderr and "alert channel" in result.stderr


def test_the_diff_applies_to_exactly_what_init_writes(bare: Path, tmp_path: Path) -> None:
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    copy = tmp_path / "copy"
    shutil.copytree(bare, copy)
    plan = planning.plan(bare, now=NOW)
    patch = tmp_path / "init.patch"
    patch.write_text(applying.diff(plan), encoding="utf-8")
    subprocess.run([git, "apply", str(patch)], cwd=copy, check=True, capture_output=True)
    applying.apply(plan)
    assert snapshot(copy) == snapshot(bare)


def test_items_limit_the_scaffold(bare: Path) -> None:
    soul = (bare / "SOUL.md").read_bytes()
    result = run_cli("init", "--items", "budget,dlq", str(bare))
    assert result.returncode == 1, result.stdout  # the limits wait for a human
    assert sorted(snapshot(bare)) == ["SOUL.md", "readycheck.yaml", "state/failed-tasks.json"]
    assert (bare / "SOUL.md").read_bytes() == soul
    assert list(yaml.safe_load((bare / "readycheck.yaml").read_text())) == ["budget", "dlq"]
    assert "0/2 selected items pass" in result.stdout
    manifest = bare / "readycheck.yaml"
    manifest.write_text(
        manifest.read_text()
        .replace("'<fill in: most steps per run>'", "40")
        .replace("'<fill in: longest run, as a duration>'", "30m")
        .replace("'<fill in: most tokens per run>'", "100000")
        .replace("'<fill in: most retries of a failing task>'", "2")
    )
    after = statuses(bare)
    assert after["budget"] == after["dlq"] == "pass"
    assert after["escalation"] == after["monitoring"] == "fail"
    again = run_cli("init", "--items", "budget,dlq", str(bare))
    assert again.returncode == 0 and "2/2 selected items pass" in again.stdout


@pytest.mark.parametrize("items", ["budget,frobnicate", "everything"])
def test_unknown_items_are_a_usage_error(bare: Path, items: str) -> None:
    result = run_cli("init", "--items", items, str(bare))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert snapshot(bare) == {"SOUL.md": snapshot(bare)["SOUL.md"]}


def test_a_directory_of_agents_is_not_one_agent(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / "agents" / name).mkdir(parents=True)
        (tmp_path / "agents" / name / "SOUL.md").write_text(BARE_SOUL)
    before = snapshot(tmp_path)
    result = run_cli("init", str(tmp_path))
    assert result.returncode == 2 and "agents/a" in result.stderr
    assert snapshot(tmp_path) == before


def test_an_empty_directory_becomes_a_manifest_agent(tmp_path: Path) -> None:
    result = run_cli("init", str(tmp_path))
    assert result.returncode == 1
    manifest = yaml.safe_load((tmp_path / "readycheck.yaml").read_text())
    assert manifest["escalation"]["action"] == "stop"
    assert manifest["escalation"]["owner"] == "<fill in: outbox owner>"
    waiting = {"boot", "budget", "dlq", "monitoring"}  # each for its placeholder
    assert {i for i, s in statuses(tmp_path).items() if s != "pass"} == waiting


# --- The user's manifest survives --------------------------------------------------------

USER_MANIFEST = """\
# Ledger's manifest — keep this header
name: "ledger"   # double-quoted on purpose
owner: 'finance-ops'

escalation:
  when: [uncertain, amounts_disagree]
  action: stop
  write_to: state/outbox.json

budget:
  max_steps: 40  # tuned in March
  max_tokens: 200_000

  # the queue below is shared with the billing agent
dlq:
  destination: state/failed-tasks.json

monitoring:
  alerts:
  - channel: 'slack'
    webhook_env: SLACK_WEBHOOK_URL
    when: [run_failed]   # failures only, for now
# end of manifest
"""


def test_comments_order_and_quoting_survive(bare: Path) -> None:
    (bare / "readycheck.yaml").write_text(USER_MANIFEST, encoding="utf-8")
    result = run_cli("init", str(bare))
    assert "Traceback" not in result.stderr
    text = (bare / "readycheck.yaml").read_text()
    # Every line the user wrote is still there, unchanged and in order.
    assert only_adds(USER_MANIFEST, text)
    lines = text.splitlines()
    for line in USER_MANIFEST.splitlines():
        assert line in lines
    data = yaml.safe_load(text)
    assert list(data)[:6] == ["name", "owner", "escalation", "budget", "dlq", "monitoring"]
    assert list(data["budget"]) == ["max_steps", "max_tokens", "max_runtime", "on_limit"]
    assert data["dlq"] == {
        "destination": "state/failed-tasks.json",
        "max_retries": "<fill in: most retries of a failing task>",
    }
    assert data["monitoring"]["alerts"] == [
        {"channel": "slack", "webhook_env": "SLACK_WEBHOOK_URL", "when": ["run_failed"]}
    ]
    # New keys go inside their block, before the blank line and the comment that followed it.
    budget = text.index("budget:\n")
    assert text[budget:].startswith(
        "budget:\n  max_steps: 40  # tuned in March\n  max_tokens: 200_000\n"
        "  max_runtime: '<fill in: longest run, as a duration>'\n"
        "  on_limit: write a handoff to state/outbox.json and stop\n\n"
        "  # the queue below is shared with the billing agent\ndlq:\n"
    )
    assert text.rstrip().endswith("# end of manifest")
    # The runtime limit, the retry bound and the boot age wait for a human.
    assert {i for i, s in statuses(bare).items() if s != "pass"} == {"boot", "budget", "dlq"}
    # And a second run leaves it alone.
    before = snapshot(bare)
    assert "nothing to change" in run_cli("init", str(bare)).stdout
    assert snapshot(bare) == before


def test_a_flow_style_manifest_gets_flow_style_blocks(bare: Path) -> None:
    manifest = bare / "readycheck.yaml"
    manifest.write_text(
        '# terse\nbudget: {max_steps: 50, max_tokens: "200k"}   # one line per block\n',
        encoding="utf-8",
    )
    run_cli("init", str(bare))
    lines = manifest.read_text().splitlines()
    assert lines[:2] == [
        "# terse",
        'budget: {max_steps: 50, max_tokens: "200k", max_runtime: "<fill in: longest run, as '
        'a duration>", on_limit: write a handoff to state/outbox.json and stop}   # one line '
        "per block",
    ]
    assert lines[-1] == (
        'monitoring: {alerts: [{channel: "<fill in: alert channel>", when: [run_failed, '
        "missed_heartbeat, dead_letter_growth], enabled: false}]}"
    )
    assert (
        'dlq: {max_retries: "<fill in: most retries of a failing task>", destination: '
        "state/failed-tasks.json}"
    ) in lines


def test_a_foreign_agent_yaml_is_left_alone(bare: Path) -> None:
    (bare / "agent.yaml").write_text("model: gpt-4o\ntools: [search]\n", encoding="utf-8")
    run_cli("init", str(bare))
    assert (bare / "agent.yaml").read_text() == "model: gpt-4o\ntools: [search]\n"
    assert (bare / "readycheck.yaml").is_file()


def test_a_manifest_agent_yaml_is_edited_in_place(bare: Path) -> None:
    (bare / "agent.yaml").write_text("budget:\n  max_steps: 30\n", encoding="utf-8")
    run_cli("init", "--items", "budget", str(bare))
    assert not (bare / "readycheck.yaml").exists()
    budget = yaml.safe_load((bare / "agent.yaml").read_text())["budget"]
    assert budget["max_steps"] == 30
    assert budget["max_tokens"] == "<fill in: most tokens per run>"
    assert statuses(bare)["budget"] == "partial"  # the step limit the user set counts


def test_values_the_user_set_are_never_changed(bare: Path) -> None:
    manifest = "budget:\n  max_steps: -1   # 'unlimited'\n"
    (bare / "readycheck.yaml").write_text(manifest, encoding="utf-8")
    result = run_cli("init", "--items", "budget", str(bare))
    text = (bare / "readycheck.yaml").read_text()
    assert text.startswith(manifest)
    assert yaml.safe_load(text)["budget"]["max_steps"] == -1
    assert result.returncode == 1
    assert "fix by hand" in result.stdout and "RC405" in result.stdout


def test_an_unparseable_manifest_stops_init(bare: Path) -> None:
    (bare / "readycheck.yaml").write_text("budget: [unclosed\n", encoding="utf-8")
    before = snapshot(bare)
    result = run_cli("init", str(bare))
    assert result.returncode == 2 and "readycheck.yaml" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(bare) == before


# --- Instructions ------------------------------------------------------------------------


def test_a_partial_escalation_section_gets_the_rule_inside_it(bare: Path) -> None:
    soul = "# Bot\r\n\r\n## Escalation\r\n\r\nWhen in doubt, ask.\r\n\r\n## Output\r\n\r\nJSON."
    (bare / "SOUL.md").write_bytes(b"\xef\xbb\xbf" + soul.encode())
    run_cli("init", "--items", "escalation", str(bare))
    data = (bare / "SOUL.md").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the byte-order mark stays
    raw = data.decode("utf-8-sig")
    assert "\n" not in raw.replace("\r\n", "")  # CRLF kept throughout
    text = raw.replace("\r\n", "\n")
    section = text[text.index("## Escalation") : text.index("## Output")]
    assert "When in doubt, ask.\n\nIf you are uncertain" in section
    assert text.endswith("## Output\n\nJSON.")
    assert statuses(bare)["escalation"] == "pass"


def test_a_linked_instruction_file_outside_the_agent_is_not_edited(tmp_path: Path) -> None:
    shared = tmp_path / "shared-SOUL.md"
    shared.write_text(BARE_SOUL, encoding="utf-8")
    agent = tmp_path / "agent"
    agent.mkdir()
    (agent / "SOUL.md").symlink_to(shared)
    run_cli("init", "--items", "escalation", str(agent))
    assert shared.read_text() == BARE_SOUL
    assert (agent / "SOUL.md").is_symlink()
    manifest = yaml.safe_load((agent / "readycheck.yaml").read_text())
    assert manifest["escalation"]["action"] == "stop"


def test_a_ready_agent_needs_nothing(tmp_path: Path) -> None:
    agent = tmp_path / "ready"
    shutil.copytree(EXAMPLES / "ready-agent", agent)
    before = snapshot(agent)
    dry = run_cli("init", "--dry-run", str(agent))
    assert dry.returncode == 0 and dry.stdout == "" and "nothing to change" in dry.stderr
    result = run_cli("init", str(agent))
    assert result.returncode == 0 and "7/7 selected items pass" in result.stdout
    assert snapshot(agent) == before


def test_anti_patterns_are_listed_for_a_human_not_rewritten(tmp_path: Path) -> None:
    agent = tmp_path / "demo"
    shutil.copytree(EXAMPLES / "demo-agent", agent)
    original = (agent / "SOUL.md").read_text()
    result = run_cli("init", str(agent))
    assert result.returncode == 1
    assert (agent / "SOUL.md").read_text().startswith(original.rstrip("\n"))
    out = result.stdout
    hand = out[out.index("fix by hand") :]
    assert "SOUL.md:9:1: RC105" in hand and "SOUL.md:11:1: RC604" in hand
    left = {i for i, s in statuses(agent).items() if s != "pass"}
    # Anti-patterns keep escalation and dlq from passing; boot, budget and monitoring wait
    # for their placeholders.
    assert left == {"escalation", "boot", "budget", "dlq", "monitoring"}


def test_invalid_state_files_are_never_overwritten(tmp_path: Path) -> None:
    agent = tmp_path / "agent"
    shutil.copytree(FIXTURES / "corpus" / "state-invalid-json", agent)
    broken = (agent / "current-task.json").read_bytes()
    result = run_cli("init", str(agent))
    assert (agent / "current-task.json").read_bytes() == broken
    assert "RC305" in result.stdout[result.stdout.index("fix by hand") :]


# --- Placeholders ------------------------------------------------------------------------


def test_placeholders_are_rc008_warnings_and_the_file_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "readycheck.yaml"
    path.write_text("budget:\n  max_steps: 50\n  owner: '<fill in: budget owner>'\n")
    doc = read_document(path, "readycheck.yaml", "yaml")
    assert doc.ok and doc.data["budget"]["max_steps"] == 50
    [problem] = doc.problems
    assert (problem.rule, problem.line, problem.column, problem.fatal) == ("RC008", 3, 11, False)
    assert "budget owner" in problem.message
    report = check(tmp_path, Settings())
    [finding] = [f for f in report.findings if f.rule == "RC008"]
    assert finding.severity == "warning" and finding.agent == "."


def test_an_alert_route_that_is_only_a_placeholder_does_not_pass(bare: Path) -> None:
    """The scaffolded alert is switched off until a human names its channel."""
    run_cli("init", "--items", "monitoring", str(bare))
    assert statuses(bare)["monitoring"] == "fail"
    manifest = bare / "readycheck.yaml"
    assert "      enabled: false  # set to true once the channel is filled in\n" in (
        manifest.read_text()
    )
    text = manifest.read_text().replace("'<fill in: alert channel>'", "pagerduty")
    manifest.write_text(text)
    assert statuses(bare)["monitoring"] == "fail"  # filled in, still switched off
    assert "RC008" not in rules_found(bare)
    manifest.write_text(text.replace("enabled: false", "enabled: true"))
    assert statuses(bare)["monitoring"] == "pass"


# --- Every fixture -----------------------------------------------------------------------

FIXTURE_AGENTS = [
    *[
        case
        for corpus in ("corpus", "holdout", "holdout2", "frameworks")
        if (FIXTURES / corpus).is_dir()
        for case in cases(FIXTURES / corpus)
    ],
    EXAMPLES / "demo-agent",
    EXAMPLES / "ready-agent",
]


def _agent_roots(root: Path, report: Report) -> list[Path]:
    paths = [a.path for a in report.agents]
    return [root] if "." in paths else [root / p for p in paths]


@pytest.mark.parametrize("case", FIXTURE_AGENTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_init_on_every_fixture(case: Path, tmp_path: Path) -> None:
    """On each framework's and each corpus agent: only additions, idempotent, and every item
    left unpassed is either waiting for a placeholder or explained for a human."""
    work = tmp_path / case.name
    shutil.copytree(case, work, symlinks=True)
    first = check(work)
    for agent in _agent_roots(work, first):
        original = {p: p.read_bytes() for p in agent.rglob("*") if p.is_file()}
        plan = planning.plan(agent, now=NOW, report=first if agent == work else None)
        applying.apply(plan)
        for path, data in original.items():
            new = path.read_bytes()
            assert new == data or only_adds(data.decode(), new.decode()), path
        after = check_directory(agent)  # as `readycheck check` judges it, ancestors included
        result = outcome.outcome(plan, after)
        waiting = set(plan.placeholders.values())
        [agent_report] = [a for a in after.agents if a.path == "."]
        for item in agent_report.items:
            if item.status in ("pass", "n/a"):
                continue
            listed = any(f" {f.rule} " in line for f in item.findings for line in result.by_hand)
            assert listed or (item.item in waiting and result.fill_in), (item.item, item.status)
        assert not planning.plan(agent, now=NOW, report=after).changes  # a second run: no-op


# --- Framework agents --------------------------------------------------------------------


def test_a_framework_agent_gets_no_manifest_its_framework_never_reads(tmp_path: Path) -> None:
    """Issue 12: on a CrewAI project init wrote `output: {on_invalid: reject}` into
    readycheck.yaml, and the real gap (output_pydantic without a guardrail) disappeared
    from the report although CrewAI never reads that file."""
    work = tmp_path / "crew"
    shutil.copytree(FIXTURES / "frameworks" / "crewai-typical", work)
    agent = work / "src" / "latest_ai_development"
    before = snapshot(work)
    result = run_cli("init", str(agent))
    assert result.returncode == 1
    assert snapshot(work) == before  # nothing written: nothing CrewAI reads was missing
    out = result.stdout
    assert "output: CrewAI does not read readycheck.yaml at run time; set it in CrewAI: " in out
    assert "`max_iter` and `max_execution_time`" in out
    assert "(init left budget as it was)" in out
    check_out = run_cli("check", str(work)).stdout
    assert "RC508 output_pydantic without a guardrail" in check_out


def test_init_judges_the_agent_as_check_does_with_its_project(tmp_path: Path) -> None:
    """A shared budget.yaml at the project root counts for init as it does for check: init
    does not scaffold a budget the agent already has."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "budget.yaml").write_text(
        "budget: {max_steps: 40, max_runtime: 20m, max_tokens: 100000, "
        "on_limit: write handoff.json and stop}\n"
    )
    agent = root / "agents" / "scout"
    agent.mkdir(parents=True)
    (agent / "SOUL.md").write_text(BARE_SOUL, encoding="utf-8")
    result = run_cli("init", "--items", "budget", "scout", cwd=root / "agents")
    assert result.returncode == 0, result.stdout
    assert "nothing to change" in result.stdout and "1/1 selected items pass" in result.stdout
    assert not (agent / "readycheck.yaml").exists()
