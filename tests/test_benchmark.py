"""The benchmark script's choices that do not depend on timing: which clones it measures."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.benchmark import REAL_REPOSITORIES, clone_dirs, find_clone, parse_args


def _commit(work_tree: Path) -> str:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(work_tree), *args], capture_output=True, text=True, check=True
        ).stdout.strip()

    work_tree.mkdir(parents=True, exist_ok=True)
    git("init", "-q")
    (work_tree / "SOUL.md").write_text("# Soul\n")
    git("add", "SOUL.md")
    git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "one")
    return git("rev-parse", "HEAD")


def test_a_clone_at_the_pinned_commit_is_found_in_any_directory(tmp_path: Path) -> None:
    head = _commit(tmp_path / "second" / "owner+name")
    found, why_not = find_clone("owner/name", head, [tmp_path / "first", tmp_path / "second"])
    assert found == tmp_path / "second" / "owner+name"
    assert why_not == ""


def test_a_clone_at_another_commit_is_skipped_with_both_commits_named(tmp_path: Path) -> None:
    head = _commit(tmp_path / "owner+name")
    found, why_not = find_clone("owner/name", "0" * 40, [tmp_path])
    assert found is None
    assert why_not == (
        f"skipped owner/name: {tmp_path / 'owner+name'} is at commit {head[:12]}, "
        "not the pinned 000000000000"
    )


def test_a_missing_clone_or_a_plain_directory_is_skipped(tmp_path: Path) -> None:
    _commit(tmp_path)  # the plain directory lies inside another work tree
    (tmp_path / "plain+dir").mkdir()
    assert find_clone("owner/name", "0" * 40, [tmp_path]) == (
        None,
        f"skipped owner/name: no owner+name under {tmp_path}",
    )
    assert find_clone("plain/dir", "0" * 40, [tmp_path]) == (
        None,
        f"skipped plain/dir: {tmp_path / 'plain+dir'} is not a git work tree",
    )


def test_command_line() -> None:
    args = parse_args(["--clones", "a:b", "--clones", "c", "--only", "real,startup"])
    assert clone_dirs(args.clones) == [Path("a"), Path("b"), Path("c")]
    assert args.only == ["real", "startup"]
    with pytest.raises(SystemExit):
        parse_args(["--only", "everything"])
    # Pinned commits are full hashes, each repository once.
    assert all(len(commit) == 40 for _, commit in REAL_REPOSITORIES)
    assert len({name for name, _ in REAL_REPOSITORIES}) == len(REAL_REPOSITORIES)
