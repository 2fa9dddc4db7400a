"""The data template: a workbook a performance team fills in, read back exactly like the CSV.

One sheet per group of the technical guidance (adults, children, carers,
workforce, and any local group), one row per metric with its wording in both
languages, one column per year.  The first sheet says which authority the
figures are for.  Reading it produces the same long table as
``data/metrics.csv`` with every cell located by sheet and row.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dirreport.catalogue import Catalogue, load_catalogue
from dirreport.config.settings import Config, load_config, shift_year
from dirreport.data.tables import RawTable, cell_text
from dirreport.errors import InputError, Problem

MARKER = "dirreport data template"
ABOUT = "About"
FIRST_YEAR_COLUMN = 6  # F: code, wording (en), wording (cy), unit, counted, then years
HEADER_ROW = 4


def template_years(year: str) -> list[str]:
    return [shift_year(year, -k) for k in range(4, -1, -1)]


def write_template(path: Path, authority: str, year: str, catalogue: Catalogue | None = None) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.table import Table, TableStyleInfo

    catalogue = catalogue or load_catalogue()
    years = template_years(year)
    book = Workbook()
    about = book.active
    about.title = ABOUT
    about["A1"] = MARKER
    about["A1"].font = Font(bold=True, size=14)
    about["A2"] = "Authority / Awdurdod"
    about["B2"] = authority
    about["A3"] = "Report year / Blwyddyn yr adroddiad"
    about["B3"] = year
    about["A5"] = (
        "Fill in one value for each metric and year on the other sheets; leave a cell blank if the "
        "figure was not collected. Save as data/metrics.xlsx in the report project."
    )
    about["A6"] = (
        "Llenwch un gwerth ar gyfer pob metrig a blwyddyn ar y dalennau eraill; gadewch gell yn wag os "
        "na chasglwyd y ffigur. Cadwch fel data/metrics.xlsx ym mhrosiect yr adroddiad."
    )
    about.column_dimensions["A"].width = 40
    about.column_dimensions["B"].width = 20
    header_fill = PatternFill("solid", fgColor="DDE6F0")
    for group_id, group_name in catalogue.groups.items():
        metrics = [m for m in catalogue.metrics.values() if m.group == group_id]
        if not metrics:
            continue
        sheet = book.create_sheet(group_name.en[:31])
        sheet["A1"] = f"{group_name.en} / {group_name.cy}"
        sheet["A1"].font = Font(bold=True, size=13)
        sheet["A2"] = "This worksheet contains one table. / Mae'r daflen waith hon yn cynnwys un tabl."
        header = ["Code / Cod", "Metric / Metrig", "Metrig (Cymraeg)", "Unit / Uned", "Counted / Cyfrifwyd", *years]
        for col, text in enumerate(header, start=1):
            cell = sheet.cell(row=HEADER_ROW, column=col, value=text)
            cell.font = Font(bold=True)
            cell.fill = header_fill
        for row, metric in enumerate(metrics, start=HEADER_ROW + 1):
            sheet.cell(row=row, column=1, value=metric.code)
            sheet.cell(row=row, column=2, value=metric.label.en).alignment = Alignment(wrap_text=True)
            sheet.cell(row=row, column=3, value=metric.label.cy).alignment = Alignment(wrap_text=True)
            sheet.cell(row=row, column=4, value=metric.unit)
            sheet.cell(row=row, column=5, value=metric.period)
        last = HEADER_ROW + len(metrics)
        from openpyxl.utils import get_column_letter

        table = Table(
            displayName=f"metrics_{group_id.lower()}", ref=f"A{HEADER_ROW}:{get_column_letter(len(header))}{last}"
        )
        table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=True)
        sheet.add_table(table)
        sheet.freeze_panes = f"B{HEADER_ROW + 1}"
        for letter, width in zip("ABCDE", (10, 70, 70, 10, 12), strict=True):
            sheet.column_dimensions[letter].width = width
    book.save(path)
    return path


def write_template_for_project(project_dir: Path, target: Path) -> Path:
    config = load_config(project_dir)
    catalogue = load_catalogue(project_dir / "data" / "local-catalogue.yml", "data/local-catalogue.yml")
    return write_template(target, config.authority, config.year, catalogue)


def is_template_workbook(path: Path) -> bool:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # not a workbook we can open: the regular reader will say why
        return False
    try:
        return ABOUT in book.sheetnames and book[ABOUT]["A1"].value == MARKER
    finally:
        book.close()


def read_template_workbook(path: Path, name: str, config: Config, catalogue: Catalogue) -> RawTable:
    """The filled-in template as the long table metrics.csv would hold, each value located by sheet and row."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        authority = str(book[ABOUT]["B2"].value or "").strip()
        if authority != config.authority:
            raise InputError(
                Problem(
                    f"is for authority '{authority}' but the project is for '{config.authority}'",
                    file=f"{name} (sheet {ABOUT})",
                    line=2,
                    position_kind="row",
                    hint="make a template for this project with 'dirreport data template'",
                )
            )
        records: list[tuple[str, str, str, str, str]] = []
        for sheet in book.worksheets[1:]:
            rows = list(sheet.iter_rows(values_only=True))
            if len(rows) < HEADER_ROW:
                continue
            header = [cell_text(v) for v in rows[HEADER_ROW - 1]]
            years = header[FIRST_YEAR_COLUMN - 1 :]
            for offset, values in enumerate(rows[HEADER_ROW:], start=HEADER_ROW + 1):
                code = cell_text(values[0]) if values else ""
                if not code:
                    continue
                for col, year in enumerate(years, start=FIRST_YEAR_COLUMN - 1):
                    value = cell_text(values[col]) if col < len(values) else ""
                    if value == "" or not year:
                        continue
                    records.append((authority, year, code, value, f"{sheet.title}\x00{offset}"))
    finally:
        book.close()
    frame = pd.DataFrame(records, columns=["authority", "year", "metric", "value", "_where"], dtype=str)
    sheets = frame["_where"].str.split("\x00").str[0]
    rows = frame["_where"].str.split("\x00").str[1].astype(int)
    return RawTable(name, frame.drop(columns=["_where"]), rows, sheets=sheets)
