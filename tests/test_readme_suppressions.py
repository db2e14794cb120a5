"""The README's suppression examples, extracted from it and run: each suppresses what it
names, and none is reported unused (RC903)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from readycheck.cli import cli

README = Path(__file__).resolve().parent.parent / "README.md"


def _examples() -> dict[str, str]:
    """The first Markdown and YAML blocks of the README's suppressions section."""
    text = README.read_text(encoding="utf-8")
    section = text.split("### Suppressions and baselines", 1)[1].split("\n### ", 1)[0]
    blocks = re.findall(r"```(markdown|yaml)\n(.*?)```", section, re.S)
    found: dict[str, str] = {}
    for language, body in blocks:
        found.setdefault(language, body)
    return found


def test_the_readme_suppression_examples_work(tmp_path: Path) -> None:
    examples = _examples()
    assert set(examples) == {"markdown", "yaml"}
    # An agent whose state has no outbox (RC304) and whose budget has steps only (RC403,
    # no runtime limit; RC407, no on-limit behaviour): what the examples accept.
    (tmp_path / "SOUL.md").write_text(
        examples["markdown"]
        + "# Agent\n\n## Escalation\n\nIf you are uncertain, stop and hand the question to"
        " the on-call human on Slack.\n\n## State\n\nWrite current-task.json and"
        " context-snapshot.json after every step.\n",
        encoding="utf-8",
    )
    (tmp_path / "budget.yaml").write_text(examples["yaml"], encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["check", "--no-cache", "--output-format", "json", str(tmp_path)]
    )
    report = json.loads(result.output)
    reported = {f["rule"] for f in report["findings"]}
    suppressed = {f["rule"] for f in report["suppressed"]}
    assert {"RC304", "RC403", "RC407"} <= suppressed
    assert not {"RC304", "RC403", "RC407", "RC903", "RC901", "RC904"} & reported
