"""`check --statistics`: how many findings each rule reported, most first (as ruff's)."""

from __future__ import annotations

import json
from collections import Counter

from readycheck.model import Report
from readycheck.registry import all_rules

# The formats --statistics can print in.
FORMATS = ("text", "json")


def counts(report: Report) -> list[tuple[str, str, int]]:
    """(code, name, count) for every rule with a reported finding, most first, then by code."""
    rules = all_rules()
    counted = Counter(f.rule for f in report.findings)
    ordered = sorted(counted.items(), key=lambda pair: (-pair[1], pair[0]))
    return [(code, rules[code].name if code in rules else "", n) for code, n in ordered]


def render(report: Report, fmt: str) -> str:
    rows = counts(report)
    if fmt == "json":
        data = [{"code": code, "name": name, "count": n} for code, name, n in rows]
        return json.dumps(data, indent=2) + "\n"
    width = max((len(str(n)) for _, _, n in rows), default=1)
    return "".join(f"{n:>{width}}  {code}  {name}\n" for code, name, n in rows)
