"""Rule metadata, read from the YAML files of `readycheck.rules` (the repository's rules/)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    item: str
    severity: str
    summary: str
    why: str
    fix: str
    example: str


@lru_cache(maxsize=1)
def all_rules() -> dict[str, Rule]:
    """Every rule by ID, in ID order."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    rules: dict[str, Rule] = {}
    # rules/<item>/rules.yaml: each checklist item's rules beside its cases.
    homes = sorted(resources.files("readycheck.rules").iterdir(), key=lambda p: p.name)
    for home in homes:
        entry = home / "rules.yaml"
        if not home.is_dir() or not entry.is_file():
            continue
        for raw in yaml.load(entry.read_text(encoding="utf-8"), Loader=loader) or []:
            rule = Rule(**{k: str(raw[k]).strip() for k in Rule.__dataclass_fields__})
            rules[rule.id] = rule
    return dict(sorted(rules.items()))


def rule(rule_id: str) -> Rule:
    return all_rules()[rule_id]
