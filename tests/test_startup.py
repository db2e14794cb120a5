"""An unchanged repository is answered from the run cache without importing what a real
check needs: the start-up budget (`python -m tests.benchmark`) rests on it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROBE = """
import sys
from readycheck.cli import cli
try:
    cli.main(["check", sys.argv[1]], standalone_mode=False)
except SystemExit:
    pass
heavy = ("jsonschema", "markdown_it", "readycheck.dialects", "readycheck.parsers.python",
         "concurrent.futures", "re2", "ruamel")
print("imported:", *sorted(m for m in heavy if m in sys.modules))
"""


def test_a_cached_run_imports_no_parser_or_validator(tmp_path: Path) -> None:
    repo = tmp_path / "agent"
    shutil.copytree(ROOT / "fixtures" / "examples" / "ready-agent", repo)
    env = {**os.environ, "READYCHECK_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("READYCHECK_NO_CACHE", None)

    def imported() -> str:
        run = subprocess.run(
            [sys.executable, "-c", PROBE, str(repo)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
            cwd=tmp_path,
        )
        return run.stdout.splitlines()[-1].removeprefix("imported:").strip()

    assert "markdown_it" in imported()  # the first run parses
    assert imported() == ""  # the second is answered from the cache
