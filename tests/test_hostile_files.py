"""Files the repository under review controls around readycheck's own files: links planted
where an output is written, baselines and configs that are not regular files, and trees
shaped to break the walk. Each is a finding or a one-line error, never a file written
outside the tree, a hang or a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import run_cli

SOUL = "# SOUL\n\nYou are a test agent.\n"
needs_links = pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")


def _no_crash(result: object) -> None:
    stderr = getattr(result, "stderr", "")
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr


@needs_links
@pytest.mark.parametrize(
    "args",
    [
        ("check", "-o", "{out}"),
        ("check", "-o", "json:{out}"),
        ("check", "--output-format", "sarif", "-o", "text:{out}", "-o", "/dev/null"),
        ("check", "--write-baseline", "{out}"),
        ("report", "-o", "{out}"),
    ],
)
def test_an_output_never_writes_through_a_planted_link(tmp_path: Path, args) -> None:  # type: ignore[no-untyped-def]
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "SOUL.md").write_text(SOUL)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    os.symlink(victim, repo / "out.txt")  # the repository ships the link
    filled = [a.replace("{out}", "out.txt") for a in args]
    result = run_cli(*filled, "--isolated", ".", cwd=repo)
    _no_crash(result)
    assert victim.read_text() == "precious\n"
    written = repo / "out.txt"
    assert not written.is_symlink() and written.read_text().strip()


def test_write_baseline_to_an_unwritable_place_is_a_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "SOUL.md").write_text(SOUL)
    (tmp_path / "file").write_text("not a directory\n")
    result = run_cli("check", "--write-baseline", str(tmp_path / "file" / "b.json"), str(tmp_path))
    assert result.returncode == 2
    _no_crash(result)
    assert result.stderr.startswith("readycheck: cannot write") and result.stderr.count("\n") == 1
