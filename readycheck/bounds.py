"""Resource bounds for reading untrusted files. One place, so tests and docs agree."""

from __future__ import annotations

import errno
import os
import signal
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType


@dataclass(frozen=True)
class ReadLimits:
    max_file_bytes: int = 2 * 1024 * 1024  # larger files are skipped with RC003
    max_depth: int = 64  # nesting of mappings/lists
    max_nodes: int = 100_000  # values visited per document; bounds YAML alias expansion
    # One regular expression written in the scanned repository (a .gitignore pattern, a
    # JSON Schema `pattern`) matched against its own files: it may backtrack for hours.
    max_match_seconds: float = 2.0


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


class Timeout(Exception):
    """A bounded piece of work ran out of time."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise `Timeout` inside the block once `seconds` have passed.

    CPython's regular expression engine checks for signals while it backtracks, so an
    alarm stops a catastrophic pattern. Signals only reach the main thread of a Unix
    process, and an alarm the host program has set is left alone: in either case the
    block runs unbounded.
    """
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
        or signal.getitimer(signal.ITIMER_REAL)[0] > 0
    ):
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise Timeout(f"over {seconds:g}s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous if previous is not None else signal.SIG_DFL)
