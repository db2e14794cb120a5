"""Writing readycheck's own output files (`-o`, `--write-baseline`, `report -o`).

The path may lie in the repository under review, where a symbolic link can be planted at
it: writing through the link would overwrite a file anywhere the user can write. The text
goes to a temporary file in the target's directory, renamed over the target, so an
existing link is replaced, never followed, and a reader never sees half a file. A device
or a pipe the user names (`-o /dev/null`) is written to: renamed over, `/dev/null` would
become a regular file for the whole machine when run as root.

A run killed before it renames its temporary file (kill -9, an out-of-memory kill, a CI
job's timeout) leaves that file behind. Its name says whose it is,
`.NAME.readycheck-PID-XXXXXXXX.tmp`, so the next run that writes in that directory deletes
the ones whose process is gone, and no other file.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from pathlib import Path

_TEMPORARY = re.compile(r"\..+\.readycheck-(\d{1,10})-[a-z0-9_]+\.tmp", re.DOTALL)
# Where a process cannot be asked whether it is alive (Windows), a temporary file this
# old is stale: no write takes a day.
_STALE_AFTER_SECONDS = 24 * 3600


def temporary_beside(path: Path) -> tuple[int, str]:
    """A new temporary file (mode 0600) in `path`'s directory, for a text to be renamed
    over `path`: (descriptor, name). Stale ones of killed runs there are deleted first."""
    remove_stale_temporaries(path.parent)
    prefix = f".{path.name}.readycheck-{os.getpid()}-"
    return tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=".tmp")


def remove_stale_temporaries(directory: Path) -> None:
    """Delete readycheck's own temporary files in `directory` whose process has ended:
    regular files named as `temporary_beside` names them, never a link or another file."""
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return
    for entry in entries:
        match = _TEMPORARY.fullmatch(entry.name)
        if match and entry.is_file(follow_symlinks=False) and _stale(entry, int(match[1])):
            with contextlib.suppress(OSError):
                os.unlink(entry.path)


def _stale(entry: os.DirEntry[str], pid: int) -> bool:
    if os.name == "nt":  # os.kill would end the process there, not ask about it
        return time.time() - entry.stat(follow_symlinks=False).st_mtime > _STALE_AFTER_SECONDS
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except (OSError, OverflowError):
        return False  # alive, another user's: not ours to judge
    return False


def replace_file(path: Path, text: str) -> None:
    """Write `text` (UTF-8) to `path`, replacing whatever is there (a device or a pipe,
    such as `/dev/null` or `/dev/stdout`, is written to, never replaced). Raises OSError."""
    if _device_or_pipe(path):
        _write_into(path, text)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = temporary_beside(path)
    try:
        # mkstemp creates the file 0600; give it the mode an ordinary write would.
        os.chmod(temporary, 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _device_or_pipe(path: Path) -> bool:
    if _STREAM.fullmatch(os.path.abspath(path)):
        return True  # links to this process's own streams, outside any repository
    try:
        mode = os.lstat(path).st_mode  # any other link is replaced, never followed
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


# `/dev/stdout` and its kin are links (to /proc/self/fd/1): the user names a stream.
_STREAM = re.compile(r"/dev/(stdout|stderr)|/dev/fd/\d+|/proc/self/fd/\d+")


def _write_into(path: Path, text: str) -> None:
    # Non-blocking open: a pipe nobody reads is an error at once, not a run that hangs;
    # then blocking again, so that a long text waits for its reader instead of failing.
    fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
    os.set_blocking(fd, True)
    with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as handle:
        handle.write(text)


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current
