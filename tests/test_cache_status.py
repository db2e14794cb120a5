"""The run cache key found from file statuses: an unchanged tree is keyed without reading
its files, as git's index answers `git status`; a changed file is always read again, even
one written back with its old size and modification time, or changed just now."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from readycheck import cache


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Three files, and a cache of this test's own outside them."""
    monkeypatch.setenv("READYCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("READYCHECK_NO_CACHE", raising=False)
    repo = tmp_path / "repo"
    repo.mkdir()
    cache.scope(repo, disabled=False)
    files = {}
    for name, text in (("SOUL.md", "# Agent\n"), ("a.yaml", "x: 1\n"), ("b.json", "{}\n")):
        (repo / name).write_text(text)
        files[name] = repo / name
    return files


def reads_of(files: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The scanned files `cache.key` reads from now on."""
    read: list[Path] = []
    real_read = cache.read_head

    def counting(path: Path, limit: int) -> bytes:
        if path in files.values():
            read.append(path)
        return real_read(path, limit)

    monkeypatch.setattr(cache, "read_head", counting)
    return read


def settled_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by this test count as settled (they are a few milliseconds old)."""
    monkeypatch.setattr(cache, "_SETTLED_NS", 0)


def test_an_unchanged_tree_is_keyed_without_reading_its_files(
    tree: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    settled_at_once(monkeypatch)
    first = cache.key(tree, "extra", 1024)
    assert first == cache._content_key(tree, "extra", 1024)
    read = reads_of(tree, monkeypatch)
    assert cache.key(tree, "extra", 1024) == first
    assert read == []
    # Only two digests are stored for it, nothing of the files.
    [entry] = (Path(os.environ["READYCHECK_CACHE_DIR"]) / "status").iterdir()
    assert entry.read_text() == f'{{"key": "{first}"}}'
    assert entry.stat().st_mode & 0o077 == 0


def test_a_file_written_back_with_its_old_size_and_time_is_read_again(
    tree: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    settled_at_once(monkeypatch)
    first = cache.key(tree, "extra", 1024)
    soul = tree["SOUL.md"]
    before = soul.stat()
    soul.write_text("# AgenT\n")  # same size
    os.utime(soul, ns=(before.st_atime_ns, before.st_mtime_ns))  # same modification time
    read = reads_of(tree, monkeypatch)
    changed = cache.key(tree, "extra", 1024)
    assert changed != first and read  # its change time gives it away
    assert changed == cache._content_key(tree, "extra", 1024)


def test_a_tree_changed_just_now_is_not_remembered(
    tree: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A file changed within its timestamps' granularity may change again unseen: such a
    # run is keyed by content every time.
    first = cache.key(tree, "extra", 1024)
    assert not (Path(os.environ["READYCHECK_CACHE_DIR"]) / "status").exists()
    read = reads_of(tree, monkeypatch)
    assert cache.key(tree, "extra", 1024) == first
    assert sorted(read) == sorted(tree.values())


def test_other_inputs_and_other_file_sets_have_their_own_keys(
    tree: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    settled_at_once(monkeypatch)
    first = cache.key(tree, "extra", 1024)
    assert cache.key(tree, "other settings", 1024) != first
    fewer = {k: v for k, v in tree.items() if k != "b.json"}
    assert cache.key(fewer, "extra", 1024) == cache._content_key(fewer, "extra", 1024) != first
    # A file of the tree moved aside: its status is unreadable, the content key decides.
    tree["b.json"].rename(tree["b.json"].with_suffix(".bak"))
    assert cache.key(tree, "extra", 1024) == cache._content_key(tree, "extra", 1024)


@pytest.mark.parametrize(
    "entry", ["", "[]", '{"key": 5}', '{"key": "../../etc/passwd"}', '{"key": "AB"}']
)
def test_a_foreign_status_entry_is_a_miss(
    tree: dict[str, Path], monkeypatch: pytest.MonkeyPatch, entry: str
) -> None:
    settled_at_once(monkeypatch)
    first = cache.key(tree, "extra", 1024)
    for path in (Path(os.environ["READYCHECK_CACHE_DIR"]) / "status").iterdir():
        path.write_text(entry)
    assert cache.key(tree, "extra", 1024) == first


def test_the_cache_directory_is_owner_only_whatever_is_written_first(
    tree: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    settled_at_once(monkeypatch)
    cache.key(tree, "extra", 1024)  # a status entry is the first thing written
    folder = Path(os.environ["READYCHECK_CACHE_DIR"])
    assert folder.stat().st_mode & 0o077 == 0
    assert (folder / "status").stat().st_mode & 0o077 == 0
