"""What a command prints: messages for people, quiet for CI, steps and progress bars with --verbose.

Kept apart from the commands so that every command reports in the same way.
"""

from __future__ import annotations

import errno
import logging
from pathlib import Path
from typing import Any

import click

from dirreport.errors import DirreportError
from dirreport.pipeline.progress import Progress

log = logging.getLogger("dirreport")


class Output:
    """Where messages go: quiet for CI, verbose for diagnosis."""

    def __init__(self, quiet: bool, verbose: bool) -> None:
        self.quiet = quiet
        self.verbose = verbose
        for old in [h for h in log.handlers if getattr(h, "dirreport_cli", False)]:
            log.removeHandler(old)  # one handler however many commands run in this process
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(message)s"))
        handler.dirreport_cli = True  # type: ignore[attr-defined]
        log.addHandler(handler)
        log.setLevel(logging.DEBUG if verbose else logging.WARNING)

    def info(self, message: str) -> None:
        if not self.quiet:
            click.echo(message)

    def progress(self, message: str) -> None:
        if self.verbose:
            click.echo(f"  {message}", err=True)


# What a build is doing, said as it starts each stage, so a build of a minute is never a minute of silence.
STAGES = {
    "assembling": "assembling the report",
    "drawing": "drawing {total} charts",
    "pictures for Word": "making {total} pictures for Word",
    "rendering": "writing {total} files",
}


class CommandProgress(Progress):
    """A build's progress: bars on a terminal and for a batch; elsewhere a line per stage and per file written.

    The lines go to standard error, so what a build prints on standard output stays the list of files;
    ``--quiet`` silences them.
    """

    def __init__(self, out: Output, bars: bool) -> None:
        self.out = out
        self.bars: Any = None
        self.lines = not bars and not out.quiet
        self.tasks: dict[str, object] = {}
        if bars and not out.quiet:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bars = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                transient=False,
            )

    def __enter__(self) -> CommandProgress:
        if self.bars is not None:
            self.bars.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bars is not None:
            self.bars.stop()

    def step(self, message: str) -> None:
        if self.lines and not self.out.verbose:
            if message.startswith("drawing "):
                return  # said by start("drawing")
            click.echo(f"  {message}: done", err=True)
        else:
            self.out.progress(message)

    def start(self, name: str, total: int) -> None:
        if self.bars is not None:
            if total:  # nothing to draw or write (all from the cache): no bar at 0 of 0
                self.tasks[name] = self.bars.add_task(name, total=total)
        elif self.lines and total and name in STAGES:
            text = STAGES[name].format(total=total)
            if total == 1:
                text = (
                    text.replace("1 files", "1 file").replace("1 charts", "1 chart").replace("1 pictures", "1 picture")
                )
            click.echo(text + "…", err=True)

    def advance(self, name: str, amount: int = 1) -> None:
        if self.bars is not None and name in self.tasks:
            self.bars.advance(self.tasks[name], amount)


DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def disk_full(error: OSError, args: list[str]) -> str:
    """A full disk, told at the report's output folder rather than at dirreport's working file that hit it."""
    filename = str(error.filename) if error.filename else ""
    positional = [a for a in args[1:2] if not a.startswith("-")]
    where = filename or output_folder(Path(positional[0] if positional else "."))
    parts = Path(filename).parts if filename else ()
    for marker in (".dirreport-cache", "_output"):
        if marker in parts:
            root = Path(*parts[: parts.index(marker)])
            where = output_folder(root)
            break
    return (
        f"{where}: the disk is full ({error.strerror or 'no space left'}), so the report could not be written. "
        "free some space on that disk and build again; the report published before is unchanged."
    )


def output_folder(root: Path) -> str:
    """The project's output folder as _quarto.yml names it (``_output`` when it cannot be read)."""
    from dirreport.config.settings import load_config  # only when the disk is full: commands start faster

    try:
        return load_config(root).output_dir.as_posix()
    except (DirreportError, OSError):
        return (root / "_output").as_posix()
