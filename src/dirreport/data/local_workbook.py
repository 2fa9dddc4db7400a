"""``dirreport data template --table finance``: a workbook for one of the authority's own tables.

The first sheet is the table itself, read back exactly like the CSV of the same name
(``data/finance.xlsx``); its rows for the report year are started (each service area, each service and
stage) so a finance or complaints team fills in numbers only.  A second sheet says what each column holds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dirreport.config.settings import load_config
from dirreport.data.local_model import (
    COMPLAINT_SERVICES,
    COMPLAINT_STAGES,
    INSPECTION_TYPES,
    INSPECTORATES,
    SCHEMAS,
    SERVICE_AREAS,
    LocalSchema,
)
from dirreport.errors import InputError, Problem

TABLES = {schema.stem: schema for schema in SCHEMAS}


def started_rows(schema: LocalSchema, year: str) -> list[list[str]]:
    """The report year's rows with their keys filled in and their figures left blank."""
    if schema.stem == "finance":
        return [[year, area] for area in SERVICE_AREAS]
    if schema.stem == "complaints":
        return [[year, service, stage] for service in COMPLAINT_SERVICES for stage in COMPLAINT_STAGES]
    return []


VALIDATED_ROWS = 1000
# The columns whose cells Excel checks as they are typed: a drop-down list of the codes the reader accepts,
# or a whole number of 0 or more.  A service area may be a code of the authority's own, so its list warns
# rather than refuses.
CHOICES: dict[str, tuple[tuple[str, ...], bool]] = {
    "service_area": (tuple(SERVICE_AREAS), False),
    "service": (tuple(COMPLAINT_SERVICES), True),
    "stage": (tuple(COMPLAINT_STAGES), True),
    "type": (tuple(INSPECTION_TYPES), True),
    "inspectorate": (tuple(INSPECTORATES), True),
}
COUNTS = ("received", "responded_in_timescale", "upheld", "referred_to_ombudsman")


def validation_for(column: str) -> Any:
    """Excel's data validation for a column, or None where any text or number may go."""
    from openpyxl.worksheet.datavalidation import DataValidation

    if column in CHOICES:
        codes, strict = CHOICES[column]
        return DataValidation(
            type="list",
            formula1='"' + ",".join(codes) + '"',
            allow_blank=True,
            showDropDown=False,  # openpyxl's name: False shows the drop-down arrow
            showErrorMessage=True,
            errorStyle="stop" if strict else "warning",
            errorTitle=column,
            error=f"Choose one of: {', '.join(codes)}" + ("" if strict else ", or a code of your own"),
            promptTitle=column,
            prompt=f"One of: {', '.join(codes)}",
            showInputMessage=True,
        )
    if column in COUNTS:
        return DataValidation(
            type="whole",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=column,
            error="A whole number of 0 or more (leave it blank if it was not recorded)",
        )
    return None


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
        validation = validation_for(spec.name)
        if validation is not None:
            sheet.add_data_validation(validation)
            letter = column[0].column_letter
            validation.add(f"{letter}2:{letter}{VALIDATED_ROWS}")
    about = book.create_sheet("About")
    about["A1"] = f"data/{stem}.xlsx: {schema.what}"
    about["A1"].font = Font(bold=True)
    about["A2"] = (
        f"Save this workbook as data/{stem}.xlsx (the first sheet is read), in place of the empty "
        f"data/{stem}.csv that 'dirreport new' wrote. / Cadwch y llyfr gwaith hwn fel data/{stem}.xlsx "
        f"(darllenir y ddalen gyntaf), yn lle'r ffeil wag data/{stem}.csv a ysgrifennodd 'dirreport new'."
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
