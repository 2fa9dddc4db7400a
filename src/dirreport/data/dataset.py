"""The project's data, read and validated into a Dataset.

Only this module reads ``data/``.  Every problem names the file, the row the
user sees in a spreadsheet, what is wrong and how to put it right; problems
are gathered over the whole file so one run reports them all.  Consistency
rules come from the catalogue: a part may not exceed its whole, mutually
exclusive parts may not sum past their total, counts are never negative.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from dirreport import cells
from dirreport.catalogue import Catalogue
from dirreport.config.settings import Config
from dirreport.data.tables import RawTable, read_table
from dirreport.errors import InputError, Problem, ProblemCollector
from dirreport.office_files import check_workbook_size

if TYPE_CHECKING:
    import pandas as pd

from dirreport.data.case_studies import read_case_studies
from dirreport.data.local_tables import load_local_tables
from dirreport.data.model import (
    CASE_STUDY_COLUMNS,
    IMPROVEMENTS_COLUMNS,
    METRICS_COLUMNS,
    POPULATION_COLUMNS,
    STORIES_COLUMNS,
    SURVEY_COLUMNS,
    CaseStudy,
    Dataset,
    Improvement,
    MetricKey,
    Story,
    SurveyCount,
)
from dirreport.data.relationships import consistency_problems
from dirreport.data.rows import cell, check_common, setting_line
from dirreport.data.supporting_files import read_improvements, read_population, read_stories, read_survey


def find_data_file(root: Path, stem: str) -> Path | None:
    """``data/<stem>.xlsx`` or ``.csv``; both at once is refused, since one would silently be ignored.

    The one exception is the metrics template workbook beside a metrics CSV of other authorities'
    figures (comparators): ``load_dataset`` reads both and refuses a figure given in both.
    """
    found = [p for ext in (".xlsx", ".csv") if (p := root / "data" / f"{stem}{ext}").exists() or p.is_symlink()]
    if len(found) > 1 and _header_only(found[1]):
        return found[0]  # the empty CSV 'dirreport new' wrote, beside the workbook filled in instead
    if len(found) > 1 and not (stem == "metrics" and _is_template_workbook(found[0])):
        raise InputError(
            Problem(
                f"data/{stem}.xlsx and data/{stem}.csv are both present, and only one can be used",
                file=f"data/{stem}.xlsx",
                hint=f"delete or rename the one that is out of date (e.g. to {stem}-old.csv), "
                "so the figures published are the ones you edited",
            )
        )
    return found[0] if found else None


def _header_only(csv: Path) -> bool:
    """A CSV with its header and no row: nothing in it would be ignored if the workbook beside it is read."""
    try:
        lines = [
            line for line in csv.read_text(encoding="utf-8-sig", errors="replace").splitlines() if line.strip(" ,;\t")
        ]
    except OSError:
        return False
    return len(lines) <= 1


def load_dataset(config: Config, catalogue: Catalogue) -> Dataset:
    root = config.root
    collector = ProblemCollector()
    files: dict[str, str] = {}

    metrics_path = find_data_file(root, "metrics")
    if metrics_path is None:
        raise InputError(
            Problem(
                "no metrics file",
                file="data/metrics.csv",
                hint="add data/metrics.csv (authority,year,metric,value) or data/metrics.xlsx",
            )
        )
    metrics_name = _rel(metrics_path, root)
    files["metrics"] = metrics_name
    comparators: dict[MetricKey, float | None] = {}
    if metrics_path.suffix.lower() == ".xlsx" and not metrics_path.is_symlink() and _is_template_workbook(metrics_path):
        from dirreport.data.workbook import read_template_workbook

        table = read_template_workbook(metrics_path, metrics_name, config, catalogue)
        csv_path = root / "data" / "metrics.csv"
        comparator_notes: dict[MetricKey, tuple[str, ...]] = {}
        if csv_path.is_file():
            # the workbook holds this authority's return; the CSV may add other authorities and Wales
            files["comparators"] = "data/metrics.csv"
            others = read_table(csv_path, "data/metrics.csv", METRICS_COLUMNS)
            ours = others.frame["authority"] == config.authority
            for idx in others.frame.index[ours][:1]:
                collector.add(
                    Problem(
                        f"has figures for {config.authority}, this project's own authority, which "
                        f"{metrics_name} also holds (first on row {int(others.rows[idx])}, "
                        f"{int(ours.sum())} rows in all); the workbook's would be used and these ignored",
                        file="data/metrics.csv",
                        line=int(others.rows[idx]),
                        position_kind="row",
                        hint=f"keep this authority's return in one place: enter the figures in {metrics_name} and "
                        "delete these rows, or delete the workbook",
                    )
                )
            others = RawTable(others.name, others.frame[~ours], others.rows[~ours])
            comparators, _, comparator_notes = _metrics(others, config, catalogue, collector)
    else:
        table = read_table(metrics_path, metrics_name, METRICS_COLUMNS)
        comparator_notes = {}
    metrics, rows, notes = _metrics(table, config, catalogue, collector)
    metrics.update(comparators)
    notes.update(comparator_notes)
    _require_own_rows(table, config, collector)

    population: dict[tuple[str, str, str], int] = {}
    pop_path = find_data_file(root, "population")
    if pop_path is not None:
        files["population"] = _rel(pop_path, root)
        population = read_population(
            read_table(pop_path, files["population"], POPULATION_COLUMNS), config, catalogue, collector
        )

    survey: dict[tuple[str, str, str, str], SurveyCount] = {}
    survey_path = find_data_file(root, "survey")
    if survey_path is not None:
        files["survey"] = _rel(survey_path, root)
        survey = read_survey(read_table(survey_path, files["survey"], SURVEY_COLUMNS), config, catalogue, collector)

    stories: dict[str, Story] = {}
    stories_path = find_data_file(root, "stories")
    if stories_path is not None:
        files["stories"] = _rel(stories_path, root)
        stories = read_stories(
            read_table(stories_path, files["stories"], STORIES_COLUMNS), catalogue.standards, collector
        )

    case_studies: dict[str, CaseStudy] = {}
    case_path = find_data_file(root, "case-studies")
    if case_path is not None:
        files["case-studies"] = _rel(case_path, root)
        case_studies = read_case_studies(
            read_table(case_path, files["case-studies"], CASE_STUDY_COLUMNS), catalogue.standards, collector
        )

    improvements: tuple[Improvement, ...] = ()
    imp_path = find_data_file(root, "last-year-improvements")
    if imp_path is not None:
        files["improvements"] = _rel(imp_path, root)
        improvements = read_improvements(read_table(imp_path, files["improvements"], IMPROVEMENTS_COLUMNS), collector)

    local = load_local_tables(config, find_data_file, collector, files)

    collector.raise_if_any()
    dataset = Dataset(metrics, population, survey, stories, improvements, rows, files, notes, case_studies, local)
    consistency = consistency_problems(dataset, catalogue, metrics_name)
    if consistency:
        raise InputError(consistency)
    return dataset


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _is_template_workbook(path: Path) -> bool:
    from dirreport.data.workbook import is_template_workbook

    check_workbook_size(path, f"data/{path.name}")  # before openpyxl unpacks anything
    return is_template_workbook(path)


def _require_own_rows(table: RawTable, config: Config, collector: ProblemCollector) -> None:
    """No row for the project's authority means the code in _quarto.yml or in the file is wrong: say which."""
    if len(table) == 0 or (table.frame["authority"] == config.authority).any():
        return
    if any(p.file == "_quarto.yml" and "has no rows in the data" in p.message for p in collector.problems):
        return  # said already, naming the code the rows carry
    codes = table.frame["authority"].value_counts()
    listed = ", ".join(f"'{code}' ({count} rows)" for code, count in codes.head(3).items())
    collector.add(
        Problem(
            f"authority '{config.authority}' has no rows in {table.where}, whose rows are for {listed}",
            file="_quarto.yml",
            line=setting_line(config.root, "authority"),
            hint=f"correct 'authority' here, or the authority column of {table.where}, so the two match",
        )
    )


def _metrics(
    table: RawTable, config: Config, catalogue: Catalogue, collector: ProblemCollector
) -> tuple[dict[MetricKey, float | None], dict[MetricKey, int], dict[MetricKey, tuple[str, ...]]]:
    import pandas as pd  # imported when data is read: a rebuild that reads none starts faster

    frame = table.frame

    def value_column(idx: object) -> str:
        """Where the value is: the 'value' column of a CSV, or a year's column of the template workbook."""
        return cell(frame, idx, "year") if table.sheets is not None else "value"

    ok = check_common(table, config, catalogue, collector)
    known = frame["metric"].isin(catalogue.metrics.keys())
    for idx in frame.index[~known]:
        code = cell(frame, idx, "metric")
        collector.add(
            table.problem(
                idx,
                f"metric '{code}' is not in the catalogue" if code else "metric is empty",
                column="metric",
                hint=_suggest_code(code, catalogue)
                or "check the code against the technical guidance "
                "('dirreport catalogue' lists them) or define it in data/local-catalogue.yml",
            )
        )
    ok &= known
    values, marked, refused = _read_values(frame["value"])
    for idx, why in refused.items():
        collector.add(
            table.problem(
                idx,
                f"value {why.message}",
                column=value_column(idx),
                hint=why.hint,
            )
        )
    not_number = frame.index.isin(list(refused))
    ok &= ~not_number
    notes: dict[object, tuple[str, ...]] = {idx: tuple(codes.split()) for idx, codes in marked.items()}
    note_column = next((c for c in ("note", "notes", "notecodes") if c in frame.columns), None)
    if note_column is not None:
        for idx in frame.index[frame[note_column] != ""]:
            codes = cells.note_codes(cell(frame, idx, note_column))
            if isinstance(codes, cells.Refusal):
                collector.add(
                    table.problem(
                        idx,
                        codes.message,
                        column=note_column,
                        hint=codes.hint,
                    )
                )
                ok[idx] = False
                continue
            hiding = [cells.NOTE_STATUS[c] for c in codes if c in cells.NOTE_STATUS]
            given = values[idx]
            if hiding and hiding[0] in (cells.NOT_AVAILABLE, cells.NOT_APPLICABLE) and not pd.isna(given):
                collector.add(
                    table.problem(
                        idx,
                        f"{cell(frame, idx, 'metric')} has the value {cell(frame, idx, 'value')} but its note says "
                        f"{cells.NOTE_CODES[codes[0] if codes[0] in cells.NOTE_STATUS else 'x']}",
                        column=note_column,
                        hint="leave the value blank for a figure that is not available or not applicable, "
                        "or remove the note",
                    )
                )
                ok[idx] = False
                continue
            statuses = tuple(dict.fromkeys([*notes.get(idx, ()), *hiding]))
            notes[idx] = (*statuses, *(c for c in codes if c not in cells.NOTE_STATUS))
            if hiding:
                values[idx] = float("nan")  # confidential or a low figure: the number is never published
    negative = values < 0
    for idx in frame.index[negative]:
        collector.add(
            table.problem(
                idx,
                f"{cell(frame, idx, 'metric')} is {cell(frame, idx, 'value')}, but counts cannot be negative",
                column=value_column(idx),
                hint="correct the value; a count is zero or more",
            )
        )
    ok &= ~negative
    units = frame["metric"].map({code: metric.unit for code, metric in catalogue.metrics.items()}).fillna("")
    fractional = (units == "count") & values.notna() & (values % 1 != 0)
    for idx in frame.index[fractional]:
        collector.add(
            table.problem(
                idx,
                f"{cell(frame, idx, 'metric')} counts people or events "
                f"but has the fraction {cell(frame, idx, 'value')}",
                column=value_column(idx),
                hint="counts are whole numbers; check the value",
            )
        )
    ok &= ~fractional
    keys = frame["authority"] + "\x00" + frame["year"] + "\x00" + frame["metric"]
    dup = keys.duplicated(keep="first") & ok
    if dup.any():
        first_row = {k: int(table.rows[i]) for i, k in keys[~keys.duplicated(keep="first")].items()}
        for idx in frame.index[dup]:
            collector.add(
                table.problem(
                    idx,
                    f"{cell(frame, idx, 'metric')} for {cell(frame, idx, 'authority')} in {cell(frame, idx, 'year')} "
                    f"is given twice (first on row {first_row[keys[idx]]})",
                    hint="keep one row for each authority, year and metric",
                )
            )
    ok &= ~dup
    good = frame[ok]
    result: dict[MetricKey, float | None] = {}
    rows: dict[MetricKey, int] = {}
    key_notes: dict[MetricKey, tuple[str, ...]] = {}
    for idx, key, value, row in zip(  # plain lists: iterating a million pandas cells one by one is slow
        good.index.tolist(),
        zip(good["authority"].tolist(), good["year"].tolist(), good["metric"].tolist(), strict=True),
        values[ok].tolist(),
        table.rows[ok].tolist(),
        strict=True,
    ):
        result[key] = None if value != value else float(value)  # NaN, the one value unequal to itself
        rows[key] = int(row)
        if idx in notes:
            key_notes[key] = notes[idx]
    return result, rows, key_notes


def _read_values(column: pd.Series) -> tuple[pd.Series, dict[object, str], dict[object, cells.Refusal]]:
    """Numbers of a value column, with each cell's shorthand (space-separated codes) and the cells that cannot be read.

    Plain numbers take pandas' fast path; only the rest (thousands separators, markers, mistakes)
    are read one by one, so a million-row file stays quick.
    """
    import pandas as pd  # imported when data is read: a rebuild that reads none starts faster

    values = pd.to_numeric(column.where(~column.str.contains(",", regex=False), ""), errors="coerce")
    values = values.where(column != "")
    marked: dict[object, str] = {}
    refused: dict[object, cells.Refusal] = {}
    suspect = (values.isna() & (column != "")) | ~values.abs().le(cells.LARGEST) & values.notna()
    for idx in column.index[suspect]:
        read = cells.value_cell(str(column[idx]))
        if isinstance(read, cells.Refusal):
            refused[idx] = read
            values[idx] = float("nan")
        else:
            values[idx] = float("nan") if read.value is None else read.value
            if read.status is not None or read.codes:
                marked[idx] = " ".join([*([read.status] if read.status else []), *read.codes])
    return values, marked, refused


def _suggest_code(code: str, catalogue: Catalogue) -> str | None:
    import difflib

    normal = code.upper().replace(" ", "").replace("\\", "/").replace("-", "/")
    if normal in catalogue.metrics and normal != code:
        return f"did you mean {normal}?"
    close = difflib.get_close_matches(normal, list(catalogue.metrics), n=1, cutoff=0.85)
    return f"did you mean {close[0]}?" if close else None
