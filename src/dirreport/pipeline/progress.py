"""What a build tells its caller as it goes: the command line shows it, the Python API stays silent."""

from __future__ import annotations


class Progress:
    """Silent by default; the command line's subclass prints steps and draws a batch's progress bars."""

    def step(self, message: str) -> None:
        """A line of progress (shown with --verbose)."""

    def start(self, name: str, total: int) -> None:
        """A counted task begins (a batch's progress bar)."""

    def advance(self, name: str, amount: int = 1) -> None:
        """Part of a counted task is done."""
