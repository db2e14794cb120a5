"""Rules that quote a field's value (RC306 a state file's timestamp, RC405 a budget limit,
RC507 an output schema's path) never print a secret written in that field (issue 13, item
11): not in any output format of `check`, nor in `report`, `explain`, `boot`, or the findings
`init` lists. (`init --dry-run`'s diff shows the agent's own lines around its edits as they
are, secrets included: masked, the patch would no longer apply.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from readycheck.reporters import FORMATS
from tests.conftest import run_cli, write_files

TOKEN = "ghp_" + "Zq8Xw2Lm4Np6Rt1Vb3Yc5Hd7Jf9Kg0Ms2Q"  # a GitHub token's shape
KEY = "sk-proj-" + "Zq8Xw2Lm4Np6Rt1Vb3Yc5Hd7Jf9Kg0Ms2Qa4We6Ty8Ui"  # an OpenAI key's
PASSWORD = "Pa55-w0rd-in-a-url"
SECRETS = (TOKEN, KEY, PASSWORD)


@pytest.fixture
def agent(tmp_path: Path) -> Path:
    return write_files(
        tmp_path / "agent",
        {
            "SOUL.md": "# Agent\n\nAfter every step, rewrite current-task.json.\n",
            # RC306 quotes the timestamp it cannot read.
            "current-task.json": f'{{"task_id": "T-1", "updated_at": "{TOKEN}"}}\n',
            "context-snapshot.json": (
                f'{{"facts": [], "updated_at": "https://bot:{PASSWORD}@example.com/"}}\n'
            ),
            "readycheck.yaml": (
                "budget:\n"
                f'  max_steps: "-1 {TOKEN}"\n'  # RC405 quotes a limit that is no limit
                f'  max_tokens: "unlimited {KEY}"\n'
                f"  {TOKEN}_max_steps: -1\n"  # and the key it names
                # A long value: where a quote is clipped, no half of a secret shows.
                f'  max_runtime: "-1 {"x " * 100}{TOKEN}"\n'
                "output:\n"
                f"  schema: schemas/{KEY}.schema.json\n"  # RC507 quotes a missing schema
                "  on_invalid: reject\n"
            ),
        },
    )


def _shown(*args: str) -> str:
    result = run_cli(*args)
    assert "Traceback" not in result.stderr, result.stderr
    # boot exits 2 for invalid state files: the timestamps here are.
    assert result.returncode in ((0, 1, 2) if args[0] == "boot" else (0, 1)), result.stderr
    return result.stdout + result.stderr


def _no_secret(*args: str) -> str:
    shown = _shown(*args)
    assert [s for s in SECRETS if s in shown] == [], args
    return shown


def test_check_masks_the_values_it_quotes_in_every_format(agent: Path) -> None:
    text = _no_secret("check", "--no-cache", str(agent))
    for rule in ("RC306", "RC405"):
        assert f" {rule} " in text  # the rules did quote the fields
    for output_format in FORMATS:
        _no_secret("check", "--no-cache", "--output-format", output_format, str(agent))


def test_other_commands_mask_them_too(agent: Path) -> None:
    _no_secret("report", str(agent))
    explained = _no_secret("explain", ".", "--path", str(agent))
    assert "RC306" in explained and "RC405" in explained
    for item in ("state", "budget", "output"):
        _no_secret("explain", ".", item, "--path", str(agent))
    by_hand = _shown("init", "--dry-run", str(agent)).split("fix by hand", 1)[1]
    assert " RC306 " in by_hand and " RC405 " in by_hand
    assert [s for s in SECRETS if s in by_hand] == []
    _no_secret("boot", str(agent))
    _no_secret("boot", "--json", str(agent))
