"""Parsing and fact extraction spread over processes for large runs (`--jobs`).

Each file's document and facts depend on that file alone, so they can be made in any
process and in any order; the run then reads them from `Documents` exactly as if it had
made them itself, and its output is identical to a single-process run. Only files the run
would parse anyway are prefetched (see `wanted`): a file parsed here but not in a serial
run would add its parse problems to the report.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from readycheck.bounds import ReadLimits
from readycheck.model import Document, Fact

# Below this many files the pool costs more than it saves (fork, pickling): measured on
# real repositories, 265 files went from 2.2 s to 1.7 s with two workers.
MIN_FILES = 100
# The roles whose files every run parses: pointer sources and counted evidence.
PARSED_ROLES = frozenset({"instruction", "config", "script", "code", "schema", "state"})


def default_jobs() -> int:
    """The CPUs this process may use (its affinity, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# A file to read: its path, its path in the project, its parser kind, the read bounds.
Task = tuple[Path, str, str, ReadLimits]
Prefetched = tuple[Document, list[Fact]]


def _read(task: Task) -> tuple[str, Document, list[Fact]]:
    # Imported here: the CLI imports this module for `default_jobs` on every start-up.
    from readycheck.dialects import document_facts
    from readycheck.parsers import read_document

    path, rel, kind, limits = task
    doc = read_document(path, rel, kind, limits)
    return rel, doc, list(document_facts(doc))


def prefetch(tasks: Iterable[Task], jobs: int, timeout: float) -> dict[str, Prefetched]:
    """Each file's document and facts, made by `jobs` worker processes, as many as are
    made within `timeout` seconds (the run's deadline): the rest are left unread."""
    work = list(tasks)
    if jobs <= 1 or len(work) < MIN_FILES or timeout <= 0:
        return {}
    from concurrent.futures import ProcessPoolExecutor, TimeoutError  # only for large runs

    chunk = max(1, len(work) // (jobs * 8))
    done: dict[str, Prefetched] = {}
    pool = ProcessPoolExecutor(max_workers=jobs)
    try:
        for rel, doc, facts in pool.map(_read, work, chunksize=chunk, timeout=timeout):
            done[rel] = (doc, facts)
    except TimeoutError:
        pass  # the deadline: the files not done yet are left to the run, which reads none
    finally:
        pool.shutdown(wait=True, cancel_futures=True)  # a chunk under way still ends
    return done
