"""The one family of errors a user of dirreport ever sees.

A user error must say where (file, row or line), what is wrong and how to fix
it, on one line, without a traceback.  Anything else that escapes is a bug in
dirreport.  Stages collect every problem they find before stopping, so a user
fixes a whole file in one pass rather than one error per build.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the user's project, located as precisely as we can."""

    message: str
    file: str | None = None
    line: int | None = None
    column: str | None = None
    hint: str | None = None
    position_kind: str = "line"
    # the report card's section for a finding, set where the problem is found (checks.findings.SECTIONS)
    category: str | None = None

    def located(self, where: str | None = None) -> str:
        """Render as ``file:row N: message. hint`` on one line.

        ``where`` stands in for the English position, so a report card in another language words it itself.
        """
        position = self.position() if where is None else where
        parts = [position] if position else []
        text = self.message.rstrip(".")
        if self.hint:
            hint = self.hint.rstrip(".")
            text += f". {hint}" + ("" if hint.endswith(("?", "!")) else ".")
        else:
            text += "."
        parts.append(text)
        return ": ".join(parts).replace("\n", " ")

    def position(self, row: str | None = None, column: str = "column {column}") -> str:
        """``file:row N, column C``, or "" for a problem of no file; the words may come in another language."""
        if not self.file:
            return ""
        where = self.file
        if self.line is not None:
            where += f":{row or self.position_kind} {self.line}"
        if self.column:
            where += ", " + column.format(column=self.column)
        return where


# problems printed for one file at most; the rest are counted ("… and 7,150 more in this file")
PER_FILE = 50
_MORE = "… and "


def cap_per_file(problems: Iterable[Problem], limit: int = PER_FILE) -> list[Problem]:
    """At most ``limit`` problems for each file, then one line counting the rest.

    A file broken throughout (a pasted binary, a narrative copied twenty times)
    would otherwise print thousands of lines: the first ones show what is wrong,
    the count shows how much.  Applying it twice changes nothing.
    """
    kept: list[Problem] = []
    shown: dict[str | None, int] = {}
    dropped: dict[str | None, int] = {}
    for problem in problems:
        if problem.message.startswith(_MORE):
            kept.append(problem)
            continue
        if shown.get(problem.file, 0) < limit:
            shown[problem.file] = shown.get(problem.file, 0) + 1
            kept.append(problem)
        else:
            dropped[problem.file] = dropped.get(problem.file, 0) + 1
    for file, count in dropped.items():
        kept.append(
            Problem(
                f"{_MORE}{count:,} more {'problem' if count == 1 else 'problems'} in this file, not listed "
                f"(at most {limit} are shown for a file)",
                file=file,
                hint="fix the ones above and run again",
            )
        )
    return kept


@dataclass(frozen=True)
class Withheld(Problem):
    """A figure the data holds but a sentence may not print ([c], [low], [x], [z]).

    The project's files are usable as they are; it is a check that blocks
    publication, so the command exits 1 (``CheckFailed``), not 2.
    """


class DirreportError(Exception):
    """A user-facing error: one or more problems, each printed on its own line."""

    exit_code = EXIT_USAGE

    def __init__(self, problems: Iterable[Problem] | Problem | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: tuple[Problem, ...] = tuple(cap_per_file(problems))
        super().__init__("\n".join(p.located() for p in self.problems))

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.problems)

    def __reduce__(self) -> tuple[type[DirreportError], tuple[tuple[Problem, ...]]]:
        # keep the located problems when an error crosses a process boundary
        return (type(self), (self.problems,))


class InputError(DirreportError):
    """The project's files cannot be read as they are."""


class CheckFailed(DirreportError):
    """The project reads, but error-level checks block publication."""

    exit_code = EXIT_CHECK_FAILED


class ProblemCollector:
    """Gathers problems from one pass over an input and raises them together."""

    def __init__(self, limit: int = 50) -> None:
        self.problems: list[Problem] = []
        self.limit = limit
        self.dropped = 0

    def add(self, problem: Problem) -> None:
        if len(self.problems) < self.limit:
            self.problems.append(problem)
        else:
            self.dropped += 1

    def __bool__(self) -> bool:
        return bool(self.problems)

    def raise_if_any(self, error: type[DirreportError] = InputError) -> None:
        if not self.problems:
            return
        problems = list(self.problems)
        if self.dropped:
            last = problems[-1]
            problems.append(
                Problem(
                    f"{self.dropped} more problems of the same kind were not listed",
                    file=last.file,
                    hint="fix the ones above and run again",
                )
            )
        raise error(problems)
