"""The command line: `dirreport build`, `check`, `new`, `preview`, `data`, `catalogue`, `translate`."""

from dirreport.cli.main import main

__all__ = ["main"]
