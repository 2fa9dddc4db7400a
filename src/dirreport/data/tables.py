"""Reading a user's CSV or XLSX file into rows of text, with every row numbered.

This is the only place that knows about encodings, separators and spreadsheet
quirks.  Whatever comes out is a table of strings with the row number each
came from, so validation can say "row 512" and mean the row the user sees in
Excel.  Numbers are not interpreted here.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

from dirreport.errors import InputError, Problem
from dirreport.office_files import check_workbook_size

MAX_FILE_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True)
class RawTable:
    """Text cells keyed by lower-case column name; ``rows`` are 1-based file rows."""

    name: str
    frame: pd.DataFrame
    rows: pd.Series
    sheet: str | None = None
    sheets: pd.Series | None = None

    @property
    def where(self) -> str:
        return f"{self.name} (sheet {self.sheet})" if self.sheet else self.name

    def where_of(self, index: object) -> str:
        """The file (and sheet) a row came from, for a message about that row."""
        if self.sheets is not None:
            return f"{self.name} (sheet {self.sheets[index]})"
        return self.where

    def problem(self, index: object, message: str, hint: str | None = None, column: str | None = None) -> Problem:
        """A problem with the row ``index`` came from, as the user sees it numbered in Excel."""
        return Problem(
            message,
            file=self.where_of(index),
            line=int(self.rows[index]),
            position_kind="row",
            column=column,
            hint=hint,
        )

    def __len__(self) -> int:
        return len(self.frame)


def read_table(path: Path, name: str, required: tuple[str, ...]) -> RawTable:
    """Read CSV or XLSX with the required columns, or raise an InputError that says why not."""
    if path.is_symlink() or not path.is_file():
        raise InputError(Problem("is not a regular file", file=name, hint="replace it with the data file itself"))
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InputError(
            Problem(
                f"is {size // (1024 * 1024)} MB, more than the {MAX_FILE_BYTES // (1024 * 1024)} MB a report needs",
                file=name,
                hint="keep only the years and authorities the report uses",
            )
        )
    if path.suffix.lower() == ".xlsx":
        table = _read_xlsx(path, name)
    elif path.suffix.lower() == ".csv":
        table = _read_csv(path, name)
    else:
        raise InputError(Problem(f"has extension '{path.suffix}'", file=name, hint="save it as .csv or .xlsx"))
    _require_columns(table, required)
    return table


def _read_csv(path: Path, name: str) -> RawTable:
    import pandas as pd  # imported when data is read: a rebuild that reads none starts faster

    text = decode_csv(path.read_bytes(), name)
    header = text.splitlines()[0] if text.splitlines() else ""
    if "," not in header:
        for sep, label in ((";", "semicolons"), ("\t", "tabs"), ("|", "vertical bars")):
            if sep in header:
                raise InputError(
                    Problem(
                        f"separates columns with {label}, not commas",
                        file=name,
                        line=1,
                        position_kind="row",
                        hint="save it as comma-separated CSV (in Excel: 'CSV UTF-8 (Comma delimited)')",
                    )
                )
    _refuse_wide_first_row(text, name)
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
            engine="c",
            index_col=False,
        )
    except pd.errors.ParserError as exc:
        raise InputError(_parser_problem(str(exc), name)) from None
    except pd.errors.EmptyDataError:
        raise InputError(Problem("has no header row", file=name, hint="the first row must name the columns")) from None
    refuse_duplicate_columns(next(csv.reader(io.StringIO(text)), []), name)
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    rows = pd.Series(range(2, len(frame) + 2), index=frame.index)
    blank = (frame == "").all(axis=1)
    if blank.any():
        frame, rows = frame[~blank], rows[~blank]
    return RawTable(name, frame.map(str.strip), rows)


def decode_csv(raw: bytes, name: str) -> str:
    """A CSV file's text (UTF-8, with or without a BOM), or an InputError naming the first byte that is not."""
    if not raw.strip(b" \t\r\n\xef\xbb\xbf"):
        raise InputError(Problem("is empty", file=name, hint="add a header row and data, or delete the file"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)
        row = raw[:start].count(b"\n") + 1
        looks = "UTF-16 (Excel's 'Unicode Text')" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else "Windows/Latin-1"
        raise InputError(
            Problem(
                f"is not UTF-8 text (byte 0x{raw[start]:02x}; the file looks like {looks} encoding)",
                file=name,
                line=row,
                position_kind="row",
                hint="in Excel use Save As > 'CSV UTF-8 (Comma delimited)'",
            )
        ) from None


def refuse_duplicate_columns(header: list[str], name: str) -> None:
    """Two columns with one name (``value`` and ``Value``: names are read without regard to capitals).

    Which of the two holds the figures cannot be guessed, so neither is read.
    """
    seen: dict[str, int] = {}
    for index, title in enumerate(header):
        key = title.strip().lower()
        if not key:
            continue
        if key in seen:
            first = seen[key]
            raise InputError(
                Problem(
                    f"has two columns named '{key}' (column {column_letter(first)} '{header[first].strip()}' and "
                    f"column {column_letter(index)} '{title.strip()}'; capitals do not make names different)",
                    file=name,
                    line=1,
                    position_kind="row",
                    hint="delete the column that is not wanted, or rename it",
                )
            )
        seen[key] = index


def column_letter(index: int) -> str:
    """A column as a spreadsheet names it: 0 is A, 26 is AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _refuse_wide_first_row(text: str, name: str) -> None:
    """A first row with more cells than the header (an unquoted "2,5"), which pandas would otherwise read
    as row labels rather than refuse as it does any later row."""
    reader = csv.reader(io.StringIO(text))
    header, first = next(reader, []), next(reader, None)
    if first is not None and len(first) > len(header):
        raise InputError(
            Problem(
                f"has {len(first)} cells where the header has {len(header)}",
                file=name,
                line=2,
                position_kind="row",
                hint="remove the extra comma or put text containing commas in double quotes",
            )
        )


def _parser_problem(message: str, name: str) -> Problem:
    """Turn pandas' 'Expected 4 fields in line 7, saw 5' into a located problem."""

    m = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message)
    if m:
        return Problem(
            f"has {m.group(3)} cells where the header has {m.group(1)}",
            file=name,
            line=int(m.group(2)),
            position_kind="row",
            hint="remove the extra comma or put text containing commas in double quotes",
        )
    m = re.search(r"EOF inside string starting at row (\d+)", message)
    if m:
        return Problem(
            'has a double quote (") that is never closed',
            file=name,
            line=int(m.group(1)) + 1,
            position_kind="row",
            hint="close the quote at the end of the text, or remove it",
        )
    return Problem(
        f"cannot be read as CSV ({message.strip()})",
        file=name,
        hint="open it in a spreadsheet and save it again as CSV UTF-8",
    )


def _read_xlsx(path: Path, name: str) -> RawTable:
    import pandas as pd  # imported when data is read: a rebuild that reads none starts faster

    values, title = _xlsx_values(path, name)
    if not values:
        raise InputError(Problem("has an empty first sheet", file=name, hint="put the table on the first sheet"))
    refuse_duplicate_columns([str(v) if v is not None else "" for v in values[0]], f"{name} (sheet {title})")
    header = [str(v).strip().lower() if v is not None else "" for v in values[0]]
    body = [[cell_text(v) for v in row[: len(header)]] for row in values[1:]]
    frame = pd.DataFrame(body, columns=header, dtype=str)
    rows = pd.Series(range(2, len(frame) + 2), index=frame.index)
    blank = (frame == "").all(axis=1)
    return RawTable(name, frame[~blank], rows[~blank], sheet=title)


def _xlsx_values(path: Path, name: str) -> tuple[list[tuple[object, ...]], str]:
    """The first sheet's cell values, row by row, and the sheet's name."""
    return _xlsx_sheets(path, name, first_only=True)[0]


def _xlsx_sheets(path: Path, name: str, first_only: bool = False) -> list[tuple[list[tuple[object, ...]], str]]:
    """Each sheet's cell values, row by row, with the sheet's name (the first sheet alone if asked).

    The zip's own directory is checked first, so a workbook that would unpack past the limits is refused
    before openpyxl opens it, whichever reader asks.
    """
    from openpyxl import load_workbook

    check_workbook_size(path, name)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise InputError(
            Problem(
                f"cannot be opened as an Excel workbook ({type(exc).__name__})",
                file=name,
                hint="open it in Excel and save it again as .xlsx",
            )
        ) from None
    sheets = book.worksheets[:1] if first_only else book.worksheets
    values = [(list(sheet.iter_rows(values_only=True)), sheet.title) for sheet in sheets]
    book.close()
    return values


def read_grid(path: Path, name: str) -> list[tuple[list[list[str]], str | None]]:
    """Every row of a CSV file, or of each sheet of a workbook, as text cells, title rows and all.

    For a download whose header is not on the first row (a title above it), or whose table is not on the
    first sheet (a cover sheet before it): the caller finds the header.  Returns each sheet's rows (row 1
    first) with the sheet's name, or the CSV file's rows with None.
    """
    if path.is_symlink() or not path.is_file():
        raise InputError(Problem("is not a regular file", file=name, hint="replace it with the data file itself"))
    if path.stat().st_size > MAX_FILE_BYTES:
        read_table(path, name, ())  # refused there, with the size and what to do
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return [([[cell_text(v) for v in row] for row in rows], title) for rows, title in _xlsx_sheets(path, name)]
    if suffix != ".csv":
        raise InputError(Problem(f"has extension '{path.suffix}'", file=name, hint="save it as .csv or .xlsx"))
    text = decode_csv(path.read_bytes(), name)
    try:
        return [([[c.strip() for c in row] for row in csv.reader(io.StringIO(text, newline=""))], None)]
    except csv.Error as exc:
        raise InputError(_parser_problem(str(exc), name)) from None


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _require_columns(table: RawTable, required: tuple[str, ...]) -> None:
    missing = [c for c in required if c not in table.frame.columns]
    if missing:
        found = ", ".join(c for c in table.frame.columns if c) or "none"
        raise InputError(
            Problem(
                f"has no column {', '.join(repr(c) for c in missing)} (found: {found})",
                file=table.where,
                line=1,
                position_kind="row",
                hint=_statswales_hint(table) or "the header row must be: " + ",".join(required),
            )
        )


def _statswales_hint(table: RawTable) -> str | None:
    """A StatsWales data table saved as the metrics file: say how to bring it in instead."""
    names = {c.replace("_", "").replace(" ", "") for c in table.frame.columns}
    if {"areacode", "yearcode"} <= names or ("data" in names and "measure" in names):
        name = table.name.rsplit("/", 1)[-1]
        return (
            f"this looks like a StatsWales data table: keep it under another name and bring it in with "
            f"'dirreport data import {name}', which writes authority,year,metric,value rows"
        )
    return None


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    """Write UTF-8 CSV with a BOM so Excel shows Welsh characters correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8-sig")
