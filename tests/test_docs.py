"""Rule docs: `readycheck rule` / `readycheck rules` (text and JSON) and docs/rules.md say
the same thing, all generated from rules/*.yaml; a stale docs/rules.md fails here."""

from __future__ import annotations

import json
import re

import pytest

from readycheck.docs import DOCS_PATH, _anchor, main, rule_markdown, rules_markdown
from readycheck.registry import all_rules
from tests.conftest import ROOT, run_cli


def test_docs_rules_md_is_up_to_date() -> None:
    path = ROOT / DOCS_PATH
    assert path.is_file(), "docs/rules.md is missing: run `python -m readycheck.docs`"
    assert path.read_text(encoding="utf-8") == rules_markdown(), (
        "docs/rules.md is stale: run `python -m readycheck.docs` and commit the result"
    )
    assert main(["--check"]) == 0


def _plain(markdown: str) -> str:
    """The text without heading marks (the docs nest a rule two levels deeper)."""
    return re.sub(r"(?m)^#+ ", "", markdown)


@pytest.mark.parametrize("rule_id", ["RC001", "RC401", "RC604", "RC702"])
def test_rule_command_prints_the_docs_text(rule_id: str) -> None:
    rule = all_rules()[rule_id]
    result = run_cli("rule", rule_id)
    assert result.returncode == 0
    assert result.stdout == rule_markdown(rule)
    for heading in ("What it does", "Why is this bad?", "How to fix", "Example"):
        assert f"## {heading}" in result.stdout
    docs = (ROOT / DOCS_PATH).read_text(encoding="utf-8")
    assert _plain(result.stdout) in _plain(docs)
    assert run_cli("rule", rule.name).stdout == result.stdout


def test_every_rule_is_in_the_docs_and_every_link_resolves() -> None:
    docs = rules_markdown()
    headings = {_anchor(h) for h in re.findall(r"(?m)^#+ (.+)$", docs)}
    for rule in all_rules().values():
        assert f"### {rule.name} ({rule.id})" in docs
        assert f"[{rule.id}](#{_anchor(f'{rule.name} ({rule.id})')})" in docs
    links = re.findall(r"\]\(#([^)]+)\)", docs)
    assert links and set(links) <= headings


def test_rule_and_rules_as_json() -> None:
    one = json.loads(run_cli("rule", "RC401", "--output-format", "json").stdout)
    rule = all_rules()["RC401"]
    assert one == {
        "id": rule.id,
        "name": rule.name,
        "item": rule.item,
        "severity": rule.severity,
        "summary": rule.summary,
        "why": rule.why,
        "fix": rule.fix,
        "example": rule.example,
    }
    listing = json.loads(run_cli("rules", "--output-format", "json").stdout)
    assert [r["id"] for r in listing] == list(all_rules())
    assert all(r["why"] and r["fix"] and r["example"] for r in listing)


def test_unknown_rule_is_a_usage_error() -> None:
    result = run_cli("rule", "RC999", "--output-format", "json")
    assert result.returncode == 2 and result.stdout == ""
