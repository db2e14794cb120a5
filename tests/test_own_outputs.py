"""readycheck never reads its own outputs as agent instructions (issue 12, item 1): a
baseline and reports written into the scanned tree change no status, and the baseline
written there matches again."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.conftest import EXAMPLES, run_cli


def _statuses(root: Path) -> dict[str, dict[str, str]]:
    result = run_cli("check", "--no-cache", "--output-format", "json", str(root))
    report = json.loads(result.stdout)
    return {a["path"]: {i["id"]: i["status"] for i in a["items"]} for a in report["agents"]}


def test_outputs_written_into_the_tree_are_not_evidence(tmp_path: Path) -> None:
    root = tmp_path / "agent"
    shutil.copytree(EXAMPLES / "demo-agent", root)
    before = _statuses(root)
    baseline = root / ".readycheck-baseline.json"
    assert (
        run_cli("check", "--no-cache", "--write-baseline", str(baseline), str(root)).returncode == 0
    )
    outputs = [
        "junit:readycheck-junit.xml",
        "markdown:readycheck.md",
        "json:report.json",
        "sarif:results.sarif",
    ]
    args = [a for o in outputs for a in ("-o", f"{o.split(':')[0]}:{root / o.split(':')[1]}")]
    run_cli("check", "--no-cache", *args, str(root))
    assert (root / "report.json").is_file() and (root / "readycheck.md").is_file()
    assert _statuses(root) == before
    again = run_cli("check", "--no-cache", "--baseline", str(baseline), str(root))
    assert again.returncode == 0, again.stdout  # every finding matched: accepted risk
    files = run_cli("check", "--show-files", cwd=root).stdout
    assert "readycheck-output  .readycheck-baseline.json" in files
    assert "readycheck-output  report.json" in files
