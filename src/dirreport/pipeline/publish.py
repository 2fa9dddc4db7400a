"""Putting a finished build in place, all at once, so a reader never sees half a report.

Every build writes a complete new generation of the output folder next to the
old one.  ``_output/current`` is a symbolic link to the live generation and
each edition folder (``_output/en``...) is a fixed link through it, so
switching generations is one atomic rename: until that moment the previous
report is untouched; a build that fails or is killed leaves it as it was.
Editions not rebuilt this time are carried over from the previous generation
by hard link.  On systems without symbolic links the switch falls back to
renames with recovery on the next run.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from pathlib import Path

GENERATIONS = ".generations"
CURRENT = "current"


def _generations(output: Path) -> Path:
    return output / GENERATIONS


def current_generation(output: Path) -> Path | None:
    link = output / CURRENT
    if link.is_symlink():
        target = output / os.readlink(link)
        return target if target.is_dir() else None
    return None


def new_generation(output: Path) -> Path:
    """A fresh, empty folder for this build's files, inside the output folder (same file system)."""
    root = _generations(output)
    root.mkdir(parents=True, exist_ok=True)
    name = f"g{time.time_ns()}-{os.getpid()}"
    path = root / name
    path.mkdir()
    return path


def carry_over(output: Path, generation: Path, editions: list[str]) -> None:
    """Link the previous generation's editions that this build did not make."""
    previous = current_generation(output)
    if previous is None:
        return
    for edition in editions:
        src = previous / edition
        dst = generation / edition
        if src.is_dir() and not dst.exists():
            shutil.copytree(src, dst, copy_function=link_or_copy)


def link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def switch(output: Path, generation: Path, editions: list[str]) -> None:
    """Make ``generation`` live in one atomic step, then tidy up old generations."""
    relative = os.path.relpath(generation, output)
    tmp_link = output / f".{CURRENT}.{os.getpid()}.tmp"
    with contextlib.suppress(FileNotFoundError):
        tmp_link.unlink()
    try:
        os.symlink(relative, tmp_link, target_is_directory=True)
    except (OSError, NotImplementedError):
        _switch_without_links(output, generation, editions)
        return
    os.replace(tmp_link, output / CURRENT)
    for edition in editions:
        _ensure_edition_link(output, edition)
    prune(output, keep=generation)


def _ensure_edition_link(output: Path, edition: str) -> None:
    path = output / edition
    wanted = os.path.join(CURRENT, edition)
    if path.is_symlink() and os.readlink(path) == wanted:
        return
    tmp = output / f".{edition}.{os.getpid()}.tmp"
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    os.symlink(wanted, tmp, target_is_directory=True)
    if path.is_dir() and not path.is_symlink():
        # an output folder from before generations: replace it by the link
        old = output / f".{edition}.old.{os.getpid()}"
        os.rename(path, old)
        os.replace(tmp, path)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(tmp, path)


def _switch_without_links(output: Path, generation: Path, editions: list[str]) -> None:
    for edition in editions:
        src = generation / edition
        dst = output / edition
        old = output / f".{edition}.old"
        if old.exists():
            shutil.rmtree(old)
        if dst.exists():
            os.rename(dst, old)
        os.rename(src, dst)
        shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(generation, ignore_errors=True)


def prune(output: Path, keep: Path | None) -> None:
    """Remove generations other than the live one and any left by killed builds."""
    root = _generations(output)
    if not root.is_dir():
        return
    live = current_generation(output)
    for child in root.iterdir():
        if child in (keep, live):
            continue
        shutil.rmtree(child, ignore_errors=True)
    for stray in output.glob(".*.tmp"):
        with contextlib.suppress(OSError):
            stray.unlink()


def discard(generation: Path) -> None:
    shutil.rmtree(generation, ignore_errors=True)
