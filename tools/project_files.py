"""What a report project's inputs are, for the tests and benchmarks that work on copies of one."""

from __future__ import annotations

from dirreport.cli.sample import SAMPLE_PARTS as PROJECT_PARTS  # one list: the sample new --sample writes
from dirreport.cli.sample import copy_parts as copy_project

__all__ = ["PROJECT_PARTS", "copy_project"]
