"""The one list of checklist items: everything that names the items agrees with it."""

from __future__ import annotations

import json

from readycheck.checklist import ITEM_IDS, ITEMS
from readycheck.config import DEFAULT_WEIGHTS
from readycheck.docs import ITEM_TITLES
from tests.conftest import ROOT


def test_weights_follow_the_checklist() -> None:
    assert DEFAULT_WEIGHTS == {
        "escalation": 10,
        "boot": 7.5,
        "state": 5,
        "budget": 10,
        "output": 7.5,
        "dlq": 5,
        "monitoring": 7.5,
    }
    assert tuple(DEFAULT_WEIGHTS) == ITEM_IDS


def test_schemas_enumerate_the_items() -> None:
    config = json.loads((ROOT / "schemas" / "config.schema.json").read_text())
    report = json.loads((ROOT / "schemas" / "report.schema.json").read_text())
    assert config["$defs"]["item"]["enum"] == list(ITEM_IDS)
    assert report["$defs"]["item_id"]["enum"] == list(ITEM_IDS)
    finding_items = report["$defs"]["finding"]["properties"]["item"]["enum"]
    assert finding_items == ["general", *ITEM_IDS, "suppression"]


def test_every_item_has_a_home_and_a_title() -> None:
    for spec in ITEMS:
        assert (ROOT / "readycheck" / "checklist" / spec.id / "judge.py").is_file()
        assert (ROOT / "rules" / spec.id / "rules.yaml").is_file()
        assert ITEM_TITLES[spec.id] == spec.title
        assert callable(spec.judge)
