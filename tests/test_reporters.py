"""Output formats, checked with the tools that consume them: SARIF against the official
2.1.0 schema, JUnit with an XML parser, GitHub workflow commands with the runner's own
parsing rules, Markdown with a CommonMark renderer; golden files pin every format on the
bundled examples.

Regenerate the golden files after an intended change of output:

    READYCHECK_UPDATE_GOLDEN=1 python -m pytest tests/test_reporters.py
"""

from __future__ import annotations

import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jsonschema
import pytest
from click.testing import CliRunner, Result

from readycheck import __version__
from readycheck.checklist import ITEM_IDS as ITEMS
from readycheck.cli import cli
from readycheck.config import Settings
from readycheck.engine import check
from readycheck.model import (
    AgentReport,
    Finding,
    ItemResult,
    Location,
    Report,
    Suppressed,
)
from readycheck.registry import all_rules
from readycheck.reporters import FORMATS, output, renderer
from readycheck.reporters import github as gh
from readycheck.reporters import markdown as md
from readycheck.reporters.common import controls_visible
from tests.conftest import EXAMPLES, FIXTURES, ROOT

GOLDEN = FIXTURES / "golden"
SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"  # vendored, see its README
EXAMPLE_NAMES = sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir())
UPDATE = os.environ.get("READYCHECK_UPDATE_GOLDEN", "") not in ("", "0")
# A clean environment for the command line: no CI detection, no format or cache from outside.
CLEAN_ENV: dict[str, str | None] = {
    "GITHUB_ACTIONS": None,
    "GITHUB_STEP_SUMMARY": None,
    "READYCHECK_OUTPUT_FORMAT": None,
    "READYCHECK_NO_CACHE": "1",
}

HOSTILE_TEXT = (
    "100% sure, a:b,c::error file=x::pwned\r\n::warning::injected %0A %25 "
    "<script>alert(1)</script> <img src=x onerror=alert(1)> [click](https://evil.example) "
    "![img](https://evil.example/i.png) @octocat #12 www.evil.example | cell | `code` "
    "*bold* _em_ ~~strike~~ $x^2$ &amp; \\| \u202egnp.exe"
)


def invoke(*args: str, cwd: Path = ROOT, env: dict[str, str | None] | None = None) -> Result:
    """The real command line, in process (fast), from `cwd`, in a clean environment."""
    previous = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(cli, list(args), env={**CLEAN_ENV, **(env or {})})
    finally:
        os.chdir(previous)


def normalise(text: str, fmt: str) -> str:
    """Golden files hold nothing that changes between machines or releases. SARIF's copy
    of the rule docs, and the rule indexes into it, are left out (the SARIF tests check
    them), so that adding or editing a rule does not touch the golden files."""
    if fmt == "sarif":
        data = json.loads(text)
        for run in data["runs"]:
            run["tool"]["driver"]["rules"] = "<rules/*.yaml>"
            assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == ROOT.as_uri() + "/"
            run["originalUriBaseIds"]["%SRCROOT%"]["uri"] = "<the current directory>"
            for result in run["results"]:
                result.pop("ruleIndex", None)
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    return text.replace(f'"{__version__}"', '"<version>"')


# --- golden files ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("example", EXAMPLE_NAMES)
def test_golden(example: str, fmt: str) -> None:
    result = invoke("check", "--output-format", fmt, f"fixtures/examples/{example}")
    assert result.exit_code in (0, 1), result.output
    out = normalise(result.stdout, fmt)
    assert str(ROOT) not in out and "/work/" not in out and "/tmp/" not in out
    path = GOLDEN / f"{example}.{fmt}"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(out, encoding="utf-8")
    assert path.is_file(), f"missing golden file {path}: set READYCHECK_UPDATE_GOLDEN=1"
    assert out == path.read_text(encoding="utf-8"), (
        f"{path.name} differs; if the change is intended, regenerate with "
        "READYCHECK_UPDATE_GOLDEN=1"
    )


def test_every_golden_file_is_used() -> None:
    expected = {f"{e}.{f}" for e in EXAMPLE_NAMES for f in FORMATS}
    assert {p.name for p in GOLDEN.iterdir()} == expected


@pytest.mark.parametrize("example", EXAMPLE_NAMES)
def test_report_command_prints_the_markdown_report(example: str) -> None:
    result = invoke("report", f"fixtures/examples/{example}")
    assert result.exit_code == 0  # a report, not a gate: `check` decides
    assert result.stdout == (GOLDEN / f"{example}.markdown").read_text(encoding="utf-8")


# --- SARIF ----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def sarif_validator() -> jsonschema.Draft4Validator:
    if not SARIF_SCHEMA.is_file():
        pytest.fail(f"the SARIF 2.1.0 schema is expected at {SARIF_SCHEMA}")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    return jsonschema.Draft4Validator(
        schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )


def validate_sarif(text: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(text)
    errors = sorted(sarif_validator().iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
    return data


SARIF_CASES = [
    *(f"fixtures/examples/{name}" for name in EXAMPLE_NAMES),
    "fixtures/corpus/crew-shared-agents-md",
    "fixtures/corpus/schema-invalid-metaschema",
    "fixtures/corpus/state-invalid-json",
    "fixtures/corpus/limits-over-ceiling",
    "fixtures/corpus/claude-md-only",
    "fixtures/corpus/sibling-anti-pattern-isolated",
]


@pytest.mark.parametrize("case", SARIF_CASES)
def test_sarif_validates_against_the_official_schema(case: str) -> None:
    result = invoke("check", "--output-format", "sarif", case)
    data = validate_sarif(result.stdout)
    run = data["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    report = check(ROOT / case, Settings())
    assert len(run["results"]) == len(report.findings) + len(report.suppressed)
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        loc = res["locations"][0]["physicalLocation"]
        uri = loc["artifactLocation"]["uri"]
        assert loc["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert not uri.startswith(("/", "file:")) and "\\" not in uri
        assert (ROOT / unquote(uri)).exists(), uri  # repo-relative: resolves from the root
        assert loc["region"]["startLine"] >= 1 and loc["region"]["startColumn"] >= 1
        assert res["level"] in ("error", "warning", "note")
        assert res["partialFingerprints"]["readycheck/v1"]


def test_sarif_rules_carry_the_rule_docs() -> None:
    data = validate_sarif(renderer("sarif")(Report("/x", [], [], [])))
    driver = data["runs"][0]["tool"]["driver"]
    assert driver["name"] == "readycheck" and driver["informationUri"].startswith("https://")
    assert [r["id"] for r in driver["rules"]] == list(all_rules())
    for entry in driver["rules"]:
        rule = all_rules()[entry["id"]]
        assert entry["name"] == rule.name
        assert entry["shortDescription"]["text"] == rule.summary
        assert entry["fullDescription"]["text"].strip()
        assert rule.fix.split()[0] in entry["help"]["text"]
        assert "How to fix" in entry["help"]["markdown"]
        assert entry["defaultConfiguration"]["level"] == rule.severity


def test_sarif_of_a_clean_repository_has_an_empty_results_array() -> None:
    data = validate_sarif(
        invoke("check", "--output-format", "sarif", "fixtures/examples/ready-agent").stdout
    )
    assert data["runs"][0]["results"] == []


def test_sarif_fingerprints_survive_moved_lines(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES / "demo-agent", tmp_path / "agent")
    soul = tmp_path / "agent" / "SOUL.md"

    def results() -> list[dict[str, Any]]:
        out = invoke("check", "--output-format", "sarif", "agent", cwd=tmp_path).stdout
        return list(validate_sarif(out)["runs"][0]["results"])

    before = results()
    soul.write_text("\n\n\n" + soul.read_text(encoding="utf-8"), encoding="utf-8")
    after = results()

    def key(r: dict[str, Any]) -> tuple[str, str]:
        return r["ruleId"], r["message"]["text"]

    def line(r: dict[str, Any]) -> int:
        return int(r["locations"][0]["physicalLocation"]["region"]["startLine"])

    old = {key(r): r for r in before}
    new = {key(r): r for r in after}
    assert old.keys() == new.keys()
    moved = [k for k in old if line(old[k]) != line(new[k])]
    assert moved, "the test should move some findings"
    for k in old:
        assert old[k]["partialFingerprints"] == new[k]["partialFingerprints"], k
    prints = [r["partialFingerprints"]["readycheck/v1"] for r in before]
    assert len(prints) == len(set(prints))


def _report(
    findings: list[Finding],
    agents: list[AgentReport] | None = None,
    notes: list[str] | None = None,
    suppressed: list[Suppressed] | None = None,
) -> Report:
    return Report("/abs/root", agents or [], findings, notes or [], 0.0, False, suppressed or [])


def _agent(
    path: str, statuses: dict[str, str], evidence: list[Location] | None = None
) -> AgentReport:
    items = [
        ItemResult(
            item,
            statuses.get(item, "pass"),  # type: ignore[arg-type]
            evidence=list(evidence or []),
            reason=HOSTILE_TEXT if statuses.get(item) == "n/a" else "",
        )
        for item in ITEMS
    ]
    return AgentReport(path, [f"{path}/SOUL.md"], [], items, 50.0, False)


def test_sarif_lists_accepted_risk_as_suppressions() -> None:
    f1 = Finding("RC401", "no session budget", Location("a/SOUL.md", 3), "budget", "error", "a")
    f2 = Finding("RC702", "logging only", Location("a/SOUL.md", 9), "monitoring", "warning", "a")
    report = _report(
        [],
        [_agent("a", {})],
        suppressed=[
            Suppressed(
                f1, "runtime is capped by the job runner", Location("a/SOUL.md", 2), "2030-01-01"
            ),
            Suppressed(f2, "accepted in the baseline"),
        ],
    )
    data = validate_sarif(renderer("sarif")(report))
    results = data["runs"][0]["results"]
    assert [r["suppressions"][0]["kind"] for r in results] == ["inSource", "external"]
    assert results[0]["suppressions"][0]["justification"] == "runtime is capped by the job runner"
    assert results[0]["suppressions"][0]["location"]["physicalLocation"]["region"]["startLine"] == 2


def test_sarif_escapes_hostile_paths_and_messages() -> None:
    path = "evil,dir:100%::x/[a] b#c?.md"
    report = _report(
        [Finding("RC401", HOSTILE_TEXT, Location(path, 4, 2), "budget", "error", "evil")],
        notes=[HOSTILE_TEXT],
    )
    data = validate_sarif(renderer("sarif")(report))
    res = data["runs"][0]["results"][0]
    uri = res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert unquote(uri) == path and re.fullmatch(r"[A-Za-z0-9._~%/-]+", uri)
    # Literal brackets are escaped so that SARIF viewers do not read them as links.
    assert "\\[click\\](https" in res["message"]["text"]


# --- GitHub workflow commands ---------------------------------------------------------


def runner_parse(line: str) -> tuple[str, dict[str, str], str]:
    """Parse a workflow command as the Actions runner does (ActionCommand.TryParseV2)."""
    line = line.lstrip()
    assert line.startswith("::")
    end = line.index("::", 2)
    info, data = line[2:end], line[end + 2 :]
    name, _, props = info.partition(" ")
    properties = {}
    for pair in filter(None, props.split(",")):
        key, _, value = pair.partition("=")
        for token, escaped in (
            ("\r", "%0D"),
            ("\n", "%0A"),
            (":", "%3A"),
            (",", "%2C"),
            ("%", "%25"),
        ):
            value = value.replace(escaped, token)
        properties[key] = value
    for token, escaped in (("\r", "%0D"), ("\n", "%0A"), ("%", "%25")):
        data = data.replace(escaped, token)
    return name, properties, data


def test_github_escaping_round_trips_through_the_runner_parser() -> None:
    path = "dir,with:colons%25/bad\nname::warning file=x::y,z%0A.md"
    finding = Finding("RC604", HOSTILE_TEXT, Location(path, 7, 3), "dlq", "warning")
    line = gh.annotation(finding)
    assert "\n" not in line and "\r" not in line
    name, props, message = runner_parse(line)
    assert name == "warning"
    assert props == {"file": path, "line": "7", "col": "3", "title": "RC604 dlq-unbounded-retries"}
    assert message == controls_visible(HOSTILE_TEXT)  # the bidi override made visible
    assert gh.escape_data("a%b\r\nc") == "a%25b%0D%0Ac"
    assert gh.escape_property("a%b\r\nc:d,e") == "a%25b%0D%0Ac%3Ad%2Ce"


@pytest.fixture
def hostile_repo(tmp_path: Path) -> Path:
    """A repository whose file names and text try to break every output format."""
    agent = tmp_path / "evil,dir:100%::x @octocat <b>"
    agent.mkdir()
    (agent / "SOUL.md").write_text(
        "# Agent\n\nYou answer support tickets.\n\n"
        "If unsure, make your best guess.\n\n"
        "Retry until it works: 100%, a:b, ::error::x\n\n"
        "Log everything to logs/agent.log.\n",
        encoding="utf-8",
    )
    for name in (
        "bad\nname::warning file=x::y,z%0A.json",
        "tab\there|pipe`tick`<script>&amp;.json",
        "esc\x1b[31m.json",
    ):
        (agent / name).write_text('{"a": ', encoding="utf-8")
    return tmp_path


def test_github_output_on_a_hostile_repository(hostile_repo: Path) -> None:
    result = invoke("check", "--output-format", "github", ".", cwd=hostile_repo)
    assert result.exit_code == 1
    report = check(hostile_repo, Settings())
    assert any("\n" in f.location.path for f in report.findings)
    lines = result.stdout.splitlines()
    annotations = [line for line in lines if line.startswith(("::error", "::warning", "::notice "))]
    assert len(annotations) == len(report.findings) + len(report.notes)
    parsed = [runner_parse(line) for line in annotations[: len(report.findings)]]
    for finding, (name, props, message) in zip(report.findings, parsed, strict=True):
        assert name == {"error": "error", "warning": "warning", "note": "notice"}[finding.severity]
        assert props["file"] == controls_visible(finding.location.path)
        assert props["line"] == str(finding.location.line)
        assert message == controls_visible(finding.message)
    # No other line is a workflow command (the runner trims leading space), and no line
    # carries a legacy `##[` command.
    commands = {"error", "warning", "notice", "group", "endgroup"}
    for line in lines:
        if line.lstrip().startswith("::"):
            assert runner_parse(line)[0] in commands
        assert "##[" not in line


def test_auto_format_follows_github_actions() -> None:
    demo = "fixtures/examples/demo-agent"
    on_actions = invoke("check", demo, env={"GITHUB_ACTIONS": "true"})
    assert on_actions.stdout.startswith("::error file=fixtures/examples/demo-agent/SOUL.md,")
    elsewhere = invoke("check", demo)
    assert elsewhere.stdout.startswith(f"{demo}/SOUL.md:1:1: RC301")
    explicit = invoke("check", "--output-format", "text", demo, env={"GITHUB_ACTIONS": "true"})
    assert explicit.stdout == elsewhere.stdout


# --- JUnit ----------------------------------------------------------------------------


def parse_junit(text: str) -> ET.Element:
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "testsuites"
    for attr in ("tests", "failures", "errors", "skipped"):
        assert int(root.get(attr, "-1")) == sum(int(s.get(attr, "0")) for s in root)
    for suite in root:
        cases = suite.findall("testcase")
        assert int(suite.get("tests", "-1")) == len(cases)
        assert int(suite.get("failures", "-1")) == sum(bool(c.findall("failure")) for c in cases)
        assert int(suite.get("errors", "-1")) == sum(bool(c.findall("error")) for c in cases)
        assert int(suite.get("skipped", "-1")) == sum(bool(c.findall("skipped")) for c in cases)
    return root


def test_junit_one_suite_per_agent_one_case_per_item() -> None:
    demo = parse_junit(
        invoke("check", "--output-format", "junit", "fixtures/examples/demo-agent").stdout
    )
    (suite,) = demo.findall("testsuite")
    assert suite.get("name") == "readycheck fixtures/examples/demo-agent"
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert list(cases) == list(ITEMS)
    report = check(EXAMPLES / "demo-agent", Settings())
    for item in report.agents[0].items:
        failure = cases[item.item].find("failure")
        assert (failure is not None) == (item.status in ("fail", "partial"))
        if failure is not None:
            assert failure.get("type") == item.status
            for f in report.findings:
                if f.item == item.item:
                    assert f"{f.rule} [{f.severity}] {f.message}" in (failure.text or "")
            assert "How to fix:" in (failure.text or "")
    ready = parse_junit(
        invoke("check", "--output-format", "junit", "fixtures/examples/ready-agent").stdout
    )
    assert ready.get("tests") == "7" and ready.get("failures") == "0"


def test_junit_skips_not_applicable_items_with_their_reason() -> None:
    report = check(EXAMPLES / "ready-agent", Settings(not_applicable={".": {"dlq": "no queue"}}))
    root = parse_junit(renderer("junit")(report))
    skipped = root.find(".//testcase[@name='dlq']/skipped")
    assert skipped is not None and skipped.get("message") == "n/a: no queue"
    assert root.get("skipped") == "1"


def test_junit_is_valid_xml_for_hostile_names_and_text(hostile_repo: Path) -> None:
    result = invoke("check", "--output-format", "junit", ".", cwd=hostile_repo)
    root = parse_junit(result.stdout)
    files = root.find(".//testcase[@name='files']/error")
    assert files is not None and "RC001" in (files.get("type") or "")
    assert "<script>" in (files.text or "")  # escaped in XML, intact once parsed
    report = _report(
        [
            Finding(
                "RC401", HOSTILE_TEXT + "\x00\x1b\ufffe", Location("a\x0b.md"), "budget", agent="a"
            )
        ],
        [_agent("a", {"budget": "fail", "dlq": "n/a"})],
    )
    root = parse_junit(renderer("junit")(report))
    failure = root.find(".//testcase[@name='budget']/failure")
    assert failure is not None and "<script>alert(1)</script>" in (failure.text or "")
    assert "\\u0000" in (failure.text or "")


# --- Markdown -------------------------------------------------------------------------


def html_of(markdown: str) -> str:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").enable("strikethrough").render(markdown)


@pytest.mark.parametrize("piece", [HOSTILE_TEXT, "a\nb\n\n<details>", "x | y", "@a #1", "`"])
def test_markdown_text_cannot_inject(piece: str) -> None:
    out = html_of(f"- {md.text(piece)}\n")
    assert "<script" not in out and "<img" not in out and "<a " not in out
    assert "<em>" not in out and "<strong>" not in out and "<code>" not in out
    assert "<del>" not in out and "<details>" not in out
    visible = out.replace("\u2060", "")
    assert visible.count("<li>") == 1
    # GitHub's autolinks, @mentions and #references are broken by an invisible joiner.
    for token in ("://", "@octocat", "#12", "www.evil"):
        if token in piece:
            assert token not in out
    assert "\n" not in md.text(piece)


def test_markdown_code_spans_stay_literal() -> None:
    for piece in ["`a``b`", "a|b", " lead", "<b>x</b>", "a\nb"]:
        out = html_of(f"| x |\n|---|\n| {md.code(piece, table=True)} |\n")
        assert out.count("<td>") == 1 and out.count("<code>") == 1
        assert "<b>" not in out


def _table_rows(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("| ") and line.endswith(" |")]


def test_markdown_report_of_a_hostile_repository(hostile_repo: Path) -> None:
    result = invoke("report", ".", cwd=hostile_repo)
    assert result.exit_code == 0
    out = result.stdout
    rendered = html_of(out)
    assert "<script" not in rendered and "&lt;script&gt;" in rendered
    # The only <b> elements are the report's own item labels, never the directory's `<b>`.
    labels = {"files", *ITEMS}
    assert all(m in labels for m in re.findall(r"<b>([^<]*)</b>", rendered))
    assert "&lt;b&gt;" in rendered
    # GitHub does not link @mentions inside code; everywhere else they are broken.
    assert "@octocat" not in re.sub(r"<code>.*?</code>", "", rendered)
    assert out.count("<details>") == out.count("</details>")
    for row in _table_rows(out):
        cells = re.split(r"(?<!\\)\|", row)
        assert len(cells) == 7, row  # 5 columns, plus the empty ends


def test_markdown_lists_suppressed_notes_and_not_applicable_reasons() -> None:
    f = Finding("RC401", HOSTILE_TEXT, Location("a/SOUL.md", 3), "budget", "error", "a")
    report = _report(
        [
            Finding(
                "RC105", "anti-pattern 'x'", Location("a/SOUL.md", 5), "escalation", "error", "a"
            )
        ],
        [_agent("a", {"escalation": "fail", "dlq": "n/a"}, [Location("a/SOUL.md", 1)])],
        notes=["python code in 'svc' with no agent marker"],
        suppressed=[
            Suppressed(
                f, "accepted: the runner caps it | @team", Location("a/SOUL.md", 2), "2030-01-01"
            )
        ],
    )
    out = md.render(report)
    assert "### Accepted risk (1 suppressed finding)" in out
    assert "accepted: the runner caps it \\| @\u2060team" in out
    assert "2030-01-01" in out and "> [!NOTE]" in out and "svc" in out
    assert "not applicable: 100% sure" in out
    assert "RC105" in out and "For example (RC105)" in out
    for row in _table_rows(out):
        assert len(re.split(r"(?<!\\)\|", row)) in (7, 8), row


def test_markdown_overview_for_several_agents() -> None:
    out = invoke("report", "fixtures/corpus/crew-shared-agents-md").stdout
    assert "### Agents" in out
    report = check(ROOT / "fixtures/corpus/crew-shared-agents-md", Settings())
    for agent in report.agents:
        assert f"`fixtures/corpus/crew-shared-agents-md/{agent.path}`" in out
    # Agents that are not ready come first, in the overview and in the sections.
    mixed = _report(
        [], [_agent("b-ready", {}), _agent("a-ready", {}), _agent("z", {"dlq": "fail"})]
    )
    mixed.agents[0].ready = mixed.agents[1].ready = True
    headings = re.findall(r"(?m)^### \S+ `([^`]+)`", md.render(mixed))
    assert headings == ["z", "a-ready", "b-ready"]


def _big_report(agents: int, findings_per_item: int) -> Report:
    all_findings = []
    agent_reports = []
    for a in range(agents):
        path = f"agents/agent-{a:05d}"
        agent_reports.append(_agent(path, {item: "fail" for item in ITEMS}))
        for item in ITEMS:
            for n in range(findings_per_item):
                all_findings.append(
                    Finding(
                        "RC401", "x" * 300, Location(f"{path}/SOUL.md", n + 1), item, "error", path
                    )
                )
    return _report(all_findings, agent_reports)


@pytest.mark.parametrize("limit", [20_000, 200_000, md.MAX_BYTES])
def test_markdown_stays_under_the_size_limit(limit: int) -> None:
    out = md.render(_big_report(400, 5), limit)
    assert len(out.encode("utf-8")) <= limit
    assert "Report truncated" in out
    assert out.count("<details>") == out.count("</details>")
    small = md.render(_big_report(1, 1), limit)
    assert "Report truncated" not in small


def test_github_summary_is_appended_and_kept_under_the_limit(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("# Earlier step\n", encoding="utf-8")
    demo = "fixtures/examples/demo-agent"
    result = invoke("report", "--github-summary", demo, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 0 and result.stdout == ""
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# Earlier step\n\n## ❌ readycheck: 0 of 1 agents ready")
    # An almost full summary leaves little room: the report is cut, the total stays legal.
    summary.write_text("x" * (md.SUMMARY_LIMIT - 5000), encoding="utf-8")
    invoke("report", "--github-summary", demo, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert summary.stat().st_size <= md.SUMMARY_LIMIT
    assert "Report truncated" in summary.read_text(encoding="utf-8")
    # A full summary is left alone.
    summary.write_text("x" * (md.SUMMARY_LIMIT - 100), encoding="utf-8")
    full = invoke("report", "--github-summary", demo, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert full.exit_code == 0 and summary.stat().st_size == md.SUMMARY_LIMIT - 100


def test_github_summary_without_the_variable_writes_to_stdout() -> None:
    result = invoke("report", "--github-summary", "fixtures/examples/ready-agent")
    assert result.exit_code == 0 and "readycheck: 1 of 1 agents ready" in result.stdout


# --- several outputs in one run -------------------------------------------------------


def test_several_outputs_in_one_run(tmp_path: Path) -> None:
    sarif, junit = tmp_path / "out" / "results.sarif", tmp_path / "junit.xml"
    result = invoke(
        "check",
        "--output-format",
        "text",
        "-o",
        f"sarif:{sarif}",
        "-o",
        f"junit:{junit}",
        "fixtures/examples/demo-agent",
    )
    assert result.exit_code == 1
    assert "SOUL.md:9:1: RC105" in result.stdout
    validate_sarif(sarif.read_text(encoding="utf-8"))
    parse_junit(junit.read_text(encoding="utf-8"))


def test_plain_output_file_keeps_the_main_format(tmp_path: Path) -> None:
    main, extra = tmp_path / "report.json", tmp_path / "report.md"
    result = invoke(
        "check",
        "--output-format",
        "json",
        "-o",
        str(main),
        "-o",
        f"markdown:{extra}",
        "fixtures/examples/ready-agent",
    )
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(main.read_text(encoding="utf-8"))["ready"] is True
    assert extra.read_text(encoding="utf-8").startswith("## ✅ readycheck")


@pytest.mark.parametrize(
    "args", [["-o", "a.txt", "-o", "b.txt"], ["-o", "sarif:"], ["--output-format", "yaml"]]
)
def test_bad_outputs_are_usage_errors(args: list[str], tmp_path: Path) -> None:
    result = invoke("check", *args, "fixtures/examples/ready-agent", cwd=ROOT)
    assert result.exit_code == 2
    assert not (ROOT / "a.txt").exists()


def test_formats_render_every_bundled_example_in_process() -> None:
    """Each renderer is a pure function of the report: same report, same text."""
    for name in EXAMPLE_NAMES:
        report = check(EXAMPLES / name, Settings())
        for fmt in FORMATS:
            assert output(report, fmt) == output(report, fmt)


def test_paths_from_a_directory_inside_the_root() -> None:
    from readycheck.reporters.common import from_within

    assert from_within("agents/writer/SOUL.md", "agents") == "writer/SOUL.md"
    assert from_within("AGENTS.md", "agents/writer") == "../../AGENTS.md"
    assert from_within("agents/writer", "agents/writer") == "."
    assert from_within(".", "agents") == ".."
    assert from_within("", "agents") == ""
