"""Benchmarks, run by hand (not part of the test suite):

    python -m tests.benchmark            # start-up ratio and the 1,000-agent repository
    python -m tests.benchmark --clones /path/to/realworld/clones   # and real repositories

1. Start-up: `readycheck check` on the bundled ready example against
   `python -c "import click, yaml"` (the floor any click + PyYAML tool pays). Median of N.
2. Scale: a generated repository of 1,000 agents and 10,000 files, checked in-process.
3. Real repositories (with --clones): the largest clones of the real-world corpus
   (`fixtures/realworld/corpus.yaml`), cold (`--no-cache`) and warm, as seconds and as
   ratios to the import floor; agnix and AgentLinter beside them when they are on PATH.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "fixtures" / "examples" / "ready-agent"


def _median_seconds(command: list[str], runs: int, env: dict[str, str]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def startup(runs: int = 21) -> None:
    exe = shutil.which("readycheck")
    command = [exe] if exe else [sys.executable, "-m", "readycheck"]
    with tempfile.TemporaryDirectory() as cache:
        warm = {**os.environ, "READYCHECK_CACHE_DIR": cache}
        warm.pop("READYCHECK_NO_CACHE", None)
        cold = {**warm, "READYCHECK_NO_CACHE": "1"}
        base = _median_seconds([sys.executable, "-c", "import click, yaml"], runs, warm)
        unchanged = _median_seconds([*command, "check", str(EXAMPLE)], runs, warm)
        edited = _edited_soul(command, runs, warm)
        changed = _median_seconds([*command, "check", str(EXAMPLE)], runs, cold)
    print(f"python -c 'import click, yaml':          {base * 1000:7.1f} ms (median of {runs})")
    print(
        f"readycheck check ready-agent, unchanged: {unchanged * 1000:7.1f} ms "
        f"({unchanged / base:.2f}x; budget 2.00x)"
    )
    print(
        f"readycheck check ready-agent, SOUL.md edited before each run: {edited * 1000:7.1f} ms "
        f"({edited / base:.2f}x)"
    )
    print(
        f"readycheck check ready-agent, no cache:  {changed * 1000:7.1f} ms ({changed / base:.2f}x)"
    )


def _edited_soul(command: list[str], runs: int, env: dict[str, str]) -> float:
    """The pre-commit case: one instruction file changed since the last run."""
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        agent = Path(tmp) / "agent"
        shutil.copytree(EXAMPLE, agent)
        soul = agent / "SOUL.md"
        for i in range(runs):
            soul.write_text(soul.read_text() + f"\n<!-- edit {i} -->\n")
            start = time.perf_counter()
            subprocess.run(
                [*command, "check", str(agent)], capture_output=True, env=env, check=False
            )
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def generate(root: Path, agents: int = 1000) -> int:
    """`agents` agents of 10 files each, in the styles of the bundled examples."""
    files = 0
    # Not the example's .readycheck.yaml: it would make each copy a separate project.
    example_files = sorted(
        p for p in EXAMPLE.rglob("*") if p.is_file() and p.name != ".readycheck.yaml"
    )
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
    from readycheck.prefetch import default_jobs

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files = generate(root, agents)
        for jobs in sorted({1, default_jobs()}):
            start = time.perf_counter()
            report = check(root, Settings(jobs=jobs))
            elapsed = time.perf_counter() - start
            print(
                f"{len(report.agents)} agents, {files} files, {jobs} process(es): "
                f"{elapsed:.2f} s ({elapsed / files * 1e3:.2f} ms per file; budget 10 s)"
            )


def _tracked_files(repo: Path) -> int:
    out = subprocess.run(
        ["git", "-C", str(repo), "ls-files"], capture_output=True, text=True, check=False
    )
    return len(out.stdout.splitlines())


def real(clones: Path, count: int = 6, runs: int = 3) -> None:
    exe = shutil.which("readycheck")
    command = [exe] if exe else [sys.executable, "-m", "readycheck"]
    floor = _median_seconds([sys.executable, "-c", "import click, yaml"], 11, dict(os.environ))
    repos = sorted(
        (d for d in clones.iterdir() if (d / ".git").exists()), key=_tracked_files, reverse=True
    )[:count]
    others = {name: shutil.which(name) for name in ("agnix", "agentlinter")}
    print(f"{'repository':<60} {'files':>6} {'cold s':>7} {'warm s':>7} {'cold/floor':>10}")
    for repo in repos:
        with tempfile.TemporaryDirectory() as cache:
            env = {**os.environ, "READYCHECK_CACHE_DIR": cache}
            env.pop("READYCHECK_NO_CACHE", None)
            target = [*command, "check", str(repo)]
            cold = _median_seconds([*target, "--no-cache"], runs, env)
            subprocess.run(target, capture_output=True, check=False, env=env)  # fill the cache
            warm = _median_seconds(target, runs, env)
        line = f"{repo.name:<60} {_tracked_files(repo):>6} {cold:>7.2f} {warm:>7.2f}"
        line += f" {cold / floor:>9.1f}x"
        for name, tool in others.items():
            if tool:
                seconds = _median_seconds([tool, str(repo)], runs, dict(os.environ))
                line += f"  {name} {seconds:.2f} s"
        print(line)


if __name__ == "__main__":
    startup()
    scale()
    if len(sys.argv) == 3 and sys.argv[1] == "--clones":
        real(Path(sys.argv[2]))
