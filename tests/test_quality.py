"""Lint, format and type checks run with the tests, so CI and a developer see the same."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


@pytest.mark.parametrize(
    "command",
    [
        ("ruff", "check", "readycheck", "tests"),
        ("ruff", "format", "--check", "readycheck", "tests"),
        ("mypy",),
    ],
    ids=" ".join,
)
def test_quality_gate(command: tuple[str, ...]) -> None:
    result = _run(*command)
    assert result.returncode == 0, result.stdout + result.stderr
