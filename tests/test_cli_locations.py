"""Locations a user can open: paths from the current directory in every format, SARIF with
its base URI, a code-only agent anchored at the file that imports its framework, and a
finding in a shared file printed once."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

from tests.conftest import EXAMPLES, ROOT, write_files
from tests.test_cli_verdict import invoke

SOUL = "# SOUL\n\nIf you are uncertain, stop and write the question to `outbox.json`.\n"
LOCATION = re.compile(r"^(?P<path>[^:\s]+):(?P<line>\d+):(?P<col>\d+): RC\d{3} ", re.MULTILINE)


def test_text_paths_open_from_the_current_directory() -> None:
    result = invoke("check", "fixtures/examples/demo-agent", cwd=ROOT)
    assert "fixtures/examples/demo-agent/SOUL.md:9:1: RC105" in result.stdout
    paths = {m["path"] for m in LOCATION.finditer(result.stdout)}
    assert paths and all((ROOT / p).is_file() for p in paths)


def test_a_path_outside_the_current_directory_is_printed_absolute(tmp_path: Path) -> None:
    result = invoke("check", str(EXAMPLES / "demo-agent"), cwd=tmp_path)
    paths = {m["path"] for m in LOCATION.finditer(result.stdout)}
    assert paths and all(Path(p).is_absolute() and Path(p).is_file() for p in paths)


def sarif_files(result_stdout: str) -> list[Path]:
    """Each result's file, resolved as a SARIF viewer does: its URI against the base URI
    that `originalUriBaseIds` gives its `uriBaseId`."""
    run = json.loads(result_stdout)["runs"][0]
    bases = run["originalUriBaseIds"]
    files = []
    for result in run["results"]:
        artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
        base = bases[artifact["uriBaseId"]]["uri"]
        assert base.startswith("file://") and base.endswith("/")
        files.append(Path(unquote(urlparse(base + artifact["uri"]).path)))
    return files


def test_sarif_names_its_base_uri(tmp_path: Path) -> None:
    inside = invoke("check", "--output-format", "sarif", "fixtures/examples/demo-agent", cwd=ROOT)
    files = sarif_files(inside.stdout)
    assert files and all(f.is_file() and f.is_relative_to(ROOT) for f in files)
    # From elsewhere the paths stay relative, to the scanned directory as the base.
    outside = invoke(
        "check", "--output-format", "sarif", str(EXAMPLES / "demo-agent"), cwd=tmp_path
    )
    assert sarif_files(outside.stdout) == files


CODE_ONLY = {
    ".readycheck.yaml": "agents: [services/bot]\n",
    "services/bot/README.md": "# the bot\n",
    "services/bot/util.py": "def helper():\n    return 1\n",
    "services/bot/main.py": (
        '"""The support bot."""\n\nfrom agents import Agent, Runner\n\n'
        'bot = Agent(name="support", instructions="Answer tickets.")\n'
        'print(Runner.run_sync(bot, "hello"))\n'
    ),
}


def test_a_code_only_agent_is_anchored_at_the_file_that_imports_its_framework(
    tmp_path: Path,
) -> None:
    write_files(tmp_path, CODE_ONLY)
    text = invoke("check", cwd=tmp_path)
    paths = {m["path"] for m in LOCATION.finditer(text.stdout)}
    assert paths == {"services/bot/main.py"}, text.stdout
    github = invoke("check", "--output-format", "github", cwd=tmp_path)
    files = set(re.findall(r"^::\w+ file=([^,]+),", github.stdout, re.MULTILINE))
    assert files == {"services/bot/main.py"}
    sarif = invoke("check", "--output-format", "sarif", cwd=tmp_path)
    assert all(f.is_file() for f in sarif_files(sarif.stdout))


def test_a_finding_in_a_shared_file_is_printed_once_with_a_count(tmp_path: Path) -> None:
    agents = [f"team/agent{i}" for i in range(12)]
    write_files(
        tmp_path,
        {
            "team/AGENTS.md": "# Rules\n\nIf you are unsure, make your best guess and go on.\n",
            **{f"{agent}/SOUL.md": SOUL for agent in agents},
        },
    )
    text = invoke("check", "team", cwd=tmp_path).stdout
    shared = [line for line in text.splitlines() if line.startswith("team/AGENTS.md:3:1: RC105")]
    assert len(shared) == 1 and shared[0].endswith("(12 agents)"), shared
    assert "agent11" not in shared[0]
    github = invoke("check", "--output-format", "github", "team", cwd=tmp_path).stdout
    annotations = [line for line in github.splitlines() if "file=team/AGENTS.md," in line]
    assert len(annotations) == 1 and annotations[0].endswith("(12 agents)"), annotations
    data = json.loads(invoke("check", "--output-format", "json", "team", cwd=tmp_path).stdout)
    owners = {f["agent"] for f in data["findings"] if f["rule"] == "RC105"}
    assert owners == set(agents)
