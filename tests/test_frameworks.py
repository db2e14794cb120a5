"""Framework dialects: OpenClaw, CrewAI, LangGraph, OpenAI Agents SDK, AutoGen.

Every case under fixtures/frameworks/ is judged against its hand label (written from
CHECKLIST.md), then unit tests pin the rules that labels alone cannot show: a generic key
outside a framework call site is not credited, imports are resolved through aliases,
`max_turns=None` is unbounded, framework defaults are named, and no secret a config file
holds reaches any output format.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from readycheck import discover, engine
from readycheck.config import Settings, load_settings
from readycheck.dialects import document_facts
from readycheck.engine import check
from readycheck.frameworks.common import mask, secret_key
from readycheck.frameworks.registry import REGISTRY, Dialect, Framework
from readycheck.model import Document, Entry, Fact, Location, Report
from readycheck.parsers import kind_of, read_document
from readycheck.reporters import FORMATS, renderer
from tests.conftest import FIXTURES, run_cli
from tests.corpus import cases, verdicts

CORPUS = FIXTURES / "frameworks"
LABELS = {"openclaw": "openclaw", "crewai": "crewai", "langgraph": "langgraph"}
LABELS |= {"openai-agents": "openai-agents", "autogen": "autogen"}

MakeRepo = Callable[[dict[str, str | bytes]], Path]


# --- The labelled fixtures -------------------------------------------------------------


def test_every_framework_has_a_ready_a_typical_and_a_dangerous_case() -> None:
    names = {case.name for case in cases(CORPUS)}
    for framework in LABELS:
        for kind in ("ready", "typical", "dangerous"):
            assert f"{framework}-{kind}" in names
    assert {f.id for f in REGISTRY} == set(LABELS)


@pytest.mark.parametrize("case", cases(CORPUS), ids=lambda p: p.name)
def test_framework_case(case: Path) -> None:
    results, expected, found = verdicts(case)
    assert found == expected, "the agents readycheck finds differ from the labelled agents"
    wrong = [
        f"{v.agent} {v.item}: expected {v.expected}, got {v.actual}"
        for v in results
        if v.expected != v.actual
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("case", cases(CORPUS), ids=lambda p: p.name)
def test_reports_name_the_framework(case: Path) -> None:
    framework = case.name.rsplit("-", 1)[0]
    report = check(case, load_settings(case))
    assert report.agents and all(framework in a.frameworks for a in report.agents)


def _native_keys(report: Report, item: str) -> set[str]:
    return {k for a in report.agents for i in a.items if i.item == item for k in i.native_keys}


@pytest.mark.parametrize(
    ("case", "item", "keys"),
    [
        ("openclaw-ready", "budget", {"agents.defaults.timeoutSeconds"}),
        ("openclaw-ready", "monitoring", {"agents.defaults.heartbeat.target"}),
        ("openclaw-ready", "monitoring", {"cron.failureAlert"}),
        ("crewai-ready", "budget", {"max_iter", "max_execution_time", "max_tokens"}),
        ("crewai-ready", "output", {"output_pydantic", "guardrail"}),
        ("crewai-ready", "dlq", {"max_retry_limit"}),
        ("langgraph-ready", "budget", {"recursion_limit", "GraphRecursionError", "timeout"}),
        ("langgraph-ready", "state", {"checkpointer"}),
        ("langgraph-ready", "dlq", {"RetryPolicy.max_attempts"}),
        ("openai-agents-ready", "budget", {"max_turns", "error_handlers"}),
        ("openai-agents-ready", "output", {"output_type"}),
        ("openai-agents-ready", "state", {"SQLiteSession"}),
        ("autogen-ready", "budget", {"MaxMessageTermination", "TokenUsageTermination"}),
        ("autogen-ready", "output", {"output_content_type"}),
    ],
)
def test_native_keys_say_why_an_item_passed(case: str, item: str, keys: set[str]) -> None:
    report = check(CORPUS / case, load_settings(CORPUS / case))
    assert keys <= _native_keys(report, item)
    data = json.loads(renderer("json")(report))
    (json_item,) = [i for a in data["agents"] for i in a["items"] if i["id"] == item]
    assert keys <= set(json_item["native_keys"])


# --- The registry ----------------------------------------------------------------------


@pytest.mark.parametrize("framework", REGISTRY, ids=lambda f: f.id)
def test_each_registry_entry_is_its_modules_spec(framework: Framework) -> None:
    dialect = framework.dialect()
    assert isinstance(dialect, Dialect)
    assert dialect.SPEC is framework and framework.id == dialect.LABEL  # type: ignore[attr-defined]


@pytest.mark.parametrize("framework", REGISTRY, ids=lambda f: f.id)
def test_engine_and_discovery_read_the_registry(framework: Framework) -> None:
    for root in framework.import_roots:
        line = f"from {root}.sub import thing\n"
        assert engine.FRAMEWORK_OF_IMPORT[root] == framework.id
        match = engine._IMPORT.search(line)
        assert match and match.group(1) == root
    for name in framework.config_names:
        assert engine.FRAMEWORK_OF_FILE[name] == framework.id
    for marker in framework.markers:
        assert discover.MARKERS | set(discover.NESTED_MARKERS) >= {marker}
        assert discover._marker_root(f"apps/x/{marker}", Path("unused")) == "apps/x"


def test_engine_and_discovery_know_no_framework_the_registry_does_not() -> None:
    framework_markers = {m for f in REGISTRY for m in f.markers}
    assert discover.MARKERS - framework_markers == {"SOUL.md", "HEARTBEAT.md", "BOOT.md"}
    assert set(discover.NESTED_MARKERS) <= framework_markers
    assert set(engine.FRAMEWORK_OF_IMPORT) == {r for f in REGISTRY for r in f.import_roots}
    assert set(engine.FRAMEWORK_OF_FILE) == {n for f in REGISTRY for n in f.config_names}


def test_a_markdown_agent_loads_no_framework_module(make_repo: MakeRepo) -> None:
    root = make_repo({"SOUL.md": "# Soul\n\nYou summarise the news.\n"})
    script = (
        "import sys\nfrom pathlib import Path\nfrom readycheck.engine import check\n"
        f"check(Path({str(root)!r}))\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('readycheck.frameworks'))))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.split()
    modules = {f"readycheck.frameworks.{f.module}" for f in REGISTRY} | {
        "readycheck.frameworks.pyast"
    }
    assert "readycheck.frameworks.registry" in loaded
    assert not modules & set(loaded)


# --- Unit helpers ----------------------------------------------------------------------


def facts_of(path: Path, rel: str) -> list[Fact]:
    kind = kind_of(path.name)
    assert kind is not None
    return list(document_facts(read_document(path, rel, kind)))


def budget_limits(report: Report) -> dict[str, str]:
    (agent,) = report.agents
    (budget,) = [i for i in agent.items if i.item == "budget"]
    return {"status": budget.status, "keys": ",".join(budget.native_keys)}


def rules(report: Report) -> set[str]:
    return {f.rule for f in report.findings}


def judge(make_repo: MakeRepo, files: dict[str, str | bytes]) -> Report:
    root = make_repo({"SOUL.md": "# Soul\n\nYou summarise the news.\n", **files})
    return check(root, Settings())


# --- A generic key counts only at a framework call site --------------------------------


def test_generic_keys_outside_a_framework_call_are_not_credited(make_repo: MakeRepo) -> None:
    report = judge(
        make_repo,
        {
            "worker.py": (
                "import requests\n"
                "from langgraph.graph import StateGraph\n"
                "from mylib import Agent, Runner\n"
                "settings = {'recursion_limit': 50, 'max_turns': 5}\n"
                "Agent(max_iter=5, max_execution_time=60, max_tokens=1000)\n"
                "Runner.run(agent, 'go', max_turns=3)\n"
                "requests.get('https://example.com', timeout=30)\n"
                "def loop(max_turns=3, max_iter=4):\n"
                "    return max_turns\n"
            ),
        },
    )
    assert budget_limits(report)["status"] == "fail"
    assert "RC401" in rules(report)


def test_a_run_config_never_handed_to_a_graph_is_not_credited(make_repo: MakeRepo) -> None:
    code = (
        "from langgraph.graph import StateGraph\n"
        "builder = StateGraph(dict)\n"
        "graph = builder.compile()\n"
        "unused = {'recursion_limit': 30}\n"
    )
    report = judge(make_repo, {"graph.py": code})
    assert budget_limits(report)["status"] == "fail"
    relied = [f for f in report.findings if f.rule == "RC410"]
    assert relied and "recursion_limit" in relied[0].message and "25" in relied[0].message
    # Handed to the graph (bound to a name first), the same dict is the step limit.
    passed = code + "graph.invoke({'messages': []}, unused)\n"
    report = judge(make_repo, {"graph.py": passed})
    assert budget_limits(report)["keys"] == "recursion_limit"
    assert "RC410" not in rules(report)


def test_re_compile_is_not_a_graph(make_repo: MakeRepo) -> None:
    code = "import re\nimport langgraph\nPATTERN = re.compile('x')\n"
    report = judge(make_repo, {"util.py": code})
    assert "RC410" not in rules(report)


# --- Imports are resolved through aliases ----------------------------------------------


def test_import_aliases_resolve_to_the_framework(make_repo: MakeRepo) -> None:
    report = judge(
        make_repo,
        {
            "crew.py": (
                "from crewai import Agent as A\n"
                "import crewai as c\n"
                "A(role='r', goal='g', backstory='b', max_iter=5)\n"
                "c.Agent(role='r', goal='g', backstory='b', max_execution_time=60)\n"
            ),
            "run.py": (
                "from agents import Runner as R\n"
                "from agents.extensions.memory import SQLAlchemySession as Store\n"
                "R.run_sync(agent, 'hi', max_turns=4)\n"
                "Store.from_url('t', url='postgresql://db/agents')\n"
            ),
        },
    )
    keys = budget_limits(report)["keys"].split(",")
    assert {"max_iter", "max_execution_time", "max_turns"} <= set(keys)
    (agent,) = report.agents
    assert {"crewai", "openai-agents"} <= set(agent.frameworks)
    (state,) = [i for i in agent.items if i.item == "state"]
    assert "SQLAlchemySession" in state.native_keys


# --- Unbounded values and framework defaults -------------------------------------------


def test_generic_agent_classes_are_read(make_repo: MakeRepo) -> None:
    code = (
        "from agents import Agent, Runner\n"
        "agent = Agent[Ctx](name='a', instructions='i', output_type=Plan)\n"
        "Runner.run_sync(agent, 'x', max_turns=6)\n"
    )
    report = judge(make_repo, {"app.py": code})
    (agent,) = report.agents
    (output,) = [i for i in agent.items if i.item == "output"]
    assert output.status == "pass" and output.native_keys == ["output_type"]


def test_max_turns_none_is_unbounded(make_repo: MakeRepo) -> None:
    report = judge(
        make_repo, {"app.py": "from agents import Runner\nRunner.run(a, 'x', max_turns=None)\n"}
    )
    (finding,) = [f for f in report.findings if f.rule == "RC405"]
    assert "max_turns" in finding.message and finding.location.path == "app.py"
    assert budget_limits(report)["status"] == "fail"


def test_default_max_turns_is_not_a_limit_and_not_a_finding(make_repo: MakeRepo) -> None:
    report = judge(make_repo, {"app.py": "from agents import Runner\nRunner.run(a, 'x')\n"})
    assert budget_limits(report)["status"] == "fail"
    assert "RC410" not in rules(report)


def test_autogen_termination_conditions_are_read_positionally(make_repo: MakeRepo) -> None:
    code = (
        "from autogen_agentchat.conditions import MaxMessageTermination, TimeoutTermination\n"
        "from autogen_agentchat.teams import RoundRobinGroupChat\n"
        "stop = MaxMessageTermination(12) | TimeoutTermination(300)\n"
        "team = RoundRobinGroupChat([a, b], stop)\n"
    )
    report = judge(make_repo, {"team.py": code})
    assert {"MaxMessageTermination", "TimeoutTermination"} <= set(
        budget_limits(report)["keys"].split(",")
    )
    assert "RC410" not in rules(report)
    bare = "from autogen_agentchat.teams import RoundRobinGroupChat\nRoundRobinGroupChat([a, b])\n"
    report = judge(make_repo, {"team.py": bare})
    (relied,) = [f for f in report.findings if f.rule == "RC410"]
    assert "termination_condition" in relied.message


def test_a_default_is_not_named_when_the_dimension_is_bounded_elsewhere(
    make_repo: MakeRepo,
) -> None:
    graph = "from langgraph.graph import StateGraph\ngraph = StateGraph(dict).compile()\n"
    run = (
        "from langgraph.graph import StateGraph\nfrom app.graph import graph\n"
        "graph.invoke({}, config={'recursion_limit': 20})\n"
    )
    report = judge(make_repo, {"app/graph.py": graph, "app/run.py": run})
    assert "RC410" not in rules(report)


def test_openclaw_heartbeat_and_failure_alerts(make_repo: MakeRepo) -> None:
    def monitoring(config: str) -> tuple[str, set[str]]:
        report = judge(make_repo, {"openclaw.json": config})
        (agent,) = report.agents
        (item,) = [i for i in agent.items if i.item == "monitoring"]
        return item.status, rules(report)

    status, found = monitoring('{agents: {defaults: {heartbeat: {every: "30m"}}}}')
    assert status == "fail" and "RC705" in found
    status, found = monitoring('{agents: {defaults: {heartbeat: {target: "none"}}}}')
    assert status == "fail" and "RC704" in found
    status, _ = monitoring('{agents: {defaults: {heartbeat: {target: "last"}}}}')
    assert status == "pass"
    status, found = monitoring("{cron: {failureAlert: {after: 2}}}")
    assert status == "fail" and "RC705" in found
    status, _ = monitoring("{cron: {failureAlert: {enabled: true, after: 2}}}")
    assert status == "pass"


def test_openclaw_reads_only_its_own_runtime_keys(make_repo: MakeRepo) -> None:
    """A media or exec timeout in openclaw.json is not a session runtime limit."""
    config = (
        "{tools: {exec: {timeoutSec: 1800}, media: {audio: {timeoutSeconds: 120}}},"
        " agents: {defaults: {compaction: {timeoutSeconds: 180}}}}"
    )
    report = judge(make_repo, {"openclaw.json": config})
    assert budget_limits(report)["status"] == "fail"
    report = judge(make_repo, {"openclaw.json": "{agents: {defaults: {timeoutSeconds: 600}}}"})
    assert budget_limits(report)["keys"] == "agents.defaults.timeoutSeconds"


def test_crewai_output_is_enforced_only_by_a_guardrail(make_repo: MakeRepo) -> None:
    base = "from crewai import Task\nTask(description='d', expected_output='e', output_json=Out"
    for code, status, rule in (
        (base + ")\n", "partial", "RC508"),
        (base + ", guardrail=check)\n", "pass", None),
    ):
        report = judge(make_repo, {"crew.py": code})
        (agent,) = report.agents
        (item,) = [i for i in agent.items if i.item == "output"]
        assert item.status == status
        assert (rule in rules(report)) if rule else "RC508" not in rules(report)


def test_framework_human_in_the_loop_is_partial_at_most(make_repo: MakeRepo) -> None:
    report = judge(
        make_repo,
        {
            "tasks.py": (
                "from crewai import Task\n"
                "Task(description='d', expected_output='e', human_input=True)\n"
            )
        },
    )
    (agent,) = report.agents
    (item,) = [i for i in agent.items if i.item == "escalation"]
    assert item.status == "partial" and "RC106" in rules(report)


def test_in_memory_checkpointers_are_named(make_repo: MakeRepo) -> None:
    code = (
        "from langgraph.checkpoint.memory import MemorySaver\n"
        "from langgraph.graph import StateGraph\n"
        "memory = MemorySaver()\n"
        "graph = StateGraph(dict).compile(checkpointer=memory)\n"
    )
    report = judge(make_repo, {"graph.py": code})
    assert "RC308" in rules(report)
    persistent = code.replace("memory.MemorySaver", "sqlite.SqliteSaver").replace(
        "MemorySaver()", "SqliteSaver.from_conn_string('state.db')"
    )
    report = judge(make_repo, {"graph.py": persistent})
    (agent,) = report.agents
    (state,) = [i for i in agent.items if i.item == "state"]
    assert state.status == "partial" and "RC308" not in rules(report)  # no outbox


def test_code_only_app_without_a_declaration_is_reported_not_scored(make_repo: MakeRepo) -> None:
    root = make_repo({"bot/app.py": "from agents import Agent, Runner\nRunner.run_sync(a, 'x')\n"})
    report = check(root, Settings())
    assert not report.agents
    (finding,) = [f for f in report.findings if f.rule == "RC006"]
    assert "bot" in finding.message
    declared = check(root, Settings(agents=("bot",)))
    assert [a.path for a in declared.agents] == ["bot"]


# --- Secrets never reach an output -----------------------------------------------------

SECRETS = {
    "openclaw-ready": [
        "sk-ant-api03-Jx7Qk2Lr9Vt4Wm8Np3Zs6Yb1Hc5Df0Ge",
        "7301982245:AAHq1x9Vd0cKpLzR2wTy8uN4mEs6bFgJk3Q",
        "gw-5d1c0e9a7b3f48e2a6c4d8b0f1e7a935",
    ],
    "openclaw-typical": [
        "6623109874:AAF8rKp2QwXz7LmN4vBt1YcD9sEgH0uJi5o",
        "test-token-8f3a91c2e7d04b65",
    ],
    "openclaw-dangerous": [
        "sk-proj-R4nd0mT3stK3yV4lu3Abc123Def456Ghi789",
        "pat-na1-4b0e8c2d-91f7-4a3e-b6d5-0c9e8f7a6b5d",
        "MTE5ODc2NTQzMjEwOTg3NjU0Mw.GxYzAb.c2VjcmV0LWRpc2NvcmQtdG9rZW4tZXhhbXBsZQ",
        "hunter2-gateway-secret-do-not-share",
    ],
    "langgraph-dangerous": ["sk-proj-Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0PpOoNnMm"],
    "openai-agents-dangerous": ["sk-proj-Dz8Cx7Bw6Av5Zu4Yt3Xs2Wr1Vq0UpToSnRmQlPk"],
    "autogen-typical": ["sk-proj-Aa1Bb2Cc3Dd4Ee5Ff6Gg7Hh8Ii9Jj0KkLlMmNn"],
    "autogen-ready": ["sk-proj-Qq1Ww2Ee3Rr4Tt5Yy6Uu7Ii8Oo9Pp0AaSsDdFf"],
    "autogen-dangerous": ["sk-proj-Mm1Nn2Bb3Vv4Cc5Xx6Zz7Ll8Kk9Jj0HhGgFfDd"],
}


def _leaks(text: str, secrets: list[str]) -> list[str]:
    """Secrets found in `text`, whole or by a telling fragment (a cut-off prefix)."""
    return [s for s in secrets if s[:12] in text]


@pytest.mark.parametrize("case", sorted(SECRETS), ids=str)
def test_secrets_never_appear_in_any_output_format(case: str) -> None:
    root = CORPUS / case
    for path in root.rglob("*"):  # the fixture really holds them
        if path.is_file() and any(s in path.read_text(errors="ignore") for s in SECRETS[case]):
            break
    else:
        pytest.fail(f"{case} holds none of its secrets")
    report = check(root, load_settings(root))
    for name in FORMATS:
        assert not _leaks(renderer(name)(report), SECRETS[case]), name


def test_secrets_never_appear_in_the_cli_output() -> None:
    for name in FORMATS:
        result = run_cli("check", "--output-format", name, str(CORPUS / "openclaw-dangerous"))
        assert result.returncode in (0, 1), result.stderr
        assert not _leaks(result.stdout + result.stderr, SECRETS["openclaw-dangerous"]), name


def test_openclaw_facts_carry_no_secret() -> None:
    for case in ("openclaw-ready", "openclaw-typical", "openclaw-dangerous"):
        for f in facts_of(CORPUS / case / "openclaw.json", "openclaw.json"):
            assert not _leaks(f"{f.text} {f.value} {f.key}", SECRETS[case])


def test_a_secret_inside_a_finding_quote_is_masked(make_repo: MakeRepo) -> None:
    """A finding that quotes a config sentence (cut at 60 characters) must not carry the
    whole secret nor its first half."""
    token = "9f8e7d6c5b4a39281706f5e4d3c2b1a0fedcba98"
    config = f"retries:\n  policy: retry until it works\n  webhook_token: {token}\n"
    report = judge(make_repo, {"ops.yaml": config})
    assert "RC604" in rules(report)
    for name in FORMATS:
        assert not _leaks(renderer(name)(report), [token]), name


def test_masking_touches_only_facts_that_hold_a_secret() -> None:
    token = "xoxb-2211-4433-AbCdEfGhIjKlMnOp"
    doc = Document("x.yaml", "yaml", entries=[Entry(("slack", "bot_token"), token, 2)])
    loc = Location("x.yaml", 2)
    clean = Fact("monitoring", "route", loc, "slack", "config")
    secret = Fact("monitoring", "route", loc, f"slack bot token {token}", "config", value=token)
    cut = Fact("monitoring", "route", loc, f"slack bot token {token[:9]}", "config")
    out = list(mask(doc, [clean, secret, cut]))
    assert out[0] is clean
    assert out[1].text == "slack bot token ****" and out[1].value == "****"
    assert out[2].text == "slack bot token ****"
    assert secret_key("botToken") and secret_key("OPENAI_API_KEY") and secret_key("hookUrl")
    assert not any(map(secret_key, ("max_tokens", "maxTokens", "max_total_token", "mode")))
