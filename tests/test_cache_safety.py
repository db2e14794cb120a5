"""The result cache is only ever a shortcut: a corrupted, truncated, foreign, missing,
unwritable or misplaced cache gives the result an uncached run gives, never a crash or a
stale verdict, and readycheck deletes no file it did not write. (An entry of the right
shape is trusted: the cache directory is the user's own, outside the scanned tree.)

make_repo writes the repository into tmp_path itself, so every cache here comes from
tmp_path_factory: a cache inside the scanned tree is refused (tested below)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_cli

SOUL = "# Agent\n\nIf unsure, make your best guess.\n"
SCHEMA_AGENT = {
    "SOUL.md": SOUL,
    "readycheck.yaml": "output: {schema: schemas/out.schema.json, on_invalid: reject}\n",
    "schemas/out.schema.json": '{"type": "object", "required": ["status"]}\n',
    "examples/out.json": '{"summary": "no status"}\n',
}


def env_with(**variables: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("GITHUB_ACTIONS", "READYCHECK_NO_CACHE", "READYCHECK_CACHE_DIR")
    }
    return {**env, **variables}


def same_as_uncached(root: Path, env: dict[str, str], *args: str) -> None:
    uncached = run_cli("check", *args, str(root), env={**env, "READYCHECK_NO_CACHE": "1"})
    result = run_cli("check", *args, str(root), env=env)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert (result.returncode, result.stdout) == (uncached.returncode, uncached.stdout)


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize(
    "entry",
    [
        "",
        '{"exit": 1, "main": "trunc',
        "[1, 2]",
        '{"exit": 7, "main": "x", "extra": []}',
        '{"exit": true, "main": "x", "extra": []}',
        '{"exit": 0, "main": "All checks passed!\\n", "extra": ["", ""]}',
        '{"exit": 0, "main": 5, "extra": []}',
        '{"exit": 0, "main": "x", "extra": [1]}',
        '{"exit": 0}',
        '{"value": null}',
    ],
)
def test_a_corrupted_or_foreign_cache_entry_is_a_miss(make_repo, tmp_path_factory, entry) -> None:  # type: ignore[no-untyped-def]
    cache = tmp_path_factory.mktemp("cache")
    env = env_with(READYCHECK_CACHE_DIR=str(cache))
    root = make_repo(SCHEMA_AGENT)
    first = run_cli("check", "-o", f"sarif:{cache.parent / 'x.sarif'}", str(root), env=env)
    assert first.returncode == 1
    written = files_under(cache)
    assert written  # the run entry and the memo entries of the schema checks
    for path in written:
        path.write_text(entry, encoding="utf-8")
    same_as_uncached(root, env, "-o", f"sarif:{cache.parent / 'x.sarif'}")


def test_a_missing_cache_directory_is_created(make_repo, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    cache = tmp_path_factory.mktemp("cache") / "not" / "yet" / "there"
    env = env_with(READYCHECK_CACHE_DIR=str(cache))
    root = make_repo(SCHEMA_AGENT)
    same_as_uncached(root, env)
    assert files_under(cache)


def test_a_cache_directory_that_cannot_be_written_is_no_error(make_repo, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path_factory.mktemp("cache") / "a-file"
    blocker.write_text("not a directory\n")
    root = make_repo(SCHEMA_AGENT)
    same_as_uncached(root, env_with(READYCHECK_CACHE_DIR=str(blocker / "cache")))
    same_as_uncached(root, env_with(READYCHECK_CACHE_DIR=str(blocker)))
    assert blocker.read_text() == "not a directory\n"


def test_no_home_directory_is_no_error(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo(SCHEMA_AGENT)
    env = {
        k: v
        for k, v in env_with().items()
        if k not in ("HOME", "XDG_CACHE_HOME", "READYCHECK_CACHE_DIR")
    }
    # Path.home() raises RuntimeError without HOME for a user with no password entry;
    # here HOME is simply gone, which must work either way.
    same_as_uncached(root, env)


def test_a_symlinked_cache_directory_is_not_used(make_repo, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    link = tmp_path_factory.mktemp("links") / "cache-link"
    link.symlink_to(elsewhere, target_is_directory=True)
    root = make_repo(SCHEMA_AGENT)
    same_as_uncached(root, env_with(READYCHECK_CACHE_DIR=str(link)))
    assert files_under(elsewhere) == []


def test_a_cache_inside_the_scanned_tree_is_not_used(make_repo) -> None:  # type: ignore[no-untyped-def]
    # XDG_CACHE_HOME inside the repository under review: its entries would be the
    # repository's to write, and read back as its verdict.
    root = make_repo(SCHEMA_AGENT)
    env = env_with(XDG_CACHE_HOME=str(root / ".cache"))
    same_as_uncached(root, env)
    same_as_uncached(root, env)
    assert not (root / ".cache").exists()
    link_in_tree = root / "cache-link"  # a link out of the tree that leads back into it
    link_in_tree.symlink_to(root / "schemas", target_is_directory=True)
    same_as_uncached(root, env_with(READYCHECK_CACHE_DIR=str(link_in_tree)))
    assert sorted(p.name for p in (root / "schemas").iterdir()) == ["out.schema.json"]


def test_no_cache_writes_and_reads_nothing(make_repo, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    cache = tmp_path_factory.mktemp("cache") / "cache"
    root = make_repo(SCHEMA_AGENT)
    result = run_cli(
        "check", "--no-cache", str(root), env=env_with(READYCHECK_CACHE_DIR=str(cache))
    )
    assert result.returncode == 1
    assert not cache.exists()  # neither the run entry nor the schema checks' memo


def test_pruning_deletes_only_readycheck_entries(make_repo, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    cache = tmp_path_factory.mktemp("cache")
    user_files = [cache / f"user-{i}.json" for i in range(300)]
    for path in user_files:
        path.write_text("{}\n")
    own = [cache / f"{i:040x}.json" for i in range(300)]
    for age, path in enumerate(own):
        path.write_text("{}\n")
        os.utime(path, (1_000_000 + age, 1_000_000 + age))
    root = make_repo(SCHEMA_AGENT)
    same_as_uncached(root, env_with(READYCHECK_CACHE_DIR=str(cache)))
    assert all(path.exists() for path in user_files)
    assert not own[0].exists() and own[-1].exists()  # the oldest entries went


def test_concurrent_runs_share_a_cache(make_repo, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    cache = tmp_path_factory.mktemp("cache")
    env = env_with(READYCHECK_CACHE_DIR=str(cache))
    root = make_repo(SCHEMA_AGENT)
    uncached = run_cli("check", str(root), env={**env, "READYCHECK_NO_CACHE": "1"})
    runs = [
        subprocess.Popen(
            ["readycheck", "check", str(root)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    for run in runs:
        stdout, stderr = run.communicate(timeout=120)
        assert (run.returncode, stdout) == (uncached.returncode, uncached.stdout), stderr
    assert not [p for p in files_under(cache) if p.suffix == ".tmp"]
    assert json.loads(next(cache.glob("*.json")).read_text())["exit"] == 1


TOKEN = "ghp_" + "A1b2C3d4E5" * 3 + "F6g7H8"  # a GitHub token's shape: ghp_ and 36 characters


def test_no_scanned_value_is_stored_in_the_cache(make_repo, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    # Error messages of the schema checks quote the sample and the schema: a token in
    # either must not reach a cache file (readable by other users, kept for weeks).
    cache = tmp_path_factory.mktemp("cache")
    env = env_with(READYCHECK_CACHE_DIR=str(cache))
    root = make_repo(
        {
            "SOUL.md": SOUL,
            "readycheck.yaml": (
                "output: {schema: schemas/out.schema.json, on_invalid: reject}\n"
                "agents:\n  other: {output: {schema: schemas/bad.schema.json}}\n"
            ),
            "schemas/out.schema.json": (
                '{"type": "object", "required": ["status"],'
                ' "properties": {"status": {"type": "integer"}}}\n'
            ),
            "schemas/bad.schema.json": f'{{"type": "{TOKEN}"}}\n',
            "examples/out.json": f'{{"status": "{TOKEN}"}}\n',
        }
    )
    for _ in range(2):  # the second run reads what the first stored
        result = run_cli("check", "--output-format", "json", str(root), env=env)
        assert result.returncode == 1, result.stderr
        assert TOKEN not in result.stdout
    written = files_under(cache)
    assert written
    assert [path for path in written if TOKEN.encode() in path.read_bytes()] == []
    # What is stored (the printed output, masked) is the user's own all the same.
    assert [path for path in written if path.stat().st_mode & 0o077] == []
