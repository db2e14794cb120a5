"""The paths git tracks in the scanned work tree, read from its index file (.git/index,
gitformat-index(5) versions 2 to 4) by a small bounded parser.

git itself is never run on a scanned repository: its configuration is the repository's to
write, and hooks, fsmonitor or filters set there would run commands. Only a `.git`
directory at the scanned root is read (a `.git` file points elsewhere, often outside the
tree); a split index (core.splitIndex) keeps entries in a second file and is not read.
"""

from __future__ import annotations

import hashlib
import os
import stat
import struct
from dataclasses import dataclass
from pathlib import Path

from readycheck.bounds import read_head

MAX_INDEX_BYTES = 32 * 1024 * 1024
# Version 4 writes each name as a change to the previous one: a small file can spell
# names that fill memory, so their total is bounded too (honest indexes stay far below).
MAX_NAME_BYTES = 128 * 1024 * 1024
MAX_PATH_BYTES = 4096
_HASHES = ((20, "sha1"), (32, "sha256"))  # the repository's object format sets the size
_ENTRY_STAT_BYTES = 40  # ctime, mtime, dev, ino, mode, uid, gid, size
_EXTENDED = 0x4000
_NAME_LENGTH = 0xFFF
_TYPE_BITS = 0o170000
_GITLINK = 0o160000  # a submodule: its files belong to its own repository
_SPARSE_DIRECTORY = 0o040000  # sparse index: a whole directory outside the sparse cone


class UnreadableIndex(Exception):
    """The index is cut short, corrupt, or in a form this parser does not read."""


@dataclass(frozen=True)
class Tracked:
    files: frozenset[str]  # POSIX paths relative to the work tree root
    trees: frozenset[str]  # sparse directories: every path below one is tracked
    directories: frozenset[str]  # every directory that holds a tracked path

    def tracks(self, rel: str) -> bool:
        return rel in self.files or (bool(self.trees) and self._below_tree(rel))

    def holds(self, rel_dir: str) -> bool:
        """Whether a tracked path lies below the directory `rel_dir`."""
        return rel_dir in self.directories or (bool(self.trees) and self._below_tree(rel_dir))

    def _below_tree(self, rel: str) -> bool:
        parts = rel.split("/")
        return any("/".join(parts[:n]) in self.trees for n in range(1, len(parts) + 1))


NOTHING_TRACKED = Tracked(frozenset(), frozenset(), frozenset())


def read_tracked(root: Path) -> Tracked:
    """What the index at `root`/.git/index tracks; nothing when `root` holds no `.git`
    directory or no index. Raises UnreadableIndex (or OSError) when it cannot be read."""
    try:
        if not stat.S_ISDIR((root / ".git").lstat().st_mode):
            return NOTHING_TRACKED
        mode = (root / ".git" / "index").lstat().st_mode
    except FileNotFoundError:
        return NOTHING_TRACKED
    if not stat.S_ISREG(mode):
        raise UnreadableIndex("not a regular file")
    data = read_head(root / ".git" / "index", MAX_INDEX_BYTES + 1)
    if len(data) > MAX_INDEX_BYTES:
        raise UnreadableIndex(f"larger than the {MAX_INDEX_BYTES // 2**20} MB bound")
    return tracked_from(parse_index(data))


def tracked_from(entries: list[tuple[bytes, int]]) -> Tracked:
    files: set[str] = set()
    trees: set[str] = set()
    directories: set[str] = set()
    for name, mode in entries:
        path = os.fsdecode(name).rstrip("/")
        kind = mode & _TYPE_BITS
        if kind == _GITLINK:
            continue
        (trees if kind == _SPARSE_DIRECTORY else files).add(path)
        parent = path.rpartition("/")[0]
        while parent and parent not in directories:
            directories.add(parent)
            parent = parent.rpartition("/")[0]
    return Tracked(frozenset(files), frozenset(trees), frozenset(directories))


def parse_index(data: bytes) -> list[tuple[bytes, int]]:
    """Each entry's path and mode, in index order (a path in conflict appears once per
    stage)."""
    last_error = UnreadableIndex("no hash size fits")
    for hash_size in _hash_sizes(data):
        try:
            return _entries(data, hash_size)
        except UnreadableIndex as error:
            last_error = error
    raise last_error


def _hash_sizes(data: bytes) -> tuple[int, ...]:
    for size, name in _HASHES:
        if len(data) >= 12 + size and hashlib.new(name, data[:-size]).digest() == data[-size:]:
            return (size,)
    if len(data) >= 12 + 20 and not any(data[-20:]):
        return (20, 32)  # index.skipHash leaves the checksum zero: try both sizes
    raise UnreadableIndex("its checksum does not match its content")


def _entries(data: bytes, hash_size: int) -> list[tuple[bytes, int]]:
    end = len(data) - hash_size
    if end < 12:
        raise UnreadableIndex("cut short")
    signature, version, count = struct.unpack_from(">4sLL", data)
    if signature != b"DIRC":
        raise UnreadableIndex("not a git index")
    if version not in (2, 3, 4):
        raise UnreadableIndex(f"index version {version} is not read")
    fixed = _ENTRY_STAT_BYTES + hash_size + 2  # stat data, object name, flags
    entries: list[tuple[bytes, int]] = []
    previous = b""
    total = 0
    pos = 12
    for _ in range(count):
        if pos + fixed > end:
            raise UnreadableIndex("cut short")
        (mode,) = struct.unpack_from(">L", data, pos + 24)
        (flags,) = struct.unpack_from(">H", data, pos + fixed - 2)
        name_at = pos + fixed
        if flags & _EXTENDED:
            if version < 3:
                raise UnreadableIndex("an extended entry in a version 2 index")
            name_at += 2
        if version == 4:  # the name shares a prefix with the previous entry's
            strip, name_at = _varint(data, name_at, end)
            if strip > len(previous):
                raise UnreadableIndex("an entry strips more than the previous name")
            nul = data.find(b"\0", name_at, end)
            if nul < 0:
                raise UnreadableIndex("cut short")
            name = previous[: len(previous) - strip] + data[name_at:nul]
            pos = nul + 1
        else:
            nul = data.find(b"\0", name_at, end)
            if nul < 0:
                raise UnreadableIndex("cut short")
            name = data[name_at:nul]
            pos += (name_at - pos + len(name) + 8) & ~7  # NUL-padded to 8 bytes
        if min(len(name), _NAME_LENGTH) != flags & _NAME_LENGTH:
            raise UnreadableIndex("an entry's name length does not match its name")
        total += len(name)
        if len(name) > MAX_PATH_BYTES or total > MAX_NAME_BYTES:
            raise UnreadableIndex("its names exceed the bound on path lengths")
        entries.append((name, mode))
        previous = name
    _check_extensions(data, pos, end)  # before the names: a split index leaves some empty
    if any(not name for name, _ in entries):
        raise UnreadableIndex("an entry without a name")
    return entries


def _varint(data: bytes, pos: int, end: int) -> tuple[int, int]:
    """git's offset varint (varint.c): 7 bits a byte, each continuation adding one."""
    value = -1
    for _ in range(10):  # more than 64 bits is corrupt
        if pos >= end:
            break
        byte = data[pos]
        pos += 1
        value = ((value + 1) << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value, pos
    raise UnreadableIndex("a malformed name prefix length")


def _check_extensions(data: bytes, pos: int, end: int) -> None:
    while pos < end:
        if pos + 8 > end:
            raise UnreadableIndex("cut short")
        signature, size = struct.unpack_from(">4sL", data, pos)
        if signature == b"link":
            raise UnreadableIndex("a split index (core.splitIndex) is not read")
        pos += 8 + size
    if pos != end:
        raise UnreadableIndex("an extension runs past the end")
