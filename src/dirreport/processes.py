"""Processes a build starts end with it, even when the build itself is killed outright.

A build's pool workers, Typst and LibreOffice run in processes of their own.  A
build ended by SIGKILL (or Windows' End task) runs no code of its own, so
nothing in it can stop them: a worker would wait for work forever, and
LibreOffice would finish a layout nobody reads.  So each of them watches its
parent instead: a thread polls whether the process that started it is still
there and, when it is gone, ends the process's own children and the process.
An external program (LibreOffice) is started through a guard, this file run as
a script, that watches its parent the same way and ends the program's whole
tree.  Each worker also records itself in the project's cache, so the next
build ends any that survived (a watch that could not run, a machine that was
suspended) before it starts.  psutil answers "is it alive" and "what are its
children" the same on Windows, macOS and Linux; there is no Linux-only
``prctl`` here.

This file imports nothing from dirreport, so it can run as the guard's script.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import psutil

POLL_SECONDS = 0.5
ORPHANED = 125  # a process's exit status when it ended because its parent had gone
TIMED_OUT = 124  # the guard's exit status when the program ran past its time


def identity(pid: int | None = None) -> tuple[int, float] | None:
    """A process's pid and start time (a pid alone may be reused), or None if there is no such process."""
    try:
        process = psutil.Process(pid)
        return process.pid, process.create_time()
    except psutil.Error:
        return None


def is_alive(pid: int, created: float | None = None) -> bool:
    """The process is running (not a zombie), and is the one that started at ``created`` when given."""
    try:
        process = psutil.Process(pid)
        if created is not None and abs(process.create_time() - created) > 1:
            return False  # the pid was reused by another process
        return bool(process.status() != psutil.STATUS_ZOMBIE)
    except psutil.Error:
        return False


def end_tree(pid: int, created: float | None = None, include_self: bool = True) -> None:
    """Kill a process's children, grandchildren first seen, and (with ``include_self``) the process."""
    try:
        process = psutil.Process(pid)
        if created is not None and abs(process.create_time() - created) > 1:
            return
        family = process.children(recursive=True)
    except psutil.Error:
        return
    if include_self:
        family.append(process)
    for member in family:
        with contextlib.suppress(psutil.Error):
            member.kill()
    psutil.wait_procs(family, timeout=3)


def watch_parent(pid: int | None = None, created: float | None = None) -> None:
    """End this process and its children once the parent (``pid``, or the process that started this one) is gone."""
    parent_pid = pid if pid is not None else os.getppid()
    if created is None:
        found = identity(parent_pid)
        if found is None:
            _orphaned()
            return
        created = found[1]

    def watch() -> None:
        while True:
            time.sleep(POLL_SECONDS)
            if not is_alive(parent_pid, created):
                _orphaned()

    threading.Thread(target=watch, name="dirreport-parent-watch", daemon=True).start()


def _orphaned() -> None:
    end_tree(os.getpid(), include_self=False)
    os._exit(ORPHANED)


# --- the record of a build's processes, for the next build ----------------------------------------------------


def record(folder: Path, role: str) -> None:
    """Note this process in ``folder`` so the next build can end it if it outlives its build."""
    found = identity()
    if found is None:
        return
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{found[0]}.json").write_text(
            json.dumps({"pid": found[0], "created": found[1], "role": role}), encoding="utf-8"
        )


def end_recorded(folder: Path) -> list[str]:
    """End every recorded process still running (a killed build's leftovers) and forget them all.

    Called only by a build that holds the project's lock, so none of them can belong to a running build.
    """
    ended: list[str] = []
    if not folder.is_dir():
        return ended
    for path in sorted(folder.glob("*.json")):
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
            pid, created = int(entry["pid"]), float(entry["created"])
        except (OSError, ValueError, KeyError, TypeError):
            pid, created = 0, 0.0
        if pid and pid != os.getpid() and is_alive(pid, created):
            end_tree(pid, created)
            ended.append(f"{entry.get('role', 'process')} {pid}")
        with contextlib.suppress(OSError):
            path.unlink()
    return ended


# --- an external program under a guard ---------------------------------------------------------------------


def run_guarded(command: Sequence[str], timeout: float, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run a program that must not outlive this process (LibreOffice): through a guard process that ends the
    program's whole tree when this process goes, or when ``timeout`` seconds have passed."""
    me = identity()
    assert me is not None
    guard = [sys.executable, str(Path(__file__).resolve()), str(me[0]), repr(me[1]), str(timeout), "--", *command]
    return subprocess.run(guard, capture_output=True, check=False, cwd=cwd)


def _guard(parent: int, created: float, timeout: float, command: list[str]) -> int:
    options: dict[str, object] = {}
    if sys.platform == "win32":
        options["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP  # type: ignore[attr-defined]
    else:
        options["start_new_session"] = True
    child = subprocess.Popen(command, **options)  # type: ignore[call-overload]
    started = time.monotonic()
    while True:
        try:
            return int(child.wait(POLL_SECONDS))
        except subprocess.TimeoutExpired:
            pass
        over_time = time.monotonic() - started > timeout
        if over_time or not is_alive(parent, created):
            end_tree(child.pid)
            with contextlib.suppress(OSError):
                child.kill()
            child.wait()
            return TIMED_OUT if over_time else ORPHANED


if __name__ == "__main__":
    separator = sys.argv.index("--")
    parent_pid, parent_created, seconds = sys.argv[1:separator]
    sys.exit(_guard(int(parent_pid), float(parent_created), float(seconds), sys.argv[separator + 1 :]))
