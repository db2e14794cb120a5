"""Applying a plan: as a unified diff, or written atomically, never over a user's file."""

from __future__ import annotations

import difflib
import os
import stat
from pathlib import Path

from readycheck.commands.scaffold.paths import inside
from readycheck.commands.scaffold.plans import Change, InitError, Plan, read_text
from readycheck.outputs import temporary_beside


def diff(plan: Plan) -> str:
    """The plan as a unified diff (`git apply` / `patch -p1` can apply it)."""
    out: list[str] = []
    for change in plan.changes:
        old = (change.before or "").splitlines(keepends=True)
        new = change.after.splitlines(keepends=True)
        src = f"a/{change.path}" if change.before is not None else "/dev/null"
        for line in difflib.unified_diff(old, new, src, f"b/{change.path}"):
            out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def apply(plan: Plan) -> None:
    """Write the plan: each file atomically (temp file + rename); never over a new file."""
    for change in plan.changes:
        _write(plan.agent, change)


def _write(agent: Path, change: Change) -> None:
    path = agent / change.path
    if not inside(agent, path):
        raise InitError(f"{change.path}: outside the agent directory; not written")
    if change.before is None:
        if path.exists() or path.is_symlink():
            return  # appeared since the plan: it is the user's now
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = 0o666 & ~_umask()
    else:
        path = path.resolve()  # edit a linked file where it lives
        current = read_text(path)
        if current.text != change.before:
            raise InitError(f"{change.path} changed while init was running; not written")
        mode = stat.S_IMODE(path.stat().st_mode)
    fd, tmp = temporary_beside(path)  # and the stale ones of a killed init are deleted
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(change.data())
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if change.before is None:
            try:
                os.link(tmp, path)  # atomic, and fails rather than replace a file
            except FileExistsError:
                return
            except OSError:
                if path.exists():
                    return
                os.replace(tmp, path)
        else:
            os.replace(tmp, path)
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
