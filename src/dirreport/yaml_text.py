"""YAML read from a project's files, its syntax errors told as a line of that file.

Settings, the brand, the local catalogue and a narrative's front matter are all
YAML written by hand; a slip in any of them should be told the same way: the
file, the line, what the parser found and where to look.
"""

from __future__ import annotations

from typing import Any

import yaml

from dirreport.errors import Problem


def parse(text: str, file: str, subject: str = "", first_line: int = 1) -> tuple[Any, Problem | None]:
    """The YAML's data, or the problem with it when it cannot be read.

    ``subject`` names the part of the file that is YAML ("front matter"), when it is not all of it;
    ``first_line`` is the file's line on which ``text`` starts (front matter
    starts on line 2, after its ``---``).  A date that does not exist (YAML
    reads 2024-09-31 as a date) is a problem of the same kind.
    """
    try:
        return yaml.safe_load(text), None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return None, Problem(
            f"{_subject(subject)}is not valid YAML ({getattr(exc, 'problem', None) or exc})",
            file=file,
            line=mark.line + first_line if mark else first_line,
            hint="check the indentation and quoting on that line",
        )
    except ValueError as exc:
        return None, Problem(
            f"{_subject(subject)}has a date that does not exist ({exc})",
            file=file,
            line=value_error_line(text, first_line),
            hint="write dates as YYYY-MM-DD with a real day of that month, e.g. 2024-10-31",
        )


def value_error_line(text: str, first_line: int = 1) -> int | None:
    """The line of a YAML text that PyYAML cannot turn into a value (an impossible date such as 2024-02-30)."""
    for number, line in enumerate(text.split("\n"), start=first_line):
        try:
            yaml.safe_load(line.strip().lstrip("- "))
        except ValueError:
            return number
        except yaml.YAMLError:
            continue
    return None


def _subject(subject: str) -> str:
    return f"{subject} " if subject else ""
