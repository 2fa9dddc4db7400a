"""Where independent work runs: a pool of processes, one per core, or this process alone.

Workers are started afresh (``forkserver`` where the system has it, ``spawn``
elsewhere, as on Windows and macOS), never forked from a process that may hold
threads or open files, so a build behaves the same on every system.  Each
worker watches the build's process and ends itself and its children when the
build is gone, however it ended (``dirreport.processes``), and records itself
so the next build can end it if that watch could not.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from pathlib import Path
from typing import TypeVar

from dirreport import processes

T = TypeVar("T")


class InProcess(Executor):
    """Runs tasks in this process: for one core, and where a pool would cost more than it saves."""

    max_workers = 1

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
        future: Future[object] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


class Pool(ProcessPoolExecutor):
    """A process pool that says how many workers it has, so work can be cut into that many pieces."""

    def __init__(self, max_workers: int, records: Path | None = None) -> None:
        me = processes.identity()
        assert me is not None
        super().__init__(
            max_workers=max_workers,
            mp_context=multiprocessing.get_context(start_method()),
            initializer=_worker_started,
            initargs=(me[0], me[1], None if records is None else str(records)),
        )
        self.max_workers = max_workers

    def __exit__(self, kind, value, traceback):  # type: ignore[no-untyped-def]
        """On an error, return at once: the workers finish what they started and end by themselves."""
        if kind is None:
            return super().__exit__(kind, value, traceback)
        self.shutdown(wait=False, cancel_futures=True)
        return False


def _worker_started(build_pid: int, build_created: float, records: str | None) -> None:
    """In each worker, first: watch the build (not the forkserver that started the worker), and be recorded."""
    processes.watch_parent(build_pid, build_created)
    if records is not None:
        processes.record(Path(records), "worker")


def start_method() -> str:
    """A clean start on every system: forkserver where it exists (Linux), spawn elsewhere (Windows, macOS)."""
    return "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


def worker_pool(jobs: int, records: Path | None = None) -> Executor:
    """``jobs`` workers, or one per core when 0; a single worker runs in this process.

    ``records`` is the folder where workers note themselves for the next build (``processes.end_recorded``).
    """
    workers = jobs or os.cpu_count() or 1
    return InProcess() if workers <= 1 else Pool(workers, records)


def workers_of(pool: Executor) -> int:
    return int(getattr(pool, "max_workers", 1))


def even_chunks(items: list[T], workers: int, most: int) -> list[list[T]]:
    """Items cut into chunks of at most ``most``, as even as can be and a multiple of ``workers`` in number, so
    no core waits idle through a last round of one short chunk (64 charts on 2 cores: four of 16)."""
    if not items:
        return []
    count = -(-len(items) // most)
    count = -(-count // workers) * workers  # rounded up to a whole round for every worker
    count = min(count, len(items))
    size, longer = divmod(len(items), count)  # the first `longer` chunks take one item more
    bounds = [k * size + min(k, longer) for k in range(count + 1)]
    return [items[bounds[k] : bounds[k + 1]] for k in range(count)]
