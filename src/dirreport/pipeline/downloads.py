"""The figures behind an edition's charts and tables, as CSV and as a spreadsheet.

The workbook follows the Government Analysis Function's guidance on releasing
statistics in spreadsheets (the conventions the ONS ``gptables`` package
implements): a cover sheet, a contents sheet with links, a notes sheet, one
table per sheet starting in cell A1 with its title, header row marked as an
Excel table, no merged cells, numbers stored as numbers, and shorthand such
as [c] explained in the notes.  A number the tables mark [p], [r], [e], [f] or
[u] keeps its marker in its cell ("95.6 [p]"), as in the report's tables.  Every label is in the edition's language.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

from dirreport import cells
from dirreport.assemble.document import Document
from dirreport.data.tables import write_csv
from dirreport.figures.specs import Table
from dirreport.lang import i18n
from dirreport.lang.bilingual_text import LANG_TAGS
from dirreport.lang.i18n import N_, _
from dirreport.pipeline import cache, publish

MARKER_NOTES = {  # messages, translated where shown
    i18n.SUPPRESSED: N_("[c] Not shown: the figure rests on a count of 1 to 4 people, which could identify someone."),
    i18n.LOW_BASE: N_("[low] Not shown: fewer than 10 people answered."),
    i18n.NOT_AVAILABLE: N_("[x] Not available."),
    i18n.NOT_APPLICABLE: N_("[z] Not applicable: a count for one authority is not compared with the total for Wales."),
}


def all_tables(document: Document) -> list[tuple[str, Table]]:
    """Every table of the edition with the number it has in the report (1, 2, ..., A1, A2, ...)."""
    return list(document.tables)


# the shorthand the tables print beside a number ("95.6% [p]"), kept beside it in every download
_FLAG = re.compile(r"\[(" + "|".join(cells.SHOWN_FLAGS) + r")\]")


def cell_value(table: Table, row: int, col: int) -> Any:
    """The number behind a cell where there is one, else the text shown in the report.

    A number the table marks [p], [r], [e], [f] or [u] is written with its marker, "95.6 [p]", as [c] and [x]
    stand in their cells: the marker travels with the figure, as in the report's table, and the notes explain it.
    """
    if table.numbers and row < len(table.numbers) and col < len(table.numbers[row]):
        value = table.numbers[row][col]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            flags = _FLAG.findall(table.rows[row][col]) if row < len(table.rows) else []
            if flags:
                return " ".join([_csv_text(value), *(f"[{f}]" for f in dict.fromkeys(flags))])
            return value
    return table.rows[row][col]


def languages_of(document: Document) -> list[str]:
    """The edition's languages in its order: one, or both for the bilingual edition (its first language first)."""
    if document.edition != "bilingual":
        return [document.lang]
    return [document.lang, "en" if document.lang == "cy" else "cy"]


def tables_by_language(document: Document) -> dict[str, list[tuple[str, Table]]]:
    """Each language's tables with their numbers in that language's report ("cy_1" is Welsh table 1)."""
    langs = languages_of(document)
    if len(langs) == 1:
        return {langs[0]: all_tables(document)}
    found: dict[str, list[tuple[str, Table]]] = {lang: [] for lang in langs}
    for label, table in all_tables(document):
        lang, _sep, number = label.partition("_")
        found[lang].append((number, table))
    return found


def write_downloads(document: Document, folder: Path) -> list[Path]:
    """Write ``<basename>-data.csv`` and ``<basename>-data.xlsx`` into the edition's folder.

    The bilingual edition's CSV has a header in both languages and a column naming each row's language;
    its workbook has every sheet (cover, contents, notes, tables) in each language.
    """
    langs = languages_of(document)
    by_language = tables_by_language(document)
    csv_path = folder / f"{document.basename}-data.csv"
    labels = [N_("Table"), N_("Title"), N_("Row"), N_("Column"), N_("Value")]
    if len(langs) > 1:
        labels.insert(0, N_("Language"))
    header = [" / ".join(dict.fromkeys(_(label, lang) for lang in langs)) for label in labels]
    rows: list[list[str]] = []
    for lang in langs:
        for number, table in by_language[lang]:
            for r, row in enumerate(table.rows):
                for c in range(1, len(table.header)):
                    value = cell_value(table, r, c)
                    cells = [number, table.caption, row[0], table.header[c], _csv_text(value)]
                    rows.append([lang, *cells] if len(langs) > 1 else cells)
    write_csv(csv_path, header, rows)
    xlsx_path = folder / f"{document.basename}-data.xlsx"
    _workbook(document, by_language, xlsx_path)
    return [csv_path, xlsx_path]


def stored_downloads(document: Document, folder: Path, renders_dir: Path) -> list[Path]:
    """The edition's data as CSV and spreadsheet, kept in the cache like a render: a workbook of two hundred
    sheets takes openpyxl about half a second, which a build that changed nothing in the tables need not spend."""
    cached = renders_dir / cache.downloads_key(document)
    if not (cached.is_dir() and any(cached.iterdir())):
        work = renders_dir / f".work-{cached.name}-{os.getpid()}"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        cache.store(write_downloads(document, work), work, cached)
        shutil.rmtree(work, ignore_errors=True)
    published = []
    for file in cache.stored_files(cached):
        publish.link_or_copy(str(file), str(folder / file.name))
        published.append(folder / file.name)
    return published


def _csv_text(value: Any) -> str:
    if isinstance(value, float):
        return repr(value) if not value.is_integer() else str(int(value))
    return str(value)


def sheet_name(number: str, lang: str) -> str:
    """A table's sheet name without spaces, as the guidance asks, in the table's language (Table_1, Tabl_1)."""
    return _("Table_{number}", lang, number=number)


def _in_language(document: Document, key: str, lang: str) -> str:
    """A label of the edition's metadata in one language: the bilingual edition keeps each half apart."""
    parts = document.metadata.get("language-parts", {}).get(key)
    if parts:
        halves = dict(parts)
        return str(halves.get(LANG_TAGS[lang], next(iter(halves.values()))))
    return str(document.metadata.get(key, ""))


def _workbook(document: Document, by_language: dict[str, list[tuple[str, Table]]], path: Path) -> None:
    from openpyxl import Workbook

    langs = list(by_language)
    book = Workbook()
    book.remove(book.active)
    for lang in langs:
        _front_sheets(book, document, by_language[lang], lang, suffix=f"_{lang}" if len(langs) > 1 else "")
    for lang in langs:
        for number, table in by_language[lang]:
            _table_sheet(book, number, table, lang, suffix=f"_{lang}" if len(langs) > 1 else "")
    properties = book.properties
    properties.title = " / ".join(
        dict.fromkeys(
            f"{_in_language(document, 'title', lang)} – {_in_language(document, 'subtitle', lang)}" for lang in langs
        )
    )
    properties.subject = " / ".join(
        dict.fromkeys(_("Figures behind the charts and tables of the report", lang) for lang in langs)
    )
    properties.creator = " / ".join(dict.fromkeys(_in_language(document, "subtitle", lang) for lang in langs))
    properties.lastModifiedBy = "dirreport"
    properties.language = LANG_TAGS[langs[0]]
    properties.keywords = "; ".join(str(k) for k in document.metadata.get("keywords", []))
    buffer = io.BytesIO()
    book.save(buffer)
    _deterministic(buffer.getvalue(), path)


def _front_sheets(book: Any, document: Document, tables: list[tuple[str, Table]], lang: str, suffix: str) -> None:
    """One language's cover, contents and notes (with the key to the shorthand), every word in that language."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.table import Table as ExcelTable
    from openpyxl.worksheet.table import TableStyleInfo

    meta = document.metadata
    cover = book.create_sheet(_("Cover", lang))
    bold = Font(bold=True, size=14)
    heading = Font(bold=True, size=12)
    lines: list[tuple[str, Font | None]] = [
        (_in_language(document, "title", lang) + " – " + _in_language(document, "subtitle", lang), bold),
        (_("Figures behind the charts and tables of the report, one table on each sheet.", lang), None),
        (_("About these data", lang), heading),
        (
            _(
                "Indicators are calculated from the metrics the authority returns to the Welsh Government, using "
                "the formulas published with dirreport's catalogue. Survey results are percentages of people who "
                "answered positively.",
                lang,
            ),
            None,
        ),
        (_("Shorthand used in the tables", lang), heading),
        (_(MARKER_NOTES[i18n.SUPPRESSED], lang), None),
        (_(MARKER_NOTES[i18n.LOW_BASE], lang), None),
        (_(MARKER_NOTES[i18n.NOT_AVAILABLE], lang), None),
    ]
    if meta.get("date"):
        lines.insert(1, (_in_language(document, "date", lang), None))
    if meta.get("sample"):
        lines.insert(1, (_in_language(document, "sample-text", lang), None))
    for i, (text, font) in enumerate(lines, start=1):
        cell = cover.cell(row=i, column=1, value=text)
        if font is not None:
            cell.font = font
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    cover.column_dimensions["A"].width = 100

    contents = book.create_sheet(_("Contents", lang))
    contents["A1"] = _("Contents", lang)
    contents["A1"].font = bold
    contents["A2"] = _("This worksheet contains one table.", lang)
    contents.append([_("Sheet name", lang), _("Table description", lang)])
    for number, table in tables:
        contents.append([sheet_name(number, lang), table.caption])
        link = contents.cell(row=contents.max_row, column=1)
        link.hyperlink = f"#'{sheet_name(number, lang)}'!A1"
        link.font = Font(color="1D70B8", underline="single")
    contents_table = ExcelTable(displayName=f"contents{suffix}", ref=f"A3:B{contents.max_row}")
    contents_table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=False)
    contents.add_table(contents_table)
    contents.column_dimensions["A"].width = 16
    contents.column_dimensions["B"].width = 100

    notes = book.create_sheet(_("Notes", lang))
    notes["A1"] = _("Notes", lang)
    notes["A1"].font = bold
    notes["A2"] = _("This worksheet contains one table.", lang)
    notes.append([_("Note number", lang), _("Note text", lang)])
    explained = [_(MARKER_NOTES[key], lang) for key in MARKER_NOTES]
    # the shorthand the data brought ([p], [r], confidential in the data …), as the tables explain it
    explained += [
        note for _number, table in tables for note in table.notes if note.startswith("[") and note not in explained
    ]
    for n, text in enumerate(dict.fromkeys(explained), start=1):
        notes.append([_("[note {n}]", lang, n=n), text])
    notes_table = ExcelTable(displayName=f"notes{suffix}", ref=f"A3:B{notes.max_row}")
    notes_table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=False)
    notes.add_table(notes_table)
    notes.column_dimensions["A"].width = 14
    notes.column_dimensions["B"].width = 100


def _table_sheet(book: Any, number: str, table: Table, lang: str, suffix: str) -> None:
    from openpyxl.styles import Font
    from openpyxl.worksheet.table import Table as ExcelTable
    from openpyxl.worksheet.table import TableStyleInfo

    sheet = book.create_sheet(sheet_name(number, lang))
    sheet["A1"] = table.caption
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = _("This worksheet contains one table.", lang)
    for note in table.notes:
        sheet.append([note])
    header_row = sheet.max_row + 1
    sheet.append(list(_unique_headers(table.header)))
    for r in range(len(table.rows)):
        sheet.append([cell_value(table, r, c) if c else table.rows[r][0] for c in range(len(table.header))])
    last_col = _column_letter(len(table.header))
    excel = ExcelTable(displayName=_table_name(number) + suffix, ref=f"A{header_row}:{last_col}{sheet.max_row}")
    excel.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=False)
    sheet.add_table(excel)
    sheet.column_dimensions["A"].width = 60
    for c in range(2, len(table.header) + 1):
        sheet.column_dimensions[_column_letter(c)].width = 18


def _unique_headers(header: tuple[str, ...]) -> list[str]:
    """Excel tables need distinct, non-empty header names."""
    seen: dict[str, int] = {}
    out = []
    for h in header:
        name = h or "-"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        out.append(name)
    return out


def _table_name(number: str) -> str:
    return "table_" + re.sub(r"[^A-Za-z0-9_]", "_", number)


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index))


def _deterministic(data: bytes, path: Path) -> None:
    """openpyxl stamps the time in the zip and in docProps; fix both so rebuilds give the same bytes."""
    stamp = (1980, 1, 1, 0, 0, 0)
    fixed = dt.datetime(2000, 1, 1).isoformat() + "Z"
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            content = src.read(name)
            if name == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:(created|modified)[^>]*>)[^<]*", lambda m: m.group(1) + fixed.encode(), content
                )
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, content)
