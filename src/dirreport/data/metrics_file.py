"""``data/metrics.csv`` edited in place: only the rows an import adds or changes are written.

A performance team keeps its metrics file under version control or compares
it with last year's, so an import must not rewrite lines it does not change.
The file is read as its own lines: the byte-order mark (or none), each line's
ending (CRLF or LF), quoting, extra columns and the blank lines at its end are
kept; a changed row is written again with its own number of cells, and new
rows go after the last one.  Only when a note column has to be added does
every line change, and the import says so.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

from dirreport import cells
from dirreport.data.tables import decode_csv, write_csv
from dirreport.errors import InputError, Problem

COLUMNS = ("authority", "year", "metric", "value", "note")


@dataclass
class Line:
    """One record of the file: its text as written, its line ending and its cells."""

    text: str
    end: str
    cells: list[str]


@dataclass
class MetricsFile:
    """The metrics file as lines, with the columns of its header found."""

    name: str
    bom: bool = True
    newline: str = "\n"
    lines: list[Line] = field(default_factory=list)
    trailer: str = ""  # blank lines after the last row, kept after the rows added
    columns: dict[str, int] = field(default_factory=dict)
    added_note_column: bool = False

    def key(self, line: Line) -> tuple[str, str, str] | None:
        """(authority, year, metric) of a data row, compared as the import compares them."""
        if not any(c.strip() for c in line.cells):
            return None
        get = self.cell
        year = cells.financial_year(get(line, "year"))
        return (
            get(line, "authority").upper(),
            year if isinstance(year, str) else get(line, "year"),
            get(line, "metric").upper(),
        )

    def cell(self, line: Line, column: str) -> str:
        index = self.columns.get(column)
        return line.cells[index].strip() if index is not None and index < len(line.cells) else ""

    def rows(self) -> list[tuple[int, Line]]:
        """The data rows (after the header) with their index among the lines."""
        return [(i, line) for i, line in enumerate(self.lines) if i > 0 and any(c.strip() for c in line.cells)]

    def set(self, line: Line, value: str, note: str) -> None:
        """Change a row's value and note, keeping its other cells and its own number of cells."""
        if note and "note" not in self.columns:
            self._add_note_column()
        line.cells[self.columns["value"]] = value
        if "note" in self.columns:
            index = self.columns["note"]
            line.cells += [""] * (index + 1 - len(line.cells))
            line.cells[index] = note
        line.text = _joined(line.cells)

    def append(self, authority: str, year: str, metric: str, value: str, note: str) -> None:
        if note and "note" not in self.columns:
            self._add_note_column()
        width = max(len(self.lines[0].cells), max(self.columns.values()) + 1)
        row = [""] * width
        for column, text in zip(COLUMNS, (authority, year, metric, value, note), strict=True):
            if column in self.columns:
                row[self.columns[column]] = text
        if self.lines and not self.lines[-1].end:
            self.lines[-1].end = self.newline  # the last row had no line ending: the new rows go on lines of their own
            self.lines.append(Line(_joined(row), "", row))
        else:
            self.lines.append(Line(_joined(row), self.newline, row))

    def _add_note_column(self) -> None:
        index = len(self.lines[0].cells)
        self.columns["note"] = index
        self.added_note_column = True
        for i, line in enumerate(self.lines):
            if i == 0 or any(c.strip() for c in line.cells):
                line.cells += [""] * (index - len(line.cells)) + (["note"] if i == 0 else [""])
                line.text = _joined(line.cells)

    def text(self) -> str:
        return "".join(line.text + line.end for line in self.lines) + self.trailer

    def write(self, path: Path) -> None:
        """Write the file whole to a neighbour, then move it into place: the old file stays whole until then."""
        partial = path.with_name(path.name + ".importing")
        partial.write_bytes(self.text().encode("utf-8-sig" if self.bom else "utf-8"))
        os.replace(partial, path)


def _joined(row: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(row)
    return buffer.getvalue()


def read_metrics_file(path: Path, name: str) -> MetricsFile:
    """The metrics file as its lines, or an InputError when its header lacks a column the import writes."""
    raw = path.read_bytes()
    text = decode_csv(raw, name)
    found = MetricsFile(name, bom=raw.startswith(b"\xef\xbb\xbf"), newline="\r\n" if "\r\n" in text else "\n")
    physical = text.splitlines(keepends=True)
    record: list[str] = []
    for piece in physical:
        record.append(piece)
        joined = "".join(record)
        if joined.count('"') % 2:
            continue  # a quoted cell runs on to the next line
        body = joined.rstrip("\r\n")
        found.lines.append(Line(body, joined[len(body) :], next(csv.reader([body]), [])))
        record = []
    if record:  # an unclosed quote at the end: kept as it is
        joined = "".join(record)
        found.lines.append(Line(joined, "", next(csv.reader([joined]), [])))
    while len(found.lines) > 1 and not found.lines[-1].text.strip():
        blank = found.lines.pop()
        found.trailer = blank.text + blank.end + found.trailer
    if not found.lines:
        raise InputError(Problem("is empty", file=name, hint="add a header row and data, or delete the file"))
    header = [c.strip().lower() for c in found.lines[0].cells]
    for column in COLUMNS:
        if column in header:
            found.columns[column] = header.index(column)
    missing = [c for c in COLUMNS[:4] if c not in found.columns]
    if missing:
        raise InputError(
            Problem(
                f"has no column {', '.join(repr(c) for c in missing)} (found: {', '.join(header) or 'none'})",
                file=name,
                line=1,
                position_kind="row",
                hint="the header row must be: authority,year,metric,value,note",
            )
        )
    return found


def write_new_metrics_file(path: Path, rows: list[list[str]]) -> None:
    """A metrics file where there was none: UTF-8 with a BOM, so Excel shows Welsh letters; a note column if needed."""
    header = list(COLUMNS)
    if not any(r[4] for r in rows):
        header, rows = header[:4], [r[:4] for r in rows]
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".importing")
    write_csv(partial, header, rows)
    os.replace(partial, path)
