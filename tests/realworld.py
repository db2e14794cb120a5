"""Score readycheck on the real-world corpus: public repositories labelled by hand.

`fixtures/realworld/corpus.yaml` keeps each repository's name, pinned commit and the labels
(status and a quote per item) of its agent roots; the repositories' files are not kept.
Clone them yourself into one folder, named `owner+name`, checked out at the pinned commit:

    python -m tests.realworld CLONES [--split dev|holdout|fresh] [-v]

Repositories without a clone (or at another commit) are listed and left out of the
figures. Printed: exact item-status agreement per item and overall, false passes (readycheck
says pass where the label is partial or fail), labelled agents not found, and agents
reported in repositories labelled as having none.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from readycheck.checklist import ITEM_IDS

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "realworld" / "corpus.yaml"


@dataclass(frozen=True)
class Verdict:
    repo: str
    agent: str
    item: str
    expected: str
    actual: str  # "missing" when readycheck did not find the agent

    @property
    def false_pass(self) -> bool:
        return self.actual == "pass" and self.expected != "pass"


@dataclass
class Score:
    verdicts: list[Verdict]
    missing_agents: list[str]
    phantom_agents: list[str]  # agents reported in a repository labelled as having none
    skipped: list[str]
    agents: int = 0


def load_corpus(path: Path = CORPUS) -> list[dict[str, Any]]:
    import yaml

    entries: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return entries


def clone_dir(clones: Path, repo: str) -> Path:
    return clones / repo.replace("/", "+")


def _head(path: Path) -> str:
    out = subprocess.run(
        ["git", "-C", str(path), "rev-parse", "HEAD"], capture_output=True, text=True, check=False
    )
    return out.stdout.strip()


def score(clones: Path, split: str | None = None) -> Score:
    from readycheck.config import load_settings
    from readycheck.engine import check

    result = Score([], [], [], [])
    for entry in load_corpus():
        if split and entry.get("split") != split:
            continue
        repo, where = entry["repo"], clone_dir(clones, entry["repo"])
        if not where.is_dir():
            result.skipped.append(f"{repo}: no clone at {where}")
            continue
        if _head(where) != entry["commit"]:
            result.skipped.append(f"{repo}: clone is not at {entry['commit']}")
            continue
        report = check(where, load_settings(where))
        found = {a.path: a for a in report.agents}
        agents = entry.get("agents") or []
        if not agents:
            result.phantom_agents.extend(f"{repo}:{path}" for path in found)
        for agent in agents:
            result.agents += 1
            root = agent["root"]
            actual = {i.item: i.status for i in found[root].items} if root in found else {}
            if root not in found:
                result.missing_agents.append(f"{repo}:{root}")
            for item in ITEM_IDS:
                expected = agent[item]["status"]
                got = actual.get(item, "missing")
                result.verdicts.append(Verdict(repo, root, item, expected, got))
    return result


def render(result: Score, verbose: bool) -> str:
    lines = [f"{'item':<12} {'correct':>8} {'total':>6} {'accuracy':>9} {'false pass':>11}"]
    for item in (*ITEM_IDS, "all"):
        mine = [v for v in result.verdicts if item in ("all", v.item)]
        right = sum(v.expected == v.actual for v in mine)
        false = sum(v.false_pass for v in mine)
        pct = 100 * right / max(len(mine), 1)
        lines.append(f"{item:<12} {right:>8} {len(mine):>6} {pct:>8.1f}% {false:>11}")
    lines.append(f"agents labelled: {result.agents}; not found: {len(result.missing_agents)}")
    lines.append(f"agents reported in no-agent repositories: {len(result.phantom_agents)}")
    lines.extend(f"  not found: {a}" for a in result.missing_agents)
    lines.extend(f"  phantom: {a}" for a in result.phantom_agents)
    lines.extend(f"  skipped: {s}" for s in result.skipped)
    if verbose:
        for v in result.verdicts:
            if v.expected != v.actual:
                flag = "  FALSE PASS" if v.false_pass else ""
                lines.append(
                    f"  {v.repo}:{v.agent} {v.item}: label {v.expected}, got {v.actual}{flag}"
                )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.realworld", description=__doc__)
    parser.add_argument("clones", type=Path, help="folder of owner+name clones")
    parser.add_argument("--split", choices=("dev", "holdout", "fresh"))
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    print(render(score(args.clones, args.split), args.verbose))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
