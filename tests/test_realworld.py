"""The real-world corpus file is well formed (its measurement is `python -m tests.realworld`,
which needs clones of the public repositories and is not part of the suite)."""

from __future__ import annotations

import re

from readycheck.checklist import ITEM_IDS
from tests.realworld import load_corpus


def test_corpus_entries_are_pinned_and_labelled() -> None:
    entries = load_corpus()
    repos = {e["repo"] for e in entries}
    assert len(repos) == len(entries) >= 25
    agents = [a for e in entries for a in e.get("agents") or []]
    assert len(agents) >= 40
    assert any(not e.get("agents") for e in entries)  # repositories with no agent too
    assert {e["split"] for e in entries} == {"dev", "holdout", "fresh"}
    for entry in entries:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+", entry["repo"])
        assert re.fullmatch(r"[0-9a-f]{40}", entry["commit"])
        for agent in entry.get("agents") or []:
            for item in ITEM_IDS:
                label = agent[item]
                assert label["status"] in ("pass", "partial", "fail"), (entry["repo"], item)
                if label["status"] != "fail":  # evidence is quoted with its place
                    assert label["file"] and label["line"] >= 1 and label["quote"], label
                else:
                    assert label.get("why") or label.get("quote"), (entry["repo"], item)
                assert len(label.get("quote") or "") <= 300  # short quotes, never files
