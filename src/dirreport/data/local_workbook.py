"""``dirreport data template --table finance``: a workbook for one of the authority's own tables.

The first sheet is the table itself, read back exactly like the CSV of the same name
(``data/finance.xlsx``); its rows for the report year are started (each service area, each service and
stage) so a finance or complaints team fills in numbers only.  A second sheet says what each column holds.
"""

from __future__ import annotations

from pathlib import Path

from dirreport.config.settings import load_config
from dirreport.data.local_model import COMPLAINT_SERVICES, COMPLAINT_STAGES, SCHEMAS, SERVICE_AREAS, LocalSchema
from dirreport.errors import InputError, Problem

TABLES = {schema.stem: schema for schema in SCHEMAS}


def started_rows(schema: LocalSchema, year: str) -> list[list[str]]:
    """The report year's rows with their keys filled in and their figures left blank."""
    if schema.stem == "finance":
        return [[year, area] for area in SERVICE_AREAS]
    if schema.stem == "complaints":
        return [[year, service, stage] for service in COMPLAINT_SERVICES for stage in COMPLAINT_STAGES]
    return []


def write_local_template(project_dir: Path, stem: str, target: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    if stem not in TABLES:
        raise InputError(Problem(f"there is no table '{stem}'", file="--table", hint="use one of " + ", ".join(TABLES)))
    schema = TABLES[stem]
    year = load_config(project_dir).year
    book = Workbook()
    sheet = book.active
    sheet.title = stem.capitalize()
    sheet.append(schema.header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in started_rows(schema, year):
        sheet.append(row)
    for column, spec in zip(sheet.iter_cols(max_row=1), schema.columns, strict=True):
        sheet.column_dimensions[column[0].column_letter].width = max(12, len(spec.name) + 4)
    about = book.create_sheet("About")
    about["A1"] = f"data/{stem}.xlsx: {schema.what}"
    about["A1"].font = Font(bold=True)
    about["A2"] = (
        f"Save this workbook as data/{stem}.xlsx (the first sheet is read). / "
        f"Cadwch y llyfr gwaith hwn fel data/{stem}.xlsx (darllenir y ddalen gyntaf)."
    )
    about.append([])
    about.append(["column", "required", "holds"])
    for spec in schema.columns:
        about.append([spec.name, "yes" if spec.required else "no", spec.holds])
    about.column_dimensions["A"].width = 26
    about.column_dimensions["C"].width = 90
    for row in about.iter_rows(min_row=5):
        row[2].alignment = Alignment(wrap_text=True)
    book.save(target)
    return target
