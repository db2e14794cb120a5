"""Rules as data: every rule documented and validated, implemented exactly once, and every
finding readycheck produces names a documented rule."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from readycheck.checklist import ITEM_IDS, ITEMS
from readycheck.config import Settings
from readycheck.engine import check
from readycheck.registry import all_rules
from tests.conftest import FIXTURES, ROOT
from tests.corpus import cases

RULE_FILES = sorted((ROOT / "rules").glob("*/rules.yaml"))
PACKAGE = ROOT / "readycheck"


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.parent.name)
def test_rule_file_validates(path: Path) -> None:
    schema = json.loads((ROOT / "schemas" / "rule.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(yaml.safe_load(path.read_text()))


def test_ids_and_names_are_unique() -> None:
    entries = [r for p in RULE_FILES for r in yaml.safe_load(p.read_text())]
    ids = [r["id"] for r in entries]
    names = [r["name"] for r in entries]
    assert len(ids) == len(set(ids)) and len(names) == len(set(names))
    assert set(all_rules()) == set(ids)


def test_every_rule_has_exactly_one_implementation() -> None:
    """An item's rule is raised from that item's module only; a general (RC0xx) rule from
    the reading layer (parsers, discovery, engine). No module raises an undocumented ID."""
    sources = {p.relative_to(PACKAGE).as_posix(): p.read_text() for p in PACKAGE.rglob("*.py")}
    # Any quoted ID but a comparison (`problem.rule == "RC001"` reads a rule, raises none).
    raise_site = r"(?<!== )(?<!!= )[\"']({})[\"']"
    raised: set[str] = set()
    for rule in all_rules().values():
        homes = sorted(p for p, t in sources.items() if re.search(raise_site.format(rule.id), t))
        raised.add(rule.id)
        if rule.item == "general":
            assert homes, f"{rule.id} is never raised"
            assert all(h.startswith(("parsers/", "discover.py", "engine.py")) for h in homes)
        elif rule.item == "suppression":
            assert homes == ["suppress.py"], f"{rule.id} is raised from {homes}"
        else:
            home = f"checklist/{rule.item}/"
            assert homes and all(h.startswith(home) for h in homes), f"{rule.id}: {homes}"
    anywhere = {m for t in sources.values() for m in re.findall(raise_site.format(r"RC\d{3}"), t)}
    assert anywhere <= raised, f"undocumented: {anywhere - raised}"


def test_every_finding_on_the_corpus_is_documented() -> None:
    rules = all_rules()
    seen: set[str] = set()
    for case in [*cases(FIXTURES / "corpus"), FIXTURES / "examples" / "demo-agent"]:
        for finding in check(case, Settings()).findings:
            assert finding.rule in rules
            assert finding.severity == rules[finding.rule].severity
            seen.add(finding.rule)
    assert len(seen) >= 30  # the corpus exercises most rules


def test_rule_items_match_their_prefix() -> None:
    prefix = {"RC0": "general", "RC9": "suppression", **{s.prefix: s.id for s in ITEMS}}
    for rule in all_rules().values():
        assert rule.item == prefix[rule.id[:3]]


def test_each_rule_lives_in_its_items_folder() -> None:
    for path in RULE_FILES:
        assert {r["item"] for r in yaml.safe_load(path.read_text())} == {path.parent.name}
    assert {p.parent.name for p in RULE_FILES} == {*ITEM_IDS, "general", "suppression"}
