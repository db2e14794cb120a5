"""What the cold-path speed work must not change, each found by a review of it: a reading
that was made lazy, skipped or folded gives the result the eager reading gave."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from readycheck.parsers import read_document
from tests.conftest import run_cli


def test_a_suppression_in_framework_code_no_agent_owns_still_applies(tmp_path: Path) -> None:
    """Such files are searched for imports, not parsed; the one with a finding is read
    whole, so its `# readycheck:` directive is seen."""
    (tmp_path / "readycheck.yaml").write_text("agents: [agent]\n")
    (tmp_path / "agent").mkdir()
    (tmp_path / "agent" / "SOUL.md").write_text("# Soul\n\nYou summarise tickets.\n")
    (tmp_path / "tools").mkdir()
    (tmp_path / "tools" / "run.py").write_text(
        "# readycheck: ignore-file[RC006] reason: experimental scripts, not an agent\n"
        "from crewai import Agent\n"
    )
    result = run_cli("check", "--output-format", "json", str(tmp_path))
    report = json.loads(result.stdout)
    assert not [f for f in report["findings"] if f["rule"] == "RC006"]
    assert [s for s in report["suppressed"] if s["rule"] == "RC006"]


def _chain(terms: int) -> str:
    chain = "+".join(["b"] * terms)
    return f"retries = 3\nfoo(key={chain})\n"


def _deep(frames: int, doc_path: Path) -> str:
    """A non-literal's text read `frames` calls deep (where a judge may read it)."""
    if frames:
        return _deep(frames - 1, doc_path)
    doc = read_document(doc_path, doc_path.name, "python")
    return str(doc.calls[0].keywords["key"].source) if doc.calls else "RC005"


def test_a_deep_expression_reads_the_same_wherever_its_text_is_read(tmp_path: Path) -> None:
    """The text of a non-literal is written when first read, by recursion: a tree deep
    enough to fail there is refused when parsed (RC005), never read as '<expression>'
    depending on the stack of the reader."""
    ok, deep = tmp_path / "ok.py", tmp_path / "deep.py"
    ok.write_text(_chain(140))
    deep.write_text(_chain(400))
    shallow_text = _deep(0, ok)
    assert (
        shallow_text.startswith("b + b")
        and _deep(min(300, sys.getrecursionlimit() // 3), ok) == shallow_text
    )
    problems = read_document(deep, deep.name, "python").problems
    assert [p.rule for p in problems] == ["RC005"]


def test_a_long_webhook_url_is_read_as_words_a_blob_is_not(tmp_path: Path) -> None:
    """A value of 200 characters without a space is data (base64, a hash), unless it is
    a URL: a Teams or Slack webhook can be that long and is an alert route."""
    token = "A" * 190
    (tmp_path / "readycheck.yaml").write_text("agents: [agent]\n")
    (tmp_path / "agent").mkdir()
    (tmp_path / "agent" / "SOUL.md").write_text("# Soul\n\nYou summarise tickets.\n")
    (tmp_path / "agent" / "alerts.yaml").write_text(
        f"on: failure\nurl: https://hooks.slack.com/services/T0/B0/{token}\n"
    )
    report = json.loads(run_cli("check", "--output-format", "json", str(tmp_path)).stdout)
    (agent,) = report["agents"]
    assert {i["id"]: i["status"] for i in agent["items"]}["monitoring"] == "pass"
