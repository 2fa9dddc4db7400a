"""What a report project's inputs are, for the tests and benchmarks that work on copies of one."""

from __future__ import annotations

import shutil
from pathlib import Path

from dirreport.cli.sample import SAMPLE_PARTS as PROJECT_PARTS  # one list: the sample new --sample writes


def copy_project(source: Path, target: Path) -> Path:
    """A copy of a report project's inputs (never its outputs or cache)."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_PARTS:
        src = source / name
        if src.is_dir():
            shutil.copytree(src, target / name)
        elif src.is_file():
            shutil.copy2(src, target / name)
    return target
