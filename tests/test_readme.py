"""The README's configuration reference is generated from the config schema."""

from __future__ import annotations

import re

from readycheck.config import reference_markdown
from tests.conftest import ROOT

START, END = "<!-- config-reference:start -->", "<!-- config-reference:end -->"


def embedded() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(re.escape(START) + r"\n(.*?)" + re.escape(END), text, re.S)
    assert match, "README.md lacks the config reference markers"
    return match.group(1)


def test_config_reference_is_current() -> None:
    assert embedded() == reference_markdown(), (
        "README config reference is stale: run `python -m tests.test_readme`"
    )


def test_quick_start_commands_are_the_ci_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "readycheck check fixtures/examples/ready-agent" in readme
    assert "readycheck check fixtures/examples/ready-agent" in ci
    assert "python -m pytest" in readme and "python -m pytest" in ci


if __name__ == "__main__":
    path = ROOT / "README.md"
    text = path.read_text(encoding="utf-8")
    before, rest = text.split(START, 1)
    _, after = rest.split(END, 1)
    path.write_text(f"{before}{START}\n{reference_markdown()}{END}{after}", encoding="utf-8")
