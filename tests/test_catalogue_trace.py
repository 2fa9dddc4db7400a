"""Every figure can be traced from the report back to its formula and the input rows behind it."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from conftest import REPO, dirreport
from dirreport.catalogue import load_catalogue
from dirreport.cli.catalogue import definition, trace, traced_values
from dirreport.config.settings import load_config
from dirreport.data.dataset import load_dataset

ROW = re.compile(r"^\s+(\S+) = (\S+)\s+\[(\S+) row (\d+)\]$")


def test_every_indicator_traces_to_its_rows() -> None:
    catalogue = load_catalogue(REPO / "data" / "local-catalogue.yml")
    with (REPO / "data" / "metrics.csv").open(encoding="utf-8") as handle:
        lines = list(csv.reader(handle))
    config = load_config(REPO)
    dataset = load_dataset(config, catalogue)  # once: the command reads it for the one indicator it traces
    for indicator in catalogue.indicators.values():
        text = "\n".join(definition(indicator, catalogue) + traced_values(indicator, config, dataset))
        assert f"formula: {indicator.formula()}" in text
        traced = [ROW.match(line) for line in text.splitlines()]
        traced = [m for m in traced if m]
        assert traced, f"{indicator.id} has no traced rows"
        for match in traced:
            code, value, file, row = match.groups()
            assert file == "data/metrics.csv"
            authority, _year, metric, raw = lines[int(row) - 1]
            assert (authority, metric) == ("X99999999", code)
            assert float(raw) == float(value)


def test_trace_reads_the_project_it_is_given() -> None:
    indicator = load_catalogue(REPO / "data" / "local-catalogue.yml").indicators["AD-REVIEWS-TIMELY"]
    text = trace(indicator, load_catalogue(REPO / "data" / "local-catalogue.yml"), REPO)
    assert "values for Glanafon County Borough Council (X99999999):" in text
    assert "AD/025 = " in text and "[data/metrics.csv row " in text


def test_catalogue_command_shows_formula_and_rows() -> None:
    run = dirreport("catalogue", "AD-REVIEWS-TIMELY", "--project", str(REPO))
    assert run.returncode == 0, run.output
    assert "formula: AD/025 ÷ AD/024 × 100" in run.stdout
    assert re.search(r"2023-24: \d+\.\d%", run.stdout)
    assert "data/metrics.csv row" in run.stdout


def test_catalogue_search_finds_by_word_and_code(tmp_path: Path) -> None:
    run = dirreport("catalogue", "reablement", "--project", str(tmp_path))
    assert run.returncode == 0
    assert "AD-REABLEMENT-COMPLETED" in run.stdout and "AD/013" in run.stdout
    run = dirreport("catalogue", "AD/025", "--project", str(tmp_path))
    assert "part of: AD/024" in run.stdout and "used by: AD-REVIEWS-TIMELY" in run.stdout
