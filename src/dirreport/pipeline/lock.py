"""One build of a project at a time, and a clean start after a build that was killed.

Two builds of one project at once would prune each other's generations and
share the cache's half-written renders.  A build therefore holds a lock file in
the project's cache naming its process (pid and start time, so a reused pid is
not mistaken for it).  A second build is refused with the first one's process
named; a lock whose process is gone (a killed build) is taken over, and any
worker that build left running is ended first (``processes.end_recorded``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

from dirreport import processes
from dirreport.config.settings import CACHE_DIR
from dirreport.errors import InputError, Problem

LOCK = "build.lock"
RECORDS = "processes"


def records_folder(root: Path) -> Path:
    """Where a build's workers note themselves, for the next build to end any left running."""
    return root / CACHE_DIR / RECORDS


@contextlib.contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Hold the project's build lock for the duration of a build; refuse if another build holds it."""
    path = root / CACHE_DIR / LOCK
    path.parent.mkdir(parents=True, exist_ok=True)
    me = processes.identity()
    assert me is not None
    mine = json.dumps({"pid": me[0], "created": me[1]})
    while True:
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            _refuse_or_take_over(path)
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(mine)
        break
    try:
        processes.end_recorded(records_folder(root))
        yield
    finally:
        with contextlib.suppress(OSError):
            if path.read_text(encoding="utf-8") == mine:
                path.unlink()


def _refuse_or_take_over(path: Path) -> None:
    try:
        text = path.read_text(encoding="utf-8")
        owner = json.loads(text)
        pid, created = int(owner["pid"]), float(owner["created"])
    except FileNotFoundError:
        return  # the other build has just finished
    except (OSError, ValueError, KeyError, TypeError):
        with contextlib.suppress(OSError):
            if time.time() - path.stat().st_mtime < 5:
                time.sleep(0.2)  # another build has just made the lock and is writing its name in it
                return
        text, pid, created = None, 0, 0.0  # a lock file cut short by a kill: no build owns it
    if pid and processes.is_alive(pid, created):
        since = dt.datetime.fromtimestamp(created).strftime("%H:%M:%S")
        raise InputError(
            Problem(
                f"another build of this project is running (process {pid}, started at {since})",
                file=f"{CACHE_DIR}/{LOCK}",
                hint="wait for it to finish, then build again; only one build of a project can run at a time",
            )
        )
    # the build that held the lock is gone: take it over, unless another build has just done so
    with contextlib.suppress(OSError):
        if text is None or path.read_text(encoding="utf-8") == text:
            path.unlink()
