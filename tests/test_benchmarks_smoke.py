"""The benchmark script still runs against the current code (its figures are never asserted: speed is measured
in benchmarks/README.md, not tested)."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def test_the_benchmark_script_runs_on_a_tiny_project() -> None:
    run = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run.py"), "--smoke"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    table = [line for line in run.stdout.splitlines() if line.startswith("| ")]
    names = [line.split(" | ")[0].lstrip("| ") for line in table[2:]]
    assert names == [
        "Cold build of the small project (draft)",
        "Bare toolchain, one process",
        "Ratio: dirreport cold / bare toolchain one process",
        "Rebuild with nothing changed",
        "Batch project loaded (22 authorities)",  # the batch's own project, which once could not start
    ], run.stdout
