"""Parsing and fact extraction spread over processes for large runs (`--jobs`).

Each file's document and facts depend on that file alone, so they can be made in any
process and in any order; the run then reads them from `Documents` exactly as if it had
made them itself, and its output is identical to a single-process run. Only files the run
would parse anyway are prefetched (see `Documents.prefetch`): a file parsed here but not in
a serial run would add its parse problems to the report. A worker keeps what only the
facts and the framework test read (a module's calls), which it runs itself.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from readycheck.bounds import ReadLimits
from readycheck.model import Document, Fact

# Below this much text the pool costs more than it saves (fork, pickling): measured on
# the real-world clones, 11-60 KB runs were 0-70 ms slower with two workers, 300 KB
# 120 ms faster.
MIN_BYTES = 128 * 1024


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
    from readycheck.frameworks.extract import document_frameworks
    from readycheck.parsers import read_document

    path, rel, kind, limits = task
    doc = read_document(path, rel, kind, limits)
    facts = list(document_facts(doc))
    document_frameworks(doc)  # remembered on the document
    # What only the facts and the framework test read stays here: a module's calls are
    # most of what would be pickled to the parent, which waits for them.
    doc.calls, doc.names, doc.loops, doc.handlers = [], [], [], []
    return rel, doc, facts


def _read_batch(batch: list[Task]) -> list[tuple[str, Document, list[Fact]]]:
    return [_read(task) for task in batch]


def prefetch(tasks: Iterable[Task], jobs: int, timeout: float) -> dict[str, Prefetched]:
    """Each file's document and facts, made by `jobs` worker processes, as many as are
    made within `timeout` seconds (the run's deadline): the rest are left unread."""
    if jobs <= 1 or timeout <= 0:
        return {}
    sized = [(_size(task), task) for task in tasks]
    if len(sized) < 2 or sum(size for size, _ in sized) < MIN_BYTES:
        return {}
    import gc
    from concurrent.futures import ProcessPoolExecutor, TimeoutError  # only for large runs

    batches = _batches(sized, jobs)
    done: dict[str, Prefetched] = {}
    # Forked workers share the parent's memory until they write to it; the collector
    # would write to every object it visits, so the objects made so far are frozen.
    gc.freeze()
    pool = ProcessPoolExecutor(max_workers=jobs)
    try:
        for batch in pool.map(_read_batch, batches, timeout=timeout):
            for rel, doc, facts in batch:
                done[rel] = (doc, facts)
    except TimeoutError:
        pass  # the deadline: the files not done yet are left to the run, which reads none
    finally:
        pool.shutdown(wait=True, cancel_futures=True)  # a file under way still ends
        gc.unfreeze()
    return done


def _batches(sized: list[tuple[int, Task]], jobs: int) -> list[list[Task]]:
    """The files in batches of about equal size, largest first: one file per message
    cost more than reading it for 10,000 small files, and a 400 KB module started last
    would leave the other workers idle while it is read."""
    target = sum(size for size, _ in sized) // (jobs * _BATCHES_PER_WORKER) + 1
    batches: list[list[Task]] = []
    batch: list[Task] = []
    filled = 0
    for size, task in sorted(sized, key=lambda pair: pair[0], reverse=True):
        batch.append(task)
        filled += size
        if filled >= target or len(batch) >= _MAX_BATCH:
            batches.append(batch)
            batch, filled = [], 0
    if batch:
        batches.append(batch)
    return batches


# Batches a worker gets, about: enough to balance the load, few enough to send cheaply.
_BATCHES_PER_WORKER = 16
_MAX_BATCH = 64


def _size(task: Task) -> int:
    try:
        return task[0].stat().st_size
    except OSError:
        return 0
