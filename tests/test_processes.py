"""Nothing a build started outlives it: a build killed outright (SIGKILL, Windows' End task) leaves no process.

A real build of the small fixture is killed, at the moment a given kind of process has appeared among its
descendants (the pool's forkserver, a Typst process, LibreOffice laying out a Word file), by killing the build's
own process only, as a user or a system would.  Every process it had started must be gone within seconds.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from conftest import soffice_path
from dirreport import processes
from dirreport.pipeline.lock import build_lock, records_folder

SMALL = Path(__file__).parent / "fixtures" / "small"
SURVIVAL_SECONDS = 10  # the watches poll twice a second; this leaves room on a loaded machine


def _descendants(process: psutil.Process) -> list[psutil.Process]:
    try:
        return process.children(recursive=True)
    except psutil.Error:
        return []


def _describe(process: psutil.Process) -> str:
    try:
        return " ".join(process.cmdline())
    except psutil.Error:
        return ""


def _running(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.Error:
        return False


@pytest.mark.parametrize(
    ("jobs", "when"),
    [("2", "multiprocessing.forkserver"), ("2", "typst_process.py"), ("2", "soffice"), ("1", "soffice")],
    ids=["pool-started", "typst", "libreoffice", "libreoffice-without-a-pool"],
)
def test_a_killed_build_leaves_no_process(tmp_path: Path, jobs: str, when: str) -> None:
    if when == "soffice":
        soffice_path()  # LibreOffice is part of the toolchain the tests run with
    project = tmp_path / "p"
    shutil.copytree(SMALL, project)
    build = subprocess.Popen(
        [sys.executable, "-m", "dirreport", "build", str(project), "--draft", "--jobs", jobs],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    parent = psutil.Process(build.pid)
    started: dict[int, psutil.Process] = {}
    deadline = time.monotonic() + 300
    try:
        while time.monotonic() < deadline and build.poll() is None:
            for child in _descendants(parent):
                started.setdefault(child.pid, child)
            if any(when in _describe(p) for p in started.values() if _running(p)):
                break
            time.sleep(0.05)
        assert build.poll() is None, f"the build ended before any '{when}' process was seen"
        started.update({c.pid: c for c in _descendants(parent)})
        build.kill()  # the build's own process only: its children are left to look after themselves
        build.wait()
        gone_by = time.monotonic() + SURVIVAL_SECONDS
        while time.monotonic() < gone_by and any(_running(p) for p in started.values()):
            time.sleep(0.2)
        left = [_describe(p)[:120] for p in started.values() if _running(p)]
        assert not left, f"still running {SURVIVAL_SECONDS} s after the build was killed: {left}"
    finally:
        for process in started.values():
            if _running(process):
                process.kill()


def test_the_next_build_ends_what_a_killed_build_left_running(tmp_path: Path) -> None:
    """A worker whose watch could not run (recorded in the cache): the next build ends it before it starts."""
    project = tmp_path / "p"
    project.mkdir()
    records = records_folder(project)
    stray = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from dirreport.processes import record; "
            "record(Path(sys.argv[1]), 'worker'); print('recorded', flush=True); time.sleep(300)",
            str(records),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert stray.stdout is not None and stray.stdout.readline().strip() == "recorded"
        process = psutil.Process(stray.pid)
        with build_lock(project):
            assert not _running(process)
        assert not list(records.glob("*.json"))
    finally:
        if stray.poll() is None:
            stray.kill()


def test_a_recorded_pid_now_used_by_another_process_is_left_alone(tmp_path: Path) -> None:
    """A record whose pid has since been given to another process (its start time differs) ends nothing."""
    records = tmp_path / "records"
    records.mkdir()
    (records / f"{os.getpid()}.json").write_text(
        f'{{"pid": {os.getppid()}, "created": 1000000.0, "role": "worker"}}', encoding="utf-8"
    )
    assert processes.end_recorded(records) == []
    assert processes.is_alive(os.getppid())
