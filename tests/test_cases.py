"""Data cases per checklist item, one runner over them (in the style of sqlfluff's YAML rule
tests). Each home `rules/<item>/` (the seven items, plus `general` and `suppression`) may hold
a `cases.yaml`: a list of cases of two kinds.

File cases: a small agent written to disk and checked by the real engine.

    - name: budget-all-limits            # unique within its file
      files:                             # path -> text; the agent is the directory root
        SOUL.md: |
          Stop after 50 steps, ...
        .readycheck.yaml: ...            # optional project config
      agent: sub                         # optional: the agent root to read (default ".")
      status: pass                       # the item's status for that agent (items only)
      findings: [RC402@SOUL.md:1]        # the exact list of the item's findings, or:
      raises: [RC402@SOUL.md:1]          #   findings that must be present, and
      not: [RC404]                       #   rule codes that must be absent

  The runner writes the files into a temporary directory, runs
  `check(root, load_settings(root))` and compares the home's findings (by `Finding.item`;
  for a checklist item, those of the chosen agent) as `RULE@path:line`, paths relative to
  the root. Suppressed findings are not findings.

Sentence cases: one unit of prose read by the prose reader, as if from SOUL.md.

    - text: "If unsure, make your best guess and keep going."
      headings: ["Escalation"]           # optional section headings above the unit
      gives: [escalation.anti]           # facts ("item.part") that must all be found
      not: [escalation.stop]             # facts that must all be absent
      source: fixtures/...               # optional: where the sentence was found (a note)

A sentence case lives in the home of the item of its first `gives`/`not` entry.

Coverage: every rule of `readycheck.registry.all_rules()` is raised at an exact file and
line by some file case, and checked-but-not-raised by another (an exact `findings` list
counts as not raising every rule of its home it does not name).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from readycheck.checklist import ITEM_IDS
from readycheck.config import load_settings

# The prose reader; imported here only, so that it is one line to update when it moves.
from readycheck.dialects import topic_of
from readycheck.dialects.prose import document_units
from readycheck.engine import check
from readycheck.model import Unit
from readycheck.reading.sentences import Source
from readycheck.registry import all_rules
from tests.conftest import ROOT

HOMES = ROOT / "rules"
FINDING = re.compile(r"^(RC\d{3})@(.+):(\d+)$")

# Rules that a case of plain text files cannot raise, and the test that raises them instead.
NOT_FROM_TEXT = {
    # A file over the 2 MiB read bound: too big to write in a case.
    "RC003": "tests/test_robustness.py::test_huge_file_is_skipped_fast",
}


@dataclass(frozen=True)
class Case:
    home: str  # rules/<home>/cases.yaml
    data: dict[str, Any]

    @property
    def id(self) -> str:
        label = self.data.get("name") or self.data["text"][:50]
        return f"{self.home}:{label}"


def _load() -> list[Case]:
    cases: list[Case] = []
    for path in sorted(HOMES.glob("*/cases.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        cases.extend(Case(path.parent.name, data) for data in raw)
    return cases


CASES = _load()
FILE_CASES = [c for c in CASES if "files" in c.data]
SENTENCE_CASES = [c for c in CASES if "text" in c.data]


def _run(case: Case, root: Path) -> tuple[str | None, list[str]]:
    """(the item's status or None, the home's findings as RULE@path:line)."""
    for rel, text in case.data["files"].items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    report = check(root, load_settings(root))
    agent = str(case.data.get("agent", "."))
    findings = [f for f in report.findings if f.item == case.home]
    if case.home not in ITEM_IDS:
        return None, [f"{f.rule}@{f.location.path}:{f.location.line}" for f in findings]
    reports = [a for a in report.agents if a.path == agent]
    assert reports, f"no agent {agent!r}; found {[a.path for a in report.agents]}"
    status = next(i.status for i in reports[0].items if i.item == case.home)
    mine = [f for f in findings if f.agent == agent]
    return status, [f"{f.rule}@{f.location.path}:{f.location.line}" for f in mine]


@pytest.mark.parametrize("case", FILE_CASES, ids=[c.id for c in FILE_CASES])
def test_file_case(case: Case, tmp_path: Path) -> None:
    status, found = _run(case, tmp_path)
    data = case.data
    if "status" in data:
        assert status == data["status"], f"status {status}; findings {found}"
    if "findings" in data:
        assert sorted(found) == sorted(data["findings"])
    for wanted in data.get("raises", []):
        assert wanted in found, f"{wanted} missing from {found}"
    for code in data.get("not", []):
        assert not [f for f in found if f.startswith(f"{code}@")], f"{code} wrongly in {found}"


@pytest.mark.parametrize("case", SENTENCE_CASES, ids=[c.id for c in SENTENCE_CASES])
def test_sentence_case(case: Case) -> None:
    data = case.data
    unit = Unit(data["text"], 1, tuple(data.get("headings", ())))
    # `path:` says where the sentence was written (default: the agent's SOUL.md); a skill's
    # notes or a string in code is not the agent's own instructions.
    path = data.get("path", "SOUL.md")
    primary = path.endswith((".md", ".txt")) and "/skills/" not in f"/{path}"
    source = Source(path, topic_of(path), primary=primary)
    facts = {f"{f.item}.{f.part}" for f in document_units([unit], source)}
    for wanted in data.get("gives", []):
        assert wanted in facts, f"{wanted} missing from {sorted(facts)}"
    for unwanted in data.get("not", []):
        assert unwanted not in facts, f"{unwanted} wrongly in {sorted(facts)}"


def test_cases_are_well_formed() -> None:
    homes = {p.name for p in HOMES.iterdir() if (p / "rules.yaml").is_file()}
    names: set[str] = set()
    for case in CASES:
        data = case.data
        assert case.home in homes, case.id
        if "files" in data:
            assert data.get("name") and case.id not in names, f"missing or repeated: {case.id}"
            names.add(case.id)
            assert {"findings", "raises", "not"} & set(data), case.id
            assert ("status" in data) == (case.home in ITEM_IDS), case.id
            for entry in data.get("findings", []) + data.get("raises", []):
                assert FINDING.match(entry), f"{case.id}: {entry!r} is not RULE@path:line"
        else:
            parts = data.get("gives", []) + data.get("not", [])
            assert parts and parts[0].split(".")[0] == case.home, case.id


def _raised() -> set[str]:
    return {
        m.group(1)
        for case in FILE_CASES
        for entry in case.data.get("findings", []) + case.data.get("raises", [])
        if (m := FINDING.match(entry))
    }


def _checked_and_not_raised() -> set[str]:
    out: set[str] = set()
    rules = all_rules()
    for case in FILE_CASES:
        out |= set(case.data.get("not", []))
        if "findings" in case.data:
            named = {entry.split("@")[0] for entry in case.data["findings"]}
            out |= {r for r, rule in rules.items() if rule.item == case.home} - named
    return out


def test_every_rule_is_raised_at_a_file_and_line() -> None:
    missing = sorted(set(all_rules()) - _raised() - set(NOT_FROM_TEXT))
    assert not missing, f"no file case raises {missing}"


def test_every_rule_is_checked_and_not_raised() -> None:
    missing = sorted(set(all_rules()) - _checked_and_not_raised())
    assert not missing, f"no file case checks that these stay quiet: {missing}"


def test_allow_list_names_real_rules_and_tests() -> None:
    for code, test in NOT_FROM_TEXT.items():
        assert code in all_rules()
        path, name = test.split("::")
        assert f"def {name}(" in (ROOT / path).read_text(encoding="utf-8"), test
