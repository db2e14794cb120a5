"""Benchmarks, run by hand (not part of the test suite):

    python -m tests.benchmark            # start-up ratio and the 1,000-agent repository

1. Start-up: `readycheck check` on the bundled ready example against
   `python -c "import click, yaml"` (the floor any click + PyYAML tool pays). Median of N.
2. Scale: a generated repository of 1,000 agents and 10,000 files, checked in-process.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "fixtures" / "examples" / "ready-agent"


def _median_seconds(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def startup(runs: int = 21) -> None:
    exe = shutil.which("readycheck")
    command = [exe] if exe else [sys.executable, "-m", "readycheck"]
    base = _median_seconds([sys.executable, "-c", "import click, yaml"], runs)
    ours = _median_seconds([*command, "check", str(EXAMPLE)], runs)
    print(f"python -c 'import click, yaml': {base * 1000:7.1f} ms (median of {runs})")
    print(f"readycheck check ready-agent:   {ours * 1000:7.1f} ms (median of {runs})")
    print(f"ratio: {ours / base:.2f}x (budget: 2.00x)")


def generate(root: Path, agents: int = 1000) -> int:
    """`agents` agents of 10 files each, in the styles of the bundled examples."""
    files = 0
    example_files = sorted(p for p in EXAMPLE.rglob("*") if p.is_file())
    for i in range(agents):
        agent = root / "agents" / f"agent-{i:04d}"
        for path in example_files:
            target = agent / path.relative_to(EXAMPLE)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
            files += 1
        # pad to exactly 10 files per agent
        extra = 10 - len(example_files)
        for j in range(extra):
            (agent / f"notes-{j}.md").write_text(f"# Notes {j}\n\nNothing to see.\n")
            files += 1
    return files


def scale(agents: int = 1000) -> None:
    from readycheck.config import Settings
    from readycheck.engine import check

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files = generate(root, agents)
        start = time.perf_counter()
        report = check(root, Settings())
        elapsed = time.perf_counter() - start
    print(
        f"{len(report.agents)} agents, {files} files: {elapsed:.2f} s "
        f"({elapsed / files * 1e3:.2f} ms per file; budget 10 s)"
    )


if __name__ == "__main__":
    startup()
    scale()
