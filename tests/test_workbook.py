"""The data template a performance team fills in is read exactly like the CSV."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import load_workbook

from conftest import REPO, assert_user_error, copy_project, dirreport
from dirreport.pipeline.project import load_project


def fill_template(workbook: Path, metrics_csv: Path, authority: str) -> int:
    """Type this authority's values from the CSV into the template, as a performance officer would."""
    with metrics_csv.open(encoding="utf-8") as handle:
        own = {(r["year"], r["metric"]): r["value"] for r in csv.DictReader(handle) if r["authority"] == authority}
    book = load_workbook(workbook)
    filled = 0
    for sheet in book.worksheets[1:]:
        years = [c.value for c in sheet[4]][5:]
        for row in sheet.iter_rows(min_row=5):
            for offset, year in enumerate(years):
                value = own.get((year, row[0].value))
                if value:
                    row[5 + offset].value = float(value) if "." in value else int(value)
                    filled += 1
    book.save(workbook)
    return filled


def test_template_has_a_sheet_per_group_and_a_row_per_metric(tmp_path: Path) -> None:
    target = tmp_path / "template.xlsx"
    run = dirreport("data", "template", str(target), "--project", str(REPO))
    assert run.returncode == 0, run.output
    book = load_workbook(target)
    assert book.sheetnames[:5] == ["About", "Adults", "Children and young people", "Carers", "Workforce"]
    codes = [row[0].value for row in book["Adults"].iter_rows(min_row=5)]
    assert "AD/024" in codes and "AD/025" in codes and len(codes) > 100
    assert book["Adults"]["B4"].value.startswith("Metric")


def test_filled_template_gives_the_same_results_as_the_csv(tmp_path: Path) -> None:
    project = copy_project(REPO, tmp_path / "p")
    workbook = project / "data" / "metrics.xlsx"
    run = dirreport("data", "template", str(workbook), "--project", str(project))
    assert run.returncode == 0, run.output
    assert fill_template(workbook, project / "data" / "metrics.csv", "X99999999") > 2000
    # the return now lives in the workbook; the CSV keeps only the other authorities and Wales
    # (the two giving the same authority's figures is refused, as test_bad_inputs shows)
    metrics_csv = project / "data" / "metrics.csv"
    with metrics_csv.open(encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle) if r["authority"] != "X99999999"]
    with metrics_csv.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["authority", "year", "metric", "value"])
        writer.writeheader()
        writer.writerows(rows)
    from_xlsx = load_project(project)
    from_csv = load_project(REPO)
    assert from_xlsx.dataset.files["metrics"] == "data/metrics.xlsx"
    assert from_xlsx.results.indicators == from_csv.results.indicators
    assert from_xlsx.results.metrics == from_csv.results.metrics


def test_a_bad_cell_in_the_workbook_is_named_by_sheet_and_row(tmp_path: Path) -> None:
    project = copy_project(REPO, tmp_path / "p")
    workbook = project / "data" / "metrics.xlsx"
    dirreport("data", "template", str(workbook), "--project", str(project))
    book = load_workbook(workbook)
    book["Adults"]["J7"] = "lots"
    book.save(workbook)
    run = dirreport("check", str(project))
    assert_user_error(run, "data/metrics.xlsx (sheet Adults):row 7", "'lots' is not a number")
