"""Resource bounds for reading untrusted files. One place, so tests and docs agree."""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ReadLimits:
    max_file_bytes: int = 2 * 1024 * 1024  # larger files are skipped with RC003
    max_depth: int = 64  # nesting of mappings/lists
    max_nodes: int = 100_000  # values visited per document; bounds YAML alias expansion
    max_dir_depth: int = 256  # directories below the root; deeper ones are not walked


DEFAULT_READ_LIMITS = ReadLimits()


def read_head(path: Path, limit: int) -> bytes:
    """At most `limit` bytes of the regular file at `path`.

    Anything else is an OSError, as an unreadable file is: a FIFO would block the scan
    forever and a device such as /dev/zero never ends. Opened non-blocking, so that opening
    a FIFO does not wait for a writer either.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file (a FIFO, socket or device)")
        return handle.read(limit)


def read_whole(path: Path, limit: int) -> bytes:
    """The whole regular file at `path`, which must hold at most `limit` bytes (a config
    or a baseline the repository may ship): anything else is an OSError."""
    data = read_head(path, limit + 1)
    if len(data) > limit:
        raise OSError(errno.EFBIG, f"larger than {limit:,} bytes")
    return data
