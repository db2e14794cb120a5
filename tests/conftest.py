from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The run cache goes to a directory of this test session, never to the user's home; the
# CLI tests then exercise the cached path too (a second identical run is a hit).
os.environ.setdefault("READYCHECK_CACHE_DIR", tempfile.mkdtemp(prefix="readycheck-cache-"))
FIXTURES = ROOT / "fixtures"
EXAMPLES = FIXTURES / "examples"


def run_cli(
    *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real command line in a subprocess, as a user or CI would. By default the
    environment is this one minus what would change the output format (GitHub Actions'
    GITHUB_ACTIONS makes `--output-format auto` print workflow commands)."""
    if env is None:
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("GITHUB_ACTIONS", "READYCHECK_OUTPUT_FORMAT")
        }
    return subprocess.run(
        [sys.executable, "-m", "readycheck", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def write_files(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write {relative path: content} below `root`, text as UTF-8."""
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    return run_cli


@pytest.fixture
def make_repo(tmp_path: Path) -> Callable[[dict[str, str | bytes]], Path]:
    """Write a small repository from {relative path: content}."""

    def make(files: dict[str, str | bytes]) -> Path:
        return write_files(tmp_path, files)

    return make


def report_json(result: subprocess.CompletedProcess[str]) -> dict:  # type: ignore[type-arg]
    return json.loads(result.stdout)
