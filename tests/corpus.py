"""The labelled corpus: compare readycheck's verdicts with the expected status per item.

Each case is a directory `fixtures/corpus/<case>/` with a sibling `<case>.yaml` holding
`agents: {<agent path>: {<item>: pass|partial|fail}}`. Used by the tests and by
`python -m tests.corpus` to print per-item accuracy.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from readycheck.checklist import ITEM_IDS as ITEMS


@dataclass(frozen=True)
class Verdict:
    case: str
    agent: str
    item: str
    expected: str
    actual: str


def cases(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.iterdir() if p.is_dir() and p.with_suffix(".yaml").is_file())


def verdicts(case: Path) -> tuple[list[Verdict], set[str], set[str]]:
    """(verdicts, expected agent paths, found agent paths) for one case."""
    import yaml

    from readycheck.config import load_settings
    from readycheck.engine import check

    labels = yaml.safe_load(case.with_suffix(".yaml").read_text(encoding="utf-8"))
    expected = labels.get("agents") or {}
    # A case's own project config counts (code-only apps declare their root under
    # `agents:` in .readycheck.yaml); a case without one runs with the defaults.
    report = check(case, load_settings(case))
    found = {a.path: a for a in report.agents}
    out: list[Verdict] = []
    for agent, items in expected.items():
        actual = {i.item: i.status for i in found[agent].items} if agent in found else {}
        for item in ITEMS:
            out.append(Verdict(case.name, agent, item, items[item], actual.get(item, "missing")))
    return out, set(expected), set(found)


def main(argv: list[str]) -> int:
    corpus = Path(argv[0]) if argv else Path("fixtures/corpus")
    all_verdicts: list[Verdict] = []
    agent_errors: list[str] = []
    for case in cases(corpus):
        vs, expected, found = verdicts(case)
        all_verdicts.extend(vs)
        if expected != found:
            agent_errors.append(
                f"{case.name}: expected agents {sorted(expected)}, found {sorted(found)}"
            )
    print(f"{'item':<12} {'correct':>8} {'total':>6} {'accuracy':>9}")
    for item in ITEMS:
        mine = [v for v in all_verdicts if v.item == item]
        right = sum(v.expected == v.actual for v in mine)
        print(f"{item:<12} {right:>8} {len(mine):>6} {100 * right / max(len(mine), 1):>8.1f}%")
    right = sum(v.expected == v.actual for v in all_verdicts)
    print(
        f"{'all':<12} {right:>8} {len(all_verdicts):>6} "
        f"{100 * right / max(len(all_verdicts), 1):>8.1f}%"
    )
    for error in agent_errors:
        print(f"agent discovery: {error}")
    if "-v" in argv or "--verbose" in argv:
        for v in all_verdicts:
            if v.expected != v.actual:
                print(f"  {v.case}/{v.agent} {v.item}: expected {v.expected}, got {v.actual}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
