"""StatsWales tables import as people download them, and the import touches only the rows it changes.

The fixtures in tests/fixtures/statswales/ are small files in each shape StatsWales publishes: the legacy
OData feed (as ``statswalesr`` returns it), the bulk download's typed headers, and the new site's CSV with a
title above the header, in English and in Welsh; a table broken down by age; lower-case codes.  The new
site's XLSX is made here from its CSV, title rows and all.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from conftest import Run, assert_user_error, dirreport_here

FIXTURES = Path(__file__).parent / "fixtures" / "statswales"
SMALL = Path(__file__).parent / "fixtures" / "small"
OWN_ROWS = (  # what the small project's metrics.csv holds, and must still hold
    "W06000015,2022-23,AD/024,200",
    "W06000015,2022-23,AD/025,150",
    "W06000015,2023-24,AD/024,250",
    "W06000015,2023-24,AD/025,205",
)


def project_copy(tmp_path: Path) -> Path:
    project = tmp_path / "p"
    shutil.copytree(SMALL, project)
    return project


def import_(capsys: pytest.CaptureFixture[str], project: Path, source: Path, *extra: str) -> Run:
    return dirreport_here(capsys, "data", "import", str(source), "--project", str(project), *extra)


def metrics_rows(project: Path) -> list[str]:
    """Each row of metrics.csv as authority,year,metric,value[,note], without the cells the row leaves empty."""
    text = (project / "data" / "metrics.csv").read_text(encoding="utf-8-sig")
    return [",".join(row).rstrip(",") for row in csv.reader(text.splitlines())]


def as_workbook(source: Path, target: Path, cover: bool = False) -> Path:
    """The new site's XLSX download: the same cells as its CSV, title rows and all, numbers as numbers.

    With ``cover``, a cover sheet of two columns comes first, as in a workbook laid out by the GSS guidance.
    """
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    if cover:
        sheet.title = "Cover"
        sheet.append(["Care and support plan reviews"])
        sheet.append(["Published", "1 October 2024"])
        sheet = book.create_sheet("Data")
    sheet.title = "Data"
    with source.open(encoding="utf-8-sig", newline="") as handle:
        for record in csv.reader(handle):
            sheet.append([float(c.replace(",", "")) if c.replace(",", "").isdigit() else c or None for c in record])
    book.save(target)
    return target


@pytest.mark.parametrize(
    ("fixture", "notes"),
    [
        ("odata-en.csv", False),  # Area_Code 512 and 596 are StatsWales' own numbers: Area_AltCode1 is read
        ("odata-cy.csv", False),  # the Welsh feed: Area_ItemName_WEL, Measure_ItemName_WEL
        ("bulk-en.csv", True),  # Data_DEC, Area_Code_STR, Year_Code_INT …
        ("bulk-cy.csv", True),  # Welsh names only (no ONS code for Ynys Môn), Welsh titles with ’
        ("new-site-en.csv", True),  # Area, Year, Data description, Data values, Notes under two title rows
        ("new-site-cy.csv", True),  # Ardal, Blwyddyn, Disgrifiad o'r data, Gwerthoedd data, Nodiadau
        ("new-site-en.xlsx", True),
        ("new-site-cy.xlsx", True),
    ],
)
def test_each_download_shape_imports_as_downloaded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fixture: str, notes: bool
) -> None:
    project = project_copy(tmp_path)
    source = FIXTURES / fixture
    if fixture.endswith(".xlsx"):
        cover = "-cy" in fixture  # the Welsh workbook opens with a cover sheet; the table is on the second
        source = as_workbook(FIXTURES / fixture.replace(".xlsx", ".csv"), tmp_path / fixture, cover)
    run = import_(capsys, project, source)
    assert run.returncode == 0, run.output
    assert "2 rows added, 2 updated" in run.stdout, run.stdout
    rows = metrics_rows(project)
    provisional = ",p" if notes else ""
    assert f"W06000001,2023-24,AD/024,412{provisional}" in rows, rows
    assert f"W06000001,2023-24,AD/025,371{provisional}" in rows, rows
    assert "W92000004,2023-24,AD/024,9800" in rows, rows
    assert ("W92000004,2023-24,AD/025,8700" + (",r" if notes else "")) in rows, rows
    for own in OWN_ROWS:
        assert own in rows
    if fixture.startswith("new-site"):
        assert "the header is on row 4" in run.stdout


def test_the_ons_code_in_area_altcode1_maps_statswales_own_area_numbers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = project_copy(tmp_path)
    with (FIXTURES / "odata-en.csv").open(encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle))
    name = records[0].index("Area_ItemName_ENG")
    source = tmp_path / "codes-only.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:  # no names: only 512, 596 and the ONS codes
        csv.writer(handle).writerows([r[:name] + r[name + 1 :] for r in records])
    run = import_(capsys, project, source)
    assert run.returncode == 0, run.output
    rows = metrics_rows(project)
    assert "W06000001,2023-24,AD/024,412" in rows and "W92000004,2023-24,AD/025,8700" in rows, rows


def test_a_statswales_area_number_without_its_ons_code_is_listed_with_advice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = project_copy(tmp_path)
    run = import_(capsys, project, FIXTURES / "odata-en.csv", "--dry-run")
    assert run.returncode == 0, run.output
    assert "not mapped: row 6: area '999' is a StatsWales area number" in run.stdout
    assert "Area_AltCode1" in run.stdout


def test_area_and_measure_codes_are_read_whatever_their_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = project_copy(tmp_path)
    run = import_(capsys, project, FIXTURES / "lower-case.csv")
    assert run.returncode == 0, run.output
    assert "0 not mapped" in run.stdout
    rows = metrics_rows(project)
    assert "W06000001,2023-24,AD/024,412" in rows and "W92000004,2023-24,AD/024,9800" in rows, rows


@pytest.mark.parametrize(
    ("fixture", "column", "values", "total"),
    [
        ("breakdown-en.csv", "Age band", ("'All ages'", "'18 to 64'", "'65 and over'"), "All ages"),
        ("breakdown-cy.csv", "Band oedran", ("'Pob oed'", "'18 i 64'", "'65 a throsodd'"), "Pob oed"),
    ],
)
def test_a_breakdown_column_is_named_and_one_of_its_values_chosen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fixture: str, column: str, values: tuple[str, ...], total: str
) -> None:
    project = project_copy(tmp_path)
    before = (project / "data" / "metrics.csv").read_bytes()
    refused = import_(capsys, project, FIXTURES / fixture)
    assert refused.returncode == 2
    assert_user_error(refused, f"{fixture}:row 2, column {column}", f'--where "{column}={total}"', *values)
    assert "given twice" not in refused.output  # one message for the column, not one for each row it doubles
    assert (project / "data" / "metrics.csv").read_bytes() == before
    chosen = import_(capsys, project, FIXTURES / fixture, "--where", f"{column.upper()}={total.lower()}")
    assert chosen.returncode == 0, chosen.output
    assert "2 rows added" in chosen.stdout and "4 rows left out by --where" in chosen.stdout
    rows = metrics_rows(project)
    assert "W06000001,2023-24,AD/024,412" in rows and "W06000001,2023-24,AD/025,371" in rows, rows


def test_where_names_a_column_or_a_value_the_table_does_not_have(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = project_copy(tmp_path)
    source = FIXTURES / "breakdown-en.csv"
    no_column = import_(capsys, project, source, "--where", "Sex=All")
    assert no_column.returncode == 2
    assert_user_error(no_column, "has no column 'Sex'", "Age band", '--where "Age band=…"')
    no_value = import_(capsys, project, source, "--where", "Age band=Over 100")
    assert no_value.returncode == 2
    assert_user_error(no_value, "has no row whose Age band is 'Over 100'", "'All ages'", "'65 and over'")
    malformed = import_(capsys, project, source, "--where", "Age band")
    assert malformed.returncode == 2
    assert_user_error(malformed, "--where 'Age band' is not COLUMN=VALUE")


# --- only the rows the import adds or changes are written -----------------------------------------------------------

CHANGES = (
    "AreaCode,YearCode,NoteCodes,Measure,Data\n"
    "W92000004,202324,,AD/024,2100\n"  # changes a row in the middle of the file
    "W06000011,202324,,AD/024,700\n"  # a new row
    "W06000015,202223,,AD/024,200\n"  # the same as the file: untouched
)
ORIGINAL = [
    "authority,year,metric,value,comment",
    "W06000015,2022-23,AD/024,200,",
    'W06000015,2022-23,AD/025,150,"checked, 3 May"',
    "W92000004,2023-24,AD/024,2000,",
    "W92000004,2023-24,AD/025,1600,",
    "W06000015,2023-24,AD/024,250,",
    "W06000015,2023-24,AD/025,205,",
]


@pytest.mark.parametrize(
    ("bom", "newline", "ending"),
    [
        (b"", "\r\n", "\r\n"),  # Excel on Windows without a BOM
        (b"\xef\xbb\xbf", "\n", "\n"),  # a BOM, LF endings
        (b"", "\n", ""),  # no line ending after the last row
        (b"\xef\xbb\xbf", "\r\n", "\r\n\r\n"),  # blank lines at the end
    ],
)
def test_the_import_writes_only_the_rows_it_adds_or_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bom: bytes, newline: str, ending: str
) -> None:
    project = project_copy(tmp_path)
    metrics = project / "data" / "metrics.csv"
    metrics.write_bytes(bom + (newline.join(ORIGINAL) + ending).encode())
    (project / "statswales.csv").write_text(CHANGES, encoding="utf-8")
    run = import_(capsys, project, project / "statswales.csv")
    assert run.returncode == 0, run.output
    assert "1 row added, 1 updated, 1 already up to date" in run.stdout, run.stdout
    expected = list(ORIGINAL)
    expected[3] = "W92000004,2023-24,AD/024,2100,"  # its own number of cells, its comment column kept
    expected.append("W06000011,2023-24,AD/024,700,")
    written = metrics.read_bytes()
    assert written == bom + (newline.join(expected) + ending).encode()


def test_a_note_column_is_added_only_when_a_note_needs_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = project_copy(tmp_path)
    metrics = project / "data" / "metrics.csv"
    before = metrics.read_bytes()
    changes = "AreaCode,YearCode,NoteCodes,Measure,Data\nW06000002,202324,,AD/024,700\n"  # a new area
    (project / "statswales.csv").write_text(changes, encoding="utf-8")
    run = import_(capsys, project, project / "statswales.csv")
    assert run.returncode == 0 and "note column" not in run.stdout, run.output
    assert metrics.read_bytes().startswith(before)  # the file's own lines, then the new one
    (project / "statswales.csv").write_text(changes.replace(",,AD/024,700", ",p,AD/024,700"), encoding="utf-8")
    noted = import_(capsys, project, project / "statswales.csv")
    assert "added a note column to data/metrics.csv" in noted.stdout, noted.output
    assert "W06000002,2023-24,AD/024,700,p" in metrics_rows(project)


def test_rows_not_mapped_for_one_reason_are_listed_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = project_copy(tmp_path)
    other = "".join(f"W060000{n:02d},202324,,Delayed transfers,{n}\n" for n in (1, 2, 3, 4, 5, 6, 8))
    table = "AreaCode,YearCode,NoteCodes,Measure,Data\n" + other + "W06000002,202324,,AD/024,700\n"
    (project / "statswales.csv").write_text(table, encoding="utf-8")
    run = import_(capsys, project, project / "statswales.csv", "--dry-run")
    assert run.returncode == 0, run.output
    assert "1 row added, 0 updated, 0 already up to date, 7 not mapped" in run.stdout, run.stdout
    assert run.stdout.count("Delayed transfers") == 2  # one line, naming it and the --map that would bring it in
    assert "rows 2, 3, 4, 5, 6 and 2 more: measure 'Delayed transfers' is not a metric" in run.stdout, run.stdout
