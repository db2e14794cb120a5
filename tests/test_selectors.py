"""A typo cannot open the gate (issue 12, item 3): every rule selector and output format
is checked, on the command line and in the config, with a did-you-mean."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, run_cli


@pytest.fixture
def agent(tmp_path: Path) -> Path:
    root = tmp_path / "agent"
    shutil.copytree(EXAMPLES / "demo-agent", root)
    return root


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (("--select", "RC4O1"), "unknown rule selector 'RC4O1' in select (command line)"),
        (("--select", "budget-mising"), "did you mean 'budget-missing'?"),
        (("--extend-select", "RC9X"), "unknown rule selector 'RC9X' in extend-select"),
        (("--ignore", "RC1O1"), "unknown rule selector 'RC1O1' in ignore"),
        (("--severity", "RC4O1=note"), "unknown rule selector 'RC4O1' in severity"),
        (("--per-file-ignores", "*.md:RC1O5"), "in per-file-ignores"),
    ],
)
def test_an_unknown_selector_is_a_usage_error(
    agent: Path, args: tuple[str, ...], hint: str
) -> None:
    result = run_cli("check", *args, str(agent))
    assert result.returncode == 2
    assert hint in result.stderr
    assert "All checks passed" not in result.stdout


def test_an_unknown_selector_in_the_config_names_the_file_and_line(agent: Path) -> None:
    (agent / ".readycheck.yaml").write_text("fail-under: 0\nselect: [budget-mising]\n")
    result = run_cli("check", str(agent))
    assert result.returncode == 2
    assert ".readycheck.yaml" in result.stderr and "did you mean 'budget-missing'?" in result.stderr


def test_known_selectors_still_work(agent: Path) -> None:
    for selector in ("RC4", "RC401", "budget-missing", "ALL"):
        result = run_cli("check", "--select", selector, str(agent))
        assert result.returncode in (0, 1), (selector, result.stderr)


def test_an_unknown_output_format_is_a_usage_error(agent: Path, tmp_path: Path) -> None:
    result = run_cli("check", "-o", f"xml:{tmp_path / 'foo.xml'}", str(agent))
    assert result.returncode == 2
    assert "unknown format 'xml'" in result.stderr
    assert not (tmp_path / "foo.xml").exists()
