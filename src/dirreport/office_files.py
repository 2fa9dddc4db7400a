"""A user's Office file (a workbook, a Word reference document) checked before anything opens it.

Both are zip files, and a zip's directory says how large each part unpacks
to: a 2.5 MB "zip bomb" can unpack to gigabytes, and openpyxl or pandoc would
unpack it all before saying anything.  The directory and the first bytes of a
part are read in a moment, so what a file would ask of the machine is refused
(with the limit in the message) before any of it is unpacked, and a file that
is not what its name says is named, not left to a library's own error.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from dirreport.errors import InputError, Problem

# a million rows of metrics unpack to about 150 MB
MAX_XLSX_UNPACKED = 256 * 1024 * 1024
# Excel's own limit of rows on a sheet; a sheet claiming more was not made by Excel
MAX_XLSX_ROWS = 1_048_576
# a reference document's styles, text and content types; Word's own unpack to about 0.1 MB
MAX_REFERENCE_XML = 20_000_000


_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]+\d+(?::[A-Z]+(\d+))?\"")


def check_workbook_size(path: Path, name: str) -> None:
    """Refuse a workbook that would unpack to more than a report needs, before any of it is unpacked.

    The zip's own directory says how large each part is unpacked, and each
    sheet's first bytes declare its last row (``<dimension ref="A1:D15000000"/>``):
    both are read in a moment, where unpacking a zip bomb would take minutes
    and gigabytes.  A file that is not a zip is left to the reader, which says so.
    """
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return
    with archive:
        parts = archive.infolist()
        unpacked = sum(part.file_size for part in parts)
        if unpacked > MAX_XLSX_UNPACKED:
            raise InputError(
                Problem(
                    f"would unpack to {unpacked / (1024 * 1024):,.0f} MB, more than the "
                    f"{MAX_XLSX_UNPACKED // (1024 * 1024)} MB a workbook may hold",
                    file=name,
                    hint="keep only the years and authorities the report uses, or save the table as CSV",
                )
            )
        for part in parts:
            if not (part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml")):
                continue
            try:
                with archive.open(part) as sheet:
                    start = sheet.read(4096)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError):
                return  # a damaged part: the reader says the workbook cannot be opened
            found = _DIMENSION.search(start)
            last_row = int(found.group(1)) if found and found.group(1) else 0
            if last_row > MAX_XLSX_ROWS:
                raise InputError(
                    Problem(
                        f"has a sheet that declares {last_row:,} rows, more than the {MAX_XLSX_ROWS:,} "
                        "an Excel sheet can hold",
                        file=name,
                        hint="open it in Excel and save it again, or save the table as CSV",
                    )
                )


def word_file_fault(path: Path) -> str | None:
    """What is wrong with a .docx as a reference document, or None: a zip holding a document and its styles."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return "it is not a .docx file inside: a .doc, a renamed file or a damaged copy"
    with archive:
        names = set(archive.namelist())
        if sum(info.file_size for info in archive.infolist()) > 10 * MAX_REFERENCE_XML:
            return f"it unpacks to more than {10 * MAX_REFERENCE_XML // 1_000_000} MB"
        damaged = archive.testzip()
        if damaged is not None:
            return f"its part {damaged} is damaged"
        parts = ("word/document.xml", "word/styles.xml", "[Content_Types].xml")
        missing = [n for n in parts if n not in names]
        if missing:
            return f"it has no {', '.join(missing)}"
        if sum(archive.getinfo(n).file_size for n in parts) > MAX_REFERENCE_XML:
            return f"its styles and text unpack to more than {MAX_REFERENCE_XML // 1_000_000} MB"
        for name in parts:
            try:
                ElementTree.fromstring(archive.read(name))
            except ElementTree.ParseError as exc:
                return f"its part {name} is not well-formed XML ({exc})"
    return None
